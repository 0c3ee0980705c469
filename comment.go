package baogao

import "time"

// CommentStatus is where a comment stands in moderation (SPEC §2).
type CommentStatus string

// The comment states. A reader's comment starts pending (pre-moderation) or
// published (post-moderation); moderators move it to any other state.
const (
	CommentPending   CommentStatus = "pending"
	CommentPublished CommentStatus = "published"
	CommentRejected  CommentStatus = "rejected"
	CommentSpam      CommentStatus = "spam"
)

// Valid reports whether s is one of the comment states.
func (s CommentStatus) Valid() bool {
	switch s {
	case CommentPending, CommentPublished, CommentRejected, CommentSpam:
		return true
	}
	return false
}

// Comment is a reader's comment on a document, threaded one level deep: a
// reply names a top-level comment of the same document as its parent.
type Comment struct {
	ID         int64         `json:"id"`
	DocumentID int64         `json:"document_id"`
	ParentID   int64         `json:"parent_id,omitempty"` // 0 for a top-level comment
	Name       string        `json:"name"`                // "" when the reader gave none
	Text       string        `json:"text"`                // plain text with line breaks
	Status     CommentStatus `json:"status"`
	// Held says why a comment waits for review: "premoderation", or
	// "word:…" naming the sensitive word it matched; "" when it did not wait.
	Held string `json:"held,omitempty"`
	// ClientHash is a keyed hash of the address group the comment came from
	// (never the address); "" once the retention period has passed.
	ClientHash  string    `json:"client,omitempty"`
	CreatedAt   time.Time `json:"created_at"`
	ModeratedAt time.Time `json:"moderated_at,omitzero"`
	ModeratedBy string    `json:"moderated_by,omitempty"` // the operator's name
}

// CommentFilter selects comments. Zero fields do not filter.
type CommentFilter struct {
	DocumentID int64
	Status     CommentStatus
	ClientHash string
	// Newest orders newest first; the default is oldest first (a thread's
	// reading order).
	Newest bool
	Limit  int // 0 means 100
	Offset int
}

// CommentPage is one page of comments.
type CommentPage struct {
	Total    int // comments matching the filter, over all pages
	Comments []Comment
}

// AuditEntry records what an operator did.
type AuditEntry struct {
	ID     int64     `json:"id"`
	At     time.Time `json:"at"`
	Actor  string    `json:"actor"`  // the operator's name, or "cli" for a command
	Action string    `json:"action"` // e.g. "comment.approve", "document.edit", "user.add"
	Target string    `json:"target"` // e.g. "comment 12", "document 4387"
	Detail string    `json:"detail,omitempty"`
}

// RateCount is a rate counter's state after a hit: the hits of the current
// fixed window and of the one before it, from which a caller estimates a
// sliding window.
type RateCount struct {
	Current  int
	Previous int
	// Start is the start of the current window.
	Start time.Time
}

// Sliding estimates the hits of the sliding window that ends at now: all of
// the current window's and the share of the previous window's that the
// sliding window still covers.
func (c RateCount) Sliding(now time.Time, window time.Duration) float64 {
	past := float64(now.Sub(c.Start)) / float64(window)
	past = min(max(past, 0), 1)
	return float64(c.Current) + float64(c.Previous)*(1-past)
}

// ImportRun is the summary of one import (or crawl) run, for the operator's
// desk.
type ImportRun struct {
	ID         int64         `json:"id"`
	Command    string        `json:"command"` // "import", "crawl" …
	Started    time.Time     `json:"started"`
	Finished   time.Time     `json:"finished"`
	Imported   int           `json:"imported"`
	Duplicates int           `json:"duplicates"`
	Failed     int           `json:"failed"`
	Errors     []ImportError `json:"errors,omitempty"` // the first failures, with reasons
}

// ImportError is one file an import could not store.
type ImportError struct {
	File   string `json:"file"`
	Reason string `json:"reason"`
}

// TrashedDocument is a document an operator deleted: kept, with its
// comments, until it is restored or purged.
type TrashedDocument struct {
	ID        int64     `json:"id"`
	Title     string    `json:"title"`
	Kind      Kind      `json:"kind"`
	Year      int       `json:"year"`
	DeletedAt time.Time `json:"deleted_at"`
	DeletedBy string    `json:"deleted_by"`
	Comments  int       `json:"comments"` // comments kept with it, in any state
}
