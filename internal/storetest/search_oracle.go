package storetest

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/baogao/baogao"
	"github.com/baogao/baogao/internal/demo"
	"github.com/baogao/baogao/internal/place"
	"github.com/baogao/baogao/internal/search"
)

// testSearchOracle checks totals, order and scores against a brute-force
// search of every document, on a generated archive: the store's index,
// early stopping and filters must change nothing.
func testSearchOracle(t *testing.T, st baogao.Store) {
	ctx := context.Background()
	g := place.Default()
	var docs []*baogao.Document
	err := demo.Generate(demo.Options{Docs: 300, Seed: 7, YearFrom: 2019, YearTo: 2023}, g, g.All(), func(d *demo.Doc) error {
		doc := d.Document
		doc.SHA256 = fmt.Sprintf("%064x", 9_000_000+len(docs))
		doc.Simhash = uint64(len(docs)+1) * 0x9E3779B97F4A7C15
		// Some texts are flagged to the reader: they rank after clean ones.
		switch {
		case len(docs)%7 == 3:
			doc.Meta.Quality = []baogao.QualityFlag{baogao.QualityRewritten}
		case len(docs)%11 == 5:
			doc.Meta.Flagged = true
		}
		docs = append(docs, &doc)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	srcs := make([]baogao.Source, len(docs))
	for i := range srcs {
		srcs[i] = baogao.Source{SHA256: fmt.Sprintf("%064x", 9_500_000+i), File: fmt.Sprint(i)}
	}
	if err := st.AddDocuments(ctx, docs, srcs); err != nil {
		t.Fatal(err)
	}
	o := newOracle(docs)
	queries := []string{"发展", "经济", "冷链物流", "乡村振兴", "高质量发展", "县域经济", "营商环境", "招商引资", "GDP",
		"规上工业", "增长 -下降", "乡村振兴 OR 营商环境", `"规模以上工业增加值"`, "县", "镇", "发展 经济", "项目 -企业",
		"增长 8", "2022年", "一般公共预算收入", "推进 冷链 物流", "工作报告", "人民政府", `"各位代表"`}
	// Strings cut from the documents: every one has a hit.
	for i := range 40 {
		if q := cutWord(docs[(i*37)%len(docs)].Body, i*131, 2+i%6); q != "" {
			queries = append(queries, q)
		}
	}
	filters := []baogao.DocumentFilter{{}, {Kind: baogao.KindStatsBulletin}, {YearFrom: 2021, YearTo: 2022},
		{Province: "37"}, {Level: baogao.LevelCounty, Region: baogao.RegionHuadong}}
	for _, q := range queries {
		for fi, f := range filters {
			for _, srt := range []baogao.SearchSort{baogao.SortRelevance, baogao.SortDate} {
				sq := baogao.SearchQuery{Text: q, Filter: f, Sort: srt, Limit: 25}
				want, total, err := o.search(sq)
				if err != nil {
					t.Fatalf("%q: %v", q, err)
				}
				res, err := st.Search(ctx, sq)
				if err != nil {
					t.Errorf("%q: %v", q, err)
					continue
				}
				if res.Total != total {
					t.Errorf("%q filter %d %s: total %d, brute force %d", q, fi, srt, res.Total, total)
				}
				var got []string
				for _, h := range res.Hits {
					got = append(got, fmt.Sprintf("%d:%.4f", h.ID, h.Score))
				}
				if strings.Join(got, " ") != strings.Join(want, " ") {
					t.Errorf("%q filter %d %s:\n got %v\nwant %v", q, fi, srt, got, want)
				}
			}
		}
	}
}

// Oracle searches by reading every document: what every store's search
// must return (the bench compares the stores with it too).
type Oracle = oracle

// NewOracle returns the oracle of the documents (ids set).
func NewOracle(docs []*baogao.Document) *Oracle { return newOracle(docs) }

// Search returns the first page of hits as "id:score" (as "%d:%.4f"), and
// the total.
func (o *oracle) Search(sq baogao.SearchQuery) ([]string, int, error) { return o.search(sq) }

// oracle searches by reading every document.
type oracle struct {
	docs  []*baogao.Document
	texts []*search.Doc
}

func newOracle(docs []*baogao.Document) *oracle {
	o := &oracle{docs: docs}
	for _, d := range docs {
		o.texts = append(o.texts, search.NewDoc(d.Meta.Title, d.Body, -1, false))
	}
	return o
}

// search returns the first page of hits as "id:score", and the total.
func (o *oracle) search(sq baogao.SearchQuery) ([]string, int, error) {
	q, err := search.Parse(sq.Text, search.DefaultSynonyms())
	if err != nil {
		return nil, 0, err
	}
	dfs := make([]int, len(q.Must))
	for i, c := range q.Must {
		sub := &search.Query{Must: []search.Clause{c}}
		for j := range o.docs {
			if _, ok := sub.Score([]float64{1}, o.texts[j]); ok {
				dfs[i]++
			}
		}
	}
	weights := search.Weights(dfs, len(o.docs))
	type scored struct {
		id      int64
		key     int64
		score   float64
		demoted bool
	}
	var hits []scored
	for j, d := range o.docs {
		if !filterMatches(sq.Filter, d) {
			continue
		}
		if s, ok := q.Score(weights, o.texts[j]); ok {
			hits = append(hits, scored{d.ID, search.SortKey(d.Meta.Year, d.Meta.Date, d.ID), s, d.Meta.Demoted()})
		}
	}
	sort.Slice(hits, func(a, b int) bool {
		if sq.Sort != baogao.SortDate && hits[a].demoted != hits[b].demoted {
			return hits[b].demoted
		}
		if sq.Sort != baogao.SortDate && hits[a].score != hits[b].score {
			return hits[a].score > hits[b].score
		}
		return hits[a].key > hits[b].key
	})
	var out []string
	for i, h := range hits {
		if i >= sq.Limit {
			break
		}
		out = append(out, fmt.Sprintf("%d:%.4f", h.id, h.score))
	}
	return out, len(hits), nil
}

// filterMatches is DocumentFilter's meaning, written out.
func filterMatches(f baogao.DocumentFilter, d *baogao.Document) bool {
	m := d.Meta
	code := m.PlaceCode
	switch {
	case f.Kind != "" && m.Kind != f.Kind,
		f.Region != "" && m.Region != f.Region,
		f.Level != "" && m.Level != f.Level,
		f.Province != "" && !strings.HasPrefix(code, f.Province[:2]),
		f.Prefecture != "" && !strings.HasPrefix(code, f.Prefecture[:4]),
		f.PlaceCode != "" && !strings.HasPrefix(code, significant(f.PlaceCode)),
		f.YearFrom != 0 && m.Year < f.YearFrom,
		f.YearTo != 0 && m.Year > f.YearTo:
		return false
	}
	return true
}

// significant returns a place code without the zeros of its lower levels:
// 37 for 370000, 3708 for 370800. (baogao.CodePrefix does this for the
// stores; the oracle keeps its own, written apart from what it checks.)
func significant(code string) string {
	switch {
	case strings.HasSuffix(code, "0000"):
		return code[:2]
	case strings.HasSuffix(code, "00"):
		return code[:4]
	}
	return code
}

// cutWord returns n word runes of text from about rune offset at (wrapping
// around), all from one run; "" when the text has no such run.
func cutWord(text string, at, n int) string {
	rs := []rune(text)
	if len(rs) == 0 {
		return ""
	}
	for k := range len(rs) {
		i := (at + k) % len(rs)
		if i+n > len(rs) {
			continue
		}
		ok := true
		for _, r := range rs[i : i+n] {
			if !search.IsWordRune(search.Fold(r)) {
				ok = false
				break
			}
		}
		if ok {
			return string(rs[i : i+n])
		}
	}
	return ""
}
