package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/baogao/baogao"
)

// TestOneConnectionEnough: every method works with one free connection in
// the pool, on a freshly opened store (no statement prepared on use yet). A
// method that held a connection (a read transaction) and then waited for
// another (to prepare a statement) would wait here until the deadline;
// under load, with every connection held that way, a server stalls for
// good (issue 9, item 1).
func TestOneConnectionEnough(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "pool.db")
	st, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	d := &baogao.Document{Meta: baogao.Meta{Kind: baogao.KindWorkReport, Region: baogao.RegionHuadong, Title: "二〇二四年政府工作报告", Year: 2024},
		Body: "地区生产总值增长百分之六左右。", SHA256: fmt.Sprintf("%064x", 1)}
	if err := st.AddDocument(ctx, d, baogao.Source{File: "f", SHA256: fmt.Sprintf("%064x", 2)}); err != nil {
		t.Fatal(err)
	}
	st.Close()

	st, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var held []*sql.Conn
	for range maxConns - 1 {
		c, err := st.DB().Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		held = append(held, c)
	}
	defer func() {
		for _, c := range held {
			c.Close()
		}
	}()
	// A deadlock waits until the deadline; a working method takes
	// milliseconds, so 5 s passes on a busy machine.
	var short context.Context
	calls := map[string]func() error{
		"Document": func() error { _, err := st.Document(short, d.ID); return err },
		"Documents": func() error {
			_, err := st.Documents(short, baogao.DocumentFilter{Kind: baogao.KindWorkReport})
			return err
		},
		"Stats":   func() error { _, err := st.Stats(short); return err },
		"Facets":  func() error { _, err := st.Facets(short, baogao.DocumentFilter{}); return err },
		"Version": func() error { _, _, err := st.Version(short); return err },
		"Search": func() error {
			_, err := st.Search(short, baogao.SearchQuery{Text: "生产总值"})
			return err
		},
		"SourceBySHA256":          func() error { _, err := st.SourceBySHA256(short, fmt.Sprintf("%064x", 2)); return err },
		"DocumentIDBySHA256":      func() error { _, err := st.DocumentIDBySHA256(short, d.SHA256); return err },
		"NearDuplicateCandidates": func() error { _, err := st.NearDuplicateCandidates(short, d); return err },
		"DocumentIDs":             func() error { _, err := st.DocumentIDs(short, 0, 10); return err },
		"AddSource": func() error {
			return st.AddSource(short, d.ID, baogao.Source{File: "g", SHA256: fmt.Sprintf("%064x", 3)})
		},
		"SetExtraction": func() error { return st.SetExtraction(short, d.ID, baogao.Extraction{}) },
		"EachTarget": func() error {
			return st.EachTarget(short, baogao.FigureFilter{PlaceCode: "370000"}, func(baogao.TargetRecord) error { return nil })
		},
		"EachOutcome": func() error {
			return st.EachOutcome(short, baogao.FigureFilter{}, func(baogao.OutcomeRecord) error { return nil })
		},
	}
	for name, call := range calls {
		var cancel context.CancelFunc
		short, cancel = context.WithTimeout(ctx, 5*time.Second)
		err := call()
		cancel()
		if err != nil {
			t.Errorf("%s with one free connection: %v", name, err)
		}
	}
}

// TestPragmasGiven: a pragma given in the path replaces the store's default
// of the same name, whatever the order the driver runs them in (it sorts
// them: of two cache_size pragmas, the one that sorted last won), and
// WithCache sets the cache unless the path does.
func TestPragmasGiven(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	for _, c := range []struct {
		path string
		want int
	}{
		{"a.db", -65536},
		{"b.db?_pragma=cache_size(-2048)", -2048},
		{"c.db?_pragma=cache_size%3D-8192", -8192},
		{WithCache("d.db", 4096), -4096},
		{WithCache("e.db?mode=rwc", 1024), -1024},
		{WithCache("f.db?_pragma=cache_size(-2048)", 4096), -2048},
	} {
		st, err := Open(ctx, filepath.Join(dir, c.path))
		if err != nil {
			t.Fatalf("%s: %v", c.path, err)
		}
		var got int
		if err := st.db.QueryRowContext(ctx, `PRAGMA cache_size`).Scan(&got); err != nil || got != c.want {
			t.Errorf("%s: cache_size %d (%v), want %d", c.path, got, err, c.want)
		}
		var fk int
		if err := st.db.QueryRowContext(ctx, `PRAGMA foreign_keys`).Scan(&fk); err != nil || fk != 1 {
			t.Errorf("%s: foreign_keys %d, want the default 1", c.path, fk)
		}
		st.Close()
	}
}
