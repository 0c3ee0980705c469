package search

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/baogao/baogao"
)

func TestFold(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"發展", "发展"},
		{"後來", "后来"},
		{"臺灣", "台湾"},
		{"乾隆", "乾隆"}, // 乾 is also simplified: left alone
		{"ＧＤＰ５Ｇ", "gdp5g"},
		{"PM2.5", "pm2.5"},
		{"中　国", "中 国"},
		{"ÀÉ Ωσ", "àé ωσ"},
		{"已经简体", "已经简体"},
	} {
		if got := FoldString(tc.in); got != tc.want {
			t.Errorf("FoldString(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if utf8.RuneCountInString(FoldString(tc.in)) != utf8.RuneCountInString(tc.in) {
			t.Errorf("FoldString(%q) changed the number of runes", tc.in)
		}
	}
}

func TestAppendTokens(t *testing.T) {
	for _, tc := range []struct {
		in, want string
	}{
		{"", ""},
		{"，。", ""},
		{"县", "县"},
		{"金乡县", "金乡 乡县 县"},
		{"金乡，县城", "金乡 乡 县城 城"},
		{"推进5G基站", "推进 进5 5g g基 基站 站"},
		{"增长8.5%。", "增长 长8 8. .5 5% %"},
		{"發展 GDP", "发展 展 gd dp p"},
	} {
		got, n := AppendTokens(nil, tc.in)
		if string(got) != tc.want {
			t.Errorf("AppendTokens(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if want := len(strings.Fields(tc.want)); n != want {
			t.Errorf("AppendTokens(%q): n = %d, want %d", tc.in, n, want)
		}
	}
}

func TestParse(t *testing.T) {
	syn := ParseSynonyms("GDP 地区生产总值 生产总值\n规上 规模以上\n")
	for _, tc := range []struct {
		in, want string
	}{
		{"冷链物流", "冷链物流"},
		{"冷链 物流", "冷链 物流"},
		{`"冷链物流"`, `"冷链物流"`},
		{`“冷链物流”`, `"冷链物流"`},
		{`「冷链物流」`, `"冷链物流"`},
		{`"冷链 物流"`, `"冷链 物流"`},
		{`"冷链，物流"`, `"冷链 物流"`},
		{"冷链 -物流", "冷链 -物流"},
		{"冷链 －物流", "冷链 -物流"},
		{`冷链 -"物流园"`, `冷链 -"物流园"`},
		{"冷链 OR 物流", "冷链 OR 物流"},
		{"冷链 | 物流 宁德", "冷链 OR 物流 宁德"},
		{"冷链 or 物流", "冷链 or 物流"}, // only upper-case OR is the operator
		{"GDP", "gdp OR 地区生产总值 OR 生产总值"},
		{"ｇｄｐ", "gdp OR 地区生产总值 OR 生产总值"},
		{`"GDP"`, `"gdp"`},
		{"规上 -规模以上", "规上 OR 规模以上 -规模以上 -规上"},
		{"發展", "发展"},
		{"COVID-19", `"covid 19"`},
		{`"冷链`, `"冷链"`}, // an open quote runs to the end
		{"OR 冷链 OR", "冷链"},
		{"发展 发展", "发展 发展"},
		{"-", ""},
	} {
		q, err := Parse(tc.in, syn)
		if tc.want == "" {
			if baogao.ErrorCode(err) != baogao.EINVALID {
				t.Errorf("Parse(%q) = %v, %v; want EINVALID", tc.in, q, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("Parse(%q): %v", tc.in, err)
			continue
		}
		if got := q.String(); got != tc.want {
			t.Errorf("Parse(%q) = %s, want %s", tc.in, got, tc.want)
		}
	}
}

func TestParseErrors(t *testing.T) {
	for _, in := range []string{"", "  ", "，。！", "-发展", "-发展 -经济", "\xff发展", strings.Repeat("字", baogao.MaxQueryRunes+1),
		strings.Repeat("字 ", MaxTerms+1), "发展 OR -经济", "🙂"} {
		_, err := Parse(in, DefaultSynonyms())
		if baogao.ErrorCode(err) != baogao.EINVALID || baogao.ErrorMessage(err) == "" {
			t.Errorf("Parse(%.30q) = %v, want EINVALID with a message", in, err)
		}
	}
}

func TestTermTokens(t *testing.T) {
	for _, tc := range []struct {
		in     string
		tokens []string
		prefix bool
		single string
	}{
		{"县", []string{"县"}, true, "县"},
		{"金乡", []string{"金乡"}, false, "金乡"},
		{"金乡县", []string{"金乡", "乡县"}, false, ""},
		{"金乡 县", []string{"金乡", "乡", "县"}, true, ""},
		{"县 经济", []string{"县", "经济"}, false, ""},
		{"金乡 县城 关", []string{"金乡", "乡", "县城", "城", "关"}, true, ""},
	} {
		term, ok := NewTerm(tc.in, true)
		if !ok {
			t.Fatalf("NewTerm(%q) failed", tc.in)
		}
		tokens, prefix := term.Tokens()
		if !reflect.DeepEqual(tokens, tc.tokens) || prefix != tc.prefix {
			t.Errorf("%q: tokens %q prefix %v, want %q %v", tc.in, tokens, prefix, tc.tokens, tc.prefix)
		}
		single, ok := term.Single()
		if single != tc.single || ok != (tc.single != "") {
			t.Errorf("%q: Single = %q, %v", tc.in, single, ok)
		}
	}
}

func TestCount(t *testing.T) {
	text := NewText("哈哈哈。金乡县城关镇，金乡，县城。5G基站、5G。")
	for _, tc := range []struct {
		term string
		want int
	}{
		{"哈哈", 2},
		{"哈", 3},
		{"金乡", 2},
		{"金乡县", 1},
		{"金乡 县", 1}, // 金乡 ends a run, the next run starts with 县
		{"金乡 县城", 1},
		{"乡 县城", 1},
		{"县城", 2},
		{"城关 镇", 0},
		{"5g", 2},
		{"5g 基站", 0},
		{"基站 5g", 1},
		{"镇 金乡 县城", 1}, // 金乡 is the whole middle run
		{"镇 金 县城", 0},
	} {
		term, _ := NewTerm(tc.term, true)
		if got := text.Count(term); got != tc.want {
			t.Errorf("Count(%q) = %d, want %d", tc.term, got, tc.want)
		}
		if got := text.Contains(term); got != (tc.want > 0) {
			t.Errorf("Contains(%q) = %v", tc.term, got)
		}
	}
}

// TestDocRaw checks that counting in the raw body agrees with counting in
// the folded body, traditional characters included.
func TestDocRaw(t *testing.T) {
	for _, body := range []string{"发展经济，發展经济，发展", "高质量发展高质量发展", "GDP增长，gdp增长", "没有"} {
		for _, q := range []string{"发展", "发展经济", "gdp", "增长", "高质量发展", "质"} {
			term, _ := NewTerm(q, false)
			raw := NewDoc("", body, -1, false)
			raw.folded = nil // count in the raw body where it can
			folded := NewText(body)
			if _, got := raw.count(term); got != folded.Count(term) {
				t.Errorf("%q in %q: raw %d, folded %d", q, body, got, folded.Count(term))
			}
		}
	}
}

func TestLevel(t *testing.T) {
	if Level(0, 100) != 0 {
		t.Error("tf 0 has a level")
	}
	prev := 0
	for tf := 1; tf < 200; tf++ {
		l := Level(tf, 4000)
		if l < prev || l < 1 || l > Levels {
			t.Fatalf("Level(%d) = %d after %d", tf, l, prev)
		}
		prev = l
	}
	if Level(5, 1000) <= Level(5, 20000) {
		t.Error("a longer document should not score the same frequency higher")
	}
}

func TestSortKey(t *testing.T) {
	keys := []int64{
		SortKey(2023, "2024-03-01", 5), // a bulletin for 2023, published in 2024
		SortKey(2023, "2023-01-05", 9),
		SortKey(2023, "2023-01-05", 8),
		SortKey(2023, "", 99),
		SortKey(2022, "2022-12-31", 1),
		SortKey(0, "", 7),
	}
	for i := 1; i < len(keys); i++ {
		if keys[i] >= keys[i-1] {
			t.Errorf("key %d (%x) not below key %d (%x)", i, keys[i], i-1, keys[i-1])
		}
	}
	if KeyID(keys[2]) != 8 {
		t.Errorf("KeyID = %d", KeyID(keys[2]))
	}
	lo, hi := YearKeys(2023, 2023)
	if keys[0] < lo || keys[3] > hi || keys[4] >= lo {
		t.Errorf("YearKeys(2023) = %x..%x", lo, hi)
	}
	level, key := SplitLevelKey(LevelKey(Levels, keys[0]))
	if level != Levels || key != keys[0] {
		t.Errorf("SplitLevelKey = %d, %x", level, key)
	}
}

func TestNewFilter(t *testing.T) {
	f, err := NewFilter(baogao.DocumentFilter{Kind: baogao.KindStatsBulletin, Province: "370000", PlaceCode: "370800", YearFrom: 2020, YearTo: 2021})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"zkgongbao", "zc37", "zc3708"}; !reflect.DeepEqual(f.Tags, want) {
		t.Errorf("tags = %v", f.Tags)
	}
	if want := []string{"zy2020", "zy2021"}; !reflect.DeepEqual(f.YearTags, want) {
		t.Errorf("year tags = %v", f.YearTags)
	}
	f, _ = NewFilter(baogao.DocumentFilter{YearTo: 1960})
	if f.YearTags == nil || f.YearTags[0] != "zy0" {
		t.Errorf("open lower bound: %v", f.YearTags)
	}
	f, _ = NewFilter(baogao.DocumentFilter{YearFrom: 1950})
	if f.YearTags != nil {
		t.Errorf("a wide range should not list its years: %d tags", len(f.YearTags))
	}
	for _, bad := range []baogao.DocumentFilter{{Kind: "x"}, {Region: "x"}, {Level: "x"}, {Province: "3708"}, {PlaceCode: "3"},
		{PlaceCode: "37'"}, {YearFrom: 2022, YearTo: 2021}, {YearFrom: -1}} {
		if _, err := NewFilter(bad); baogao.ErrorCode(err) != baogao.EINVALID {
			t.Errorf("NewFilter(%+v) = %v, want EINVALID", bad, err)
		}
	}
	// A document's tags satisfy the filters that select it.
	tags := Tags(baogao.Meta{Kind: baogao.KindWorkReport, PlaceCode: "370828", Level: baogao.LevelCounty, Year: 2023})
	if want := []string{"zkbaogao", "zrhuadong", "zy2023", "zlcounty", "zc37", "zc3708", "zc370828"}; !reflect.DeepEqual(tags, want) {
		t.Errorf("Tags = %v", tags)
	}
}

func TestNewEntry(t *testing.T) {
	doc := &baogao.Document{ID: 3, Meta: baogao.Meta{Title: "发展报告", Kind: baogao.KindWorkReport, Year: 2023}, Body: "发展经济。发展"}
	e := NewEntry(doc)
	if e.Body != "发展 展经 经济 济 发展 展" || e.Title != "发展 展报 报告 告" || e.Length != 6 {
		t.Errorf("entry = %+v", e)
	}
	found := map[string]int{}
	for l, terms := range e.Terms {
		for _, term := range strings.Fields(terms) {
			found[term] = l + 1
		}
	}
	// 发展: twice in the body, once in the title; 济 once in the body; the
	// bigrams found once in the body (经济, 展经) are left to the length tag.
	if found["发展"] != Level(2+TitleWeight, 6) || found["济"] != Level(1, 6) || found["告"] != Level(TitleWeight, 6) || len(found) != 9 ||
		found["经济"] != 0 {
		t.Errorf("terms = %v", found)
	}
	if tag := LengthTag(e.Length); tag != fmt.Sprintf("zq%d", Level(1, 6)) {
		t.Errorf("LengthTag = %s", tag)
	}
}
func TestIsWordRuneFastPaths(t *testing.T) {
	for r := rune(0); r < 0x10000; r++ {
		want := unicode.IsLetter(r) || unicode.IsNumber(r) || r == '.' || r == '%'
		if IsWordRune(r) != want {
			t.Errorf("IsWordRune(%U) = %v, want %v", r, !want, want)
		}
	}
}
