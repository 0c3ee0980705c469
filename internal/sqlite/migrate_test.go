package sqlite

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/baogao/baogao"
	"github.com/baogao/baogao/internal/migration"
)

var update = flag.Bool("update", false, "add new migrations to testdata/migrations.sha256 and rewrite schema.txt")

// TestMigrations: no shipped migration changes (each is compared with
// testdata/migrations.sha256), and schema.txt, the shape Open checks every
// database against, is a new database's. A migration added on a branch
// is listed with -update when it lands.
func TestMigrations(t *testing.T) {
	list, err := Migrations()
	if err != nil {
		t.Fatal(err)
	}
	const sums = "testdata/migrations.sha256"
	shipped, err := os.ReadFile(sums)
	if err != nil {
		t.Fatal(err)
	}
	problems := migration.ShippedProblems(list, shipped)
	if *update {
		var added []migration.Migration
		for _, m := range list {
			if !strings.Contains(string(shipped), "  "+m.Name+"\n") {
				added = append(added, m)
			}
		}
		if err := os.WriteFile(sums, append(shipped, migration.Sums(added)...), 0o644); err != nil {
			t.Fatal(err)
		}
		shipped, _ = os.ReadFile(sums)
		problems = migration.ShippedProblems(list, shipped)
	}
	for _, p := range problems {
		t.Error(p)
	}

	st, err := Open(context.Background(), filepath.Join(t.TempDir(), "m.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	got, err := st.Shape(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile("schema.txt", []byte("# The shape of a database made by this build's migrations (go test -run TestMigrations -args -update).\n"+got.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want := migration.ParseShape(schemaText)
	if *update {
		text, _ := os.ReadFile("schema.txt")
		want = migration.ParseShape(text)
	}
	if missing, extra := migration.Missing(want, got), migration.Missing(got, want); len(missing)+len(extra) > 0 {
		t.Errorf("schema.txt is not a new database's shape (run go test ./internal/sqlite -run TestMigrations -args -update): %d lines only in schema.txt %v, %d only in the database %v",
			len(missing), missing, len(extra), extra)
	}
}

// TestOpenRefusesOtherSchemas: a database made by a newer build, by a
// build whose migrations were edited (a column missing, recorded or not
// with a checksum) or renumbered is refused on open with one line that
// says so, before anything is written.
func TestOpenRefusesOtherSchemas(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		name, sql, want string
	}{
		{"newer", `INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, '9999_future.sql', '')`,
			"was made by a newer baogao (it has migration 9999_future.sql, which this build does not know): upgrade baogao"},
		{"edited, no checksum (an older build)", `UPDATE schema_migrations SET checksum = NULL; ALTER TABLE sources DROP COLUMN final_url`,
			"does not have the schema this build expects (missing column sources.final_url)"},
		{"edited, checksum", `UPDATE schema_migrations SET checksum = 'abc' WHERE version = 3`,
			"migration 0003_archive_version.sql was applied with other contents"},
		{"renumbered", `UPDATE schema_migrations SET name = '0011_originals.sql', checksum = NULL WHERE version = 11`,
			"has migration 11 as 0011_originals.sql, this build has 0011_assessments.sql"},
		{"trigger dropped", `DROP TRIGGER documents_insert_version`,
			"missing trigger documents.documents_insert_version"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "old.db")
			st, err := Open(ctx, path)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := st.DB().Exec(c.sql); err != nil {
				t.Fatal(err)
			}
			st.Close()
			before, _ := os.ReadFile(path)
			_, err = Open(ctx, path)
			if baogao.ErrorCode(err) != baogao.EUNAVAILABLE || !strings.Contains(err.Error(), c.want) || strings.Contains(err.Error(), "\n") {
				t.Fatalf("open: %v\nwant EUNAVAILABLE with %q", err, c.want)
			}
			if after, _ := os.ReadFile(path); string(after) != string(before) {
				t.Error("the refused database was written")
			}
		})
	}
}

// TestOldDatabaseMigrates: a database whose schema_migrations has no
// checksums (made before they were kept) opens, gets the column, and
// records the checksums of the migrations applied from then on.
func TestOldDatabaseMigrates(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	st, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	list, _ := Migrations()
	last := list[len(list)-1]
	// Undo the last migration (its table) and forget the checksums.
	if _, err := st.DB().Exec(`DROP TABLE health; DELETE FROM schema_migrations WHERE version = ?;
		ALTER TABLE schema_migrations DROP COLUMN checksum`, last.Version); err != nil {
		t.Fatal(err)
	}
	st.Close()
	if last.Name != "0016_health.sql" {
		t.Skip("the last migration is no longer 0016_health.sql; adjust the test")
	}
	st, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var sum string
	var nulls int
	st.DB().QueryRow(`SELECT checksum FROM schema_migrations WHERE version = ?`, last.Version).Scan(&sum)
	st.DB().QueryRow(`SELECT count(*) FROM schema_migrations WHERE checksum IS NULL`).Scan(&nulls)
	if sum != last.Checksum || nulls != len(list)-1 {
		t.Errorf("checksum %q (want %q), %d without (want %d)", sum, last.Checksum, nulls, len(list)-1)
	}
	if err := st.CheckWritable(ctx); err != nil {
		t.Error(err)
	}
}
