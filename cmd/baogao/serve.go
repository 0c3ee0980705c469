package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/baogao/baogao/internal/demo"
	"github.com/baogao/baogao/internal/place"
	"github.com/baogao/baogao/internal/web"
)

var serveCommand = command{
	name:    "serve",
	summary: "serve the site, the JSON API, /healthz and /metrics",
	setup: func(fs *flag.FlagSet, e *env) func(context.Context, []string) error {
		c := &serveCmd{env: e}
		c.db = dbFlag(fs, e)
		fs.StringVar(&c.readDB, "read-db", e.getenv("BAOGAO_READ_DB"), "a read replica of a PostgreSQL archive, for pages, searches and the API (env BAOGAO_READ_DB)")
		fs.StringVar(&c.addr, "addr", "127.0.0.1:8080", "address to listen on")
		fs.BoolVar(&c.demo, "demo", false, "fill an empty archive with the generated demo archive first")
		fs.IntVar(&c.demoDocs, "demo-docs", 600, "documents in the demo archive")
		fs.BoolVar(&c.pageCache, "page-cache", true, "keep rendered pages in memory until the archive changes")
		fs.Float64Var(&c.rateLimit, "rate-limit", 10, "requests per second one client may make to search and the API (negative: no limit)")
		fs.IntVar(&c.concurrency, "concurrency", 0, "pages built at once; more wait their turn (0: four per CPU)")
		fs.StringVar(&c.dev, "dev", "", "re-read templates from this folder on every request (development)")
		fs.StringVar(&c.trustedProxies, "trusted-proxy", "", "CIDR prefixes or addresses of reverse proxies whose X-Forwarded-For is believed, comma-separated (default: the trusted_proxies setting)")
		fs.StringVar(&c.baseURL, "base-url", e.getenv("BAOGAO_BASE_URL"),
			"the site's public address, e.g. https://baogao.example.org, for feeds, sitemaps, canonical links and citations (env BAOGAO_BASE_URL; default http:// and --addr)")
		return c.run
	},
}

type serveCmd struct {
	*env
	db        *string
	readDB    string
	addr      string
	demo      bool
	demoDocs  int
	pageCache bool
	rateLimit float64
	dev       string
	baseURL   string
	// concurrency bounds the pages built at once.
	concurrency    int
	trustedProxies string
}

// localAddr is the address to reach a listen address at from this
// machine: an unspecified host (":8080", "0.0.0.0:8080") is localhost.
func localAddr(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return addr
	}
	if ip := net.ParseIP(host); host == "" || ip != nil && ip.IsUnspecified() {
		host = "localhost"
	}
	return net.JoinHostPort(host, port)
}

func (c *serveCmd) run(ctx context.Context, args []string) error {
	if _, err := web.ParseBaseURL(c.baseURL); err != nil {
		return err
	}
	if !c.demo { // --demo fills a new archive; otherwise there must be one
		if err := mustExist(*c.db); err != nil {
			return err
		}
	}
	st, err := openArchive(ctx, *c.db, c.readDB)
	if err != nil {
		return err
	}
	defer st.Close()
	log := slog.New(slog.NewTextHandler(c.stderr, nil))
	if c.demo {
		stats, err := st.Stats(ctx)
		if err != nil {
			return err
		}
		if stats.Documents == 0 {
			log.Info("filling the empty archive with demo data", "docs", c.demoDocs)
			if _, _, err := fillDemo(ctx, st, demo.Options{Docs: c.demoDocs, YearFrom: 2019, YearTo: 2024, Seed: 1}, func() {}); err != nil {
				return err
			}
		}
	}
	base := c.baseURL
	if base == "" {
		base = "http://" + localAddr(c.addr)
		log.Warn("no --base-url: feeds, sitemaps and canonical links name "+base+"; set the public address when the site is served to others", "base_url", base)
	}
	cfg := web.Config{Store: st, Places: place.Default(), Log: log, PageCache: c.pageCache,
		RateLimit: c.rateLimit, TemplateDir: c.dev, Concurrency: c.concurrency, BaseURL: base}
	if c.trustedProxies != "" {
		if cfg.TrustedProxies, err = web.ParseTrustedProxies(c.trustedProxies); err != nil {
			return err
		}
	}
	if secret := c.getenv("BAOGAO_SECRET"); secret != "" {
		cfg.Secret = []byte(secret)
	}
	srv, err := web.New(cfg)
	if err != nil {
		return err
	}
	go srv.Housekeep(ctx, 10*time.Minute)
	ln, err := net.Listen("tcp", c.addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", c.addr, err)
	}
	// Time limits: a slow client cannot hold a connection for long; the
	// handler gives each request's work a deadline of its own.
	hs := &http.Server{Handler: srv,
		ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second, WriteTimeout: 60 * time.Second,
		IdleTimeout: 2 * time.Minute, MaxHeaderBytes: 64 << 10}
	log.Info("serving", "url", "http://"+ln.Addr().String()+"/", "db", archiveName(*c.db))
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down")
	shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := hs.Shutdown(shutdown); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
