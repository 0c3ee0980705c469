package extract

import (
	"encoding/json"
	"math"
	"strings"
	"testing"

	baogao "github.com/baogao/baogao"
)

// report wraps plan sentences in the frame of a work report for 2023, so
// that each case reads as the year's targets.
func report(plan string) string {
	return "一、2022年工作回顾\n过去一年,我们克服困难,各项工作取得新进展。\n二、2023年工作安排\n" + plan + "\n"
}

var meta2023 = baogao.Meta{Kind: baogao.KindWorkReport, Year: 2023}

type wantTarget struct {
	indicator string
	value     float64
	high      float64 // 0: no range
	unit      string
	qual      baogao.Qualifier
	stretch   float64 // 0: none
}

func targetKey(t baogao.Target) wantTarget {
	w := wantTarget{indicator: t.Indicator, value: t.Value, unit: t.Unit, qual: t.Qualifier}
	if t.ValueHigh != nil {
		w.high = *t.ValueHigh
	}
	if t.Stretch != nil {
		w.stretch = *t.Stretch
	}
	return w
}

func TestTargets(t *testing.T) {
	tests := []struct {
		name string
		plan string
		want []wantTarget
	}{
		{"main targets paragraph", "今年经济社会发展的主要预期目标是:地区生产总值增长6.5%左右;一般公共预算收入增长5%以上;城镇调查失业率控制在5.5%以内。", []wantTarget{
			{"gdp_growth", 6.5, 0, "%", baogao.QualAbout, 0},
			{"budget_revenue_growth", 5, 0, "%", baogao.QualAtLeast, 0},
			{"unemployment_rate", 5.5, 0, "%", baogao.QualAtMost, 0},
		}},
		{"values distributed over a pair", "主要预期目标:城乡居民人均可支配收入分别增长6.5%、7%。", []wantTarget{
			{"urban_income_growth", 6.5, 0, "%", baogao.QualExact, 0},
			{"rural_income_growth", 7, 0, "%", baogao.QualExact, 0},
		}},
		{"one value for a pair", "主要预期目标:城乡居民人均可支配收入增长6%。", []wantTarget{
			{"urban_income_growth", 6, 0, "%", baogao.QualExact, 0},
			{"rural_income_growth", 6, 0, "%", baogao.QualExact, 0},
		}},
		{"one value for two indicators", "主要预期目标:固定资产投资、社会消费品零售总额增长5%左右。", []wantTarget{
			{"fai_growth", 5, 0, "%", baogao.QualAbout, 0},
			{"retail_growth", 5, 0, "%", baogao.QualAbout, 0},
		}},
		{"range with a dash", "主要预期目标:地区生产总值增长5.5%—6%。", []wantTarget{{"gdp_growth", 5.5, 6, "%", baogao.QualRange, 0}}},
		{"range with 至", "主要预期目标:地区生产总值增长5%至5.5%。", []wantTarget{{"gdp_growth", 5, 5.5, "%", baogao.QualRange, 0}}},
		{"range with one percent sign", "主要预期目标:地区生产总值增长4-4.5%。", []wantTarget{{"gdp_growth", 4, 4.5, "%", baogao.QualRange, 0}}},
		{"range with a tilde", "主要预期目标:地区生产总值增长7~7.5%。", []wantTarget{{"gdp_growth", 7, 7.5, "%", baogao.QualRange, 0}}},
		{"stretch beside the base", "主要预期目标:地区生产总值增长6%左右,力争7%。", []wantTarget{{"gdp_growth", 6, 0, "%", baogao.QualAbout, 7}}},
		{"lone 力争 is the value", "力争规模以上工业增加值增长9%。", []wantTarget{{"industry_va_growth", 9, 0, "%", baogao.QualExact, 0}}},
		{"控制在…以内", "主要预期目标:居民消费价格涨幅控制在3%以内。", []wantTarget{{"cpi", 3, 0, "%", baogao.QualAtMost, 0}}},
		{"控制在…左右 is about", "主要预期目标:居民消费价格涨幅控制在2.5%左右。", []wantTarget{{"cpi", 2.5, 0, "%", baogao.QualAbout, 0}}},
		{"控制在 alone is at most", "主要预期目标:城镇登记失业率控制在4%。", []wantTarget{{"registered_unemployment_rate", 4, 0, "%", baogao.QualAtMost, 0}}},
		{"a decline is negative", "主要预期目标:单位地区生产总值能耗下降3.2%。", []wantTarget{{"energy_intensity_growth", -3.2, 0, "%", baogao.QualExact, 0}}},
		{"a bound on a decline", "主要预期目标:单位地区生产总值能耗降低2%以上。", []wantTarget{{"energy_intensity_growth", -2, 0, "%", baogao.QualAtMost, 0}}},
		{"a written minus", "主要预期目标:居民消费价格增长-0.5%左右。", []wantTarget{{"cpi", -0.5, 0, "%", baogao.QualAbout, 0}}},
		{"full-width digits and percent", "主要预期目标:地区生产总值增长７．５％左右。", []wantTarget{{"gdp_growth", 7.5, 0, "%", baogao.QualAbout, 0}}},
		{"percentage points are not targets", "主要预期目标:常住人口城镇化率提高1.2个百分点。", nil},
		{"a level of a rate is", "主要预期目标:常住人口城镇化率达到62%。", []wantTarget{{"urbanization_rate", 62, 0, "%", baogao.QualExact, 0}}},
		{"万人 to 人", "主要预期目标:城镇新增就业3.5万人以上。", []wantTarget{{"urban_jobs", 35000, 0, "人", baogao.QualAtLeast, 0}}},
		{"亿斤 to 万吨", "主要预期目标:粮食产量稳定在120亿斤以上。", []wantTarget{{"grain_output", 600, 0, "万吨", baogao.QualAtLeast, 0}}},
		{"万吨 stays", "主要预期目标:粮食总产量达到85万吨。", []wantTarget{{"grain_output", 85, 0, "万吨", baogao.QualExact, 0}}},
		{"万元 to 亿元", "力争一般公共预算收入达到265000万元。", []wantTarget{{"budget_revenue", 26.5, 0, "亿元", baogao.QualExact, 0}}},
		{"万美元 to 亿美元", "力争实际使用外资达到8500万美元。", []wantTarget{{"fdi", 0.85, 0, "亿美元", baogao.QualExact, 0}}},
		{"家 of new firms", "力争新增规上工业企业30家以上。", []wantTarget{{"new_above_scale_firms", 30, 0, "家", baogao.QualAtLeast, 0}}},
		{"a bound after a list applies to all", "主要预期目标:城乡居民人均可支配收入分别增长6%和7%以上。", []wantTarget{
			{"urban_income_growth", 6, 0, "%", baogao.QualAtLeast, 0},
			{"rural_income_growth", 7, 0, "%", baogao.QualAtLeast, 0},
		}},
		{"own bounds in a list stay", "主要预期目标:城镇和农村居民人均可支配收入分别增长6%左右和6.5%以上。", []wantTarget{
			{"urban_income_growth", 6, 0, "%", baogao.QualAbout, 0},
			{"rural_income_growth", 6.5, 0, "%", baogao.QualAtLeast, 0},
		}},
		{"不低于 and 不超过", "主要预期目标:规上工业增加值增长不低于7%,城镇调查失业率不超过5.5%。", []wantTarget{
			{"industry_va_growth", 7, 0, "%", baogao.QualAtLeast, 0},
			{"unemployment_rate", 5.5, 0, "%", baogao.QualAtMost, 0},
		}},
		{"last year's figure beside this year's target", "在去年地区生产总值增长6.2%的基础上,今年预期增长6.5%左右。", []wantTarget{
			{"gdp_growth", 6.5, 0, "%", baogao.QualAbout, 0},
		}},
		{"a total that is not budget revenue", "主要预期目标:财政总收入增长6%,地方财政收入增长5%。", []wantTarget{
			{"budget_revenue_growth", 5, 0, "%", baogao.QualExact, 0},
		}},
		{"a list with one total outside the vocabulary", "主要预期目标:财政总收入和地方财政收入分别增长8%和7.5%左右。", []wantTarget{
			{"budget_revenue_growth", 7.5, 0, "%", baogao.QualAbout, 0},
		}},
		{"the three sectors", "主要预期目标:一产、二产、三产增加值分别增长3%、6%、7%左右。", []wantTarget{
			{"services_va_growth", 7, 0, "%", baogao.QualAbout, 0},
		}},
		{"spaces and a line wrap inside a figure", "主要预期目标:社会消费品零售总额增长 6 . 5%左右。", []wantTarget{
			{"retail_growth", 6.5, 0, "%", baogao.QualAbout, 0},
		}},
		{"a goal for a later year is not a target", "到2025年,地区生产总值达到800亿元。", nil},
		{"an average over years is not a target", "十四五时期地区生产总值年均增长6%左右。", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			body := report(tc.plan)
			ex := Extract(body, meta2023)
			var got []wantTarget
			for _, tg := range ex.Targets {
				if tg.Indicator == baogao.IndicatorOther {
					continue
				}
				got = append(got, targetKey(tg))
				if tg.Year == nil || *tg.Year != 2023 {
					t.Errorf("%s: year %v, want 2023", tg.Indicator, tg.Year)
				}
			}
			if !sameTargets(got, tc.want) {
				t.Errorf("targets of %q:\n got  %v\n want %v", tc.plan, got, tc.want)
			}
			checkSpans(t, body, ex)
		})
	}
}

func sameTargets(a, b []wantTarget) bool {
	if len(a) != len(b) {
		return false
	}
	used := make([]bool, len(b))
	for _, x := range a {
		found := false
		for i, y := range b {
			if !used[i] && x.indicator == y.indicator && near(x.value, y.value) && near(x.high, y.high) && x.unit == y.unit && x.qual == y.qual && near(x.stretch, y.stretch) {
				used[i], found = true, true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-6 }

func TestTargetWords(t *testing.T) {
	ex := Extract(report("主要预期目标:地区生产总值增长6%左右,力争7%;确保城镇新增就业1.2万人以上。"), meta2023)
	words := map[string][]string{}
	for _, tg := range ex.Targets {
		words[tg.Indicator] = tg.Words
	}
	if w := strings.Join(words["gdp_growth"], ","); w != "左右,力争" {
		t.Errorf("gdp_growth words %q, want 左右,力争", w)
	}
	if w := strings.Join(words["urban_jobs"], ","); !strings.Contains(w, "确保") || !strings.Contains(w, "以上") {
		t.Errorf("urban_jobs words %q, want 确保 and 以上", w)
	}
}

type wantOutcome struct {
	indicator string
	value     float64
	year      int // 0: null
}

func TestOutcomes(t *testing.T) {
	tests := []struct {
		name    string
		review  string
		want    []wantOutcome
		vintage baogao.Vintage
		basis   string
	}{
		{"a level and its growth", "预计全年实现地区生产总值520亿元,比上年增长6.1%。", []wantOutcome{{"gdp", 520, 2022}, {"gdp_growth", 6.1, 2022}}, baogao.VintageEstimated, ""},
		{"comparable prices", "初步核算,全县生产总值312.5亿元,按可比价格计算,增长5.2%。", []wantOutcome{{"gdp", 312.5, 2022}, {"gdp_growth", 5.2, 2022}}, baogao.VintagePreliminary, "按可比价格计算"},
		{"rates listed after their amounts", "城镇和农村居民人均可支配收入分别达到41200元、21800元,分别增长4.6%和6.3%。", []wantOutcome{{"urban_income_growth", 4.6, 2022}, {"rural_income_growth", 6.3, 2022}}, "", ""},
		{"a decline", "固定资产投资下降2.4%,社会消费品零售总额增长3.1%。", []wantOutcome{{"fai_growth", -2.4, 2022}, {"retail_growth", 3.1, 2022}}, "", ""},
		{"only a bound is not a value", "地区生产总值突破600亿元。", nil, "", ""},
		{"a bound then the value", "地区生产总值突破600亿元、达到612.3亿元。", []wantOutcome{{"gdp", 612.3, 2022}}, "", ""},
		{"components are not annotated", "第一产业增加值增长3.2%,第二产业增加值增长5.1%。", nil, "", ""},
		{"comparisons with other places are not", "规上工业增加值增长8%,高于全省1.2个百分点。", []wantOutcome{{"industry_va_growth", 8, 2022}}, "", ""},
		{"quarters are not", "前三季度地区生产总值增长4.9%。", nil, "", ""},
		{"budget revenue in 万元", "地方一般公共预算收入完成216500万元,增长7.3%。", []wantOutcome{{"budget_revenue", 21.65, 2022}, {"budget_revenue_growth", 7.3, 2022}}, "", ""},
		{"jobs in 万人", "城镇新增就业1.05万人。", []wantOutcome{{"urban_jobs", 10500, 2022}}, "", ""},
		{"a year named in the sentence", "2022年全县粮食总产量达到48.6万吨。", []wantOutcome{{"grain_output", 48.6, 2022}}, "", ""},
		{"a base year far back is not one year's growth", "全县生产总值比2017年增长38.5%。", nil, "", ""},
		{"excluding a factor", "剔除留抵退税因素后,一般公共预算收入增长6.4%。", []wantOutcome{{"budget_revenue_growth", 6.4, 2022}}, "", "剔除留抵退税因素"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			body := "一、2022年工作回顾\n" + tc.review + "\n二、2023年工作安排\n今年是关键之年。\n"
			ex := Extract(body, meta2023)
			var got []wantOutcome
			for _, o := range ex.Outcomes {
				if o.Indicator == baogao.IndicatorOther || o.Bound != "" {
					continue
				}
				y := 0
				if o.Year != nil {
					y = *o.Year
				}
				got = append(got, wantOutcome{o.Indicator, o.Value, y})
				if tc.vintage != "" && o.Vintage != tc.vintage {
					t.Errorf("%s: vintage %q, want %q", o.Indicator, o.Vintage, tc.vintage)
				}
				if tc.basis != "" && strings.HasSuffix(o.Indicator, "_growth") && o.Basis != tc.basis {
					t.Errorf("%s: basis %q, want %q", o.Indicator, o.Basis, tc.basis)
				}
			}
			if len(got) != len(tc.want) {
				t.Fatalf("outcomes of %q:\n got  %v\n want %v", tc.review, got, tc.want)
			}
			for _, w := range tc.want {
				found := false
				for _, g := range got {
					if g.indicator == w.indicator && near(g.value, w.value) && g.year == w.year {
						found = true
					}
				}
				if !found {
					t.Errorf("outcomes of %q:\n got  %v\n want %v", tc.review, got, tc.want)
				}
			}
			if len(ex.Targets) != 0 {
				t.Errorf("a review sets no targets, got %v", ex.Targets)
			}
			checkSpans(t, body, ex)
		})
	}
}

func TestOutcomeBound(t *testing.T) {
	ex := Extract("一、2022年工作回顾\n地区生产总值突破600亿元,规上工业增加值增长10%以上。\n", meta2023)
	bounds := 0
	for _, o := range ex.Outcomes {
		if o.Bound == string(baogao.QualAtLeast) {
			bounds++
		}
	}
	if bounds != 2 {
		t.Errorf("want two outcomes bounded at_least, got %+v", ex.Outcomes)
	}
}

func TestBulletin(t *testing.T) {
	body := "2022年国民经济和社会发展统计公报\n初步核算,全年地区生产总值2045.3亿元,按可比价格计算,比上年增长4.1%。全年社会消费品零售总额下降1.5%。\n"
	ex := Extract(body, baogao.Meta{Kind: baogao.KindStatsBulletin, Year: 2022})
	want := map[string]float64{"gdp": 2045.3, "gdp_growth": 4.1, "retail_growth": -1.5}
	for _, o := range ex.Outcomes {
		if o.Indicator == baogao.IndicatorOther {
			continue
		}
		if v, ok := want[o.Indicator]; !ok || !near(v, o.Value) || o.Year == nil || *o.Year != 2022 {
			t.Errorf("unexpected outcome %+v", o)
		}
		delete(want, o.Indicator)
	}
	if len(want) > 0 {
		t.Errorf("missing outcomes %v", want)
	}
	if len(ex.Targets) != 0 {
		t.Errorf("a bulletin sets no targets: %v", ex.Targets)
	}
}

func TestYearFromText(t *testing.T) {
	// the recogniser could not tell the year; the headings do
	body := "一、2021年工作回顾\n全县地区生产总值增长7.2%。\n二、2022年工作安排\n主要预期目标:地区生产总值增长6.5%左右。\n"
	ex := Extract(body, baogao.Meta{Kind: baogao.KindWorkReport})
	if len(ex.Targets) != 1 || ex.Targets[0].Year == nil || *ex.Targets[0].Year != 2022 {
		t.Errorf("targets %+v, want one for 2022", ex.Targets)
	}
	if len(ex.Outcomes) != 1 || ex.Outcomes[0].Year == nil || *ex.Outcomes[0].Year != 2021 {
		t.Errorf("outcomes %+v, want one for 2021", ex.Outcomes)
	}
}

func TestEmptyIsNotNull(t *testing.T) {
	b, err := json.Marshal(Extract("", baogao.Meta{}))
	if err != nil {
		t.Fatal(err)
	}
	want := `{"targets":[],"outcomes":[],"goals":[],"projects":[]}`
	if string(b) != want {
		t.Errorf("got %s, want %s", b, want)
	}
}

func TestDeterministic(t *testing.T) {
	body := report("主要预期目标:地区生产总值增长6%左右;城乡居民人均可支配收入分别增长6%、7%;推进总投资12亿元的华星材料、8亿元的远航物流等项目落地。")
	a, _ := json.Marshal(Extract(body, meta2023))
	for i := 0; i < 5; i++ {
		b, _ := json.Marshal(Extract(body, meta2023))
		if string(a) != string(b) {
			t.Fatalf("two runs differ:\n%s\n%s", a, b)
		}
	}
}

// checkSpans verifies that every span is in order and holds its text.
func checkSpans(t *testing.T, body string, ex baogao.Extraction) {
	t.Helper()
	runes := []rune(body)
	check := func(kind, text string, sp baogao.Span, v ...float64) {
		if sp == (baogao.Span{}) && text != "" {
			return // read from the title (see readHeadline)
		}
		if sp[0] < 0 || sp[1] > len(runes) || sp[0] > sp[1] {
			t.Errorf("%s span %v out of range", kind, sp)
			return
		}
		if got := string(runes[sp[0]:sp[1]]); got != text {
			t.Errorf("%s span %v holds %q, text is %q", kind, sp, got, text)
		}
		for _, x := range v {
			if math.IsNaN(x) || math.IsInf(x, 0) {
				t.Errorf("%s value %v", kind, x)
			}
		}
	}
	last := -1
	for _, x := range ex.Targets {
		check("target", x.Text, x.Span, x.Value)
		if x.Span[0] < last {
			t.Errorf("targets out of order")
		}
		last = x.Span[0]
	}
	last = -1
	for _, x := range ex.Outcomes {
		check("outcome", x.Text, x.Span, x.Value)
		if x.Span[0] < last {
			t.Errorf("outcomes out of order")
		}
		last = x.Span[0]
	}
	for _, x := range ex.Goals {
		check("goal", x.Text, x.Span, x.Value)
	}
	for _, x := range ex.Projects {
		check("project", x.Text, x.Span)
	}
}

func TestGoalsAndProjects(t *testing.T) {
	body := report("做强主导产业。新能源电池产业。加快推进华星材料二期、远航电池等项目建设,建成投产启明储能项目。2023年推动产业产值达到80亿元。" +
		"智能家居产业。推进总投资12亿元的北辰智造、8亿元的南岭家电等项目落地,家居产业营收突破30亿元。" +
		"到2025年,地区生产总值达到800亿元。")
	ex := Extract(body, meta2023)
	checkSpans(t, body, ex)
	type goal struct {
		subject string
		value   float64
		unit    string
		year    int
	}
	var got []goal
	for _, g := range ex.Goals {
		y := 0
		if g.Year != nil {
			y = *g.Year
		}
		got = append(got, goal{g.Subject, g.Value, g.Unit, y})
	}
	want := []goal{{"新能源电池产业", 80, "亿元", 2023}, {"家居产业", 30, "亿元", 2023}, {"地区生产总值", 800, "亿元", 2025}}
	if len(got) != len(want) {
		t.Fatalf("goals: got %v, want %v", got, want)
	}
	for i := range want {
		if got[i].subject != want[i].subject || !near(got[i].value, want[i].value) || got[i].unit != want[i].unit || got[i].year != want[i].year {
			t.Errorf("goal %d: got %v, want %v", i, got[i], want[i])
		}
	}
	projects := map[string]baogao.Project{}
	for _, p := range ex.Projects {
		projects[p.Name] = p
	}
	for name, action := range map[string]string{"华星材料二期": "加快推进…建设", "远航电池": "加快推进…建设", "北辰智造": "推进…落地", "南岭家电": "推进…落地"} {
		if p, ok := projects[name]; !ok || p.Action != action {
			t.Errorf("project %s: got %+v, want action %s", name, p, action)
		}
	}
	if p := projects["北辰智造"]; p.Investment == nil || *p.Investment != 12 || p.Unit != "亿元" {
		t.Errorf("北辰智造 investment: got %+v", p)
	}
	if len(ex.Targets) != 0 {
		t.Errorf("goals are not targets: %+v", ex.Targets)
	}
}

// Figures that fit no indicator are kept as other, with their label.
func TestOtherKept(t *testing.T) {
	ex := Extract(report("主要预期目标:全社会研发经费投入增长12%,交通投资完成85亿元,地区生产总值增长6%。"), meta2023)
	labels := map[string]bool{}
	for _, tg := range ex.Targets {
		if tg.Indicator == baogao.IndicatorOther {
			labels[tg.Label] = true
		}
	}
	if !labels["全社会研发经费投入"] || !labels["交通投资"] {
		t.Errorf("other targets: got %v", ex.Targets)
	}
}
