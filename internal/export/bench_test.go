package export

import (
	"io"
	"testing"
)

// BenchmarkWrite writes 100,000 target-like rows in each format to
// io.Discard and reports rows per second; the rows are made as they are
// written, as a store streams them.
//
//	go test -run XXX -bench Write -benchtime 1x -benchmem ./internal/export/
func BenchmarkWrite(b *testing.B) {
	const rows = 100_000
	cols := fixture().Columns
	table := Table{Name: "targets", Columns: cols, Rows: func(emit func(Row) error) error {
		r := make(Row, len(cols))
		words := []string{"左右"}
		for i := range rows {
			r = append(r[:0], int64(i/10), "370828", "山东省济宁市金乡县", int64(2015+i%10), "gdp_growth",
				6.5+float64(i%7)/10, nil, "%", words, "地区生产总值增长7%左右，力争8%")
			if err := emit(r); err != nil {
				return err
			}
		}
		return nil
	}}
	for _, f := range Formats {
		b.Run(string(f), func(b *testing.B) {
			for b.Loop() {
				if _, err := Write(io.Discard, table, f, Options{Codebook: testCodebook()}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(rows*b.N)/b.Elapsed().Seconds(), "rows/s")
		})
	}
}
