package search

import (
	"html"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/baogao/baogao/internal/runes"
)

// SnippetRunes is the length of a snippet, in runes of text.
const SnippetRunes = 120

// maxSpans bounds the matches a snippet considers, so that a term found
// thousands of times in a long report costs little.
const maxSpans = 256

// Snippet returns a passage of the text of about width runes (SnippetRunes
// when width is 0) around its densest cluster of matches of the terms, as
// HTML: the text escaped, each match in <mark>…</mark>, "…" where the
// passage is cut. It cuts only between runes, never inside a match, and
// prefers to start after the end of a sentence. Line breaks become spaces.
// Without a match it returns the beginning of the text.
func Snippet(x *Text, terms []Term, width int) string {
	return snippet(x.orig, 0, len(x.orig), x.matches(terms), width)
}

// SnippetOf returns Snippet(NewText(body), terms, width) for a body of
// valid UTF-8 (stored bodies are: the store refuses others), without
// folding the whole body when it can: when the body has no Han character
// that folds to another (folds false, as the index records) and every term
// is one run of Han characters, the terms are found in the body as written
// (no other character folds to a Han one) and only the runes of the
// passage are decoded. A search page's twenty snippets of long reports
// cost a fifth as much this way. Invalid UTF-8 gives a snippet that may
// differ from Snippet's, never a panic.
func SnippetOf(body string, folds bool, terms []Term, width int) string {
	if width <= 0 {
		width = SnippetRunes
	}
	patterns := make([]string, 0, len(terms))
	for _, t := range terms {
		p, ok := rawPattern(t)
		if !ok {
			break
		}
		patterns = append(patterns, p)
	}
	if folds || len(patterns) < len(terms) {
		return Snippet(NewText(body), terms, width)
	}
	// The matches, as matches finds them: term by term, overlapping ones
	// included, at most maxSpans*4; each with its byte offset.
	var spans []span
	var at []int // byte offset of each span's start
	for _, p := range patterns {
		pn := runes.Count(p)
		b, r := 0, 0 // byte and rune offset counted so far
		eachRaw(body, p, func(at0 int) bool {
			r += runes.Count(body[b:at0])
			b = at0
			spans, at = append(spans, span{r, r + pn}), append(at, b)
			return len(spans) < maxSpans*4
		})
	}
	byteOf := map[int]int{} // rune offset → byte offset, for the spans
	for i, sp := range spans {
		byteOf[sp.start] = at[i]
	}
	spans = mergeSpans(spans)
	n := runes.Count(body)
	if len(spans) == 0 {
		return snippet([]rune(prefix(body, width)), 0, n, nil, width)
	}
	start, end, _ := window(spans, width, n)
	// The passage's runes: from 20 before the window (where its sentence
	// may begin) to as far as the window can grow, decoded around the first
	// match inside it.
	var anchor span
	for _, sp := range spans {
		if sp.start >= start {
			anchor = sp
			break
		}
	}
	lo := max(0, start-20)
	hi := min(n, end+(end-start)+width+1)
	bLo := byteOf[anchor.start]
	for k := anchor.start; k > lo; k-- {
		_, size := utf8.DecodeLastRuneInString(body[:bLo])
		bLo -= size
	}
	bHi := byteOf[anchor.start]
	for k := anchor.start; k < hi; k++ {
		_, size := utf8.DecodeRuneInString(body[bHi:])
		bHi += size
	}
	rs := []rune(body[bLo:bHi])
	if len(rs) != hi-lo { // invalid UTF-8: the counts disagree
		return Snippet(NewText(body), terms, width)
	}
	return snippet(rs, lo, n, spans, width)
}

// prefix returns the first n runes of s.
func prefix(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}

// snippet writes the passage of a text of n runes with the given matches
// (see Snippet); rs holds the text's runes from offset off on, at least
// those of the passage and the 20 before its window.
func snippet(rs []rune, off, n int, spans []span, width int) string {
	if width <= 0 {
		width = SnippetRunes
	}
	at := func(i int) rune { return rs[i-off] }
	text := func(from, to int) []rune { return rs[from-off : to-off] }
	start, end, cluster := 0, min(n, width), 0
	if len(spans) > 0 {
		start, end, cluster = window(spans, width, n)
	}
	// Begin where the sentence of the first match begins, when it begins
	// inside the window or shortly before it; keep the window's length.
	if len(spans) > 0 && start > 0 {
		first := spans[0].start
		for _, sp := range spans {
			if sp.start >= start {
				first = sp.start
				break
			}
		}
		for i := first - 1; i >= max(0, start-20); i-- {
			if isSentenceEnd(at(i)) {
				start = i + 1
				end = max(cluster, min(n, start+max(width, end-start)))
				break
			}
		}
	}
	for start < end && isSpace(at(start)) {
		start++
	}
	var b strings.Builder
	if start > 0 {
		b.WriteString("…")
	}
	pos := start
	for _, s := range spans {
		if s.start < start || s.end > end {
			continue
		}
		if s.start < pos { // overlaps the previous mark
			continue
		}
		writeText(&b, text(pos, s.start))
		b.WriteString("<mark>")
		writeText(&b, text(s.start, s.end))
		b.WriteString("</mark>")
		pos = s.end
	}
	trimmed := end
	for trimmed > pos && isSpace(at(trimmed-1)) {
		trimmed--
	}
	writeText(&b, text(pos, trimmed))
	if end < n {
		b.WriteString("…")
	}
	return b.String()
}

// matches returns the spans of the terms' occurrences, sorted by start,
// longest first at the same start, at most maxSpans.
func (x *Text) matches(terms []Term) []span {
	var spans []span
	for _, t := range terms {
		x.each(t, func(s span) bool {
			spans = append(spans, s)
			return len(spans) < maxSpans*4
		})
	}
	return mergeSpans(spans)
}

// mergeSpans sorts spans by start, longest first at the same start, merges
// overlapping ones so that marks never nest, and keeps at most maxSpans.
func mergeSpans(spans []span) []span {
	sort.Slice(spans, func(i, j int) bool {
		if spans[i].start != spans[j].start {
			return spans[i].start < spans[j].start
		}
		return spans[i].end > spans[j].end
	})
	out := spans[:0]
	for _, s := range spans {
		if len(out) > 0 && s.start < out[len(out)-1].end {
			if s.end > out[len(out)-1].end {
				out[len(out)-1].end = s.end
			}
			continue
		}
		out = append(out, s)
	}
	if len(out) > maxSpans {
		out = out[:maxSpans]
	}
	return out
}

// window returns the passage of at most width runes of a text of n runes
// holding the most matches (the earliest such passage), its first match a
// quarter of the way in when the text allows, and the end of its last
// match. A match longer than the window gets a window of its own length.
func window(spans []span, width, n int) (start, end, cluster int) {
	best, bestCount := 0, -1
	j := 0
	for i := range spans {
		if j < i {
			j = i
		}
		for j+1 < len(spans) && spans[j+1].end-spans[i].start <= width {
			j++
		}
		if c := j - i + 1; c > bestCount {
			best, bestCount = i, c
		}
	}
	first := spans[best]
	last := first
	for k := best; k < len(spans) && spans[k].end-first.start <= width; k++ {
		last = spans[k]
	}
	w := max(width, first.end-first.start)
	// Centre the cluster: lead with a quarter of the slack, at most.
	slack := w - (last.end - first.start)
	start = max(0, first.start-slack/4)
	end = min(n, start+w)
	if end-start < w { // near the end of the text: use the room before
		start = max(0, end-w)
	}
	start = min(start, first.start)
	end = max(end, last.end)
	return start, end, last.end
}

func writeText(b *strings.Builder, rs []rune) {
	var tmp strings.Builder
	for _, r := range rs {
		switch r {
		case '\n', '\r', '\t':
			r = ' '
		}
		tmp.WriteRune(r)
	}
	b.WriteString(html.EscapeString(tmp.String()))
}

func isSentenceEnd(r rune) bool {
	switch r {
	case '。', '！', '？', '；', '\n', '!', '?', ';':
		return true
	}
	return false
}

func isSpace(r rune) bool {
	switch r {
	case ' ', '\n', '\r', '\t', '\u3000':
		return true
	}
	return false
}

// Matches returns where the query's terms (synonyms included, excluded
// terms not) occur in s: rune offsets [start, end), in order, overlapping
// occurrences merged, at most 256. A query that does not parse has none.
func Matches(s, query string) [][2]int {
	q, err := Parse(query, DefaultSynonyms())
	if err != nil {
		return nil
	}
	spans := NewText(s).matches(q.Terms())
	out := make([][2]int, len(spans))
	for i, sp := range spans {
		out[i] = [2]int{sp.start, sp.end}
	}
	return out
}
