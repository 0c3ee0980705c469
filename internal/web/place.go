package web

import (
	"net/http"
	"sort"
	"strings"

	"github.com/baogao/baogao"
)

type placePage struct {
	base
	Place    baogao.Place
	Trail    []baogao.Place // the place and its ancestors, province first
	FullName string
	Years    []yearGroup
	Children []childPlace
	Total    int
}

// yearGroup is a place's documents of one year.
type yearGroup struct {
	Year int
	Docs []*baogao.Document
}

// childPlace is a place within, with its documents and those of the places
// within it.
type childPlace struct {
	baogao.Place
	Count int
}

// maxPlaceDocs bounds the documents listed on a place page.
const maxPlaceDocs = 500

func (s *Server) place(r *http.Request, lang string) (string, any, error) {
	ctx := r.Context()
	p, err := s.places.Place(r.PathValue("code"))
	if err != nil {
		return "", nil, baogao.Errorf(baogao.ENOTFOUND, "没有这个地区")
	}
	docs, err := s.store.Documents(ctx, baogao.DocumentFilter{PlaceCode: p.Code, Level: p.Level, Limit: maxPlaceDocs})
	if err != nil {
		return "", nil, err
	}
	pp := placePage{base: base{Lang: lang, Title: p.Name, Path: r.URL.Path}, Place: p, Trail: s.places.Path(p.Code),
		FullName: s.places.FullName(p.Code), Total: docs.Total}
	for _, d := range docs.Documents {
		if n := len(pp.Years); n == 0 || pp.Years[n-1].Year != d.Meta.Year {
			pp.Years = append(pp.Years, yearGroup{Year: d.Meta.Year})
		}
		g := &pp.Years[len(pp.Years)-1]
		g.Docs = append(g.Docs, d)
	}
	children := s.places.Children(p.Code)
	if len(children) > 0 {
		fc, err := s.store.Facets(ctx, baogao.DocumentFilter{PlaceCode: p.Code})
		if err != nil {
			return "", nil, err
		}
		for _, c := range children {
			n := 0
			for code, k := range fc.ByPlace {
				if strings.HasPrefix(code, baogao.CodePrefix(c.Code)) { // c or a place under it
					n += k
				}
			}
			pp.Children = append(pp.Children, childPlace{Place: c, Count: n})
		}
		sort.SliceStable(pp.Children, func(i, j int) bool { return pp.Children[i].Code < pp.Children[j].Code })
	}
	return "place", pp, nil
}
