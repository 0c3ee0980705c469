package ingest

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/baogao/baogao"
	"github.com/baogao/baogao/internal/extract"
)

// date is a calendar date as a document states it; zero fields are unknown.
type date struct{ Y, M, D int }

func (d date) String() string {
	if d.Y == 0 || d.M == 0 || d.D == 0 {
		return ""
	}
	return strconv.Itoa(d.Y) + "-" + pad2(d.M) + "-" + pad2(d.D)
}

func pad2(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// cnDigits reads Chinese numerals as used in dates: 二〇二三, 十二, 二十六.
func cnNumber(s string) int {
	if n, err := strconv.Atoi(s); err == nil {
		return n
	}
	digit := map[rune]int{'〇': 0, '○': 0, '零': 0, 'Ｏ': 0, 'O': 0, '一': 1, '二': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}
	rs := []rune(s)
	if !strings.ContainsRune(s, '十') {
		n := 0
		for _, r := range rs {
			d, ok := digit[r]
			if !ok {
				return 0
			}
			n = n*10 + d
		}
		return n
	}
	// 十, 十二, 二十, 二十六
	n, cur := 0, 0
	for _, r := range rs {
		if r == '十' {
			if cur == 0 {
				cur = 1
			}
			n += cur * 10
			cur = 0
			continue
		}
		d, ok := digit[r]
		if !ok {
			return 0
		}
		cur = d
	}
	return n + cur
}

const (
	cnNum = `[〇○零Ｏ一二三四五六七八九十]`
	yearX = `((?:19|20)\d\d|` + cnNum + `{4})\s*年\s*`
	monX  = `(\d{1,2}|` + cnNum + `{1,2})\s*月\s*`
	dayX  = `(\d{1,2}|` + cnNum + `{1,3})\s*日`
)

var (
	// deliveryDate: "2023年1月3日在…会议上", "（2023年1月3日）", "二〇二三年一月四日在".
	deliveryDate = regexp.MustCompile(yearX + monX + dayX + `\s*(?:在|于|[)）])`)
	// compactDate: "(20221223)" in a title.
	compactDate = regexp.MustCompile(`[(（]((?:19|20)\d\d)(\d\d)(\d\d)[)）]`)
	// publishedDate: "2023-01-09 09:36", "2014年01月10日" in publication lines.
	publishedDate = regexp.MustCompile(`((?:19|20)\d\d)\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})`)
	anyYear       = regexp.MustCompile(`((?:19|20)\d\d)\s*年`)
	titleYear     = regexp.MustCompile(`((?:19|20)\d\d)(?:\s*年|[^\d])`)
	// sessionRe: "金乡县第十六届人民代表大会第三次会议", "市十六届人大一次会议".
	sessionRe = regexp.MustCompile(`(?:第?` + cnNum + `{1,3}届人民代表大会(?:常务委员会)?第` + cnNum + `{1,3}次(?:全体)?会议|` + cnNum + `{1,3}届人大` + cnNum + `{1,3}次会议)`)
	// speakerRe: a signature line "郑州市人民政府市长 何雄", "县长 董冰", "自治区主席 韦韬".
	speakerRe = regexp.MustCompile(`^[□■●\s]*(?:[\p{Han}]{0,20}人民政府)?\s*((?:代|副)?(?:省长|市长|县长|区长|旗长|州长|盟长|自治区主席|自治州州长|主席))\s*([\p{Han}·]{2,5})$`)
	// speakerInline: "县长董冰在…", "市长何雄作政府工作报告", "省长赵龙向大会作".
	speakerInline = regexp.MustCompile(`((?:代|副)?(?:省长|市长|县长|区长|旗长|州长|自治区主席))\s*([\p{Han}]{2,3})(?:代表|作|向|在|同志)`)
	bureauRe      = regexp.MustCompile(`([\p{Han}]{2,14}统计局)`)
	percentRe     = regexp.MustCompile(`\d[\d.]*\s*[%％]`)
	// partyMeeting: news of a party plenum or a work conference, not of a
	// government report ("县委十五届九次全会", "发展和改革工作会议").
	partyMeeting = regexp.MustCompile(`[县市省区州旗]委[^。，；\n]{0,12}(?:全会|全体会议)|委员会第[^。，；\n]{0,6}次全体会议|工作会议(?:上|召开|在)|召开[^。，；\n]{0,20}工作会议|党代会|党员代表大会|分析会|座谈会`)
)

// recogniser reads a document's metadata. The place index is its only
// dependency.
type recogniser struct {
	places placeIndex
}

// docText is what recognition looks at.
type docText struct {
	Title  string   // the title line as found (may be empty)
	Header []string // publication lines and lines before the title
	Body   string   // clean body
}

// headText returns the title, header lines and the first n runes of the body.
func (d docText) headText(n int) string {
	var b strings.Builder
	b.WriteString(d.Title)
	for _, h := range d.Header {
		b.WriteByte('\n')
		b.WriteString(h)
	}
	b.WriteByte('\n')
	b.WriteString(prefixRunes(d.Body, n))
	return b.String()
}

func prefixRunes(s string, n int) string {
	i := 0
	for j := range s {
		if i == n {
			return s[:j]
		}
		i++
	}
	return s
}

// meta recognises kind, place, year, date, session, speaker and issuer.
func (r *recogniser) meta(d docText) baogao.Meta {
	var m baogao.Meta
	m.Title = d.Title
	m.Kind = kindOf(d)
	delivered, published := datesOf(d)
	m.Date = delivered.String()
	if m.Date == "" {
		m.Date = published.String()
	}
	m.PlaceCode, m.PlaceCandidates = r.placeOf(d)
	placeName := ""
	if m.PlaceCode != "" {
		if p, err := r.places.Place(m.PlaceCode); err == nil {
			m.Place = r.places.FullName(p.Code)
			m.Level = p.Level
			placeName = p.Name
		}
	}
	m.Region = baogao.RegionOf(m.PlaceCode)
	head := d.headText(1500)
	if s := sessionRe.FindStringIndex(head); s != nil {
		m.Session = sessionOf(head, s)
	}
	m.Year = extract.DocumentYear(extract.YearInput{
		Kind: m.Kind, Level: m.Level, Title: d.Title, Header: d.Header, Body: d.Body,
		Delivered: extract.YearMonth{Year: delivered.Y, Month: delivered.M},
		Published: extract.YearMonth{Year: published.Y, Month: published.M},
	}).Year
	m.Speaker = speakerOf(d, head)
	m.Issuer = r.issuerOf(m, head)
	m.Title = displayTitle(m, d, placeName)
	return m
}

// Signals of kind in a body.
var (
	reportRefs  = []string{"政府工作报告", "工作报告", "政府报告", "报告工作", "报告指出", "报告提出", "报告显示", "报告强调", "《报告》"}
	sessionRefs = []string{"人民代表大会", "届人大"}
	planRefs    = []string{"预期目标", "工作回顾", "工作安排"}
	noticeRefs  = []string{"现印发给你们", "印发给你们", "通知如下", "特此通知", "现将有关事项"}
	otherTitles = []string{"解读", "问答", "图解", "分工", "通知", "计划书", "读后感", "心得", "范文", "述职", "意见", "办法", "方案", "决定"}
)

// kindOf tells the kind from the title, then from the body's signature.
// A news item that relays a report's content has the report's kind; news
// of a session without its content, a party plenum, a conference or a
// notice is "other".
func kindOf(d docText) baogao.Kind {
	t := d.Title
	body := prefixRunes(d.Body, 4000)
	opening := prefixRunes(d.Body, 600)
	switch {
	case containsAny(t, otherTitles):
		return baogao.KindOther
	case strings.Contains(t, "统计公报"):
		return baogao.KindStatsBulletin
	case strings.Contains(t, "预算执行情况") || strings.Contains(t, "预算草案"):
		return baogao.KindOther // a budget report, not the government's work report
	case strings.Contains(t, "工作报告") && !containsAny(t, []string{"报告会", "审议", "讨论"}):
		return baogao.KindWorkReport
	case containsAny(t, []string{"规划纲要", "五年规划", "规划（", "规划(", "发展规划"}) || strings.HasSuffix(t, "规划"),
		strings.Contains(t, "国民经济和社会发展") && strings.Contains(t, "计划"):
		return baogao.KindPlan
	}
	if containsAny(opening, noticeRefs) {
		return baogao.KindOther
	}
	if strings.Contains(opening, "各位代表") && containsAny(opening, []string{"报告工作", "报告政府工作", "作工作报告", "作政府工作报告"}) {
		return baogao.KindWorkReport
	}
	if strings.Contains(body, "统计公报") && containsAny(body, []string{"发布", "公布", "显示", "数据"}) {
		return baogao.KindStatsBulletin
	}
	if isBulletinBody(body) {
		return baogao.KindStatsBulletin
	}
	if hasReportHeading(body) {
		return baogao.KindWorkReport
	}
	figures := len(percentRe.FindAllStringIndex(body, 3))
	report := containsAny(t+body, reportRefs)
	if !report && partyMeeting.MatchString(t+"\n"+prefixRunes(d.Body, 400)) {
		return baogao.KindOther
	}
	if figures >= 1 && (report || containsAny(t+body, sessionRefs) || containsAny(t+body, planRefs)) {
		return baogao.KindWorkReport
	}
	return baogao.KindOther
}

// hasReportHeading recognises a work report (or an excerpt of one) by a
// heading of either of its halves: "一、2024年工作回顾", "二、2025年工作安排".
func hasReportHeading(body string) bool {
	for _, ln := range strings.Split(prefixRunes(body, 3000), "\n") {
		if utf8.RuneCountInString(ln) <= 30 && anyYear.MatchString(ln) &&
			containsAny(ln, []string{"工作回顾", "工作安排", "主要预期目标", "目标任务和重点工作"}) {
			return true
		}
	}
	return false
}

// isBulletinBody recognises a statistical bulletin without its title: the
// 一、综合 section, or 初步核算 with a chart caption "…及其增长速度".
func isBulletinBody(body string) bool {
	for _, ln := range strings.Split(prefixRunes(body, 3000), "\n") {
		s := strings.ReplaceAll(ln, " ", "")
		if s == "一、综合" || s == "综合" || s == "一、综述" {
			return true
		}
	}
	return strings.Contains(body, "初步核算") && strings.Contains(body, "及其增长速度")
}

// datesOf finds the delivery date (a report's "——2023年1月3日在…会议上")
// and the publication date (a page's "发布时间 2023-01-09").
func datesOf(d docText) (delivered, published date) {
	head := d.Title + "\n" + strings.Join(d.Header, "\n") + "\n" + prefixRunes(d.Body, 1200)
	if m := deliveryDate.FindStringSubmatch(head); m != nil {
		delivered = date{cnNumber(m[1]), cnNumber(m[2]), cnNumber(m[3])}
	} else if m := compactDate.FindStringSubmatch(d.Title); m != nil {
		delivered = date{cnNumber(m[1]), cnNumber(m[2]), cnNumber(m[3])}
	}
	if !delivered.valid() {
		delivered = date{}
	}
	for _, h := range d.Header {
		if m := publishedDate.FindStringSubmatch(h); m != nil {
			published = date{cnNumber(m[1]), cnNumber(m[2]), cnNumber(m[3])}
			if published.valid() {
				break
			}
			published = date{}
		}
	}
	return delivered, published
}

func (d date) valid() bool {
	return d.Y >= 1949 && d.Y <= 2100 && d.M >= 1 && d.M <= 12 && d.D >= 1 && d.D <= 31
}

// Heading words of a report's two halves.
var (
	reviewWords = []string{"回顾", "总结", "成绩", "成就", "进展"}
	planWords   = []string{"安排", "主要目标", "预期目标", "目标任务", "总体要求", "工作思路", "重点工作", "主要任务", "工作任务"}
)

// sessionOf returns the session a report was delivered at, with the place
// words that precede the match on its line ("金乡县第十六届人民代表大会第三次会议").
func sessionOf(head string, loc []int) string {
	start := loc[0]
	prefix := head[:start]
	if i := strings.LastIndexAny(prefix, "\n，。、；：:,在（(— "); i >= 0 {
		_, size := utf8.DecodeRuneInString(prefix[i:])
		prefix = prefix[i+size:]
	}
	if utf8.RuneCountInString(prefix) > 16 {
		prefix = ""
	}
	return strings.TrimSpace(prefix + head[start:loc[1]])
}

// speakerOf returns who delivered a report: "市长 何雄".
func speakerOf(d docText, head string) string {
	lines := append([]string{}, d.Header...)
	lines = append(lines, strings.Split(prefixRunes(d.Body, 600), "\n")...)
	for _, ln := range lines {
		if m := speakerRe.FindStringSubmatch(strings.TrimSpace(ln)); m != nil {
			return m[1] + " " + m[2]
		}
	}
	if m := speakerInline.FindStringSubmatch(head); m != nil {
		return m[1] + " " + m[2]
	}
	return ""
}

// issuerOf returns the issuing body: the place's people's government for a
// work report, the statistics bureau a bulletin names.
func (r *recogniser) issuerOf(m baogao.Meta, head string) string {
	switch m.Kind {
	case baogao.KindWorkReport, baogao.KindPlan:
		if m.PlaceCode != "" {
			if p, err := r.places.Place(m.PlaceCode); err == nil {
				return p.Name + "人民政府"
			}
		}
	case baogao.KindStatsBulletin:
		if b := bureauRe.FindString(head); b != "" {
			return b
		}
	}
	return ""
}

// sortedKeys returns a map's keys in order, for deterministic iteration.
func sortedKeys(m map[string]float64) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// creditRe finds a 来源 line's source: "来源：大众日报", "信息来源: 苏州市人民政府".
var creditRe = regexp.MustCompile(`来源\s*[:：]\s*([^\s|｜【】\[\]]{2,40})`)

// creditEnds are the labels that may follow a source on its line, glued to it.
var creditEnds = []string{"作者", "编辑", "责任编辑", "发布", "时间", "日期", "浏览", "阅读", "点击", "访问", "字号", "来源"}

// creditOf returns the source a page's publication lines name
// ("来源：大众日报" → 大众日报), "" when none does.
func creditOf(header []string) string {
	for _, h := range header {
		m := creditRe.FindStringSubmatch(h)
		if m == nil || containsAny(h, []string{"凡注明", "转载", "版权", "授权"}) {
			continue // a copyright notice naming sources, not this page's
		}
		c := m[1]
		if i := strings.IndexAny(c, "“”\"'‘’，,。；;（(）)"); i >= 0 {
			c = c[:i]
		}
		for _, end := range creditEnds {
			if i := strings.Index(c, end); i > 0 {
				c = c[:i]
			}
		}
		c = strings.TrimRight(c, ",，;；:：、。")
		if n := utf8.RuneCountInString(c); n >= 2 && n <= 20 && c != "网站" && c != "本站" {
			return c
		}
	}
	return ""
}
