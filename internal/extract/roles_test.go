package extract

import (
	"testing"

	baogao "github.com/baogao/baogao"
)

// decisionOf returns the decision on the one figure of body whose value is
// value.
func decisionOf(t *testing.T, body string, meta baogao.Meta, value float64) decision {
	t.Helper()
	var got []decision
	tx := newText(body)
	walk(tx, meta, DocumentYear(YearInput{Kind: meta.Kind, Body: body, Given: meta.Year}), visitor{figure: func(s sentence, f figure, d decision, j *judge) {
		if near(f.value, value) {
			got = append(got, d)
		}
	}})
	if len(got) != 1 {
		t.Fatalf("%d figures of value %v in %q", len(got), value, body)
	}
	return got[0]
}

var (
	report2024   = baogao.Meta{Kind: baogao.KindWorkReport, Year: 2024}
	bulletin2024 = baogao.Meta{Kind: baogao.KindStatsBulletin, Year: 2024}
)

// roleCases give every rule of roleRules and outcomeVetoes at least one
// invented sentence it decides.
var roleCases = []struct {
	rule  string
	meta  baogao.Meta
	body  string
	value float64
	role  role
	year  int
}{
	{"part of a year", report2024, "上半年，全县地区生产总值增长5.1%。", 5.1, roleNone, 0},
	{"part of a year", report2024, "一季度全县规模以上工业增加值增长6.2%。", 6.2, roleNone, 0},
	{"part of a year", report2024, "1—9月，全县固定资产投资增长8.3%。", 8.3, roleNone, 0},
	{"part of a year", report2024, "前三季度全县社会消费品零售总额增长4.4%。", 4.4, roleNone, 0},
	{"part of a year", report2024, "今年以来，全县一般公共预算收入增长3.5%。", 3.5, roleNone, 0},
	{"a bulletin states outcomes", bulletin2024, "1—12月，全县规模以上工业增加值增长6.9%。", 6.9, roleOutcome, 2024},
	{"share of a target", report2024, "全县固定资产投资完成年度目标的78%。", 78, roleNone, 0},
	{"paragraph of a multi-year plan", report2024, "纲要草案提出了今后五年的主要指标。地区生产总值突破1000亿元。", 1000, roleGoal, 0},
	{"a later year or a period", report2024, "到2030年，地区生产总值突破8000亿元。", 8000, roleGoal, 2030},
	{"a bulletin states outcomes", bulletin2024, "全年地区生产总值412亿元，比上年增长5%。", 412, roleOutcome, 2024},
	{"the year named nearest", report2024, "2023年，全县地区生产总值增长5.8%。", 5.8, roleOutcome, 2023},
	{"the year named nearest", report2024, "2024年，全县地区生产总值力争增长6%。", 6, roleTarget, 2024},
	{"the figure's own clause", report2024, "在去年地区生产总值增长6.2%的基础上，今年预期增长6.5%左右。", 6.5, roleTarget, 2024},
	{"the figure's own clause", report2024, "在去年地区生产总值增长6.2%的基础上，今年预期增长6.5%左右。", 6.2, roleOutcome, 2023},
	{"targets met", report2024, "圆满完成全年预期目标，全市完成地区生产总值1860亿元。", 1860, roleOutcome, 2023},
	{"a cue after the list", report2024, "“地区生产总值增长6%左右……”，这是记者从会上获悉的今年主要预期目标。", 6, roleTarget, 2024},
	{"a past year of the paragraph", report2024, "2023年，全县经济稳中向好。规模以上工业增加值增长7%。", 7, roleOutcome, 2023},
	{"the section", report2024, "一、过去一年工作回顾\n全县地区生产总值增长5%。", 5, roleOutcome, 2023},
	{"the section", report2024, "二、今年工作安排\n全县地区生产总值增长6%左右。", 6, roleTarget, 2024},
	{"target cues", report2024, "力争全县地区生产总值增长6%。", 6, roleTarget, 2024},
	{"strong past cues", report2024, "预计全年地区生产总值增长5.5%。", 5.5, roleOutcome, 2023},
	{"the plan part", report2024, "今年经济社会发展的主要预期目标是：地区生产总值增长6%左右，一般公共预算收入增长5%，居民收入增长与经济增长同步。\n规模以上工业增加值增长7%。", 7, roleTarget, 2024},
	{"past cues", report2024, "全县地区生产总值比上年增长5%。", 5, roleOutcome, 2023},
	{"reports review before they plan", report2024, "全县地区生产总值增长5%。", 5, roleOutcome, 2023},
	{"a five-year review keeps levels at its end", report2024, "五年来，全县地区生产总值增长50%。", 50, roleNone, 2023},
	{"growth over several years", baogao.Meta{Kind: baogao.KindWorkReport, Year: 2016}, "全县地区生产总值比2012年增长47.7%。", 47.7, roleNone, 2015},
}

// TestRoleRules checks that each case is decided by its rule (the rules
// before it pass) with its role and year.
func TestRoleRules(t *testing.T) {
	for _, tc := range roleCases {
		t.Run(tc.rule, func(t *testing.T) {
			d := decisionOf(t, tc.body, tc.meta, tc.value)
			if d.rule != tc.rule || d.role != tc.role || d.year != tc.year {
				t.Errorf("%q, %v: rule %q role %d year %d; want rule %q role %d year %d", tc.body, tc.value, d.rule, d.role, d.year, tc.rule, tc.role, tc.year)
			}
		})
	}
}

// TestEveryRuleTested keeps TestRoleRules complete: a rule added to the
// table needs a case there.
func TestEveryRuleTested(t *testing.T) {
	tested := map[string]bool{}
	for _, tc := range roleCases {
		tested[tc.rule] = true
	}
	for _, r := range roleRules {
		if !tested[r.name] {
			t.Errorf("rule %q has no case in roleCases", r.name)
		}
	}
	for _, v := range outcomeVetoes {
		if !tested[v.name] {
			t.Errorf("veto %q has no case in roleCases", v.name)
		}
	}
}

// TestTargetsMetDoNotOpenTargets: "圆满完成全年预期目标," reviews; the
// paragraph after it is not the plan part.
func TestTargetsMetDoNotOpenTargets(t *testing.T) {
	if opensTargets("圆满完成全年预期目标,全市完成地区生产总值1860亿元", 2024) {
		t.Error("targets met open the targets")
	}
	if !opensTargets("今年经济社会发展的主要预期目标是:地区生产总值增长6%左右", 2024) {
		t.Error("the targets paragraph does not open the targets")
	}
}
