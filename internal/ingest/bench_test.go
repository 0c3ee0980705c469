package ingest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/baogao/baogao/internal/demo"
	"github.com/baogao/baogao/internal/place"
	"github.com/baogao/baogao/internal/sqlite"
)

// generated returns n generated documents as the bytes of text files.
func generated(b *testing.B, n int) [][]byte {
	b.Helper()
	g := place.Default()
	var out [][]byte
	err := demo.Generate(demo.Options{Docs: n, YearFrom: 2016, YearTo: 2024, Seed: 3}, g, g.All(), func(d *demo.Doc) error {
		out = append(out, []byte(d.Text))
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return out
}

// BenchmarkParse measures the recogniser and extractor alone.
func BenchmarkParse(b *testing.B) {
	docs := generated(b, 200)
	p := NewParser(place.Default())
	var bytes int64
	for _, d := range docs {
		bytes += int64(len(d))
	}
	b.SetBytes(bytes / int64(len(docs)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, _, err := p.Parse(docs[i%len(docs)], Input{Name: "x.txt"}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "docs/s")
}

// BenchmarkImport measures a whole import into SQLite as the CLI runs it:
// files read and parsed in parallel, duplicate checks, storage in batches
// with the search index.
func BenchmarkImport(b *testing.B) {
	docs := generated(b, 1000)
	dir := b.TempDir()
	var files []string
	var bytes int64
	for i, d := range docs {
		f := filepath.Join(dir, fmt.Sprintf("%04d.txt", i))
		if err := os.WriteFile(f, d, 0o644); err != nil {
			b.Fatal(err)
		}
		files = append(files, f)
		bytes += int64(len(d))
	}
	ctx := context.Background()
	b.ResetTimer()
	total := 0
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		st, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), fmt.Sprintf("b%d.db", i)))
		if err != nil {
			b.Fatal(err)
		}
		im := &Importer{Store: st, Parser: NewParser(place.Default())}
		b.StartTimer()
		err = im.ImportFiles(ctx, files, func(r Result) {
			if r.Status != StatusImported {
				b.Fatalf("%s: %s %s", r.File, r.Status, r.Reason)
			}
		})
		if err != nil {
			b.Fatal(err)
		}
		total += len(docs)
		b.StopTimer()
		st.Close()
		b.StartTimer()
	}
	b.SetBytes(bytes)
	b.ReportMetric(float64(total)/b.Elapsed().Seconds(), "docs/s")
}
