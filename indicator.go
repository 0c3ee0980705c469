package baogao

// Indicator is one entry of the target and outcome vocabulary (SPEC §5).
type Indicator struct {
	Code  string // gdp_growth
	Name  string // Chinese name: 地区生产总值增长
	Title string // English title: GDP growth
	Unit  string // canonical unit
	// LowerIsBetter is true where a value under the target counts as met
	// (prices, unemployment, energy intensity).
	LowerIsBetter bool
}

// IndicatorOther is the code of numbers that fit no indicator.
const IndicatorOther = "other"

// Indicators is the vocabulary, in the order tables show it.
var Indicators = []Indicator{
	{"gdp_growth", "地区生产总值增长", "GDP growth", "%", false},
	{"gdp", "地区生产总值", "GDP", "亿元", false},
	{"industry_va_growth", "规模以上工业增加值增长", "Industrial value added growth (above scale)", "%", false},
	{"services_va_growth", "服务业增加值增长", "Services value added growth", "%", false},
	{"fai_growth", "固定资产投资增长", "Fixed-asset investment growth", "%", false},
	{"retail_growth", "社会消费品零售总额增长", "Retail sales growth", "%", false},
	{"budget_revenue_growth", "一般公共预算收入增长", "General budget revenue growth", "%", false},
	{"budget_revenue", "一般公共预算收入", "General budget revenue", "亿元", false},
	{"trade_growth", "进出口总额增长", "Foreign trade growth", "%", false},
	{"export_growth", "出口增长", "Export growth", "%", false},
	{"fdi", "实际利用外资", "Foreign direct investment used", "亿美元", false},
	{"income_growth", "居民人均可支配收入增长", "Per-capita disposable income growth", "%", false},
	{"urban_income_growth", "城镇居民人均可支配收入增长", "Urban per-capita disposable income growth", "%", false},
	{"rural_income_growth", "农村居民人均可支配收入增长", "Rural per-capita disposable income growth", "%", false},
	{"cpi", "居民消费价格涨幅", "Consumer price increase", "%", true},
	{"urban_jobs", "城镇新增就业", "New urban jobs", "人", false},
	{"unemployment_rate", "城镇调查失业率", "Surveyed urban unemployment rate", "%", true},
	{"registered_unemployment_rate", "城镇登记失业率", "Registered urban unemployment rate", "%", true},
	{"grain_output", "粮食产量", "Grain output", "万吨", false},
	{"energy_intensity_growth", "单位地区生产总值能耗变化", "Energy use per unit of GDP, change", "%", true},
	{"rd_intensity", "研发经费投入强度", "R&D spending as share of GDP", "%", false},
	{"urbanization_rate", "常住人口城镇化率", "Urbanisation rate (resident population)", "%", false},
	{"new_above_scale_firms", "新增规模以上（四上）企业", "New above-scale firms", "家", false},
}

// IndicatorByCode returns the indicator with the code.
func IndicatorByCode(code string) (Indicator, bool) {
	for _, ind := range Indicators {
		if ind.Code == code {
			return ind, true
		}
	}
	return Indicator{}, false
}
