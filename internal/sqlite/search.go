package sqlite

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/baogao/baogao"
	"github.com/baogao/baogao/internal/search"
)

// Search finds documents; see baogao.Store.
//
// A query of one rune or bigram, by relevance, reads its hits in order (see
// bySingleTerm). Any other search first collects the keys of every
// matching document from search_text, split between two connections that
// see the same index (the total is their number), then ranks them (see
// byRelevance) or takes the newest.
func (s *Store) Search(ctx context.Context, sq baogao.SearchQuery) (baogao.SearchResult, error) {
	res := baogao.SearchResult{Hits: []baogao.SearchHit{}}
	p, err := newPlan(sq)
	if err != nil {
		return res, err
	}
	r, err := s.newRanker(ctx, p)
	if err != nil {
		return res, err
	}
	defer r.close()
	if p.Sort == baogao.SortRelevance {
		if err := r.readDemoted(ctx); err != nil {
			return res, err
		}
	}
	var hits []hit
	if p.single && p.Sort == baogao.SortRelevance {
		if res.Total, err = r.countSingle(ctx); err != nil || res.Total <= p.Offset {
			return res, err
		}
		hits, err = r.bySingleTerm(ctx)
	} else {
		if err = r.collect(ctx); err != nil {
			return res, err
		}
		if res.Total = len(r.members); res.Total <= p.Offset {
			return res, nil
		}
		if p.Sort == baogao.SortDate {
			hits, err = r.byDate(ctx)
		} else {
			hits, err = r.demotedLast(ctx)
		}
	}
	if err != nil {
		return res, err
	}
	hits = hits[min(len(hits), p.Offset):]
	res.Hits, err = r.hits(ctx, hits[:min(len(hits), p.Limit)])
	return res, err
}

// searchPlan is a validated search, ready to run.
type searchPlan struct {
	*search.Plan
	// single is set for a query of one term of one index token (a rune or
	// a bigram), without exclusions: its hits come in order from
	// search_terms.
	single bool
	token  string // the token of a single query
}

// newPlan validates a search and parses its query.
func newPlan(sq baogao.SearchQuery) (*searchPlan, error) {
	sp, err := search.NewPlan(sq)
	if err != nil {
		return nil, err
	}
	p := &searchPlan{Plan: sp}
	if q := p.Query; len(q.Must) == 1 && len(q.Must[0]) == 1 && len(q.Not) == 0 {
		p.token, p.single = q.Must[0][0].Single()
	}
	return p, nil
}

// ftsString quotes a token for an FTS5 query.
func ftsString(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// textExpr returns the search_text expression of a query and a filter's
// tags (its years are a range of keys).
// Terms are restricted to body and title only when one ends with a prefix
// (a lone rune, "z*", could match a tag); otherwise no token of a term can
// be a tag (terms are at most two runes, tags at least three), and column
// filters cost FTS5 a check of every posting.
func textExpr(q *search.Query, f search.Filter) string {
	prefix := false
	term := func(t search.Term) string {
		tokens, p := t.Tokens()
		s := ftsString(strings.Join(tokens, " "))
		if p {
			prefix = true
			s += " *"
		}
		return s
	}
	var clauses []string
	for _, c := range q.Must {
		var alts []string
		for _, t := range c {
			alts = append(alts, term(t))
		}
		clauses = append(clauses, "("+strings.Join(alts, " OR ")+")")
	}
	e := "(" + strings.Join(clauses, " AND ") + ")"
	var not string
	if len(q.Not) > 0 {
		var nots []string
		for _, t := range q.Not {
			nots = append(nots, term(t))
		}
		not = "(" + strings.Join(nots, " OR ") + ")"
	}
	if prefix {
		e = "{body title} : " + e
		if not != "" {
			not = "{body title} : " + not
		}
	}
	for _, t := range f.Tags {
		e += " AND " + ftsString(t)
	}
	if not != "" {
		e = "(" + e + ") NOT " + not
	}
	return e
}

// tokenExpr returns the expression of rows holding one of the tokens (runes
// or bigrams, in either table) and the filter's tags.
func tokenExpr(tokens []string, f search.Filter) string {
	var alts []string
	for _, t := range tokens {
		alts = append(alts, ftsString(t))
	}
	return "(" + strings.Join(alts, " OR ") + ")" + tagsExpr(f)
}

// tagsExpr returns " AND " the filter's tags and one of its years' tags.
func tagsExpr(f search.Filter) string {
	var e string
	for _, t := range f.Tags {
		e += " AND " + ftsString(t)
	}
	if len(f.YearTags) > 0 {
		var ys []string
		for _, y := range f.YearTags {
			ys = append(ys, ftsString(y))
		}
		e += " AND (" + strings.Join(ys, " OR ") + ")"
	}
	return e
}

// hits reads the page's documents and makes their snippets.
func (r *ranker) hits(ctx context.Context, page []hit) ([]baogao.SearchHit, error) {
	out := []baogao.SearchHit{}
	if len(page) == 0 {
		return out, nil
	}
	ids := make([]any, len(page))
	for i, h := range page {
		ids[i] = search.KeyID(h.key)
	}
	rows, err := r.conn.QueryContext(ctx, `SELECT d.id, d.kind, d.place_code, d.region, d.year, d.date, d.title, d.body, s.folds,
		coalesce(a.completeness, ''), coalesce(a.quality, '')
		FROM documents d JOIN search_docs s ON s.document_id = d.id LEFT JOIN assessments a ON a.document_id = d.id
		WHERE d.id IN (?`+strings.Repeat(",?", len(ids)-1)+`)`, ids...)
	if err != nil {
		return nil, fmt.Errorf("search: read hits: %w", err)
	}
	defer rows.Close()
	type row struct {
		hit   baogao.SearchHit
		body  string
		folds bool
	}
	byID := map[int64]row{}
	for rows.Next() {
		var id int64
		var kind, place, region, date, title, completeness, quality string
		var year int
		var x row
		if err := rows.Scan(&id, &kind, &place, &region, &year, &date, &title, &x.body, &x.folds, &completeness, &quality); err != nil {
			return nil, err
		}
		x.hit = search.Hit(id, baogao.Kind(kind), place, baogao.Region(region), year, date, title, 0)
		x.hit.Completeness, x.hit.Quality = baogao.Completeness(completeness), qualityFlags(quality)
		byID[id] = x
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	terms := r.p.Query.Terms()
	for _, ph := range page {
		x, ok := byID[search.KeyID(ph.key)]
		if !ok {
			continue
		}
		x.hit.Score = ph.score
		x.hit.Snippet = search.SnippetOf(x.body, x.folds, terms, 0)
		out = append(out, x.hit)
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
	p, err := newPlan(baogao.SearchQuery{Text: sq.Text})
	if err != nil {
		return empty, err
	}
	r, err := s.newRanker(ctx, p)
	if err != nil {
		return empty, err
	}
	err = r.collect(ctx)
	r.close()
	if err != nil {
		return empty, err
	}
	if len(r.members) == 0 {
		return empty, nil
	}
	ids := make([]int64, len(r.members))
	for i, key := range r.members {
		ids[i] = search.KeyID(key)
	}
	list, _ := json.Marshal(ids)
	rows, err := s.query(ctx, `SELECT kind, region, place_code, level, year FROM documents
		WHERE id IN (SELECT value FROM json_each(?))`, string(list))
	if err != nil {
		return empty, fmt.Errorf("search facets: %w", err)
	}
	defer rows.Close()
	facets := make([]baogao.FacetRow, 0, len(ids))
	for rows.Next() {
		var r baogao.FacetRow
		if err := rows.Scan(&r.Kind, &r.Region, &r.PlaceCode, &r.Level, &r.Year); err != nil {
			return empty, fmt.Errorf("search facets: %w", err)
		}
		facets = append(facets, r)
	}
	if err := rows.Err(); err != nil {
		return empty, fmt.Errorf("search facets: %w", err)
	}
	return baogao.CountFacets(sq.Filter, facets), nil
}
