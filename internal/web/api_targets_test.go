package web

import (
	"context"
	"fmt"
	"testing"

	"github.com/baogao/baogao/internal/attainment"
)

// TestAPITargets: targets page by id to the same rows as one big page;
// links carry place, year, indicator and a status word that agrees with the
// gap; a document moved to the trash leaves the links at once.
func TestAPITargets(t *testing.T) {
	ts, _, st, _ := demoSite(t, 200)
	type page struct {
		Targets []attainment.TargetRow `json:"targets"`
		Next    *int64                 `json:"next"`
	}
	var all page
	getJSON(t, ts.URL+"/api/v1/targets?limit=1000", 200, &all)
	if len(all.Targets) < 100 || len(all.Targets) == 1000 {
		t.Fatalf("%d targets in one page", len(all.Targets))
	}
	var paged []attainment.TargetRow
	after := int64(0)
	for {
		var p page
		getJSON(t, fmt.Sprintf("%s/api/v1/targets?limit=70&after=%d", ts.URL, after), 200, &p)
		paged = append(paged, p.Targets...)
		if p.Next == nil {
			break
		}
		after = *p.Next
	}
	if len(paged) != len(all.Targets) || paged[len(paged)-1].ID != all.Targets[len(all.Targets)-1].ID {
		t.Errorf("paged: %d targets, one page: %d", len(paged), len(all.Targets))
	}

	var links struct {
		Total   int                  `json:"total"`
		Summary attainment.Summary   `json:"summary"`
		Links   []attainment.LinkRow `json:"links"`
	}
	getJSON(t, ts.URL+"/api/v1/links?limit=1000&indicator=gdp_growth", 200, &links)
	s := links.Summary
	if links.Total != len(links.Links) || s.Met == 0 || s.Missed == 0 || s.Met+s.Missed+s.NoData != links.Total {
		t.Fatalf("links: total %d, %d rows, summary %+v", links.Total, len(links.Links), s)
	}
	var withOutcome *attainment.LinkRow
	for i, l := range links.Links {
		if l.PlaceCode == "" || l.Year == 0 || l.Indicator != "gdp_growth" {
			t.Errorf("row without place, year or indicator: %+v", l)
		}
		switch {
		case l.Status == attainment.NoData && l.Gap != nil,
			l.Status == attainment.Met && (l.Gap == nil || *l.Gap < -attainment.DefaultAboutPoints),
			l.Status == attainment.Missed && l.Gap != nil && *l.Gap >= 0:
			t.Errorf("status %s with gap %v: %+v", l.Status, l.Gap, l)
		}
		if l.OutcomeID != nil && withOutcome == nil {
			withOutcome = &links.Links[i]
		}
	}
	if withOutcome == nil {
		t.Fatal("no link has an outcome")
	}
	// The outcome's document goes to the trash: the link loses it.
	if err := st.TrashDocument(context.Background(), *withOutcome.OutcomeDocumentID, "test"); err != nil {
		t.Fatal(err)
	}
	var after2 struct {
		Links []attainment.LinkRow `json:"links"`
	}
	getJSON(t, fmt.Sprintf("%s/api/v1/links?limit=1000&indicator=gdp_growth&place=%s&year=%d", ts.URL, withOutcome.PlaceCode, withOutcome.Year), 200, &after2)
	for _, l := range after2.Links {
		if l.PlaceCode == withOutcome.PlaceCode && l.OutcomeID != nil && *l.OutcomeID == *withOutcome.OutcomeID {
			t.Errorf("a trashed document's outcome still linked: %+v", l)
		}
	}

	var c struct {
		attainment.Comparison
		Rule string `json:"rule"`
	}
	getJSON(t, ts.URL+"/api/v1/comparison?indicator=gdp_growth&strict=1", 200, &c)
	if len(c.Rows) == 0 || len(c.Years) == 0 || c.Total.Links == 0 || c.Rule == "" {
		t.Errorf("comparison: %d rows, years %v, total %+v, rule %q", len(c.Rows), c.Years, c.Total, c.Rule)
	}
	for _, r := range c.Rows {
		if len(r.Cells) != len(c.Years) {
			t.Errorf("row %s has %d cells for %d years", r.PlaceCode, len(r.Cells), len(c.Years))
		}
	}
}
