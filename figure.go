package baogao

// FigureFilter selects targets or outcomes across documents. Zero fields do
// not filter.
type FigureFilter struct {
	Indicator string // an indicator code
	// PlaceCode selects the figures of a place and of every place under it
	// (a province's code takes in its prefectures and counties).
	PlaceCode string
	Level     Level // level of the place of the figure's document
	// YearFrom and YearTo bound the figure's own year (Target.Year,
	// Outcome.Year), not the document's; figures without a year are left
	// out when either is set.
	YearFrom, YearTo int
	Kind             Kind  // kind of the document the figure came from
	After            int64 // keyset paging: only rows whose ID is greater
	Limit            int   // at most this many rows; 0 means all
}

// DocRef is what a target's or an outcome's row tells of the document it
// came from.
type DocRef struct {
	ID           int64        `json:"id"`
	Kind         Kind         `json:"kind"`
	Title        string       `json:"title"`
	PlaceCode    string       `json:"place_code"`
	Place        string       `json:"place"` // full name
	Level        Level        `json:"level"`
	Region       Region       `json:"region"`
	Year         int          `json:"year"` // the year the document is for; 0 when unknown
	Date         string       `json:"date"`
	Completeness Completeness `json:"completeness"`
}

// TargetRecord is a stored target with the document it came from.
type TargetRecord struct {
	// ID orders and pages the rows; it is stable while the document's
	// extraction is not rewritten (FigureID).
	ID     int64  `json:"id"`
	Doc    DocRef `json:"document"`
	Target Target `json:"target"`
}

// OutcomeRecord is a stored outcome with the document it came from.
type OutcomeRecord struct {
	ID      int64   `json:"id"` // as TargetRecord.ID
	Doc     DocRef  `json:"document"`
	Outcome Outcome `json:"outcome"`
}

// figureSeqBits is how many low bits of a figure's ID hold its position in
// its document's list of targets (or outcomes).
const figureSeqBits = 20

// FigureID is the ID of the seq-th target (or outcome) of a document, as
// both stores give it: ordering IDs orders rows by document, then by their
// place in the document.
func FigureID(documentID int64, seq int) int64 {
	return documentID<<figureSeqBits | int64(seq)
}

// SplitFigureID returns the document id and position that FigureID joined.
func SplitFigureID(id int64) (documentID int64, seq int) {
	return id >> figureSeqBits, int(id & (1<<figureSeqBits - 1))
}

// URL returns the document's path on the site, as Document.URL.
func (d DocRef) URL() string {
	doc := Document{ID: d.ID, Meta: Meta{Kind: d.Kind, Region: d.Region, PlaceCode: d.PlaceCode}}
	return doc.URL()
}
