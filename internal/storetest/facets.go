package storetest

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/baogao/baogao"
)

func testFacets(t *testing.T, st baogao.Store) {
	ctx := context.Background()
	for i, d := range []*baogao.Document{
		sample(1, baogao.KindWorkReport, "370828", 2023),
		sample(2, baogao.KindWorkReport, "370828", 2022),
		sample(3, baogao.KindWorkReport, "370800", 2023),
		sample(4, baogao.KindStatsBulletin, "110101", 2023),
	} {
		mustAdd(t, st, d, source(i))
	}
	fc, err := st.Facets(ctx, baogao.DocumentFilter{Kind: baogao.KindWorkReport, Limit: 1, Offset: 5})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(fc.ByYear, map[int]int{2022: 1, 2023: 2}) || !reflect.DeepEqual(fc.ByProvince, map[string]int{"37": 3}) || len(fc.ByPlace) != 0 {
		t.Errorf("facets = %+v", fc)
	}
	// Filtered on a province and a year, as a listing's choices are.
	fc, _ = st.Facets(ctx, baogao.DocumentFilter{Kind: baogao.KindWorkReport, Province: "370000", YearFrom: 2023, YearTo: 2023})
	if !reflect.DeepEqual(fc.ByYear, map[int]int{2023: 2}) || !reflect.DeepEqual(fc.ByProvince, map[string]int{"37": 2}) {
		t.Errorf("facets of a province and year = %+v", fc)
	}
	// Under a place: counted by place too.
	fc, _ = st.Facets(ctx, baogao.DocumentFilter{PlaceCode: "370800"})
	if !reflect.DeepEqual(fc.ByPlace, map[string]int{"370828": 2, "370800": 1}) || !reflect.DeepEqual(fc.ByProvince, map[string]int{"37": 3}) ||
		!reflect.DeepEqual(fc.ByYear, map[int]int{2022: 1, 2023: 2}) {
		t.Errorf("facets under a place = %+v", fc)
	}
	fc, _ = st.Facets(ctx, baogao.DocumentFilter{Kind: baogao.KindPlan})
	if len(fc.ByYear) != 0 || len(fc.ByProvince) != 0 || len(fc.ByPlace) != 0 {
		t.Errorf("no match: %+v", fc)
	}
	// The totals of listings agree with the counts, whichever way a store
	// counts them.
	for _, f := range []baogao.DocumentFilter{
		{}, {Kind: baogao.KindWorkReport}, {Kind: baogao.KindWorkReport, Region: baogao.RegionHuadong},
		{Province: "37", YearFrom: 2023, YearTo: 2023}, {YearFrom: 2022}, {PlaceCode: "370800"}, {Kind: baogao.KindPlan},
	} {
		page, err := st.Documents(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		if page.Total != len(page.Documents) {
			t.Errorf("%+v: total %d, %d documents listed", f, page.Total, len(page.Documents))
		}
	}
}

func testVersion(t *testing.T, st baogao.Store) {
	ctx := context.Background()
	v0, at, err := st.Version(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if at.IsZero() || time.Since(at) > time.Hour {
		t.Errorf("changed at %v", at)
	}
	d := sample(1, baogao.KindWorkReport, "370828", 2023)
	mustAdd(t, st, d, source(1))
	v1, _, _ := st.Version(ctx)
	if v1 == v0 {
		t.Error("adding a document did not change the version")
	}
	st.AddSource(ctx, d.ID, source(2))
	v2, _, _ := st.Version(ctx)
	if v2 == v1 {
		t.Error("adding a source did not change the version")
	}
	st.SetExtraction(ctx, d.ID, baogao.Extraction{})
	v3, _, _ := st.Version(ctx)
	if v3 == v2 {
		t.Error("changing the extraction did not change the version")
	}
	if v4, _, _ := st.Version(ctx); v4 != v3 {
		t.Error("the version changed without a change")
	}
}

func testAddedOrder(t *testing.T, st baogao.Store) {
	ctx := context.Background()
	old := sample(1, baogao.KindWorkReport, "370828", 2024)
	mustAdd(t, st, old, source(1))
	newer := sample(2, baogao.KindWorkReport, "370828", 2010)
	mustAdd(t, st, newer, source(2))
	page, err := st.Documents(ctx, baogao.DocumentFilter{Added: true})
	if err != nil || len(page.Documents) != 2 || page.Documents[0].ID != newer.ID {
		t.Errorf("added order: %v %v", ids(page.Documents), err)
	}
}
