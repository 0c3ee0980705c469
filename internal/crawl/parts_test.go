package crawl

import (
	"bytes"
	"compress/gzip"
	"context"
	"net/netip"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/baogao/baogao"
	"github.com/baogao/baogao/internal/ingest"
	"github.com/baogao/baogao/internal/place"
)

func TestGuard(t *testing.T) {
	strict := guard{}
	open := guard{allowPrivate: true}
	intranet := guard{allowed: []netip.Prefix{netip.MustParsePrefix("10.8.0.0/16")}}
	for _, c := range []struct {
		addr                   string
		strict, open, intranet bool // allowed?
	}{
		{"203.0.113.7", true, true, true},
		{"2001:db8::1", true, true, true},
		{"127.0.0.1", false, true, false},
		{"127.0.0.2", false, true, false},
		{"::1", false, true, false},
		{"::ffff:127.0.0.1", false, true, false},
		{"10.1.2.3", false, true, false},
		{"10.8.9.9", false, true, true},
		{"172.16.0.1", false, true, false},
		{"192.168.1.1", false, true, false},
		{"fc00::1", false, true, false},
		{"169.254.1.1", false, true, false},
		{"fe80::1", false, true, false},
		{"100.64.0.1", false, true, false},
		{"169.254.169.254", false, false, false}, // cloud metadata, even when private is allowed
		{"100.100.100.200", false, false, false},
		{"fd00:ec2::254", false, false, false},
		{"0.0.0.0", false, false, false},
		{"::", false, false, false},
		{"224.0.0.1", false, false, false},
		{"255.255.255.255", false, true, false},
		{"64:ff9b::a00:1", false, true, false},   // NAT64 of 10.0.0.1
		{"2002:c0a8:101::1", false, true, false}, // 6to4 of 192.168.1.1
		{"64:ff9b::cb00:7107", true, true, true}, // NAT64 of 203.0.113.7
	} {
		a := netip.MustParseAddr(c.addr)
		for _, g := range []struct {
			name string
			g    guard
			want bool
		}{{"default", strict, c.strict}, {"allow-private", open, c.open}, {"allow 10.8/16", intranet, c.intranet}} {
			if err := g.g.check(a); (err == nil) != g.want {
				t.Errorf("%s with %s: %v, want allowed %v", c.addr, g.name, err, g.want)
			}
		}
	}
}

// TestRefusesPrivate: without --allow-private, a crawl of a site on a
// loopback address makes no request at all, and says why.
func TestRefusesPrivate(t *testing.T) {
	s := newSite(t, "127.0.0.1:0")
	s.add("/", &page{body: []byte("<html><body>hello</body></html>"), contentType: "text/html"})
	st := openStore(t)
	var events []Event
	cr, err := New(st, Options{Parser: ingest.NewParser(place.Default()), Events: func(e Event) { events = append(events, e) }})
	if err != nil {
		t.Fatal(err)
	}
	sum, err := cr.Run(context.Background(), []string{s.URL + "/"})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(s.requests()); n != 0 {
		t.Errorf("%d requests reached the loopback site", n)
	}
	if sum.Failed != 1 || len(events) != 1 || !strings.Contains(events[0].Reason, "refused: address 127.0.0.1 is loopback") {
		t.Errorf("summary %+v, events %+v", sum, events)
	}
}

func TestLoadConfig(t *testing.T) {
	dir := t.TempDir()
	write := func(text string) string {
		p := filepath.Join(dir, "c.toml")
		os.WriteFile(p, []byte(text), 0o644)
		return p
	}
	cfg, err := LoadConfig(write(`rate = 0.5
timeout = "10s"
[[site]]
start = ["http://www.Example.gov.cn/col/1/index.html"]
documents = ['/art/\d+']
`))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Rate != 0.5 || cfg.Timeout.Duration != 10*time.Second || cfg.Concurrency != DefaultConcurrency || cfg.MaxDepth != DefaultMaxDepth ||
		!reflect.DeepEqual(cfg.Sites[0].Hosts, []string{"www.example.gov.cn"}) || cfg.site("www.example.gov.cn") == nil {
		t.Errorf("config = %+v", cfg)
	}
	for text, want := range map[string]string{
		`rate = 1` + "\n" + `speed = 2`:                `unknown setting "speed"`,
		`timeout = "soon"`:                             "timeout",
		"[[site]]\nhosts = [\"a\"]\ndocuments = ['(']": "pattern",
		`allow_networks = ["ten"]`:                     "allow_networks",
		"[[site]]\ndocuments = ['x']":                  "neither hosts nor start",
		`rate = -1`:                                    "negative",
		`contact = "javascript:alert(1)"`:              "contact",
		`rate = `:                                      "c.toml",
	} {
		_, err := LoadConfig(write(text))
		if baogao.ErrorCode(err) != baogao.EINVALID || !strings.Contains(err.Error(), want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%q: %v, want EINVALID with %q on one line", text, err, want)
		}
	}
	if _, err := LoadConfig(filepath.Join(dir, "missing.toml")); baogao.ErrorCode(err) != baogao.EINVALID {
		t.Errorf("missing file: %v", err)
	}
}

func TestPageLinks(t *testing.T) {
	base, _ := url.Parse("http://www.example.gov.cn/col/col12/index.html")
	page := `<html><head><link rel="alternate" type="application/rss+xml" href="/rss.xml">
<meta http-equiv="refresh" content="0; URL='/moved.html'"></head><body>
<a href="../art/1.html#top">一</a> <a href="HTTP://WWW.EXAMPLE.GOV.CN:80/art/2.html">二</a> <a href="javascript:void(0)">x</a>
<a href="mailto:a@b.c">m</a> <a href="ftp://x/">f</a> <a href="http://user:pw@evil/">u</a> <a href="/art/1.html">again</a>
<area href="/map.html"><iframe src="/frame.html"></iframe>
<script>createPageHTML(3, 0, "index", "shtml");</script>
<base href="http://other.example.gov.cn/root/"><a href="rel.html">rel</a></body></html>`
	got := pageLinks(base, page)
	want := []string{
		"http://www.example.gov.cn/moved.html",
		"http://www.example.gov.cn/col/art/1.html",
		"http://www.example.gov.cn/art/2.html",
		"http://www.example.gov.cn/art/1.html",
		"http://www.example.gov.cn/map.html",
		"http://www.example.gov.cn/frame.html",
		"http://www.example.gov.cn/col/col12/index.shtml",
		"http://www.example.gov.cn/col/col12/index_1.shtml",
		"http://www.example.gov.cn/col/col12/index_2.shtml",
		"http://other.example.gov.cn/root/rel.html",
	}
	if !reflect.DeepEqual(got.links, want) {
		t.Errorf("links:\n%s\nwant:\n%s", strings.Join(got.links, "\n"), strings.Join(want, "\n"))
	}
	if !reflect.DeepEqual(got.feeds, []string{"http://www.example.gov.cn/rss.xml"}) {
		t.Errorf("feeds = %v", got.feeds)
	}
}

func TestXMLLinks(t *testing.T) {
	base, _ := url.Parse("http://www.example.gov.cn/sitemap.xml")
	gz := func(s string) []byte {
		var b bytes.Buffer
		zw := gzip.NewWriter(&b)
		zw.Write([]byte(s))
		zw.Close()
		return b.Bytes()
	}
	gbkFeed := encode(t, gbk, `<?xml version="1.0" encoding="gb2312"?><rss version="2.0"><channel><title>政务公开</title>
<item><title>报告</title><link>http://www.example.gov.cn/art/报告.html</link></item></channel></rss>`)
	for _, c := range []struct {
		name          string
		body          []byte
		links, nested []string
		ok            bool
	}{
		{"urlset", []byte(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc> /a.html </loc></url><url><loc>http://www.example.gov.cn/b.html</loc></url></urlset>`),
			[]string{"http://www.example.gov.cn/a.html", "http://www.example.gov.cn/b.html"}, nil, true},
		{"index gzipped", gz(`<?xml version="1.0"?><sitemapindex><sitemap><loc>http://www.example.gov.cn/s1.xml.gz</loc></sitemap></sitemapindex>`),
			nil, []string{"http://www.example.gov.cn/s1.xml.gz"}, true},
		{"rss in gb2312", gbkFeed, []string{"http://www.example.gov.cn/art/%E6%8A%A5%E5%91%8A.html"}, nil, true},
		{"atom", []byte(`<feed xmlns="http://www.w3.org/2005/Atom"><link rel="self" href="/feed"/><entry><link href="/e1.html"/></entry><entry><link rel="alternate" href="/e2.html"/></entry></feed>`),
			[]string{"http://www.example.gov.cn/e1.html", "http://www.example.gov.cn/e2.html"}, nil, true},
		{"html", []byte(`<html><body><a href="/x">x</a></body></html>`), nil, nil, false},
		{"broken gzip", []byte{0x1f, 0x8b, 1, 2}, nil, nil, false},
	} {
		links, nested, ok := xmlLinks(base, c.body, 1<<20)
		if ok != c.ok || !reflect.DeepEqual(links, c.links) || !reflect.DeepEqual(nested, c.nested) {
			t.Errorf("%s: %v %v %v; want %v %v %v", c.name, links, nested, ok, c.links, c.nested, c.ok)
		}
	}
}

func TestRetryAfter(t *testing.T) {
	now := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for v, want := range map[string]time.Duration{
		"120": 2 * time.Minute, "": 0, "soon": 0, "-5": 0, "99999": time.Hour,
		"Mon, 01 Jan 2024 00:00:30 GMT": 30 * time.Second, "Sun, 31 Dec 2023 00:00:00 GMT": 0,
	} {
		if got := retryAfter(v, now); got != want {
			t.Errorf("retryAfter(%q) = %s, want %s", v, got, want)
		}
	}
}

// FuzzPageLinks: any page gives absolute http(s) URLs only, and no panic.
func FuzzPageLinks(f *testing.F) {
	f.Add(`<a href="../x.html">x</a><base href="//h/"><meta http-equiv=refresh content="0;url=">`)
	f.Add(`<script>createPageHTML("99999", 0, "index", "html")</script>`)
	f.Add(`<a href="http://[::1]:80/">`)
	base, _ := url.Parse("http://www.example.gov.cn/a/b.html")
	f.Fuzz(func(t *testing.T, page string) {
		got := pageLinks(base, page)
		if len(got.links) > maxScriptPages+strings.Count(page, "<")+1 {
			t.Errorf("%d links from %d tags", len(got.links), strings.Count(page, "<"))
		}
		for _, l := range append(got.links, got.feeds...) {
			u, err := url.Parse(l)
			if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.Fragment != "" || len(l) > maxURL {
				t.Errorf("link %q", l)
			}
		}
	})
}

// FuzzXMLLinks: any sitemap or feed gives absolute URLs only, and no panic.
func FuzzXMLLinks(f *testing.F) {
	f.Add([]byte(`<urlset><url><loc>/a</loc></url></urlset>`))
	f.Add([]byte(`<?xml version="1.0" encoding="big5"?><rss><item><link>x</link></item></rss>`))
	f.Add([]byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255})
	base, _ := url.Parse("http://www.example.gov.cn/")
	f.Fuzz(func(t *testing.T, body []byte) {
		links, nested, _ := xmlLinks(base, body, 1<<20)
		for _, l := range append(links, nested...) {
			if u, err := url.Parse(l); err != nil || u.Host == "" {
				t.Errorf("link %q", l)
			}
		}
	})
}
