package web

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"html"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/baogao/baogao"
)

// pageHandler serves one kind of page: it returns the template name and its
// data, or an error (redirect for a redirect).
type pageHandler func(r *http.Request, lang string) (name string, data any, err error)

// redirect is returned by a page handler to send the reader elsewhere.
type redirect struct {
	to     string
	status int
}

func (r *redirect) Error() string { return "redirect to " + r.to }

// pageTemplate is a page parsed with the layout and partials.
type pageTemplate = template.Template

// base is what the layout needs of every page.
type base struct {
	Lang      string
	Title     string
	Path      string // for the language switch
	Canonical string
	// Description is the page's meta description ("" for none).
	Description string
	NoIndex     bool
	// OwnSearch hides the header's search box on a page that has its own.
	OwnSearch bool
}

// parseTemplates parses every page template with the layout and partials,
// once per language, and executes nothing: a missing template or function
// is an error at start-up.
func (s *Server) parseTemplates(fsys fs.FS) (map[string]map[string]*pageTemplate, error) {
	names, err := fs.Glob(fsys, "*.html")
	if err != nil {
		return nil, err
	}
	out := map[string]map[string]*pageTemplate{}
	texts := map[string]string{}
	for _, n := range names {
		b, err := fs.ReadFile(fsys, n)
		if err != nil {
			return nil, err
		}
		texts[n] = string(b)
	}
	partials, _ := fs.Glob(fsys, "_*.html")
	for _, lang := range languages {
		out[lang] = map[string]*pageTemplate{}
		for _, n := range names {
			base := strings.TrimSuffix(path.Base(n), ".html")
			if base == "layout" || strings.HasPrefix(base, "_") {
				continue
			}
			t := template.New(base).Funcs(s.funcs(lang))
			for _, f := range append([]string{"layout.html", n}, partials...) {
				if _, err := t.New(f).Parse(inlineMessages(lang, texts[f])); err != nil {
					return nil, fmt.Errorf("template %s: %w", f, err)
				}
			}
			if t.Lookup("content") == nil {
				return nil, fmt.Errorf("template %s defines no content", n)
			}
			out[lang][base] = t
		}
	}
	for _, need := range []string{"home", "listing", "document", "place", "places", "search", "error"} {
		if out[langZH][need] == nil {
			return nil, fmt.Errorf("template %s.html is missing", need)
		}
	}
	return out, nil
}

// messageAction is a template action that only prints an interface message.
var messageAction = regexp.MustCompile(`\{\{t "([a-z0-9._]+)"\}\}`)

// inlineMessages writes the interface messages of a template's text into it,
// escaped, so that executing the page calls no function for them. Messages
// are plain text and sit in element text or quoted attribute values, where
// this escaping is the one html/template would apply.
func inlineMessages(lang, text string) string {
	return messageAction.ReplaceAllStringFunc(text, func(a string) string {
		return html.EscapeString(message(lang, messageAction.FindStringSubmatch(a)[1]))
	})
}

// html serves a page handler: conditional requests (ETag, Last-Modified and
// 304s), the rendered-page cache, and errors. A cached page answers with the
// validators it was built with for as long as nothing it shows changes; a
// page built afresh with the archive version's.
func (s *Server) html(h pageHandler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		lang := langOf(r)
		if l := r.URL.Query().Get("lang"); l == lang {
			http.SetCookie(w, &http.Cookie{Name: "lang", Value: lang, Path: "/", MaxAge: 365 * 24 * 3600, SameSite: http.SameSiteLaxMode, HttpOnly: true})
		}
		version, changed, err := s.store.Version(r.Context())
		if err == nil && !s.cache.disabled {
			err = s.inval.sync(r.Context(), version)
		}
		if err != nil {
			s.error(w, r, &baogao.Error{Code: baogao.EUNAVAILABLE, Message: "database unavailable", Err: err})
			return
		}
		key := lang + " " + r.URL.RequestURI()
		hdr := w.Header()
		hdr.Set("Cache-Control", "no-cache")
		hdr.Add("Vary", "Cookie")
		if p, ok := s.cache.get(key); ok {
			hdr.Set("ETag", p.etag)
			setLastModified(hdr, p.modified)
			if notModified(r, p.etag, p.modified) {
				w.WriteHeader(http.StatusNotModified)
				return
			}
			writePage(w, r, p)
			return
		}
		etag := pageETag(version, key)
		hdr.Set("ETag", etag)
		setLastModified(hdr, changed)
		if notModified(r, etag, changed) {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		// Building a page is CPU and database work: more pages at once than
		// a few per core only makes each one slower, and readers waiting
		// for a connection would be served in random order by the pool.
		// Pages wait here instead, first come first served.
		release, ok := s.admit(r)
		if !ok && errors.Is(r.Context().Err(), context.Canceled) {
			return // the reader has gone
		}
		if !ok {
			hdr.Del("ETag")
			hdr.Del("Last-Modified")
			s.error(w, r, &baogao.Error{Code: baogao.EUNAVAILABLE, Message: "服务器繁忙，请稍后再试。", Err: r.Context().Err()})
			return
		}
		defer release()
		seq := s.inval.seen()
		r, pd := withDeps(r)
		name, data, err := h(r, lang)
		if err != nil {
			hdr.Del("ETag")
			hdr.Del("Last-Modified")
			s.error(w, r, err)
			return
		}
		buf, err := s.execute(lang, name, data)
		if err != nil {
			hdr.Del("ETag")
			s.error(w, r, err)
			return
		}
		defer pageBuffers.Put(buf)
		p := &cachedPage{key: key, body: buf.Bytes(), contentType: "text/html; charset=utf-8", status: http.StatusOK,
			etag: etag, modified: changed, deps: pd}
		if !s.cache.disabled {
			p.body = bytes.Clone(p.body) // the cache keeps its own copy
			p.gzip = gzipBytes(p.body)
			s.inval.put(p, seq)
		}
		release() // a slow reader does not hold a slot
		writePage(w, r, p)
	})
}

// admit waits for a slot to build a page in, and returns the function that
// gives it back (once, however often it is called); ok is false when the
// request ended while it waited.
func (s *Server) admit(r *http.Request) (release func(), ok bool) {
	select {
	case s.slots <- struct{}{}:
	case <-r.Context().Done():
		return nil, false
	}
	held := true
	return func() {
		if held {
			held = false
			<-s.slots
		}
	}, true
}

// execute renders a page into a buffer of pageBuffers, which the caller
// puts back when it has written it.
func (s *Server) execute(lang, name string, data any) (*bytes.Buffer, error) {
	pages := s.pages
	if s.tmplDir != "" {
		var err error
		if pages, err = s.parseTemplates(s.templates()); err != nil {
			return nil, err
		}
	}
	t, ok := pages[lang][name]
	if !ok {
		return nil, errors.New("no template " + name)
	}
	b := pageBuffers.Get().(*bytes.Buffer)
	b.Reset()
	if err := t.ExecuteTemplate(b, "layout", data); err != nil {
		pageBuffers.Put(b)
		return nil, fmt.Errorf("render %s: %w", name, err)
	}
	return b, nil
}

// pageBuffers are reused to render pages: a page would otherwise grow a
// new buffer a few times on the way.
var pageBuffers = sync.Pool{New: func() any { return bytes.NewBuffer(make([]byte, 0, 64<<10)) }}

func writePage(w http.ResponseWriter, r *http.Request, p *cachedPage) {
	h := w.Header()
	h.Set("Content-Type", p.contentType)
	if p.gzip != nil && acceptsGzip(r) {
		h.Set("Content-Encoding", "gzip")
		h.Set("Content-Length", strconv.Itoa(len(p.gzip)))
		w.WriteHeader(p.status)
		w.Write(p.gzip)
		return
	}
	w.WriteHeader(p.status)
	w.Write(p.body)
}

func gzipBytes(b []byte) []byte {
	var out bytes.Buffer
	zw := gzipPool.Get().(*gzip.Writer)
	zw.Reset(&out)
	zw.Write(b)
	zw.Close()
	gzipPool.Put(zw)
	return out.Bytes()
}

// pageETag is a weak validator of a page: the same URL, language and
// archive version render the same page.
func pageETag(version int64, key string) string {
	h := fnv.New64a()
	fmt.Fprintf(h, "%d %s", version, key)
	return fmt.Sprintf(`W/"%x"`, h.Sum64())
}

func notModified(r *http.Request, etag string, changed time.Time) bool {
	if inm := r.Header.Get("If-None-Match"); inm != "" {
		return match(inm, etag)
	}
	if ims := r.Header.Get("If-Modified-Since"); ims != "" {
		t, err := http.ParseTime(ims)
		return err == nil && secondOver(changed) && !changed.Truncate(time.Second).After(t)
	}
	return false
}

// secondOver reports whether the second of a change is over. HTTP dates
// have whole seconds: a Last-Modified given while its second goes on
// would let a second change in that second answer 304 to a client that
// holds the first. Within it the date is neither given nor believed; the
// ETag answers.
func secondOver(changed time.Time) bool {
	return time.Now().Truncate(time.Second).After(changed.Truncate(time.Second))
}

// setLastModified sets Last-Modified to changed once its second is over.
func setLastModified(h http.Header, changed time.Time) {
	if secondOver(changed) {
		h.Set("Last-Modified", changed.UTC().Format(http.TimeFormat))
	} else {
		h.Del("Last-Modified")
	}
}

// statusOf maps error codes to HTTP statuses.
var statusOf = map[string]int{
	baogao.EINVALID:        http.StatusBadRequest,
	baogao.ENOTFOUND:       http.StatusNotFound,
	baogao.EUNAUTHORIZED:   http.StatusUnauthorized,
	baogao.EFORBIDDEN:      http.StatusForbidden,
	baogao.EMETHOD:         http.StatusMethodNotAllowed,
	baogao.ECONFLICT:       http.StatusConflict,
	baogao.ETOOLARGE:       http.StatusRequestEntityTooLarge,
	baogao.ERATELIMITED:    http.StatusTooManyRequests,
	baogao.EUNAVAILABLE:    http.StatusServiceUnavailable,
	baogao.ENOTIMPLEMENTED: http.StatusNotImplemented,
	baogao.EINTERNAL:       http.StatusInternalServerError,
}

// errorPage is the data of the error and not-found pages.
type errorPage struct {
	base
	Status  int
	Message string
	Kinds   []baogao.Kind
}

// error writes the error page, or follows a redirect. Internal errors are
// logged and shown as a generic message; others show their own message.
func (s *Server) error(w http.ResponseWriter, r *http.Request, err error) {
	var rd *redirect
	if errors.As(err, &rd) {
		http.Redirect(w, r, rd.to, rd.status)
		return
	}
	status, msg := s.status(r, err)
	lang := langOf(r)
	name := "error"
	if status == http.StatusNotFound {
		name = "notfound"
	}
	data := errorPage{base: base{Lang: lang, Title: message(lang, "error.title"), Path: r.URL.Path, NoIndex: true},
		Status: status, Message: msg, Kinds: baogao.Kinds}
	if status == http.StatusNotFound {
		data.Title = message(lang, "notfound.title")
		data.OwnSearch = true
	}
	buf, rerr := s.execute(lang, name, data)
	if rerr != nil {
		s.log.Error("rendering the error page", "err", rerr)
		http.Error(w, msg, status)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
	pageBuffers.Put(buf)
}

// status returns the HTTP status and the user's message for an error,
// logging internal ones.
func (s *Server) status(r *http.Request, err error) (int, string) {
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
	return status, msg
}

// withQuery returns path with the query parameters set (empty values
// removed).
func withQuery(p string, q url.Values) string {
	v := url.Values{}
	for k, vs := range q {
		for _, x := range vs {
			if x != "" {
				v.Add(k, x)
			}
		}
	}
	if len(v) == 0 {
		return p
	}
	return p + "?" + v.Encode()
}

// render writes a page that is never cached (forms, answers to posts, the
// operator's desk) with the status.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, data any) error {
	buf, err := s.execute(langOf(r), name, data)
	if err != nil {
		return err
	}
	defer pageBuffers.Put(buf)
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
	return nil
}

// actionHandler serves a request that is not a cacheable page (a post, a
// captcha, the operator's desk); it writes its own answer or returns an
// error for s.error.
type actionHandler func(w http.ResponseWriter, r *http.Request) error

// action serves an action handler, turning its error into the error page.
func (s *Server) action(h actionHandler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := h(w, r); err != nil {
			s.error(w, r, err)
		}
	})
}
