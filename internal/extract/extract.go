// Package extract reads targets, outcomes, goals and projects from the clean
// text of a government work report, statistical bulletin or plan.
//
// Reports state their figures in a small number of ways ("地区生产总值增长7%左右",
// "城乡居民人均可支配收入分别增长7.5%、8%", "实现地区生产总值478亿元,增长6.8%"),
// so the extractor is a set of readable rules rather than a model: a
// vocabulary of the phrases that name each indicator, a reader of figures,
// one document year (DocumentYear, which the recogniser uses too), and a
// judge that tells targets from outcomes by an ordered table of named rules
// (roles.go) over the document's sections, the years it names and the
// words around each figure. Flattened tables are read on their own, and the
// title as well as the body: a figure only the title states has the empty
// span [0, 0].
package extract

import (
	"sort"
	"strconv"
	"strings"

	baogao "github.com/baogao/baogao"
)

// Extract reads targets, outcomes, goals and projects from a clean, simplified body.
func Extract(body string, meta baogao.Meta) baogao.Extraction {
	ex := baogao.Extraction{
		Targets:  []baogao.Target{},
		Outcomes: []baogao.Outcome{},
		Goals:    []baogao.Goal{},
		Projects: []baogao.Project{},
	}
	t := newText(body)
	year := DocumentYear(YearInput{Kind: meta.Kind, Level: meta.Level, Title: meta.Title, Body: body, Given: meta.Year})
	industry, para := "", -1
	var headline []bool               // whether each target was read from a heading-like paragraph
	headingPara, heading := -1, false // the paragraph of the last target, and whether it is heading-like
	walk(t, meta, year, visitor{
		figure: func(s sentence, f figure, d decision, j *judge) {
			switch d.role {
			case roleTarget:
				if tg, ok := makeTarget(t, f, d.year); ok {
					ex.Targets = append(ex.Targets, tg)
					if s.para != headingPara { // once a paragraph: one may hold thousands of figures
						pa, pb := paragraphBounds(t.r, s.start)
						headingPara, heading = s.para, isHeading(t.r, pa, pb)
					}
					headline = append(headline, heading)
				}
			case roleOutcome:
				if o, ok := makeOutcome(t, f, d.year, s); ok {
					ex.Outcomes = append(ex.Outcomes, o)
				}
			case roleGoal:
				if g, ok := goalOf(t, f, orYear(d.year, periodEnd(string(t.r[s.start:s.end]), j.year))); ok {
					ex.Goals = append(ex.Goals, g)
				}
			}
		},
		sentence: func(s sentence, j *judge) {
			if s.para != para {
				para, industry = s.para, ""
			}
			sv := string(t.r[s.start:s.end])
			if name := industryName(sv); name != "" {
				industry = name
				return
			}
			if strings.Contains(sv, "项目") {
				ex.Projects = append(ex.Projects, readProjects(t, s.start, s.end)...)
			}
			if strings.Contains(sv, "产业") {
				switch d := j.decide(s.start, s.end, nil); d.role {
				case roleTarget, roleGoal:
					ex.Goals = append(ex.Goals, readGoals(t, s.start, s.end, industry, d.year)...)
				}
			}
		},
	})
	tt, to := readTables(t, year.Year, meta.Kind)
	ex.Targets = append(ex.Targets, tt...)
	headline = append(headline, make([]bool, len(tt))...)
	ex.Outcomes = append(ex.Outcomes, to...)
	ex.Targets = dropRestatements(ex.Targets, headline)
	readHeadline(&ex, meta)
	ex.Targets = dedupeTargets(ex.Targets)
	ex.Outcomes = dedupeOutcomes(ex.Outcomes)
	sort.SliceStable(ex.Targets, func(a, b int) bool { return ex.Targets[a].Span[0] < ex.Targets[b].Span[0] })
	sort.SliceStable(ex.Outcomes, func(a, b int) bool { return ex.Outcomes[a].Span[0] < ex.Outcomes[b].Span[0] })
	sort.SliceStable(ex.Goals, func(a, b int) bool { return ex.Goals[a].Span[0] < ex.Goals[b].Span[0] })
	sort.SliceStable(ex.Projects, func(a, b int) bool { return ex.Projects[a].Span[0] < ex.Projects[b].Span[0] })
	return ex
}

// visitor receives what walk reads: every figure with its role and year,
// and every sentence once its figures are read. Either may be nil.
type visitor struct {
	figure   func(s sentence, f figure, d decision, j *judge)
	sentence func(s sentence, j *judge)
}

// walk reads the document sentence by sentence. The judge keeps what the
// document has told so far: the section, the year of the paragraph,
// whether the year's targets have been opened.
func walk(t *text, meta baogao.Meta, year DocYear, v visitor) {
	j := &judge{r: t.r, year: year.Year, reviewYear: year.Reviewed, kind: meta.Kind}
	j.ownYear = meta.Kind == baogao.KindStatsBulletin || meta.Kind == baogao.KindOther && !relaysReport(t.r)
	para, pa, pb := -1, 0, 0
	var carry *group
	for _, s := range t.sentences() {
		if s.para != para {
			para = s.para
			carry = nil
			pa, pb = paragraphBounds(t.r, s.start)
			j.startParagraph(pa, pb)
		}
		sv := string(t.r[s.start:s.end])
		// the paragraph of the year's targets opens the plan part; a
		// headline that names a target does not
		if opensTargets(sv, j.year) && j.sec != secLong && pb-pa >= minTargetsParagraph {
			j.inPlan = true
		}
		var figs []figure
		figs, carry = readSentence(t.r, s.start, s.end, carry)
		for _, f := range figs {
			// judge each figure by the sentence up to its own clause, so
			// that "在去年GDP预计完成4285亿元的基础上,今年预期目标…" tells
			// last year's outcome from this year's target
			end := clauseEnd(t.r, f.end, s.end)
			d := j.decide(max(s.start, min(f.start, end-maxCueRunes)), end, &f)
			if v.figure != nil {
				v.figure(s, f, d, j)
			}
		}
		if v.sentence != nil {
			v.sentence(s, j)
		}
		j.endSentence(s.start, s.end)
	}
}

// maxCueRunes bounds the part of a sentence a figure is judged by (its
// cues are read up to its own clause): more than the longest sentence of
// the corpus (638 characters), so that it changes nothing in prose, and
// a "sentence" of megabytes — a text without full stops — costs its
// figures this much each, not its whole length each. The window never
// starts after the figure's own statement.
const maxCueRunes = 1200

// endOfPeriod reports whether a figure in the review of a five-year period
// states a level reached at its end (地区生产总值达到1.5万亿元, 城镇化率提高到
// 65%) rather than a growth or a count summed over the period.
func endOfPeriod(f figure, before string) bool {
	held := heldOver(f.prefix) || heldOver(clauseOf(before))
	switch f.indicator {
	case "gdp", "budget_revenue", "urbanization_rate", "rd_intensity", "unemployment_rate", "registered_unemployment_rate", baogao.IndicatorOther:
		// levels of one year: reached at the end, unless held over the
		// years ("稳定在", "连续")
		return !held
	case "fdi", "grain_output":
		// flows a period sums ("实际使用外资263亿美元"): only a level reached
		return hasAny(f.prefix, "达", "到", "至") && !held
	}
	return false
}

// heldOver reports whether s says a level was held over the years
// ("稳定在", "连续…") rather than reached at the end ("连续迈上4个万亿元台阶、达14.2万亿元").
func heldOver(s string) bool {
	i := -1
	for _, w := range []string{"稳定", "保持", "连续"} {
		if k := strings.LastIndex(s, w); k > i {
			i = k
		}
	}
	return i >= 0 && !hasAny(s[i:], "达", "到", "至")
}

// clauseOf returns the last clause of s.
func clauseOf(s string) string {
	if i := strings.LastIndexAny(s, ",;:"); i >= 0 {
		return s[i+1:]
	}
	return s
}

// clauseEnd returns the end of the clause holding compact offset i.
func clauseEnd(r []rune, i, end int) int {
	for i < end && !isClauseBreak(r[i]) {
		i++
	}
	return i
}

// paragraphBounds returns the paragraph around compact offset i.
func paragraphBounds(r []rune, i int) (int, int) {
	a := i
	for a > 0 && r[a-1] != '\n' {
		a--
	}
	b := i
	for b < len(r) && r[b] != '\n' {
		b++
	}
	return a, b
}

// relaysReport reports whether a document that is not itself a report
// relays one (its figures of achievement are of the year before) rather
// than a bulletin or yearbook (its figures are of its own year).
func relaysReport(r []rune) bool {
	return hasAny(string(r), "工作报告", "政府工作", "两会", "人民代表大会", "人代会", "经济工作会议")
}

// forceLookBack is how far before a target's statement 力争, 确保 or 争取
// is looked for, in runes.
const forceLookBack = 6

func makeTarget(t *text, f figure, year int) (baogao.Target, bool) {
	if f.periodic || f.withAverage {
		return baogao.Target{}, false
	}
	text, span := t.quote(f.start, f.end)
	words := f.words
	for _, w := range []string{"力争", "确保", "争取"} {
		if strings.Contains(string(t.r[max(0, f.start-forceLookBack):f.start]), w) {
			words = appendWord(words, w)
		}
	}
	if words == nil {
		words = []string{}
	}
	return baogao.Target{
		Indicator: f.indicator,
		Label:     f.label,
		Value:     f.value,
		ValueHigh: f.high,
		Stretch:   f.stretch,
		Unit:      f.unit,
		Qualifier: f.qual,
		Words:     words,
		Year:      yearPtr(year),
		Text:      text,
		Span:      span,
	}, true
}

// yearPtr returns nil for an unknown year (0).
func yearPtr(y int) *int {
	if y == 0 {
		return nil
	}
	return &y
}

func makeOutcome(t *text, f figure, year int, s sentence) (baogao.Outcome, bool) {
	if f.periodic {
		return baogao.Outcome{}, false
	}
	text, span := t.quote(f.start, f.end)
	o := baogao.Outcome{
		Indicator: f.indicator,
		Label:     f.label,
		Value:     f.value,
		Unit:      f.unit,
		Text:      text,
		Span:      span,
	}
	if year > 0 {
		y := year
		o.Year = &y
	}
	switch f.qual {
	case baogao.QualAtLeast, baogao.QualAtMost:
		o.Bound = string(f.qual)
	}
	ctx := string(t.r[s.start:f.end])
	switch {
	case strings.Contains(ctx, "初步核算"):
		o.Vintage = baogao.VintagePreliminary
	case strings.Contains(ctx, "最终核实"):
		o.Vintage = baogao.VintageFinal
	case strings.Contains(ctx, "预计"):
		o.Vintage = baogao.VintageEstimated
	}
	// the basis is stated within the figure's own statement
	own := string(t.r[f.start:f.end])
	for _, b := range []string{"按可比价格计算", "按可比价计算", "按不变价格计算", "同口径", "可比口径"} {
		if strings.Contains(own, b) {
			o.Basis = b
			break
		}
	}
	// "剔除留抵退税因素后,一般公共预算收入增长6.4%": in the clause before
	// the statement, or in it
	before := string(t.r[s.start:f.start])
	if k := strings.LastIndexAny(strings.TrimRight(before, ",;:"), ",;:"); k >= 0 {
		before = before[k+1:]
	}
	if ctx := before + own; strings.Contains(ctx, "剔除") {
		rest := ctx[strings.LastIndex(ctx, "剔除"):]
		if k := strings.Index(rest, "因素"); k >= 0 && k < 40 {
			o.Basis = rest[:k+len("因素")]
		}
	}
	return o, true
}

// dropRestatements drops a target read from a headline in the body when
// the body states the same figure with a qualifier the headline left out
// ("GDP目标6.5%" above "地区生产总值增长6.5%左右").
func dropRestatements(ts []baogao.Target, headline []bool) []baogao.Target {
	out := make([]baogao.Target, 0, len(ts))
	for i, t := range ts {
		if headline[i] && t.Qualifier == baogao.QualExact && restated(ts, i) {
			continue
		}
		out = append(out, t)
	}
	return out
}

// restated reports whether another target of ts states ts[i]'s figure.
func restated(ts []baogao.Target, i int) bool {
	for k, u := range ts {
		if k != i && u.Indicator == ts[i].Indicator && u.Value == ts[i].Value && u.Unit == ts[i].Unit {
			return true
		}
	}
	return false
}

// readHeadline reads the figures of the title, which is not part of the
// body: those the body does not state are added with an empty span [0, 0]
// and the title's words as their text; those it states are restatements.
func readHeadline(ex *baogao.Extraction, meta baogao.Meta) {
	if meta.Title == "" || !strings.ContainsAny(meta.Title, "0123456789０１２３４５６７８９") {
		return
	}
	title := meta.Title
	h := Extract(title, baogao.Meta{Kind: meta.Kind, Year: meta.Year, Level: meta.Level})
	stated := func(ind string, v float64) bool {
		for _, x := range ex.Targets {
			if x.Indicator == ind && x.Value == v {
				return true
			}
		}
		for _, x := range ex.Outcomes {
			if x.Indicator == ind && x.Value == v {
				return true
			}
		}
		return false
	}
	for _, x := range h.Targets {
		if x.Indicator != baogao.IndicatorOther && !stated(x.Indicator, x.Value) {
			x.Span = baogao.Span{}
			ex.Targets = append(ex.Targets, x)
		}
	}
	for _, x := range h.Outcomes {
		if x.Indicator != baogao.IndicatorOther && !stated(x.Indicator, x.Value) {
			x.Span = baogao.Span{}
			ex.Outcomes = append(ex.Outcomes, x)
		}
	}
}

func dedupeTargets(ts []baogao.Target) []baogao.Target {
	seen := map[string]bool{}
	out := ts[:0]
	for _, t := range ts {
		k := t.Indicator + "|" + ftoa(t.Value) + "|" + string(t.Qualifier) + "|" + t.Unit
		if t.ValueHigh != nil {
			k += "|" + ftoa(*t.ValueHigh)
		}
		if t.Indicator != baogao.IndicatorOther && seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, t)
	}
	return out
}

func dedupeOutcomes(os []baogao.Outcome) []baogao.Outcome {
	seen := map[string]bool{}
	out := os[:0]
	for _, o := range os {
		k := o.Indicator + "|" + ftoa(o.Value) + "|" + o.Unit + "|" + o.Bound
		if o.Year != nil {
			k += "|" + itoa(*o.Year)
		}
		if o.Indicator != baogao.IndicatorOther && seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, o)
	}
	return out
}

func ftoa(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
