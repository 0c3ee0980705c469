package demo

import (
	"math/rand/v2"
	"strconv"

	"github.com/baogao/baogao"
)

// Topic indexes into topicTexts, for the topics the code treats specially.
const (
	topicIndustry   = 0
	topicInvestment = 1
)

// session returns the congress session a report of year y is delivered at
// ("金乡县第十八届人民代表大会第二次会议") and the session's number in its term.
func (w *writer) session(y int) (string, int) {
	r := rand.New(rand.NewPCG(uint64(w.gen.opts.Seed), mix(hashString(w.p.Code), hashString("term"))))
	first := 2017 // county and prefecture congresses were elected in 2016–2017
	base := 16 + r.IntN(3)
	switch w.p.Level {
	case baogao.LevelProvince:
		first, base = 2018, 13
	case baogao.LevelPrefecture:
		base = 13 + r.IntN(5)
	}
	k := floorDiv(y-first, 5)
	term := base + k
	n := y - (first + 5*k) + 1
	return w.c.congress + "第" + chineseNumber(term) + "届人民代表大会第" + chineseNumber(n) + "次会议", n
}

func floorDiv(a, b int) int {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// speaker returns the head of government in year y: the same person for a
// few years, then another.
func (w *writer) speaker(y int) string {
	term := floorDiv(y-w.m.headStart, 4)
	r := rand.New(rand.NewPCG(uint64(w.gen.opts.Seed), mix(hashString(w.p.Code), hashString("head"), uint64(term+100))))
	return w.gen.personName(r)
}

// deliveryDate draws the day a report of year y is delivered: January or
// February, a county's sometimes the December before.
func (w *writer) deliveryDate() (y, month, day int) {
	switch w.p.Level {
	case baogao.LevelProvince:
		if w.chance(0.7) {
			return w.y, 1, 10 + w.r.IntN(19)
		}
		return w.y, 2, 1 + w.r.IntN(5)
	case baogao.LevelCounty:
		if w.chance(0.08) {
			return w.y - 1, 12, 18 + w.r.IntN(11)
		}
	}
	if w.chance(0.65) {
		return w.y, 1, 3 + w.r.IntN(26)
	}
	return w.y, 2, 1 + w.r.IntN(27)
}

// workReport writes a government work report.
func (w *writer) workReport() {
	dy, dm, dd := w.deliveryDate()
	iso, zh := date(dy, dm, dd)
	sess, sessNo := w.session(w.y)
	speaker := w.speaker(w.y)
	w.meta.Date = iso
	w.meta.Issuer = w.c.gov
	w.meta.Session = sess
	w.meta.Speaker = w.c.head + " " + speaker

	ys := strconv.Itoa(w.y)
	name := w.c.name
	var title string
	switch k := w.r.IntN(9); {
	case k < 2:
		title = ys + "年" + name + "人民政府工作报告"
	case k < 4 && dy == w.y && w.c.province != "":
		if w.chance(0.5) {
			title = "(" + w.c.province + ")" + name + "人民政府工作报告(" + zh + ")"
		} else {
			title = "（" + w.c.province + "）" + name + "人民政府工作报告（" + zh + "）"
		}
	case k < 5:
		title = name + ys + "年政府工作报告"
	case k < 7:
		title = ys + "年" + name + "政府工作报告"
	case k < 8 && dy == w.y:
		title = "政府工作报告——" + zh + "在" + sess + "上"
	default:
		title = name + "人民政府工作报告（" + ys + "年）"
	}
	w.start(title)

	if w.chance(0.5) {
		w.line(w.pickS([]string{"政府工作报告", "政 府 工 作 报 告", "政府工作报告", name + "政府工作报告"}))
	}
	w.line("——" + zh + "在" + sess + "上")
	if w.c.unitLong == "自治区" {
		w.line(w.c.head + " " + speaker)
	} else {
		w.line(w.c.gov + w.c.head + " " + speaker)
	}
	w.line("各位代表：")
	w.t(lOpening)
	w.nl()

	// Part one: the review of the past year.
	h := 1
	prev := strconv.Itoa(w.y - 1)
	switch {
	case sessNo == 1 && w.chance(0.7):
		w.h1(h, w.pickS([]string{"过去五年工作回顾", prev + "年和过去五年工作回顾"}))
	default:
		w.h1(h, w.pickS([]string{prev + "年工作回顾", prev + "年工作回顾", "过去一年工作回顾", prev + "年政府工作回顾"}))
	}
	h++
	w.t(lReviewIntro)
	if w.chance(0.4) {
		w.t(lReviewYear)
	}
	w.nl()
	w.reviewOutcomes()
	if sessNo == 1 {
		w.fiveYears()
	}
	scale := levelWeight(w.p.Level)
	topics := w.topicOrder(6 + w.r.IntN(3) + scale)
	styleOrdinal := w.chance(0.3) // 一是…二是… paragraphs instead of (一) headings
	for i, tp := range topics {
		if styleOrdinal {
			w.s(chineseNumber(i+1) + "是")
			w.tt(tp, tRevHead)
			w.s("，")
			w.tt(tp, tRevGain)
			w.s("。")
		} else {
			w.h2(w.headText(tp, tRevHead, tRevGain))
		}
		w.reviewParagraph(tp, 6+w.r.IntN(6)+scale)
	}
	w.t(lThanks)
	w.nl()
	if w.chance(0.5) {
		w.t(lLessons)
		w.nl()
	}
	w.t(lProblems)
	w.nl()

	// Part two: this year's work.
	split := w.chance(0.4)
	if split {
		w.h1(h, w.pickS([]string{ys + "年工作的总体要求和主要目标", ys + "年经济社会发展的总体要求和主要目标"}))
	} else {
		w.h1(h, w.pickS([]string{ys + "年工作安排", ys + "年重点工作", ys + "年政府工作安排", ys + "年主要任务"}))
	}
	h++
	w.t(lSituation)
	w.nl()
	w.t(lRequirement)
	w.nl()
	w.targets()
	tasks := w.topicOrder(6 + w.r.IntN(3) + scale)
	if split {
		w.h1(h, w.pickS([]string{ys + "年重点工作", "扎实做好" + ys + "年各项工作", ys + "年重点任务"}))
		h++
	} else {
		w.line("围绕上述目标任务，重点抓好以下" + chineseNumber(len(tasks)) + "个方面工作：")
	}
	for _, tp := range tasks {
		w.h2(w.headText(tp, tTaskHead, tTaskAim))
		for range 2 + w.r.IntN(3) + scale/2 {
			w.taskParagraph(tp, 6+w.r.IntN(5)+scale)
		}
	}

	// Part three: the government itself.
	if w.chance(0.75) {
		w.h1(h, w.lx.pools[lGovHeads].pick(w.r).src)
		for range 1 + w.r.IntN(3) {
			w.sentences(lGovSents, 3+w.r.IntN(3))
			w.nl()
		}
	}
	w.t(lClosing)
	w.nl()
}

// headText returns a heading made of two topic phrases: "坚持项目为王，发展后劲持续增强".
func (w *writer) headText(tp int, a, c topicList) string {
	w.topicNo = tp
	defer func() { w.topicNo = -1 }()
	return w.capture(func() {
		w.tt(tp, a)
		w.s("，")
		w.tt(tp, c)
	})
}

// topicOrder returns n topics, the industry and investment ones usually
// first, the others in random order without repeats (then with).
func (w *writer) topicOrder(n int) []int {
	all := len(w.lx.topics)
	perm := w.r.Perm(all)
	out := make([]int, 0, n)
	if w.chance(0.8) {
		out = append(out, topicIndustry, topicInvestment)
	}
	for _, t := range perm {
		if len(out) == n {
			break
		}
		if !containsInt(out, t) {
			out = append(out, t)
		}
	}
	return out
}

func containsInt(xs []int, x int) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

// reviewParagraph writes a paragraph of the review: n sentences of what was
// done, with numbers, about topic tp.
func (w *writer) reviewParagraph(tp, n int) {
	w.topicNo = tp
	defer func() { w.topicNo = -1 }()
	for i := range n {
		switch k := w.r.IntN(11); {
		case k == 10:
			w.t(lGenericPast)
		case k < 3:
			w.t(lPastWorks)
			w.tt(tp, tWorks)
			w.s("，")
			w.tt(tp, tFacts)
		case k < 5:
			w.tt(tp, tFacts)
			w.s("，")
			w.tt(tp, tFacts)
		case k < 6:
			w.tt(tp, tAbilities)
			w.t(lPastAbilities)
		case k < 7:
			w.t(lPastSystems)
			w.tt(tp, tSystems)
			w.s("，")
			w.tt(tp, tFields)
			w.t(lPastFields)
		case k < 8 && (tp == topicIndustry || tp == topicInvestment):
			w.project(true)
			w.s("，")
			w.tt(tp, tFacts)
		case k < 9:
			w.t(lPastWorks)
			w.tt(tp, tWorks)
			w.s("，")
			w.tt(tp, tAbilities)
			w.t(lPastAbilities)
		default:
			w.tt(tp, tFacts)
		}
		if i == n-1 || w.chance(0.7) {
			w.s("。")
		} else {
			w.s("；")
		}
	}
	w.nl()
}

// taskParagraph writes a paragraph of the year's tasks in topic tp.
func (w *writer) taskParagraph(tp, n int) {
	w.topicNo = tp
	defer func() { w.topicNo = -1 }()
	if w.chance(0.6) {
		w.t(lSubHeads)
	}
	if w.chance(0.3) {
		w.t(lTaskLeads)
	}
	goals := 0
	for i := range n {
		switch k := w.r.IntN(13); {
		case k == 12:
			w.t(lGenericFuture)
		case k < 3:
			w.t(lVerbsWorks)
			w.tt(tp, tWorks)
			w.s("，")
			w.t(lVerbsSystems)
			w.tt(tp, tSystems)
		case k < 5:
			w.t(lVerbsFields)
			w.tt(tp, tFields)
			w.s("，")
			w.tt(tp, tPlans)
		case k < 6:
			w.t(lVerbsAbilities)
			w.tt(tp, tAbilities)
		case k < 8 && (tp == topicIndustry || tp == topicInvestment):
			w.t(lVerbsWorks)
			w.tt(tp, tWorks)
			w.s("，")
			w.project(false)
		case k < 9 && tp == topicIndustry && goals < 2:
			j := w.r.IntN(len(w.c.leading))
			d := w.m.at(w.y - 1)
			w.goal(w.c.leading[j], d.industryOutput*[]float64{1, 0.55, 0.3}[j]*uniform(w.r, 1.08, 1.25), w.y, false)
			goals++
		case k < 10:
			w.t(lVerbsWorks)
			w.tt(tp, tWorks)
			w.s("，")
			w.tt(tp, tPlans)
		default:
			w.t(lVerbsWorks)
			w.tt(tp, tWorks)
			w.s("，")
			w.t(lVerbsAbilities)
			w.tt(tp, tAbilities)
		}
		if i == n-1 || w.chance(0.75) {
			w.s("。")
		} else {
			w.s("；")
		}
	}
	w.nl()
}

// sentences writes n sentences from a list, as one paragraph (no newline).
func (w *writer) sentences(id listID, n int) {
	for range n {
		w.t(id)
		w.s("。")
	}
}

// fiveYears writes the review of a congress's five-year term.
func (w *writer) fiveYears() {
	w.s("过去五年，是" + w.c.short + "发展极不平凡的五年。")
	for range 3 + w.r.IntN(3) {
		tp := w.r.IntN(len(w.lx.topics))
		w.topicNo = tp
		w.s("五年来，我们")
		w.t(lPastWorks)
		w.tt(tp, tWorks)
		w.s("，")
		w.tt(tp, tAbilities)
		w.t(lPastAbilities)
		w.s("。")
	}
	w.topicNo = -1
	w.nl()
}

// levelWeight is 1 for a county, 2 for a prefecture, 3 for a province:
// higher levels write longer documents.
func levelWeight(l baogao.Level) int {
	switch l {
	case baogao.LevelProvince:
		return 3
	case baogao.LevelPrefecture:
		return 2
	}
	return 1
}
