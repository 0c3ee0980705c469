package place

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/baogao/baogao"
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
// longer name (长清县 → 370113 长清区).
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
		m, ok := g.pick(text, pos, found, startsWord(text, pos, lastEnd))
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
				weak:  (m.form == ShortName || m.runes <= 2) && !startsWord(text, pos, lastEnd),
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
	names map[string]*dictEntry
}

func newDictBuilder(n int) *dictBuilder {
	return &dictBuilder{names: make(map[string]*dictEntry, 3*n)}
}

func (d *dictBuilder) add(name string, form Form, place int32) {
	e, ok := d.names[name]
	if !ok {
		e = &dictEntry{form: form}
		d.names[name] = e
	}
	e.form = min(e.form, form)
	e.places = append(e.places, place)
}

func (d *dictBuilder) build() *trie {
	for w := range blockedWords {
		if e, ok := d.names[w]; ok {
			e.block = true
		} else {
			d.names[w] = &dictEntry{block: true}
		}
	}
	names := make([]string, 0, len(d.names))
	for name := range d.names {
		names = append(names, name)
	}
	slices.Sort(names)
	t := &trie{
		cjk:     make([]int32, cjkLast-cjkFirst+1),
		other:   map[rune]int32{},
		nodes:   make([]trieNode, 0, 4*len(names)),
		entries: make([]dictEntry, 0, len(names)),
	}
	for i := range t.cjk {
		t.cjk[i] = -1
	}
	for _, name := range names {
		e := d.names[name]
		if len(e.places) > 1 {
			slices.Sort(e.places)
			e.places = slices.Compact(e.places)
		}
		t.insert(name, int32(len(t.entries)))
		t.entries = append(t.entries, *e)
	}
	return t
}

// insert adds a name; names come in sorted order, so a new child is always
// the last of its parent's.
func (t *trie) insert(name string, entry int32) {
	var n int32 = -1
	for k, r := range []rune(name) {
		if k >= maxNameRunes {
			return
		}
		var next int32
		if n < 0 {
			next = t.first(r)
		} else {
			next = t.next(n, r)
		}
		if next < 0 {
			next = int32(len(t.nodes))
			t.nodes = append(t.nodes, trieNode{entry: -1})
			switch {
			case n >= 0:
				t.nodes[n].kids = append(t.nodes[n].kids, trieEdge{r: r, node: next})
			case r >= cjkFirst && r <= cjkLast:
				t.cjk[r-cjkFirst] = next
			default:
				t.other[r] = next
			}
		}
		n = next
	}
	t.nodes[n].entry = entry
}

// levelOf is the rank of a level: 0 for a province.
func levelOf(l baogao.Level) int {
	switch l {
	case baogao.LevelProvince:
		return 0
	case baogao.LevelPrefecture:
		return 1
	}
	return 2
}
