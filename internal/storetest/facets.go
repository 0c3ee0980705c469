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
	if !reflect.DeepEqual(fc.ByYear, map[int]int{2022: 1, 2023: 2}) || !reflect.DeepEqual(fc.ByProvince, map[string]int{"37": 3}) ||
		!reflect.DeepEqual(fc.ByKind, map[baogao.Kind]int{baogao.KindWorkReport: 3, baogao.KindStatsBulletin: 1}) ||
		!reflect.DeepEqual(fc.ByLevel, map[baogao.Level]int{baogao.LevelCounty: 2, baogao.LevelPrefecture: 1}) ||
		fc.ByPrefecture != nil || fc.ByPlace != nil {
		t.Errorf("facets = %+v", fc)
	}
	// Filtered on a province and a year, as a listing's choices are: each
	// facet counts with the other choices only.
	fc, _ = st.Facets(ctx, baogao.DocumentFilter{Kind: baogao.KindWorkReport, Province: "370000", YearFrom: 2023, YearTo: 2023})
	if !reflect.DeepEqual(fc.ByYear, map[int]int{2022: 1, 2023: 2}) || !reflect.DeepEqual(fc.ByProvince, map[string]int{"37": 2}) ||
		!reflect.DeepEqual(fc.ByPrefecture, map[string]int{"3708": 2}) {
		t.Errorf("facets of a province and year = %+v", fc)
	}
	// Under a place: counted by place too.
	fc, _ = st.Facets(ctx, baogao.DocumentFilter{PlaceCode: "370800"})
	if !reflect.DeepEqual(fc.ByPlace, map[string]int{"370828": 2, "370800": 1}) || !reflect.DeepEqual(fc.ByProvince, map[string]int{"37": 3, "11": 1}) ||
		!reflect.DeepEqual(fc.ByYear, map[int]int{2022: 1, 2023: 2}) {
		t.Errorf("facets under a place = %+v", fc)
	}
	fc, _ = st.Facets(ctx, baogao.DocumentFilter{Kind: baogao.KindPlan, Province: "44"})
	if len(fc.ByYear) != 0 || len(fc.ByProvince) != 0 || len(fc.ByLevel) != 0 || len(fc.ByPrefecture) != 0 || fc.ByPlace != nil {
		t.Errorf("no match: %+v", fc)
	}
	// The totals of listings agree with the counts, whichever way a store
	// counts them.
	for _, f := range []baogao.DocumentFilter{
		{}, {Kind: baogao.KindWorkReport}, {Kind: baogao.KindWorkReport, Region: baogao.RegionHuadong},
		{Province: "37", YearFrom: 2023, YearTo: 2023}, {YearFrom: 2022}, {PlaceCode: "370800"}, {Kind: baogao.KindPlan},
		{Prefecture: "3708"}, {Prefecture: "370800", Level: baogao.LevelPrefecture}, {Level: baogao.LevelCounty, PlaceCode: "370000"},
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

// testFacetsChosen checks the promise of Facets on an archive of many
// places, levels, kinds and years: choosing any value a facet shows, under
// any of a set of filters, leaves exactly the number of documents shown
// beside it.
func testFacetsChosen(t *testing.T, st baogao.Store) {
	ctx := context.Background()
	addFacetArchive(t, st)
	total := func(f baogao.DocumentFilter) int {
		t.Helper()
		page, err := st.Documents(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		return page.Total
	}
	facets := func(f baogao.DocumentFilter) (baogao.Facets, error) { return st.Facets(ctx, f) }
	if checked := checkChosen(t, facetsChosenFilters, facets, total); checked < 50 {
		t.Errorf("only %d facet values checked", checked)
	}
}

// addFacetArchive stores documents of many places, levels, kinds and years
// (and some without a place).
func addFacetArchive(t *testing.T, st baogao.Store) {
	codes := []string{"370000", "370800", "370828", "370811", "370100", "370102", "320000", "320500", "320583", "110000", "110101", "", "429004"}
	n := 0
	for i, code := range codes {
		for j, kind := range []baogao.Kind{baogao.KindWorkReport, baogao.KindStatsBulletin, baogao.KindPlan} {
			for y := 2020 + (i+j)%2; y <= 2023; y += 1 + (i+j)%2 {
				n++
				d := sample(n, kind, code, y)
				if code == "" {
					d.Meta.Level, d.Meta.Region = "", baogao.RegionOther
				}
				mustAdd(t, st, d, source(n))
			}
		}
	}
}

// facetsChosenFilters are the filters whose facets the Chosen tests check.
var facetsChosenFilters = []baogao.DocumentFilter{
	{}, {Kind: baogao.KindWorkReport}, {Province: "37"}, {Province: "370000", YearFrom: 2022, YearTo: 2022},
	{Prefecture: "3708"}, {Prefecture: "370800", Level: baogao.LevelCounty}, {Level: baogao.LevelProvince},
	{PlaceCode: "370000", Kind: baogao.KindPlan}, {PlaceCode: "370800", YearFrom: 2021, YearTo: 2023},
	{PlaceCode: "370828"}, {Region: baogao.RegionHuadong, Level: baogao.LevelPrefecture}, {YearFrom: 2023, YearTo: 2023, Kind: baogao.KindStatsBulletin},
}

// testSearchFacetsChosen checks the promise of SearchFacets: choosing any
// value a facet shows for a search, under any of the filters, gives a
// search whose total is the number shown beside it.
func testSearchFacetsChosen(t *testing.T, st baogao.Store) {
	ctx := context.Background()
	addFacetArchive(t, st)
	checked := 0
	for _, text := range []string{"工作回顾", "增长3.5", "生产总值 -增长7.5", "2022年"} {
		total := func(f baogao.DocumentFilter) int {
			t.Helper()
			res, err := st.Search(ctx, baogao.SearchQuery{Text: text, Filter: f, Limit: 1})
			if err != nil {
				t.Fatalf("%q %+v: %v", text, f, err)
			}
			return res.Total
		}
		facets := func(f baogao.DocumentFilter) (baogao.Facets, error) {
			return st.SearchFacets(ctx, baogao.SearchQuery{Text: text, Filter: f})
		}
		checked += checkChosen(t, facetsChosenFilters, facets, total)
	}
	if checked < 100 {
		t.Errorf("only %d facet values checked", checked)
	}
	// A word every document holds: the search's facets are the listing's.
	for _, f := range facetsChosenFilters {
		got, err := st.SearchFacets(ctx, baogao.SearchQuery{Text: "工作回顾", Filter: f})
		if err != nil {
			t.Fatal(err)
		}
		want, err := st.Facets(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%+v: a search of every document counts\n%+v\nthe listing\n%+v", f, got, want)
		}
	}
	fc, err := st.SearchFacets(ctx, baogao.SearchQuery{Text: "没有这个词"})
	if err != nil || len(fc.ByKind)+len(fc.ByYear)+len(fc.ByProvince)+len(fc.ByLevel) != 0 {
		t.Errorf("a search matching nothing: %+v, %v", fc, err)
	}
	if _, err := st.SearchFacets(ctx, baogao.SearchQuery{Text: ""}); baogao.ErrorCode(err) != baogao.EINVALID {
		t.Errorf("an empty query: %v, want EINVALID", err)
	}
}

// checkChosen checks, for each filter, that choosing each value of each
// facet leaves the number of documents shown beside it, and returns the
// number of values checked.
func checkChosen(t *testing.T, filters []baogao.DocumentFilter, facets func(baogao.DocumentFilter) (baogao.Facets, error), total func(baogao.DocumentFilter) int) int {
	t.Helper()
	checked := 0
	for _, f := range filters {
		fc, err := facets(f)
		if err != nil {
			t.Fatal(err)
		}
		check := func(facet string, key any, want int, g baogao.DocumentFilter) {
			t.Helper()
			checked++
			if got := total(g); got != want {
				t.Errorf("%+v: facet %s %v shows %d documents, choosing it lists %d", f, facet, key, want, got)
			}
		}
		for k, want := range fc.ByKind {
			g := f
			g.Kind = k
			check("kind", k, want, g)
		}
		for y, want := range fc.ByYear {
			if y != 0 { // "year unknown" is not a choice
				g := f
				g.YearFrom, g.YearTo = y, y
				check("year", y, want, g)
			}
		}
		for p, want := range fc.ByProvince {
			if p != "" {
				g := f
				g.Province, g.Prefecture, g.PlaceCode = p, "", ""
				check("province", p, want, g)
			}
		}
		for p, want := range fc.ByPrefecture {
			if p != "" {
				g := f
				g.Prefecture, g.PlaceCode = p, ""
				check("prefecture", p, want, g)
			}
		}
		for l, want := range fc.ByLevel {
			if l != "" {
				g := f
				g.Level = l
				check("level", l, want, g)
			}
		}
		// Documents under the place sum to the filter's total.
		if f.PlaceCode != "" {
			sum := 0
			for _, k := range fc.ByPlace {
				sum += k
			}
			if want := total(f); sum != want {
				t.Errorf("%+v: places sum to %d, the filter lists %d", f, sum, want)
			}
		}
	}
	return checked
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
