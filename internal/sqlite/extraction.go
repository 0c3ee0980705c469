package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/baogao/baogao"
)

// SetExtraction replaces a document's extracted data in one transaction,
// the operators' corrections applied again.
func (s *Store) SetExtraction(ctx context.Context, id int64, ex baogao.Extraction) error {
	return s.tx(ctx, func(tx *sql.Tx) error { return s.writeExtraction(ctx, tx, id, ex) })
}

// DocumentIDs returns the next ids after after, in order.
func (s *Store) DocumentIDs(ctx context.Context, after int64, limit int) ([]int64, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id FROM documents WHERE id > ? ORDER BY id LIMIT ?`, after, limit)
	if err != nil {
		return nil, fmt.Errorf("document ids: %w", err)
	}
	defer rows.Close()
	ids := []int64{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

func splitWords(s string) []string {
	if s == "" {
		return []string{}
	}
	return strings.Split(s, "|")
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
	now := s.now().UTC()
	return s.tx(ctx, func(tx *sql.Tx) error {
		var other int64
		err := tx.QueryRowContext(ctx, `SELECT id FROM documents WHERE sha256 = ? AND id <> ?`, doc.SHA256, doc.ID).Scan(&other)
		if err == nil {
			return &baogao.Error{Code: baogao.ECONFLICT, Message: fmt.Sprintf("the text is now that of document %d", other)}
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE documents SET kind = ?, place_code = ?, province = ?, place = ?, level = ?,
			region = ?, year = ?, date = ?, title = ?, script = ?, issuer = ?, session = ?, speaker = ?, place_candidates = ?,
			encoding = ?, flagged = ?, body = ?, outline = ?, sha256 = ?, simhash = ?, band0 = ?, band1 = ?, band2 = ?, band3 = ?,
			updated_at = ? WHERE id = ?`,
			string(m.Kind), m.PlaceCode, province(m.PlaceCode), m.Place, string(m.Level), string(region), m.Year, m.Date, m.Title,
			m.Script, m.Issuer, m.Session, m.Speaker, strings.Join(m.PlaceCandidates, ","), m.Encoding, m.Flagged,
			doc.Body, string(outline), doc.SHA256, int64(doc.Simhash),
			band(doc.Simhash, 0), band(doc.Simhash, 1), band(doc.Simhash, 2), band(doc.Simhash, 3),
			now.Format(time.RFC3339Nano), doc.ID)
		if err != nil {
			return fmt.Errorf("update document %d: %w", doc.ID, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return baogao.Errorf(baogao.ENOTFOUND, "document %d not found", doc.ID)
		}
		// Operators' corrections stand: of the extraction, and of the meta.
		if err := s.writeExtraction(ctx, tx, doc.ID, doc.Extraction); err != nil {
			return err
		}
		if err := applyMetaOverrides(ctx, tx, doc.ID); err != nil {
			return err
		}
		if err := reindexDocument(ctx, tx, doc.ID); err != nil {
			return err
		}
		doc.Meta.Region = region
		doc.UpdatedAt = now
		return nil
	})
}
