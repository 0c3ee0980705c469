// Package postgres is the Store on a PostgreSQL server: the archive that
// several `baogao serve` processes share, with versioned migrations
// compiled into the binary and a full-text index of its own (see
// search_index.go) that answers exactly as the SQLite store does.
package postgres

import (
	"context"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/baogao/baogao"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Options are the settings of a store beyond its URL.
type Options struct {
	// ReadURL, when set, is a read replica (a hot standby of the same
	// database) for the reads that tolerate lag: listings, facets, counts,
	// document pages, searches and the version that keys their caches.
	ReadURL string
}

// Store is a baogao.Store on a PostgreSQL database.
type Store struct {
	db   *pgxpool.Pool // the primary: every write, and reads that must see them
	read *pgxpool.Pool // reads that tolerate lag: db, or the replica
	now  func() time.Time
	// merge holds the thresholds of segment merges; zero values are the
	// defaults (tests lower them).
	merge mergeTuning
	// segs keeps the segments' tables of documents (see search.go).
	segs segmentCache
	// version is the archive's version, kept current by notifications.
	version versionWatch
}

var _ baogao.Store = (*Store)(nil)

// IsURL reports whether an archive name is a PostgreSQL URL.
func IsURL(name string) bool {
	return strings.HasPrefix(name, "postgres://") || strings.HasPrefix(name, "postgresql://")
}

// Open connects to the database at url (postgres://user@host:port/db?...,
// any setting pgx takes, such as pool_max_conns or search_path) and
// applies the migrations it lacks, under an advisory lock: replicas
// starting together migrate once. It fails with EUNAVAILABLE when the
// server does not answer, and when the database was migrated by a newer
// version of baogao.
func Open(ctx context.Context, url string, opts Options) (*Store, error) {
	db, err := connect(ctx, url)
	if err != nil {
		return nil, err
	}
	s := &Store{db: db, read: db, now: func() time.Time { return time.Now().Truncate(time.Microsecond) }}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	if opts.ReadURL != "" {
		if s.read, err = connect(ctx, opts.ReadURL); err != nil {
			db.Close()
			return nil, err
		}
	}
	return s, nil
}

// connect opens a pool and checks that the server answers.
func connect(ctx context.Context, url string) (*pgxpool.Pool, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, &baogao.Error{Code: baogao.EINVALID, Message: "invalid PostgreSQL URL", Err: err} // pgx masks passwords
	}
	// The store's queries are short: compiling one (JIT) costs more than
	// running it, and the planner's guesses on fresh tables set it off.
	if _, ok := cfg.ConnConfig.RuntimeParams["jit"]; !ok {
		cfg.ConnConfig.RuntimeParams["jit"] = "off"
	}
	db, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, &baogao.Error{Code: baogao.EUNAVAILABLE, Message: "cannot connect to PostgreSQL at " + where(cfg), Err: err}
	}
	if err := db.Ping(ctx); err != nil {
		db.Close()
		return nil, &baogao.Error{Code: baogao.EUNAVAILABLE, Message: "cannot connect to PostgreSQL at " + where(cfg), Err: err}
	}
	return db, nil
}

// where names a server for messages, without its password.
func where(cfg *pgxpool.Config) string {
	c := cfg.ConnConfig
	return fmt.Sprintf("%s@%s:%d/%s", c.User, c.Host, c.Port, c.Database)
}

// Close closes the connections.
func (s *Store) Close() error {
	s.version.close()
	if s.read != s.db {
		s.read.Close()
	}
	s.db.Close()
	return nil
}

// Pool returns the primary's connection pool, for tests and tools.
func (s *Store) Pool() *pgxpool.Pool { return s.db }

// migrate applies the embedded migrations not yet recorded, each in its own
// transaction, in the order of their numbers, holding an advisory lock (one
// per schema) so that processes starting together apply each once. A
// recorded migration whose text has changed, or one this build does not
// know, is refused.
func (s *Store) migrate(ctx context.Context) error {
	conn, err := s.db.Acquire(ctx)
	if err != nil {
		return &baogao.Error{Code: baogao.EUNAVAILABLE, Message: "cannot connect to PostgreSQL", Err: err}
	}
	defer conn.Release()
	const lock = `hashtext(current_schema() || ' baogao migrate')`
	if _, err := conn.Exec(ctx, `SELECT pg_advisory_lock(`+lock+`)`); err != nil {
		return fmt.Errorf("migrate: lock: %w", err)
	}
	defer conn.Exec(context.Background(), `SELECT pg_advisory_unlock(`+lock+`)`)
	if _, err := conn.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version integer PRIMARY KEY, name text NOT NULL, checksum text NOT NULL, applied_at timestamptz NOT NULL)`); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	applied := map[int]string{}
	rows, err := conn.Query(ctx, `SELECT version, checksum FROM schema_migrations`)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	for rows.Next() {
		var v int
		var sum string
		if err := rows.Scan(&v, &sum); err != nil {
			return fmt.Errorf("migrate: %w", err)
		}
		applied[v] = sum
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	list, err := Migrations()
	if err != nil {
		return err
	}
	known := map[int]bool{}
	for _, m := range list {
		known[m.Version] = true
		if sum, ok := applied[m.Version]; ok {
			if sum != m.Checksum {
				return baogao.Errorf(baogao.EUNAVAILABLE, "migration %s was applied with other contents (checksum %s, this build has %s)",
					m.Name, sum, m.Checksum)
			}
			continue
		}
		err := pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
			if _, err := tx.Exec(ctx, m.SQL); err != nil {
				return err
			}
			_, err := tx.Exec(ctx, `INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES ($1, $2, $3, now())`,
				m.Version, m.Name, m.Checksum)
			return err
		})
		if err != nil {
			return fmt.Errorf("migration %s: %w", m.Name, err)
		}
	}
	for v := range applied {
		if !known[v] {
			return baogao.Errorf(baogao.EUNAVAILABLE, "the database has migration %d, which this build of baogao does not know: upgrade baogao", v)
		}
	}
	return nil
}

// Migration is one embedded migration.
type Migration struct {
	Version  int
	Name     string // file name
	Checksum string // SHA-256 of the text, hex
	SQL      string
}

// Migrations returns the embedded migrations in order.
func Migrations() ([]Migration, error) {
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	var out []Migration
	for _, name := range names {
		base := path.Base(name)
		v, err := strconv.Atoi(strings.SplitN(base, "_", 2)[0])
		if err != nil {
			return nil, fmt.Errorf("migration %s: name must start with a number", base)
		}
		text, err := migrations.ReadFile(name)
		if err != nil {
			return nil, err
		}
		sum := sha256.Sum256(text)
		out = append(out, Migration{Version: v, Name: base, Checksum: hex.EncodeToString(sum[:]), SQL: string(text)})
	}
	return out, nil
}

// tx runs fn in a transaction on the primary, committing when it returns
// nil.
func (s *Store) tx(ctx context.Context, fn func(pgx.Tx) error) error {
	defer s.version.changed() // this process sees its own changes at once
	return pgx.BeginFunc(ctx, s.db, fn)
}

// lockArchive locks the archive's version row: every transaction that
// changes documents, sources or their extraction takes it first, so that
// writers of the archive take turns (as SQLite's do) and the counts that
// they all update, by triggers, cannot deadlock.
func lockArchive(ctx context.Context, tx pgx.Tx) error {
	if _, err := tx.Exec(ctx, `SELECT 1 FROM archive_version WHERE id = 1 FOR UPDATE`); err != nil {
		return fmt.Errorf("lock the archive: %w", err)
	}
	return nil
}

// snapshot sends a batch of reads in one round trip, in one read-only
// transaction that sees one snapshot, on the pool for reads that tolerate
// lag.
func (s *Store) snapshot(ctx context.Context, b *pgx.Batch) error {
	conn, err := s.read.Acquire(ctx)
	if err != nil {
		return err
	}
	defer conn.Release()
	all := &pgx.Batch{}
	all.Queue(`BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY`)
	all.QueuedQueries = append(all.QueuedQueries, b.QueuedQueries...)
	all.Queue(`COMMIT`)
	err = conn.SendBatch(ctx, all).Close()
	if err != nil && conn.Conn().PgConn().TxStatus() != 'I' {
		conn.Exec(context.WithoutCancel(ctx), `ROLLBACK`)
	}
	return err
}

// notFound turns pgx.ErrNoRows into an ENOTFOUND error.
func notFound(err error, format string, args ...any) error {
	if errors.Is(err, pgx.ErrNoRows) {
		return baogao.Errorf(baogao.ENOTFOUND, format, args...)
	}
	return err
}

// isUnique reports whether err is a unique violation of the constraint.
func isUnique(err error, constraint string) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && pe.Code == "23505" && pe.ConstraintName == constraint
}
