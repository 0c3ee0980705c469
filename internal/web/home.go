package web

import (
	"net/http"

	"github.com/baogao/baogao"
)

type homePage struct {
	base
	Stats  baogao.Stats
	Latest []*baogao.Document
}

func (s *Server) home(r *http.Request, lang string) (string, any, error) {
	ctx := r.Context()
	st, err := s.store.Stats(ctx)
	if err != nil {
		return "", nil, err
	}
	latest, err := s.store.Documents(ctx, baogao.DocumentFilter{Added: true, Limit: 20, SkipTotal: true})
	if err != nil {
		return "", nil, err
	}
	return "home", homePage{base: base{Lang: lang, Title: message(lang, "site.name") + " · " + message(lang, "site.tagline"), Path: "/"},
		Stats: st, Latest: latest.Documents}, nil
}
