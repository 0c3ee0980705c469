package crawl

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/baogao/baogao"
	"github.com/baogao/baogao/internal/doctext"
	"github.com/baogao/baogao/internal/ingest"
	"github.com/baogao/baogao/internal/place"
	"github.com/baogao/baogao/internal/sqlite"
)

func openStore(t *testing.T) *sqlite.Store {
	t.Helper()
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "crawl.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := st.SyncPlaces(context.Background(), place.Default()); err != nil {
		t.Fatal(err)
	}
	return st
}

func needPDF(t *testing.T) {
	t.Helper()
	if err := doctext.Available(doctext.PDF); err != nil {
		if os.Getenv("BAOGAO_REQUIRE_DOCTOOLS") != "" {
			t.Fatal(err)
		}
		t.Skip(err)
	}
}

// countySite is a county portal with everything a real one has: GBK and
// Big5 pages, paginated listings, a redirect, a robots.txt that forbids a
// path, a sitemap and a feed, pages that fail once (503, 429, a timeout),
// news, a PDF and a Word attachment, a redirect to a private address — and
// a mirror of one report on another host.
type countySite struct {
	a, mirror, private *site
	docs               map[string]*baogao.Document // path on a → the document it holds
}

func newCountySite(t *testing.T) *countySite {
	t.Helper()
	cs := &countySite{a: newSite(t, "127.0.0.1:0"), mirror: newSite(t, "127.0.0.1:0"), private: newSite(t, "127.0.0.2:0"),
		docs: map[string]*baogao.Document{}}
	a := cs.a
	d := demoDocs(t, baogao.KindWorkReport, baogao.KindWorkReport, baogao.KindWorkReport, baogao.KindWorkReport,
		baogao.KindWorkReport, baogao.KindStatsBulletin, baogao.KindPlan)
	r23, r22, r21, r20, r19, bulletin, plan := d[0], d[1], d[2], d[3], d[4], d[5], d[6]
	pdf, err := os.ReadFile("../doctext/testdata/report.pdf")
	if err != nil {
		t.Fatal(err)
	}
	htmlGBK := func(doc *baogao.Document, links string) *page {
		return &page{body: encode(t, gbk, htmlPage(doc.Meta.Title, doc.Body, "gbk", links)), contentType: "text/html"}
	}
	utf8Page := func(s string) *page { return &page{body: []byte(s), contentType: "text/html; charset=utf-8"} }

	a.add("/robots.txt", &page{body: []byte("User-agent: *\nDisallow: /private/\n\nSitemap: " + a.URL + "/sitemap.xml\n"), contentType: "text/plain"})
	a.add("/sitemap.xml", &page{contentType: "application/xml", body: []byte(`<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>` + a.URL + `/art/2022/bulletin.html</loc></url></urlset>`)})
	a.add("/feed.xml", &page{contentType: "application/atom+xml", body: []byte(`<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>政务动态</title><entry><title>报告</title><link href="/art/2019/report.html"/></entry></feed>`)})
	a.add("/", utf8Page(strings.Replace(listing("嘉禾县人民政府",
		"/col/reports/index.html", "政府工作报告", "/col/news/index.html", "新闻动态", "/private/secret.html", "内部资料",
		"/go/elsewhere", "外部链接", "http://example.invalid/", "其他网站"), "</head>", `<link rel="alternate" type="application/atom+xml" href="/feed.xml"></head>`, 1)))
	a.add("/col/reports/index.html", utf8Page(listing("政府工作报告",
		"/art/2023/report.html", r23.Meta.Title, "/old/2022.html", r22.Meta.Title, "/art/2023/plan.html", plan.Meta.Title,
		"index_1.html", "下一页")))
	a.add("/col/reports/index_1.html", &page{serve: func(w http.ResponseWriter, r *http.Request, n int) {
		if n == 0 {
			w.Header().Set("Retry-After", "1")
			http.Error(w, "too many requests", http.StatusTooManyRequests)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(listing("政府工作报告 第2页", "/art/2021/report.html", r21.Meta.Title, "/files/jinxiang2023.pdf", "金乡县政府工作报告（PDF）",
			"/art/2020/report.html", r20.Meta.Title)))
	}})
	a.add("/art/2023/report.html", htmlGBK(r23, ""))
	cs.docs["/art/2023/report.html"] = r23
	a.add("/old/2022.html", &page{serve: func(w http.ResponseWriter, r *http.Request, _ int) {
		http.Redirect(w, r, "/art/2022/report.html", http.StatusMovedPermanently)
	}})
	a.add("/art/2022/report.html", htmlGBK(r22, ""))
	cs.docs["/old/2022.html"] = r22
	a.add("/art/2022/bulletin.html", &page{body: encode(t, big5, traditional(t, htmlPage(bulletin.Meta.Title, bulletin.Body, "big5", ""))), contentType: "text/html"})
	cs.docs["/art/2022/bulletin.html"] = bulletin
	planPage := htmlGBK(plan, "")
	a.add("/art/2023/plan.html", &page{serve: func(w http.ResponseWriter, r *http.Request, n int) {
		if n == 0 {
			http.Error(w, "busy", http.StatusServiceUnavailable)
			return
		}
		w.Header().Set("Content-Type", "text/html")
		w.Write(planPage.body)
	}})
	cs.docs["/art/2023/plan.html"] = plan
	a.add("/art/2021/report.html", utf8Page(htmlPage(r21.Meta.Title, "附件：", "utf-8", `<p><a href="/files/2021.docx">`+r21.Meta.Title+`.docx</a></p>`)))
	a.add("/files/2021.docx", &page{body: docxOf(t, r21.Meta.Title, r21.Body), contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document"})
	cs.docs["/files/2021.docx"] = r21
	a.add("/files/jinxiang2023.pdf", &page{body: pdf, contentType: "application/pdf"})
	slow := htmlGBK(r20, "")
	a.add("/art/2020/report.html", &page{serve: func(w http.ResponseWriter, r *http.Request, n int) {
		if n == 0 {
			select { // longer than the crawler waits
			case <-r.Context().Done():
			case <-time.After(3 * time.Second):
			}
			return
		}
		w.Header().Set("Content-Type", "text/html")
		w.Write(slow.body)
	}})
	cs.docs["/art/2020/report.html"] = r20
	a.add("/art/2019/report.html", htmlGBK(r19, ""))
	cs.docs["/art/2019/report.html"] = r19
	a.add("/col/news/index.html", utf8Page(listing("新闻动态", "/art/news1.html", "春季农业生产现场会", "/art/news2.html", "油菜花节开幕")))
	a.add("/art/news1.html", utf8Page(htmlPage("嘉禾县召开春季农业生产现场会", strings.Repeat("3月15日，全县春季农业生产现场会在珠泉镇召开。与会人员实地观摩了高标准农田建设、水稻集中育秧和农机作业现场，听取了各乡镇春耕备耕情况汇报。会议要求，各地要抢抓农时，落实好种粮补贴政策，确保粮食面积稳定。\n", 3), "utf-8", "")))
	a.add("/art/news2.html", utf8Page(htmlPage("第三届油菜花节在我县开幕", strings.Repeat("3月20日上午，第三届油菜花节在石桥镇开幕。活动期间将举办摄影大赛、农产品展销和乡村音乐会等系列活动，预计吸引游客十万人次，带动乡村旅游收入增长。\n", 3), "utf-8", "")))
	a.add("/private/secret.html", utf8Page(htmlPage("内部资料", "不应被抓取。", "utf-8", "")))
	a.add("/go/elsewhere", &page{serve: func(w http.ResponseWriter, r *http.Request, _ int) {
		http.Redirect(w, r, cs.private.URL+"/trap.html", http.StatusFound)
	}})
	cs.private.add("/trap.html", utf8Page(htmlPage(r23.Meta.Title, r23.Body, "utf-8", "")))

	// The mirror: the 2023 report in UTF-8 with other furniture.
	cs.mirror.add("/mirror/index.html", utf8Page(listing("报告库", "/mirror/2023.html", r23.Meta.Title)))
	cs.mirror.add("/mirror/2023.html", utf8Page(`<html><head><title>`+r23.Meta.Title+` - 报告库</title></head><body><div id="menu"><a href="/">首页</a></div><article><h1>`+
		r23.Meta.Title+`</h1><p>`+strings.ReplaceAll(r23.Body, "\n", "</p><p>")+`</p></article><div class="comments">发表评论</div></body></html>`))
	return cs
}

// config writes and loads the test crawl's config file: fast, with short
// timeouts, allowed to reach 127.0.0.1 only.
func (cs *countySite) config(t *testing.T) *Config {
	t.Helper()
	path := filepath.Join(t.TempDir(), "crawl.toml")
	text := fmt.Sprintf(`user_agent = "baogao-test"
contact = "https://archive.example.org/crawler"
rate = 20
concurrency = 2
timeout = "400ms"
retries = 2
backoff = "50ms"
max_depth = 3
allow_networks = ["127.0.0.1/32"]

[[site]]
hosts = [%q, %q, %q]
`, strings.TrimPrefix(cs.a.URL, "http://"), strings.TrimPrefix(cs.mirror.URL, "http://"), strings.TrimPrefix(cs.private.URL, "http://"))
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, err := LoadConfig(path)
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

func (cs *countySite) start() []string {
	return []string{cs.a.URL + "/", cs.mirror.URL + "/mirror/index.html"}
}

// archiveState is what a crawl leaves that must not depend on how it went:
// each document (by its text's hash) with the URLs of its sources, and
// each URL of the frontier with its outcome.
func archiveState(t *testing.T, st *sqlite.Store) (docs map[string][]string, frontier map[string]string) {
	t.Helper()
	ctx := context.Background()
	docs = map[string][]string{}
	ids, err := st.DocumentIDs(ctx, 0, 1000)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range ids {
		d, err := st.Document(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		var urls []string
		for _, s := range d.Sources {
			urls = append(urls, s.URL)
		}
		sort.Strings(urls)
		docs[d.SHA256] = urls
	}
	frontier = map[string]string{}
	rows, err := st.DB().Query(`SELECT url, state, outcome FROM crawl_frontier`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var u, state, outcome string
		rows.Scan(&u, &state, &outcome)
		frontier[u] = state + " " + outcome
	}
	return docs, frontier
}

// TestCrawlSite crawls the county site and its mirror and checks exactly
// what was stored, what was fetched, the rate of requests, and that a
// second crawl stores nothing and asks conditionally.
func TestCrawlSite(t *testing.T) {
	needPDF(t)
	ctx := context.Background()
	cs := newCountySite(t)
	st := openStore(t)
	var events []Event
	cr, err := New(st, Options{Config: cs.config(t), Parser: ingest.NewParser(place.Default()), Version: "test",
		Events: func(e Event) { events = append(events, e) }})
	if err != nil {
		t.Fatal(err)
	}
	sum, err := cr.Run(ctx, cs.start())
	if err != nil {
		t.Fatal(err)
	}
	a := cs.a.URL
	_, frontier := archiveState(t, st)
	want := map[string]string{
		a + "/":                         "done skipped",
		a + "/sitemap.xml":              "done listing",
		a + "/feed.xml":                 "done listing",
		a + "/col/reports/index.html":   "done skipped",
		a + "/col/reports/index_1.html": "done skipped",
		a + "/col/news/index.html":      "done skipped",

		a + "/old/2022.html":                 "done stored",
		a + "/art/2022/bulletin.html":        "done stored",
		a + "/art/2023/plan.html":            "done stored",
		a + "/art/2021/report.html":          "done skipped",
		a + "/files/2021.docx":               "done stored",
		a + "/files/jinxiang2023.pdf":        "done stored",
		a + "/art/2020/report.html":          "done stored",
		a + "/art/2019/report.html":          "done stored",
		a + "/art/news1.html":                "done skipped",
		a + "/art/news2.html":                "done skipped",
		a + "/private/secret.html":           "done skipped",
		a + "/go/elsewhere":                  "done failed",
		cs.mirror.URL + "/mirror/index.html": "done skipped",
		cs.mirror.URL + "/":                  "done failed", // 404
		cs.mirror.URL + "/sitemap.xml":       "done skipped",
	}
	// The report and its mirror: whichever came first is stored, the
	// other is its second source.
	if pair := frontier[a+"/art/2023/report.html"] + ", " + frontier[cs.mirror.URL+"/mirror/2023.html"]; pair != "done stored, done duplicate" &&
		pair != "done duplicate, done stored" {
		t.Errorf("the report and its mirror: %s", pair)
	}
	delete(frontier, a+"/art/2023/report.html")
	delete(frontier, cs.mirror.URL+"/mirror/2023.html")
	for u, w := range want {
		if frontier[u] != w {
			t.Errorf("%s: %q, want %q", u, frontier[u], w)
		}
	}
	for u, got := range frontier {
		if _, ok := want[u]; !ok {
			t.Errorf("unexpected URL in the frontier: %s (%s)", u, got)
		}
	}
	reasons := map[string]string{}
	for _, e := range events {
		reasons[e.URL] = e.Reason
	}
	for u, substr := range map[string]string{
		a + "/private/secret.html":  "robots.txt",
		a + "/go/elsewhere":         "refused: address 127.0.0.2 is loopback",
		a + "/art/news1.html":       "not a report",
		a + "/art/2021/report.html": "too short",
	} {
		if !strings.Contains(reasons[u], substr) {
			t.Errorf("%s: reason %q, want one with %q", u, reasons[u], substr)
		}
	}

	// Exactly the expected documents, the mirror as a second source.
	stats, _ := st.Stats(ctx)
	if stats.Documents != 8 || stats.Sources != 9 {
		t.Errorf("stored %d documents with %d sources, want 8 with 9", stats.Documents, stats.Sources)
	}
	for path, want := range cs.docs {
		f, err := st.LastFetch(ctx, a+path)
		if err != nil || f.DocumentID == 0 {
			t.Errorf("%s: no document (%v)", path, err)
			continue
		}
		d, err := st.Document(ctx, f.DocumentID)
		if err != nil {
			t.Fatal(err)
		}
		if len(d.Sources) == 2 && d.Sources[1].URL == a+path {
			d.Sources[0], d.Sources[1] = d.Sources[1], d.Sources[0] // the site's own first, then the mirror
		}
		if d.Meta.Kind != want.Meta.Kind || d.Meta.PlaceCode != want.Meta.PlaceCode || d.Meta.Year != want.Meta.Year {
			t.Errorf("%s: stored as %s %s %d, want %s %s %d", path, d.Meta.Kind, d.Meta.PlaceCode, d.Meta.Year,
				want.Meta.Kind, want.Meta.PlaceCode, want.Meta.Year)
		}
		src := d.Sources[0]
		if src.URL != a+path || src.Status != 200 || src.FetchedAt.IsZero() || src.SHA256 == "" || src.Size == 0 || src.File != "" {
			t.Errorf("%s: source %+v", path, src)
		}
		if raw, err := st.Original(ctx, src.SHA256); err != nil || int64(len(raw)) != src.Size {
			t.Errorf("%s: original of %d bytes (%v), want %d", path, len(raw), err, src.Size)
		}
		switch path {
		case "/old/2022.html":
			if src.FinalURL != a+"/art/2022/report.html" {
				t.Errorf("redirected source's final URL = %q", src.FinalURL)
			}
		case "/art/2022/bulletin.html":
			if src.Encoding != "big5" || src.Script != "traditional" {
				t.Errorf("bulletin read as %s %s", src.Encoding, src.Script)
			}
		case "/art/2023/report.html":
			if src.Encoding != "gb18030" && src.Encoding != "gbk" {
				t.Errorf("report read as %s", src.Encoding)
			}
			if len(d.Sources) != 2 || d.Sources[1].URL != cs.mirror.URL+"/mirror/2023.html" {
				t.Errorf("the mirror is not a second source: %+v", d.Sources)
			}
		case "/files/2021.docx":
			if src.Encoding != "docx" || !strings.Contains(src.ContentType, "wordprocessingml") {
				t.Errorf("docx source %+v", src)
			}
		}
	}
	if f, _ := st.LastFetch(ctx, a+"/files/jinxiang2023.pdf"); f.DocumentID != 0 {
		if d, _ := st.Document(ctx, f.DocumentID); d.Meta.PlaceCode != "370828" || d.Meta.Kind != baogao.KindWorkReport {
			t.Errorf("PDF stored as %+v", d.Meta)
		}
	}

	// Nothing forbidden or off the allowed hosts was asked for; failures
	// were asked for again; every request identified the crawler.
	if n := cs.a.asked("/private/secret.html"); n != 0 {
		t.Errorf("the path robots.txt forbids was fetched %d times", n)
	}
	if n := len(cs.private.requests()); n != 0 {
		t.Errorf("the private address got %d requests", n)
	}
	for path, n := range map[string]int{"/art/2023/plan.html": 2, "/art/2020/report.html": 2, "/col/reports/index_1.html": 2, "/robots.txt": 1, "/art/2023/report.html": 1} {
		if got := cs.a.asked(path); got != n {
			t.Errorf("%s asked for %d times, want %d", path, got, n)
		}
	}
	hits := cs.a.requests()
	for _, h := range hits {
		if !strings.HasPrefix(h.userAgent, "baogao-test/test (+https://archive.example.org/crawler)") {
			t.Errorf("User-Agent %q", h.userAgent)
			break
		}
	}
	// The rate limit (20 a second: 50 ms apart) holds, measured from the
	// server's arrival times: over the whole crawl, and over every ten
	// requests in a row (450 ms; a loaded machine may delay a request's
	// arrival by tens of milliseconds, so single gaps are only logged).
	minGap, minWindow := time.Hour, time.Hour
	for i := 1; i < len(hits); i++ {
		minGap = min(minGap, hits[i].at.Sub(hits[i-1].at))
		if i >= 9 {
			minWindow = min(minWindow, hits[i].at.Sub(hits[i-9].at))
		}
	}
	span := hits[len(hits)-1].at.Sub(hits[0].at)
	if minWindow < 340*time.Millisecond || float64(len(hits)-1)/span.Seconds() > 20.5 {
		t.Errorf("%d requests in %s, ten in a row within %s: over 20 a second", len(hits), span, minWindow)
	}
	t.Logf("first crawl: %+v; %d requests to the site in %s (%.1f/s), closest %s apart, ten in a row within %s at least",
		sum, len(hits), span.Round(time.Millisecond), float64(len(hits)-1)/span.Seconds(), minGap.Round(time.Millisecond), minWindow.Round(time.Millisecond))
	if sum.Stored != 8 || sum.Duplicates != 1 || sum.Retries != 3 || sum.Queued != 0 {
		t.Errorf("summary = %+v", sum)
	}

	// Again: nothing added, and the pages that gave validators are asked
	// for conditionally.
	before := len(hits)
	docsBefore, _ := archiveState(t, st)
	sum2, err := cr.Run(ctx, cs.start())
	if err != nil {
		t.Fatal(err)
	}
	docsAfter, frontier2 := archiveState(t, st)
	if fmt.Sprint(docsAfter) != fmt.Sprint(docsBefore) {
		t.Errorf("the second crawl changed the archive:\n%v\n%v", docsBefore, docsAfter)
	}
	if sum2.Stored != 0 || sum2.Duplicates != 0 || sum2.Run == sum.Run {
		t.Errorf("second crawl: %+v", sum2)
	}
	conditional := 0
	for _, h := range cs.a.requests()[before:] {
		if h.conditional {
			conditional++
		}
	}
	if conditional < 10 {
		t.Errorf("second crawl: %d conditional requests of %d", conditional, len(cs.a.requests())-before)
	}
	for _, u := range []string{a + "/col/reports/index.html", a + "/art/2023/report.html", a + "/files/jinxiang2023.pdf"} {
		if frontier2[u] != "done unchanged" {
			t.Errorf("second crawl, %s: %q", u, frontier2[u])
		}
	}
	t.Logf("second crawl: %+v; %d of %d requests conditional", sum2, conditional, len(cs.a.requests())-before)
}

// TestResumeBetweenStoreAndFinish: a crawler killed after storing a batch's
// documents but before finishing their URLs fetches those URLs again when
// it continues, finds their bytes stored by this run, and ends with the
// outcomes an uninterrupted crawl has (stored, duplicate), not "unchanged".
func TestResumeBetweenStoreAndFinish(t *testing.T) {
	needPDF(t)
	ctx := context.Background()
	cs := newCountySite(t)
	st := openStore(t)
	cr, err := New(st, Options{Config: cs.config(t), Parser: ingest.NewParser(place.Default())})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cr.Run(ctx, cs.start()); err != nil {
		t.Fatal(err)
	}
	wantDocs, wantFrontier := archiveState(t, st)

	// Undo the finishing of the report, its mirror and the redirected report.
	urls := []string{cs.a.URL + "/art/2023/report.html", cs.mirror.URL + "/mirror/2023.html", cs.a.URL + "/old/2022.html"}
	for _, u := range urls {
		if _, err := st.DB().Exec(`UPDATE crawl_frontier SET state = 'taken', outcome = '', reason = '', document_id = 0 WHERE url = ?`, u); err != nil {
			t.Fatal(err)
		}
		if _, err := st.DB().Exec(`DELETE FROM crawl_fetches WHERE url = ?`, u); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := st.DB().Exec(`UPDATE crawl_runs SET finished_at = ''`); err != nil {
		t.Fatal(err)
	}
	sum, err := cr.Run(ctx, cs.start())
	if err != nil {
		t.Fatal(err)
	}
	if !sum.Resumed || sum.Finished != len(urls) {
		t.Errorf("continued run: %+v", sum)
	}
	gotDocs, gotFrontier := archiveState(t, st)
	if fmt.Sprint(gotDocs) != fmt.Sprint(wantDocs) || fmt.Sprint(gotFrontier) != fmt.Sprint(wantFrontier) {
		t.Errorf("after continuing:\n%v\n%v\nwant:\n%v\n%v", gotDocs, gotFrontier, wantDocs, wantFrontier)
	}
}

// TestDocumentLinksAfter304: a document page's bytes are kept once, as its
// source's original, not again as the page's last fetch; when the page
// answers 304 to the next crawl, its links are read from the original and
// followed as before.
func TestDocumentLinksAfter304(t *testing.T) {
	ctx := context.Background()
	s := newSite(t, "127.0.0.1:0")
	d := demoDocs(t, baogao.KindWorkReport, baogao.KindStatsBulletin)
	utf8Page := func(body string) *page { return &page{body: []byte(body), contentType: "text/html; charset=utf-8"} }
	s.add("/list.html", utf8Page(listing("文件", "/doc1.html", d[0].Meta.Title)))
	s.add("/doc1.html", utf8Page(htmlPage(d[0].Meta.Title, d[0].Body, "utf-8", `<p>附件：<a href="/doc2.docx">`+d[1].Meta.Title+`</a></p>`)))
	s.add("/doc2.docx", &page{body: docxOf(t, d[1].Meta.Title, d[1].Body), contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document"})
	path := filepath.Join(t.TempDir(), "crawl.toml")
	text := fmt.Sprintf("user_agent = \"baogao-test\"\ncontact = \"https://archive.example.org/crawler\"\nrate = 50\ntimeout = \"2s\"\nmax_depth = 3\nallow_networks = [\"127.0.0.1/32\"]\n\n[[site]]\nhosts = [%q]\n",
		strings.TrimPrefix(s.URL, "http://"))
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, err := LoadConfig(path)
	if err != nil {
		t.Fatal(err)
	}
	st := openStore(t)
	var events []string
	cr, err := New(st, Options{Config: cfg, Parser: ingest.NewParser(place.Default()), Version: "test",
		Events: func(e Event) { events = append(events, e.URL+" "+e.Outcome+" "+e.Reason) }})
	if err != nil {
		t.Fatal(err)
	}
	if sum, err := cr.Run(ctx, []string{s.URL + "/list.html"}); err != nil || sum.Stored != 2 {
		t.Fatalf("first crawl: %+v, %v\n%s", sum, err, strings.Join(events, "\n"))
	}
	f, err := st.LastFetch(ctx, s.URL+"/doc1.html")
	if err != nil || f.DocumentID == 0 || f.Body != nil {
		t.Fatalf("the document page's fetch: document %d, %d bytes kept (%v)", f.DocumentID, len(f.Body), err)
	}
	if raw, err := st.Original(ctx, f.SHA256); err != nil || !strings.Contains(string(raw), `href="/doc2.docx"`) {
		t.Fatalf("the page's original: %v", err)
	}
	before := len(s.requests())
	if _, err := cr.Run(ctx, []string{s.URL + "/list.html"}); err != nil {
		t.Fatal(err)
	}
	asked := map[string]bool{}
	for _, h := range s.requests()[before:] {
		asked[h.path] = h.conditional
	}
	for _, p := range []string{"/list.html", "/doc1.html", "/doc2.docx"} {
		if c, ok := asked[p]; !ok || !c {
			t.Errorf("second crawl: %s asked %v, conditionally %v", p, ok, c)
		}
	}
	if _, frontier := archiveState(t, st); frontier[s.URL+"/doc2.docx"] != "done unchanged" {
		t.Errorf("second crawl, the attachment: %q", frontier[s.URL+"/doc2.docx"])
	}
}
