package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

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
