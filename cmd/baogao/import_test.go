package main

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/baogao/baogao/internal/demo"
	"github.com/baogao/baogao/internal/place"
	"github.com/baogao/baogao/internal/sqlite"
)

func TestImportJSON(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "a.txt", "2023年嘉禾县人民政府工作报告\n\n各位代表：\n现在，我代表县人民政府向大会报告工作。\n一、2022年工作回顾\n地区生产总值增长5.8%。\n")
	writeFile(t, dir, "b.txt", "")
	writeFile(t, dir, "c.md", "2022年嘉禾县国民经济和社会发展统计公报\n\n初步核算，全年地区生产总值223.6亿元，比上年增长6.8%。\n")
	db := filepath.Join(dir, "x.db")
	code, out, errOut := runCLI(t, "", "import", dir, "--json", "--db", db)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 {
		t.Fatalf("want one line per file, got:\n%s", out)
	}
	statuses := map[string]string{}
	for _, ln := range lines {
		var r map[string]any
		if err := json.Unmarshal([]byte(ln), &r); err != nil {
			t.Fatalf("line %q: %v", ln, err)
		}
		for _, k := range []string{"file", "status", "flagged"} {
			if _, ok := r[k]; !ok {
				t.Errorf("line lacks %q: %s", k, ln)
			}
		}
		statuses[filepath.Base(r["file"].(string))] = r["status"].(string)
		if r["status"] == "imported" && !strings.HasPrefix(r["url"].(string), "/") {
			t.Errorf("imported without url: %s", ln)
		}
	}
	if statuses["a.txt"] != "imported" || statuses["b.txt"] != "failed" || statuses["c.md"] != "imported" {
		t.Errorf("statuses = %v", statuses)
	}
	if !strings.Contains(errOut, "imported 2, duplicates 0, failed 1") {
		t.Errorf("summary = %q", errOut)
	}
	code, out, _ = runCLI(t, "", "import", "--db", db, dir)
	if code != 0 || !strings.Contains(out, "imported 0, duplicates 2, failed 1") {
		t.Errorf("re-import: exit %d, %q", code, out)
	}
}

// TestImportSurvivesKill kills an import process (SIGKILL) midway through
// thousands of files, checks that the database holds no half-written
// document, and finishes the import.
func TestImportSurvivesKill(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: imports thousands of files")
	}
	dir := filepath.Join(t.TempDir(), "docs")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	const n = 2500
	g := place.Default()
	i := 0
	err := demo.Generate(demo.Options{Docs: n, YearFrom: 2016, YearTo: 2024, Seed: 7}, g, g.All(), func(d *demo.Doc) error {
		i++
		return os.WriteFile(filepath.Join(dir, fmt.Sprintf("%05d.txt", i)), []byte(d.Text), 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(t.TempDir(), "kill.db")
	cmd := exec.Command(os.Args[0], "import", "--db", db, dir)
	cmd.Env = append(os.Environ(), "BAOGAO_TEST_MAIN=1")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Wait until a good part is stored, then kill without warning.
	deadline := time.Now().Add(2 * time.Minute)
	for {
		if c := countDocuments(t, db); c >= n/5 {
			break
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatal("import made no progress")
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	killedAt := countDocuments(t, db)
	if killedAt >= n {
		t.Fatalf("the import finished (%d documents) before it was killed", killedAt)
	}
	checkConsistent(t, db)

	code, out, errOut := runCLI(t, "", "import", "--db", db, dir)
	if code != 0 {
		t.Fatalf("resumed import: exit %d: %s", code, errOut)
	}
	checkConsistent(t, db)
	st, err := sqlite.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	stats, _ := st.Stats(context.Background())
	st.Close()
	if stats.Sources != n {
		t.Errorf("after resuming: %d sources, want one per file (%d); %s", stats.Sources, n, out)
	}
	t.Logf("killed after %d documents; resumed: %s", killedAt, strings.TrimSpace(out))
	code, out, _ = runCLI(t, "", "import", "--db", db, dir)
	if code != 0 || !strings.HasPrefix(out, "imported 0,") {
		t.Errorf("third import: %q", out)
	}
}

func countDocuments(t *testing.T, path string) int {
	t.Helper()
	if _, err := os.Stat(path); err != nil {
		return 0
	}
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro&_pragma=busy_timeout(5000)")
	if err != nil {
		return 0
	}
	defer db.Close()
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM documents`).Scan(&n); err != nil {
		return 0 // not created yet
	}
	return n
}

// checkConsistent checks that every stored document is whole: the file is
// intact, each document has a source and the hash of its body, and no
// source or extracted row is orphaned.
func checkConsistent(t *testing.T, path string) {
	t.Helper()
	st, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatalf("reopen after kill: %v", err)
	}
	defer st.Close()
	db := st.DB()
	var ok string
	if err := db.QueryRow(`PRAGMA integrity_check`).Scan(&ok); err != nil || ok != "ok" {
		t.Fatalf("integrity_check: %q %v", ok, err)
	}
	for name, q := range map[string]string{
		"documents without a source": `SELECT count(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM sources s WHERE s.document_id = d.id)`,
		"orphan sources":             `SELECT count(*) FROM sources s WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = s.document_id)`,
		"orphan targets":             `SELECT count(*) FROM targets x WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = x.document_id)`,
		"orphan outcomes":            `SELECT count(*) FROM outcomes x WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = x.document_id)`,
		"empty bodies":               `SELECT count(*) FROM documents WHERE body = ''`,
		"documents not indexed":      `SELECT count(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM search_docs x WHERE x.document_id = d.id)`,
		"index rows of no document":  `SELECT count(*) FROM search_docs x WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = x.document_id)`,
		"counts not the archive's":   `SELECT count(*) FROM search_state WHERE documents != (SELECT count(*) FROM documents)`,
	} {
		var n int
		if err := db.QueryRow(q).Scan(&n); err != nil || n != 0 {
			t.Errorf("%s: %d (%v)", name, n, err)
		}
	}
	rows, err := db.Query(`SELECT id, body, sha256 FROM documents`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var body, sum string
		rows.Scan(&id, &body, &sum)
		h := sha256.Sum256([]byte(body))
		if hex.EncodeToString(h[:]) != sum {
			t.Errorf("document %d: body does not match its hash (half-written)", id)
		}
	}
}

// TestImportTitleOnlyFiles: text files whose only line is a title are "no
// text found", each of them, not "same text as document 1"; files with a
// line of text under their title are documents (issue 9, item 3).
func TestImportTitleOnlyFiles(t *testing.T) {
	dir := t.TempDir()
	const n = 40
	for i := range n {
		writeFile(t, dir, fmt.Sprintf("title-%02d.txt", i), fmt.Sprintf("%d年第%d号县政府工作报告\n", 2000+i%20, i))
		writeFile(t, dir, fmt.Sprintf("text-%02d.txt", i), fmt.Sprintf("%d年第%d号县政府工作报告\n今年第%d项工作是修路%d公里。\n", 2000+i%20, i, i, i+3))
	}
	code, out, errOut := runCLI(t, "", "import", "--json", "--db", filepath.Join(dir, "t.db"), dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	counts := map[string]int{}
	for _, ln := range strings.Split(strings.TrimSpace(out), "\n") {
		var r struct{ File, Status, Reason string }
		if err := json.Unmarshal([]byte(ln), &r); err != nil {
			t.Fatal(err)
		}
		kind := strings.SplitN(filepath.Base(r.File), "-", 2)[0]
		counts[kind+" "+r.Status+" "+r.Reason]++
	}
	want := map[string]int{"title failed no text found": n, "text imported ": n}
	if fmt.Sprint(counts) != fmt.Sprint(want) {
		t.Errorf("results %v, want %v", counts, want)
	}
}
