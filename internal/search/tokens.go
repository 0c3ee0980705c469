package search

import (
	"unicode"
	"unicode/utf8"
)

// IsWordRune reports whether a folded rune belongs to words: letters (Han
// characters included), digits, and the '.' and '%' of numbers ("8.5%").
// Every other rune — punctuation, spaces, symbols — separates runs of words.
func IsWordRune(r rune) bool {
	switch {
	case r < 0x80:
		return 'a' <= r && r <= 'z' || '0' <= r && r <= '9' || r == '.' || r == '%' || 'A' <= r && r <= 'Z'
	case r >= 0x4E00 && r <= 0x9FFF: // CJK Unified Ideographs: all letters
		return true
	case r >= 0x3000 && r <= 0x303F: // CJK punctuation
		return r == 0x3005 || r == 0x3006 || r == 0x3007 || r >= 0x3021 && r <= 0x3029 || r >= 0x3031 && r <= 0x3035 || r >= 0x3038 && r <= 0x303C
	}
	return unicode.IsLetter(r) || unicode.IsNumber(r)
}

// The index is made of overlapping bigrams. Text is folded and cut into runs
// of word runes; a run c1 c2 … cn gives the tokens c1c2, c2c3, …, c(n-1)cn
// and, last, the single rune cn, one token per rune, each at the position of
// its first rune. So every occurrence of a rune starts a token (a rune query
// is a prefix query, or a look-up of the rune's own term), a string of two
// or more word runes is exactly a phrase of its bigrams (no bigram ends a run,
// so consecutive bigrams are consecutive runes), and the final single rune
// marks where a run ends.

// appendToken writes one token, preceded by a space unless dst is empty.
func appendToken(dst []byte, a, b rune) []byte {
	if len(dst) > 0 {
		dst = append(dst, ' ')
	}
	dst = utf8.AppendRune(dst, a)
	if b != 0 {
		dst = utf8.AppendRune(dst, b)
	}
	return dst
}

// AppendTokens appends the index tokens of text, separated by spaces, to
// dst, and returns it with the number of tokens (the number of word runes).
func AppendTokens(dst []byte, text string) ([]byte, int) {
	t := loadFold()
	n := 0
	var prev rune // previous word rune of the current run; 0 outside a run
	for _, r := range text {
		r = t.fold(r)
		if !IsWordRune(r) {
			if prev != 0 {
				dst = appendToken(dst, prev, 0)
				n++
				prev = 0
			}
			continue
		}
		if prev != 0 {
			dst = appendToken(dst, prev, r)
			n++
		}
		prev = r
	}
	if prev != 0 {
		dst = appendToken(dst, prev, 0)
		n++
	}
	return dst, n
}

// term is a rune or a pair of runes, packed: the first rune in the high 32
// bits, the second (0 for a single rune) in the low.
type term uint64

func bigram(a, b rune) term { return term(uint64(a)<<32 | uint64(b)) }

func (t term) runes() (rune, rune) { return rune(t >> 32), rune(uint32(t)) }

// appendAndCount is AppendTokens that also adds weight to the count of
// every rune and every bigram of text: one pass for both.
func appendAndCount(dst []byte, text string, c *counter, weight int32) ([]byte, int) {
	t := loadFold()
	n := 0
	var prev rune
	for _, r := range text {
		r = t.fold(r)
		if !IsWordRune(r) {
			if prev != 0 {
				dst = appendToken(dst, prev, 0)
				prev = 0
			}
			continue
		}
		n++
		c.add(bigram(r, 0), weight)
		if prev != 0 {
			dst = appendToken(dst, prev, r)
			c.add(bigram(prev, r), weight)
		}
		prev = r
	}
	if prev != 0 {
		dst = appendToken(dst, prev, 0)
	}
	return dst, n
}

// counter counts terms: an open-addressing hash table, several times
// faster than a map for the thousands of terms of a document.
type counter struct {
	keys []term // 0 marks an empty slot: no term is 0, rune 0 not being a word rune
	vals []int32
	n    int
}

func newCounter(hint int) *counter {
	size := 1024
	for size < 2*hint {
		size <<= 1
	}
	return &counter{keys: make([]term, size), vals: make([]int32, size)}
}

func (c *counter) add(k term, w int32) {
	mask := len(c.keys) - 1
	for i := int(uint64(k)*0x9E3779B97F4A7C15>>40) & mask; ; i = (i + 1) & mask {
		switch c.keys[i] {
		case k:
			c.vals[i] += w
			return
		case 0:
			c.keys[i], c.vals[i] = k, w
			if c.n++; 2*c.n > len(c.keys) {
				c.grow()
			}
			return
		}
	}
}

func (c *counter) grow() {
	old, vals := c.keys, c.vals
	c.keys, c.vals, c.n = make([]term, 2*len(old)), make([]int32, 2*len(old)), 0
	for i, k := range old {
		if k != 0 {
			c.add(k, vals[i])
		}
	}
}

// each calls fn with every term and its count.
func (c *counter) each(fn func(term, int32)) {
	for i, k := range c.keys {
		if k != 0 {
			fn(k, c.vals[i])
		}
	}
}
