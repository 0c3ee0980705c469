package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/baogao/baogao"
	"github.com/jackc/pgx/v5"
)

func scanOverride(sc scanner) (baogao.Override, error) {
	var o baogao.Override
	err := sc.Scan(&o.DocumentID, &o.Field, &o.Key, &o.Value, &o.By, &o.At)
	o.At = o.At.UTC()
	return o, err
}

// SetOverride records a correction and applies it.
func (s *Store) SetOverride(ctx context.Context, o baogao.Override) error {
	if err := baogao.CheckOverride(o); err != nil {
		return err
	}
	if o.At.IsZero() {
		o.At = s.now()
	}
	return s.tx(ctx, func(tx pgx.Tx) error {
		if err := lockArchive(ctx, tx); err != nil {
			return err
		}
		var n int
		if err := tx.QueryRow(ctx, `SELECT count(*) FROM documents WHERE id = $1`, o.DocumentID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return baogao.Errorf(baogao.ENOTFOUND, "document %d not found", o.DocumentID)
		}
		if o.Field == baogao.OverridePlaceCode && o.Value != "" {
			if err := tx.QueryRow(ctx, `SELECT count(*) FROM places WHERE code = $1`, o.Value).Scan(&n); err != nil {
				return err
			}
			if n == 0 {
				return baogao.Errorf(baogao.EINVALID, "no place has the code %s", o.Value)
			}
		}
		_, err := tx.Exec(ctx, `INSERT INTO overrides (document_id, field, key, value, set_by, set_at) VALUES ($1, $2, $3, $4, $5, $6)
			ON CONFLICT (document_id, field, key) DO UPDATE SET value = excluded.value, set_by = excluded.set_by, set_at = excluded.set_at`,
			o.DocumentID, o.Field, o.Key, o.Value, o.By, o.At.UTC().Truncate(usec))
		if err != nil {
			return fmt.Errorf("set override: %w", err)
		}
		if o.Field == baogao.OverrideTarget || o.Field == baogao.OverrideOutcome {
			d, err := readDocument(ctx, tx, o.DocumentID)
			if err != nil {
				return err
			}
			return s.writeExtraction(ctx, tx, o.DocumentID, d.Extraction)
		}
		return s.applyMetaOverrides(ctx, tx, o.DocumentID)
	})
}

// RemoveOverride forgets a correction.
func (s *Store) RemoveOverride(ctx context.Context, documentID int64, field, key string) error {
	tag, err := s.db.Exec(ctx, `DELETE FROM overrides WHERE document_id = $1 AND field = $2 AND key = $3`, documentID, field, key)
	if err != nil {
		return fmt.Errorf("remove override: %w", err)
	}
	if tag.RowsAffected() == 0 {
		return baogao.Errorf(baogao.ENOTFOUND, "document %d has no correction of %s", documentID, field)
	}
	return nil
}

// overrides returns a document's overrides, in tx.
func overrides(ctx context.Context, tx pgx.Tx, id int64) ([]baogao.Override, error) {
	rows, err := tx.Query(ctx, overridesQuery, id)
	if err != nil {
		return nil, fmt.Errorf("overrides of %d: %w", id, err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (baogao.Override, error) { return scanOverride(r) })
	if err != nil {
		return nil, fmt.Errorf("overrides of %d: %w", id, err)
	}
	return out, nil
}

// writeExtraction replaces a document's extracted rows with ex, the
// operators' corrections applied, and marks the document changed.
func (s *Store) writeExtraction(ctx context.Context, tx pgx.Tx, id int64, ex baogao.Extraction) error {
	ovs, err := overrides(ctx, tx, id)
	if err != nil {
		return err
	}
	baogao.ApplyOverrides(&ex, ovs)
	tag, err := tx.Exec(ctx, `UPDATE documents SET updated_at = $1 WHERE id = $2`, s.now().UTC().Truncate(usec), id)
	if err != nil {
		return err
	}
	if tag.RowsAffected() == 0 {
		return baogao.Errorf(baogao.ENOTFOUND, "document %d not found", id)
	}
	for _, table := range []string{"targets", "outcomes", "goals", "projects"} {
		if _, err := tx.Exec(ctx, `DELETE FROM `+table+` WHERE document_id = $1`, id); err != nil {
			return err
		}
	}
	return copyExtraction(ctx, tx, []int64{id}, []baogao.Extraction{ex})
}

// applyMetaOverrides sets the document's meta fields that operators
// corrected, and indexes it afresh when that changed anything. Every
// method that rewrites a document's meta calls it after the rewrite.
func (s *Store) applyMetaOverrides(ctx context.Context, tx pgx.Tx, id int64) error {
	ovs, err := overrides(ctx, tx, id)
	if err != nil {
		return err
	}
	changed := false
	for _, o := range ovs {
		var q string
		var args []any
		switch o.Field {
		case baogao.OverrideTitle:
			q, args = `UPDATE documents SET title = $1 WHERE id = $2 AND title <> $1`, []any{o.Value, id}
		case baogao.OverrideKind:
			q, args = `UPDATE documents SET kind = $1 WHERE id = $2 AND kind <> $1`, []any{o.Value, id}
		case baogao.OverrideYear:
			y, _ := strconv.Atoi(o.Value)
			q, args = `UPDATE documents SET year = $1 WHERE id = $2 AND year <> $1`, []any{y, id}
		case baogao.OverrideDate:
			q, args = `UPDATE documents SET date = $1 WHERE id = $2 AND date <> $1`, []any{o.Value, id}
		case baogao.OverridePlaceCode:
			if o.Value == "" {
				q = `UPDATE documents SET place_code = '', province = '', place = '', level = '', region = 'qita', place_candidates = ''
					WHERE id = $1 AND place_code <> ''`
				args = []any{id}
				break
			}
			q = `UPDATE documents SET place_code = p.code, province = substr(p.code, 1, 2), place = p.full_name, level = p.level,
				region = p.region, place_candidates = '' FROM (SELECT * FROM places WHERE code = $1) AS p
				WHERE documents.id = $2 AND documents.place_code <> p.code`
			args = []any{o.Value, id}
		case baogao.OverrideFlagged:
			q, args = `UPDATE documents SET flagged = $1 WHERE id = $2 AND flagged <> $1`, []any{o.Value == "true", id}
		case baogao.OverrideCompleteness, baogao.OverrideQuality:
			// The assessment is not indexed: its change log trigger is enough.
			col := o.Field
			_, err := tx.Exec(ctx, `INSERT INTO assessments (document_id, `+col+`) VALUES ($1, $2)
				ON CONFLICT (document_id) DO UPDATE SET `+col+` = EXCLUDED.`+col+` WHERE assessments.`+col+` <> EXCLUDED.`+col, id, o.Value)
			if err != nil {
				return fmt.Errorf("apply correction of %s: %w", o.Field, err)
			}
			continue
		default:
			continue
		}
		tag, err := tx.Exec(ctx, q, args...)
		if err != nil {
			return fmt.Errorf("apply correction of %s: %w", o.Field, err)
		}
		if tag.RowsAffected() > 0 {
			changed = true
		}
	}
	if !changed {
		return nil
	}
	return s.reindexDocument(ctx, tx, id)
}

// TrashDocument moves a document into the trash.
func (s *Store) TrashDocument(ctx context.Context, id int64, by string) error {
	return s.tx(ctx, func(tx pgx.Tx) error {
		if err := lockArchive(ctx, tx); err != nil {
			return err
		}
		d, err := readDocument(ctx, tx, id)
		if err != nil {
			return err
		}
		js, err := json.Marshal(d)
		if err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `INSERT INTO trash (id, title, kind, year, sha256, simhash, document, deleted_at, deleted_by)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, id, d.Meta.Title, string(d.Meta.Kind), d.Meta.Year, d.SHA256, int64(d.Simhash),
			string(js), s.now().UTC().Truncate(usec), by)
		if err != nil {
			return fmt.Errorf("trash document %d: %w", id, err)
		}
		if err := unindexDocument(ctx, tx, id); err != nil {
			return err
		}
		// Sources and extracted rows go with the row (ON DELETE CASCADE);
		// comments and overrides stay, keyed by the id.
		if _, err := tx.Exec(ctx, `DELETE FROM documents WHERE id = $1`, id); err != nil {
			return fmt.Errorf("trash document %d: %w", id, err)
		}
		return nil
	})
}

// RestoreDocument puts a trashed document back under its id.
func (s *Store) RestoreDocument(ctx context.Context, id int64) error {
	err := s.tx(ctx, func(tx pgx.Tx) error {
		if err := lockArchive(ctx, tx); err != nil {
			return err
		}
		var js string
		var sh int64
		if err := tx.QueryRow(ctx, `SELECT document, simhash FROM trash WHERE id = $1`, id).Scan(&js, &sh); err != nil {
			return notFound(err, "document %d is not in the trash", id)
		}
		d := &baogao.Document{}
		if err := json.Unmarshal([]byte(js), d); err != nil {
			return fmt.Errorf("restore document %d: %w", id, err)
		}
		d.ID, d.Simhash = id, uint64(sh)
		if len(d.Sources) == 0 {
			d.Sources = []baogao.Source{{}}
		}
		for _, src := range d.Sources {
			var owner int64
			err := tx.QueryRow(ctx, `SELECT document_id FROM sources WHERE sha256 = $1`, src.SHA256).Scan(&owner)
			if err == nil {
				return baogao.Errorf(baogao.ECONFLICT, "a source of document %d was imported again as document %d", id, owner)
			}
			if !errors.Is(err, pgx.ErrNoRows) {
				return err
			}
		}
		if err := checkNew(ctx, tx, []*baogao.Document{d}); err != nil {
			return err
		}
		created := d.CreatedAt // the document keeps its place among the latest
		if created.IsZero() {
			created = s.now()
		}
		created = created.UTC().Truncate(usec)
		if _, err := insertDocuments(ctx, tx, []*baogao.Document{d}, d.Sources[:1], []int64{id}, created); err != nil {
			return err
		}
		for _, src := range d.Sources[1:] {
			if err := copySources(ctx, tx, []int64{id}, []baogao.Source{src}, src.ImportedAt.UTC().Truncate(usec)); err != nil {
				return err
			}
		}
		if _, err := tx.Exec(ctx, `DELETE FROM trash WHERE id = $1`, id); err != nil {
			return err
		}
		if err := s.applyMetaOverrides(ctx, tx, id); err != nil {
			return err
		}
		return s.reindexDocument(ctx, tx, id)
	})
	if err != nil {
		return err
	}
	return s.mergeSegments(ctx)
}

// Trash lists the trashed documents.
func (s *Store) Trash(ctx context.Context) ([]baogao.TrashedDocument, error) {
	rows, err := s.db.Query(ctx, `SELECT t.id, t.title, t.kind, t.year, t.deleted_at, t.deleted_by,
		(SELECT count(*) FROM comments c WHERE c.document_id = t.id) FROM trash t ORDER BY t.deleted_at DESC, t.id DESC`)
	if err != nil {
		return nil, fmt.Errorf("trash: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (baogao.TrashedDocument, error) {
		var t baogao.TrashedDocument
		err := r.Scan(&t.ID, &t.Title, (*string)(&t.Kind), &t.Year, &t.DeletedAt, &t.DeletedBy, &t.Comments)
		t.DeletedAt = t.DeletedAt.UTC()
		return t, err
	})
	if err != nil {
		return nil, fmt.Errorf("trash: %w", err)
	}
	return nonNil(out), nil
}

// PurgeDocument deletes a trashed document and its comments for good.
func (s *Store) PurgeDocument(ctx context.Context, id int64) error {
	return s.tx(ctx, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `DELETE FROM trash WHERE id = $1`, id)
		if err != nil {
			return fmt.Errorf("purge document %d: %w", id, err)
		}
		if tag.RowsAffected() == 0 {
			return baogao.Errorf(baogao.ENOTFOUND, "document %d is not in the trash", id)
		}
		for _, q := range []string{`DELETE FROM comments WHERE document_id = $1`, `DELETE FROM overrides WHERE document_id = $1`} {
			if _, err := tx.Exec(ctx, q, id); err != nil {
				return fmt.Errorf("purge document %d: %w", id, err)
			}
		}
		return nil
	})
}

// AddImportRun records an import run.
func (s *Store) AddImportRun(ctx context.Context, r *baogao.ImportRun) error {
	errs, err := json.Marshal(nonNil(r.Errors))
	if err != nil {
		return err
	}
	err = s.db.QueryRow(ctx, `INSERT INTO import_runs (command, started, finished, imported, duplicates, failed, errors)
		VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`, r.Command, r.Started.UTC().Truncate(usec), r.Finished.UTC().Truncate(usec),
		r.Imported, r.Duplicates, r.Failed, string(errs)).Scan(&r.ID)
	if err != nil {
		return fmt.Errorf("record import run: %w", err)
	}
	return nil
}

// ImportRuns returns the latest import runs.
func (s *Store) ImportRuns(ctx context.Context, limit int) ([]baogao.ImportRun, error) {
	rows, err := s.db.Query(ctx, `SELECT id, command, started, finished, imported, duplicates, failed, errors FROM import_runs
		ORDER BY id DESC LIMIT $1`, max(limit, 1))
	if err != nil {
		return nil, fmt.Errorf("import runs: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (baogao.ImportRun, error) {
		var r baogao.ImportRun
		var errs string
		if err := row.Scan(&r.ID, &r.Command, &r.Started, &r.Finished, &r.Imported, &r.Duplicates, &r.Failed, &errs); err != nil {
			return r, err
		}
		r.Started, r.Finished = r.Started.UTC(), r.Finished.UTC()
		if err := json.Unmarshal([]byte(errs), &r.Errors); err != nil {
			return r, fmt.Errorf("import run %d: %w", r.ID, err)
		}
		return r, nil
	})
	if err != nil {
		return nil, fmt.Errorf("import runs: %w", err)
	}
	return nonNil(out), nil
}

// Expire deletes what has expired and what retention no longer allows.
func (s *Store) Expire(ctx context.Context, now time.Time, retention time.Duration) (int, error) {
	n := 0
	cut := now.UTC().Truncate(usec)
	err := s.tx(ctx, func(tx pgx.Tx) error {
		qs := []struct {
			q   string
			arg any
		}{
			{`DELETE FROM captchas WHERE expires_at <= $1`, cut},
			{`DELETE FROM sessions WHERE expires_at <= $1`, cut},
			{`DELETE FROM rate_counters WHERE expires_at <= $1`, now.Unix()},
			{`DELETE FROM blocked_clients WHERE until <= $1`, cut},
		}
		if retention > 0 {
			old := cut.Add(-retention)
			qs = append(qs, struct {
				q   string
				arg any
			}{`UPDATE comments SET client_hash = '' WHERE client_hash <> '' AND created_at < $1`, old}, struct {
				q   string
				arg any
			}{`DELETE FROM comments WHERE status IN ('rejected', 'spam') AND created_at < $1`, old})
		}
		for _, q := range qs {
			tag, err := tx.Exec(ctx, q.q, q.arg)
			if err != nil {
				return fmt.Errorf("expire: %w", err)
			}
			n += int(tag.RowsAffected())
		}
		return nil
	})
	return n, err
}
