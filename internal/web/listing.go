package web

import (
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/baogao/baogao"
)

// perPage is the length of a listing page.
const perPage = 20

type listingPage struct {
	base
	Kind        baogao.Kind
	Region      baogao.Region // "" for all regions
	Provinces   []option
	Prefectures []option // the chosen province's, when one is chosen
	Levels      []option
	Years       []option
	Docs        []*baogao.Document
	Total       int
	Pager       pager
	Downloads   []downloadLink // the listing's documents as files (download.go)
}

// option is one choice of a filter, with the documents it would show.
type option struct {
	Value    string
	Label    string
	Count    int
	Selected bool
}

// pager links the pages of a listing.
type pager struct {
	Page, Pages int
	Prev, Next  string
}

// newPager links page's neighbours: the request's own URL with page=n (no
// page parameter for the first page, no language parameter: the cookie
// keeps it).
func newPager(r *http.Request, page, pages int) pager {
	link := func(n int) string {
		v := url.Values{}
		for k, vs := range r.URL.Query() {
			if k != "page" && k != "lang" {
				v[k] = vs
			}
		}
		if n > 1 {
			v.Set("page", strconv.Itoa(n))
		}
		return withQuery(r.URL.Path, v)
	}
	p := pager{Page: page, Pages: max(pages, 1)}
	if page > 1 {
		p.Prev = link(page - 1)
	}
	if page < pages {
		p.Next = link(page + 1)
	}
	return p
}

// kindOfPath reads the kind from a path's first segment.
func kindOfPath(p string) (baogao.Kind, bool) {
	seg, _, _ := strings.Cut(strings.TrimPrefix(p, "/"), "/")
	return baogao.KindBySegment(seg)
}

// listing is /{kind}/ and /{kind}/{region}/: the documents of a kind,
// filtered by province, prefecture, level and year (baogao.ParseFilter's
// parameters), each choice showing how many documents it would leave.
func (s *Server) listing(r *http.Request, lang string) (string, any, error) {
	ctx := r.Context()
	kind, ok := kindOfPath(r.URL.Path)
	if !ok {
		return "", nil, baogao.Errorf(baogao.ENOTFOUND, "页面不存在")
	}
	var region baogao.Region
	if seg := r.PathValue("region"); seg != "" {
		if region = baogao.Region(seg); !region.Valid() {
			return "", nil, baogao.Errorf(baogao.ENOTFOUND, "没有这个地区")
		}
	}
	q := r.URL.Query()
	f, err := baogao.ParseFilter(q.Get, s.places)
	if err != nil {
		return "", nil, err
	}
	f.Kind, f.Region = kind, region
	pageN, _ := strconv.Atoi(q.Get("page"))
	if pageN < 1 {
		pageN = 1
	}
	// The page, its totals and its choices (counted across the other
	// filters) show the kind's documents of the region, and no others.
	showsList(r, baogao.DocumentFilter{Kind: kind, Region: region})
	facets, err := s.store.Facets(ctx, f)
	if err != nil {
		return "", nil, err
	}
	f.Limit, f.Offset = perPage, (pageN-1)*perPage
	docs, err := s.store.Documents(ctx, f)
	if err != nil {
		return "", nil, err
	}
	pages := (docs.Total + perPage - 1) / perPage
	if pageN > 1 && pageN > pages {
		return "", nil, baogao.Errorf(baogao.ENOTFOUND, "没有这一页")
	}
	title := kind.Name()
	if lang == langEN {
		title = kindNamesEN[kind]
	}
	if region != "" {
		if lang == langEN {
			title += " · " + regionNamesEN[region]
		} else {
			title = region.Name() + title
		}
	}
	lp := listingPage{base: base{Lang: lang, Title: title, Path: r.URL.Path}, Kind: kind, Region: region,
		Docs: docs.Documents, Total: docs.Total}
	lp.Provinces = s.placeOptions(facets.ByProvince, "0000", f.Province, lang)
	if facets.ByPrefecture != nil {
		lp.Prefectures = s.placeOptions(facets.ByPrefecture, "00", f.Prefecture, lang)
	}
	lp.Levels = levelOptions(lang, facets.ByLevel, f.Level)
	lp.Years = yearOptions(facets, f.YearFrom, f.YearTo)
	lp.Pager = newPager(r, pageN, pages)
	lp.Downloads = listingDownloads(q, kind, region, lang)
	return "listing", lp, nil
}

// placeOptions lists the provinces (or prefectures) that have documents,
// by code; suffix completes a prefix into a code.
func (s *Server) placeOptions(counts map[string]int, suffix, selected, lang string) []option {
	var out []option
	for pp, n := range counts {
		if pp == "" {
			continue
		}
		p, err := s.places.Place(pp + suffix)
		label := pp
		if err == nil {
			label = p.Name
			if lang == langEN {
				label = p.Slug
			}
		}
		out = append(out, option{Value: pp, Label: label, Count: n, Selected: pp == baogao.CodePrefix(selected)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Value < out[j].Value })
	return out
}

// kindOptions lists every kind, with its documents when counts is not nil.
func kindOptions(lang string, counts map[baogao.Kind]int, selected baogao.Kind) []option {
	var out []option
	for _, k := range baogao.Kinds {
		label := k.Name()
		if lang == langEN {
			label = kindNamesEN[k]
		}
		o := option{Value: string(k), Label: label, Selected: k == selected, Count: -1}
		if counts != nil {
			o.Count = counts[k]
		}
		out = append(out, o)
	}
	return out
}

// levelOptions lists the levels that have documents, province first.
func levelOptions(lang string, counts map[baogao.Level]int, selected baogao.Level) []option {
	var out []option
	for _, l := range []baogao.Level{baogao.LevelProvince, baogao.LevelPrefecture, baogao.LevelCounty} {
		if n := counts[l]; n > 0 {
			out = append(out, option{Value: string(l), Label: message(lang, "level."+string(l)), Count: n, Selected: l == selected})
		}
	}
	return out
}

// yearOptions lists the years that have documents, newest first.
func yearOptions(fc baogao.Facets, from, to int) []option {
	var out []option
	for y, n := range fc.ByYear {
		if y == 0 {
			continue
		}
		out = append(out, option{Value: strconv.Itoa(y), Label: strconv.Itoa(y), Count: n, Selected: from == y && to == y})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Value > out[j].Value })
	return out
}
