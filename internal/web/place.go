package web

import (
	"context"
	"net/http"
	"sort"
	"strings"

	"github.com/baogao/baogao"
	"github.com/baogao/baogao/internal/attainment"
)

type placePage struct {
	base
	Place    baogao.Place
	Trail    []baogao.Place // the place and its ancestors, province first
	FullName string
	Years    []yearGroup // the documents of the place itself, by year
	Own      int         // documents of the place itself
	Total    int         // documents of the place and every place under it
	Children []childPlace
	// Figures are the place's own targets against their outcomes, by
	// indicator over the years (a chart and a table each).
	Figures []indicatorSeries
}

// yearGroup is a place's documents of one year.
type yearGroup struct {
	Year int
	Docs []*baogao.Document
}

// childPlace is a place within, with its documents and those of the places
// within it, and, on a province's page, its own places within.
type childPlace struct {
	baogao.Place
	Count    int
	Children []childPlace
}

// maxPlaceDocs bounds the documents listed on a place page.
const maxPlaceDocs = 500

// place is /place/{code}: the place's own documents by year, and the
// places within it with how many documents each holds, itself and below —
// for a province its prefectures and, under each, its counties.
func (s *Server) place(r *http.Request, lang string) (string, any, error) {
	ctx := r.Context()
	p, err := s.places.Place(r.PathValue("code"))
	if err != nil {
		return "", nil, baogao.Errorf(baogao.ENOTFOUND, "没有这个地区")
	}
	// The page lists and counts the documents of the place and the places
	// under it, and nothing else.
	showsList(r, baogao.DocumentFilter{PlaceCode: p.Code})
	docs, err := s.store.Documents(ctx, baogao.DocumentFilter{PlaceCode: p.Code, Level: p.Level, Limit: maxPlaceDocs})
	if err != nil {
		return "", nil, err
	}
	pp := placePage{base: base{Lang: lang, Title: s.places.FullName(p.Code), Path: r.URL.Path}, Place: p, Trail: s.places.Path(p.Code),
		FullName: s.places.FullName(p.Code), Own: docs.Total, Total: docs.Total}
	for _, d := range docs.Documents {
		if n := len(pp.Years); n == 0 || pp.Years[n-1].Year != d.Meta.Year {
			pp.Years = append(pp.Years, yearGroup{Year: d.Meta.Year})
		}
		g := &pp.Years[len(pp.Years)-1]
		g.Docs = append(g.Docs, d)
	}
	ts, outs, err := attainment.Figures(ctx, s.store, baogao.FigureFilter{PlaceCode: p.Code, Level: p.Level})
	if err != nil {
		return "", nil, err
	}
	pp.Figures = placeSeries(lang, attainment.Series(ts, outs, attainment.DefaultRule()))
	if children := s.places.Children(p.Code); len(children) > 0 {
		fc, err := s.store.Facets(ctx, baogao.DocumentFilter{PlaceCode: p.Code})
		if err != nil {
			return "", nil, err
		}
		pp.Total = 0
		for _, n := range fc.ByPlace {
			pp.Total += n
		}
		pp.Children = s.childPlaces(children, fc.ByPlace, p.Level == baogao.LevelProvince)
	}
	return "place", pp, nil
}

// childPlaces counts, for each place, the documents at or under it; with
// deep, the places within each are listed too.
func (s *Server) childPlaces(places []baogao.Place, byPlace map[string]int, deep bool) []childPlace {
	out := make([]childPlace, 0, len(places))
	for _, c := range places {
		cp := childPlace{Place: c, Count: countUnder(byPlace, c.Code)}
		if deep && cp.Count > 0 {
			cp.Children = s.childPlaces(s.places.Children(c.Code), byPlace, false)
		}
		out = append(out, cp)
	}
	return out
}

// countUnder sums the documents of a place and of every place under it.
func countUnder(byPlace map[string]int, code string) int {
	prefix, n := baogao.CodePrefix(code), 0
	for c, k := range byPlace {
		if strings.HasPrefix(c, prefix) {
			n += k
		}
	}
	return n
}

// placeIndexPage is the data of /place/.
type placeIndexPage struct {
	base
	Provinces []childPlace
	Unplaced  int // documents whose place is unknown
	Total     int
}

// placeIndex is /place/: every province in GB/T 2260 order with the
// documents at or under it, each leading to its prefectures and counties.
func (s *Server) placeIndex(r *http.Request, lang string) (string, any, error) {
	fc, err := s.store.Facets(r.Context(), baogao.DocumentFilter{})
	if err != nil {
		return "", nil, err
	}
	pi := placeIndexPage{base: base{Lang: lang, Title: message(lang, "places.title"), Path: r.URL.Path}}
	for _, p := range s.places.All() {
		if p.Level == baogao.LevelProvince {
			n := fc.ByProvince[baogao.CodePrefix(p.Code)]
			pi.Provinces = append(pi.Provinces, childPlace{Place: p, Count: n})
			pi.Total += n
		}
	}
	pi.Unplaced = fc.ByProvince[""]
	pi.Total += pi.Unplaced
	return "places", pi, nil
}

// placesWithDocuments returns, in code order, every place that has
// documents itself or under it.
func (s *Server) placesWithDocuments(ctx context.Context) ([]string, error) {
	fc, err := s.store.Facets(ctx, baogao.DocumentFilter{})
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	for prov := range fc.ByProvince {
		if prov == "" {
			continue
		}
		under, err := s.store.Facets(ctx, baogao.DocumentFilter{PlaceCode: prov + "0000"})
		if err != nil {
			return nil, err
		}
		for code := range under.ByPlace {
			for _, p := range s.places.Path(code) {
				seen[p.Code] = true
			}
		}
	}
	out := make([]string, 0, len(seen))
	for c := range seen {
		out = append(out, c)
	}
	sort.Strings(out)
	return out, nil
}
