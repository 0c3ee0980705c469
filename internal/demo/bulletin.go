package demo

import (
	"math"
	"strconv"
	"strings"

	"github.com/baogao/baogao"
)

// bulletin writes a statistical bulletin of year w.y, published the next year.
func (w *writer) bulletin() {
	d := w.m.at(w.y)
	month, day := 2+w.r.IntN(3), 1+w.r.IntN(28)
	if w.p.Level == baogao.LevelCounty && w.chance(0.3) {
		month = 4 + w.r.IntN(3)
	}
	iso, zh := date(w.y+1, month, day)
	w.meta.Date = iso
	w.meta.Issuer = w.c.stats
	ys := strconv.Itoa(w.y)
	var title string
	switch w.r.IntN(4) {
	case 0, 1:
		title = w.c.name + ys + "年国民经济和社会发展统计公报"
	case 2:
		title = ys + "年" + w.c.name + "国民经济和社会发展统计公报"
	default:
		title = w.c.name + ys + "年国民经济和社会发展统计公报"
	}
	w.start(title)
	if w.chance(0.6) {
		w.line("（" + zh + "）")
		w.line(w.c.stats)
	} else {
		w.line(w.c.stats)
		w.line(zh)
	}
	w.t(lBulletinIntro)
	w.nl()

	sec := 0
	section := func(name string) {
		sec++
		w.h1(sec, name)
	}
	sc := w.m.scale
	gdp := d.actual[iGDP]
	lw := levelWeight(w.p.Level) // higher levels write more

	// 一、综合
	section(w.pickS([]string{"综合", "综  合", "综合"}))
	vin := baogao.Vintage("")
	switch w.r.IntN(3) {
	case 0:
		w.s("初步核算，全年")
		vin = baogao.VintagePreliminary
	case 1:
		w.s("经初步核算，")
		vin = baogao.VintagePreliminary
	default:
		w.s("全年")
	}
	w.s(w.c.self)
	w.s("实现")
	start := w.pos()
	label := "地区生产总值"
	w.s(label)
	if w.chance(0.5) {
		w.s("（GDP）")
	}
	v := w.amountOutcome(gdp)
	w.recordOutcome(iGDP, label, v, w.y, vin, "", "", start)
	w.s("，")
	basis := ""
	if w.chance(0.7) {
		basis = "按可比价格计算"
		w.s(basis + "，")
	}
	w.rate(d.actual[iGDPGrowth], w.pickS([]string{"比上年增长", "同比增长", "增长"}), "比上年下降")
	w.recordOutcome(iGDPGrowth, label, d.actual[iGDPGrowth], w.y, vin, basis, "", start)
	w.s("。")
	p1, p2 := d.primary, d.secondary
	p3 := r1(100 - p1 - p2)
	w.s("其中，第一产业增加值")
	w.amountOutcome(gdp * p1 / 100)
	w.s("，")
	w.rate(r1(d.actual[iGDPGrowth]*0.6+w.r.NormFloat64()), "增长", "下降")
	w.s("；第二产业增加值")
	w.amountOutcome(gdp * p2 / 100)
	w.s("，")
	w.rate(r1(d.actual[iIndustry]-1+w.r.NormFloat64()*0.5), "增长", "下降")
	w.s("；")
	start = w.pos()
	w.s("第三产业增加值")
	w.amountOutcome(gdp * p3 / 100)
	w.s("，")
	w.outcomeRate(iServices, "第三产业增加值", d.actual[iServices], w.y, "", start)
	w.s("。三次产业结构为")
	w.f(p1, 1)
	w.s(":")
	w.f(p2, 1)
	w.s(":")
	w.f(p3, 1)
	w.s("。按常住人口计算，人均地区生产总值")
	w.int(int(math.Round(gdp * 1e4 / d.population)))
	w.s("元。")
	w.nl()
	if w.p.Level != baogao.LevelCounty || w.chance(0.4) {
		w.s("全年")
		start = w.pos()
		label = w.pickS([]string{"居民消费价格", "居民消费价格", "居民消费价格总水平"})
		w.s(label)
		w.rate(d.actual[iCPI], "比上年上涨", "比上年下降")
		w.recordOutcome(iCPI, label, d.actual[iCPI], w.y, "", "", "", start)
		w.s("。")
		if w.p.Level == baogao.LevelProvince && w.y >= 2018 && w.chance(0.7) {
			w.s("全年")
			start = w.pos()
			w.s("城镇调查失业率")
			w.s("平均为")
			w.f(d.actual[iUnemployment], 1)
			w.s("%")
			w.recordOutcome(iUnemployment, "城镇调查失业率", d.actual[iUnemployment], w.y, "", "", "", start)
			w.s("。")
		}
		w.nl()
	}

	// 二、农业
	if w.m.agri > 0 {
		section("农业")
		w.s("全年粮食播种面积")
		w.f(r1(d.actual[iGrain]*uniform(w.r, 2.4, 3.2)), 1)
		w.s("万亩，")
		w.rate(r1(w.r.NormFloat64()*1.5), "比上年增长", "比上年下降")
		w.s("；")
		start = w.pos()
		label = w.pickS([]string{"粮食总产量", "粮食总产量", "粮食产量"})
		w.s(label)
		v := w.grain(d.actual[iGrain])
		w.recordOutcome(iGrain, label, v, w.y, "", "", "", start)
		w.s("，")
		w.rate(r1(w.r.NormFloat64()*2.5), "增长", "下降")
		w.s("。")
		for _, item := range w.r.Perm(len(farmItems))[:3+w.r.IntN(3)] {
			w.s(farmItems[item])
			w.s("产量")
			w.f(r2(sc*uniform(w.r, 0.3, 8)*w.m.agri), 2)
			w.s("万吨，")
			w.rate(r1(w.r.NormFloat64()*4), "增长", "下降")
			w.s("；")
		}
		w.s("特色")
		w.s(w.pickS(w.c.products))
		w.s("种植面积")
		w.f(r1(sc*uniform(w.r, 1, 20)), 1)
		w.s("万亩。")
		w.s("年末农业机械总动力")
		w.f(r1(sc*uniform(w.r, 20, 120)), 1)
		w.s("万千瓦。")
		w.stats("farm", "", 6+lw+w.r.IntN(6), 2)
		w.notes("farm", 2+w.r.IntN(3)+lw)
		w.nl()
	}

	// 三、工业和建筑业
	section("工业和建筑业")
	w.s("全年")
	start = w.pos()
	label = w.pickS([]string{"规模以上工业增加值", "规模以上工业增加值", "规上工业增加值"})
	w.s(label)
	w.rate(d.actual[iIndustry], "比上年增长", "比上年下降")
	w.recordOutcome(iIndustry, label, d.actual[iIndustry], w.y, "", "", "", start)
	w.s("。")
	w.s("分经济类型看，国有控股企业增加值")
	w.rate(r1(d.actual[iIndustry]+w.r.NormFloat64()*3), "增长", "下降")
	w.s("，股份制企业")
	w.rate(r1(d.actual[iIndustry]+w.r.NormFloat64()*2), "增长", "下降")
	w.s("，私营企业")
	w.rate(r1(d.actual[iIndustry]+w.r.NormFloat64()*3), "增长", "下降")
	w.s("。")
	if ind := w.pickS(w.c.leading); !isServiceIndustry(ind) {
		w.s(ind)
		w.s("行业增加值")
		w.rate(r1(d.actual[iIndustry]+w.r.NormFloat64()*5), "增长", "下降")
		w.s("。")
	}
	if w.chance(0.5) {
		w.s("年末规模以上工业企业")
		w.int(int(niceCount(sc * uniform(w.r, 80, 300))))
		w.s("家，其中")
		start = w.pos()
		label = "新入库规模以上工业企业"
		w.s("全年" + label)
		n := math.Max(2, math.Round(d.actual[iFirms]*uniform(w.r, 0.3, 0.5)))
		w.int(int(n))
		w.s("家")
		w.recordOutcome(iFirms, label, n, w.y, "", "", "", start)
		w.s("。")
	}
	w.s("规模以上工业企业实现营业收入")
	w.amountOutcome(gdp * uniform(w.r, 0.6, 1.4))
	w.s("，")
	w.rate(r1(w.r.NormFloat64()*6+4), "增长", "下降")
	w.s("；利润总额")
	w.amountOutcome(gdp * uniform(w.r, 0.03, 0.08))
	w.s("，")
	w.rate(r1(w.r.NormFloat64()*10+2), "增长", "下降")
	w.s("。")
	w.s("全年建筑业增加值")
	w.amountOutcome(gdp * uniform(w.r, 0.04, 0.09))
	w.s("，")
	w.rate(r1(w.r.NormFloat64()*4+3), "比上年增长", "比上年下降")
	w.s("。")
	w.stats("industry", "主要工业产品中，", 6+lw+w.r.IntN(6), d.actual[iIndustry])
	w.notes("industry", 2+w.r.IntN(3)+lw)
	w.nl()

	// 服务业: always for an urban district, which has little farming.
	if w.m.agri == 0 || w.chance(0.5) {
		section("服务业")
		w.stats("services", "全年", 4+lw+w.r.IntN(4), d.actual[iServices])
		w.notes("services", 1+w.r.IntN(2)+lw)
		w.nl()
	}

	// 四、固定资产投资
	section("固定资产投资")
	w.s("全年")
	start = w.pos()
	label = w.pickS([]string{"固定资产投资", "固定资产投资", "全社会固定资产投资"})
	w.s(label)
	w.rate(d.actual[iFAI], "比上年增长", "比上年下降")
	w.recordOutcome(iFAI, label, d.actual[iFAI], w.y, "", "", "", start)
	w.s("。其中，工业投资")
	w.rate(r1(d.actual[iFAI]+w.r.NormFloat64()*6), "增长", "下降")
	w.s("，基础设施投资")
	w.rate(r1(d.actual[iFAI]+w.r.NormFloat64()*6), "增长", "下降")
	w.s("，民间投资")
	w.rate(r1(d.actual[iFAI]+w.r.NormFloat64()*6-2), "增长", "下降")
	w.s("。全年房地产开发投资")
	w.amountOutcome(gdp * uniform(w.r, 0.04, 0.12))
	w.s("，")
	w.rate(r1(w.r.NormFloat64()*8-float64(max(0, w.y-2021))*3), "增长", "下降")
	w.s("；商品房销售面积")
	w.f(r1(sc*uniform(w.r, 20, 120)), 1)
	w.s("万平方米。")
	w.stats("invest", "分领域看，", 5+lw+w.r.IntN(4), d.actual[iFAI])
	w.notes("invest", 2+w.r.IntN(3)+lw)
	w.nl()

	// 五、国内贸易
	section(w.pickS([]string{"国内贸易", "国内贸易", "消费品市场"}))
	w.s("全年")
	start = w.pos()
	w.s("社会消费品零售总额")
	w.amountOutcome(d.retail)
	w.s("，")
	w.rate(d.actual[iRetail], "比上年增长", "比上年下降")
	w.recordOutcome(iRetail, "社会消费品零售总额", d.actual[iRetail], w.y, "", "", "", start)
	w.s("。按经营单位所在地分，城镇消费品零售额")
	w.amountOutcome(d.retail * 0.78)
	w.s("，")
	w.rate(r1(d.actual[iRetail]+w.r.NormFloat64()), "增长", "下降")
	w.s("；乡村消费品零售额")
	w.amountOutcome(d.retail * 0.22)
	w.s("，")
	w.rate(r1(d.actual[iRetail]+w.r.NormFloat64()*1.5), "增长", "下降")
	w.s("。按消费类型分，餐饮收入")
	w.amountOutcome(d.retail * 0.12)
	w.s("，")
	w.rate(r1(d.actual[iRetail]+w.r.NormFloat64()*3), "增长", "下降")
	w.s("；商品零售")
	w.amountOutcome(d.retail * 0.88)
	w.s("，")
	w.rate(r1(d.actual[iRetail]+w.r.NormFloat64()), "增长", "下降")
	w.s("。")
	w.stats("retail", "限额以上单位商品零售额中，", 9+lw+w.r.IntN(8), d.actual[iRetail])
	w.notes("retail", 2+w.r.IntN(3)+lw)
	if w.y >= 2016 && w.chance(0.6) {
		w.s("全年网络零售额")
		w.amountOutcome(d.retail * uniform(w.r, 0.1, 0.3))
		w.s("，")
		w.rate(r1(uniform(w.r, 5, 25)), "增长", "下降")
		w.s("。")
	}
	w.nl()

	// 六、对外经济
	if w.chance(0.8) {
		section("对外经济")
		w.s("全年")
		start = w.pos()
		label = w.pickS([]string{"进出口总额", "货物进出口总额", "外贸进出口总额"})
		w.s(label)
		w.amountOutcome(d.trade)
		w.s("，")
		w.rate(d.actual[iTrade], "比上年增长", "比上年下降")
		w.recordOutcome(iTrade, label, d.actual[iTrade], w.y, "", "", "", start)
		w.s("。其中，")
		start = w.pos()
		w.s("出口")
		w.amountOutcome(d.exports)
		w.s("，")
		w.rate(d.actual[iExport], "增长", "下降")
		w.recordOutcome(iExport, "出口", d.actual[iExport], w.y, "", "", "", start)
		w.s("；进口")
		w.amountOutcome(d.trade - d.exports)
		w.s("，")
		w.rate(r1(d.actual[iTrade]+w.r.NormFloat64()*6), "增长", "下降")
		w.s("。")
		if w.chance(0.7) {
			w.s("全年")
			start = w.pos()
			label = w.pickS([]string{"实际利用外资", "实际使用外资"})
			w.s(label)
			v := w.dollars(d.actual[iFDI])
			w.recordOutcome(iFDI, label, v, w.y, "", "", "", start)
			w.s("。")
		}
		w.nl()
	}

	// 七、交通、邮电和旅游
	if w.chance(0.7) {
		section("交通、邮电和旅游")
		w.s("年末公路通车里程")
		w.int(int(niceCount(sc * uniform(w.r, 800, 3000))))
		w.s("公里，其中高速公路")
		w.int(int(niceCount(sc * uniform(w.r, 20, 120))))
		w.s("公里。全年邮政业务总量")
		w.amountOutcome(gdp * uniform(w.r, 0.002, 0.008))
		w.s("，快递业务量")
		w.f(r1(sc*uniform(w.r, 200, 3000)), 1)
		w.s("万件。年末移动电话用户")
		w.f(r1(d.population*uniform(w.r, 1.0, 1.3)), 1)
		w.s("万户")
		if w.y >= 2019 {
			w.s("，累计建成5G基站")
			w.int(int(niceCount(sc * uniform(w.r, 100, 900) * float64(w.y-2018))))
			w.s("个")
		}
		w.s("。全年接待国内外游客")
		w.f(r1(sc*uniform(w.r, 100, 900)), 1)
		w.s("万人次，实现旅游总收入")
		w.amountOutcome(gdp * uniform(w.r, 0.05, 0.2))
		w.s("。")
		w.stats("transport", "", 5+lw+w.r.IntN(4), 5)
		w.notes("transport", 2+w.r.IntN(3)+lw)
		w.nl()
	}

	// 八、财政和金融
	section("财政和金融")
	w.s("全年")
	start = w.pos()
	label = w.pickS([]string{"一般公共预算收入", "一般公共预算收入", "地方一般公共预算收入"})
	w.s(label)
	v = w.amountOutcome(d.actual[iBudget])
	w.recordOutcome(iBudget, label, v, w.y, "", "", "", start)
	w.s("，")
	w.rate(d.actual[iBudgetGrowth], "比上年增长", "比上年下降")
	w.recordOutcome(iBudgetGrowth, label, d.actual[iBudgetGrowth], w.y, "", "", "", start)
	w.s("，其中税收收入")
	w.amountOutcome(d.actual[iBudget] * uniform(w.r, 0.6, 0.8))
	w.s("。一般公共预算支出")
	w.amountOutcome(d.actual[iBudget] * uniform(w.r, 1.5, 3.5))
	w.s("，")
	w.rate(r1(w.r.NormFloat64()*4+3), "增长", "下降")
	w.s("。年末金融机构本外币各项存款余额")
	w.amountOutcome(d.deposits)
	w.s("，比年初增加")
	w.amountOutcome(d.deposits * uniform(w.r, 0.05, 0.12))
	w.s("；各项贷款余额")
	w.amountOutcome(d.loans)
	w.s("，比年初增加")
	w.amountOutcome(d.loans * uniform(w.r, 0.05, 0.12))
	w.s("。")
	w.stats("finance", "", 5+lw+w.r.IntN(3), 7)
	w.notes("finance", 2+w.r.IntN(3)+lw)
	w.nl()

	// 九、教育和科学技术
	if w.chance(0.8) {
		section("教育和科学技术")
		w.s("年末共有各级各类学校")
		w.int(int(niceCount(sc * uniform(w.r, 60, 200))))
		w.s("所，在校学生")
		w.f(r2(d.population*uniform(w.r, 0.12, 0.18)), 2)
		w.s("万人。")
		if w.p.Level != baogao.LevelCounty || w.chance(0.5) {
			w.s("全年")
			start = w.pos()
			label = w.pickS([]string{"研发经费投入强度", "R&D经费投入强度"})
			w.s(label)
			w.s("为")
			w.f(d.actual[iRD], 2)
			w.s("%")
			w.recordOutcome(iRD, label, d.actual[iRD], w.y, "", "", "", start)
			w.s("。")
		}
		w.s("全年专利授权量")
		w.int(int(niceCount(sc * uniform(w.r, 300, 2000))))
		w.s("件，其中发明专利")
		w.int(int(niceCount(sc * uniform(w.r, 20, 200))))
		w.s("件。年末高新技术企业")
		w.int(int(niceCount(sc * uniform(w.r, 20, 150))))
		w.s("家。")
		w.stats("education", "年末共有", 6+lw+w.r.IntN(4), 3)
		w.notes("education", 2+w.r.IntN(3)+lw)
		w.nl()
	}

	// 十、文化、卫生和体育
	if w.chance(0.6) {
		section("文化、卫生和体育")
		w.s("年末共有公共图书馆")
		w.int(1 + w.r.IntN(3*levelWeight(w.p.Level)))
		w.s("个，文化馆")
		w.int(1 + w.r.IntN(2*levelWeight(w.p.Level)))
		w.s("个。年末共有卫生机构")
		w.int(int(niceCount(sc * uniform(w.r, 200, 600))))
		w.s("个，卫生技术人员")
		w.int(int(niceCount(sc * uniform(w.r, 2000, 6000))))
		w.s("人，医疗卫生机构床位")
		w.int(int(niceCount(sc * uniform(w.r, 1500, 5000))))
		w.s("张。全年举办各类体育赛事")
		w.int(int(niceCount(math.Sqrt(sc) * uniform(w.r, 10, 80))))
		w.s("场次。")
		w.stats("health", "", 6+lw+w.r.IntN(5), 3)
		w.notes("health", 2+w.r.IntN(3)+lw)
		w.nl()
	}

	// 十一、人口、人民生活和社会保障
	section(w.pickS([]string{"人口、人民生活和社会保障", "人民生活和社会保障"}))
	w.s("年末")
	w.s(w.c.self)
	w.s("常住人口")
	w.f(d.population, 2)
	w.s("万人。")
	start = w.pos()
	w.s("常住人口城镇化率")
	w.f(d.actual[iUrbanization], 2)
	w.s("%")
	w.recordOutcome(iUrbanization, "常住人口城镇化率", d.actual[iUrbanization], w.y, "", "", "", start)
	w.s("，比上年末提高")
	w.f(r2(d.actual[iUrbanization]-w.m.at(w.y - 1).actual[iUrbanization]), 2)
	w.s("个百分点。")
	w.s("全年")
	start = w.pos()
	w.s("全体居民人均可支配收入")
	w.int(int(d.incomeLevel))
	w.s("元，")
	w.rate(d.actual[iIncome], "比上年增长", "比上年下降")
	w.recordOutcome(iIncome, "全体居民人均可支配收入", d.actual[iIncome], w.y, "", "", "", start)
	w.s("。按常住地分，")
	start = w.pos()
	w.s("城镇居民人均可支配收入")
	w.int(int(d.urbanIncomeLevel))
	w.s("元，")
	w.rate(d.actual[iUrbanIncome], "增长", "下降")
	w.recordOutcome(iUrbanIncome, "城镇居民人均可支配收入", d.actual[iUrbanIncome], w.y, "", "", "", start)
	w.s("；")
	start = w.pos()
	w.s("农村居民人均可支配收入")
	w.int(int(d.ruralIncomeLv))
	w.s("元，")
	w.rate(d.actual[iRuralIncome], "增长", "下降")
	w.recordOutcome(iRuralIncome, "农村居民人均可支配收入", d.actual[iRuralIncome], w.y, "", "", "", start)
	w.s("。")
	w.s("全年")
	start = w.pos()
	w.s("城镇新增就业")
	w.int(int(d.actual[iJobs]))
	w.s("人")
	w.recordOutcome(iJobs, "城镇新增就业", d.actual[iJobs], w.y, "", "", "", start)
	w.s("，年末")
	start = w.pos()
	w.s("城镇登记失业率")
	w.s("为")
	w.f(d.actual[iRegUnemployment], 1)
	w.s("%")
	w.recordOutcome(iRegUnemployment, "城镇登记失业率", d.actual[iRegUnemployment], w.y, "", "", "", start)
	w.s("。年末参加城乡居民基本养老保险人数")
	w.f(r2(d.population*uniform(w.r, 0.3, 0.45)), 2)
	w.s("万人，城乡低保对象")
	w.int(int(niceCount(d.population * uniform(w.r, 50, 200))))
	w.s("人。")
	w.stats("social", "年末", 6+lw+w.r.IntN(5), 4)
	w.notes("social", 2+w.r.IntN(3)+lw)
	w.nl()

	// 十二、资源、环境和安全生产
	if w.chance(0.75) {
		section("资源、环境和安全生产")
		if w.chance(0.7) {
			w.s("全年")
			start = w.pos()
			label = w.pickS([]string{"单位地区生产总值能耗", "单位生产总值能耗"})
			w.s(label)
			w.rate(d.actual[iEnergy], "比上年上升", "比上年下降")
			w.recordOutcome(iEnergy, label, d.actual[iEnergy], w.y, "", "", "", start)
			w.s("。")
		}
		w.s("全年空气质量优良天数")
		w.int(250 + w.r.IntN(100))
		w.s("天，细颗粒物（PM2.5）平均浓度")
		w.int(22 + w.r.IntN(30))
		w.s("微克/立方米。全年完成造林")
		w.f(r1(sc*uniform(w.r, 0.5, 5)), 1)
		w.s("万亩。全年发生各类生产安全事故")
		w.int(w.r.IntN(30) + 1)
		w.s("起。")
		w.stats("environment", "", 5+lw+w.r.IntN(4), 3)
		w.notes("environment", 2+w.r.IntN(3)+lw)
		w.nl()
	}
	w.t(lBulletinNotes)
	w.nl()
}

// isServiceIndustry reports whether an industry is not industrial, so has
// no line among a bulletin's industrial sectors.
func isServiceIndustry(ind string) bool {
	for _, s := range []string{"旅游", "物流", "电商", "电子商务", "商贸", "服务", "会展", "养老", "后市场", "种养", "农业", "种业"} {
		if strings.Contains(ind, s) {
			return true
		}
	}
	return false
}

// farmItems are the farm outputs a bulletin lists besides grain.
var farmItems = []string{"蔬菜及食用菌", "水果", "肉类", "禽蛋", "水产品", "油料", "牛奶", "茶叶"}
