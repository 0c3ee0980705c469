package demo

import (
	"strconv"
	"strings"
)

// statItem is a figure a bulletin states besides the indicators: its name,
// unit, typical size for a county (multiplied by the place's scale) and how
// it is written: "g" amount and growth, "a" amount only, "p" growth only,
// "r" a rate in percent near base.
type statItem struct {
	name, unit string
	base       float64
	mode       byte
}

// statTables are the items of each bulletin section, one "name|unit|base|mode"
// a line. None is an indicator of SPEC §5.
var statTables = map[string]string{
	"farm": `农林牧渔业总产值|亿元|60|g
油料产量|万吨|1.5|g
园林水果产量|万吨|12|g
猪牛羊禽肉产量|万吨|5|g
禽蛋产量|万吨|2|g
水产品产量|万吨|3|g
生猪出栏|万头|40|g
年末生猪存栏|万头|25|g
家禽出栏|万只|600|g
蔬菜播种面积|万亩|20|g
年末有效灌溉面积|万亩|40|a
新型农业经营主体|家|900|a
农产品加工业产值|亿元|40|g`,
	"industry": `发电量|亿千瓦时|8|g
水泥|万吨|120|g
钢材|万吨|30|g
服装|万件|900|g
饲料|万吨|15|g
食用植物油|万吨|6|g
纱|万吨|3|g
家具|万件|40|g
化肥（折纯）|万吨|4|g
平板玻璃|万重量箱|60|g
锂离子电池|万只|800|g
太阳能电池|万千瓦|30|g
汽车|万辆|1|g
中成药|吨|900|g`,
	"services": `规模以上服务业企业营业收入|亿元|40|g
批发和零售业增加值|亿元|20|g
交通运输、仓储和邮政业增加值|亿元|10|g
住宿和餐饮业增加值|亿元|5|g
金融业增加值|亿元|12|g
房地产业增加值|亿元|15|g
信息传输、软件和信息技术服务业营业收入|亿元|6|g
租赁和商务服务业营业收入|亿元|5|g
科学研究和技术服务业营业收入|亿元|3|g`,
	"invest": `第一产业投资|亿元|0|p
第二产业投资|亿元|0|p
第三产业投资|亿元|0|p
制造业投资|亿元|0|p
社会领域投资|亿元|0|p
技术改造投资|亿元|0|p
亿元以上项目|个|60|a`,
	"retail": `粮油、食品类|亿元|0|p
饮料类|亿元|0|p
烟酒类|亿元|0|p
服装、鞋帽、针纺织品类|亿元|0|p
化妆品类|亿元|0|p
金银珠宝类|亿元|0|p
日用品类|亿元|0|p
家用电器和音像器材类|亿元|0|p
中西药品类|亿元|0|p
文化办公用品类|亿元|0|p
家具类|亿元|0|p
通讯器材类|亿元|0|p
石油及制品类|亿元|0|p
汽车类|亿元|0|p
建筑及装潢材料类|亿元|0|p`,
	"transport": `公路货运量|万吨|900|g
公路客运量|万人次|300|g
电信业务总量|亿元|6|g
固定互联网宽带接入用户|万户|18|g
民用汽车保有量|万辆|15|g
其中私人轿车|万辆|9|g
旅游接待人次|万人次|500|g`,
	"finance": `住户存款余额|亿元|180|g
非金融企业存款余额|亿元|60|g
保险业保费收入|亿元|12|g
保险业赔付支出|亿元|4|g
政府性基金预算收入|亿元|12|g
民生支出|亿元|30|g`,
	"education": `普通高中|所|6|a
初中|所|25|a
小学|所|70|a
幼儿园|所|90|a
中等职业学校|所|3|a
技术合同成交额|亿元|3|g
学龄儿童入学率|%|99.9|r
九年义务教育巩固率|%|98|r`,
	"health": `医院|个|15|a
乡镇卫生院|个|18|a
执业（助理）医师|人|1800|a
注册护士|人|2200|a
公共图书馆藏书|万册|40|a
博物馆|个|2|a
广播综合人口覆盖率|%|99.6|r
电视综合人口覆盖率|%|99.7|r
体育场地面积|万平方米|90|a`,
	"social": `城镇职工基本养老保险参保人数|万人|12|g
城乡居民基本医疗保险参保人数|万人|60|g
失业保险参保人数|万人|5|g
工伤保险参保人数|万人|7|g
养老机构|个|25|a
养老床位|张|3000|a
城市低保月人均保障标准|元|700|a
农村低保年保障标准|元|6500|a`,
	"environment": `森林覆盖率|%|40|r
全社会用电量|亿千瓦时|20|g
规模以上工业综合能源消费量|万吨标准煤|90|g
水资源总量|亿立方米|10|a
城市生活污水集中处理率|%|97|r
城市生活垃圾无害化处理率|%|99.5|r`,
}

var statItems = func() map[string][]statItem {
	out := map[string][]statItem{}
	for k, src := range statTables {
		for _, l := range lines(src) {
			f := strings.Split(l, "|")
			base, err := strconv.ParseFloat(f[2], 64)
			if err != nil {
				panic("demo: bad stat item " + l)
			}
			out[k] = append(out[k], statItem{name: f[0], unit: f[1], base: base, mode: f[3][0]})
		}
	}
	return out
}()

// stats writes n items of a section's table, as one sentence after lead.
// growth is the section's typical growth, around which items vary.
func (w *writer) stats(table, lead string, n int, growth float64) {
	items := statItems[table]
	n = min(n, len(items))
	w.s(lead)
	sc := w.m.scale
	for i, k := range w.r.Perm(len(items))[:n] {
		it := items[k]
		if i > 0 {
			w.s("；")
		}
		w.s(it.name)
		switch it.mode {
		case 'p':
			w.rate(r1(growth+w.r.NormFloat64()*6), "增长", "下降")
			continue
		case 'r':
			v := it.base + w.r.NormFloat64()*0.3
			if it.base < 90 {
				v = it.base * uniform(w.r, 0.6, 1.4)
			}
			w.s("达到")
			w.f(r1(min(v, 100)), 1)
			w.s("%")
			continue
		}
		v := it.base * sc * uniform(w.r, 0.4, 1.8)
		if it.unit == "元" || it.unit == "%" {
			v = it.base * uniform(w.r, 0.8, 1.3)
		}
		switch {
		case it.unit == "元" || it.unit == "个" || it.unit == "所" || it.unit == "家" || it.unit == "人" || it.unit == "张":
			w.int(int(niceCount(max(v, 1))))
		case v >= 100:
			w.f(r1(v), 1)
		default:
			w.f(r2(v), 2)
		}
		w.s(it.unit)
		if it.mode == 'g' {
			w.s("，")
			w.rate(r1(growth+w.r.NormFloat64()*4), "增长", "下降")
		}
	}
	w.s("。")
}

// sectionNotes are sentences a bulletin section may add, by table name; their
// numbers are not indicators.
var sectionNotes = map[string]string{
	"farm": `全年新建高标准农田{M}亩，新增农业产业化龙头企业{Q}家
年末拥有农民专业合作社{M}家，家庭农场{M}家
全年“三品一标”农产品累计达到{Q}个，{P}获评省级区域公用品牌
全年实施农业机械化作业面积{w}万亩，主要农作物耕种收综合机械化率达到{F}%
特色农业加快发展，{P}、{P}等特色产业规模不断扩大`,
	"industry": `规模以上工业{Q}个行业大类中，{Q}个行业增加值保持增长
分门类看，采矿业增加值增长{G}%，制造业增加值增长{G}%，电力、热力、燃气及水生产和供应业增加值增长{G}%
高技术制造业增加值增长{G}%，装备制造业增加值增长{G}%
规模以上工业产品销售率达到{F}%
全年具有资质等级的总承包和专业承包建筑业企业{N}家
年末{K}入驻规模以上工业企业{N}家`,
	"services": `年末规模以上服务业企业{N}家，其中营业收入亿元以上企业{Q}家
现代服务业加快发展，{K}集聚服务业企业{N}家`,
	"invest": `全年施工项目{N}个，其中新开工项目{Q}个
全年新开工入库项目{Q}个，亿元以上项目完成投资占全部投资比重为{G}%
全年城市基础设施投资{A}亿元，保障性安居工程开工{M}套`,
	"retail": `年末限额以上批发和零售业企业{N}家，住宿和餐饮业企业{Q}家
全年新增城市商业综合体{n}个，新开首店{Q}家
[2019-]全年农村网络零售额增长{G}%，农产品网络零售额增长{G}%`,
	"transport": `年末城乡公交线路{Q}条，城乡客运一体化覆盖率达到{F}%
全年新建改建农村公路{N}公里，实现行政村通硬化路全覆盖
年末{X}通高速公路{n}条，高速公路出入口{n}个
[2019-]年末5G用户{w}万户，行政村5G网络覆盖率达到{F}%`,
	"finance": `年末普惠小微贷款余额增长{G}%，涉农贷款余额增长{G}%
全年办理创业担保贷款{a}亿元，扶持创业{M}人
年末银行业金融机构{Q}家，保险机构{Q}家`,
	"education": `全年普通高中招生{M}人，初中毕业生升学率达到{F}%
年末专任教师{M}人，其中中小学专任教师{M}人
全年实施各类科技计划项目{N}项，获得省级以上科技奖励{n}项`,
	"health": `全年城乡居民健康档案建档率达到{F}%，家庭医生签约服务覆盖率{F}%
年末每千人口医疗卫生机构床位{n}张，每千人口执业（助理）医师{n}人
全年参与各类全民健身活动群众{w}万人次
全年开展文化惠民演出{N}场，送戏下乡{N}场`,
	"social": `全年发放城乡低保资金{a}亿元，特困人员救助供养资金{a}亿元
年末基本养老保险参保率达到{F}%，基本医疗保险参保率稳定在{F}%以上
全年发放各类就业补贴{a}亿元，开展职业技能培训{M}人次
全年帮助就业困难人员实现就业{M}人，农村劳动力转移就业{w}万人`,
	"environment": `全年地表水国控、省控断面水质优良比例达到{F}%
全年完成营造林{w}万亩，年末森林蓄积量{W}万立方米
全年空气质量优良天数比例为{F}%，重污染天数{n}天`,
}

var sectionNoteTemplates = func() map[string][]tmpl {
	out := map[string][]tmpl{}
	for k, src := range sectionNotes {
		out[k] = templates(src)
	}
	return out
}()

// notes writes up to n sentences of a section's notes, in random order.
func (w *writer) notes(table string, n int) {
	ts := sectionNoteTemplates[table]
	for _, i := range w.r.Perm(len(ts))[:min(n, len(ts))] {
		t := ts[i]
		if w.y < t.from || w.y > t.to {
			continue
		}
		w.expand(t)
		w.s("。")
	}
}
