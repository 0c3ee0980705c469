package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/baogao/baogao"
	"github.com/baogao/baogao/internal/original"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// SyncPlaces replaces the stored places with the gazetteer's when they
// differ in number or in any row.
func (s *Store) SyncPlaces(ctx context.Context, g baogao.Gazetteer) error {
	places := g.All()
	var b strings.Builder
	for i, p := range places {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(p.Code + p.Name + p.Parent + p.Slug)
	}
	var stored string
	err := s.db.QueryRow(ctx, `SELECT coalesce(string_agg(code || name || parent || slug, ',' ORDER BY code COLLATE "C"), '') FROM places`).Scan(&stored)
	if err != nil {
		return fmt.Errorf("sync places: %w", err)
	}
	if stored == b.String() && len(places) > 0 {
		return nil
	}
	return s.tx(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `LOCK TABLE places IN EXCLUSIVE MODE`); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `DELETE FROM places`); err != nil {
			return err
		}
		_, err := tx.CopyFrom(ctx, pgx.Identifier{"places"}, []string{"code", "name", "short", "full_name", "level", "parent", "region", "slug"},
			pgx.CopyFromSlice(len(places), func(i int) ([]any, error) {
				p := places[i]
				return []any{p.Code, p.Name, p.Short, g.FullName(p.Code), string(p.Level), p.Parent, string(p.Region), p.Slug}, nil
			}))
		if err != nil {
			return fmt.Errorf("sync places: %w", err)
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
// transaction: all or none. Rows are written with COPY; the search index
// gets a new segment, merged with others after the commit.
func (s *Store) AddDocuments(ctx context.Context, docs []*baogao.Document, srcs []baogao.Source) error {
	if len(docs) != len(srcs) {
		return baogao.Errorf(baogao.EINVALID, "%d documents but %d sources", len(docs), len(srcs))
	}
	if len(docs) == 0 {
		return nil
	}
	for _, d := range docs {
		if err := baogao.CheckText(d); err != nil {
			return err
		}
	}
	now := s.now().UTC().Truncate(time.Microsecond)
	indexes := docIndexes(docs) // made in parallel while the documents are written
	ids := make([]int64, len(docs))
	err := s.tx(ctx, func(tx pgx.Tx) error {
		if err := lockArchive(ctx, tx); err != nil {
			return err
		}
		if err := checkNew(ctx, tx, docs); err != nil {
			return err
		}
		rows, err := tx.Query(ctx, `SELECT nextval(pg_get_serial_sequence('documents', 'id')) FROM generate_series(1, $1)`, len(docs))
		if err != nil {
			return err
		}
		if ids, err = pgx.CollectRows(rows, pgx.RowTo[int64]); err != nil {
			return fmt.Errorf("new document ids: %w", err)
		}
		stored, err := insertDocuments(ctx, tx, docs, srcs, ids, now)
		if err != nil {
			return err
		}
		return s.indexDocuments(ctx, tx, stored, indexes())
	})
	if err != nil {
		indexes() // let the tokenisers finish
		return err
	}
	for i, d := range docs {
		d.ID = ids[i]
		if !d.Meta.Region.Valid() {
			d.Meta.Region = baogao.RegionOf(d.Meta.PlaceCode)
		}
		d.CreatedAt, d.UpdatedAt = now, now
	}
	return s.mergeSegments(ctx)
}

// insertDocuments writes documents under the ids, each with its first
// source and its extraction, and returns them with their ids, for the
// index.
func insertDocuments(ctx context.Context, tx pgx.Tx, docs []*baogao.Document, srcs []baogao.Source, ids []int64, now time.Time) ([]*baogao.Document, error) {
	if err := copyDocuments(ctx, tx, docs, ids, now); err != nil {
		return nil, err
	}
	if err := copySources(ctx, tx, ids, srcs, now); err != nil {
		return nil, err
	}
	if _, err := tx.CopyFrom(ctx, pgx.Identifier{"assessments"}, []string{"document_id", "completeness", "quality"},
		pgx.CopyFromSlice(len(docs), func(i int) ([]any, error) {
			return []any{ids[i], string(docs[i].Meta.Completeness), baogao.JoinQuality(docs[i].Meta.Quality)}, nil
		})); err != nil {
		return nil, fmt.Errorf("insert assessments: %w", err)
	}
	exs := make([]baogao.Extraction, len(docs))
	for i, d := range docs {
		exs[i] = d.Extraction
	}
	if err := copyExtraction(ctx, tx, ids, exs); err != nil {
		return nil, err
	}
	stored := make([]*baogao.Document, len(docs))
	for i, d := range docs {
		c := *d
		c.ID = ids[i]
		stored[i] = &c
	}
	return stored, nil
}

// checkNew fails with ECONFLICT when a document's body is stored already,
// or twice in the batch.
func checkNew(ctx context.Context, tx pgx.Tx, docs []*baogao.Document) error {
	shas := make([]string, len(docs))
	seen := map[string]bool{}
	for i, d := range docs {
		if seen[d.SHA256] {
			return &baogao.Error{Code: baogao.ECONFLICT, Message: "the batch holds the same document twice (" + d.SHA256 + ")"}
		}
		seen[d.SHA256] = true
		shas[i] = d.SHA256
	}
	var existing int64
	err := tx.QueryRow(ctx, `SELECT id FROM documents WHERE sha256 = ANY($1) ORDER BY id LIMIT 1`, shas).Scan(&existing)
	switch {
	case err == nil:
		return &baogao.Error{Code: baogao.ECONFLICT, Message: fmt.Sprintf("duplicate of document %d", existing)}
	case errors.Is(err, pgx.ErrNoRows):
		return nil
	}
	return err
}

// copyDocuments writes documents with the ids.
func copyDocuments(ctx context.Context, tx pgx.Tx, docs []*baogao.Document, ids []int64, now time.Time) error {
	_, err := tx.CopyFrom(ctx, pgx.Identifier{"documents"}, []string{"id", "kind", "place_code", "province", "place", "level",
		"region", "year", "date", "title", "script", "issuer", "session", "speaker", "place_candidates", "encoding", "flagged",
		"sha256", "simhash", "band0", "band1", "band2", "band3", "created_at", "updated_at", "outline", "body"},
		pgx.CopyFromSlice(len(docs), func(i int) ([]any, error) {
			doc := docs[i]
			m := doc.Meta
			outline, err := json.Marshal(nonNil(doc.Outline))
			if err != nil {
				return nil, err
			}
			region := m.Region
			if !region.Valid() {
				region = baogao.RegionOf(m.PlaceCode)
			}
			h := doc.Simhash
			return []any{ids[i], string(m.Kind), m.PlaceCode, province(m.PlaceCode), m.Place, string(m.Level), string(region),
				m.Year, m.Date, m.Title, m.Script, m.Issuer, m.Session, m.Speaker, strings.Join(m.PlaceCandidates, ","), m.Encoding,
				m.Flagged, doc.SHA256, int64(h), band(h, 0), band(h, 1), band(h, 2), band(h, 3), now, now, string(outline), doc.Body}, nil
		}))
	if err != nil {
		return fmt.Errorf("insert documents: %w", err)
	}
	return nil
}

// copySources writes each document's source, and the original bytes of
// those that carry them.
func copySources(ctx context.Context, tx pgx.Tx, ids []int64, srcs []baogao.Source, now time.Time) error {
	_, err := tx.CopyFrom(ctx, pgx.Identifier{"sources"}, []string{"document_id", "url", "final_url", "file", "fetched_at", "status",
		"content_type", "size", "sha256", "encoding", "script", "imported_at", "credit"},
		pgx.CopyFromSlice(len(srcs), func(i int) ([]any, error) {
			src := srcs[i]
			size := src.Size
			if src.Raw != nil {
				size = int64(len(src.Raw))
			}
			return []any{ids[i], src.URL, src.FinalURL, src.File, fetchedAt(src), src.Status, src.ContentType, size,
				src.SHA256, src.Encoding, src.Script, now, src.Credit}, nil
		}))
	if isUnique(err, "sources_sha256_key") {
		return &baogao.Error{Code: baogao.ECONFLICT, Message: "a source is stored already", Err: err}
	}
	if err != nil {
		return fmt.Errorf("insert sources: %w", err)
	}
	for _, src := range srcs {
		if src.Raw == nil {
			continue
		}
		if err := insertOriginal(ctx, tx, src); err != nil {
			return err
		}
	}
	return nil
}

// insertOriginal keeps a source's bytes, compressed, in parts
// (original.Parts), unless the same bytes are kept already.
func insertOriginal(ctx context.Context, tx pgx.Tx, src baogao.Source) error {
	seq := 0
	for part := range original.Parts(src.Raw) {
		var err error
		if seq == 0 {
			var tag pgconn.CommandTag
			tag, err = tx.Exec(ctx, `INSERT INTO source_originals (sha256, codec, data) VALUES ($1, $2, $3) ON CONFLICT (sha256) DO NOTHING`,
				src.SHA256, original.Codec, part)
			if err == nil && tag.RowsAffected() == 0 {
				return nil // kept already, with another source of the same bytes
			}
		} else {
			_, err = tx.Exec(ctx, `INSERT INTO source_original_parts (sha256, seq, data) VALUES ($1, $2, $3)`, src.SHA256, seq, part)
		}
		if err != nil {
			return fmt.Errorf("insert original: %w", err)
		}
		seq++
	}
	return nil
}

// fetchedAt is a source's fetch time for its column: NULL when unknown,
// whole seconds as the SQLite store keeps it.
func fetchedAt(src baogao.Source) any {
	if src.FetchedAt.IsZero() {
		return nil
	}
	return src.FetchedAt.UTC().Truncate(time.Second)
}

// copyExtraction writes the documents' targets, outcomes, goals and
// projects.
func copyExtraction(ctx context.Context, tx pgx.Tx, ids []int64, exs []baogao.Extraction) error {
	var targets, outcomes, goals, projects [][]any
	for i, ex := range exs {
		id := ids[i]
		for j, t := range ex.Targets {
			targets = append(targets, []any{id, j, t.Indicator, t.Label, t.Value, t.ValueHigh, t.Stretch, t.Unit, string(t.Qualifier),
				strings.Join(t.Words, "|"), yearOrZero(t.Year), t.Text, t.Span[0], t.Span[1], t.Corrected})
		}
		for j, o := range ex.Outcomes {
			outcomes = append(outcomes, []any{id, j, o.Indicator, o.Label, o.Value, o.Unit, o.Year, string(o.Vintage), o.Basis, o.Bound,
				o.Text, o.Span[0], o.Span[1], o.Corrected})
		}
		for j, g := range ex.Goals {
			goals = append(goals, []any{id, j, g.Subject, g.Metric, g.Value, g.Unit, g.Year, g.Text, g.Span[0], g.Span[1]})
		}
		for j, p := range ex.Projects {
			projects = append(projects, []any{id, j, p.Name, p.Action, p.Investment, p.Unit, p.Text, p.Span[0], p.Span[1]})
		}
	}
	for _, t := range []struct {
		table string
		cols  []string
		rows  [][]any
	}{
		{"targets", []string{"document_id", "seq", "indicator", "label", "value", "value_high", "stretch", "unit", "qualifier",
			"words", "year", "text", "span_start", "span_end", "corrected"}, targets},
		{"outcomes", []string{"document_id", "seq", "indicator", "label", "value", "unit", "year", "vintage", "basis", "bound",
			"text", "span_start", "span_end", "corrected"}, outcomes},
		{"goals", []string{"document_id", "seq", "subject", "metric", "value", "unit", "year", "text", "span_start", "span_end"}, goals},
		{"projects", []string{"document_id", "seq", "name", "action", "investment", "unit", "text", "span_start", "span_end"}, projects},
	} {
		if len(t.rows) == 0 {
			continue
		}
		if _, err := tx.CopyFrom(ctx, pgx.Identifier{t.table}, t.cols, pgx.CopyFromRows(t.rows)); err != nil {
			return fmt.Errorf("insert %s: %w", t.table, err)
		}
	}
	return nil
}

// AddSource records another source of a document.
func (s *Store) AddSource(ctx context.Context, documentID int64, src baogao.Source) error {
	now := s.now().UTC().Truncate(time.Microsecond)
	return s.tx(ctx, func(tx pgx.Tx) error {
		if err := lockArchive(ctx, tx); err != nil {
			return err
		}
		var n int
		if err := tx.QueryRow(ctx, `SELECT count(*) FROM documents WHERE id = $1`, documentID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return baogao.Errorf(baogao.ENOTFOUND, "document %d not found", documentID)
		}
		var owner int64
		err := tx.QueryRow(ctx, `SELECT document_id FROM sources WHERE sha256 = $1`, src.SHA256).Scan(&owner)
		if err == nil {
			if owner == documentID {
				return nil
			}
			return &baogao.Error{Code: baogao.ECONFLICT, Message: fmt.Sprintf("source already belongs to document %d", owner)}
		}
		if !errors.Is(err, pgx.ErrNoRows) {
			return err
		}
		return copySources(ctx, tx, []int64{documentID}, []baogao.Source{src}, now)
	})
}

// SourceBySHA256 returns the source with the raw-bytes hash.
func (s *Store) SourceBySHA256(ctx context.Context, sha string) (baogao.Source, error) {
	src, err := scanSource(s.db.QueryRow(ctx, `SELECT `+sourceColumns+` FROM sources WHERE sha256 = $1`, sha))
	if err != nil {
		return src, notFound(err, "no source with hash %s", sha)
	}
	return src, nil
}

// Original returns the kept raw bytes of the source with the hash: its
// first part and the further ones of a large one (migration 0015), read in
// one statement so that a purge meanwhile cannot leave some out.
func (s *Store) Original(ctx context.Context, sha string) ([]byte, error) {
	rows, err := s.db.Query(ctx, `SELECT 0 AS seq, codec, data FROM source_originals WHERE sha256 = $1
		UNION ALL SELECT seq, '', data FROM source_original_parts WHERE sha256 = $1 ORDER BY seq`, sha)
	if err != nil {
		return nil, err
	}
	type part struct {
		Seq   int
		Codec string
		Data  []byte
	}
	parts, err := pgx.CollectRows(rows, pgx.RowToStructByPos[part])
	if err != nil {
		return nil, err
	}
	if len(parts) == 0 || parts[0].Codec == "" {
		return nil, baogao.Errorf(baogao.ENOTFOUND, "no original of source %s", sha)
	}
	var data []byte
	for _, p := range parts {
		data = append(data, p.Data...)
	}
	raw, err := original.Expand(parts[0].Codec, data)
	if err != nil {
		return nil, fmt.Errorf("original of source %s: %w", sha, err)
	}
	return raw, nil
}

// UpdateDocument replaces a document's meta, body, outline, hashes and
// extraction, and its search index, in one transaction.
func (s *Store) UpdateDocument(ctx context.Context, doc *baogao.Document) error {
	if err := baogao.CheckText(doc); err != nil {
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
	now := s.now().UTC().Truncate(time.Microsecond)
	err = s.tx(ctx, func(tx pgx.Tx) error {
		if err := lockArchive(ctx, tx); err != nil {
			return err
		}
		var other int64
		err := tx.QueryRow(ctx, `SELECT id FROM documents WHERE sha256 = $1 AND id <> $2`, doc.SHA256, doc.ID).Scan(&other)
		if err == nil {
			return &baogao.Error{Code: baogao.ECONFLICT, Message: fmt.Sprintf("the text is now that of document %d", other)}
		}
		if !errors.Is(err, pgx.ErrNoRows) {
			return err
		}
		h := doc.Simhash
		tag, err := tx.Exec(ctx, `UPDATE documents SET kind = $1, place_code = $2, province = $3, place = $4, level = $5,
			region = $6, year = $7, date = $8, title = $9, script = $10, issuer = $11, session = $12, speaker = $13,
			place_candidates = $14, encoding = $15, flagged = $16, body = $17, outline = $18, sha256 = $19, simhash = $20,
			band0 = $21, band1 = $22, band2 = $23, band3 = $24, updated_at = $25 WHERE id = $26`,
			string(m.Kind), m.PlaceCode, province(m.PlaceCode), m.Place, string(m.Level), string(region), m.Year, m.Date, m.Title,
			m.Script, m.Issuer, m.Session, m.Speaker, strings.Join(m.PlaceCandidates, ","), m.Encoding, m.Flagged,
			doc.Body, string(outline), doc.SHA256, int64(h), band(h, 0), band(h, 1), band(h, 2), band(h, 3), now, doc.ID)
		if err != nil {
			return fmt.Errorf("update document %d: %w", doc.ID, err)
		}
		if tag.RowsAffected() == 0 {
			return baogao.Errorf(baogao.ENOTFOUND, "document %d not found", doc.ID)
		}
		// Operators' corrections stand: of the extraction, and of the meta.
		if err := s.writeExtraction(ctx, tx, doc.ID, doc.Extraction); err != nil {
			return err
		}
		if err := s.applyMetaOverrides(ctx, tx, doc.ID); err != nil {
			return err
		}
		return s.reindexDocument(ctx, tx, doc.ID)
	})
	if err != nil {
		return err
	}
	doc.Meta.Region = region
	doc.UpdatedAt = now
	return s.mergeSegments(ctx)
}

// DocumentIDBySHA256 returns the id of the document whose body has the hash.
func (s *Store) DocumentIDBySHA256(ctx context.Context, sha string) (int64, error) {
	var id int64
	if err := s.db.QueryRow(ctx, `SELECT id FROM documents WHERE sha256 = $1`, sha).Scan(&id); err != nil {
		return 0, notFound(err, "no document with hash %s", sha)
	}
	return id, nil
}

// NearDuplicateCandidates returns documents sharing a simhash band with doc
// or its kind, place and year, with their bodies.
func (s *Store) NearDuplicateCandidates(ctx context.Context, doc *baogao.Document) ([]*baogao.Document, error) {
	h := doc.Simhash
	q := `SELECT ` + documentColumns + `, body FROM documents WHERE band0 = $1 OR band1 = $2 OR band2 = $3 OR band3 = $4`
	args := []any{band(h, 0), band(h, 1), band(h, 2), band(h, 3)}
	if doc.Meta.PlaceCode != "" && doc.Meta.Year != 0 {
		q += ` OR (kind = $5 AND place_code = $6 AND year = $7)`
		args = append(args, string(doc.Meta.Kind), doc.Meta.PlaceCode, doc.Meta.Year)
	}
	rows, err := s.db.Query(ctx, q+` ORDER BY id LIMIT 50`, args...)
	if err != nil {
		return nil, fmt.Errorf("near duplicates: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (*baogao.Document, error) { return scanDocument(r, true) })
	if err != nil {
		return nil, fmt.Errorf("near duplicates: %w", err)
	}
	return nonNil(out), nil
}

// The queries of Document, sent together.
const (
	documentQuery = `SELECT ` + documentColumns + `, body, outline FROM documents WHERE id = $1`
	sourcesQuery  = `SELECT ` + sourceColumns + ` FROM sources WHERE document_id = $1 ORDER BY id`
	targetsQuery  = `SELECT indicator, label, value, value_high, stretch, unit, qualifier, words, year, text, span_start, span_end,
		corrected FROM targets WHERE document_id = $1 ORDER BY seq`
	outcomesQuery = `SELECT indicator, label, value, unit, year, vintage, basis, bound, text, span_start, span_end, corrected
		FROM outcomes WHERE document_id = $1 ORDER BY seq`
	goalsQuery     = `SELECT subject, metric, value, unit, year, text, span_start, span_end FROM goals WHERE document_id = $1 ORDER BY seq`
	projectsQuery  = `SELECT name, action, investment, unit, text, span_start, span_end FROM projects WHERE document_id = $1 ORDER BY seq`
	overridesQuery = `SELECT document_id, field, key, value, set_by, set_at FROM overrides WHERE document_id = $1
		ORDER BY set_at, field COLLATE "C", key COLLATE "C"`
)

// Document returns one document with everything that belongs to it: seven
// queries in one round trip, in one snapshot.
func (s *Store) Document(ctx context.Context, id int64) (*baogao.Document, error) {
	b, finish := documentBatch(id)
	return finish(s.snapshot(ctx, b))
}

// readDocument reads a document with its parts in tx.
func readDocument(ctx context.Context, tx pgx.Tx, id int64) (*baogao.Document, error) {
	b, finish := documentBatch(id)
	return finish(tx.SendBatch(ctx, b).Close())
}

// documentBatch returns the queries that read a document with its parts,
// and the function that, given the error of sending them, returns the
// document.
func documentBatch(id int64) (*pgx.Batch, func(error) (*baogao.Document, error)) {
	d := &baogao.Document{}
	ex := &d.Extraction
	ex.Targets, ex.Outcomes, ex.Goals, ex.Projects = []baogao.Target{}, []baogao.Outcome{}, []baogao.Goal{}, []baogao.Project{}
	var outline string
	var row docRow
	b := &pgx.Batch{}
	b.Queue(documentQuery, id).QueryRow(func(r pgx.Row) error {
		return r.Scan(append(row.fields(d), &d.Body, &outline)...)
	})
	b.Queue(sourcesQuery, id).Query(func(rows pgx.Rows) error {
		var err error
		d.Sources, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (baogao.Source, error) { return scanSource(r) })
		return err
	})
	b.Queue(targetsQuery, id).Query(func(rows pgx.Rows) error {
		var t baogao.Target
		var words string
		var year int
		_, err := pgx.ForEachRow(rows, []any{&t.Indicator, &t.Label, &t.Value, &t.ValueHigh, &t.Stretch, &t.Unit, &t.Qualifier,
			&words, &year, &t.Text, &t.Span[0], &t.Span[1], &t.Corrected}, func() error {
			c := t
			c.Words = splitWords(words)
			if year != 0 {
				y := year
				c.Year = &y
			}
			ex.Targets = append(ex.Targets, c)
			t = baogao.Target{}
			return nil
		})
		return err
	})
	b.Queue(outcomesQuery, id).Query(func(rows pgx.Rows) error {
		var o baogao.Outcome
		_, err := pgx.ForEachRow(rows, []any{&o.Indicator, &o.Label, &o.Value, &o.Unit, &o.Year, &o.Vintage, &o.Basis, &o.Bound,
			&o.Text, &o.Span[0], &o.Span[1], &o.Corrected}, func() error {
			ex.Outcomes = append(ex.Outcomes, o)
			o = baogao.Outcome{}
			return nil
		})
		return err
	})
	b.Queue(goalsQuery, id).Query(func(rows pgx.Rows) error {
		var g baogao.Goal
		_, err := pgx.ForEachRow(rows, []any{&g.Subject, &g.Metric, &g.Value, &g.Unit, &g.Year, &g.Text, &g.Span[0], &g.Span[1]}, func() error {
			ex.Goals = append(ex.Goals, g)
			g = baogao.Goal{}
			return nil
		})
		return err
	})
	b.Queue(projectsQuery, id).Query(func(rows pgx.Rows) error {
		var p baogao.Project
		_, err := pgx.ForEachRow(rows, []any{&p.Name, &p.Action, &p.Investment, &p.Unit, &p.Text, &p.Span[0], &p.Span[1]}, func() error {
			ex.Projects = append(ex.Projects, p)
			p = baogao.Project{}
			return nil
		})
		return err
	})
	b.Queue(overridesQuery, id).Query(func(rows pgx.Rows) error {
		var err error
		d.Overrides, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (baogao.Override, error) { return scanOverride(r) })
		if len(d.Overrides) == 0 {
			d.Overrides = nil
		}
		return err
	})
	return b, func(err error) (*baogao.Document, error) {
		if err != nil {
			return nil, notFound(err, "document %d not found", id)
		}
		row.finish(d)
		if err := json.Unmarshal([]byte(outline), &d.Outline); err != nil {
			return nil, fmt.Errorf("document %d outline: %w", id, err)
		}
		return d, nil
	}
}

// Documents returns a page of documents matching f.
func (s *Store) Documents(ctx context.Context, f baogao.DocumentFilter) (baogao.DocumentPage, error) {
	where, args := documentWhere(f, false)
	var page baogao.DocumentPage
	limit := f.Limit
	if limit <= 0 {
		limit = 20
	}
	order := ` ORDER BY year DESC, id DESC`
	if f.Added {
		order = ` ORDER BY id DESC`
	}
	n := len(args)
	b := &pgx.Batch{}
	if !f.SkipTotal {
		count, cwhere, cargs := `SELECT count(*) FROM documents`, where, args
		if countable(f) {
			count = `SELECT coalesce(sum(n), 0) FROM facet_counts`
			cwhere, cargs = documentWhere(f, true)
		}
		b.Queue(count+cwhere, cargs...).QueryRow(func(r pgx.Row) error { return r.Scan(&page.Total) })
	}
	b.Queue(`SELECT `+documentColumns+` FROM documents`+where+order+fmt.Sprintf(` LIMIT $%d OFFSET $%d`, n+1, n+2),
		append(args, limit, max(f.Offset, 0))...).Query(func(rows pgx.Rows) error {
		var err error
		page.Documents, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (*baogao.Document, error) { return scanDocument(r, false) })
		return err
	})
	if err := s.read.SendBatch(ctx, b).Close(); err != nil {
		return page, fmt.Errorf("list documents: %w", err)
	}
	page.Documents = nonNil(page.Documents)
	return page, nil
}

// documentWhere builds the WHERE clause of a filter, with $1… parameters.
func documentWhere(f baogao.DocumentFilter, counts bool) (string, []any) {
	var conds []string
	var args []any
	cond := func(format string, vals ...any) {
		idx := make([]any, len(vals))
		for i := range vals {
			idx[i] = len(args) + i + 1
		}
		conds = append(conds, fmt.Sprintf(format, idx...))
		args = append(args, vals...)
	}
	if f.Kind != "" {
		cond("kind = $%d", string(f.Kind))
	}
	if f.Region != "" {
		cond("region = $%d", string(f.Region))
	}
	if f.Province != "" {
		cond("province = $%d", province(f.Province))
	}
	// within restricts to the codes under a prefix: place_code sorts
	// bytewise (COLLATE "C"), so they are a range of the index.
	within := func(prefix string) {
		cond("place_code >= $%d AND place_code < $%d", prefix, prefix[:len(prefix)-1]+string(prefix[len(prefix)-1]+1))
	}
	if pp := baogao.CodePrefix(f.Prefecture); pp != "" {
		switch {
		case counts:
			cond("prefecture = $%d", pp)
		case f.Level == baogao.LevelPrefecture:
			cond("place_code = $%d", pp+"00")
		default:
			within(pp)
		}
	}
	switch prefix := baogao.CodePrefix(f.PlaceCode); {
	case f.PlaceCode == "":
	case counts && len(prefix) == 2:
		cond("province = $%d", prefix)
	case counts && len(prefix) == 4:
		cond("prefecture = $%d", prefix)
	case f.Level != "" && f.Level == levelOfPrefix(prefix):
		cond("place_code = $%d", f.PlaceCode) // only the place itself is at its own level under its code
	default:
		within(prefix)
	}
	if f.Level != "" {
		cond("level = $%d", string(f.Level))
	}
	switch {
	case f.YearFrom != 0 && f.YearFrom == f.YearTo:
		cond("year = $%d", f.YearFrom)
	default:
		if f.YearFrom != 0 {
			cond("year >= $%d", f.YearFrom)
		}
		if f.YearTo != 0 {
			cond("year <= $%d", f.YearTo)
		}
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

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

// countable reports whether facet_counts can count the documents f
// matches: it has every column documentWhere filters on but the place
// code, and a province's or a prefecture's code is its province or
// prefecture (migration 0005).
func countable(f baogao.DocumentFilter) bool {
	return len(baogao.CodePrefix(f.PlaceCode)) < 6
}

// Stats returns the archive's counts, kept by triggers, and the time of
// the newest document.
func (s *Store) Stats(ctx context.Context) (baogao.Stats, error) {
	st := baogao.Stats{ByKind: map[baogao.Kind]int{}}
	b := &pgx.Batch{}
	b.Queue(`SELECT name, n FROM archive_counts`).Query(func(rows pgx.Rows) error {
		var name string
		var n int
		_, err := pgx.ForEachRow(rows, []any{&name, &n}, func() error {
			switch kind, ok := strings.CutPrefix(name, "kind:"); {
			case ok && n > 0:
				st.ByKind[baogao.Kind(kind)] = n
				st.Documents += n
			case name == "sources":
				st.Sources = n
			case name == "flagged":
				st.Flagged = n
			}
			return nil
		})
		return err
	})
	b.Queue(`SELECT created_at FROM documents ORDER BY id DESC LIMIT 1`).Query(func(rows pgx.Rows) error {
		_, err := pgx.ForEachRow(rows, []any{&st.Latest}, func() error { return nil })
		return err
	})
	if err := s.read.SendBatch(ctx, b).Close(); err != nil {
		return st, fmt.Errorf("stats: %w", err)
	}
	st.Latest = st.Latest.UTC()
	return st, nil
}

// Facets counts matching documents by year and province and, under a
// place, by place: from facet_counts when the filter allows.
func (s *Store) Facets(ctx context.Context, f baogao.DocumentFilter) (baogao.Facets, error) {
	fc := baogao.Facets{ByKind: map[baogao.Kind]int{}, ByYear: map[int]int{}, ByProvince: map[string]int{}, ByLevel: map[baogao.Level]int{}}
	b := &pgx.Batch{}
	// count counts the documents matching g by col, in one batch.
	count := func(g baogao.DocumentFilter, col string, add func(key string, n int)) {
		table, sum := "documents", "count(*)"
		counts := countable(g) && col != "place_code"
		if counts {
			table, sum = "facet_counts", "sum(n)"
		} else if col == "prefecture" {
			col = "prefecture_of(place_code)"
		}
		where, args := documentWhere(g, counts)
		b.Queue(`SELECT `+col+`::text, `+sum+` FROM `+table+where+` GROUP BY 1`, args...).Query(func(rows pgx.Rows) error {
			var key string
			var n int
			_, err := pgx.ForEachRow(rows, []any{&key, &n}, func() error {
				if n > 0 {
					add(key, n)
				}
				return nil
			})
			return err
		})
	}
	g := f
	g.Kind = ""
	count(g, "kind", func(k string, n int) { fc.ByKind[baogao.Kind(k)] = n })
	g = f
	g.YearFrom, g.YearTo = 0, 0
	count(g, "year", func(k string, n int) {
		y, _ := strconv.Atoi(k)
		fc.ByYear[y] = n
	})
	g = f
	g.Province, g.Prefecture, g.PlaceCode = "", "", ""
	count(g, "province", func(k string, n int) { fc.ByProvince[k] = n })
	g = f
	g.Level = ""
	count(g, "level", func(k string, n int) { fc.ByLevel[baogao.Level(k)] = n })
	if p := province(f.Province + f.Prefecture + f.PlaceCode); p != "" {
		fc.ByPrefecture = map[string]int{}
		g = f
		g.Province, g.Prefecture, g.PlaceCode = p, "", ""
		count(g, "prefecture", func(k string, n int) { fc.ByPrefecture[k] = n })
	}
	if f.PlaceCode != "" {
		fc.ByPlace = map[string]int{}
		count(f, "place_code", func(k string, n int) { fc.ByPlace[k] = n })
	}
	if err := s.read.SendBatch(ctx, b).Close(); err != nil {
		return fc, fmt.Errorf("facets: %w", err)
	}
	return fc, nil
}

// SetExtraction replaces a document's extracted data in one transaction,
// the operators' corrections applied again.
func (s *Store) SetExtraction(ctx context.Context, id int64, ex baogao.Extraction) error {
	return s.tx(ctx, func(tx pgx.Tx) error {
		if err := lockArchive(ctx, tx); err != nil {
			return err
		}
		return s.writeExtraction(ctx, tx, id, ex)
	})
}

// SetAssessment replaces a document's completeness and quality flags,
// except those an operator corrected.
func (s *Store) SetAssessment(ctx context.Context, id int64, c baogao.Completeness, q []baogao.QualityFlag) error {
	return s.tx(ctx, func(tx pgx.Tx) error {
		if err := lockArchive(ctx, tx); err != nil {
			return err
		}
		tag, err := tx.Exec(ctx, `INSERT INTO assessments (document_id, completeness, quality)
			SELECT id, $2, $3 FROM documents WHERE id = $1
			ON CONFLICT (document_id) DO UPDATE SET completeness = EXCLUDED.completeness, quality = EXCLUDED.quality`,
			id, string(c), baogao.JoinQuality(q))
		if err != nil {
			return fmt.Errorf("assessment of document %d: %w", id, err)
		}
		if tag.RowsAffected() == 0 {
			return baogao.Errorf(baogao.ENOTFOUND, "document %d not found", id)
		}
		return s.applyMetaOverrides(ctx, tx, id) // an operator's correction stands
	})
}

// DocumentIDs returns the next ids after after, in order.
func (s *Store) DocumentIDs(ctx context.Context, after int64, limit int) ([]int64, error) {
	rows, err := s.db.Query(ctx, `SELECT id FROM documents WHERE id > $1 ORDER BY id LIMIT $2`, after, limit)
	if err != nil {
		return nil, fmt.Errorf("document ids: %w", err)
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return nil, fmt.Errorf("document ids: %w", err)
	}
	return nonNil(ids), nil
}

// Changes returns the change log after a change number (migration 0009).
func (s *Store) Changes(ctx context.Context, after int64, limit int) ([]baogao.Change, int64, error) {
	var latest, oldest int64
	if err := s.db.QueryRow(ctx, `SELECT coalesce(max(seq), 0), coalesce(min(seq), 0) FROM changes`).Scan(&latest, &oldest); err != nil {
		return nil, 0, fmt.Errorf("changes: %w", err)
	}
	if after < oldest-1 {
		return nil, latest, baogao.Errorf(baogao.ENOTFOUND, "changes after %d are no longer kept", after)
	}
	out := []baogao.Change{}
	if after >= latest {
		return out, latest, nil
	}
	rows, err := s.db.Query(ctx, `SELECT seq, document_id, kind, region, place_code, year, at FROM changes WHERE seq > $1 ORDER BY seq LIMIT $2`, after, limit)
	if err != nil {
		return nil, 0, fmt.Errorf("changes: %w", err)
	}
	out, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (baogao.Change, error) {
		var c baogao.Change
		err := r.Scan(&c.Seq, &c.DocumentID, (*string)(&c.Kind), (*string)(&c.Region), &c.PlaceCode, &c.Year, &c.At)
		c.At = c.At.UTC()
		return c, err
	})
	if err != nil {
		return nil, 0, fmt.Errorf("changes: %w", err)
	}
	return nonNil(out), latest, nil
}
