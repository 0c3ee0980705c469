package search

import (
	"strings"
	"unicode/utf8"
)

// Text is a title or body ready for matching: its runes as written and
// folded, and its runs of word runes.
type Text struct {
	orig   []rune
	folded []rune
	runs   []span // runs of word runes, in order
}

// span is a half-open range of rune offsets.
type span struct{ start, end int }

// NewText folds s and finds its runs of word runes. Offsets are rune
// offsets as Go's range over s counts them.
func NewText(s string) *Text {
	t := loadFold()
	n := utf8.RuneCountInString(s)
	x := &Text{orig: make([]rune, 0, n), folded: make([]rune, 0, n)}
	start := -1
	for _, r := range s {
		i := len(x.orig)
		f := t.fold(r)
		x.orig = append(x.orig, r)
		x.folded = append(x.folded, f)
		if IsWordRune(f) {
			if start < 0 {
				start = i
			}
		} else if start >= 0 {
			x.runs = append(x.runs, span{start, i})
			start = -1
		}
	}
	if start >= 0 {
		x.runs = append(x.runs, span{start, len(x.orig)})
	}
	return x
}

// Len returns the number of word runes of the text: its length for ranking.
func (x *Text) Len() int {
	n := 0
	for _, r := range x.runs {
		n += r.end - r.start
	}
	return n
}

// Count returns the number of occurrences of the term in the text,
// overlapping ones included ("哈哈" occurs twice in "哈哈哈"), as the index
// counts them.
func (x *Text) Count(t Term) int {
	n := 0
	x.each(t, func(span) bool { n++; return true })
	return n
}

// Contains reports whether the term occurs in the text.
func (x *Text) Contains(t Term) bool {
	found := false
	x.each(t, func(span) bool { found = true; return false })
	return found
}

// each calls fn with the span of every occurrence of t, in order, until fn
// returns false. A term of one run occurs anywhere inside a run of the
// text; a term of several runs occurs where a run of the text ends with its
// first run, the following runs equal its middle runs, and the next begins
// with its last run.
func (x *Text) each(t Term, fn func(span) bool) {
	segs := t.segs
	if len(segs) == 0 {
		return
	}
	if len(segs) == 1 {
		s := segs[0]
		for _, r := range x.runs {
			for i := r.start; i+len(s) <= r.end; i++ {
				if x.folded[i] == s[0] && equalRunes(x.folded[i:i+len(s)], s) && !fn(span{i, i + len(s)}) {
					return
				}
			}
		}
		return
	}
	first, last := segs[0], segs[len(segs)-1]
	for k := 0; k+len(segs) <= len(x.runs); k++ {
		r := x.runs[k]
		if r.end-r.start < len(first) || !equalRunes(x.folded[r.end-len(first):r.end], first) {
			continue
		}
		ok := true
		for m := 1; m < len(segs)-1 && ok; m++ {
			rm := x.runs[k+m]
			ok = equalRunes(x.folded[rm.start:rm.end], segs[m])
		}
		rl := x.runs[k+len(segs)-1]
		if !ok || rl.end-rl.start < len(last) || !equalRunes(x.folded[rl.start:rl.start+len(last)], last) {
			continue
		}
		if !fn(span{r.end - len(first), rl.start + len(last)}) {
			return
		}
	}
}

func equalRunes(a, b []rune) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// Doc is a document's title and body for scoring. Unless the body has Han
// characters that fold to others (Entry.Folds: traditional forms, rare as
// bodies are stored simplified), a term of Han characters is counted in the
// body as written, which is much cheaper than folding it; anything else
// folds the body, once.
type Doc struct {
	title  *Text
	body   string
	length int   // word runes of the body
	folds  bool  // the body has Han characters that fold to others
	folded *Text // the body folded, once needed
}

// NewDoc returns a document for scoring, given the number of word runes of
// the body and whether it has folding Han characters (Entry.Length and
// Entry.Folds); a negative length has them computed.
func NewDoc(title, body string, length int, folds bool) *Doc {
	d := &Doc{title: NewText(title), body: body, length: length, folds: folds}
	if length < 0 {
		d.folded = NewText(body)
		d.length = d.folded.Len()
		d.folds = HasFoldingHan(body)
	}
	return d
}

// count returns the occurrences of t in the title and in the body.
func (d *Doc) count(t Term) (title, body int) {
	title = d.title.Count(t)
	if d.folded == nil {
		if pattern, ok := rawPattern(t); ok && !d.folds {
			return title, countOverlapping(d.body, pattern)
		}
		d.folded = NewText(d.body)
	}
	return title, d.folded.Count(t)
}

// contains reports whether t occurs in the title or the body.
func (d *Doc) contains(t Term) bool {
	title, body := d.count(t)
	return title+body > 0
}

// level returns t's impact level in the document (the level the index
// stores for a rune or a bigram).
func (d *Doc) level(t Term) int {
	title, body := d.count(t)
	return Level(body+TitleWeight*title, d.length)
}

// rawPattern returns the text of t when it is one run of Han characters,
// which text without folding Han characters holds as written.
func rawPattern(t Term) (string, bool) {
	if len(t.segs) != 1 {
		return "", false
	}
	for _, r := range t.segs[0] {
		if !isHan(r) {
			return "", false
		}
	}
	return string(t.segs[0]), true
}

// isHan reports whether r is in a block of Han characters, whose runes
// fold only to Han characters.
func isHan(r rune) bool {
	return r >= hanFirst && r <= hanLast || r >= 0x20000 && r <= 0x3FFFF || r >= 0xF900 && r <= 0xFAFF
}

// HasFoldingHan reports whether s has a Han character that folds to
// another.
func HasFoldingHan(s string) bool {
	t := loadFold()
	for _, r := range s {
		if r >= 0x3400 && t.fold(r) != r && isHan(r) {
			return true
		}
	}
	return false
}

// countOverlapping counts the occurrences of pattern (UTF-8 of Han
// characters) in s, overlapping ones included.
func countOverlapping(s, pattern string) int {
	n := 0
	eachRaw(s, pattern, func(int) bool { n++; return true })
	return n
}

// eachRaw calls fn with the byte offset of every occurrence of pattern (at
// least two bytes: UTF-8 of Han characters) in s, in order, overlapping
// ones included, until fn returns false. It looks for the pattern without
// its first byte: the lead byte of a CJK character is one of a handful
// shared by thousands of them, the bytes after it are far more telling,
// which keeps the byte search fast.
func eachRaw(s, pattern string, fn func(at int) bool) {
	anchor, lead := pattern[1:], pattern[0]
	for off := 1; off < len(s); {
		j := strings.Index(s[off:], anchor)
		if j < 0 {
			return
		}
		if at := off + j - 1; s[at] == lead && !fn(at) {
			return
		}
		off += j + 1
	}
}
