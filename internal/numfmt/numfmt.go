// Package numfmt writes extracted values the way readers write them:
// for Chinese readers as the reports do ("110万人", "1.3万亿元以上",
// "7%左右", "下降3%"), for English readers in English ("1.1 million
// people", "RMB 1.3 trillion or more", "about 7%", "down 3%").
//
// Values are stored in their indicator's canonical unit (SPEC §5): 1100000
// 人, 13000 亿元. The written form picks the magnitude a writer would (万,
// 亿, 万亿; million, billion, trillion) and keeps every digit of the value:
// a figure is shown in the largest magnitude that writes it with at most
// two decimals ("1.3万亿元", but "12345人" and "261.6611亿元"; three in
// English: "1.234 million people"), never below
// the canonical unit unless the value is smaller than one of it ("5000万元"
// for 0.5 亿元).
package numfmt

import (
	"math"
	"strconv"
	"strings"

	"github.com/baogao/baogao"
)

// Lang is the language a value is written for.
type Lang int

// The languages of the site.
const (
	Chinese Lang = iota
	English
)

// Target writes a target with its qualifier, range and stretch value:
// "7%左右，力争8%", "6%—6.5%", "下降3%以上", "1.3万亿元以上"; in English
// "about 7%, aiming for 8%", "6%–6.5%", "down 3% or more", "RMB 1.3
// trillion or more".
func Target(l Lang, t baogao.Target) string {
	s := ""
	if t.Qualifier == baogao.QualRange && t.ValueHigh != nil {
		s = rangeText(l, t.Value, *t.ValueHigh, t.Unit)
	} else {
		s = qualified(l, t.Value, t.Unit, t.Qualifier)
	}
	if t.Stretch != nil {
		if l == English {
			s += ", aiming for " + signed(l, *t.Stretch, t.Unit)
		} else {
			s += "，力争" + signed(l, *t.Stretch, t.Unit)
		}
	}
	return s
}

// Outcome writes an outcome, with its bound when the text states only one
// ("5万亿元以上", "over RMB 5 trillion" is written "RMB 5 trillion or
// more").
func Outcome(l Lang, o baogao.Outcome) string {
	return qualified(l, o.Value, o.Unit, baogao.Qualifier(o.Bound))
}

// Amount writes a value in its canonical unit with the magnitude a reader
// expects: Amount(Chinese, 1100000, "人") is "110万人", Amount(English,
// 13000, "亿元") is "RMB 1.3 trillion". A negative value keeps its minus
// sign; Target and Outcome write a falling rate as a decline instead.
func Amount(l Lang, v float64, unit string) string {
	if v < 0 {
		return "-" + amount(l, -v, unit)
	}
	return amount(l, v, unit)
}

// Unit names a canonical unit for a column or an axis: "亿元" stays as it
// is in Chinese; in English it is "RMB 100 million", "人" is "people".
func Unit(l Lang, unit string) string {
	if l == Chinese {
		return unit
	}
	if n, ok := englishRates[unit]; ok {
		return strings.TrimSpace(n)
	}
	base, factor := parseUnit(unit)
	if base == "" {
		return unit
	}
	b := bases[base]
	mag := ""
	switch factor {
	case 1e4:
		mag = "10,000"
	case 1e8:
		mag = "100 million"
	case 1e12:
		mag = "trillion"
	}
	switch {
	case b.prefix != "" && mag != "":
		return strings.TrimSpace(b.prefix) + " " + mag
	case b.prefix != "":
		return strings.TrimSpace(b.prefix)
	case mag != "":
		return mag + " " + b.en
	}
	return b.en
}

// isRate reports whether a negative value of the unit is a fall (下降3%,
// 下降0.5个百分点) rather than an amount below zero.
func isRate(unit string) bool {
	return unit == "%" || unit == "个百分点" || unit == "‰"
}

// signed writes a value, a falling rate as a decline: "下降3%", "down 3%".
func signed(l Lang, v float64, unit string) string {
	if v < 0 && isRate(unit) {
		if l == English {
			return "down " + amount(l, -v, unit)
		}
		return "下降" + amount(l, -v, unit)
	}
	return Amount(l, v, unit)
}

// qualified writes a value with its qualifier. The qualifier binds the
// signed value, so a decline "at most −3%" is a fall of 3% or more:
// "下降3%以上".
func qualified(l Lang, v float64, unit string, q baogao.Qualifier) string {
	decline := v < 0 && isRate(unit)
	if decline {
		switch q {
		case baogao.QualAtLeast:
			q = baogao.QualAtMost
		case baogao.QualAtMost:
			q = baogao.QualAtLeast
		}
	}
	s := signed(l, v, unit)
	if l == English {
		body := s
		if decline {
			body = amount(l, -v, unit)
		}
		switch q {
		case baogao.QualAbout:
			body = "about " + body
		case baogao.QualAtLeast:
			body += " or more"
		case baogao.QualAtMost:
			body += " or less"
		default:
			return s
		}
		if decline {
			return "down " + body
		}
		return body
	}
	switch q {
	case baogao.QualAbout:
		return s + "左右"
	case baogao.QualAtLeast:
		return s + "以上"
	case baogao.QualAtMost:
		return s + "以内"
	}
	return s
}

// rangeText writes a range; a range of declines is written as one fall
// from the smaller to the larger: "下降6%—6.5%".
func rangeText(l Lang, lo, hi float64, unit string) string {
	dash := "—"
	if l == English {
		dash = "–"
	}
	if hi < lo {
		lo, hi = hi, lo
	}
	if hi <= 0 && isRate(unit) && lo < 0 {
		return signed(l, hi, unit) + dash + amount(l, -lo, unit)
	}
	return Amount(l, lo, unit) + dash + Amount(l, hi, unit)
}

// base is a unit without its magnitude (元 for 亿元), with its English
// name: written after the number, or before it (prefix) for money.
type base struct {
	en     string
	prefix string
}

var bases = map[string]base{
	"元":   {prefix: "RMB "},
	"美元":  {prefix: "US$"},
	"人":   {en: "people"},
	"人次":  {en: "person-times"},
	"家":   {en: "firms"},
	"户":   {en: "households"},
	"个":   {en: "units"},
	"亩":   {en: "mu"},
	"斤":   {en: "jin"},
	"吨":   {en: "tonnes"},
	"平方米": {en: "m²"},
	"千瓦":  {en: "kW"},
	"标箱":  {en: "TEU"},
	"项":   {en: "items"},
	"件":   {en: "items"},
}

// englishRates are the units without magnitude, as English writes them
// after a number (a leading space when they are words).
var englishRates = map[string]string{
	"%":    "%",
	"‰":    "‰",
	"个百分点": " percentage points",
	"倍":    " times",
	"年":    " years",
}

// magnitudes a Chinese writer puts before a unit, largest first.
var zhMagnitudes = []struct {
	word   string
	factor float64
}{{"万亿", 1e12}, {"亿", 1e8}, {"万", 1e4}, {"", 1}}

// and an English writer, after the number.
var enMagnitudes = []struct {
	word   string
	factor float64
}{{" trillion", 1e12}, {" billion", 1e9}, {" million", 1e6}, {"", 1}}

// parseUnit splits a unit into its base and magnitude ("亿元" is 元 × 1e8);
// base is "" for a unit without magnitudes (%, 个百分点, 倍).
func parseUnit(unit string) (string, float64) {
	for _, m := range zhMagnitudes {
		rest, ok := strings.CutPrefix(unit, m.word)
		if !ok {
			continue
		}
		if _, ok := bases[rest]; ok {
			return rest, m.factor
		}
	}
	return "", 0
}

// amount writes v ≥ 0 in the unit.
func amount(l Lang, v float64, unit string) string {
	b, factor := parseUnit(unit)
	if b == "" {
		n := plain(v)
		if l == English {
			n = thousands(n)
			if e, ok := englishRates[unit]; ok {
				return n + e
			}
		}
		if unit == "" {
			return n
		}
		if l == English {
			return n + " " + unit
		}
		return n + unit
	}
	if l == English {
		mags := enMagnitudes
		// the floor: the largest English magnitude within the canonical one
		i := len(mags) - 1
		for j, m := range mags {
			if m.factor <= factor {
				i = j
				break
			}
		}
		word, n := pick(v, factor, mags, i, 3)
		n = thousands(n)
		bs := bases[b]
		if bs.prefix != "" {
			return bs.prefix + n + word
		}
		return n + word + " " + bs.en
	}
	i := 0
	for j, m := range zhMagnitudes {
		if m.factor == factor {
			i = j
		}
	}
	word, n := pick(v, factor, zhMagnitudes, i, 2)
	return n + word + b
}

// pick chooses the magnitude to write v (in units of factor) in: among
// those from the floor up when v is at least one of the floor, else among
// those below it, the largest that writes v as at least 1 with at most
// maxDecimals decimals, or failing that the smallest; it returns the magnitude's word
// and the number.
func pick(v, factor float64, mags []struct {
	word   string
	factor float64
}, floor, maxDecimals int) (string, string) {
	digits := plain(v)
	if v == 0 {
		return mags[floor].word, "0"
	}
	cands := mags[:floor+1]
	if v*factor < mags[floor].factor && floor+1 < len(mags) {
		cands = mags[floor+1:]
	}
	for i, m := range cands {
		n := shift(digits, int(math.Round(math.Log10(factor/m.factor))))
		if !strings.HasPrefix(n, "0") && decimals(n) <= maxDecimals || i == len(cands)-1 {
			return m.word, n
		}
	}
	panic("unreachable")
}

// plain writes v ≥ 0 in decimal, without float noise: to twelve
// significant digits, trailing zeros dropped.
func plain(v float64) string {
	r, _ := strconv.ParseFloat(strconv.FormatFloat(v, 'g', 12, 64), 64)
	return strconv.FormatFloat(r, 'f', -1, 64)
}

// shift multiplies a decimal written in digits by 10^e, exactly.
func shift(digits string, e int) string {
	ip, fp, _ := strings.Cut(digits, ".")
	all := ip + fp
	point := len(ip) + e
	if point <= 0 {
		all = strings.Repeat("0", 1-point) + all
		point = 1
	}
	if point > len(all) {
		all += strings.Repeat("0", point-len(all))
	}
	ip, fp = strings.TrimLeft(all[:point], "0"), strings.TrimRight(all[point:], "0")
	if ip == "" {
		ip = "0"
	}
	if fp == "" {
		return ip
	}
	return ip + "." + fp
}

func decimals(n string) int {
	if _, fp, ok := strings.Cut(n, "."); ok {
		return len(fp)
	}
	return 0
}

// thousands puts commas in the integer part: 1234567.5 → 1,234,567.5.
func thousands(n string) string {
	ip, fp, hasFrac := strings.Cut(n, ".")
	if len(ip) <= 3 {
		return n
	}
	var b strings.Builder
	for i, c := range ip {
		if i > 0 && (len(ip)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if hasFrac {
		b.WriteString("." + fp)
	}
	return b.String()
}

// Difference writes a signed difference in a unit, such as the gap
// between an outcome and its target: a difference of percentages is in
// percentage points ("+0.3个百分点", "-1.2个百分点"; "+0.3 pp"), others in
// the unit ("+12亿元", "+RMB 1.2 billion"). Zero has no sign.
func Difference(l Lang, v float64, unit string) string {
	if unit == "%" {
		unit = "个百分点"
	}
	sign := "+"
	switch {
	case v < 0:
		sign, v = "-", -v
	case v == 0:
		sign = ""
	}
	if l == English && unit == "个百分点" {
		return sign + thousands(plain(v)) + " pp"
	}
	return sign + amount(l, v, unit)
}
