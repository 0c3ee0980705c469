package demo

import (
	"math"
	"math/rand/v2"

	"github.com/baogao/baogao"
)

// The indicators of SPEC §5, as indexes into the model's arrays.
const (
	iGDPGrowth = iota
	iGDP
	iIndustry
	iServices
	iFAI
	iRetail
	iBudgetGrowth
	iBudget
	iTrade
	iExport
	iFDI
	iIncome
	iUrbanIncome
	iRuralIncome
	iCPI
	iJobs
	iUnemployment
	iRegUnemployment
	iGrain
	iEnergy
	iRD
	iUrbanization
	iFirms
	nIndicators
)

// indicatorCodes are the codes of baogao.Indicators, by index.
var indicatorCodes = [nIndicators]string{
	"gdp_growth", "gdp", "industry_va_growth", "services_va_growth", "fai_growth",
	"retail_growth", "budget_revenue_growth", "budget_revenue", "trade_growth",
	"export_growth", "fdi", "income_growth", "urban_income_growth", "rural_income_growth",
	"cpi", "urban_jobs", "unemployment_rate", "registered_unemployment_rate",
	"grain_output", "energy_intensity_growth", "rd_intensity", "urbanization_rate",
	"new_above_scale_firms",
}

// indicatorUnits are the canonical units, by index.
var indicatorUnits = [nIndicators]string{
	"%", "亿元", "%", "%", "%", "%", "%", "亿元", "%", "%", "亿美元", "%", "%", "%",
	"%", "人", "%", "%", "万吨", "%", "%", "%", "家",
}

// form is how a target is worded, which sets its qualifier and words.
type form uint8

const (
	formPlain          form = iota // 增长7%
	formAbout                      // 增长7%左右
	formAtLeast                    // 增长7%以上
	formRange                      // 增长6.5%—7%
	formAboutStretch               // 增长7%左右，力争8%
	formAtLeastStretch             // 增长7%以上，争取达到8%
	formStrive                     // 力争增长8%
	formEnsure                     // 确保增长7%以上
	formNotLess                    // 增长不低于7%
	formWithin                     // 控制在5.5%以内
	formWithinAbout                // 控制在5.5%左右
	formBelow                      // 低于4.5%
	formNotMore                    // 不超过3%
)

// target is a target the place sets for a year.
type target struct {
	set     bool
	form    form
	value   float64
	high    float64 // upper end of a range
	stretch float64
}

// qualifier returns the qualifier of SPEC §5 for a target of this form
// with the value v (a decline with 以上 binds from above).
func (f form) qualifier(v float64) baogao.Qualifier {
	switch f {
	case formPlain, formStrive:
		return baogao.QualExact
	case formAbout, formAboutStretch, formWithinAbout:
		return baogao.QualAbout
	case formAtLeast, formAtLeastStretch, formEnsure, formNotLess:
		if v < 0 {
			return baogao.QualAtMost
		}
		return baogao.QualAtLeast
	case formRange:
		return baogao.QualRange
	}
	return baogao.QualAtMost
}

// year holds what the model knows of a place in one year.
type year struct {
	target [nIndicators]target
	actual [nIndicators]float64 // the outcome as a bulletin states it
	est    [nIndicators]float64 // the outcome as next year's report estimates it
	// Amounts that are not indicators, stated in bulletins and reviews.
	retail, trade, exports          float64 // 亿元
	urbanIncomeLevel, ruralIncomeLv float64 // 元
	incomeLevel                     float64 // 元
	population                      float64 // 万人
	primary, secondary              float64 // shares of GDP, %
	deposits, loans                 float64 // 亿元
	industryOutput                  float64 // 亿元: a leading industry's output
}

// model is the latent history of one place: growth paths, targets and
// outcomes over the years. It depends only on the seed and the place, not on
// which documents are generated.
type model struct {
	y0    int
	years []year
	// profile: which optional indicators the place sets targets for.
	uses [nIndicators]float64
	// size: GDP in 2020, 亿元; scale: the factor for counts in the prose.
	size, scale float64
	agri        float64 // weight of agriculture: 0 for an urban district
	headStart   int     // the year the current head of government came
}

func (m *model) at(y int) *year { return &m.years[y-m.y0] }

// Tables by year, 2000–2035 (the ends repeat outside): the usual local GDP
// growth target, consumer price rises, the GDP deflator, and how often
// targets were met (hardly in 2020, seldom in 2022).
var (
	macroTarget = tableFrom(2000, 9, 9, 9.5, 10, 11, 11, 12, 12, 12, 10, 11, 11.5, 11, 10.5,
		9.5, 8.5, 8, 7.5, 7.5, 7, 6.5, 7.5, 6.5, 6.5, 6, 5.5, 5.5, 5.5, 5, 5, 5, 5, 5, 5, 5, 5)
	macroCPI = tableFrom(2000, 0.4, 0.7, -0.8, 1.2, 3.9, 1.8, 1.5, 4.8, 5.9, -0.7, 3.3, 5.4,
		2.6, 2.6, 2.0, 1.4, 2.0, 1.6, 2.1, 2.9, 2.5, 0.9, 2.0, 0.2, 0.2, 0.1, 1, 1.5, 1.5, 2, 2, 2, 2, 2, 2, 2)
	macroDeflator = tableFrom(2000, 2, 2, 0.6, 2.6, 6.9, 3.9, 3.9, 7.7, 7.8, -0.2, 6.9, 8.1,
		2.3, 2.2, 0.8, 0.1, 1.4, 4.2, 3.5, 1.3, 0.5, 4.6, 2.2, -0.6, -0.7, -0.5, 0.5, 1, 1.5, 1.5, 1.5, 1.5, 1.5, 1.5, 1.5, 1.5)
	macroMet = tableFrom(2000, .8, .8, .8, .85, .85, .85, .85, .85, .55, .7, .8, .75, .55, .6,
		.55, .55, .65, .65, .6, .6, .2, .85, .35, .6, .55, .65, .7, .7, .7, .7, .7, .7, .7, .7, .7, .7)
)

type table struct {
	from int
	v    []float64
}

func tableFrom(from int, v ...float64) table { return table{from, v} }

func (t table) at(y int) float64 {
	i := y - t.from
	if i < 0 {
		i = 0
	}
	if i >= len(t.v) {
		i = len(t.v) - 1
	}
	return t.v[i]
}

func r1(x float64) float64   { return math.Round(x*10) / 10 }
func r2(x float64) float64   { return math.Round(x*100) / 100 }
func half(x float64) float64 { return math.Round(x*2) / 2 }
func clamp(x, lo, hi float64) float64 {
	return math.Max(lo, math.Min(hi, x))
}
func uniform(r *rand.Rand, lo, hi float64) float64 { return lo + r.Float64()*(hi-lo) }

// niceCount rounds a count to two or three significant digits, as reports do.
func niceCount(x float64) float64 {
	switch {
	case x >= 100000:
		return math.Round(x/10000) * 10000
	case x >= 10000:
		return math.Round(x/1000) * 1000
	case x >= 1000:
		return math.Round(x/100) * 100
	case x >= 100:
		return math.Round(x/10) * 10
	}
	return math.Round(x)
}

// targetRate rounds a growth target as reports write them: mostly whole or
// half points.
func targetRate(r *rand.Rand, x float64) float64 {
	if r.IntN(20) < 17 {
		return half(x)
	}
	return r1(x)
}

// growthForm draws the wording of a growth target.
func growthForm(r *rand.Rand) form {
	switch k := r.IntN(100); {
	case k < 40:
		return formAbout
	case k < 62:
		return formAtLeast
	case k < 76:
		return formPlain
	case k < 83:
		return formRange
	case k < 88:
		return formAboutStretch
	case k < 91:
		return formAtLeastStretch
	case k < 94:
		return formStrive
	case k < 97:
		return formEnsure
	}
	return formNotLess
}

// growthTarget returns a growth target around x in a drawn wording.
func growthTarget(r *rand.Rand, x float64) target {
	t := target{set: true, form: growthForm(r), value: targetRate(r, x)}
	switch t.form {
	case formRange:
		t.high = t.value + []float64{0.5, 0.5, 1}[r.IntN(3)]
	case formAboutStretch, formAtLeastStretch:
		t.stretch = t.value + []float64{0.5, 1, 1, 1.5}[r.IntN(4)]
	}
	return t
}

// outcomeFor draws whether a target of value v is met (with probability
// pMet) and returns the outcome; vol is how far the indicator usually strays.
func outcomeFor(r *rand.Rand, v, vol, pMet float64) float64 {
	if r.Float64() < pMet {
		return r1(v + math.Abs(r.NormFloat64())*vol*0.6 + 0.05)
	}
	return r1(v - 0.1 - math.Abs(r.NormFloat64())*vol)
}

// provinceGDP2020 is roughly the size of each province's economy in 2020
// (亿元, two significant digits), so that the demo's provinces keep their
// real order of size; the model varies it by about a tenth.
var provinceGDP2020 = map[string]float64{
	"110000": 36000, "120000": 14000, "130000": 36000, "140000": 18000, "150000": 17000,
	"210000": 25000, "220000": 12000, "230000": 14000, "310000": 39000, "320000": 100000,
	"330000": 65000, "340000": 39000, "350000": 44000, "360000": 26000, "370000": 73000,
	"410000": 55000, "420000": 43000, "430000": 42000, "440000": 110000, "450000": 22000,
	"460000": 5500, "500000": 25000, "510000": 49000, "520000": 18000, "530000": 25000,
	"540000": 1900, "610000": 26000, "620000": 9000, "630000": 3000, "640000": 3900,
	"650000": 14000,
}

// levelSize is the typical GDP in 2020 (亿元) of a place of each level.
var levelSize = map[baogao.Level]float64{
	baogao.LevelProvince:   30000,
	baogao.LevelPrefecture: 2500,
	baogao.LevelCounty:     250,
}

// newModel builds the history of place p over [from, to], widened to take
// in 2020, the year its sizes are anchored in. parentSize is the
// 2020 GDP of its parent (0 when unknown), siblings the number of places
// under that parent.
func newModel(seed int64, p *baogao.Place, from, to int, parentSize float64, siblings int) *model {
	pcg := rand.NewPCG(0, 0)
	r := rand.New(pcg)
	reseed := func(tag string, n int) {
		pcg.Seed(uint64(seed), mix(hashString(p.Code), hashString(tag), uint64(n)))
	}
	from, to = min(from, 2020), max(to, 2020)
	m := &model{y0: from, years: make([]year, to-from+1)}

	// Size: a share of the parent, or a draw around the level's typical size.
	reseed("size", 0)
	typical := levelSize[p.Level]
	if gdp, ok := provinceGDP2020[p.Code]; ok {
		m.size = gdp * math.Exp(r.NormFloat64()*0.12)
	} else if parentSize > 0 && siblings > 0 {
		m.size = parentSize / float64(siblings) * math.Exp(r.NormFloat64()*0.45)
		m.size = clamp(m.size, parentSize*0.02, parentSize*0.45)
	} else {
		m.size = typical * math.Exp(r.NormFloat64()*0.7)
	}
	switch p.Level {
	case baogao.LevelProvince:
		m.size = clamp(m.size, 1500, 130000)
	case baogao.LevelPrefecture:
		m.size = clamp(m.size, 80, 30000)
	default:
		m.size = clamp(m.size, 8, 4000)
	}
	m.size = r2(m.size)
	m.scale = map[baogao.Level]float64{baogao.LevelProvince: 25, baogao.LevelPrefecture: 4, baogao.LevelCounty: 1}[p.Level] *
		math.Sqrt(clamp(m.size/typical, 0.3, 3))
	urban := p.Level == baogao.LevelCounty && hasSuffix(p.Name, "区")
	m.agri = uniform(r, 0.3, 1)
	if urban {
		m.agri = 0
	}
	m.headStart = 2000 + r.IntN(5)

	// Profile: how likely each indicator is to be among the place's targets.
	m.uses = [nIndicators]float64{
		iGDPGrowth: 1, iGDP: 0.12, iIndustry: 0.6, iServices: 0.15, iFAI: 0.6, iRetail: 0.65,
		iBudgetGrowth: 0.8, iBudget: 0.1, iTrade: 0.3, iExport: 0.08, iFDI: 0.12, iIncome: 0.3,
		iUrbanIncome: 0.5, iRuralIncome: 0.5, iCPI: 0.5, iJobs: 0.45, iUnemployment: 0.4,
		iRegUnemployment: 0.3, iGrain: 0.35 * m.agri, iEnergy: 0.3, iRD: 0.12, iUrbanization: 0.12,
		iFirms: 0.2,
	}
	if p.Level == baogao.LevelCounty {
		m.uses[iFirms] = 0.35
		m.uses[iUnemployment] = 0.15
		m.uses[iRegUnemployment] = 0.35
	}
	if p.Level == baogao.LevelProvince {
		m.uses[iUnemployment] = 0.85
		m.uses[iJobs] = 0.8
		m.uses[iFirms] = 0.05
	}
	for i := range m.uses {
		m.uses[i] = clamp(m.uses[i]*uniform(r, 0.6, 1.4), 0, 1)
	}
	m.uses[iGDPGrowth] = 1

	// Place constants.
	tOff := r.NormFloat64() * 0.7 // the place's ambition over the usual target
	if p.Level == baogao.LevelProvince {
		tOff -= 0.5
	}
	offs := [nIndicators]float64{
		iIndustry: 1.5 + r.NormFloat64()*0.8, iServices: 0.5 + r.NormFloat64()*0.5,
		iFAI: 2 + r.NormFloat64(), iRetail: 1.5 + r.NormFloat64()*0.6,
		iBudgetGrowth: 1 + r.NormFloat64(), iTrade: 2 + r.NormFloat64()*2, iExport: 2 + r.NormFloat64()*2,
		iIncome: 0.5, iUrbanIncome: 0.3, iRuralIncome: 1,
	}
	vols := [nIndicators]float64{
		iGDPGrowth: 1.2, iIndustry: 2, iServices: 1.2, iFAI: 4, iRetail: 2, iBudgetGrowth: 3.5,
		iTrade: 8, iExport: 8, iIncome: 0.8, iUrbanIncome: 0.8, iRuralIncome: 0.8,
	}
	cpiOff := r.NormFloat64() * 0.3
	regU := uniform(r, 2.2, 3.8)
	survU := uniform(r, 4.8, 5.4)
	income := map[baogao.Region]float64{baogao.RegionHuadong: 1.25, baogao.RegionHuanan: 1.1,
		baogao.RegionHuabei: 1, baogao.RegionHuazhong: 0.95, baogao.RegionDongbei: 0.9,
		baogao.RegionXinan: 0.85, baogao.RegionXibei: 0.85}[p.Region]
	if income == 0 {
		income = 1
	}
	income *= math.Exp(r.NormFloat64() * 0.12)
	urbanIncome2020 := 36000 * income
	ruralIncome2020 := 16000 * income * uniform(r, 0.85, 1.15)
	urbRate2020 := uniform(r, 38, 70)
	if urban {
		urbRate2020 = uniform(r, 75, 93)
	}
	if p.Level == baogao.LevelProvince {
		urbRate2020 = uniform(r, 50, 72)
	}
	rd2020 := map[baogao.Level]float64{baogao.LevelProvince: 2, baogao.LevelPrefecture: 1.7, baogao.LevelCounty: 1.3}[p.Level] *
		math.Exp(r.NormFloat64()*0.35)
	grainPerGDP := map[baogao.Level]float64{baogao.LevelProvince: 0.03, baogao.LevelPrefecture: 0.08, baogao.LevelCounty: 0.15}[p.Level] *
		math.Exp(r.NormFloat64()*0.6) * m.agri
	openness := uniform(r, 0.03, 0.35)
	budgetRatio := map[baogao.Level]float64{baogao.LevelProvince: 0.1, baogao.LevelPrefecture: 0.08, baogao.LevelCounty: 0.065}[p.Level] *
		uniform(r, 0.75, 1.3)
	popPerGDP := map[baogao.Level]float64{baogao.LevelProvince: 0.14, baogao.LevelPrefecture: 0.16, baogao.LevelCounty: 0.2}[p.Level] /
		income * math.Exp(r.NormFloat64()*0.25) // 万人 per 亿元
	primary2020 := clamp(6+m.agri*14+r.NormFloat64()*3, 0.3, 35)
	secondary2020 := clamp(40+r.NormFloat64()*7, 15, 60)
	indShare := uniform(r, 0.08, 0.3)

	// Phase 1: rates, year by year, each year from its own stream so that
	// a year's values do not depend on the range modelled.
	for y := from; y <= to; y++ {
		reseed("rates", y)
		d := m.at(y)
		pMet := clamp(macroMet.at(y)+0.05+r.NormFloat64()*0.1, 0.1, 0.95)
		gt := macroTarget.at(y) + tOff
		if gt < 3 {
			gt = 3 + r.Float64()
		}
		d.target[iGDPGrowth] = growthTarget(r, gt)
		gdpMet := r.Float64() < pMet
		gv := d.target[iGDPGrowth].value
		if gdpMet {
			d.actual[iGDPGrowth] = r1(gv + math.Abs(r.NormFloat64())*0.7 + 0.05)
		} else {
			miss := 0.1 + math.Abs(r.NormFloat64())*1.2
			if y == 2020 {
				miss += 2.5 + r.Float64()*2
			}
			d.actual[iGDPGrowth] = r1(gv - miss)
		}
		for _, i := range []int{iIndustry, iServices, iFAI, iRetail, iBudgetGrowth, iTrade, iExport, iIncome, iUrbanIncome, iRuralIncome} {
			off := offs[i]
			if y < 2019 && (i == iFAI || i == iRetail) {
				off += 3
			}
			if y < 2016 && i == iBudgetGrowth {
				off += 3
			}
			d.target[i] = growthTarget(r, gt+off+r.NormFloat64()*0.3)
			p := 0.4
			if gdpMet {
				p = 0.85
			}
			v := d.target[i].value
			d.actual[i] = outcomeFor(r, v, vols[i], p)
			if y == 2020 && i != iIncome && i != iUrbanIncome && i != iRuralIncome {
				d.actual[i] = r1(d.actual[i] - 2 - r.Float64()*vols[i])
			}
		}
		// Incomes of city and country are usually set together; keep the
		// rural target at or above the urban one, as reports do.
		if d.target[iRuralIncome].value < d.target[iUrbanIncome].value {
			d.target[iRuralIncome].value = d.target[iUrbanIncome].value + 0.5
		}
		d.target[iRuralIncome].form = d.target[iUrbanIncome].form
		d.target[iRuralIncome].high = 0
		d.target[iUrbanIncome].high = 0
		if d.target[iUrbanIncome].form == formRange {
			d.target[iUrbanIncome].form = formAbout
			d.target[iRuralIncome].form = formAbout
		}
		d.target[iUrbanIncome].stretch, d.target[iRuralIncome].stretch = 0, 0
		if f := d.target[iUrbanIncome].form; f == formAboutStretch || f == formStrive {
			d.target[iUrbanIncome].form, d.target[iRuralIncome].form = formAbout, formAbout
		} else if f == formAtLeastStretch || f == formEnsure || f == formNotLess {
			d.target[iUrbanIncome].form, d.target[iRuralIncome].form = formAtLeast, formAtLeast
		}

		// Prices, unemployment, energy.
		cpiT := 3.0
		switch {
		case y < 2011:
			cpiT = 4
		case y < 2015:
			cpiT = 3.5
		case y >= 2025:
			cpiT = 2
		}
		d.target[iCPI] = target{set: true, form: []form{formAbout, formAbout, formWithin, formWithinAbout, formPlain}[r.IntN(5)], value: cpiT}
		d.actual[iCPI] = r1(macroCPI.at(y) + cpiOff + r.NormFloat64()*0.3)
		uT := 5.5
		if y == 2020 {
			uT = 6
		}
		d.target[iUnemployment] = target{set: y >= 2018, form: []form{formWithin, formWithinAbout, formAbout, formWithin}[r.IntN(4)], value: uT}
		d.actual[iUnemployment] = r1(survU + r.NormFloat64()*0.15)
		d.target[iRegUnemployment] = target{set: true, form: []form{formWithin, formWithin, formBelow, formNotMore}[r.IntN(4)], value: []float64{4, 4.5, 4.5, 4.2, 3.5}[r.IntN(5)]}
		d.actual[iRegUnemployment] = r1(regU + r.NormFloat64()*0.2)
		eT := -[]float64{3, 3, 3.5, 4, 2.5, 3.2, 4.5}[r.IntN(7)]
		d.target[iEnergy] = target{set: true, form: []form{formPlain, formPlain, formAbout, formAtLeast}[r.IntN(4)], value: eT}
		if r.Float64() < 0.7 {
			d.actual[iEnergy] = r1(eT - math.Abs(r.NormFloat64())*1.2)
		} else {
			d.actual[iEnergy] = r1(eT + 0.1 + math.Abs(r.NormFloat64())*2)
		}

		// Estimates: the report of the next year often rounds or revises.
		d.est = d.actual
		for _, i := range []int{iGDPGrowth, iIndustry, iFAI, iRetail, iBudgetGrowth, iUrbanIncome, iRuralIncome, iIncome} {
			if r.IntN(3) == 0 {
				d.est[i] = r1(d.actual[i] + float64(r.IntN(5)-2)/10)
			}
		}
	}

	// Phase 2: levels, anchored in 2020 (always inside the range) and
	// carried by nominal growth, forward and backward.
	type drift struct{ defl, grain, rd, urb, fdi float64 }
	drifts := make([]drift, len(m.years))
	for y := from; y <= to; y++ {
		reseed("drift", y)
		drifts[y-from] = drift{
			defl:  macroDeflator.at(y) + r.NormFloat64()*0.5,
			grain: r.NormFloat64() * 2.5,
			rd:    uniform(r, 0.03, 0.15),
			urb:   uniform(r, 0.5, 1.4),
			fdi:   r.NormFloat64()*12 + 3,
		}
	}
	type state struct{ gdp, budget, retail, trade, ui, ri, grain, rd, urb, fdi float64 }
	reseed("base", 0)
	base := state{
		gdp: m.size, budget: m.size * budgetRatio,
		retail: m.size * uniform(r, 0.3, 0.45), trade: m.size * openness,
		ui: urbanIncome2020, ri: ruralIncome2020, grain: m.size * grainPerGDP,
		rd: rd2020, urb: urbRate2020, fdi: m.size * openness * uniform(r, 0.005, 0.02),
	}
	apply := func(d *year, st state) {
		d.actual[iGDP] = r2(st.gdp)
		d.actual[iBudget] = r2(st.budget)
		d.retail = r2(st.retail)
		d.trade = r2(st.trade)
		d.urbanIncomeLevel = math.Round(st.ui)
		d.ruralIncomeLv = math.Round(st.ri)
		d.incomeLevel = math.Round(st.ri + (st.ui-st.ri)*st.urb/100)
		d.actual[iGrain] = r2(st.grain)
		d.actual[iRD] = r2(st.rd)
		d.actual[iUrbanization] = r2(st.urb)
		d.actual[iFDI] = r2(st.fdi)
	}
	// step applies the growth of year y to st: forward (dir 1) it gives the
	// level of y from that of y-1, backward (dir -1) the reverse.
	step := func(st state, y int, dir float64) state {
		d, dr := m.at(y), drifts[y-from]
		g := func(rate float64) float64 { return math.Pow(1+rate/100, dir) }
		a := d.actual
		st = state{
			gdp: st.gdp * g(a[iGDPGrowth]+dr.defl), budget: st.budget * g(a[iBudgetGrowth]),
			retail: st.retail * g(a[iRetail]), trade: st.trade * g(a[iTrade]),
			ui: st.ui * g(a[iUrbanIncome]), ri: st.ri * g(a[iRuralIncome]), grain: st.grain * g(dr.grain),
			rd: st.rd + dir*dr.rd, urb: st.urb + dir*dr.urb, fdi: st.fdi * g(dr.fdi),
		}
		st.urb = clamp(st.urb, 20, 96)
		st.rd = math.Max(st.rd, 0.2)
		return st
	}
	apply(m.at(2020), base)
	for st, y := base, 2021; y <= to; y++ {
		st = step(st, y, 1)
		apply(m.at(y), st)
	}
	for st, y := base, 2020; y > from; y-- {
		st = step(st, y, -1)
		apply(m.at(y-1), st)
	}

	// Phase 3: the rest of each year: amounts that are not indicators, and
	// targets that follow last year's levels.
	for y := from; y <= to; y++ {
		reseed("levels", y)
		d := m.at(y)
		gdp := d.actual[iGDP]
		d.population = r2(m.size*popPerGDP*(1+float64(y-2020)*0.002) + r.NormFloat64()*0.01)
		if d.population < 1 {
			d.population = r2(1 + r.Float64())
		}
		t := float64(y - 2020)
		d.primary = r1(clamp(primary2020-0.3*t+r.NormFloat64()*0.2, 0.1, 40))
		d.secondary = r1(clamp(secondary2020-0.4*t+r.NormFloat64()*0.3, 10, 65))
		d.exports = r2(d.trade * uniform(r, 0.55, 0.7))
		d.deposits = r2(gdp * uniform(r, 1.1, 1.6))
		d.loans = r2(d.deposits * uniform(r, 0.6, 0.9))
		d.industryOutput = r2(gdp * indShare)
		d.est[iGDP] = d.actual[iGDP]
		if r.IntN(3) == 0 {
			d.est[iGDP] = r2(d.actual[iGDP] * (1 + r.NormFloat64()*0.004))
		}
		d.est[iBudget] = d.actual[iBudget]
		d.est[iGrain] = d.actual[iGrain]
		d.est[iRD], d.est[iUrbanization], d.est[iFDI] = d.actual[iRD], d.actual[iUrbanization], d.actual[iFDI]

		jobs := niceCount(math.Max(gdp*uniform(r, 12, 25)*math.Pow(1.01, -t), uniform(r, 400, 800)))
		d.actual[iJobs] = math.Round(jobs * uniform(r, 0.97, 1.2))
		if y == 2020 {
			d.actual[iJobs] = math.Round(jobs * uniform(r, 0.85, 1.05))
		}
		d.est[iJobs] = d.actual[iJobs]
		d.target[iJobs] = target{set: true, form: []form{formPlain, formAtLeast, formAtLeast}[r.IntN(3)], value: jobs}
		firms := niceCount(m.scale * uniform(r, 25, 110))
		d.target[iFirms] = target{set: true, form: []form{formPlain, formAtLeast}[r.IntN(2)], value: firms}
		d.actual[iFirms] = math.Round(firms * uniform(r, 0.85, 1.35))
		d.est[iFirms] = d.actual[iFirms]
		d.est[iUnemployment], d.est[iRegUnemployment] = d.actual[iUnemployment], d.actual[iRegUnemployment]
		d.est[iCPI], d.est[iEnergy] = d.actual[iCPI], d.actual[iEnergy]
		d.est[iServices], d.est[iTrade], d.est[iExport] = d.actual[iServices], d.actual[iTrade], d.actual[iExport]
		d.est[iBudgetGrowth] = d.actual[iBudgetGrowth]

		if y > from {
			prev := m.at(y - 1)
			g := d.target[iGDPGrowth].value + macroDeflator.at(y)
			d.target[iGDP] = target{set: true, form: []form{formPlain, formAbout, formAtLeast}[r.IntN(3)],
				value: niceAmount(prev.actual[iGDP] * (1 + g/100))}
			d.target[iBudget] = target{set: true, form: []form{formPlain, formAtLeast}[r.IntN(2)],
				value: niceAmount(prev.actual[iBudget] * (1 + d.target[iBudgetGrowth].value/100))}
			d.target[iGrain] = target{set: true, form: []form{formAtLeast, formAtLeast, formPlain}[r.IntN(3)],
				value: niceAmount(prev.actual[iGrain] * uniform(r, 0.98, 1.0))}
			d.target[iRD] = target{set: true, form: []form{formPlain, formAbout, formAtLeast}[r.IntN(3)],
				value: r1(prev.actual[iRD] + uniform(r, 0.1, 0.3))}
			d.target[iUrbanization] = target{set: true, form: []form{formPlain, formAbout, formAtLeast}[r.IntN(3)],
				value: r1(prev.actual[iUrbanization] + uniform(r, 0.8, 1.3))}
			d.target[iFDI] = target{set: true, form: []form{formPlain, formAtLeast}[r.IntN(2)],
				value: niceAmount(prev.actual[iFDI] * uniform(r, 1.02, 1.12))}
		}
	}
	return m
}

// niceAmount rounds an amount target to three significant digits.
func niceAmount(x float64) float64 { return roundTo(x, 3) }

// roundTo rounds x to n significant digits.
func roundTo(x float64, n int) float64 {
	if x <= 0 {
		return 0
	}
	e := math.Pow(10, math.Floor(math.Log10(x))-float64(n-1))
	v := math.Round(x/e) * e
	// Undo the float noise of the division: 23.400000000000002 → 23.4.
	return math.Round(v*1e6) / 1e6
}
