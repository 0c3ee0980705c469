package ingest

import (
	"fmt"
	"testing"
)

// TestRecogniserYear follows the cases of issue 11 item 2 through the whole
// parse: the recogniser's year (meta.year) comes from extract.DocumentYear,
// and the extraction's targets are of that same year. Invented texts.
func TestRecogniserYear(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		year       int
	}{
		{"a title year wins over a heading year",
			"2025年政府工作报告（摘要）\n2024年主要工作\n全年完成地区生产总值412.6亿元，增长5.3%。\n今年地区生产总值预期增长5%左右。", 2025},
		{"news whose only year is the reviewed one",
			"东山县人代会开幕\n东山县第十九届人大四次会议昨日开幕，县长在报告中说，2023年全县地区生产总值增长5.8%。今年将力争地区生产总值增长6%左右。", 2024},
		{"a review heading without 年",
			"政府工作报告\n各位代表：\n回眸2022\n全县地区生产总值增长6%，一般公共预算收入增长3%。\n今年地区生产总值预期增长6.5%左右。", 2023},
		{"a horizon year is never the document's",
			"政府工作报告\n各位代表：\n到2030年地区生产总值突破8000亿元，今年地区生产总值预期增长5%左右。", 0},
		{"收官之年 names the current year",
			"政府工作报告\n各位代表：\n2020年是“十三五”收官之年，做好今年工作意义重大。今年地区生产总值预期增长6%左右。", 2020},
		{"a publication time",
			"东山县政府工作报告\n发布时间：2024-01-16 09:30\n各位代表：今年全县地区生产总值预期增长6%左右。", 2024},
		{"a congress session anchored by a later publication",
			"东山县政府工作报告\n发布时间：2024-06-16 09:30\n——在东山县第十九届人大第四次会议上\n各位代表：今年全县地区生产总值预期增长6%左右。", 2024},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := parse(t, []byte(tc.text), "t.txt")
			if doc.Meta.Year != tc.year {
				t.Errorf("year %d, want %d", doc.Meta.Year, tc.year)
			}
			if len(doc.Extraction.Targets) == 0 {
				t.Fatalf("no targets in %q", doc.Body)
			}
			for _, x := range doc.Extraction.Targets {
				if y := x.Year; tc.year != 0 && (y == nil || *y != tc.year) {
					t.Errorf("target %s %v of year %s, want %d", x.Indicator, x.Value, fmt.Sprint(deref(y)), tc.year)
				}
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
