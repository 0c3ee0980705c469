// Package place is the gazetteer of China's provinces, prefectures and counties (GB/T 2260) embedded in the binary, with look-ups by code and name and a scanner that finds place names in text.
package place

import (
	_ "embed"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/baogao/baogao"
)

// places.tsv is generated from a public dataset, see README.md;
// aliases.tsv is kept by hand.
//
//go:generate go -C internal/gen run . -out ../../places.tsv

//go:embed places.tsv
var placesTSV string

//go:embed aliases.tsv
var aliasesTSV string

// Gazetteer is the embedded GB/T 2260 table; it implements baogao.Gazetteer.
// It is immutable and safe for concurrent use.
//
// Slugs (pinyin of the short name) are not unique: 朝阳区 of 北京 and of 长春
// share "chaoyang". URLs use codes.
type Gazetteer struct {
	places   []baogao.Place   // ordered by code
	parent   []int32          // index of the parent place; -1 for a province
	children [][]int32        // indices of the children, ordered by code
	byCode   map[string]int32 // code → index
	byPath   map[string]int32 // full path ("山东省济宁市金乡县") → index
	byName   map[string]int32 // full name, short name, alias → index in dict.entries
	dict     *trie            // the names Find looks for
}

var (
	defaultOnce sync.Once
	defaultG    *Gazetteer
)

// Default returns the embedded table, built on first use.
func Default() *Gazetteer {
	defaultOnce.Do(func() {
		g, err := build(placesTSV, aliasesTSV)
		if err != nil {
			panic("place: embedded data: " + err.Error()) // the tests load it
		}
		defaultG = g
	})
	return defaultG
}

var _ baogao.Gazetteer = (*Gazetteer)(nil)

// Place returns the place with the six-digit code, or an error with code
// ENOTFOUND.
func (g *Gazetteer) Place(code string) (baogao.Place, error) {
	i, ok := g.byCode[code]
	if !ok {
		return baogao.Place{}, baogao.Errorf(baogao.ENOTFOUND, "没有代码为 %q 的行政区划", code)
	}
	return g.places[i], nil
}

// Path returns the place and its ancestors, province first; nil for an
// unknown code.
func (g *Gazetteer) Path(code string) []baogao.Place {
	i, ok := g.byCode[code]
	if !ok {
		return nil
	}
	var path []baogao.Place
	for ; i >= 0; i = g.parent[i] {
		path = append(path, g.places[i])
	}
	slices.Reverse(path)
	return path
}

// FullName joins the names of Path: "山东省济宁市金乡县"; "" for an unknown code.
func (g *Gazetteer) FullName(code string) string {
	var b strings.Builder
	for _, p := range g.Path(code) {
		b.WriteString(p.Name)
	}
	return b.String()
}

// Children returns the places whose parent is code, ordered by code; nil
// for an unknown code or a county.
func (g *Gazetteer) Children(code string) []baogao.Place {
	i, ok := g.byCode[code]
	if !ok {
		return nil
	}
	return g.list(g.children[i])
}

// All returns every place, ordered by code. The slice is the caller's.
func (g *Gazetteer) All() []baogao.Place {
	return slices.Clone(g.places)
}

// Lookup returns every place the name can mean, ordered by code: a code
// ("370828"), a full name ("金乡县"), a short name ("金乡"), a full path
// ("山东省济宁市金乡县") or a former name (Alias: "襄樊市"). A name that is
// none of these but X县 or X市 for a county-level place with short name X,
// X地区 for a prefecture, or X州 for an autonomous prefecture, means that
// place ("长清县" → 长清区; "恩施州" → 恩施土家族苗族自治州). Nil when
// nothing matches.
func (g *Gazetteer) Lookup(name string) []baogao.Place {
	name = strings.TrimSpace(name)
	if i, ok := g.byCode[name]; ok {
		return []baogao.Place{g.places[i]}
	}
	if i, ok := g.byPath[name]; ok {
		return []baogao.Place{g.places[i]}
	}
	if e, ok := g.byName[name]; ok && len(g.dict.entries[e].places) > 0 {
		return g.list(g.dict.entries[e].places)
	}
	for _, suf := range genericSuffixes {
		if stem, ok := strings.CutSuffix(name, suf.text); ok {
			if ix := g.byGenericSuffix(stem, suf); len(ix) > 0 {
				return g.list(ix)
			}
		}
	}
	return nil
}

func (g *Gazetteer) list(ix []int32) []baogao.Place {
	if len(ix) == 0 {
		return nil
	}
	out := make([]baogao.Place, len(ix))
	for k, i := range ix {
		out[k] = g.places[i]
	}
	return out
}

// genericSuffix is a way of writing a place that the tables do not list:
// the short name plus a suffix of its kind, usually its former kind
// (长清县 for 长清区, which was a county until 2001).
type genericSuffix struct {
	text  string
	level baogao.Level
	// kind, if set, is the suffix the place's own name must end with.
	kind string
}

var genericSuffixes = []genericSuffix{
	{text: "县", level: baogao.LevelCounty},
	{text: "市", level: baogao.LevelCounty},
	{text: "地区", level: baogao.LevelPrefecture},
	{text: "州", level: baogao.LevelPrefecture, kind: "自治州"},
}

// byGenericSuffix returns the places of the suffix's level whose short name
// is stem.
func (g *Gazetteer) byGenericSuffix(stem string, suf genericSuffix) []int32 {
	if utf8.RuneCountInString(stem) < 2 {
		return nil
	}
	e, ok := g.byName[stem]
	if !ok {
		return nil
	}
	var out []int32
	for _, i := range g.dict.entries[e].places {
		p := g.places[i]
		if p.Short == stem && p.Level == suf.level && strings.HasSuffix(p.Name, suf.kind) {
			out = append(out, i)
		}
	}
	return out
}
