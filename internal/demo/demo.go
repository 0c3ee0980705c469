// Package demo generates a realistic synthetic archive of reports, bulletins and plans, marked as demo data, for the demo site and benchmarks.
package demo

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/baogao/baogao"
)

// Options says what archive to generate.
type Options struct {
	Docs     int   // number of documents
	YearFrom int   // first year (e.g. 2018); 0 means DefaultYearFrom
	YearTo   int   // last year (e.g. 2024); 0 means DefaultYearTo
	Seed     int64 // same seed, same archive
}

// The default range of years, and the range Options may ask for.
const (
	DefaultYearFrom = 2018
	DefaultYearTo   = 2024
	MinYear         = 2001
	MaxYear         = 2035
)

// Mark is the label of demo data; every title ends with TitleSuffix and
// every body starts with Notice.
const (
	Mark        = "示例数据"
	TitleSuffix = "（示例数据）"
	Notice      = "【示例数据】本文由baogao演示数据生成器自动生成，并非真实的政府文件；其中的数字、企业、项目和人名均为虚构，仅供演示和测试使用。"
)

// Doc is one generated document.
type Doc struct {
	// Document has Meta (Title, Kind, PlaceCode, Place, Level, Region, Year,
	// Date, Script, Issuer, Session, Speaker, Encoding), Body and Outline
	// set. ID, SHA256, Simhash and Extraction are left to the importer, which
	// may run the extractor or copy Truth.
	Document baogao.Document
	// Truth is the data written into the prose: every target, outcome, goal
	// and project of the vocabulary of SPEC §5, with values in canonical
	// units and spans in rune offsets of Document.Body. Numbers outside the
	// vocabulary (retail sales amounts, the first and second sectors) are
	// not recorded, as the gold set does not record them. A vintage or a
	// basis applies to the sentence it is stated in; a stretch value
	// ("以上，力争8%") is kept apart from the value; multi-year plan figures
	// ("到2025年…") are goals, not targets. Spans index Document.Body: a
	// recogniser that re-reads Text and normalises its lines may shift them.
	Truth baogao.Extraction
	// Text is the whole document as a plain-text file holds it: the title
	// line, a blank line, then the body.
	Text string
}

// Generate produces opts.Docs documents, calling fn for each in a
// deterministic order; it stops at fn's first error and returns it. The same
// options, gazetteer and places give the same documents, byte for byte.
//
// places are the places to write about (normally the whole gazetteer);
// places of no region (港澳台) and entries that are not provinces,
// prefectures or counties are skipped. Each place, year and kind gets at
// most one document, so opts.Docs may not exceed 4 × places × years; a
// benchmark of 100,000 documents needs a range of about ten years. Errors
// of the options have code EINVALID.
func Generate(opts Options, g baogao.Gazetteer, places []baogao.Place, fn func(*Doc) error) error {
	gen, err := newGenerator(opts, g, places)
	if err != nil {
		return err
	}
	if opts.Docs == 0 {
		return nil
	}
	return gen.run(fn)
}

// generator holds what is shared by the documents of one archive.
type generator struct {
	opts   Options
	g      baogao.Gazetteer
	places []baogao.Place // usable places
	index  map[string]int // code → index in places
	kids   map[string]int // code → number of usable children
	names  map[string]int // name → number of usable places so named
	tab    *tables
	lex    []*lexicon // by year - MinYear + 1, built when first needed
	sizes  map[string]float64
	// lastUse is when each template was last drawn, in draws; shared by the
	// documents (which are written one at a time) to save allocations.
	lastUse []int64
	draws   int64
}

func newGenerator(opts Options, g baogao.Gazetteer, places []baogao.Place) (*generator, error) {
	if opts.YearFrom == 0 {
		opts.YearFrom = DefaultYearFrom
	}
	if opts.YearTo == 0 {
		opts.YearTo = DefaultYearTo
	}
	switch {
	case opts.Docs < 0:
		return nil, baogao.Errorf(baogao.EINVALID, "demo: number of documents %d is negative", opts.Docs)
	case opts.YearFrom < MinYear || opts.YearTo > MaxYear || opts.YearFrom > opts.YearTo:
		return nil, baogao.Errorf(baogao.EINVALID, "demo: years %d–%d are not a range within %d–%d",
			opts.YearFrom, opts.YearTo, MinYear, MaxYear)
	case g == nil:
		return nil, baogao.Errorf(baogao.EINVALID, "demo: no gazetteer")
	}
	gen := &generator{opts: opts, g: g, index: map[string]int{}, kids: map[string]int{},
		names: map[string]int{}, sizes: map[string]float64{}, tab: loadTables(),
		lex: make([]*lexicon, MaxYear-MinYear+3)}
	gen.lastUse = make([]int64, gen.tab.count)
	for _, p := range places {
		if !usable(p) {
			continue
		}
		if _, dup := gen.index[p.Code]; dup {
			continue
		}
		gen.index[p.Code] = len(gen.places)
		gen.places = append(gen.places, p)
	}
	if len(gen.places) == 0 {
		return nil, baogao.Errorf(baogao.EINVALID, "demo: no usable places")
	}
	for _, p := range gen.places {
		gen.kids[p.Parent]++
		gen.names[p.Name]++
	}
	years := opts.YearTo - opts.YearFrom + 1
	if max := len(gen.places) * years * len(baogao.Kinds); opts.Docs > max {
		return nil, baogao.Errorf(baogao.EINVALID,
			"demo: %d documents do not fit in %d places × %d years × %d kinds (at most %d); widen the years",
			opts.Docs, len(gen.places), years, len(baogao.Kinds), max)
	}
	return gen, nil
}

// usable reports whether the generator writes about p.
func usable(p baogao.Place) bool {
	switch p.Level {
	case baogao.LevelProvince, baogao.LevelPrefecture, baogao.LevelCounty:
	default:
		return false
	}
	if len(p.Code) != 6 || !baogao.RegionOf(p.Code).Valid() || baogao.RegionOf(p.Code) == baogao.RegionOther {
		return false
	}
	// Administrative leftovers of GB/T 2260 that publish nothing.
	return p.Name != "" && p.Name != "市辖区" && p.Name != "县" && !strings.Contains(p.Name, "直辖")
}

// run emits the documents in two stages. The first visits places in a
// weighted random order (provinces and prefectures more likely early, so a
// small archive has them, counties most numerous as in real archives) and
// gives each its usual documents: a run of years with a report most years,
// a bulletin often, a plan or other document now and then. The second,
// needed only for archives near capacity, fills the remaining slots kind by
// kind: reports first, then bulletins, plans and other documents.
func (gen *generator) run(fn func(*Doc) error) error {
	order := gen.order()
	years := gen.opts.YearTo - gen.opts.YearFrom + 1
	covers := make([][]bool, len(gen.places)) // by place index, kept for the second stage
	n := 0
	// visit emits the slots of p that are (first stage) or are not (second
	// stage) covered, of the kinds wanted.
	visit := func(pi int, first bool, kinds []int) error {
		p := &gen.places[pi]
		if covers[pi] == nil {
			covers[pi] = gen.coverage(p)
		}
		var m *model
		for yi := range years {
			for _, ki := range kinds {
				if covers[pi][yi*4+ki] != first {
					continue
				}
				if m == nil {
					m = gen.model(p)
				}
				if err := fn(gen.document(p, m, gen.opts.YearFrom+yi, baogao.Kinds[ki])); err != nil {
					return err
				}
				if n++; n == gen.opts.Docs {
					return errDone
				}
			}
		}
		return nil
	}
	err := func() error {
		for _, pi := range order {
			if err := visit(pi, true, []int{0, 1, 2, 3}); err != nil {
				return err
			}
		}
		for ki := range baogao.Kinds {
			for _, pi := range order {
				if err := visit(pi, false, []int{ki}); err != nil {
					return err
				}
			}
		}
		return nil
	}()
	if err == errDone {
		return nil
	}
	return err
}

// errDone ends the walk over slots when enough documents are made.
var errDone = errors.New("demo: done")

// order returns the indexes of places in the order the first pass visits
// them: a weighted shuffle (Efraimidis–Spirakis keys).
func (gen *generator) order() []int {
	r := rand.New(rand.NewPCG(uint64(gen.opts.Seed), hashString("order")))
	type keyed struct {
		key float64
		i   int
	}
	ks := make([]keyed, len(gen.places))
	for i, p := range gen.places {
		w := 1.0
		switch p.Level {
		case baogao.LevelProvince:
			w = 8
		case baogao.LevelPrefecture:
			w = 3
		}
		ks[i] = keyed{-math.Log(1-r.Float64()) / w, i}
	}
	slices.SortFunc(ks, func(a, b keyed) int {
		if a.key != b.key {
			if a.key < b.key {
				return -1
			}
			return 1
		}
		return a.i - b.i
	})
	out := make([]int, len(ks))
	for i, k := range ks {
		out[i] = k.i
	}
	return out
}

// coverage says which (year, kind) slots of p the first pass fills:
// index (year-YearFrom)*4 + the kind's index in baogao.Kinds.
func (gen *generator) coverage(p *baogao.Place) []bool {
	r := rand.New(rand.NewPCG(uint64(gen.opts.Seed), mix(hashString(p.Code), hashString("cover"))))
	years := gen.opts.YearTo - gen.opts.YearFrom + 1
	cover := make([]bool, years*4)
	rich := uniform(r, 0.35, 1)
	bulletin := 0.55
	switch p.Level {
	case baogao.LevelProvince:
		rich, bulletin = uniform(r, 0.85, 1), 0.85
	case baogao.LevelPrefecture:
		rich, bulletin = uniform(r, 0.6, 1), 0.75
	}
	for yi := 0; yi < years; yi++ {
		y := gen.opts.YearFrom + yi
		recent := 1.0
		if years > 1 {
			recent = 0.6 + 0.4*float64(yi)/float64(years-1)
		}
		if r.Float64() > rich*recent {
			continue
		}
		plan := 0.2
		if y%5 == 1 {
			plan = 0.6 // the first year of a five-year plan
		}
		probs := [4]float64{0.92, bulletin, plan, 0.15}
		for ki := range probs {
			cover[yi*4+ki] = r.Float64() < probs[ki]
		}
	}
	return cover
}

// model returns the latent history of p, sized as a share of its parent's.
func (gen *generator) model(p *baogao.Place) *model {
	from, to := gen.opts.YearFrom-1, gen.opts.YearTo+5
	return newModel(gen.opts.Seed, p, from, to, gen.size(p.Parent), gen.kids[p.Parent])
}

// size returns the 2020 GDP of the place with the code, 0 for none.
func (gen *generator) size(code string) float64 {
	if code == "" {
		return 0
	}
	if s, ok := gen.sizes[code]; ok {
		return s
	}
	i, ok := gen.index[code]
	if !ok {
		return 0
	}
	p := &gen.places[i]
	s := newModel(gen.opts.Seed, p, 2020, 2020, gen.size(p.Parent), gen.kids[p.Parent]).size
	gen.sizes[code] = s
	return s
}

// document writes the document of kind for place p and year y.
func (gen *generator) document(p *baogao.Place, m *model, y int, kind baogao.Kind) *Doc {
	w := newWriter(gen, p, m, y, kind)
	switch kind {
	case baogao.KindWorkReport:
		w.workReport()
	case baogao.KindStatsBulletin:
		w.bulletin()
	case baogao.KindPlan:
		w.plan()
	default:
		w.other()
	}
	return w.finish()
}

// hashString is FNV-1a.
func hashString(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

// mix combines hashes (splitmix64 finaliser over a running sum).
func mix(hs ...uint64) uint64 {
	var x uint64
	for _, h := range hs {
		x += h + 0x9e3779b97f4a7c15
		x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
		x = (x ^ (x >> 27)) * 0x94d049bb133111eb
		x ^= x >> 31
	}
	return x
}

func hasSuffix(s, suffix string) bool { return strings.HasSuffix(s, suffix) }

// chineseNumber writes 1–99 in Chinese numerals: 十四, 二十一.
func chineseNumber(n int) string {
	digits := []string{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	switch {
	case n <= 0 || n > 99:
		return fmt.Sprint(n)
	case n < 10:
		return digits[n]
	case n == 10:
		return "十"
	case n < 20:
		return "十" + digits[n%10]
	case n%10 == 0:
		return digits[n/10] + "十"
	}
	return digits[n/10] + "十" + digits[n%10]
}
