package extract

import (
	"unicode"

	baogao "github.com/baogao/baogao"
)

// text is the body as the extractor reads it: a compact, normalised copy of
// the runes with the offset of each one in the original body.
//
// Reports reach us in many states: full-width digits and punctuation,
// spaces inside numbers ("6 . 5%"), lines hard-wrapped in the middle of a
// figure ("34\n0亿元"), quotation marks around names ("四上"). Matching
// phrases and numbers on a compact copy lets one rule cover all of them,
// and the offset table turns every match back into a span of the body the
// reader sees.
type text struct {
	body []rune // the body as given
	r    []rune // compact, normalised runes
	pos  []int  // pos[i] is the offset in body of r[i]
}

// newText builds the compact view of body. Whitespace and quotation marks
// are dropped, full-width forms become ASCII, and a line break is kept
// (as '\n') only where it ends a paragraph rather than a line of a
// hard-wrapped text, or of a text that breaks the name of an indicator at a
// line's end ("地区生产\n总值增长6%"). When two columns of a PDF interleave,
// the line that completes a broken name is brought up to the line it
// completes.
func newText(body string) *text {
	b := []rune(body)
	t := &text{body: b, r: make([]rune, 0, len(b)), pos: make([]int, 0, len(b))}
	width := wrapWidth(b)
	lines := splitLines(b)
	order := lineOrder(b, lines)
	for k, li := range order {
		ln := lines[li]
		for i := ln[0]; i < ln[1]; i++ {
			c := normRune(b[i])
			if c == 0 {
				continue
			}
			t.r = append(t.r, c)
			t.pos = append(t.pos, i)
		}
		if ln[1] >= len(b) {
			continue // the last line has no break
		}
		joined := width > 0 && wrapped(b, ln[0], ln[1], width)
		if k+1 < len(order) && brokenName(b, ln, lines[order[k+1]]) {
			joined = true
		}
		if !joined {
			if n := len(t.r); n > 0 && t.r[n-1] != '\n' {
				t.r = append(t.r, '\n')
				t.pos = append(t.pos, ln[1])
			}
		}
	}
	return t
}

// splitLines returns the [start, end) of each line of b, without its '\n'.
func splitLines(b []rune) [][2]int {
	var out [][2]int
	start := 0
	for i, c := range b {
		if c == '\n' {
			out = append(out, [2]int{start, i})
			start = i + 1
		}
	}
	return append(out, [2]int{start, len(b)})
}

// nameLook is how many runes of a line's end and of the next line's start
// are read to find an indicator's name broken between them.
const nameLook = 8

// brokenName reports whether line a ends inside the name of an indicator
// that line c completes ("地区生产" + "总值增长6%").
func brokenName(b []rune, a, c [2]int) bool {
	last, n := lastAndLen(b[a[0]:a[1]])
	if n == 0 || isBreakPunct(last) || isClauseBreak(last) {
		return false
	}
	var tail, head []rune
	for i := a[1] - 1; i >= a[0] && len(tail) < nameLook; i-- {
		if r := normRune(b[i]); r != 0 {
			tail = append([]rune{r}, tail...)
		}
	}
	for i := c[0]; i < c[1] && len(head) < nameLook*2; i++ {
		if r := normRune(b[i]); r != 0 {
			head = append(head, r)
		}
	}
	joined := append(append([]rune{}, tail...), head...)
	for i := range tail {
		// the longest name at i starts in the tail and ends in the head
		if _, end, ok := matchAt(joined, i, len(joined)); ok && end > len(tail) {
			return true
		}
	}
	return false
}

// lineOrder returns the order in which the lines are read: in order,
// except that where a line ends inside an indicator's name that the next
// line does not complete but the one after does (two interleaved columns),
// that one is read next.
func lineOrder(b []rune, lines [][2]int) []int {
	order := make([]int, 0, len(lines))
	done := make([]bool, len(lines))
	for i := range lines {
		if done[i] {
			continue
		}
		order = append(order, i)
		done[i] = true
		if i+2 < len(lines) && !done[i+1] && !done[i+2] && !brokenName(b, lines[i], lines[i+1]) && brokenName(b, lines[i], lines[i+2]) {
			order = append(order, i+2)
			done[i+2] = true
		}
	}
	return order
}

// wrapWidth returns the width a hard-wrapped text was wrapped at, or 0
// when its lines are paragraphs. Wrapped lines are many, of one length,
// and end inside a sentence.
func wrapWidth(b []rune) int {
	count := map[int]int{}
	start := 0
	for i := 0; i <= len(b); i++ {
		if i < len(b) && b[i] != '\n' {
			continue
		}
		last, n := lastAndLen(b[start:i])
		if n >= 20 && !isBreakPunct(last) {
			count[lineWidth(b[start:i])]++
		}
		start = i + 1
	}
	best, bestN := 0, 0
	for w, n := range count {
		// near widths count together: a wrap falls before a character
		// that would not fit
		m := n + count[w-1] + count[w+1] + count[w-2] + count[w+2]
		if m > bestN || m == bestN && w > best {
			best, bestN = w, m
		}
	}
	// short lines of one length are a list, not a wrapped text
	if bestN < 3 || best < 56 {
		return 0
	}
	return best
}

// lineWidth is the width of a line as printed, without its trailing
// spaces: a Chinese character is two columns, a digit or letter one.
func lineWidth(line []rune) int {
	n := len(line)
	for n > 0 && (line[n-1] == ' ' || line[n-1] == '\t' || line[n-1] == '\r' || line[n-1] == '\u3000') {
		n--
	}
	w := 0
	for _, c := range line[:n] {
		if c >= 0x2e80 {
			w += 2
		} else {
			w++
		}
	}
	return w
}

// wrapped reports whether the line b[start:end] of a text wrapped at
// width was cut by the wrap rather than ended by its writer.
func wrapped(b []rune, start, end, width int) bool {
	last, n := lastAndLen(b[start:end])
	if n == 0 || isBreakPunct(last) || lineWidth(b[start:end]) < width-3 {
		return false
	}
	next := end + 1
	for next < len(b) && b[next] != '\n' {
		next++
	}
	return !startsHeading(trimLeft(b[end+1 : next]))
}

// lastAndLen returns the last rune of a line as the extractor reads it,
// and how many such runes it has.
func lastAndLen(line []rune) (rune, int) {
	var last rune
	n := 0
	for _, c := range line {
		if c = normRune(c); c != 0 {
			last = c
			n++
		}
	}
	return last, n
}

func trimLeft(s []rune) []rune {
	for len(s) > 0 && normRune(s[0]) == 0 {
		s = s[1:]
	}
	return s
}

func isBreakPunct(c rune) bool {
	switch c {
	case '。', '!', '?', ';', ':', '…', ')', '】', '》':
		return true
	}
	return false
}

// startsHeading reports whether s begins with an outline marker: 一、 (一) 1. 第一
func startsHeading(s []rune) bool {
	if len(s) < 2 {
		return false
	}
	c := s[0]
	switch {
	case isCNDigit(c) && (s[1] == '、' || isCNDigit(s[1])):
		return true
	case c == '(' || c == '（':
		return isCNDigit(s[1])
	case c >= '0' && c <= '9' || c >= '０' && c <= '９':
		return s[1] == '.' || s[1] == '、' || s[1] == '．'
	case c == '第':
		return isCNDigit(s[1])
	}
	return false
}

func isCNDigit(c rune) bool {
	switch c {
	case '一', '二', '三', '四', '五', '六', '七', '八', '九', '十':
		return true
	}
	return false
}

// normRune maps a rune to the form the extractor matches on; 0 drops it.
func normRune(c rune) rune {
	switch {
	case c == '\u3000':
		return 0
	case c >= '！' && c <= '～':
		c -= 0xFEE0
	}
	switch c {
	case ' ', '\t', '\r', '\n', '\v', '\f', '\u00a0', '\u200b', '\u200c', '\u200d', '\ufeff', '\u2002', '\u2003', '\u2009',
		'"', '\'', '“', '”', '‘', '’', '「', '」', '『', '』', '〝', '〞', '`':
		return 0
	case '—', '–', '―', '‐', '‑', '−', '─', '－':
		return '-'
	case '〜', '∼':
		return '~'
	case '﹪':
		return '%'
	case '，':
		return ','
	case '；':
		return ';'
	case '：':
		return ':'
	case '（':
		return '('
	case '）':
		return ')'
	case '！':
		return '!'
	case '？':
		return '?'
	case '．':
		return '.'
	}
	if unicode.IsSpace(c) {
		return 0
	}
	return c
}

// span returns the span in the body of the compact runes [i, j). Lines
// read out of order (see lineOrder) make the offsets of a span's runes
// not always increasing: the span covers them all.
func (t *text) span(i, j int) baogao.Span {
	if j <= i {
		p := 0
		if i < len(t.pos) {
			p = t.pos[i]
		}
		return baogao.Span{p, p}
	}
	lo, hi := t.pos[i], t.pos[j-1]
	for _, p := range t.pos[i:j] {
		lo, hi = min(lo, p), max(hi, p)
	}
	return baogao.Span{lo, hi + 1}
}

// quote returns the body text of the compact runes [i, j), as written.
func (t *text) quote(i, j int) (string, baogao.Span) {
	s := t.span(i, j)
	return string(t.body[s[0]:s[1]]), s
}

// sentence is a stretch of the compact text between sentence ends (。!?
// and paragraph breaks).
type sentence struct {
	start, end int // compact offsets
	para       int // index of the paragraph it belongs to
}

// maxSentence bounds the length of a sentence: the judge reads a sentence
// once per figure in it, and a text with no sentence ends must not make
// that quadratic. Real sentences are far shorter.
const maxSentence = 800

// sentences splits the compact text into sentences.
func (t *text) sentences() []sentence {
	var out []sentence
	start, para := 0, 0
	flush := func(end int) {
		for end-start > maxSentence {
			// cut a long run at its last clause break, or anywhere
			cut := start + maxSentence
			for k := cut; k > start+maxSentence/2; k-- {
				if isClauseBreak(t.r[k-1]) {
					cut = k
					break
				}
			}
			out = append(out, sentence{start: start, end: cut, para: para})
			start = cut
		}
		if end > start {
			out = append(out, sentence{start: start, end: end, para: para})
		}
	}
	for i, c := range t.r {
		switch c {
		case '。', '!', '?', '…', '|':
			flush(i + 1)
			start = i + 1
		case '\n':
			flush(i)
			start = i + 1
			para++
		}
	}
	flush(len(t.r))
	return out
}

// isClauseBreak reports whether c separates clauses inside a sentence.
func isClauseBreak(c rune) bool {
	switch c {
	case ',', ';', ':', '。', '!', '?', '\n', '…':
		return true
	}
	return false
}
