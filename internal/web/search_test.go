package web

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/baogao/baogao"
	"github.com/baogao/baogao/internal/place"
	"github.com/baogao/baogao/internal/sqlite"
)

// searchSite serves a SQLite archive of a few documents about 冷链物流.
func searchSite(t *testing.T) *httptest.Server {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "search.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	g := place.Default()
	for i, d := range []struct {
		code  string
		kind  baogao.Kind
		year  int
		title string
		body  string
	}{
		{"370828", baogao.KindWorkReport, 2023, "金乡县2023年政府工作报告", "大力发展冷链物流，建设冷链物流园区。<script>alert(1)</script>"},
		{"370800", baogao.KindStatsBulletin, 2022, "济宁市2022年统计公报", "冷链物流营业收入增长12%。"},
		{"440300", baogao.KindWorkReport, 2023, "深圳市2023年政府工作报告", "推进5G基站建设。"},
	} {
		p, _ := g.Place(d.code)
		doc := &baogao.Document{Meta: baogao.Meta{Title: d.title, Kind: d.kind, PlaceCode: d.code, Place: g.FullName(d.code),
			Level: p.Level, Region: baogao.RegionOf(d.code), Year: d.year}, Body: d.body, SHA256: fmt.Sprintf("%064d", i)}
		if err := st.AddDocument(ctx, doc, baogao.Source{SHA256: fmt.Sprintf("%064d", 100+i)}); err != nil {
			t.Fatal(err)
		}
	}
	srv, err := New(Config{Store: st, Places: g, RateLimit: -1})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return ts
}

func TestAPISearch(t *testing.T) {
	ts := searchSite(t)
	var res struct {
		Total int `json:"total"`
		Hits  []struct {
			ID        int64   `json:"id"`
			URL       string  `json:"url"`
			Title     string  `json:"title"`
			Kind      string  `json:"kind"`
			PlaceCode string  `json:"place_code"`
			Year      int     `json:"year"`
			Snippet   string  `json:"snippet"`
			Score     float64 `json:"score"`
		} `json:"hits"`
	}
	getJSON(t, ts.URL+"/api/v1/search?q="+url.QueryEscape("冷链物流"), 200, &res)
	if res.Total != 2 || len(res.Hits) != 2 || res.Hits[0].Title != "金乡县2023年政府工作报告" || res.Hits[0].Score <= res.Hits[1].Score {
		t.Fatalf("search: %+v", res)
	}
	h := res.Hits[0]
	if h.URL != fmt.Sprintf("/baogao/huadong/%d.html", h.ID) || h.Kind != "work_report" || h.PlaceCode != "370828" || h.Year != 2023 ||
		!strings.Contains(h.Snippet, "<mark>冷链物流</mark>") || !strings.Contains(h.Snippet, "&lt;script&gt;") {
		t.Errorf("hit = %+v", h)
	}
	// The filters and the page take the CLI's flag names.
	for _, tc := range []struct {
		query string
		total int
		hits  int
	}{
		{"q=冷链物流&kind=gongbao", 1, 1},
		{"q=冷链物流&kind=stats_bulletin&year=2022", 1, 1},
		{"q=冷链物流&year=2023-2024", 1, 1},
		{"q=冷链物流&province=山东省", 2, 2},
		{"q=冷链物流&place=370800", 2, 2},
		{"q=冷链物流&place=金乡县", 1, 1},
		{"q=冷链物流&level=county", 1, 1},
		{"q=冷链物流&region=huanan", 0, 0},
		{"q=冷链物流&limit=1&offset=1", 2, 1},
		{"q=冷链物流&sort=date", 2, 2},
		{"q=5G", 1, 1},
		{"q=冷链 -园区", 1, 1},
	} {
		v, _ := url.ParseQuery(tc.query)
		var r struct {
			Total int              `json:"total"`
			Hits  []map[string]any `json:"hits"`
		}
		getJSON(t, ts.URL+"/api/v1/search?"+v.Encode(), 200, &r)
		if r.Total != tc.total || len(r.Hits) != tc.hits {
			t.Errorf("%s: total %d, %d hits; want %d, %d", tc.query, r.Total, len(r.Hits), tc.total, tc.hits)
		}
	}
	// Errors: JSON with a code and the matching status, never a 500.
	for _, q := range []string{"q=", "q=%ff", "q=" + strings.Repeat("字", 201), "q=-发展", "q=发展&offset=5000", "q=发展&sort=best",
		"q=发展&kind=x", "q=发展&year=2024-2020", "q=发展&limit=0", "q=发展&place=nowhere"} {
		var e apiError
		getJSON(t, ts.URL+"/api/v1/search?"+q, http.StatusBadRequest, &e)
		if e.Error.Code != "EINVALID" || e.Error.Message == "" {
			t.Errorf("%s: error %+v", q, e)
		}
	}
	for _, q := range hostile {
		code, body, _ := get(t, ts.URL+"/api/v1/search?q="+url.QueryEscape(q))
		if code != 200 && code != 400 && code != http.StatusRequestURITooLong {
			t.Errorf("%.30q: %d %s", q, code, body)
		}
	}
}

// hostile are queries that must be answered with results or a clear error:
// 400, or 414 for a URL over the server's limit.
var hostile = []string{`'; DROP TABLE documents; --`, `"`, `""`, `"冷链`, `-`, `OR`, `NEAR(冷链 物流)`, `{body}: 冷链*`, `*`,
	"\x00", strings.Repeat("冷", 10000), `<script>`, `%`, `\`}

func TestSearchPage(t *testing.T) {
	ts := searchSite(t)
	code, body, _ := get(t, ts.URL+"/search")
	if code != 200 || !strings.Contains(body, `name="q"`) {
		t.Fatalf("empty search page: %d", code)
	}
	code, body, _ = get(t, ts.URL+"/search?q="+url.QueryEscape(`冷链物流 "<b>"`))
	if code != 200 || !strings.Contains(body, `value="冷链物流 &#34;&lt;b&gt;&#34;"`) {
		t.Errorf("the query is not kept, escaped, in the box: %d\n%s", code, body)
	}
	code, body, _ = get(t, ts.URL+"/search?q="+url.QueryEscape("冷链物流"))
	if code != 200 || !strings.Contains(body, "找到 2 篇文件") || !strings.Contains(body, "<mark>冷链物流</mark>") ||
		!strings.Contains(body, "山东省济宁市金乡县") || strings.Contains(body, "<script>alert") || !strings.Contains(body, "&lt;script&gt;") {
		t.Errorf("search page: %d\n%s", code, body)
	}
	code, body, _ = get(t, ts.URL+"/search?q="+url.QueryEscape("冷链物流")+"&kind=stats_bulletin")
	if code != 200 || !strings.Contains(body, "找到 1 篇文件") || !strings.Contains(body, `value="stats_bulletin" selected`) {
		t.Errorf("filtered: %d", code)
	}
	code, body, _ = get(t, ts.URL+"/search?q="+url.QueryEscape("-冷链"))
	if code != 200 || !strings.Contains(body, `role="alert"`) || !strings.Contains(body, "只有排除的词") {
		t.Errorf("a refused query should show its reason: %d\n%s", code, body)
	}
	code, body, _ = get(t, ts.URL+"/search?q="+url.QueryEscape("没有的词"))
	if code != 200 || !strings.Contains(body, "找到 0 篇文件") {
		t.Errorf("nothing found: %d", code)
	}
	code, body, _ = get(t, ts.URL+"/search?q=5G&lang=en")
	if code != 200 || !strings.Contains(body, "1 documents found") {
		t.Errorf("English: %d", code)
	}
	for _, q := range hostile {
		if code, body, _ := get(t, ts.URL+"/search?q="+url.QueryEscape(q)); code != 200 && code != http.StatusRequestURITooLong {
			t.Errorf("%.30q: %d %s", q, code, body)
		}
	}
}

// TestSearchFacetCounts follows every facet value a results page shows,
// on a demo archive, and finds as many results as the count beside it.
func TestSearchFacetCounts(t *testing.T) {
	ts, _, _, _ := demoSite(t, 300)
	optionRe := regexp.MustCompile(`<select name="(\w+)">|<option value="([^"]+)"[^>]*>[^<]*\((\d+)\)</option>`)
	countRe := regexp.MustCompile(`<p class="count">[^<\d]*(\d+)`)
	total := func(u string) int {
		t.Helper()
		_, body, _ := get(t, u)
		m := countRe.FindStringSubmatch(body)
		if m == nil {
			t.Fatalf("%s: no count of results", u)
		}
		n, _ := strconv.Atoi(m[1])
		return n
	}
	checked := map[string]int{}
	for _, start := range []string{"q=GDP", "q=" + url.QueryEscape("生产总值") + "&province=37", "q=" + url.QueryEscape("增长") + "&kind=work_report&level=county"} {
		_, body, _ := get(t, ts.URL+"/search?"+start)
		if !regexp.MustCompile(`<li><a href="[^"]+">[^<]+</a> <span class="badge c-(full|excerpt|news)">`).MatchString(body) {
			t.Errorf("%s: results without completeness badges", start)
		}
		param := ""
		for _, m := range optionRe.FindAllStringSubmatch(body, -1) {
			if m[1] != "" {
				param = m[1]
				continue
			}
			want, _ := strconv.Atoi(m[3])
			v, _ := url.ParseQuery(start)
			v.Set(param, html.UnescapeString(m[2]))
			if param == "province" {
				v.Del("prefecture")
			}
			if got := total(ts.URL + "/search?" + v.Encode()); got != want {
				t.Errorf("%s: %s=%s shows %d, choosing it finds %d", start, param, m[2], want, got)
			}
			checked[param]++
		}
	}
	for _, p := range []string{"kind", "province", "prefecture", "level", "year"} {
		if checked[p] == 0 {
			t.Errorf("no %s facet checked (%v)", p, checked)
		}
	}
}

// TestOpenAtFirstHit: a result opens its document at the first hit, the
// hits marked, each a link to the next, and a bar counting them.
func TestOpenAtFirstHit(t *testing.T) {
	ts := searchSite(t)
	_, body, _ := get(t, ts.URL+"/search?q="+url.QueryEscape("冷链物流"))
	m := regexp.MustCompile(`<a href="(/baogao/huadong/\d+\.html\?hl=[^"#]+#hit-1)">金乡县`).FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no result opening at its first hit:\n%s", body)
	}
	_, doc, _ := get(t, ts.URL+html.UnescapeString(m[1]))
	for _, want := range []string{
		`<a class="hit" href="#hit-2" id="hit-1"><mark class="hit">冷链物流</mark></a>`,
		`<a class="hit" href="#hit-1" id="hit-2"><mark class="hit">冷链物流</mark></a>`,
		`出现 2 处`, `<a href="#hit-2">最后一处</a>`, `<meta name="robots" content="noindex`,
	} {
		if !strings.Contains(doc, want) {
			t.Errorf("the document opened from the result lacks %s", want)
		}
	}
	if strings.Contains(doc, `id="hit-3"`) {
		t.Error("a third hit marked")
	}
	// A query that is markup is text; one absent from the body says so.
	path := strings.SplitN(html.UnescapeString(m[1]), "?", 2)[0]
	_, doc, _ = get(t, ts.URL+path+"?hl="+url.QueryEscape(`<b>无此词</b>`))
	if !strings.Contains(doc, "&lt;b&gt;无此词&lt;/b&gt;”没有出现在正文中") || strings.Contains(doc, `class="hit"`) {
		t.Error("a query absent from the body: no notice, or marks")
	}
	// Without hl the page is as before: no marks, indexable.
	_, doc, _ = get(t, ts.URL+path)
	if strings.Contains(doc, `class="hit"`) || strings.Contains(doc, `nav class="hits"`) {
		t.Error("hits marked without a query")
	}
}

// TestSourceCredit: the source a text names on its 来源 line shows beside
// the document's source, and in the API.
func TestSourceCredit(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "credit.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	g := place.Default()
	doc := &baogao.Document{Meta: baogao.Meta{Title: "金乡县2023年政府工作报告", Kind: baogao.KindWorkReport, PlaceCode: "370828",
		Place: g.FullName("370828"), Level: baogao.LevelCounty, Region: baogao.RegionHuadong, Year: 2023},
		Body: "各位代表：\n地区生产总值增长7%左右。", SHA256: fmt.Sprintf("%064d", 1)}
	src := baogao.Source{SHA256: fmt.Sprintf("%064d", 2), URL: "https://example.gov.cn/a.html", Credit: "大众日报"}
	if err := st.AddDocument(ctx, doc, src); err != nil {
		t.Fatal(err)
	}
	srv, err := New(Config{Store: st, Places: g, RateLimit: -1})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	_, body, _ := get(t, ts.URL+doc.URL())
	if !strings.Contains(body, `<span class="credit">大众日报</span> · <a href="https://example.gov.cn/a.html"`) {
		t.Error("the document page does not show the credit before the source's URL")
	}
	var d struct {
		Sources []struct {
			Credit *string `json:"credit"`
		} `json:"sources"`
	}
	getJSON(t, fmt.Sprintf("%s/api/v1/documents/%d", ts.URL, doc.ID), 200, &d)
	if len(d.Sources) != 1 || d.Sources[0].Credit == nil || *d.Sources[0].Credit != "大众日报" {
		t.Errorf("API sources = %+v", d.Sources)
	}
}
