package baogao

import (
	"context"
	"time"
)

// DocumentFilter selects documents. Zero fields do not filter.
type DocumentFilter struct {
	Kind      Kind
	Region    Region
	Province  string // two-digit province prefix or a province code: "37" or "370000"
	PlaceCode string // the place itself and every place under it
	Level     Level  // level of the document's place
	YearFrom  int
	YearTo    int
	Limit     int // 0 means the store's default page size
	Offset    int
	// Added orders by when documents were stored, newest first, instead of
	// by the year they are for.
	Added bool
	// SkipTotal leaves DocumentPage.Total at 0, saving a count.
	SkipTotal bool
}

// Facets counts the documents matching a filter by year, by province and,
// when the filter names a place, by the places within it.
type Facets struct {
	ByYear     map[int]int    // year → documents (0: year unknown)
	ByProvince map[string]int // two-digit province code → documents ("": place unknown)
	// ByPlace is place code → documents, filled only when the filter has a
	// PlaceCode (a province's or a prefecture's page counting its parts).
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
	// Facets counts the documents matching f (Limit, Offset and Added
	// ignored) by year and by place; empty maps when none match.
	Facets(ctx context.Context, f DocumentFilter) (Facets, error)
	// Version returns a number that changes whenever documents, their
	// sources or their extracted data change, and the time of that change,
	// for caches and conditional requests to key on.
	Version(ctx context.Context) (int64, time.Time, error)
	// DocumentIDs returns up to limit document ids greater than after, in
	// order; an empty slice at the end.
	DocumentIDs(ctx context.Context, after int64, limit int) ([]int64, error)
	// SetExtraction replaces a document's targets, outcomes, goals and
	// projects, or fails with ENOTFOUND.
	SetExtraction(ctx context.Context, id int64, ex Extraction) error

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
	// Reindex rebuilds the search index from the stored documents in one
	// transaction (searches see the old index until it commits) and
	// returns the number of documents indexed.
	Reindex(ctx context.Context) (int, error)

	// Close releases the store.
	Close() error
}
