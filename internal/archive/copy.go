package archive

import (
	"context"
	"fmt"

	"github.com/baogao/baogao"
)

// Store is what a copy needs of a store: its tables' rows, read and
// written as they are (ids kept).
type Store interface {
	// ReadRows returns up to limit rows of the table in key order, those
	// after the key (the first t.Key values of a row; nil: from the
	// start); an empty slice at the end.
	ReadRows(ctx context.Context, t *Table, after Row, limit int) ([]Row, error)
	// WriteRows stores rows as they are, in one transaction.
	WriteRows(ctx context.Context, t *Table, rows []Row) error
	// FinishCopy makes what is derived from the tables after rows were
	// written: id sequences, counts, the search index.
	FinishCopy(ctx context.Context) error
}

// Options tune a copy.
type Options struct {
	// Batch is the rows read and written at a time, each batch in its own
	// transaction; 0 means 500 (of documents with their bodies, about
	// 20 MB).
	Batch int
	// Progress, when not nil, is called after each batch with the table and
	// the rows of it copied so far.
	Progress func(table string, rows int)
}

const defaultBatch = 500

// Result is one table's rows and digest, on both sides of a copy.
type Result struct {
	Table        string
	Rows         int    // rows in the source
	Copied       int    // rows this copy wrote (the others were there from a copy before)
	Digest       string // of the source's rows
	TargetRows   int
	TargetDigest string
}

// Copy copies every table from one store to another and checks that both
// hold the same rows. It resumes a copy that stopped: the rows already in
// the target must be the source's first ones, table by table (checked by
// digest), and the copy goes on after them; a target that holds other
// rows is refused (ECONFLICT). Then it checks every table's count and
// digest on both sides, and fails (EINTERNAL) when one differs.
func Copy(ctx context.Context, from, to Store, opts Options) ([]Result, error) {
	if opts.Batch <= 0 {
		opts.Batch = defaultBatch
	}
	var results []Result
	for _, t := range Tables {
		r, err := copyTable(ctx, from, to, t, opts)
		if err != nil {
			return results, err
		}
		results = append(results, r)
	}
	if err := to.FinishCopy(ctx); err != nil {
		return results, err
	}
	for i := range results {
		d, err := TableDigest(ctx, to, TableNamed(results[i].Table))
		if err != nil {
			return results, err
		}
		results[i].TargetRows, results[i].TargetDigest = d.Rows, d.Sum()
		if r := results[i]; r.Rows != r.TargetRows || r.Digest != r.TargetDigest {
			return results, baogao.Errorf(baogao.EINTERNAL, "copy: table %s differs after the copy: %d rows (digest %.12s) in the source, %d (%.12s) in the target",
				r.Table, r.Rows, r.Digest, r.TargetRows, r.TargetDigest)
		}
	}
	return results, nil
}

// copyTable copies one table, after the rows the target has from a copy
// before.
func copyTable(ctx context.Context, from, to Store, t *Table, opts Options) (Result, error) {
	res := Result{Table: t.Name}
	// What the target has: its rows must be the source's first ones.
	have := NewDigest()
	var last Row
	err := eachRow(ctx, to, t, nil, func(r Row) error {
		have.Add(r)
		last = r
		return nil
	})
	if err != nil {
		return res, err
	}
	src := NewDigest()
	if last != nil {
		err := eachRow(ctx, from, t, nil, func(r Row) error {
			if CompareKeys(r, last, t.Key) > 0 {
				return errStop
			}
			src.Add(r)
			return nil
		})
		if err != nil && err != errStop {
			return res, err
		}
		if src.Rows != have.Rows || src.Sum() != have.Sum() {
			return res, baogao.Errorf(baogao.ECONFLICT, "copy: the target's table %s holds %d rows that are not the source's first %d: copy into an empty archive",
				t.Name, have.Rows, src.Rows)
		}
	}
	after := last
	for {
		rows, err := from.ReadRows(ctx, t, after, opts.Batch)
		if err != nil {
			return res, fmt.Errorf("copy %s: %w", t.Name, err)
		}
		if len(rows) == 0 {
			break
		}
		if err := to.WriteRows(ctx, t, rows); err != nil {
			return res, fmt.Errorf("copy %s: %w", t.Name, err)
		}
		for _, r := range rows {
			src.Add(r)
		}
		res.Copied += len(rows)
		after = rows[len(rows)-1]
		if opts.Progress != nil {
			opts.Progress(t.Name, src.Rows)
		}
	}
	res.Rows, res.Digest = src.Rows, src.Sum()
	return res, nil
}

var errStop = fmt.Errorf("stop")

// eachRow calls fn with the rows of a table after a key, in key order,
// until fn returns an error.
func eachRow(ctx context.Context, s Store, t *Table, after Row, fn func(Row) error) error {
	for {
		rows, err := s.ReadRows(ctx, t, after, defaultBatch)
		if err != nil {
			return fmt.Errorf("read %s: %w", t.Name, err)
		}
		if len(rows) == 0 {
			return nil
		}
		for _, r := range rows {
			if err := fn(r); err != nil {
				return err
			}
		}
		after = rows[len(rows)-1]
	}
}

// TableDigest reads a table and returns its digest and row count.
func TableDigest(ctx context.Context, s Store, t *Table) (*Digest, error) {
	d := NewDigest()
	err := eachRow(ctx, s, t, nil, func(r Row) error { d.Add(r); return nil })
	return d, err
}

// Digests returns the digest of every table, in the order of Tables.
func Digests(ctx context.Context, s Store) ([]Result, error) {
	var out []Result
	for _, t := range Tables {
		d, err := TableDigest(ctx, s, t)
		if err != nil {
			return out, err
		}
		out = append(out, Result{Table: t.Name, Rows: d.Rows, Digest: d.Sum()})
	}
	return out, nil
}
