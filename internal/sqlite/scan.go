package sqlite

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

// documentFields returns the scan targets of documentColumns.
func documentFields(d *baogao.Document, cands, created, updated *string, sh *int64, assess *string) []any {
	m := &d.Meta
	return []any{&d.ID, (*string)(&m.Kind), &m.PlaceCode, &m.Place, (*string)(&m.Level), (*string)(&m.Region), &m.Year,
		&m.Date, &m.Title, &m.Script, &m.Issuer, &m.Session, &m.Speaker, cands, &m.Encoding, &m.Flagged, &d.SHA256, sh,
		created, updated, assess}
}

func finishDocument(d *baogao.Document, cands, created, updated string, sh int64, assess string) {
	if cands != "" {
		d.Meta.PlaceCandidates = strings.Split(cands, ",")
	}
	c, q, _ := strings.Cut(assess, "|")
	d.Meta.Completeness = baogao.Completeness(c)
	d.Meta.Quality = qualityFlags(q)
	d.Simhash = uint64(sh)
	d.CreatedAt, _ = time.Parse(time.RFC3339Nano, created)
	d.UpdatedAt, _ = time.Parse(time.RFC3339Nano, updated)
}

// scanDocument reads documentColumns, and body when withBody.
func scanDocument(sc scanner, withBody bool) (*baogao.Document, error) {
	d := &baogao.Document{}
	var cands, created, updated, assess string
	var sh int64
	fields := documentFields(d, &cands, &created, &updated, &sh, &assess)
	if withBody {
		fields = append(fields, &d.Body)
	}
	if err := sc.Scan(fields...); err != nil {
		return nil, err
	}
	finishDocument(d, cands, created, updated, sh, assess)
	return d, nil
}

func scanSource(sc scanner) (baogao.Source, error) {
	var src baogao.Source
	var fetched, imported string
	err := sc.Scan(&src.ID, &src.DocumentID, &src.URL, &src.FinalURL, &src.File, &fetched, &src.Status, &src.ContentType, &src.Size,
		&src.SHA256, &src.Encoding, &src.Script, &imported, &src.Credit)
	if err != nil {
		return src, err
	}
	if fetched != "" {
		src.FetchedAt, _ = time.Parse(time.RFC3339, fetched)
	}
	src.ImportedAt, _ = time.Parse(time.RFC3339Nano, imported)
	return src, nil
}

// qualityFlags splits the stored, comma-separated quality flags.
func qualityFlags(s string) []baogao.QualityFlag {
	if s == "" {
		return nil
	}
	var out []baogao.QualityFlag
	for _, f := range strings.Split(s, ",") {
		out = append(out, baogao.QualityFlag(f))
	}
	return out
}
