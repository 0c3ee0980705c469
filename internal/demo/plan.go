package demo

import (
	"math"
	"strconv"

	"github.com/baogao/baogao"
)

// plan writes a plan: in the first year of a five-year period usually the
// five-year plan's outline, otherwise the annual plan report delivered to
// the congress or a sector plan.
func (w *writer) plan() {
	switch {
	case w.y%5 == 1 && w.chance(0.7):
		w.fiveYearPlan()
	case w.chance(0.65):
		w.annualPlan()
	default:
		w.sectorPlan()
	}
}

// other writes a document of kind other: a budget report, a report on
// law-based government, or a list of the year's livelihood projects.
func (w *writer) other() {
	switch k := w.r.IntN(10); {
	case k < 5:
		w.budgetReport()
	case k < 8:
		w.ruleOfLawReport()
	default:
		w.livelihoodList()
	}
}

// devAgency is the body that drafts plans.
func (w *writer) devAgency() string {
	if w.p.Level == baogao.LevelCounty {
		return w.c.name + "发展和改革局"
	}
	return w.c.name + "发展和改革委员会"
}

// chapter writes a chapter heading of a plan: 第三章 …
func (w *writer) chapter(n int, text string) {
	w.heading(1, "第"+chineseNumber(n)+"章 "+text)
	w.n2 = 1
}

// section writes a section heading of a plan: 第二节 …
func (w *writer) section(text string) {
	w.heading(2, "第"+chineseNumber(w.n2)+"节 "+text)
	w.n2++
}

// fiveYearPlan writes the outline of the five-year plan starting in w.y.
func (w *writer) fiveYearPlan() {
	end := w.y + 4
	ord := planOrdinal(w.y)
	var title string
	switch k := w.r.IntN(3); {
	case k == 0 && w.y == 2021:
		title = w.c.name + "国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要"
	case k < 2:
		title = w.c.name + "国民经济和社会发展第" + ord + "个五年规划纲要"
	default:
		title = w.c.name + "国民经济和社会发展“" + ord + "五”规划纲要（" + strconv.Itoa(w.y) + "—" + strconv.Itoa(end) + "年）"
	}
	w.meta.Issuer = w.c.gov
	var zh string
	w.meta.Date, zh = date(w.y, 1+w.r.IntN(3), 1+w.r.IntN(28))
	sess, _ := w.session(w.y)
	w.start(title)
	w.line("（" + zh + "在" + sess + "上审议批准）")
	w.t(lPlanIntro)
	w.nl()

	ch := 1
	w.chapter(ch, "发展基础和发展环境")
	ch++
	w.section("发展基础")
	w.planBase()
	for range 2 + w.r.IntN(3) {
		tp := w.r.IntN(len(w.lx.topics))
		w.topicNo = tp
		w.s("五年来，")
		w.t(lPastWorks)
		w.tt(tp, tWorks)
		w.s("，")
		w.tt(tp, tFacts)
		w.s("；")
		w.tt(tp, tAbilities)
		w.t(lPastAbilities)
		w.s("。")
	}
	w.topicNo = -1
	w.nl()
	w.section("发展环境")
	w.t(lSituation)
	w.t(lProblems)
	w.nl()

	w.chapter(ch, "指导思想和发展目标")
	ch++
	w.section("指导思想")
	w.t(lPlanGuides)
	w.nl()
	w.section("主要目标")
	w.planGoals(end)
	w.t(lPlanVision)
	w.nl()

	for _, tp := range w.topicOrder(7 + w.r.IntN(3) + levelWeight(w.p.Level)) {
		w.chapter(ch, w.headText(tp, tTaskHead, tTaskAim))
		ch++
		for range 2 + w.r.IntN(3) {
			w.section(w.capture(func() {
				w.t(lVerbsFields)
				w.tt(tp, tFields)
			}))
			w.topicNo = -1
			w.planParagraph(tp, end, 4+w.r.IntN(5))
		}
	}
	w.chapter(ch, "保障措施")
	w.sentences(lGovSents, 4+w.r.IntN(3))
	w.nl()
}

// planBase writes the state reached at the end of the last plan: outcomes
// of the year before w.y, estimated.
func (w *writer) planBase() {
	y := w.y - 1
	d := w.m.at(y)
	w.s(planName(y))
	w.s("时期，面对错综复杂的发展环境，")
	w.s(w.c.self)
	w.s("上下攻坚克难、砥砺奋进，经济社会发展取得显著成就。预计")
	w.int(y)
	w.s("年，")
	start := w.pos()
	w.s("地区生产总值达到")
	v := w.amountOutcome(d.est[iGDP])
	w.recordOutcome(iGDP, "地区生产总值", v, y, baogao.VintageEstimated, "", "", start)
	w.s("，五年年均增长")
	w.f(r1(avgGrowth(w.m, y-4, y)), 1)
	w.s("%；")
	start = w.pos()
	w.s("一般公共预算收入")
	v = w.amountOutcome(d.est[iBudget])
	w.recordOutcome(iBudget, "一般公共预算收入", v, y, baogao.VintageEstimated, "", "", start)
	w.s("；")
	start = w.pos()
	w.s("常住人口城镇化率达到")
	u := r1(d.actual[iUrbanization])
	w.f(u, 1)
	w.s("%")
	w.recordOutcome(iUrbanization, "常住人口城镇化率", u, y, baogao.VintageEstimated, "", "", start)
	w.s("。")
	w.nl()
}

// avgGrowth is the mean real GDP growth of the years (from, to].
func avgGrowth(m *model, from, to int) float64 {
	s, n := 0.0, 0
	for y := from + 1; y <= to; y++ {
		if y >= m.y0 && y-m.y0 < len(m.years) {
			s += m.at(y).actual[iGDPGrowth]
			n++
		}
	}
	if n == 0 {
		return 0
	}
	return s / float64(n)
}

// planGoals writes the plan's main goals for its last year and records them.
func (w *writer) planGoals(end int) {
	d := w.m.at(min(end, w.m.y0+len(w.m.years)-1))
	w.s("到")
	w.int(end)
	w.s("年，")
	start := w.pos()
	w.s("地区生产总值")
	w.s(w.pickS([]string{"达到", "突破", "力争达到"}))
	v := w.amountYi(roundTo(d.actual[iGDP]*uniform(w.r, 1.0, 1.1), 2))
	w.recordGoal("地区生产总值", "", v, "亿元", end, start)
	w.s("，")
	g := half(avgTarget(w.m, w.y-1))
	w.s("年均增长")
	w.g(g)
	w.s("%左右")
	w.recordGoal("地区生产总值", "年均增长", g, "%", end, start)
	w.s("；")
	start = w.pos()
	w.s("一般公共预算收入达到")
	v = w.amountYi(roundTo(d.actual[iBudget]*uniform(w.r, 1.0, 1.1), 2))
	w.recordGoal("一般公共预算收入", "", v, "亿元", end, start)
	w.s("；")
	start = w.pos()
	w.s("常住人口城镇化率达到")
	u := r1(math.Min(d.actual[iUrbanization]+uniform(w.r, 0, 2), 96))
	w.g(u)
	w.s("%")
	w.recordGoal("常住人口城镇化率", "", u, "%", end, start)
	if w.chance(0.6) {
		w.s("；")
		start = w.pos()
		w.s("研发经费投入强度达到")
		rd := r1(d.actual[iRD] + uniform(w.r, 0, 0.4))
		w.g(rd)
		w.s("%")
		w.recordGoal("研发经费投入强度", "", rd, "%", end, start)
	}
	w.s("；城乡居民收入增长与经济增长基本同步，生态环境质量持续改善。")
	w.nl()
}

// avgTarget is the GDP growth target of year y, as a plan's yearly rate.
func avgTarget(m *model, y int) float64 {
	if y < m.y0 || y-m.y0 >= len(m.years) {
		return 6
	}
	return m.at(y).target[iGDPGrowth].value - 0.5
}

// planParagraph writes a paragraph of a plan's tasks in topic tp, with goals
// for the plan's last year.
func (w *writer) planParagraph(tp, end, n int) {
	w.topicNo = tp
	defer func() { w.topicNo = -1 }()
	goals := 0
	for i := range n {
		switch k := w.r.IntN(10); {
		case k < 3:
			w.t(lVerbsWorks)
			w.tt(tp, tWorks)
			w.s("，")
			w.t(lVerbsSystems)
			w.tt(tp, tSystems)
		case k < 5 && tp == topicIndustry && goals < 1:
			j := w.r.IntN(len(w.c.leading))
			d := w.m.at(w.y - 1)
			w.goal(w.c.leading[j], d.industryOutput*[]float64{1, 0.55, 0.3}[j]*uniform(w.r, 1.4, 2.2), end, true)
			goals++
		case k < 6 && (tp == topicIndustry || tp == topicInvestment):
			w.t(lVerbsWorks)
			w.tt(tp, tWorks)
			w.s("，")
			w.project(false)
		case k < 8:
			w.t(lVerbsFields)
			w.tt(tp, tFields)
			w.s("，")
			w.t(lVerbsAbilities)
			w.tt(tp, tAbilities)
		case k < 9:
			w.t(lGenericFuture)
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

// annualPlan writes the report on last year's plan and this year's draft plan.
func (w *writer) annualPlan() {
	dy, dm, dd := w.deliveryDate()
	w.meta.Date, _ = date(dy, dm, dd)
	w.meta.Issuer = w.devAgency()
	sess, _ := w.session(w.y)
	w.meta.Session = sess
	ys, prev := strconv.Itoa(w.y), strconv.Itoa(w.y-1)
	title := "关于" + w.c.name + prev + "年国民经济和社会发展计划执行情况与" + ys + "年国民经济和社会发展计划草案的报告"
	if w.chance(0.3) {
		title = w.c.name + prev + "年国民经济和社会发展计划执行情况与" + ys + "年计划草案的报告"
	}
	w.start(title)
	_, zh := date(dy, dm, dd)
	w.line("——" + zh + "在" + sess + "上")
	w.line(w.devAgency())
	w.line("各位代表：")
	w.line("受" + w.c.unitLong + "人民政府委托，现将" + w.c.name + prev + "年国民经济和社会发展计划执行情况与" + ys +
		"年国民经济和社会发展计划草案提请大会审议，并请" + w.c.unitLong + "政协委员和其他列席人员提出意见。")
	h := 1
	w.h1(h, prev+"年国民经济和社会发展计划执行情况")
	h++
	w.t(lReviewIntro)
	w.nl()
	w.reviewOutcomes()
	for _, tp := range w.topicOrder(5 + w.r.IntN(4)) {
		w.h2(w.headText(tp, tRevHead, tRevGain))
		w.reviewParagraph(tp, 4+w.r.IntN(5))
	}
	w.t(lProblems)
	w.nl()
	w.h1(h, ys+"年经济社会发展的总体要求和主要目标")
	h++
	w.t(lRequirement)
	w.nl()
	w.targets()
	w.h1(h, ys+"年重点工作")
	for _, tp := range w.topicOrder(6 + w.r.IntN(3)) {
		w.h2(w.headText(tp, tTaskHead, tTaskAim))
		for range 1 + w.r.IntN(2) {
			w.taskParagraph(tp, 4+w.r.IntN(5))
		}
	}
}

// sectorSubjects are the subjects of sector plans besides the place's own
// industries.
var sectorSubjects = []string{"乡村振兴", "冷链物流", "现代服务业", "数字经济", "全域旅游", "新型城镇化",
	"综合交通运输", "生态环境保护", "现代农业", "科技创新", "商贸流通", "养老服务"}

// sectorPlan writes a sector plan from w.y to the end of its five-year period.
func (w *writer) sectorPlan() {
	end := w.y + 4 - floorMod(w.y-2021, 5)
	if end-w.y < 2 {
		end += 5
	}
	subject := w.pickS(sectorSubjects)
	industry := w.chance(0.5)
	if industry {
		subject = w.pickS(w.c.leading) + "产业"
	}
	title := w.c.name + subject + "发展规划（" + strconv.Itoa(w.y) + "—" + strconv.Itoa(end) + "年）"
	w.meta.Issuer = w.c.gov
	var zh string
	w.meta.Date, zh = date(w.y, 3+w.r.IntN(9), 1+w.r.IntN(28))
	w.start(title)
	w.line("（" + w.c.gov + "，" + zh + "）")
	w.line("为加快推进" + subject + "高质量发展，根据" + w.c.name + "国民经济和社会发展" + planName(w.y) +
		"规划和上级有关部署，结合" + w.c.short + "实际，制定本规划。规划期为" + strconv.Itoa(w.y) + "—" + strconv.Itoa(end) + "年。")
	ch := 1
	w.chapter(ch, "发展现状")
	ch++
	tp := topicIndustry
	if !industry {
		tp = w.r.IntN(len(w.lx.topics))
	}
	w.reviewParagraph(tp, 5+w.r.IntN(4))
	w.t(lProblems)
	w.nl()
	w.chapter(ch, "总体要求")
	ch++
	w.t(lRequirement)
	w.nl()
	if industry {
		d := w.m.at(w.y - 1)
		w.goal(subject, d.industryOutput*uniform(w.r, 1.4, 2.2), end, true)
		w.s("，")
	} else {
		w.s("到")
		w.int(end)
		w.s("年，")
	}
	w.s(subject)
	w.s("发展水平明显提升，体制机制更加完善，成为")
	w.s(w.c.short)
	w.s("高质量发展的重要支撑。")
	w.nl()
	for range 4 + w.r.IntN(3) {
		w.chapter(ch, w.headText(tp, tTaskHead, tTaskAim))
		ch++
		for range 1 + w.r.IntN(3) {
			w.planParagraph(tp, end, 4+w.r.IntN(5))
		}
	}
	w.chapter(ch, "保障措施")
	w.sentences(lGovSents, 3+w.r.IntN(3))
	w.nl()
}

func floorMod(a, b int) int { return a - floorDiv(a, b)*b }

// budgetReport writes the report on last year's budget and this year's draft.
func (w *writer) budgetReport() {
	dy, dm, dd := w.deliveryDate()
	w.meta.Date, _ = date(dy, dm, dd)
	w.meta.Issuer = w.c.name + "财政局"
	if w.p.Level == baogao.LevelProvince {
		w.meta.Issuer = w.c.name + "财政厅"
	}
	ys, prev := strconv.Itoa(w.y), strconv.Itoa(w.y-1)
	w.start("关于" + w.c.name + prev + "年预算执行情况和" + ys + "年预算草案的报告")
	sess, _ := w.session(w.y)
	w.meta.Session = sess
	_, zh := date(dy, dm, dd)
	w.line("——" + zh + "在" + sess + "上")
	w.line(w.meta.Issuer)
	w.line("各位代表：")
	w.line("受" + w.c.unitLong + "人民政府委托，现将" + w.c.name + prev + "年预算执行情况和" + ys + "年预算草案提请大会审议，并请" +
		w.c.unitLong + "政协委员和其他列席人员提出意见。")
	w.h1(1, prev+"年预算执行情况")
	y := w.y - 1
	d := w.m.at(y)
	rev := d.est[iBudget]
	vin := baogao.Vintage("")
	w.s(prev + "年，")
	if w.chance(0.5) {
		w.s("预计")
		vin = baogao.VintageEstimated
	}
	w.s(w.c.self)
	start := w.pos()
	label := w.pickS([]string{"一般公共预算收入", "地方一般公共预算收入"})
	w.s(label)
	w.s("完成")
	v := w.amountOutcome(rev)
	w.recordOutcome(iBudget, label, v, y, vin, "", "", start)
	w.s("，为调整预算的")
	w.f(r1(uniform(w.r, 98, 104)), 1)
	w.s("%，")
	verb, basis := w.pickS([]string{"增长", "同口径增长", "比上年增长"}), ""
	if verb == "同口径增长" && d.est[iBudgetGrowth] >= 0 {
		basis = "同口径" // the basis is stated with the figure
	}
	w.rate(d.est[iBudgetGrowth], verb, "下降")
	w.recordOutcome(iBudgetGrowth, label, d.est[iBudgetGrowth], y, vin, basis, "", start)
	w.s("。其中，税收收入")
	w.amountOutcome(rev * uniform(w.r, 0.6, 0.8))
	w.s("，占比")
	w.f(r1(uniform(w.r, 60, 80)), 1)
	w.s("%。一般公共预算支出")
	w.amountOutcome(rev * uniform(w.r, 1.5, 3.2))
	w.s("，其中民生支出占")
	w.f(r1(uniform(w.r, 75, 85)), 1)
	w.s("%。")
	w.nl()
	// The other budgets, each once, as shares of the general budget.
	for k, i := range w.r.Perm(len(otherBudgets)) {
		b := otherBudgets[i]
		w.s(b.lead)
		w.amountOutcome(rev * uniform(w.r, b.lo, b.hi))
		w.s(b.tail)
		w.s("。")
		if k == len(otherBudgets)-1 || w.chance(0.35) {
			w.nl()
		}
	}
	w.sentences(lBudgetSents, 2+w.r.IntN(3))
	w.nl()
	w.h1(2, ys+"年预算草案")
	w.s(ys + "年，" + w.c.self)
	start = w.pos()
	w.s("一般公共预算收入预期")
	t := w.m.at(w.y).target[iBudgetGrowth]
	v = w.amountYi(r2(rev * (1 + t.value/100)))
	w.recordTarget(iBudget, "一般公共预算收入", v, baogao.QualExact, nil, nil, start, nil)
	w.s("，")
	w.growthTargetFrom(iBudgetGrowth, "一般公共预算收入", t, start)
	w.s("；一般公共预算支出安排")
	w.amountYi(r2(rev * uniform(w.r, 1.5, 3.2)))
	w.s("。")
	w.sentences(lBudgetSents, 2+w.r.IntN(3))
	w.nl()
	w.h1(3, "扎实做好"+ys+"年财政工作")
	for range 2 + w.r.IntN(2) {
		w.sentences(lGovSents, 2+w.r.IntN(3))
		w.nl()
	}
}

// otherBudgets are the budgets a budget report states besides the general
// one, with their size relative to it.
var otherBudgets = []struct {
	lead, tail string
	lo, hi     float64
}{
	{"政府性基金预算收入完成", "，主要是国有土地使用权出让收入", 0.3, 0.9},
	{"国有资本经营预算收入完成", "，全部用于国有企业改革发展", 0.01, 0.05},
	{"社会保险基金预算收入完成", "，当年收支结余保持平稳", 0.5, 1.2},
	{"全年争取上级各类转移支付资金", "，有力保障了重点支出", 0.4, 1.2},
	{"新增政府专项债券资金", "，重点支持交通、水利、城市更新等领域项目建设", 0.1, 0.35},
	{"盘活存量资金", "，统筹用于稳增长、保民生", 0.02, 0.08},
}

// ruleOfLawReport writes the yearly report on law-based government.
func (w *writer) ruleOfLawReport() {
	w.meta.Issuer = w.c.gov
	var zh string
	w.meta.Date, zh = date(w.y+1, 1+w.r.IntN(3), 1+w.r.IntN(28))
	w.start(w.c.gov + "关于" + strconv.Itoa(w.y) + "年法治政府建设情况的报告")
	w.line("（" + zh + "）")
	w.h1(1, strconv.Itoa(w.y)+"年推进法治政府建设的主要举措和成效")
	w.line(strconv.Itoa(w.y) + "年，" + w.c.gov + "坚持以习近平法治思想为指导，深入贯彻落实法治政府建设实施纲要，扎实推进依法行政，法治政府建设取得新进展。")
	// Each measure once, in random order, a few to a paragraph.
	ts := w.lx.pools[lRuleOfLaw].items
	order := w.r.Perm(len(ts))
	for len(order) > 0 {
		k := min(len(order), 2+w.r.IntN(3))
		for _, i := range order[:k] {
			w.expand(ts[i])
			w.s("。")
		}
		w.nl()
		order = order[k:]
	}
	w.line("同时也要看到，法治政府建设还存在一些薄弱环节，部分执法人员法治意识有待提高，基层法治力量较为薄弱。")
	w.h1(2, "存在的不足和原因")
	w.t(lProblems)
	w.nl()
	w.h1(3, strconv.Itoa(w.y+1)+"年推进法治政府建设的主要安排")
	w.sentences(lGovSents, 3+w.r.IntN(4))
	w.line("下一步，我们将持续深化法治政府建设，不断提高依法行政水平，为" + w.c.short + "高质量发展提供坚实法治保障。")
}

// livelihoodList writes the list of the year's livelihood projects.
func (w *writer) livelihoodList() {
	w.meta.Issuer = w.c.gov
	var zh string
	w.meta.Date, zh = date(w.y, 2+w.r.IntN(3), 1+w.r.IntN(28))
	w.start(w.c.name + strconv.Itoa(w.y) + "年民生实事项目")
	w.line("（" + zh + "）")
	w.line("为切实解决群众急难愁盼问题，经广泛征求意见，" + w.c.unitLong + "人民政府确定" + strconv.Itoa(w.y) + "年实施以下民生实事项目：")
	n := 8 + w.r.IntN(8)
	for i := range n {
		w.s(strconv.Itoa(i+1) + ".")
		tp := livelihoodTopics[w.r.IntN(len(livelihoodTopics))]
		w.topicNo = tp
		w.tt(tp, tPlans)
		w.s("。")
		w.nl()
	}
	w.topicNo = -1
	w.line("各责任单位要细化实施方案，明确时间节点，确保民生实事项目按期完成、取得实效。")
}

// livelihoodTopics are the topics whose tasks make livelihood projects:
// rural, urban, ecology, livelihood, culture, safety.
var livelihoodTopics = []int{5, 6, 7, 8, 9, 10}
