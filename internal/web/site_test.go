package web

import (
	"compress/gzip"
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/baogao/baogao"
	"github.com/baogao/baogao/internal/ingest"
	"github.com/baogao/baogao/internal/place"
	"github.com/baogao/baogao/internal/sqlite"
	"golang.org/x/net/html"
)

// link is one href or src of a page.
type link struct {
	url, rel string
}

// links returns the href and src attributes of an HTML page.
func links(t *testing.T, body string) []link {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	var out []link
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			var rel string
			for _, a := range n.Attr {
				if a.Key == "rel" {
					rel = a.Val
				}
			}
			for _, a := range n.Attr {
				if a.Key == "href" || a.Key == "src" || a.Key == "action" {
					out = append(out, link{a.Val, rel})
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return out
}

// TestLinks crawls the demo site from its home page: no page links to
// another host (source links excepted), and every internal link resolves.
func TestLinks(t *testing.T) {
	ts, srv, _, _ := demoSite(t, 200)
	base, _ := url.Parse(ts.URL)
	client := &http.Client{}
	seen := map[string]bool{}
	queue := []string{"/", "/feed.xml", "/sitemap.xml", "/api/v1/openapi.json", "/no/such/page"}
	pages := map[string]int{}
	follow := map[string]bool{"/place/370828": true}
	for len(queue) > 0 {
		path := queue[0]
		queue = queue[1:]
		if seen[path] {
			continue
		}
		seen[path] = true
		if strings.HasPrefix(path, "/comments/") {
			continue // the comment form's action and its captcha, not pages (see comments_test.go)
		}
		resp, err := client.Get(ts.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		want := http.StatusOK
		if strings.HasPrefix(path, "/no/") {
			want = http.StatusNotFound
		}
		if resp.StatusCode != want {
			t.Errorf("%s: %d", path, resp.StatusCode)
			continue
		}
		if !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
			continue
		}
		pages[strings.SplitN(strings.Trim(path, "/"), "/", 2)[0]]++
		// Links of place pages and of the English pages are checked, not
		// followed: that would crawl the whole gazetteer twice over.
		if !follow[path] && (strings.HasPrefix(path, "/place/") || strings.Contains(path, "lang=")) {
			continue
		}
		for _, l := range links(t, string(body)) {
			u, err := base.Parse(l.url)
			if err != nil {
				t.Errorf("%s: bad link %q", path, l.url)
				continue
			}
			if own, ok := strings.CutPrefix(u.String(), srv.base+"/"); ok { // canonical and hreflang links
				u, _ = base.Parse("/" + own)
			}
			if u.Host != base.Host {
				if !strings.Contains(l.rel, "external") {
					t.Errorf("%s links to another host: %s", path, l.url)
				}
				continue
			}
			if u.Path == "/search" {
				continue // the search page has its own tests
			}
			target := u.Path
			if u.RawQuery != "" {
				target += "?" + u.RawQuery
			}
			if !seen[target] {
				queue = append(queue, target)
			}
		}
	}
	t.Logf("crawled %d URLs: %v", len(seen), pages)
	if pages["baogao"] < 20 || pages["place"] < 5 {
		t.Errorf("the crawl reached too little: %v", pages)
	}
}

// countingStore counts the calls made to a store.
type countingStore struct {
	baogao.Store
	calls atomic.Int64
}

func (c *countingStore) Document(ctx context.Context, id int64) (*baogao.Document, error) {
	c.calls.Add(1)
	return c.Store.Document(ctx, id)
}
func (c *countingStore) Documents(ctx context.Context, f baogao.DocumentFilter) (baogao.DocumentPage, error) {
	c.calls.Add(1)
	return c.Store.Documents(ctx, f)
}
func (c *countingStore) Stats(ctx context.Context) (baogao.Stats, error) {
	c.calls.Add(1)
	return c.Store.Stats(ctx)
}
func (c *countingStore) Facets(ctx context.Context, f baogao.DocumentFilter) (baogao.Facets, error) {
	c.calls.Add(1)
	return c.Store.Facets(ctx, f)
}

// TestQueriesPerPage: a page costs a fixed number of store calls, whatever
// the number of documents it shows (no N+1). Each store call is a fixed
// number of SQL statements (Document: one read transaction of six
// statements, the others one or two).
func TestQueriesPerPage(t *testing.T) {
	_, _, st, seed := demoSite(t, 300)
	cs := &countingStore{Store: st}
	srv, err := New(Config{Store: cs, Places: place.Default(), RateLimit: -1})
	if err != nil {
		t.Fatal(err)
	}
	limits := map[string]int64{
		"/":                           2,
		"/baogao/":                    2,
		"/baogao/huadong/?year=2023":  2,
		"/baogao/?page=2":             2,
		seed.URL():                    3,
		"/place/370000":               2,
		"/place/370800":               2,
		"/place/370828":               1,
		"/api/v1/documents?limit=100": 1,
		"/feed.xml":                   1,
	}
	for path, limit := range limits {
		cs.calls.Store(0)
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
		if rec.Code != http.StatusOK {
			t.Errorf("%s: %d", path, rec.Code)
		}
		if n := cs.calls.Load(); n > limit {
			t.Errorf("%s made %d store calls, want at most %d", path, n, limit)
		}
	}
}

func TestConditionalRequests(t *testing.T) {
	for _, cache := range []bool{false, true} {
		ts, _, st, seed := demoSite(t, 20)
		_ = cache
		get := func(path string, hdr map[string]string) *http.Response {
			req, _ := http.NewRequest("GET", ts.URL+path, nil)
			for k, v := range hdr {
				req.Header.Set(k, v)
			}
			resp, err := http.DefaultTransport.RoundTrip(req)
			if err != nil {
				t.Fatal(err)
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			return resp
		}
		// Last-Modified is given once the second of the last change is over.
		time.Sleep(time.Until(time.Now().Truncate(time.Second).Add(time.Second + 10*time.Millisecond)))
		first := get(seed.URL(), nil)
		etag, lm := first.Header.Get("ETag"), first.Header.Get("Last-Modified")
		if etag == "" || lm == "" {
			t.Fatalf("no validators: %v", first.Header)
		}
		if r := get(seed.URL(), map[string]string{"If-None-Match": etag}); r.StatusCode != http.StatusNotModified {
			t.Errorf("If-None-Match: %d", r.StatusCode)
		}
		if r := get(seed.URL(), map[string]string{"If-Modified-Since": lm}); r.StatusCode != http.StatusNotModified {
			t.Errorf("If-Modified-Since: %d", r.StatusCode)
		}
		if r := get(seed.URL()+"?lang=en", map[string]string{"If-None-Match": etag}); r.StatusCode != http.StatusOK {
			t.Errorf("another language shares the ETag: %d", r.StatusCode)
		}
		// A change to the archive changes every page's validator.
		if err := st.SetExtraction(context.Background(), seed.ID, baogao.Extraction{}); err != nil {
			t.Fatal(err)
		}
		if r := get(seed.URL(), map[string]string{"If-None-Match": etag}); r.StatusCode != http.StatusOK || r.Header.Get("ETag") == etag {
			t.Errorf("after a change: %d, ETag %s", r.StatusCode, r.Header.Get("ETag"))
		}
	}
}

// TestPageCacheInvalidated: with the cache on, a page shows a change to the
// archive at once.
func TestPageCacheInvalidated(t *testing.T) {
	_, _, st, seed := demoSite(t, 10)
	srv, err := New(Config{Store: st, Places: place.Default(), PageCache: true, RateLimit: -1})
	if err != nil {
		t.Fatal(err)
	}
	body := func() string {
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, httptest.NewRequest("GET", seed.URL(), nil))
		return rec.Body.String()
	}
	if !strings.Contains(body(), "地区生产总值增长7%左右") || !strings.Contains(body(), `class="m-t"`) {
		t.Fatal("the seed page shows no targets")
	}
	st.SetExtraction(context.Background(), seed.ID, baogao.Extraction{})
	if strings.Contains(body(), `class="m-t"`) {
		t.Error("the cached page still shows the removed targets")
	}
}

func TestHeadersAndCompression(t *testing.T) {
	ts, _, _, seed := demoSite(t, 10)
	req, _ := http.NewRequest("GET", ts.URL+seed.URL(), nil)
	req.Header.Set("Accept-Encoding", "gzip")
	resp, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	for k, want := range map[string]string{
		"Content-Encoding":       "gzip",
		"X-Content-Type-Options": "nosniff",
		"Referrer-Policy":        "strict-origin-when-cross-origin",
	} {
		if got := resp.Header.Get(k); got != want {
			t.Errorf("%s = %q, want %q", k, got, want)
		}
	}
	if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'self'") {
		t.Errorf("CSP = %q", csp)
	}
	zr, err := gzip.NewReader(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(zr)
	if !strings.Contains(string(b), "金乡县") {
		t.Error("gzipped body is not the page")
	}
	// Static assets are served under content-hashed names for a year.
	var css string
	for _, l := range links(t, string(b)) {
		if strings.HasPrefix(l.url, "/static/style.") {
			css = l.url
		}
	}
	r2, err := http.Get(ts.URL + css)
	if err != nil || r2.StatusCode != 200 || !strings.Contains(r2.Header.Get("Cache-Control"), "immutable") {
		t.Errorf("stylesheet %s: %v %v", css, err, r2.Header)
	}
	long := strings.Repeat("x", maxURL)
	if r, _ := http.Get(ts.URL + "/?q=" + long); r.StatusCode != http.StatusRequestURITooLong {
		t.Errorf("over-long URL: %d", r.StatusCode)
	}
}

func TestLanguage(t *testing.T) {
	ts, _, _, seed := demoSite(t, 10)
	_, zh, _ := get(t, ts.URL+seed.URL())
	if !strings.Contains(zh, `lang="zh-CN"`) || !strings.Contains(zh, "提取的数据") {
		t.Error("Chinese is not the default")
	}
	_, en, _ := get(t, ts.URL+seed.URL()+"?lang=en")
	if !strings.Contains(en, `<html lang="en">`) || !strings.Contains(en, "Extracted data") || !strings.Contains(en, "GDP growth") {
		t.Error("?lang=en does not switch to English")
	}
	if !strings.Contains(en, "(山东省)金乡县人民政府工作报告") {
		t.Error("the document text must stay as written")
	}
}

func TestAPI(t *testing.T) {
	ts, _, _, seed := demoSite(t, 50)
	var list struct {
		Total     int               `json:"total"`
		Documents []documentSummary `json:"documents"`
	}
	getJSON(t, ts.URL+"/api/v1/documents?kind=work_report&province=370000&limit=5", 200, &list)
	if list.Total == 0 || len(list.Documents) == 0 || len(list.Documents) > 5 {
		t.Errorf("documents: %+v", list)
	}
	for _, d := range list.Documents {
		if d.Kind != baogao.KindWorkReport || d.PlaceCode == nil || !strings.HasPrefix(*d.PlaceCode, "37") {
			t.Errorf("filter not applied: %+v", d)
		}
	}
	var doc map[string]any
	getJSON(t, ts.URL+"/api/v1/documents/"+itoa(seed.ID), 200, &doc)
	for _, k := range []string{"id", "url", "meta", "outline", "targets", "outcomes", "goals", "projects", "body", "sources"} {
		if _, ok := doc[k]; !ok {
			t.Errorf("document lacks %q", k)
		}
	}
	if doc["meta"].(map[string]any)["place_code"] != "370828" {
		t.Errorf("meta = %v", doc["meta"])
	}
	var places struct {
		Places []placeJSON `json:"places"`
	}
	getJSON(t, ts.URL+"/api/v1/places?parent=370800", 200, &places)
	if len(places.Places) < 10 || places.Places[0].Parent == nil || *places.Places[0].Parent != "370800" {
		t.Errorf("places: %d", len(places.Places))
	}
	getJSON(t, ts.URL+"/api/v1/places?q=金乡", 200, &places)
	if len(places.Places) != 1 || places.Places[0].FullName != "山东省济宁市金乡县" {
		t.Errorf("lookup: %+v", places.Places)
	}
	for path, code := range map[string]string{
		"/api/v1/documents?limit=1000":    baogao.EINVALID,
		"/api/v1/documents?year=abc":      baogao.EINVALID,
		"/api/v1/documents?kind=nonsense": baogao.EINVALID,
		"/api/v1/documents?place=鼓楼区":     baogao.EINVALID,
		"/api/v1/documents/99999":         baogao.ENOTFOUND,
		"/api/v1/documents/x":             baogao.EINVALID,
		"/api/v1/nothing":                 baogao.ENOTFOUND,
	} {
		var e apiError
		status := http.StatusBadRequest
		if code == baogao.ENOTFOUND {
			status = http.StatusNotFound
		}
		getJSON(t, ts.URL+path, status, &e)
		if e.Error.Code != code || e.Error.Message == "" {
			t.Errorf("%s: %+v", path, e)
		}
	}
	var spec map[string]any
	getJSON(t, ts.URL+"/api/v1/openapi.json", 200, &spec)
	if spec["openapi"] == nil || spec["paths"].(map[string]any)["/api/v1/search"] == nil {
		t.Error("openapi.json lacks paths")
	}
}

func TestRateLimit(t *testing.T) {
	_, _, st, _ := demoSite(t, 5)
	srv, err := New(Config{Store: st, Places: place.Default(), RateLimit: 1})
	if err != nil {
		t.Fatal(err)
	}
	limited := 0
	for i := 0; i < 20; i++ {
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, httptest.NewRequest("GET", "/api/v1/documents", nil))
		if rec.Code == http.StatusTooManyRequests {
			limited++
			var e apiError
			json.Unmarshal(rec.Body.Bytes(), &e)
			if e.Error.Code != baogao.ERATELIMITED || rec.Header().Get("Retry-After") == "" {
				t.Errorf("429 body %s", rec.Body.String())
			}
		}
	}
	if limited == 0 {
		t.Error("20 requests at once were all served at a limit of 1 per second")
	}
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
	if rec.Code != 200 {
		t.Errorf("pages are not rate limited: %d", rec.Code)
	}
}

func TestFeedAndSitemap(t *testing.T) {
	ts, _, _, _ := demoSite(t, 40)
	code, body, h := get(t, ts.URL+"/feed.xml?kind=gongbao&region=huadong")
	if code != 200 || !strings.HasPrefix(h.Get("Content-Type"), "application/atom+xml") {
		t.Fatalf("feed: %d %s", code, h.Get("Content-Type"))
	}
	var feed atomFeed
	if err := xml.Unmarshal([]byte(body), &feed); err != nil {
		t.Fatal(err)
	}
	for _, e := range feed.Entries {
		if !strings.Contains(e.Link.Href, "/gongbao/huadong/") {
			t.Errorf("entry outside the filter: %s", e.Link.Href)
		}
	}
	if code, _, _ := get(t, ts.URL+"/feed.xml?kind=nope"); code != 400 {
		t.Errorf("bad filter: %d", code)
	}
	code, body, _ = get(t, ts.URL+"/sitemap.xml")
	var set urlSet
	if code != 200 || xml.Unmarshal([]byte(body), &set) != nil || len(set.URLs) < 41 {
		t.Errorf("sitemap: %d, %d URLs", code, len(set.URLs))
	}
}

func TestMetrics(t *testing.T) {
	ts, _, _, _ := demoSite(t, 5)
	get(t, ts.URL+"/")
	_, body, _ := get(t, ts.URL+"/metrics")
	for _, want := range []string{`baogao_documents{kind="work_report"}`, `baogao_http_requests_total{code="200",route="home"}`,
		"baogao_http_request_duration_seconds_bucket", "baogao_database_up 1", "baogao_search_duration_seconds"} {
		if !strings.Contains(body, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
}

func getJSON(t *testing.T, u string, status int, v any) {
	t.Helper()
	code, body, h := get(t, u)
	if code != status {
		t.Errorf("%s: %d, want %d: %s", u, code, status, body)
	}
	if !strings.HasPrefix(h.Get("Content-Type"), "application/json") {
		t.Errorf("%s: content type %s", u, h.Get("Content-Type"))
	}
	if err := json.Unmarshal([]byte(body), v); err != nil {
		t.Errorf("%s: %v", u, err)
	}
}

// gateStore holds every Document call until it is let go.
type gateStore struct {
	baogao.Store
	entered chan int64
	open    chan struct{}
}

func (g *gateStore) Document(ctx context.Context, id int64) (*baogao.Document, error) {
	g.entered <- id
	<-g.open
	return g.Store.Document(ctx, id)
}

// TestPagesWaitTheirTurn: with room for one page at a time, a second page
// is not started until the first is done, a static asset does not wait, and
// a request whose deadline passes while it waits gets a 503.
func TestPagesWaitTheirTurn(t *testing.T) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "gate.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	im := &ingest.Importer{Store: db, Parser: ingest.NewParser(place.Default())}
	r := im.Import(ctx, []byte("2024年嘉禾县人民政府工作报告\n各位代表：\n地区生产总值增长6%左右。\n"), ingest.Input{Name: "r.txt"})
	if r.Status != ingest.StatusImported {
		t.Fatalf("import: %+v", r)
	}
	d, err := db.Document(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	gs := &gateStore{Store: db, entered: make(chan int64, 4), open: make(chan struct{})}
	srv, err := New(Config{Store: gs, Places: place.Default(), Concurrency: 1, RateLimit: -1})
	if err != nil {
		t.Fatal(err)
	}
	serve := func(ctx context.Context, path string) *httptest.ResponseRecorder {
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, httptest.NewRequest("GET", path, nil).WithContext(ctx))
		return rec
	}
	first := make(chan int)
	go func() { first <- serve(ctx, d.URL()).Code }()
	<-gs.entered // the first page holds the only slot
	second := make(chan int)
	go func() { second <- serve(ctx, d.URL()+"?lang=en").Code }()
	select {
	case <-gs.entered:
		t.Fatal("a second page was started while the first held the only slot")
	case <-time.After(200 * time.Millisecond):
	}
	if rec := serve(ctx, srv.assets.url("style.css")); rec.Code != http.StatusOK {
		t.Errorf("static asset while a page is being built: %d", rec.Code)
	}
	short, cancel := context.WithTimeout(ctx, 50*time.Millisecond)
	defer cancel()
	if rec := serve(short, d.URL()+"?x=1"); rec.Code != http.StatusServiceUnavailable {
		t.Errorf("a request that timed out waiting: %d, want 503", rec.Code)
	}
	close(gs.open)
	if c := <-first; c != http.StatusOK {
		t.Errorf("first page: %d", c)
	}
	<-gs.entered // the second page starts once the first is done
	if c := <-second; c != http.StatusOK {
		t.Errorf("second page: %d", c)
	}
}

// TestPlaceChildCounts: a province's page counts, for each prefecture,
// the documents of the prefecture and of every place under it.
func TestPlaceChildCounts(t *testing.T) {
	ts, _, st, _ := demoSite(t, 300)
	_, body, _ := get(t, ts.URL+"/place/370000")
	checked := 0
	for _, c := range place.Default().Children("370000") {
		page, err := st.Documents(context.Background(), baogao.DocumentFilter{PlaceCode: c.Code, Limit: 1})
		if err != nil {
			t.Fatal(err)
		}
		want := fmt.Sprintf(`<a href="/place/%s">%s <span class="count">%d</span></a>`, c.Code, c.Name, page.Total)
		if !strings.Contains(body, want) {
			t.Errorf("%s (%s): want %d documents shown", c.Name, c.Code, page.Total)
		}
		if page.Total > 0 {
			checked++
		}
	}
	if checked == 0 {
		t.Error("no prefecture of 370000 has documents in the demo archive; the test checks nothing")
	}
}
