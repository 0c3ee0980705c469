package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/baogao/baogao/internal/demo"
	"github.com/baogao/baogao/internal/place"
	"github.com/baogao/baogao/internal/sqlite"
)

// demoSite serves generated documents (invented text, marked 示例数据) as
// pages, ten to a listing page, the listing pages chained by 下一页: the
// documents from to to of one generated archive. Each document page takes
// delay to serve. It counts requests by path.
func demoSite(t *testing.T, from, to int, delay time.Duration) (*httptest.Server, func(string) int) {
	t.Helper()
	g := place.Default()
	pages := map[string]string{}
	var titles []string
	n := 0
	err := demo.Generate(demo.Options{Docs: to, Seed: 7}, g, g.All(), func(d *demo.Doc) error {
		if n++; n <= from {
			return nil
		}
		i := len(titles)
		titles = append(titles, d.Document.Meta.Title)
		var b strings.Builder
		fmt.Fprintf(&b, `<html><head><meta charset="utf-8"><title>%s</title></head><body><div class="nav"><a href="/">首页</a></div><h1>%s</h1>`,
			html.EscapeString(d.Document.Meta.Title), html.EscapeString(d.Document.Meta.Title))
		for _, ln := range strings.Split(d.Document.Body, "\n") {
			fmt.Fprintf(&b, "<p>%s</p>", html.EscapeString(ln))
		}
		b.WriteString(`</body></html>`)
		pages[fmt.Sprintf("/art/%d.html", i)] = b.String()
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for p := 0; p*10 < len(titles); p++ {
		var b strings.Builder
		b.WriteString(`<html><head><meta charset="utf-8"><title>文件</title></head><body><ul>`)
		for i := p * 10; i < min(len(titles), p*10+10); i++ {
			fmt.Fprintf(&b, `<li><a href="/art/%d.html">%s</a></li>`, i, html.EscapeString(titles[i]))
		}
		b.WriteString(`</ul>`)
		if (p+1)*10 < len(titles) {
			fmt.Fprintf(&b, `<a href="/list/%d.html">下一页</a>`, p+1)
		}
		b.WriteString(`</body></html>`)
		pages[fmt.Sprintf("/list/%d.html", p)] = b.String()
	}
	var mu sync.Mutex
	asked := map[string]int{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		asked[r.URL.Path]++
		mu.Unlock()
		body, ok := pages[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		if strings.HasPrefix(r.URL.Path, "/art/") {
			time.Sleep(delay)
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(body))
	}))
	t.Cleanup(srv.Close)
	return srv, func(p string) int { mu.Lock(); defer mu.Unlock(); return asked[p] }
}

// crawlState is what a crawl leaves that must not depend on how it went:
// each document (by the hash of its text) with its kind, place, year and
// source URLs, and each URL of the frontier with its state and outcome.
func crawlState(t *testing.T, db string) (docs, frontier []string) {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ids, err := st.DocumentIDs(ctx, 0, 100000)
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
		docs = append(docs, fmt.Sprintf("%s %s %s %d %v", d.SHA256[:12], d.Meta.Kind, d.Meta.PlaceCode, d.Meta.Year, urls))
	}
	sort.Strings(docs)
	rows, err := st.DB().Query(`SELECT url, state, outcome, reason FROM crawl_frontier`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var u, state, outcome, reason string
		rows.Scan(&u, &state, &outcome, &reason)
		frontier = append(frontier, u+" "+state+" "+outcome+" "+reason)
	}
	sort.Strings(frontier)
	return docs, frontier
}

// TestCrawlResumesAfterKill kills a crawl process (SIGKILL) midway, runs
// the crawl again, and checks that it ends in the same state as a crawl
// that was never interrupted, without fetching a finished page again.
func TestCrawlResumesAfterKill(t *testing.T) {
	srv, asked := demoSite(t, 0, 60, 15*time.Millisecond)
	dir := t.TempDir()
	start := srv.URL + "/list/0.html"

	// Uninterrupted.
	whole := filepath.Join(dir, "whole.db")
	if code, out, errOut := runCLI(t, "", "crawl", "--db", whole, "--allow-private", "--rate", "200", "--max-depth", "10", start); code != 0 {
		t.Fatalf("crawl: %s %s", out, errOut)
	}
	wantDocs, wantFrontier := crawlState(t, whole)
	if len(wantDocs) < 50 {
		t.Fatalf("the uninterrupted crawl stored %d documents", len(wantDocs))
	}
	before := asked("/art/0.html")

	// Killed after its twentieth stored document.
	killed := filepath.Join(dir, "killed.db")
	cmd := exec.Command(os.Args[0], "crawl", "--db", killed, "--allow-private", "--rate", "200", "--max-depth", "10", "--json", start)
	cmd.Env = append(os.Environ(), "BAOGAO_TEST_MAIN=1")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	stored := 0
	sc := bufio.NewScanner(stdout)
	for sc.Scan() {
		var e struct{ Outcome string }
		json.Unmarshal(sc.Bytes(), &e)
		if e.Outcome == "stored" {
			stored++
		}
		if stored == 20 {
			if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
				t.Fatal(err)
			}
			break
		}
	}
	cmd.Wait()
	if stored != 20 {
		t.Fatalf("the crawl ended before it could be killed (%d stored)", stored)
	}
	docs, _ := crawlState(t, killed)
	t.Logf("killed with %d documents stored", len(docs))
	if len(docs) >= len(wantDocs) {
		t.Fatalf("the crawl was killed after it stored everything (%d documents)", len(docs))
	}
	askedBefore := asked("/art/0.html")

	code, out, errOut := runCLI(t, "", "crawl", "--db", killed, "--allow-private", "--rate", "200", "--max-depth", "10", start)
	if code != 0 || !strings.Contains(out, "continued crawl") {
		t.Fatalf("continuing: %d %s %s", code, out, errOut)
	}
	gotDocs, gotFrontier := crawlState(t, killed)
	if strings.Join(gotDocs, "\n") != strings.Join(wantDocs, "\n") {
		t.Errorf("documents differ from the uninterrupted crawl:\n%s\n---\n%s", strings.Join(gotDocs, "\n"), strings.Join(wantDocs, "\n"))
	}
	if strings.Join(gotFrontier, "\n") != strings.Join(wantFrontier, "\n") {
		t.Errorf("frontier differs from the uninterrupted crawl:\n%s\n---\n%s", strings.Join(gotFrontier, "\n"), strings.Join(wantFrontier, "\n"))
	}
	// The first document page was finished before the kill: not fetched again.
	if n := asked("/art/0.html"); n != askedBefore || askedBefore != 2*before {
		t.Errorf("/art/0.html asked for %d times in all (%d by the uninterrupted crawl)", n, before)
	}

	code, out, _ = runCLI(t, "", "crawl", "--db", killed, "--status")
	if code != 0 || !strings.Contains(out, "finished") || !strings.Contains(out, fmt.Sprintf("stored %d", len(wantDocs))) {
		t.Errorf("--status: %s", out)
	}
}

// TestCrawlRefusesLoopback: without --allow-private, crawling a loopback
// address makes no request and says why and how to allow it.
func TestCrawlRefusesLoopback(t *testing.T) {
	srv, asked := demoSite(t, 0, 1, 0)
	db := filepath.Join(t.TempDir(), "c.db")
	code, out, errOut := runCLI(t, "", "crawl", "--db", db, srv.URL+"/list/0.html")
	if code != 0 || !strings.Contains(errOut, "refused: address 127.0.0.1 is loopback (allow with --allow-private)") ||
		!strings.Contains(out, "failed 1") {
		t.Errorf("exit %d\n%s\n%s", code, out, errOut)
	}
	if n := asked("/list/0.html") + asked("/robots.txt"); n != 0 {
		t.Errorf("%d requests reached the site", n)
	}
	for _, args := range [][]string{{"crawl", "--db", db}, {"crawl", "--db", db, "ftp://x/"}, {"crawl", "--db", db, "--config", "/nonexistent.toml", "http://x/"}} {
		if code, _, errOut := runCLI(t, "", args...); code != 2 || strings.Count(errOut, "\n") != 1 {
			t.Errorf("%v: exit %d, %q", args, code, errOut)
		}
	}
}
