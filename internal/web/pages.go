package web

import (
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"strings"

	"github.com/baogao/baogao"
)

type errorPage struct {
	Title   string
	Status  int
	Message string
}

type homePage struct {
	Title  string
	Latest []*baogao.Document
	Stats  baogao.Stats
}

type documentPage struct {
	Title string
	Doc   *baogao.Document
	Place []baogao.Place // the place's path, province first
}

// parseTemplates parses each page template together with the layout.
func (s *Server) parseTemplates() error {
	funcs := template.FuncMap{
		"kindName":   func(k baogao.Kind) string { return k.Name() },
		"regionName": func(r baogao.Region) string { return r.Name() },
		"paragraphs": func(body string) []string { return strings.Split(body, "\n") },
	}
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		return err
	}
	s.pages = map[string]*template.Template{}
	for _, n := range names {
		base := strings.TrimSuffix(path.Base(n), ".html")
		if base == "layout" {
			continue
		}
		t, err := template.New(base).Funcs(funcs).ParseFS(templateFS, "templates/layout.html", n)
		if err != nil {
			return err
		}
		s.pages[base] = t
	}
	return nil
}

func (s *Server) home(w http.ResponseWriter, r *http.Request) error {
	page, err := s.store.Documents(r.Context(), baogao.DocumentFilter{Limit: 30})
	if err != nil {
		return err
	}
	st, err := s.store.Stats(r.Context())
	if err != nil {
		return err
	}
	return s.render(w, "home", homePage{Title: "报告 · 地方政府工作报告与统计公报文库", Latest: page.Documents, Stats: st})
}

func (s *Server) document(w http.ResponseWriter, r *http.Request) error {
	kind, ok := baogao.KindBySegment(strings.SplitN(strings.TrimPrefix(r.URL.Path, "/"), "/", 2)[0])
	id, okID := parseID(r.PathValue("file"))
	if !ok || !okID {
		return baogao.Errorf(baogao.ENOTFOUND, "页面不存在")
	}
	doc, err := s.store.Document(r.Context(), id)
	if err != nil {
		if baogao.ErrorCode(err) == baogao.ENOTFOUND {
			return baogao.Errorf(baogao.ENOTFOUND, "没有找到这篇文件")
		}
		return err
	}
	if doc.Meta.Kind != kind || string(doc.Meta.Region) != r.PathValue("region") {
		http.Redirect(w, r, doc.URL(), http.StatusMovedPermanently)
		return nil
	}
	return s.render(w, "document", documentPage{Title: doc.Meta.Title, Doc: doc, Place: s.places.Path(doc.Meta.PlaceCode)})
}
