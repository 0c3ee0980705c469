package extract

import (
	"strings"
	"unicode/utf8"

	baogao "github.com/baogao/baogao"
)

// Industry goals are written as a metric of an industry reaching an
// amount: "调味品产业产值突破35亿元", "2023年推动产业产值达到200亿元". When the
// industry is only "产业", it is the one a short sentence named just before
// ("高端化工及新材料产业。"), as reports set out their leading industries one
// by one.

// goalMetrics are the measures an industry goal is stated in.
var goalMetrics = sortByLength([]string{"总产值", "产值", "营业收入", "营收", "主营业务收入", "销售收入", "交易额", "规模", "增加值", "产量", "总收入", "综合收入"})

// industryVerbs are words that make a sentence ending in 产业 a statement
// rather than the name of an industry standing as a heading.
var industryVerbs = []string{"大抓", "推进", "推动", "加快", "坚持", "坚定", "发展", "打造", "做大", "做强", "做优", "促进", "提升", "培育",
	"聚焦", "突出", "实施", "建设", "壮大", "是", "为", "的"}

// industryName returns the industry a short sentence names, or "".
func industryName(s string) string {
	if len(s) > 64 {
		return ""
	}
	s = strings.TrimRight(s, "。;:,")
	n := utf8.RuneCountInString(s)
	if n < 3 || n > 16 || !strings.HasSuffix(s, "产业") || hasAny(s, industryVerbs...) || strings.ContainsAny(s, "0123456789,、") {
		return ""
	}
	return s
}

// readGoals finds the industry goals in sentence r[a:b]. industry is the
// last industry named on its own.
func readGoals(t *text, a, b int, industry string, year int) []baogao.Goal {
	r := t.r
	var out []baogao.Goal
	s := string(r[a:b])
	for off := 0; ; {
		i := strings.Index(s[off:], "产业")
		if i < 0 {
			break
		}
		i += off
		off = i + len("产业")
		rest := s[off:]
		metric := ""
		for _, m := range goalMetrics {
			if strings.HasPrefix(rest, m) || strings.HasPrefix(rest, "年"+m) {
				metric = m
				break
			}
		}
		if metric == "" {
			continue
		}
		// the amount after the metric, in the same clause
		mStart := a + utf8.RuneCountInString(s[:off])
		qEnd := clauseEnd(r, mStart, b)
		var q *quantity
		for _, x := range scanQuantities(r, mStart, qEnd) {
			if x.unit == "元" && !x.cjk {
				x := x
				q = &x
				break
			}
		}
		if q == nil || !isFiller(strings.TrimPrefix(strings.TrimPrefix(string(r[mStart:q.start]), "年"), metric)) {
			continue
		}
		subject := subjectBefore(r, a, mStart)
		if subject == "产业" || subject == "" {
			if industry == "" {
				continue
			}
			subject = industry
		}
		start := mStart - utf8.RuneCountInString(subject)
		if start < a || string(r[start:mStart]) != subject {
			start = mStart - 2
		}
		text, span := t.quote(start, q.end)
		g := baogao.Goal{Subject: subject, Metric: metric, Value: round(q.value / 1e8), Unit: "亿元", Text: text, Span: span}
		if year > 0 {
			y := year
			g.Year = &y
		}
		out = append(out, g)
	}
	return out
}

// subjectBefore returns the name of the industry that ends at r[end]:
// "调味品产业", or "产业" alone when the clause only says 产业.
func subjectBefore(r []rune, a, end int) string {
	i := end - 2 // before 产业
	for i > a && !isClauseBreak(r[i-1]) && r[i-1] != '、' && !isDigit(r[i-1]) {
		i--
		// stop at a verb or a year: "2023年推动产业产值"
		for _, v := range []string{"推动", "实现", "力争", "确保", "推进", "促进", "带动", "年", "使", "全市", "全县", "全省", "全区"} {
			if hasPrefixAt(r[:end], i, v) {
				return string(r[i+utf8.RuneCountInString(v) : end])
			}
		}
	}
	return string(r[i:end])
}

// goalOf turns a figure set for a later year or a multi-year period into
// a goal: "到2025年地区生产总值达到1000亿元".
func goalOf(t *text, f figure, year int) (baogao.Goal, bool) {
	if f.indicator == baogao.IndicatorOther {
		return baogao.Goal{}, false
	}
	metric := f.indicator
	if ind, ok := baogao.IndicatorByCode(f.indicator); ok {
		metric = ind.Name
	}
	text, span := t.quote(f.start, f.end)
	g := baogao.Goal{Subject: f.label, Metric: metric, Value: f.value, Unit: f.unit, Text: text, Span: span}
	if year > 0 {
		y := year
		g.Year = &y
	}
	return g, true
}
