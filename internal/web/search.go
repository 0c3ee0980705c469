package web

import (
	"html/template"
	"net/http"
	"strconv"
	"time"

	"github.com/baogao/baogao"
)

// searchPerPage is the number of hits on a page of /search.
const searchPerPage = 20

// searchPage is the data of /search.
type searchPage struct {
	base
	Query    string // as typed, kept in the box
	Sort     baogao.SearchSort
	Kind     baogao.Kind
	Region   baogao.Region
	Year     string
	Searched bool   // a query was given
	Error    string // why the query cannot be run, for the reader
	Total    int
	Start    int // number of the first hit
	Hits     []searchHit
	Pager    pager
}

// searchHit is a hit as the page shows it.
type searchHit struct {
	baogao.SearchHit
	Place   string
	Snippet template.HTML // escaped by the store's snippet builder; only <mark> added
}

// search serves /search?q=…&kind=…&region=…&province=…&place=…&level=…&year=…&sort=…&page=N.
// A query the store refuses (empty, too long, only exclusions …) is shown
// with its reason beside the box, not as an error page.
func (s *Server) search(r *http.Request, lang string) (string, any, error) {
	q := r.URL.Query()
	sp := searchPage{base: base{Lang: lang, Title: message(lang, "search.title"), Path: r.URL.Path, NoIndex: true, OwnSearch: true},
		Query: q.Get("q"), Sort: baogao.SearchSort(q.Get("sort")), Kind: baogao.Kind(q.Get("kind")),
		Region: baogao.Region(q.Get("region")), Year: q.Get("year")}
	if sp.Query == "" {
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
	for _, h := range res.Hits {
		sp.Hits = append(sp.Hits, searchHit{SearchHit: h, Place: s.places.FullName(h.PlaceCode), Snippet: template.HTML(h.Snippet)})
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
