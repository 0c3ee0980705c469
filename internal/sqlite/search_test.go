package sqlite

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/baogao/baogao"
	"github.com/baogao/baogao/internal/storetest"
)

// TestConformanceSearchPaths runs the suite with the search's thresholds
// lowered, so that small archives take the paths of big ones: work split
// between connections, ranking by driving terms, the candidate budget
// never reached.
func TestConformanceSearchPaths(t *testing.T) {
	storetest.Run(t, func(t *testing.T) baogao.Store {
		st, err := Open(context.Background(), filepath.Join(t.TempDir(), "test.db"))
		if err != nil {
			t.Fatal(err)
		}
		st.search = searchTuning{splitFrom: 1, exactMembers: 1, maxCandidates: 1 << 30}
		return st
	})
}

// TestSearchMigration opens a database made before the search index
// existed: the migration creates the index and the store fills it.
func TestSearchMigration(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	st, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	for i, body := range []string{"推进冷链物流发展。", "建设冷链物流园区。", "其他文字。"} {
		doc := &baogao.Document{Meta: baogao.Meta{Title: "报告", Kind: baogao.KindWorkReport, Year: 2020 + i}, Body: body,
			SHA256: strings.Repeat("a", 63) + string(rune('0'+i))}
		if err := st.AddDocument(ctx, doc, baogao.Source{SHA256: strings.Repeat("b", 63) + string(rune('0'+i))}); err != nil {
			t.Fatal(err)
		}
	}
	// Make it what an older version left: no search tables, migration 2 not run.
	for _, q := range []string{`DROP TABLE search_text`, `DROP TABLE search_terms`, `DROP TABLE search_docs`, `DROP TABLE search_state`,
		`DELETE FROM schema_migrations WHERE version = 2`} {
		if _, err := st.DB().Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	st.Close()
	if st, err = Open(ctx, path); err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	res, err := st.Search(ctx, baogao.SearchQuery{Text: "冷链物流"})
	if err != nil || res.Total != 2 {
		t.Fatalf("after migrating: %+v, %v", res, err)
	}
}

// TestSearchIndexVersion checks that an index built by another version is
// refused until it is rebuilt.
func TestSearchIndexVersion(t *testing.T) {
	ctx := context.Background()
	st, err := Open(ctx, filepath.Join(t.TempDir(), "v.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.DB().Exec(`UPDATE search_state SET version = 0`); err != nil {
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

// TestReindexDocument changes a document behind the store's back, then
// re-indexes it alone.
func TestReindexDocument(t *testing.T) {
	ctx := context.Background()
	st, err := Open(ctx, filepath.Join(t.TempDir(), "r.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	doc := &baogao.Document{Meta: baogao.Meta{Title: "报告", Kind: baogao.KindWorkReport, Year: 2020}, Body: "推进冷链物流发展。",
		SHA256: strings.Repeat("a", 64)}
	if err := st.AddDocument(ctx, doc, baogao.Source{SHA256: strings.Repeat("b", 64)}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.DB().Exec(`UPDATE documents SET body = '建设宁德时代项目。', year = 2021 WHERE id = ?`, doc.ID); err != nil {
		t.Fatal(err)
	}
	if err := st.ReindexDocument(ctx, doc.ID); err != nil {
		t.Fatal(err)
	}
	for q, want := range map[string]int{"冷链物流": 0, "宁德时代": 1} {
		res, err := st.Search(ctx, baogao.SearchQuery{Text: q, Filter: baogao.DocumentFilter{YearFrom: 2021}})
		if err != nil || res.Total != want {
			t.Errorf("%s: %+v, %v", q, res, err)
		}
	}
	if err := st.ReindexDocument(ctx, 999); baogao.ErrorCode(err) != baogao.ENOTFOUND {
		t.Errorf("missing document: %v", err)
	}
}

// TestSearchConcurrent runs more searches at once than the store has
// connections, each wanting a second one: none may wait for ever.
func TestSearchConcurrent(t *testing.T) {
	ctx := context.Background()
	st, err := Open(ctx, filepath.Join(t.TempDir(), "c.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	st.search = searchTuning{splitFrom: 1, exactMembers: 1}
	var docs []*baogao.Document
	var srcs []baogao.Source
	for i := range 50 {
		docs = append(docs, &baogao.Document{Meta: baogao.Meta{Title: "报告", Kind: baogao.KindWorkReport, Year: 2000 + i%20},
			Body: strings.Repeat("推进高质量发展。", 1+i%5), SHA256: fmt.Sprintf("%064d", i)})
		srcs = append(srcs, baogao.Source{SHA256: fmt.Sprintf("%064d", 1000+i)})
	}
	if err := st.AddDocuments(ctx, docs, srcs); err != nil {
		t.Fatal(err)
	}
	errs := make(chan error, 40)
	for range 40 {
		go func() {
			res, err := st.Search(ctx, baogao.SearchQuery{Text: "高质量发展", Limit: 5})
			if err == nil && res.Total != 50 {
				err = fmt.Errorf("total %d", res.Total)
			}
			errs <- err
		}()
	}
	timeout := time.After(30 * time.Second)
	for range 40 {
		select {
		case err := <-errs:
			if err != nil {
				t.Error(err)
			}
		case <-timeout:
			t.Fatal("searches are stuck waiting for connections")
		}
	}
}
