package main

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// TestCrawlStorageFault: a crawl whose archive fills up (the disk full,
// simulated by SQLite's max_page_count) stops with exit 1 and one line
// saying why, without fetching the rest of the site, and leaves the
// archive consistent (issue 9, item 5).
func TestCrawlStorageFault(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: crawls hundreds of pages")
	}
	const n = 400
	site, asked := demoSite(t, 0, n, 0)
	db := filepath.Join(t.TempDir(), "full.db")
	if code, _, errOut := runCLI(t, "", "import", "--db", db, t.TempDir()); code != 0 {
		t.Fatalf("creating the archive: %s", errOut)
	}
	limit := pragma(t, db, `PRAGMA page_count`) + 600
	code, out, errOut := runCLI(t, "", "crawl", "--db", db+fmt.Sprintf("?_pragma=max_page_count(%d)", limit), "--allow-private", "--rate", "1000",
		site.URL+"/list/0.html")
	lines := strings.Split(strings.TrimSpace(errOut), "\n")
	last := lines[len(lines)-1]
	if code != 1 || !strings.HasPrefix(last, "baogao crawl: database "+db+": the disk is full") {
		t.Fatalf("full disk: exit %d, stderr %q, stdout %.500q", code, errOut, out)
	}
	for _, l := range lines[:len(lines)-1] {
		if strings.Contains(l, "disk is full") {
			t.Errorf("a page is reported failed for the archive's fault (the run's error says it once): %s", l)
		}
	}
	fetched := 0
	for i := range n {
		fetched += asked(fmt.Sprintf("/art/%d.html", i))
	}
	stored := pragma(t, db, `SELECT count(*) FROM documents`)
	t.Logf("%d documents stored, %d fetched, of %d; %s; %s", stored, fetched, n, strings.TrimSpace(out), last)
	if stored == 0 || fetched >= n/2 {
		t.Errorf("%d documents stored and %d fetched of %d: the crawl went on after the disk was full", stored, fetched, n)
	}
	checkConsistent(t, db)
}
