package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/baogao/baogao"
)

// extraction reads the targets, outcomes, goals and projects of a document.
func (s *Store) extraction(ctx context.Context, id int64) (baogao.Extraction, error) {
	ex := baogao.Extraction{Targets: []baogao.Target{}, Outcomes: []baogao.Outcome{}, Goals: []baogao.Goal{}, Projects: []baogao.Project{}}
	err := s.each(ctx, `SELECT indicator, label, value, value_high, stretch, unit, qualifier, words, year, text, span_start, span_end
		FROM targets WHERE document_id = ? ORDER BY seq`, []any{id}, func(rows *sql.Rows) error {
		var t baogao.Target
		var words string
		if err := rows.Scan(&t.Indicator, &t.Label, &t.Value, &t.ValueHigh, &t.Stretch, &t.Unit, (*string)(&t.Qualifier),
			&words, &t.Year, &t.Text, &t.Span[0], &t.Span[1]); err != nil {
			return err
		}
		t.Words = splitWords(words)
		ex.Targets = append(ex.Targets, t)
		return nil
	})
	if err != nil {
		return ex, err
	}
	err = s.each(ctx, `SELECT indicator, label, value, unit, year, vintage, basis, bound, text, span_start, span_end
		FROM outcomes WHERE document_id = ? ORDER BY seq`, []any{id}, func(rows *sql.Rows) error {
		var o baogao.Outcome
		if err := rows.Scan(&o.Indicator, &o.Label, &o.Value, &o.Unit, &o.Year, (*string)(&o.Vintage), &o.Basis, &o.Bound,
			&o.Text, &o.Span[0], &o.Span[1]); err != nil {
			return err
		}
		ex.Outcomes = append(ex.Outcomes, o)
		return nil
	})
	if err != nil {
		return ex, err
	}
	err = s.each(ctx, `SELECT subject, metric, value, unit, year, text, span_start, span_end FROM goals WHERE document_id = ? ORDER BY seq`,
		[]any{id}, func(rows *sql.Rows) error {
			var g baogao.Goal
			if err := rows.Scan(&g.Subject, &g.Metric, &g.Value, &g.Unit, &g.Year, &g.Text, &g.Span[0], &g.Span[1]); err != nil {
				return err
			}
			ex.Goals = append(ex.Goals, g)
			return nil
		})
	if err != nil {
		return ex, err
	}
	err = s.each(ctx, `SELECT name, action, investment, unit, text, span_start, span_end FROM projects WHERE document_id = ? ORDER BY seq`,
		[]any{id}, func(rows *sql.Rows) error {
			var p baogao.Project
			if err := rows.Scan(&p.Name, &p.Action, &p.Investment, &p.Unit, &p.Text, &p.Span[0], &p.Span[1]); err != nil {
				return err
			}
			ex.Projects = append(ex.Projects, p)
			return nil
		})
	return ex, err
}

// SetExtraction replaces a document's extracted data in one transaction.
func (s *Store) SetExtraction(ctx context.Context, id int64, ex baogao.Extraction) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
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
	})
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

// each runs a query and calls fn for every row.
func (s *Store) each(ctx context.Context, q string, args []any, fn func(*sql.Rows) error) error {
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return fmt.Errorf("query: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

func splitWords(s string) []string {
	if s == "" {
		return []string{}
	}
	return strings.Split(s, "|")
}
