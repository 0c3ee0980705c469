package search

import (
	"html"
	"sort"
	"strings"
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
	if width <= 0 {
		width = SnippetRunes
	}
	spans := x.matches(terms)
	n := len(x.orig)
	start, end, cluster := 0, min(n, width), 0
	if len(spans) > 0 {
		start, end, cluster = x.window(spans, width)
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
			if isSentenceEnd(x.orig[i]) {
				start = i + 1
				end = max(cluster, min(n, start+max(width, end-start)))
				break
			}
		}
	}
	for start < end && isSpace(x.orig[start]) {
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
		writeText(&b, x.orig[pos:s.start])
		b.WriteString("<mark>")
		writeText(&b, x.orig[s.start:s.end])
		b.WriteString("</mark>")
		pos = s.end
	}
	trimmed := end
	for trimmed > pos && isSpace(x.orig[trimmed-1]) {
		trimmed--
	}
	writeText(&b, x.orig[pos:trimmed])
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
	sort.Slice(spans, func(i, j int) bool {
		if spans[i].start != spans[j].start {
			return spans[i].start < spans[j].start
		}
		return spans[i].end > spans[j].end
	})
	// Merge overlapping spans, so marks never nest.
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

// window returns the passage of at most width runes holding the most
// matches (the earliest such passage), its first match a quarter of the
// way in when the text allows, and the end of its last match. A match
// longer than the window gets a window of its own length.
func (x *Text) window(spans []span, width int) (start, end, cluster int) {
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
	end = min(len(x.orig), start+w)
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
