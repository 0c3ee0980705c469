package web

import (
	"context"
	"net/http/httptest"
	"os"
	"slices"
	"syscall"
	"testing"
	"time"

	"github.com/baogao/baogao/internal/place"
	"github.com/baogao/baogao/internal/sqlite"
)

// BenchmarkTargetsPage times /targets for one indicator across all the
// counties of a province over ten years, page cache off, on an existing
// archive (a copy: opening it migrates it), and reports the median:
//
//	baogao demo --docs 100000 --years 2015-2024 --db /tmp/demo100k.db
//	cp /tmp/demo100k.db /tmp/bench.db
//	BAOGAO_BENCH_DB=/tmp/bench.db go test -run XXX -bench TargetsPage -benchtime 30x ./internal/web
//
// BAOGAO_BENCH_PLACE chooses the province (default 370000, 山东省).
func BenchmarkTargetsPage(b *testing.B) {
	path := os.Getenv("BAOGAO_BENCH_DB")
	if path == "" {
		b.Skip("BAOGAO_BENCH_DB names no archive")
	}
	province := os.Getenv("BAOGAO_BENCH_PLACE")
	if province == "" {
		province = "370000"
	}
	st, err := sqlite.Open(context.Background(), path)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	srv, err := New(Config{Store: st, Places: place.Default(), RateLimit: -1})
	if err != nil {
		b.Fatal(err)
	}
	url := "/targets?indicator=gdp_growth&place=" + province + "&level=county&year=2015-2024"
	get := func() (int, int) {
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, httptest.NewRequest("GET", url, nil))
		return rec.Code, rec.Body.Len()
	}
	code, size := get() // warm the database's cache
	if code != 200 {
		b.Fatalf("%s: %d", url, code)
	}
	lat := make([]time.Duration, 0, b.N)
	cpu0 := cpuTime()
	b.ResetTimer()
	for range b.N {
		t0 := time.Now()
		get()
		lat = append(lat, time.Since(t0))
	}
	b.StopTimer()
	// CPU per page, user and system: on a busy machine the wall time
	// waits for the other processes.
	b.ReportMetric(float64((cpuTime()-cpu0).Microseconds())/1000/float64(len(lat)), "cpu-ms/op")
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "ms-median")
	b.ReportMetric(float64(size)/1024, "KiB/page")
}

// cpuTime is the CPU time the process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
