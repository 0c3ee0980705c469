package main

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/baogao/baogao/internal/place"
	"github.com/baogao/baogao/internal/sqlite"
	"github.com/baogao/baogao/internal/web"
)

// TestCrawlKeepsCache serves an archive from two servers while a crawl in
// another process imports new documents into it — one server read from all
// along, the other idle — and checks that the pages the new documents do
// not touch stay cached (the idle server answers them from its cache, and
// their validators stay good: a conditional request gets 304), that the
// pages they touch are rebuilt, and that no page served is stale: every
// one equals a page built afresh.
func TestCrawlKeepsCache(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := filepath.Join(dir, "live.db")
	first, _ := demoSite(t, 0, 40, 0)
	second, _ := demoSite(t, 40, 80, 0)
	if code, out, errOut := runCLI(t, "", "crawl", "--db", db, "--allow-private", "--rate", "500", "--max-depth", "10", first.URL+"/list/0.html"); code != 0 {
		t.Fatalf("first crawl: %s %s", out, errOut)
	}

	st, err := sqlite.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	serve := func(cache bool) *httptest.Server {
		s, err := web.New(web.Config{Store: st, Places: place.Default(), PageCache: cache, RateLimit: -1})
		if err != nil {
			t.Fatal(err)
		}
		srv := httptest.NewServer(s)
		t.Cleanup(srv.Close)
		return srv
	}
	live, idle, fresh := serve(true), serve(true), serve(false)
	get := func(srv *httptest.Server, path, etag string) (int, string, string) {
		req, _ := http.NewRequest(http.MethodGet, srv.URL+path, nil)
		if etag != "" {
			req.Header.Set("If-None-Match", etag)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, resp.Header.Get("ETag"), string(body)
	}
	hits := func(srv *httptest.Server) float64 {
		_, _, m := get(srv, "/metrics", "")
		for _, ln := range strings.Split(m, "\n") {
			if v, ok := strings.CutPrefix(ln, "baogao_page_cache_hits_total "); ok {
				f, _ := strconv.ParseFloat(v, 64)
				return f
			}
		}
		return 0
	}

	// The pages: every document's, the listings, the home page.
	ids, err := st.DocumentIDs(ctx, 0, 1000)
	if err != nil {
		t.Fatal(err)
	}
	var docPages []string
	for _, id := range ids {
		d, err := st.Document(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		docPages = append(docPages, d.URL())
	}
	others := []string{"/", "/baogao/", "/gongbao/", "/guihua/"}
	pages := append(append([]string(nil), docPages...), others...)
	etags := map[string]string{}
	for _, p := range pages {
		code, etag, _ := get(live, p, "")
		if code != http.StatusOK {
			t.Fatalf("%s: %d", p, code)
		}
		etags[p] = etag
		get(idle, p, "")
	}
	h0 := hits(idle)
	for _, p := range pages {
		get(idle, p, "")
	}
	before := (hits(idle) - h0) / float64(len(pages))

	// A second crawl, in another process, while readers keep reading.
	cmd := exec.Command(os.Args[0], "crawl", "--db", db, "--allow-private", "--rate", "500", "--max-depth", "10", "--json", second.URL+"/list/0.html")
	cmd.Env = append(os.Environ(), "BAOGAO_TEST_MAIN=1")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	var readErrors, reads int
	h0 = hits(live)
	wg.Add(1)
	go func() {
		defer wg.Done()
		for ; ; reads++ {
			select {
			case <-stop:
				return
			default:
			}
			if code, _, _ := get(live, pages[reads%len(pages)], ""); code != http.StatusOK {
				readErrors++
			}
		}
	}()
	stored := 0
	sc := bufio.NewScanner(stdout)
	for sc.Scan() {
		if strings.Contains(sc.Text(), `"outcome":"stored"`) {
			stored++
		}
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("second crawl: %v", err)
	}
	close(stop)
	wg.Wait()
	during := (hits(live) - h0) / float64(reads)
	if stored < 35 || readErrors > 0 {
		t.Fatalf("the second crawl stored %d documents; %d reads failed meanwhile", stored, readErrors)
	}

	// After: untouched pages are still cached, with their validators;
	// every page served equals one built afresh.
	h0 = hits(idle)
	for _, p := range pages {
		get(idle, p, "")
	}
	after := (hits(idle) - h0) / float64(len(pages))
	keptDocs := 0
	for _, p := range docPages {
		if code, _, _ := get(live, p, etags[p]); code == http.StatusNotModified {
			keptDocs++
		}
	}
	for _, srv := range []*httptest.Server{live, idle} {
		for _, p := range pages {
			_, _, got := get(srv, p, "")
			_, _, want := get(fresh, p, "")
			if got != want {
				t.Errorf("%s is stale: it differs from the page built afresh", p)
			}
		}
	}
	for _, p := range others {
		if code, _, _ := get(live, p, etags[p]); code != http.StatusOK {
			t.Errorf("%s lists the new documents but was not rebuilt (%d)", p, code)
		}
	}
	t.Logf("cache hit ratio %.2f before the crawl; %.2f of %d reads while it stored %d documents; %.2f after it (the idle server); "+
		"%d of %d document pages kept with their validators", before, during, reads, stored, after, keptDocs, len(docPages))
	if before < 0.99 || after < 0.6 || float64(keptDocs) < 0.7*float64(len(docPages)) {
		t.Errorf("the crawl emptied the cache: hit ratio %.2f before, %.2f after; %d of %d document pages kept", before, after, keptDocs, len(docPages))
	}
}
