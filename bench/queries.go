package main

import (
	"github.com/baogao/baogao"
)

// benchQuery is one query of the mix: a term searched as a phrase in the
// title or the body, with filters.
type benchQuery struct {
	Class  string
	Text   string
	Filter baogao.DocumentFilter
}

// The query classes, in the order of the results table.
var classes = []string{"common 2-char", "rare 2-char", "4-char term", "long phrase", "filtered"}

// queryMix returns the fixed mix: ten queries of each class. The common
// words occur in nearly every generated document, the rare ones in well
// under 1% of them (measured on the generator's output).
func queryMix([]*baogao.Document) []benchQuery {
	var mix []benchQuery
	add := func(class string, texts ...string) {
		for _, t := range texts {
			mix = append(mix, benchQuery{Class: class, Text: t})
		}
	}
	add("common 2-char", "发展", "经济", "建设", "推进", "工作", "企业", "项目", "增长", "政府", "产业")
	add("rare 2-char", "恒盛", "陈伟", "光辉", "讷河", "志刚", "岳阳", "台安", "江西", "华海", "瑞光")
	add("4-char term", "乡村振兴", "营商环境", "冷链物流", "招商引资", "数字经济", "乡村旅游", "生态环境", "安全生产", "民生实事", "科技创新")
	add("long phrase", "县域经济高质量发展", "全面推进乡村振兴", "规模以上工业增加值", "社会消费品零售总额", "一般公共预算收入",
		"城镇居民人均可支配收入", "深入实施创新驱动发展战略", "持续优化营商环境", "固定资产投资增长", "新增高新技术企业")
	filtered := []benchQuery{
		{Text: "发展", Filter: baogao.DocumentFilter{Kind: baogao.KindStatsBulletin}},
		{Text: "乡村振兴", Filter: baogao.DocumentFilter{Province: "37"}},
		{Text: "经济", Filter: baogao.DocumentFilter{YearFrom: 2022, YearTo: 2022}},
		{Text: "营商环境", Filter: baogao.DocumentFilter{Level: baogao.LevelCounty, Region: baogao.RegionXinan}},
		{Text: "项目", Filter: baogao.DocumentFilter{PlaceCode: "370800"}},
		{Text: "高质量发展", Filter: baogao.DocumentFilter{Kind: baogao.KindWorkReport, YearFrom: 2020, YearTo: 2021}},
		{Text: "冷链物流", Filter: baogao.DocumentFilter{Region: baogao.RegionHuadong}},
		{Text: "增长", Filter: baogao.DocumentFilter{Province: "44", Kind: baogao.KindStatsBulletin}},
		{Text: "企业", Filter: baogao.DocumentFilter{Level: baogao.LevelPrefecture}},
		{Text: "招商引资", Filter: baogao.DocumentFilter{PlaceCode: "510000"}},
	}
	for _, q := range filtered {
		q.Class = "filtered"
		mix = append(mix, q)
	}
	return mix
}
