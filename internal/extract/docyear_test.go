package extract

import (
	"testing"

	baogao "github.com/baogao/baogao"
)

// TestDocumentYear runs the resolver on invented documents: each case of
// issue 11 item 2, and each kind of evidence.
func TestDocumentYear(t *testing.T) {
	report, bulletin, other, plan := baogao.KindWorkReport, baogao.KindStatsBulletin, baogao.KindOther, baogao.KindPlan
	for _, tc := range []struct {
		name string
		in   YearInput
		year int
		ev   YearEvidence
	}{
		{"a title year wins over a heading year",
			YearInput{Kind: report, Title: "2025年政府工作报告（摘要）", Body: "2024年主要工作\n全年完成地区生产总值412.6亿元，增长5.3%。"},
			2025, YearTitle},
		{"news whose only year is the reviewed one",
			YearInput{Kind: report, Body: "东山县第十九届人大四次会议昨日开幕，县长在报告中说，2023年全县地区生产总值增长5.8%。今年将加快发展。"},
			2024, YearReview},
		{"a review heading without 年",
			YearInput{Kind: report, Body: "回眸2022\n全县地区生产总值增长6%，一般公共预算收入增长3%。"},
			2023, YearReview},
		{"a horizon year is never the document's",
			YearInput{Kind: report, Body: "到2030年地区生产总值突破8000亿元，2035年远景目标全面实现。"},
			0, YearUnknown},
		{"a horizon before a plan year",
			YearInput{Kind: report, Body: "到2030年地区生产总值突破8000亿元。2026年主要预期目标是：地区生产总值增长5%左右。"},
			2026, YearPlan},
		{"收官之年 names the current year",
			YearInput{Kind: report, Body: "2020年是“十三五”收官之年，做好今年工作意义重大。"},
			2020, YearPlan},
		{"收官之年 in a paragraph that tells what was done",
			YearInput{Kind: report, Body: "2020年是“十三五”收官之年。一年来，我们克服重重困难，圆满完成全年目标任务。"},
			2021, YearReview},
		{"a publication time when nothing better is stated",
			YearInput{Kind: report, Header: []string{"发布时间：2024-01-16 09:30"}, Published: YearMonth{2024, 1},
				Body: "县长代表县人民政府作报告。今年全县地区生产总值预期增长6%左右。"},
			2024, YearPublished},
		{"a county congress session, anchored by a later publication",
			YearInput{Kind: report, Level: baogao.LevelCounty, Published: YearMonth{2024, 6},
				Body: "东山县第十九届人大第四次会议开幕，县长作政府工作报告。"},
			2024, YearSession},
		{"a county session without a level, from the congress's name",
			YearInput{Kind: report, Published: YearMonth{2022, 8},
				Body: "东山县第十八届人民代表大会第二次会议开幕，县长作政府工作报告。"},
			2022, YearSession},
		{"a prefecture congress session, anchored by the year the text names",
			YearInput{Kind: report, Level: baogao.LevelPrefecture,
				Body: "南山市第十七届人大第三次会议开幕。南山市2023年被评为全国文明城市。"},
			2024, YearSession},
		{"an earlier session the text refers to is not the report's",
			YearInput{Kind: report, Level: baogao.LevelCounty,
				Body: "我们完成了县十八届人大三次会议确定的目标任务，2021年全县经济平稳运行。"},
			2021, YearMentioned},
		{"a session with nothing to anchor it tells nothing",
			YearInput{Kind: report, Level: baogao.LevelCounty, Body: "东山县第十九届人大第四次会议开幕。"},
			0, YearUnknown},
		{"delivered in December is for the next year",
			YearInput{Kind: report, Delivered: YearMonth{2022, 12}, Body: "各位代表："},
			2023, YearDelivered},
		{"a review heading",
			YearInput{Kind: report, Body: "各位代表：\n一、2024年工作回顾\n全区地区生产总值增长5.1%。"},
			2025, YearHeading},
		{"a plan heading",
			YearInput{Kind: report, Title: "2023年政府工作报告", Body: "二、2024年工作安排\n主要预期目标：地区生产总值增长5%。"},
			2024, YearHeading},
		{"a headline naming the reviewed year",
			YearInput{Kind: report, Title: "东山县2023年成绩单出炉", Body: "去年全县地区生产总值增长5%。"},
			2024, YearTitle},
		{"a headline's year weighs less than the body's plan",
			YearInput{Kind: report, Title: "2023年东山县地区生产总值增长5.8%", Body: "会议提出，2024年全县经济社会发展的主要预期目标是：地区生产总值增长6%左右。"},
			2024, YearPlan},
		{"a bulletin's title",
			YearInput{Kind: bulletin, Title: "东山县2023年国民经济和社会发展统计公报", Body: "初步核算，全年地区生产总值412亿元。"},
			2023, YearTitle},
		{"a bulletin named by its head line",
			YearInput{Kind: bulletin, Body: "2022年，全县经济运行总体平稳。"},
			2022, YearMentioned},
		{"a bulletin known only by its publication",
			YearInput{Kind: bulletin, Published: YearMonth{2024, 3}, Body: "全年地区生产总值412亿元。"},
			2023, YearPublished},
		{"a year far behind the text's is a misreading",
			YearInput{Kind: other, Title: "2015年东山县经济回顾", Body: "2023年全市地区生产总值增长5%。2024年一季度增长6%。"},
			2024, YearMentioned},
		{"a five-year plan", YearInput{Kind: plan, Title: "东山县国民经济和社会发展第十四个五年规划纲要"}, 2021, YearTitle},
		{"a plan with a year range", YearInput{Kind: plan, Title: "东山县2021—2025年发展规划"}, 2021, YearTitle},
		{"an annual plan named with the year before", YearInput{Kind: plan, Title: "关于2021年计划执行情况与2022年计划草案的报告"}, 2022, YearTitle},
		{"news names its year most often", YearInput{Kind: other, Body: "2023年，全县新增就业3000人。2023年全县接待游客200万人次，比2021年增长一倍。"}, 2023, YearMentioned},
		{"a given year is kept", YearInput{Kind: report, Given: 2019, Title: "2025年政府工作报告"}, 2019, YearGiven},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := DocumentYear(tc.in)
			if got.Year != tc.year || got.Evidence != tc.ev {
				t.Errorf("got %d (%q), want %d (%q)", got.Year, got.Evidence, tc.year, tc.ev)
			}
		})
	}
}

// TestYearOfFigures follows the cases of item 2 through extraction: the
// document's year decides which figures are targets and which outcomes,
// and of which year.
func TestYearOfFigures(t *testing.T) {
	type row struct {
		indicator string
		value     float64
		year      int
	}
	for _, tc := range []struct {
		name              string
		meta              baogao.Meta
		body              string
		targets, outcomes []row
	}{
		{"figures under a heading of the year before the title's are outcomes",
			baogao.Meta{Kind: baogao.KindWorkReport, Title: "2025年政府工作报告（摘要）"},
			"2024年主要工作\n全年完成地区生产总值412.6亿元，增长5.3%。\n",
			nil, []row{{"gdp", 412.6, 2024}, {"gdp_growth", 5.3, 2024}}},
		{"news: last year's figures and this year's target",
			baogao.Meta{Kind: baogao.KindWorkReport},
			"东山县第十九届人大四次会议昨日开幕，县长在报告中说，2023年全县地区生产总值增长5.8%。今年将力争地区生产总值增长6%左右。\n",
			[]row{{"gdp_growth", 6, 2024}}, []row{{"gdp_growth", 5.8, 2023}}},
		{"a review heading without 年",
			baogao.Meta{Kind: baogao.KindWorkReport, Year: 2023},
			"过去一年\n全县地区生产总值增长6%，一般公共预算收入增长3%。\n",
			nil, []row{{"gdp_growth", 6, 2022}, {"budget_revenue_growth", 3, 2022}}},
		{"a horizon figure is a goal, not a target",
			baogao.Meta{Kind: baogao.KindWorkReport, Year: 2026},
			"二、2026年工作安排\n到2030年地区生产总值突破8000亿元。今年地区生产总值预期增长5%左右。\n",
			[]row{{"gdp_growth", 5, 2026}}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ex := Extract(tc.body, tc.meta)
			var targets, outcomes []row
			for _, x := range ex.Targets {
				if x.Indicator != baogao.IndicatorOther {
					targets = append(targets, row{x.Indicator, x.Value, deref(x.Year)})
				}
			}
			for _, x := range ex.Outcomes {
				if x.Indicator != baogao.IndicatorOther {
					outcomes = append(outcomes, row{x.Indicator, x.Value, deref(x.Year)})
				}
			}
			if !sameRows(targets, tc.targets) || !sameRows(outcomes, tc.outcomes) {
				t.Errorf("targets %v, outcomes %v; want %v and %v", targets, outcomes, tc.targets, tc.outcomes)
			}
		})
	}
}

func deref(y *int) int {
	if y == nil {
		return 0
	}
	return *y
}

// sameRows reports whether a and b hold the same rows, in any order.
func sameRows[T comparable](a, b []T) bool {
	left := map[T]int{}
	for _, x := range b {
		left[x]++
	}
	for _, x := range a {
		if left[x] == 0 {
			return false
		}
		left[x]--
	}
	return len(a) == len(b)
}

// FuzzDocumentYear: any text gives a year of 0 or one a document can have,
// with evidence exactly when the year is known.
func FuzzDocumentYear(f *testing.F) {
	f.Add("2025年政府工作报告", "2024年主要工作\n全年完成地区生产总值412.6亿元，增长5.3%。", 2024, 6)
	f.Add("", "东山县第十九届人大第四次会议开幕。2023年全县地区生产总值增长5.8%。", 0, 0)
	f.Add("", "回眸2022\n到2030年地区生产总值突破8000亿元", 0, 0)
	f.Fuzz(func(t *testing.T, title, body string, pubYear, pubMonth int) {
		for _, k := range baogao.Kinds {
			d := DocumentYear(YearInput{Kind: k, Title: title, Body: body, Published: YearMonth{pubYear, pubMonth}})
			if d.Year != 0 && (d.Year < 1900 || d.Year > 2101) {
				t.Errorf("%s: year %d (%s)", k, d.Year, d.Evidence)
			}
			if (d.Year == 0) != (d.Evidence == YearUnknown) {
				t.Errorf("%s: year %d with evidence %q", k, d.Year, d.Evidence)
			}
		}
	})
}
