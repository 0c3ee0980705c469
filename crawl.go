package baogao

import "time"

// CrawlURL is one URL of a crawl's frontier.
type CrawlURL struct {
	URL   string
	Host  string // the URL's host and port, the unit of politeness
	Depth int    // links followed from a start URL to reach it
	Via   string // the page it was found on; "" for a start URL
	// Role is how it was found: "start", "link", "sitemap", "feed",
	// "attachment", or "robots" for a sitemap named by robots.txt.
	Role     string
	Attempts int       // fetches tried so far that are to be retried
	NextAt   time.Time // not to be fetched before (a retry's backoff)
}

// Outcomes of fetching a URL of the frontier (CrawlFetch.Outcome).
const (
	CrawlStored    = "stored"    // a new document
	CrawlDuplicate = "duplicate" // another source of a stored document
	CrawlUnchanged = "unchanged" // not modified since an earlier crawl, or the same bytes
	CrawlListing   = "listing"   // not a document; its links were followed
	CrawlSkipped   = "skipped"   // not kept (Reason says why)
	CrawlFailed    = "failed"    // could not be fetched or read (Reason says why)
	CrawlRetry     = "retry"     // failed for now; queued again for CrawlURL.NextAt
)

// CrawlFetch is what became of fetching one URL.
type CrawlFetch struct {
	URL          string
	FinalURL     string // after redirects
	Status       int    // HTTP status; 0 when none was received
	ContentType  string
	ETag         string // validators for a conditional request next time
	LastModified string
	SHA256       string // of the body
	Size         int64
	FetchedAt    time.Time
	Outcome      string // one of the Crawl* outcomes
	Reason       string
	DocumentID   int64 // the document stored or added to, when there is one
	// Body is a page whose links were followed, kept so that its links can
	// be followed again when it has not changed (304); nil otherwise.
	Body []byte
}

// CrawlResult is one fetched URL and what was found on it, for
// Store.FinishFetches. When Fetch.Outcome is CrawlRetry, Retry holds the URL
// to queue again (its Attempts and NextAt set).
type CrawlResult struct {
	Fetch CrawlFetch
	Found []CrawlURL
	Retry CrawlURL
}

// CrawlStatus is the state of the latest crawl run.
type CrawlStatus struct {
	Run      int64
	Start    []string // its start URLs
	Started  time.Time
	Finished time.Time // zero while it runs or when it was interrupted
	// The frontier by state: queued (due or waiting for a retry), taken
	// (being fetched, or was when the crawler stopped) and done.
	Queued, Taken, Done int
	// Outcomes counts the done URLs by outcome (the Crawl* constants).
	Outcomes  map[string]int
	NextDue   time.Time // when the earliest queued URL is due; zero when none is queued
	LastFetch time.Time // when a URL of the run was last finished
}
