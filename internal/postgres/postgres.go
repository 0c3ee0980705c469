// Package postgres is the Store on a PostgreSQL server: the archive that
// several `baogao serve` processes share, with versioned migrations
// compiled into the binary and a full-text index of its own (see
// search_index.go) that answers exactly as the SQLite store does.
package postgres

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/baogao/baogao"
	"github.com/baogao/baogao/internal/migration"
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
	var exists bool
	if err := conn.QueryRow(ctx, `SELECT to_regclass('schema_migrations') IS NOT NULL`).Scan(&exists); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	if !exists { // a read-only database that is migrated opens without a write
		if _, err := conn.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
			version integer PRIMARY KEY, name text NOT NULL, checksum text NOT NULL, applied_at timestamptz NOT NULL)`); err != nil {
			return fmt.Errorf("migrate: %w", err)
		}
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
	}
	for v := range applied { // a newer build's database is refused before anything is applied
		if !known[v] {
			return baogao.Errorf(baogao.EUNAVAILABLE, "the database was made by a newer baogao (it has migration %d, which this build does not know): upgrade baogao", v)
		}
	}
	for _, m := range list {
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
	return checkShape(ctx, conn)
}

// Migrations returns the embedded migrations in order.
func Migrations() ([]migration.Migration, error) { return migration.Read(migrations, "migrations") }

//go:embed schema.txt
var schemaText []byte

// checkShape refuses a database that lacks a table, column, index or
// trigger that this build's migrations make (schema.txt, which
// TestMigrations keeps equal to a new schema's shape).
func checkShape(ctx context.Context, q querier) error {
	have, err := shape(ctx, q)
	if err != nil {
		return fmt.Errorf("read the schema: %w", err)
	}
	if missing := migration.Missing(migration.ParseShape(schemaText), have); len(missing) > 0 {
		return baogao.Errorf(baogao.EUNAVAILABLE, "the database does not have the schema this build expects (missing %s): it was made by a build of baogao whose migrations differ",
			migration.Describe(missing))
	}
	return nil
}

// Shape returns the schema of the store's tables: tables and their
// columns, indexes and triggers.
func (s *Store) Shape(ctx context.Context) (migration.Shape, error) { return shape(ctx, s.db) }

// querier is a pool or one of its connections.
type querier interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
}

func shape(ctx context.Context, q querier) (migration.Shape, error) {
	rows, err := q.Query(ctx, `
		SELECT 'table ' || table_name FROM information_schema.tables
		 WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
		UNION SELECT 'column ' || table_name || '.' || column_name FROM information_schema.columns
		 WHERE table_schema = current_schema()
		UNION SELECT 'index ' || indexname FROM pg_indexes WHERE schemaname = current_schema()
		UNION SELECT 'trigger ' || event_object_table || '.' || trigger_name FROM information_schema.triggers
		 WHERE trigger_schema = current_schema()`)
	if err != nil {
		return nil, err
	}
	out, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, err
	}
	sort.Strings(out)
	return out, nil
}

// CheckWritable writes the time to the health row, without waiting for a
// lock another process holds on it.
func (s *Store) CheckWritable(ctx context.Context) error {
	err := pgx.BeginFunc(ctx, s.db, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SET LOCAL lock_timeout = '100ms'`); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `UPDATE health SET checked_at = now() WHERE id = 1`)
		return err
	})
	var pe *pgconn.PgError
	if errors.As(err, &pe) && pe.Code == "55P03" { // lock_not_available: another check is writing
		return nil
	}
	if err != nil {
		return &baogao.Error{Code: baogao.EUNAVAILABLE, Message: "the archive cannot be written", Err: err}
	}
	return nil
}

// tx runs fn in a transaction on the primary, committing when it returns
// nil.
func (s *Store) tx(ctx context.Context, fn func(pgx.Tx) error) error {
	defer s.version.changed() // this process sees its own changes at once
	return storageError(pgx.BeginFunc(ctx, s.db, fn))
}

// storageError turns a failure of the server's storage — the disk full,
// an I/O error, a read-only database or server, the server shutting down
// — into EUNAVAILABLE with a message that says which, so that a command
// stops rather than trying every remaining file; other errors are
// returned as they are.
func storageError(err error) error {
	var pe *pgconn.PgError
	if err == nil || baogao.ErrorCode(err) != baogao.EINTERNAL || !errors.As(err, &pe) {
		return err
	}
	var why string
	switch {
	case pe.Code == "53100":
		why = "the server's disk is full"
	case strings.HasPrefix(pe.Code, "53"):
		why = "the server is out of resources"
	case pe.Code == "25006":
		why = "the database is read-only"
	case strings.HasPrefix(pe.Code, "58"):
		why = "an I/O error on the server"
	case pe.Code == "XX001" || pe.Code == "XX002":
		why = "the database is damaged"
	case strings.HasPrefix(pe.Code, "57P"):
		why = "the server is shutting down"
	default:
		return err
	}
	return &baogao.Error{Code: baogao.EUNAVAILABLE, Message: "PostgreSQL: " + why, Err: pe}
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
