package extract

import (
	"math"
	"sort"
	"strconv"
	"unicode/utf8"

	baogao "github.com/baogao/baogao"
)

// quantity is one figure as written: a number or a range, its unit and the
// words right after it that bound it (左右, 以上, 以内 …).
type quantity struct {
	start, end int     // compact offsets: the number through its unit and bound
	numEnd     int     // compact offset after the unit, before the bound words
	value      float64 // as written, times its multiplier (万, 亿): "1.2万人" is 12000 人
	high       float64 // upper end of a range
	isRange    bool
	unit       string // the unit family: %, pp, ‰, 元, 美元, 人, 吨, 斤, 家, 亩 …
	bound      baogao.Qualifier
	boundWord  string // the word that set bound, as written
	cjk        bool   // written in Chinese numerals ("百万吨")
}

// unitWords are the units a figure can carry, longest first, with the
// family they belong to and the factor to that family's base.
var unitWords = []struct {
	word   string
	family string
	factor float64
}{
	{"个百分点", "pp", 1},
	{"百分点", "pp", 1},
	{"万亿元", "元", 1e12},
	{"万亿美元", "美元", 1e12},
	{"亿美元", "美元", 1e8},
	{"万美元", "美元", 1e4},
	{"美元", "美元", 1},
	{"万亿", "元", 1e12},
	{"亿元", "元", 1e8},
	{"万元", "元", 1e4},
	{"千元", "元", 1e3},
	{"元", "元", 1},
	{"亿斤", "斤", 1e8},
	{"万斤", "斤", 1e4},
	{"斤", "斤", 1},
	{"万吨", "吨", 1e4},
	{"吨", "吨", 1},
	{"万人次", "人次", 1e4},
	{"人次", "人次", 1},
	{"万人", "人", 1e4},
	{"万名", "人", 1e4},
	{"人", "人", 1},
	{"名", "人", 1},
	{"万家", "家", 1e4},
	{"万户", "户", 1e4},
	{"家", "家", 1},
	{"户", "户", 1},
	{"万个", "个", 1e4},
	{"个", "个", 1},
	{"万亩", "亩", 1e4},
	{"亩", "亩", 1},
	{"亿", "元", 1e8}, // "地方财政收入1.37亿": money unless the indicator says otherwise
	{"%", "%", 1},
	{"‰", "‰", 1},
	{"倍", "倍", 1},
	{"成", "成", 1},
	{"年", "年", 1},
	{"月", "月", 1},
	{"日", "日", 1},
	{"季度", "季度", 1},
	{"项", "项", 1},
	{"件", "件", 1},
	{"所", "所", 1},
	{"万平方米", "平方米", 1e4},
	{"平方米", "平方米", 1},
	{"平方公里", "平方公里", 1},
	{"公里", "公里", 1},
	{"万千瓦", "千瓦", 1e4},
	{"千瓦", "千瓦", 1},
	{"万标箱", "标箱", 1e4},
	{"万", "", 1e4}, // a bare 万 keeps its number; the unit is read from the indicator
}

func init() {
	// longest first, so that 万人次 is not read as 万人
	sort.SliceStable(unitWords, func(i, j int) bool {
		return utf8.RuneCountInString(unitWords[i].word) > utf8.RuneCountInString(unitWords[j].word)
	})
}

// boundWords follow a figure and bound it. "内" alone is left out: it is
// too often the start of the next word.
var boundWords = []struct {
	word string
	q    baogao.Qualifier
}{
	{"左右", baogao.QualAbout},
	{"上下", baogao.QualAbout},
	{"以上", baogao.QualAtLeast},
	{"以内", baogao.QualAtMost},
	{"之内", baogao.QualAtMost},
	{"以下", baogao.QualAtMost},
	{"台阶", baogao.QualAtLeast}, // 迈上5000亿元台阶
	{"大关", baogao.QualAtLeast},
}

func hasPrefixAt(r []rune, i int, w string) bool {
	for _, c := range w {
		if i >= len(r) || r[i] != c {
			return false
		}
		i++
	}
	return true
}

func isDigit(c rune) bool { return c >= '0' && c <= '9' }

// scanQuantities finds every figure in r[start:end].
func scanQuantities(r []rune, start, end int) []quantity {
	var out []quantity
	for i := start; i < end; i++ {
		c := r[i]
		if isDigit(c) && (i == start || !isDigit(r[i-1]) && r[i-1] != '.') {
			q, ok := parseQuantity(r, i, end)
			if ok {
				out = append(out, q)
				i = q.end - 1
				continue
			}
			// skip the rest of this number
			for i+1 < end && (isDigit(r[i+1]) || r[i+1] == '.') {
				i++
			}
			continue
		}
		if isCJKNumeral(c) && (i == start || !isCJKNumeral(r[i-1]) && !isDigit(r[i-1])) {
			if q, ok := parseCJKQuantity(r, i, end); ok {
				out = append(out, q)
				i = q.end - 1
			}
		}
	}
	return out
}

// readNumber reads digits with an optional fraction and thousands
// separators ("200,000") at r[i:end].
func readNumber(r []rune, i, end int) (float64, int, bool) {
	j := i
	for j < end && isDigit(r[j]) {
		j++
	}
	if j == i {
		return 0, i, false
	}
	digits := string(r[i:j])
	// "200,000": groups of three after at most three leading digits
	if j-i <= 3 {
		for isThousands(r, j, end) {
			digits += string(r[j+1 : j+4])
			j += 4
		}
	}
	if j+1 < end && r[j] == '.' && isDigit(r[j+1]) {
		k := j + 1
		for k < end && isDigit(r[k]) {
			k++
		}
		digits += string(r[j:k])
		j = k
	}
	v, err := strconv.ParseFloat(digits, 64)
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
		return 0, j, false
	}
	return v, j, true
}

// isThousands reports whether r[j:] is ",ddd" not followed by a digit.
func isThousands(r []rune, j, end int) bool {
	return j+3 < end && r[j] == ',' && isDigit(r[j+1]) && isDigit(r[j+2]) && isDigit(r[j+3]) &&
		(j+4 >= end || !isDigit(r[j+4]) && r[j+4] != '.' || j+4 < end && r[j+4] == ',')
}

// readUnit reads a unit word at r[j:end].
func readUnit(r []rune, j, end int) (family string, factor float64, n int) {
	for _, u := range unitWords {
		if hasPrefixAt(r[:end], j, u.word) {
			return u.family, u.factor, len([]rune(u.word))
		}
	}
	return "", 1, 0
}

func isRangeDash(c rune) bool { return c == '-' || c == '~' || c == '至' || c == '到' }

// parseQuantity reads a figure starting at the digit r[i].
func parseQuantity(r []rune, i, end int) (quantity, bool) {
	q := quantity{start: i}
	neg := false
	if i > 0 && (r[i-1] == '-' || r[i-1] == '+') && (i < 2 || !isDigit(r[i-2]) && r[i-2] != '%') {
		neg = r[i-1] == '-'
		q.start = i - 1
	}
	v, j, ok := readNumber(r, i, end)
	if !ok {
		return q, false
	}
	if neg {
		v = -v
	}
	fam, factor, n := readUnit(r, j, end)
	j += n
	q.value = v * factor
	q.unit = fam
	// a range: 6%-6.5%, 6-6.5%, 6%至6.5%, 6.5~7%
	if j+1 < end && isRangeDash(r[j]) && isDigit(r[j+1]) {
		v2, k, ok := readNumber(r, j+1, end)
		if ok {
			fam2, factor2, n2 := readUnit(r, k, end)
			if n2 > 0 && (fam == "" || fam == fam2) && fam2 != "年" && fam2 != "月" && fam2 != "日" {
				if fam == "" {
					q.value = v * factor2
				}
				q.high = v2 * factor2
				q.isRange = q.high > q.value
				q.unit = fam2
				j = k + n2
				if !q.isRange { // "5-5%": not a range, keep the first figure
					q.high = 0
				}
			}
		}
	}
	if q.unit == "元" && hasPrefixAt(r[:end], j, "人民币") {
		j += 3 // "2580.4亿元人民币"
	}
	q.numEnd = j
	for _, b := range boundWords {
		if hasPrefixAt(r[:end], j, b.word) {
			q.bound, q.boundWord = b.q, b.word
			j += len([]rune(b.word))
			break
		}
	}
	q.end = j
	return q, true
}

func isCJKNumeral(c rune) bool {
	switch c {
	case '零', '一', '二', '两', '三', '四', '五', '六', '七', '八', '九', '十', '百', '千', '万', '亿':
		return true
	}
	return false
}

// parseCJKQuantity reads a figure in Chinese numerals followed by a unit:
// "百万吨", "两万人". Bare numerals ("一般", "十四五") are not figures.
func parseCJKQuantity(r []rune, i, end int) (quantity, bool) {
	j := i
	for j < end && isCJKNumeral(r[j]) {
		j++
	}
	// let the unit take a trailing 万/亿 that belongs to it (万吨, 亿元)
	for k := j; k > i; k-- {
		fam, factor, n := readUnit(r, k, end)
		// money in Chinese numerals ("迈上万亿元台阶", "近千亿") names a
		// milestone, not a figure
		if n == 0 || fam == "" || fam == "年" || fam == "月" || fam == "日" || fam == "成" || fam == "个" || fam == "元" || fam == "美元" {
			continue
		}
		v, ok := cjkValue(r[i:k])
		if !ok {
			continue
		}
		if i > 0 && r[i-1] == '(' && k+n < end && r[k+n] == ')' {
			return quantity{}, false // "(万人)" names a unit, as a table's row does
		}
		q := quantity{start: i, value: v * factor, unit: fam, cjk: true}
		k += n
		q.numEnd = k
		for _, b := range boundWords {
			if hasPrefixAt(r[:end], k, b.word) {
				q.bound, q.boundWord = b.q, b.word
				k += len([]rune(b.word))
				break
			}
		}
		q.end = k
		return q, true
	}
	return quantity{}, false
}

// cjkValue reads a Chinese numeral that holds a unit word (十, 百, 千, 万):
// 百万 = 1000000, 两万 = 20000. Plain digit runs ("一二") are refused.
func cjkValue(s []rune) (float64, bool) {
	if len(s) == 0 || len(s) > 6 {
		return 0, false
	}
	digit := map[rune]float64{'零': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}
	small := map[rune]float64{'十': 10, '百': 100, '千': 1000}
	big := map[rune]float64{'万': 1e4, '亿': 1e8}
	total, section, cur := 0.0, 0.0, -1.0
	hasUnit := false
	for _, c := range s {
		switch {
		case digit[c] > 0 || c == '零':
			if cur >= 0 {
				return 0, false // two digits in a row
			}
			cur = digit[c]
		case small[c] > 0:
			hasUnit = true
			if cur < 0 {
				cur = 1
			}
			section += cur * small[c]
			cur = -1
		case big[c] > 0:
			hasUnit = true
			if cur >= 0 {
				section += cur
			}
			if section == 0 {
				section = 1
			}
			total += section * big[c]
			section, cur = 0, -1
		default:
			return 0, false
		}
	}
	if cur >= 0 {
		section += cur
	}
	if !hasUnit {
		return 0, false
	}
	return total + section, true
}

// round keeps six decimals, enough for every canonical unit and free of
// binary noise (2616611万元 is 261.6611亿元, not 261.66109999).
func round(v float64) float64 {
	return math.Round(v*1e6) / 1e6
}

// canonical converts a quantity's value to the canonical unit of an
// indicator, reporting false when the units do not fit.
func canonical(v float64, family, unit string) (float64, bool) {
	switch unit {
	case "%":
		return v, family == "%"
	case "亿元":
		return round(v / 1e8), family == "元"
	case "亿美元":
		return round(v / 1e8), family == "美元"
	case "人":
		return round(v), family == "人" || family == ""
	case "万吨":
		switch family {
		case "吨":
			return round(v / 1e4), true
		case "斤":
			return round(v / 2e7), true // 1万吨 = 2e7斤, so 1亿斤 = 5万吨
		}
		return 0, false
	case "家":
		return round(v), family == "家" || family == "户" || family == "个"
	}
	return 0, false
}
