package ingest

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/baogao/baogao"
)

// fullLength is about the fewest Han characters a full text of a kind
// runs to at a level: a county's work report has some 8,000, a
// province's 15,000 and more; a county's statistical bulletin 3,000.
// A text with both halves of a work report's outline counts as full from
// two thirds of it.
var fullLength = map[baogao.Kind]map[baogao.Level]int{
	baogao.KindWorkReport:    {baogao.LevelProvince: 10000, baogao.LevelPrefecture: 7000, baogao.LevelCounty: 5000, "": 5000},
	baogao.KindStatsBulletin: {baogao.LevelProvince: 5000, baogao.LevelPrefecture: 3500, baogao.LevelCounty: 2500, "": 2500},
	baogao.KindPlan:          {baogao.LevelProvince: 10000, baogao.LevelPrefecture: 8000, baogao.LevelCounty: 5000, "": 5000},
}

// newsOpenings are the marks of a news report in its first lines: a
// reporter's byline or a news agency's dateline.
var newsOpenings = []string{"记者获悉", "记者从", "本报讯", "本报记者", "记者 ", "讯（记者", "讯(记者", "讯 记者", "讯记者", "新华社", "中新网", "央视网消息",
	"人民网", "通讯员", "日电", "据了解", "近日，", "日前，", "昨天", "昨日", "今天上午", "今日上午"}

// relayPhrases relay a report's content in the third person.
var relayPhrases = []string{"报告指出", "报告提出", "报告显示", "报告强调", "报告回顾", "报告明确", "报告要求", "《报告》", "政府工作报告中",
	"在政府工作报告中", "报告称", "据介绍", "记者注意到", "会议听取", "审议通过"}

// rewrittenMark is what machine rewriting ("伪原创") makes of 人 (东谈主民
// for 人民, 万东谈主 for 万人); no text writes it otherwise. The rewriters'
// other swaps (做事 for 就业 …) are real words too, and would mark real
// reports.
const rewrittenMark = "东谈主"

// spamWords are gambling and advertising words injected into pages; no
// government text writes them (棋牌, 色情 and 网赌 do: 文化, 扫黄打非,
// 打击网赌电诈).
var spamWords = []string{"博彩", "娱乐城", "百家乐", "真人视讯", "彩票平台", "时时彩", "六合彩", "开户送", "代开发票",
	"老虎机", "体育投注", "威尼斯人", "澳门葡京", "新葡京", "成人视频", "官网注册", "下注"}

// newsDateline opens a news report: "12月26日，济南市…会议开幕".
var newsDateline = regexp.MustCompile(`^(?:(?:19|20)\d\d年)?\d{1,2}月\d{1,2}日[上下]?[午]?[，,]`)

// Assess decides a document's completeness and quality flags from its
// body and meta (Meta.Completeness, Meta.Quality).
func Assess(doc *baogao.Document) {
	m := &doc.Meta
	m.Completeness = completeness(doc)
	m.Quality = nil
	if spam(doc.Body) {
		m.Quality = append(m.Quality, baogao.QualitySpam)
	}
	if rewritten(doc.Body) {
		m.Quality = append(m.Quality, baogao.QualityRewritten)
	}
	if m.PlaceCode == "" {
		m.Quality = append(m.Quality, baogao.QualityNoPlace)
	}
}

func completeness(doc *baogao.Document) baogao.Completeness {
	body := doc.Body
	opening := prefixRunes(body, 300)
	relays := 0
	for _, p := range relayPhrases {
		relays += strings.Count(body, p)
	}
	speech := strings.Contains(prefixRunes(body, 600), "各位代表")
	switch {
	case !speech && (containsAny(opening, newsOpenings) || containsAny(doc.Meta.Title, []string{"记者", "新闻"})):
		return baogao.CompletenessNews
	case !speech && relays >= 2:
		return baogao.CompletenessNews
	case !speech && newsDateline.MatchString(opening) && containsAny(prefixRunes(body, 120), []string{"召开", "开幕", "举行", "闭幕", "听取", "发布"}):
		return baogao.CompletenessNews
	}
	need, ok := fullLength[doc.Meta.Kind][doc.Meta.Level]
	if !ok {
		return baogao.CompletenessFull // a file of another kind is what it is
	}
	n := hanCount(body)
	switch {
	case n >= need:
		return baogao.CompletenessFull
	case doc.Meta.Kind == baogao.KindWorkReport && 3*n >= 2*need && bothHalves(doc.Outline):
		return baogao.CompletenessFull
	}
	return baogao.CompletenessExcerpt
}

// bothHalves reports whether a work report's outline has a heading of
// each half: the review and the plan.
func bothHalves(outline []baogao.Heading) bool {
	var review, plan bool
	for _, h := range outline {
		if h.Level != 1 {
			continue
		}
		review = review || containsAny(h.Title, reviewWords)
		plan = plan || containsAny(h.Title, planWords)
	}
	return review && plan
}

func hanCount(s string) int {
	n := 0
	for _, r := range s {
		if r >= utf8.RuneSelf && unicode.Is(unicode.Han, r) {
			n++
		}
	}
	return n
}

// rewritten reports machine rewriting: the rewriters' mark twice (once
// could be 广东 followed by 谈主…).
func rewritten(body string) bool {
	return strings.Count(body, rewrittenMark) >= 2
}

// spam reports gambling or advertising text in the body.
func spam(body string) bool {
	return containsAny(body, spamWords)
}
