package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestDelete: baogao delete moves a document to the trash, out of pages,
// search and counts; --purge removes it for good with its sources,
// original bytes, extracted rows and index rows, leaving no orphans; an
// unknown id is an error.
func TestDelete(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "d.db")
	writeFile(t, dir, "a.txt", "2023年金乡县人民政府工作报告\n各位代表：\n今年地区生产总值增长6%左右。\n")
	writeFile(t, dir, "b.txt", "2022年金乡县人民政府工作报告\n各位代表：\n今年地区生产总值增长7%左右。\n")
	if code, out, errOut := runCLI(t, "", "import", "--db", db, dir); code != 0 || !strings.HasPrefix(out, "imported 2") {
		t.Fatalf("import: %d %s %s", code, out, errOut)
	}
	count := func(q string) int { return pragma(t, db, q) }
	code, out, errOut := runCLI(t, "", "delete", "--db", db, "1")
	if code != 0 || !strings.HasPrefix(out, "moved document 1 to the trash") {
		t.Fatalf("delete: %d %q %q", code, out, errOut)
	}
	if count(`SELECT count(*) FROM documents`) != 1 || count(`SELECT count(*) FROM trash`) != 1 || count(`SELECT count(*) FROM search_docs`) != 1 {
		t.Error("document 1 is not in the trash alone")
	}
	code, out, _ = runCLI(t, "", "delete", "--db", db, "--purge", "1", "2")
	if code != 0 || out != "deleted document 1\ndeleted document 2\n" {
		t.Fatalf("purge: %d %q", code, out)
	}
	for _, table := range []string{"documents", "sources", "source_originals", "targets", "outcomes", "search_docs", "trash"} {
		if n := count(`SELECT count(*) FROM ` + table); n != 0 {
			t.Errorf("%d rows left in %s", n, table)
		}
	}
	if n := count(`SELECT documents FROM search_state`); n != 0 {
		t.Errorf("the index counts %d documents", n)
	}
	checkConsistent(t, db)
	code, _, errOut = runCLI(t, "", "delete", "--db", db, "--purge", "7")
	if code != 1 || errOut != "baogao delete: document 7 not found\n" {
		t.Errorf("unknown id: %d %q", code, errOut)
	}
	if code, _, _ := runCLI(t, "", "delete", "--db", db, "x"); code != 2 {
		t.Errorf("bad id: exit %d", code)
	}
}
