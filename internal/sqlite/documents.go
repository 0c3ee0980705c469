package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/baogao/baogao"
	"github.com/baogao/baogao/internal/original"
)

// SyncPlaces replaces the stored places with the gazetteer's when they
// differ in number or in any row.
func (s *Store) SyncPlaces(ctx context.Context, g baogao.Gazetteer) error {
	places := g.All()
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM places`).Scan(&n); err != nil {
		return fmt.Errorf("sync places: %w", err)
	}
	if n == len(places) && n > 0 {
		// Compare a checksum of the rows rather than each row.
		var stored string
		if err := s.db.QueryRowContext(ctx, `SELECT group_concat(code || name || parent || slug, ',') FROM (SELECT * FROM places ORDER BY code)`).Scan(&stored); err != nil {
			return fmt.Errorf("sync places: %w", err)
		}
		var b strings.Builder
		for i, p := range places {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(p.Code + p.Name + p.Parent + p.Slug)
		}
		if stored == b.String() {
			return nil
		}
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM places`); err != nil {
			return err
		}
		stmt, err := tx.PrepareContext(ctx, `INSERT INTO places (code, name, short, full_name, level, parent, region, slug) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
		if err != nil {
			return err
		}
		defer stmt.Close()
		for _, p := range places {
			if _, err := stmt.ExecContext(ctx, p.Code, p.Name, p.Short, g.FullName(p.Code), string(p.Level), p.Parent, string(p.Region), p.Slug); err != nil {
				return fmt.Errorf("place %s: %w", p.Code, err)
			}
		}
		return nil
	})
}

// AddDocument stores a new document with its first source and its
// extraction in one transaction.
func (s *Store) AddDocument(ctx context.Context, doc *baogao.Document, src baogao.Source) error {
	return s.AddDocuments(ctx, []*baogao.Document{doc}, []baogao.Source{src})
}

// AddDocuments stores new documents, each with its first source, in one
// transaction: all or none.
func (s *Store) AddDocuments(ctx context.Context, docs []*baogao.Document, srcs []baogao.Source) error {
	if len(docs) != len(srcs) {
		return baogao.Errorf(baogao.EINVALID, "%d documents but %d sources", len(docs), len(srcs))
	}
	for _, d := range docs {
		if err := baogao.CheckText(d); err != nil {
			return err
		}
	}
	now := s.now().UTC()
	entries := searchEntries(docs) // made in parallel while the documents are written
	return s.tx(ctx, func(tx *sql.Tx) error {
		for i, doc := range docs {
			if err := s.addDocument(ctx, tx, doc, srcs[i], now, false); err != nil {
				return err
			}
		}
		return indexDocuments(ctx, tx, docs, entries())
	})
}

// addDocument inserts one document, its source and its extraction; under
// doc.ID when keepID (a restored document), else under a new id.
func (s *Store) addDocument(ctx context.Context, tx *sql.Tx, doc *baogao.Document, src baogao.Source, now time.Time, keepID bool) error {
	var existing int64
	err := tx.QueryRowContext(ctx, `SELECT id FROM documents WHERE sha256 = ?`, doc.SHA256).Scan(&existing)
	if err == nil {
		return &baogao.Error{Code: baogao.ECONFLICT, Message: fmt.Sprintf("duplicate of document %d", existing)}
	}
	if err != sql.ErrNoRows {
		return err
	}
	outline, err := json.Marshal(nonNil(doc.Outline))
	if err != nil {
		return err
	}
	m := doc.Meta
	region := m.Region
	if !region.Valid() {
		region = baogao.RegionOf(m.PlaceCode)
	}
	sh := int64(doc.Simhash)
	var id any
	if keepID {
		id = doc.ID
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO documents (id, kind, place_code, province, place, level, region, year, date, title,
		script, issuer, session, speaker, place_candidates, encoding, flagged, body, outline, sha256, simhash,
		band0, band1, band2, band3, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		id, string(m.Kind), m.PlaceCode, province(m.PlaceCode), m.Place, string(m.Level), string(region), m.Year, m.Date, m.Title,
		m.Script, m.Issuer, m.Session, m.Speaker, strings.Join(m.PlaceCandidates, ","), m.Encoding, m.Flagged,
		doc.Body, string(outline), doc.SHA256, sh, band(doc.Simhash, 0), band(doc.Simhash, 1), band(doc.Simhash, 2), band(doc.Simhash, 3),
		now.Format(time.RFC3339Nano), now.Format(time.RFC3339Nano))
	if err != nil {
		return fmt.Errorf("insert document: %w", err)
	}
	newID, err := res.LastInsertId()
	if err != nil {
		return err
	}
	if err := insertSource(ctx, tx, newID, src, now); err != nil {
		return err
	}
	if err := writeAssessment(ctx, tx, newID, m.Completeness, m.Quality); err != nil {
		return err
	}
	if err := insertExtraction(ctx, tx, newID, doc.Extraction); err != nil {
		return err
	}
	doc.ID = newID
	doc.Meta.Region = region
	doc.CreatedAt, doc.UpdatedAt = now, now
	return nil
}

// writeAssessment stores a document's completeness and quality flags.
func writeAssessment(ctx context.Context, tx *sql.Tx, id int64, c baogao.Completeness, q []baogao.QualityFlag) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO assessments (document_id, completeness, quality) VALUES (?, ?, ?)
		ON CONFLICT (document_id) DO UPDATE SET completeness = excluded.completeness, quality = excluded.quality`, id, string(c), baogao.JoinQuality(q))
	if err != nil {
		return fmt.Errorf("assessment of document %d: %w", id, err)
	}
	return nil
}

// SetAssessment replaces a document's completeness and quality flags,
// except those an operator corrected.
func (s *Store) SetAssessment(ctx context.Context, id int64, c baogao.Completeness, q []baogao.QualityFlag) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM documents WHERE id = ?`, id).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return baogao.Errorf(baogao.ENOTFOUND, "document %d not found", id)
		}
		if err := writeAssessment(ctx, tx, id, c, q); err != nil {
			return err
		}
		return applyMetaOverrides(ctx, tx, id) // an operator's correction stands
	})
}

// AddSource records another source of a document.
func (s *Store) AddSource(ctx context.Context, documentID int64, src baogao.Source) error {
	now := s.now().UTC()
	return s.tx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM documents WHERE id = ?`, documentID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return baogao.Errorf(baogao.ENOTFOUND, "document %d not found", documentID)
		}
		var owner int64
		err := tx.QueryRowContext(ctx, `SELECT document_id FROM sources WHERE sha256 = ?`, src.SHA256).Scan(&owner)
		if err == nil {
			if owner == documentID {
				return nil
			}
			return &baogao.Error{Code: baogao.ECONFLICT, Message: fmt.Sprintf("source already belongs to document %d", owner)}
		}
		if err != sql.ErrNoRows {
			return err
		}
		return insertSource(ctx, tx, documentID, src, now)
	})
}

func insertSource(ctx context.Context, tx *sql.Tx, docID int64, src baogao.Source, now time.Time) error {
	fetched := ""
	if !src.FetchedAt.IsZero() {
		fetched = src.FetchedAt.UTC().Format(time.RFC3339)
	}
	size := src.Size
	if src.Raw != nil {
		size = int64(len(src.Raw))
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO sources (document_id, url, final_url, file, fetched_at, status, content_type, size,
		sha256, encoding, script, imported_at, credit) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		docID, src.URL, src.FinalURL, src.File, fetched, src.Status, src.ContentType, size,
		src.SHA256, src.Encoding, src.Script, now.Format(time.RFC3339Nano), src.Credit)
	if err != nil {
		return fmt.Errorf("insert source: %w", err)
	}
	if src.Raw == nil {
		return nil
	}
	var have int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM source_originals WHERE sha256 = ?`, src.SHA256).Scan(&have); err != nil || have > 0 {
		return err // kept already, with another source of the same bytes
	}
	seq := 0
	for part := range original.Parts(src.Raw) {
		if seq == 0 {
			_, err = tx.ExecContext(ctx, `INSERT INTO source_originals (sha256, codec, data) VALUES (?, ?, ?)`, src.SHA256, original.Codec, part)
		} else {
			_, err = tx.ExecContext(ctx, `INSERT INTO source_original_parts (sha256, seq, data) VALUES (?, ?, ?)`, src.SHA256, seq, part)
		}
		if err != nil {
			return fmt.Errorf("insert original: %w", err)
		}
		seq++
	}
	return nil
}

// insertExtraction writes a document's targets, outcomes, goals and projects.
func insertExtraction(ctx context.Context, tx *sql.Tx, id int64, ex baogao.Extraction) error {
	for i, t := range ex.Targets {
		if _, err := tx.ExecContext(ctx, `INSERT INTO targets (document_id, seq, indicator, label, value, value_high, stretch,
			unit, qualifier, words, year, text, span_start, span_end, corrected) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			id, i, t.Indicator, t.Label, t.Value, t.ValueHigh, t.Stretch, t.Unit, string(t.Qualifier),
			strings.Join(t.Words, "|"), yearOrZero(t.Year), t.Text, t.Span[0], t.Span[1], t.Corrected); err != nil {
			return fmt.Errorf("insert target: %w", err)
		}
	}
	for i, o := range ex.Outcomes {
		if _, err := tx.ExecContext(ctx, `INSERT INTO outcomes (document_id, seq, indicator, label, value, unit, year, vintage,
			basis, bound, text, span_start, span_end, corrected) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			id, i, o.Indicator, o.Label, o.Value, o.Unit, o.Year, string(o.Vintage), o.Basis, o.Bound, o.Text, o.Span[0], o.Span[1],
			o.Corrected); err != nil {
			return fmt.Errorf("insert outcome: %w", err)
		}
	}
	for i, g := range ex.Goals {
		if _, err := tx.ExecContext(ctx, `INSERT INTO goals (document_id, seq, subject, metric, value, unit, year, text, span_start, span_end)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, id, i, g.Subject, g.Metric, g.Value, g.Unit, g.Year, g.Text, g.Span[0], g.Span[1]); err != nil {
			return fmt.Errorf("insert goal: %w", err)
		}
	}
	for i, p := range ex.Projects {
		if _, err := tx.ExecContext(ctx, `INSERT INTO projects (document_id, seq, name, action, investment, unit, text, span_start, span_end)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, id, i, p.Name, p.Action, p.Investment, p.Unit, p.Text, p.Span[0], p.Span[1]); err != nil {
			return fmt.Errorf("insert project: %w", err)
		}
	}
	return nil
}

// SourceBySHA256 returns the source with the raw-bytes hash.
func (s *Store) SourceBySHA256(ctx context.Context, sha string) (baogao.Source, error) {
	row := s.queryRow(ctx, `SELECT `+sourceColumns+` FROM sources WHERE sha256 = ?`, sha)
	src, err := scanSource(row)
	if err != nil {
		return src, notFound(err, "no source with hash %s", sha)
	}
	return src, nil
}

// Original returns the kept raw bytes of the source with the hash: its
// first part and the further ones of a large one (migration 0020), read in
// one statement so that a purge meanwhile cannot leave some out.
func (s *Store) Original(ctx context.Context, sha string) ([]byte, error) {
	rows, err := s.query(ctx, `SELECT 0 AS seq, codec, data FROM source_originals WHERE sha256 = ?
		UNION ALL SELECT seq, '', data FROM source_original_parts WHERE sha256 = ? ORDER BY seq`, sha, sha)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var codec string
	var data []byte
	n := 0
	for ; rows.Next(); n++ {
		var seq int
		var c string
		var part []byte
		if err := rows.Scan(&seq, &c, &part); err != nil {
			return nil, err
		}
		if n == 0 {
			codec = c
		}
		data = append(data, part...)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if n == 0 || codec == "" {
		return nil, baogao.Errorf(baogao.ENOTFOUND, "no original of source %s", sha)
	}
	raw, err := original.Expand(codec, data)
	if err != nil {
		return nil, fmt.Errorf("original of source %s: %w", sha, err)
	}
	return raw, nil
}

// DocumentIDBySHA256 returns the id of the document whose body has the hash.
func (s *Store) DocumentIDBySHA256(ctx context.Context, sha string) (int64, error) {
	var id int64
	err := s.queryRow(ctx, `SELECT id FROM documents WHERE sha256 = ?`, sha).Scan(&id)
	if err != nil {
		return 0, notFound(err, "no document with hash %s", sha)
	}
	return id, nil
}

// NearDuplicateCandidates returns documents sharing a simhash band with doc
// or its kind, place and year, with their bodies.
func (s *Store) NearDuplicateCandidates(ctx context.Context, doc *baogao.Document) ([]*baogao.Document, error) {
	h := doc.Simhash
	q := `SELECT ` + documentColumns + `, body FROM documents WHERE band0 = ? OR band1 = ? OR band2 = ? OR band3 = ?`
	args := []any{band(h, 0), band(h, 1), band(h, 2), band(h, 3)}
	if doc.Meta.PlaceCode != "" && doc.Meta.Year != 0 {
		q += ` OR (kind = ? AND place_code = ? AND year = ?)`
		args = append(args, string(doc.Meta.Kind), doc.Meta.PlaceCode, doc.Meta.Year)
	}
	q += ` ORDER BY id LIMIT 50`
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("near duplicates: %w", err)
	}
	defer rows.Close()
	out := []*baogao.Document{}
	for rows.Next() {
		d, err := scanDocument(rows, true)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// The queries of Document, each reading one table in stored order.
const (
	documentQuery = `SELECT ` + documentColumns + `, body, outline FROM documents WHERE id = ?`
	sourcesQuery  = `SELECT ` + sourceColumns + ` FROM sources WHERE document_id = ? ORDER BY id`
	targetsQuery  = `SELECT indicator, label, value, value_high, stretch, unit, qualifier, words, year, text, span_start, span_end,
		corrected FROM targets WHERE document_id = ? ORDER BY seq`
	outcomesQuery = `SELECT indicator, label, value, unit, year, vintage, basis, bound, text, span_start, span_end, corrected
		FROM outcomes WHERE document_id = ? ORDER BY seq`
	goalsQuery     = `SELECT subject, metric, value, unit, year, text, span_start, span_end FROM goals WHERE document_id = ? ORDER BY seq`
	projectsQuery  = `SELECT name, action, investment, unit, text, span_start, span_end FROM projects WHERE document_id = ? ORDER BY seq`
	overridesQuery = `SELECT document_id, field, key, value, set_by, set_at FROM overrides WHERE document_id = ? ORDER BY set_at, field, key`
)

// Document returns one document with everything that belongs to it, read
// in one read transaction so that its parts agree. (ReadOnly makes it a
// plain BEGIN: the store's other transactions begin IMMEDIATE, taking the
// write lock, which would queue every page behind the others and behind
// imports.)
func (s *Store) Document(ctx context.Context, id int64) (*baogao.Document, error) {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("document %d: %w", id, err)
	}
	defer tx.Rollback()
	return s.readDocument(ctx, tx, id)
}

// readDocument reads a document with its parts in tx.
func (s *Store) readDocument(ctx context.Context, tx *sql.Tx, id int64) (*baogao.Document, error) {
	stmt := func(q string) (*sql.Stmt, error) { return s.txStmt(ctx, tx, q) }
	st, err := stmt(documentQuery)
	if err != nil {
		return nil, fmt.Errorf("document %d: %w", id, err)
	}
	d := &baogao.Document{}
	var cands, created, updated, outline, assess string
	var sh int64
	if err := st.QueryRowContext(ctx, id).Scan(append(documentFields(d, &cands, &created, &updated, &sh, &assess), &d.Body, &outline)...); err != nil {
		return nil, notFound(err, "document %d not found", id)
	}
	finishDocument(d, cands, created, updated, sh, assess)
	if err := json.Unmarshal([]byte(outline), &d.Outline); err != nil {
		return nil, fmt.Errorf("document %d outline: %w", id, err)
	}
	ex := &d.Extraction
	ex.Targets, ex.Outcomes, ex.Goals, ex.Projects = []baogao.Target{}, []baogao.Outcome{}, []baogao.Goal{}, []baogao.Project{}
	each := func(q string, scan func(rowScanner) error) error {
		st, err := stmt(q)
		if err != nil {
			return err
		}
		rows, err := st.QueryContext(ctx, id)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			if err := scan(rows); err != nil {
				return err
			}
		}
		return rows.Err()
	}
	err = each(sourcesQuery, func(r rowScanner) error {
		src, err := scanSource(r)
		d.Sources = append(d.Sources, src)
		return err
	})
	if err == nil {
		err = each(targetsQuery, func(r rowScanner) error {
			var t baogao.Target
			var words string
			var year int
			err := r.Scan(&t.Indicator, &t.Label, &t.Value, &t.ValueHigh, &t.Stretch, &t.Unit, &t.Qualifier, &words, &year,
				&t.Text, &t.Span[0], &t.Span[1], &t.Corrected)
			t.Words = splitWords(words)
			if year != 0 {
				t.Year = &year
			}
			ex.Targets = append(ex.Targets, t)
			return err
		})
	}
	if err == nil {
		err = each(outcomesQuery, func(r rowScanner) error {
			var o baogao.Outcome
			err := r.Scan(&o.Indicator, &o.Label, &o.Value, &o.Unit, &o.Year, &o.Vintage, &o.Basis, &o.Bound, &o.Text, &o.Span[0], &o.Span[1], &o.Corrected)
			ex.Outcomes = append(ex.Outcomes, o)
			return err
		})
	}
	if err == nil {
		err = each(goalsQuery, func(r rowScanner) error {
			var g baogao.Goal
			err := r.Scan(&g.Subject, &g.Metric, &g.Value, &g.Unit, &g.Year, &g.Text, &g.Span[0], &g.Span[1])
			ex.Goals = append(ex.Goals, g)
			return err
		})
	}
	if err == nil {
		err = each(projectsQuery, func(r rowScanner) error {
			var p baogao.Project
			err := r.Scan(&p.Name, &p.Action, &p.Investment, &p.Unit, &p.Text, &p.Span[0], &p.Span[1])
			ex.Projects = append(ex.Projects, p)
			return err
		})
	}
	if err == nil {
		err = each(overridesQuery, func(r rowScanner) error {
			o, err := scanOverride(r)
			d.Overrides = append(d.Overrides, o)
			return err
		})
	}
	if err != nil {
		return nil, fmt.Errorf("document %d: %w", id, err)
	}
	return d, nil
}

// Documents returns a page of documents matching f.
func (s *Store) Documents(ctx context.Context, f baogao.DocumentFilter) (baogao.DocumentPage, error) {
	var page baogao.DocumentPage
	if !f.SkipTotal {
		count := `SELECT count(*) FROM documents`
		if countable(f) {
			count = `SELECT coalesce(sum(n), 0) FROM facet_counts`
		}
		where, args := documentWhere(f, countable(f))
		if err := s.queryRow(ctx, count+where, args...).Scan(&page.Total); err != nil {
			return page, fmt.Errorf("count documents: %w", err)
		}
	}
	where, args := documentWhere(f, false)
	limit := f.Limit
	if limit <= 0 {
		limit = 20
	}
	order := ` ORDER BY year DESC, id DESC`
	if f.Added {
		order = ` ORDER BY id DESC`
	}
	rows, err := s.query(ctx, `SELECT `+documentColumns+` FROM documents`+where+
		order+` LIMIT ? OFFSET ?`, append(args, limit, max(f.Offset, 0))...)
	if err != nil {
		return page, fmt.Errorf("list documents: %w", err)
	}
	defer rows.Close()
	page.Documents = []*baogao.Document{}
	for rows.Next() {
		d, err := scanDocument(rows, false)
		if err != nil {
			return page, err
		}
		page.Documents = append(page.Documents, d)
	}
	return page, rows.Err()
}

// documentWhere builds the WHERE clause of a filter over the documents
// table, or, with counts, over facet_counts (see countable).
func documentWhere(f baogao.DocumentFilter, counts bool) (string, []any) {
	var conds []string
	var args []any
	eq := func(col string, v any) {
		conds = append(conds, col+" = ?")
		args = append(args, v)
	}
	// within restricts to a place code prefix: a range, not LIKE, which is
	// case-insensitive and would not use the index.
	within := func(prefix string) {
		conds = append(conds, "place_code >= ? AND place_code < ?")
		args = append(args, prefix, prefix+"\xff")
	}
	if f.Kind != "" {
		eq("kind", string(f.Kind))
	}
	if f.Region != "" {
		eq("region", string(f.Region))
	}
	if f.Province != "" {
		eq("province", province(f.Province))
	}
	if pp := baogao.CodePrefix(f.Prefecture); pp != "" {
		switch {
		case counts:
			eq("prefecture", pp)
		case f.Level == baogao.LevelPrefecture:
			eq("place_code", pp+"00")
		default:
			within(pp)
		}
	}
	switch prefix := baogao.CodePrefix(f.PlaceCode); {
	case f.PlaceCode == "":
	case counts && len(prefix) == 2:
		eq("province", prefix)
	case counts && len(prefix) == 4:
		eq("prefecture", prefix)
	case f.Level != "" && f.Level == levelOfPrefix(prefix):
		// Only the place itself can be at its own level under its code.
		eq("place_code", f.PlaceCode)
	default:
		within(prefix)
	}
	if f.Level != "" {
		eq("level", string(f.Level))
	}
	switch {
	case f.YearFrom != 0 && f.YearFrom == f.YearTo:
		eq("year", f.YearFrom) // an equality lets the index go on to the place
	default:
		if f.YearFrom != 0 {
			conds = append(conds, "year >= ?")
			args = append(args, f.YearFrom)
		}
		if f.YearTo != 0 {
			conds = append(conds, "year <= ?")
			args = append(args, f.YearTo)
		}
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

// codePrefix returns the significant prefix of a place code: 37 for a
// province, 3708 for a prefecture, all six digits for a county.
// levelOfPrefix is the level of the places whose codes baogao.CodePrefix
// cuts to prefixes of this length.
func levelOfPrefix(prefix string) baogao.Level {
	switch len(prefix) {
	case 2:
		return baogao.LevelProvince
	case 4:
		return baogao.LevelPrefecture
	}
	return baogao.LevelCounty
}

// Stats returns the archive's counts, kept by triggers (migration 0006),
// and the time of the newest document.
func (s *Store) Stats(ctx context.Context) (baogao.Stats, error) {
	st := baogao.Stats{ByKind: map[baogao.Kind]int{}}
	rows, err := s.query(ctx, `SELECT name, n FROM archive_counts`)
	if err != nil {
		return st, fmt.Errorf("stats: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var name string
		var n int
		if err := rows.Scan(&name, &n); err != nil {
			return st, fmt.Errorf("stats: %w", err)
		}
		switch kind, ok := strings.CutPrefix(name, "kind:"); {
		case ok && n > 0:
			st.ByKind[baogao.Kind(kind)] = n
			st.Documents += n
		case name == "sources":
			st.Sources = n
		case name == "flagged":
			st.Flagged = n
		}
	}
	if err := rows.Err(); err != nil {
		return st, fmt.Errorf("stats: %w", err)
	}
	var latest string
	err = s.queryRow(ctx, `SELECT created_at FROM documents ORDER BY id DESC LIMIT 1`).Scan(&latest)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return st, fmt.Errorf("stats: %w", err)
	}
	if latest != "" {
		st.Latest, _ = time.Parse(time.RFC3339Nano, latest)
	}
	return st, nil
}

// prefectureOf is the prefecture of a document's place, as facet_counts
// keeps it: the first four digits of a code below a province.
const prefectureOf = `CASE WHEN length(place_code) = 6 AND substr(place_code, 3, 4) != '0000' THEN substr(place_code, 1, 4) ELSE '' END`

// Facets counts the documents matching f in every facet but one, by that
// one (see baogao.Facets). Filters on kind, region, province, prefecture,
// level and years — and on a province's or a prefecture's place code —
// are answered from facet_counts (migrations 0008 and 0010): rows bounded
// by those dimensions, not by the archive.
func (s *Store) Facets(ctx context.Context, f baogao.DocumentFilter) (baogao.Facets, error) {
	fc := baogao.Facets{ByKind: map[baogao.Kind]int{}, ByYear: map[int]int{}, ByProvince: map[string]int{}, ByLevel: map[baogao.Level]int{}}
	count := func(g baogao.DocumentFilter, col string, add func(key string, n int)) error {
		table, sum := "documents", "count(*)"
		counts := countable(g) && col != "place_code"
		if counts {
			table, sum = "facet_counts", "sum(n)"
			if col == prefectureOf {
				col = "prefecture"
			}
		}
		where, args := documentWhere(g, counts)
		rows, err := s.query(ctx, `SELECT `+col+`, `+sum+` FROM `+table+where+` GROUP BY 1`, args...)
		if err != nil {
			return fmt.Errorf("facets: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var key string
			var n int
			if err := rows.Scan(&key, &n); err != nil {
				return fmt.Errorf("facets: %w", err)
			}
			if n > 0 {
				add(key, n)
			}
		}
		return rows.Err()
	}
	g := f
	g.Kind = ""
	err := count(g, "kind", func(k string, n int) { fc.ByKind[baogao.Kind(k)] = n })
	if err == nil {
		g = f
		g.YearFrom, g.YearTo = 0, 0
		err = count(g, "year", func(k string, n int) {
			y, _ := strconv.Atoi(k)
			fc.ByYear[y] = n
		})
	}
	if err == nil {
		g = f
		g.Province, g.Prefecture, g.PlaceCode = "", "", ""
		err = count(g, "province", func(k string, n int) { fc.ByProvince[k] = n })
	}
	if err == nil {
		g = f
		g.Level = ""
		err = count(g, "level", func(k string, n int) { fc.ByLevel[baogao.Level(k)] = n })
	}
	if p := province(f.Province + f.Prefecture + f.PlaceCode); err == nil && p != "" {
		fc.ByPrefecture = map[string]int{}
		g = f
		g.Province, g.Prefecture, g.PlaceCode = p, "", ""
		err = count(g, prefectureOf, func(k string, n int) { fc.ByPrefecture[k] = n })
	}
	if err == nil && f.PlaceCode != "" {
		fc.ByPlace = map[string]int{}
		err = count(f, "place_code", func(k string, n int) { fc.ByPlace[k] = n })
	}
	return fc, err
}

// countable reports whether facet_counts can count the documents f
// matches: it has every column documentWhere filters on but the place
// code, and a province's or a prefecture's code is its province or
// prefecture.
func countable(f baogao.DocumentFilter) bool {
	return len(baogao.CodePrefix(f.PlaceCode)) < 6
}

// Version returns the archive's change counter and the time of the last
// change, kept by triggers.
func (s *Store) Version(ctx context.Context) (int64, time.Time, error) {
	var v int64
	var at string
	if err := s.queryRow(ctx, `SELECT version, changed_at FROM archive_version WHERE id = 1`).Scan(&v, &at); err != nil {
		return 0, time.Time{}, fmt.Errorf("version: %w", err)
	}
	t, _ := time.Parse(time.RFC3339, at)
	return v, t, nil
}

// yearOrZero stores an unknown target year as 0, as the column has it.
func yearOrZero(y *int) int {
	if y == nil {
		return 0
	}
	return *y
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

// Changes returns the change log after a change number (migration 0014).
func (s *Store) Changes(ctx context.Context, after int64, limit int) ([]baogao.Change, int64, error) {
	var latest, oldest int64
	if err := s.queryRow(ctx, `SELECT coalesce(max(seq), 0), coalesce(min(seq), 0) FROM changes`).Scan(&latest, &oldest); err != nil {
		return nil, 0, fmt.Errorf("changes: %w", err)
	}
	if after < oldest-1 {
		return nil, latest, baogao.Errorf(baogao.ENOTFOUND, "changes after %d are no longer kept", after)
	}
	out := []baogao.Change{}
	if after >= latest {
		return out, latest, nil
	}
	rows, err := s.query(ctx, `SELECT seq, document_id, kind, region, place_code, year, at FROM changes WHERE seq > ? ORDER BY seq LIMIT ?`, after, limit)
	if err != nil {
		return nil, 0, fmt.Errorf("changes: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var c baogao.Change
		var at string
		if err := rows.Scan(&c.Seq, &c.DocumentID, (*string)(&c.Kind), (*string)(&c.Region), &c.PlaceCode, &c.Year, &at); err != nil {
			return nil, 0, fmt.Errorf("changes: %w", err)
		}
		c.At, _ = time.Parse(time.RFC3339Nano, at)
		out = append(out, c)
	}
	return out, latest, rows.Err()
}
