package storetest

import (
	"context"
	"encoding/json"
	"errors"
	"reflect"
	"slices"
	"testing"

	"github.com/baogao/baogao"
	"github.com/baogao/baogao/internal/place"
)

// testFigures: EachTarget and EachOutcome stream the targets and outcomes
// of every document with their documents, filtered by indicator, place and
// the places under it, level, the figure's year and the document's kind, in
// ID order, paged by ID; trashed documents are left out and operators'
// corrections are applied as the document page shows them.
func testFigures(t *testing.T, st baogao.Store) {
	ctx := context.Background()
	if err := st.SyncPlaces(ctx, place.Default()); err != nil {
		t.Fatal(err)
	}
	county := sample(1, baogao.KindWorkReport, "370828", 2023)   // 金乡县
	city := sample(2, baogao.KindStatsBulletin, "370800", 2022)  // 济宁市
	province := sample(3, baogao.KindWorkReport, "370000", 2024) // 山东省
	moved := sample(4, baogao.KindWorkReport, "320100", 2023)    // 南京市, corrected to 无锡市
	trashed := sample(5, baogao.KindWorkReport, "370828", 2021)  // goes to the trash
	for i, d := range []*baogao.Document{county, city, province, moved, trashed} {
		mustAdd(t, st, d, source(i+1))
	}
	fixed := county.Extraction.Targets[0]
	key := fixed.Key()
	fixed.Value = 6.5
	js, _ := json.Marshal(fixed)
	for _, o := range []baogao.Override{
		{DocumentID: county.ID, Field: baogao.OverrideTarget, Key: key, Value: string(js), By: "alice"},
		{DocumentID: county.ID, Field: baogao.OverrideOutcome, Key: county.Extraction.Outcomes[1].Key(), By: "alice"}, // removed
		{DocumentID: moved.ID, Field: baogao.OverridePlaceCode, Value: "320200", By: "alice"},
	} {
		if err := st.SetOverride(ctx, o); err != nil {
			t.Fatalf("SetOverride %+v: %v", o, err)
		}
	}
	if err := st.TrashDocument(ctx, trashed.ID, "alice"); err != nil {
		t.Fatal(err)
	}

	targets := func(f baogao.FigureFilter) []baogao.TargetRecord {
		t.Helper()
		var out []baogao.TargetRecord
		if err := st.EachTarget(ctx, f, func(r baogao.TargetRecord) error { out = append(out, r); return nil }); err != nil {
			t.Fatalf("EachTarget(%+v): %v", f, err)
		}
		return out
	}
	outcomes := func(f baogao.FigureFilter) []baogao.OutcomeRecord {
		t.Helper()
		var out []baogao.OutcomeRecord
		if err := st.EachOutcome(ctx, f, func(r baogao.OutcomeRecord) error { out = append(out, r); return nil }); err != nil {
			t.Fatalf("EachOutcome(%+v): %v", f, err)
		}
		return out
	}
	// key names a row by its document and its place in the document.
	type key2 struct {
		doc int64
		seq int
	}
	tkeys := func(rs []baogao.TargetRecord) []key2 {
		out := []key2{}
		for _, r := range rs {
			d, s := baogao.SplitFigureID(r.ID)
			if d != r.Doc.ID {
				t.Errorf("target %d: id names document %d, row says %d", r.ID, d, r.Doc.ID)
			}
			out = append(out, key2{d, s})
		}
		return out
	}
	okeys := func(rs []baogao.OutcomeRecord) []key2 {
		out := []key2{}
		for _, r := range rs {
			d, s := baogao.SplitFigureID(r.ID)
			if d != r.Doc.ID {
				t.Errorf("outcome %d: id names document %d, row says %d", r.ID, d, r.Doc.ID)
			}
			out = append(out, key2{d, s})
		}
		return out
	}

	all := targets(baogao.FigureFilter{})
	wantAll := []key2{{county.ID, 0}, {county.ID, 1}, {city.ID, 0}, {city.ID, 1}, {province.ID, 0}, {province.ID, 1}, {moved.ID, 0}, {moved.ID, 1}}
	if got := tkeys(all); !reflect.DeepEqual(got, wantAll) {
		t.Fatalf("every target = %v, want %v (the trashed document's left out)", got, wantAll)
	}
	if !slices.IsSortedFunc(all, func(a, b baogao.TargetRecord) int { return int(a.ID - b.ID) }) {
		t.Error("targets not in ID order")
	}
	// The row carries the document and the target as the page shows them.
	page, err := st.Document(ctx, county.ID)
	if err != nil {
		t.Fatal(err)
	}
	m := page.Meta
	wantDoc := baogao.DocRef{ID: county.ID, Kind: m.Kind, Title: m.Title, PlaceCode: "370828", Place: m.Place, Level: baogao.LevelCounty,
		Region: baogao.RegionHuadong, Year: 2023, Date: m.Date, Completeness: baogao.CompletenessExcerpt}
	if all[0].Doc != wantDoc {
		t.Errorf("document = %+v, want %+v", all[0].Doc, wantDoc)
	}
	if !reflect.DeepEqual(all[0].Target, page.Extraction.Targets[0]) || all[0].Target.Value != 6.5 || !all[0].Target.Corrected {
		t.Errorf("corrected target = %+v, page shows %+v", all[0].Target, page.Extraction.Targets[0])
	}
	if !reflect.DeepEqual(all[1].Target, page.Extraction.Targets[1]) {
		t.Errorf("range target = %+v, page shows %+v", all[1].Target, page.Extraction.Targets[1])
	}
	if d := all[6].Doc; d.PlaceCode != "320200" || d.Place != "江苏省无锡市" {
		t.Errorf("document with a corrected place = %+v", d)
	}

	cases := []struct {
		name string
		f    baogao.FigureFilter
		want []key2
	}{
		{"indicator", baogao.FigureFilter{Indicator: "gdp_growth"}, []key2{{county.ID, 0}, {city.ID, 0}, {province.ID, 0}, {moved.ID, 0}}},
		{"unknown indicator", baogao.FigureFilter{Indicator: "nope"}, []key2{}},
		{"province and beneath", baogao.FigureFilter{Indicator: "gdp_growth", PlaceCode: "370000"}, []key2{{county.ID, 0}, {city.ID, 0}, {province.ID, 0}}},
		{"prefecture and beneath", baogao.FigureFilter{Indicator: "gdp_growth", PlaceCode: "370800"}, []key2{{county.ID, 0}, {city.ID, 0}}},
		{"county", baogao.FigureFilter{Indicator: "gdp_growth", PlaceCode: "370828"}, []key2{{county.ID, 0}}},
		{"corrected place, old", baogao.FigureFilter{PlaceCode: "320100"}, []key2{}},
		{"corrected place, new", baogao.FigureFilter{PlaceCode: "320200"}, []key2{{moved.ID, 0}, {moved.ID, 1}}},
		{"level", baogao.FigureFilter{Indicator: "gdp_growth", Level: baogao.LevelCounty}, []key2{{county.ID, 0}}},
		{"place at its own level", baogao.FigureFilter{Indicator: "gdp_growth", PlaceCode: "370800", Level: baogao.LevelPrefecture}, []key2{{city.ID, 0}}},
		{"counties of a province", baogao.FigureFilter{PlaceCode: "370000", Level: baogao.LevelCounty}, []key2{{county.ID, 0}, {county.ID, 1}}},
		{"one year", baogao.FigureFilter{YearFrom: 2023, YearTo: 2023}, []key2{{county.ID, 0}, {moved.ID, 0}}},
		{"years to", baogao.FigureFilter{YearTo: 2022}, []key2{{city.ID, 0}}}, // targets without a year left out
		{"years from", baogao.FigureFilter{YearFrom: 2023}, []key2{{county.ID, 0}, {province.ID, 0}, {moved.ID, 0}}},
		{"kind", baogao.FigureFilter{Kind: baogao.KindStatsBulletin}, []key2{{city.ID, 0}, {city.ID, 1}}},
		{"after", baogao.FigureFilter{After: all[2].ID}, wantAll[3:]},
		{"after and limit", baogao.FigureFilter{After: all[1].ID, Limit: 3}, wantAll[2:5]},
	}
	for _, c := range cases {
		if got := tkeys(targets(c.f)); !reflect.DeepEqual(got, c.want) {
			t.Errorf("targets, %s: %v, want %v", c.name, got, c.want)
		}
	}
	// Paging by ID walks the whole list once.
	var paged []key2
	for after := int64(0); ; {
		rs := targets(baogao.FigureFilter{After: after, Limit: 3})
		if len(rs) == 0 {
			break
		}
		paged = append(paged, tkeys(rs)...)
		after = rs[len(rs)-1].ID
	}
	if !reflect.DeepEqual(paged, wantAll) {
		t.Errorf("paged targets = %v, want %v", paged, wantAll)
	}

	// Outcomes: the county's second one was removed by hand.
	oall := outcomes(baogao.FigureFilter{})
	wantO := []key2{{county.ID, 0}, {city.ID, 0}, {city.ID, 1}, {province.ID, 0}, {province.ID, 1}, {moved.ID, 0}, {moved.ID, 1}}
	if got := okeys(oall); !reflect.DeepEqual(got, wantO) {
		t.Fatalf("every outcome = %v, want %v", got, wantO)
	}
	if !reflect.DeepEqual(oall[0].Outcome, page.Extraction.Outcomes[0]) || oall[0].Doc != wantDoc {
		t.Errorf("outcome = %+v, page shows %+v", oall[0], page.Extraction.Outcomes[0])
	}
	if o := oall[2].Outcome; o.Bound != "at_least" || o.Year != nil {
		t.Errorf("bound outcome = %+v", o)
	}
	ocases := []struct {
		name string
		f    baogao.FigureFilter
		want []key2
	}{
		{"indicator and place", baogao.FigureFilter{Indicator: "gdp_growth", PlaceCode: "370800"}, []key2{{county.ID, 0}, {city.ID, 0}}},
		{"year of the figure", baogao.FigureFilter{YearFrom: 2022, YearTo: 2022}, []key2{{county.ID, 0}, {moved.ID, 0}}},
		{"years to", baogao.FigureFilter{YearTo: 2021}, []key2{{city.ID, 0}}}, // outcomes without a year left out
		{"kind and level", baogao.FigureFilter{Kind: baogao.KindWorkReport, Level: baogao.LevelProvince}, []key2{{province.ID, 0}, {province.ID, 1}}},
		{"after and limit", baogao.FigureFilter{After: oall[0].ID, Limit: 2}, wantO[1:3]},
	}
	for _, c := range ocases {
		if got := okeys(outcomes(c.f)); !reflect.DeepEqual(got, c.want) {
			t.Errorf("outcomes, %s: %v, want %v", c.name, got, c.want)
		}
	}

	// fn's error stops the walk and comes back.
	stop := errors.New("stop")
	n := 0
	if err := st.EachTarget(ctx, baogao.FigureFilter{}, func(baogao.TargetRecord) error { n++; return stop }); !errors.Is(err, stop) || n != 1 {
		t.Errorf("EachTarget with a failing fn: %v after %d rows", err, n)
	}
	n = 0
	if err := st.EachOutcome(ctx, baogao.FigureFilter{}, func(baogao.OutcomeRecord) error { n++; return stop }); !errors.Is(err, stop) || n != 1 {
		t.Errorf("EachOutcome with a failing fn: %v after %d rows", err, n)
	}

	// Re-extraction keeps the correction; restoring from the trash brings
	// the rows back.
	if err := st.SetExtraction(ctx, county.ID, county.Extraction); err != nil {
		t.Fatal(err)
	}
	if rs := targets(baogao.FigureFilter{PlaceCode: "370828", YearFrom: 2023, YearTo: 2023}); len(rs) != 1 || rs[0].Target.Value != 6.5 {
		t.Errorf("after re-extraction: %+v", rs)
	}
	if err := st.RestoreDocument(ctx, trashed.ID); err != nil {
		t.Fatal(err)
	}
	if rs := targets(baogao.FigureFilter{PlaceCode: "370828", YearFrom: 2021, YearTo: 2021}); len(rs) != 1 || rs[0].Doc.ID != trashed.ID {
		t.Errorf("after restoring: %+v", rs)
	}
}
