package main

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"time"

	"github.com/baogao/baogao"
	"github.com/baogao/baogao/internal/place"
	"github.com/baogao/baogao/internal/web"
)

// storer is an engine that is a baogao store, whose site can be served.
type storer interface {
	store() baogao.Store
}

// pageLoad is one round of document pages served by one store's site.
type pageLoad struct {
	rps      float64
	p50, p99 time.Duration
	errors   int
}

// loadPages serves each store's site with the page cache off and loads the
// same 200 document pages at 64 connections for d, the stores taking turns,
// two rounds.
func loadPages(ctx context.Context, engines []engine, results []result, d time.Duration) error {
	type site struct {
		k  int
		ts *httptest.Server
	}
	var sites []site
	var paths []string
	for k, e := range engines {
		s, ok := e.(storer)
		if !ok {
			continue
		}
		srv, err := web.New(web.Config{Store: s.store(), Places: place.Default(), PageCache: false, RateLimit: -1})
		if err != nil {
			return err
		}
		ts := httptest.NewServer(srv)
		defer ts.Close()
		sites = append(sites, site{k, ts})
		if paths == nil {
			page, err := s.store().Documents(ctx, baogao.DocumentFilter{Limit: 200})
			if err != nil {
				return err
			}
			for _, doc := range page.Documents {
				paths = append(paths, doc.URL())
			}
		}
	}
	for round := range 2 {
		for _, s := range sites {
			logf("%s: document pages, round %d", engines[s.k].name(), round+1)
			results[s.k].pages = append(results[s.k].pages, load(s.ts.URL, paths, 64, d))
		}
	}
	return nil
}

// load requests the paths round robin from conns clients for d.
func load(base string, paths []string, conns int, d time.Duration) pageLoad {
	tr := &http.Transport{MaxIdleConns: conns, MaxIdleConnsPerHost: conns}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr}
	var mu sync.Mutex
	var lat []time.Duration
	errs := 0
	var wg sync.WaitGroup
	deadline := time.Now().Add(d)
	start := time.Now()
	for c := range conns {
		wg.Go(func() {
			var mine []time.Duration
			bad := 0
			for i := c; time.Now().Before(deadline); i += conns {
				t0 := time.Now()
				resp, err := client.Get(base + paths[i%len(paths)])
				if err != nil {
					bad++
					continue
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != http.StatusOK {
					bad++
					continue
				}
				mine = append(mine, time.Since(t0))
			}
			mu.Lock()
			lat, errs = append(lat, mine...), errs+bad
			mu.Unlock()
		})
	}
	wg.Wait()
	slices.Sort(lat)
	pl := pageLoad{rps: float64(len(lat)) / time.Since(start).Seconds(), errors: errs}
	if len(lat) > 0 {
		pl.p50, pl.p99 = lat[len(lat)/2], lat[len(lat)*99/100]
	}
	return pl
}
