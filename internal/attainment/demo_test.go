package attainment_test

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/baogao/baogao"
	"github.com/baogao/baogao/internal/attainment"
	"github.com/baogao/baogao/internal/demo"
	"github.com/baogao/baogao/internal/ingest"
	"github.com/baogao/baogao/internal/place"
	"github.com/baogao/baogao/internal/sqlite"
)

// TestDemoTruth: a demo archive goes into a store through the extractor
// (its targets and outcomes read from the generated prose); the links
// computed from the store's rows agree exactly — status, gap, the target
// and outcome chosen — with the links computed from the generator's truth
// (the figures it planted), under the default and the strict rule. The
// archive has outcomes for most targets' years, from bulletins and from
// the next year's reports.
func TestDemoTruth(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	g := place.Default()
	if err := st.SyncPlaces(ctx, g); err != nil {
		t.Fatal(err)
	}
	var docs []*demo.Doc
	err = demo.Generate(demo.Options{Docs: 800, Seed: 7, YearFrom: 2019, YearTo: 2024}, g, g.All(), func(d *demo.Doc) error {
		ingest.Finish(&d.Document)
		docs = append(docs, d)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	stored := make([]*baogao.Document, len(docs))
	srcs := make([]baogao.Source, len(docs))
	for i, d := range docs {
		stored[i] = &d.Document
		srcs[i] = baogao.Source{File: fmt.Sprintf("demo%d", i), SHA256: fmt.Sprintf("%064x", i)}
	}
	if err := st.AddDocuments(ctx, stored, srcs); err != nil {
		t.Fatal(err)
	}
	var wantT []baogao.TargetRecord
	var wantO []baogao.OutcomeRecord
	for _, d := range docs {
		m := d.Document.Meta
		ref := baogao.DocRef{ID: d.Document.ID, Kind: m.Kind, Title: m.Title, PlaceCode: m.PlaceCode, Place: m.Place, Level: m.Level,
			Region: m.Region, Year: m.Year, Date: m.Date, Completeness: m.Completeness}
		for i, x := range d.Truth.Targets {
			wantT = append(wantT, baogao.TargetRecord{ID: baogao.FigureID(ref.ID, i), Doc: ref, Target: x})
		}
		for i, x := range d.Truth.Outcomes {
			wantO = append(wantO, baogao.OutcomeRecord{ID: baogao.FigureID(ref.ID, i), Doc: ref, Outcome: x})
		}
	}
	var gotT []baogao.TargetRecord
	var gotO []baogao.OutcomeRecord
	if err := st.EachTarget(ctx, baogao.FigureFilter{}, func(r baogao.TargetRecord) error { gotT = append(gotT, r); return nil }); err != nil {
		t.Fatal(err)
	}
	if err := st.EachOutcome(ctx, baogao.FigureFilter{}, func(r baogao.OutcomeRecord) error { gotO = append(gotO, r); return nil }); err != nil {
		t.Fatal(err)
	}
	for _, rule := range []attainment.Rule{attainment.DefaultRule(), attainment.StrictRule()} {
		want := attainment.LinkAll(wantT, wantO, rule)
		got := attainment.LinkAll(gotT, gotO, rule)
		if len(got) != len(want) {
			t.Fatalf("rule %+v: %d links from the store, %d from the truth", rule, len(got), len(want))
		}
		wrong := 0
		for i := range want {
			if g, w := summary(got[i]), summary(want[i]); g != w {
				if wrong++; wrong <= 5 {
					t.Errorf("rule %+v:\n got  %s\n want %s", rule, g, w)
				}
			}
		}
		if wrong > 0 {
			t.Errorf("rule %+v: %d of %d links differ", rule, wrong, len(want))
		}
	}
	// CompareStored reads less than everything and lays out the same.
	parentOf := func(code string) string {
		p, _ := g.Place(code)
		return p.Parent
	}
	for _, lv := range []baogao.Level{"", baogao.LevelProvince, baogao.LevelPrefecture, baogao.LevelCounty} {
		f := baogao.FigureFilter{Indicator: "gdp_growth", Level: lv, YearFrom: 2020, YearTo: 2023}
		got, err := attainment.CompareStored(ctx, st, f, attainment.DefaultRule(), parentOf)
		if err != nil {
			t.Fatal(err)
		}
		var ts []baogao.TargetRecord
		for _, x := range gotT {
			if y := x.Target.Year; y != nil && *y >= 2020 && *y <= 2023 {
				ts = append(ts, x)
			}
		}
		want := attainment.Compare(attainment.LinkAll(ts, gotO, attainment.DefaultRule()), "gdp_growth", lv, parentOf)
		if !reflect.DeepEqual(got, want) || len(want.Rows) == 0 {
			t.Errorf("level %q: CompareStored gives %d rows, total %+v; Compare over everything %d rows, total %+v", lv,
				len(got.Rows), got.Total, len(want.Rows), want.Total)
		}
	}

	// The archive exercises the rule: outcomes for most targets, from
	// bulletins and from reviews, targets met and missed.
	links := attainment.LinkAll(gotT, gotO, attainment.DefaultRule())
	s := attainment.Summarize(links)
	sources := map[baogao.Kind]int{}
	disagree := 0
	for _, l := range links {
		sources[l.OutcomeSource]++
		if l.OutcomesDisagree {
			disagree++
		}
	}
	t.Logf("%d documents, %d links: %d met, %d missed, %d no data; outcome sources %v; %d with disagreeing outcomes",
		len(docs), len(links), s.Met, s.Missed, s.NoData, sources, disagree)
	if len(links) < 1000 || s.Met == 0 || s.Missed == 0 || s.NoData*2 > s.Links {
		t.Errorf("links = %+v", s)
	}
	if sources[baogao.KindStatsBulletin] == 0 || sources[baogao.KindWorkReport] == 0 || disagree == 0 {
		t.Errorf("outcome sources %v, %d disagreeing", sources, disagree)
	}
}

// summary is what a link says, for comparing; rows are named by their
// document (the extractor's rows and the truth's are numbered apart).
// (-0 and 0, written alike, are the same figure.)
func summary(l attainment.Link) string {
	s := fmt.Sprintf("%s %d %s: target of %d %v %s, %s", l.PlaceCode, l.Year, l.Indicator, l.Target.Doc.ID, l.Target.Target.Value+0,
		l.Target.Target.Qualifier, l.Status)
	if l.Gap != nil {
		s += fmt.Sprintf(" gap %v", *l.Gap)
	}
	if l.Outcome != nil {
		s += fmt.Sprintf(", outcome of %d %v %s from %s", l.Outcome.Doc.ID, l.Outcome.Outcome.Value+0, l.Outcome.Outcome.Vintage, l.OutcomeSource)
	}
	return s + fmt.Sprintf(", %d other targets, %d other outcomes, disagree %v %v", len(l.OtherTargets), len(l.OtherOutcomes),
		l.TargetsDisagree, l.OutcomesDisagree)
}
