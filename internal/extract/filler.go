package extract

import "unicode/utf8"

// fillerWords are the words that may stand between the figures of one
// statement without starting a new one: "163亿元,比上年增长13%",
// "突破1500亿元大关,增长9%左右". Anything else (a noun) starts a statement
// of its own, whose figures are not ours.
var fillerWords = sortByLength([]string{
	"同比", "比上年同期", "比上年", "比去年同期", "比去年", "较上年", "较去年", "上年同期", "同期", "分别",
	"增长", "下降", "增速", "增幅", "涨幅", "降幅", "达到", "达", "为", "是", "实现", "完成", "突破", "超过", "超",
	"提高", "提升", "增加", "减少", "降低", "回落", "上涨", "下滑", "到", "至", "按可比价格计算", "按可比价计算",
	"按不变价格计算", "按可比口径计算", "按可比口径", "按现价计算", "可比价", "可比", "同口径", "口径", "实际", "名义", "约",
	"预计", "左右", "以上", "以内", "均", "也", "再", "将", "力争", "争取", "确保", "努力", "的", "了", "和", "与",
	"及", "、", ",", ";", ":", "大关", "台阶", "迈上", "跨上", "跃上", "站上", "首次", "稳定在", "保持在", "保持",
	"稳定", "控制在", "控制", "不低于", "不少于", "不超过", "高于", "低于", "在", "全年", "总量", "总额", "规模",
	"增收", "计算", "平均", "均值", "平均值", "其中", "逆势", "微降", "微增", "净增", "新增", "总计", "共计", "合计",
	"历史性", "创历史新高", "历史新高", "新高", "持续", "继续", "进一步", "较快", "稳步", "年", "元", "亿元",
	"同口径增长", "实际增长", "名义增长", "下同", "预计数", "初步核算", "初步统计", "初步测算", "快速", "大幅",
	"成功", "一举", "跨越", "亿", "万亿元", "个", "千亿元", "百亿元", "级", "从", "由", "提高到", "提升到",
	"今年", "预期", "基础上", "目标为", "目标是",
})

func sortByLength(ws []string) []string {
	for i := 1; i < len(ws); i++ {
		for j := i; j > 0 && utf8.RuneCountInString(ws[j]) > utf8.RuneCountInString(ws[j-1]); j-- {
			ws[j], ws[j-1] = ws[j-1], ws[j]
		}
	}
	return ws
}

// isFiller reports whether s holds only connecting words, rankings
// ("居全省第三") and parentheses.
func isFiller(s string) bool {
	r := []rune(s)
	for i := 0; i < len(r); {
		if r[i] == '(' {
			j := i + 1
			for j < len(r) && r[j] != ')' {
				j++
			}
			i = j + 1 // an unclosed "(" opens a remark: "16.81亿元(增长54.43%)"
			continue
		}
		if isDigit(r[i]) { // a year: "从2020年的53.2%提升到2025年的57.7%"
			j := i
			for j < len(r) && isDigit(r[j]) {
				j++
			}
			if j-i == 4 && j < len(r) && r[j] == '年' {
				i = j + 1
				continue
			}
			return false
		}
		if n := rankingAt(r, i); n > 0 {
			i += n
			continue
		}
		matched := false
		for _, w := range fillerWords {
			if hasPrefixAt(r, i, w) {
				i += utf8.RuneCountInString(w)
				matched = true
				break
			}
		}
		if !matched {
			return false
		}
	}
	return true
}

// rankingAt measures a ranking at r[i]: "居全省第三", "位居全国前列",
// "增速居全市第1位", "稳居全国前十强".
func rankingAt(r []rune, i int) int {
	start := i
	for _, p := range []string{"增速", "总量"} {
		if hasPrefixAt(r, i, p) {
			i += utf8.RuneCountInString(p)
			break
		}
	}
	found := false
	for _, p := range []string{"稳居", "位居", "位列", "跃居", "居", "排名", "排", "列"} {
		if hasPrefixAt(r, i, p) {
			i += utf8.RuneCountInString(p)
			found = true
			break
		}
	}
	if !found {
		return 0
	}
	for k := i; k < len(r) && k <= i+8; k++ {
		if isClauseBreak(r[k]) || r[k] == '、' {
			return 0
		}
		for _, end := range []string{"前列", "前茅", "首位", "第一方阵"} {
			if hasPrefixAt(r, k, end) {
				return k + utf8.RuneCountInString(end) - start
			}
		}
		if r[k] == '第' || r[k] == '前' {
			k++
			n := k
			for k < len(r) && (isDigit(r[k]) || isCNDigit(r[k])) {
				k++
			}
			if k == n {
				return 0
			}
			if k < len(r) && (r[k] == '位' || r[k] == '名' || r[k] == '强') {
				k++
			}
			return k - start
		}
	}
	return 0
}
