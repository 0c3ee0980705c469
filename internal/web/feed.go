package web

import (
	"encoding/xml"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/baogao/baogao"
)

// xmlHandler returns a value to encode as XML.
type xmlHandler func(r *http.Request) (any, error)

// xml serves an XML document; errors are the usual error page.
func (s *Server) xml(h xmlHandler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Access-Control-Allow-Origin", "*") // feed readers in the browser
		if s.conditional(w, r) {
			return
		}
		v, err := h(r)
		if err != nil {
			w.Header().Del("ETag")
			w.Header().Del("Last-Modified")
			s.error(w, r, err)
			return
		}
		ct := "application/xml; charset=utf-8"
		if _, ok := v.(*atomFeed); ok {
			ct = "application/atom+xml; charset=utf-8"
		}
		w.Header().Set("Content-Type", ct)
		w.Header().Set("Cache-Control", "public, max-age=300")
		w.Write([]byte(xml.Header))
		enc := xml.NewEncoder(w)
		enc.Indent("", " ")
		if err := enc.Encode(v); err != nil {
			s.log.Error("encoding xml", "path", r.URL.Path, "err", err)
		}
	})
}

type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string      `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	Title   string      `xml:"title"`
	ID      string      `xml:"id"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Author  atomAuthor  `xml:"author"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
}

type atomAuthor struct {
	Name string `xml:"name"`
}

type atomEntry struct {
	Title    string     `xml:"title"`
	ID       string     `xml:"id"`
	Updated  string     `xml:"updated"`
	Link     atomLink   `xml:"link"`
	Summary  string     `xml:"summary"`
	Category []atomCat  `xml:"category"`
	Author   atomAuthor `xml:"author"`
}

type atomCat struct {
	Term  string `xml:"term,attr"`
	Label string `xml:"label,attr,omitempty"`
}

// feed is /feed.xml: the newest documents, filtered as the API's
// documents are (?kind=, ?region=, ?province=, ?place=, ?level=, ?year=).
func (s *Server) feed(r *http.Request) (any, error) {
	f, err := s.filterOf(r)
	if err != nil {
		return nil, err
	}
	f.Added, f.Limit, f.Offset = true, 50, 0
	title := "baogao 报告 · 最新收录"
	if f.Kind != "" {
		title += " · " + f.Kind.Name()
	}
	if f.Region != "" {
		title += " · " + f.Region.Name()
	}
	if p, err := s.places.Place(f.PlaceCode); err == nil {
		title += " · " + p.Name
	}
	page, err := s.store.Documents(r.Context(), f)
	if err != nil {
		return nil, err
	}
	// The feed's id and self link name its filters, in one order and
	// without the interface language, which does not change the feed.
	self := s.abs(withQuery("/feed.xml", filterQuery(r.URL.Query())))
	feed := &atomFeed{Lang: "zh-CN", Title: title, ID: self, Author: atomAuthor{Name: "baogao"},
		Links: []atomLink{{Href: self, Rel: "self", Type: "application/atom+xml"}, {Href: s.abs("/"), Rel: "alternate", Type: "text/html"}}}
	updated := time.Unix(0, 0).UTC()
	for _, d := range page.Documents {
		if d.CreatedAt.After(updated) {
			updated = d.CreatedAt
		}
		summary := strings.TrimSpace(strings.Join([]string{d.Meta.Kind.Name(), yearText(d.Meta.Year), d.Meta.Place, d.Meta.Date}, " "))
		feed.Entries = append(feed.Entries, atomEntry{Title: d.Meta.Title, ID: s.abs(d.URL()), Updated: d.CreatedAt.UTC().Format(time.RFC3339),
			Link: atomLink{Href: s.abs(d.URL()), Rel: "alternate", Type: "text/html"}, Summary: summary,
			Category: []atomCat{{Term: string(d.Meta.Kind), Label: d.Meta.Kind.Name()}}, Author: atomAuthor{Name: orDefault(d.Meta.Issuer, "baogao")}})
	}
	feed.Updated = updated.Format(time.RFC3339)
	return feed, nil
}

func yearText(y int) string {
	if y == 0 {
		return ""
	}
	return strconv.Itoa(y) + "年"
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// sitemapSize is the number of documents per sitemap file (the protocol
// allows 50,000 URLs).
const sitemapSize = 40000

type urlSet struct {
	XMLName xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod,omitempty"`
}

type sitemapIndex struct {
	XMLName  xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 sitemapindex"`
	Sitemaps []sitemapURL `xml:"sitemap"`
}

// sitemap is /sitemap.xml: the site's pages, the places that have
// documents and the documents, or, for a large archive, an index of
// /sitemap-N.xml files. Sitemaps stand at the root because a sitemap may
// only list URLs under its own folder.
func (s *Server) sitemap(r *http.Request) (any, error) {
	st, err := s.store.Stats(r.Context())
	if err != nil {
		return nil, err
	}
	if st.Documents > sitemapSize {
		idx := &sitemapIndex{}
		for i := 0; i*sitemapSize < st.Documents; i++ {
			idx.Sitemaps = append(idx.Sitemaps, sitemapURL{Loc: s.abs(fmt.Sprintf("/sitemap-%d.xml", i+1))})
		}
		return idx, nil
	}
	return s.sitemapSet(r, 1)
}

// sitemapPart is /sitemap-N.xml of a large archive; the route takes every
// other file at the root too, and finds none of them.
func (s *Server) sitemapPart(r *http.Request) (any, error) {
	nText, ok := strings.CutPrefix(r.PathValue("file"), "sitemap-")
	nText, ok2 := strings.CutSuffix(nText, ".xml")
	n, err := strconv.Atoi(nText)
	if !ok || !ok2 || err != nil || n < 1 {
		return nil, baogao.Errorf(baogao.ENOTFOUND, "页面不存在")
	}
	return s.sitemapSet(r, n)
}

// oldSitemapPart sends /sitemap/N.xml, where parts used to be, to
// /sitemap-N.xml.
func oldSitemapPart(w http.ResponseWriter, r *http.Request) {
	http.Redirect(w, r, "/sitemap-"+r.PathValue("file"), http.StatusMovedPermanently)
}

// sitemapSet is part n (from 1) of the documents, the first part with the
// site's other pages.
func (s *Server) sitemapSet(r *http.Request, n int) (*urlSet, error) {
	page, err := s.store.Documents(r.Context(), baogao.DocumentFilter{Added: true, Limit: sitemapSize, Offset: (n - 1) * sitemapSize, SkipTotal: true})
	if err != nil {
		return nil, err
	}
	if n > 1 && len(page.Documents) == 0 {
		return nil, baogao.Errorf(baogao.ENOTFOUND, "页面不存在")
	}
	set := &urlSet{}
	if n == 1 {
		if set.URLs, err = s.siteURLs(r); err != nil {
			return nil, err
		}
	}
	for _, d := range page.Documents {
		set.URLs = append(set.URLs, sitemapURL{Loc: s.abs(d.URL()), LastMod: d.UpdatedAt.UTC().Format("2006-01-02")})
	}
	return set, nil
}

// siteURLs lists the home page, the listings, the place index and the
// place pages that have documents at or under them.
func (s *Server) siteURLs(r *http.Request) ([]sitemapURL, error) {
	out := []sitemapURL{{Loc: s.abs("/")}, {Loc: s.abs("/place/")}}
	for _, k := range baogao.Kinds {
		out = append(out, sitemapURL{Loc: s.abs("/" + k.Segment() + "/")})
		for _, rg := range baogao.Regions {
			out = append(out, sitemapURL{Loc: s.abs("/" + k.Segment() + "/" + string(rg) + "/")})
		}
	}
	codes, err := s.placesWithDocuments(r.Context())
	if err != nil {
		return nil, err
	}
	for _, c := range codes {
		out = append(out, sitemapURL{Loc: s.abs("/place/" + c)})
	}
	return out, nil
}
