package sqlite

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"math/bits"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/baogao/baogao"
	"github.com/baogao/baogao/internal/search"
)

// hit is a document found, before it becomes a baogao.SearchHit.
type hit struct {
	key   int64
	score float64
}

// better orders hits: higher score, then greater key (newer).
func better(a, b hit) bool {
	if a.score != b.score {
		return a.score > b.score
	}
	return a.key > b.key
}

// ranker runs one search, in one read transaction.
type ranker struct {
	s          *Store
	p          *searchPlan
	conn       *sql.Conn
	docs       int   // documents indexed
	generation int64 // of the index this transaction sees
	median     int64 // key splitting the index's documents in halves
	lengths    int   // the length levels documents have (bit l-1 for level l; see search.LengthTag)
	topLength  int   // the highest of them
	// members are the keys of the documents matching the search, in no
	// order, and isMember marks their ids (see collect).
	members  []int64
	isMember []uint64
	// aux is a second connection in a read transaction on the same index,
	// to share work on two cores; nil when not open (see openAux).
	aux      *sql.Conn
	auxTried bool
	texts    map[int64]*search.Doc // documents read so far, by id
	demoted  map[int64]bool        // ids of the texts ranked after clean ones (readDemoted)
	weights  []float64             // of the clauses (search.Weights)
}

// newRanker opens a read transaction and checks the index. It fails with
// EUNAVAILABLE when the index was built by another version of the tokens
// and levels.
func (s *Store) newRanker(ctx context.Context, p *searchPlan) (*ranker, error) {
	r := &ranker{s: s, p: p, texts: map[int64]*search.Doc{}}
	var err error
	if r.conn, err = s.readConn(ctx); err != nil {
		return nil, err
	}
	var version int
	err = r.conn.QueryRowContext(ctx, `SELECT version, documents, generation, median, length_levels FROM search_state`).
		Scan(&version, &r.docs, &r.generation, &r.median, &r.lengths)
	if err != nil {
		r.close()
		return nil, fmt.Errorf("search: %w", err)
	}
	r.topLength = bits.Len(uint(r.lengths))
	if version != search.IndexVersion {
		r.close()
		return nil, &baogao.Error{Code: baogao.EUNAVAILABLE, Message: "搜索索引需要重建，请稍后再试",
			Err: fmt.Errorf("search index version %d, this build needs %d: run `baogao reindex`", version, search.IndexVersion)}
	}
	return r, nil
}

// readConn returns a connection in a read transaction.
func (s *Store) readConn(ctx context.Context) (*sql.Conn, error) {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	if _, err := conn.ExecContext(ctx, `BEGIN`); err != nil {
		conn.Close()
		return nil, fmt.Errorf("search: %w", err)
	}
	return conn, nil
}

func closeRead(conn *sql.Conn) {
	conn.ExecContext(context.Background(), `ROLLBACK`)
	conn.Close()
}

func (r *ranker) close() {
	closeRead(r.conn)
	if r.aux != nil {
		closeRead(r.aux)
	}
}

// countSingle counts the documents of a one-token query: a rune's rows in
// search_terms (every document holding a rune has one), a bigram's in
// search_text. Runes in a range of years too wide for tags are counted
// from the keys.
func (r *ranker) countSingle(ctx context.Context) (int, error) {
	p := r.p
	var n int
	var err error
	switch {
	case len([]rune(p.token)) == 2:
		err = r.conn.QueryRowContext(ctx, `SELECT count(*) FROM search_text WHERE search_text MATCH ? AND rowid BETWEEN ? AND ?`,
			textExpr(p.Query, p.Filter), p.Filter.KeyLo, p.Filter.KeyHi).Scan(&n)
	case r.wideYears():
		if err := r.collect(ctx); err != nil {
			return 0, err
		}
		return len(r.members), nil
	default:
		err = r.conn.QueryRowContext(ctx, `SELECT count(*) FROM search_terms WHERE search_terms MATCH ?`,
			tokenExpr([]string{p.token}, p.Filter)).Scan(&n)
	}
	if err != nil {
		return 0, fmt.Errorf("search: count: %w", err)
	}
	return n, nil
}

// wideYears reports whether the filter restricts the years without tags:
// keys are then checked one by one.
func (r *ranker) wideYears() bool {
	f := r.p.Filter
	return f.YearTags == nil && (f.KeyLo != 0 || f.KeyHi != math.MaxInt64)
}

// inYears reports whether a document key is in the filter's years.
func (r *ranker) inYears(key int64) bool {
	return key >= r.p.Filter.KeyLo && key <= r.p.Filter.KeyHi
}

// collect sets r.members: the keys of the documents matching the search.
// Two connections share the work, each taking the keys on one side of the
// median, when the index is big enough and the second connection sees the
// same generation of it.
func (r *ranker) collect(ctx context.Context) error {
	if r.members != nil {
		return nil
	}
	expr := textExpr(r.p.Query, r.p.Filter)
	lo, hi := r.p.Filter.KeyLo, r.p.Filter.KeyHi
	var low, high []int64
	var err error
	if r.median <= lo || r.median > hi || !r.openAux(ctx) {
		low, err = memberKeys(ctx, r.conn, expr, lo, hi)
	} else {
		done := make(chan error, 1)
		go func() {
			var err error
			high, err = memberKeys(ctx, r.aux, expr, r.median, hi)
			done <- err
		}()
		low, err = memberKeys(ctx, r.conn, expr, lo, r.median-1)
		if err2 := <-done; err == nil {
			err = err2
		}
	}
	if err != nil {
		return err
	}
	r.setMembers(append(low, high...))
	return nil
}

// setMembers sets r.members and marks their ids.
func (r *ranker) setMembers(keys []int64) {
	r.members = keys
	var maxID int64
	for _, key := range r.members {
		maxID = max(maxID, search.KeyID(key))
	}
	r.isMember = make([]uint64, maxID/64+1)
	for _, key := range r.members {
		id := search.KeyID(key)
		r.isMember[id/64] |= 1 << (id % 64)
	}
}

// readDemoted sets r.demoted: the ids of the texts flagged to the reader
// (baogao.Meta.Demoted), from two partial indexes (migration 0017).
func (r *ranker) readDemoted(ctx context.Context) error {
	rows, err := r.conn.QueryContext(ctx, `SELECT document_id FROM assessments WHERE quality <> ''
		UNION SELECT id FROM documents WHERE flagged`)
	if err != nil {
		return fmt.Errorf("search: flagged texts: %w", err)
	}
	defer rows.Close()
	r.demoted = map[int64]bool{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return fmt.Errorf("search: flagged texts: %w", err)
		}
		r.demoted[id] = true
	}
	return rows.Err()
}

// demotedLast returns the first offset+limit hits by relevance: the clean
// members ranked (byRelevance), then, when they do not fill the page, the
// demoted ones, scored and sorted.
func (r *ranker) demotedLast(ctx context.Context) ([]hit, error) {
	var clean, later []int64
	for _, k := range r.members {
		if r.demoted[search.KeyID(k)] {
			later = append(later, k)
		} else {
			clean = append(clean, k)
		}
	}
	if len(later) == 0 {
		return r.byRelevance(ctx)
	}
	r.setMembers(clean)
	hits, err := r.byRelevance(ctx)
	need := r.p.Offset + r.p.Limit
	if err != nil || len(hits) >= need {
		return hits, err
	}
	more, err := r.scoreAll(ctx, later)
	if err != nil {
		return nil, err
	}
	sort.Slice(more, func(i, j int) bool { return better(more[i], more[j]) })
	return append(hits, more[:min(len(more), need-len(hits))]...), nil
}

// openAux opens the second connection, once, and reports whether it sees
// the same generation of the index as the first: only then may work be
// shared. Small indexes do not share work.
func (r *ranker) openAux(ctx context.Context) bool {
	if r.aux != nil {
		return true
	}
	if r.auxTried || r.docs < r.s.search.orDefaults().splitFrom {
		return false
	}
	r.auxTried = true
	// Searches holding one connection each could otherwise exhaust the pool
	// waiting for their second: wait briefly, then do without.
	wait, cancel := context.WithTimeout(ctx, 10*time.Millisecond)
	defer cancel()
	conn, err := r.s.db.Conn(wait)
	if err != nil {
		return false
	}
	if _, err := conn.ExecContext(ctx, `BEGIN`); err != nil {
		conn.Close()
		return false
	}
	var gen int64
	if err := conn.QueryRowContext(ctx, `SELECT generation FROM search_state`).Scan(&gen); err != nil || gen != r.generation {
		closeRead(conn)
		return false
	}
	r.aux = conn
	return true
}

// memberKeys returns the keys, ascending, of the documents matching a
// search_text expression with keys from lo to hi. The database sends them
// as one string, which costs much less than a row each.
func memberKeys(ctx context.Context, conn *sql.Conn, expr string, lo, hi int64) ([]int64, error) {
	var list sql.NullString
	err := conn.QueryRowContext(ctx, `SELECT group_concat(rowid) FROM search_text WHERE search_text MATCH ? AND rowid BETWEEN ? AND ?`,
		expr, lo, hi).Scan(&list)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	if !list.Valid {
		return nil, nil
	}
	keys := make([]int64, 0, strings.Count(list.String, ",")+1)
	for f := range strings.SplitSeq(list.String, ",") {
		k, err := strconv.ParseInt(f, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("search: key %q: %w", f, err)
		}
		keys = append(keys, k)
	}
	return keys, nil
}

// member reports whether the document with the key matches the search.
func (r *ranker) member(key int64) bool {
	id := search.KeyID(key)
	return id/64 < int64(len(r.isMember)) && r.isMember[id/64]&(1<<(id%64)) != 0
}

// stream reads the rows holding some tokens merged in descending (level,
// key) order, a document's level for a token being the level of its row of
// terms (search_terms) or, for a bigram it holds once, its length level:
// search_text's rows with the token and a length tag, one level after
// another. A document can come twice, the second time at a lower level.
type stream struct {
	r    *ranker
	srcs []*source
}

// source is one table's rows holding the tokens.
type source struct {
	table, expr string
	level       int     // search_text: the length level being read
	buf         []int64 // (level, key) pairs read, not consumed; descending
	below       int64   // the next read starts below this rowid
	n           int     // rows per read
	done        bool
}

// newStream returns the stream of rows holding one of the tokens and the
// filter's tags, first reading first rows from each table.
func (r *ranker) newStream(tokens []string, first int) *stream {
	st := &stream{r: r}
	st.srcs = append(st.srcs, &source{table: "search_terms", expr: tokenExpr(tokens, r.p.Filter), below: math.MaxInt64, n: first})
	var bigrams []string
	for _, t := range tokens {
		if len([]rune(t)) == 2 {
			bigrams = append(bigrams, t)
		}
	}
	if len(bigrams) > 0 {
		st.srcs = append(st.srcs, &source{table: "search_text", expr: textTokensExpr(bigrams, r.p.Filter), level: r.topLength,
			below: math.MaxInt64, n: first})
	}
	return st
}

// textTokensExpr is the search_text expression of rows holding one of the
// tokens and the filter's tags.
func textTokensExpr(tokens []string, f search.Filter) string {
	var alts []string
	for _, t := range tokens {
		alts = append(alts, ftsString(t))
	}
	e := "(" + strings.Join(alts, " OR ") + ")"
	for _, t := range f.Tags {
		e += " AND " + ftsString(t)
	}
	return e
}

// next returns the next row, and false at the end. A source with nothing
// read is read only when its next row could come first: search_text's
// rows of lower length levels wait until the rows of terms come down to
// them.
func (st *stream) next(ctx context.Context) (int64, bool, error) {
	for {
		var best *source
		for _, s := range st.srcs {
			if len(s.buf) > 0 && (best == nil || s.buf[0] > best.buf[0]) {
				best = s
			}
		}
		var fill *source
		for _, s := range st.srcs {
			if len(s.buf) == 0 && !s.done && (best == nil || s.bound() > best.buf[0]) {
				fill = s
				break
			}
		}
		if fill == nil {
			if best == nil {
				return 0, false, nil
			}
			k := best.buf[0]
			best.buf = best.buf[1:]
			return k, true, nil
		}
		if err := st.r.fill(ctx, fill); err != nil {
			return 0, false, err
		}
	}
}

// bound returns a rowid no row still to be read from the source exceeds.
func (s *source) bound() int64 {
	if s.table == "search_terms" {
		return s.below
	}
	return search.LevelKey(s.level, min(s.below, 1<<53-1))
}

// fill reads the next rows of a source; for search_text, the next level's
// when one is exhausted.
func (r *ranker) fill(ctx context.Context, s *source) error {
	var rows *sql.Rows
	var err error
	if s.table == "search_terms" {
		rows, err = r.conn.QueryContext(ctx, `SELECT rowid FROM search_terms WHERE search_terms MATCH ? AND rowid < ?
			ORDER BY rowid DESC LIMIT ?`, s.expr, s.below, s.n)
	} else {
		for s.level >= 1 && r.lengths&(1<<(s.level-1)) == 0 { // no document has this length level
			s.level--
		}
		if s.level < 1 {
			s.done = true
			return nil
		}
		rows, err = r.conn.QueryContext(ctx, `SELECT rowid FROM search_text WHERE search_text MATCH ? AND rowid BETWEEN ? AND ?
			ORDER BY rowid DESC LIMIT ?`, s.expr+" AND "+ftsString(search.LengthLevelTag(s.level)),
			r.p.Filter.KeyLo, min(r.p.Filter.KeyHi, s.below-1), s.n)
	}
	if err != nil {
		return fmt.Errorf("search: %w", err)
	}
	defer rows.Close()
	got := 0
	for rows.Next() {
		var k int64
		if err := rows.Scan(&k); err != nil {
			return err
		}
		got++
		s.below = k
		if s.table == "search_text" {
			k = search.LevelKey(s.level, k)
		}
		s.buf = append(s.buf, k)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if got < s.n {
		if s.table == "search_terms" {
			s.done = true
		} else {
			s.level--
			s.below = math.MaxInt64
		}
	}
	s.n = min(4*s.n, 4096)
	return nil
}

// weigh sets the weights of the clauses (search.Weights): a single clause
// needs no count; several need each one's count over the archive.
func (r *ranker) weigh(ctx context.Context) error {
	must := r.p.Query.Must
	dfs := make([]int, len(must))
	if len(must) > 1 {
		for i, c := range must {
			err := r.conn.QueryRowContext(ctx, `SELECT count(*) FROM search_text WHERE search_text MATCH ?`,
				textExpr(&search.Query{Must: []search.Clause{c}}, search.Filter{})).Scan(&dfs[i])
			if err != nil {
				return fmt.Errorf("search: %w", err)
			}
		}
	}
	r.weights = search.Weights(dfs, r.docs)
	return nil
}

// read loads the texts of the documents with the keys not read yet; on
// two connections when there are many and the second one is open.
func (r *ranker) read(ctx context.Context, keys []int64) error {
	var ids []any
	for _, k := range keys {
		if id := search.KeyID(k); r.texts[id] == nil {
			ids = append(ids, id)
		}
	}
	if len(ids) < 32 || r.aux == nil {
		return readTexts(ctx, r.conn, ids, r.texts)
	}
	half := len(ids) / 2
	other := map[int64]*search.Doc{}
	done := make(chan error, 1)
	go func() { done <- readTexts(ctx, r.aux, ids[half:], other) }()
	err := readTexts(ctx, r.conn, ids[:half], r.texts)
	if err2 := <-done; err == nil {
		err = err2
	}
	for id, d := range other {
		r.texts[id] = d
	}
	return err
}

// readTexts reads the documents with the ids into texts, ready for
// scoring: search.Doc folds nothing yet, and counts a term of Han
// characters in the body as written.
func readTexts(ctx context.Context, conn *sql.Conn, ids []any, texts map[int64]*search.Doc) error {
	for len(ids) > 0 {
		batch := ids[:min(len(ids), 256)]
		ids = ids[len(batch):]
		rows, err := conn.QueryContext(ctx, `SELECT d.id, d.title, d.body, s.length, s.folds FROM documents d
			JOIN search_docs s ON s.document_id = d.id WHERE d.id IN (?`+strings.Repeat(",?", len(batch)-1)+`)`, batch...)
		if err != nil {
			return fmt.Errorf("search: read documents: %w", err)
		}
		for rows.Next() {
			var id int64
			var title, body string
			var length int
			var folds bool
			if err := rows.Scan(&id, &title, &body, &length, &folds); err != nil {
				rows.Close()
				return err
			}
			texts[id] = search.NewDoc(title, body, length, folds)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	return nil
}

// score returns a document's score, and false when it does not match.
func (r *ranker) score(key int64) (float64, bool) {
	d := r.texts[search.KeyID(key)]
	if d == nil {
		return 0, false
	}
	return r.p.Query.Score(r.weights, d)
}

// scoreAll returns the keys as hits, scored (read first).
func (r *ranker) scoreAll(ctx context.Context, keys []int64) ([]hit, error) {
	if err := r.read(ctx, keys); err != nil {
		return nil, err
	}
	hits := make([]hit, len(keys))
	for i, k := range keys {
		hits[i].key = k
		hits[i].score, _ = r.score(k)
	}
	return hits, nil
}

// byDate returns the first offset+limit hits, newest first; the page's
// scored.
func (r *ranker) byDate(ctx context.Context) ([]hit, error) {
	if err := r.weigh(ctx); err != nil {
		return nil, err
	}
	need := r.p.Offset + r.p.Limit
	slices.SortFunc(r.members, func(a, b int64) int { return cmp.Compare(b, a) })
	keys := r.members[:min(len(r.members), need)]
	page, err := r.scoreAll(ctx, keys[min(len(keys), r.p.Offset):])
	if err != nil {
		return nil, err
	}
	hits := make([]hit, min(len(keys), r.p.Offset), len(keys)) // before the page: not shown, not scored
	return append(hits, page...), nil
}

// bySingleTerm returns the first offset+limit hits of a one-token query:
// its rows, read by descending (level, key), are its hits in order, and a
// hit's level is its score.
func (r *ranker) bySingleTerm(ctx context.Context) ([]hit, error) {
	need := r.p.Offset + r.p.Limit
	st := r.newStream([]string{r.p.token}, need+8)
	var hits, later []hit // later: the demoted, in order
	seen := map[int64]bool{}
	for len(hits) < need {
		k, ok, err := st.next(ctx)
		if err != nil {
			return nil, err
		}
		if !ok {
			break
		}
		level, key := search.SplitLevelKey(k)
		if !seen[key] && r.inYears(key) {
			seen[key] = true
			h := hit{key: key, score: search.Score(float64(level) / search.Levels)}
			if r.demoted[search.KeyID(key)] {
				later = append(later, h)
			} else {
				hits = append(hits, h)
			}
		}
	}
	// Fewer clean hits than the page needs: the rows are all read.
	hits = append(hits, later...)
	return hits[:min(len(hits), need)], nil
}

// Relevance ranking scores every matching document when there are at most
// exactMembers of them. Otherwise it reads candidates from search_terms in
// the order of one driving clause's impact levels, highest first and
// newest first within a level, scores the matching ones exactly from their
// text, and stops when no unread document can score high enough to enter
// the page: a document not read yet, below level L of the driving clause,
// scores at most the clause's weight × L plus the other clauses' weights ×
// their highest levels. A term of one token drives through that token; a
// phrase through one of its bigrams, whose level bounds the phrase's (see
// drive). maxCandidates bounds the work when the driving terms are far more
// frequent than the phrase in many documents: such a search ranks its first
// maxCandidates matching candidates, the documents where the driving term
// weighs most.
//
// The defaults of searchTuning.
const (
	splitFrom     = 1000 // documents in the index from which collect splits its work
	exactMembers  = 200
	maxCandidates = 300
)

// searchTuning holds the thresholds of searches; a zero field is its
// default.
type searchTuning struct {
	splitFrom, exactMembers, maxCandidates int
}

func (t searchTuning) orDefaults() searchTuning {
	if t.splitFrom == 0 {
		t.splitFrom = splitFrom
	}
	if t.exactMembers == 0 {
		t.exactMembers = exactMembers
	}
	if t.maxCandidates == 0 {
		t.maxCandidates = maxCandidates
	}
	return t
}

// byRelevance returns the first offset+limit hits, best first.
func (r *ranker) byRelevance(ctx context.Context) ([]hit, error) {
	if err := r.weigh(ctx); err != nil {
		return nil, err
	}
	need := r.p.Offset + r.p.Limit
	tuning := r.s.search.orDefaults()
	if len(r.members) <= max(tuning.exactMembers, need) {
		hits, err := r.scoreAll(ctx, r.members)
		if err != nil {
			return nil, err
		}
		sort.Slice(hits, func(i, j int) bool { return better(hits[i], hits[j]) })
		return hits[:min(len(hits), need)], nil
	}
	r.openAux(ctx) // to read candidates on two cores
	must := r.p.Query.Must
	// The driving clause: the heaviest (rarest); its terms' tokens.
	d := 0
	for i := range must {
		if r.weights[i] > r.weights[d] {
			d = i
		}
	}
	var driving []string
	dTop := 0
	for _, t := range must[d] {
		tok, top, err := r.drive(ctx, t)
		if err != nil {
			return nil, err
		}
		driving = append(driving, tok)
		dTop = max(dTop, top)
	}
	// What the other clauses can add at most.
	rest := 0.0
	for i, c := range must {
		if i == d {
			continue
		}
		top := 0
		for _, t := range c {
			_, l, err := r.drive(ctx, t)
			if err != nil {
				return nil, err
			}
			top = max(top, l)
		}
		rest += r.weights[i] * float64(top)
	}
	bound := func(level int) float64 {
		return search.Score((r.weights[d]*float64(min(level, dTop)) + rest) / search.Levels)
	}

	st := r.newStream(driving, need+16)
	var top []hit
	seen := map[int64]bool{} // a document can come from two rows
	candidates := 0
	for {
		// Take the next matching candidates, a few at a time, so that
		// they are read together.
		var keys []int64
		var last int64
		end := false
		for len(keys) < 64 && candidates+len(keys) < tuning.maxCandidates {
			k, ok, err := st.next(ctx)
			if err != nil {
				return nil, err
			}
			if !ok {
				end = true
				break
			}
			last = k
			if _, key := search.SplitLevelKey(k); !seen[key] && r.member(key) {
				seen[key] = true
				keys = append(keys, key)
			}
		}
		if err := r.read(ctx, keys); err != nil {
			return nil, err
		}
		for _, k := range keys {
			candidates++
			if s, ok := r.score(k); ok {
				top = insertHit(top, hit{key: k, score: s}, need)
			}
		}
		if end || candidates >= tuning.maxCandidates {
			return top, nil
		}
		// Unread rows are below (level, key) = last: their documents
		// score at most bound(level), and those that reach it exactly
		// have smaller keys and lower levels.
		if len(top) >= need {
			level, key := search.SplitLevelKey(last)
			worst := top[need-1]
			if worst.score > bound(level) ||
				worst.score == bound(level) && worst.key > key && worst.score > bound(level-1) {
				return top, nil
			}
		}
	}
}

// insertHit inserts h into the sorted list, keeping at most n.
func insertHit(list []hit, h hit, n int) []hit {
	i := sort.Search(len(list), func(i int) bool { return better(h, list[i]) })
	if i >= n {
		return list
	}
	list = append(list, hit{})
	copy(list[i+1:], list[i:])
	list[i] = h
	return list[:min(len(list), n)]
}

// rareCap bounds the counting that tells apart a phrase's candidate
// driving bigrams.
const rareCap = 512

// drive returns the token whose impact levels bound a term's and drive the
// search for it, and a bound of the term's level in any document. A rune or
// a bigram drives itself. A phrase drives through one of its bigrams: the
// one whose highest level is lowest (its level is closest to the phrase's
// where it is highest), the rarest among those (counted up to rareCap);
// and no document holds the phrase above the lowest of its bigrams' highest
// levels. A term of lone runes ("金 乡") drives through its first rune.
func (r *ranker) drive(ctx context.Context, t search.Term) (token string, top int, err error) {
	tokens := t.Bigrams()
	if tok, ok := t.Single(); ok {
		tokens = []string{tok}
	} else if len(tokens) == 0 {
		all, _ := t.Tokens()
		tokens = all[:1]
	}
	top = search.Levels + 1
	var lowest []string
	for _, tok := range tokens {
		l, err := r.topLevel(ctx, tok)
		if err != nil {
			return "", 0, err
		}
		switch {
		case l < top:
			top, lowest = l, []string{tok}
		case l == top:
			lowest = append(lowest, tok)
		}
	}
	token = lowest[0]
	if len(lowest) > 1 {
		bestDF := -1
		for _, tok := range lowest {
			var df int
			err := r.conn.QueryRowContext(ctx, `SELECT count(*) FROM (SELECT 1 FROM search_text WHERE search_text MATCH ? LIMIT ?)`,
				ftsString(tok), rareCap).Scan(&df)
			if err != nil {
				return "", 0, fmt.Errorf("search: %w", err)
			}
			if bestDF < 0 || df < bestDF {
				token, bestDF = tok, df
			}
		}
	}
	return token, top, nil
}

// topLevel returns a bound of the highest level at which a document holds
// the token: that of its rows of terms, or for a bigram that any document
// holding it once may have (the highest length level); 0 when no document
// holds it.
func (r *ranker) topLevel(ctx context.Context, tok string) (int, error) {
	var k int64
	err := r.conn.QueryRowContext(ctx, `SELECT rowid FROM search_terms WHERE search_terms MATCH ? ORDER BY rowid DESC LIMIT 1`,
		ftsString(tok)).Scan(&k)
	top := 0
	switch {
	case err == nil:
		top, _ = search.SplitLevelKey(k)
	case !errors.Is(err, sql.ErrNoRows):
		return 0, fmt.Errorf("search: %w", err)
	}
	if len([]rune(tok)) == 2 && top < r.topLength {
		err := r.conn.QueryRowContext(ctx, `SELECT rowid FROM search_text WHERE search_text MATCH ? LIMIT 1`, ftsString(tok)).Scan(&k)
		switch {
		case err == nil:
			top = r.topLength
		case !errors.Is(err, sql.ErrNoRows):
			return 0, fmt.Errorf("search: %w", err)
		}
	}
	return top, nil
}
