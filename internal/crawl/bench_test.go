package crawl

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/baogao/baogao"
	"github.com/baogao/baogao/internal/demo"
	"github.com/baogao/baogao/internal/ingest"
	"github.com/baogao/baogao/internal/place"
)

// cpuTime returns the process's user and system CPU time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkCrawl crawls a local site of generated documents (listing pages
// of 20 links, document pages of 10–40 KB of HTML) through the whole
// pipeline — fetch, decode, clean, recognise, extract, dedupe, store and
// index in SQLite, finish the frontier — with no rate limit, and reports
// pages a second and CPU per page (the in-process site's serving
// included).
//
//	go test -run XXX -bench Crawl -benchtime 1x ./internal/crawl
func BenchmarkCrawl(b *testing.B) {
	const docs = 500
	g := place.Default()
	pages := map[string][]byte{}
	var links []string
	err := demo.Generate(demo.Options{Docs: docs, Seed: 3}, g, g.All(), func(d *demo.Doc) error {
		p := fmt.Sprintf("/art/%d.html", len(links))
		links = append(links, p)
		var sb strings.Builder
		fmt.Fprintf(&sb, `<html><head><meta charset="utf-8"><title>%s</title></head><body><div class="nav"><a href="/">首页</a></div><h1>%s</h1>`,
			html.EscapeString(d.Document.Meta.Title), html.EscapeString(d.Document.Meta.Title))
		for _, ln := range strings.Split(d.Document.Body, "\n") {
			fmt.Fprintf(&sb, "<p>%s</p>\n", html.EscapeString(ln))
		}
		sb.WriteString(`<div class="footer">版权所有</div></body></html>`)
		pages[p] = []byte(sb.String())
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	var bytes int64
	for p := 0; p*20 < len(links); p++ {
		var sb strings.Builder
		sb.WriteString(`<html><head><meta charset="utf-8"><title>列表</title></head><body><ul>`)
		for _, l := range links[p*20 : min(len(links), p*20+20)] {
			fmt.Fprintf(&sb, `<li><a href="%s">文件</a></li>`, l)
		}
		fmt.Fprintf(&sb, `</ul><a href="/list/%d.html">下一页</a></body></html>`, p+1)
		pages[fmt.Sprintf("/list/%d.html", p)] = []byte(sb.String())
	}
	for _, p := range pages {
		bytes += int64(len(p))
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p, ok := pages[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(p)
	}))
	defer srv.Close()
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		st := openStore(&testing.T{})
		cfg := &Config{AllowPrivate: true, Rate: 1e6, Concurrency: 8, MaxDepth: 100}
		cr, err := New(st, Options{Config: cfg, Parser: ingest.NewParser(g)})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		cpu0, t0 := cpuTime(), time.Now()
		sum, err := cr.Run(context.Background(), []string{srv.URL + "/list/0.html"})
		if err != nil {
			b.Fatal(err)
		}
		elapsed, cpu := time.Since(t0), cpuTime()-cpu0
		b.StopTimer()
		st.Close()
		b.ReportMetric(float64(sum.Finished)/elapsed.Seconds(), "pages/s")
		b.ReportMetric(float64(sum.Stored)/elapsed.Seconds(), "docs/s")
		b.ReportMetric(float64(cpu.Microseconds())/1000/float64(sum.Finished), "cpu-ms/page")
		b.ReportMetric(float64(bytes)/float64(len(pages))/1024, "KB/page")
		b.Logf("%d pages (%d stored) in %s, %s CPU on %d cores", sum.Finished, sum.Stored, elapsed.Round(time.Millisecond),
			cpu.Round(time.Millisecond), runtime.GOMAXPROCS(0))
		b.StartTimer()
	}
}

// BenchmarkFrontier100k crawls from a frontier of 100,000 queued URLs (of
// 50 hosts, as a crawl of many county sites has) and reports the heap the
// crawler holds at most while it works through the first 5,000, and how
// long taking the next URLs takes.
//
//	go test -run XXX -bench Frontier -benchtime 1x ./internal/crawl
func BenchmarkFrontier100k(b *testing.B) {
	const queued, fetch = 100_000, 5_000
	var served atomic.Int64
	// 50 hosts (servers on their own ports): the crawler keys politeness
	// on the URL's host and port.
	var hosts []string
	for range 50 {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			served.Add(1)
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write([]byte(`<html><body><p>栏目页</p></body></html>`))
		}))
		defer srv.Close()
		hosts = append(hosts, strings.TrimPrefix(srv.URL, "http://"))
	}
	for range b.N {
		st := openStore(&testing.T{})
		ctx := context.Background()
		cfg := &Config{AllowPrivate: true, Rate: 1e6, Concurrency: 2, MaxDepth: 3}
		for _, h := range hosts {
			cfg.Sites = append(cfg.Sites, Site{Hosts: []string{h}})
		}
		cr, err := New(st, Options{Config: cfg, Parser: ingest.NewParser(place.Default())})
		if err != nil {
			b.Fatal(err)
		}
		run, _, err := st.StartCrawl(ctx, nil)
		if err != nil {
			b.Fatal(err)
		}
		var urls []baogao.CrawlURL
		for i := range queued {
			h := hosts[i%len(hosts)]
			urls = append(urls, baogao.CrawlURL{URL: fmt.Sprintf("http://%s/col/%d/index.html", h, i), Host: h, Depth: 1, Role: "link"})
		}
		t0 := time.Now()
		if err := st.QueueURLs(ctx, run, urls); err != nil {
			b.Fatal(err)
		}
		queueTime := time.Since(t0)
		urls = nil
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		base := ms.HeapInuse
		t0 = time.Now()
		next, err := st.NextURLs(ctx, run, time.Now(), 32, hosts[:49])
		if err != nil || len(next) == 0 {
			b.Fatalf("next: %v %v", next, err)
		}
		nextTime := time.Since(t0)

		var peak atomic.Uint64
		done := make(chan struct{})
		go func() {
			t := time.NewTicker(20 * time.Millisecond)
			defer t.Stop()
			for {
				select {
				case <-done:
					return
				case <-t.C:
					var ms runtime.MemStats
					runtime.ReadMemStats(&ms)
					if ms.HeapInuse > peak.Load() {
						peak.Store(ms.HeapInuse)
					}
				}
			}
		}()
		runCtx, cancel := context.WithCancel(ctx)
		go func() {
			for served.Load() < fetch {
				time.Sleep(10 * time.Millisecond)
			}
			cancel()
		}()
		b.ResetTimer()
		t0 = time.Now()
		_, err = cr.Run(runCtx, []string{"http://" + hosts[0] + "/"})
		elapsed := time.Since(t0)
		b.StopTimer()
		close(done)
		if err != nil && runCtx.Err() == nil {
			b.Fatal(err)
		}
		status, _ := st.CrawlStatus(ctx)
		st.Close()
		b.ReportMetric(float64(peak.Load()-min(peak.Load(), base))/(1<<20), "MB-heap-growth")
		b.ReportMetric(float64(peak.Load())/(1<<20), "MB-heap-peak")
		b.ReportMetric(float64(nextTime.Microseconds())/1000, "ms-next-urls")
		b.Logf("queued %d URLs in %s; took the next 32 (49 of 50 hosts busy) in %s; fetched %d in %s (%.0f/s); %d left queued; heap %.1f MB before, %.1f MB at most",
			queued, queueTime.Round(time.Millisecond), nextTime.Round(time.Microsecond), served.Load(), elapsed.Round(time.Millisecond),
			float64(served.Load())/elapsed.Seconds(), status.Queued, float64(base)/(1<<20), float64(peak.Load())/(1<<20))
		served.Store(0)
	}
}
