package extract

import (
	"strings"

	baogao "github.com/baogao/baogao"
)

// A figure is a target, an outcome or a goal according to where it stands
// and what is said around it. Work reports review the past year, then set
// the targets of their own year ("主要预期目标"), and may look further ahead
// ("十五五"时期); bulletins state the outcomes of their year; news items mix
// all of these. The judge keeps what the document has told so far — the
// section a heading opened, the year a paragraph is about, whether the
// year's targets have been opened — and weighs it against the words of the
// sentence up to each figure: the years it names, 今年/去年, 预计, 力争 ….

// role says what the figures of a sentence are.
type role int

const (
	roleNone    role = iota
	roleOutcome      // achieved in a past year
	roleTarget       // set for the document's own year
	roleGoal         // set for a later year or a multi-year period (到2025年, "十五五")
)

// section is the part of a document a heading opens.
type section int

const (
	secUnknown section = iota
	secReview          // 工作回顾: outcomes of the past year
	secPlan            // 工作安排: targets of this year
	secLong            // "十五五"时期主要目标: multi-year goals
	secMixed           // 目标任务和2026年工作安排: decide by sentence
)

// headingSection tells what heading r opens, for a document of year y.
func headingSection(r []rune, y int) section {
	h := string(r)
	review := hasAny(h, "回顾", "成就", "成绩", "总结", "过去", "一年来", "五年来", "执行情况")
	long := plansAhead(h, y) || hasAny(h, "十五五", "十四五", "十三五", "十二五", "十一五", "五年规划", "规划纲要") && !review
	plan := hasAny(h, "工作安排", "主要目标", "预期目标", "总体要求", "目标任务", "重点工作", "主要任务", "今年", "工作任务", "工作打算", "重点任务")
	for _, ref := range yearsIn(r, 0, len(r)) {
		if y == 0 || ref.use != "" {
			continue
		}
		switch {
		case ref.year == y:
			// "2023年工作安排", "关于2026年工作"; not a title "2023年政府工作报告"
			if hasAny(h, "工作", "安排", "任务", "目标", "重点", "打算", "要点") && !strings.Contains(h, "工作报告") {
				plan = true
			}
		case ref.year < y:
			if hasAny(h, "工作", "主要") && !strings.Contains(h, "工作报告") {
				review = true
			}
		}
	}
	switch {
	case review && plan:
		return secMixed
	case review:
		return secReview
	case long && plan:
		if y > 0 && strings.Contains(h, itoa(y)) {
			return secMixed
		}
		return secLong
	case long:
		return secLong
	case plan:
		return secPlan
	}
	return secUnknown
}

// isHeading reports whether the paragraph r[a:b] reads as a heading: short,
// with no sentence end.
func isHeading(r []rune, a, b int) bool {
	n := b - a
	if n == 0 || n > maxHeading {
		return false
	}
	for _, c := range r[a:b] {
		if c == '。' {
			return false
		}
	}
	return startsHeading(r[a:b]) || n <= shortHeading
}

// comparisons name last year as a base, not as the time of a figure.
var comparisons = strings.NewReplacer("比上年", "", "比去年", "", "较上年", "", "较去年", "")

// isSubHeading reports whether h is a heading below the top level:
// "(一)…", "1.…", "1、…".
func isSubHeading(h []rune) bool {
	return len(h) > 1 && (h[0] == '(' || isDigit(h[0]) && (h[1] == '.' || h[1] == '、'))
}

// cue words of sentences.
var (
	// targetCues mark a sentence that sets this year's targets.
	targetCues = []string{"预期目标", "主要目标", "目标是", "目标为", "目标区间", "预期", "力争", "确保", "控制在", "计划", "争取",
		"安排", "建议", "锁定", "目标", "力促", "奋力实现"}
	// strongTargetCues open the paragraph of the year's main targets.
	strongTargetCues = []string{"预期目标", "主要目标", "目标区间", "发展目标", "经济增长目标", "增长目标", "预期性目标"}
	// strongPastCues tell a figure of the past even inside the plan part.
	strongPastCues = []string{"去年", "过去一年", "过去的一年", "一年来", "刚刚过去", "上一年", "初步核算", "初步统计", "预计",
		"超额完成", "创历史新高", "历史新高", "实现了", "完成了", "达到了", "增长了"}
	// pastCues mark a sentence that tells what was achieved.
	pastCues = []string{"比上年", "同比", "较上年", "比去年", "全年实现", "全年完成", "居全国", "居全省", "居全市", "位居", "跃居"}
)

// opensTargets reports whether sentence s opens the year's targets:
// "今年…主要预期目标是:", "2023年经济社会发展的主要目标为", but not
// "“十五”计划主要预期目标提前实现".
func opensTargets(s string, year int) bool {
	if !strings.Contains(s, "目标") { // every cue has it
		return false
	}
	for _, cue := range strongTargetCues {
		i := strings.Index(s, cue)
		if i < 0 {
			continue
		}
		if m := targetsMetRe.FindStringIndex(s); m != nil && m[0] <= i && i < m[1] {
			continue // "圆满完成全年预期目标": targets met, not set
		}
		after := s[i+len(cue):]
		if hasAny(firstRunes(after, opensLook), "是", "为", ":", "建议", "如下", "区间") || strings.HasPrefix(after, ",") {
			return true
		}
		if hasAny(s[:i], "今年", itoa(year)+"年") && !hasAny(s, "实现", "完成") {
			return true
		}
	}
	return false
}

// Windows of the judge, in runes.
const (
	// opensLook: how far after "预期目标" its "是", "为" or ":" is looked for.
	opensLook = 12
	// minTargetsParagraph: a paragraph shorter than this that names the
	// targets is a headline, not the list of them.
	minTargetsParagraph = 40
	// paragraphHead: how much of a paragraph's start tells what it is about
	// ("五年来,…", "过去一年,…").
	paragraphHead = 40
	// sentenceHead: how much of a sentence's start tells that it goes on
	// about last year ("过去一年,…").
	sentenceHead = 8
	// topicLead: how far into its clause a year may stand and still be the
	// clause's topic ("报告显示,2024年深圳市…").
	topicLead = 8
	// maxHeading and shortHeading: a paragraph up to maxHeading runes reads
	// as a heading when it starts with an outline marker, up to shortHeading
	// without one.
	maxHeading   = 40
	shortHeading = 24
)

// backReferences open a sentence that names what came before it.
var backReferences = []string{"这是", "这些是", "这些都是", "这就是", "这也是", "以上是", "以上就是"}

// targetsNamedAfter returns the compact offset of the first sentence of
// the paragraph r[pa:pb] that names the figures before it as this year's
// targets ("“地区生产总值增长6%左右……”，这是记者从会上获悉的今年主要预期目标"),
// or -1.
func targetsNamedAfter(r []rune, pa, pb, year int) int {
	for i := pa + 1; i < pb; i++ {
		if !isClauseBreak(r[i-1]) {
			continue
		}
		for _, w := range backReferences {
			if !hasPrefixAt(r[:pb], i, w) {
				continue
			}
			end := i
			for end < pb && !strings.ContainsRune("。!?", r[end]) {
				end++
			}
			s := string(r[i:end])
			if strings.Contains(s, "目标") && (hasAny(s, "今年", "预期", "主要") || namesYear(s, year)) && !hasAny(s, "完成", "实现") {
				return i
			}
		}
	}
	return -1
}

// judge decides the role and year of the figures of one sentence.
type judge struct {
	r    []rune
	year int // the document's year; 0 when unknown
	kind baogao.Kind
	// ownYear: figures default to the document's own year (a bulletin, or
	// a news item relaying one), not to the year before (a work report)
	ownYear bool
	sec     section
	secYear int  // the year the current heading names
	inPlan  bool // past the paragraph of the year's main targets
	ctxYear int  // the last plain year named in the paragraph
	// paraTarget: an earlier sentence of the paragraph set targets
	// ("明确目标,再出发!" before a list of figures)
	paraTarget bool
	// fiveYear: inside the review of a five-year period ("五年来,…")
	fiveYear bool
	// paraLong: an earlier sentence of the paragraph spoke of a plan for
	// several years ("《纲要(草案)》明确了…主要指标:")
	paraLong bool
	// reviewYear: the year the text says it looks back on; 0 when it does
	// not say
	reviewYear int
	// targetsAfter: the compact offset of a sentence later in the paragraph
	// that names the figures before it as this year's targets ("这是…今年主要
	// 预期目标"); -1 when there is none
	targetsAfter int
	// baseYear: the paragraph compares with a year long past "(下同)":
	// "比2012年(下同)增长47.7%" is growth over four years, not one
	baseYear int
}

// spansYears reports whether a growth figure of year y, with the text
// before it in its clause, is measured against a year before y-1.
func (j *judge) spansYears(before string, y int) bool {
	base := j.baseYear
	r := []rune(before)
	clause := len(r) - len([]rune(clauseOf(before)))
	for _, ref := range yearsIn(r, 0, len(r)) {
		if ref.use == "compare" && (ref.pos >= clause || strings.Contains(string(r[ref.pos:min(len(r), ref.pos+12)]), "下同")) {
			base = ref.year
		}
	}
	return base > 0 && y > 0 && base < y-1
}

// startParagraph updates the state at the paragraph r[pa:pb]: a heading
// opens a section; a paragraph that opens on the five-year period, or on
// last year, switches the review between the two.
func (j *judge) startParagraph(pa, pb int) {
	j.ctxYear = 0
	j.paraTarget = false
	j.paraLong = false
	j.baseYear = 0
	j.targetsAfter = targetsNamedAfter(j.r, pa, pb, j.year)
	r := j.r
	// a top-level heading (not "(一)…" or "1.…", nor a headline that
	// states a figure) opens a section
	if isHeading(r, pa, pb) && !isSubHeading(r[pa:pb]) && !strings.ContainsRune(string(r[pa:pb]), '%') {
		h := string(r[pa:pb])
		if sec := headingSection(r[pa:pb], j.year); sec != secUnknown || startsHeading(r[pa:pb]) {
			j.sec = sec
			j.secYear = 0
			for _, y := range yearsIn(r, pa, pb) {
				if y.use == "" {
					j.secYear = y.year
				}
			}
			if sec == secPlan {
				j.inPlan = true
			}
			// "一、“十四五”时期工作回顾": the whole section reviews the period
			j.fiveYear = sec == secReview && (reviewsPeriod(h, j.year) || strings.Contains(h, "五年")) && j.secYear == 0
			return
		}
	}
	head := string(r[pa:min(pb, pa+paragraphHead)])
	switch {
	case plansAhead(head, j.year):
		j.fiveYear = false
	case hasAny(head, "五年来", "过去五年", "这五年", "五年间", "的五年") || reviewsPeriod(head, j.year) && hasAny(head, "时期", "期间", "以来"):
		j.fiveYear = true
	case hasAny(head, "过去一年", "过去的一年", "去年", "一年来", "刚刚过去的一年") || j.year > 0 && topicYear(r, pa, min(pb, pa+paragraphHead), j.year) == j.year-1:
		j.fiveYear = false
	case reviewsPeriod(head, j.year) && strings.Contains(head, "收官"):
		j.fiveYear = true
	}
}

// endSentence remembers what a sentence told about its paragraph.
func (j *judge) endSentence(a, b int) {
	s := string(j.r[a:b])
	if !j.paraTarget && hasAny(s, targetCues...) && !hasAny(s, strongPastCues...) && !hasAny(s, pastCues...) && !hasAny(s, "实现", "完成") {
		j.paraTarget = true
	}
	if y := topicYear(j.r, a, b, j.year); y > 0 {
		j.ctxYear = y
	} else if head := string(j.r[a:min(b, a+sentenceHead)]); j.year > 0 && hasAny(head, "过去一年", "过去的一年", "去年", "一年来", "刚刚过去的一年") {
		// "过去一年,…。城镇新增就业5243人": the paragraph goes on about last
		// year (the year of a bulletin is its own)
		j.ctxYear = j.year - 1
		if j.ownYear {
			j.ctxYear = j.year
		}
	}
	for _, ref := range yearsIn(j.r, a, b) {
		if ref.use == "compare" && strings.Contains(string(j.r[ref.pos:min(b, ref.pos+12)]), "下同") {
			j.baseYear = ref.year
		}
	}
	// a sentence that opens the indicators of a plan for several years
	// ("《纲要(草案)》明确了…主要指标:一是…")
	if !j.paraLong && hasAny(s, ":", "主要指标", "目标是", "目标为") && plansAhead(s, j.year) && !strings.Contains(s, "今年") &&
		(j.year == 0 || !strings.Contains(s, itoa(j.year)+"年")) && j.sec != secReview && !j.fiveYear {
		j.paraLong = true
	}
}

func (j *judge) pastYear() int {
	if j.ctxYear > 0 && (j.year == 0 || j.ctxYear < j.year || j.ownYear && j.ctxYear == j.year) {
		return j.ctxYear
	}
	if j.secYear > 0 && (j.year == 0 || j.secYear < j.year) {
		return j.secYear
	}
	if j.reviewYear > 0 && (j.year == 0 || j.reviewYear <= j.year) {
		return j.reviewYear
	}
	if j.year > 0 {
		if j.ownYear {
			return j.year
		}
		return j.year - 1
	}
	return 0
}
