package sqlite

import (
	"context"
	"database/sql"
	"fmt"
)

// prepared returns the statement for q, preparing it on first use. The
// driver would otherwise parse and plan every query anew; pages run the
// same few queries thousands of times.
//
// Preparing takes a connection from the pool, so prepared must never be
// called while the caller holds one (inside a transaction or with rows
// open): with every connection held by a caller waiting for one more, the
// pool deadlocks. Inside a transaction use txStmt.
func (s *Store) prepared(ctx context.Context, q string) (*sql.Stmt, error) {
	if st, ok := s.stmts.Load(q); ok {
		return st.(*sql.Stmt), nil
	}
	st, err := s.db.PrepareContext(ctx, q)
	if err != nil {
		return nil, err
	}
	if old, loaded := s.stmts.LoadOrStore(q, st); loaded {
		st.Close()
		return old.(*sql.Stmt), nil
	}
	return st, nil
}

// txQueries are the statements used inside read transactions, prepared
// when the store opens so that txStmt finds them cached.
var txQueries = []string{documentQuery, sourcesQuery, targetsQuery, outcomesQuery, goalsQuery, projectsQuery, overridesQuery}

// prepareTxQueries prepares txQueries; Open calls it while no connection
// is held.
func (s *Store) prepareTxQueries(ctx context.Context) error {
	for _, q := range txQueries {
		if _, err := s.prepared(ctx, q); err != nil {
			return fmt.Errorf("prepare: %w", err)
		}
	}
	return nil
}

// txStmt returns the statement for q on tx's own connection: the cached
// statement when there is one (database/sql prepares it on that connection
// if it has not been yet), else one prepared on the transaction and closed
// with it. Either way it never waits for a second connection.
func (s *Store) txStmt(ctx context.Context, tx *sql.Tx, q string) (*sql.Stmt, error) {
	if st, ok := s.stmts.Load(q); ok {
		return tx.StmtContext(ctx, st.(*sql.Stmt)), nil
	}
	return tx.PrepareContext(ctx, q)
}

// query runs a read query through the statement cache.
func (s *Store) query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	st, err := s.prepared(ctx, q)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(ctx, args...)
}

// queryRow runs a one-row read query through the statement cache; errors
// of preparing show in Scan.
func (s *Store) queryRow(ctx context.Context, q string, args ...any) rowScanner {
	st, err := s.prepared(ctx, q)
	if err != nil {
		return errRow{err}
	}
	return st.QueryRowContext(ctx, args...)
}

type rowScanner interface{ Scan(...any) error }

type errRow struct{ err error }

func (r errRow) Scan(...any) error { return r.err }
