package postgres

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/baogao/baogao"
	"github.com/baogao/baogao/internal/postgres/pgtest"
	"github.com/baogao/baogao/internal/storetest"
	"github.com/jackc/pgx/v5"
)

// open opens a store on a new schema; the test closes it.
func open(t *testing.T) *Store {
	t.Helper()
	st, err := Open(context.Background(), pgtest.URL(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) baogao.Store { return open(t) })
}

// TestConformanceMerges runs the suite with tiny segments merged two at a
// time: searches read many segments, merged ones among them.
func TestConformanceMerges(t *testing.T) {
	storetest.Run(t, func(t *testing.T) baogao.Store {
		st := open(t)
		st.merge = mergeTuning{segmentDocs: 7, mergeFactor: 2, maxTier: 4}
		return st
	})
}

// TestMigrateOnce opens one new database from eight processes' worth of
// stores at once: the advisory lock lets one migrate, the others find it
// done; a migration changed after it was applied, or one this build does
// not know, is refused.
func TestMigrateOnce(t *testing.T) {
	ctx := context.Background()
	url := pgtest.URL(t)
	errs := make(chan error, 8)
	stores := make(chan *Store, 8)
	for range 8 {
		go func() {
			st, err := Open(ctx, url, Options{})
			errs <- err
			stores <- st
		}()
	}
	for range 8 {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
		if st := <-stores; st != nil {
			defer st.Close()
		}
	}
	st, err := Open(ctx, url, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	list, _ := Migrations()
	var n, distinct int
	st.Pool().QueryRow(ctx, `SELECT count(*), count(DISTINCT version) FROM schema_migrations`).Scan(&n, &distinct)
	if n != len(list) || distinct != len(list) {
		t.Errorf("schema_migrations has %d rows (%d versions), want %d", n, distinct, len(list))
	}
	if _, err := st.Pool().Exec(ctx, `UPDATE schema_migrations SET checksum = 'edited' WHERE version = 1`); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(ctx, url, Options{}); baogao.ErrorCode(err) != baogao.EUNAVAILABLE || !strings.Contains(err.Error(), "other contents") {
		t.Errorf("an edited migration: %v", err)
	}
	st.Pool().Exec(ctx, `UPDATE schema_migrations SET checksum = $1 WHERE version = 1`, list[0].Checksum)
	st.Pool().Exec(ctx, `INSERT INTO schema_migrations VALUES (9999, '9999_future.sql', '', now())`)
	if _, err := Open(ctx, url, Options{}); baogao.ErrorCode(err) != baogao.EUNAVAILABLE || !strings.Contains(err.Error(), "upgrade baogao") {
		t.Errorf("a migration from the future: %v", err)
	}
}

// TestOpenErrors: a server that does not answer and a malformed URL are
// one-line errors with their codes, and no password is shown.
func TestOpenErrors(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	_, err := Open(ctx, "postgres://someone:secret@127.0.0.1:1/none?sslmode=disable&connect_timeout=2", Options{})
	if baogao.ErrorCode(err) != baogao.EUNAVAILABLE || strings.Contains(baogao.ErrorMessage(err), "secret") {
		t.Errorf("no server: %v", err)
	}
	_, err = Open(ctx, "postgres://someone:secret@127.0.0.1:5432/none?sslmode=bogus", Options{})
	if baogao.ErrorCode(err) != baogao.EINVALID || strings.Contains(err.Error(), "secret") {
		t.Errorf("bad URL: %v", err)
	}
}

// TestReindexDocumentAndMerges changes documents behind the store's back
// and re-indexes them: the old postings are dead, searches skip them, and
// the merges that follow drop them.
func TestReindexDocumentAndMerges(t *testing.T) {
	ctx := context.Background()
	st := open(t)
	defer st.Close()
	st.merge = mergeTuning{segmentDocs: 2, mergeFactor: 2, maxTier: 6}
	var docs []*baogao.Document
	var srcs []baogao.Source
	for i := range 9 {
		docs = append(docs, &baogao.Document{Meta: baogao.Meta{Title: "报告", Kind: baogao.KindWorkReport, Year: 2020 + i%3},
			Body: fmt.Sprintf("推进冷链物流发展。第%d份。", i), SHA256: fmt.Sprintf("%064d", i)})
		srcs = append(srcs, baogao.Source{SHA256: fmt.Sprintf("%064d", 100+i)})
	}
	if err := st.AddDocuments(ctx, docs, srcs); err != nil {
		t.Fatal(err)
	}
	count := func(q string) int {
		t.Helper()
		res, err := st.Search(ctx, baogao.SearchQuery{Text: q})
		if err != nil {
			t.Fatal(err)
		}
		return res.Total
	}
	if n := count("冷链物流"); n != 9 {
		t.Fatalf("before: %d", n)
	}
	for _, d := range docs[:4] {
		if _, err := st.Pool().Exec(ctx, `UPDATE documents SET body = '建设宁德时代项目。', year = 2030 WHERE id = $1`, d.ID); err != nil {
			t.Fatal(err)
		}
		if err := st.ReindexDocument(ctx, d.ID); err != nil {
			t.Fatal(err)
		}
	}
	if n, m := count("冷链物流"), count("宁德时代"); n != 5 || m != 4 {
		t.Errorf("after: 冷链物流 %d, 宁德时代 %d; want 5 and 4", n, m)
	}
	res, _ := st.Search(ctx, baogao.SearchQuery{Text: "宁德时代", Filter: baogao.DocumentFilter{YearFrom: 2030}})
	if res.Total != 4 {
		t.Errorf("new keys: %d hits in 2030", res.Total)
	}
	var segments, dead, indexed int
	st.Pool().QueryRow(ctx, `SELECT (SELECT count(*) FROM search_segments), (SELECT count(*) FROM search_dead),
		(SELECT documents FROM search_state)`).Scan(&segments, &dead, &indexed)
	if segments > 6 || indexed != 9 {
		t.Errorf("%d segments, %d dead, %d documents indexed", segments, dead, indexed)
	}
	if _, err := st.Reindex(ctx); err != nil {
		t.Fatal(err)
	}
	st.Pool().QueryRow(ctx, `SELECT count(*) FROM search_dead`).Scan(&dead)
	if n := count("冷链物流"); n != 5 || dead != 0 {
		t.Errorf("after Reindex: %d hits, %d dead", n, dead)
	}
	if err := st.ReindexDocument(ctx, 999); baogao.ErrorCode(err) != baogao.ENOTFOUND {
		t.Errorf("missing document: %v", err)
	}
}

// TestSearchIndexVersion: an index built by another version is refused
// until it is rebuilt.
func TestSearchIndexVersion(t *testing.T) {
	ctx := context.Background()
	st := open(t)
	defer st.Close()
	if _, err := st.Pool().Exec(ctx, `UPDATE search_state SET format = 0`); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Search(ctx, baogao.SearchQuery{Text: "发展"}); baogao.ErrorCode(err) != baogao.EUNAVAILABLE {
		t.Fatalf("old index: %v, want EUNAVAILABLE", err)
	}
	if _, err := st.Reindex(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Search(ctx, baogao.SearchQuery{Text: "发展"}); err != nil {
		t.Fatalf("after Reindex: %v", err)
	}
}

// TestCopyTables: every table of the store is copied by baogao copy
// (archive.Tables, with exactly its columns) or derived from those
// (Derived). A new table or column fails here until it is given to one.
func TestCopyTables(t *testing.T) {
	ctx := context.Background()
	st := open(t)
	defer st.Close()
	rows, err := st.Pool().Query(ctx, `SELECT tablename FROM pg_tables WHERE schemaname = current_schema()`)
	if err != nil {
		t.Fatal(err)
	}
	tables, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	storetest.CheckCopyTables(t, tables, Derived, func(table string) []string {
		rows, err := st.Pool().Query(ctx, `SELECT column_name FROM information_schema.columns
			WHERE table_schema = current_schema() AND table_name = $1`, table)
		if err != nil {
			t.Fatal(err)
		}
		cols, err := pgx.CollectRows(rows, pgx.RowTo[string])
		if err != nil {
			t.Fatal(err)
		}
		return cols
	})
}
