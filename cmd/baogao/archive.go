package main

import (
	"context"
	"strings"

	"github.com/baogao/baogao"
	"github.com/baogao/baogao/internal/ingest"
	"github.com/baogao/baogao/internal/place"
	"github.com/baogao/baogao/internal/sqlite"
)

// openStore opens the archive named by --db and makes sure it holds the
// embedded gazetteer.
func openStore(ctx context.Context, dsn string) (baogao.Store, error) {
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		return nil, baogao.Errorf(baogao.ENOTIMPLEMENTED, "PostgreSQL is not supported by this build yet; use a SQLite file")
	}
	st, err := sqlite.Open(ctx, strings.TrimPrefix(dsn, "sqlite://"))
	if err != nil {
		return nil, err
	}
	if err := st.SyncPlaces(ctx, place.Default()); err != nil {
		st.Close()
		return nil, err
	}
	return st, nil
}

// newParser returns the document parser with the embedded gazetteer.
func newParser() *ingest.Parser { return ingest.NewParser(place.Default()) }
