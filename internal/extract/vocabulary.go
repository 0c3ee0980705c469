package extract

import (
	_ "embed"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// concept is what a phrase in a report names: a quantity the reports talk
// about (GDP, budget revenue …) from which the figure beside it takes its
// indicator. A concept can give several indicators depending on the
// figure: GDP in 亿元 is gdp, GDP "增长7%" is gdp_growth.
type concept struct {
	key    string
	level  string // indicator of an amount or level ("" when none: kept as other)
	unit   string // canonical unit of level
	growth string // indicator of a growth rate in %
	// rate is the indicator whose value is the percentage itself: an
	// unemployment rate, a price rise, a share.
	rate   string
	signed bool // a decline (下降) makes rate negative: prices, energy intensity
	// pair concepts stand for two indicators at once (城乡居民收入 → urban
	// and rural); a figure given once applies to both.
	pair []string
	// weak concepts are bare heads (增加值, 产量) that mean something only
	// after a mention they complete; see resolveWeak.
	weak bool
}

// concepts by key. The "other" concept names totals outside the
// vocabulary (财政总收入, 人均地区生产总值 …): their figures must not be taken
// for a neighbour's, and lists must stay aligned ("财政总收入和地方财政收入
// 分别增长10.6%和12.3%").
var concepts = map[string]*concept{
	"gdp":       {key: "gdp", level: "gdp", unit: "亿元", growth: "gdp_growth"},
	"growth":    {key: "growth", growth: "gdp_growth"}, // 经济增长, 经济增速
	"industry":  {key: "industry", growth: "industry_va_growth"},
	"services":  {key: "services", growth: "services_va_growth"},
	"fai":       {key: "fai", growth: "fai_growth"},
	"retail":    {key: "retail", growth: "retail_growth"},
	"budget":    {key: "budget", level: "budget_revenue", unit: "亿元", growth: "budget_revenue_growth"},
	"trade":     {key: "trade", growth: "trade_growth"},
	"export":    {key: "export", growth: "export_growth"},
	"fdi":       {key: "fdi", level: "fdi", unit: "亿美元"},
	"income":    {key: "income", growth: "income_growth"},
	"urbanInc":  {key: "urbanInc", growth: "urban_income_growth"},
	"ruralInc":  {key: "ruralInc", growth: "rural_income_growth"},
	"pairInc":   {key: "pairInc", pair: []string{"urbanInc", "ruralInc"}},
	"cpi":       {key: "cpi", rate: "cpi", signed: true},
	"jobs":      {key: "jobs", level: "urban_jobs", unit: "人"},
	"unemp":     {key: "unemp", rate: "unemployment_rate"},
	"regUnemp":  {key: "regUnemp", rate: "registered_unemployment_rate"},
	"grain":     {key: "grain", level: "grain_output", unit: "万吨"},
	"energy":    {key: "energy", rate: "energy_intensity_growth", signed: true},
	"rd":        {key: "rd", rate: "rd_intensity"},
	"urbanRate": {key: "urbanRate", rate: "urbanization_rate"},
	"newFirms":  {key: "newFirms", level: "new_above_scale_firms", unit: "家"},
	"other":     {key: "other"},
	// 规模以上工业企业: counted in 家 (other), but "…企业1860家,实现增加值
	// 增长8.1%" is industrial value added.
	"firms": {key: "firms"},
	// 粮食播种面积: an area (other), but "…、总产量125亿斤" is grain output.
	"grainArea": {key: "grainArea"},
	// 产量, 总产量: grain output after a grain phrase, else nothing.
	"output": {key: "output", weak: true},
	// 增加值: industrial value added after 规模以上工业企业, else nothing.
	"addedValue": {key: "addedValue", weak: true},
}

// phrase is one way of naming a concept.
type phrase struct {
	text    string
	concept *concept
	// strict phrases are short or common words (出口, 投资, 服务业) that
	// count only at the head of a noun phrase: see leftOK.
	strict bool
	parts  []string // for patterns with gaps: the pieces, in order
}

// vocabulary is the table of phrases, kept as data: see vocabulary.tsv.
//
//go:embed vocabulary.tsv
var vocabulary string

// phrases, longest first, indexed by their first rune.
var phrasesByRune = buildPhrases()

func buildPhrases() map[rune][]phrase {
	idx := map[rune][]phrase{}
	for _, line := range strings.Split(vocabulary, "\n") {
		key, list, ok := strings.Cut(strings.TrimSpace(line), "\t")
		if !ok || strings.HasPrefix(key, "#") {
			continue
		}
		c := concepts[key]
		if c == nil {
			panic("extract: vocabulary names unknown concept " + key)
		}
		for _, p := range strings.Fields(list) {
			ph := phrase{concept: c}
			if strings.HasPrefix(p, "^") {
				ph.strict = true
				p = p[1:]
			}
			ph.text = p
			if strings.Contains(p, "…") {
				ph.parts = strings.Split(p, "…")
			}
			r, _ := utf8.DecodeRuneInString(p)
			idx[r] = append(idx[r], ph)
		}
	}
	for r := range idx {
		sort.SliceStable(idx[r], func(i, j int) bool {
			return utf8.RuneCountInString(idx[r][i].text) > utf8.RuneCountInString(idx[r][j].text)
		})
	}
	return idx
}

// mention is a phrase found in the text.
type mention struct {
	start, end int // compact offsets
	concept    *concept
	label      string // the phrase as it stands in the text
}

// gapMax is how far the pieces of a gapped phrase may stand apart.
const gapMax = 12

// matchAt returns the longest phrase at r[i], if any.
func matchAt(r []rune, i, end int) (phrase, int, bool) {
	for _, ph := range phrasesByRune[r[i]] {
		if ph.parts == nil {
			if hasPrefixAt(r[:end], i, ph.text) {
				return ph, i + utf8.RuneCountInString(ph.text), true
			}
			continue
		}
		if j, ok := matchGapped(r, i, end, ph.parts); ok {
			return ph, j, true
		}
	}
	return phrase{}, i, false
}

// matchGapped matches pieces in order, each within gapMax runes of the
// last, with no clause break or digit in the gaps.
func matchGapped(r []rune, i, end int, parts []string) (int, bool) {
	if !hasPrefixAt(r[:end], i, parts[0]) {
		return i, false
	}
	j := i + utf8.RuneCountInString(parts[0])
	for _, p := range parts[1:] {
		found := false
		for k := j; k < end && k <= j+gapMax; k++ {
			if hasPrefixAt(r[:end], k, p) {
				j = k + utf8.RuneCountInString(p)
				found = true
				break
			}
			if isClauseBreak(r[k]) || isDigit(r[k]) {
				break
			}
		}
		if !found {
			return i, false
		}
	}
	return j, true
}

// leftOK reports whether a strict phrase at r[i] stands at the head of a
// noun phrase: after a break, a conjunction, a scope (全市, 其中, 2023年) or
// a verb, rather than inside a longer name (机电产品出口, 工业投资).
func leftOK(r []rune, i, lo int) bool {
	if i <= lo || !unicode.Is(unicode.Han, r[i-1]) && !unicode.IsLetter(r[i-1]) && !isDigit(r[i-1]) {
		return true // a break, a bullet or a symbol
	}
	switch r[i-1] {
	case ',', ';', ':', '、', '(', ')', '\n', '。', '和', '及', '与', '年', '全', '省', '市', '县', '区', '州', '旗', '镇', '乡', '国',
		'中', '计', '现', '成', '的', '是', '了', '保', '在', '而', '但', '且', '内', '均', '体', '部', '外', '贸', '较', '比', '将', '使', '动', '争', '力',
		'期', '求', '为', '即', '出':
		return true
	}
	return false
}

// subScopes name a part of a place (园区新增规模以上工业企业600户): figures
// about a part are not the place's.
var subScopes = []string{"园区", "开发区", "高新区", "产业园", "工业园", "经开区", "新区", "示范区", "集聚区", "经济区", "片区", "脱贫地区", "贫困地区", "脱贫人口", "脱贫群众", "都市圈", "城市群", "经济圈", "经济带"}

func afterSubScope(r []rune, i, lo int) bool {
	for _, w := range subScopes {
		n := utf8.RuneCountInString(w)
		if i-n >= lo && string(r[i-n:i]) == w {
			return true
		}
	}
	return false
}

// firstMention reports whether r[start:end] names any phrase.
func firstMention(r []rune, start, end int) (int, int, bool) {
	for i := start; i < end; i++ {
		if ph, j, ok := matchAt(r, i, end); ok && (!ph.strict || leftOK(r, i, start)) {
			return i, j, true
		}
	}
	return 0, 0, false
}

// otherNouns right after a mention make it name something else:
// "第三产业投资", "服务业从业人员", "出口企业".
var otherNouns = []string{"投资", "用电", "从业", "就业", "贷款", "税收", "比重", "占比", "企业", "项目", "产品", "价格", "面积", "培育", "结构", "人口"}

func beforeOtherNoun(r []rune, j, end int) bool {
	for _, w := range otherNouns {
		if hasPrefixAt(r[:end], j, w) {
			return true
		}
	}
	return false
}

// findMentions finds the phrases of the vocabulary in r[start:end], left
// to right, longest first.
func findMentions(r []rune, start, end int) []mention {
	var out []mention
	for i := start; i < end; {
		ph, j, ok := matchAt(r, i, end)
		if ok && (!ph.strict || leftOK(r, i, start)) {
			c := ph.concept
			if afterSubScope(r, i, start) || beforeOtherNoun(r, j, end) || (c.key == "trade" || c.key == "export") && strings.Contains(clauseBefore(r, start, i), "对") ||
				c.key == "budget" && localFigureAfter(r, i, j) {
				// a part of the place, trade with one partner (对东盟进出口),
				// or a total of all levels of government
				c = concepts["other"]
			}
			out = append(out, mention{start: i, end: j, concept: c, label: string(r[i:j])})
			i = j
			continue
		}
		i++
	}
	return out
}

// localLook is how far after a budget revenue the local figure ("其中地方
// 一般公共预算收入") is looked for, in runes.
const localLook = 80

// localFigureAfter reports whether the budget revenue named at r[i:j] is a
// total of all levels of government: one that the paragraph goes on to
// split, "其中地方一般公共预算收入218亿元". A revenue named as local is not.
func localFigureAfter(r []rune, i, j int) bool {
	if hasPrefixAt(r, i, "地方") || i > 0 && r[i-1] == '方' {
		return false
	}
	for k := j; k < len(r) && k < j+localLook && r[k] != '\n'; k++ {
		if !hasPrefixAt(r, k, "其中") {
			continue
		}
		m := k + 2
		if m < len(r) && r[m] == ',' {
			m++
		}
		if ph, _, ok := matchAt(r, m, len(r)); ok && ph.concept.key == "budget" && hasPrefixAt(r, m, "地方") {
			return true
		}
	}
	return false
}
