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
