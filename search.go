package baogao

import "encoding/json"

// SearchQuery is a full-text search of the archive (SPEC §3 `baogao search`).
//
// Text is the query: words separated by spaces must all match (AND);
// "a quoted phrase" matches exactly those characters; -word or -"phrase"
// excludes documents that contain it; OR between words or phrases matches
// either. A word or phrase matches a document whose title or body contains
// it as a string, after folding traditional to simplified characters,
// full-width to half-width forms and upper to lower case; punctuation and
// spaces inside a phrase match any punctuation or spaces. Unquoted words
// also match their synonyms (GDP, 地区生产总值 and 生产总值; 规上 and
// 规模以上 …); quoted phrases never do.
type SearchQuery struct {
	Text string
	// Filter restricts the documents searched; its Limit and Offset are
	// ignored (see Limit and Offset below).
	Filter DocumentFilter
	Sort   SearchSort
	Limit  int // hits per page: 0 means DefaultSearchLimit; at most MaxSearchLimit
	Offset int // hits to skip; Offset+Limit at most MaxSearchDepth
}

// SearchSort is the order of search hits.
type SearchSort string

// The orders of search hits. Relevance puts clean texts before those
// flagged to the reader (Meta.Demoted), each by score, then date (newest
// year first, then latest date, then highest id); date orders by date
// alone.
const (
	SortRelevance SearchSort = "relevance"
	SortDate      SearchSort = "date"
)

// Limits of a search.
const (
	DefaultSearchLimit = 20
	MaxSearchLimit     = 100
	// MaxSearchDepth bounds Offset+Limit: past the first thousand hits a
	// reader should narrow the search instead.
	MaxSearchDepth = 1000
	// MaxQueryRunes bounds the length of a query's text.
	MaxQueryRunes = 200
)

// SearchHit is one document found, in the JSON shape of SPEC §3.
type SearchHit struct {
	ID        int64  `json:"id"`
	URL       string `json:"url"`
	Title     string `json:"title"`
	Kind      Kind   `json:"kind"`
	PlaceCode string `json:"place_code"`
	Year      int    `json:"year"`
	Date      string `json:"-"` // YYYY-MM-DD, "" when unknown; for pages
	Region    Region `json:"-"`
	// Completeness and Quality are the document's assessment, for the
	// badges of a results page.
	Completeness Completeness  `json:"-"`
	Quality      []QualityFlag `json:"-"`
	Snippet      string        `json:"snippet"` // HTML: escaped text around the first match, matches in <mark>
	Score        float64       `json:"score"`   // higher is better; equal inputs score alike on every store
}

// MarshalJSON writes an unknown place or year as null.
func (h SearchHit) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		ID        int64   `json:"id"`
		URL       string  `json:"url"`
		Title     string  `json:"title"`
		Kind      Kind    `json:"kind"`
		PlaceCode *string `json:"place_code"`
		Year      *int    `json:"year"`
		Snippet   string  `json:"snippet"`
		Score     float64 `json:"score"`
	}{h.ID, h.URL, h.Title, h.Kind, nullable(h.PlaceCode), nullable(h.Year), h.Snippet, h.Score})
}

// SearchResult is one page of hits.
type SearchResult struct {
	Total int         `json:"total"` // documents matching, over all pages; exact
	Hits  []SearchHit `json:"hits"`  // never nil
}
