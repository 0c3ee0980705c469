package web

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/baogao/baogao"
	"github.com/baogao/baogao/internal/place"
)

// load runs conns clients against urls (round robin) for d and returns
// requests per second and the 50th and 99th percentile latencies.
func load(b *testing.B, urls []string, conns int, d time.Duration, gzip bool) (rps float64, p50, p99 time.Duration) {
	b.Helper()
	tr := &http.Transport{MaxIdleConns: conns, MaxIdleConnsPerHost: conns, DisableCompression: !gzip}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr}
	var mu sync.Mutex
	var lat []time.Duration
	var wg sync.WaitGroup
	deadline := time.Now().Add(d)
	start := time.Now()
	for c := 0; c < conns; c++ {
		wg.Add(1)
		go func(c int) {
			defer wg.Done()
			var mine []time.Duration
			for i := c; time.Now().Before(deadline); i += conns {
				t0 := time.Now()
				resp, err := client.Get(urls[i%len(urls)])
				if err != nil {
					b.Error(err)
					return
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != http.StatusOK {
					b.Errorf("%s: %d", urls[i%len(urls)], resp.StatusCode)
					return
				}
				mine = append(mine, time.Since(t0))
			}
			mu.Lock()
			lat = append(lat, mine...)
			mu.Unlock()
		}(c)
	}
	wg.Wait()
	elapsed := time.Since(start)
	slices.Sort(lat)
	if len(lat) == 0 {
		b.Fatal("no requests completed")
	}
	return float64(len(lat)) / elapsed.Seconds(), lat[len(lat)/2], lat[len(lat)*99/100]
}

// BenchmarkDocumentPage compares document pages with a static asset of the
// same size, served by the same server, at 64 concurrent connections, with
// the rendered-page cache off and on. Run it alone:
//
//	go test -run XXX -bench DocumentPage -benchtime 1x ./internal/web
func BenchmarkDocumentPage(b *testing.B) {
	ctx := context.Background()
	t := &testing.T{}
	_ = t
	tsOff, srvOff, st, _ := demoSiteB(b, 2000)
	// Document URLs, and the average size of their pages.
	page, err := st.Documents(ctx, baogao.DocumentFilter{Kind: baogao.KindWorkReport, Limit: 200})
	if err != nil {
		b.Fatal(err)
	}
	var urls []string
	total := 0
	for _, d := range page.Documents {
		urls = append(urls, d.URL())
		resp, err := http.Get(tsOff.URL + d.URL())
		if err != nil {
			b.Fatal(err)
		}
		n, _ := io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		total += int(n)
	}
	size := total / len(urls)
	// A static asset of that size, served by the same server's static route.
	blob := make([]byte, size)
	for i := range blob {
		blob[i] = "报告政府工作预期目标增长左右\n"[i%39]
	}
	for _, srv := range []*Server{srvOff} {
		as := &asset{name: "bench.txt", url: "/static/bench.txt", ctype: "text/plain; charset=utf-8", body: blob, etag: `"bench"`, hashed: "bench.txt"}
		srv.assets.byName["bench.txt"], srv.assets.byHashed["bench.txt"] = as, as
	}
	srvOn, err := New(Config{Store: st, Places: place.Default(), PageCache: true, RateLimit: -1})
	if err != nil {
		b.Fatal(err)
	}
	tsOn := httptest.NewServer(srvOn)
	defer tsOn.Close()

	abs := func(base string) []string {
		out := make([]string, len(urls))
		for i, u := range urls {
			out[i] = base + u
		}
		return out
	}
	const conns = 64
	d := 5 * time.Second
	b.ResetTimer()
	staticRPS, s50, s99 := load(b, []string{tsOff.URL + "/static/bench.txt"}, conns, d, false)
	offRPS, off50, off99 := load(b, abs(tsOff.URL), conns, d, false)
	onRPS, on50, on99 := load(b, abs(tsOn.URL), conns, d, false)
	b.StopTimer()
	b.ReportMetric(float64(size), "page-bytes")
	b.ReportMetric(staticRPS, "static-req/s")
	b.ReportMetric(offRPS, "nocache-req/s")
	b.ReportMetric(onRPS, "cache-req/s")
	b.ReportMetric(offRPS/staticRPS, "nocache-ratio")
	b.ReportMetric(onRPS/staticRPS, "cache-ratio")
	b.ReportMetric(float64(off99.Microseconds())/1000, "nocache-p99-ms")
	b.ReportMetric(float64(on99.Microseconds())/1000, "cache-p99-ms")
	fmt.Printf("page %d bytes, %d connections, %s each\n", size, conns, d)
	fmt.Printf("%-22s %10s %9s %9s %7s\n", "", "req/s", "p50", "p99", "ratio")
	fmt.Printf("%-22s %10.0f %9s %9s %7.2f\n", "static asset", staticRPS, s50, s99, 1.0)
	fmt.Printf("%-22s %10.0f %9s %9s %7.2f\n", "document, cache off", offRPS, off50, off99, offRPS/staticRPS)
	fmt.Printf("%-22s %10.0f %9s %9s %7.2f\n", "document, cache on", onRPS, on50, on99, onRPS/staticRPS)
}

// BenchmarkRenderDocument measures the server's work for one document page
// with the page cache off, without the network.
func BenchmarkRenderDocument(b *testing.B) {
	_, srv, st, _ := demoSiteB(b, 2000)
	page, err := st.Documents(context.Background(), baogao.DocumentFilter{Kind: baogao.KindWorkReport, Limit: 50})
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, httptest.NewRequest("GET", page.Documents[i%len(page.Documents)].URL(), nil))
		if rec.Code != 200 {
			b.Fatal(rec.Code)
		}
	}
}

// BenchmarkPages measures the server's work for each kind of page with the
// page cache off, on a demo archive of BAOGAO_BENCH_DOCS documents (2,000
// by default): what a page costs and whether it grows with the archive.
//
//	BAOGAO_BENCH_DOCS=20000 go test -run XXX -bench Pages -benchmem ./internal/web
func BenchmarkPages(b *testing.B) {
	n := 2000
	if v, err := strconv.Atoi(os.Getenv("BAOGAO_BENCH_DOCS")); err == nil && v > 0 {
		n = v
	}
	_, srv, st, _ := demoSiteB(b, n)
	page, err := st.Documents(context.Background(), baogao.DocumentFilter{Kind: baogao.KindWorkReport, Limit: 1})
	if err != nil || len(page.Documents) == 0 {
		b.Fatal(err)
	}
	for _, u := range []struct{ name, url string }{
		{"home", "/"}, {"kind", "/baogao/"}, {"kind-page-7", "/baogao/?page=7"}, {"region", "/baogao/huadong/"},
		{"region-year", "/baogao/huadong/?year=2023"}, {"province", "/place/370000"}, {"prefecture", "/place/370800"},
		{"document", page.Documents[0].URL()}, {"search", "/search?q=冷链物流"}, {"search-common", "/search?q=发展"},
	} {
		b.Run(u.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				rec := httptest.NewRecorder()
				srv.ServeHTTP(rec, httptest.NewRequest("GET", u.url, nil))
				if rec.Code != http.StatusOK {
					b.Fatalf("%s: %d", u.url, rec.Code)
				}
			}
		})
	}
}

// BenchmarkDocumentPageReads measures the store reads a document page makes
// (the archive version, the document, the two related lists): the floor of
// the page's cost with the page cache off, before any rendering.
//
//	go test -run XXX -bench DocumentPageReads ./internal/web
func BenchmarkDocumentPageReads(b *testing.B) {
	_, srv, st, _ := demoSiteB(b, 2000)
	ctx := context.Background()
	page, err := st.Documents(ctx, baogao.DocumentFilter{Kind: baogao.KindWorkReport, Limit: 50})
	if err != nil {
		b.Fatal(err)
	}
	docs := page.Documents
	b.Run("version", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if _, _, err := st.Version(ctx); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("document", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if _, err := st.Document(ctx, docs[i%len(docs)].ID); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("related", func(b *testing.B) {
		r := httptest.NewRequest("GET", "/", nil)
		for i := 0; i < b.N; i++ {
			d := docs[i%len(docs)]
			if _, _, err := srv.related(r, d, srv.places.Path(d.Meta.PlaceCode)); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkSearchFacets compares a search's facet counts with the search
// itself (a page of hits), on the same demo archive of 2,000 documents:
// the cost the counts add to a results page.
//
//	go test -run XXX -bench SearchFacets -count 3 ./internal/web
func BenchmarkSearchFacets(b *testing.B) {
	_, _, st, _ := demoSiteB(b, 2000)
	ctx := context.Background()
	for _, q := range []string{"冷链物流", "发展"} {
		sq := baogao.SearchQuery{Text: q}
		b.Run(q+"/search", func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if _, err := st.Search(ctx, sq); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(q+"/facets", func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if _, err := st.SearchFacets(ctx, sq); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
