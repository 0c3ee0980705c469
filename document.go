package baogao

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Meta is what the recogniser tells of a document: SPEC §6 "meta".
type Meta struct {
	Title     string `json:"title"`
	Kind      Kind   `json:"kind"`
	PlaceCode string `json:"place_code"` // "" when unknown or ambiguous
	Place     string `json:"place"`      // full name: "山东省济宁市金乡县"
	Level     Level  `json:"level"`      // level of the place
	Region    Region `json:"region"`     // qita when the place is unknown
	Year      int    `json:"year"`       // the year the document is for; 0 when unknown
	Date      string `json:"date"`       // delivery or publication date, YYYY-MM-DD; "" when unknown
	Script    string `json:"script"`     // script of the original: "simplified" or "traditional"
	Issuer    string `json:"issuer"`     // issuing body, e.g. 金乡县人民政府
	Session   string `json:"session"`    // congress session it was delivered at
	Speaker   string `json:"speaker"`    // who delivered it, e.g. 县长 董冰
	// PlaceCandidates lists the codes a place name could mean when it is
	// ambiguous (鼓楼区 without its city); PlaceCode is then "".
	PlaceCandidates []string `json:"place_candidates,omitempty"`
	// Encoding is the character encoding the source was decoded from.
	Encoding string `json:"encoding"`
	// Flagged marks text that decoded badly (many U+FFFD or mojibake).
	Flagged bool `json:"flagged"`
	// Completeness says how much of the document the text is: the full
	// text, an excerpt, or a news report about it; "" when not assessed.
	Completeness Completeness `json:"completeness"`
	// Quality lists what is wrong with the text (spam injected, machine
	// rewritten, no place); empty for a clean text.
	Quality []QualityFlag `json:"quality"`
}

// Demoted reports whether the text is flagged to the reader — it decoded
// badly, or has a quality flag (spam, rewritten, no place) — and so ranks
// after clean texts in a search by relevance.
func (m Meta) Demoted() bool { return m.Flagged || len(m.Quality) > 0 }

// Completeness is how much of a document a stored text holds.
type Completeness string

// The completeness of a text (全文 / 节选 / 新闻报道).
const (
	CompletenessFull    Completeness = "full"    // 全文
	CompletenessExcerpt Completeness = "excerpt" // 节选
	CompletenessNews    Completeness = "news"    // 新闻报道: a report about the document
)

// Completenesses lists the completeness values, fullest first.
var Completenesses = []Completeness{CompletenessFull, CompletenessExcerpt, CompletenessNews}

// Valid reports whether c is one of Completenesses.
func (c Completeness) Valid() bool { return slices.Contains(Completenesses, c) }

// Name returns the Chinese name of a completeness: 全文, 节选, 新闻报道.
func (c Completeness) Name() string {
	switch c {
	case CompletenessFull:
		return "全文"
	case CompletenessExcerpt:
		return "节选"
	case CompletenessNews:
		return "新闻报道"
	}
	return ""
}

// QualityFlag names a fault of a text that readers are warned of and
// that ranks it after clean texts.
type QualityFlag string

// The quality flags.
const (
	QualitySpam      QualityFlag = "spam"      // advertising or gambling text injected into the page
	QualityRewritten QualityFlag = "rewritten" // machine-rewritten: words swapped for odd synonyms (东谈主民 for 人民)
	QualityNoPlace   QualityFlag = "no_place"  // the place it is about is unknown
)

// QualityFlags lists the quality flags in the order they are stored and
// shown.
var QualityFlags = []QualityFlag{QualitySpam, QualityRewritten, QualityNoPlace}

// ParseQuality reads comma-separated quality flags ("" for none), in the
// order of QualityFlags whatever their order in s; an unknown flag is
// EINVALID.
func ParseQuality(s string) ([]QualityFlag, error) {
	if s == "" {
		return nil, nil
	}
	var out []QualityFlag
	for f := range strings.SplitSeq(s, ",") {
		q := QualityFlag(f)
		if !slices.Contains(QualityFlags, q) {
			return nil, Errorf(EINVALID, "unknown quality flag %q", f)
		}
		if !slices.Contains(out, q) {
			out = append(out, q)
		}
	}
	slices.SortFunc(out, func(a, b QualityFlag) int { return slices.Index(QualityFlags, a) - slices.Index(QualityFlags, b) })
	return out, nil
}

// JoinQuality writes quality flags as ParseQuality reads them.
func JoinQuality(q []QualityFlag) string {
	parts := make([]string, len(q))
	for i, f := range q {
		parts[i] = string(f)
	}
	return strings.Join(parts, ",")
}

// MarshalJSON writes the fields in the order of SPEC §6, and unknown values
// as null rather than "" or 0.
func (m Meta) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Title           string        `json:"title"`
		Kind            Kind          `json:"kind"`
		PlaceCode       *string       `json:"place_code"`
		Place           *string       `json:"place"`
		Level           *Level        `json:"level"`
		Region          Region        `json:"region"`
		Year            *int          `json:"year"`
		Date            *string       `json:"date"`
		Script          string        `json:"script"`
		Issuer          *string       `json:"issuer"`
		Session         *string       `json:"session"`
		Speaker         *string       `json:"speaker"`
		PlaceCandidates []string      `json:"place_candidates,omitempty"`
		Encoding        string        `json:"encoding"`
		Flagged         bool          `json:"flagged"`
		Completeness    *Completeness `json:"completeness"`
		Quality         []QualityFlag `json:"quality"`
	}{m.Title, m.Kind, nullable(m.PlaceCode), nullable(m.Place), nullable(m.Level), m.Region, nullable(m.Year),
		nullable(m.Date), m.Script, nullable(m.Issuer), nullable(m.Session), nullable(m.Speaker), m.PlaceCandidates,
		m.Encoding, m.Flagged, nullable(m.Completeness), nonNilFlags(m.Quality)})
}

func nonNilFlags(q []QualityFlag) []QualityFlag {
	if q == nil {
		return []QualityFlag{}
	}
	return q
}

func nullable[T comparable](v T) *T {
	var zero T
	if v == zero {
		return nil
	}
	return &v
}

// Heading is one entry of a document's outline.
type Heading struct {
	Level  int    `json:"level"`  // 1 for 一、, 2 for (一), 3 for 1.
	Title  string `json:"title"`  // the heading line as written (simplified)
	Offset int    `json:"offset"` // rune offset of the heading in the body
}

// Source is one place a document was found: a file or a URL, with the hash
// of its raw bytes and, for a fetched page, what a reader needs to trust it.
type Source struct {
	ID          int64     `json:"id"`
	DocumentID  int64     `json:"document_id"`
	URL         string    `json:"url,omitempty"`          // where it was fetched from, when known
	FinalURL    string    `json:"final_url,omitempty"`    // where URL led after redirects, when it was fetched
	File        string    `json:"file,omitempty"`         // the file it was imported from, when known
	FetchedAt   time.Time `json:"fetched_at,omitzero"`    // when it was fetched, when known
	Status      int       `json:"status,omitempty"`       // the HTTP status it was fetched with
	ContentType string    `json:"content_type,omitempty"` // the HTTP Content-Type it was served with
	Size        int64     `json:"size,omitempty"`         // length of the raw bytes
	SHA256      string    `json:"sha256"`                 // hex SHA-256 of the raw bytes
	Encoding    string    `json:"encoding,omitempty"`     // the encoding it was decoded from, or pdf, docx, doc
	Script      string    `json:"script,omitempty"`       // simplified or traditional
	ImportedAt  time.Time `json:"imported_at,omitzero"`   // when it was stored
	// Credit is the source the text itself names on its 来源 line
	// ("来源：大众日报"): where the page took it from; "" when none.
	Credit string `json:"credit,omitempty"`
	// Raw is the original bytes. A store keeps them, compressed, when they
	// are set on a source it adds (Store.Original returns them); sources it
	// returns leave Raw nil.
	Raw []byte `json:"-"`
}

// Document is a stored report, bulletin, plan or other file.
type Document struct {
	ID      int64     `json:"id"`
	Meta    Meta      `json:"meta"`
	Body    string    `json:"body"`    // clean simplified text; paragraphs separated by "\n"
	Outline []Heading `json:"outline"` // headings with rune offsets into Body
	SHA256  string    `json:"sha256"`  // hex SHA-256 of Body
	Simhash uint64    `json:"-"`       // 64-bit simhash of Body, for near-duplicate look-up
	Extraction
	Sources []Source `json:"sources,omitempty"`
	// Overrides are the operators' corrections of this document, by field.
	Overrides []Override `json:"overrides,omitempty"`
	CreatedAt time.Time  `json:"created_at,omitzero"`
	UpdatedAt time.Time  `json:"updated_at,omitzero"`
}

// URL returns the document's path on the site: /baogao/huadong/12.html.
func (d *Document) URL() string {
	region := d.Meta.Region
	if !region.Valid() {
		region = RegionOf(d.Meta.PlaceCode)
	}
	return fmt.Sprintf("/%s/%s/%d.html", d.Meta.Kind.Segment(), region, d.ID)
}

// CheckText fails with EINVALID unless the document's title and body are
// valid UTF-8, the body holds some text and no text of it holds a NUL
// character. Stores refuse other documents (an empty body would make every
// empty document the same text as the first), so that readers can count characters by bytes and spans always
// fall between characters, and so that every store can hold them
// (PostgreSQL's text cannot hold NUL); import decodes every file to valid
// UTF-8 first, and refuses binary files.
func CheckText(d *Document) error {
	if !utf8.ValidString(d.Meta.Title) || !utf8.ValidString(d.Body) {
		return Errorf(EINVALID, "document %q: title or body is not valid UTF-8", d.Meta.Title)
	}
	if strings.TrimSpace(d.Body) == "" {
		return Errorf(EINVALID, "document %q: no text", d.Meta.Title)
	}
	m := d.Meta
	for _, s := range []string{m.Title, d.Body, m.Place, m.Date, m.Issuer, m.Session, m.Speaker, m.Script, m.Encoding} {
		if strings.IndexByte(s, 0) >= 0 {
			return Errorf(EINVALID, "document %q: text holds a NUL character", strings.ReplaceAll(m.Title, "\x00", ""))
		}
	}
	return nil
}

// Corrected reports whether an operator set the meta field by hand.
func (d *Document) Corrected(field string) bool {
	for _, o := range d.Overrides {
		if o.Field == field && o.Key == "" {
			return true
		}
	}
	return false
}
