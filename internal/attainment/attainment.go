// Package attainment joins each target to the outcome for the same place,
// year and indicator and says whether it was met (docs/targets.md).
package attainment

import (
	"cmp"
	"math"
	"slices"

	"github.com/baogao/baogao"
)

// Status is whether a target was met: the words every export and the API use.
type Status string

// The statuses of a link.
const (
	Met    Status = "met"
	Missed Status = "missed"
	NoData Status = "no_data" // no outcome, or only a bound that does not decide
	// NoTarget is an outcome with no target to judge it by (a year with a
	// bulletin but no report): made by Unlinked only, never by LinkAll,
	// so no export or API row has it.
	NoTarget Status = "no_target"
)

// Rule is how a target is judged against its outcome.
type Rule struct {
	// AboutPoints is how far an outcome may fall short of an "about"
	// (左右) target in percentage points, for indicators measured in %,
	// and still count as met. 0 judges 左右 as a plain target.
	AboutPoints float64
	// AboutShare is the same for the other indicators (amounts, counts),
	// as a share of the target: 0.05 lets 95亿元 meet "100亿元左右".
	AboutShare float64
	// Stretch judges a target by its stretch value (力争8%) when it has
	// one, instead of its base value.
	Stretch bool
}

// The defaults of DefaultRule.
const (
	DefaultAboutPoints = 0.5
	DefaultAboutShare  = 0.05
)

// DefaultRule is the rule of docs/targets.md: 左右 spans what rounds to the
// target (7%左右 is met at 6.5% and above), the base value, not the
// stretch, is the target.
func DefaultRule() Rule {
	return Rule{AboutPoints: DefaultAboutPoints, AboutShare: DefaultAboutShare}
}

// StrictRule judges 左右 as a plain target: 7%左右 is missed at 6.9%.
func StrictRule() Rule { return Rule{} }

// Link is a target joined to its outcome: one per place, year and
// indicator that has a target.
type Link struct {
	PlaceCode string       `json:"place_code"`
	Place     string       `json:"place"`
	Level     baogao.Level `json:"level"`
	Year      int          `json:"year"`
	Indicator string       `json:"indicator"`
	Unit      string       `json:"unit"`
	// Target is the preferred target: from the place's work report, then
	// a plan, then anything else (a news item, a bulletin); the others
	// are kept, and TargetsDisagree says whether any sets another value.
	Target          baogao.TargetRecord   `json:"target"`
	OtherTargets    []baogao.TargetRecord `json:"other_targets"`
	TargetsDisagree bool                  `json:"targets_disagree"`
	// Outcome is the preferred outcome (nil: none): the statistical
	// bulletin's final figure, then its preliminary one, then one it
	// states without a vintage, then a later report's review, and an
	// estimate (预计) last; figures stated only as a bound come after
	// every figure. The others are kept, and OutcomesDisagree says
	// whether any states another value.
	Outcome          *baogao.OutcomeRecord  `json:"outcome"`
	OtherOutcomes    []baogao.OutcomeRecord `json:"other_outcomes"`
	OutcomesDisagree bool                   `json:"outcomes_disagree"`
	// OutcomeSource is the kind of the document that gave the outcome
	// (stats_bulletin, work_report …); "" when none.
	OutcomeSource baogao.Kind `json:"outcome_source"`
	Status        Status      `json:"status"`
	// Gap is how far the outcome lies beyond the value the target binds
	// at, in the indicator's unit (percentage points for %), signed so that
	// a positive gap is better than the target and a negative one worse
	// (for lower-is-better indicators and upper bounds, under the target
	// is positive). nil when the outcome is missing or only a bound.
	Gap *float64 `json:"gap"`
	// StretchMet says whether the stretch value (力争) was reached too;
	// nil when the target has none or there is no outcome value.
	StretchMet *bool `json:"stretch_met"`
}

// key is what a link joins on.
type key struct {
	place     string
	year      int
	indicator string
}

// linkable reports whether a figure of this indicator, place and year can
// be joined: figures without a place, a year or a known indicator cannot.
func linkable(indicator, place string, year *int) bool {
	if place == "" || year == nil || *year == 0 {
		return false
	}
	_, ok := baogao.IndicatorByCode(indicator)
	return ok
}

// LinkAll joins targets to outcomes, one link per place, year and
// indicator that has a target, ordered by place code, indicator (in the
// vocabulary's order) and year. Targets without a place, a year or a known
// indicator are left out, as are outcomes in another unit.
func LinkAll(targets []baogao.TargetRecord, outcomes []baogao.OutcomeRecord, r Rule) []Link {
	tby := map[key][]baogao.TargetRecord{}
	for _, t := range targets {
		if linkable(t.Target.Indicator, t.Doc.PlaceCode, t.Target.Year) {
			k := key{t.Doc.PlaceCode, *t.Target.Year, t.Target.Indicator}
			tby[k] = append(tby[k], t)
		}
	}
	oby := map[key][]baogao.OutcomeRecord{}
	for _, o := range outcomes {
		if linkable(o.Outcome.Indicator, o.Doc.PlaceCode, o.Outcome.Year) {
			k := key{o.Doc.PlaceCode, *o.Outcome.Year, o.Outcome.Indicator}
			if _, ok := tby[k]; ok {
				oby[k] = append(oby[k], o)
			}
		}
	}
	links := make([]Link, 0, len(tby))
	for k, ts := range tby {
		links = append(links, link(k, ts, oby[k], r))
	}
	sortLinks(links)
	return links
}

func indicatorOrder() map[string]int {
	m := make(map[string]int, len(baogao.Indicators))
	for i, ind := range baogao.Indicators {
		m[ind.Code] = i
	}
	return m
}

// targetRank orders the sources of targets: the work report itself
// first, then a plan, then the rest (a report known only from a news item,
// other documents, bulletins).
func targetRank(d baogao.DocRef) int {
	switch {
	case d.Kind == baogao.KindWorkReport && d.Completeness != baogao.CompletenessNews:
		return 0
	case d.Kind == baogao.KindPlan && d.Completeness != baogao.CompletenessNews:
		return 1
	}
	return 2
}

// outcomeRank orders the sources of outcomes as Link.Outcome describes.
func outcomeRank(o baogao.OutcomeRecord) int {
	v := o.Outcome.Vintage
	switch {
	case o.Outcome.Bound != "":
		return 6
	case v == baogao.VintageEstimated:
		return 5
	case o.Doc.Kind == baogao.KindStatsBulletin && o.Doc.Completeness != baogao.CompletenessNews:
		switch v {
		case baogao.VintageFinal:
			return 0
		case baogao.VintagePreliminary:
			return 1
		}
		return 2
	case v == baogao.VintageFinal:
		return 3
	}
	return 4
}

func link(k key, ts []baogao.TargetRecord, os []baogao.OutcomeRecord, r Rule) Link {
	slices.SortFunc(ts, func(a, b baogao.TargetRecord) int {
		return cmp.Or(cmp.Compare(targetRank(a.Doc), targetRank(b.Doc)), cmp.Compare(a.ID, b.ID))
	})
	t := ts[0]
	ind, _ := baogao.IndicatorByCode(k.indicator)
	l := Link{PlaceCode: k.place, Place: t.Doc.Place, Level: t.Doc.Level, Year: k.year, Indicator: k.indicator,
		Unit: t.Target.Unit, Target: t, OtherTargets: ts[1:], Status: NoData}
	for _, o := range ts[1:] {
		if !sameTarget(t.Target, o.Target) {
			l.TargetsDisagree = true
		}
	}
	// An outcome in another unit is not the same figure.
	os = slices.DeleteFunc(os, func(o baogao.OutcomeRecord) bool { return o.Outcome.Unit != t.Target.Unit })
	if len(os) == 0 {
		l.OtherOutcomes = []baogao.OutcomeRecord{}
		return l
	}
	prefer(&l, os)
	o := *l.Outcome
	l.Status, l.Gap = Judge(t.Target, ind.LowerIsBetter, o.Outcome, r)
	if s := t.Target.Stretch; s != nil {
		// The stretch value binds strictly, as the base value does when
		// that is a bound, else in the indicator's direction.
		st := t.Target
		st.Value, st.ValueHigh, st.Stretch = *s, nil, nil
		st.Qualifier = stretchQualifier(t.Target.Qualifier, ind.LowerIsBetter)
		status, gap := Judge(st, ind.LowerIsBetter, o.Outcome, StrictRule())
		if o.Outcome.Bound == "" {
			met := status == Met
			l.StretchMet = &met
		}
		if r.Stretch {
			l.Status, l.Gap = status, gap
		}
	}
	return l
}

// prefer sets l's outcome to the preferred of os (not empty), the others
// after it, and whether they disagree.
func prefer(l *Link, os []baogao.OutcomeRecord) {
	slices.SortFunc(os, func(a, b baogao.OutcomeRecord) int {
		// Among reviews, the report of the year after comes first: later
		// ones restate it.
		return cmp.Or(cmp.Compare(outcomeRank(a), outcomeRank(b)), cmp.Compare(a.Doc.Year, b.Doc.Year), cmp.Compare(a.ID, b.ID))
	})
	o := os[0]
	l.Outcome, l.OtherOutcomes, l.OutcomeSource = &o, os[1:], o.Doc.Kind
	l.OutcomesDisagree = disagree(o, os[1:])
}

// disagree reports whether any of others states another value than o
// (figures stated as bounds do not count).
func disagree(o baogao.OutcomeRecord, others []baogao.OutcomeRecord) bool {
	for _, x := range others {
		if x.Outcome.Bound == "" && o.Outcome.Bound == "" && !near(x.Outcome.Value, o.Outcome.Value) {
			return true
		}
	}
	return false
}

// Unlinked returns, for each place, year and indicator that has outcomes
// but no target among targets, the preferred outcome as LinkAll would
// choose it (the others of its unit after it), with the status NoTarget
// and no target: what a place's page shows beside its links, so that a
// year with a bulletin and no report keeps its figure. Ordered as LinkAll.
func Unlinked(targets []baogao.TargetRecord, outcomes []baogao.OutcomeRecord) []Link {
	has := map[key]bool{}
	for _, t := range targets {
		if linkable(t.Target.Indicator, t.Doc.PlaceCode, t.Target.Year) {
			has[key{t.Doc.PlaceCode, *t.Target.Year, t.Target.Indicator}] = true
		}
	}
	oby := map[key][]baogao.OutcomeRecord{}
	for _, o := range outcomes {
		if linkable(o.Outcome.Indicator, o.Doc.PlaceCode, o.Outcome.Year) {
			if k := (key{o.Doc.PlaceCode, *o.Outcome.Year, o.Outcome.Indicator}); !has[k] {
				oby[k] = append(oby[k], o)
			}
		}
	}
	out := make([]Link, 0, len(oby))
	for k, os := range oby {
		l := Link{PlaceCode: k.place, Place: os[0].Doc.Place, Level: os[0].Doc.Level, Year: k.year, Indicator: k.indicator, Status: NoTarget}
		prefer(&l, os)
		// Figures in another unit than the preferred one's are not the
		// same figure.
		l.Unit = l.Outcome.Outcome.Unit
		l.OtherOutcomes = slices.DeleteFunc(l.OtherOutcomes, func(o baogao.OutcomeRecord) bool { return o.Outcome.Unit != l.Unit })
		l.OutcomesDisagree = disagree(*l.Outcome, l.OtherOutcomes)
		out = append(out, l)
	}
	sortLinks(out)
	return out
}

// Series is LinkAll's links and Unlinked's outcomes together, in LinkAll's
// order: a place's figures over the years, with a target or without.
func Series(targets []baogao.TargetRecord, outcomes []baogao.OutcomeRecord, r Rule) []Link {
	out := append(LinkAll(targets, outcomes, r), Unlinked(targets, outcomes)...)
	sortLinks(out)
	return out
}

// sortLinks orders links by place code, indicator (in the vocabulary's
// order) and year.
func sortLinks(links []Link) {
	order := indicatorOrder()
	slices.SortFunc(links, func(a, b Link) int {
		return cmp.Or(cmp.Compare(a.PlaceCode, b.PlaceCode), cmp.Compare(order[a.Indicator], order[b.Indicator]),
			cmp.Compare(a.Year, b.Year))
	})
}

// stretchQualifier is the qualifier a stretch value binds with.
func stretchQualifier(q baogao.Qualifier, lowerIsBetter bool) baogao.Qualifier {
	if q == baogao.QualAtLeast || q == baogao.QualAtMost {
		return q
	}
	if lowerIsBetter {
		return baogao.QualAtMost
	}
	return baogao.QualAtLeast
}

// near reports whether two stated values are the same figure.
func near(a, b float64) bool {
	return math.Abs(a-b) <= 1e-9*math.Max(1, math.Max(math.Abs(a), math.Abs(b)))
}

func sameTarget(a, b baogao.Target) bool {
	eq := func(x, y *float64) bool { return (x == nil) == (y == nil) && (x == nil || near(*x, *y)) }
	return a.Qualifier == b.Qualifier && near(a.Value, b.Value) && eq(a.ValueHigh, b.ValueHigh)
}

// Judge says whether the outcome o meets the target t, and by how much
// (Link.Gap), under r. The qualifier says which side of the value is
// acceptable: at_least (以上) above it, at_most (以内) below it, and for a
// plain or about target the indicator's direction decides
// (lowerIsBetter: prices, unemployment, energy intensity); a range is met
// at or beyond its nearer end in that direction. About (左右) targets allow
// r's tolerance. An outcome stated only as a bound (突破…) decides when the
// bound lies wholly on one side, without a gap, else gives NoData.
func Judge(t baogao.Target, lowerIsBetter bool, o baogao.Outcome, r Rule) (Status, *float64) {
	// The target binds at value v from below (up: an outcome ≥ v is met) or
	// from above.
	v, up := t.Value, !lowerIsBetter
	switch t.Qualifier {
	case baogao.QualAtLeast:
		up = true
	case baogao.QualAtMost:
		up = false
	case baogao.QualRange:
		if !up && t.ValueHigh != nil {
			v = *t.ValueHigh
		}
	}
	tol := 0.0
	if t.Qualifier == baogao.QualAbout {
		if t.Unit == "%" {
			tol = r.AboutPoints
		} else {
			tol = r.AboutShare * math.Abs(v)
		}
	}
	// A little slack for figures read from text (6.1 − 6.6 + 0.5 is not 0).
	const eps = 1e-9
	if o.Bound != "" {
		// Only that the outcome lies above (at_least) or below the bound.
		b := o.Value
		switch {
		case up && o.Bound == "at_least" && b >= v-tol-eps:
			return Met, nil
		case !up && o.Bound == "at_most" && b <= v+tol+eps:
			return Met, nil
		case up && o.Bound == "at_most" && b < v-tol-eps:
			return Missed, nil
		case !up && o.Bound == "at_least" && b > v+tol+eps:
			return Missed, nil
		}
		return NoData, nil
	}
	gap := o.Value - v
	if !up {
		gap = -gap
	}
	gap = math.Round(gap*1e6) / 1e6 // no 0.30000000000000004 pp in exports
	if gap >= -tol-eps {
		return Met, &gap
	}
	return Missed, &gap
}
