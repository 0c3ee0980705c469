package place

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Form is how a mention writes its place.
type Form uint8

// The forms of a mention, from strongest to weakest evidence.
const (
	FullName  Form = iota + 1 // the name in the table: 金乡县, 山东省
	Alias                     // a former or customary name: 襄樊市, 长清县, 恩施州
	ShortName                 // the name without its suffix: 金乡, 山东
)

// String returns "full", "alias" or "short".
func (f Form) String() string {
	switch f {
	case FullName:
		return "full"
	case Alias:
		return "alias"
	case ShortName:
		return "short"
	}
	return "unknown"
}

// Mention is a place name found in a text.
type Mention struct {
	Start, End int      // rune offsets in text
	Text       string   // as written
	Codes      []string // every place it can mean, ordered by code (several for 鼓楼区, 朝阳区)
	Form       Form     // FullName, ShortName or Alias

	// weak is set by Find for a short name that does not start a word:
	// 新平 in 创新平台, 丽江 in 美丽江苏, 范县 in 示范县.
	weak bool
}

// Strong reports whether the mention is good evidence of a place. It is
// false for names that are also common words (城区, 朝阳, 长安, 白云, 南海 …),
// and for short names and two-character names that Find saw inside a run
// of Chinese text rather than at its start, after a place name, or after
// a word such as 年, 在 or 和 (新平 in 创新平台, 范县 in 示范县). Resolve
// uses weak mentions only to narrow the place named just before them
// (阳泉市城区).
func (m Mention) Strong() bool { return !m.weak && !weakWords[m.Text] }

// Find scans text for place names — full names, short names of two
// characters or more, aliases — longest match first, non-overlapping, left
// to right. Names that are mostly common words are skipped (新兴产业,
// 乡村振兴, 公安局, 长治久安) or reported as weak (see Mention.Strong); a
// name that ends in 县, 市 or 区 is not taken from a word ending in 域
// (和县域 is 和+县域). A short name followed by 县 or 市, 地区 or 州 is
// reported with that suffix as an Alias when the table does not list the
// longer name (长清县 → 370113 长清区). The text should be in simplified
// characters (internal/decode folds traditional ones).
func (g *Gazetteer) Find(text string) []Mention {
	var out []Mention
	t := g.dict
	var stack [maxNameRunes]match
	ri := 0
	lastEnd := -1 // byte offset of the end of the last mention
	for pos := 0; pos < len(text); {
		r, size := utf8.DecodeRuneInString(text[pos:])
		n := t.first(r)
		if n < 0 {
			pos += size
			ri++
			continue
		}
		// Walk the trie as far as the text allows, keeping every name
		// that ends on the way.
		found := stack[:0]
		end, runes := pos+size, 1
		for {
			if e := t.nodes[n].entry; e >= 0 && len(found) < len(stack) {
				found = append(found, match{end: end, runes: runes, entry: e})
			}
			if end >= len(text) {
				break
			}
			r, size := utf8.DecodeRuneInString(text[end:])
			if n = t.next(n, r); n < 0 {
				break
			}
			end += size
			runes++
		}
		atStart := startsWord(text, pos, lastEnd)
		m, ok := g.pick(text, pos, found, atStart)
		if !ok {
			pos += size
			ri++
			continue
		}
		if m.form != 0 {
			mt := Mention{
				Start: ri,
				End:   ri + m.runes,
				Text:  text[pos:m.end],
				Codes: g.codes(m.places),
				Form:  m.form,
				weak:  (m.form == ShortName || m.runes <= 2) && !atStart,
			}
			if mt.Strong() {
				lastEnd = m.end
			}
			out = append(out, mt)
		}
		pos = m.end
		ri += m.runes
	}
	return out
}

// match is a name found at a position of the text.
type match struct {
	end, runes int   // byte offset of its end, length in runes
	entry      int32 // index in trie.entries
	// set by pick
	form   Form    // 0 for a word that is no place (长治久安)
	places []int32 // indices of the places it means
}

// pick chooses the longest acceptable match among found (shortest first)
// and extends a short name that starts a word by a generic suffix that
// follows it. A short name that is a common word takes no 市: 大城市 and
// 新城市 are no places.
func (g *Gazetteer) pick(text string, pos int, found []match, atWordStart bool) (match, bool) {
	t := g.dict
	for k := len(found) - 1; k >= 0; k-- {
		m := found[k]
		e := &t.entries[m.entry]
		if endsInRegionWord(text[pos:m.end], text[m.end:]) {
			continue
		}
		if e.form == ShortName && len(e.places) > 0 && atWordStart {
			common := e.block || weakWords[text[pos:m.end]]
			for _, suf := range genericSuffixes {
				if common && suf.text == "市" {
					continue
				}
				rest, ok := strings.CutPrefix(text[m.end:], suf.text)
				if !ok || endsInRegionWord(suf.text, rest) {
					continue
				}
				if ix := g.byGenericSuffix(text[pos:m.end], suf); len(ix) > 0 {
					m.end += len(suf.text)
					m.runes += utf8.RuneCountInString(suf.text)
					m.form, m.places = Alias, ix
					return m, true
				}
			}
		}
		if !e.block {
			m.form, m.places = e.form, e.places
		}
		return m, true
	}
	return match{}, false
}

// startsWord reports whether a name at byte offset pos of text stands where
// a word starts: at the start of the text, right after another place name
// (山东济宁金乡), after anything but a Chinese character or a digit
// ("(山东省)", "2023年"), or after a character that usually ends the word before a place
// name (2024年济南市, 在金乡, 济宁和菏泽).
func startsWord(text string, pos, lastEnd int) bool {
	if pos == 0 || pos == lastEnd {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(text[:pos])
	if unicode.IsDigit(r) {
		return false // 54个旧住宅区
	}
	return !unicode.Is(unicode.Han, r) || strings.ContainsRune(wordEnders, r)
}

// wordEnders are characters that often stand right before a place name and
// rarely start a word with the characters after them.
const wordEnders = "年月日届在于至到赴对向从与和及同的是为原"

// endsInRegionWord reports whether name, followed by rest, ends in the 县,
// 市 or 区 of 县域, 市域 or 区域.
func endsInRegionWord(name, rest string) bool {
	if !strings.HasPrefix(rest, "域") {
		return false
	}
	return strings.HasSuffix(name, "县") || strings.HasSuffix(name, "市") || strings.HasSuffix(name, "区")
}

func (g *Gazetteer) codes(ix []int32) []string {
	out := make([]string, len(ix))
	for k, i := range ix {
		out[k] = g.places[i].Code
	}
	return out
}

// maxNameRunes bounds the names Find looks for; longer ones are cut.
const maxNameRunes = 32

// trie holds the names Find looks for, one rune per edge.
type trie struct {
	cjk     []int32        // first node of a CJK rune (U+4E00–U+9FFF); -1 for none
	other   map[rune]int32 // first node of any other rune
	nodes   []trieNode
	edges   []trieEdge // room for the kids of the nodes, while building
	entries []dictEntry
}

type trieNode struct {
	kids  []trieEdge // ordered by rune
	entry int32      // the name ending here; -1 for none
}

type trieEdge struct {
	r    rune
	node int32
}

// dictEntry is what a name in the trie means.
type dictEntry struct {
	form   Form    // the strongest form it has for any of its places
	places []int32 // indices of the places, ordered
	block  bool    // found but not reported: a common word
}

const cjkFirst, cjkLast = 0x4E00, 0x9FFF

func (t *trie) first(r rune) int32 {
	if r >= cjkFirst && r <= cjkLast {
		return t.cjk[r-cjkFirst]
	}
	if n, ok := t.other[r]; ok {
		return n
	}
	return -1
}

func (t *trie) next(n int32, r rune) int32 {
	kids := t.nodes[n].kids
	lo, hi := 0, len(kids)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if kids[m].r < r {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(kids) && kids[lo].r == r {
		return kids[lo].node
	}
	return -1
}

// dictBuilder collects the names before the trie is made.
type dictBuilder struct {
	index   map[string]int32 // name → index in names and entries
	names   []string
	entries []dictEntry
}

func newDictBuilder(n int) *dictBuilder {
	return &dictBuilder{
		index:   make(map[string]int32, 3*n),
		names:   make([]string, 0, 3*n),
		entries: make([]dictEntry, 0, 3*n),
	}
}

func (d *dictBuilder) entry(name string) *dictEntry {
	k, ok := d.index[name]
	if !ok {
		k = int32(len(d.names))
		d.index[name] = k
		d.names = append(d.names, name)
		d.entries = append(d.entries, dictEntry{})
	}
	return &d.entries[k]
}

func (d *dictBuilder) add(name string, form Form, place int32) {
	e := d.entry(name)
	if e.form == 0 || form < e.form {
		e.form = form
	}
	e.places = append(e.places, place)
}

// build makes the trie; it returns it with the index of its entries by name.
func (d *dictBuilder) build() (*trie, map[string]int32) {
	for w := range blockedWords {
		d.entry(w).block = true
	}
	for k := range d.entries {
		if e := &d.entries[k]; len(e.places) > 1 {
			slices.Sort(e.places)
			e.places = slices.Compact(e.places)
		}
	}
	ids := make([]int32, 0, len(d.names))
	for k, name := range d.names {
		if utf8.RuneCountInString(name) <= maxNameRunes {
			ids = append(ids, int32(k))
		}
	}
	slices.SortFunc(ids, func(a, b int32) int { return strings.Compare(d.names[a], d.names[b]) })
	names := make([]string, len(ids))
	for k, id := range ids {
		names[k] = d.names[id]
	}
	t := &trie{
		cjk:     make([]int32, cjkLast-cjkFirst+1),
		other:   map[rune]int32{},
		nodes:   make([]trieNode, 0, 3*len(names)),
		edges:   make([]trieEdge, 0, 3*len(names)),
		entries: d.entries,
	}
	for i := range t.cjk {
		t.cjk[i] = -1
	}
	eachGroup(names, 0, func(r rune, lo, hi, off int) {
		n := t.subtree(names[lo:hi], ids[lo:hi], off)
		if r >= cjkFirst && r <= cjkLast {
			t.cjk[r-cjkFirst] = n
		} else {
			t.other[r] = n
		}
	})
	return t, d.index
}

// subtree adds the node for the common prefix of names, which are sorted and
// share their first off bytes, and the nodes below it; it returns the node.
func (t *trie) subtree(names []string, ids []int32, off int) int32 {
	n := int32(len(t.nodes))
	t.nodes = append(t.nodes, trieNode{entry: -1})
	if len(names[0]) == off {
		t.nodes[n].entry = ids[0]
		names, ids = names[1:], ids[1:]
	}
	groups := 0
	eachGroup(names, off, func(rune, int, int, int) { groups++ })
	if groups == 0 {
		return n
	}
	if len(t.edges)+groups > cap(t.edges) {
		t.edges = make([]trieEdge, 0, max(groups, 4096))
	}
	kids := t.edges[len(t.edges) : len(t.edges) : len(t.edges)+groups]
	t.edges = t.edges[:len(t.edges)+groups]
	eachGroup(names, off, func(r rune, lo, hi, next int) {
		kids = append(kids, trieEdge{r: r, node: t.subtree(names[lo:hi], ids[lo:hi], next)})
	})
	t.nodes[n].kids = kids
	return n
}

// eachGroup calls fn for each run of names that have the same rune r at
// byte offset off, with the run's bounds and the offset after r.
func eachGroup(names []string, off int, fn func(r rune, lo, hi, next int)) {
	for lo := 0; lo < len(names); {
		r, size := utf8.DecodeRuneInString(names[lo][off:])
		hi := lo + 1
		for hi < len(names) && strings.HasPrefix(names[hi][off:], names[lo][off:off+size]) {
			hi++
		}
		fn(r, lo, hi, off+size)
		lo = hi
	}
}
