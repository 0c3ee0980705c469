package main

import (
	"context"
	"errors"
	"io/fs"
	"net/url"
	"os"
	"strings"

	"github.com/baogao/baogao"
	"github.com/baogao/baogao/internal/ingest"
	"github.com/baogao/baogao/internal/place"
	"github.com/baogao/baogao/internal/postgres"
	"github.com/baogao/baogao/internal/sqlite"
)

// openStore opens the archive named by --db — a SQLite file, or a
// postgres:// URL — and makes sure it holds the embedded gazetteer.
func openStore(ctx context.Context, dsn string) (baogao.Store, error) {
	return openArchive(ctx, dsn, "")
}

// openExisting is openStore for the commands that read an archive: a
// SQLite file that does not exist is refused (ENOTFOUND) rather than
// created empty, so that a mistyped --db says so.
func openExisting(ctx context.Context, dsn string) (baogao.Store, error) {
	if err := mustExist(dsn); err != nil {
		return nil, err
	}
	return openStore(ctx, dsn)
}

// mustExist fails with ENOTFOUND when dsn names a SQLite file that does
// not exist.
func mustExist(dsn string) error {
	if postgres.IsURL(dsn) {
		return nil
	}
	path := strings.TrimPrefix(dsn, "sqlite://")
	if i := strings.IndexByte(path, '?'); i >= 0 {
		path = path[:i]
	}
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return baogao.Errorf(baogao.ENOTFOUND, "no archive at %s (give --db, or create one with baogao import or baogao demo)", path)
	}
	return nil
}

// openArchive is openStore with a read replica (a postgres:// URL, or "")
// for the reads that tolerate lag.
func openArchive(ctx context.Context, dsn, readDSN string) (baogao.Store, error) {
	var st baogao.Store
	var err error
	switch {
	case postgres.IsURL(dsn):
		st, err = postgres.Open(ctx, dsn, postgres.Options{ReadURL: readDSN})
	case readDSN != "":
		return nil, baogao.Errorf(baogao.EINVALID, "a read replica needs a PostgreSQL archive (--db postgres://…)")
	default:
		st, err = sqlite.Open(ctx, strings.TrimPrefix(dsn, "sqlite://"))
	}
	if err != nil {
		return nil, err
	}
	if err := st.SyncPlaces(ctx, place.Default()); err != nil {
		st.Close()
		return nil, err
	}
	return st, nil
}

// archiveName is an archive's name for logs and messages: a URL without
// its password.
func archiveName(dsn string) string {
	if !postgres.IsURL(dsn) {
		return dsn
	}
	u, err := url.Parse(dsn)
	if err != nil {
		return "postgres://…"
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	q := u.Query()
	if q.Has("password") {
		q.Set("password", "xxxxx")
		u.RawQuery = q.Encode()
	}
	return u.String()
}

// newParser returns the document parser with the embedded gazetteer.
func newParser() *ingest.Parser { return ingest.NewParser(place.Default()) }
