// Package web serves the public reading site, the JSON API and the
// operational endpoints over a baogao.Store.
package web

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net/http"
	"net/netip"
	"net/url"
	"os"
	"runtime"
	"strings"
	"time"

	"github.com/baogao/baogao"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

//go:embed all:templates
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// Config is what a Server needs.
type Config struct {
	Store  baogao.Store
	Places baogao.Gazetteer
	Log    *slog.Logger // nil: slog.Default()
	// PageCache keeps rendered pages in memory until the archive changes.
	PageCache bool
	// PageCacheBytes bounds the page cache; 0 means 64 MB.
	PageCacheBytes int
	// RateLimit is the requests per second one client may make to search
	// and the API, counted over ten seconds (so a burst may use the ten
	// seconds' allowance at once); 0 means 10, and a negative value turns
	// the limit off.
	RateLimit float64
	// TrustedProxies are the proxies whose X-Forwarded-For and X-Real-IP
	// are believed (serve --trusted-proxy); nil means the trusted_proxies
	// setting of the database.
	TrustedProxies []netip.Prefix
	// Secret, when set, keys client hashes instead of the key kept in the
	// database (BAOGAO_SECRET), so that a copy of the database alone does
	// not let anyone test addresses against the hashes.
	Secret []byte
	// Limits bound comments, captchas and logins; zero fields take the
	// defaults of DefaultLimits.
	Limits Limits
	// Concurrency is how many pages are built at once (database reads and
	// rendering); more requests wait their turn in arrival order. 0 means
	// four per CPU, which suits the embedded database (its pool has eight
	// connections); a store across a network may want more.
	Concurrency int
	// TemplateDir, when set, re-reads templates from this folder on every
	// request (the --dev flag), instead of the embedded ones.
	TemplateDir string
	// BaseURL is the site's public address, scheme and host
	// ("https://baogao.example.org"): every absolute URL — feeds, sitemaps,
	// canonical and hreflang links, citations — is built from it, never
	// from a request's Host header, which a client chooses. "" means
	// http://localhost.
	BaseURL string
}

// Server is the web application.
type Server struct {
	store   baogao.Store
	places  baogao.Gazetteer
	log     *slog.Logger
	assets  *assets
	pages   map[string]map[string]*pageTemplate // language → name → template
	tmplDir string
	base    string // BaseURL, without a trailing slash
	cache   *pageCache
	inval   *invalidator
	limiter *limiter
	// apiLimit bounds search and API requests per client; n == 0: none.
	apiLimit    rateLimit
	limits      Limits
	setc        settingsCache
	trustedFlag []netip.Prefix
	secret      []byte
	metrics     *metrics
	handler     http.Handler
	// slots admits pages to the database and the renderer a few at a time,
	// in arrival order; see html.
	slots chan struct{}
	// downloads admits file downloads (download.go) a few at a time.
	downloads chan struct{}
}

// New returns a server with its templates parsed and checked; a broken or
// missing template is an error here, not at the first request.
func New(cfg Config) (*Server, error) {
	if cfg.Store == nil || cfg.Places == nil {
		return nil, errors.New("web: a store and a gazetteer are required")
	}
	s := &Server{store: cfg.Store, places: cfg.Places, log: cfg.Log, tmplDir: cfg.TemplateDir,
		downloads: make(chan struct{}, maxDownloads)}
	if s.log == nil {
		s.log = slog.Default()
	}
	var err error
	if s.base, err = ParseBaseURL(cfg.BaseURL); err != nil {
		return nil, err
	}
	static, _ := fs.Sub(staticFS, "static")
	if s.assets, err = loadAssets(static); err != nil {
		return nil, err
	}
	if s.pages, err = s.parseTemplates(s.templates()); err != nil {
		return nil, err
	}
	size := cfg.PageCacheBytes
	if size <= 0 {
		size = 64 << 20
	}
	s.cache = newPageCache(size, cfg.PageCache)
	s.inval = &invalidator{store: cfg.Store, cache: s.cache}
	s.limiter = newLimiter(cfg.Store)
	switch {
	case cfg.RateLimit == 0:
		s.apiLimit = rateLimit{name: "api", n: 100, window: 10 * time.Second, batch: time.Second}
	case cfg.RateLimit > 0:
		s.apiLimit = rateLimit{name: "api", n: max(1, int(10*cfg.RateLimit)), window: 10 * time.Second, batch: time.Second}
	}
	s.limits = cfg.Limits.withDefaults()
	s.trustedFlag, s.secret = cfg.TrustedProxies, cfg.Secret
	s.metrics = newMetrics(cfg.Store, s.cache)
	if cfg.Concurrency <= 0 {
		cfg.Concurrency = 4 * runtime.GOMAXPROCS(0)
	}
	s.slots = make(chan struct{}, cfg.Concurrency)
	s.routes()
	return s, nil
}

// templates returns the template files: embedded, or the --dev folder.
func (s *Server) templates() fs.FS {
	if s.tmplDir != "" {
		return os.DirFS(s.tmplDir)
	}
	sub, _ := fs.Sub(templateFS, "templates")
	return sub
}

// ServeHTTP serves a request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// routes is the one route table, grouped by audience; each group gets its
// middleware here, so the security model is visible in one screen.
func (s *Server) routes() {
	mux := http.NewServeMux()

	// Public pages: server-rendered HTML, cacheable until the archive changes.
	page := func(route string, h pageHandler) http.Handler { return s.instrument(route, s.html(h)) }
	mux.Handle("GET /{$}", page("home", s.home))
	for _, k := range baogao.Kinds {
		seg := "/" + k.Segment()
		mux.Handle("GET "+seg+"/{$}", page("listing", s.listing))
		mux.Handle("GET "+seg+"/{region}/{$}", page("listing", s.listing))
		mux.Handle("GET "+seg+"/{region}/{file}", page("document", s.document))
	}
	mux.Handle("GET /place/{$}", page("places", s.placeIndex))
	mux.Handle("GET /place/{code}", page("place", s.place))
	mux.Handle("GET /targets", page("targets", s.targets))
	mux.Handle("GET /search", page("search", s.search))
	mux.Handle("GET /feed.xml", s.instrument("feed", s.xml(s.feed)))
	mux.Handle("GET /sitemap.xml", s.instrument("sitemap", s.xml(s.sitemap)))
	mux.Handle("GET /sitemap/{file}", http.HandlerFunc(oldSitemapPart))
	mux.Handle("GET /{file}", s.instrument("sitemap", s.xml(s.sitemapPart))) // /sitemap-N.xml; others are not found
	mux.Handle("GET /robots.txt", s.instrument("robots", http.HandlerFunc(s.robots)))
	mux.Handle("GET /favicon.ico", s.instrument("static", http.HandlerFunc(s.assets.favicon)))
	mux.Handle("GET /static/{file}", s.instrument("static", http.HandlerFunc(s.assets.serve)))

	// Readers' comments: a captcha per reader (its id in a cookie scoped to
	// the document's comment routes), then the post. Cross-origin posts are
	// refused for the whole site below.
	mux.Handle("GET /comments/{id}/captcha.png", s.instrument("captcha", s.action(s.captchaImage)))
	mux.Handle("GET /comments/{id}/captcha.wav", s.instrument("captcha", s.action(s.captchaAudio)))
	mux.Handle("POST /comments/{id}/{$}", s.instrument("comment", s.action(s.postComment)))

	// The operator's desk: every route needs a session and a role, checked
	// here at the group; posts also need the session's form token.
	mod := func(route string, h operatorHandler) http.Handler {
		return s.instrument(route, s.operatorOnly(baogao.RoleModerator, h))
	}
	adm := func(route string, h operatorHandler) http.Handler {
		return s.instrument(route, s.operatorOnly(baogao.RoleAdmin, h))
	}
	mux.Handle("GET /admin/login", s.instrument("admin.login", s.action(s.loginForm)))
	mux.Handle("POST /admin/login", s.instrument("admin.login", s.action(s.login)))
	mux.Handle("POST /admin/logout", mod("admin.logout", s.logout))
	mux.Handle("GET /admin/{$}", mod("admin.queue", s.queue))
	mux.Handle("POST /admin/comments", mod("admin.moderate", s.moderate))
	mux.Handle("GET /admin/imports", mod("admin.imports", s.imports))
	mux.Handle("GET /admin/documents", adm("admin.desk", s.findDocument))
	mux.Handle("GET /admin/documents/{id}", adm("admin.desk", s.desk))
	mux.Handle("POST /admin/documents/{id}", adm("admin.desk", s.editDocument))
	mux.Handle("POST /admin/documents/{id}/value", adm("admin.desk", s.correctValue))
	mux.Handle("POST /admin/documents/{id}/add", adm("admin.desk", s.addValue))
	mux.Handle("POST /admin/documents/{id}/delete", adm("admin.desk", s.trashDocument))
	mux.Handle("GET /admin/trash", adm("admin.trash", s.trash))
	mux.Handle("POST /admin/trash/{id}/restore", adm("admin.trash", s.restoreDocument))
	mux.Handle("POST /admin/trash/{id}/purge", adm("admin.trash", s.purgeDocument))
	mux.Handle("GET /admin/settings", adm("admin.settings", s.settingsForm))
	mux.Handle("POST /admin/settings", adm("admin.settings", s.saveSettings))
	mux.Handle("GET /admin/audit", adm("admin.audit", s.auditLog))
	mux.Handle("/admin/", mod("admin.notfound", func(http.ResponseWriter, *http.Request, *operator) error {
		return baogao.Errorf(baogao.ENOTFOUND, "页面不存在")
	}))

	// JSON API: rate limited per client; errors as JSON.
	api := func(route string, h apiHandler) http.Handler { return s.instrument(route, s.json(h)) }
	// Routes that list rows answer ?format= with a file of them all (download.go).
	table := func(route, what string, h apiHandler) http.Handler {
		return s.instrument(route, s.downloadable(what, s.json(h)))
	}
	mux.Handle("GET /api/v1/documents", table("api.documents", "documents", s.apiDocuments))
	mux.Handle("GET /api/v1/documents/{id}", api("api.document", s.apiDocument))
	mux.Handle("GET /api/v1/places", api("api.places", s.apiPlaces))
	mux.Handle("GET /api/v1/search", api("api.search", s.apiSearch))
	mux.Handle("GET /api/v1/targets", table("api.targets", "targets", s.apiTargets))
	mux.Handle("GET /api/v1/outcomes", table("api.outcomes", "outcomes", s.apiOutcomes))
	mux.Handle("GET /api/v1/links", table("api.links", "links", s.apiLinks))
	mux.Handle("GET /api/v1/comparison", table("api.comparison", "comparison", s.apiComparison))
	mux.Handle("GET /api/v1/openapi.json", s.instrument("api.openapi", http.HandlerFunc(s.openAPI)))
	mux.Handle("/api/", api("api.notfound", func(*http.Request) (any, error) {
		return nil, baogao.Errorf(baogao.ENOTFOUND, "no such endpoint")
	}))

	// Operations.
	mux.Handle("GET /healthz", s.instrument("healthz", http.HandlerFunc(s.healthz)))
	mux.Handle("GET /metrics", promhttp.HandlerFor(s.metrics.registry, promhttp.HandlerOpts{}))

	mux.Handle("/", page("notfound", func(*http.Request, string) (string, any, error) {
		return "", nil, baogao.Errorf(baogao.ENOTFOUND, "页面不存在")
	}))
	// Every state-changing request from another origin is refused (the
	// browser's Sec-Fetch-Site or Origin tells); forms also carry tokens for
	// browsers that send neither.
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.log.Warn("cross-origin request refused", "method", r.Method, "path", r.URL.Path, "origin", r.Header.Get("Origin"))
		s.error(w, r, baogao.Errorf(baogao.EFORBIDDEN, "跨站请求已被拒绝。"))
	}))
	s.handler = s.recoverer(secure(compress(cop.Handler(s.methods(mux)))))
}

// ParseBaseURL checks a site's public address and returns it without a
// trailing slash: an absolute http or https URL with a host, and no path,
// query or fragment (the site is served at the root of its host). ""
// gives http://localhost.
func ParseBaseURL(v string) (string, error) {
	if v == "" {
		return "http://localhost", nil
	}
	u, err := url.Parse(v)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil ||
		strings.Trim(u.Path, "/") != "" || u.RawQuery != "" || u.Fragment != "" {
		return "", baogao.Errorf(baogao.EINVALID, "base URL %q: want the site's scheme and host, e.g. https://baogao.example.org", v)
	}
	return u.Scheme + "://" + u.Host, nil
}

// abs returns the absolute URL of a path on the site.
func (s *Server) abs(path string) string { return s.base + path }

// robots is /robots.txt: everything may be crawled but search results and
// the API, and the sitemap is named.
func (s *Server) robots(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=86400")
	fmt.Fprintf(w, "User-agent: *\nDisallow: /search\nDisallow: /api/\nDisallow: /admin/\n\nSitemap: %s/sitemap.xml\n", s.base)
}

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	if _, _, err := s.store.Version(r.Context()); err != nil {
		s.log.Error("health check failed", "err", err)
		w.WriteHeader(http.StatusServiceUnavailable)
		w.Write([]byte("database unavailable\n"))
		return
	}
	// A database that reads but cannot be written (read-only, the disk
	// full, a schema not this build's) is not healthy: imports and comments
	// fail on it.
	ctx, cancel := context.WithTimeout(r.Context(), 5*time.Second)
	defer cancel()
	if err := s.store.CheckWritable(ctx); err != nil {
		s.log.Error("health check failed", "err", err)
		w.WriteHeader(http.StatusServiceUnavailable)
		w.Write([]byte("database cannot be written\n"))
		return
	}
	w.Write([]byte("ok\n"))
}
