package ingest

import (
	"encoding/json"
	"fmt"
	"github.com/baogao/baogao/internal/corpustest"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/baogao/baogao/internal/place"
)

// goldMeta is the meta part of a gold file.
type goldFile struct {
	ID   string         `json:"id"`
	File string         `json:"file"`
	Meta map[string]any `json:"meta"`
}

// TestGoldMeta checks the recogniser against the hand-annotated meta of the
// development gold set: at least 95% of the fields the gold gives.
func TestGoldMeta(t *testing.T) {
	shared := corpustest.Dir(t)
	files, _ := filepath.Glob(filepath.Join(shared, "gold", "dev", "*.json"))
	if len(files) == 0 {
		t.Skip("no gold files")
	}
	p := NewParser(place.Default())
	right, total := 0, 0
	for _, gf := range files {
		var g goldFile
		raw, err := os.ReadFile(gf)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(raw, &g); err != nil {
			t.Fatalf("%s: %v", gf, err)
		}
		text, err := os.ReadFile(filepath.Join(shared, g.File))
		if err != nil {
			t.Fatal(err)
		}
		doc, _, err := p.Parse(text, Input{Name: g.File})
		if err != nil {
			t.Errorf("%s: %v", g.ID, err)
			continue
		}
		got := map[string]string{
			"place_code": doc.Meta.PlaceCode, "kind": string(doc.Meta.Kind), "year": strconv.Itoa(doc.Meta.Year),
			"date": doc.Meta.Date, "region": string(doc.Meta.Region),
		}
		for k, v := range g.Meta {
			if v == nil {
				continue
			}
			total++
			want := fmt.Sprint(v)
			if got[k] == want {
				right++
			} else {
				t.Logf("%s: %s: want %s, got %q (title %q)", g.ID, k, want, got[k], doc.Meta.Title)
			}
		}
	}
	share := float64(right) / float64(total)
	t.Logf("meta %d/%d = %.3f", right, total, share)
	if share < 0.95 {
		t.Errorf("meta accuracy %.3f, want at least 0.95", share)
	}
}
