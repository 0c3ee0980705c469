package extract

import (
	"regexp"
	"strings"
	"unicode/utf8"

	baogao "github.com/baogao/baogao"
)

// The role of a figure — this year's target, a past year's outcome, a goal
// for later, or none of these — is decided by an ordered table of named
// rules. Each rule reads what the text says before the figure (its
// sentence up to the figure's clause), what the paragraph says after it,
// and what the judge knows of the document so far; the first rule that
// decides, decides. Vetoes then turn some outcomes back into nothing.

// decision is a figure's role, the year it is of, and the rule that said so.
type decision struct {
	role role
	year int
	rule string
}

// cue is what the rules read about one figure (or one sentence, for the
// goals of industries, with no figure).
type cue struct {
	a, b int    // the sentence up to the figure's clause, compact offsets
	s    string // r[a:b]
	f    *figure
	// what s says
	plain      []int // plain years named, baselines aside, in order
	until      int   // the last horizon named (到2025年); 0 when none
	thisYear   bool  // 今年, but not 今年以来
	target     bool  // a target cue, or 今年
	past       bool  // a cue of achievement
	strongPast bool  // a cue of achievement that holds even in the plan part
	opens      bool  // it opens the year's targets
}

// roleRule is one named rule: apply returns its decision, or false when it
// does not decide.
type roleRule struct {
	name  string
	apply func(j *judge, c *cue) (role, int, bool)
}

// roleRules are tried in order.
var roleRules = []roleRule{
	{"part of a year", rulePartOfYear},
	{"share of a target", ruleShareOfTarget},
	{"paragraph of a multi-year plan", ruleLongParagraph},
	{"a later year or a period", ruleAhead},
	{"a bulletin states outcomes", ruleBulletin},
	{"the year named nearest", ruleNamedYear},
	{"the figure's own clause", ruleOwnClause},
	{"targets met", ruleTargetsMet},
	{"a cue after the list", ruleCueAfter},
	{"a past year of the paragraph", ruleParagraphYear},
	{"the section", ruleSection},
	{"target cues", ruleTargetCues},
	{"strong past cues", ruleStrongPast},
	{"the plan part", rulePlanPart},
	{"past cues", rulePastCues},
	{"reports review before they plan", ruleReview},
}

// veto turns an outcome into nothing.
type veto struct {
	name  string
	apply func(j *judge, c *cue, year int) bool
}

// outcomeVetoes are checked, in order, on every outcome of a figure.
var outcomeVetoes = []veto{
	{"a five-year review keeps levels at its end", vetoFiveYear},
	{"growth over several years", vetoSpansYears},
}

// decide returns the role and year of figure f (nil for a sentence) in
// the text r[a:b].
func (j *judge) decide(a, b int, f *figure) decision {
	c := j.cueOf(a, b, f)
	d := decision{role: roleNone}
	for _, rl := range roleRules {
		if role, year, ok := rl.apply(j, c); ok {
			d = decision{role, year, rl.name}
			break
		}
	}
	if d.role == roleOutcome && f != nil {
		for _, v := range outcomeVetoes {
			if v.apply(j, c, d.year) {
				return decision{roleNone, d.year, v.name}
			}
		}
	}
	return d
}

func (j *judge) cueOf(a, b int, f *figure) *cue {
	s := string(j.r[a:b])
	c := &cue{a: a, b: b, s: s, f: f}
	for _, y := range yearsIn(j.r, a, b) {
		switch y.use {
		case "":
			if !isBaseline(j.r, y.pos, a, b) {
				c.plain = append(c.plain, y.year)
			}
		case "until":
			c.until = y.year
			if j.year > 0 && y.year < j.year {
				// "从2020年的3.68万亿元增长到2025年的4.93万亿元"
				c.plain = append(c.plain, y.year)
			}
		}
	}
	c.strongPast = hasAny(s, strongPastCues...)
	c.past = c.strongPast || hasAny(s, pastCues...)
	c.thisYear = strings.Contains(s, "今年") && !strings.Contains(s, "今年以来")
	c.target = hasAny(s, targetCues...) || c.thisYear
	c.opens = opensTargets(s, j.year)
	return c
}

// namesYear reports whether s names year y ("2024年").
func namesYear(s string, y int) bool { return y > 0 && strings.Contains(s, itoa(y)+"年") }

// partOfYear marks figures of part of a year: a quarter, a half, months.
var (
	partOfYearWords = []string{"季度", "上半年", "下半年", "前三季", "月份", "月末", "今年以来", "年初以来"}
	monthsRe        = regexp.MustCompile(`(\d{1,2})[-~至到](\d{1,2})月|前\d{1,2}个月|前[一二三四五六七八九十]{1,2}个月`)
)

// rulePartOfYear: figures of part of a year ("上半年", "一季度", "1-9月") are
// neither annual targets nor annual outcomes. The words count in the
// figure's clause, or in a short clause that leads its sentence ("上半年,
// 全县…").
func rulePartOfYear(j *judge, c *cue) (role, int, bool) {
	if c.f == nil {
		return 0, 0, false
	}
	s := string(j.r[c.a:c.f.vstart])
	own := c.f.prefix + clauseOf(s)
	if strings.Contains(own, "全年") {
		return 0, 0, false
	}
	if partOfYear(own) {
		return roleNone, 0, true
	}
	if lead, _ := splitFirstClause([]rune(s)); lead != s && utf8.RuneCountInString(lead) <= leadClause && partOfYear(lead) {
		return roleNone, 0, true
	}
	return 0, 0, false
}

// leadClause is the longest clause, in runes, read as the time adverbial
// that leads a sentence ("1—9月,").
const leadClause = 8

// partOfYear reports whether s names part of a year.
func partOfYear(s string) bool {
	if hasAny(s, partOfYearWords...) {
		return true
	}
	for _, m := range monthsRe.FindAllStringSubmatch(s, -1) {
		if m[1] != "1" || m[2] != "12" { // 1-12月 is the whole year
			return true
		}
	}
	return false
}

// targetShareRe: a figure stated as a share of a target or plan ("完成年度目标
// 的78%", "为年计划的103%").
var targetShareRe = regexp.MustCompile(`(?:目标|计划|任务|预算)(?:任务)?的$`)

// ruleShareOfTarget: "完成年度目标的78%" is how far a target was met, not a
// target or an outcome of the indicator.
func ruleShareOfTarget(j *judge, c *cue) (role, int, bool) {
	if c.f == nil || c.f.unit != "%" {
		return 0, 0, false
	}
	if targetShareRe.MatchString(string(j.r[max(c.a, c.f.vstart-targetShareLook):c.f.vstart])) {
		return roleNone, 0, true
	}
	return 0, 0, false
}

// targetShareLook is how far before a figure "目标的" is looked for, in runes.
const targetShareLook = 8

// ruleLongParagraph: a paragraph that opened the indicators of a plan for
// several years ("《纲要》明确了…主要指标:") sets goals, unless the figure
// names this year.
func ruleLongParagraph(j *judge, c *cue) (role, int, bool) {
	if j.paraLong && !strings.Contains(c.s, "今年") && !namesYear(c.s, j.year) && j.sec != secReview && !j.fiveYear {
		return roleGoal, 0, true
	}
	return 0, 0, false
}

// ruleAhead: a horizon after this year (到2030年) or a plan for several
// years ("十五五"时期) makes a goal, unless the sentence plans this year.
func ruleAhead(j *judge, c *cue) (role, int, bool) {
	Y := j.year
	if Y == 0 {
		return 0, 0, false
	}
	this := c.thisYear || namesYear(c.s, Y)
	planning := j.sec == secPlan || c.opens || this
	if c.until > Y && !this || plansAhead(c.s, Y) && !planning && !j.fiveYear && j.sec != secReview {
		return roleGoal, c.until, true
	}
	return 0, 0, false
}

// ruleBulletin: a bulletin's figures are outcomes of the year it names, or
// of its own.
func ruleBulletin(j *judge, c *cue) (role, int, bool) {
	if j.kind != baogao.KindStatsBulletin {
		return 0, 0, false
	}
	return roleOutcome, orYear(lastOf(c.plain), orYear(j.ctxYear, j.year)), true
}

// ruleNamedYear: the year named nearest before the figure decides: this
// year's figures are targets where the sentence plans, earlier years'
// outcomes, later years' goals.
func ruleNamedYear(j *judge, c *cue) (role, int, bool) {
	y, Y := lastOf(c.plain), j.year
	if y == 0 || Y == 0 {
		return 0, 0, false
	}
	switch {
	case y == Y:
		if c.target || c.opens || j.sec == secPlan || j.inPlan {
			return roleTarget, Y, true
		}
		if j.ownYear || c.past && j.kind != baogao.KindWorkReport {
			return roleOutcome, Y, true
		}
		return roleNone, Y, true
	case y < Y:
		if y == Y-1 || j.kind != baogao.KindWorkReport {
			return roleOutcome, y, true
		}
		return roleNone, y, true
	}
	return roleGoal, y, true
}

// ruleOwnClause: the figure's own clause speaks for itself: "在去年…增长
// 6.2%的基础上,今年预期增长6.5%左右".
func ruleOwnClause(j *judge, c *cue) (role, int, bool) {
	bare := comparisons.Replace(clauseOf(c.s))
	lt, lp := strings.Contains(bare, "今年") && hasAny(bare, targetCues...), hasAny(bare, "去年", "过去一年", "上年")
	switch {
	case lt && !lp:
		return roleTarget, j.year, true
	case lp && !lt:
		return roleOutcome, before(j.year), true
	}
	return 0, 0, false
}

// targetsMetRe: the sentence says last year's targets were met ("圆满完成全年
// 预期目标", "超额完成年度目标任务").
var targetsMetRe = regexp.MustCompile(`(?:完成|实现|达到|超过)了?(?:全年|年度|今年|去年|上年)?(?:的)?(?:各项)?(?:主要)?(?:预期|经济社会发展)?(?:目标|任务)`)

// ruleTargetsMet: "圆满完成全年预期目标，全市完成地区生产总值1860亿元" reviews
// a year whose targets were met: its figures are outcomes.
func ruleTargetsMet(j *judge, c *cue) (role, int, bool) {
	if targetsMetRe.MatchString(c.s) && !c.thisYear {
		return roleOutcome, j.pastYear(), true
	}
	return 0, 0, false
}

// ruleCueAfter: a cue can follow the list it names ("“地区生产总值增长6%左右
// ……”，这是记者从会上获悉的今年主要预期目标").
func ruleCueAfter(j *judge, c *cue) (role, int, bool) {
	if c.f == nil || c.past || j.targetsAfter < 0 || c.f.end > j.targetsAfter {
		return 0, 0, false
	}
	return roleTarget, j.year, true
}

// ruleParagraphYear: a past year named earlier in the paragraph is the
// year of its figures.
func ruleParagraphYear(j *judge, c *cue) (role, int, bool) {
	if j.year > 0 && j.ctxYear > 0 && j.ctxYear < j.year && !c.thisYear && !c.opens {
		return roleOutcome, j.ctxYear, true
	}
	return 0, 0, false
}

// ruleSection: the section a heading opened: a review states outcomes, a
// plan targets, a multi-year plan goals, unless the sentence says
// otherwise.
func ruleSection(j *judge, c *cue) (role, int, bool) {
	switch j.sec {
	case secReview:
		if c.opens || c.thisYear && c.target && !c.strongPast {
			return roleTarget, j.year, true
		}
		return roleOutcome, j.pastYear(), true
	case secPlan:
		if c.strongPast && !c.opens {
			return roleOutcome, j.pastYear(), true
		}
		return roleTarget, j.year, true
	case secLong:
		if c.thisYear && c.target {
			return roleTarget, j.year, true
		}
		return roleGoal, c.until, true
	}
	return 0, 0, false
}

// ruleTargetCues: 预期目标, 力争, 今年 … with no cue of achievement.
func ruleTargetCues(j *judge, c *cue) (role, int, bool) {
	if c.opens || c.target && !c.past {
		return roleTarget, j.year, true
	}
	return 0, 0, false
}

// ruleStrongPast: 去年, 预计, 初步核算, 创历史新高 … tell the past even beside a
// target cue.
func ruleStrongPast(j *judge, c *cue) (role, int, bool) {
	if !c.strongPast {
		return 0, 0, false
	}
	if hasAny(c.s, "去年", "过去一年", "上一年") {
		return roleOutcome, before(j.year), true
	}
	return roleOutcome, j.pastYear(), true
}

// rulePlanPart: past the paragraph of the year's targets, or in a paragraph
// an earlier sentence of which set targets, figures are targets.
func rulePlanPart(j *judge, c *cue) (role, int, bool) {
	if j.inPlan || j.paraTarget {
		return roleTarget, j.year, true
	}
	return 0, 0, false
}

// rulePastCues: 比上年, 同比, 全年实现 … state what was achieved.
func rulePastCues(j *judge, c *cue) (role, int, bool) {
	if c.past {
		return roleOutcome, j.pastYear(), true
	}
	return 0, 0, false
}

// ruleReview: reports (and plans, and news of them) review before they
// plan; a bulletin's bare figures are of its year (see ruleBulletin).
func ruleReview(j *judge, c *cue) (role, int, bool) {
	if j.kind == baogao.KindStatsBulletin {
		return roleNone, 0, true
	}
	return roleOutcome, j.pastYear(), true
}

// vetoFiveYear: in the review of a five-year period only levels reached at
// its end are outcomes (of its last year), not growth or sums over it.
func vetoFiveYear(j *judge, c *cue, _ int) bool {
	return j.fiveYear && !endOfPeriod(*c.f, string(j.r[c.a:c.f.vstart]))
}

// vetoSpansYears: a growth measured against a year long past ("比2012年(下同)
// 增长47.7%") is growth over several years.
func vetoSpansYears(j *judge, c *cue, year int) bool {
	return c.f.unit == "%" && j.spansYears(string(j.r[c.a:c.f.vstart]), year)
}
