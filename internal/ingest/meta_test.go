package ingest

import (
	"slices"
	"strings"
	"testing"

	"github.com/baogao/baogao"
)

// TestRecognise covers the recogniser's rules with texts written for the
// test (the real corpus is scored in TestGoldScore).
func TestRecognise(t *testing.T) {
	for _, tc := range []struct {
		name       string
		text       string
		kind       baogao.Kind
		place      string
		year       int
		date       string
		candidates []string
		session    string
		speaker    string
	}{
		{name: "title with province and date", text: "(山东省)金乡县人民政府工作报告(2023年1月3日)\n各位代表：\n二、2023年工作安排",
			kind: baogao.KindWorkReport, place: "370828", year: 2023, date: "2023-01-03"},
		{name: "subtitle with session and speaker", text: "政 府 工 作 报 告\n——2024年1月22日在叶县第十六届人民代表大会第四次会议上\n叶县人民政府县长 文晓凡\n各位代表：\n现在，我代表县人民政府向大会报告工作。",
			kind: baogao.KindWorkReport, place: "410422", year: 2024, date: "2024-01-22", session: "叶县第十六届人民代表大会第四次会议", speaker: "县长 文晓凡"},
		{name: "chinese numerals", text: "政府工作报告\n——二〇二三年一月四日在郑州市第十六届人民代表大会第一次会议上\n郑州市人民政府市长 何 雄\n各位代表：",
			kind: baogao.KindWorkReport, place: "410100", year: 2023, date: "2023-01-04", speaker: "市长 何雄"},
		{name: "delivered in december is next year's", text: "政府工作报告\n——2022年12月26日在济南市第十八届人民代表大会第二次会议上\n各位代表：",
			kind: baogao.KindWorkReport, place: "370100", year: 2023, date: "2022-12-26"},
		{name: "review heading tells the year", text: "各位代表：\n现在，我代表区人民政府向大会报告工作。\n一、2024年工作回顾\n全区地区生产总值增长5.1%。",
			kind: baogao.KindWorkReport, year: 2025},
		{name: "generic title, place from the source line", text: "2017年政府工作报告\n时间: 2017-01-23 来源: 苏州市人民政府\n——2017年1月16日在市十六届人大一次会议上",
			kind: baogao.KindWorkReport, place: "320500", year: 2017, date: "2017-01-16"},
		{name: "ambiguous district", text: "鼓楼区2022年政府工作报告\n各位代表：", kind: baogao.KindWorkReport, year: 2022,
			candidates: []string{"320106", "350102"}},
		{name: "district with its city", text: "南京市鼓楼区2022年政府工作报告\n各位代表：", kind: baogao.KindWorkReport, place: "320106", year: 2022},
		{name: "former name", text: "莱芜市2006年政府工作报告\n各位代表：", kind: baogao.KindWorkReport, place: "370116", year: 2006},
		{name: "short name shared by city and county", text: "长沙:2022年1766个重大项目年度投资完成率达124%\n长沙市第十六届人民代表大会第二次会议开幕，市长作政府工作报告，预计全年地区生产总值增长6.5%。",
			kind: baogao.KindWorkReport, place: "430100"},
		{name: "mayor's name is not a place", text: "2017年政府工作报告\n来源: 苏州市人民政府\n市长 曲福田\n各位代表：", kind: baogao.KindWorkReport, place: "320500"},
		{name: "bulletin", text: "2022年望江县国民经济和社会发展统计公报\n初步核算，全年地区生产总值223.6亿元，比上年增长6.8%。",
			kind: baogao.KindStatsBulletin, place: "340827", year: 2022},
		{name: "bulletin without a title", text: "一、综合\n初步核算，全年全县实现地区生产总值221.23亿元，比上年增长5.0%。",
			kind: baogao.KindStatsBulletin},
		{name: "five-year plan", text: "金乡县国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要\n到2025年，地区生产总值达到500亿元。",
			kind: baogao.KindPlan, place: "370828", year: 2021},
		{name: "annual plan report", text: "关于金乡县2021年国民经济和社会发展计划执行情况与2022年计划草案的报告\n各位代表：",
			kind: baogao.KindPlan, place: "370828", year: 2022},
		{name: "budget report", text: "关于金乡县2021年预算执行情况和2022年预算草案的报告\n各位代表：", kind: baogao.KindOther, place: "370828"},
		{name: "notice", text: "各镇政府，各街道办事处：\n现将《2025年县政府重要工作事项责任分工》印发给你们，请认真贯彻执行。",
			kind: baogao.KindOther},
		{name: "news relaying a report", text: "广州市十五届人大三次会议上午开幕\n今天上午，广州市第十五届人民代表大会第三次会议开幕，市长作《政府工作报告》。报告首先回顾了2017年工作，预计全年地区生产总值增长7%以上。",
			kind: baogao.KindWorkReport, place: "440100", year: 2018},
		{name: "party plenum", text: "黄梅聚焦“四大攻坚行动” 2025年锚定7.5%以上经济增速\n1月3日，在黄梅县委十五届九次全会上，县委书记说，今年经济增长7.5%以上。",
			kind: baogao.KindOther, place: "421127", year: 2025},
		{name: "session news without content", text: "12月26日，济南市第十八届人民代表大会第二次会议开幕。市长代表市人民政府作工作报告。",
			kind: baogao.KindOther, place: "370100"},
		{name: "target clause is not a review", text: "宝鸡市第十五届人大第五次会议开幕\n发布日期:2020年06月01日\n市长代表市人民政府向大会作工作报告。报告提出，2020年，全市力争实现地区生产总值增长6.5%左右。",
			kind: baogao.KindWorkReport, place: "610300", year: 2020},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := parse(t, []byte(tc.text), "t.txt")
			m := doc.Meta
			if m.Kind != tc.kind {
				t.Errorf("kind = %s, want %s", m.Kind, tc.kind)
			}
			if m.PlaceCode != tc.place {
				t.Errorf("place = %q (candidates %v), want %q", m.PlaceCode, m.PlaceCandidates, tc.place)
			}
			if tc.year != 0 && m.Year != tc.year {
				t.Errorf("year = %d, want %d", m.Year, tc.year)
			}
			if tc.date != "" && m.Date != tc.date {
				t.Errorf("date = %q, want %q", m.Date, tc.date)
			}
			for _, c := range tc.candidates {
				if !slices.Contains(m.PlaceCandidates, c) {
					t.Errorf("candidates %v lack %s", m.PlaceCandidates, c)
				}
			}
			if tc.session != "" && m.Session != tc.session {
				t.Errorf("session = %q, want %q", m.Session, tc.session)
			}
			if tc.speaker != "" && m.Speaker != tc.speaker {
				t.Errorf("speaker = %q, want %q", m.Speaker, tc.speaker)
			}
			if m.PlaceCode != "" && (m.Place == "" || m.Region == baogao.RegionOther) {
				t.Errorf("place %s without its full name or region: %q %q", m.PlaceCode, m.Place, m.Region)
			}
		})
	}
}

func TestCleaning(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"pinyin notes", "經濟(jì)社會發(fā)展", "經濟社會發展"},
		{"pinyin keeps latin", "地区生产总值(GDP)增长(a)", "地区生产总值(GDP)增长(a)"},
		{"stray comma", "预期目标,。省委,、省政府", "预期目标。省委、省政府"},
		{"indent", "\u3000\u3000各位代表：", "各位代表："},
		{"zero width", "各位\u200b代表", "各位代表"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := normalizeLine(tc.in); got != tc.want {
				t.Errorf("normalizeLine(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
	for _, tc := range []struct{ in, want string }{
		{"政 府 工 作 报 告", "政府工作报告"},
		{"一、综  合", "一、综合"},
		{"郑州市人民政府市长 何 雄", "郑州市人民政府市长何雄"},
	} {
		if got := joinSpacedHan(tc.in); got != tc.want {
			t.Errorf("joinSpacedHan(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	for _, tc := range []struct {
		in   string
		want lineKind
	}{
		{"首 页 要闻 图片 发展观察 新闻跟踪", lineChrome},
		{"当前位置: 首页 > 政务公开", lineChrome},
		{"来源:正观新闻 2023-01-09 09:36:55", lineMeta},
		{"本文仅代表作者观点,不代表本站立场。", lineTail},
		{"验证码:", lineChrome},
		{"下载", lineChrome},
		{"政 府 工 作 报 告", lineContent},
		{"各位代表:", lineContent},
		{"图为市长正在作政府工作报告。", lineChrome},
	} {
		if got := classify(tc.in); got != tc.want {
			t.Errorf("classify(%q) = %d, want %d", tc.in, got, tc.want)
		}
	}
}

func TestOutline(t *testing.T) {
	body := "各位代表：\n一、2022年工作回顾\n（一）产业升级。坚持把发展经济的着力点放在实体经济上，" + strings.Repeat("推进", 40) + "。\n1.工业经济\n2023年全市经济增长5%。\n第二部分 主要任务"
	got := outline(body)
	want := []baogao.Heading{{Level: 1, Title: "一、2022年工作回顾", Offset: 6}, {Level: 2, Title: "（一）产业升级。"},
		{Level: 3, Title: "1.工业经济"}, {Level: 1, Title: "第二部分 主要任务"}}
	if len(got) != len(want) {
		t.Fatalf("outline = %+v", got)
	}
	rs := []rune(body)
	for i, h := range got {
		if h.Level != want[i].Level || h.Title != want[i].Title || !strings.HasPrefix(string(rs[h.Offset:]), h.Title) {
			t.Errorf("heading %d = %+v, want %+v", i, h, want[i])
		}
	}
}

func TestCreditOf(t *testing.T) {
	for _, tc := range []struct {
		name   string
		header []string
		want   string
	}{
		{"full-width colon", []string{"来源：大众日报"}, "大众日报"},
		{"with time and counter", []string{"时间: 2017-01-23 来源: 苏州市人民政府 浏览量：88"}, "苏州市人民政府"},
		{"glued editor", []string{"日期: 2023-01-05 09:49:22 来源:湖北新闻收集编辑:湖北新闻"}, "湖北新闻收集"},
		{"信息来源", []string{"发布时间：2024-01-02", "信息来源：县政府办"}, "县政府办"},
		{"none", []string{"发布时间：2024-01-02"}, ""},
		{"copyright notice", []string{"凡注明“来源：绝对现场”的所有作品,未经本网授权,不得转载"}, ""},
		{"cut at punctuation", []string{"来源：中新网，作者：张三"}, "中新网"},
		{"the site's editor", []string{"(来源:网站编辑 2023-02-10 22:36)"}, ""},
		{"empty", []string{"来源："}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := creditOf(tc.header); got != tc.want {
				t.Errorf("creditOf(%q) = %q, want %q", tc.header, got, tc.want)
			}
		})
	}
}
