package ingest

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/baogao/baogao/internal/extract"
)

// TestOwnFigures: on invented texts, the figures a document states of
// other places — the cities of a roundup, a city in its province's report
// — are dropped, the document's own (and those of lists of project names,
// and of its parents) are kept, and a document without a place keeps all.
func TestOwnFigures(t *testing.T) {
	p := newTestParser()
	for _, c := range []struct {
		name, text string
		dropped    []string // indicator value, of the figures dropped
	}{
		{"a roundup filed under 武汉", "武汉市2023年政府工作报告\n各位代表：\n" +
			"2022年武汉地区生产总值增长4%，高于郑州1个百分点，规模以上工业增加值增长5%。\n" +
			"2022年郑州全市生产总值预计增长2%左右，规模以上工业增加值增长3.5%，固定资产投资下降4%。\n" +
			"长沙2022年预计地区生产总值增长4.8%，2023年长沙经济社会发展主要预期目标包括地区生产总值增长7%左右，社会消费品零售总额增长7%。\n" +
			"2023年武汉的主要预期目标是地区生产总值增长6.5%以上。\n",
			[]string{"gdp_growth 2", "industry_va_growth 3.5", "fai_growth -4", "gdp_growth 4.8", "gdp_growth 7", "retail_growth 7"}},
		{"a province's report naming its cities", "2025年四川省政府工作报告\n各位代表：\n一、2024年工作回顾\n" +
			"全省地区生产总值增长5.7%。泸州经济总量突破3000亿元，内江、眉山、遂宁经济总量突破2000亿元。\n" +
			"建成投用成都东站、成渝中线宜宾段等重点项目，基础设施投资增长3.2%，社会消费品零售总额增长3.1%。\n",
			[]string{"gdp 3000", "gdp 2000"}},
		{"a county's report naming its city", "2024年金乡县人民政府工作报告\n各位代表：\n二、2024年工作安排\n" +
			"全面完成济宁市下达的地区生产总值增长6%左右的目标，一般公共预算收入增长5%。\n", nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			doc, _, err := p.Parse([]byte(c.text), Input{Name: "own.txt"})
			if err != nil {
				t.Fatal(err)
			}
			if doc.Meta.PlaceCode == "" {
				t.Fatal("no place recognised")
			}
			all := extract.Extract(doc.Body, doc.Meta)
			kept := map[string]bool{}
			for _, x := range doc.Extraction.Targets {
				kept["t"+x.Key()] = true
			}
			for _, x := range doc.Extraction.Outcomes {
				kept["o"+x.Key()] = true
			}
			var dropped []string
			n := 0
			for _, x := range all.Targets {
				if n++; !kept["t"+x.Key()] {
					dropped = append(dropped, fmt.Sprintf("%s %g", x.Indicator, x.Value))
				}
			}
			for _, x := range all.Outcomes {
				if n++; !kept["o"+x.Key()] {
					dropped = append(dropped, fmt.Sprintf("%s %g", x.Indicator, x.Value))
				}
			}
			slices.Sort(dropped)
			want := slices.Clone(c.dropped)
			slices.Sort(want)
			if !slices.Equal(dropped, want) {
				t.Errorf("place %q: dropped %q, want %q", doc.Meta.PlaceCode, dropped, want)
			}
			if len(doc.Extraction.Targets)+len(doc.Extraction.Outcomes)+len(dropped) != n || n-len(dropped) == 0 {
				t.Errorf("%d figures extracted, %d kept: %s", n, n-len(dropped), strings.Join(dropped, ", "))
			}
			// Without a place, no figure is another place's.
			doc.Meta.PlaceCode = ""
			if ex := p.Extract(doc); len(ex.Targets) != len(all.Targets) || len(ex.Outcomes) != len(all.Outcomes) {
				t.Errorf("without a place: %d targets and %d outcomes of %d and %d", len(ex.Targets), len(ex.Outcomes), len(all.Targets), len(all.Outcomes))
			}
		})
	}
}
