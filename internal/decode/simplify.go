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

// sampleRunes bounds the text converted to decide the script, so that
// simplified documents cost little.
const sampleRunes = 3000

// Simplify converts traditional-character text to simplified and reports the
// script it found. Text is judged traditional when converting a sample of
// its Han characters changes at least 2% of them (simplified text changes
// almost none); then all of it is converted. Mixed text below the threshold
// is returned as it is.
func Simplify(text string) (string, string, error) {
	sample, han := hanSample(text)
	if han < 10 {
		return text, Simplified, nil
	}
	cc, err := converter()
	if err != nil {
		return text, Simplified, err
	}
	conv, err := cc.Convert(sample)
	if err != nil {
		return text, Simplified, err
	}
	changed := 0
	a, b := []rune(sample), []rune(conv)
	if len(a) == len(b) {
		for i := range a {
			if a[i] != b[i] {
				changed++
			}
		}
	} else {
		changed = han // phrase conversion changed lengths: certainly converted
	}
	if float64(changed)/float64(han) < 0.02 {
		return text, Simplified, nil
	}
	out, err := cc.Convert(text)
	if err != nil {
		return text, Simplified, err
	}
	return out, Traditional, nil
}

// hanSample returns up to sampleRunes Han runes of text, and their count.
func hanSample(text string) (string, int) {
	rs := make([]rune, 0, sampleRunes)
	for _, r := range text {
		if unicode.Is(unicode.Han, r) {
			rs = append(rs, r)
			if len(rs) == sampleRunes {
				break
			}
		}
	}
	return string(rs), len(rs)
}
