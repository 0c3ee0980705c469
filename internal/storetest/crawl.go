package storetest

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/baogao/baogao"
)

func crawlURL(u, host string, depth int) baogao.CrawlURL {
	return baogao.CrawlURL{URL: u, Host: host, Depth: depth, Role: "link"}
}

func urlsOf(us []baogao.CrawlURL) []string {
	out := []string{}
	for _, u := range us {
		out = append(out, u.URL)
	}
	return out
}

func sameStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// testCrawlFrontier: a run's frontier hands out due URLs by depth and
// queueing order, once, leaving out busy hosts; finishing a URL queues what
// was found on it once, or queues it again for a retry; a run not finished
// is continued with its taken URLs queued again; a new run starts afresh
// and keeps the fetch history.
func testCrawlFrontier(t *testing.T, st baogao.Store) {
	ctx := context.Background()
	if _, err := st.CrawlStatus(ctx); baogao.ErrorCode(err) != baogao.ENOTFOUND {
		t.Errorf("status before any crawl: %v, want ENOTFOUND", err)
	}
	now := time.Date(2024, 5, 1, 8, 0, 0, 0, time.UTC)
	start := []baogao.CrawlURL{
		{URL: "http://a.test/", Host: "a.test", Role: "start"},
		{URL: "http://b.test/", Host: "b.test", Role: "start"},
	}
	run, resumed, err := st.StartCrawl(ctx, start)
	if err != nil || resumed || run == 0 {
		t.Fatalf("StartCrawl = %d, %v, %v", run, resumed, err)
	}
	if err := st.QueueURLs(ctx, run, []baogao.CrawlURL{crawlURL("http://a.test/deep", "a.test", 2), crawlURL("http://a.test/", "a.test", 5)}); err != nil {
		t.Fatal(err)
	}
	got, err := st.NextURLs(ctx, run, now, 1, nil)
	if err != nil || !sameStrings(urlsOf(got), []string{"http://a.test/"}) || got[0].Role != "start" || got[0].Depth != 0 {
		t.Fatalf("first NextURLs = %+v, %v", got, err)
	}
	got, _ = st.NextURLs(ctx, run, now, 10, []string{"b.test"})
	if !sameStrings(urlsOf(got), []string{"http://a.test/deep"}) {
		t.Errorf("NextURLs with b.test busy = %v", urlsOf(got))
	}
	got, _ = st.NextURLs(ctx, run, now, 10, nil)
	if !sameStrings(urlsOf(got), []string{"http://b.test/"}) {
		t.Errorf("NextURLs = %v; want only b.test left", urlsOf(got))
	}
	if got, _ := st.NextURLs(ctx, run, now, 10, nil); len(got) != 0 {
		t.Errorf("taken URLs handed out again: %v", urlsOf(got))
	}

	body := []byte("<a href=/x>x</a>")
	results := []baogao.CrawlResult{
		{Fetch: baogao.CrawlFetch{URL: "http://a.test/", Status: 200, ETag: `"v1"`, LastModified: "Mon, 01 Jan 2024 00:00:00 GMT",
			SHA256: "aa", Size: 16, FetchedAt: now, Outcome: baogao.CrawlListing, Body: body},
			Found: []baogao.CrawlURL{crawlURL("http://a.test/x", "a.test", 1), crawlURL("http://a.test/deep", "a.test", 1)}},
		{Fetch: baogao.CrawlFetch{URL: "http://a.test/deep", Status: 503, FetchedAt: now, Outcome: baogao.CrawlRetry, Reason: "503"},
			Retry: baogao.CrawlURL{URL: "http://a.test/deep", Attempts: 1, NextAt: now.Add(time.Minute)}},
		{Fetch: baogao.CrawlFetch{URL: "http://b.test/", Status: 0, FetchedAt: now, Outcome: baogao.CrawlFailed, Reason: "refused"}},
		{Fetch: baogao.CrawlFetch{URL: "http://elsewhere.test/", Status: 200, Outcome: baogao.CrawlStored}}, // not in the run
	}
	if err := st.FinishFetches(ctx, run, results); err != nil {
		t.Fatal(err)
	}
	got, _ = st.NextURLs(ctx, run, now, 10, nil)
	if !sameStrings(urlsOf(got), []string{"http://a.test/x"}) || got[0].Depth != 1 || got[0].Role != "link" {
		t.Errorf("after finishing: NextURLs = %+v; want the link found (a URL the run had is not queued again)", got)
	}
	got, _ = st.NextURLs(ctx, run, now.Add(2*time.Minute), 10, nil)
	if !sameStrings(urlsOf(got), []string{"http://a.test/deep"}) || got[0].Attempts != 1 || !got[0].NextAt.Equal(now.Add(time.Minute)) {
		t.Errorf("the retry when due: %+v", got)
	}

	f, err := st.LastFetch(ctx, "http://a.test/")
	if err != nil || f.ETag != `"v1"` || f.Status != 200 || !bytes.Equal(f.Body, body) || f.SHA256 != "aa" || !f.FetchedAt.Equal(now) {
		t.Errorf("LastFetch = %+v, %v", f, err)
	}
	for _, u := range []string{"http://b.test/", "http://a.test/deep", "http://nowhere.test/"} {
		if _, err := st.LastFetch(ctx, u); baogao.ErrorCode(err) != baogao.ENOTFOUND {
			t.Errorf("LastFetch(%s) of a failure, a retry or nothing: %v, want ENOTFOUND", u, err)
		}
	}

	// Killed with a.test/x and a.test/deep taken: continuing queues them again.
	run2, resumed, err := st.StartCrawl(ctx, start[:1])
	if err != nil || !resumed || run2 != run {
		t.Fatalf("continuing: %d, %v, %v", run2, resumed, err)
	}
	status, err := st.CrawlStatus(ctx)
	if err != nil || status.Run != run || status.Queued != 2 || status.Taken != 0 || status.Done != 2 ||
		status.Outcomes[baogao.CrawlListing] != 1 || status.Outcomes[baogao.CrawlFailed] != 1 || !status.Finished.IsZero() ||
		!sameStrings(status.Start, []string{"http://a.test/", "http://b.test/"}) {
		t.Errorf("status = %+v, %v", status, err)
	}
	got, _ = st.NextURLs(ctx, run, now.Add(2*time.Minute), 10, nil)
	if !sameStrings(urlsOf(got), []string{"http://a.test/x", "http://a.test/deep"}) {
		t.Errorf("after continuing: %v", urlsOf(got))
	}
	// A 304 keeps what the fetch it confirmed had.
	err = st.FinishFetches(ctx, run, []baogao.CrawlResult{
		{Fetch: baogao.CrawlFetch{URL: "http://a.test/x", Status: 200, SHA256: "bb", ContentType: "text/html", DocumentID: 7, FetchedAt: now, Outcome: baogao.CrawlStored}},
		{Fetch: baogao.CrawlFetch{URL: "http://a.test/deep", Status: 200, FetchedAt: now, Outcome: baogao.CrawlSkipped, Reason: "news"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.FinishCrawl(ctx, run); err != nil {
		t.Fatal(err)
	}
	if err := st.FinishCrawl(ctx, run+100); baogao.ErrorCode(err) != baogao.ENOTFOUND {
		t.Errorf("finishing no run: %v", err)
	}
	status, _ = st.CrawlStatus(ctx)
	if status.Finished.IsZero() || status.Done != 4 || status.Queued != 0 || status.Outcomes[baogao.CrawlStored] != 1 {
		t.Errorf("finished status = %+v", status)
	}

	// A new run: the frontier starts afresh; the history stays.
	run3, resumed, err := st.StartCrawl(ctx, start[:1])
	if err != nil || resumed || run3 == run {
		t.Fatalf("new run: %d, %v, %v", run3, resumed, err)
	}
	got, _ = st.NextURLs(ctx, run3, now, 10, nil)
	if !sameStrings(urlsOf(got), []string{"http://a.test/"}) {
		t.Errorf("new run hands out %v", urlsOf(got))
	}
	later := now.Add(24 * time.Hour)
	err = st.FinishFetches(ctx, run3, []baogao.CrawlResult{{Fetch: baogao.CrawlFetch{URL: "http://a.test/", Status: 304,
		FetchedAt: later, Outcome: baogao.CrawlUnchanged}}})
	if err != nil {
		t.Fatal(err)
	}
	f, err = st.LastFetch(ctx, "http://a.test/")
	if err != nil || f.Status != 304 || f.ETag != `"v1"` || !bytes.Equal(f.Body, body) || f.SHA256 != "aa" || !f.FetchedAt.Equal(later) {
		t.Errorf("LastFetch after a 304 = %+v, %v", f, err)
	}
	if f, _ := st.LastFetch(ctx, "http://a.test/x"); f.DocumentID != 7 || f.SHA256 != "bb" {
		t.Errorf("history of an earlier run: %+v", f)
	}
	status, _ = st.CrawlStatus(ctx)
	if status.Run != run3 || status.Done != 1 || status.Outcomes[baogao.CrawlUnchanged] != 1 {
		t.Errorf("new run status = %+v", status)
	}
}
