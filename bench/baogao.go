package main

import (
	"context"
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
	return addBatches(ctx, e.st, docs)
}

func (e *baogaoEngine) store() baogao.Store { return e.st }

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

func (e *baogaoEngine) search(ctx context.Context, q benchQuery) (int, error) {
	return searchStore(ctx, e.st, q, nil)
}

func (e *baogaoEngine) hits(ctx context.Context, q benchQuery) ([]string, error) {
	var out []string
	_, err := searchStore(ctx, e.st, q, &out)
	return out, err
}

func (e *baogaoEngine) close() error { return e.st.Close() }
