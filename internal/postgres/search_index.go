package postgres

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"sync"

	"github.com/baogao/baogao"
	"github.com/baogao/baogao/internal/search"
	"github.com/jackc/pgx/v5"
)

// The search index is written in segments (migration 0002): every
// transaction that indexes documents writes its own, of at most
// segmentDocs documents each, so writers in several processes never touch
// the same rows, and a search reads a token's rows of every segment. When
// mergeFactor segments of a size class (tier: ⌊log₈ documents⌋) exist,
// they are merged into one, after the transaction that made the last one;
// segments of maxTier and above are not merged again except by Reindex. A
// document changed or deleted leaves its postings in their segment, marked
// dead in search_dead, until a merge drops them.

// mergeTuning holds the sizes of segments and merges; a zero field is its
// default.
type mergeTuning struct {
	segmentDocs, mergeFactor, maxTier int
}

const (
	segmentDocs = 256
	mergeFactor = 8
	maxTier     = 5 // 8⁵ = 32,768 documents
)

func (t mergeTuning) orDefaults() mergeTuning {
	if t.segmentDocs == 0 {
		t.segmentDocs = segmentDocs
	}
	if t.mergeFactor == 0 {
		t.mergeFactor = mergeFactor
	}
	if t.maxTier == 0 {
		t.maxTier = maxTier
	}
	return t
}

// tierOf returns the size class of a segment of n documents.
func (t mergeTuning) tierOf(n int) int {
	tier := 0
	for size := t.mergeFactor; size <= n; size *= t.mergeFactor {
		tier++
	}
	return tier
}

// indexFormat is the version of this index's encoding (search_state.format).
const indexFormat = 1

// mergeLock is the advisory lock a merge holds exclusively and an unindex
// shares: a merge reads which postings are dead, and no document may die
// in a segment while it is merged.
const mergeLock = `hashtext(current_schema() || ' baogao search merge')`

// docIndexes tokenises documents in parallel and returns a function that
// waits for them: AddDocuments starts it before its transaction, so that
// the tokens are made while the server writes.
func docIndexes(docs []*baogao.Document) func() []*docIndex {
	xs := make([]*docIndex, len(docs))
	var wg sync.WaitGroup
	next := make(chan int, len(docs))
	for i := range docs {
		next <- i
	}
	close(next)
	for range min(runtime.GOMAXPROCS(0), len(docs)) {
		wg.Go(func() {
			for i := range next {
				xs[i] = newDocIndex(docs[i])
			}
		})
	}
	return func() []*docIndex {
		wg.Wait()
		return xs
	}
}

// indexDocuments adds stored documents (ids set) to the index, in tx.
func (s *Store) indexDocuments(ctx context.Context, tx pgx.Tx, docs []*baogao.Document, xs []*docIndex) error {
	for i, doc := range docs {
		if doc.ID > search.MaxID {
			return fmt.Errorf("index document %d: id too large for the search index", doc.ID)
		}
		xs[i].setID(doc)
	}
	xs = slices.Clone(xs)
	slices.SortFunc(xs, func(a, b *docIndex) int { return cmp.Compare(a.id, b.id) })
	t := s.merge.orDefaults()
	for len(xs) > 0 {
		part := xs[:min(len(xs), t.segmentDocs)]
		xs = xs[len(part):]
		if err := writeSegment(ctx, tx, t.tierOf(len(part)), part); err != nil {
			return err
		}
	}
	if _, err := tx.Exec(ctx, `UPDATE search_state SET documents = documents + $1`, len(docs)); err != nil {
		return fmt.Errorf("search index state: %w", err)
	}
	return nil
}

// writeSegment writes documents, ascending by id, as a new segment.
func writeSegment(ctx context.Context, tx pgx.Tx, tier int, xs []*docIndex) error {
	var seg int64
	if err := tx.QueryRow(ctx, `INSERT INTO search_segments (tier, documents) VALUES ($1, $2) RETURNING id`, tier, len(xs)).Scan(&seg); err != nil {
		return fmt.Errorf("index: new segment: %w", err)
	}
	_, err := tx.CopyFrom(ctx, pgx.Identifier{"search_docs"}, []string{"document_id", "key", "segment", "length", "folds"},
		pgx.CopyFromSlice(len(xs), func(i int) ([]any, error) {
			x := xs[i]
			return []any{x.id, x.key, seg, x.length, x.folds}, nil
		}))
	if err != nil {
		return fmt.Errorf("index: documents: %w", err)
	}
	lists := map[string][]entry{}
	for _, x := range xs {
		for _, t := range x.terms {
			lists[t.token] = append(lists[t.token], entry{id: x.id, value: t.value, pos: t.pos})
		}
		lists[docsToken] = append(lists[docsToken], entry{id: x.id, value: x.length, key: x.key})
	}
	tokens := make([]string, 0, len(lists))
	for tok := range lists {
		tokens = append(tokens, tok)
	}
	slices.Sort(tokens)
	var blocks []block
	for _, tok := range tokens {
		blocks = encodeBlocks(tok, seg, lists[tok], blocks)
	}
	return copyBlocks(ctx, tx, blocks)
}

// copyBlocks writes rows of postings.
func copyBlocks(ctx context.Context, tx pgx.Tx, blocks []block) error {
	_, err := tx.CopyFrom(ctx, pgx.Identifier{"search_postings"},
		[]string{"segment", "token", "block", "docs", "positions"},
		pgx.CopyFromSlice(len(blocks), func(i int) ([]any, error) {
			b := &blocks[i]
			var positions any
			if positional(b.token) {
				positions = b.positions
			}
			return []any{b.segment, b.token, b.block, b.docs, positions}, nil
		}))
	if err != nil {
		return fmt.Errorf("index: postings: %w", err)
	}
	return nil
}

// unindexDocument removes a document from the index, in tx: its postings
// are marked dead. It does nothing when the document is not indexed. A
// method that changes a document's text or meta calls reindexDocument.
func unindexDocument(ctx context.Context, tx pgx.Tx, id int64) error {
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock_shared(`+mergeLock+`)`); err != nil {
		return fmt.Errorf("unindex document %d: %w", id, err)
	}
	var seg int64
	err := tx.QueryRow(ctx, `DELETE FROM search_docs WHERE document_id = $1 RETURNING segment`, id).Scan(&seg)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil
	}
	if err == nil {
		_, err = tx.Exec(ctx, `INSERT INTO search_dead (segment, document_id) VALUES ($1, $2)`, seg, id)
	}
	if err == nil {
		_, err = tx.Exec(ctx, `UPDATE search_state SET documents = documents - 1`)
	}
	if err != nil {
		return fmt.Errorf("unindex document %d: %w", id, err)
	}
	return nil
}

// reindexDocument indexes the stored document id afresh, in tx: for methods
// that change a document's text or meta (title, kind, place, year, date).
func (s *Store) reindexDocument(ctx context.Context, tx pgx.Tx, id int64) error {
	if err := unindexDocument(ctx, tx, id); err != nil {
		return err
	}
	d, err := scanDocument(tx.QueryRow(ctx, `SELECT `+documentColumns+`, body FROM documents WHERE id = $1`, id), true)
	if err != nil {
		return notFound(err, "document %d not found", id)
	}
	docs := []*baogao.Document{d}
	return s.indexDocuments(ctx, tx, docs, docIndexes(docs)())
}

// ReindexDocument indexes the stored document id afresh, in its own
// transaction: for a change made to a document outside the store's methods.
// It fails with ENOTFOUND when there is no such document.
func (s *Store) ReindexDocument(ctx context.Context, id int64) error {
	err := s.tx(ctx, func(tx pgx.Tx) error { return s.reindexDocument(ctx, tx, id) })
	if err == nil {
		err = s.mergeSegments(ctx)
	}
	return err
}

// Reindex rebuilds the index from the stored documents, a chunk of 1,000
// per transaction, so that other writers, who take the archive's lock,
// wait for one chunk at most; then merges the segments. An index of the
// current version and format stays whole throughout (each document is
// unindexed and indexed again in one transaction); one of another, which
// searches refuse, is emptied first.
func (s *Store) Reindex(ctx context.Context) (int, error) {
	var version, format int
	if err := s.db.QueryRow(ctx, `SELECT version, format FROM search_state`).Scan(&version, &format); err != nil {
		return 0, fmt.Errorf("reindex: %w", err)
	}
	if version != search.IndexVersion || format != indexFormat {
		err := s.tx(ctx, func(tx pgx.Tx) error {
			if err := lockArchive(ctx, tx); err != nil {
				return err
			}
			for _, q := range []string{
				`SELECT pg_advisory_xact_lock(` + mergeLock + `)`,
				`DELETE FROM search_postings`,
				`DELETE FROM search_segments`,
				`DELETE FROM search_docs`,
				`DELETE FROM search_dead`,
				`UPDATE search_state SET documents = 0`,
			} {
				if _, err := tx.Exec(ctx, q); err != nil {
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
		var docs []*baogao.Document
		err := s.tx(ctx, func(tx pgx.Tx) error {
			if err := lockArchive(ctx, tx); err != nil {
				return err
			}
			rows, err := tx.Query(ctx, `SELECT `+documentColumns+`, body FROM documents WHERE id > $1 ORDER BY id LIMIT 1000`, last)
			if err != nil {
				return fmt.Errorf("reindex: %w", err)
			}
			docs, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (*baogao.Document, error) { return scanDocument(r, true) })
			if err != nil || len(docs) == 0 {
				return err
			}
			for _, d := range docs {
				if err := unindexDocument(ctx, tx, d.ID); err != nil {
					return err
				}
			}
			return s.indexDocuments(ctx, tx, docs, docIndexes(docs)())
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
	err := s.tx(ctx, func(tx pgx.Tx) error {
		if err := lockArchive(ctx, tx); err != nil {
			return err
		}
		// Entries of documents deleted behind the store's back.
		rows, err := tx.Query(ctx, `SELECT document_id FROM search_docs WHERE document_id NOT IN (SELECT id FROM documents)`)
		if err != nil {
			return err
		}
		gone, err := pgx.CollectRows(rows, pgx.RowTo[int64])
		if err != nil {
			return err
		}
		for _, id := range gone {
			if err := unindexDocument(ctx, tx, id); err != nil {
				return err
			}
		}
		// The segments that held only the old entries, now all dead.
		for _, q := range []string{
			`SELECT pg_advisory_xact_lock(` + mergeLock + `)`,
			`CREATE TEMP TABLE reindex_empty ON COMMIT DROP AS
				SELECT id FROM search_segments WHERE id NOT IN (SELECT DISTINCT segment FROM search_docs)`,
			`DELETE FROM search_postings WHERE segment IN (SELECT id FROM reindex_empty)`,
			`DELETE FROM search_dead WHERE segment IN (SELECT id FROM reindex_empty)`,
			`DELETE FROM search_segments WHERE id IN (SELECT id FROM reindex_empty)`,
			fmt.Sprintf(`UPDATE search_state SET version = %d, format = %d`, search.IndexVersion, indexFormat),
		} {
			if _, err := tx.Exec(ctx, q); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return n, fmt.Errorf("reindex: %w", err)
	}
	return n, s.mergeSegments(ctx)
}

// mergeSegments merges segments while some tier below maxTier has
// mergeFactor of them. It does nothing when another merge, or an unindex,
// holds the merge lock: that one merges.
func (s *Store) mergeSegments(ctx context.Context) error {
	for {
		merged := false
		err := s.tx(ctx, func(tx pgx.Tx) error {
			var ok bool
			if err := tx.QueryRow(ctx, `SELECT pg_try_advisory_xact_lock(`+mergeLock+`)`).Scan(&ok); err != nil || !ok {
				return err
			}
			t := s.merge.orDefaults()
			var ids []int64
			err := tx.QueryRow(ctx, `SELECT array_agg(id ORDER BY id) FROM search_segments WHERE tier < $1
				GROUP BY tier HAVING count(*) >= $2 ORDER BY tier LIMIT 1`, t.maxTier, t.mergeFactor).Scan(&ids)
			if errors.Is(err, pgx.ErrNoRows) {
				return nil
			}
			if err != nil {
				return err
			}
			merged = true
			return s.mergeInto(ctx, tx, ids)
		})
		if err != nil {
			return fmt.Errorf("search index: merge: %w", err)
		}
		if !merged {
			return nil
		}
	}
}

// mergeInto replaces the segments ids by one, without their dead postings.
// It reads each segment's rows in token order through a cursor and merges
// them token by token, writing the new rows as it goes.
func (s *Store) mergeInto(ctx context.Context, tx pgx.Tx, ids []int64) error {
	dead := map[[2]int64]bool{}
	rows, err := tx.Query(ctx, `SELECT segment, document_id FROM search_dead WHERE segment = ANY($1)`, ids)
	if err != nil {
		return err
	}
	var sk [2]int64
	if _, err := pgx.ForEachRow(rows, []any{&sk[0], &sk[1]}, func() error { dead[sk] = true; return nil }); err != nil {
		return err
	}
	var seg int64
	if err := tx.QueryRow(ctx, `INSERT INTO search_segments (tier, documents) VALUES (0, 0) RETURNING id`).Scan(&seg); err != nil {
		return err
	}
	curs := make([]*cursor, len(ids))
	for i, id := range ids {
		curs[i] = &cursor{tx: tx, name: fmt.Sprintf("merge_%d", i), segment: id}
		if _, err := tx.Exec(ctx, fmt.Sprintf(`DECLARE %s NO SCROLL CURSOR FOR SELECT token, docs, positions
			FROM search_postings WHERE segment = %d ORDER BY token, block`, curs[i].name, id)); err != nil {
			return err
		}
	}
	var out []block
	outBytes := 0
	documents := 0
	for {
		// The least token at the head of a cursor, and every row of it.
		tok, any := "", false
		for _, c := range curs {
			if err := c.fill(ctx); err != nil {
				return err
			}
			if len(c.rows) > 0 && (!any || c.rows[0].token < tok) {
				tok, any = c.rows[0].token, true
			}
		}
		if !any {
			break
		}
		var entries []entry
		for _, c := range curs {
			for {
				if err := c.fill(ctx); err != nil {
					return err
				}
				if len(c.rows) == 0 || c.rows[0].token != tok {
					break
				}
				r := c.rows[0]
				c.rows = c.rows[1:]
				err := decodeBlock(tok, r.docs, r.positions, func(e entry) {
					if !dead[[2]int64{c.segment, e.id}] {
						entries = append(entries, e)
					}
				})
				if err != nil {
					return err
				}
			}
		}
		slices.SortFunc(entries, func(a, b entry) int { return cmp.Compare(a.id, b.id) })
		if tok == docsToken {
			documents = len(entries)
		}
		n := len(out)
		out = encodeBlocks(tok, seg, entries, out)
		for _, b := range out[n:] {
			outBytes += len(b.docs) + len(b.positions)
		}
		if outBytes > 16<<20 {
			if err := copyBlocks(ctx, tx, out); err != nil {
				return err
			}
			out, outBytes = out[:0], 0
		}
	}
	if err := copyBlocks(ctx, tx, out); err != nil {
		return err
	}
	t := s.merge.orDefaults()
	for _, q := range []struct {
		sql  string
		args []any
	}{
		{`DELETE FROM search_postings WHERE segment = ANY($1)`, []any{ids}},
		{`DELETE FROM search_dead WHERE segment = ANY($1)`, []any{ids}},
		{`UPDATE search_docs SET segment = $2 WHERE segment = ANY($1)`, []any{ids, seg}},
		{`DELETE FROM search_segments WHERE id = ANY($1)`, []any{ids}},
		{`UPDATE search_segments SET tier = $2, documents = $3 WHERE id = $1`, []any{seg, t.tierOf(documents), documents}},
		{`DELETE FROM search_segments WHERE id = $1 AND documents = 0`, []any{seg}},
	} {
		if _, err := tx.Exec(ctx, q.sql, q.args...); err != nil {
			return err
		}
	}
	return nil
}

// cursor reads one segment's rows in token order, a thousand at a time.
type cursor struct {
	tx      pgx.Tx
	name    string
	segment int64
	rows    []postingRow
	done    bool
}

type postingRow struct {
	token           string
	docs, positions []byte
}

// fill fetches more rows when none are buffered.
func (c *cursor) fill(ctx context.Context) error {
	if len(c.rows) > 0 || c.done {
		return nil
	}
	rows, err := c.tx.Query(ctx, `FETCH 1000 FROM `+c.name)
	if err != nil {
		return err
	}
	var r postingRow
	_, err = pgx.ForEachRow(rows, []any{&r.token, &r.docs, &r.positions}, func() error {
		c.rows = append(c.rows, r)
		r = postingRow{}
		return nil
	})
	if err != nil {
		return err
	}
	c.done = len(c.rows) == 0
	return nil
}
