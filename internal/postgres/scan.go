package postgres

import (
	"strings"
	"time"

	"github.com/baogao/baogao"
)

const documentColumns = `id, kind, place_code, place, level, region, year, date, title, script, issuer, session, speaker,
	place_candidates, encoding, flagged, sha256, simhash, created_at, updated_at,
	coalesce((SELECT completeness || '|' || quality FROM assessments WHERE document_id = documents.id), '|')`

const sourceColumns = `id, document_id, url, final_url, file, fetched_at, status, content_type, size, sha256, encoding, script, imported_at, credit`

type scanner interface{ Scan(...any) error }

// docRow holds the columns of documentColumns that need converting.
type docRow struct {
	cands, assess    string
	created, updated time.Time
	simhash          int64
}

// fields returns the scan targets of documentColumns.
func (r *docRow) fields(d *baogao.Document) []any {
	m := &d.Meta
	return []any{&d.ID, (*string)(&m.Kind), &m.PlaceCode, &m.Place, (*string)(&m.Level), (*string)(&m.Region), &m.Year,
		&m.Date, &m.Title, &m.Script, &m.Issuer, &m.Session, &m.Speaker, &r.cands, &m.Encoding, &m.Flagged, &d.SHA256, &r.simhash,
		&r.created, &r.updated, &r.assess}
}

func (r *docRow) finish(d *baogao.Document) {
	if r.cands != "" {
		d.Meta.PlaceCandidates = strings.Split(r.cands, ",")
	}
	d.Simhash = uint64(r.simhash)
	d.CreatedAt, d.UpdatedAt = r.created.UTC(), r.updated.UTC()
	c, q, _ := strings.Cut(r.assess, "|")
	d.Meta.Completeness = baogao.Completeness(c)
	if q != "" {
		for _, f := range strings.Split(q, ",") {
			d.Meta.Quality = append(d.Meta.Quality, baogao.QualityFlag(f))
		}
	}
}

// scanDocument reads documentColumns, and body when withBody.
func scanDocument(sc scanner, withBody bool) (*baogao.Document, error) {
	d := &baogao.Document{}
	var r docRow
	fields := r.fields(d)
	if withBody {
		fields = append(fields, &d.Body)
	}
	if err := sc.Scan(fields...); err != nil {
		return nil, err
	}
	r.finish(d)
	return d, nil
}

func scanSource(sc scanner) (baogao.Source, error) {
	var src baogao.Source
	var fetched *time.Time
	err := sc.Scan(&src.ID, &src.DocumentID, &src.URL, &src.FinalURL, &src.File, &fetched, &src.Status, &src.ContentType, &src.Size,
		&src.SHA256, &src.Encoding, &src.Script, &src.ImportedAt, &src.Credit)
	if fetched != nil {
		src.FetchedAt = fetched.UTC()
	}
	src.ImportedAt = src.ImportedAt.UTC()
	return src, err
}

// yearOrZero stores an unknown target year as 0, as the column has it.
func yearOrZero(y *int) int {
	if y == nil {
		return 0
	}
	return *y
}

func splitWords(s string) []string {
	if s == "" {
		return []string{}
	}
	return strings.Split(s, "|")
}

// province returns the two-digit province prefix of a code.
func province(code string) string {
	if len(code) < 2 {
		return ""
	}
	return code[:2]
}

// band returns the i-th 16-bit band of a simhash.
func band(h uint64, i int) int64 { return int64(h >> (16 * i) & 0xFFFF) }

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
