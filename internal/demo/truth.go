package demo

import (
	"math"
	"strings"

	"github.com/baogao/baogao"
)

// This file writes the clauses whose numbers are data (targets, outcomes,
// goals, projects) and records each in Truth with its span, in body bytes
// until finish turns them into runes.

func (w *writer) recordTarget(ind int, label string, value float64, q baogao.Qualifier, high, stretch *float64, start int, words []string) {
	if words == nil {
		words = []string{}
	}
	y := w.y
	w.truth.Targets = append(w.truth.Targets, baogao.Target{
		Indicator: indicatorCodes[ind], Label: label, Value: value, ValueHigh: high, Stretch: stretch,
		Unit: indicatorUnits[ind], Qualifier: q, Words: words, Year: &y, Span: baogao.Span{start, w.pos()},
	})
}

func (w *writer) recordOutcome(ind int, label string, value float64, year int, v baogao.Vintage, basis, bound string, start int) {
	y := year
	w.truth.Outcomes = append(w.truth.Outcomes, baogao.Outcome{
		Indicator: indicatorCodes[ind], Label: label, Value: value, Unit: indicatorUnits[ind],
		Year: &y, Vintage: v, Basis: basis, Bound: bound, Span: baogao.Span{start, w.pos()},
	})
}

func ptr(v float64) *float64 { return &v }

// pct writes a percentage as targets are written: 7, 6.5.
func (w *writer) pct(v float64) { w.g(v); w.s("%") }

// rate writes a growth as outcomes are written: 增长5.2% or 下降1.3%; with
// verb false, only the number: 5.2%.
func (w *writer) rate(v float64, up, down string) {
	if v < 0 {
		w.s(down)
		w.f(-v, 1)
	} else {
		w.s(up)
		w.f(v, 1)
	}
	w.s("%")
}

// growthLabels are the ways reports name each growth indicator, commonest first.
var growthLabels = [nIndicators][]string{
	iGDPGrowth:    {"地区生产总值", "地区生产总值", "地区生产总值", "地区生产总值", "地区生产总值", "生产总值", "生产总值", "生产总值", "地区生产总值", "地区生产总值", "生产总值", "地区生产总值", "生产总值", "地区生产总值", "GDP"},
	iIndustry:     {"规模以上工业增加值", "规上工业增加值", "规模以上工业增加值", "规模工业增加值"},
	iServices:     {"服务业增加值", "服务业增加值", "第三产业增加值"},
	iFAI:          {"固定资产投资", "固定资产投资", "全社会固定资产投资"},
	iRetail:       {"社会消费品零售总额"},
	iBudgetGrowth: {"一般公共预算收入", "一般公共预算收入", "地方一般公共预算收入", "地方财政收入"},
	iTrade:        {"进出口总额", "外贸进出口", "外贸进出口总额"},
	iExport:       {"出口", "出口总额"},
	iIncome:       {"居民人均可支配收入", "全体居民人均可支配收入"},
	iUrbanIncome:  {"城镇居民人均可支配收入"},
	iRuralIncome:  {"农村居民人均可支配收入"},
}

// growthTarget writes "地区生产总值增长7%左右" in the target's form.
func (w *writer) growthTarget(ind int, t target) {
	label := w.pickS(growthLabels[ind])
	if ind == iBudgetGrowth && w.y < 2015 && w.chance(0.5) {
		label = "公共财政预算收入"
	}
	w.growthTargetLabel(ind, label, t)
}

// growthTargetLabel is growthTarget with the indicator's label given.
func (w *writer) growthTargetLabel(ind int, label string, t target) {
	w.growthTarget1(ind, label, t, w.pos(), true)
}

// growthTargetFrom writes the growth of a target whose label was written
// at start ("一般公共预算收入预期48亿元，增长6%左右"); its text runs from there.
func (w *writer) growthTargetFrom(ind int, label string, t target, start int) {
	if t.form == formStrive || t.form == formEnsure {
		t.form = formAtLeast
	}
	w.growthTarget1(ind, label, t, start, false)
}

// growthTarget1 writes a growth target from start, with its label first
// when writeLabel is set, and records it.
func (w *writer) growthTarget1(ind int, label string, t target, start int, writeLabel bool) {
	v := t.value
	var words []string
	var high, stretch *float64
	switch t.form {
	case formStrive:
		w.s("力争")
		w.s(label)
		w.s("增长")
		w.pct(v)
		words = []string{"力争"}
	case formEnsure:
		if w.chance(0.5) {
			w.s("确保")
			w.s(label)
			w.s("增长")
		} else {
			w.s(label)
			w.s("确保增长")
		}
		w.pct(v)
		w.s("以上")
		words = []string{"确保", "以上"}
	case formNotLess:
		if writeLabel {
			w.s(label)
		}
		w.s("增长不低于")
		w.pct(v)
		words = []string{"不低于"}
	default:
		if writeLabel {
			w.s(label)
		}
		w.s("增长")
		switch t.form {
		case formPlain:
			w.pct(v)
		case formAbout:
			w.pct(v)
			w.s("左右")
			words = []string{"左右"}
		case formAtLeast:
			w.pct(v)
			w.s("以上")
			words = []string{"以上"}
		case formRange:
			w.rangeText(v, t.high)
			high = ptr(t.high)
		case formAboutStretch, formAtLeastStretch:
			w.pct(v)
			q := "左右"
			if t.form == formAtLeastStretch {
				q = "以上"
			}
			w.s(q)
			force := w.pickS([]string{"力争", "力争", "争取"})
			w.s(w.pickS([]string{"，", "、"}))
			w.s(force)
			if w.chance(0.4) {
				w.s("达到")
			}
			w.pct(t.stretch)
			words = []string{q, force}
			stretch = ptr(t.stretch)
		}
	}
	w.recordTarget(ind, label, v, t.form.qualifier(v), high, stretch, start, words)
}

// rangeText writes a range: 5%—5.5%, 5-5.5%, 5%至5.5%.
func (w *writer) rangeText(lo, hi float64) {
	switch w.r.IntN(5) {
	case 0, 1:
		w.pct(lo)
		w.s("—")
	case 2:
		w.pct(lo)
		w.s("-")
	case 3:
		w.pct(lo)
		w.s("至")
	default:
		w.g(lo)
		w.s("-")
	}
	w.pct(hi)
}

// incomeTargets writes the income targets: the urban and rural pair, or the
// overall figure.
func (w *writer) incomeTargets(d *year) {
	u, ru := d.target[iUrbanIncome], d.target[iRuralIncome]
	q, words := "", []string(nil)
	switch u.form {
	case formAbout:
		q, words = "左右", []string{"左右"}
	case formAtLeast:
		q, words = "以上", []string{"以上"}
	}
	qual := u.form.qualifier(u.value)
	start := w.pos()
	switch k := w.r.IntN(6); {
	case k < 3:
		label := w.pickS([]string{"城乡居民人均可支配收入", "城镇和农村居民人均可支配收入", "城镇、农村居民人均可支配收入"})
		w.s(label)
		w.s("分别增长")
		w.pct(u.value)
		if w.chance(0.3) && q != "" {
			w.s(q)
		}
		w.s(w.pickS([]string{"、", "和"}))
		w.pct(ru.value)
		w.s(q)
		w.recordTarget(iUrbanIncome, label, u.value, qual, nil, nil, start, words)
		w.recordTarget(iRuralIncome, label, ru.value, qual, nil, nil, start, words)
	case k < 5:
		w.s("城镇居民人均可支配收入增长")
		w.pct(u.value)
		w.s(q)
		w.recordTarget(iUrbanIncome, "城镇居民人均可支配收入", u.value, qual, nil, nil, start, words)
		w.s("，")
		start = w.pos()
		w.s("农村居民人均可支配收入增长")
		w.pct(ru.value)
		w.s(q)
		w.recordTarget(iRuralIncome, "农村居民人均可支配收入", ru.value, qual, nil, nil, start, words)
	default:
		w.growthTarget(iIncome, d.target[iIncome])
	}
}

// levelTarget writes a target that is not a growth rate.
func (w *writer) levelTarget(ind int, t target) {
	start := w.pos()
	v := t.value
	var label string
	var words []string
	qual := t.form.qualifier(v)
	suffix := func() {
		switch t.form {
		case formAbout, formWithinAbout:
			w.s("左右")
			words = append(words, "左右")
		case formAtLeast:
			w.s("以上")
			words = append(words, "以上")
		case formWithin:
			w.s("以内")
			words = append(words, "以内")
		}
	}
	switch ind {
	case iGDP, iBudget:
		label = "一般公共预算收入"
		if ind == iGDP {
			label = "地区生产总值"
		}
		w.s(label)
		if t.form == formAtLeast && w.chance(0.5) {
			w.s("突破")
			v = w.amountYi(v)
			words = []string{"突破"}
		} else {
			w.s("达到")
			v = w.amountYi(v)
			suffix()
		}
	case iCPI:
		label = w.pickS([]string{"居民消费价格涨幅", "居民消费价格涨幅", "居民消费价格指数涨幅", "居民消费价格总水平涨幅"})
		w.s(label)
		w.within(t, &words)
		w.pct(v)
		suffix()
	case iUnemployment, iRegUnemployment:
		label = "城镇登记失业率"
		if ind == iUnemployment {
			label = "城镇调查失业率"
		}
		w.s(label)
		switch t.form {
		case formBelow:
			w.s("低于")
			words = []string{"低于"}
		case formNotMore:
			w.s("不超过")
			words = []string{"不超过"}
		default:
			w.within(t, &words)
		}
		w.pct(v)
		suffix()
	case iJobs:
		label = "城镇新增就业"
		w.s(label)
		w.people(v)
		suffix()
	case iGrain:
		label = w.pickS([]string{"粮食产量", "粮食总产量", "粮食总产"})
		w.s(label)
		if t.form == formAtLeast {
			w.s(w.pickS([]string{"稳定在", "稳定在", "保持在", ""}))
		} else {
			w.s("达到")
		}
		v = w.grain(v)
		suffix()
	case iEnergy:
		label = w.pickS([]string{"单位地区生产总值能耗", "单位地区生产总值能耗", "单位生产总值能耗", "单位生产总值能耗", "单位GDP能耗"})
		w.s(label)
		w.s("下降")
		w.pct(-v)
		suffix()
	case iRD:
		label = w.pickS([]string{"研发经费投入强度", "全社会研发经费投入强度", "R&D经费占GDP比重"})
		w.s(label)
		w.s(w.pickS([]string{"达到", "提高到", "达到"}))
		w.pct(v)
		suffix()
	case iUrbanization:
		label = "常住人口城镇化率"
		w.s(label)
		w.s(w.pickS([]string{"达到", "提高到"}))
		w.pct(v)
		suffix()
	case iFirms:
		label = w.pickS([]string{"新增“四上”企业", "新增“四上”企业", "新增规上企业", "新入库规上工业企业"})
		w.s(label)
		w.int(int(v))
		w.s("家")
		suffix()
	case iFDI:
		label = w.pickS([]string{"实际利用外资", "实际使用外资"})
		w.s(label)
		v = w.dollars(v)
		suffix()
	}
	w.recordTarget(ind, label, v, qual, nil, nil, start, words)
}

// within writes 控制在 for the forms that take it.
func (w *writer) within(t target, words *[]string) {
	if t.form == formWithin || t.form == formWithinAbout {
		w.s("控制在")
		*words = append(*words, "控制在")
	}
}

// amountYi writes an amount of 亿元; a province's large amounts sometimes
// in 万亿元. It returns the value as written.
func (w *writer) amountYi(v float64) float64 {
	if v >= 10000 && w.chance(0.3) {
		x := r2(v / 10000)
		w.g(x)
		w.s("万亿元")
		return math.Round(x * 10000)
	}
	if v >= 1000 {
		v = r1(v)
	} else {
		v = r2(v) // as g writes it
	}
	w.g(v)
	w.s("亿元")
	return v
}

// amountOutcome writes a stated amount of 亿元: 202.5亿元, or for a small
// one sometimes 125630万元. It returns the value as written, in 亿元.
func (w *writer) amountOutcome(v float64) float64 {
	switch {
	case v < 20 && w.chance(0.3):
		wan := math.Round(v * 10000)
		w.int(int(wan))
		w.s("万元")
		return math.Round(wan) / 10000
	case v >= 10000 && w.chance(0.2):
		x := r2(v / 10000)
		w.g(x)
		w.s("万亿元")
		return math.Round(x * 10000)
	case v >= 1000:
		v = r1(v)
		w.f(v, 1)
	default:
		v = r2(v)
		w.f(v, 2)
	}
	w.s("亿元")
	return v
}

// people writes a number of people: 6500人 or 1.2万人.
func (w *writer) people(v float64) {
	if v >= 10000 && math.Mod(v, 100) == 0 && w.chance(0.7) {
		w.g(v / 10000)
		w.s("万人")
		return
	}
	w.int(int(v))
	w.s("人")
}

// grain writes an amount of grain in 万吨 or 亿斤 (1亿斤 = 5万吨) and
// returns its value in 万吨.
func (w *writer) grain(v float64) float64 {
	if jin := v / 5; v >= 10 && math.Abs(jin-r2(jin)) < 1e-9 && w.chance(0.3) {
		w.g(r2(jin))
		w.s("亿斤")
		return v
	}
	if v >= 100 {
		v = r1(v)
	} else {
		v = r2(v)
	}
	w.g(v)
	w.s("万吨")
	return v
}

// dollars writes an amount of 亿美元, small ones in 万美元, and returns its
// value in 亿美元.
func (w *writer) dollars(v float64) float64 {
	if v < 1 {
		wan := niceCount(v * 10000)
		if wan < 10 {
			wan = 10
		}
		w.int(int(wan))
		w.s("万美元")
		return wan / 10000
	}
	v = r2(v)
	w.g(v)
	w.s("亿美元")
	return v
}

// targets writes the paragraph of the year's main targets and records them.
func (w *writer) targets() {
	d := w.m.at(w.y)
	w.t(lTargetIntro)
	sep := "；"
	if w.chance(0.5) {
		sep = "，"
	}
	first := true
	next := func() {
		if !first {
			w.s(sep)
		}
		first = false
	}
	use := func(i int) bool { return d.target[i].set && w.chance(w.m.uses[i]) }
	next()
	w.growthTarget(iGDPGrowth, d.target[iGDPGrowth])
	if w.y >= 2019 && w.chance(0.25) {
		w.s("，在实际工作中努力争取更好结果")
	}
	if use(iGDP) {
		next()
		w.levelTarget(iGDP, d.target[iGDP])
	}
	for _, i := range []int{iIndustry, iServices, iFAI, iRetail, iBudgetGrowth, iTrade, iExport} {
		if use(i) {
			next()
			w.growthTarget(i, d.target[i])
		}
	}
	if use(iBudget) {
		next()
		w.levelTarget(iBudget, d.target[iBudget])
	}
	if use(iFDI) {
		next()
		w.levelTarget(iFDI, d.target[iFDI])
	}
	if w.chance(0.6) {
		next()
		w.incomeTargets(d)
	} else if w.chance(0.5) {
		next()
		w.s("居民收入增长与经济增长同步")
	}
	for _, i := range []int{iCPI, iJobs, iUnemployment, iRegUnemployment, iGrain, iEnergy, iRD, iUrbanization, iFirms} {
		if use(i) {
			next()
			w.levelTarget(i, d.target[i])
		}
	}
	if w.chance(0.4) {
		next()
		w.t(lTargetSoft)
	}
	w.s("。")
	if w.chance(0.6) {
		w.t(lTargetOutro)
	}
	w.nl()
}

// outcomeRate writes "{label}增长5.2%" (or a decline) and records it.
func (w *writer) outcomeRate(ind int, label string, v float64, year int, vin baogao.Vintage, start int) {
	w.rate(v, w.pickS([]string{"增长", "增长", "增长", "同比增长", "比上年增长"}), "下降")
	w.recordOutcome(ind, label, v, year, vin, "", "", start)
}

// reviewOutcomes writes the paragraph of last year's main figures.
func (w *writer) reviewOutcomes() {
	y := w.y - 1
	d := w.m.at(y)
	vin := baogao.Vintage("")
	vals := d.est
	switch k := w.r.IntN(20); {
	case k < 7:
		w.s("初步预计，")
		vin = baogao.VintageEstimated
	case k < 11:
		w.s("预计")
		vin = baogao.VintageEstimated
	case k < 13:
		w.s("据初步核算，")
		vin, vals = baogao.VintagePreliminary, d.actual
	case k < 16:
		w.s("过去一年，")
	}
	sep := w.pickS([]string{"；", "，"})

	// GDP: amount and growth, a bound, or the growth alone.
	form := w.r.IntN(10)
	if form < 7 {
		w.s(w.pickS([]string{"全年实现", "全年完成", "全年", ""}))
	}
	start := w.pos()
	label := w.pickS([]string{"地区生产总值", "地区生产总值", "生产总值"})
	w.s(label)
	switch k := form; {
	case k < 7:
		if w.chance(0.3) {
			w.s("达到")
		}
		v := w.amountOutcome(vals[iGDP])
		w.recordOutcome(iGDP, label, v, y, vin, "", "", start)
		w.s("，")
	case k < 8 && vals[iGDP] >= 2*roundStep(vals[iGDP]):
		w.s("突破")
		b := math.Floor(vals[iGDP]/roundStep(vals[iGDP])) * roundStep(vals[iGDP])
		w.g(b)
		w.s("亿元")
		w.recordOutcome(iGDP, label, b, y, vin, "", "at_least", start)
		w.s("，")
	}
	w.outcomeRate(iGDPGrowth, label, vals[iGDPGrowth], y, vin, start)

	if w.chance(0.8) {
		w.s(sep)
		start = w.pos()
		label = w.pickS(growthLabels[iBudgetGrowth][:3])
		w.s(label)
		if w.chance(0.6) {
			w.s(w.pickS([]string{"完成", "", "达到"}))
			v := w.amountOutcome(vals[iBudget])
			w.recordOutcome(iBudget, label, v, y, vin, "", "", start)
			w.s("，")
		}
		w.outcomeRate(iBudgetGrowth, label, vals[iBudgetGrowth], y, vin, start)
	}
	for _, i := range []int{iIndustry, iFAI, iRetail, iTrade} {
		if !w.chance([nIndicators]float64{iIndustry: 0.65, iFAI: 0.6, iRetail: 0.65, iTrade: 0.25}[i]) {
			continue
		}
		w.s(sep)
		start = w.pos()
		label = w.pickS(growthLabels[i])
		w.s(label)
		switch i {
		case iRetail:
			if w.chance(0.6) {
				w.amountOutcome(d.retail)
				w.s("，")
			}
		case iTrade:
			if w.chance(0.5) {
				w.amountOutcome(d.trade)
				w.s("，")
			}
		}
		w.outcomeRate(i, label, vals[i], y, vin, start)
	}
	if w.chance(0.55) {
		w.s(sep)
		start = w.pos()
		if w.chance(0.7) {
			label = w.pickS([]string{"城乡居民人均可支配收入", "城镇和农村居民人均可支配收入"})
			w.s(label)
			if w.chance(0.6) {
				w.s("分别达到")
				w.int(int(d.urbanIncomeLevel))
				w.s("元、")
				w.int(int(d.ruralIncomeLv))
				w.s("元，")
			}
			w.s("分别增长")
			w.f(vals[iUrbanIncome], 1)
			w.s("%")
			w.s(w.pickS([]string{"、", "和"}))
			w.f(vals[iRuralIncome], 1)
			w.s("%")
			w.recordOutcome(iUrbanIncome, label, vals[iUrbanIncome], y, vin, "", "", start)
			w.recordOutcome(iRuralIncome, label, vals[iRuralIncome], y, vin, "", "", start)
		} else {
			label = "居民人均可支配收入"
			w.s(label)
			w.int(int(d.incomeLevel))
			w.s("元，")
			w.outcomeRate(iIncome, label, vals[iIncome], y, vin, start)
		}
	}
	w.s("。")

	// A second sentence, with no vintage stated, of counts and amounts.
	var parts int
	if w.chance(0.35) {
		start = w.pos()
		w.s("城镇新增就业")
		w.people(vals[iJobs])
		w.recordOutcome(iJobs, "城镇新增就业", vals[iJobs], y, "", "", "", start)
		parts++
	}
	if w.m.agri > 0 && w.chance(0.3*w.m.agri+0.1) {
		if parts > 0 {
			w.s("，")
		}
		start = w.pos()
		label = w.pickS([]string{"粮食总产量", "粮食产量"})
		w.s(label)
		w.s("达到")
		v := w.grain(vals[iGrain])
		w.recordOutcome(iGrain, label, v, y, "", "", "", start)
		parts++
	}
	if w.chance(0.2) {
		if parts > 0 {
			w.s("，")
		}
		start = w.pos()
		label = w.pickS([]string{"新增“四上”企业", "新增规上企业"})
		w.s(label)
		w.int(int(vals[iFirms]))
		w.s("家")
		w.recordOutcome(iFirms, label, vals[iFirms], y, "", "", "", start)
		parts++
	}
	if parts > 0 {
		w.s("。")
	}
	w.nl()
}

// roundStep is the step a bound is rounded to: 突破300亿元.
func roundStep(v float64) float64 {
	switch {
	case v >= 10000:
		return 1000
	case v >= 1000:
		return 100
	case v >= 100:
		return 50
	}
	return 10
}

// goal writes an industry goal and records it: "2023年推动高端装备产业产值
// 达到23亿元". target is the year it is for; yearStated says whether the
// text names the year.
func (w *writer) goal(industry string, value float64, year int, lead bool) {
	subject := industry
	if !strings.HasSuffix(subject, "产业") {
		subject += "产业"
	}
	metric := "产值"
	switch {
	case strings.Contains(industry, "物流") || strings.Contains(industry, "电商") || strings.Contains(industry, "商贸"):
		metric = "交易额"
	case strings.Contains(industry, "旅游"):
		metric = "综合收入"
	case w.chance(0.2):
		metric = "营业收入"
	case w.chance(0.1):
		metric = "规模"
	}
	start := w.pos()
	var yp *int
	if lead {
		w.s("到")
		w.int(year)
		w.s("年，")
		w.s(subject)
		w.s(metric)
		yp = &year
	} else if w.chance(0.7) {
		w.int(year)
		w.s("年")
		w.s(w.pickS([]string{"推动", "力争", ""}))
		w.s(subject)
		w.s(metric)
		yp = &year
	} else {
		w.s("力争")
		w.s(subject)
		w.s(metric)
	}
	w.s(w.pickS([]string{"达到", "达到", "突破", "超过"}))
	value = w.amountYi(roundTo(value, 2))
	w.truth.Goals = append(w.truth.Goals, baogao.Goal{Subject: subject, Metric: metric, Value: value,
		Unit: "亿元", Year: yp, Span: baogao.Span{start, w.pos()}})
}

// goalLevel records a plan's goal for an indicator: "到2025年，地区生产总值
// 达到520亿元" (metric "") or "…年均增长6%左右" (metric 年均增长).
func (w *writer) recordGoal(subject, metric string, value float64, unit string, year, start int) {
	y := year
	w.truth.Goals = append(w.truth.Goals, baogao.Goal{Subject: subject, Metric: metric, Value: value,
		Unit: unit, Year: &y, Span: baogao.Span{start, w.pos()}})
}

// projectName writes a project's name and returns it: 鑫瑞新材料二期.
func (w *writer) projectName() string {
	start := w.out.Len()
	if w.chance(0.6) {
		w.s(w.pickS(w.c.companies))
	} else {
		w.s(w.gen.firm(w.r))
	}
	if w.chance(0.4) {
		w.t(lProjectKinds)
	}
	return w.out.String()[start:]
}

// investment writes a project's amount and returns it in 亿元.
func (w *writer) investment() float64 {
	v := math.Exp(w.r.NormFloat64()*0.8) * 6 * math.Pow(w.m.scale, 1.1)
	switch {
	case v < 1:
		wan := niceCount(v * 10000)
		w.int(int(wan))
		w.s("万元")
		return wan / 10000
	case v < 10:
		v = r1(v)
	default:
		v = math.Round(v)
	}
	w.g(v)
	w.s("亿元")
	return v
}

func (w *writer) recordProject(name, action string, inv float64, start int) {
	p := baogao.Project{Name: name, Action: action, Span: baogao.Span{start, w.pos()}}
	if inv > 0 {
		p.Investment = ptr(inv)
		p.Unit = "亿元"
	}
	w.truth.Projects = append(w.truth.Projects, p)
}

// project writes a clause about one or two named projects, in the future
// (past false) or as done, and records them.
func (w *writer) project(past bool) {
	start := w.pos()
	if past {
		switch w.r.IntN(3) {
		case 0:
			name := w.projectName()
			w.s("项目建成投产")
			w.recordProject(name, "建成投产", 0, start)
		case 1:
			w.s("总投资")
			inv := w.investment()
			w.s("的")
			name := w.projectName()
			w.s("项目竣工投产")
			w.recordProject(name, "竣工投产", inv, start)
		default:
			w.s("引进总投资")
			inv := w.investment()
			w.s("的")
			name := w.projectName()
			w.s("项目")
			w.recordProject(name, "引进", inv, start)
		}
		return
	}
	switch w.r.IntN(7) {
	case 0, 1:
		w.s("推进总投资")
		inv := w.investment()
		w.s("的")
		name := w.projectName()
		w.s("项目落地")
		w.recordProject(name, "推进…落地", inv, start)
	case 2:
		w.s("建成投产")
		name := w.projectName()
		w.s("项目")
		w.recordProject(name, "建成投产", 0, start)
	case 3:
		w.s("开工建设总投资")
		inv := w.investment()
		w.s("的")
		name := w.projectName()
		w.s("项目")
		w.recordProject(name, "开工建设", inv, start)
	case 4:
		w.s("加快")
		name := w.projectName()
		w.s("项目建设")
		w.recordProject(name, "加快…建设", 0, start)
	case 5:
		w.s("签约引进总投资")
		inv := w.investment()
		w.s("的")
		name := w.projectName()
		w.s("项目")
		w.recordProject(name, "签约引进", inv, start)
	default:
		w.s("推进总投资")
		inv1 := w.investment()
		w.s("的")
		n1 := w.projectName()
		w.s("、")
		inv2 := w.investment()
		w.s("的")
		n2 := w.projectName()
		w.s("等项目落地")
		w.recordProject(n1, "推进…落地", inv1, start)
		w.recordProject(n2, "推进…落地", inv2, start)
	}
}
