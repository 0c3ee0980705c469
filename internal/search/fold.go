package search

import (
	_ "embed"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

//go:embed t2s.txt
var t2sData string

// foldTable maps traditional characters to simplified ones. It is built once
// from t2s.txt and never changed.
type foldTable struct {
	han   []rune // indexed by r - hanFirst; 0 means "unchanged"
	other map[rune]rune
}

// The block of common CJK ideographs (Extension A and the URO) that most
// traditional characters fall in; the rest go in a map.
const (
	hanFirst = 0x3400
	hanLast  = 0x9FFF
)

var loadFold = sync.OnceValue(func() *foldTable {
	t := &foldTable{han: make([]rune, hanLast-hanFirst+1), other: map[rune]rune{}}
	for line := range strings.SplitSeq(t2sData, "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		from, to, ok := strings.Cut(line, "\t")
		if !ok {
			continue
		}
		f, _ := utf8.DecodeRuneInString(from)
		s, _ := utf8.DecodeRuneInString(to)
		if f >= hanFirst && f <= hanLast {
			t.han[f-hanFirst] = s
		} else {
			t.other[f] = s
		}
	}
	return t
})

// Fold maps one rune to the form search compares: traditional Han
// characters to simplified ones (发 for 發), full-width ASCII to ASCII
// (５Ｇ to 5G), the ideographic space to a space, and letters to lower case.
// It maps every rune to exactly one rune, so a rune offset in folded text is
// the same offset in the original.
func Fold(r rune) rune {
	t := loadFold()
	return t.fold(r)
}

func (t *foldTable) fold(r rune) rune {
	switch {
	case r < 0x80:
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	case r >= hanFirst && r <= hanLast:
		if s := t.han[r-hanFirst]; s != 0 {
			return s
		}
		return r
	case r >= 0xFF01 && r <= 0xFF5E: // full-width ASCII
		r -= 0xFF01 - 0x21
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		return r
	case r == 0x3000:
		return ' '
	}
	if s, ok := t.other[r]; ok {
		return s
	}
	return unicode.ToLower(r)
}

// FoldString folds every rune of s (see Fold). Invalid UTF-8 bytes become
// U+FFFD, one per byte, so rune offsets still match the original as Go
// counts them when ranging over the string.
func FoldString(s string) string {
	t := loadFold()
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		b.WriteRune(t.fold(r))
	}
	return b.String()
}

// foldRunes returns the folded runes of s.
func foldRunes(s string) []rune {
	t := loadFold()
	rs := make([]rune, 0, len(s)/2)
	for _, r := range s {
		rs = append(rs, t.fold(r))
	}
	return rs
}
