package attainment

import (
	"encoding/json"
	"fmt"
	"slices"
	"testing"

	"github.com/baogao/baogao"
)

func f64(v float64) *float64 { return &v }
func year(y int) *int        { return &y }

// doc returns a document of the kind for 金乡县 in the year; id sets its id.
func doc(id int64, kind baogao.Kind, y int) baogao.DocRef {
	return baogao.DocRef{ID: id, Kind: kind, PlaceCode: "370828", Place: "山东省济宁市金乡县", Level: baogao.LevelCounty, Year: y,
		Completeness: baogao.CompletenessFull}
}

func target(id int64, d baogao.DocRef, ind string, v float64, q baogao.Qualifier) baogao.TargetRecord {
	unit := "%"
	if i, ok := baogao.IndicatorByCode(ind); ok {
		unit = i.Unit
	}
	return baogao.TargetRecord{ID: id, Doc: d, Target: baogao.Target{Indicator: ind, Value: v, Unit: unit, Qualifier: q, Year: year(2023)}}
}

func outcome(id int64, d baogao.DocRef, ind string, v float64, vin baogao.Vintage) baogao.OutcomeRecord {
	unit := "%"
	if i, ok := baogao.IndicatorByCode(ind); ok {
		unit = i.Unit
	}
	return baogao.OutcomeRecord{ID: id, Doc: d, Outcome: baogao.Outcome{Indicator: ind, Value: v, Unit: unit, Year: year(2023), Vintage: vin}}
}

var (
	report   = doc(1, baogao.KindWorkReport, 2023)
	bulletin = doc(2, baogao.KindStatsBulletin, 2023)
	review   = doc(3, baogao.KindWorkReport, 2024) // next year's report
)

// TestJudge: each qualifier in each direction, met, missed and on the line,
// with the gap signed so that positive is better.
func TestJudge(t *testing.T) {
	rng := func(lo, hi float64) baogao.Target {
		return baogao.Target{Indicator: "gdp_growth", Value: lo, ValueHigh: f64(hi), Unit: "%", Qualifier: baogao.QualRange}
	}
	tg := func(ind string, v float64, q baogao.Qualifier) baogao.Target {
		i, _ := baogao.IndicatorByCode(ind)
		return baogao.Target{Indicator: ind, Value: v, Unit: i.Unit, Qualifier: q}
	}
	cases := []struct {
		name   string
		t      baogao.Target
		o      float64
		bound  string
		rule   Rule
		status Status
		gap    *float64
	}{
		{"exact met above", tg("gdp_growth", 7, baogao.QualExact), 7.2, "", DefaultRule(), Met, f64(0.2)},
		{"exact met on the line", tg("gdp_growth", 7, baogao.QualExact), 7, "", DefaultRule(), Met, f64(0)},
		{"exact missed", tg("gdp_growth", 7, baogao.QualExact), 6.9, "", DefaultRule(), Missed, f64(-0.1)},
		{"about met within tolerance", tg("gdp_growth", 7, baogao.QualAbout), 6.9, "", DefaultRule(), Met, f64(-0.1)},
		{"about met at the edge", tg("gdp_growth", 7, baogao.QualAbout), 6.5, "", DefaultRule(), Met, f64(-0.5)},
		{"about missed beyond tolerance", tg("gdp_growth", 7, baogao.QualAbout), 6.4, "", DefaultRule(), Missed, f64(-0.6)},
		{"about, strict rule", tg("gdp_growth", 7, baogao.QualAbout), 6.9, "", StrictRule(), Missed, f64(-0.1)},
		{"about, wider tolerance", tg("gdp_growth", 7, baogao.QualAbout), 6, "", Rule{AboutPoints: 1}, Met, f64(-1)},
		{"about amount, share", tg("gdp", 1000, baogao.QualAbout), 960, "", DefaultRule(), Met, f64(-40)},
		{"about amount, beyond share", tg("gdp", 1000, baogao.QualAbout), 940, "", DefaultRule(), Missed, f64(-60)},
		{"at_least met", tg("fai_growth", 10, baogao.QualAtLeast), 10.5, "", DefaultRule(), Met, f64(0.5)},
		{"at_least missed, no tolerance", tg("fai_growth", 10, baogao.QualAtLeast), 9.9, "", DefaultRule(), Missed, f64(-0.1)},
		{"at_most met (lower is better)", tg("cpi", 3, baogao.QualAtMost), 2.1, "", DefaultRule(), Met, f64(0.9)},
		{"at_most missed (lower is better)", tg("cpi", 3, baogao.QualAtMost), 3.2, "", DefaultRule(), Missed, f64(-0.2)},
		{"lower is better, plain target", tg("unemployment_rate", 5.5, baogao.QualExact), 5.2, "", DefaultRule(), Met, f64(0.3)},
		{"lower is better, about, missed", tg("unemployment_rate", 5.5, baogao.QualAbout), 6.1, "", DefaultRule(), Missed, f64(-0.6)},
		{"lower is better, about, met", tg("cpi", 3, baogao.QualAbout), 3.4, "", DefaultRule(), Met, f64(-0.4)},
		{"decline as at_most met", tg("energy_intensity_growth", -3, baogao.QualAtMost), -3.5, "", DefaultRule(), Met, f64(0.5)},
		{"decline as at_most missed", tg("energy_intensity_growth", -3, baogao.QualAtMost), -2.1, "", DefaultRule(), Missed, f64(-0.9)},
		{"at_least on a lower-is-better indicator binds from below", tg("cpi", 1, baogao.QualAtLeast), 0.5, "", DefaultRule(), Missed, f64(-0.5)},
		{"range met inside", rng(6, 6.5), 6.1, "", DefaultRule(), Met, f64(0.1)},
		{"range met above", rng(6, 6.5), 7, "", DefaultRule(), Met, f64(1)},
		{"range missed below", rng(6, 6.5), 5.9, "", DefaultRule(), Missed, f64(-0.1)},
		{"range, lower is better, by its upper end", baogao.Target{Indicator: "cpi", Value: 2, ValueHigh: f64(3), Unit: "%", Qualifier: baogao.QualRange}, 3.1, "", DefaultRule(), Missed, f64(-0.1)},
		{"bound above the target: met", tg("gdp", 5000, baogao.QualExact), 5000, "at_least", DefaultRule(), Met, nil},
		{"bound below the target: undecided", tg("gdp", 5000, baogao.QualExact), 4000, "at_least", DefaultRule(), NoData, nil},
		{"upper bound below the target: missed", tg("gdp_growth", 7, baogao.QualExact), 6, "at_most", DefaultRule(), Missed, nil},
	}
	for _, c := range cases {
		i, _ := baogao.IndicatorByCode(c.t.Indicator)
		status, gap := Judge(c.t, i.LowerIsBetter, baogao.Outcome{Value: c.o, Bound: c.bound, Unit: c.t.Unit}, c.rule)
		if status != c.status || (gap == nil) != (c.gap == nil) || (gap != nil && *gap != *c.gap) {
			t.Errorf("%s: %s gap %v, want %s gap %v", c.name, status, deref(gap), c.status, deref(c.gap))
		}
	}
}

func deref(p *float64) any {
	if p == nil {
		return nil
	}
	return *p
}

func one(t *testing.T, links []Link) Link {
	t.Helper()
	if len(links) != 1 {
		t.Fatalf("%d links, want 1: %+v", len(links), links)
	}
	return links[0]
}

// TestTwoTargetsDisagree: the work report's target wins over a plan's and
// a news item's, which are kept, and the disagreement is shown.
func TestTwoTargetsDisagree(t *testing.T) {
	news := doc(5, baogao.KindWorkReport, 2023)
	news.Completeness = baogao.CompletenessNews
	plan := doc(6, baogao.KindPlan, 2021)
	ts := []baogao.TargetRecord{
		target(10, news, "gdp_growth", 8, baogao.QualExact),
		target(11, plan, "gdp_growth", 6.5, baogao.QualAbout),
		target(12, report, "gdp_growth", 7, baogao.QualAbout),
	}
	l := one(t, LinkAll(ts, []baogao.OutcomeRecord{outcome(20, bulletin, "gdp_growth", 6.8, baogao.VintageFinal)}, DefaultRule()))
	if l.Target.ID != 12 || !l.TargetsDisagree || len(l.OtherTargets) != 2 || l.OtherTargets[0].ID != 11 || l.OtherTargets[1].ID != 10 {
		t.Errorf("target %d, others %+v, disagree %v", l.Target.ID, l.OtherTargets, l.TargetsDisagree)
	}
	if l.Status != Met || *l.Gap != -0.2 {
		t.Errorf("status %s gap %v", l.Status, deref(l.Gap))
	}
	// Without the report the plan's target is preferred; two sources
	// saying the same thing do not disagree.
	l = one(t, LinkAll([]baogao.TargetRecord{ts[0], ts[1], target(13, plan, "gdp_growth", 6.5, baogao.QualAbout)}, nil, DefaultRule()))
	if l.Target.ID != 11 || !l.TargetsDisagree {
		t.Errorf("without the report: target %d, disagree %v", l.Target.ID, l.TargetsDisagree)
	}
	l = one(t, LinkAll([]baogao.TargetRecord{ts[2], target(14, review, "gdp_growth", 7, baogao.QualAbout)}, nil, DefaultRule()))
	if l.TargetsDisagree {
		t.Error("the same target twice disagrees")
	}
}

// TestOutcomePreference: the bulletin's final figure beats its preliminary
// one, which beats next year's review, which beats an estimate; the others
// are kept and the disagreement flagged.
func TestOutcomePreference(t *testing.T) {
	ts := []baogao.TargetRecord{target(1, report, "gdp_growth", 7, baogao.QualExact)}
	estimate := outcome(30, doc(4, baogao.KindWorkReport, 2024), "gdp_growth", 7.1, baogao.VintageEstimated)
	reviewed := outcome(31, review, "gdp_growth", 6.9, "")
	prelim := outcome(32, bulletin, "gdp_growth", 6.8, baogao.VintagePreliminary)
	final := outcome(33, doc(7, baogao.KindStatsBulletin, 2023), "gdp_growth", 7.0, baogao.VintageFinal)
	cases := []struct {
		name     string
		os       []baogao.OutcomeRecord
		want     int64
		source   baogao.Kind
		status   Status
		disagree bool
	}{
		{"estimate alone", []baogao.OutcomeRecord{estimate}, 30, baogao.KindWorkReport, Met, false},
		{"review over estimate", []baogao.OutcomeRecord{estimate, reviewed}, 31, baogao.KindWorkReport, Missed, true},
		{"bulletin over review", []baogao.OutcomeRecord{estimate, reviewed, prelim}, 32, baogao.KindStatsBulletin, Missed, true},
		{"final over preliminary", []baogao.OutcomeRecord{prelim, estimate, final, reviewed}, 33, baogao.KindStatsBulletin, Met, true},
	}
	for _, c := range cases {
		l := one(t, LinkAll(ts, c.os, DefaultRule()))
		if l.Outcome == nil || l.Outcome.ID != c.want || l.OutcomeSource != c.source || l.Status != c.status ||
			l.OutcomesDisagree != c.disagree || len(l.OtherOutcomes) != len(c.os)-1 {
			t.Errorf("%s: outcome %+v from %s, %s, disagree %v, %d others", c.name, l.Outcome, l.OutcomeSource, l.Status,
				l.OutcomesDisagree, len(l.OtherOutcomes))
		}
	}
}

// TestMissingOutcome: no outcome, an outcome of another year, place or
// indicator, or in another unit: no_data.
func TestMissingOutcome(t *testing.T) {
	ts := []baogao.TargetRecord{target(1, report, "gdp_growth", 7, baogao.QualAbout)}
	other := doc(8, baogao.KindStatsBulletin, 2023)
	other.PlaceCode = "370800"
	lastYear := outcome(41, bulletin, "gdp_growth", 7, baogao.VintageFinal)
	lastYear.Outcome.Year = year(2022)
	wrongUnit := outcome(43, bulletin, "gdp_growth", 7, baogao.VintageFinal)
	wrongUnit.Outcome.Unit = "亿元"
	os := []baogao.OutcomeRecord{outcome(40, other, "gdp_growth", 7, baogao.VintageFinal), lastYear,
		outcome(42, bulletin, "cpi", 2, baogao.VintageFinal), wrongUnit}
	l := one(t, LinkAll(ts, os, DefaultRule()))
	if l.Status != NoData || l.Outcome != nil || l.Gap != nil || l.OutcomeSource != "" || len(l.OtherOutcomes) != 0 {
		t.Errorf("link = %+v", l)
	}
	js, _ := json.Marshal(l)
	var m map[string]any
	json.Unmarshal(js, &m)
	if m["status"] != "no_data" || m["place_code"] != "370828" || m["year"] != 2023.0 || m["indicator"] != "gdp_growth" {
		t.Errorf("JSON = %s", js)
	}
}

// TestUnlinked: the outcomes of place-years-indicators without a target
// are kept, each the preferred one with the others of its unit, status
// no_target and no target; those with a target are LinkAll's alone.
func TestUnlinked(t *testing.T) {
	ts := []baogao.TargetRecord{target(1, report, "gdp_growth", 7, baogao.QualAbout)}
	prefecture := doc(8, baogao.KindStatsBulletin, 2023)
	prefecture.PlaceCode = "370800"
	lastYear := outcome(41, bulletin, "gdp_growth", 6.1, baogao.VintageFinal)
	lastYear.Outcome.Year = year(2022)
	wrongUnit := outcome(43, bulletin, "gdp_growth", 7, baogao.VintageFinal)
	wrongUnit.Outcome.Unit = "亿元" // of a place-year with a target: LinkAll's
	estimate := outcome(44, doc(9, baogao.KindWorkReport, 2024), "cpi", 2.4, baogao.VintageEstimated)
	cpiYuan := outcome(45, bulletin, "cpi", 102, baogao.VintageFinal)
	cpiYuan.Outcome.Unit = "点"
	os := []baogao.OutcomeRecord{outcome(40, prefecture, "gdp_growth", 6.5, baogao.VintageFinal), lastYear,
		estimate, outcome(42, bulletin, "cpi", 2, baogao.VintageFinal), cpiYuan, wrongUnit,
		outcome(46, bulletin, "gdp_growth", 7.2, baogao.VintageFinal)}
	got := Unlinked(ts, os)
	var keys []string
	for _, l := range got {
		keys = append(keys, fmt.Sprintf("%s %d %s %g", l.PlaceCode, l.Year, l.Indicator, l.Outcome.Outcome.Value))
		if l.Status != NoTarget || l.Target.ID != 0 || l.Gap != nil || l.OutcomeSource != l.Outcome.Doc.Kind {
			t.Errorf("%s: %+v", keys[len(keys)-1], l)
		}
	}
	want := []string{"370800 2023 gdp_growth 6.5", "370828 2022 gdp_growth 6.1", "370828 2023 cpi 2"}
	if !slices.Equal(keys, want) {
		t.Fatalf("unlinked = %q, want %q", keys, want)
	}
	cpi := got[2]
	if cpi.Unit != "%" || len(cpi.OtherOutcomes) != 1 || cpi.OtherOutcomes[0].ID != 44 || !cpi.OutcomesDisagree || cpi.OutcomeSource != baogao.KindStatsBulletin {
		t.Errorf("cpi: unit %q, others %+v, disagree %v, source %s", cpi.Unit, cpi.OtherOutcomes, cpi.OutcomesDisagree, cpi.OutcomeSource)
	}
	if l := one(t, LinkAll(ts, os, DefaultRule())); l.Outcome == nil || l.Outcome.ID != 46 || l.Status != Met {
		t.Errorf("the target's link: %+v", l)
	}
}

// TestStretch: a stretch value is reported, and judges the target only
// when the rule says so.
func TestStretch(t *testing.T) {
	tr := target(1, report, "gdp_growth", 7, baogao.QualAbout)
	tr.Target.Stretch = f64(8)
	os := []baogao.OutcomeRecord{outcome(2, bulletin, "gdp_growth", 7.5, baogao.VintageFinal)}
	l := one(t, LinkAll([]baogao.TargetRecord{tr}, os, DefaultRule()))
	if l.Status != Met || *l.Gap != 0.5 || l.StretchMet == nil || *l.StretchMet {
		t.Errorf("base: %s gap %v stretch met %v", l.Status, deref(l.Gap), l.StretchMet)
	}
	r := DefaultRule()
	r.Stretch = true
	l = one(t, LinkAll([]baogao.TargetRecord{tr}, os, r))
	if l.Status != Missed || *l.Gap != -0.5 {
		t.Errorf("by stretch: %s gap %v", l.Status, deref(l.Gap))
	}
	// The stretch of a lower-is-better target binds from above.
	cpi := target(3, report, "cpi", 3, baogao.QualAbout)
	cpi.Target.Stretch = f64(2.5)
	l = one(t, LinkAll([]baogao.TargetRecord{cpi}, []baogao.OutcomeRecord{outcome(4, bulletin, "cpi", 2.4, baogao.VintageFinal)}, r))
	if l.Status != Met || *l.Gap != 0.1 || !*l.StretchMet {
		t.Errorf("cpi by stretch: %s gap %v", l.Status, deref(l.Gap))
	}
}

// TestUnlinkable: targets without a year, a place or a known indicator
// make no link; links are ordered by place, indicator, year.
func TestUnlinkable(t *testing.T) {
	noYear := target(1, report, "gdp_growth", 7, baogao.QualAbout)
	noYear.Target.Year = nil
	noPlace := target(2, report, "gdp_growth", 7, baogao.QualAbout)
	noPlace.Doc.PlaceCode = ""
	other := target(3, report, baogao.IndicatorOther, 7, baogao.QualAbout)
	y24 := target(4, review, "gdp_growth", 6, baogao.QualAbout)
	y24.Target.Year = year(2024)
	cpi := target(5, report, "cpi", 3, baogao.QualAbout)
	city := target(6, doc(9, baogao.KindWorkReport, 2023), "cpi", 3, baogao.QualAbout)
	city.Doc.PlaceCode = "370800"
	links := LinkAll([]baogao.TargetRecord{noYear, noPlace, other, y24, cpi, city, target(7, report, "gdp_growth", 7, baogao.QualAbout)}, nil, DefaultRule())
	var got []int64
	for _, l := range links {
		got = append(got, l.Target.ID)
	}
	if len(got) != 4 || got[0] != 6 || got[1] != 7 || got[2] != 4 || got[3] != 5 {
		t.Errorf("links' targets = %v, want [6 7 4 5]", got)
	}
}
