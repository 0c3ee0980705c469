package sqlite

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/baogao/baogao"
)

// TestReindexLetsWritersIn: Reindex commits a chunk at a time, so a writer
// that comes while it runs stores its document before the rebuild ends,
// and every search during the rebuild finds every document.
func TestReindexLetsWritersIn(t *testing.T) {
	ctx := context.Background()
	st, err := Open(ctx, filepath.Join(t.TempDir(), "r.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	defer func(c int) { reindexChunk = c }(reindexChunk)
	reindexChunk = 10
	const n = 60
	var docs []*baogao.Document
	var srcs []baogao.Source
	for i := range n {
		docs = append(docs, &baogao.Document{Meta: baogao.Meta{Title: "报告", Kind: baogao.KindWorkReport, Year: 2020 + i%3},
			Body: fmt.Sprintf("推进冷链物流发展。第%d份。", i), SHA256: fmt.Sprintf("%064d", i)})
		srcs = append(srcs, baogao.Source{SHA256: fmt.Sprintf("%064d", 1000+i)})
	}
	if err := st.AddDocuments(ctx, docs, srcs); err != nil {
		t.Fatal(err)
	}
	reindexed := make(chan time.Time, 1)
	go func() {
		if _, err := st.Reindex(ctx); err != nil {
			t.Error(err)
		}
		reindexed <- time.Now()
	}()
	time.Sleep(50 * time.Millisecond)
	doc := &baogao.Document{Meta: baogao.Meta{Title: "报告", Kind: baogao.KindWorkReport, Year: 2024},
		Body: "推进冷链物流发展。新的一份。", SHA256: fmt.Sprintf("%064d", n)}
	if err := st.AddDocument(ctx, doc, baogao.Source{SHA256: fmt.Sprintf("%064d", 2000)}); err != nil {
		t.Fatal(err)
	}
	stored := time.Now()
	searches := 0
	for done := false; !done; {
		select {
		case end := <-reindexed:
			if !stored.Before(end) {
				t.Errorf("the writer waited for the whole rebuild (stored %s after it ended)", stored.Sub(end))
			}
			done = true
		default:
			res, err := st.Search(ctx, baogao.SearchQuery{Text: "冷链物流"})
			if err != nil || res.Total != n+1 {
				t.Fatalf("search during the rebuild: %d found, %v; want %d", res.Total, err, n+1)
			}
			searches++
		}
	}
	if res, err := st.Search(ctx, baogao.SearchQuery{Text: "冷链物流"}); err != nil || res.Total != n+1 {
		t.Errorf("after the rebuild: %d found, %v", res.Total, err)
	}
	t.Logf("%d searches during the rebuild", searches)
}
