package storetest

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/baogao/baogao"
	"github.com/baogao/baogao/internal/place"
)

// runSearch runs the search tests, each on a new store: the behaviour both
// stores must share, hit for hit and score for score.
func runSearch(t *testing.T, open Opener) {
	tests := []struct {
		name string
		fn   func(t *testing.T, st baogao.Store)
	}{
		{"SearchEmptyArchive", testSearchEmptyArchive},
		{"SearchPhrases", testSearchPhrases},
		{"SearchOrder", testSearchOrder},
		{"SearchDemoted", testSearchDemoted},
		{"SearchFilters", testSearchFilters},
		{"SearchPages", testSearchPages},
		{"SearchSnippets", testSearchSnippets},
		{"SearchHostile", testSearchHostile},
		{"SearchInvalid", testSearchInvalid},
		{"Reindex", testReindex},
		{"SearchOracle", testSearchOracle},
		{"SearchLongReport", testSearchLongReport},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			st := open(t)
			defer st.Close()
			tc.fn(t, st)
		})
	}
}

// textDoc returns a document with the title and body, distinct by n.
func textDoc(n int, kind baogao.Kind, code string, year int, date, title, body string) *baogao.Document {
	g := place.Default()
	p, _ := g.Place(code)
	return &baogao.Document{
		Meta: baogao.Meta{Title: title, Kind: kind, PlaceCode: code, Place: g.FullName(code), Level: p.Level,
			Region: baogao.RegionOf(code), Year: year, Date: date, Script: "simplified", Encoding: "utf-8"},
		Body:    body,
		SHA256:  fmt.Sprintf("%064x", 7_000_000+n),
		Simhash: uint64(n+1) * 0x9E3779B97F4A7C15,
	}
}

func addAll(t *testing.T, st baogao.Store, docs ...*baogao.Document) {
	t.Helper()
	for i, d := range docs {
		mustAdd(t, st, d, baogao.Source{SHA256: fmt.Sprintf("%064x", 8_000_000+int(d.Simhash%1_000_000)+i), File: fmt.Sprintf("s%d", i)})
	}
}

// find runs a query and fails the test on an error.
func find(t *testing.T, st baogao.Store, q baogao.SearchQuery) baogao.SearchResult {
	t.Helper()
	res, err := st.Search(context.Background(), q)
	if err != nil {
		t.Fatalf("Search(%q): %v", q.Text, err)
	}
	if res.Hits == nil {
		t.Fatalf("Search(%q): nil hits", q.Text)
	}
	return res
}

func hitIDs(res baogao.SearchResult) []int64 {
	ids := []int64{}
	for _, h := range res.Hits {
		ids = append(ids, h.ID)
	}
	return ids
}

func testSearchEmptyArchive(t *testing.T, st baogao.Store) {
	res := find(t, st, baogao.SearchQuery{Text: "发展"})
	if res.Total != 0 || len(res.Hits) != 0 {
		t.Errorf("empty archive: %+v", res)
	}
}

func testSearchPhrases(t *testing.T, st baogao.Store) {
	docs := []*baogao.Document{
		0: textDoc(0, baogao.KindWorkReport, "370828", 2023, "2023-01-05", "金乡县政府工作报告",
			"大力发展冷链物流，建成冷链物流园区。"),
		1: textDoc(1, baogao.KindWorkReport, "370800", 2022, "2022-01-06", "济宁市政府工作报告",
			"完善冷链运输和物流配送体系。地区生产总值增长5%。"),
		2: textDoc(2, baogao.KindStatsBulletin, "370800", 2022, "2023-03-01", "济宁市统计公报",
			"全年GDP增长4.5%，规模以上工业增加值增长8%。发展冷链，物流提速。"),
		3: textDoc(3, baogao.KindPlan, "350902", 2021, "", "蕉城区发展规划",
			"支持宁德时代扩大产能，推进5G基站建设和县域经济高质量发展。"),
		4: textDoc(4, baogao.KindOther, "", 2020, "", "关于規上工業的說明",
			"规上工业企业数量增加。哈哈哈。"),
	}
	addAll(t, st, docs...)
	for _, tc := range []struct {
		q    string
		want []int // expected documents, in any order
	}{
		{"冷链物流", []int{0}},
		{`"冷链物流"`, []int{0}},
		{"冷链 物流", []int{0, 1, 2}},     // both words, anywhere
		{`"冷链 物流"`, []int{2}},         // a phrase across punctuation
		{`"冷链，物流"`, []int{2}},         // any punctuation matches any
		{"冷鏈物流", []int{0}},            // traditional query, simplified text
		{"冷链 -物流", []int{}},           // 冷链 always comes with 物流 here
		{"冷链物流 OR 宁德时代", []int{0, 3}}, // either
		{"冷链物流 | 宁德时代", []int{0, 3}},
		{"宁德", []int{3}}, // two runes of a longer word
		{"德", []int{3}},  // one rune
		{"5G", []int{3}},
		{"５ｇ基站", []int{3}},      // full-width, lower case
		{"GDP", []int{1, 2}},    // synonyms: 地区生产总值
		{`"GDP"`, []int{2}},     // quoted: no synonyms
		{"地区生产总值", []int{1, 2}}, // and back
		{"规上工业", []int{2, 4}},   // 规模以上工业, and 规上 in the title (traditional)
		{`"规上工业"`, []int{4}},
		{"4.5%", []int{2}},
		{"增长 -GDP", []int{}}, // the exclusion takes synonyms too
		{"哈哈", []int{4}},
		{"县域经济高质量发展", []int{3}},
		{"经济高质量 县域", []int{3}},
		{"县域经济 -宁德时代", []int{}},
		{"不存在的词", []int{}},
	} {
		t.Run(tc.q, func(t *testing.T) {
			res := find(t, st, baogao.SearchQuery{Text: tc.q})
			got := map[int64]bool{}
			for _, h := range res.Hits {
				got[h.ID] = true
			}
			want := map[int64]bool{}
			for _, i := range tc.want {
				want[docs[i].ID] = true
			}
			if !reflect.DeepEqual(got, want) || res.Total != len(tc.want) {
				t.Errorf("got %v (total %d), want %v", hitIDs(res), res.Total, tc.want)
			}
		})
	}
}

func testSearchOrder(t *testing.T, st baogao.Store) {
	body := func(n int) string {
		return strings.Repeat("推进乡村振兴。", n) + strings.Repeat("其他工作。", 20-n)
	}
	docs := []*baogao.Document{
		0: textDoc(10, baogao.KindWorkReport, "370828", 2021, "2021-01-05", "报告", body(1)),
		1: textDoc(11, baogao.KindWorkReport, "370828", 2022, "2022-01-05", "报告", body(1)),
		2: textDoc(12, baogao.KindWorkReport, "370828", 2022, "2022-02-01", "报告", body(1)),
		3: textDoc(13, baogao.KindWorkReport, "370828", 2022, "", "报告", body(1)),
		4: textDoc(14, baogao.KindWorkReport, "370828", 2020, "2020-01-05", "报告", body(5)),
		5: textDoc(15, baogao.KindWorkReport, "370828", 2019, "2019-01-05", "乡村振兴报告", body(1)),
		6: textDoc(16, baogao.KindWorkReport, "370828", 2022, "", "报告", body(1)),
	}
	addAll(t, st, docs...)
	// By score (title counts ten times, then five occurrences, then one);
	// equal scores by year, date, id, newest first.
	want := []int64{docs[5].ID, docs[4].ID, docs[2].ID, docs[1].ID, docs[6].ID, docs[3].ID, docs[0].ID}
	res := find(t, st, baogao.SearchQuery{Text: "乡村振兴"})
	if got := hitIDs(res); !reflect.DeepEqual(got, want) {
		t.Errorf("relevance order = %v, want %v", got, want)
	}
	for i := 1; i < len(res.Hits); i++ {
		if res.Hits[i].Score > res.Hits[i-1].Score {
			t.Errorf("scores not descending: %v", res.Hits)
		}
	}
	if res.Hits[0].Score <= res.Hits[1].Score || res.Hits[1].Score <= res.Hits[2].Score || res.Hits[2].Score != res.Hits[6].Score {
		t.Errorf("scores = %v %v %v … %v", res.Hits[0].Score, res.Hits[1].Score, res.Hits[2].Score, res.Hits[6].Score)
	}
	// The same order for a one-token query (read from the impact levels) and
	// a phrase (scored from the text).
	res = find(t, st, baogao.SearchQuery{Text: "振兴"})
	if got := hitIDs(res); !reflect.DeepEqual(got, want) {
		t.Errorf("one-token order = %v, want %v", got, want)
	}
	res = find(t, st, baogao.SearchQuery{Text: "乡村振兴", Sort: baogao.SortDate})
	wantDate := []int64{docs[2].ID, docs[1].ID, docs[6].ID, docs[3].ID, docs[0].ID, docs[4].ID, docs[5].ID}
	if got := hitIDs(res); !reflect.DeepEqual(got, wantDate) {
		t.Errorf("date order = %v, want %v", got, wantDate)
	}
	if res.Hits[len(res.Hits)-1].Score <= 0 {
		t.Errorf("date order: hits are not scored: %+v", res.Hits)
	}
	// Two words: the rarer weighs more.
	more := textDoc(17, baogao.KindWorkReport, "370828", 2018, "", "报告", "推进乡村振兴和冷链物流。"+strings.Repeat("推进工作。", 5))
	addAll(t, st, more)
	res = find(t, st, baogao.SearchQuery{Text: "推进 冷链"})
	if res.Total != 1 || res.Hits[0].ID != more.ID {
		t.Errorf("two words: %v", hitIDs(res))
	}
}

func testSearchFilters(t *testing.T, st baogao.Store) {
	body := "坚持推动高质量发展。"
	docs := []*baogao.Document{
		0: textDoc(20, baogao.KindWorkReport, "370828", 2023, "", "金乡县", body),    // county, huadong
		1: textDoc(21, baogao.KindWorkReport, "370800", 2022, "", "济宁市", body),    // prefecture
		2: textDoc(22, baogao.KindStatsBulletin, "370800", 2023, "", "济宁市", body), // prefecture
		3: textDoc(23, baogao.KindWorkReport, "110101", 2023, "", "东城区", body),    // huabei
		4: textDoc(24, baogao.KindPlan, "440000", 2021, "", "广东省", body),          // province, huanan
		5: textDoc(25, baogao.KindOther, "", 2020, "", "未知", body),                // qita
	}
	addAll(t, st, docs...)
	for _, tc := range []struct {
		name string
		f    baogao.DocumentFilter
		want []int // in relevance order: equal scores, so newest first
	}{
		{"all", baogao.DocumentFilter{}, []int{3, 2, 0, 1, 4, 5}},
		{"kind", baogao.DocumentFilter{Kind: baogao.KindWorkReport}, []int{3, 0, 1}},
		{"region", baogao.DocumentFilter{Region: baogao.RegionHuadong}, []int{2, 0, 1}},
		{"qita", baogao.DocumentFilter{Region: baogao.RegionOther}, []int{5}},
		{"province code", baogao.DocumentFilter{Province: "370000"}, []int{2, 0, 1}},
		{"province prefix", baogao.DocumentFilter{Province: "44"}, []int{4}},
		{"place and below", baogao.DocumentFilter{PlaceCode: "370800"}, []int{2, 0, 1}},
		{"county", baogao.DocumentFilter{PlaceCode: "370828"}, []int{0}},
		{"level", baogao.DocumentFilter{Level: baogao.LevelPrefecture}, []int{2, 1}},
		{"years", baogao.DocumentFilter{YearFrom: 2021, YearTo: 2022}, []int{1, 4}},
		{"from year", baogao.DocumentFilter{YearFrom: 2023}, []int{3, 2, 0}},
		{"to year", baogao.DocumentFilter{YearTo: 2020}, []int{5}},
		{"combined", baogao.DocumentFilter{Kind: baogao.KindWorkReport, Province: "37", YearFrom: 2023, YearTo: 2023}, []int{0}},
		{"nothing", baogao.DocumentFilter{Kind: baogao.KindPlan, Region: baogao.RegionXibei}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, q := range []string{"高质量发展", "发展", "展", "发展 -东城区"} {
				res := find(t, st, baogao.SearchQuery{Text: q, Filter: tc.f})
				want := []int64{}
				for _, i := range tc.want {
					if q == "发展 -东城区" && i == 3 {
						continue
					}
					want = append(want, docs[i].ID)
				}
				if got := hitIDs(res); !reflect.DeepEqual(got, want) || res.Total != len(want) {
					t.Errorf("%s: ids = %v (total %d), want %v", q, got, res.Total, want)
				}
			}
		})
	}
}

func testSearchPages(t *testing.T, st baogao.Store) {
	var docs []*baogao.Document
	for i := range 45 {
		body := strings.Repeat("统筹发展和安全。", 1+i%4) + strings.Repeat("其他。", 10)
		docs = append(docs, textDoc(30+i, baogao.KindWorkReport, "370828", 2000+i%20, "", fmt.Sprintf("报告%d", i), body))
	}
	addAll(t, st, docs...)
	for _, q := range []string{"发展", "统筹发展", `"发展和安全"`, "统筹 安全"} {
		for _, sort := range []baogao.SearchSort{baogao.SortRelevance, baogao.SortDate} {
			all := find(t, st, baogao.SearchQuery{Text: q, Sort: sort, Limit: 100})
			if all.Total != 45 || len(all.Hits) != 45 {
				t.Fatalf("%s: total %d, hits %d", q, all.Total, len(all.Hits))
			}
			var paged []int64
			for off := 0; off < 45; off += 10 {
				res := find(t, st, baogao.SearchQuery{Text: q, Sort: sort, Limit: 10, Offset: off})
				if res.Total != 45 {
					t.Errorf("%s page %d: total %d", q, off, res.Total)
				}
				paged = append(paged, hitIDs(res)...)
			}
			if !reflect.DeepEqual(paged, hitIDs(all)) {
				t.Errorf("%s %s: pages %v\n differ from one page %v", q, sort, paged, hitIDs(all))
			}
			res := find(t, st, baogao.SearchQuery{Text: q, Sort: sort, Limit: 10, Offset: 50})
			if res.Total != 45 || len(res.Hits) != 0 {
				t.Errorf("%s: past the end: %+v", q, res)
			}
		}
	}
	res := find(t, st, baogao.SearchQuery{Text: "发展"})
	if len(res.Hits) != baogao.DefaultSearchLimit {
		t.Errorf("default limit: %d hits", len(res.Hits))
	}
}

func testSearchSnippets(t *testing.T, st baogao.Store) {
	long := strings.Repeat("前言部分的文字。", 40) + "我们将大力发展冷链物流，<b>建设</b>冷链物流园区。" + strings.Repeat("后记部分的文字。", 40)
	docs := []*baogao.Document{
		textDoc(80, baogao.KindWorkReport, "370828", 2023, "", "报告", long),
		textDoc(81, baogao.KindWorkReport, "370828", 2022, "", "冷链物流专题报告", "正文没有提到。"),
	}
	addAll(t, st, docs...)
	res := find(t, st, baogao.SearchQuery{Text: "冷链物流"})
	if res.Total != 2 {
		t.Fatalf("total %d", res.Total)
	}
	for _, h := range res.Hits {
		switch h.ID {
		case docs[0].ID:
			if !strings.Contains(h.Snippet, "<mark>冷链物流</mark>，&lt;b&gt;建设&lt;/b&gt;<mark>冷链物流</mark>") {
				t.Errorf("snippet = %s", h.Snippet)
			}
			if !strings.HasPrefix(h.Snippet, "…") || !strings.HasSuffix(h.Snippet, "…") {
				t.Errorf("a passage from the middle should be marked as cut: %s", h.Snippet)
			}
			if h.URL != fmt.Sprintf("/baogao/huadong/%d.html", h.ID) || h.Kind != baogao.KindWorkReport || h.PlaceCode != "370828" || h.Year != 2023 || h.Title != "报告" {
				t.Errorf("hit = %+v", h)
			}
		case docs[1].ID:
			if h.Snippet != "正文没有提到。" {
				t.Errorf("title-only match: snippet = %q", h.Snippet)
			}
		}
	}
}

// hostileQueries are answered with results or EINVALID, never another error.
var hostileQueries = []string{
	`'; DROP TABLE documents; --`, `" OR 1=1 --`, `"`, `""`, `"""`, `"发展`, `发展"`, `-`, `--`, `-"`, `- 发展`,
	`OR`, `OR OR`, `发展 OR`, `OR 发展`, `|`, `发展 | | 经济`, `-发展 OR 经济`, `AND`, `NOT`, `发展 NOT 经济`, `NEAR(发展 经济)`,
	`发展*`, `*`, `^发展`, `{body}: 发展`, `title:发展`, `body : "发展"`, `(((发展`, `)`, `发展)`, `a"b"c`, `""""""发展`,
	`%`, `.`, `..`, `5%`, `%%%%`, `\`, `\"`, `'`, `''`, `;`, `$1`, `?`, `?1`, `:name`, `@x`, `#`, "\x00", "发展\x00经济",
	"\xff\xfe", "发\xe5展", "\t\n", "　", "🙂", "𠀀𠀁", "ｆｔｓ５", "٣٤٥", "Ω≈ç√", "<script>alert(1)</script>",
	strings.Repeat("发", 10000), strings.Repeat("发展 ", 2000), strings.Repeat(`"`, 500), strings.Repeat("-", 300),
	strings.Repeat("a OR ", 100) + "b", strings.Repeat("字", baogao.MaxQueryRunes), strings.Repeat("字 ", 20),
}

func testSearchHostile(t *testing.T, st baogao.Store) {
	addAll(t, st, textDoc(90, baogao.KindWorkReport, "370828", 2023, "", "报告", "坚持发展经济。5%的增长。Ω≈ç√ 🙂"))
	for _, q := range hostileQueries {
		for _, sort := range []baogao.SearchSort{baogao.SortRelevance, baogao.SortDate} {
			res, err := st.Search(context.Background(), baogao.SearchQuery{Text: q, Sort: sort})
			if err != nil {
				if baogao.ErrorCode(err) != baogao.EINVALID {
					t.Errorf("%.40q: %v (code %s), want results or EINVALID", q, err, baogao.ErrorCode(err))
				}
				if baogao.ErrorMessage(err) == "" {
					t.Errorf("%.40q: no message", q)
				}
				continue
			}
			if res.Hits == nil || res.Total < len(res.Hits) {
				t.Errorf("%.40q: %+v", q, res)
			}
		}
	}
	if res := find(t, st, baogao.SearchQuery{Text: "发展"}); res.Total != 1 {
		t.Errorf("after the hostile queries: %+v", res)
	}
}

func testSearchInvalid(t *testing.T, st baogao.Store) {
	for _, q := range []baogao.SearchQuery{
		{Text: ""}, {Text: "   "}, {Text: "，。！"}, {Text: "-发展"}, {Text: strings.Repeat("字", baogao.MaxQueryRunes+1)}, {Text: "\xff"},
		{Text: "发展", Limit: -1}, {Text: "发展", Limit: baogao.MaxSearchLimit + 1}, {Text: "发展", Offset: -1},
		{Text: "发展", Offset: baogao.MaxSearchDepth}, {Text: "发展", Sort: "best"},
		{Text: "发展", Filter: baogao.DocumentFilter{Kind: "x'; DROP TABLE documents; --"}},
		{Text: "发展", Filter: baogao.DocumentFilter{Region: "mars"}},
		{Text: "发展", Filter: baogao.DocumentFilter{Level: "village"}},
		{Text: "发展", Filter: baogao.DocumentFilter{Province: "370800"}},
		{Text: "发展", Filter: baogao.DocumentFilter{PlaceCode: "37%"}},
		{Text: "发展", Filter: baogao.DocumentFilter{YearFrom: 2024, YearTo: 2020}},
	} {
		_, err := st.Search(context.Background(), q)
		if baogao.ErrorCode(err) != baogao.EINVALID {
			t.Errorf("%+v: %v, want EINVALID", q, err)
		}
	}
}

func testReindex(t *testing.T, st baogao.Store) {
	docs := []*baogao.Document{
		textDoc(100, baogao.KindWorkReport, "370828", 2023, "", "报告一", "推进冷链物流发展。"),
		textDoc(101, baogao.KindWorkReport, "370828", 2022, "", "报告二", "冷链物流，冷链物流。"),
	}
	addAll(t, st, docs...)
	before := find(t, st, baogao.SearchQuery{Text: "冷链物流"})
	n, err := st.Reindex(context.Background())
	if err != nil || n != 2 {
		t.Fatalf("Reindex = %d, %v", n, err)
	}
	after := find(t, st, baogao.SearchQuery{Text: "冷链物流"})
	if !reflect.DeepEqual(before, after) || after.Total != 2 {
		t.Errorf("before %+v\nafter %+v", before, after)
	}
	// Documents added after a rebuild are searchable too.
	addAll(t, st, textDoc(102, baogao.KindWorkReport, "370828", 2021, "", "报告三", "冷链物流"))
	if res := find(t, st, baogao.SearchQuery{Text: "冷链物流"}); res.Total != 3 {
		t.Errorf("after adding: total %d", res.Total)
	}
}

// testSearchDemoted: by relevance, texts flagged to the reader (a quality
// flag, or decoded badly) come after clean ones, each group by score;
// by date, flags change nothing. An operator clearing the flags lifts the
// text at once.
func testSearchDemoted(t *testing.T, st baogao.Store) {
	ctx := context.Background()
	body := func(n int) string {
		return strings.Repeat("推进乡村振兴。", n) + strings.Repeat("其他工作。", 20-n)
	}
	docs := []*baogao.Document{
		0: textDoc(30, baogao.KindWorkReport, "370828", 2021, "2021-01-05", "乡村振兴报告", body(1)), // best, rewritten
		1: textDoc(31, baogao.KindWorkReport, "370828", 2020, "2020-01-05", "报告", body(5)),     // second, decoded badly
		2: textDoc(32, baogao.KindWorkReport, "370828", 2022, "2022-01-05", "报告", body(2)),
		3: textDoc(33, baogao.KindWorkReport, "370828", 2023, "2023-01-05", "报告", body(1)),
	}
	docs[0].Meta.Quality = []baogao.QualityFlag{baogao.QualityRewritten}
	docs[1].Meta.Flagged = true
	for _, d := range docs[2:] {
		d.Meta.Quality = nil
	}
	docs[2].Meta.Completeness = baogao.CompletenessFull
	addAll(t, st, docs...)
	// Hits carry their assessment, for the results page's badges.
	for _, h := range find(t, st, baogao.SearchQuery{Text: "乡村振兴"}).Hits {
		switch h.ID {
		case docs[0].ID:
			if !reflect.DeepEqual(h.Quality, docs[0].Meta.Quality) {
				t.Errorf("hit %d: quality %v, want %v", h.ID, h.Quality, docs[0].Meta.Quality)
			}
		case docs[2].ID:
			if h.Completeness != baogao.CompletenessFull || len(h.Quality) != 0 {
				t.Errorf("hit %d: %q %v, want full, no flags", h.ID, h.Completeness, h.Quality)
			}
		}
	}
	want := []int64{docs[2].ID, docs[3].ID, docs[0].ID, docs[1].ID}
	for _, q := range []string{"乡村振兴", "振兴", `"乡村振兴"`} {
		res := find(t, st, baogao.SearchQuery{Text: q})
		if got := hitIDs(res); !reflect.DeepEqual(got, want) || res.Total != 4 {
			t.Errorf("%q by relevance: %v (total %d), want %v", q, got, res.Total, want)
		}
		// Pages cut the same order.
		for off := range 4 {
			res := find(t, st, baogao.SearchQuery{Text: q, Limit: 1, Offset: off})
			if got := hitIDs(res); len(got) != 1 || got[0] != want[off] {
				t.Errorf("%q page %d: %v, want %d", q, off, got, want[off])
			}
		}
	}
	res := find(t, st, baogao.SearchQuery{Text: "乡村振兴", Sort: baogao.SortDate})
	if got, want := hitIDs(res), []int64{docs[3].ID, docs[2].ID, docs[0].ID, docs[1].ID}; !reflect.DeepEqual(got, want) {
		t.Errorf("by date: %v, want %v", got, want)
	}
	if err := st.SetAssessment(ctx, docs[0].ID, baogao.CompletenessFull, nil); err != nil {
		t.Fatal(err)
	}
	res = find(t, st, baogao.SearchQuery{Text: "乡村振兴"})
	if got := hitIDs(res); len(got) == 0 || got[0] != docs[0].ID {
		t.Errorf("after the flags are cleared: %v, want %d first", got, docs[0].ID)
	}
	// The same through the desk's corrections (overrides): docs[1] no
	// longer garbled, docs[0] marked spam.
	for _, o := range []baogao.Override{
		{DocumentID: docs[1].ID, Field: baogao.OverrideFlagged, Value: "false", By: "alice"},
		{DocumentID: docs[0].ID, Field: baogao.OverrideQuality, Value: string(baogao.QualitySpam), By: "alice"},
	} {
		if err := st.SetOverride(ctx, o); err != nil {
			t.Fatal(err)
		}
	}
	res = find(t, st, baogao.SearchQuery{Text: "乡村振兴"})
	if got, want := hitIDs(res), []int64{docs[1].ID, docs[2].ID, docs[3].ID, docs[0].ID}; !reflect.DeepEqual(got, want) {
		t.Errorf("after the desk's corrections: %v, want %v", got, want)
	}
}
