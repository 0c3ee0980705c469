package attainment_test

import (
	"context"
	"os"
	"slices"
	"syscall"
	"testing"
	"time"

	"github.com/baogao/baogao"
	"github.com/baogao/baogao/internal/attainment"
	"github.com/baogao/baogao/internal/place"
	"github.com/baogao/baogao/internal/sqlite"
)

// BenchmarkProvinceCounties is the work of /targets for one indicator
// across the counties of a province for ten years: read the targets and
// outcomes of the province (every level, for escalation), link them and lay
// them out. It runs on the archive at $BAOGAO_BENCH_DB (a copy: opening it
// migrates it), e.g. one made by `baogao demo --docs 100000 --years
// 2015-2024`, and reports the median.
func BenchmarkProvinceCounties(b *testing.B) {
	path := os.Getenv("BAOGAO_BENCH_DB")
	if path == "" {
		b.Skip("set BAOGAO_BENCH_DB to a copy of a demo archive")
	}
	ctx := context.Background()
	st, err := sqlite.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	g := place.Default()
	parentOf := func(code string) string {
		p, _ := g.Place(code)
		return p.Parent
	}
	f := baogao.FigureFilter{Indicator: "gdp_growth", PlaceCode: "370000", Level: baogao.LevelCounty, YearFrom: 2015, YearTo: 2024}
	var times []time.Duration
	rows := 0
	cpu0 := cpuTime()
	for b.Loop() {
		start := time.Now()
		c, err := attainment.CompareStored(ctx, st, f, attainment.DefaultRule(), parentOf)
		if err != nil {
			b.Fatal(err)
		}
		times = append(times, time.Since(start))
		rows = len(c.Rows)
	}
	// On a shared machine the wall clock counts the others' work too; the
	// process's CPU time per run is what this costs.
	b.ReportMetric(float64((cpuTime()-cpu0).Microseconds())/1000/float64(len(times)), "cpu-ms/op")
	slices.Sort(times)
	b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "median-ms")
	b.ReportMetric(float64(rows), "counties")
}

// cpuTime is the CPU time the process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
