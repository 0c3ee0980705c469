package web

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/baogao/baogao"
	"github.com/baogao/baogao/internal/corpustest"
	"github.com/baogao/baogao/internal/ingest"
	"github.com/baogao/baogao/internal/place"
	"github.com/baogao/baogao/internal/sqlite"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// apiCases are requests to the routes of /api/v1/openapi.json and the
// status each answers. {doc} is replaced by every document of the archive
// under test (each is fetched and checked), {id} by one. To add a route:
// describe it in openapi.json and add its requests here — a 200 at least;
// TestOpenAPI fails for a path of openapi.json that no case reaches.
var apiCases = []struct {
	path   string
	status int
}{
	{"/api/v1/documents", 200},
	{"/api/v1/documents?kind=baogao&limit=100", 200},
	{"/api/v1/documents?province=山东&level=county&year=2019-2024&limit=100", 200},
	{"/api/v1/documents?region=qita&limit=100", 200},
	{"/api/v1/documents?prefecture=3708", 200},
	{"/api/v1/documents?kind=novel", 400},
	{"/api/v1/documents?limit=0", 400},
	{"/api/v1/documents/{doc}", 200},
	{"/api/v1/documents/999999999", 404},
	{"/api/v1/documents/abc", 400},
	{"/api/v1/places", 200},
	{"/api/v1/places?parent=370800", 200},
	{"/api/v1/places?q=鼓楼区", 200},
	{"/api/v1/places?parent=999999", 404},
	{"/api/v1/search?q=地区生产总值", 200},
	{"/api/v1/search?q=GDP&kind=gongbao&limit=100", 200},
	{"/api/v1/search?q=冷链物流&sort=date&province=37", 200},
	{"/api/v1/search?q=%22全面建成小康社会%22", 200},
	{"/api/v1/search?q=", 400},
	{"/api/v1/search?q=x&year=later", 400},
	{"/api/v1/targets", 200},
	{"/api/v1/targets?indicator=gdp_growth&place=370000&level=county&year=2015-2026&limit=1000", 200},
	{"/api/v1/targets?province=山东&prefecture=济宁市&limit=1000", 200},
	{"/api/v1/targets?province=山东&prefecture=南京市", 400},
	{"/api/v1/targets?kind=baogao&after=1048577&limit=1000", 200},
	{"/api/v1/targets?indicator=gdp_grwth", 400},
	{"/api/v1/targets?after=x", 400},
	{"/api/v1/outcomes", 200},
	{"/api/v1/outcomes?indicator=cpi&kind=gongbao&limit=1000", 200},
	{"/api/v1/outcomes?limit=0", 400},
	{"/api/v1/links?limit=1000", 400},
	{"/api/v1/links?place=370000&limit=1000", 200},
	{"/api/v1/links?province=广东&indicator=cpi&stretch=true", 200},
	{"/api/v1/links?indicator=gdp_growth&strict=true&stretch=1&offset=10", 200},
	{"/api/v1/links?about=lots", 400},
	{"/api/v1/comparison?indicator=gdp_growth", 200},
	{"/api/v1/comparison?indicator=gdp_growth&place=370000&level=county&year=2015-2026&about=0.3", 200},
	{"/api/v1/comparison?indicator=fdi&place=650000", 200},
	{"/api/v1/comparison?place=370000", 400},
}

// openAPISchemas compiles openapi.json once; the schema of a response is
// the path to it within the document.
var openAPISchemas = sync.OnceValues(func() (*jsonschema.Compiler, error) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(openAPIDoc))
	if err != nil {
		return nil, err
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	return c, c.AddResource(openAPIURL, doc)
})

const openAPIURL = "https://baogao.invalid/openapi.json"

// checkAPIResponse validates a response of GET path (a path of
// openapi.json, such as /api/v1/documents/{id}) against the schema the
// document gives for its status. Any engineer's API test may call it.
func checkAPIResponse(t testing.TB, path string, status int, body []byte) {
	t.Helper()
	c, err := openAPISchemas()
	if err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	ptr := "#/paths/" + strings.ReplaceAll(strings.ReplaceAll(path, "~", "~0"), "/", "~1") +
		"/get/responses/" + strconv.Itoa(status) + "/content/application~1json/schema"
	sch, err := c.Compile(openAPIURL + ptr)
	if err != nil {
		t.Errorf("openapi.json describes no %d response of GET %s: %v", status, path, err)
		return
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(body))
	if err != nil {
		t.Errorf("GET %s: not JSON: %v", path, err)
		return
	}
	if err := sch.Validate(inst); err != nil {
		t.Errorf("GET %s (%d) breaks openapi.json:\n%v\n%s", path, status, err, truncate(body, 600))
	}
}

func truncate(b []byte, n int) string {
	if len(b) > n {
		return string(b[:n]) + "…"
	}
	return string(b)
}

// openAPIPaths returns the paths openapi.json describes, as patterns.
func openAPIPaths(t testing.TB) map[string]*regexp.Regexp {
	var doc struct {
		Paths map[string]any `json:"paths"`
	}
	if err := json.Unmarshal(openAPIDoc, &doc); err != nil {
		t.Fatal(err)
	}
	out := map[string]*regexp.Regexp{}
	for p := range doc.Paths {
		out[p] = regexp.MustCompile("^" + regexp.MustCompile(`\\\{[^}]+\\\}`).ReplaceAllString(regexp.QuoteMeta(p), `[^/]+`) + "$")
	}
	return out
}

// apiTemplate returns the path of openapi.json a request's URL falls
// under ("" for none), a literal path before a templated one.
func apiTemplate(paths map[string]*regexp.Regexp, u string) string {
	path, _, _ := strings.Cut(u, "?")
	var tmpl string
	for p, re := range paths {
		if re.MatchString(path) && (tmpl == "" || !strings.Contains(p, "{")) {
			tmpl = p
		}
	}
	return tmpl
}

// runAPICases sends every case to a site and validates the answers; docs
// are the ids {doc} stands for. It returns the paths reached with a 200.
func runAPICases(t *testing.T, base string, docs []int64) map[string]bool {
	paths := openAPIPaths(t)
	reached := map[string]bool{}
	for _, tc := range apiCases {
		urls := []string{tc.path}
		if strings.Contains(tc.path, "{doc}") {
			urls = nil
			for _, id := range docs {
				urls = append(urls, strings.ReplaceAll(tc.path, "{doc}", strconv.FormatInt(id, 10)))
			}
		}
		for _, u := range urls {
			resp, err := http.Get(base + u)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != tc.status {
				t.Errorf("GET %s: %d, want %d: %s", u, resp.StatusCode, tc.status, truncate(body, 300))
				continue
			}
			if !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
				t.Errorf("GET %s: Content-Type %q", u, resp.Header.Get("Content-Type"))
			}
			tmpl := apiTemplate(paths, u)
			if tmpl == "" {
				t.Errorf("GET %s: openapi.json describes no such path", u)
				continue
			}
			checkAPIResponse(t, tmpl, resp.StatusCode, body)
			if resp.StatusCode == 200 {
				reached[tmpl] = true
			}
		}
	}
	return reached
}

// TestOpenAPI: every response of every route of the API validates against
// /api/v1/openapi.json (with a JSON-schema validator), over the demo
// archive and over the shared corpus — every document of each fetched —
// and every path the document describes is reached.
func TestOpenAPI(t *testing.T) {
	t.Run("demo", func(t *testing.T) {
		ts, _, st, _ := demoSite(t, 300)
		reached := runAPICases(t, ts.URL, allIDs(t, st))
		for p := range openAPIPaths(t) {
			if !reached[p] {
				t.Errorf("no case of apiCases reaches %s with a 200", p)
			}
		}
	})
	t.Run("corpus", func(t *testing.T) {
		ts, st := corpusSite(t)
		ids := allIDs(t, st)
		if len(ids) < 100 {
			t.Fatalf("only %d corpus documents imported", len(ids))
		}
		runAPICases(t, ts.URL, ids)
	})
}

func allIDs(t testing.TB, st baogao.Store) []int64 {
	ids, err := st.DocumentIDs(context.Background(), 0, 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	return ids
}

// corpusSite serves an archive of every file of the shared corpus,
// imported as `baogao import` would.
func corpusSite(t testing.TB) (*httptest.Server, baogao.Store) {
	t.Helper()
	shared := corpustest.Dir(t)
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "corpus.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	g := place.Default()
	if err := st.SyncPlaces(ctx, g); err != nil {
		t.Fatal(err)
	}
	files, _ := ingest.Files([]string{filepath.Join(shared, "corpus")})
	sort.Strings(files)
	im := &ingest.Importer{Store: st, Parser: ingest.NewParser(g)}
	failed := 0
	if err := im.ImportFiles(ctx, files, func(r ingest.Result) {
		if r.Status == ingest.StatusFailed {
			failed++
			t.Logf("%s: %s", r.File, r.Reason)
		}
	}); err != nil {
		t.Fatal(err)
	}
	if failed > 0 {
		t.Errorf("%d corpus files failed to import", failed)
	}
	srv, err := New(Config{Store: st, Places: g, RateLimit: -1, BaseURL: "https://baogao.example.org"})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return ts, st
}

// TestAPIProtocol: other methods are refused with 405 and Allow (as JSON
// under /api/, a page elsewhere), GETs answer conditional requests with
// 304, any origin may read the API and the feed (CORS, with a preflight),
// and no response names a path on the server.
func TestAPIProtocol(t *testing.T) {
	ts, _, _, seed := demoSite(t, 30)
	do := func(method, path string, hdr map[string]string) (*http.Response, string) {
		t.Helper()
		req, _ := http.NewRequest(method, ts.URL+path, nil)
		for k, v := range hdr {
			req.Header.Set(k, v)
		}
		resp, err := http.DefaultTransport.RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		return resp, string(b)
	}
	for _, tc := range []struct{ method, path, allow string }{
		{"POST", "/api/v1/documents", "GET, HEAD"},
		{"DELETE", "/api/v1/documents/" + itoa(seed.ID), "GET, HEAD"},
		{"PUT", "/api/v1/search?q=x", "GET, HEAD"},
		{"POST", "/", "GET, HEAD"},
		{"POST", seed.URL(), "GET, HEAD"},
		{"DELETE", "/feed.xml", "GET, HEAD"},
		{"GET", "/comments/" + itoa(seed.ID) + "/", "POST"},
	} {
		resp, body := do(tc.method, tc.path, nil)
		if resp.StatusCode != 405 || resp.Header.Get("Allow") != tc.allow {
			t.Errorf("%s %s: %d, Allow %q; want 405, %q", tc.method, tc.path, resp.StatusCode, resp.Header.Get("Allow"), tc.allow)
		}
		if strings.HasPrefix(tc.path, "/api/") {
			var e apiError
			if json.Unmarshal([]byte(body), &e) != nil || e.Error.Code != baogao.EMETHOD {
				t.Errorf("%s %s: body %s", tc.method, tc.path, body)
			}
			checkAPIResponse(t, apiTemplate(openAPIPaths(t), tc.path), 405, []byte(body))
		}
	}
	// Last-Modified is given once the second of the last change is over.
	time.Sleep(time.Until(time.Now().Truncate(time.Second).Add(time.Second + 10*time.Millisecond)))
	for _, path := range []string{"/api/v1/documents?limit=5", "/api/v1/documents/" + itoa(seed.ID), "/api/v1/search?q=发展", "/feed.xml", "/sitemap.xml"} {
		resp, _ := do("GET", path, map[string]string{"Origin": "https://elsewhere.example"})
		etag := resp.Header.Get("ETag")
		if resp.StatusCode != 200 || etag == "" || resp.Header.Get("Last-Modified") == "" {
			t.Errorf("GET %s: %d, ETag %q", path, resp.StatusCode, etag)
			continue
		}
		if resp.Header.Get("Access-Control-Allow-Origin") != "*" {
			t.Errorf("GET %s: no CORS header", path)
		}
		if again, body := do("GET", path, map[string]string{"If-None-Match": etag}); again.StatusCode != 304 || body != "" {
			t.Errorf("GET %s with its ETag: %d", path, again.StatusCode)
		}
		if again, _ := do("GET", path, map[string]string{"If-None-Match": `W/"other"`}); again.StatusCode != 200 {
			t.Errorf("GET %s with another ETag: %d", path, again.StatusCode)
		}
	}
	resp, _ := do("OPTIONS", "/api/v1/search?q=x", map[string]string{"Origin": "https://elsewhere.example", "Access-Control-Request-Method": "GET"})
	if resp.StatusCode != 204 || resp.Header.Get("Access-Control-Allow-Origin") != "*" || !strings.Contains(resp.Header.Get("Access-Control-Allow-Methods"), "GET") {
		t.Errorf("preflight: %d %v", resp.StatusCode, resp.Header)
	}
}

// TestNoServerPaths: a document imported from a path on the server shows
// its file's name only, in the API and on its page.
func TestNoServerPaths(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "p.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	g := place.Default()
	st.SyncPlaces(ctx, g)
	im := &ingest.Importer{Store: st, Parser: ingest.NewParser(g)}
	text := "2024年嘉禾县人民政府工作报告\n各位代表：\n一、2023年工作回顾\n地区生产总值增长5.8%。\n"
	r := im.Import(ctx, []byte(text), ingest.Input{Name: "/srv/secret/imports/jiahe-2024.txt"})
	if r.Status != ingest.StatusImported {
		t.Fatalf("%+v", r)
	}
	srv, _ := New(Config{Store: st, Places: g, RateLimit: -1})
	ts := httptest.NewServer(srv)
	defer ts.Close()
	doc, _ := st.Document(ctx, r.ID)
	for _, p := range []string{"/api/v1/documents/" + itoa(r.ID), doc.URL(), "/api/v1/documents", "/feed.xml"} {
		_, body, _ := get(t, ts.URL+p)
		if strings.Contains(body, "/srv/secret") {
			t.Errorf("%s names the server path", p)
		}
		if strings.HasPrefix(p, "/api/v1/documents/") && !strings.Contains(body, `"file":"jiahe-2024.txt"`) {
			t.Errorf("%s: no file name: %s", p, truncate([]byte(body), 400))
		}
	}
}
