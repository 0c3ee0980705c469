package sqlite

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/baogao/baogao"
)

const documentColumns = `id, kind, place_code, place, level, region, year, date, title, script, issuer, session, speaker,
	place_candidates, encoding, flagged, sha256, simhash, created_at, updated_at`

const sourceColumns = `id, document_id, url, file, fetched_at, sha256, encoding, script, imported_at`

type scanner interface{ Scan(...any) error }

// documentFields returns the scan targets of documentColumns.
func documentFields(d *baogao.Document, cands, created, updated *string, sh *int64) []any {
	m := &d.Meta
	return []any{&d.ID, (*string)(&m.Kind), &m.PlaceCode, &m.Place, (*string)(&m.Level), (*string)(&m.Region), &m.Year,
		&m.Date, &m.Title, &m.Script, &m.Issuer, &m.Session, &m.Speaker, cands, &m.Encoding, &m.Flagged, &d.SHA256, sh,
		created, updated}
}

func finishDocument(d *baogao.Document, cands, created, updated string, sh int64) {
	if cands != "" {
		d.Meta.PlaceCandidates = strings.Split(cands, ",")
	}
	d.Simhash = uint64(sh)
	d.CreatedAt, _ = time.Parse(time.RFC3339Nano, created)
	d.UpdatedAt, _ = time.Parse(time.RFC3339Nano, updated)
}

// scanDocument reads documentColumns, and body when withBody.
func scanDocument(sc scanner, withBody bool) (*baogao.Document, error) {
	d := &baogao.Document{}
	var cands, created, updated string
	var sh int64
	fields := documentFields(d, &cands, &created, &updated, &sh)
	if withBody {
		fields = append(fields, &d.Body)
	}
	if err := sc.Scan(fields...); err != nil {
		return nil, err
	}
	finishDocument(d, cands, created, updated, sh)
	return d, nil
}

// relatedJSON selects a document's sources, targets, outcomes, goals and
// projects as JSON arrays, in their stored order (SQLite aggregates rows in
// the order its subquery gives them).
const relatedJSON = `
	(SELECT json_group_array(json_object('id', id, 'document_id', document_id, 'url', url, 'file', file,
		'fetched_at', fetched_at, 'sha256', sha256, 'encoding', encoding, 'script', script, 'imported_at', imported_at))
		FROM (SELECT * FROM sources WHERE document_id = documents.id ORDER BY id)),
	(SELECT json_group_array(json_object('indicator', indicator, 'label', label, 'value', value, 'value_high', value_high,
		'stretch', stretch, 'unit', unit, 'qualifier', qualifier, 'words', words, 'year', NULLIF(year, 0), 'text', text,
		'span', json_array(span_start, span_end)))
		FROM (SELECT * FROM targets WHERE document_id = documents.id ORDER BY seq)),
	(SELECT json_group_array(json_object('indicator', indicator, 'label', label, 'value', value, 'unit', unit, 'year', year,
		'vintage', vintage, 'basis', basis, 'bound', bound, 'text', text, 'span', json_array(span_start, span_end)))
		FROM (SELECT * FROM outcomes WHERE document_id = documents.id ORDER BY seq)),
	(SELECT json_group_array(json_object('subject', subject, 'metric', metric, 'value', value, 'unit', unit, 'year', year,
		'text', text, 'span', json_array(span_start, span_end)))
		FROM (SELECT * FROM goals WHERE document_id = documents.id ORDER BY seq)),
	(SELECT json_group_array(json_object('name', name, 'action', action, 'investment', investment, 'unit', unit,
		'text', text, 'span', json_array(span_start, span_end)))
		FROM (SELECT * FROM projects WHERE document_id = documents.id ORDER BY seq))`

// sourceJSON and targetJSON are the stored forms of a source and a target
// where they differ from the domain's: times and words as text.
type sourceJSON struct {
	baogao.Source
	FetchedAt  string `json:"fetched_at"`
	ImportedAt string `json:"imported_at"`
}

type targetJSON struct {
	baogao.Target
	Words string `json:"words"`
}

// scanDocumentFull reads documentColumns, body, outline and relatedJSON.
func scanDocumentFull(sc scanner) (*baogao.Document, error) {
	d := &baogao.Document{}
	var cands, created, updated, outline, sources, targets, outcomes, goals, projects string
	var sh int64
	fields := append(documentFields(d, &cands, &created, &updated, &sh), &d.Body, &outline,
		&sources, &targets, &outcomes, &goals, &projects)
	if err := sc.Scan(fields...); err != nil {
		return nil, err
	}
	finishDocument(d, cands, created, updated, sh)
	var srcs []sourceJSON
	var ts []targetJSON
	ex := &d.Extraction
	for _, part := range []struct {
		text string
		v    any
	}{{outline, &d.Outline}, {sources, &srcs}, {targets, &ts}, {outcomes, &ex.Outcomes}, {goals, &ex.Goals}, {projects, &ex.Projects}} {
		if err := json.Unmarshal([]byte(part.text), part.v); err != nil {
			return nil, fmt.Errorf("document %d: %w", d.ID, err)
		}
	}
	for _, s := range srcs {
		if s.FetchedAt != "" {
			s.Source.FetchedAt, _ = time.Parse(time.RFC3339, s.FetchedAt)
		}
		s.Source.ImportedAt, _ = time.Parse(time.RFC3339Nano, s.ImportedAt)
		d.Sources = append(d.Sources, s.Source)
	}
	ex.Targets = make([]baogao.Target, len(ts))
	for i, t := range ts {
		ex.Targets[i] = t.Target
		ex.Targets[i].Words = splitWords(t.Words)
	}
	return d, nil
}

func scanSource(sc scanner) (baogao.Source, error) {
	var src baogao.Source
	var fetched, imported string
	err := sc.Scan(&src.ID, &src.DocumentID, &src.URL, &src.File, &fetched, &src.SHA256, &src.Encoding, &src.Script, &imported)
	if err != nil {
		return src, err
	}
	if fetched != "" {
		src.FetchedAt, _ = time.Parse(time.RFC3339, fetched)
	}
	src.ImportedAt, _ = time.Parse(time.RFC3339Nano, imported)
	return src, nil
}
