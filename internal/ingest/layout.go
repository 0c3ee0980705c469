package ingest

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/baogao/baogao"
)

// titleLookahead is how many content lines from the top may hold the title.
const titleLookahead = 15

// tailShare: a tail marker (comments, related links, copyright) in the last
// part of a page ends the document; one earlier is just dropped.
const tailShare = 0.4

// layout splits normalized, simplified lines into title, header (publication
// lines and whatever stood above the title) and body. htmlTitle is the
// page's <h1> or <title>, "" for plain text.
func layout(lines []string, htmlTitle string) docText {
	ls := make([]line, 0, len(lines))
	total := 0
	for _, s := range lines {
		if s = strings.TrimSpace(s); s == "" {
			continue
		}
		ls = append(ls, line{Text: s, Kind: classify(s)})
		total += utf8.RuneCountInString(s)
	}
	ls = cutTail(ls, total)

	var d docText
	ti := findTitle(ls, htmlTitle)
	switch {
	case ti >= 0:
		d.Title = joinSpacedHan(ls[ti].Text)
	case titleScore(htmlTitle) >= 4:
		d.Title = joinSpacedHan(htmlTitle)
	}
	var body []string
	for i, l := range ls {
		switch {
		case l.Kind == lineMeta:
			d.Header = append(d.Header, l.Text)
		case l.Kind != lineContent || i == ti:
			// furniture, or the title itself
		case i < ti && utf8.RuneCountInString(l.Text) < 50:
			d.Header = append(d.Header, l.Text)
		case i > ti && sameTitle(l.Text, d.Title):
			// mirrors repeat the title under itself
		default:
			if s := stripURLs(l.Text); s != "" {
				body = append(body, joinSpacedHan(s))
			}
		}
	}
	d.Body = strings.Join(body, "\n")
	return d
}

// cutTail drops everything from the first tail marker that stands in the
// last part of the page, and any tail marker before it.
func cutTail(ls []line, total int) []line {
	seen := 0
	for i, l := range ls {
		if l.Kind == lineTail && float64(seen) >= (1-tailShare)*float64(total) {
			return ls[:i]
		}
		seen += utf8.RuneCountInString(l.Text)
	}
	out := ls[:0]
	for _, l := range ls {
		if l.Kind != lineTail {
			out = append(out, l)
		}
	}
	return out
}

// findTitle returns the index of the line that is the document's title, or
// -1. The title names a document (报告, 公报, 规划 …), is short, is not a
// sentence and is not the subtitle ("——2023年1月3日在…"). Failing that, a
// short first line that reads like a headline is the title.
func findTitle(ls []line, htmlTitle string) int {
	best, bestScore, seen := -1, 3, 0
	first := -1
	for i, l := range ls {
		if l.Kind != lineContent {
			continue
		}
		if first < 0 {
			first = i
		}
		if seen++; seen > titleLookahead {
			break
		}
		sc := titleScore(l.Text)
		if htmlTitle != "" && sameTitle(l.Text, htmlTitle) {
			sc += 2
		}
		if sc > bestScore {
			best, bestScore = i, sc
		}
	}
	if best >= 0 || htmlTitle != "" || first < 0 {
		return best
	}
	if s := ls[first].Text; headlineLike(s) {
		return first
	}
	return -1
}

// titleScore rates a line as a title.
func titleScore(s string) int {
	s = strings.TrimSpace(s)
	n := utf8.RuneCountInString(s)
	if n < 4 || n > 80 || strings.HasPrefix(s, "各位代表") {
		return -10
	}
	score := 0
	if containsAny(s, []string{"政府工作报告", "工作报告", "统计公报", "规划纲要", "五年规划", "发展规划", "国民经济和社会发展计划", "工作计划"}) ||
		strings.HasPrefix(s, "关于") && containsAny(s, []string{"通知", "意见", "决定", "办法", "报告"}) {
		score += 4
	}
	if titleYear.MatchString(s) {
		score++
	}
	if strings.HasPrefix(s, "—") || strings.HasPrefix(s, "－") || strings.HasPrefix(s, "-") {
		score -= 6
	}
	if strings.HasSuffix(s, "。") {
		score -= 3
	}
	if strings.Count(s, "，")+strings.Count(s, ",") >= 2 {
		score -= 2
	}
	if n > 40 {
		score--
	}
	if heading1.MatchString(s) || heading2.MatchString(s) {
		score -= 2 // a section heading of the text, not its title
	}
	return score
}

// headlineLike reports whether a line reads like a headline: short, no
// closing full stop, not a salutation or subtitle.
func headlineLike(s string) bool {
	n := utf8.RuneCountInString(s)
	return n >= 6 && n <= 40 && !strings.HasSuffix(s, "。") && !strings.HasPrefix(s, "—") &&
		!strings.HasPrefix(s, "各位代表") && !heading1.MatchString(s) && !heading2.MatchString(s) &&
		!containsAny(s, reviewWords) && !containsAny(s, planWords) && !speakerRe.MatchString(s) &&
		strings.Count(s, "，")+strings.Count(s, ",") < 2
}

// sameTitle reports whether a line repeats the title (ignoring spaces).
func sameTitle(s, title string) bool {
	if title == "" {
		return false
	}
	a := strings.ReplaceAll(s, " ", "")
	b := strings.ReplaceAll(title, " ", "")
	return a == b || (utf8.RuneCountInString(a) <= utf8.RuneCountInString(b)+12 && strings.HasPrefix(a, b))
}

// maxTitle bounds a title's length in runes.
const maxTitle = 120

// genericTitles carry no place or year.
var genericTitles = map[string]bool{
	"政府工作报告": true, "工作报告": true, "统计公报": true, "国民经济和社会发展统计公报": true,
}

// displayTitle returns the title to show: the document's own, with the
// place put in front when the title does not name it (c.f. "2017年政府工作报告"
// on a city's site); or, with no usable title, one composed from the meta.
func displayTitle(m baogao.Meta, d docText, placeName string) string {
	t := truncateRunes(strings.Join(strings.Fields(d.Title), " "), maxTitle)
	t = withoutDebris(t)
	if t != "" && !genericTitles[t] {
		if placeName != "" && !strings.Contains(t, shortName(placeName)) && strings.HasPrefix(t, yearPrefix(t)) && yearPrefix(t) != "" {
			return placeName + t
		}
		return t
	}
	var b strings.Builder
	b.WriteString(placeName)
	if m.Year != 0 {
		b.WriteString(strconv.Itoa(m.Year) + "年")
	}
	switch m.Kind {
	case baogao.KindWorkReport:
		b.WriteString("政府工作报告")
	case baogao.KindStatsBulletin:
		b.WriteString("国民经济和社会发展统计公报")
	case baogao.KindPlan:
		b.WriteString("规划")
	default:
		if t != "" {
			b.WriteString(t)
		} else if first := firstLine(d.Body); first != "" {
			return truncateRunes(first, 40)
		} else {
			b.WriteString("文件")
		}
	}
	return b.String()
}

// debrisTitle matches a "title" that is page debris rather than the
// document's: a breadcrumb ("首页专题—正文"), a lone character or symbol,
// a label ("标题:", "篇一", "文章正文"), a reporter's byline, a timestamp,
// a site credit, or a string with no Chinese at all ("TUhjnbcbe").
var debrisRe = regexp.MustCompile(`^(?:篇[一二三四五六七八九十]+|标题[:：]?.{0,2}|文章正文|正文|.*首页.*正文.*|.*专题.?正文.*|.*网络支持.*|(?:本报)?记者[\p{Han}\s]{0,12}|[\d\s:./年月日-]+)$`)

// withoutDebris drops the debris parts of a title ("篇一 2023年…报告" →
// "2023年…报告", "标题: | 关于…" → "关于…"); what remains after a drop must
// name a document or a year, or nothing is left ("NBD图数馆 2018-03-20
// 10:33:06", "文 | 华商报大风新闻董晓明").
func withoutDebris(t string) string {
	parts := strings.FieldsFunc(t, func(r rune) bool { return r == ' ' || r == '|' || r == '｜' })
	var keep []string
	for _, p := range parts {
		if !debrisTitle(p) {
			keep = append(keep, p)
		}
	}
	if len(keep) == len(parts) {
		return t
	}
	rest := strings.Join(keep, " ")
	if containsAny(rest, docWords) || titleYear.MatchString(rest) {
		return rest
	}
	return ""
}

func debrisTitle(t string) bool {
	if t == "" {
		return false
	}
	if utf8.RuneCountInString(t) <= 2 || debrisRe.MatchString(t) {
		return true
	}
	for _, r := range t {
		if unicode.Is(unicode.Han, r) {
			return false
		}
	}
	return true
}

// yearPrefix returns a leading "2017年" of a title, or "".
func yearPrefix(t string) string {
	if m := titleYear.FindStringIndex(t); m != nil && m[0] == 0 && strings.Contains(t[:m[1]], "年") {
		return t[:m[1]]
	}
	return ""
}

func shortName(name string) string {
	for _, suf := range []string{"自治区", "自治州", "自治县", "省", "市", "县", "区", "旗", "盟"} {
		if s := strings.TrimSuffix(name, suf); s != name && utf8.RuneCountInString(s) >= 2 {
			return s
		}
	}
	return name
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

func truncateRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return prefixRunes(s, n) + "…"
}
