package extract

import (
	"strings"
	"testing"

	baogao "github.com/baogao/baogao"
)

// fig is a target or an outcome as the constructions tests compare them.
type fig struct {
	indicator string
	value     float64
	unit      string
	qual      baogao.Qualifier // targets only
	year      int
}

func targetsOf(ex baogao.Extraction) []fig {
	var out []fig
	for _, x := range ex.Targets {
		if x.Indicator != baogao.IndicatorOther {
			out = append(out, fig{x.Indicator, x.Value, x.Unit, x.Qualifier, deref(x.Year)})
		}
	}
	return out
}

func outcomesOf(ex baogao.Extraction) []fig {
	var out []fig
	for _, x := range ex.Outcomes {
		if x.Indicator != baogao.IndicatorOther {
			out = append(out, fig{x.Indicator, x.Value, x.Unit, "", deref(x.Year)})
		}
	}
	return out
}

// TestConstructions covers the constructions of issue 11 items 3 and 5,
// each on invented text, in a report for 2024.
func TestConstructions(t *testing.T) {
	const (
		exact   = baogao.QualExact
		about   = baogao.QualAbout
		atLeast = baogao.QualAtLeast
	)
	plan := func(s string) string { return "二、2024年工作安排\n" + s + "\n" }
	review := func(s string) string { return "一、2023年工作回顾\n" + s + "\n" }
	for _, tc := range []struct {
		name              string
		body              string
		targets, outcomes []fig
	}{
		{"a shared subject: 城、乡",
			plan("城、乡居民人均可支配收入分别增长5.5%、7%。"),
			[]fig{{"urban_income_growth", 5.5, "%", exact, 2024}, {"rural_income_growth", 7, "%", exact, 2024}}, nil},
		{"a qualifier before the number",
			plan("地区生产总值增长约6.5%。"),
			[]fig{{"gdp_growth", 6.5, "%", about, 2024}}, nil},
		{"a magnitude word with a physical unit",
			plan("粮食产量稳定在560亿斤以上。"),
			[]fig{{"grain_output", 2800, "万吨", atLeast, 2024}}, nil},
		{"a currency word after an amount",
			review("全年实现地区生产总值2580.4亿元人民币，比上年增长5.2%。"),
			nil, []fig{{"gdp", 2580.4, "亿元", "", 2023}, {"gdp_growth", 5.2, "%", "", 2023}}},
		{"an all-levels total and the local figure",
			review("全市公共财政收入562亿元……其中地方一般公共预算收入218亿元，增长11.2%。"),
			nil, []fig{{"budget_revenue", 218, "亿元", "", 2023}, {"budget_revenue_growth", 11.2, "%", "", 2023}}},
		{"全社会投资 is fixed-asset investment",
			plan("全社会投资增长8%。"),
			[]fig{{"fai_growth", 8, "%", exact, 2024}}, nil},
		{"经济增长 in a target list is GDP growth",
			plan("今年经济社会发展的主要预期目标是：经济增长6.5%左右，城镇调查失业率控制在5.5%以内。"),
			[]fig{{"gdp_growth", 6.5, "%", about, 2024}, {"unemployment_rate", 5.5, "%", baogao.QualAtMost, 2024}}, nil},
		{"R&D经费投入强度",
			plan("R&D经费投入强度达到2.6%。"),
			[]fig{{"rd_intensity", 2.6, "%", exact, 2024}}, nil},
		{"R&D经费投入占比",
			plan("全社会R&D经费投入占比达到2.6%。"),
			[]fig{{"rd_intensity", 2.6, "%", exact, 2024}}, nil},
		{"below the target by percentage points is neither",
			review("全年地区生产总值增长4.6%，低于目标1.4个百分点。"),
			nil, []fig{{"gdp_growth", 4.6, "%", "", 2023}}},
		{"a share of the year's target is neither",
			review("全年固定资产投资完成年度目标的78%。"),
			nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ex := Extract(tc.body, report2024)
			checkSpans(t, tc.body, ex)
			if got := targetsOf(ex); !sameRows(got, tc.targets) {
				t.Errorf("targets %v, want %v", got, tc.targets)
			}
			if got := outcomesOf(ex); !sameRows(got, tc.outcomes) {
				t.Errorf("outcomes %v, want %v", got, tc.outcomes)
			}
		})
	}
}

// TestHeadlines: the title is read as well as the body (issue 11 item 4); a
// headline that restates a body figure without its qualifier gives one
// target, with the body's qualifier.
func TestHeadlines(t *testing.T) {
	const list = "今年全县经济社会发展的主要预期目标是：地区生产总值增长6.5%左右，一般公共预算收入增长5%。\n"
	for _, tc := range []struct {
		name, title, body string
		want              []fig
		fromTitle         int // how many come from the title, with an empty span
	}{
		{"a title restating a body figure", "东山县今年GDP目标6.5%", list,
			[]fig{{"gdp_growth", 6.5, "%", baogao.QualAbout, 2024}, {"budget_revenue_growth", 5, "%", baogao.QualExact, 2024}}, 0},
		{"a headline in the body restating a figure", "", "GDP目标6.5%\n" + list,
			[]fig{{"gdp_growth", 6.5, "%", baogao.QualAbout, 2024}, {"budget_revenue_growth", 5, "%", baogao.QualExact, 2024}}, 0},
		{"a figure only the title states", "东山县今年GDP增长目标6.5%", "会议审议通过了县政府工作报告。\n",
			[]fig{{"gdp_growth", 6.5, "%", baogao.QualExact, 2024}}, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			meta := report2024
			meta.Title = tc.title
			ex := Extract(tc.body, meta)
			checkSpans(t, tc.body, ex)
			if got := targetsOf(ex); !sameRows(got, tc.want) {
				t.Errorf("targets %v, want %v", got, tc.want)
			}
			n := 0
			for _, x := range ex.Targets {
				if x.Span == (baogao.Span{}) {
					n++
					if !strings.Contains(tc.title, x.Text) || x.Text == "" {
						t.Errorf("title target's text %q is not the title's", x.Text)
					}
				}
			}
			if n != tc.fromTitle {
				t.Errorf("%d targets from the title, want %d", n, tc.fromTitle)
			}
		})
	}
}

// TestOtherLabels: an item outside the vocabulary is labelled with its
// whole subject, and shares and intensities are their own measures, not
// their base indicator (issue 11 item 6).
func TestOtherLabels(t *testing.T) {
	for _, tc := range []struct {
		sentence, label string
		value           float64
	}{
		{"民间投资占比达到50%。", "民间投资占比", 50},
		{"万元生产总值用水量下降22%。", "万元生产总值用水量", -22},
		{"清洁能源用电量占比达到45%。", "清洁能源用电量占比", 45},
		{"优质粮食产量占比达到50%。", "优质粮食产量占比", 50},
		{"服务业增加值占地区生产总值比重达到52%。", "服务业增加值占地区生产总值比重", 52},
		{"全县工业用电量占全社会用电量比重提高到60%。", "工业用电量占全社会用电量比重", 60},
	} {
		t.Run(tc.label, func(t *testing.T) {
			body := "二、2024年工作安排\n" + tc.sentence + "\n"
			ex := Extract(body, report2024)
			checkSpans(t, body, ex)
			if len(ex.Targets) != 1 {
				t.Fatalf("targets %+v, want one", ex.Targets)
			}
			x := ex.Targets[0]
			if x.Indicator != baogao.IndicatorOther || x.Label != tc.label || x.Value != tc.value || !strings.HasPrefix(x.Text, tc.label) {
				t.Errorf("got %s %q %v (text %q), want other %q %v", x.Indicator, x.Label, x.Value, x.Text, tc.label, tc.value)
			}
		})
	}
}

// TestFlattenedTable: a table copied one cell per line — the indicator,
// then its target, then its actual — gives targets and outcomes of the
// years its header names.
func TestFlattenedTable(t *testing.T) {
	body := "二、2024年主要预期目标\n指标\n2024年目标\n2023年完成\n地区生产总值增长（%）\n6左右\n5.6\n一般公共预算收入（亿元）\n120\n112.5\n城镇新增就业（万人）\n1.2\n—\n说明：以上数据为初步统计。\n"
	ex := Extract(body, report2024)
	checkSpans(t, body, ex)
	wantT := []fig{{"gdp_growth", 6, "%", baogao.QualAbout, 2024}, {"budget_revenue", 120, "亿元", baogao.QualExact, 2024}, {"urban_jobs", 12000, "人", baogao.QualExact, 2024}}
	wantO := []fig{{"gdp_growth", 5.6, "%", "", 2023}, {"budget_revenue", 112.5, "亿元", "", 2023}}
	if got := targetsOf(ex); !sameRows(got, wantT) {
		t.Errorf("targets %v, want %v", got, wantT)
	}
	if got := outcomesOf(ex); !sameRows(got, wantO) {
		t.Errorf("outcomes %v, want %v", got, wantO)
	}
}

// TestBrokenNames: text from a PDF breaks an indicator's name at a line's
// end, and two columns may interleave, so that the line that completes the
// name is the one after next.
func TestBrokenNames(t *testing.T) {
	for _, tc := range []struct{ name, body string }{
		{"a name broken at a line's end", "二、2024年工作安排\n今年主要预期目标是：地区生产\n总值增长6%左右，城镇\n新增就业1.2万人。\n"},
		{"two columns interleaved", "二、2024年工作安排\n今年主要预期目标是：地区生产\n坚持改革开放\n总值增长6%左右，城镇\n推进乡村振兴\n新增就业1.2万人。\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ex := Extract(tc.body, report2024)
			checkSpans(t, tc.body, ex)
			want := []fig{{"gdp_growth", 6, "%", baogao.QualAbout, 2024}, {"urban_jobs", 12000, "人", baogao.QualExact, 2024}}
			if got := targetsOf(ex); !sameRows(got, want) {
				t.Errorf("targets %v, want %v", got, want)
			}
		})
	}
}
