package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/baogao/baogao"
)

func scanOverride(sc scanner) (baogao.Override, error) {
	var o baogao.Override
	var at string
	err := sc.Scan(&o.DocumentID, &o.Field, &o.Key, &o.Value, &o.By, &at)
	o.At = parseTime(at)
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
	return s.tx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM documents WHERE id = ?`, o.DocumentID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return baogao.Errorf(baogao.ENOTFOUND, "document %d not found", o.DocumentID)
		}
		if o.Field == baogao.OverridePlaceCode && o.Value != "" {
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM places WHERE code = ?`, o.Value).Scan(&n); err != nil {
				return err
			}
			if n == 0 {
				return baogao.Errorf(baogao.EINVALID, "no place has the code %s", o.Value)
			}
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO overrides (document_id, field, key, value, set_by, set_at) VALUES (?, ?, ?, ?, ?, ?)
			ON CONFLICT (document_id, field, key) DO UPDATE SET value = excluded.value, set_by = excluded.set_by, set_at = excluded.set_at`,
			o.DocumentID, o.Field, o.Key, o.Value, o.By, fmtTime(o.At))
		if err != nil {
			return fmt.Errorf("set override: %w", err)
		}
		if o.Field == baogao.OverrideTarget || o.Field == baogao.OverrideOutcome {
			d, err := s.readDocument(ctx, tx, o.DocumentID)
			if err != nil {
				return err
			}
			return s.writeExtraction(ctx, tx, o.DocumentID, d.Extraction)
		}
		return applyMetaOverrides(ctx, tx, o.DocumentID)
	})
}

// RemoveOverride forgets a correction.
func (s *Store) RemoveOverride(ctx context.Context, documentID int64, field, key string) error {
	res, err := s.db.ExecContext(ctx, `DELETE FROM overrides WHERE document_id = ? AND field = ? AND key = ?`, documentID, field, key)
	if err != nil {
		return fmt.Errorf("remove override: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return baogao.Errorf(baogao.ENOTFOUND, "document %d has no correction of %s", documentID, field)
	}
	return nil
}

// overrides returns a document's overrides, in tx.
func overrides(ctx context.Context, tx *sql.Tx, id int64) ([]baogao.Override, error) {
	rows, err := tx.QueryContext(ctx, overridesQuery, id)
	if err != nil {
		return nil, fmt.Errorf("overrides of %d: %w", id, err)
	}
	defer rows.Close()
	var out []baogao.Override
	for rows.Next() {
		o, err := scanOverride(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

// writeExtraction replaces a document's extracted rows with ex, the
// operators' corrections applied, and marks the document changed.
func (s *Store) writeExtraction(ctx context.Context, tx *sql.Tx, id int64, ex baogao.Extraction) error {
	ovs, err := overrides(ctx, tx, id)
	if err != nil {
		return err
	}
	baogao.ApplyOverrides(&ex, ovs)
	res, err := tx.ExecContext(ctx, `UPDATE documents SET updated_at = ? WHERE id = ?`, s.now().UTC().Format(time.RFC3339Nano), id)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return baogao.Errorf(baogao.ENOTFOUND, "document %d not found", id)
	}
	for _, table := range []string{"targets", "outcomes", "goals", "projects"} {
		if _, err := tx.ExecContext(ctx, `DELETE FROM `+table+` WHERE document_id = ?`, id); err != nil {
			return err
		}
	}
	return insertExtraction(ctx, tx, id, ex)
}

// applyMetaOverrides sets the document's meta fields that operators
// corrected, and indexes it afresh when that changed anything. Every
// method that rewrites a document's meta calls it after the rewrite.
func applyMetaOverrides(ctx context.Context, tx *sql.Tx, id int64) error {
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
			q, args = `UPDATE documents SET title = ? WHERE id = ? AND title != ?`, []any{o.Value, id, o.Value}
		case baogao.OverrideKind:
			q, args = `UPDATE documents SET kind = ? WHERE id = ? AND kind != ?`, []any{o.Value, id, o.Value}
		case baogao.OverrideYear:
			y, _ := strconv.Atoi(o.Value)
			q, args = `UPDATE documents SET year = ? WHERE id = ? AND year != ?`, []any{y, id, y}
		case baogao.OverrideDate:
			q, args = `UPDATE documents SET date = ? WHERE id = ? AND date != ?`, []any{o.Value, id, o.Value}
		case baogao.OverridePlaceCode:
			if o.Value == "" {
				q = `UPDATE documents SET place_code = '', province = '', place = '', level = '', region = 'qita', place_candidates = ''
					WHERE id = ? AND place_code != ''`
				args = []any{id}
				break
			}
			q = `UPDATE documents SET place_code = p.code, province = substr(p.code, 1, 2), place = p.full_name, level = p.level,
				region = p.region, place_candidates = '' FROM (SELECT * FROM places WHERE code = ?) AS p
				WHERE documents.id = ? AND documents.place_code != p.code`
			args = []any{o.Value, id}
		case baogao.OverrideFlagged:
			f := o.Value == "true"
			q, args = `UPDATE documents SET flagged = ? WHERE id = ? AND flagged != ?`, []any{f, id, f}
		case baogao.OverrideCompleteness, baogao.OverrideQuality:
			// The assessment is not indexed: its change log trigger is enough.
			col := o.Field
			_, err := tx.ExecContext(ctx, `INSERT INTO assessments (document_id, `+col+`) VALUES (?, ?)
				ON CONFLICT (document_id) DO UPDATE SET `+col+` = excluded.`+col+` WHERE `+col+` != excluded.`+col, id, o.Value)
			if err != nil {
				return fmt.Errorf("apply correction of %s: %w", o.Field, err)
			}
			continue
		default:
			continue
		}
		res, err := tx.ExecContext(ctx, q, args...)
		if err != nil {
			return fmt.Errorf("apply correction of %s: %w", o.Field, err)
		}
		if n, _ := res.RowsAffected(); n > 0 {
			changed = true
		}
	}
	if !changed {
		return nil
	}
	return reindexDocument(ctx, tx, id)
}

// TrashDocument moves a document into the trash.
func (s *Store) TrashDocument(ctx context.Context, id int64, by string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		d, err := s.readDocument(ctx, tx, id)
		if err != nil {
			return err
		}
		js, err := json.Marshal(d)
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO trash (id, title, kind, year, sha256, simhash, document, deleted_at, deleted_by)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, id, d.Meta.Title, string(d.Meta.Kind), d.Meta.Year, d.SHA256, int64(d.Simhash),
			string(js), fmtTime(s.now()), by)
		if err != nil {
			return fmt.Errorf("trash document %d: %w", id, err)
		}
		if err := unindexDocument(ctx, tx, id); err != nil {
			return err
		}
		// Sources and extracted rows go with the row (ON DELETE CASCADE);
		// comments and overrides stay, keyed by the id.
		if _, err := tx.ExecContext(ctx, `DELETE FROM documents WHERE id = ?`, id); err != nil {
			return fmt.Errorf("trash document %d: %w", id, err)
		}
		return nil
	})
}

// RestoreDocument puts a trashed document back.
func (s *Store) RestoreDocument(ctx context.Context, id int64) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		var js string
		var sh int64
		err := tx.QueryRowContext(ctx, `SELECT document, simhash FROM trash WHERE id = ?`, id).Scan(&js, &sh)
		if err != nil {
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
			err := tx.QueryRowContext(ctx, `SELECT document_id FROM sources WHERE sha256 = ?`, src.SHA256).Scan(&owner)
			if err == nil {
				return baogao.Errorf(baogao.ECONFLICT, "a source of document %d was imported again as document %d", id, owner)
			}
		}
		created := d.CreatedAt // the document keeps its place among the latest
		if created.IsZero() {
			created = s.now().UTC()
		}
		if err := s.addDocument(ctx, tx, d, d.Sources[0], created, true); err != nil {
			return err
		}
		for _, src := range d.Sources[1:] {
			if err := insertSource(ctx, tx, id, src, src.ImportedAt); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM trash WHERE id = ?`, id); err != nil {
			return err
		}
		if err := applyMetaOverrides(ctx, tx, id); err != nil {
			return err
		}
		return reindexDocument(ctx, tx, id)
	})
}

// Trash lists the trashed documents.
func (s *Store) Trash(ctx context.Context) ([]baogao.TrashedDocument, error) {
	rows, err := s.query(ctx, `SELECT t.id, t.title, t.kind, t.year, t.deleted_at, t.deleted_by,
		(SELECT count(*) FROM comments c WHERE c.document_id = t.id) FROM trash t ORDER BY t.deleted_at DESC, t.id DESC`)
	if err != nil {
		return nil, fmt.Errorf("trash: %w", err)
	}
	defer rows.Close()
	out := []baogao.TrashedDocument{}
	for rows.Next() {
		var t baogao.TrashedDocument
		var at string
		if err := rows.Scan(&t.ID, &t.Title, (*string)(&t.Kind), &t.Year, &at, &t.DeletedBy, &t.Comments); err != nil {
			return nil, err
		}
		t.DeletedAt = parseTime(at)
		out = append(out, t)
	}
	return out, rows.Err()
}

// PurgeDocument deletes a trashed document and its comments for good.
func (s *Store) PurgeDocument(ctx context.Context, id int64) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM trash WHERE id = ?`, id)
		if err != nil {
			return fmt.Errorf("purge document %d: %w", id, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return baogao.Errorf(baogao.ENOTFOUND, "document %d is not in the trash", id)
		}
		for _, q := range []string{`DELETE FROM comments WHERE document_id = ?`, `DELETE FROM overrides WHERE document_id = ?`} {
			if _, err := tx.ExecContext(ctx, q, id); err != nil {
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
	res, err := s.db.ExecContext(ctx, `INSERT INTO import_runs (command, started, finished, imported, duplicates, failed, errors)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, r.Command, fmtTime(r.Started), fmtTime(r.Finished), r.Imported, r.Duplicates, r.Failed, string(errs))
	if err != nil {
		return fmt.Errorf("record import run: %w", err)
	}
	r.ID, err = res.LastInsertId()
	return err
}

// ImportRuns returns the latest import runs.
func (s *Store) ImportRuns(ctx context.Context, limit int) ([]baogao.ImportRun, error) {
	rows, err := s.query(ctx, `SELECT id, command, started, finished, imported, duplicates, failed, errors FROM import_runs
		ORDER BY id DESC LIMIT ?`, max(limit, 1))
	if err != nil {
		return nil, fmt.Errorf("import runs: %w", err)
	}
	defer rows.Close()
	out := []baogao.ImportRun{}
	for rows.Next() {
		var r baogao.ImportRun
		var started, finished, errs string
		if err := rows.Scan(&r.ID, &r.Command, &started, &finished, &r.Imported, &r.Duplicates, &r.Failed, &errs); err != nil {
			return nil, err
		}
		r.Started, r.Finished = parseTime(started), parseTime(finished)
		if err := json.Unmarshal([]byte(errs), &r.Errors); err != nil {
			return nil, fmt.Errorf("import run %d: %w", r.ID, err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// Expire deletes what has expired and what retention no longer allows.
func (s *Store) Expire(ctx context.Context, now time.Time, retention time.Duration) (int, error) {
	n := 0
	cut := fmtTime(now)
	err := s.tx(ctx, func(tx *sql.Tx) error {
		qs := []struct {
			q   string
			arg any
		}{
			{`DELETE FROM captchas WHERE expires_at <= ?`, cut},
			{`DELETE FROM sessions WHERE expires_at <= ?`, cut},
			{`DELETE FROM rate_counters WHERE expires_at <= ?`, now.Unix()},
			{`DELETE FROM blocked_clients WHERE until <= ?`, cut},
		}
		if retention > 0 {
			old := fmtTime(now.Add(-retention))
			qs = append(qs, struct {
				q   string
				arg any
			}{`UPDATE comments SET client_hash = '' WHERE client_hash != '' AND created_at < ?`, old}, struct {
				q   string
				arg any
			}{`DELETE FROM comments WHERE status IN ('rejected', 'spam') AND created_at < ?`, old})
		}
		for _, q := range qs {
			res, err := tx.ExecContext(ctx, q.q, q.arg)
			if err != nil {
				return fmt.Errorf("expire: %w", err)
			}
			k, _ := res.RowsAffected()
			n += int(k)
		}
		return nil
	})
	return n, err
}
