package main

import (
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/baogao/baogao/internal/demo"
	"github.com/baogao/baogao/internal/place"
)

// demoFiles writes n demo documents as text files into a new folder.
func demoFiles(t *testing.T, n int, seed int64) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "docs")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	g := place.Default()
	i := 0
	err := demo.Generate(demo.Options{Docs: n, YearFrom: 2016, YearTo: 2024, Seed: seed}, g, g.All(), func(d *demo.Doc) error {
		i++
		return os.WriteFile(filepath.Join(dir, fmt.Sprintf("%04d.txt", i)), []byte(d.Text), 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// pragma reads one number from a database file.
func pragma(t *testing.T, path, q string) int {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow(q).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestImportStorageFaults: a write that fails midway — the disk full
// (simulated by SQLite's max_page_count) or a read-only database — stops
// the import with exit status 1 and a one-line reason, leaves the archive
// consistent with what the run reported, and loses nothing: the same
// import afterwards completes it.
func TestImportStorageFaults(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: imports hundreds of files")
	}
	dir := demoFiles(t, 400, 11)
	db := filepath.Join(t.TempDir(), "full.db")
	// A first import of 40 files, to learn what a document costs.
	first := t.TempDir()
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	for _, f := range files[:40] {
		b, _ := os.ReadFile(f)
		os.WriteFile(filepath.Join(first, filepath.Base(f)), b, 0o644)
	}
	code, _, errOut := runCLI(t, "", "import", "--db", db, first)
	if code != 0 {
		t.Fatalf("first import: %d %s", code, errOut)
	}
	empty := filepath.Join(t.TempDir(), "empty.db")
	if code, _, errOut := runCLI(t, "", "import", "--db", empty, t.TempDir()); code != 0 {
		t.Fatalf("empty import: %d %s", code, errOut)
	}
	pages := pragma(t, db, `PRAGMA page_count`)
	perDoc := (pages - pragma(t, empty, `PRAGMA page_count`)) / 40
	limit := pages + perDoc*100 // room for about a batch and a half

	code, out, errOut := runCLI(t, "", "import", "--db", db+fmt.Sprintf("?_pragma=max_page_count(%d)", limit), dir)
	lines := strings.Split(strings.TrimSpace(errOut), "\n")
	if code != 1 || len(lines) != 1 || !strings.HasPrefix(lines[0], "baogao import: database "+db+": the disk is full") {
		t.Fatalf("full disk: exit %d, stderr %q", code, errOut)
	}
	var imported, dups, failed int
	fmt.Sscanf(out, "imported %d, duplicates %d, failed %d", &imported, &dups, &failed)
	stored := pragma(t, db, `SELECT count(*) FROM documents`)
	if stored != 40+imported || imported == 0 {
		t.Errorf("the run reported %d imported; the archive has %d documents (40 before)", imported, stored)
	}
	if imported+dups+failed >= len(files) {
		t.Errorf("the import tried every file (%s) instead of stopping", out)
	}
	checkConsistent(t, db)
	t.Logf("full: %s", strings.TrimSpace(out))

	before, _ := os.ReadFile(db)
	code, out, errOut = runCLI(t, "", "import", "--db", db+"?mode=ro", dir)
	lines = strings.Split(strings.TrimSpace(errOut), "\n")
	if code != 1 || len(lines) != 1 || !strings.Contains(lines[0], "the database is read-only") {
		t.Fatalf("read-only: exit %d, stderr %q, stdout %q", code, errOut, out)
	}
	if after, _ := os.ReadFile(db); string(after) != string(before) {
		t.Error("the read-only database changed")
	}

	code, out, errOut = runCLI(t, "", "import", "--db", db, dir)
	if code != 0 {
		t.Fatalf("import after the faults: %d %s", code, errOut)
	}
	checkConsistent(t, db)
	if n := pragma(t, db, `SELECT count(*) FROM sources`); n != len(files) {
		t.Errorf("after the faults: %d sources, want %d (%s)", n, len(files), out)
	}
}

// TestImportWaitsForLock: an import that finds the write lock held (by a
// long reindex, say) for longer than the old ten seconds waits for it and
// then imports everything, instead of failing files with "database is
// locked".
func TestImportWaitsForLock(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: holds the lock for 11 s")
	}
	dir := demoFiles(t, 20, 12)
	db := filepath.Join(t.TempDir(), "lock.db")
	if code, _, errOut := runCLI(t, "", "import", "--db", db, t.TempDir()); code != 0 {
		t.Fatalf("create: %s", errOut)
	}
	holder, err := sql.Open("sqlite", "file:"+db)
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close()
	conn, err := holder.Conn(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(t.Context(), `BEGIN IMMEDIATE`); err != nil {
		t.Fatal(err)
	}
	type outcome struct {
		code     int
		out, err string
	}
	done := make(chan outcome, 1)
	go func() {
		code, out, errOut := runCLI(t, "", "import", "--db", db, dir)
		done <- outcome{code, out, errOut}
	}()
	select {
	case o := <-done:
		t.Fatalf("the import ended while the lock was held: %+v", o)
	case <-time.After(11 * time.Second):
	}
	if _, err := conn.ExecContext(t.Context(), `ROLLBACK`); err != nil {
		t.Fatal(err)
	}
	o := <-done
	if o.code != 0 || !strings.HasPrefix(o.out, "imported 20, duplicates 0, failed 0") {
		t.Errorf("after the lock: exit %d, %q %q", o.code, o.out, o.err)
	}
}

// TestConcurrentImports: two imports of the same files into one archive at
// once report every file imported or duplicate — the one that stores a
// document second calls its files duplicates, not failures — and the
// archive holds each document once with both sources counted once.
func TestConcurrentImports(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: imports hundreds of files twice")
	}
	dir := demoFiles(t, 300, 14)
	db := filepath.Join(t.TempDir(), "two.db")
	if code, _, errOut := runCLI(t, "", "import", "--db", db, t.TempDir()); code != 0 {
		t.Fatalf("create: %s", errOut)
	}
	outs := make(chan string, 2)
	for range 2 {
		go func() {
			code, out, errOut := runCLI(t, "", "import", "--db", db, dir)
			if code != 0 {
				t.Errorf("exit %d: %s", code, errOut)
			}
			outs <- out
		}()
	}
	total := 0
	for range 2 {
		out := <-outs
		var imported, dups, failed int
		fmt.Sscanf(out, "imported %d, duplicates %d, failed %d", &imported, &dups, &failed)
		if failed != 0 {
			t.Errorf("a concurrent import failed files: %s", out)
		}
		total += imported
	}
	docs := pragma(t, db, `SELECT count(*) FROM documents`)
	if total != docs || docs != pragma(t, db, `SELECT count(DISTINCT sha256) FROM sources`) {
		t.Errorf("%d imported in all, %d documents", total, docs)
	}
	checkConsistent(t, db)
}
