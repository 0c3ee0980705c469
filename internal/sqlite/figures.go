package sqlite

import (
	"context"
	"fmt"
	"strings"

	"github.com/baogao/baogao"
)

// figureDocColumns are the DocRef columns of a figure's document d.
const figureDocColumns = `d.id, d.kind, d.title, d.place_code, d.place, d.level, d.region, d.year, d.date,
	coalesce((SELECT completeness FROM assessments WHERE document_id = d.id), '')`

// figureFrom joins the figure table x to its documents d. With a place,
// the documents of the places come first (documents_place), then their
// figures (migration 0019): SQLite would otherwise read every figure of
// the indicator in the archive and look up each one's document, ten times
// the work for a province on 100,000 documents.
func figureFrom(table string, f baogao.FigureFilter) string {
	if f.PlaceCode != "" {
		return " FROM documents d CROSS JOIN " + table + " x ON x.document_id = d.id"
	}
	return " FROM " + table + " x JOIN documents d ON d.id = x.document_id"
}

// figureWhere builds the conditions of f on a figure table aliased x
// joined to its document d.
func figureWhere(f baogao.FigureFilter) (string, []any) {
	conds := []string{"1"}
	var args []any
	cond := func(c string, vals ...any) {
		conds = append(conds, c)
		args = append(args, vals...)
	}
	if f.Indicator != "" {
		cond("x.indicator = ?", f.Indicator)
	}
	switch prefix := baogao.CodePrefix(f.PlaceCode); {
	case f.PlaceCode == "":
	case f.Level != "" && f.Level == levelOfPrefix(prefix):
		cond("d.place_code = ?", f.PlaceCode) // only the place itself is at its own level under its code
	default:
		cond("d.place_code >= ? AND d.place_code < ?", prefix, prefix+"\xff")
	}
	if f.Level != "" {
		cond("d.level = ?", string(f.Level))
	}
	if f.Kind != "" {
		cond("d.kind = ?", string(f.Kind))
	}
	switch {
	case f.YearFrom != 0 && f.YearFrom == f.YearTo:
		cond("x.year = ?", f.YearFrom)
	case f.YearFrom != 0 || f.YearTo != 0:
		// Targets store an unknown year as 0, outcomes as NULL: both fall
		// outside any range asked for.
		cond("x.year >= ?", max(f.YearFrom, 1))
		if f.YearTo != 0 {
			cond("x.year <= ?", f.YearTo)
		}
	}
	if f.After > 0 {
		doc, seq := baogao.SplitFigureID(f.After)
		cond("(x.document_id, x.seq) > (?, ?)", doc, seq)
	}
	q := " WHERE " + strings.Join(conds, " AND ") + " ORDER BY x.document_id, x.seq"
	if f.Limit > 0 {
		q += fmt.Sprintf(" LIMIT %d", f.Limit)
	}
	return q, args
}

func scanDocRef(d *baogao.DocRef) []any {
	return []any{&d.ID, (*string)(&d.Kind), &d.Title, &d.PlaceCode, &d.Place, (*string)(&d.Level), (*string)(&d.Region),
		&d.Year, &d.Date, (*string)(&d.Completeness)}
}

// EachTarget calls fn with every target matching f, in ID order.
func (s *Store) EachTarget(ctx context.Context, f baogao.FigureFilter, fn func(baogao.TargetRecord) error) error {
	where, args := figureWhere(f)
	rows, err := s.db.QueryContext(ctx, `SELECT x.seq, x.indicator, x.label, x.value, x.value_high, x.stretch, x.unit,
		x.qualifier, x.words, x.year, x.text, x.span_start, x.span_end, x.corrected, `+figureDocColumns+`
		`+figureFrom("targets", f)+where, args...)
	if err != nil {
		return fmt.Errorf("targets: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var r baogao.TargetRecord
		var seq, year int
		var words string
		t := &r.Target
		err := rows.Scan(append([]any{&seq, &t.Indicator, &t.Label, &t.Value, &t.ValueHigh, &t.Stretch, &t.Unit, &t.Qualifier,
			&words, &year, &t.Text, &t.Span[0], &t.Span[1], &t.Corrected}, scanDocRef(&r.Doc)...)...)
		if err != nil {
			return fmt.Errorf("targets: %w", err)
		}
		t.Words = splitWords(words)
		if year != 0 {
			t.Year = &year
		}
		r.ID = baogao.FigureID(r.Doc.ID, seq)
		if err := fn(r); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("targets: %w", err)
	}
	return nil
}

// EachOutcome calls fn with every outcome matching f, in ID order.
func (s *Store) EachOutcome(ctx context.Context, f baogao.FigureFilter, fn func(baogao.OutcomeRecord) error) error {
	where, args := figureWhere(f)
	rows, err := s.db.QueryContext(ctx, `SELECT x.seq, x.indicator, x.label, x.value, x.unit, x.year, x.vintage, x.basis,
		x.bound, x.text, x.span_start, x.span_end, x.corrected, `+figureDocColumns+`
		`+figureFrom("outcomes", f)+where, args...)
	if err != nil {
		return fmt.Errorf("outcomes: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var r baogao.OutcomeRecord
		var seq int
		o := &r.Outcome
		err := rows.Scan(append([]any{&seq, &o.Indicator, &o.Label, &o.Value, &o.Unit, &o.Year, &o.Vintage, &o.Basis,
			&o.Bound, &o.Text, &o.Span[0], &o.Span[1], &o.Corrected}, scanDocRef(&r.Doc)...)...)
		if err != nil {
			return fmt.Errorf("outcomes: %w", err)
		}
		r.ID = baogao.FigureID(r.Doc.ID, seq)
		if err := fn(r); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("outcomes: %w", err)
	}
	return nil
}
