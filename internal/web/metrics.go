package web

import (
	"context"
	"time"

	"github.com/baogao/baogao"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
)

// metrics are the server's Prometheus metrics, in a registry of its own.
type metrics struct {
	registry *prometheus.Registry
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
	search   prometheus.Histogram
}

func newMetrics(store baogao.Store, cache *pageCache) *metrics {
	m := &metrics{registry: prometheus.NewRegistry()}
	m.requests = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "baogao_http_requests_total",
		Help: "HTTP requests by route and status."}, []string{"route", "code"})
	m.latency = prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "baogao_http_request_duration_seconds",
		Help: "HTTP request latency by route.", Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5}},
		[]string{"route"})
	m.search = prometheus.NewHistogram(prometheus.HistogramOpts{Name: "baogao_search_duration_seconds",
		Help: "Time to answer a search, in the store.", Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, 1}})
	counter := func(name, help string, v func() int64) prometheus.CounterFunc {
		return prometheus.NewCounterFunc(prometheus.CounterOpts{Name: name, Help: help}, func() float64 { return float64(v()) })
	}
	m.registry.MustRegister(
		counter("baogao_page_cache_hits_total", "Pages answered from the page cache.", cache.hits.Load),
		counter("baogao_page_cache_misses_total", "Pages looked for in the page cache and built.", cache.misses.Load),
		counter("baogao_page_cache_dropped_total", "Cached pages dropped because something they show changed.", cache.dropped.Load))
	m.registry.MustRegister(m.requests, m.latency, m.search, archiveCollector{store},
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// archiveCollector reports the archive's counts at each scrape.
type archiveCollector struct{ store baogao.Store }

var (
	documentsDesc = prometheus.NewDesc("baogao_documents", "Documents in the archive by kind.", []string{"kind"}, nil)
	sourcesDesc   = prometheus.NewDesc("baogao_sources", "Sources of the archive's documents.", nil, nil)
	flaggedDesc   = prometheus.NewDesc("baogao_documents_flagged", "Documents whose text decoded badly.", nil, nil)
	upDesc        = prometheus.NewDesc("baogao_database_up", "1 when the database answered the scrape.", nil, nil)
)

func (c archiveCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- documentsDesc
	ch <- sourcesDesc
	ch <- flaggedDesc
	ch <- upDesc
}

func (c archiveCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	st, err := c.store.Stats(ctx)
	if err != nil {
		ch <- prometheus.MustNewConstMetric(upDesc, prometheus.GaugeValue, 0)
		return
	}
	ch <- prometheus.MustNewConstMetric(upDesc, prometheus.GaugeValue, 1)
	for _, k := range baogao.Kinds {
		ch <- prometheus.MustNewConstMetric(documentsDesc, prometheus.GaugeValue, float64(st.ByKind[k]), string(k))
	}
	ch <- prometheus.MustNewConstMetric(sourcesDesc, prometheus.GaugeValue, float64(st.Sources))
	ch <- prometheus.MustNewConstMetric(flaggedDesc, prometheus.GaugeValue, float64(st.Flagged))
}
