package main

import (
	"context"
	"fmt"

	"github.com/baogao/baogao"
	"github.com/baogao/baogao/internal/place"
	"github.com/baogao/baogao/internal/postgres"
)

// postgresEngine is baogao's PostgreSQL store, filled like the SQLite one
// (AddDocuments, baogaoBatch documents a transaction).
type postgresEngine struct {
	st *postgres.Store
}

// newPostgres opens the database at url and empties it: the archive's
// tables are dropped, and the store migrates it afresh.
func newPostgres(ctx context.Context, url string) (*postgresEngine, error) {
	st, err := postgres.Open(ctx, url, postgres.Options{})
	if err != nil {
		return nil, err
	}
	// Every table and function of the schema (the migrations make no other
	// objects).
	_, err = st.Pool().Exec(ctx, `DO $$ DECLARE t text; BEGIN
		FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = current_schema() LOOP
			EXECUTE 'DROP TABLE ' || quote_ident(t) || ' CASCADE';
		END LOOP;
		FOR t IN SELECT p.oid::regprocedure::text FROM pg_proc p WHERE p.pronamespace = current_schema()::regnamespace LOOP
			EXECUTE 'DROP FUNCTION ' || t || ' CASCADE';
		END LOOP;
	END $$`)
	st.Close()
	if err != nil {
		return nil, err
	}
	if st, err = postgres.Open(ctx, url, postgres.Options{}); err != nil {
		return nil, err
	}
	if err := st.SyncPlaces(ctx, place.Default()); err != nil {
		return nil, err
	}
	return &postgresEngine{st: st}, nil
}

// openPostgres opens the database an earlier run filled.
func openPostgres(ctx context.Context, url string) (*postgresEngine, error) {
	st, err := postgres.Open(ctx, url, postgres.Options{})
	if err != nil {
		return nil, err
	}
	return &postgresEngine{st: st}, nil
}

func (e *postgresEngine) name() string { return "baogao (PostgreSQL)" }

func (e *postgresEngine) store() baogao.Store { return e.st }

func (e *postgresEngine) build(ctx context.Context, docs []*baogao.Document) error {
	return addBatches(ctx, e.st, docs)
}

// size is the bytes of the search tables and their indexes and TOAST, not
// of the documents.
func (e *postgresEngine) size() (int64, error) {
	var n int64
	err := e.st.Pool().QueryRow(context.Background(), `SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0)
		FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE n.nspname = current_schema() AND c.relkind = 'r' AND c.relname LIKE 'search%'`).Scan(&n)
	return n, err
}

func (e *postgresEngine) search(ctx context.Context, q benchQuery) (int, error) {
	return searchStore(ctx, e.st, q, nil)
}

func (e *postgresEngine) hits(ctx context.Context, q benchQuery) ([]string, error) {
	var out []string
	_, err := searchStore(ctx, e.st, q, &out)
	return out, err
}

func (e *postgresEngine) close() error { return e.st.Close() }

// searchStore runs the term as a quoted phrase (so that no synonym is
// added, as Bleve adds none), top 10 with snippets; hits, when not nil,
// gets the page as "id:score".
func searchStore(ctx context.Context, st baogao.Store, q benchQuery, hits *[]string) (int, error) {
	res, err := st.Search(ctx, baogao.SearchQuery{Text: `"` + q.Text + `"`, Filter: q.Filter, Limit: 10})
	if err != nil {
		return 0, err
	}
	for _, h := range res.Hits {
		if h.Snippet == "" {
			return 0, fmt.Errorf("hit %d without a snippet", h.ID)
		}
		if hits != nil {
			*hits = append(*hits, fmt.Sprintf("%d:%.4f", h.ID, h.Score))
		}
	}
	return res.Total, nil
}

// addBatches stores the documents baogaoBatch at a time, with ids from 1.
func addBatches(ctx context.Context, st baogao.Store, docs []*baogao.Document) error {
	for i := 0; i < len(docs); i += baogaoBatch {
		batch := docs[i:min(len(docs), i+baogaoBatch)]
		srcs := make([]baogao.Source, len(batch))
		for j, d := range batch {
			d.ID = 0
			d.SHA256 = fmt.Sprintf("%064x", i+j+1)
			srcs[j] = baogao.Source{File: fmt.Sprintf("demo/%d", i+j+1), SHA256: fmt.Sprintf("%064x", 1<<40+i+j+1)}
		}
		if err := st.AddDocuments(ctx, batch, srcs); err != nil {
			return err
		}
	}
	return nil
}
