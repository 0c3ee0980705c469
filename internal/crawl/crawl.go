// Package crawl collects reports, bulletins and plans from government and
// archive sites: it follows listings to documents within allowed hosts,
// politely (robots.txt, a rate limit per host, conditional requests,
// retries with backoff), safely (no private addresses unless allowed), and
// resumably (the frontier and the fetch history live in the Store).
package crawl

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"path"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/baogao/baogao"
	"github.com/baogao/baogao/internal/decode"
	"github.com/baogao/baogao/internal/doctext"
	"github.com/baogao/baogao/internal/ingest"
)

// Crawler fetches pages and stores the documents found on them. Make one
// with New; Run crawls once.
type Crawler struct {
	store    baogao.Store
	parser   *ingest.Parser
	importer *ingest.Importer
	cfg      *Config
	guard    guard
	client   *http.Client
	ua       string
	events   func(Event)

	// writing serialises the crawler's own writes to the store: SQLite
	// makes a second writer of one process sleep (busy timeout) rather than
	// queue, which cost more than the writes.
	writing sync.Mutex

	mu       sync.Mutex
	hosts    map[string]*host
	scope    map[string]bool // the hosts links are followed to
	starts   map[string]bool // the hosts of start URLs, whose sitemaps are looked for
	run      int64
	runStart time.Time
	sum      Summary
}

// Options are what New needs besides the store.
type Options struct {
	Config  *Config // nil: the defaults
	Parser  *ingest.Parser
	Version string      // in the User-Agent
	Events  func(Event) // called for every URL finished, from one goroutine; may be nil
}

// Event is what became of one URL: the lines of `baogao crawl --json`.
type Event struct {
	Time     time.Time `json:"time"`
	URL      string    `json:"url"`
	Outcome  string    `json:"outcome"` // stored, duplicate, unchanged, listing, skipped, failed, retry
	Reason   string    `json:"reason,omitempty"`
	Status   int       `json:"status,omitempty"`
	Final    string    `json:"final_url,omitempty"` // after redirects, when it differs
	Bytes    int64     `json:"bytes,omitempty"`
	Depth    int       `json:"depth"`
	Found    int       `json:"found,omitempty"` // URLs found on it and queued (when new to the run)
	ID       int64     `json:"id,omitempty"`    // the document stored or added to
	Document string    `json:"document,omitempty"`
}

// Summary counts what a run did.
type Summary struct {
	Run        int64         `json:"run"`
	Resumed    bool          `json:"resumed"`
	Requests   int           `json:"requests"` // HTTP requests, robots.txt and redirects included
	Finished   int           `json:"finished"` // URLs finished
	Stored     int           `json:"stored"`
	Duplicates int           `json:"duplicates"`
	Unchanged  int           `json:"unchanged"`
	Listings   int           `json:"listings"`
	Skipped    int           `json:"skipped"`
	Failed     int           `json:"failed"`
	Retries    int           `json:"retries"`
	Queued     int           `json:"queued"` // URLs left in the frontier
	Elapsed    time.Duration `json:"elapsed_ns"`
}

// New returns a crawler over the store.
func New(st baogao.Store, opt Options) (*Crawler, error) {
	cfg := opt.Config
	if cfg == nil {
		cfg = &Config{}
	}
	if err := cfg.check(); err != nil {
		return nil, err
	}
	if opt.Parser == nil {
		return nil, errors.New("crawl: a parser is required")
	}
	c := &Crawler{store: st, parser: opt.Parser, cfg: cfg, events: opt.Events,
		importer: &ingest.Importer{Store: st, Parser: opt.Parser},
		guard:    guard{allowPrivate: cfg.AllowPrivate, allowed: cfg.allowed},
		ua:       cfg.userAgent(opt.Version),
		hosts:    map[string]*host{}, scope: map[string]bool{}, starts: map[string]bool{}}
	c.client = &http.Client{
		Transport: &http.Transport{
			Proxy:                  nil, // the guard checks where connections go; a proxy would hide it
			DialContext:            c.guard.dialer(),
			ForceAttemptHTTP2:      true,
			MaxIdleConns:           64,
			MaxIdleConnsPerHost:    4,
			IdleConnTimeout:        90 * time.Second,
			TLSHandshakeTimeout:    15 * time.Second,
			ResponseHeaderTimeout:  cfg.Timeout.Duration,
			MaxResponseHeaderBytes: 1 << 20,
		},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	for _, s := range cfg.Sites {
		for _, h := range s.Hosts {
			c.scope[h] = true
		}
	}
	return c, nil
}

// Run crawls from the start URLs and the configured sites' start URLs
// until the frontier is empty or ctx is done, and returns what it did. An
// unfinished earlier run is continued. Stopped by ctx, it finishes storing
// what it fetched and returns ctx's error; the next Run continues.
func (c *Crawler) Run(ctx context.Context, start []string) (Summary, error) {
	began := time.Now()
	var starts []baogao.CrawlURL
	for _, s := range c.cfg.Sites {
		start = append(start, s.Start...)
	}
	for _, raw := range start {
		pu, err := url.Parse(strings.TrimSpace(raw))
		if err != nil || canonical(pu) == "" {
			return Summary{}, baogao.Errorf(baogao.EINVALID, "start URL %q is not an http or https URL", raw)
		}
		u := canonical(pu)
		pu, _ = url.Parse(u)
		c.scope[pu.Host] = true
		c.starts[pu.Host] = true
		starts = append(starts, baogao.CrawlURL{URL: u, Host: pu.Host, Role: "start"})
	}
	if len(starts) == 0 {
		return Summary{}, baogao.Errorf(baogao.EINVALID, "no start URL (give URLs, or sites with start URLs in --config)")
	}
	run, resumed, err := c.store.StartCrawl(ctx, starts)
	if err != nil {
		return Summary{}, err
	}
	c.run = run
	c.sum = Summary{Run: run, Resumed: resumed}
	if st, err := c.store.CrawlStatus(ctx); err == nil {
		c.runStart = st.Started
	}
	err = c.loop(ctx)
	st, serr := c.store.CrawlStatus(context.WithoutCancel(ctx))
	c.mu.Lock()
	sum := c.sum
	c.mu.Unlock()
	if serr == nil {
		sum.Queued = st.Queued + st.Taken
	}
	sum.Elapsed = time.Since(began)
	if err == nil {
		err = c.store.FinishCrawl(ctx, run)
	}
	return sum, err
}

// Progress returns the counts so far.
func (c *Crawler) Progress() Summary {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.sum
}

func (c *Crawler) count(f func(*Summary)) {
	c.mu.Lock()
	f(&c.sum)
	c.mu.Unlock()
}

// inScope tells whether links may be followed to a host.
func (c *Crawler) inScope(host string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.scope[strings.ToLower(host)]
}

// result is a URL fetched and read, on its way to the store.
type result struct {
	u     baogao.CrawlURL
	fetch baogao.CrawlFetch
	found []baogao.CrawlURL
	retry baogao.CrawlURL
	doc   *baogao.Document // a document to store, with its source
	src   baogao.Source
}

// batchSize is how many URLs are finished in one transaction at most.
const batchSize = 32

// loop hands due URLs to one worker pool per host and finishes their
// results in batches, until nothing is queued or ctx is done.
func (c *Crawler) loop(ctx context.Context) error {
	results := make(chan result, 4*batchSize)
	type hostQueue struct {
		ch   chan baogao.CrawlURL
		over []baogao.CrawlURL // taken but not yet in ch
	}
	queues := map[string]*hostQueue{}
	var workers sync.WaitGroup
	work, stopWork := context.WithCancel(ctx)
	defer stopWork()
	queue := func(h string) *hostQueue {
		q, ok := queues[h]
		if !ok {
			n := c.cfg.Concurrency
			if s := c.cfg.site(h); s != nil && s.Concurrency > 0 {
				n = s.Concurrency
			}
			q = &hostQueue{ch: make(chan baogao.CrawlURL, 2*n)}
			queues[h] = q
			for range n {
				workers.Add(1)
				go func() {
					defer workers.Done()
					for u := range q.ch {
						r, ok := c.process(work, u)
						if !ok {
							continue // stopped: the URL stays taken and is queued again next time
						}
						results <- r
					}
				}()
			}
		}
		return q
	}

	sinkDone := make(chan error, 1)
	finished := make(chan int, 4*batchSize)
	// The sink's first failure of the archive itself (the disk full, a
	// read-only database) ends the run at once: no page could be stored.
	storeFailed := make(chan error, 1)
	go func() { sinkDone <- c.sink(ctx, results, finished, storeFailed) }()

	inflight := 0
	var err error
	idle := time.NewTimer(0)
	defer idle.Stop()
loop:
	for {
		// Top up the host queues from what was taken before.
		busy := []string{}
		for h, q := range queues {
			for len(q.over) > 0 && len(q.ch) < cap(q.ch) {
				q.ch <- q.over[0]
				q.over = q.over[1:]
			}
			if len(q.over) > 0 || len(q.ch) == cap(q.ch) {
				busy = append(busy, h)
			}
		}
		if ctx.Err() != nil {
			err = ctx.Err()
			break
		}
		c.writing.Lock()
		urls, e := c.store.NextURLs(ctx, c.run, time.Now(), batchSize, busy)
		c.writing.Unlock()
		if e != nil {
			err = e
			break
		}
		for _, u := range urls {
			inflight++
			q := queue(u.Host)
			select {
			case q.ch <- u:
			default:
				q.over = append(q.over, u)
			}
		}
		wait := 50 * time.Millisecond
		if len(urls) == 0 && inflight == 0 {
			st, e := c.store.CrawlStatus(ctx)
			if e != nil {
				err = e
				break
			}
			if st.Queued == 0 {
				break // done
			}
			wait = max(min(time.Until(st.NextDue), 5*time.Second), 10*time.Millisecond)
		} else if len(urls) == batchSize && len(busy) < len(queues) {
			wait = 0 // more may be due for idle hosts
		}
		idle.Reset(wait)
		select {
		case n := <-finished:
			inflight -= n
		case err = <-storeFailed:
			break loop
		case <-idle.C:
		case <-ctx.Done():
			err = ctx.Err()
			break loop
		}
	drain:
		for {
			select {
			case n := <-finished:
				inflight -= n
			default:
				break drain
			}
		}
	}
	// Stop: no new URLs; the workers finish or abandon what they hold,
	// the sink stores what reached it.
	go func() {
		for range finished {
		}
	}()
	for _, q := range queues {
		close(q.ch)
	}
	stopWork()
	workers.Wait()
	close(results)
	if serr := <-sinkDone; serr != nil && err == nil {
		err = serr
	}
	close(finished)
	return err
}

// sink stores the documents of results and finishes their URLs, in
// batches: a batch's documents in one transaction, then its URLs in
// another, so that a URL is never done before its document is stored (a
// crawler killed in between fetches the URL again and finds the document
// stored). It reports on finished how many URLs each batch finished.
func (c *Crawler) sink(ctx context.Context, results <-chan result, finished chan<- int, storeFailed chan<- error) error {
	ctx = context.WithoutCancel(ctx) // what was fetched is stored even when stopping
	batch := c.importer.NewBatch()
	var pending []*result
	var firstErr error
	flush := func() {
		if len(pending) == 0 {
			return
		}
		byURL := map[string]*result{}
		for _, r := range pending {
			byURL[r.u.URL] = r
		}
		c.writing.Lock()
		if err := batch.Flush(ctx, func(res ingest.Result) {
			if r := byURL[res.File]; r != nil {
				c.judged(ctx, r, res)
			}
		}); err != nil && firstErr == nil {
			firstErr = err
			if ingest.Environmental(err) {
				storeFailed <- err
			}
		}
		out := make([]baogao.CrawlResult, 0, len(pending))
		for _, r := range pending {
			out = append(out, baogao.CrawlResult{Fetch: r.fetch, Found: r.found, Retry: r.retry})
		}
		if err := c.store.FinishFetches(ctx, c.run, out); err != nil && firstErr == nil {
			firstErr = err
		}
		c.writing.Unlock()
		for _, r := range pending {
			c.report(r)
		}
		finished <- len(pending)
		pending = pending[:0]
	}
	for {
		select {
		case r, ok := <-results:
			if !ok {
				flush()
				return firstErr
			}
			rr := r
			c.add(ctx, batch, &rr)
			pending = append(pending, &rr)
			if len(pending) >= batchSize {
				flush()
			}
		default:
			flush()
			r, ok := <-results
			if !ok {
				return firstErr
			}
			rr := r
			c.add(ctx, batch, &rr)
			pending = append(pending, &rr)
		}
	}
}

// add gives a result's document to the batch, which may store a source at
// once (another source of a stored document).
func (c *Crawler) add(ctx context.Context, batch *ingest.Batch, r *result) {
	if r.doc == nil {
		return
	}
	c.writing.Lock()
	batch.Add(ctx, r.u.URL, r.doc, r.src)
	c.writing.Unlock()
}

// judged sets a result's outcome from the importer's verdict on its
// document.
func (c *Crawler) judged(ctx context.Context, r *result, res ingest.Result) {
	f := &r.fetch
	f.DocumentID = res.ID
	switch res.Status {
	case ingest.StatusImported:
		f.Outcome = baogao.CrawlStored
		f.Reason = ""
		if res.Flagged {
			f.Reason = "text decoded badly; stored with a warning"
		}
	case ingest.StatusDuplicate:
		f.Outcome, f.Reason = baogao.CrawlDuplicate, res.Reason
		if res.Reason == "already imported" {
			f.Outcome, f.Reason = c.againOutcome(ctx, r)
		}
	default:
		f.Outcome, f.Reason = baogao.CrawlFailed, res.Reason
		if res.Environmental {
			// The archive's failure, not the page's (the disk full): the
			// URL is fetched again, as soon as the archive can store it,
			// and the run's error says why once.
			f.Outcome = baogao.CrawlRetry
			r.retry = r.u
			r.retry.NextAt = time.Now()
		}
	}
}

// againOutcome judges bytes stored before: unchanged since an earlier run,
// or stored by this run before it was killed (then the outcome is what it
// would have been: stored for a document's first source, duplicate for
// another), so that a continued run ends as an uninterrupted one.
func (c *Crawler) againOutcome(ctx context.Context, r *result) (string, string) {
	src, err := c.store.SourceBySHA256(ctx, r.src.SHA256)
	if err != nil || src.URL != r.u.URL || src.ImportedAt.Before(c.runStart) {
		return baogao.CrawlUnchanged, "the same bytes as before"
	}
	doc, err := c.store.Document(ctx, src.DocumentID)
	if err == nil && len(doc.Sources) > 0 && doc.Sources[0].SHA256 != src.SHA256 {
		return baogao.CrawlDuplicate, "another source of document " + fmt.Sprint(src.DocumentID)
	}
	return baogao.CrawlStored, ""
}

// report counts a finished URL and tells the caller.
func (c *Crawler) report(r *result) {
	f := r.fetch
	c.count(func(s *Summary) {
		if f.Outcome != baogao.CrawlRetry {
			s.Finished++
		}
		switch f.Outcome {
		case baogao.CrawlStored:
			s.Stored++
		case baogao.CrawlDuplicate:
			s.Duplicates++
		case baogao.CrawlUnchanged:
			s.Unchanged++
		case baogao.CrawlListing:
			s.Listings++
		case baogao.CrawlSkipped:
			s.Skipped++
		case baogao.CrawlFailed:
			s.Failed++
		case baogao.CrawlRetry:
			s.Retries++
		}
	})
	if c.events == nil {
		return
	}
	e := Event{Time: f.FetchedAt, URL: f.URL, Outcome: f.Outcome, Reason: f.Reason, Status: f.Status, Bytes: f.Size,
		Depth: r.u.Depth, Found: len(r.found), ID: f.DocumentID}
	if f.FinalURL != f.URL {
		e.Final = f.FinalURL
	}
	if e.Time.IsZero() {
		e.Time = time.Now().UTC()
	}
	if r.doc != nil && f.DocumentID != 0 && r.doc.ID == f.DocumentID {
		e.Document = r.doc.URL()
	}
	c.events(e)
}

// process fetches one URL and reads it: its document, if it is one, and
// the URLs to follow. ok is false when ctx ended first.
func (c *Crawler) process(ctx context.Context, u baogao.CrawlURL) (result, bool) {
	r := result{u: u, fetch: baogao.CrawlFetch{URL: u.URL}}
	var prev *baogao.CrawlFetch
	if f, err := c.store.LastFetch(ctx, u.URL); err == nil {
		prev = &f
	}
	resp, err := c.fetch(ctx, u.URL, prev)
	if ctx.Err() != nil {
		return r, false
	}
	var fe *fetchError
	if errors.As(err, &fe) {
		if (u.Role == "sitemap" || u.Role == "feed") && (fe.status == http.StatusNotFound || fe.status == http.StatusGone) {
			fe = &fetchError{outcome: baogao.CrawlSkipped, reason: "no " + u.Role + " here", status: fe.status}
		}
		c.failure(&r, fe)
		return r, true
	}
	if err != nil {
		c.failure(&r, &fetchError{outcome: baogao.CrawlRetry, reason: err.Error()})
		return r, true
	}
	f := &r.fetch
	f.FinalURL, f.Status, f.ContentType, f.FetchedAt = resp.finalURL, resp.status, resp.contentType, resp.fetchedAt
	f.ETag, f.LastModified = resp.etag, resp.lastMod
	if resp.status == http.StatusNotModified {
		f.Outcome, f.Reason = baogao.CrawlUnchanged, "not modified"
		if prev != nil {
			f.SHA256, f.Size, f.DocumentID = prev.SHA256, prev.Size, prev.DocumentID
			if prev.Body == nil && prev.DocumentID != 0 {
				// a document's page: its bytes are its source's original
				if raw, err := c.store.Original(ctx, prev.SHA256); err == nil {
					prev.Body = raw
				}
			}
			if prev.Body != nil {
				base, _ := url.Parse(prev.FinalURL)
				if base == nil || prev.FinalURL == "" {
					base, _ = url.Parse(u.URL)
				}
				c.read(&r, base, prev.Body, prev.ContentType, false, prev.DocumentID != 0)
				r.doc = nil
				f.Outcome, f.Reason, f.Body = baogao.CrawlUnchanged, "not modified", nil
			}
		}
		return r, true
	}
	sum := sha256.Sum256(resp.body)
	f.SHA256, f.Size = hex.EncodeToString(sum[:]), int64(len(resp.body))
	base, _ := url.Parse(resp.finalURL)
	c.read(&r, base, resp.body, resp.contentType, true, false)
	return r, true
}

// failure records a fetch that gave no page: retried with backoff while
// tries are left, else failed.
func (c *Crawler) failure(r *result, fe *fetchError) {
	f := &r.fetch
	f.Outcome, f.Reason, f.Status, f.FetchedAt = fe.outcome, fe.reason, fe.status, time.Now().UTC()
	if fe.outcome != baogao.CrawlRetry {
		return
	}
	attempts := r.u.Attempts + 1
	if attempts > c.cfg.Retries {
		f.Outcome = baogao.CrawlFailed
		f.Reason = fmt.Sprintf("%s (%d tries)", fe.reason, attempts)
		return
	}
	wait := time.Duration(float64(c.cfg.Backoff.Duration) * math.Pow(2, float64(attempts-1)))
	wait = min(max(wait, fe.retryAfter), time.Hour)
	r.retry = r.u
	r.retry.Attempts = attempts
	r.retry.NextAt = time.Now().Add(wait)
}

// kept are the kinds of document a crawl stores.
var kept = map[baogao.Kind]bool{baogao.KindWorkReport: true, baogao.KindStatsBulletin: true, baogao.KindPlan: true}

// read decides what a fetched body is — a sitemap or feed, a document, a
// page to follow, or nothing to keep — and fills r: the document to store,
// the URLs to queue, the outcome. fresh is false for the body of an
// earlier fetch read again after a 304 (its links only; wasDoc when it was
// a document then, whose attachments only are followed).
func (c *Crawler) read(r *result, base *url.URL, body []byte, contentType string, fresh, wasDoc bool) {
	f := &r.fetch
	u := r.u
	site := c.cfg.site(base.Host)
	maxDepth := c.cfg.MaxDepth
	if site != nil && site.MaxDepth > 0 {
		maxDepth = site.MaxDepth
	}
	mt := mediaType(contentType)

	// Sitemaps and feeds.
	if u.Role == "sitemap" || u.Role == "feed" || isXML(mt, body) {
		links, nested, ok := xmlLinks(base, body, c.cfg.MaxBytes)
		if ok {
			for _, l := range links {
				c.queue(r, l, maxDepth, "link", maxDepth)
			}
			for _, l := range nested {
				c.queue(r, l, u.Depth, "sitemap", maxDepth)
			}
			f.Outcome, f.Reason, f.Body = baogao.CrawlListing, fmt.Sprintf("sitemap or feed of %d URLs", len(links)+len(nested)), body
			return
		}
		if u.Role == "sitemap" || u.Role == "feed" {
			f.Outcome, f.Reason = baogao.CrawlSkipped, "not a sitemap or feed"
			return
		}
	}

	format := doctext.Detect(body)
	html := format == "" && (strings.Contains(mt, "html") || (mt == "" || mt == "text/plain" || mt == "application/octet-stream") && looksLikeHTML(body))
	text := format == "" && !html && (strings.HasPrefix(mt, "text/") || mt == "")
	if format == "" && !html && !text {
		f.Outcome, f.Reason = baogao.CrawlSkipped, fmt.Sprintf("not a page or document (%s)", mt)
		return
	}
	pathq := base.EscapedPath()
	if base.RawQuery != "" {
		pathq += "?" + base.RawQuery
	}
	isDoc := u.Role == "attachment" || site == nil || len(site.documents) == 0 || matchAny(site.documents, pathq)
	isList := u.Role == "start" || site == nil || len(site.listings) == 0 || matchAny(site.listings, pathq)

	stored := wasDoc
	if isDoc && fresh {
		name := path.Base(base.Path)
		doc, src, err := c.parser.Parse(body, ingest.Input{Name: name, URL: u.URL, ContentType: contentType, FetchedAt: f.FetchedAt})
		switch {
		case err != nil && baogao.ErrorCode(err) == baogao.EUNAVAILABLE:
			f.Outcome, f.Reason = baogao.CrawlFailed, baogao.ErrorMessage(err)
		case err != nil:
			f.Outcome, f.Reason = baogao.CrawlSkipped, baogao.ErrorMessage(err)
		case !kept[doc.Meta.Kind]:
			f.Outcome, f.Reason = baogao.CrawlSkipped, "not a report, bulletin or plan"
		case utf8.RuneCountInString(doc.Body) < c.cfg.MinLength:
			f.Outcome, f.Reason = baogao.CrawlSkipped, fmt.Sprintf("too short for a document (%d characters)", utf8.RuneCountInString(doc.Body))
		default:
			src.File = ""
			src.Status = f.Status
			if f.FinalURL != u.URL {
				src.FinalURL = f.FinalURL
			}
			r.doc, r.src = doc, src
			stored = true
		}
	} else if !isDoc && fresh {
		f.Outcome, f.Reason = baogao.CrawlSkipped, "not a document page by the site's rules"
	}

	if !html {
		return
	}
	follow := isList && u.Depth < maxDepth+1
	if !follow && !stored {
		return
	}
	found := pageLinks(base, decode.Bytes(ingest.DropDataURIs(body), contentType).Text)
	for _, l := range found.links {
		role := "link"
		if isAttachment(l) {
			role = "attachment"
		} else if stored || !follow {
			continue // a document's own links: only its attachments
		}
		c.queue(r, l, u.Depth+1, role, maxDepth)
	}
	for _, l := range found.feeds {
		c.queue(r, l, u.Depth+1, "feed", maxDepth)
	}
	if !stored {
		if site != nil && len(site.listings) > 0 && isList {
			f.Outcome, f.Reason = baogao.CrawlListing, ""
		}
		if f.Outcome == "" {
			f.Outcome, f.Reason = baogao.CrawlSkipped, "no document"
		}
	}
	if len(r.found) > 0 && r.doc == nil {
		// kept so that its links can be followed again after a 304; a
		// document's bytes are kept as its source's original instead
		// (process reads them back), not twice
		f.Body = body
	}
}

// queue adds a URL found on r's page to r, when it is to be followed: on an
// allowed host, not skipped by its site's rules, within the depth (one
// more for attachments), and a document or listing by the site's patterns
// when it has them.
func (c *Crawler) queue(r *result, raw string, depth int, role string, maxDepth int) {
	pu, err := url.Parse(raw)
	if err != nil || !c.inScope(pu.Host) {
		return
	}
	site := c.cfg.site(pu.Host)
	pathq := pu.EscapedPath()
	if pu.RawQuery != "" {
		pathq += "?" + pu.RawQuery
	}
	if site != nil && matchAny(site.skip, pathq) {
		return
	}
	if site != nil && site.MaxDepth > 0 {
		maxDepth = site.MaxDepth
	}
	limit := maxDepth
	if role == "attachment" || role == "sitemap" || role == "feed" {
		limit++
	}
	if depth > limit {
		return
	}
	if role == "link" && site != nil && (len(site.documents) > 0 || len(site.listings) > 0) &&
		!matchAny(site.documents, pathq) && !matchAny(site.listings, pathq) {
		return
	}
	r.found = append(r.found, baogao.CrawlURL{URL: raw, Host: pu.Host, Depth: depth, Via: r.u.URL, Role: role})
}

// robotsFound queues the sitemaps a start host's robots.txt names, or its
// /sitemap.xml when it names none.
func (c *Crawler) robotsFound(ctx context.Context, hostName string, u *url.URL, sitemaps []string) {
	c.mu.Lock()
	start := c.starts[hostName]
	c.mu.Unlock()
	if !start {
		return
	}
	if len(sitemaps) == 0 {
		sitemaps = []string{(&url.URL{Scheme: u.Scheme, Host: u.Host, Path: "/sitemap.xml"}).String()}
	}
	var urls []baogao.CrawlURL
	for _, s := range sitemaps {
		pu, err := url.Parse(s)
		if err != nil || canonical(pu) == "" || !c.inScope(pu.Host) {
			continue
		}
		urls = append(urls, baogao.CrawlURL{URL: canonical(pu), Host: pu.Host, Role: "sitemap", Via: "robots.txt"})
	}
	// Should this fail, the sitemaps are looked for again by the next run.
	c.writing.Lock()
	defer c.writing.Unlock()
	_ = c.store.QueueURLs(ctx, c.run, urls)
}

// isAttachment tells a link to a PDF or Word file by its path.
func isAttachment(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil {
		return false
	}
	switch strings.ToLower(path.Ext(u.Path)) {
	case ".pdf", ".doc", ".docx":
		return true
	}
	return false
}

func mediaType(ct string) string {
	mt, _, _ := strings.Cut(ct, ";")
	return strings.ToLower(strings.TrimSpace(mt))
}

func isXML(mt string, body []byte) bool {
	if strings.Contains(mt, "xml") && !strings.Contains(mt, "html") {
		return true
	}
	head := strings.TrimSpace(string(body[:min(len(body), 512)]))
	return strings.HasPrefix(head, "<?xml") && !strings.Contains(strings.ToLower(head), "<html") || len(body) > 1 && body[0] == 0x1f && body[1] == 0x8b
}

func looksLikeHTML(body []byte) bool {
	head := strings.ToLower(string(body[:min(len(body), 1024)]))
	return strings.Contains(head, "<html") || strings.Contains(head, "<!doctype html") || strings.Contains(head, "<body") || strings.Contains(head, "<div")
}
