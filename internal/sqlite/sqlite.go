// Package sqlite is the embedded Store: one SQLite file in WAL mode, with
// versioned migrations compiled into the binary.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/baogao/baogao"
	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

//go:embed migrations/*.sql
var migrations embed.FS

// maxConns bounds the connection pool. No method waits for a second
// connection while it holds one, so any number of callers share it without
// deadlock.
const maxConns = 8

// Store is a baogao.Store on one SQLite database file.
type Store struct {
	db    *sql.DB
	path  string
	now   func() time.Time
	stmts sync.Map // query text → *sql.Stmt
	// search holds the thresholds of searches; zero values are the
	// defaults (tests lower them to reach every path on small archives).
	search searchTuning
}

var _ baogao.Store = (*Store)(nil)

// Open opens (creating if needed) the database at path and applies any
// migrations it lacks. Transactions take the write lock when they begin
// (BEGIN IMMEDIATE), so concurrent writers wait instead of failing.
func Open(ctx context.Context, path string) (*Store, error) {
	q := url.Values{}
	for _, p := range []string{"busy_timeout(10000)", "journal_mode(WAL)", "synchronous(NORMAL)", "foreign_keys(1)", "cache_size(-65536)"} {
		q.Add("_pragma", p)
	}
	q.Set("_txlock", "immediate")
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	db.SetMaxOpenConns(maxConns)
	db.SetMaxIdleConns(maxConns)
	s := &Store{db: db, path: path, now: now}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, &baogao.Error{Code: baogao.EUNAVAILABLE, Message: "cannot open database " + path, Err: err}
	}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	if err := s.indexMissing(ctx); err != nil {
		db.Close()
		return nil, err
	}
	if err := s.prepareTxQueries(ctx); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// now is the store's clock: to the microsecond, the precision PostgreSQL
// keeps, so that an archive copied there and back keeps its times exactly.
func now() time.Time { return time.Now().Truncate(time.Microsecond) }

// Close closes the prepared statements and the database.
func (s *Store) Close() error {
	s.stmts.Range(func(_, st any) bool {
		st.(*sql.Stmt).Close()
		return true
	})
	return s.db.Close()
}

// DB returns the underlying handle, for tests and the backup command.
func (s *Store) DB() *sql.DB { return s.db }

// migrate applies the embedded migrations not yet recorded, each in its own
// transaction, in the order of their numbers.
func (s *Store) migrate(ctx context.Context) error {
	if _, err := s.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return err
	}
	sort.Strings(names)
	for _, name := range names {
		base := path.Base(name)
		version, err := strconv.Atoi(strings.SplitN(base, "_", 2)[0])
		if err != nil {
			return fmt.Errorf("migration %s: name must start with a number", base)
		}
		var n int
		if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations WHERE version = ?`, version).Scan(&n); err != nil {
			return fmt.Errorf("migrate: %w", err)
		}
		if n > 0 {
			continue
		}
		script, err := migrations.ReadFile(name)
		if err != nil {
			return err
		}
		err = s.tx(ctx, func(tx *sql.Tx) error {
			if _, err := tx.ExecContext(ctx, string(script)); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`,
				version, base, s.now().UTC().Format(time.RFC3339))
			return err
		})
		if err != nil {
			return fmt.Errorf("migration %s: %w", base, err)
		}
	}
	return nil
}

// tx runs fn in a transaction, committing when it returns nil.
func (s *Store) tx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// notFound turns sql.ErrNoRows into an ENOTFOUND error.
func notFound(err error, format string, args ...any) error {
	if errors.Is(err, sql.ErrNoRows) {
		return baogao.Errorf(baogao.ENOTFOUND, format, args...)
	}
	return err
}

// Backup writes a consistent copy of the database to file (which must not
// exist) while readers and writers go on — SQLite's VACUUM INTO, which
// reads one snapshot and writes it compacted — and checks the copy's
// integrity.
func (s *Store) Backup(ctx context.Context, file string) error {
	if _, err := s.db.ExecContext(ctx, `VACUUM INTO ?`, file); err != nil {
		return fmt.Errorf("backup to %s: %w", file, err)
	}
	db, err := sql.Open("sqlite", "file:"+file+"?mode=ro")
	if err != nil {
		return err
	}
	defer db.Close()
	var ok string
	if err := db.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&ok); err != nil || ok != "ok" {
		return fmt.Errorf("backup %s fails its integrity check: %s %v", file, ok, err)
	}
	return nil
}
