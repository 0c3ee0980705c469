package baogao

import (
	"context"
	"time"
)

// DocumentFilter selects documents. Zero fields do not filter.
type DocumentFilter struct {
	Kind     Kind
	Region   Region
	Province string // two-digit province prefix or a province code: "37" or "370000"
	// Prefecture is a four-digit prefecture prefix or a prefecture code
	// ("3708" or "370800"): the prefecture and every place under it.
	Prefecture string
	PlaceCode  string // the place itself and every place under it
	Level      Level  // level of the document's place
	YearFrom   int
	YearTo     int
	Limit      int // 0 means the store's default page size
	Offset     int
	// Added orders by when documents were stored, newest first, instead of
	// by the year they are for.
	Added bool
	// SkipTotal leaves DocumentPage.Total at 0, saving a count.
	SkipTotal bool
}

// Facets counts documents by kind, year, province, prefecture and level,
// each count crossed with the filter's other choices: ByYear counts the
// documents that match the filter in everything but its years, ByProvince
// those that match it in everything but its province, prefecture and
// place, and so on, so that choosing a value of a facet leaves exactly the
// number of documents shown beside it.
type Facets struct {
	ByKind     map[Kind]int   // kind → documents (the filter's kind aside)
	ByYear     map[int]int    // year → documents (0: year unknown)
	ByProvince map[string]int // two-digit province code → documents ("": place unknown)
	// ByPrefecture is four-digit prefecture code → documents, filled when
	// the filter names a province, a prefecture or a place (the
	// prefectures of that province; "" counts documents of the province
	// itself).
	ByPrefecture map[string]int
	ByLevel      map[Level]int // level → documents ("": place unknown)
	// ByPlace is place code → documents matching the whole filter, filled
	// only when the filter has a PlaceCode (a province's or a
	// prefecture's page counting its parts).
	ByPlace map[string]int
}

// DocumentPage is one page of a listing.
type DocumentPage struct {
	Total     int         // documents matching the filter, over all pages
	Documents []*Document // without Body, Outline or Extraction
}

// Stats counts what the archive holds.
type Stats struct {
	Documents int
	Sources   int
	ByKind    map[Kind]int
	Flagged   int
	Latest    time.Time // when the newest document was stored
}

// Store keeps documents, their sources and the places they are about. All
// methods are safe for concurrent use.
type Store interface {
	// SyncPlaces makes the stored places equal to the gazetteer's; it does
	// nothing when they already are.
	SyncPlaces(ctx context.Context, g Gazetteer) error

	// AddDocument stores a new document with its first source in one
	// transaction and sets doc.ID. It fails with ECONFLICT when a document
	// with the same SHA256 exists; the error's message names its id, and
	// with EINVALID when its title or body is not valid UTF-8 (CheckText).
	AddDocument(ctx context.Context, doc *Document, src Source) error
	// AddDocuments stores new documents, each with its first source, in one
	// transaction: all of them, or none when one fails (ECONFLICT as above).
	// It is the bulk path of generated and copied archives.
	AddDocuments(ctx context.Context, docs []*Document, srcs []Source) error
	// AddSource records another source of an existing document; adding a
	// source whose SHA256 the document already has does nothing.
	AddSource(ctx context.Context, documentID int64, src Source) error
	// SourceBySHA256 returns the source with the raw-bytes hash, or ENOTFOUND.
	SourceBySHA256(ctx context.Context, sha string) (Source, error)
	// Original returns the raw bytes kept with the source whose raw-bytes
	// hash is sha (Source.Raw when it was added), or ENOTFOUND when there
	// is no such source or its bytes were not kept. A trashed document's
	// originals are kept until it is purged.
	Original(ctx context.Context, sha string) ([]byte, error)
	// DocumentIDBySHA256 returns the id of the document whose clean body has
	// the hash, or ENOTFOUND.
	DocumentIDBySHA256(ctx context.Context, sha string) (int64, error)
	// NearDuplicateCandidates returns documents, with bodies, that may be
	// near-duplicates of doc: those whose simhash shares a 16-bit band with
	// doc's, and those of the same kind, place and year. It returns an empty
	// slice when there are none.
	NearDuplicateCandidates(ctx context.Context, doc *Document) ([]*Document, error)

	// Document returns the document with its body, outline, extraction and
	// sources, or ENOTFOUND.
	Document(ctx context.Context, id int64) (*Document, error)
	// Documents returns a page of documents, newest year first, then by id
	// descending (by id descending alone when f.Added).
	Documents(ctx context.Context, f DocumentFilter) (DocumentPage, error)
	// Stats counts the archive.
	Stats(ctx context.Context) (Stats, error)
	// Facets counts the documents matching f (Limit, Offset, Added and
	// SkipTotal ignored) by kind, year, province, prefecture, level and
	// place, as Facets describes; empty maps (ByPrefecture and ByPlace nil
	// when not asked for) when none match.
	Facets(ctx context.Context, f DocumentFilter) (Facets, error)
	// SearchFacets counts the documents a search matches (q.Sort, Limit
	// and Offset ignored) as Facets counts a filter's: each facet crossed
	// with the filter's other choices, so that choosing a value gives a
	// search whose Total is the count shown beside it (ByPrefecture and
	// ByPlace as Facets fills them). It fails as Search does for a bad
	// query or filter; empty maps when nothing matches.
	SearchFacets(ctx context.Context, q SearchQuery) (Facets, error)
	// Version returns a number that changes whenever documents, their
	// sources or their extracted data change, and the time of that change,
	// for caches and conditional requests to key on.
	Version(ctx context.Context) (int64, time.Time, error)
	// CheckWritable checks that the archive can be written, as /healthz
	// asks: it writes the time of the check to a row of its own, and fails
	// with EUNAVAILABLE when it cannot (a read-only database, a full disk,
	// a schema that is not this build's). Another writer holding the write
	// lock is no failure: the check then returns nil without waiting.
	CheckWritable(ctx context.Context) error
	// DocumentIDs returns up to limit document ids greater than after, in
	// order; an empty slice at the end.
	DocumentIDs(ctx context.Context, after int64, limit int) ([]int64, error)
	// SetAssessment replaces a document's completeness and quality flags
	// (Meta.Completeness and Meta.Quality, as ingest decides them from the
	// text), or fails with ENOTFOUND. What an operator corrected
	// (OverrideCompleteness, OverrideQuality) keeps the correction.
	SetAssessment(ctx context.Context, id int64, c Completeness, q []QualityFlag) error
	// SetExtraction replaces a document's targets, outcomes, goals and
	// projects, or fails with ENOTFOUND.
	SetExtraction(ctx context.Context, id int64, ex Extraction) error
	// EachTarget calls fn with every stored target matching f (see
	// FigureFilter), with its document, in ID order, as the document's page
	// shows it: operators' corrections applied, trashed documents left
	// out. It stops at fn's first error and returns it; nothing matching
	// is not an error. fn must not call the store.
	EachTarget(ctx context.Context, f FigureFilter, fn func(TargetRecord) error) error
	// EachOutcome is EachTarget for outcomes.
	EachOutcome(ctx context.Context, f FigureFilter, fn func(OutcomeRecord) error) error
	// UpdateDocument replaces the meta, body, outline, hashes and
	// extraction of the stored document doc.ID with doc's (a document
	// recognised again from its original), with its search index, in one
	// transaction; sources, id and creation time stay, and operators'
	// corrections (overrides) are applied again. It fails with
	// ENOTFOUND when there is no such document, ECONFLICT when another
	// document has the body's hash (the message names it), and EINVALID
	// when the title or body is not valid UTF-8.
	UpdateDocument(ctx context.Context, doc *Document) error

	// Search returns a page of the documents matching q (see SearchQuery),
	// ordered by q.Sort, with snippets, and the exact total. A document is
	// searchable from the transaction that stores it: AddDocument and every
	// method that changes a document's text or meta update the index in
	// their own transaction. A search that matches nothing returns Total 0
	// and no hits, not an error. It fails with EINVALID (message for the
	// reader, in Chinese) for an empty, oversized or malformed query, a bad
	// filter, sort or page, and with EUNAVAILABLE when the index must be
	// rebuilt with Reindex.
	Search(ctx context.Context, q SearchQuery) (SearchResult, error)
	// Reindex rebuilds the search index from the stored documents, a
	// chunk of documents per transaction, so that other writers wait a
	// few seconds at most; searches find every document throughout when
	// the index is of this build's version (one of another version is
	// emptied first: searches refuse it anyway). It returns the number of
	// documents indexed.
	Reindex(ctx context.Context) (int, error)

	// Comments (SPEC §2): readers' comments, held for moderation.

	// AddComment stores a new comment and sets c.ID and c.CreatedAt (when
	// zero). It fails with ENOTFOUND when the document does not exist, and
	// with EINVALID when c.ParentID is not a published top-level comment of
	// the same document, or c.Status is not a comment state.
	AddComment(ctx context.Context, c *Comment) error
	// Comment returns one comment, or ENOTFOUND.
	Comment(ctx context.Context, id int64) (Comment, error)
	// Comments returns a page of the comments matching f, oldest first
	// (newest first with f.Newest), and their total; an empty page when
	// none match. Comments of trashed documents are included.
	Comments(ctx context.Context, f CommentFilter) (CommentPage, error)
	// ModerateComments sets the status of the comments with the ids,
	// recording who did it and when, and returns how many it changed (ids
	// that do not exist are skipped). It fails with EINVALID for a status
	// that is not a comment state. Publishing or withdrawing a comment
	// changes Version, so cached pages show the new count.
	ModerateComments(ctx context.Context, ids []int64, status CommentStatus, by string) (int, error)
	// ImportComments stores comments exported from another archive, keeping
	// their ids, states and times, in one transaction, and returns how many
	// it added: a comment whose id is already stored is skipped, so that an
	// import can be repeated. It fails with EINVALID for a comment without
	// text or with an unknown state.
	ImportComments(ctx context.Context, cs []Comment) (int, error)

	// Readers' clients, counted and blocked by keyed hashes of their
	// addresses; these live in the database so that every server process
	// shares them.

	// BlockClient refuses comments from a client hash until the time given.
	// Blocking a blocked client again moves its end.
	BlockClient(ctx context.Context, clientHash string, until time.Time, by string) error
	// ClientBlocked reports whether the client hash is blocked at now.
	ClientBlocked(ctx context.Context, clientHash string, now time.Time) (bool, error)
	// Hit adds n hits to the counter key in the fixed window of length
	// window that holds now, and returns the counts of that window and of
	// the one before (RateCount.Sliding estimates a sliding window). n may
	// be 0 to read the counter. Counters are dropped by Expire.
	Hit(ctx context.Context, key string, window time.Duration, now time.Time, n int) (RateCount, error)

	// Captchas: answers kept until used once or expired.

	// PutCaptcha stores the answer to the captcha id until expires.
	PutCaptcha(ctx context.Context, id, answer string, expires time.Time) error
	// Captcha returns the answer to the captcha id, for drawing it again
	// (image or audio); ENOTFOUND when there is none or it expired.
	Captcha(ctx context.Context, id string, now time.Time) (string, error)
	// TakeCaptcha returns the answer to the captcha id and deletes it, so
	// that it is checked at most once; ENOTFOUND when there is none or it
	// expired.
	TakeCaptcha(ctx context.Context, id string, now time.Time) (string, error)

	// Operators: accounts and sessions.

	// AddUser stores a new operator and sets u.ID and u.CreatedAt. It
	// fails with ECONFLICT when the name is taken and EINVALID for an
	// empty name or an unknown role.
	AddUser(ctx context.Context, u *User) error
	// User returns the operator with the name, or ENOTFOUND.
	User(ctx context.Context, name string) (User, error)
	// Users returns every operator, by name; an empty slice when none.
	Users(ctx context.Context) ([]User, error)
	// UpdateUser stores u's role, password hash, disabled flag and last
	// login, by u.ID; ENOTFOUND when there is no such operator. Disabling
	// an operator ends their sessions.
	UpdateUser(ctx context.Context, u User) error
	// RemoveUser deletes the operator with the name and their sessions, or
	// fails with ENOTFOUND.
	RemoveUser(ctx context.Context, name string) error
	// AddSession stores a new session.
	AddSession(ctx context.Context, s Session) error
	// Session returns the session with the id and its operator; ENOTFOUND
	// when there is none, it expired or the operator is disabled.
	Session(ctx context.Context, id string, now time.Time) (Session, User, error)
	// DeleteSessions ends every session of the operator but keep ("" for
	// none): logout everywhere, and after a password change.
	DeleteSessions(ctx context.Context, userID int64, keep string) error
	// DeleteSession ends one session; it does nothing when there is none.
	DeleteSession(ctx context.Context, id string) error
	// AddAudit records an operator's action; at zero means now.
	AddAudit(ctx context.Context, e AuditEntry) error
	// Audit returns audit entries, newest first; an empty slice at the end.
	Audit(ctx context.Context, limit, offset int) ([]AuditEntry, error)

	// Settings shared by every server process (moderation mode, word list,
	// retention, trusted proxies …), by name.

	// Setting returns the setting's value, or ENOTFOUND when it was never set.
	Setting(ctx context.Context, name string) (string, error)
	// SetSetting stores a setting.
	SetSetting(ctx context.Context, name, value string) error

	// The operator's desk: corrections, deletion, import history.

	// SetOverride records an operator's correction (see Override) and
	// applies it to the document at once, in one transaction; a later
	// override of the same field (and key) replaces it. It fails with
	// ENOTFOUND for a missing document, EINVALID for a bad field or value
	// (CheckOverride) or a place code the gazetteer does not know. Every
	// method that rewrites a document's meta or extraction (SetExtraction,
	// re-recognition) applies the overrides again.
	SetOverride(ctx context.Context, o Override) error
	// RemoveOverride forgets a correction; the value stays as corrected
	// until the document is next re-extracted. ENOTFOUND when there is none.
	RemoveOverride(ctx context.Context, documentID int64, field, key string) error
	// TrashDocument removes a document from the archive — pages, listings,
	// search, counts — and keeps it, its sources, extraction, overrides and
	// comments, until RestoreDocument or PurgeDocument. ENOTFOUND when the
	// document is not stored.
	TrashDocument(ctx context.Context, id int64, by string) error
	// RestoreDocument puts a trashed document back under its id. It fails
	// with ENOTFOUND when it is not in the trash, and with ECONFLICT when the
	// same text was stored again meanwhile (the message names its id).
	RestoreDocument(ctx context.Context, id int64) error
	// Trash lists the trashed documents, most recently deleted first; an
	// empty slice when none.
	Trash(ctx context.Context) ([]TrashedDocument, error)
	// PurgeDocument deletes a trashed document and its comments for good;
	// ENOTFOUND when it is not in the trash.
	PurgeDocument(ctx context.Context, id int64) error
	// AddImportRun records the summary of an import run and sets r.ID.
	AddImportRun(ctx context.Context, r *ImportRun) error
	// ImportRuns returns the latest import runs, newest first, with their
	// errors; an empty slice when none.
	ImportRuns(ctx context.Context, limit int) ([]ImportRun, error)

	// Expire deletes what has expired at now — captchas, sessions, rate
	// counters, blocks — and, for comments older than retention, erases
	// their client hashes and deletes the rejected and spam ones. It
	// returns how many rows it changed.
	Expire(ctx context.Context, now time.Time, retention time.Duration) (int, error)

	// Changes returns up to limit changes recorded after the change
	// numbered after, oldest first, and the number of the latest change
	// (0 when none was ever recorded). Stores record a change in the
	// transaction that makes it (perhaps more than once: a document and its
	// first source) and keep the latest ten thousand at least;
	// when changes after after are no longer kept, Changes fails with
	// ENOTFOUND and the caller must assume that anything changed.
	Changes(ctx context.Context, after int64, limit int) ([]Change, int64, error)

	// The crawler's frontier and fetch history (internal/crawl), kept so
	// that a crawl killed at any moment continues where it was.

	// StartCrawl continues the crawl run that has not finished — URLs taken
	// but not finished are queued again — or, when every run has finished,
	// begins a new one (forgetting earlier runs' frontiers; the fetch
	// history stays). Either way the start URLs are queued unless the run
	// has them. It returns the run and whether it was continued.
	StartCrawl(ctx context.Context, start []CrawlURL) (run int64, resumed bool, err error)
	// QueueURLs adds URLs to the run's frontier; a URL the run already has
	// is left as it is.
	QueueURLs(ctx context.Context, run int64, urls []CrawlURL) error
	// NextURLs takes up to limit queued URLs of the run that are due at now,
	// leaving out the hosts in busy, in order of depth then of queueing, and
	// marks them taken. It returns an empty slice when none is due.
	NextURLs(ctx context.Context, run int64, now time.Time, limit int, busy []string) ([]CrawlURL, error)
	// FinishFetches records, in one transaction, what became of taken URLs:
	// each URL is done (or queued again for a CrawlRetry), the URLs found
	// on it are queued, and a fetch that got a response (not a retry or a
	// failure) becomes the URL's latest fetch. A 304 keeps the body kept
	// before. Results for URLs the run does not have are ignored.
	FinishFetches(ctx context.Context, run int64, results []CrawlResult) error
	// LastFetch returns the latest fetch of a URL with a response, its kept
	// body included, or ENOTFOUND.
	LastFetch(ctx context.Context, url string) (CrawlFetch, error)
	// FinishCrawl marks the run finished.
	FinishCrawl(ctx context.Context, run int64) error
	// CrawlStatus returns the state of the latest run, or ENOTFOUND when no
	// crawl was ever started.
	CrawlStatus(ctx context.Context) (CrawlStatus, error)

	// Close releases the store.
	Close() error
}
