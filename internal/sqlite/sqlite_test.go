package sqlite

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/baogao/baogao"
	"github.com/baogao/baogao/internal/storetest"
)

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) baogao.Store {
		st, err := Open(context.Background(), filepath.Join(t.TempDir(), "test.db"))
		if err != nil {
			t.Fatal(err)
		}
		return st
	})
}

func TestMigrationsOnce(t *testing.T) {
	path := filepath.Join(t.TempDir(), "m.db")
	ctx := context.Background()
	for i := 0; i < 2; i++ {
		st, err := Open(ctx, path)
		if err != nil {
			t.Fatalf("open %d: %v", i, err)
		}
		var n int
		st.DB().QueryRow(`SELECT count(*) FROM schema_migrations`).Scan(&n)
		if n == 0 {
			t.Error("no migration recorded")
		}
		var mode string
		st.DB().QueryRow(`PRAGMA journal_mode`).Scan(&mode)
		if mode != "wal" {
			t.Errorf("journal_mode = %s, want wal", mode)
		}
		st.Close()
	}
}

// TestArchiveCountsFollowSQL: the counts Stats and Facets read are kept by
// triggers,
// so they stay true whatever changes the rows: inserts through the store,
// and updates and deletes made in SQL (cascading to sources).
func TestArchiveCountsFollowSQL(t *testing.T) {
	ctx := context.Background()
	st, err := Open(ctx, filepath.Join(t.TempDir(), "c.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for i := 0; i < 6; i++ {
		d := &baogao.Document{Meta: baogao.Meta{Kind: baogao.Kinds[i%2], Region: baogao.RegionHuadong, Title: fmt.Sprintf("文件%d", i),
			Flagged: i == 0}, Body: fmt.Sprintf("正文%d", i), SHA256: fmt.Sprintf("%064x", 100+i), Simhash: uint64(i) << 40}
		src := baogao.Source{File: fmt.Sprintf("f%d", i), SHA256: fmt.Sprintf("%064x", i)}
		if err := st.AddDocument(ctx, d, src); err != nil {
			t.Fatal(err)
		}
	}
	check := func(when string) {
		t.Helper()
		s, err := st.Stats(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var docs, srcs, flagged int
		db := st.DB()
		db.QueryRow(`SELECT count(*), coalesce(sum(flagged != 0), 0) FROM documents`).Scan(&docs, &flagged)
		db.QueryRow(`SELECT count(*) FROM sources`).Scan(&srcs)
		if s.Documents != docs || s.Sources != srcs || s.Flagged != flagged {
			t.Errorf("%s: stats %+v, rows: %d documents, %d sources, %d flagged", when, s, docs, srcs, flagged)
		}
		// facet_counts: one row per kind, region, province and year of the
		// documents, with their number; no other row above zero.
		var wrong int
		db.QueryRow(`SELECT
			(SELECT count(*) FROM (SELECT kind, region, province, year, count(*) AS c FROM documents GROUP BY 1, 2, 3, 4) d
				LEFT JOIN facet_counts f USING (kind, region, province, year) WHERE f.n IS NOT d.c) +
			(SELECT count(*) FROM facet_counts f WHERE n != 0 AND NOT EXISTS (SELECT 1 FROM documents d
				WHERE d.kind = f.kind AND d.region = f.region AND d.province = f.province AND d.year = f.year))`).Scan(&wrong)
		if wrong != 0 {
			t.Errorf("%s: %d facet counts disagree with the documents", when, wrong)
		}
		for k, n := range s.ByKind {
			var want int
			db.QueryRow(`SELECT count(*) FROM documents WHERE kind = ?`, string(k)).Scan(&want)
			if n != want {
				t.Errorf("%s: %s counted %d, rows %d", when, k, n, want)
			}
		}
	}
	check("after inserts")
	for _, q := range []string{
		`UPDATE documents SET kind = 'plan', flagged = 1 WHERE id = 2`,
		`UPDATE documents SET flagged = 0 WHERE id = 1`,
		`UPDATE documents SET title = 'x' WHERE id = 3`,
		`UPDATE documents SET year = 2020, region = 'huabei', province = '11' WHERE id = 3`,
		`UPDATE documents SET year = 2020, region = 'huabei', province = '11' WHERE id = 4`,
		`DELETE FROM sources WHERE document_id = 4`,
		`DELETE FROM search_docs WHERE document_id = 5`, // the search index holds on to it
		`DELETE FROM documents WHERE id = 5`,
	} {
		if _, err := st.DB().Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		check(q)
	}
}

// TestReadsDoNotWaitForWriters: with a write transaction open on another
// connection (an import in progress), documents and listings are still
// read at once: WAL readers never take the write lock.
func TestReadsDoNotWaitForWriters(t *testing.T) {
	ctx := context.Background()
	st, err := Open(ctx, filepath.Join(t.TempDir(), "w.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	d := &baogao.Document{Meta: baogao.Meta{Kind: baogao.KindWorkReport, Region: baogao.RegionHuadong, Title: "文件"},
		Body: "正文", SHA256: fmt.Sprintf("%064x", 1)}
	if err := st.AddDocument(ctx, d, baogao.Source{File: "f", SHA256: fmt.Sprintf("%064x", 2)}); err != nil {
		t.Fatal(err)
	}
	writer, err := st.DB().BeginTx(ctx, nil) // BEGIN IMMEDIATE: holds the write lock
	if err != nil {
		t.Fatal(err)
	}
	defer writer.Rollback()
	if _, err := writer.Exec(`UPDATE documents SET title = '改' WHERE id = ?`, d.ID); err != nil {
		t.Fatal(err)
	}
	short, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	got, err := st.Document(short, d.ID)
	if err != nil {
		t.Fatalf("reading a document while a write is open: %v", err)
	}
	if got.Meta.Title != "文件" {
		t.Errorf("read %q, want the committed title", got.Meta.Title)
	}
	if _, err := st.Documents(short, baogao.DocumentFilter{}); err != nil {
		t.Errorf("listing while a write is open: %v", err)
	}
	if _, err := st.Stats(short); err != nil {
		t.Errorf("stats while a write is open: %v", err)
	}
}

// TestCopyTables: every table of the store is copied by baogao copy
// (archive.Tables, with exactly its columns) or derived from those
// (Derived). A new table or column fails here until it is given to one.
func TestCopyTables(t *testing.T) {
	st, err := Open(context.Background(), filepath.Join(t.TempDir(), "t.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	rows, err := st.DB().Query(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var name string
		rows.Scan(&name)
		tables = append(tables, name)
	}
	rows.Close()
	storetest.CheckCopyTables(t, tables, Derived, func(table string) []string {
		rows, err := st.DB().Query(`SELECT name FROM pragma_table_info(?)`, table)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var cols []string
		for rows.Next() {
			var c string
			rows.Scan(&c)
			cols = append(cols, c)
		}
		return cols
	})
}

// TestChangesPruned: the change log keeps the latest 10,000 changes; a
// reader further behind is told it missed some (ENOTFOUND).
func TestChangesPruned(t *testing.T) {
	ctx := context.Background()
	st, err := Open(ctx, filepath.Join(t.TempDir(), "c.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.DB().Exec(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10005)
		INSERT INTO changes (document_id) SELECT i FROM n`); err != nil {
		t.Fatal(err)
	}
	var kept int
	st.DB().QueryRow(`SELECT count(*) FROM changes`).Scan(&kept)
	if _, _, err := st.Changes(ctx, 0, 10); baogao.ErrorCode(err) != baogao.ENOTFOUND {
		t.Errorf("reading from the start: %v, want ENOTFOUND", err)
	}
	got, latest, err := st.Changes(ctx, 10000, 10)
	if err != nil || latest != 10005 || len(got) != 5 || got[0].DocumentID != 10001 || kept < 10000 || kept > 10001 {
		t.Errorf("kept %d; from 10000: %+v, %d, %v", kept, got, latest, err)
	}
}
