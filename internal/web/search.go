package web

import (
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/baogao/baogao"
	"github.com/baogao/baogao/internal/search"
)

// searchPerPage is the number of hits on a page of /search.
const searchPerPage = 20

// searchPage is the data of /search.
type searchPage struct {
	base
	Query  string // as typed, kept in the box
	Sort   baogao.SearchSort
	Region baogao.Region
	// The facets of the results, each value with the hits choosing it
	// would leave (counted across the other choices).
	Kinds, Provinces, Prefectures, Levels, Years []option
	Searched                                     bool   // a query was given
	Error                                        string // why the query cannot be run, for the reader
	Total                                        int
	Start                                        int // number of the first hit
	Hits                                         []searchHit
	Pager                                        pager
	// Synonyms are the words searched besides the reader's own ("也搜索了").
	Synonyms []string
	// Suggest are other searches to try when nothing was found.
	Suggest []suggestion
}

// suggestion is another search to try, with why.
type suggestion struct {
	Label, URL string
}

// searchHit is a hit as the page shows it.
type searchHit struct {
	baogao.SearchHit
	Place   string
	Snippet template.HTML // escaped by the store's snippet builder; only <mark> added
	// Open is the document's address opened at its first hit, the
	// query's hits marked.
	Open string
	// Badges are its completeness and quality badges, as listings show them.
	Badges template.HTML
}

// search serves /search?q=…&kind=…&region=…&province=…&place=…&level=…&year=…&sort=…&page=N.
// A query the store refuses (empty, too long, only exclusions …) is shown
// with its reason beside the box, not as an error page.
func (s *Server) search(r *http.Request, lang string) (string, any, error) {
	q := r.URL.Query()
	sp := searchPage{base: base{Lang: lang, Title: message(lang, "search.title"), Path: r.URL.Path, NoIndex: true, OwnSearch: true},
		Query: q.Get("q"), Sort: baogao.SearchSort(q.Get("sort")), Region: baogao.Region(q.Get("region"))}
	if sp.Query == "" {
		sp.Kinds = kindOptions(lang, nil, baogao.Kind(q.Get("kind")))
		return "search", sp, nil
	}
	if !s.allowAPI(r) {
		return "", nil, baogao.Errorf(baogao.ERATELIMITED, "搜索太频繁，请稍后再试")
	}
	sp.Title = sp.Query + " - " + sp.Title
	sp.Searched = true
	f, err := s.filterOf(r)
	if err != nil {
		sp.Error = baogao.ErrorMessage(err)
		return "search", sp, nil
	}
	sp.Kinds = kindOptions(lang, nil, f.Kind)
	pageN, _ := strconv.Atoi(q.Get("page"))
	pageN = max(pageN, 1)
	res, err := s.runSearch(r, baogao.SearchQuery{Text: sp.Query, Filter: f, Sort: sp.Sort, Limit: searchPerPage, Offset: (pageN - 1) * searchPerPage})
	if baogao.ErrorCode(err) == baogao.EINVALID {
		sp.Error = baogao.ErrorMessage(err)
		return "search", sp, nil
	}
	if err != nil {
		return "", nil, err
	}
	sp.Total, sp.Start = res.Total, (pageN-1)*searchPerPage+1
	fc, err := s.store.SearchFacets(r.Context(), baogao.SearchQuery{Text: sp.Query, Filter: f})
	if err != nil {
		return "", nil, err
	}
	sp.Kinds = kindOptions(lang, fc.ByKind, f.Kind)
	sp.Provinces = s.placeOptions(fc.ByProvince, "0000", f.Province, lang)
	if fc.ByPrefecture != nil {
		sp.Prefectures = s.placeOptions(fc.ByPrefecture, "00", f.Prefecture, lang)
	}
	sp.Levels = levelOptions(lang, fc.ByLevel, f.Level)
	sp.Years = yearOptions(fc, f.YearFrom, f.YearTo)
	if y := q.Get("year"); f.YearFrom != f.YearTo {
		// A range typed into the address stays chosen.
		sp.Years = append([]option{{Value: y, Label: y, Count: res.Total, Selected: true}}, sp.Years...)
	}
	sp.Synonyms = synonymsOf(sp.Query)
	if res.Total == 0 {
		sp.Suggest = suggestions(lang, sp.Query, q)
	}
	for _, h := range res.Hits {
		sp.Hits = append(sp.Hits, searchHit{SearchHit: h, Place: s.places.FullName(h.PlaceCode), Snippet: template.HTML(h.Snippet),
			Open: h.URL + "?" + url.Values{"hl": {sp.Query}}.Encode() + "#hit-1", Badges: hitBadges(lang, h)})
	}
	pages := min((res.Total+searchPerPage-1)/searchPerPage, baogao.MaxSearchDepth/searchPerPage)
	sp.Pager = newPager(r, pageN, pages)
	return "search", sp, nil
}

// apiSearch serves /api/v1/search?q=…, with the filters, sort, limit and
// offset of `baogao search`, as SPEC §3's {"total": N, "hits": […]}.
func (s *Server) apiSearch(r *http.Request) (any, error) {
	f, err := s.filterOf(r)
	if err != nil {
		return nil, err
	}
	q := r.URL.Query()
	return s.runSearch(r, baogao.SearchQuery{Text: q.Get("q"), Filter: f, Sort: baogao.SearchSort(q.Get("sort")),
		Limit: f.Limit, Offset: f.Offset})
}

// runSearch asks the store, timing it for /metrics.
func (s *Server) runSearch(r *http.Request, q baogao.SearchQuery) (baogao.SearchResult, error) {
	start := time.Now()
	res, err := s.store.Search(r.Context(), q)
	s.metrics.search.Observe(time.Since(start).Seconds())
	return res, err
}

// synonymsOf lists the synonyms search adds to a query's unquoted words,
// as the search package expands them.
func synonymsOf(query string) []string {
	syn := search.DefaultSynonyms()
	var out []string
	seen := map[string]bool{}
	for _, w := range strings.Fields(query) {
		if w == "OR" || strings.HasPrefix(w, "-") || strings.ContainsAny(w, `"“”`) {
			continue
		}
		t, ok := search.NewTerm(w, false)
		if !ok {
			continue
		}
		for _, s := range syn.Of(t.Text) {
			if s != t.Text && !seen[s] {
				seen[s] = true
				out = append(out, s)
			}
		}
	}
	return out
}

// suggestions offers other searches when one finds nothing: without its
// filters, any of its words instead of all of them, without quotes.
func suggestions(lang, query string, params url.Values) []suggestion {
	var out []suggestion
	filtered := false
	for _, k := range baogao.FilterParams {
		if params.Get(k) != "" {
			filtered = true
		}
	}
	if filtered {
		out = append(out, suggestion{message(lang, "search.suggest.nofilter"), "/search?" + url.Values{"q": {query}}.Encode()})
	}
	if words := strings.Fields(query); len(words) > 1 && !strings.Contains(query, " OR ") {
		out = append(out, suggestion{message(lang, "search.suggest.any"), "/search?" + url.Values{"q": {strings.Join(words, " OR ")}}.Encode()})
	}
	if unquoted := strings.NewReplacer(`"`, "", "“", "", "”", "").Replace(query); unquoted != query {
		out = append(out, suggestion{message(lang, "search.suggest.unquoted"), "/search?" + url.Values{"q": {unquoted}}.Encode()})
	}
	out = append(out, suggestion{message(lang, "search.suggest.places"), "/place/"})
	return out
}

// hitBadges writes a hit's completeness and quality badges.
func hitBadges(lang string, h baogao.SearchHit) template.HTML {
	var w htmlWriter
	w.badges(lang, baogao.Meta{Completeness: h.Completeness, Quality: h.Quality})
	return w.html()
}
