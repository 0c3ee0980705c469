package decode

import (
	"sync"
	"unicode"

	"github.com/longbridgeapp/opencc"
)

// Script names.
const (
	Simplified  = "simplified"
	Traditional = "traditional"
)

// converter is built on first use: loading OpenCC's dictionaries takes tens
// of milliseconds, which simplified-only imports should not pay. tw2s is t2s
// plus Taiwan's variant characters and phrases, so that pages from either
// side convert (著力 → 着力 as well as 爲 → 为).
var converter = sync.OnceValues(func() (*opencc.OpenCC, error) { return opencc.New("tw2s") })

// sampleRunes bounds the text looked at to decide the script.
const sampleRunes = 3000

// isTraditional is the set of traditionalOnly, built on first use.
var isTraditional = sync.OnceValue(func() map[rune]bool {
	m := make(map[rune]bool, len(traditionalOnly)/3)
	for _, r := range traditionalOnly {
		m[r] = true
	}
	return m
})

// Simplify converts traditional-character text to simplified and reports the
// script it found. Text is judged traditional when at least 2% of the first
// Han characters are common traditional-only forms (simplified text has
// almost none; traditional text a fifth or more); then all of it is
// converted. Mixed text below the threshold is returned as it is.
func Simplify(text string) (string, string, error) {
	trad, han := 0, 0
	set := isTraditional()
	for _, r := range text {
		if !unicode.Is(unicode.Han, r) {
			continue
		}
		han++
		if set[r] {
			trad++
		}
		if han == sampleRunes {
			break
		}
	}
	if han < 10 || float64(trad)/float64(han) < 0.02 {
		return text, Simplified, nil
	}
	cc, err := converter()
	if err != nil {
		return text, Simplified, err
	}
	out, err := cc.Convert(text)
	if err != nil {
		return text, Simplified, err
	}
	return out, Traditional, nil
}

// ToSimplified converts every traditional character of text to simplified,
// however few there are: for matching short texts (a comment against a word
// list), where Simplify's judgement of the script would leave a lone
// traditional character in place.
func ToSimplified(text string) (string, error) {
	cc, err := converter()
	if err != nil {
		return text, err
	}
	return cc.Convert(text)
}
