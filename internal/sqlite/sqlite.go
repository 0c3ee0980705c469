// Package sqlite is the embedded Store: one SQLite file in WAL mode, with
// versioned migrations compiled into the binary.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/baogao/baogao"
	"github.com/baogao/baogao/internal/migration"
	"modernc.org/sqlite" // registers the "sqlite" driver
	sqlite3 "modernc.org/sqlite/lib"
)

//go:embed migrations/*.sql
var migrations embed.FS

// maxConns bounds the connection pool. No method waits for a second
// connection while it holds one, so any number of callers share it without
// deadlock.
const maxConns = 8

// busyTimeout is how long, in milliseconds, a writer waits for another to
// release the write lock before it gives up (the wait ends sooner when its
// context does: an interrupted command stops at once). Writers hold the
// lock for a batch at most — an import's 64 documents, a thousand
// documents of reindex — so a wait this long means a process is stuck.
const busyTimeout = 10 * 60 * 1000

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
// (BEGIN IMMEDIATE), so concurrent writers wait instead of failing. The
// path may end in SQLite URI parameters, which are passed on: "a.db?mode=ro"
// opens it read-only, "a.db?_pragma=max_page_count(1000)" bounds its size.
func Open(ctx context.Context, path string) (*Store, error) {
	q := url.Values{}
	var given url.Values
	if file, params, ok := strings.Cut(path, "?"); ok {
		var err error
		if given, err = url.ParseQuery(params); err != nil {
			return nil, baogao.Errorf(baogao.EINVALID, "database %s: bad parameters: %v", file, err)
		}
		path = file
	}
	// A pragma given in the path replaces the default of the same name:
	// the driver runs pragmas in alphabetical order, so that of two
	// cache_size pragmas the one that sorts last would win.
	for _, p := range []string{"busy_timeout(" + strconv.Itoa(busyTimeout) + ")", "journal_mode(WAL)", "synchronous(NORMAL)", "foreign_keys(1)", "cache_size(-65536)"} {
		if !slices.ContainsFunc(given["_pragma"], func(g string) bool { return pragmaName(g) == pragmaName(p) }) {
			q.Add("_pragma", p)
		}
	}
	q.Set("_txlock", "immediate")
	for k, vs := range given {
		for _, v := range vs {
			q.Add(k, v)
		}
	}
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

// WithCache returns the database path with SQLite's page cache set to kib
// KiB per connection, unless the path sets one already. The default,
// 64 MB, serves reads; a batch writer (an import) that writes a large
// document in one transaction needs little of it, and modernc's allocator
// spends about twice the cache's size on it.
func WithCache(path string, kib int) string {
	_, params, _ := strings.Cut(path, "?")
	if given, err := url.ParseQuery(params); err == nil {
		for _, p := range given["_pragma"] {
			if pragmaName(p) == "cache_size" {
				return path
			}
		}
	}
	sep := "?"
	if strings.Contains(path, "?") {
		sep = "&"
	}
	return path + sep + "_pragma=cache_size(-" + strconv.Itoa(kib) + ")"
}

// pragmaName returns the name of a _pragma parameter: "cache_size" of
// "cache_size(-2048)" or "cache_size = -2048".
func pragmaName(p string) string {
	name, _, _ := strings.Cut(p, "(")
	name, _, _ = strings.Cut(name, "=")
	return strings.ToLower(strings.TrimSpace(name))
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

// Migrations returns the embedded migrations in order.
func Migrations() ([]migration.Migration, error) { return migration.Read(migrations, "migrations") }

// appliedMigration is a row of schema_migrations.
type appliedMigration struct {
	name, checksum string // checksum "" when an older build applied it
}

// applied reads schema_migrations (nil when the table does not exist yet).
func applied(ctx context.Context, q interface {
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
}) (map[int]appliedMigration, error) {
	cols := map[string]bool{}
	rows, err := q.QueryContext(ctx, `SELECT name FROM pragma_table_info('schema_migrations')`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			rows.Close()
			return nil, err
		}
		cols[c] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(cols) == 0 {
		return nil, nil
	}
	sum := `''`
	if cols["checksum"] {
		sum = `coalesce(checksum, '')`
	}
	rows, err = q.QueryContext(ctx, `SELECT version, name, `+sum+` FROM schema_migrations`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int]appliedMigration{}
	for rows.Next() {
		var v int
		var a appliedMigration
		if err := rows.Scan(&v, &a.name, &a.checksum); err != nil {
			return nil, err
		}
		out[v] = a
	}
	return out, rows.Err()
}

// checkApplied refuses a database that a newer build migrated (a
// migration this build does not know) or a build whose migrations differ
// (a recorded migration of another name or text).
func (s *Store) checkApplied(list []migration.Migration, done map[int]appliedMigration) error {
	known := map[int]bool{}
	for _, m := range list {
		known[m.Version] = true
		a, ok := done[m.Version]
		switch {
		case !ok:
		case a.name != m.Name:
			return baogao.Errorf(baogao.EUNAVAILABLE, "database %s has migration %d as %s, this build has %s: it was made by a build of baogao whose migrations differ",
				s.path, m.Version, a.name, m.Name)
		case a.checksum != "" && a.checksum != m.Checksum:
			return baogao.Errorf(baogao.EUNAVAILABLE, "database %s: migration %s was applied with other contents (checksum %s, this build has %s)",
				s.path, m.Name, a.checksum, m.Checksum)
		}
	}
	var newer []int
	for v := range done {
		if !known[v] {
			newer = append(newer, v)
		}
	}
	if len(newer) > 0 {
		sort.Ints(newer)
		return baogao.Errorf(baogao.EUNAVAILABLE, "database %s was made by a newer baogao (it has migration %s, which this build does not know): upgrade baogao",
			s.path, done[newer[0]].name)
	}
	return nil
}

// migrate applies the embedded migrations not yet recorded, in the order
// of their numbers, in one transaction (so that processes opening a new
// database together apply each once), recording each with its checksum.
// It refuses a database made by a newer build or by one whose migrations
// differ, and then one whose schema lacks what this build's migrations
// make (schema.txt): a shipped migration edited, or renumbered.
func (s *Store) migrate(ctx context.Context) error {
	list, err := Migrations()
	if err != nil {
		return err
	}
	done, err := applied(ctx, s.db)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	if err := s.checkApplied(list, done); err != nil {
		return err
	}
	if len(done) < len(list) {
		err = s.tx(ctx, func(tx *sql.Tx) error {
			if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
				version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL, checksum TEXT)`); err != nil {
				return err
			}
			var has int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM pragma_table_info('schema_migrations') WHERE name = 'checksum'`).Scan(&has); err != nil {
				return err
			}
			if has == 0 {
				if _, err := tx.ExecContext(ctx, `ALTER TABLE schema_migrations ADD COLUMN checksum TEXT`); err != nil {
					return err
				}
			}
			if done, err = applied(ctx, tx); err != nil { // another process may have migrated meanwhile
				return err
			}
			if err := s.checkApplied(list, done); err != nil {
				return err
			}
			for _, m := range list {
				if _, ok := done[m.Version]; ok {
					continue
				}
				if _, err := tx.ExecContext(ctx, m.SQL); err != nil {
					return fmt.Errorf("migration %s: %w", m.Name, err)
				}
				if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name, applied_at, checksum) VALUES (?, ?, ?, ?)`,
					m.Version, m.Name, s.now().UTC().Format(time.RFC3339), m.Checksum); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			if baogao.ErrorCode(err) == baogao.EUNAVAILABLE {
				return err
			}
			return s.storageError(fmt.Errorf("migrate %s: %w", s.path, err))
		}
	}
	return s.checkShape(ctx)
}

//go:embed schema.txt
var schemaText []byte

// checkShape refuses a database that lacks a table, column, index or
// trigger that this build's migrations make (schema.txt, which
// TestMigrations keeps equal to a new database's shape).
func (s *Store) checkShape(ctx context.Context) error {
	have, err := s.Shape(ctx)
	if err != nil {
		return fmt.Errorf("read the schema of %s: %w", s.path, err)
	}
	if missing := migration.Missing(migration.ParseShape(schemaText), have); len(missing) > 0 {
		return baogao.Errorf(baogao.EUNAVAILABLE, "database %s does not have the schema this build expects (missing %s): it was made by a build of baogao whose migrations differ",
			s.path, migration.Describe(missing))
	}
	return nil
}

// Shape returns the database's schema: its tables and their columns, its
// indexes, triggers and views.
func (s *Store) Shape(ctx context.Context) (migration.Shape, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT m.type, m.name, m.tbl_name, coalesce(c.name, '')
		FROM sqlite_schema m LEFT JOIN pragma_table_info(m.name) c ON m.type = 'table'
		WHERE m.name NOT LIKE 'sqlite\_%' ESCAPE '\'`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	seen := map[string]bool{}
	var out migration.Shape
	add := func(l string) {
		if !seen[l] {
			seen[l] = true
			out = append(out, l)
		}
	}
	for rows.Next() {
		var typ, name, table, col string
		if err := rows.Scan(&typ, &name, &table, &col); err != nil {
			return nil, err
		}
		switch typ {
		case "table":
			add("table " + name)
			if col != "" {
				add("column " + name + "." + col)
			}
		case "trigger":
			add("trigger " + table + "." + name)
		default:
			add(typ + " " + name)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	sort.Strings(out)
	return out, nil
}

// tx runs fn in a transaction, committing when it returns nil. Failures
// of the database itself come back as storageError makes them.
func (s *Store) tx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return s.storageError(err)
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return s.storageError(err)
	}
	return s.storageError(tx.Commit())
}

// storageError turns a failure of the database itself — the disk or the
// size limit full, an I/O error, a read-only or damaged file, the write
// lock held by another process past busyTimeout — into EUNAVAILABLE with
// a message that says which, so that a command stops rather than trying
// every remaining file; other errors are returned as they are.
func (s *Store) storageError(err error) error {
	var se *sqlite.Error
	if err == nil || baogao.ErrorCode(err) != baogao.EINTERNAL || !errors.As(err, &se) {
		return err
	}
	var why string
	switch se.Code() & 0xff {
	case sqlite3.SQLITE_FULL:
		why = "the disk is full (or the database reached its size limit)"
	case sqlite3.SQLITE_IOERR:
		why = "an I/O error"
	case sqlite3.SQLITE_READONLY, sqlite3.SQLITE_PERM:
		why = "the database is read-only"
	case sqlite3.SQLITE_CANTOPEN:
		why = "the database file cannot be opened"
	case sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB:
		why = "the database file is damaged"
	case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
		why = fmt.Sprintf("another process has held the write lock for over %d minutes", busyTimeout/60000)
	default:
		return err
	}
	return &baogao.Error{Code: baogao.EUNAVAILABLE, Message: "database " + s.path + ": " + why, Err: se}
}

// CheckWritable writes the time to the health row, without waiting for
// the write lock: held by another writer, the database is being written.
func (s *Store) CheckWritable(ctx context.Context) error {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return unwritable(s.storageError(err))
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `PRAGMA busy_timeout = 0`); err != nil {
		return unwritable(s.storageError(err))
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), `PRAGMA busy_timeout = `+strconv.Itoa(busyTimeout))
	tx, err := conn.BeginTx(ctx, nil)
	if err == nil {
		_, err = tx.ExecContext(ctx, `UPDATE health SET checked_at = ? WHERE id = 1`, fmtTime(s.now()))
		if err == nil {
			err = tx.Commit()
		} else {
			tx.Rollback()
		}
	}
	var se *sqlite.Error
	if errors.As(err, &se) && se.Code()&0xff == sqlite3.SQLITE_BUSY {
		return nil
	}
	return unwritable(s.storageError(err))
}

// unwritable makes any failure of a write check EUNAVAILABLE.
func unwritable(err error) error {
	if err == nil || baogao.ErrorCode(err) == baogao.EUNAVAILABLE {
		return err
	}
	return &baogao.Error{Code: baogao.EUNAVAILABLE, Message: "the archive cannot be written", Err: err}
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
