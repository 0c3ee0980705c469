package place

import (
	"errors"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/baogao/baogao"
)

func TestCounts(t *testing.T) {
	n := map[baogao.Level]int{}
	for _, p := range Default().All() {
		n[p.Level]++
	}
	tests := []struct {
		level    baogao.Level
		min, max int
	}{
		{baogao.LevelProvince, 34, 34},
		{baogao.LevelPrefecture, 330, 336},
		{baogao.LevelCounty, 2820, 2860},
	}
	for _, tt := range tests {
		if got := n[tt.level]; got < tt.min || got > tt.max {
			t.Errorf("%s: %d places, want %d..%d", tt.level, got, tt.min, tt.max)
		}
	}
}

// TestTable checks every row of the embedded table.
func TestTable(t *testing.T) {
	g := Default()
	all := g.All()
	seen := map[string]bool{}
	for k, p := range all {
		if !validCode(p.Code) {
			t.Errorf("%+v: bad code", p)
		}
		if seen[p.Code] {
			t.Errorf("%s: duplicate", p.Code)
		}
		seen[p.Code] = true
		if k > 0 && all[k-1].Code >= p.Code {
			t.Errorf("%s: out of order", p.Code)
		}
		if want := baogao.RegionOf(p.Code); p.Region != want || !p.Region.Valid() {
			t.Errorf("%s %s: region %q, want %q", p.Code, p.Name, p.Region, want)
		}
		if p.Short == "" || p.Name == "" || utf8.RuneCountInString(p.Short) < 2 {
			t.Errorf("%s: name %q short %q", p.Code, p.Name, p.Short)
		}
		if !strings.HasPrefix(p.Name, p.Short) {
			t.Errorf("%s: short name %q is not a prefix of %q", p.Code, p.Short, p.Name)
		}
		if p.Slug == "" || strings.Trim(p.Slug, "abcdefghijklmnopqrstuvwxyz") != "" {
			t.Errorf("%s %s: slug %q is not lower-case ASCII", p.Code, p.Name, p.Slug)
		}
		switch p.Level {
		case baogao.LevelProvince:
			if p.Parent != "" || p.Code[2:] != "0000" {
				t.Errorf("%s: province with parent %q", p.Code, p.Parent)
			}
		case baogao.LevelPrefecture:
			if p.Parent != p.Code[:2]+"0000" || p.Code[4:] != "00" {
				t.Errorf("%s: prefecture with parent %q", p.Code, p.Parent)
			}
		case baogao.LevelCounty:
			// Districts of 北京 and counties under a province (仙桃市) hang
			// from the province.
			if p.Parent != p.Code[:4]+"00" && p.Parent != p.Code[:2]+"0000" {
				t.Errorf("%s: county with parent %q", p.Code, p.Parent)
			}
		default:
			t.Errorf("%s: level %q", p.Code, p.Level)
		}
		if p.Parent != "" {
			parent, err := g.Place(p.Parent)
			if err != nil {
				t.Errorf("%s: parent: %v", p.Code, err)
			} else if levelOf(parent.Level) >= levelOf(p.Level) {
				t.Errorf("%s (%s) has parent %s (%s)", p.Code, p.Level, parent.Code, parent.Level)
			}
		}
		if strings.Contains(p.Name, "开发区") || strings.Contains(p.Name, "市辖区") || strings.Contains(p.Name, "直辖") || p.Name == "县" {
			t.Errorf("%s %s: not a place", p.Code, p.Name)
		}
	}
}

func TestPlace(t *testing.T) {
	g := Default()
	tests := []struct {
		name string
		code string
		want baogao.Place
		path string
	}{
		{"county", "370828", baogao.Place{Code: "370828", Name: "金乡县", Short: "金乡", Level: baogao.LevelCounty, Parent: "370800", Region: baogao.RegionHuadong, Slug: "jinxiang"}, "山东省济宁市金乡县"},
		{"prefecture", "370100", baogao.Place{Code: "370100", Name: "济南市", Short: "济南", Level: baogao.LevelPrefecture, Parent: "370000", Region: baogao.RegionHuadong, Slug: "jinan"}, "山东省济南市"},
		{"province", "450000", baogao.Place{Code: "450000", Name: "广西壮族自治区", Short: "广西", Level: baogao.LevelProvince, Region: baogao.RegionHuanan, Slug: "guangxi"}, "广西壮族自治区"},
		{"municipality district", "110105", baogao.Place{Code: "110105", Name: "朝阳区", Short: "朝阳", Level: baogao.LevelCounty, Parent: "110000", Region: baogao.RegionHuabei, Slug: "chaoyang"}, "北京市朝阳区"},
		{"municipality county", "500229", baogao.Place{Code: "500229", Name: "城口县", Short: "城口", Level: baogao.LevelCounty, Parent: "500000", Region: baogao.RegionXinan, Slug: "chengkou"}, "重庆市城口县"},
		{"county under a province", "429004", baogao.Place{Code: "429004", Name: "仙桃市", Short: "仙桃", Level: baogao.LevelCounty, Parent: "420000", Region: baogao.RegionHuazhong, Slug: "xiantao"}, "湖北省仙桃市"},
		{"xinjiang corps city", "659001", baogao.Place{Code: "659001", Name: "石河子市", Short: "石河子", Level: baogao.LevelCounty, Parent: "650000", Region: baogao.RegionXibei, Slug: "shihezi"}, "新疆维吾尔自治区石河子市"},
		{"hainan county", "469007", baogao.Place{Code: "469007", Name: "东方市", Short: "东方", Level: baogao.LevelCounty, Parent: "460000", Region: baogao.RegionHuanan, Slug: "dongfang"}, "海南省东方市"},
		{"prefecture without counties", "441900", baogao.Place{Code: "441900", Name: "东莞市", Short: "东莞", Level: baogao.LevelPrefecture, Parent: "440000", Region: baogao.RegionHuanan, Slug: "dongguan"}, "广东省东莞市"},
		{"autonomous prefecture", "422800", baogao.Place{Code: "422800", Name: "恩施土家族苗族自治州", Short: "恩施", Level: baogao.LevelPrefecture, Parent: "420000", Region: baogao.RegionHuazhong, Slug: "enshi"}, "湖北省恩施土家族苗族自治州"},
		{"hong kong", "810000", baogao.Place{Code: "810000", Name: "香港特别行政区", Short: "香港", Level: baogao.LevelProvince, Region: baogao.RegionOther, Slug: "xianggang"}, "香港特别行政区"},
		{"taiwan", "710000", baogao.Place{Code: "710000", Name: "台湾省", Short: "台湾", Level: baogao.LevelProvince, Region: baogao.RegionOther, Slug: "taiwan"}, "台湾省"},
		{"new in 2021", "330113", baogao.Place{Code: "330113", Name: "临平区", Short: "临平", Level: baogao.LevelCounty, Parent: "330100", Region: baogao.RegionHuadong, Slug: "linping"}, "浙江省杭州市临平区"},
		{"new in 2023", "659012", baogao.Place{Code: "659012", Name: "白杨市", Short: "白杨", Level: baogao.LevelCounty, Parent: "650000", Region: baogao.RegionXibei, Slug: "baiyang"}, "新疆维吾尔自治区白杨市"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := g.Place(tt.code)
			if err != nil {
				t.Fatal(err)
			}
			if p != tt.want {
				t.Errorf("Place(%s) = %+v, want %+v", tt.code, p, tt.want)
			}
			if got := g.FullName(tt.code); got != tt.path {
				t.Errorf("FullName(%s) = %q, want %q", tt.code, got, tt.path)
			}
			path := g.Path(tt.code)
			if len(path) == 0 || path[len(path)-1] != p || path[0].Level != baogao.LevelProvince {
				t.Errorf("Path(%s) = %+v", tt.code, path)
			}
		})
	}
}

func TestNotFound(t *testing.T) {
	g := Default()
	for _, code := range []string{"", "000000", "370871", "110100", "330103", "37082", "3708280", "金乡县"} {
		_, err := g.Place(code)
		var e *baogao.Error
		if !errors.As(err, &e) || e.Code != baogao.ENOTFOUND {
			t.Errorf("Place(%q) error = %v, want ENOTFOUND", code, err)
		}
		if g.Path(code) != nil || g.FullName(code) != "" || g.Children(code) != nil {
			t.Errorf("%q: Path, FullName or Children not empty", code)
		}
	}
}

func TestChildren(t *testing.T) {
	g := Default()
	tests := []struct {
		name     string
		code     string
		min, max int
		has      string
	}{
		{"prefecture", "370800", 11, 11, "370828"},
		{"municipality", "110000", 16, 16, "110105"},
		{"province with direct counties", "420000", 17, 17, "429004"},
		{"county", "370828", 0, 0, ""},
		{"prefecture without counties", "441900", 0, 0, ""},
		{"shandong", "370000", 16, 16, "370100"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			kids := g.Children(tt.code)
			if len(kids) < tt.min || len(kids) > tt.max {
				t.Errorf("%d children, want %d..%d", len(kids), tt.min, tt.max)
			}
			found := tt.has == ""
			for k, c := range kids {
				if c.Parent != tt.code || k > 0 && kids[k-1].Code >= c.Code {
					t.Errorf("child %+v", c)
				}
				found = found || c.Code == tt.has
			}
			if !found {
				t.Errorf("no child %s", tt.has)
			}
		})
	}
}

func TestLookup(t *testing.T) {
	g := Default()
	tests := []struct {
		name  string
		query string
		want  []string
	}{
		{"code", "370828", []string{"370828"}},
		{"full name", "金乡县", []string{"370828"}},
		{"short name", "金乡", []string{"370828"}},
		{"full path", "山东省济宁市金乡县", []string{"370828"}},
		{"province short", "山东", []string{"370000"}},
		{"province abbreviation", "内蒙古", []string{"150000"}},
		{"guangxi", "广西", []string{"450000"}},
		{"ningxia", "宁夏", []string{"640000"}},
		{"xinjiang", "新疆", []string{"650000"}},
		{"tibet", "西藏", []string{"540000"}},
		{"inner mongolia, short", "内蒙", []string{"150000"}},
		{"shared full name", "鼓楼区", []string{"320106", "320302", "350102", "410204"}},
		{"shared short name", "吉林", []string{"220000", "220200"}},
		{"one-character stem keeps its suffix", "和县", []string{"340523"}},
		{"nan county", "南县", []string{"430921"}},
		{"ethnic names stripped", "长阳", []string{"420528"}},
		{"autonomous prefecture short", "凉山", []string{"513400"}},
		{"enshi", "恩施", []string{"422800", "422801"}},
		{"surrounding space", " 济南市 ", []string{"370100"}},
		{"alias laiwu", "莱芜市", []string{"370116"}},
		{"alias xiangfan", "襄樊市", []string{"420600"}},
		{"alias xiangfan short", "襄樊", []string{"420600"}},
		{"alias simao", "思茅市", []string{"530800"}},
		{"chaohu is a county-level city again", "巢湖市", []string{"340181"}},
		{"alias juchao", "居巢区", []string{"340181"}},
		{"alias wujiang", "吴江市", []string{"320509"}},
		{"alias xiaoshan", "萧山市", []string{"330109"}},
		{"alias huairou", "怀柔县", []string{"110116"}},
		{"alias panyu", "番禺市", []string{"440113"}},
		{"alias zengcheng", "增城市", []string{"440118"}},
		{"alias jiangyan", "姜堰市", []string{"321204"}},
		{"alias lishui", "溧水县", []string{"320117"}},
		{"alias gaochun", "高淳县", []string{"320118"}},
		{"alias tongxian", "通县", []string{"110112"}},
		{"alias from dataset diff", "江干区", []string{"330102"}},
		{"alias shaxian", "沙县", []string{"350405"}},
		{"alias hengxian", "横县", []string{"450181"}},
		{"old name shared with a current one", "双桥区", []string{"130802", "500111"}},
		{"generic county to district", "长清县", []string{"370113"}},
		{"generic city to district", "章丘市", []string{"370114"}},
		{"generic autonomous county", "长阳县", []string{"420528"}},
		{"generic prefecture", "毕节地区", []string{"520500"}},
		{"generic autonomous prefecture", "恩施州", []string{"422800"}},
		{"generic haixi", "海西州", []string{"632800"}},
		{"generic needs a county-level place", "济宁县", nil},
		{"not a place", "中国", nil},
		{"development zone", "济宁高新技术产业开发区", nil},
		{"virtual row", "市辖区", nil},
		{"empty", "", nil},
		{"one character", "县", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, p := range g.Lookup(tt.query) {
				got = append(got, p.Code)
			}
			if strings.Join(got, ",") != strings.Join(tt.want, ",") {
				t.Errorf("Lookup(%q) = %v, want %v", tt.query, got, tt.want)
			}
		})
	}
}

// TestSlugs checks readings that a pinyin library gets wrong in place names.
func TestSlugs(t *testing.T) {
	g := Default()
	tests := map[string]string{
		"500000": "chongqing", "430100": "changsha", "350200": "xiamen", "341500": "luan",
		"340300": "bengbu", "511100": "leshan", "440113": "panyu", "371524": "donge",
		"361124": "yanshan", "331100": "lishui", "370100": "jinan", "370828": "jinxiang",
		"610000": "shaanxi", "140000": "shanxi", "540000": "xizang", "510100": "chengdu",
		"330382": "yueqing", "140428": "zhangzi", "440600": "foshan", "653100": "kashi",
		"222404": "hunchun", "420116": "huangpi", "141100": "lvliang", "130225": "laoting",
	}
	for code, want := range tests {
		p, err := g.Place(code)
		if err != nil {
			t.Error(err)
			continue
		}
		if p.Slug != want {
			t.Errorf("%s %s: slug %q, want %q", code, p.Name, p.Slug, want)
		}
	}
}

// TestAliasesFile checks that each alias names a place in the province or
// prefecture it says, and is no current name of an unrelated place.
func TestAliasesFile(t *testing.T) {
	g := Default()
	n := 0
	err := eachLine(aliasesTSV, 5, func(f []string) error {
		n++
		name, within, code := f[0], f[1], f[2]
		if !g.within(g.byCode[code], g.byCode[within]) {
			t.Errorf("%s: %s does not lie in %s", name, code, within)
		}
		if got := g.Lookup(name); len(got) == 0 {
			t.Errorf("Lookup(%s) = nothing", name)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 100 {
		t.Errorf("%d aliases, want 100 or more", n)
	}
}

func TestBuildErrors(t *testing.T) {
	tests := []struct{ name, places, aliases string }{
		{"bad code", "37082x\t\tcounty\t金乡县\t金乡\tjinxiang\n", ""},
		{"unknown parent", "370828\t370800\tcounty\t金乡县\t金乡\tjinxiang\n", ""},
		{"bad level", "370000\t\tstate\t山东省\t山东\tshandong\n", ""},
		{"missing field", "370000\t\tprovince\t山东省\t山东\n", ""},
		{"duplicate", "370000\t\tprovince\t山东省\t山东\tshandong\n370000\t\tprovince\t山东省\t山东\tshandong\n", ""},
		{"alias to unknown code", "370000\t\tprovince\t山东省\t山东\tshandong\n", "鲁\t\t370001\t\t\n"},
		{"alias bad year", "370000\t\tprovince\t山东省\t山东\tshandong\n", "山东省份\t\t370000\t19\t\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := build(tt.places, tt.aliases); err == nil {
				t.Error("no error")
			}
		})
	}
}

func TestDefaultBuildTime(t *testing.T) {
	// The target is 5 ms; allow for slow and busy test machines, and take
	// the best of three builds, since other work on a shared machine can
	// stall any one of them.
	best := time.Hour
	for range 3 {
		start := time.Now()
		if _, err := build(placesTSV, aliasesTSV); err != nil {
			t.Fatal(err)
		}
		best = min(best, time.Since(start))
	}
	if best > 100*time.Millisecond {
		t.Errorf("build took %v", best)
	}
}

func BenchmarkDefaultBuild(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := build(placesTSV, aliasesTSV); err != nil {
			b.Fatal(err)
		}
	}
}
