package place

import (
	"strings"
	"testing"
)

func TestResolve(t *testing.T) {
	g := Default()
	tests := []struct {
		name, text string
		code       string
		candidates string // joined by +
	}{
		{"seed title", "(山东省)金乡县人民政府工作报告(2023年1月3日)", "370828", ""},
		{"county alone", "金乡县人民政府工作报告", "370828", ""},
		{"city", "2024年济南市政府工作报告", "370100", ""},
		{"city then province", "济南市 山东省", "370100", ""},
		{"province", "广东省2007年政府工作报告", "440000", ""},
		{"zhangzhou", "漳州市2010年经济社会发展预期目标", "350600", ""},
		{"ambiguous district", "鼓楼区人民政府工作报告", "", "320106+320302+350102+410204"},
		{"nanjing gulou", "南京市鼓楼区", "320106", ""},
		{"fuzhou gulou", "福州市鼓楼区", "350102", ""},
		{"district then city", "鼓楼区（福州市）", "350102", ""},
		{"beijing chaoyang", "北京市朝阳区", "110105", ""},
		{"chaoyang district alone", "朝阳区2023年政府工作报告", "", "110105+220104"},
		{"ambiguous under a province", "山东省市中区", "", "370103+370402"},
		{"short names", "山东金乡2023年政府工作报告", "370828", ""},
		{"short name of a province and a city", "吉林2023年政府工作报告", "220000", ""},
		{"jilin city", "吉林省吉林市", "220200", ""},
		{"province named twice", "吉林省 吉林", "220000", ""},
		{"short name of a city and its county", "长沙2023年政府工作报告", "430100", ""},
		{"changsha county", "长沙县2023年政府工作报告", "430121", ""},
		{"hainan", "海南2023年政府工作报告", "460000", ""},
		{"alias", "莱芜市2006年政府工作报告", "370116", ""},
		{"alias with its province", "山东省莱芜市", "370116", ""},
		{"xiangfan", "襄樊市人民政府工作报告", "420600", ""},
		{"simao", "思茅市2006年", "530800", ""},
		{"chaohu", "巢湖市2008年政府工作报告", "340181", ""},
		{"wujiang", "吴江市2010年政府工作报告", "320509", ""},
		{"xiaoshan", "萧山市2000年政府工作报告", "330109", ""},
		{"huairou", "怀柔县1998年政府工作报告", "110116", ""},
		{"panyu", "番禺市", "440113", ""},
		{"zengcheng", "增城市2012年", "440118", ""},
		{"jiangyan", "姜堰市", "321204", ""},
		{"lishui", "溧水县", "320117", ""},
		{"gaochun", "高淳县", "320118", ""},
		{"tongxian", "通县", "110112", ""},
		{"generic county", "济南市长清县", "370113", ""},
		{"earlier mention wins a conflict", "济宁市政府 菏泽市", "370800", ""},
		{"weak mention narrows the place before it", "阳泉市城区2023年政府工作报告", "140302", ""},
		{"weak mention does not narrow a place further off", "广东省推进中心城区建设", "440000", ""},
		{"weak mention alone", "城区2023年政府工作报告", "", "140302+140502+441502"},
		{"common words", "推动经济社会高质量发展", "", ""},
		{"no place", "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ms := g.Find(tt.text)
			code, cands := g.Resolve(ms)
			if code != tt.code || strings.Join(cands, "+") != tt.candidates {
				t.Errorf("Resolve(%s) = %q, %v; want %q, %q", show(ms), code, cands, tt.code, tt.candidates)
			}
		})
	}
}

func TestResolveMade(t *testing.T) {
	g := Default()
	tests := []struct {
		name     string
		mentions []Mention
		code     string
	}{
		{"unknown codes are ignored", []Mention{{Text: "x", Codes: []string{"999999"}, Form: FullName}, {Text: "金乡县", Codes: []string{"370828"}, Form: FullName}}, "370828"},
		{"no codes", []Mention{{Text: "x", Form: FullName}}, ""},
		{"nil", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if code, _ := g.Resolve(tt.mentions); code != tt.code {
				t.Errorf("Resolve = %q, want %q", code, tt.code)
			}
		})
	}
}
