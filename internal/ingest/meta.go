package ingest

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/baogao/baogao"
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
	// planYear: the year a report plans for.
	planYear = regexp.MustCompile(`((?:19|20)\d\d)\s*年[^。；;，,\n]{0,12}?(?:工作安排|主要预期目标|预期目标|主要目标|总体要求|重点工作|总体思路)|今年[（(]((?:19|20)\d\d)\s*年`)
	// reviewYear: the year a report looks back on.
	reviewYear = regexp.MustCompile(`((?:19|20)\d\d)\s*年(?:及|和)?[^，。\n]{0,12}工作回顾|回顾(?:了)?((?:19|20)\d\d)\s*年|过去的((?:19|20)\d\d)\s*年|(?:预计|初步统计|初步核算)[，,]?((?:19|20)\d\d)\s*年|((?:19|20)\d\d)\s*年[，,]?(?:全[市县省区州旗]|我[市县省区州旗])[^。]{0,30}(?:完成|实现)`)
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
	m.Year = yearOf(m.Kind, d, delivered, published)
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

// yearOf tells the year a document is for. For a work report that is the
// year it plans for, found, in order of trust: in its headings ("一、2022年
// 工作回顾" → 2023, "二、2023年工作安排" → 2023); from the delivery date (a
// report delivered in November or December is for the next year); in the
// title; in the plan or review phrases of its text. For a bulletin it is
// the year it reports on. Otherwise the year the title names, or the
// body's first.
func yearOf(kind baogao.Kind, d docText, delivered, published date) int {
	body := prefixRunes(d.Body, 20000)
	ty := firstYear(titleYear, d.Title)
	switch kind {
	case baogao.KindWorkReport:
		if y := headingYear(d); y != 0 {
			return y
		}
		if delivered.Y != 0 {
			if delivered.M >= 11 {
				return delivered.Y + 1
			}
			return delivered.Y
		}
		if ty != 0 {
			if containsAny(d.Title, titleReviewWords) {
				return ty + 1
			}
			return ty
		}
		if y := mostCommonYear(planYear, body); y != 0 {
			return y
		}
		if y := mostCommonYear(reviewYear, dropTargets(body)); y != 0 {
			return y + 1
		}
		if published.Y != 0 && published.M <= 4 {
			return published.Y
		}
		if y := latestYear(prefixRunes(body, 3000)); y != 0 {
			return y
		}
	case baogao.KindStatsBulletin:
		if ty != 0 {
			return ty
		}
		if y := firstYear(anyYear, prefixRunes(body, 300)); y != 0 {
			return y
		}
		if published.Y != 0 {
			return published.Y - 1
		}
	case baogao.KindPlan:
		if y := fiveYearStart(d.Title); y != 0 {
			return y
		}
		if y := latestYear(d.Title); y != 0 {
			return y // "2021年计划执行情况与2022年计划草案" is the 2022 plan
		}
		return mostCommonYear(anyYear, prefixRunes(body, 3000))
	default:
		if y := latestYear(d.Title); y != 0 {
			return y
		}
		return mostCommonYear(anyYear, prefixRunes(body, 3000))
	}
	return firstYear(anyYear, prefixRunes(body, 2000))
}

// targetClause matches a clause that sets a target ("2020年，全市力争实现…"),
// which reviewYear would otherwise read as a review of that year.
var targetClause = regexp.MustCompile(`[^。；，,\n]*(?:力争|预期|确保|争取|目标[是为：:])[^。；\n]*`)

// dropTargets blanks the clauses of s that set targets.
func dropTargets(s string) string {
	return targetClause.ReplaceAllLiteralString(s, "")
}

// fiveYearPlans are the first years of the five-year plans, by the ordinal
// in their names (十四五, 第十四个五年规划).
var fiveYearPlans = map[string]int{"十一": 2006, "十二": 2011, "十三": 2016, "十四": 2021, "十五": 2026, "十六": 2031}

var fiveYearName = regexp.MustCompile(`(十[一二三四五六])(?:五|个五年)`)

// fiveYearStart returns the first year of the five-year plan a title
// names, or of a year range it names ("2021—2025年"); 0 when it names none.
func fiveYearStart(title string) int {
	if m := fiveYearName.FindStringSubmatch(title); m != nil {
		return fiveYearPlans[m[1]]
	}
	if m := yearRange.FindStringSubmatch(title); m != nil {
		return cnNumber(m[1])
	}
	return 0
}

var yearRange = regexp.MustCompile(`((?:19|20)\d\d)\s*(?:年)?\s*[—－\-~至到]\s*(?:19|20)\d\d\s*年`)

// titleReviewWords in a report's title mean its year is the one reviewed:
// "2023年成绩单来了", "淄博2018年预计地区生产总值突破5000亿元".
var titleReviewWords = []string{"成绩单", "回顾", "预计", "完成", "实现"}

// deadlineYear matches years that are deadlines or horizons, not the year
// a text is about: 到2025年, 2035年远景目标, 2021—2025年.
var deadlineYear = regexp.MustCompile(`(?:到|至|—|－|-|~)\s*((?:19|20)\d\d)\s*年|((?:19|20)\d\d)\s*年(?:远景|前|底前|以前)`)

// latestYear returns the latest year s names, deadlines and horizons aside;
// news of a report names the year reviewed and the year planned.
func latestYear(s string) int {
	skip := map[int]bool{}
	for _, m := range deadlineYear.FindAllStringSubmatchIndex(s, -1) {
		skip[m[0]] = true
	}
	best := 0
	for _, m := range anyYear.FindAllStringSubmatchIndex(s, -1) {
		y := cnNumber(s[m[2]:m[3]])
		dead := false
		for _, d := range deadlineYear.FindAllStringSubmatchIndex(s, -1) {
			if m[2] >= d[0] && m[3] <= d[1] {
				dead = true
			}
		}
		if !dead && y > best {
			best = y
		}
	}
	return best
}

// Heading words of a report's two halves.
var (
	reviewWords = []string{"回顾", "总结", "成绩", "成就", "进展"}
	planWords   = []string{"安排", "主要目标", "预期目标", "目标任务", "总体要求", "工作思路", "重点工作", "主要任务", "工作任务"}
)

// headingYear reads the plan year from a report's headings: the first short
// line naming a year and either half.
func headingYear(d docText) int {
	for _, ln := range strings.Split(prefixRunes(d.Body, 30000), "\n") {
		if utf8.RuneCountInString(ln) > 30 {
			continue
		}
		y := firstYear(anyYear, ln)
		if y == 0 {
			continue
		}
		switch {
		case containsAny(ln, reviewWords):
			return y + 1
		case containsAny(ln, planWords):
			return y
		}
	}
	return 0
}

func firstYear(re *regexp.Regexp, s string) int {
	m := re.FindStringSubmatch(s)
	if m == nil {
		return 0
	}
	for _, g := range m[1:] {
		if g != "" {
			return cnNumber(g)
		}
	}
	return 0
}

// mostCommonYear returns the year the pattern's groups name most often
// (the first on a tie).
func mostCommonYear(re *regexp.Regexp, s string) int {
	count := map[int]int{}
	best, bestN := 0, 0
	for _, m := range re.FindAllStringSubmatch(s, -1) {
		for _, g := range m[1:] {
			if g == "" {
				continue
			}
			y := cnNumber(g)
			count[y]++
			if count[y] > bestN {
				best, bestN = y, count[y]
			}
		}
	}
	return best
}

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
