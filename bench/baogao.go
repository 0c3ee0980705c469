package main

import (
	"context"
	"fmt"
	"os"

	"github.com/baogao/baogao"
	"github.com/baogao/baogao/internal/sqlite"
)

// baogaoEngine is baogao's SQLite store, filled by its bulk path:
// AddDocuments, each batch of documents stored and indexed in one
// transaction.
type baogaoEngine struct {
	st *sqlite.Store
}

// baogaoBatch is the documents per transaction. Bigger batches make fewer,
// bigger index segments and less merging; 4,096 documents of the generated
// archive (about 75 MB of text) keep the load's memory under half a
// gigabyte.
const baogaoBatch = 4096

// openBaogao opens an archive built before.
func openBaogao(ctx context.Context, path string) (*baogaoEngine, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, err
	}
	st, err := sqlite.Open(ctx, path)
	if err != nil {
		return nil, err
	}
	return &baogaoEngine{st: st}, nil
}

func newBaogao(ctx context.Context, path string) (*baogaoEngine, error) {
	st, err := sqlite.Open(ctx, path)
	if err != nil {
		return nil, err
	}
	return &baogaoEngine{st: st}, nil
}

func (e *baogaoEngine) name() string { return "baogao (SQLite FTS5)" }

func (e *baogaoEngine) build(ctx context.Context, docs []*baogao.Document) error {
	for i := 0; i < len(docs); i += baogaoBatch {
		batch := docs[i:min(len(docs), i+baogaoBatch)]
		srcs := make([]baogao.Source, len(batch))
		for j, d := range batch {
			d.ID = 0
			d.SHA256 = fmt.Sprintf("%064x", i+j+1)
			srcs[j] = baogao.Source{File: fmt.Sprintf("demo/%d", i+j+1), SHA256: fmt.Sprintf("%064x", 1<<40+i+j+1)}
		}
		if err := e.st.AddDocuments(ctx, batch, srcs); err != nil {
			return err
		}
	}
	return nil
}

// size is the bytes of the search tables and their indexes (dbstat), not
// of the documents, which the archive keeps anyway.
func (e *baogaoEngine) size() (int64, error) {
	if _, err := e.st.DB().Exec(`PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		return 0, err
	}
	var n int64
	err := e.st.DB().QueryRow(`SELECT coalesce(sum(pgsize), 0) FROM dbstat WHERE name LIKE 'search%' OR name LIKE 'sqlite_autoindex_search%'`).Scan(&n)
	return n, err
}

// search runs the term as a quoted phrase (so that no synonym is added,
// as Bleve adds none), top 10 with snippets.
func (e *baogaoEngine) search(ctx context.Context, q benchQuery) (int, error) {
	res, err := e.st.Search(ctx, baogao.SearchQuery{Text: `"` + q.Text + `"`, Filter: q.Filter, Limit: 10})
	if err != nil {
		return 0, err
	}
	for _, h := range res.Hits {
		if h.Snippet == "" {
			return 0, fmt.Errorf("baogao: hit %d without a snippet", h.ID)
		}
	}
	return res.Total, nil
}

func (e *baogaoEngine) close() error { return e.st.Close() }
