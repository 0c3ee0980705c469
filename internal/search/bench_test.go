package search

import (
	"testing"

	"github.com/baogao/baogao"
	"github.com/baogao/baogao/internal/demo"
	"github.com/baogao/baogao/internal/place"
)

// benchDoc returns a generated work report, as long as a typical one.
func benchDoc(b *testing.B) *baogao.Document {
	b.Helper()
	var doc *baogao.Document
	g := place.Default()
	err := demo.Generate(demo.Options{Docs: 1, Seed: 3}, g, g.All(), func(d *demo.Doc) error {
		doc = &d.Document
		doc.ID = 1
		return nil
	})
	if err != nil || doc == nil {
		b.Fatal(err)
	}
	return doc
}

func BenchmarkAppendTokens(b *testing.B) {
	doc := benchDoc(b)
	b.SetBytes(int64(len(doc.Body)))
	buf := make([]byte, 0, 2*len(doc.Body))
	for b.Loop() {
		buf, _ = AppendTokens(buf[:0], doc.Body)
	}
}

func BenchmarkNewEntry(b *testing.B) {
	doc := benchDoc(b)
	b.SetBytes(int64(len(doc.Body)))
	for b.Loop() {
		NewEntry(doc)
	}
}

func BenchmarkParse(b *testing.B) {
	syn := DefaultSynonyms()
	for b.Loop() {
		if _, err := Parse(`县域经济 "高质量发展" -宁德时代 GDP OR 规上`, syn); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkScore(b *testing.B) {
	doc := benchDoc(b)
	q, _ := Parse(`"高质量发展"`, nil)
	n := NewText(doc.Body).Len()
	w := []float64{1}
	b.Run("raw", func(b *testing.B) {
		b.SetBytes(int64(len(doc.Body)))
		for b.Loop() {
			q.Score(w, NewDoc(doc.Meta.Title, doc.Body, n, false))
		}
	})
	b.Run("folded", func(b *testing.B) {
		b.SetBytes(int64(len(doc.Body)))
		for b.Loop() {
			q.Score(w, NewDoc(doc.Meta.Title, doc.Body, -1, false))
		}
	})
}

func BenchmarkSnippet(b *testing.B) {
	doc := benchDoc(b)
	q, _ := Parse("发展", nil)
	b.SetBytes(int64(len(doc.Body)))
	for b.Loop() {
		Snippet(NewText(doc.Body), q.Terms(), 0)
	}
}
