package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/baogao/baogao"
	"github.com/baogao/baogao/internal/postgres/pgtest"
	"github.com/jackc/pgx/v5"
)

// TestBackupRestore backs up a SQLite archive while documents are being
// added to it, then backs it up again at rest and restores that backup (the
// file put in the archive's place): the restored archive holds the same
// rows, table by table, and answers searches.
func TestBackupRestore(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := filepath.Join(dir, "baogao.db")
	if code, _, errOut := runCLI(t, "", "demo", "--db", db, "--docs", "40"); code != 0 {
		t.Fatalf("demo: %s", errOut)
	}
	fillDesk(t, db)

	// Online: a writer adds documents meanwhile; the backup is whole.
	st, err := openStore(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	stop := make(chan struct{})
	wg.Go(func() {
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			d := &baogao.Document{Meta: baogao.Meta{Title: "写入中", Kind: baogao.KindOther}, Body: fmt.Sprintf("备份时写入的第%d份。", i),
				SHA256: fmt.Sprintf("%064x", 1<<40+i)}
			if err := st.AddDocument(ctx, d, baogao.Source{SHA256: fmt.Sprintf("%064x", 1<<41+i)}); err != nil {
				t.Error(err)
				return
			}
		}
	})
	online := filepath.Join(dir, "online.db")
	code, out, errOut := runCLI(t, "", "backup", "--db", db, online)
	close(stop)
	wg.Wait()
	st.Close()
	if code != 0 || !strings.Contains(out, "checked") {
		t.Fatalf("backup while writing: exit %d %s%s", code, out, errOut)
	}
	if code, _, errOut := runCLI(t, "", "search", "--db", online, "写入中"); code != 0 {
		t.Errorf("searching the online backup: %s", errOut)
	}

	// At rest: the backup is the archive.
	want := digests(t, db)
	backup := filepath.Join(dir, "backup.db")
	if code, _, errOut := runCLI(t, "", "backup", "--db", db, backup); code != 0 {
		t.Fatalf("backup: %s", errOut)
	}
	if code, _, errOut := runCLI(t, "", "backup", "--db", db, backup); code != 2 || !strings.Contains(errOut, "exists") {
		t.Errorf("a backup over an existing file: exit %d %s", code, errOut)
	}
	restored := filepath.Join(dir, "restored.db")
	data, err := os.ReadFile(backup)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(restored, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if got := digests(t, restored); !reflect.DeepEqual(got, want) {
		t.Errorf("restored:\n got %v\nwant %v", got, want)
	}
	_, before, _ := runCLI(t, "", "search", "--db", db, "乡村振兴")
	_, after, _ := runCLI(t, "", "search", "--db", restored, "乡村振兴")
	if before != after || !strings.Contains(after, "乡村振兴") {
		t.Errorf("searches differ:\n%s\n%s", before, after)
	}
}

// TestPostgresBackupRestore follows what `baogao backup` tells of a
// PostgreSQL archive: pg_dump, then pg_restore into an empty database,
// gives the same rows, table by table.
func TestPostgresBackupRestore(t *testing.T) {
	ctx := context.Background()
	src := pgtest.URL(t)
	if code, _, errOut := runCLI(t, "", "demo", "--db", src, "--docs", "20"); code != 0 {
		t.Fatalf("demo: %s", errOut)
	}
	fillDesk(t, src)
	file := filepath.Join(t.TempDir(), "baogao.dump")
	code, _, errOut := runCLI(t, "", "backup", "--db", src, file)
	if code != 2 || !strings.Contains(errOut, "pg_dump") || !strings.Contains(errOut, "pg_restore") {
		t.Fatalf("backup of a PostgreSQL archive: exit %d %s", code, errOut)
	}
	for _, tool := range []string{"pg_dump", "pg_restore"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed", tool)
		}
	}
	u, _ := url.Parse(src)
	schema := u.Query().Get("search_path")
	base := *u
	q := base.Query()
	q.Del("search_path")
	base.RawQuery = q.Encode()
	if out, err := exec.Command("pg_dump", "--format=custom", "--schema="+schema, "--file="+file, base.String()).CombinedOutput(); err != nil {
		t.Fatalf("pg_dump: %v\n%s", err, out)
	}
	// Restore into a new database of its own.
	var b [6]byte
	rand.Read(b[:])
	name := "baogao_restore_" + hex.EncodeToString(b[:])
	admin, err := pgx.Connect(ctx, base.String())
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close(ctx)
	if _, err := admin.Exec(ctx, `CREATE DATABASE `+name); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { admin.Exec(context.Background(), `DROP DATABASE `+name+` WITH (FORCE)`) })
	restored := base
	restored.Path = "/" + name
	if out, err := exec.Command("pg_restore", "--dbname="+restored.String(), file).CombinedOutput(); err != nil {
		t.Fatalf("pg_restore: %v\n%s", err, out)
	}
	q = restored.Query()
	q.Set("search_path", schema)
	restored.RawQuery = q.Encode()
	if got, want := digests(t, restored.String()), digests(t, src); !reflect.DeepEqual(got, want) {
		t.Errorf("restored:\n got %v\nwant %v", got, want)
	}
	_, before, _ := runCLI(t, "", "search", "--db", src, "乡村振兴")
	_, after, _ := runCLI(t, "", "search", "--db", restored.String(), "乡村振兴")
	if before != after || !strings.Contains(after, "乡村振兴") {
		t.Errorf("searches differ:\n%s\n%s", before, after)
	}
}
