package demo

import (
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"

	"github.com/baogao/baogao"
)

// writer builds one document: its title and body, and the Truth of what it
// writes. Offsets are kept in bytes of the body while writing and turned
// into rune offsets by finish.
type writer struct {
	gen  *generator
	r    *rand.Rand
	p    *baogao.Place
	m    *model
	y    int
	kind baogao.Kind
	lx   *lexicon
	c    placeCtx

	doc     strings.Builder // the document
	scratch strings.Builder // a phrase being captured
	out     *strings.Builder
	body    int // byte offset of the body in doc
	num     []byte
	meta    baogao.Meta
	truth   baogao.Extraction
	outline []baogao.Heading
	ascii   bool // headings with ASCII parentheses: (一)
	n2      int  // the number of the next (一) heading
	topicNo int  // the topic being written, for {work} and the like; -1 for none
}

// recency is how many draws must pass before a template may be drawn again.
const recency = 60

func newWriter(gen *generator, p *baogao.Place, m *model, y int, kind baogao.Kind) *writer {
	ki := uint64(0)
	for i, k := range baogao.Kinds {
		if k == kind {
			ki = uint64(i)
		}
	}
	r := rand.New(rand.NewPCG(uint64(gen.opts.Seed), mix(hashString(p.Code), hashString("place"))))
	w := &writer{gen: gen, p: p, m: m, y: y, kind: kind, lx: gen.lexicon(y), num: make([]byte, 0, 32), topicNo: -1}
	w.c = gen.placeCtx(p, r)
	// What earlier documents drew is out of reach of this one.
	gen.draws += 2 * recency
	// The document's own stream: the same for the same seed, place, year and
	// kind, whatever else is generated.
	w.r = rand.New(rand.NewPCG(uint64(gen.opts.Seed)^0x5eed, mix(hashString(p.Code), uint64(y), ki)))
	w.ascii = w.r.IntN(5) == 0
	w.out = &w.doc
	w.doc.Grow(48 << 10)
	full := gen.g.FullName(p.Code)
	if full == "" {
		full = p.Name
	}
	w.meta = baogao.Meta{Kind: kind, PlaceCode: p.Code, Place: full, Level: p.Level,
		Region: baogao.RegionOf(p.Code), Year: y, Script: "simplified", Encoding: "utf-8"}
	return w
}

// start writes the title, the blank line and the demo notice.
func (w *writer) start(title string) {
	w.meta.Title = title + TitleSuffix
	w.doc.WriteString(w.meta.Title)
	w.doc.WriteString("\n\n")
	w.body = w.doc.Len()
	w.line(Notice)
}

// pos returns the current byte offset in the body.
func (w *writer) pos() int { return w.doc.Len() - w.body }

func (w *writer) s(s string)    { w.out.WriteString(s) }
func (w *writer) line(s string) { w.out.WriteString(s); w.out.WriteByte('\n') }
func (w *writer) nl()           { w.out.WriteByte('\n') }

// capture returns what f writes, instead of writing it to the document.
func (w *writer) capture(f func()) string {
	w.scratch.Reset()
	w.out = &w.scratch
	f()
	w.out = &w.doc
	return w.scratch.String()
}

// chance reports true with probability p.
func (w *writer) chance(p float64) bool { return w.r.Float64() < p }

// heading writes a heading line and records it in the outline.
func (w *writer) heading(level int, text string) {
	w.outline = append(w.outline, baogao.Heading{Level: level, Title: text, Offset: w.pos()})
	w.line(text)
}

// h1 writes a first-level heading: 一、…
func (w *writer) h1(n int, text string) {
	w.heading(1, chineseNumber(n)+"、"+text)
	w.n2 = 1
}

// h2 writes the next second-level heading: （一）…
func (w *writer) h2(text string) {
	open, close := "（", "）"
	if w.ascii {
		open, close = "(", ")"
	}
	w.heading(2, open+chineseNumber(w.n2)+close+text)
	w.n2++
}

// t expands a template drawn from the list. Verbs may repeat; other
// templates are not used twice close together.
func (w *writer) t(id listID) {
	z := &w.lx.pools[id]
	if id >= lVerbsWorks && id <= lPastFields {
		w.expand(z.pick(w.r))
		return
	}
	w.expand(w.pick(z))
}

// tt expands a template drawn from a topic's list; false when it is empty.
func (w *writer) tt(topic int, l topicList) bool {
	z := &w.lx.topics[topic][l]
	if z.empty() {
		return false
	}
	w.expand(w.pick(z))
	return true
}

// pick draws a template, avoiding the ones used lately so that a paragraph
// does not say the same thing twice.
func (w *writer) pick(z *zipf[tmpl]) tmpl {
	g := w.gen
	for try := 0; ; try++ {
		t := &z.items[z.index(w.r)]
		if try < 8 && len(z.items) > 2 && g.draws-g.lastUse[t.id] < recency {
			continue
		}
		g.draws++
		g.lastUse[t.id] = g.draws
		return *t
	}
}

// word draws a word of a word list.
func (w *writer) word(id listID) string { return w.lx.words[id].pick(w.r) }

func (w *writer) pickS(ss []string) string { return ss[w.r.IntN(len(ss))] }

// expand writes a template with its slots filled.
func (w *writer) expand(t tmpl) {
	for _, sg := range t.segs {
		if sg.slot == slotLit {
			w.out.WriteString(sg.lit)
			continue
		}
		w.fill(sg.slot)
	}
}

func (w *writer) fill(s slot) {
	r := w.r
	sc := w.m.scale
	switch s {
	case slotPlace:
		w.s(w.c.short)
	case slotSelf:
		w.s(w.c.self)
	case slotUnit:
		w.s(w.c.unit)
	case slotUnitLong:
		w.s(w.c.unitLong)
	case slotCommittee:
		w.s(w.c.committee)
	case slotLeaders:
		w.s(w.c.leaders)
	case slotYear:
		w.int(w.y)
	case slotPrevYear:
		w.int(w.y - 1)
	case slotPlan:
		w.s(planName(w.y))
	case slotIndustry:
		w.s(w.word(lIndustries))
	case slotLeading:
		w.s(w.pickS(w.c.leading))
	case slotProduct:
		w.s(w.pickS(w.c.products))
	case slotCompany:
		if r.IntN(5) < 3 {
			w.s(w.pickS(w.c.companies))
		} else {
			w.s(w.gen.firm(r))
		}
	case slotPark:
		w.park()
	case slotTown:
		w.s(w.pickS(w.c.towns))
	case slotRoad:
		w.s(w.pickS(w.c.roads))
	case slotPolicy:
		w.s(w.word(lPolicies))
	case slotHot:
		w.s(w.word(lHotTerms))
	case slotSmall:
		w.int(2 + r.IntN(9))
	case slotFew:
		w.int(int(float64(8+r.IntN(25)) * math.Sqrt(math.Sqrt(sc))))
	case slotAllowance:
		w.int(10 * (55 + r.IntN(45)))
	case slotDays:
		w.int(265 + r.IntN(85))
	case slotCount:
		w.int(int(niceCount(math.Max(3, math.Pow(sc, 0.6)*float64(8+r.IntN(110))))))
	case slotLarge:
		w.int(int(niceCount(sc * float64(200+r.IntN(4000)))))
	case slotAmount:
		v := sc * uniform(r, 0.3, 15)
		if v >= 100 {
			w.f(math.Round(v), 0)
		} else {
			w.f(r1(v), 1)
		}
	case slotShare:
		w.f(r1(uniform(r, 90, 99.9)), 1)
	case slotRate:
		w.f(r1(uniform(r, 3, 35)), 1)
	case slotWan:
		w.f(r1(sc*uniform(r, 20, 400)), 1)
	case slotWanSmall:
		w.f(r1(sc*uniform(r, 1, 30)), 1)
	case slotAmountSmall:
		w.f(r2(sc*uniform(r, 0.1, 3)), 2)
	case slotPastAbility:
		w.t(lPastAbilities)
	case slotUpper:
		w.s(w.c.upper)
	case slotVerbWork:
		w.t(lVerbsWorks)
	case slotVerbSystem:
		w.t(lVerbsSystems)
	case slotVerbAbility:
		w.t(lVerbsAbilities)
	case slotVerbField:
		w.t(lVerbsFields)
	case slotWork:
		w.tt(w.topic(), tWorks)
	case slotSystem:
		w.tt(w.topic(), tSystems)
	case slotAbility:
		w.tt(w.topic(), tAbilities)
	case slotField:
		w.tt(w.topic(), tFields)
	}
}

// topic returns the topic being written, or a random one.
func (w *writer) topic() int {
	if w.topicNo >= 0 {
		return w.topicNo
	}
	return w.r.IntN(len(w.lx.topics))
}

// park writes one of the place's parks.
func (w *writer) park() {
	if w.c.parks == nil {
		// Parks are named from the place's own stream so that they recur.
		save := w.r
		w.r = rand.New(rand.NewPCG(uint64(w.gen.opts.Seed), mix(hashString(w.p.Code), hashString("parks"))))
		for range 3 {
			w.c.parks = append(w.c.parks, w.capture(func() { w.t(lParkForms) }))
		}
		w.r = save
	}
	w.s(w.pickS(w.c.parks))
}

func (w *writer) int(n int) {
	w.num = strconv.AppendInt(w.num[:0], int64(n), 10)
	w.out.Write(w.num)
}

// f writes v with prec decimals.
func (w *writer) f(v float64, prec int) {
	w.num = strconv.AppendFloat(w.num[:0], v, 'f', prec, 64)
	w.out.Write(w.num)
}

// g writes v with as few decimals as it needs (up to two): 7, 6.5, 3.25.
func (w *writer) g(v float64) {
	prec := 0
	switch {
	case math.Abs(v-math.Round(v)) < 1e-9:
	case math.Abs(v*10-math.Round(v*10)) < 1e-9:
		prec = 1
	default:
		prec = 2
	}
	w.f(v, prec)
}

// finish turns the byte offsets into rune offsets, fills the Text of every
// record of Truth and returns the document.
func (w *writer) finish() *Doc {
	text := w.doc.String()
	body := text[w.body:]
	t := &w.truth
	var offs []*int
	for i := range t.Targets {
		x := &t.Targets[i]
		x.Text = body[x.Span[0]:x.Span[1]]
		offs = append(offs, &x.Span[0], &x.Span[1])
	}
	for i := range t.Outcomes {
		x := &t.Outcomes[i]
		x.Text = body[x.Span[0]:x.Span[1]]
		offs = append(offs, &x.Span[0], &x.Span[1])
	}
	for i := range t.Goals {
		x := &t.Goals[i]
		x.Text = body[x.Span[0]:x.Span[1]]
		offs = append(offs, &x.Span[0], &x.Span[1])
	}
	for i := range t.Projects {
		x := &t.Projects[i]
		x.Text = body[x.Span[0]:x.Span[1]]
		offs = append(offs, &x.Span[0], &x.Span[1])
	}
	for i := range w.outline {
		offs = append(offs, &w.outline[i].Offset)
	}
	slices.SortFunc(offs, func(a, b *int) int { return *a - *b })
	runes, at := 0, 0
	for _, o := range offs {
		b := *o
		if b > at {
			runes += countRunes(body[at:b])
			at = b
		}
		*o = runes
	}
	if t.Targets == nil {
		t.Targets = []baogao.Target{}
	}
	if t.Outcomes == nil {
		t.Outcomes = []baogao.Outcome{}
	}
	if t.Goals == nil {
		t.Goals = []baogao.Goal{}
	}
	if t.Projects == nil {
		t.Projects = []baogao.Project{}
	}
	return &Doc{
		Document: baogao.Document{Meta: w.meta, Body: body, Outline: w.outline},
		Truth:    w.truth,
		Text:     text,
	}
}

// planName returns the five-year plan a year belongs to: 十四五 for 2021–2025.
func planName(y int) string { return "“" + planOrdinal(y) + "五”" }

// planOrdinal returns the number of the five-year plan of year y: 十四.
func planOrdinal(y int) string { return chineseNumber((y-2021+5*100)/5 - 100 + 14) }

// date returns "2023-01-03" and "2023年1月3日".
func date(y, month, day int) (iso, zh string) {
	var b []byte
	b = strconv.AppendInt(b, int64(y), 10)
	b = append(b, '-')
	if month < 10 {
		b = append(b, '0')
	}
	b = strconv.AppendInt(b, int64(month), 10)
	b = append(b, '-')
	if day < 10 {
		b = append(b, '0')
	}
	b = strconv.AppendInt(b, int64(day), 10)
	iso = string(b)
	zh = strconv.Itoa(y) + "年" + strconv.Itoa(month) + "月" + strconv.Itoa(day) + "日"
	return iso, zh
}

// countRunes counts the runes of valid UTF-8 by its leading bytes.
func countRunes(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i]&0xC0 != 0x80 {
			n++
		}
	}
	return n
}
