package baogao

import "time"

// Change is one change of the archive that pages may show, read from the
// store's change log (Store.Changes) so that every server process — and
// imports and crawls run by other processes — can tell which cached pages
// it made stale. A change to a document is recorded with the document's
// kind, region, place and year as they were before it and, when they
// differ, as they are after it (two changes); a change of what belongs to
// a document (a source, a published comment) with the document's. A
// change with DocumentID 0 may have changed anything.
type Change struct {
	Seq        int64
	DocumentID int64
	Kind       Kind
	Region     Region
	PlaceCode  string
	Year       int
	At         time.Time
}
