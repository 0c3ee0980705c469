package web

import (
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/baogao/baogao"
)

// contentSecurityPolicy allows nothing from other hosts: every script,
// style, font and image is served by baogao itself.
const contentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; " +
	"font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'"

// maxURL bounds the request target; maxBody bounds request bodies;
// maxDuration bounds the work done for one request (database queries see
// the deadline in their context).
const (
	maxURL      = 8 << 10
	maxBody     = 1 << 20
	maxDuration = 30 * time.Second
)

// secure sets the security headers and bounds the request.
func secure(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
		h.Set("X-Frame-Options", "DENY")
		if len(r.URL.RawQuery)+len(r.URL.Path) > maxURL {
			http.Error(w, "request URL too long", http.StatusRequestURITooLong)
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, maxBody)
		validQuery(r)
		ctx, cancel := context.WithTimeout(r.Context(), maxDuration)
		defer cancel()
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// validQuery replaces the bytes of the query's keys and values that are
// not UTF-8 with U+FFFD, so that no handler echoes them into a page (a
// search box) or looks them up.
func validQuery(r *http.Request) {
	vs, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return // handlers see what they see of it; it is not echoed whole
	}
	bad := false
	for k, v := range vs {
		if !utf8.ValidString(k) {
			bad = true
		}
		for _, x := range v {
			if !utf8.ValidString(x) {
				bad = true
			}
		}
	}
	if !bad {
		return
	}
	fixed := url.Values{}
	for k, v := range vs {
		for _, x := range v {
			fixed.Add(strings.ToValidUTF8(k, "\uFFFD"), strings.ToValidUTF8(x, "\uFFFD"))
		}
	}
	r.URL.RawQuery = fixed.Encode()
}

// recoverer turns a panic into a 500 and a log line.
func (s *Server) recoverer(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.error(w, r, &baogao.Error{Code: baogao.EINTERNAL, Message: "panic", Err: fmt.Errorf("%v", v)})
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// statusWriter records the status and size of a response.
type statusWriter struct {
	http.ResponseWriter
	status int
	n      int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.n += n
	return n, err
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// instrument counts and times requests by route.
func (s *Server) instrument(route string, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		next.ServeHTTP(sw, r)
		if sw.status == 0 {
			sw.status = http.StatusOK
		}
		s.metrics.requests.WithLabelValues(route, strconv.Itoa(sw.status)).Inc()
		s.metrics.latency.WithLabelValues(route).Observe(time.Since(start).Seconds())
	})
}

// gzipWriter compresses a response whose content type is compressible.
type gzipWriter struct {
	http.ResponseWriter
	zw      *gzip.Writer
	decided bool
	on      bool
}

var gzipPool = sync.Pool{New: func() any { w, _ := gzip.NewWriterLevel(io.Discard, gzip.DefaultCompression); return w }}

func (g *gzipWriter) decide() {
	if g.decided {
		return
	}
	g.decided = true
	h := g.Header()
	if h.Get("Content-Encoding") != "" || !compressible(h.Get("Content-Type")) {
		return
	}
	g.on = true
	h.Set("Content-Encoding", "gzip")
	h.Del("Content-Length")
	g.zw = gzipPool.Get().(*gzip.Writer)
	g.zw.Reset(g.ResponseWriter)
}

func (g *gzipWriter) WriteHeader(code int) {
	if code != http.StatusNotModified && code != http.StatusNoContent {
		g.decide()
	}
	g.ResponseWriter.WriteHeader(code)
}

func (g *gzipWriter) Write(b []byte) (int, error) {
	g.decide()
	if g.on {
		return g.zw.Write(b)
	}
	return g.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the connection.
func (g *gzipWriter) Unwrap() http.ResponseWriter { return g.ResponseWriter }

func (g *gzipWriter) close() {
	if g.on {
		g.zw.Close()
		gzipPool.Put(g.zw)
	}
}

// compress gzips responses for clients that accept it. Cached pages and
// static files are compressed ahead of time and set Content-Encoding
// themselves, which this leaves alone.
func compress(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Add("Vary", "Accept-Encoding")
		if !acceptsGzip(r) {
			next.ServeHTTP(w, r)
			return
		}
		g := &gzipWriter{ResponseWriter: w}
		defer g.close()
		next.ServeHTTP(g, r)
	})
}

func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		enc, q, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.TrimSpace(enc) == "gzip" && strings.TrimSpace(q) != "q=0" {
			return true
		}
	}
	return false
}

// match reports whether an If-None-Match header matches etag.
func match(header, etag string) bool {
	if header == "" {
		return false
	}
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimSpace(t)
		if t == "*" || strings.TrimPrefix(t, "W/") == strings.TrimPrefix(etag, "W/") {
			return true
		}
	}
	return false
}

// conditional sets the validators of a response that depends on the
// archive and the URL alone (the API, feeds, sitemaps) — an ETag of the
// archive version and the URL, Last-Modified of its last change — and
// answers 304 when the client holds that version; it reports whether it
// did. Clients revalidate (no-cache), so a change is seen at once.
func (s *Server) conditional(w http.ResponseWriter, r *http.Request) bool {
	version, changed, err := s.store.Version(r.Context())
	if err != nil {
		return false // the handler meets the same failure and reports it
	}
	etag := pageETag(version, r.URL.RequestURI())
	h := w.Header()
	h.Set("ETag", etag)
	setLastModified(h, changed)
	h.Set("Cache-Control", "no-cache")
	if notModified(r, etag, changed) {
		w.WriteHeader(http.StatusNotModified)
		return true
	}
	return false
}

// methods answers requests whose method no route takes: 405 with the
// methods the path does take in Allow (as JSON under /api/, a page
// elsewhere), and the CORS preflight of the API. Routes are registered
// with their methods ("GET /x"); the catch-all patterns without one ("/",
// "/api/", "/admin/") would otherwise answer 404 to a POST to a GET-only
// path.
func (s *Server) methods(mux *http.ServeMux) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, pattern := mux.Handler(r)
		if strings.HasPrefix(pattern, "/") { // a catch-all, no method
			var allow []string
			for _, m := range []string{http.MethodGet, http.MethodPost} {
				if m == r.Method || m == http.MethodGet && r.Method == http.MethodHead {
					continue
				}
				probe := r.Clone(r.Context())
				probe.Method = m
				if _, p := mux.Handler(probe); strings.HasPrefix(p, m+" ") {
					allow = append(allow, m)
					if m == http.MethodGet {
						allow = append(allow, http.MethodHead)
					}
				}
			}
			if len(allow) > 0 {
				api := strings.HasPrefix(r.URL.Path, "/api/")
				if api && r.Method == http.MethodOptions && slices.Contains(allow, http.MethodGet) {
					h := w.Header() // CORS preflight: anyone may read
					h.Set("Access-Control-Allow-Origin", "*")
					h.Set("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS")
					h.Set("Access-Control-Allow-Headers", "If-None-Match, If-Modified-Since")
					h.Set("Access-Control-Max-Age", "86400")
					h.Set("Allow", strings.Join(append(allow, http.MethodOptions), ", "))
					w.WriteHeader(http.StatusNoContent)
					return
				}
				w.Header().Set("Allow", strings.Join(allow, ", "))
				err := baogao.Errorf(baogao.EMETHOD, "不支持 %s 请求；可用：%s", r.Method, strings.Join(allow, ", "))
				if api {
					s.apiError(w, r, err)
				} else {
					s.error(w, r, err)
				}
				return
			}
		}
		mux.ServeHTTP(w, r)
	})
}
