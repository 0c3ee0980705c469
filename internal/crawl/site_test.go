package crawl

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"fmt"
	"html"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/baogao/baogao"
	"github.com/baogao/baogao/internal/demo"
	"github.com/baogao/baogao/internal/place"
	"github.com/longbridgeapp/opencc"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// page is what a test site serves at a path.
type page struct {
	body        []byte
	contentType string
	// serve, when set, answers instead (after the request is recorded);
	// n is how many times the path was asked for before.
	serve func(w http.ResponseWriter, r *http.Request, n int)
}

// hit is one request a test site received.
type hit struct {
	at          time.Time
	path        string
	conditional bool // If-None-Match or If-Modified-Since was sent
	userAgent   string
}

// site is a test web site on a local address, recording its requests.
type site struct {
	*httptest.Server
	mu    sync.Mutex
	pages map[string]*page
	hits  []hit
}

var lastModified = time.Date(2024, 3, 1, 8, 0, 0, 0, time.UTC)

// newSite starts a site listening on addr ("127.0.0.1:0").
func newSite(t *testing.T, addr string) *site {
	t.Helper()
	s := &site{pages: map[string]*page{}}
	l, err := net.Listen("tcp", addr)
	if err != nil {
		t.Skipf("cannot listen on %s: %v", addr, err)
	}
	s.Server = &httptest.Server{Listener: l, Config: &http.Server{Handler: http.HandlerFunc(s.handle)}}
	s.Start()
	t.Cleanup(s.Close)
	return s
}

func (s *site) add(path string, p *page) { s.mu.Lock(); s.pages[path] = p; s.mu.Unlock() }

func (s *site) handle(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	n := 0
	for _, h := range s.hits {
		if h.path == r.URL.RequestURI() {
			n++
		}
	}
	s.hits = append(s.hits, hit{at: time.Now(), path: r.URL.RequestURI(), userAgent: r.UserAgent(),
		conditional: r.Header.Get("If-None-Match") != "" || r.Header.Get("If-Modified-Since") != ""})
	p := s.pages[r.URL.RequestURI()]
	s.mu.Unlock()
	switch {
	case p == nil:
		http.NotFound(w, r)
	case p.serve != nil:
		p.serve(w, r, n)
	default:
		sum := sha256.Sum256(p.body)
		w.Header().Set("ETag", fmt.Sprintf(`"%x"`, sum[:8]))
		w.Header().Set("Content-Type", p.contentType)
		http.ServeContent(w, r, "", lastModified, bytes.NewReader(p.body))
	}
}

// requests returns the paths asked for, in order.
func (s *site) requests() []hit {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]hit(nil), s.hits...)
}

func (s *site) asked(path string) int {
	n := 0
	for _, h := range s.requests() {
		if h.path == path {
			n++
		}
	}
	return n
}

// htmlPage writes a page as county portals do: navigation, a breadcrumb,
// the title, the text in paragraphs, a footer.
func htmlPage(title, body, charset, links string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=%s"><title>%s</title></head><body>`, charset, html.EscapeString(title))
	b.WriteString(`<div class="nav"><a href="/">首页</a> <a href="/col/reports/index.html">政府工作报告</a> <a href="/col/news/index.html">新闻动态</a></div>`)
	b.WriteString(`<div class="breadcrumb">当前位置：首页 &gt; 政务公开</div>`)
	fmt.Fprintf(&b, `<h1>%s</h1>`, html.EscapeString(title))
	for _, ln := range strings.Split(body, "\n") {
		if ln = strings.TrimSpace(ln); ln != "" {
			fmt.Fprintf(&b, "<p>%s</p>\n", html.EscapeString(ln))
		}
	}
	b.WriteString(links)
	b.WriteString(`<div class="footer">版权所有：嘉禾县人民政府办公室 主办</div></body></html>`)
	return b.String()
}

// listing writes a listing page of links.
func listing(title string, links ...string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<!DOCTYPE html><html><head><meta charset="utf-8"><title>%s</title></head><body><div class="nav"><a href="/">首页</a></div><ul class="list">`, title)
	for i := 0; i+1 < len(links); i += 2 {
		fmt.Fprintf(&b, `<li><a href="%s">%s</a><span>2024-01-0%d</span></li>`, links[i], links[i+1], 1+i/2%9)
	}
	b.WriteString(`</ul></body></html>`)
	return b.String()
}

func encode(t *testing.T, e encoding.Encoding, s string) []byte {
	t.Helper()
	b, err := e.NewEncoder().String(s)
	if err != nil {
		t.Fatal(err)
	}
	return []byte(b)
}

// traditional converts to the traditional characters Big5 can encode.
func traditional(t *testing.T, s string) string {
	t.Helper()
	cc, err := opencc.New("s2tw")
	if err != nil {
		t.Fatal(err)
	}
	out, err := cc.Convert(s)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// demoDocs returns generated documents (invented text, marked 示例数据) of
// the kinds asked for, in a fixed order: kinds[i] gets the i-th of them.
func demoDocs(t *testing.T, kinds ...baogao.Kind) []*baogao.Document {
	t.Helper()
	g := place.Default()
	var out []*baogao.Document
	want := append([]baogao.Kind(nil), kinds...)
	err := demo.Generate(demo.Options{Docs: 400, Seed: 13}, g, g.All(), func(d *demo.Doc) error {
		for i, k := range want {
			if k != "" && d.Document.Meta.Kind == k {
				doc := d.Document
				out = append(out, &doc)
				want[i] = ""
				break
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(out) != len(kinds) {
		t.Fatalf("demo gave %d documents of %v", len(out), kinds)
	}
	return out
}

// docxOf builds a Word file of a title and body.
func docxOf(t *testing.T, title, body string) []byte {
	t.Helper()
	var x strings.Builder
	x.WriteString(`<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`)
	for _, ln := range append([]string{title}, strings.Split(body, "\n")...) {
		fmt.Fprintf(&x, `<w:p><w:r><w:t>%s</w:t></w:r></w:p>`, html.EscapeString(ln))
	}
	x.WriteString(`</w:body></w:document>`)
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	w, _ := zw.Create("word/document.xml")
	w.Write([]byte(x.String()))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

var (
	gbk  = simplifiedchinese.GBK
	big5 = traditionalchinese.Big5
)
