package postgres

import (
	"context"
	"fmt"
	"strings"

	"github.com/baogao/baogao/internal/archive"
	"github.com/jackc/pgx/v5"
)

// The PostgreSQL store's side of baogao copy (package archive).

// Derived are the tables that are not copied: made from the copied ones
// (counts, the search index), from the gazetteer (places), or holding what
// lives minutes (captchas, sessions, rate counters, the health check).
var Derived = []string{"places", "archive_version", "archive_counts", "facet_counts", "schema_migrations", "captchas",
	"sessions", "rate_counters", "search_*", "changes", "health"}

// keyColumns returns a table's key for ordering and comparing as the copy
// does: text bytewise.
func keyColumns(t *archive.Table) string {
	var out []string
	for _, c := range t.Columns[:t.Key] {
		if c.Type == archive.Text {
			out = append(out, c.Name+` COLLATE "C"`)
		} else {
			out = append(out, c.Name)
		}
	}
	return strings.Join(out, ", ")
}

// ReadRows returns rows of a table in key order after a key.
func (s *Store) ReadRows(ctx context.Context, t *archive.Table, after archive.Row, limit int) ([]archive.Row, error) {
	key := keyColumns(t)
	q := `SELECT ` + strings.Join(t.Names(), ", ") + ` FROM ` + t.Name
	var args []any
	if after != nil {
		ph := make([]string, t.Key)
		for i := range ph {
			ph[i] = fmt.Sprintf("$%d", i+1)
		}
		q += ` WHERE (` + key + `) > (` + strings.Join(ph, ", ") + `)`
		args = append(args, after[:t.Key]...)
	}
	rows, err := s.db.Query(ctx, q+` ORDER BY `+key+fmt.Sprintf(` LIMIT $%d`, len(args)+1), append(args, limit)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []archive.Row{}
	for rows.Next() {
		vals, err := rows.Values()
		if err != nil {
			return nil, err
		}
		for i, c := range t.Columns {
			if vals[i], err = archive.Canon(c.Type, vals[i]); err != nil {
				return nil, fmt.Errorf("%s.%s: %w", t.Name, c.Name, err)
			}
		}
		out = append(out, vals)
	}
	return out, rows.Err()
}

// WriteRows stores rows as they are, in one transaction, with COPY.
func (s *Store) WriteRows(ctx context.Context, t *archive.Table, rows []archive.Row) error {
	return s.tx(ctx, func(tx pgx.Tx) error {
		if err := lockArchive(ctx, tx); err != nil {
			return err
		}
		_, err := tx.CopyFrom(ctx, pgx.Identifier{t.Name}, t.Names(), pgx.CopyFromSlice(len(rows), func(i int) ([]any, error) {
			return rows[i], nil
		}))
		return err
	})
}

// FinishCopy moves the id sequences past the ids copied and rebuilds the
// search index; the counts were kept by triggers.
func (s *Store) FinishCopy(ctx context.Context) error {
	err := s.tx(ctx, func(tx pgx.Tx) error {
		for _, t := range []string{"sources", "comments", "users", "audit_log", "import_runs", "crawl_runs", "crawl_frontier"} {
			if err := syncSequence(ctx, tx, t); err != nil {
				return err
			}
		}
		// A trashed document's id is not given to another document.
		_, err := tx.Exec(ctx, `SELECT setval(pg_get_serial_sequence('documents', 'id'),
			greatest((SELECT max(id) FROM documents), (SELECT max(id) FROM trash), 1))`)
		return err
	})
	if err != nil {
		return err
	}
	_, err = s.Reindex(ctx)
	return err
}
