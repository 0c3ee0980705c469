package web

import (
	"context"
	"encoding/xml"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/baogao/baogao"
	"github.com/baogao/baogao/internal/ingest"
	"github.com/baogao/baogao/internal/place"
	"github.com/baogao/baogao/internal/sqlite"
)

// baseURLSite serves an archive of one report with a configured public
// address.
func baseURLSite(t *testing.T, base string) (*httptest.Server, *baogao.Document) {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "web.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := st.SyncPlaces(ctx, place.Default()); err != nil {
		t.Fatal(err)
	}
	text := "2024年嘉禾县人民政府工作报告\n——2024年1月16日在嘉禾县第十八届人民代表大会第四次会议上\n各位代表：\n一、2023年工作回顾\n地区生产总值增长5.8%。\n二、2024年工作安排\n地区生产总值增长6%左右。\n"
	im := &ingest.Importer{Store: st, Parser: ingest.NewParser(place.Default())}
	r := im.Import(ctx, []byte(text), ingest.Input{Name: "r.txt"})
	if r.Status != ingest.StatusImported {
		t.Fatalf("import: %+v", r)
	}
	doc, err := st.Document(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	srv, err := New(Config{Store: st, Places: place.Default(), BaseURL: base, RateLimit: -1})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return ts, doc
}

// getAs fetches a URL with a Host header of the client's choosing.
func getAs(t *testing.T, u, host string) (int, string, http.Header) {
	t.Helper()
	req, err := http.NewRequest("GET", u, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Host = host
	req.Header.Set("X-Forwarded-Proto", "https")
	req.Header.Set("X-Forwarded-Host", host)
	resp, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), resp.Header
}

// TestForgedHost: a client that forges the Host header finds the
// configured public address, and never its own host, in the feed, the
// sitemap, robots.txt and the pages' canonical and hreflang links.
func TestForgedHost(t *testing.T) {
	const base = "https://baogao.example.org"
	ts, doc := baseURLSite(t, base+"/")
	for _, path := range []string{"/feed.xml", "/feed.xml?kind=baogao&lang=en", "/sitemap.xml", "/robots.txt", doc.URL(), "/", "/place/431024", "/baogao/"} {
		code, body, _ := getAs(t, ts.URL+path, "evil.example")
		if code != 200 {
			t.Errorf("%s: %d", path, code)
			continue
		}
		if strings.Contains(body, "evil.example") {
			t.Errorf("%s names the forged host", path)
		}
		if !strings.Contains(body, base+"/") {
			t.Errorf("%s does not name the base URL", path)
		}
	}
	_, body, _ := getAs(t, ts.URL+doc.URL(), "evil.example")
	for _, want := range []string{
		`<link rel="canonical" href="` + base + doc.URL() + `">`,
		`<link rel="alternate" hreflang="en" href="` + base + doc.URL() + `?lang=en">`,
		`<link rel="alternate" hreflang="zh-CN" href="` + base + doc.URL() + `">`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("document page lacks %s", want)
		}
	}
	_, body, _ = getAs(t, ts.URL+"/feed.xml", "evil.example")
	var feed atomFeed
	if err := xml.Unmarshal([]byte(body), &feed); err != nil {
		t.Fatal(err)
	}
	if len(feed.Entries) != 1 || feed.Entries[0].ID != base+doc.URL() || feed.ID != base+"/feed.xml" {
		t.Errorf("feed id %q, entries %+v", feed.ID, feed.Entries)
	}
	if !strings.Contains(body, `xml:lang="zh-CN"`) {
		t.Error("feed has no xml:lang")
	}
	_, body, _ = getAs(t, ts.URL+"/robots.txt", "evil.example")
	if !strings.Contains(body, "Sitemap: "+base+"/sitemap.xml\n") {
		t.Errorf("robots.txt:\n%s", body)
	}
}

// TestFeedID: the feed's id names its filters in one order and does not
// change with the interface language.
func TestFeedID(t *testing.T) {
	ts, _ := baseURLSite(t, "https://baogao.example.org")
	ids := map[string]bool{}
	for _, q := range []string{"?kind=baogao&province=43", "?province=43&kind=baogao&lang=en", "?lang=zh&kind=baogao&province=43"} {
		_, body, _ := get(t, ts.URL+"/feed.xml"+q)
		var feed atomFeed
		if err := xml.Unmarshal([]byte(body), &feed); err != nil {
			t.Fatal(err)
		}
		ids[feed.ID] = true
	}
	if len(ids) != 1 || !ids["https://baogao.example.org/feed.xml?kind=baogao&province=43"] {
		t.Errorf("feed ids: %v", ids)
	}
}

func TestParseBaseURL(t *testing.T) {
	for in, want := range map[string]string{"": "http://localhost", "https://a.example": "https://a.example",
		"https://a.example/": "https://a.example", "http://127.0.0.1:8080": "http://127.0.0.1:8080"} {
		if got, err := ParseBaseURL(in); err != nil || got != want {
			t.Errorf("ParseBaseURL(%q) = %q, %v", in, got, err)
		}
	}
	for _, bad := range []string{"a.example", "ftp://a.example", "https://a.example/baogao", "https://a.example/?x=1", "https://u:p@a.example", "https://"} {
		if _, err := ParseBaseURL(bad); baogao.ErrorCode(err) != baogao.EINVALID {
			t.Errorf("ParseBaseURL(%q): %v", bad, err)
		}
	}
}

// TestRootFiles: /robots.txt, /favicon.ico and sitemap parts at the root;
// the old part URLs redirect there, and other root files are not found.
func TestRootFiles(t *testing.T) {
	ts, _ := baseURLSite(t, "")
	code, body, h := get(t, ts.URL+"/favicon.ico")
	if code != 200 || h.Get("Content-Type") != "image/x-icon" || !strings.HasPrefix(body, "\x00\x00\x01\x00") {
		t.Errorf("favicon.ico: %d %s % x", code, h.Get("Content-Type"), body[:min(4, len(body))])
	}
	code, body, _ = get(t, ts.URL+"/sitemap-1.xml")
	var set urlSet
	if code != 200 || xml.Unmarshal([]byte(body), &set) != nil {
		t.Fatalf("sitemap-1.xml: %d", code)
	}
	var places, docs int
	for _, u := range set.URLs {
		if strings.Contains(u.Loc, "/place/") {
			places++
		}
		if strings.HasSuffix(u.Loc, ".html") {
			docs++
		}
	}
	// The place index and 湖南省, 郴州市, 嘉禾县.
	if places != 4 || docs != 1 {
		t.Errorf("sitemap: %d place URLs, %d documents", places, docs)
	}
	if code, _, h := get(t, ts.URL+"/sitemap/1.xml"); code != 301 || h.Get("Location") != "/sitemap-1.xml" {
		t.Errorf("old sitemap part: %d %s", code, h.Get("Location"))
	}
	for _, p := range []string{"/sitemap-2.xml", "/sitemap-x.xml", "/nothing.txt"} {
		if code, _, _ := get(t, ts.URL+p); code != 404 {
			t.Errorf("%s: %d", p, code)
		}
	}
}
