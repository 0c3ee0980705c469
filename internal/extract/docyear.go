package extract

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	baogao "github.com/baogao/baogao"
)

// A document has one year: the year a work report plans for, the year a
// bulletin reports on, the first year of a plan. The recogniser (meta.year)
// and the extractor (which figures are this year's targets, which last
// year's outcomes) ask DocumentYear, so that they never disagree.

// YearEvidence says how a document's year was known.
type YearEvidence string

// The evidence DocumentYear weighs, strongest first for a work report.
const (
	// YearGiven: the caller knew the year (a stored or generated document).
	YearGiven YearEvidence = "given"
	// YearDelivered: the day a report was delivered ("——2024年1月16日在…会议上");
	// a report delivered in November or December is for the year after.
	YearDelivered YearEvidence = "delivered"
	// YearTitle: the title names it ("2025年政府工作报告（摘要）"), or names
	// the year before ("2024年成绩单").
	YearTitle YearEvidence = "title"
	// YearHeading: a heading of either half ("二、2025年工作安排",
	// "一、2024年工作回顾" → 2025).
	YearHeading YearEvidence = "heading"
	// YearPlan: phrases that plan for the year or name it as the current one
	// ("2025年主要预期目标", "2020年是“十三五”收官之年").
	YearPlan YearEvidence = "plan"
	// YearReview: phrases that look back on the year before ("回眸2024",
	// "过去的2024年", "2024年全县地区生产总值增长5.8%").
	YearReview YearEvidence = "review"
	// YearPublished: the page's publication time ("发布时间：2024-01-16 09:30").
	YearPublished YearEvidence = "published"
	// YearSession: the congress session ("第十九届人大四次会议" of a county: the
	// fourth year of the term elected in 2021).
	YearSession YearEvidence = "session"
	// YearMentioned: the years the text names, when nothing better tells.
	YearMentioned YearEvidence = "mentioned"
	// YearUnknown: nothing tells; the year is 0.
	YearUnknown YearEvidence = ""
)

// YearMonth is a month of a year as a document states it; zero fields are
// unknown.
type YearMonth struct{ Year, Month int }

// valid returns ym, or the zero YearMonth when it is not a month a
// document can be of.
func (ym YearMonth) valid() YearMonth {
	if ym.Year < 1949 || ym.Year > 2100 || ym.Month < 0 || ym.Month > 12 {
		return YearMonth{}
	}
	return ym
}

// YearInput is what DocumentYear reads.
type YearInput struct {
	Kind  baogao.Kind
	Level baogao.Level // of the document's place, when known (for the session)
	Title string
	// Header holds the publication lines and the lines before the title.
	Header []string
	Body   string
	// Delivered is the day a report was delivered, Published the page's
	// publication time; zero when unknown.
	Delivered, Published YearMonth
	// Given is a year the caller already knows (0: none); it is returned
	// as it is.
	Given int
}

// DocYear is a document's year and how it was known.
type DocYear struct {
	Year int
	// Reviewed is the year the text says it looks back on ("2024年工作回顾",
	// "回眸2024", "过去的2024年"), 0 when it does not say or when that
	// contradicts what it says it plans for.
	Reviewed int
	Evidence YearEvidence
}

// DocumentYear tells the year a document is for, and how it knew. For a
// work report (or news of one) that is the year it plans for: from the day
// it was delivered, its title, its headings, the phrases that plan or
// review, the publication time, the congress session, in that order. For a
// bulletin it is the year reported on; for a plan its first year; for
// other documents the year their title or text names.
func DocumentYear(in YearInput) DocYear {
	y, ev := documentYear(in)
	return DocYear{Year: y, Evidence: ev, Reviewed: reviewedYear([]rune(compactOf(prefixRunes(in.Body, phraseScan))), y, in.Kind)}
}

// reviewedYear returns the year the first phrase that names a reviewed year
// names, unless the first phrase that names a planned year is not the year
// after it. "2020年是…收官之年" names the current year of its sentence: the
// year reviewed in a report of 2021, the planned one in a report of 2020,
// and in other documents the year their figures are of.
func reviewedYear(r []rune, year int, kind baogao.Kind) int {
	plan, review := 0, 0
	for _, y := range yearsIn(r, 0, len(r)) {
		if y.use != "" || isBaseline(r, y.pos, 0, len(r)) {
			continue
		}
		role, w := phraseRole(r, y.pos)
		if w < weightNamed {
			continue
		}
		if role == yearPlanned && yearNamedAs(r, y.pos) {
			if kind == baogao.KindWorkReport && (year == 0 || y.year != year-1) {
				continue
			}
			role = yearReviewed
		}
		switch {
		case role == yearReviewed && review == 0:
			review = y.year
		case role == yearPlanned && plan == 0:
			plan = y.year
		}
	}
	if plan > 0 && review > 0 && plan != review+1 {
		return 0
	}
	return review
}

func documentYear(in YearInput) (int, YearEvidence) {
	if in.Given > 0 {
		return in.Given, YearGiven
	}
	in.Delivered, in.Published = in.Delivered.valid(), in.Published.valid()
	y, ev := kindYear(in)
	if in.Kind != baogao.KindWorkReport && y > 0 {
		// a year far behind the years the text tells of is a misreading
		// (a bulletin's title naming the base year of a comparison)
		if latest := latestYear([]rune(compactOf(in.Body))); y < latest-staleYears {
			return latest, YearMentioned
		}
	}
	return y, ev
}

// staleYears is how far a document's year may stand behind the latest
// year its text names.
const staleYears = 3

// kindYear weighs the evidence for a document of in.Kind.
func kindYear(in YearInput) (int, YearEvidence) {
	ty, titleEv := titleYear(in.Title)
	switch in.Kind {
	case baogao.KindWorkReport:
		if y := headingYear(in.Body); y > 0 {
			return y, YearHeading
		}
		if d := in.Delivered; d.Year > 0 {
			if d.Month >= 11 {
				return d.Year + 1, YearDelivered
			}
			return d.Year, YearDelivered
		}
		if ty > 0 && titleEv == titleOfReport {
			return ty, YearTitle
		}
		// a headline names the year of the figure it leads with, which the
		// body's phrases place
		r := []rune(compactOf(prefixRunes(in.Body, phraseScan)))
		if y, ev := phraseYear(r); y > 0 {
			return y, ev
		}
		if ty > 0 {
			if titleEv == titleOfReview {
				return ty + 1, YearTitle
			}
			return ty, YearTitle
		}
		if p := in.Published; p.Year > 0 && p.Month <= lastPublishMonth {
			return p.Year, YearPublished
		}
		if y := sessionYear(in, r); y > 0 {
			return y, YearSession
		}
		if y := latestYear(r[:min(len(r), mentionScan)]); y > 0 {
			return y, YearMentioned
		}
	case baogao.KindStatsBulletin:
		if ty > 0 {
			return ty, YearTitle
		}
		if y := guessYear([]rune(compactOf(prefixRunes(in.Body, bulletinScan)))); y > 0 {
			return y, YearMentioned
		}
		if in.Published.Year > 0 {
			return in.Published.Year - 1, YearPublished
		}
	case baogao.KindPlan:
		if y := fiveYearStart(in.Title); y > 0 {
			return y, YearTitle
		}
		if y := latestYear([]rune(compactOf(in.Title))); y > 0 {
			return y, YearTitle // "2021年计划执行情况与2022年计划草案" is the 2022 plan
		}
		if y := commonYear([]rune(compactOf(prefixRunes(in.Body, mentionScan)))); y > 0 {
			return y, YearMentioned
		}
	default:
		if y := latestYear([]rune(compactOf(in.Title))); y > 0 {
			return y, YearTitle
		}
		if y := commonYear([]rune(compactOf(prefixRunes(in.Body, mentionScan)))); y > 0 {
			return y, YearMentioned
		}
	}
	return 0, YearUnknown
}

// How much of a body each kind of evidence reads, in runes.
const (
	headingScan  = 30000 // headings of the two halves of a report
	phraseScan   = 20000 // plan and review phrases
	mentionScan  = 3000  // the years a text names
	bulletinScan = 300   // the year at the head of a bulletin
	sessionScan  = 1500  // the congress session a report was delivered at
	// maxYearHeading is the longest line read as a heading, in runes.
	maxYearHeading = 30
	// lastPublishMonth: reports are delivered and published early in the
	// year; a page published later is often a copy of an older one, and
	// its publication time then tells nothing.
	lastPublishMonth = 4
)

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

// compactOf is the compact text of s (see newText).
func compactOf(s string) string { return string(newText(s).r) }

// What a title's year means.
const (
	titleOfReport = "report" // "2025年政府工作报告": the year of the report
	titleOfReview = "review" // "2024年成绩单": the year before the report's
	titleOther    = "other"  // a news headline naming a year
)

var titleYearRe = regexp.MustCompile(`((?:19|20)\d\d)(?:\s*年|[^\d])`)

// titleReviewWords in a report's title mean its year is the one reviewed:
// "2023年成绩单来了", "淄博2018年预计地区生产总值突破5000亿元".
var titleReviewWords = []string{"成绩单", "回顾", "预计", "完成", "实现"}

// titleYear reads the first year a title names and what it means.
func titleYear(title string) (int, string) {
	m := titleYearRe.FindStringSubmatch(title + " ")
	if m == nil {
		return 0, ""
	}
	y, _ := strconv.Atoi(m[1])
	switch {
	case hasAny(title, titleReviewWords...):
		return y, titleOfReview
	case hasAny(title, "工作报告", "政府报告") && !hasAny(title, "到"+m[1], "至"+m[1]):
		return y, titleOfReport
	}
	return y, titleOther
}

// Heading words of a report's two halves.
var (
	reviewHeadWords = []string{"回顾", "总结", "成绩", "成就", "进展"}
	planHeadWords   = []string{"安排", "主要目标", "预期目标", "目标任务", "总体要求", "工作思路", "重点工作", "主要任务", "工作任务"}
)

var headingYearRe = regexp.MustCompile(`((?:19|20)\d\d)\s*年`)

// headingYear reads the plan year from a report's headings: the first short
// line naming a year and either half ("一、2024年工作回顾" → 2025).
func headingYear(body string) int {
	for _, ln := range strings.Split(prefixRunes(body, headingScan), "\n") {
		if utf8.RuneCountInString(ln) > maxYearHeading {
			continue
		}
		m := headingYearRe.FindStringSubmatchIndex(ln)
		if m == nil || hasAny(ln[:m[0]], "到", "至") {
			continue
		}
		y, _ := strconv.Atoi(ln[m[2]:m[3]])
		switch {
		case hasAny(ln, reviewHeadWords...):
			return y + 1
		case hasAny(ln, planHeadWords...):
			return y
		}
	}
	return 0
}

// Phrases around a year that tell what the year is to the document.
var (
	// reviewAfter and reviewBefore: the year is reviewed.
	reviewAfter  = []string{"回顾", "成绩", "工作总结", "不平凡的一年", "不寻常的一年"}
	reviewBefore = []string{"回顾", "回眸", "回首", "刚刚过去的", "过去的", "总结", "预计", "初步统计", "初步核算"}
	// planAfter and planBefore: the year is planned for, or named as the
	// current one ("2020年是“十三五”收官之年", "2025年政府工作报告").
	planAfter = []string{"工作安排", "主要目标", "预期目标", "总体要求", "重点工作", "主要工作任务", "总体思路", "工作思路", "政府工作报告", "工作报告"}
	// yearIs: "2020年是“十三五”收官之年" names the current year of its
	// sentence: the planned one, unless the sentence goes on to tell what
	// was done in it (pastWords).
	yearIs     = []string{"之年", "最后一年", "关键一年", "第一年"}
	pastWords  = []string{"完成", "实现", "取得", "顺利", "圆满", "胜利", "经受", "交出", "走过", "克服", "战胜", "成功"}
	planBefore = []string{"部署", "展望", "今年("}
	// planCues in the rest of the sentence set a target for the year.
	planCues = []string{"力争", "预期目标", "目标是", "目标为", "预期增长"}
	// doneWords in the rest of the sentence say the year is over.
	doneWords = []string{"完成了", "顺利完成", "圆满完成", "实现了", "取得了"}
	// achievedVerbs before a figure state what was achieved.
	achievedVerbs = []string{"增长", "完成", "实现", "达到", "下降"}
)

// Weights of the phrases: a phrase that names the year of the plan or of
// the review outright counts more than a sentence that happens to be dated.
const (
	weightNamed    = 3 // "2025年主要预期目标", "回顾2024年"
	weightSentence = 1 // "2024年，全县地区生产总值增长5.8%"
	// phraseWindow is how far after a year its phrase is read, in runes;
	// sentenceWindow how far the rest of its sentence.
	phraseWindow   = 18
	sentenceWindow = 40
	// paragraphWindow: how far the paragraph after "2020年是…收官之年" is
	// read for what was done in the year.
	paragraphWindow = 300
)

// yearRole is what a phrase says a year is to the document.
type yearRole int

const (
	yearNeither  yearRole = iota
	yearPlanned           // the year the document plans for
	yearReviewed          // the year before the document's
)

// phraseRole tells what the year named at r[pos] is to a report, and how
// much the phrase around it weighs.
func phraseRole(r []rune, pos int) (yearRole, int) {
	end := pos + 4
	if end < len(r) && r[end] == '年' {
		end++
	}
	after := string(r[end:min(len(r), end+phraseWindow)])
	if i := strings.IndexAny(after, ",;。!?\n"); i >= 0 {
		after = after[:i]
	}
	sentence := string(r[end:min(len(r), end+sentenceWindow)])
	if i := strings.IndexAny(sentence, "。!?\n"); i >= 0 {
		sentence = sentence[:i]
	}
	before := string(r[max(0, pos-6):pos])
	done := hasAny(sentence, doneWords...)
	switch {
	case hasAny(after, reviewAfter...) || hasAny(before, reviewBefore...):
		return yearReviewed, weightNamed
	case yearNamedAs(r, pos):
		// the rest of its paragraph
		para := string(r[end:min(len(r), end+paragraphWindow)])
		if i := strings.IndexByte(para, '\n'); i >= 0 {
			para = para[:i]
		}
		if hasAny(para, pastWords...) {
			return yearReviewed, weightNamed
		}
		return yearPlanned, weightNamed
	case !done && (hasAny(after, planAfter...) || hasAny(before, planBefore...)):
		return yearPlanned, weightNamed
	case done:
		return yearReviewed, weightSentence
	case hasAny(sentence, planCues...):
		return yearPlanned, weightSentence
	case statesAchieved(sentence):
		return yearReviewed, weightSentence
	}
	return yearNeither, 0
}

// yearNamedAs reports whether the year at r[pos] is named as a year of a
// kind: "2020年是“十三五”收官之年".
func yearNamedAs(r []rune, pos int) bool {
	end := pos + 4
	if end < len(r) && r[end] == '年' {
		end++
	}
	after := string(r[end:min(len(r), end+phraseWindow)])
	if i := strings.IndexAny(after, ",;。!?\n"); i >= 0 {
		after = after[:i]
	}
	return strings.HasPrefix(after, "是") && hasAny(after, yearIs...)
}

// phraseYear weighs the phrases of a report that plan for a year (that
// year) or review one (the year after). The year with the most weight
// wins; on a tie, the first named.
func phraseYear(r []rune) (int, YearEvidence) {
	weight := map[int]int{}
	var order []int
	evidence := map[int]YearEvidence{}
	for _, y := range yearsIn(r, 0, len(r)) {
		if y.use != "" || isBaseline(r, y.pos, 0, len(r)) {
			continue
		}
		role, w := phraseRole(r, y.pos)
		doc, ev := y.year, YearPlan
		switch role {
		case yearNeither:
			continue
		case yearReviewed:
			doc, ev = y.year+1, YearReview
		}
		if _, ok := weight[doc]; !ok {
			order = append(order, doc)
			evidence[doc] = ev
		}
		weight[doc] += w
	}
	best, bestW := 0, 0
	for _, y := range order {
		if weight[y] > bestW {
			best, bestW = y, weight[y]
		}
	}
	return best, evidence[best]
}

// statesAchieved reports whether the clause after a year states a figure
// achieved in it ("2024年全县地区生产总值增长5.8%"), with no target cue.
func statesAchieved(sentence string) bool {
	clause := sentence
	if i := strings.IndexAny(clause, ";"); i >= 0 {
		clause = clause[:i]
	}
	if hasAny(clause, targetCues...) || hasAny(clause, "今年", "将") {
		return false
	}
	for _, v := range achievedVerbs {
		if i := strings.Index(clause, v); i >= 0 {
			if rest := clause[i+len(v):]; rest != "" && isDigit(rune(rest[0])) {
				return true
			}
		}
	}
	return false
}

// Congress terms: county and township congresses were elected together
// every five years (2016, 2021), prefecture and province congresses a year
// or two later (2017–18, 2022–23); a term's first session is in its first
// year and one session is held a year.
var (
	countyTerms     = []int{2006, 2011, 2016, 2021, 2026}
	provincialTerms = []int{2007, 2008, 2012, 2013, 2017, 2018, 2022, 2023, 2027, 2028}
	termYears       = 5
	// sessionSlack is how far the session's year may stand from the year
	// that anchors it.
	sessionSlack = 1
)

var sessionNumberRe = regexp.MustCompile(`届(?:人民代表大会|人大)(?:常务委员会|常委会)?第?([一二三四五六七八九十]{1,2})次(?:全体)?会议`)

// earlierSession: words after a session that make it an earlier one the
// text refers to ("市十三届人大三次会议确定的目标任务").
var earlierSession = []string{"确定", "提出", "通过", "部署", "以来", "批准"}

// sessionYear reads the year of a report from the session of the congress
// it was delivered at: the n-th session of a term elected in year t is in
// year t+n−1. Terms repeat every five years, and the text or its
// publication must name a year within a year of one of the session's
// years to tell which.
func sessionYear(in YearInput, r []rune) int {
	head := prefixRunes(in.Title+"\n"+strings.Join(in.Header, "\n")+"\n"+in.Body, sessionScan)
	n, county := 0, false
	for _, m := range sessionNumberRe.FindAllStringSubmatchIndex(head, -1) {
		if hasAny(prefixRunes(head[m[1]:], 4), earlierSession...) {
			continue
		}
		n = cnSmall(head[m[2]:m[3]])
		line := head[strings.LastIndexByte(head[:m[0]], '\n')+1 : m[0]]
		county = in.Level == baogao.LevelCounty || in.Level == "" && hasAny(line, "县", "区", "旗", "镇", "乡")
		break
	}
	if n < 1 || n > termYears+1 {
		return 0
	}
	terms := provincialTerms
	if county {
		terms = countyTerms
	}
	anchor := in.Published.Year
	if anchor == 0 {
		anchor = latestYear(r[:min(len(r), mentionScan)])
	}
	best := 0
	for _, t := range terms {
		if y := t + n - 1; anchor > 0 && abs(y-anchor) <= sessionSlack && (best == 0 || abs(y-anchor) < abs(best-anchor) || y > best && abs(y-anchor) == abs(best-anchor)) {
			best = y
		}
	}
	return best
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// cnSmall reads a Chinese numeral below 100: 四, 十二, 二十.
func cnSmall(s string) int {
	digit := map[rune]int{'一': 1, '二': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}
	n, cur := 0, 0
	for _, c := range s {
		if c == '十' {
			n += max(cur, 1) * 10
			cur = 0
			continue
		}
		cur = digit[c]
	}
	return n + cur
}

// fiveYearStarts are the first years of the five-year plans, by the
// ordinal in their names (十四五, 第十四个五年规划).
var fiveYearStarts = map[string]int{"十一": 2006, "十二": 2011, "十三": 2016, "十四": 2021, "十五": 2026, "十六": 2031}

var (
	fiveYearName = regexp.MustCompile(`(十[一二三四五六])(?:五|个五年)`)
	yearRangeRe  = regexp.MustCompile(`((?:19|20)\d\d)\s*(?:年)?\s*[—－\-~至到]\s*(?:19|20)\d\d\s*年`)
)

// fiveYearStart returns the first year of the five-year plan a title
// names, or of a year range it names ("2021—2025年"); 0 when it names none.
func fiveYearStart(title string) int {
	if m := fiveYearName.FindStringSubmatch(title); m != nil {
		return fiveYearStarts[m[1]]
	}
	if m := yearRangeRe.FindStringSubmatch(title); m != nil {
		y, _ := strconv.Atoi(m[1])
		return y
	}
	return 0
}

// commonYear returns the year r names most often as the time of something
// (the first on a tie), horizons and comparisons aside.
func commonYear(r []rune) int {
	count := map[int]int{}
	best, bestN := 0, 0
	for _, y := range yearsIn(r, 0, len(r)) {
		if y.use != "" && y.use != "since" {
			continue
		}
		count[y.year]++
		if count[y.year] > bestN {
			best, bestN = y.year, count[y.year]
		}
	}
	return best
}
