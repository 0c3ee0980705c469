package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/baogao/baogao/internal/archive"
)

// The SQLite store's side of baogao copy (package archive): rows read and
// written as they are, times in the layout each column is written in.

// timeLayouts are the layouts of the time columns not written as stamp.
var timeLayouts = map[string]string{
	"documents.created_at": time.RFC3339Nano,
	"documents.updated_at": time.RFC3339Nano,
	"sources.fetched_at":   time.RFC3339,
	"sources.imported_at":  time.RFC3339Nano,
}

// Derived are the tables that are not copied: made from the copied ones
// (counts, the search index), from the gazetteer (places), or holding what
// lives minutes (captchas, sessions, rate counters, the health check).
var Derived = []string{"places", "archive_version", "archive_counts", "facet_counts", "schema_migrations", "captchas",
	"sessions", "rate_counters", "search_*", "changes", "health"}

// ReadRows returns rows of a table in key order after a key.
func (s *Store) ReadRows(ctx context.Context, t *archive.Table, after archive.Row, limit int) ([]archive.Row, error) {
	names := t.Names()
	key := strings.Join(names[:t.Key], ", ")
	q := `SELECT ` + strings.Join(names, ", ") + ` FROM ` + t.Name
	var args []any
	if after != nil {
		q += ` WHERE (` + key + `) > (?` + strings.Repeat(", ?", t.Key-1) + `)`
		args = append(args, after[:t.Key]...)
	}
	rows, err := s.db.QueryContext(ctx, q+` ORDER BY `+key+` LIMIT ?`, append(args, limit)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []archive.Row{}
	for rows.Next() {
		vals := make([]any, len(names))
		ptrs := make([]any, len(names))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		for i, c := range t.Columns {
			v := vals[i]
			if c.Type == archive.Time {
				if str, ok := v.(string); ok {
					if str == "" {
						v = nil
					} else if v, err = time.Parse(time.RFC3339Nano, str); err != nil {
						return nil, fmt.Errorf("%s.%s: %w", t.Name, c.Name, err)
					}
				}
			}
			if vals[i], err = archive.Canon(c.Type, v); err != nil {
				return nil, fmt.Errorf("%s.%s: %w", t.Name, c.Name, err)
			}
		}
		out = append(out, vals)
	}
	return out, rows.Err()
}

// WriteRows stores rows as they are, in one transaction.
func (s *Store) WriteRows(ctx context.Context, t *archive.Table, rows []archive.Row) error {
	names := t.Names()
	return s.tx(ctx, func(tx *sql.Tx) error {
		st, err := tx.PrepareContext(ctx, `INSERT INTO `+t.Name+` (`+strings.Join(names, ", ")+`) VALUES (?`+
			strings.Repeat(", ?", len(names)-1)+`)`)
		if err != nil {
			return err
		}
		defer st.Close()
		args := make([]any, len(names))
		for _, r := range rows {
			for i, c := range t.Columns {
				args[i] = r[i]
				switch v := r[i].(type) {
				case time.Time:
					layout := timeLayouts[t.Name+"."+c.Name]
					if layout == "" {
						layout = stamp
					}
					args[i] = v.UTC().Format(layout)
				case nil:
					if c.Type == archive.Time {
						args[i] = ""
					}
				}
			}
			if _, err := st.ExecContext(ctx, args...); err != nil {
				return err
			}
		}
		return nil
	})
}

// FinishCopy rebuilds the search index; the counts were kept by triggers.
func (s *Store) FinishCopy(ctx context.Context) error {
	_, err := s.Reindex(ctx)
	return err
}
