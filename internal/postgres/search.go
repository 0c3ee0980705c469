package postgres

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/baogao/baogao"
	"github.com/baogao/baogao/internal/search"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Search finds documents; see baogao.Store. It reads, in one snapshot, the
// postings of the query's tokens and of the filter's tags, then the
// positions of the blocks where a phrase may be, and evaluates the query
// exactly in Go: every matching document is found, counted and scored with
// the levels of the index (search.LevelScore), so the hits, their order and
// their scores are those of a search of every document's text — the
// SQLite store's, and the conformance suite's brute-force oracle's.
func (s *Store) Search(ctx context.Context, sq baogao.SearchQuery) (baogao.SearchResult, error) {
	res := baogao.SearchResult{Hits: []baogao.SearchHit{}}
	p, err := search.NewPlan(sq)
	if err != nil {
		return res, err
	}
	conn, err := s.read.Acquire(ctx)
	if err != nil {
		return res, fmt.Errorf("search: %w", err)
	}
	defer conn.Release()
	e := &evaluation{s: s, p: p, conn: conn}
	err = e.run(ctx, &res)
	if e.open {
		// A failed search, or one without hits, leaves its snapshot open:
		// end it, so that the connection goes back to the pool clean.
		conn.Exec(context.WithoutCancel(ctx), `ROLLBACK`)
	}
	return res, err
}

// evaluation is one search in progress.
type evaluation struct {
	s        *Store
	p        *search.Plan
	conn     *pgxpool.Conn
	open     bool // the snapshot's transaction is open
	docs     int  // documents indexed
	maxID    int64
	segments []int64
	tables   map[int64]*segmentTable // by segment id
	dead     map[[2]int64]bool       // segment, document id
	// The rows of postings read, and each token's postings.
	rows  []postingBlock
	lists map[string]*plist
	must  [][]*qterm // clause by clause
	not   []*qterm
	ids   []int64 // the matches, when the plan's Limit is 0 (SearchFacets)
	// demoted holds the ids of the texts flagged to the reader
	// (baogao.Meta.Demoted), read for a search by relevance.
	demoted map[int64]bool
}

// postingBlock is one row of postings read; offsets are where each
// document's positions begin, once the positions are read.
type postingBlock struct {
	token           string
	segment         int64
	block           int32
	docs, positions []byte
	offsets         []int
}

// posting is one document in a token's postings: its id, value and where
// its positions are (a row of e.rows and its place in it).
type posting struct {
	id    int64
	value int32
	row   int32
	at    int32
}

// plist is the postings of one token, live documents only, with a look-up
// by document id.
type plist struct {
	items []posting
	dense []int32 // id → index+1, for long lists
	small map[int64]int32
}

func (l *plist) find(id int64) (*posting, bool) {
	var i int32
	if l.dense != nil {
		if id >= int64(len(l.dense)) {
			return nil, false
		}
		i = l.dense[id]
	} else {
		i = l.small[id]
	}
	if i == 0 {
		return nil, false
	}
	return &l.items[i-1], true
}

func (l *plist) index(maxID int64) {
	if int64(len(l.items))*32 > maxID {
		l.dense = make([]int32, maxID+1)
		for i, p := range l.items {
			if p.id <= maxID {
				l.dense[p.id] = int32(i + 1)
			}
		}
		return
	}
	l.small = make(map[int64]int32, len(l.items))
	for i, p := range l.items {
		l.small[p.id] = int32(i + 1)
	}
}

// qterm is one term of the query and what the index says of it.
type qterm struct {
	t search.Term
	// single is the token of a term that is one token: a rune's runeToken
	// entry, or a bigram; its postings' values are the term's levels.
	single string
	// Otherwise the term is a phrase of stream tokens at consecutive
	// positions; when prefix is set, the last is any token beginning with
	// the rune prefixRune.
	tokens     []string
	prefix     bool
	prefixRune rune
	// candidates are the documents holding every token (the phrase's
	// superset) and isCandidate marks them; levels holds the phrase's level
	// in the documents verified (0: it does not occur), once positions are
	// read.
	candidates  []doc
	isCandidate bitset
	levels      map[int64]uint8
}

// doc is a document found, by id, with its sort key.
type doc struct{ id, key int64 }

// bitset marks document ids.
type bitset []uint64

func newBitset(maxID int64) bitset { return make(bitset, maxID/64+1) }

func (b bitset) set(id int64) { b[id/64] |= 1 << (id % 64) }

func (b bitset) has(id int64) bool { return id/64 < int64(len(b)) && b[id/64]&(1<<(id%64)) != 0 }

// run evaluates the search and fills res.
//
// It makes at most three round trips: the first opens a snapshot and reads
// the index state, the dead postings, the postings of the tokens and the
// tables of the segments this process has not read yet; the second reads
// the positions a phrase needs; the third reads the page's documents and
// ends the snapshot.
func (e *evaluation) run(ctx context.Context, res *baogao.SearchResult) error {
	for _, c := range e.p.Query.Must {
		var clause []*qterm
		for _, t := range c {
			clause = append(clause, newQterm(t))
		}
		e.must = append(e.must, clause)
	}
	for _, t := range e.p.Query.Not {
		e.not = append(e.not, newQterm(t))
	}
	if err := e.read(ctx); err != nil {
		return err
	}

	// Candidates of phrases; the documents that may be members.
	for _, q := range e.terms() {
		if q.single == "" {
			e.phraseCandidates(q)
		}
	}
	maybe, marked := e.maybeMembers()

	if err := e.verifyPhrases(ctx, marked); err != nil {
		return err
	}

	if e.p.Limit == 0 { // the ids of every match, for SearchFacets
		for _, d := range maybe {
			if e.matches(d, make([]int, len(e.must))) {
				e.ids = append(e.ids, d.id)
			}
		}
		return nil
	}
	hits, total := e.rank(maybe)

	res.Total = total
	hits = hits[min(len(hits), e.p.Offset):]
	hits = hits[:min(len(hits), e.p.Limit)]
	var err error
	res.Hits, err = e.hits(ctx, hits)
	return err
}

// terms returns every term of the query, excluded ones too.
func (e *evaluation) terms() []*qterm {
	var out []*qterm
	for _, c := range e.must {
		out = append(out, c...)
	}
	return append(out, e.not...)
}

func newQterm(t search.Term) *qterm {
	q := &qterm{t: t}
	if tok, ok := t.Single(); ok {
		if utf8.RuneCountInString(tok) == 1 {
			tok = runeToken + tok
		}
		q.single = tok
		return q
	}
	q.tokens, q.prefix = t.Tokens()
	if q.prefix {
		q.prefixRune, _ = utf8.DecodeRuneInString(q.tokens[len(q.tokens)-1])
	}
	return q
}

// read opens the snapshot and reads, in one round trip, the index's state,
// segments and dead postings, the postings (without positions) of the
// query's tokens and of the filter's tags, and the tables of documents of
// the segments not in the cache; it refuses an index built by another
// version.
func (e *evaluation) read(ctx context.Context) error {
	want := map[string]bool{}
	var ranges []string // pairs of bounds of the tokens beginning with a rune
	for _, q := range e.terms() {
		if q.single != "" {
			want[q.single] = true
			continue
		}
		toks := q.tokens
		if q.prefix {
			toks = toks[:len(toks)-1]
			want[runeToken+string(q.prefixRune)] = true
			ranges = append(ranges, string(q.prefixRune), string(q.prefixRune+1))
		}
		for _, t := range toks {
			want[t] = true
		}
	}
	for _, tag := range e.p.Filter.Tags {
		want[tagToken+tag] = true
	}
	tokens := make([]string, 0, len(want))
	for t := range want {
		tokens = append(tokens, t)
	}
	// ARRAY(SELECT …): the segments are one parameter of the index scan
	// (a join would have the planner guess their number, and scan).
	postings := `SELECT token, segment, block, docs FROM search_postings
		WHERE segment = ANY(ARRAY(SELECT id FROM search_segments)) AND (token = ANY($1)`
	args := []any{tokens}
	for i := 0; i < len(ranges); i += 2 {
		postings += fmt.Sprintf(` OR token >= $%d AND token < $%d`, len(args)+1, len(args)+2)
		args = append(args, ranges[i], ranges[i+1])
	}
	var version, format int
	var nonces []int64
	cached := e.s.segs.ids()
	tables := map[int64]*segmentTable{}
	b := &pgx.Batch{}
	b.Queue(`BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY`)
	b.Queue(`SELECT version, format, documents, s.ids, s.nonces FROM search_state,
		(SELECT coalesce(array_agg(id ORDER BY id), '{}') ids, coalesce(array_agg(nonce ORDER BY id), '{}') nonces FROM search_segments) s`).
		QueryRow(func(r pgx.Row) error { return r.Scan(&version, &format, &e.docs, &e.segments, &nonces) })
	e.dead = map[[2]int64]bool{}
	b.Queue(`SELECT segment, document_id FROM search_dead`).Query(func(rows pgx.Rows) error {
		var sd [2]int64
		_, err := pgx.ForEachRow(rows, []any{&sd[0], &sd[1]}, func() error { e.dead[sd] = true; return nil })
		return err
	})
	b.Queue(postings+`)`, args...).Query(func(rows pgx.Rows) error {
		var r postingBlock
		_, err := pgx.ForEachRow(rows, []any{&r.token, &r.segment, &r.block, &r.docs}, func() error {
			e.rows = append(e.rows, r)
			r = postingBlock{}
			return nil
		})
		return err
	})
	b.Queue(`SELECT segment, docs FROM search_postings WHERE segment = ANY(ARRAY(SELECT id FROM search_segments WHERE id <> ALL($1)))
		AND token = $2 ORDER BY segment, block`, cached, docsToken).Query(func(rows pgx.Rows) error {
		return readTables(rows, tables)
	})
	if e.p.Sort == baogao.SortRelevance && e.p.Limit > 0 {
		e.demoted = map[int64]bool{}
		b.Queue(`SELECT document_id FROM assessments WHERE quality <> '' UNION SELECT id FROM documents WHERE flagged`).
			Query(func(rows pgx.Rows) error {
				var id int64
				_, err := pgx.ForEachRow(rows, []any{&id}, func() error { e.demoted[id] = true; return nil })
				return err
			})
	}
	e.open = true
	if err := e.conn.SendBatch(ctx, b).Close(); err != nil {
		return fmt.Errorf("search: %w", err)
	}
	if version != search.IndexVersion || format != indexFormat {
		return &baogao.Error{Code: baogao.EUNAVAILABLE, Message: "搜索索引需要重建，请稍后再试",
			Err: fmt.Errorf("search index version %d.%d, this build needs %d.%d: run `baogao reindex`", version, format,
				search.IndexVersion, indexFormat)}
	}
	var err error
	if e.tables, err = e.s.segs.tables(ctx, e.conn, e.segments, nonces, tables); err != nil {
		return err
	}
	for _, t := range e.tables {
		if n := len(t.ids); n > 0 {
			e.maxID = max(e.maxID, t.ids[n-1])
		}
	}
	e.lists = map[string]*plist{}
	for i := range e.rows {
		b := &e.rows[i]
		l := e.lists[b.token]
		if l == nil {
			l = &plist{}
			e.lists[b.token] = l
		}
		at := int32(0)
		err := decodeBlock(b.token, b.docs, nil, func(x entry) {
			if len(e.dead) == 0 || !e.dead[[2]int64{b.segment, x.id}] {
				l.items = append(l.items, posting{id: x.id, value: int32(x.value), row: int32(i), at: at})
			}
			at++
		})
		if err != nil {
			return err
		}
	}
	for _, l := range e.lists {
		l.index(e.maxID)
	}
	return nil
}

// key returns a document's sort key and length, from the table of the
// segment its postings come from.
func (e *evaluation) doc(p *posting) (key int64, length int) {
	t := e.tables[e.rows[p.row].segment]
	i, ok := t.find(p.id)
	if !ok {
		return 0, 0
	}
	return t.keys[i], int(t.lengths[i])
}

// list returns a token's postings, empty when no document has it.
func (e *evaluation) list(token string) *plist {
	if l := e.lists[token]; l != nil {
		return l
	}
	return &plist{small: map[int64]int32{}}
}

// phraseCandidates sets the documents holding every token of a phrase
// (for a final prefix, the rune).
func (e *evaluation) phraseCandidates(q *qterm) {
	var lists []*plist
	toks := q.tokens
	if q.prefix {
		toks = toks[:len(toks)-1]
		lists = append(lists, e.list(runeToken+string(q.prefixRune)))
	}
	for _, t := range toks {
		lists = append(lists, e.list(t))
	}
	slices.SortFunc(lists, func(a, b *plist) int { return cmp.Compare(len(a.items), len(b.items)) })
	q.isCandidate = newBitset(e.maxID)
next:
	for i := range lists[0].items {
		p := &lists[0].items[i]
		for _, l := range lists[1:] {
			if _, ok := l.find(p.id); !ok {
				continue next
			}
		}
		key, _ := e.doc(p)
		q.candidates = append(q.candidates, doc{p.id, key})
		q.isCandidate.set(p.id)
	}
}

// each calls fn with each document the term may match (a phrase: its
// candidates) and the document's key.
func (q *qterm) each(e *evaluation, fn func(id, key int64)) {
	if q.single != "" {
		l := e.list(q.single)
		for i := range l.items {
			key, _ := e.doc(&l.items[i])
			fn(l.items[i].id, key)
		}
		return
	}
	for _, d := range q.candidates {
		fn(d.id, d.key)
	}
}

// size is the number of documents the term may match.
func (q *qterm) size(e *evaluation) int {
	if q.single != "" {
		return len(e.list(q.single).items)
	}
	return len(q.candidates)
}

// level returns the term's level in a document, 0 when it does not occur;
// for a phrase, once verifyPhrases has run.
func (q *qterm) level(e *evaluation, id int64) int {
	if q.single != "" {
		if p, ok := e.list(q.single).find(id); ok {
			return int(p.value)
		}
		return 0
	}
	return int(q.levels[id])
}

// inFilter reports whether a document passes the filter: its tags and the
// range of keys of its years.
func (e *evaluation) inFilter(id, key int64) bool {
	f := &e.p.Filter
	if key < f.KeyLo || key > f.KeyHi {
		return false
	}
	for _, tag := range f.Tags {
		if _, ok := e.list(tagToken + tag).find(id); !ok {
			return false
		}
	}
	return true
}

// maybeMembers returns the documents that may match — in the filter, and
// a candidate of some term of every clause — and marks them.
func (e *evaluation) maybeMembers() ([]doc, bitset) {
	// Start from the clause with the fewest candidates.
	first, fewest := 0, -1
	for i, c := range e.must {
		n := 0
		for _, q := range c {
			n += q.size(e)
		}
		if fewest < 0 || n < fewest {
			first, fewest = i, n
		}
	}
	var out []doc
	marked := newBitset(e.maxID)
	for _, q := range e.must[first] {
		q.each(e, func(id, key int64) {
			if marked.has(id) || !e.inFilter(id, key) {
				return
			}
			for i, c := range e.must {
				if i != first && !e.mayHave(c, id) {
					return
				}
			}
			marked.set(id)
			out = append(out, doc{id, key})
		})
	}
	return out, marked
}

// mayHave reports whether a term of the clause may occur in a document.
func (e *evaluation) mayHave(c []*qterm, id int64) bool {
	for _, q := range c {
		if q.single != "" {
			if _, ok := e.list(q.single).find(id); ok {
				return true
			}
		} else if q.isCandidate.has(id) {
			return true
		}
	}
	return false
}

// verifyPhrases reads the positions a phrase needs and counts its
// occurrences: in every candidate when the clause's weight needs its count
// over the archive (a query of several clauses), else in the documents
// that may be members.
func (e *evaluation) verifyPhrases(ctx context.Context, maybe bitset) error {
	type job struct {
		q   *qterm
		ids []int64
	}
	var jobs []job
	for _, c := range e.must {
		for _, q := range c {
			if q.single != "" {
				continue
			}
			var ids []int64
			for _, d := range q.candidates {
				may := maybe.has(d.id)
				if may || len(e.must) > 1 {
					ids = append(ids, d.id)
				}
			}
			jobs = append(jobs, job{q, ids})
		}
	}
	for _, q := range e.not {
		if q.single != "" {
			continue
		}
		var ids []int64
		for _, d := range q.candidates {
			if maybe.has(d.id) {
				ids = append(ids, d.id)
			}
		}
		jobs = append(jobs, job{q, ids})
	}
	if len(jobs) == 0 {
		return nil
	}
	// The rows whose positions are needed.
	need := map[int32]bool{}
	prefixTokens := map[rune][]string{}
	for _, j := range jobs {
		toks := j.q.tokens
		if j.q.prefix {
			toks = toks[:len(toks)-1]
			r := j.q.prefixRune
			if _, ok := prefixTokens[r]; !ok {
				for tok := range e.lists {
					if first, _ := utf8.DecodeRuneInString(tok); first == r && positional(tok) {
						prefixTokens[r] = append(prefixTokens[r], tok)
					}
				}
			}
			for _, id := range j.ids {
				for _, tok := range prefixTokens[r] {
					if p, ok := e.list(tok).find(id); ok {
						need[p.row] = true
					}
				}
			}
		}
		for _, id := range j.ids {
			for _, tok := range toks {
				if p, ok := e.list(tok).find(id); ok {
					need[p.row] = true
				}
			}
		}
	}
	if err := e.readPositions(ctx, need); err != nil {
		return err
	}
	var c phraseCounter
	for _, j := range jobs {
		j.q.levels = make(map[int64]uint8, len(j.ids))
		first := e.list(j.q.tokens[0])
		for _, id := range j.ids {
			body, title, err := c.count(e, j.q, prefixTokens[j.q.prefixRune], id)
			if err != nil {
				return err
			}
			if body+title > 0 {
				level := 1 // a Not term, or a clause's count, needs only to know it is there
				if maybe.has(id) {
					p, _ := first.find(id)
					_, length := e.doc(p)
					level = search.Level(body+search.TitleWeight*title, length)
				}
				j.q.levels[id] = uint8(level)
			}
		}
	}
	return nil
}

// readPositions reads the positions of the rows.
func (e *evaluation) readPositions(ctx context.Context, need map[int32]bool) error {
	if len(need) == 0 {
		return nil
	}
	segs := make([]int64, 0, len(need))
	toks := make([]string, 0, len(need))
	blocks := make([]int32, 0, len(need))
	type rowID struct {
		segment int64
		token   string
		block   int32
	}
	at := map[rowID]int32{}
	for row := range need {
		b := &e.rows[row]
		segs, toks, blocks = append(segs, b.segment), append(toks, b.token), append(blocks, b.block)
		at[rowID{b.segment, b.token, b.block}] = row
	}
	rows, err := e.conn.Query(ctx, `SELECT p.segment, p.token, p.block, p.positions
		FROM unnest($1::bigint[], $2::text[], $3::integer[]) AS w (segment, token, block)
		JOIN search_postings p ON p.segment = w.segment AND p.token = w.token AND p.block = w.block`,
		segs, toks, blocks)
	if err != nil {
		return fmt.Errorf("search: positions: %w", err)
	}
	var id rowID
	var data []byte
	_, err = pgx.ForEachRow(rows, []any{&id.segment, &id.token, &id.block, &data}, func() error {
		row, ok := at[id]
		if !ok {
			return errors.New("search: positions of a row not asked for")
		}
		e.rows[row].positions = data
		data = nil
		return nil
	})
	if err != nil {
		return fmt.Errorf("search: positions: %w", err)
	}
	return nil
}

// phraseCounter counts a phrase's occurrences, reusing its buffers.
type phraseCounter struct {
	body, title [][]int32
}

// count returns the occurrences of a phrase in a document's body and
// title: the positions p where its i-th token is at p+i for every i.
func (c *phraseCounter) count(e *evaluation, q *qterm, prefixToks []string, id int64) (int, int, error) {
	n := len(q.tokens)
	for len(c.body) < n {
		c.body, c.title = append(c.body, nil), append(c.title, nil)
	}
	for i, tok := range q.tokens {
		if q.prefix && i == n-1 {
			// Any token beginning with the rune: the union of theirs.
			c.body[i], c.title[i] = c.body[i][:0], c.title[i][:0]
			for _, t := range prefixToks {
				p, ok := e.list(t).find(id)
				if !ok {
					continue
				}
				b, ti, err := e.positionsOf(p, nil, nil)
				if err != nil {
					return 0, 0, err
				}
				c.body[i], c.title[i] = append(c.body[i], b...), append(c.title[i], ti...)
			}
			slices.Sort(c.body[i])
			slices.Sort(c.title[i])
			continue
		}
		p, ok := e.list(tok).find(id)
		if !ok {
			return 0, 0, nil
		}
		var err error
		if c.body[i], c.title[i], err = e.positionsOf(p, c.body[i], c.title[i]); err != nil {
			return 0, 0, err
		}
	}
	return aligned(c.body[:n]), aligned(c.title[:n]), nil
}

// positionsOf decodes a posting's positions.
func (e *evaluation) positionsOf(p *posting, body, title []int32) ([]int32, []int32, error) {
	b := &e.rows[p.row]
	if b.offsets == nil {
		rest := b.positions
		for len(rest) > 0 {
			b.offsets = append(b.offsets, len(b.positions)-len(rest))
			var err error
			if rest, err = skipPositions(rest); err != nil {
				return nil, nil, err
			}
		}
	}
	if int(p.at) >= len(b.offsets) {
		return nil, nil, errCorrupt
	}
	body, title, _, err := decodePositions(b.positions[b.offsets[p.at]:], body, title)
	return body, title, err
}

// aligned counts the positions p of lists[0] with p+i in lists[i] for
// every i; each list ascending.
func aligned(lists [][]int32) int {
	at := make([]int, len(lists))
	n := 0
next:
	for _, p := range lists[0] {
		for i := 1; i < len(lists); i++ {
			l := lists[i]
			for at[i] < len(l) && l[at[i]] < p+int32(i) {
				at[i]++
			}
			if at[i] == len(l) {
				return n
			}
			if l[at[i]] != p+int32(i) {
				continue next
			}
		}
		n++
	}
	return n
}

// hit is a matching document, scored.
type hit struct {
	key     int64
	score   float64
	demoted bool // flagged to the reader: after clean texts by relevance
}

// rank returns the first Offset+Limit hits in the plan's order, and the
// number of matching documents.
func (e *evaluation) rank(maybe []doc) ([]hit, int) {
	dfs := make([]int, len(e.must))
	if len(e.must) > 1 {
		seen := newBitset(e.maxID)
		for i, c := range e.must {
			clear(seen)
			for _, q := range c {
				q.each(e, func(id, _ int64) {
					if !seen.has(id) && q.level(e, id) > 0 {
						seen.set(id)
						dfs[i]++
					}
				})
			}
		}
	}
	weights := search.Weights(dfs, e.docs)
	byDate := e.p.Sort == baogao.SortDate
	top := topHits{n: e.p.Offset + e.p.Limit, byDate: byDate}
	best := make([]int, len(e.must))
	total := 0
	for _, d := range maybe {
		if !e.matches(d, best) {
			continue
		}
		if score, ok := search.LevelScore(weights, best); ok {
			total++
			top.add(hit{key: d.key, score: score, demoted: e.demoted[d.id]})
		}
	}
	return top.sorted(), total
}

// matches reports whether a document that may match has no excluded term
// and a term of every clause, leaving each clause's best level in best.
func (e *evaluation) matches(d doc, best []int) bool {
	for _, q := range e.not {
		if q.level(e, d.id) > 0 {
			return false
		}
	}
	for i, c := range e.must {
		best[i] = 0
		for _, q := range c {
			best[i] = max(best[i], q.level(e, d.id))
		}
		if best[i] == 0 {
			return false
		}
	}
	return true
}

// topHits keeps the best n hits seen: clean before demoted, by score, then key, or by key
// alone. A heap with the worst at the root.
type topHits struct {
	n      int
	byDate bool
	h      []hit
}

// before reports whether a comes before b in the order of hits.
func (t *topHits) before(a, b hit) bool {
	if !t.byDate && a.demoted != b.demoted {
		return b.demoted
	}
	if !t.byDate && a.score != b.score {
		return a.score > b.score
	}
	return a.key > b.key
}

func (t *topHits) add(x hit) {
	if len(t.h) < t.n {
		t.h = append(t.h, x)
		for i := len(t.h) - 1; i > 0; { // up: the worst rises to the root
			parent := (i - 1) / 2
			if !t.before(t.h[parent], t.h[i]) {
				break
			}
			t.h[parent], t.h[i] = t.h[i], t.h[parent]
			i = parent
		}
		return
	}
	if len(t.h) == 0 || !t.before(x, t.h[0]) {
		return
	}
	t.h[0] = x
	for i := 0; ; { // down
		worst, l, r := i, 2*i+1, 2*i+2
		if l < len(t.h) && t.before(t.h[worst], t.h[l]) {
			worst = l
		}
		if r < len(t.h) && t.before(t.h[worst], t.h[r]) {
			worst = r
		}
		if worst == i {
			return
		}
		t.h[i], t.h[worst] = t.h[worst], t.h[i]
		i = worst
	}
}

// sorted returns the hits kept, in order.
func (t *topHits) sorted() []hit {
	slices.SortFunc(t.h, func(a, b hit) int {
		if t.before(a, b) {
			return -1
		}
		if t.before(b, a) {
			return 1
		}
		return 0
	})
	return t.h
}

// hits reads the page's documents and makes their snippets.
func (e *evaluation) hits(ctx context.Context, page []hit) ([]baogao.SearchHit, error) {
	out := []baogao.SearchHit{}
	if len(page) == 0 {
		return out, nil // Search rolls the snapshot back
	}
	ids := make([]int64, len(page))
	for i, h := range page {
		ids[i] = search.KeyID(h.key)
	}
	type row struct {
		hit   baogao.SearchHit
		body  string
		folds bool
	}
	byID := map[int64]row{}
	b := &pgx.Batch{}
	b.Queue(`SELECT d.id, d.kind, d.place_code, d.region, d.year, d.date, d.title, d.body, s.folds,
		coalesce(a.completeness, ''), coalesce(a.quality, '')
		FROM documents d JOIN search_docs s ON s.document_id = d.id LEFT JOIN assessments a ON a.document_id = d.id
		WHERE d.id = ANY($1)`, ids).Query(func(rows pgx.Rows) error {
		var id int64
		var kind, place, region, date, title, completeness, quality string
		var year int
		var x row
		_, err := pgx.ForEachRow(rows, []any{&id, &kind, &place, &region, &year, &date, &title, &x.body, &x.folds, &completeness, &quality}, func() error {
			x.hit = search.Hit(id, baogao.Kind(kind), place, baogao.Region(region), year, date, title, 0)
			x.hit.Completeness = baogao.Completeness(completeness)
			for _, f := range strings.Split(quality, ",") {
				if f != "" {
					x.hit.Quality = append(x.hit.Quality, baogao.QualityFlag(f))
				}
			}
			byID[id] = x
			return nil
		})
		return err
	})
	b.Queue(`COMMIT`)
	if err := e.conn.SendBatch(ctx, b).Close(); err != nil {
		return nil, fmt.Errorf("search: read hits: %w", err)
	}
	e.open = false
	terms := e.p.Query.Terms()
	for _, h := range page {
		x, ok := byID[search.KeyID(h.key)]
		if !ok {
			continue
		}
		x.hit.Score = h.score
		x.hit.Snippet = search.SnippetOf(x.body, x.folds, terms, 0)
		out = append(out, x.hit)
	}
	return out, nil
}

// segmentCache keeps the table of documents of the segments a process has
// read: segments never change once written.
type segmentCache struct {
	mu   sync.Mutex
	segs map[[2]int64]*segmentTable // id, nonce
}

// segmentTable is a segment's documents, ascending by id, with their sort
// keys and body lengths; when the ids are dense enough, at holds the place
// of each id from the first (index+1, 0 for none).
type segmentTable struct {
	ids     []int64
	keys    []int64
	lengths []int32
	at      []int32
}

func (t *segmentTable) find(id int64) (int, bool) {
	if t.at != nil {
		if i := id - t.ids[0]; i >= 0 && i < int64(len(t.at)) && t.at[i] > 0 {
			return int(t.at[i] - 1), true
		}
		return 0, false
	}
	i, ok := slices.BinarySearch(t.ids, id)
	return i, ok
}

// index makes at when the ids span at most four times their number.
func (t *segmentTable) index() {
	n := len(t.ids)
	if n == 0 || t.ids[n-1]-t.ids[0] >= int64(4*n) {
		return
	}
	t.at = make([]int32, t.ids[n-1]-t.ids[0]+1)
	for i, id := range t.ids {
		t.at[id-t.ids[0]] = int32(i + 1)
	}
}

// ids returns the ids of the segments in the cache.
func (c *segmentCache) ids() []int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make([]int64, 0, len(c.segs))
	for k := range c.segs {
		out = append(out, k[0])
	}
	return out
}

// readTables decodes rows of docsToken (segment, docs), ordered by segment
// and block, into tables.
func readTables(rows pgx.Rows, tables map[int64]*segmentTable) error {
	var seg int64
	var docs []byte
	_, err := pgx.ForEachRow(rows, []any{&seg, &docs}, func() error {
		t := tables[seg]
		if t == nil {
			t = &segmentTable{}
			tables[seg] = t
		}
		return decodeBlock(docsToken, docs, nil, func(x entry) {
			t.ids, t.keys, t.lengths = append(t.ids, x.id), append(t.keys, x.key), append(t.lengths, int32(x.value))
		})
	})
	return err
}

// tables returns the tables of the segments: from the cache, from read
// (those read with the snapshot because the cache lacked them), or read
// now (a segment in the cache under another nonce: a restored backup). It
// forgets the segments not among them.
func (c *segmentCache) tables(ctx context.Context, conn *pgxpool.Conn, ids, nonces []int64, read map[int64]*segmentTable) (map[int64]*segmentTable, error) {
	out := make(map[int64]*segmentTable, len(ids))
	var stale []int64
	c.mu.Lock()
	if c.segs == nil {
		c.segs = map[[2]int64]*segmentTable{}
	}
	current := make(map[[2]int64]bool, len(ids))
	for i, id := range ids {
		k := [2]int64{id, nonces[i]}
		current[k] = true
		switch t, ok := read[id]; {
		case ok:
			t.index()
			c.segs[k] = t
			out[id] = t
		case c.segs[k] != nil:
			out[id] = c.segs[k]
		default:
			stale = append(stale, id)
		}
	}
	for k := range c.segs {
		if !current[k] {
			delete(c.segs, k)
		}
	}
	c.mu.Unlock()
	if len(stale) > 0 {
		rows, err := conn.Query(ctx, `SELECT segment, docs FROM search_postings WHERE segment = ANY($1) AND token = $2
			ORDER BY segment, block`, stale, docsToken)
		if err != nil {
			return nil, fmt.Errorf("search: segments: %w", err)
		}
		fresh := map[int64]*segmentTable{}
		if err := readTables(rows, fresh); err != nil {
			return nil, fmt.Errorf("search: segments: %w", err)
		}
		c.mu.Lock()
		for i, id := range ids {
			if t := fresh[id]; t != nil {
				t.index()
				c.segs[[2]int64{id, nonces[i]}] = t
				out[id] = t
			}
		}
		c.mu.Unlock()
	}
	for _, id := range ids {
		if out[id] == nil {
			out[id] = &segmentTable{} // a segment without documents
		}
	}
	return out, nil
}

// SearchFacets counts the documents a search matches; see baogao.Store.
// The query's text alone picks them from the index (every match in the
// archive); their facets are read in one query and counted, crossed with
// the filter, by baogao.CountFacets.
func (s *Store) SearchFacets(ctx context.Context, sq baogao.SearchQuery) (baogao.Facets, error) {
	empty := baogao.Facets{ByKind: map[baogao.Kind]int{}, ByYear: map[int]int{}, ByProvince: map[string]int{}, ByLevel: map[baogao.Level]int{}}
	if _, err := search.NewPlan(baogao.SearchQuery{Text: sq.Text, Filter: sq.Filter}); err != nil {
		return empty, err
	}
	p, err := search.NewPlan(baogao.SearchQuery{Text: sq.Text})
	if err != nil {
		return empty, err
	}
	p.Limit = 0
	conn, err := s.read.Acquire(ctx)
	if err != nil {
		return empty, fmt.Errorf("search facets: %w", err)
	}
	e := &evaluation{s: s, p: p, conn: conn}
	err = e.run(ctx, nil)
	if e.open {
		conn.Exec(context.WithoutCancel(ctx), `ROLLBACK`)
	}
	conn.Release()
	if err != nil || len(e.ids) == 0 {
		return empty, err
	}
	rows, err := s.read.Query(ctx, `SELECT kind, region, place_code, level, year FROM documents WHERE id = ANY($1)`, e.ids)
	if err != nil {
		return empty, fmt.Errorf("search facets: %w", err)
	}
	facets := make([]baogao.FacetRow, 0, len(e.ids))
	var r baogao.FacetRow
	_, err = pgx.ForEachRow(rows, []any{&r.Kind, &r.Region, &r.PlaceCode, &r.Level, &r.Year}, func() error {
		facets = append(facets, r)
		return nil
	})
	if err != nil {
		return empty, fmt.Errorf("search facets: %w", err)
	}
	return baogao.CountFacets(sq.Filter, facets), nil
}
