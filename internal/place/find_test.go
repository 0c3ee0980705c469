package place

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/baogao/baogao/internal/corpustest"
)

// show writes mentions compactly: 金乡县/full/370828, with a * for weak ones.
func show(ms []Mention) string {
	var parts []string
	for _, m := range ms {
		s := fmt.Sprintf("%s/%s/%s", m.Text, m.Form, strings.Join(m.Codes, "+"))
		if !m.Strong() {
			s += "*"
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, " ")
}

func TestFind(t *testing.T) {
	g := Default()
	tests := []struct {
		name, text, want string
	}{
		{"seed title", "(山东省)金乡县人民政府工作报告(2023年1月3日)",
			"山东省/full/370000 金乡县/full/370828"},
		{"city title", "2024年济南市政府工作报告", "济南市/full/370100"},
		{"province title", "广东省2007年政府工作报告", "广东省/full/440000"},
		{"targets title", "漳州市2010年经济社会发展预期目标", "漳州市/full/350600"},
		{"full path", "山东省济宁市金乡县", "山东省/full/370000 济宁市/full/370800 金乡县/full/370828"},
		{"short names in a row", "山东济宁金乡2023年政府工作报告",
			"山东/short/370000 济宁/short/370800 金乡/short/370828"},
		{"ambiguous district", "鼓楼区人民政府", "鼓楼区/full/320106+320302+350102+410204"},
		{"city and district", "南京市鼓楼区", "南京市/full/320100 鼓楼区/full/320106+320302+350102+410204"},
		{"alias", "莱芜市2006年政府工作报告", "莱芜市/alias/370116"},
		{"alias and its city", "湖北省襄樊市", "湖北省/full/420000 襄樊市/alias/420600"},
		{"generic county to district", "济南市长清县2000年", "济南市/full/370100 长清县/alias/370113"},
		{"generic autonomous prefecture", "恩施州人民政府", "恩施州/alias/422800"},
		{"generic prefecture", "毕节地区行政公署", "毕节地区/alias/520500"},
		{"blocked short name takes a suffix", "互助县2010年", "互助县/alias/630223"},
		{"autonomous county full name", "长阳土家族自治县", "长阳土家族自治县/full/420528"},
		{"one-character stem", "安徽省和县", "安徽省/full/340000 和县/full/340523"},
		{"province abbreviations", "内蒙古、广西、西藏、宁夏、新疆", "内蒙古/short/150000 广西/short/450000 西藏/short/540000 宁夏/short/640000 新疆/short/650000"},
		{"full and short form of a province", "广西壮族自治区和广西", "广西壮族自治区/full/450000 广西/short/450000"},
		{"hong kong", "香港特别行政区", "香港特别行政区/full/810000"},
		{"municipality", "北京市朝阳区", "北京市/full/110000 朝阳区/full/110105+220104"},
		{"longest match", "长沙县", "长沙县/full/430121"},
		{"longest match left to right", "南京市长江大桥", "南京市/full/320100"},
		{"old and new name", "原莱芜市莱城区", "莱芜市/alias/370116 莱城区/alias/370116"},

		// traps
		{"development zone", "济宁高新技术产业开发区", "济宁/short/370800"},
		{"kaifaqu", "开发区", ""},
		{"fazhan", "推动经济社会高质量发展", ""},
		{"whole county", "全县上下", ""},
		{"whole prefecture", "全州经济社会发展", ""},
		{"china", "中国特色社会主义", ""},
		{"prc", "中华人民共和国", ""},
		{"dongfang", "东方红", ""},
		{"emerging industries", "战略性新兴产业", ""},
		{"rural revitalisation", "全面推进乡村振兴", ""},
		{"police", "公安机关", ""},
		{"lasting peace", "长治久安", ""},
		{"county economy", "推进城乡和县域经济发展", ""},
		{"region", "区域协调发展", ""},
		{"demonstration county", "创建全国示范县", "范县/full/410926*"},
		{"healthy county seat", "健康县城", "康县/full/621224*"},
		{"innovation platform", "创新平台", "新平/short/530427*"},
		{"beautiful jiangsu", "美丽江苏", "丽江/short/530700*"},
		{"big city", "扩大城市规模", "大城/short/131025*"},
		{"common word short names are weak", "中心城区", "城区/full/140302+140502+441502*"},
		{"digits are no word start", "实施54个旧住宅区改造", "个旧/short/532501*"},
		{"word start after a year", "2023年金乡", "金乡/short/370828"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := show(g.Find(tt.text)); got != tt.want {
				t.Errorf("Find(%q)\n got %s\nwant %s", tt.text, got, tt.want)
			}
		})
	}
}

func TestFindOffsets(t *testing.T) {
	text := "abc（山东省）金乡县\n政府"
	ms := Default().Find(text)
	if len(ms) != 2 {
		t.Fatalf("Find = %s", show(ms))
	}
	runes := []rune(text)
	for _, m := range ms {
		if got := string(runes[m.Start:m.End]); got != m.Text {
			t.Errorf("runes[%d:%d] = %q, want %q", m.Start, m.End, got, m.Text)
		}
	}
	if ms[0].Start != 4 || ms[1].Start != 8 {
		t.Errorf("starts %d, %d; want 4, 8", ms[0].Start, ms[1].Start)
	}
}

func TestMentionStrong(t *testing.T) {
	tests := []struct {
		m    Mention
		want bool
	}{
		{Mention{Text: "金乡县", Form: FullName}, true},
		{Mention{Text: "金乡", Form: ShortName}, true},
		{Mention{Text: "朝阳", Form: ShortName}, false},
		{Mention{Text: "城区", Form: FullName}, false},
		{Mention{Text: "襄樊市", Form: Alias}, true},
	}
	for _, tt := range tests {
		if got := tt.m.Strong(); got != tt.want {
			t.Errorf("%s: Strong() = %v, want %v", tt.m.Text, got, tt.want)
		}
	}
}

// checkMentions fails unless the mentions are ordered, do not overlap and
// have offsets and text that match text.
func checkMentions(t *testing.T, text string, ms []Mention) {
	t.Helper()
	runes := []rune(text)
	prev := 0
	for _, m := range ms {
		if m.Start < prev || m.End <= m.Start || m.End > len(runes) {
			t.Fatalf("%q: mention %+v out of order or bounds (prev end %d)", text, m, prev)
		}
		if string(runes[m.Start:m.End]) != m.Text {
			t.Fatalf("%q: mention %+v: text at offsets is %q", text, m, string(runes[m.Start:m.End]))
		}
		if len(m.Codes) == 0 || m.Form < FullName || m.Form > ShortName {
			t.Fatalf("%q: mention %+v", text, m)
		}
		prev = m.End
	}
}

func FuzzFind(f *testing.F) {
	for _, s := range []string{
		"(山东省)金乡县人民政府工作报告(2023年1月3日)",
		"2024年济南市政府工作报告",
		"南京市鼓楼区和福州市鼓楼区",
		"推进城乡和县域经济发展，创建全国示范县",
		"济南市长清县", "恩施州", "互助县", "长治久安",
		"\xff金乡县\xfe", "金", "县", "",
	} {
		f.Add(s)
	}
	g := Default()
	f.Fuzz(func(t *testing.T, text string) {
		ms := g.Find(text)
		if utf8.ValidString(text) {
			checkMentions(t, text, ms)
		}
		code, cands := g.Resolve(ms)
		if code != "" && len(cands) > 0 || code == "" && len(cands) == 1 && len(ms) > 0 && ms[0].Strong() {
			t.Fatalf("Resolve = %q, %v", code, cands)
		}
	})
}

// TestFindCorpus runs Find over the real reports and checks its output is
// well formed.
func TestFindCorpus(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(corpustest.Dir(t), "corpus", "*", "*.txt"))
	if len(files) == 0 {
		t.Fatal("the shared corpus has no texts")
	}
	g := Default()
	for _, file := range files {
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		checkMentions(t, string(b), g.Find(string(b)))
	}
}

func BenchmarkFind(b *testing.B) {
	files, _ := filepath.Glob(filepath.Join(corpustest.Dir(b), "corpus", "*", "*.txt"))
	var text strings.Builder
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			b.Fatal(err)
		}
		text.Write(data)
	}
	if text.Len() == 0 {
		// Without the corpus, a report-like text of our own.
		text.WriteString(strings.Repeat("(山东省)金乡县人民政府工作报告。过去一年，全县地区生产总值增长6.5%，推进乡村振兴和县域经济高质量发展，济宁市、菏泽市合作深化。", 2000))
	}
	s := text.String()
	g := Default()
	b.SetBytes(int64(len(s)))
	b.ResetTimer()
	for b.Loop() {
		g.Find(s)
	}
}

func BenchmarkFindTitle(b *testing.B) {
	g := Default()
	title := "(山东省)金乡县人民政府工作报告(2023年1月3日)"
	b.SetBytes(int64(len(title)))
	b.ReportAllocs()
	for b.Loop() {
		g.Find(title)
	}
}
