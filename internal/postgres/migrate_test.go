package postgres

import (
	"context"
	"flag"
	"os"
	"strings"
	"testing"

	"github.com/baogao/baogao"
	"github.com/baogao/baogao/internal/migration"
	"github.com/baogao/baogao/internal/postgres/pgtest"
)

var update = flag.Bool("update", false, "add new migrations to testdata/migrations.sha256 and rewrite schema.txt")

// TestMigrationsShipped: no shipped migration changes (each is compared
// with testdata/migrations.sha256); a migration added on a branch is
// listed with -update when it lands. It needs no server.
func TestMigrationsShipped(t *testing.T) {
	list, err := Migrations()
	if err != nil {
		t.Fatal(err)
	}
	const sums = "testdata/migrations.sha256"
	shipped, err := os.ReadFile(sums)
	if err != nil {
		t.Fatal(err)
	}
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
	}
	for _, p := range migration.ShippedProblems(list, shipped) {
		t.Error(p)
	}
}

// TestSchemaShape: schema.txt, the shape Open checks every database
// against, is a new database's; a database without a column of it is
// refused on open with one line that says which.
func TestSchemaShape(t *testing.T) {
	ctx := context.Background()
	url := pgtest.URL(t)
	st, err := Open(ctx, url, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	got, err := st.Shape(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := migration.ParseShape(schemaText)
	if *update {
		text := "# The shape of a database made by this build's migrations (go test -run TestSchemaShape -args -update).\n" + got.String()
		if err := os.WriteFile("schema.txt", []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		want = migration.ParseShape([]byte(text))
	}
	if missing, extra := migration.Missing(want, got), migration.Missing(got, want); len(missing)+len(extra) > 0 {
		t.Fatalf("schema.txt is not a new database's shape (run go test ./internal/postgres -run TestSchemaShape -args -update): %d lines only in schema.txt %v, %d only in the database %v",
			len(missing), missing, len(extra), extra)
	}
	if _, err := st.Pool().Exec(ctx, `ALTER TABLE sources DROP COLUMN final_url`); err != nil {
		t.Fatal(err)
	}
	_, err = Open(ctx, url, Options{})
	if baogao.ErrorCode(err) != baogao.EUNAVAILABLE || !strings.Contains(err.Error(), "does not have the schema this build expects (missing column sources.final_url)") {
		t.Errorf("a column missing: %v", err)
	}
}

// TestReadOnlyDatabase: on a database whose transactions are read-only,
// the store opens (it is migrated), reads, and refuses writes with
// EUNAVAILABLE and a message that says why; the write check fails.
func TestReadOnlyDatabase(t *testing.T) {
	ctx := context.Background()
	url := pgtest.URL(t)
	st, err := Open(ctx, url, Options{})
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	ro, err := Open(ctx, url+"&default_transaction_read_only=on", Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if _, err := ro.Stats(ctx); err != nil {
		t.Errorf("read: %v", err)
	}
	doc := &baogao.Document{Meta: baogao.Meta{Title: "报告", Kind: baogao.KindWorkReport, Year: 2024}, Body: "正文。", SHA256: strings.Repeat("a", 64)}
	err = ro.AddDocument(ctx, doc, baogao.Source{SHA256: strings.Repeat("b", 64)})
	if baogao.ErrorCode(err) != baogao.EUNAVAILABLE || baogao.ErrorMessage(err) != "PostgreSQL: the database is read-only" {
		t.Errorf("write: %v", err)
	}
	if err := ro.CheckWritable(ctx); baogao.ErrorCode(err) != baogao.EUNAVAILABLE {
		t.Errorf("write check: %v", err)
	}
}
