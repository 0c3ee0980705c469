package web

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/baogao/baogao"
	"github.com/baogao/baogao/internal/ingest"
	"github.com/baogao/baogao/internal/place"
	"github.com/baogao/baogao/internal/sqlite"
)

// newTestSite serves a SQLite archive holding one imported report.
func newTestSite(t *testing.T) (*httptest.Server, *baogao.Document) {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "web.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	text := "2024年嘉禾县人民政府工作报告\n——2024年1月16日在嘉禾县第十八届人民代表大会第四次会议上\n各位代表：\n一、2023年工作回顾\n地区生产总值增长5.8%。<script>alert(1)</script>\n二、2024年工作安排\n地区生产总值增长6%左右。\n"
	im := &ingest.Importer{Store: st, Parser: ingest.NewParser(place.Default())}
	r := im.Import(ctx, []byte(text), ingest.Input{Name: "r.txt"})
	if r.Status != ingest.StatusImported {
		t.Fatalf("import: %+v", r)
	}
	doc, err := st.Document(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	srv, err := New(Config{Store: st, Places: place.Default()})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return ts, doc
}

func get(t *testing.T, url string) (int, string, http.Header) {
	t.Helper()
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), resp.Header
}

func TestPages(t *testing.T) {
	ts, doc := newTestSite(t)
	code, body, _ := get(t, ts.URL+"/")
	if code != 200 || !strings.Contains(body, doc.Meta.Title) || !strings.Contains(body, doc.URL()) {
		t.Errorf("home: %d\n%s", code, body)
	}
	code, body, _ = get(t, ts.URL+doc.URL())
	if code != 200 || !strings.Contains(body, "<h1>2024年嘉禾县人民政府工作报告</h1>") || !strings.Contains(body, `href="/place/431024"`) {
		t.Errorf("document: %d\n%s", code, body)
	}
	if strings.Contains(body, "<script>alert(1)</script>") || !strings.Contains(body, "&lt;script&gt;") {
		t.Error("document text is not escaped")
	}
	code, _, h := get(t, ts.URL+"/wenjian/qita/"+strconv.FormatInt(doc.ID, 10)+".html")
	if code != http.StatusMovedPermanently || h.Get("Location") != doc.URL() {
		t.Errorf("wrong kind/region: %d → %q, want 301 → %s", code, h.Get("Location"), doc.URL())
	}
	for _, path := range []string{"/baogao/huadong/999.html", "/baogao/huadong/x.html", "/nothing", "/baogao/huadong/1"} {
		if code, body, _ := get(t, ts.URL+path); code != 404 || !strings.Contains(body, "页面不存在") {
			t.Errorf("%s: %d", path, code)
		}
	}
	if code, body, _ := get(t, ts.URL+"/healthz"); code != 200 || body != "ok\n" {
		t.Errorf("healthz: %d %q", code, body)
	}
	if code, _, h := get(t, ts.URL+"/static/style.css"); code != 200 || !strings.HasPrefix(h.Get("Content-Type"), "text/css") {
		t.Errorf("style.css: %d %s", code, h.Get("Content-Type"))
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// TestDocumentValuesWritten: the document page's data tables write values
// as the page's readers write them, not as stored (1100000 人, 13000 亿元).
func TestDocumentValuesWritten(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "web.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	im := &ingest.Importer{Store: st, Parser: ingest.NewParser(place.Default())}
	r := im.Import(ctx, []byte("2024年嘉禾县人民政府工作报告\n各位代表：\n今年的目标是稳中求进。\n"), ingest.Input{Name: "r.txt"})
	if r.Status != ingest.StatusImported {
		t.Fatalf("import: %+v", r)
	}
	high, stretch, inv := 6.5, 8.0, 0.5
	y := 2024
	ex := baogao.Extraction{
		Targets: []baogao.Target{
			{Indicator: "urban_jobs", Value: 1100000, Unit: "人", Qualifier: baogao.QualAtLeast, Words: []string{"以上"}, Year: &y},
			{Indicator: "gdp", Value: 13000, Unit: "亿元", Qualifier: baogao.QualAtLeast, Words: []string{"确保"}, Year: &y},
			{Indicator: "gdp_growth", Value: 7, Stretch: &stretch, Unit: "%", Qualifier: baogao.QualAbout, Words: []string{"左右", "力争"}, Year: &y},
			{Indicator: "fai_growth", Value: 6, ValueHigh: &high, Unit: "%", Qualifier: baogao.QualRange, Year: &y},
			{Indicator: "energy_intensity_growth", Value: -3, Unit: "%", Qualifier: baogao.QualExact, Year: &y},
		},
		Outcomes: []baogao.Outcome{{Indicator: "gdp", Value: 12000, Unit: "亿元", Bound: "at_least", Year: &y}},
		Goals:    []baogao.Goal{{Subject: "新材料产业", Metric: "产值", Value: 200, Unit: "亿元"}},
		Projects: []baogao.Project{{Name: "诚宇新能源", Action: "落地", Investment: &inv, Unit: "亿元"}},
	}
	if err := st.SetExtraction(ctx, r.ID, ex); err != nil {
		t.Fatal(err)
	}
	doc, err := st.Document(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	srv, err := New(Config{Store: st, Places: place.Default()})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	for _, c := range []struct {
		query      string
		want, gone []string
	}{
		{"", []string{`<td class="num">110万人以上</td>`, `<td class="num">1.3万亿元以上</td>`, `<td class="num">7%左右，力争8%</td>`,
			`<td class="num">6%—6.5%</td>`, `<td class="num">下降3%</td>`, `<td class="num">1.2万亿元以上</td>`,
			`<td class="num">200亿元</td>`, `<td class="num">5000万元</td>`, "<td>左右、力争</td>", "<td>确保</td>"},
			[]string{"1100000", "13000"}},
		{"?lang=en", []string{`<td class="num">1.1 million people or more</td>`, `<td class="num">RMB 1.3 trillion or more</td>`,
			`<td class="num">about 7%, aiming for 8%</td>`, `<td class="num">6%–6.5%</td>`, `<td class="num">down 3%</td>`,
			`<td class="num">RMB 20 billion</td>`, `<td class="num">RMB 50 million</td>`},
			[]string{"1100000", "13000"}},
	} {
		code, body, _ := get(t, ts.URL+doc.URL()+c.query)
		if code != 200 {
			t.Fatalf("%s: %d", c.query, code)
		}
		for _, w := range c.want {
			if !strings.Contains(body, w) {
				t.Errorf("%q: no %s", c.query, w)
			}
		}
		for _, g := range c.gone {
			if strings.Contains(body, g) {
				t.Errorf("%q: shows the stored value %s", c.query, g)
			}
		}
	}
}

// TestDocumentLayout: the byline centred and the salutation flush left, as
// printed reports set them; a legend of the highlights; the main targets
// on a card; the outline (folding and in the side column) leads to the
// extracted data.
func TestDocumentLayout(t *testing.T) {
	ts, doc := newTestSite(t)
	_, body, _ := get(t, ts.URL+doc.URL())
	for _, want := range []string{
		`<p class="byline">——2024年1月16日在嘉禾县第十八届人民代表大会第四次会议上</p>`,
		`<p class="salute">各位代表：</p>`,
		`<p class="legend"`, `<mark class="m-t">预期目标</mark>`, `<mark class="m-o">完成情况</mark>`,
		`<section class="card" aria-labelledby="goals-title"><h2 id="goals-title">主要预期目标 <span class="year">2024</span></h2>`,
		`<dd class="num">6%左右</dd>`,
		`<details class="outline-fold"><summary>目录</summary>`,
		`<aside class="side"`, `<li class="l1"><a href="#data-title">提取的数据</a></li>`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("document page lacks %s", want)
		}
	}
	// Last year's outcome is no main target of this year.
	card := body[strings.Index(body, `<section class="card"`):]
	card = card[:strings.Index(card, "</section>")]
	if strings.Contains(card, "5.8%") {
		t.Errorf("the card shows last year's outcome: %s", card)
	}
	for _, tc := range []struct {
		in   string
		want bool
	}{
		{"县长 董冰", true}, {"嘉禾县人民政府县长 李四", true}, {"（2023年1月3日）", true},
		{"——2024年1月16日在嘉禾县第十八届人民代表大会第四次会议上", true},
		{"现在，我代表县人民政府，向大会报告工作，请予审议。", false}, {"一年来县长带头调研", false},
	} {
		if got := isByline(tc.in); got != tc.want {
			t.Errorf("isByline(%q) = %v", tc.in, got)
		}
	}
}
