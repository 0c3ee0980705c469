package extract

import (
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

// vocabulary lists the phrases, one per line: concept key, then phrases.
// A leading ^ marks a strict phrase; "…" stands for a gap of a few
// characters inside one phrase.
const vocabulary = `
gdp	地区生产总值 ^生产总值 国内生产总值 地方生产总值 地区GDP ^GDP 经济总量 地区出产总值
growth	^经济增长 ^经济增速 ^经济增幅 GDP增速 经济发展速度
industry	规模以上工业增加值 规上工业增加值 规模工业增加值 规模以上工业企业增加值 规上工业企业增加值 规模以上工业企业实现增加值
firms	规模以上工业企业 规上工业企业 规模工业企业
services	^服务业增加值 第三产业增加值 三产增加值 三产业增加值 第三产业 ^服务业 三产
fai	固定资产投资 ^全社会固定资产投资 ^规模以上固定资产投资 全年投资 固投 ^固定资产投资额 ^固定资产投资总额 ^项目投资
retail	社会消费品零售总额 社会消费品零售额 社零总额 社零额 社会零售总额 消费品零售总额
budget	一般公共预算收入 地方一般公共预算收入 公共财政收入 地方公共财政收入 公共财政预算收入 地方公共财政预算收入 地方财政收入 地方级财政收入 地方级收入 本级收入 地方财政一般预算收入 财政一般预算收入 一般预算收入 地方一般预算收入 财政一般预算 地方公共预算收入 公共预算收入 地方财政一般公共预算收入 财政一般公共预算收入
other	财政总收入 一般公共预算总收入 财政总收 全口径财政收入 公共财政总收入 地方财政总收入 财政总体收入
other	财政收入 ^财政收
other	一般公共预算支出 财政支出 公共财政预算支出 财政总支出 地方财政支出 一般预算支出 民生支出
other	税收收入 税收 非税收入 国内税收
trade	进出口总额 进出口总值 外贸进出口总额 外贸进出口总值 外贸进出口 ^进出口 货物进出口总额 货物进出口 货物贸易进出口总额 货物贸易进出口 货物贸易 对外贸易进出口总额 对外贸易进出口 外贸总额 ^外贸
export	外贸出口 ^出口总额 ^出口总值 商品出口总值 ^商品出口 外贸出口总额 ^货物出口 ^出口
other	出口交货值
other	服务贸易 服务进出口 服务外包
fdi	实际利用外资 实际使用外资 ^利用外资 实际到位外资 外商直接投资 实际利用外商直接投资 ^使用外资
income	居民人均可支配收入 全体居民人均可支配收入 常住居民人均可支配收入 ^人均可支配收入 ^居民收入 居民人均收入 全体居民收入
urbanInc	城镇居民人均可支配收入 城镇常住居民人均可支配收入 城市居民人均可支配收入 城镇居民收入 城镇居民人均收入 城镇常住居民收入 城镇居民人均可支配 城市居民收入 城镇人均可支配收入
ruralInc	农村居民人均可支配收入 农村常住居民人均可支配收入 农民人均纯收入 农民人均可支配收入 农村居民人均纯收入 农村居民收入 农民收入 农村常住居民收入 农村居民人均收入 农村人均可支配收入 农民人均收入
pairInc	城乡居民人均可支配收入 城乡常住居民人均可支配收入 城乡居民收入 城乡居民人均收入 城镇和农村居民人均可支配收入 城镇、农村居民人均可支配收入 城镇和农村常住居民人均可支配收入 城镇、农村常住居民人均可支配收入 城镇居民和农村居民人均可支配收入 城镇居民、农村居民人均可支配收入 城镇、农村居民收入 城镇和农村居民收入 城镇与农村居民人均可支配收入 城乡居民可支配收入 城镇、农村居民人均可支配 城乡常住居民收入 城乡居民人均可支配 城镇和农村居民人均收入
other	城乡居民收入比 城乡居民收入差距 城乡收入比
other	居民人均消费支出 人均消费支出 城镇居民人均消费支出 农村居民人均消费支出
cpi	居民消费价格 居民消费价格指数 居民消费价格总水平 居民消费价格涨幅 CPI 居民价格消费指数 消费价格指数 ^消费价格 物价总水平 物价涨幅 ^物价 居民消费品价格
jobs	城镇新增就业 新增城镇就业 城镇新增就业人数 ^新增就业 城镇就业新增 ^新增就业人数 城镇新增就业人员 新增城镇就业人数 城镇新增就业岗位
unemp	城镇调查失业率 调查失业率
regUnemp	城镇登记失业率 登记失业率
grain	粮食产量 粮食总产量 粮食总产 粮食产能 粮食生产 ^粮食 粮食综合生产能力
grainArea	粮食播种面积 粮食面积 粮食种植面积
output	总产量 产量 总产
energy	单位地区生产总值能耗 单位生产总值能耗 万元地区生产总值能耗 万元GDP能耗 单位GDP能耗 万元地区生产总值综合能耗 万元生产总值能耗 单位地区生产总值能源消耗 单位GDP能源消耗 能耗强度 万元GDP综合能耗 单位国内生产总值能耗 万元生产总值综合能耗 单位地区生产总值综合能耗
other	单位地区生产总值二氧化碳排放 单位生产总值二氧化碳排放 单位GDP二氧化碳排放 单位地区生产总值 单位生产总值 万元地区生产总值 万元GDP 万元生产总值 单位GDP 单位国内生产总值 碳排放强度
rd	研发经费投入强度 研发投入强度 R&D经费投入强度 研究与试验发展经费投入强度 全社会研发经费投入强度 研发强度 全社会研发投入强度 R&D投入强度 研究与试验发展…占…生产总值…比重 研发经费…占…生产总值…比重 研发经费…相当于…生产总值…比例 研发经费…占…生产总值…比例 研发投入…占…生产总值…比重 R&D…占…GDP…比重 研发…占…GDP…比重 研究与试验发展…占…GDP…比重 R&D…占…生产总值…比重
other	研发经费投入 研发投入 研发经费支出 研发经费 R&D经费 研发费用
urbanRate	常住人口城镇化率 城镇化率 城镇化水平
other	户籍人口城镇化率
newFirms	新增四上企业 新增规上企业 新增规上工业企业 新增规模以上企业 新增规模以上工业企业 新入库规上工业企业 新入库规模以上工业企业 新入库四上企业 新增入统企业 新升规工业企业 新入规工业企业 新增规上工业 新增规模以上工业 培育规上工业企业 新增入库四上企业 新增四上单位 新入库四上单位 新升规企业 新入规企业 新增规模以上企业 新纳统四上企业 新增入统四上企业 新增升规企业 新增规工企业 新增规模工业企业 净增规上工业企业 净增规模以上工业企业 新增规上服务业企业 小升规企业 小升规工业企业 新增规模以上服务业企业 新进规上企业 新增入规企业 新增入库企业 新入统企业
other	人均地区生产总值 人均生产总值 人均GDP 人均国内生产总值
other	第一产业增加值 第二产业增加值 一产增加值 二产增加值 第一产业 第二产业 农业增加值 建筑业增加值 工业增加值 全部工业增加值 制造业增加值 金融业增加值 一产 二产 农林牧渔业增加值 高技术制造业增加值 装备制造业增加值 战略性新兴产业增加值 数字经济核心产业增加值 现代服务业增加值 生产性服务业增加值 软件和信息技术服务业增加值 信息技术服务业增加值 高技术服务业增加值 规上服务业营收 规模以上服务业营业收入 规上服务业营业收入 规模以上服务业
other	工业总产值 规模工业总产值 规模以上工业总产值 规上工业总产值 农业总产值 农林牧渔业总产值 工业产值 规上工业营业收入 规模以上工业营业收入 工业营业收入 规上工业营收
other	限上社零额 限上社会消费品零售额 限额以上社会消费品零售额 限上消费品零售额 限额以上消费品零售额 限上零售额 民间投资 工业投资 房地产开发投资 制造业投资 基础设施投资 工业技改投资 技改投资 民间固定资产投资 工业固定资产投资 产业投资 基础设施建设投资 农业投资 重大项目投资 交通投资 社会投资
other	人口自然增长率 出生率 死亡率 人口
other	存款余额 贷款余额 存贷款余额 各项存款 各项贷款
other	用电量 全社会用电量 工业用电量
addedValue	^增加值
`

// phrases, longest first, indexed by their first rune.
var phrasesByRune = buildPhrases()

func buildPhrases() map[rune][]phrase {
	idx := map[rune][]phrase{}
	for _, line := range strings.Split(vocabulary, "\n") {
		key, list, ok := strings.Cut(strings.TrimSpace(line), "\t")
		if !ok {
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
			if afterSubScope(r, i, start) || beforeOtherNoun(r, j, end) || (c.key == "trade" || c.key == "export") && strings.Contains(clauseBefore(r, start, i), "对") {
				// a part of the place, or trade with one partner (对东盟进出口)
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
