package extract

import (
	"strconv"
	"strings"
)

// Reports name years in many ways ("2023年工作安排", "到2025年", "比2012年",
// "2020年以来", "“十四五”时期"); the judge needs to know which year a figure
// is of, and which year the document is for when the recogniser could not
// tell or told wrong.

// yearRef is a year named in the text.
type yearRef struct {
	year int
	pos  int // compact offset
	// how it is used: "" plain (2023年全市…), "since" (2020年以来),
	// "until" (到2025年), "from" (从2020年), "compare" (比2012年),
	// "range" (2021-2025年)
	use string
}

// yearsIn finds the years named in r[a:b].
func yearsIn(r []rune, a, b int) []yearRef {
	var out []yearRef
	for i := a; i+4 <= b; i++ {
		if !isDigit(r[i]) || i > a && isDigit(r[i-1]) {
			continue
		}
		if !(r[i] == '1' && r[i+1] == '9' || r[i] == '2' && r[i+1] == '0') || !isDigit(r[i+2]) || !isDigit(r[i+3]) {
			continue
		}
		j := i + 4
		if j < b && (isDigit(r[j]) || r[j] == '.' || r[j] == '%') {
			continue
		}
		y := int(r[i]-'0')*1000 + int(r[i+1]-'0')*100 + int(r[i+2]-'0')*10 + int(r[i+3]-'0')
		ref := yearRef{year: y, pos: i}
		switch {
		case j < b && r[j] == '年':
			if hasPrefixAt(r[:b], j, "年以来") || hasPrefixAt(r[:b], j, "年来") {
				ref.use = "since"
			}
			if isHorizon(r[:b], j+1) {
				ref.use = "until"
			}
		case j < b && (r[j] == '-' || r[j] == '~' || r[j] == '至'):
			ref.use = "range"
		case (j >= b || strings.ContainsRune(",:;|\n", r[j]) || b-a <= 12 && !unitAt(r[:b], j)) && y >= 1978 && y <= 2050:
			// "2016成绩", "回首2016,": a year without 年 (but "1979人" is
			// a number of people)
		default:
			continue
		}
		if i > a {
			switch r[i-1] {
			case '比', '较':
				ref.use = "compare"
			case '到', '至':
				if ref.use == "" {
					ref.use = "until"
				}
			case '从', '由':
				ref.use = "from"
			case '-', '~':
				ref.use = "range"
			}
			if i-1 > a && (string(r[i-2:i]) == "同比" || string(r[i-2:i]) == "相比") {
				ref.use = "compare"
			}
		}
		out = append(out, ref)
		i = j
	}
	return out
}

// isHorizon reports whether the words after "YYYY年" at r[i] make the year
// a horizon: "2035年远景目标", "2025年底前", "2027年前" (but not "2023年前三季度").
func isHorizon(r []rune, i int) bool {
	if hasPrefixAt(r, i, "远景") || hasPrefixAt(r, i, "底前") || hasPrefixAt(r, i, "以前") {
		return true
	}
	return hasPrefixAt(r, i, "前") && (i+1 >= len(r) || !strings.ContainsRune("一二两三四五六七八九十半几", r[i+1]))
}

// unitAt reports whether a unit starts at r[j] ("1979人"; not "2016成绩").
func unitAt(r []rune, j int) bool {
	_, _, n := readUnit(r, j, len(r))
	return n > 0 && !hasPrefixAt(r, j, "成绩")
}

// itoa writes a year; "" for 0, so that "0年" matches nothing.
func itoa(y int) string {
	if y <= 0 {
		return ""
	}
	return strconv.Itoa(y)
}

// longCues name a plan for several years.
var longCues = []string{"今后五年", "未来五年", "远景目标", "纲要", "五年规划", "规划期"}

// fiveYearPlans are the periods of the five-year plans by name.
var fiveYearPlans = []struct {
	name       string
	start, end int
}{
	{"十一五", 2006, 2010}, {"十二五", 2011, 2015}, {"十三五", 2016, 2020}, {"十四五", 2021, 2025}, {"十五五", 2026, 2030}, {"十六五", 2031, 2035},
}

// plansAhead reports whether s speaks of a plan for several years that a
// document of year y looks forward to: "十五五"时期 in 2026, 到2030年.
func plansAhead(s string, y int) bool {
	if hasAny(s, longCues...) {
		return true
	}
	for _, p := range fiveYearPlans {
		if strings.Contains(s, p.name) && (y == 0 || p.end >= y) && hasAny(s, p.name+"时期", p.name+"期间", p.name+"规划", p.name+"末", p.name+"目标") {
			return true
		}
	}
	return false
}

// reviewsPeriod reports whether s speaks of a five-year period that ended
// before year y ("十四五"时期 in a 2026 report): its levels are of its
// last year.
func reviewsPeriod(s string, y int) bool {
	for _, p := range fiveYearPlans {
		if strings.Contains(s, p.name) && y > 0 && p.end < y {
			return true
		}
	}
	return false
}

// isBaseline reports whether the year at pos is a baseline ("在2012年…的
// 基础上") rather than the time of the clause.
func isBaseline(r []rune, pos, a, b int) bool {
	ca, cb := pos, pos
	for ca > a && !isClauseBreak(r[ca-1]) {
		ca--
	}
	for cb < b && !isClauseBreak(r[cb]) {
		cb++
	}
	return strings.Contains(string(r[ca:cb]), "基础上")
}

// topicYear returns the year a sentence r[a:b] is about: a plain year at
// the head of one of its clauses ("2017年,全市…", "报告显示,2024年深圳市…").
func topicYear(r []rune, a, b, max int) int {
	for _, y := range yearsIn(r, a, b) {
		if y.use != "" || max > 0 && y.year > max || isBaseline(r, y.pos, a, b) {
			continue
		}
		ca := y.pos
		for ca > a && !isClauseBreak(r[ca-1]) {
			ca--
		}
		if y.pos-ca <= topicLead {
			return y.year
		}
	}
	return 0
}

// before returns the year before y, or 0 when y is unknown.
func before(y int) int {
	if y > 0 {
		return y - 1
	}
	return 0
}

func lastOf(ys []int) int {
	if len(ys) == 0 {
		return 0
	}
	return ys[len(ys)-1]
}

func orYear(a, b int) int {
	if a > 0 {
		return a
	}
	return b
}

// periodEnd returns the last year of the five-year plan s names and a
// document of year y looks forward to, or 0.
func periodEnd(s string, y int) int {
	for _, p := range fiveYearPlans {
		if strings.Contains(s, p.name) && (y == 0 || p.end >= y) {
			return p.end
		}
	}
	return 0
}

// latestYear returns the latest year the text names as the time of
// something (not a year planned for), or 0.
func latestYear(r []rune) int {
	latest := 0
	for _, y := range yearsIn(r, 0, len(r)) {
		if y.use == "" && y.year > latest && y.year <= 2100 {
			latest = y.year
		}
	}
	return latest
}

// guessYear reads the document's year from its first lines when the
// recogniser could not: "2023年政府工作报告", "2022年国民经济和社会发展统计公报".
func guessYear(r []rune) int {
	end := len(r)
	if end > 300 {
		end = 300
	}
	for _, y := range yearsIn(r, 0, end) {
		if y.use == "" {
			return y.year
		}
	}
	return 0
}
