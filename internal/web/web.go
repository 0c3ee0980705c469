// Package web serves the public reading site, the JSON API and the
// operational endpoints over a baogao.Store.
package web

import (
	"embed"
	"errors"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"strconv"
	"strings"

	"github.com/baogao/baogao"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// Server is the web application.
type Server struct {
	store  baogao.Store
	places baogao.Gazetteer
	log    *slog.Logger
	pages  map[string]*template.Template
	mux    *http.ServeMux
}

// Config is what a Server needs.
type Config struct {
	Store  baogao.Store
	Places baogao.Gazetteer
	Log    *slog.Logger // nil: slog.Default()
}

// New returns a server with its templates parsed; a broken template is an
// error here, not at the first request.
func New(cfg Config) (*Server, error) {
	s := &Server{store: cfg.Store, places: cfg.Places, log: cfg.Log}
	if s.log == nil {
		s.log = slog.Default()
	}
	if err := s.parseTemplates(); err != nil {
		return nil, err
	}
	s.routes()
	return s, nil
}

// ServeHTTP serves a request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.mux.ServeHTTP(w, r) }

// handler is a handler that returns an error; handle turns errors into pages.
type handler func(w http.ResponseWriter, r *http.Request) error

func (s *Server) routes() {
	s.mux = http.NewServeMux()
	static, _ := fs.Sub(staticFS, "static")
	s.mux.Handle("GET /static/", http.StripPrefix("/static/", http.FileServerFS(static)))
	s.mux.HandleFunc("GET /healthz", s.healthz)
	s.mux.Handle("GET /{$}", s.handle(s.home))
	for _, k := range baogao.Kinds {
		s.mux.Handle("GET /"+k.Segment()+"/{region}/{file}", s.handle(s.document))
	}
	s.mux.Handle("/", s.handle(func(w http.ResponseWriter, r *http.Request) error {
		return baogao.Errorf(baogao.ENOTFOUND, "页面不存在")
	}))
}

func (s *Server) handle(h handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := h(w, r); err != nil {
			s.error(w, r, err)
		}
	})
}

// statusOf maps error codes to HTTP statuses.
var statusOf = map[string]int{
	baogao.EINVALID:        http.StatusBadRequest,
	baogao.ENOTFOUND:       http.StatusNotFound,
	baogao.EUNAUTHORIZED:   http.StatusUnauthorized,
	baogao.ECONFLICT:       http.StatusConflict,
	baogao.ETOOLARGE:       http.StatusRequestEntityTooLarge,
	baogao.ERATELIMITED:    http.StatusTooManyRequests,
	baogao.EUNAVAILABLE:    http.StatusServiceUnavailable,
	baogao.ENOTIMPLEMENTED: http.StatusNotImplemented,
	baogao.EINTERNAL:       http.StatusInternalServerError,
}

// error writes the error page. Internal errors are logged and shown as a
// generic message; others show their own message.
func (s *Server) error(w http.ResponseWriter, r *http.Request, err error) {
	code := baogao.ErrorCode(err)
	status, ok := statusOf[code]
	if !ok {
		status = http.StatusInternalServerError
	}
	msg := baogao.ErrorMessage(err)
	if status >= 500 {
		s.log.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
		msg = "服务器出错了，请稍后再试。"
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	s.pages["error"].ExecuteTemplate(w, "layout", errorPage{Title: http.StatusText(status), Status: status, Message: msg})
}

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	if _, err := s.store.Stats(r.Context()); err != nil {
		http.Error(w, "database unavailable", http.StatusServiceUnavailable)
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Write([]byte("ok\n"))
}

// render executes a page template into w.
func (s *Server) render(w http.ResponseWriter, name string, data any) error {
	t, ok := s.pages[name]
	if !ok {
		return errors.New("no template " + name)
	}
	var b strings.Builder
	if err := t.ExecuteTemplate(&b, "layout", data); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_, err := w.Write([]byte(b.String()))
	return err
}

// parseID reads "123.html".
func parseID(file string) (int64, bool) {
	idText, ok := strings.CutSuffix(file, ".html")
	if !ok {
		return 0, false
	}
	id, err := strconv.ParseInt(idText, 10, 64)
	return id, err == nil && id > 0
}
