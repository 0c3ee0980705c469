package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"runtime"
	"sort"
	"sync"
	"time"

	"github.com/baogao/baogao"
	"github.com/baogao/baogao/internal/search"
)

// The search index (internal/search, docs/search.md) is two contentless
// FTS5 tables: search_text holds the bigram tokens of body and title with
// positions, and the tags, one row per document keyed by its sort key (year,
// date, id), for totals, phrases, date order and the bigrams a document has
// once (found by its length tag); search_terms holds each document's runes
// and its other bigrams, one row per impact level keyed by (level, sort
// key), with the tags, for relevance order. search_docs keeps each
// document's key, levels and length; search_state the index's version,
// size, generation, median key and length levels. All of it changes in
// the transaction that changes the document.

// searchEntries starts computing the index entries of documents, in
// parallel, and returns a function that waits for them. AddDocuments
// starts it before its transaction and waits for it after storing the
// documents, so that the tokens are made while SQLite writes.
func searchEntries(docs []*baogao.Document) func() []search.Entry {
	entries := make([]search.Entry, len(docs))
	var wg sync.WaitGroup
	next := make(chan int, len(docs))
	for i := range docs {
		next <- i
	}
	close(next)
	for range min(runtime.GOMAXPROCS(0), len(docs)) {
		wg.Go(func() {
			for i := range next {
				entries[i] = search.NewEntry(docs[i])
			}
		})
	}
	return func() []search.Entry {
		wg.Wait()
		return entries
	}
}

// indexDocuments adds stored documents (IDs set) to the search index, in
// tx, with their entries. It writes the FTS5 rows last and together: FTS5
// flushes its buffer of pending tokens to a new segment whenever another
// statement of the transaction opens a savepoint (a trigger, a foreign key),
// and a segment per document would make every load merge for ever.
func indexDocuments(ctx context.Context, tx *sql.Tx, docs []*baogao.Document, entries []search.Entry) error {
	levels := make([]int, len(docs))
	lengthLevels := 0
	for i, doc := range docs {
		if doc.ID > search.MaxID {
			return fmt.Errorf("index document %d: id too large for the search index", doc.ID)
		}
		e := &entries[i]
		e.Key = search.SortKey(doc.Meta.Year, doc.Meta.Date, doc.ID)
		lengthLevels |= 1 << (search.Level(1, e.Length) - 1)
		for l, terms := range e.Terms {
			if terms != "" {
				levels[i] |= 1 << l
			}
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO search_docs (document_id, key, levels, length, folds) VALUES (?, ?, ?, ?, ?)`,
			doc.ID, e.Key, levels[i], e.Length, e.Folds); err != nil {
			return fmt.Errorf("index document %d: %w", doc.ID, err)
		}
	}
	if err := changedIndex(ctx, tx, len(docs), lengthLevels); err != nil {
		return err
	}
	text, err := tx.PrepareContext(ctx, `INSERT INTO search_text (rowid, body, title, tags) VALUES (?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	defer text.Close()
	terms, err := tx.PrepareContext(ctx, `INSERT INTO search_terms (rowid, terms) VALUES (?, ?)`)
	if err != nil {
		return err
	}
	defer terms.Close()
	// FTS5 also flushes when a row's rowid is not above the last one's:
	// insert in ascending order.
	order := make([]int, len(docs))
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(a, b int) bool { return entries[order[a]].Key < entries[order[b]].Key })
	for _, i := range order {
		e := &entries[i]
		if _, err := text.ExecContext(ctx, e.Key, e.Body, e.Title, e.Tags+" "+search.LengthTag(e.Length)); err != nil {
			return fmt.Errorf("index document %d: %w", docs[i].ID, err)
		}
	}
	for l := 1; l <= search.Levels; l++ {
		for _, i := range order {
			e := &entries[i]
			if ts := e.Terms[l-1]; ts != "" {
				if _, err := terms.ExecContext(ctx, search.LevelKey(l, e.Key), ts+" "+e.Tags); err != nil {
					return fmt.Errorf("index document %d: %w", docs[i].ID, err)
				}
			}
		}
	}
	return nil
}

// unindexDocument removes a document from the search index, in tx; it
// does nothing when the document is not indexed. A method that changes a
// document's text or meta calls reindexDocument after the change.
func unindexDocument(ctx context.Context, tx *sql.Tx, id int64) error {
	return unindexDocuments(ctx, tx, []int64{id})
}

// unindexDocuments removes documents from the search index, in tx,
// passing over those not indexed, and records the change once. Rows go
// in the order of their keys, which FTS5 deletes fastest.
func unindexDocuments(ctx context.Context, tx *sql.Tx, ids []int64) error {
	type entry struct{ id, key, levels int64 }
	var es []entry
	for _, id := range ids {
		e := entry{id: id}
		err := tx.QueryRowContext(ctx, `SELECT key, levels FROM search_docs WHERE document_id = ?`, id).Scan(&e.key, &e.levels)
		if errors.Is(err, sql.ErrNoRows) {
			continue
		}
		if err != nil {
			return fmt.Errorf("unindex document %d: %w", id, err)
		}
		es = append(es, e)
	}
	if len(es) == 0 {
		return nil
	}
	sort.Slice(es, func(i, j int) bool { return es[i].key < es[j].key })
	for _, e := range es {
		if _, err := tx.ExecContext(ctx, `DELETE FROM search_text WHERE rowid = ?`, e.key); err != nil {
			return fmt.Errorf("unindex document %d: %w", e.id, err)
		}
	}
	for l := 1; l <= search.Levels; l++ {
		for _, e := range es {
			if e.levels&(1<<(l-1)) == 0 {
				continue
			}
			if _, err := tx.ExecContext(ctx, `DELETE FROM search_terms WHERE rowid = ?`, search.LevelKey(l, e.key)); err != nil {
				return fmt.Errorf("unindex document %d: %w", e.id, err)
			}
		}
	}
	for _, e := range es {
		if _, err := tx.ExecContext(ctx, `DELETE FROM search_docs WHERE document_id = ?`, e.id); err != nil {
			return fmt.Errorf("unindex document %d: %w", e.id, err)
		}
	}
	return changedIndex(ctx, tx, -len(es), 0)
}

// changedIndex records a change of the index by n documents, whose length
// levels are the bits of lengthLevels: the count, the generation, the length
// levels and the median key.
func changedIndex(ctx context.Context, tx *sql.Tx, n, lengthLevels int) error {
	if _, err := tx.ExecContext(ctx, `UPDATE search_state SET documents = documents + ?, generation = generation + 1,
		length_levels = length_levels | ?`, n, lengthLevels); err != nil {
		return fmt.Errorf("search index state: %w", err)
	}
	_, err := tx.ExecContext(ctx, `UPDATE search_state SET median = coalesce((SELECT key FROM search_docs ORDER BY key
		LIMIT 1 OFFSET (SELECT documents / 2 FROM search_state)), 0)`)
	if err != nil {
		return fmt.Errorf("search index state: %w", err)
	}
	return nil
}

// ReindexDocument indexes the stored document id afresh, in its own
// transaction: for a change made to a document outside the store's methods.
// It fails with ENOTFOUND when there is no such document.
func (s *Store) ReindexDocument(ctx context.Context, id int64) error {
	return s.tx(ctx, func(tx *sql.Tx) error { return reindexDocument(ctx, tx, id) })
}

// reindexDocument indexes the stored document id afresh, in tx: for methods
// that change a document's text or meta (title, kind, place, year, date).
func reindexDocument(ctx context.Context, tx *sql.Tx, id int64) error {
	if err := unindexDocument(ctx, tx, id); err != nil {
		return err
	}
	d, err := scanDocument(tx.QueryRowContext(ctx, `SELECT `+documentColumns+`, body FROM documents WHERE id = ?`, id), true)
	if err != nil {
		return notFound(err, "document %d not found", id)
	}
	docs := []*baogao.Document{d}
	return indexDocuments(ctx, tx, docs, searchEntries(docs)())
}

// Reindex indexes reindexChunk documents in one transaction — a few
// seconds of work, so that other writers wait that long at most — and
// pauses for chunkPause between transactions: a writer waiting for the
// lock retries at most every 100 ms (SQLite's busy handler), so a pause
// longer than that lets it in.
var (
	reindexChunk = 500
	chunkPause   = 150 * time.Millisecond
)

// Reindex rebuilds the search index from the stored documents, a chunk of
// documents per transaction, so that imports and comments go on between
// chunks. An index of the current version stays whole throughout: each
// document's entries are replaced in the transaction that makes them, so
// searches find every document, before or after (this repair is several
// times slower than building afresh: FTS5 deletes row by row). An index
// of another version, which searches refuse, is emptied first and built
// afresh. The last transactions drop entries of documents that no longer
// exist, recompute the index's state and merge its segments.
func (s *Store) Reindex(ctx context.Context) (int, error) {
	var version int
	if err := s.db.QueryRowContext(ctx, `SELECT version FROM search_state WHERE id = 1`).Scan(&version); err != nil {
		return 0, fmt.Errorf("reindex: %w", err)
	}
	if version != search.IndexVersion {
		err := s.tx(ctx, func(tx *sql.Tx) error {
			for _, q := range []string{
				`INSERT INTO search_text (search_text) VALUES ('delete-all')`,
				`INSERT INTO search_terms (search_terms) VALUES ('delete-all')`,
				`DELETE FROM search_docs`,
				`UPDATE search_state SET documents = 0, median = 0, length_levels = 0`,
			} {
				if _, err := tx.ExecContext(ctx, q); err != nil {
					return fmt.Errorf("reindex: %w", err)
				}
			}
			return nil
		})
		if err != nil {
			return 0, err
		}
	}
	n, last := 0, int64(0)
	for {
		if n > 0 {
			select {
			case <-time.After(chunkPause):
			case <-ctx.Done():
			}
		}
		if err := ctx.Err(); err != nil {
			return n, err
		}
		var docs []*baogao.Document
		err := s.tx(ctx, func(tx *sql.Tx) error {
			rows, err := tx.QueryContext(ctx, `SELECT `+documentColumns+`, body FROM documents WHERE id > ? ORDER BY id LIMIT ?`, last, reindexChunk)
			if err != nil {
				return fmt.Errorf("reindex: %w", err)
			}
			for rows.Next() {
				d, err := scanDocument(rows, true)
				if err != nil {
					rows.Close()
					return err
				}
				docs = append(docs, d)
			}
			rows.Close()
			if err := rows.Err(); err != nil || len(docs) == 0 {
				return err
			}
			entries := searchEntries(docs)
			ids := make([]int64, len(docs))
			for i, d := range docs {
				ids[i] = d.ID
			}
			if err := unindexDocuments(ctx, tx, ids); err != nil {
				return err
			}
			return indexDocuments(ctx, tx, docs, entries())
		})
		if err != nil {
			return n, err
		}
		if len(docs) == 0 {
			break
		}
		n += len(docs)
		last = docs[len(docs)-1].ID
	}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		// Entries of documents deleted behind the store's back.
		rows, err := tx.QueryContext(ctx, `SELECT document_id FROM search_docs WHERE document_id NOT IN (SELECT id FROM documents)`)
		if err != nil {
			return fmt.Errorf("reindex: %w", err)
		}
		var gone []int64
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return err
			}
			gone = append(gone, id)
		}
		rows.Close()
		if err := unindexDocuments(ctx, tx, gone); err != nil {
			return err
		}
		levels := 0
		rows, err = tx.QueryContext(ctx, `SELECT DISTINCT length FROM search_docs`)
		if err != nil {
			return fmt.Errorf("reindex: %w", err)
		}
		for rows.Next() {
			var length int
			if err := rows.Scan(&length); err != nil {
				rows.Close()
				return err
			}
			levels |= 1 << (search.Level(1, length) - 1)
		}
		rows.Close()
		_, err = tx.ExecContext(ctx, `UPDATE search_state SET documents = (SELECT count(*) FROM search_docs), length_levels = ?, version = ?,
			generation = generation + 1`, levels, search.IndexVersion)
		return err
	})
	if err != nil {
		return n, fmt.Errorf("reindex: %w", err)
	}
	return n, s.mergeIndex(ctx)
}

// mergeIndex merges the search index's segments, a bounded amount of work
// per transaction, until FTS5 finds nothing more to merge.
func (s *Store) mergeIndex(ctx context.Context) error {
	for _, table := range []string{"search_text", "search_terms"} {
		for {
			var worked bool
			err := s.tx(ctx, func(tx *sql.Tx) error {
				var before, after int64
				if err := tx.QueryRowContext(ctx, `SELECT total_changes()`).Scan(&before); err != nil {
					return err
				}
				if _, err := tx.ExecContext(ctx, `INSERT INTO `+table+` (`+table+`, rank) VALUES ('merge', -2000)`); err != nil {
					return err
				}
				if err := tx.QueryRowContext(ctx, `SELECT total_changes()`).Scan(&after); err != nil {
					return err
				}
				worked = after-before >= 2 // FTS5's sign of work done
				return nil
			})
			if err != nil {
				return fmt.Errorf("reindex: merge: %w", err)
			}
			if !worked {
				break
			}
		}
	}
	return nil
}

// indexUnindexed indexes the documents that have no index entry, at most
// limit of them (all when limit is 0), and returns how many it indexed.
func indexUnindexed(ctx context.Context, tx *sql.Tx, limit int) (int, error) {
	n := 0
	last := int64(0)
	for limit == 0 || n < limit {
		rows, err := tx.QueryContext(ctx, `SELECT `+documentColumns+`, body FROM documents
			WHERE id > ? AND id NOT IN (SELECT document_id FROM search_docs) ORDER BY id LIMIT 500`, last)
		if err != nil {
			return n, fmt.Errorf("reindex: %w", err)
		}
		var docs []*baogao.Document
		for rows.Next() {
			d, err := scanDocument(rows, true)
			if err != nil {
				rows.Close()
				return n, err
			}
			docs = append(docs, d)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return n, err
		}
		if len(docs) == 0 {
			break
		}
		if err := ctx.Err(); err != nil {
			return n, err
		}
		if err := indexDocuments(ctx, tx, docs, searchEntries(docs)()); err != nil {
			return n, err
		}
		n += len(docs)
		last = docs[len(docs)-1].ID
	}
	return n, nil
}

// indexMissing indexes the documents stored before the search index
// existed (a database migrated from an older version), 500 per transaction.
func (s *Store) indexMissing(ctx context.Context) error {
	for {
		var missing int
		if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM documents WHERE id NOT IN (SELECT document_id FROM search_docs)`).Scan(&missing); err != nil {
			return fmt.Errorf("index missing documents: %w", err)
		}
		if missing == 0 {
			return nil
		}
		err := s.tx(ctx, func(tx *sql.Tx) error {
			_, err := indexUnindexed(ctx, tx, 500)
			return err
		})
		if err != nil {
			return err
		}
	}
}
