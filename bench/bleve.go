package main

import (
	"context"
	"fmt"
	"strconv"
	"unicode/utf8"

	"github.com/baogao/baogao"
	"github.com/baogao/baogao/internal/search"
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/lang/cjk"
	"github.com/blevesearch/bleve/v2/search/highlight/highlighter/html"
	"github.com/blevesearch/bleve/v2/search/query"
)

// bleveEngine indexes the documents in Bleve with its cjk analyzer (width
// folding, lower case, CJK bigrams), storing title and body with term
// vectors so that its highlighter can make snippets.
type bleveEngine struct {
	dir   string
	index bleve.Index
}

// bleveDoc is what Bleve indexes of a document.
type bleveDoc struct {
	Title  string   `json:"title"`
	Body   string   `json:"body"`
	Kind   string   `json:"kind"`
	Region string   `json:"region"`
	Level  string   `json:"level"`
	Place  []string `json:"place"` // the place code's significant prefixes, as baogao's tags
	Year   float64  `json:"year"`
}

func newBleve(dir string) (*bleveEngine, error) {
	text := bleve.NewTextFieldMapping()
	text.Analyzer = cjk.AnalyzerName
	text.Store = true
	text.IncludeTermVectors = true
	text.IncludeInAll = false
	kw := bleve.NewKeywordFieldMapping()
	kw.Analyzer = keyword.Name
	kw.Store = false
	kw.IncludeTermVectors = false
	kw.IncludeInAll = false
	num := bleve.NewNumericFieldMapping()
	num.Store = false
	num.IncludeInAll = false

	doc := bleve.NewDocumentStaticMapping()
	doc.AddFieldMappingsAt("title", text)
	doc.AddFieldMappingsAt("body", text)
	for _, f := range []string{"kind", "region", "level", "place"} {
		doc.AddFieldMappingsAt(f, kw)
	}
	doc.AddFieldMappingsAt("year", num)
	m := bleve.NewIndexMapping()
	m.DefaultMapping = doc
	m.DefaultAnalyzer = cjk.AnalyzerName
	m.StoreDynamic = false
	m.IndexDynamic = false
	m.DocValuesDynamic = false
	idx, err := bleve.New(dir, m)
	if err != nil {
		return nil, err
	}
	return &bleveEngine{dir: dir, index: idx}, nil
}

func (e *bleveEngine) name() string { return "Bleve (cjk)" }

func (e *bleveEngine) build(ctx context.Context, docs []*baogao.Document) error {
	batch := e.index.NewBatch()
	for i, d := range docs {
		bd := bleveDoc{Title: d.Meta.Title, Body: d.Body, Kind: d.Meta.Kind.Segment(), Region: string(d.Meta.Region),
			Level: string(d.Meta.Level), Year: float64(d.Meta.Year)}
		for _, t := range search.Tags(d.Meta) {
			if len(t) > 2 && t[:2] == "zc" {
				bd.Place = append(bd.Place, t[2:])
			}
		}
		if err := batch.Index(strconv.Itoa(i+1), bd); err != nil {
			return err
		}
		if batch.Size() >= 1000 {
			if err := e.index.Batch(batch); err != nil {
				return err
			}
			batch = e.index.NewBatch()
		}
	}
	return e.index.Batch(batch)
}

func (e *bleveEngine) size() (int64, error) { return dirSize(e.dir) }

// search runs a query of the mix: the term as a phrase (a 2-character term
// is one bigram, so a term query) in the title or the body, with the
// filters, top 10 with highlighted fragments of the body.
func (e *bleveEngine) search(ctx context.Context, q benchQuery) (int, error) {
	var text query.Query
	if utf8.RuneCountInString(q.Text) <= 2 {
		t := bleve.NewMatchQuery(q.Text)
		t.SetField("title")
		b := bleve.NewMatchQuery(q.Text)
		b.SetField("body")
		text = bleve.NewDisjunctionQuery(t, b)
	} else {
		t := bleve.NewMatchPhraseQuery(q.Text)
		t.SetField("title")
		b := bleve.NewMatchPhraseQuery(q.Text)
		b.SetField("body")
		text = bleve.NewDisjunctionQuery(t, b)
	}
	conj := []query.Query{text}
	keywordFilter := func(field, value string) {
		if value == "" {
			return
		}
		t := bleve.NewTermQuery(value)
		t.SetField(field)
		conj = append(conj, t)
	}
	f := q.Filter
	keywordFilter("kind", segmentOf(f.Kind))
	keywordFilter("region", string(f.Region))
	keywordFilter("level", string(f.Level))
	if f.PlaceCode != "" {
		keywordFilter("place", baogao.CodePrefix(f.PlaceCode))
	}
	if f.Province != "" {
		keywordFilter("place", f.Province[:2])
	}
	if f.YearFrom != 0 || f.YearTo != 0 {
		lo, hi := float64(f.YearFrom), float64(f.YearTo)
		inc := true
		r := bleve.NewNumericRangeInclusiveQuery(&lo, &hi, &inc, &inc)
		r.SetField("year")
		conj = append(conj, r)
	}
	var qq query.Query = text
	if len(conj) > 1 {
		qq = bleve.NewConjunctionQuery(conj...)
	}
	req := bleve.NewSearchRequestOptions(qq, 10, 0, false)
	req.Highlight = bleve.NewHighlightWithStyle(html.Name)
	req.Highlight.AddField("body")
	req.Highlight.AddField("title")
	res, err := e.index.SearchInContext(ctx, req)
	if err != nil {
		return 0, err
	}
	for _, h := range res.Hits {
		if len(h.Fragments["body"]) == 0 && len(h.Fragments["title"]) == 0 {
			return 0, fmt.Errorf("bleve: hit %s without a fragment", h.ID)
		}
	}
	return int(res.Total), nil
}

func (e *bleveEngine) close() error { return e.index.Close() }

func segmentOf(k baogao.Kind) string {
	if k == "" {
		return ""
	}
	return k.Segment()
}
