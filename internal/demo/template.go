package demo

import (
	"math"
	"math/rand/v2"
	"sort"
	"strings"
)

// slot is a placeholder of a template; slotLit marks literal text.
type slot uint8

const (
	slotLit slot = iota
	slotPlace
	slotSelf
	slotUnit
	slotUnitLong
	slotCommittee
	slotLeaders
	slotYear
	slotPrevYear
	slotPlan
	slotIndustry
	slotLeading
	slotProduct
	slotCompany
	slotPark
	slotTown
	slotRoad
	slotPolicy
	slotHot
	slotSmall
	slotCount
	slotLarge
	slotAmount
	slotShare
	slotRate
	slotWan
	slotWanSmall
	slotAmountSmall
	slotFew
	slotAllowance
	slotDays
	slotPastAbility
	slotUpper
	slotVerbWork
	slotVerbSystem
	slotVerbAbility
	slotVerbField
	slotWork
	slotSystem
	slotAbility
	slotField
)

var slotNames = map[string]slot{
	"X": slotPlace, "S": slotSelf, "L": slotUnit, "LL": slotUnitLong, "D": slotCommittee, "U": slotLeaders,
	"Y": slotYear, "Z": slotPrevYear, "E": slotPlan, "I": slotIndustry, "J": slotLeading,
	"P": slotProduct, "C": slotCompany, "K": slotPark, "T": slotTown, "R": slotRoad,
	"V": slotPolicy, "H": slotHot, "n": slotSmall, "N": slotCount, "M": slotLarge, "A": slotAmount,
	"F": slotShare, "G": slotRate, "W": slotWan, "w": slotWanSmall, "a": slotAmountSmall, "Q": slotFew, "B": slotAllowance, "O": slotDays,
	"vw": slotVerbWork, "vs": slotVerbSystem, "va": slotVerbAbility, "vf": slotVerbField,
	"pastAbilities": slotPastAbility, "U2": slotUpper,
	"work": slotWork, "system": slotSystem, "ability": slotAbility, "field": slotField,
}

// isNumber reports whether the slot writes a number.
func (s slot) isNumber() bool { return s >= slotSmall && s <= slotDays }

type seg struct {
	lit  string
	slot slot
}

// tmpl is a parsed template: literal text and slots, usable in the years
// [from, to].
type tmpl struct {
	segs     []seg
	from, to int
	id       int    // unique among the package's templates, for recency
	src      string // the template as written, for tests
}

func (t tmpl) hasNumber() bool {
	for _, s := range t.segs {
		if s.slot.isNumber() {
			return true
		}
	}
	return false
}

// parseTemplate parses one line: an optional era tag, then text with {slot}s.
// It panics on an unknown slot: templates are constants of this package.
func parseTemplate(line string) tmpl {
	t := tmpl{from: 0, to: 9999, src: line}
	if strings.HasPrefix(line, "[") {
		end := strings.IndexByte(line, ']')
		era := line[1:end]
		line = line[end+1:]
		from, to, _ := strings.Cut(era, "-")
		if from != "" {
			t.from = atoi(from)
		}
		if to != "" {
			t.to = atoi(to)
		}
	}
	for line != "" {
		i := strings.IndexByte(line, '{')
		if i < 0 {
			t.segs = append(t.segs, seg{lit: line})
			break
		}
		if i > 0 {
			t.segs = append(t.segs, seg{lit: line[:i]})
		}
		j := strings.IndexByte(line[i:], '}')
		name := line[i+1 : i+j]
		s, ok := slotNames[name]
		if !ok {
			panic("demo: unknown slot {" + name + "} in " + t.src)
		}
		t.segs = append(t.segs, seg{slot: s})
		line = line[i+j+1:]
	}
	return t
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}

// lines splits a list constant into its non-empty lines.
func lines(src string) []string {
	var out []string
	for _, l := range strings.Split(src, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// templates parses every line of a list constant.
func templates(src string) []tmpl {
	ls := lines(src)
	out := make([]tmpl, len(ls))
	for i, l := range ls {
		out[i] = parseTemplate(l)
	}
	return out
}

// zipf draws items with weight 1/(rank+1)^s: the first items are common, the
// last rare.
type zipf[T any] struct {
	items []T
	cum   []float64
}

func newZipf[T any](items []T, s float64) zipf[T] {
	z := zipf[T]{items: items, cum: make([]float64, len(items))}
	total := 0.0
	for i := range items {
		total += 1 / math.Pow(float64(i+1), s)
		z.cum[i] = total
	}
	return z
}

func (z *zipf[T]) pick(r *rand.Rand) T { return z.items[z.index(r)] }

// index draws the index of an item.
func (z *zipf[T]) index(r *rand.Rand) int {
	n := len(z.cum)
	if n == 1 {
		return 0
	}
	x := r.Float64() * z.cum[n-1]
	i := sort.SearchFloat64s(z.cum, x)
	if i >= n {
		i = n - 1
	}
	return i
}

func (z *zipf[T]) empty() bool { return len(z.items) == 0 }

// tmplPool is a Zipf pool of the templates of a list usable in one year.
func tmplPool(ts []tmpl, year int, s float64) zipf[tmpl] {
	var in []tmpl
	for _, t := range ts {
		if year >= t.from && year <= t.to {
			in = append(in, t)
		}
	}
	return newZipf(in, s)
}

// strPool is like tmplPool for plain words (their era tags stripped).
func strPool(ts []tmpl, year int, s float64) zipf[string] {
	var in []string
	for _, t := range ts {
		if year >= t.from && year <= t.to {
			in = append(in, t.segs[0].lit)
		}
	}
	return newZipf(in, s)
}
