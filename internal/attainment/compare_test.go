package attainment

import (
	"testing"

	"github.com/baogao/baogao"
	"github.com/baogao/baogao/internal/place"
)

// placed returns a target of the place for the year.
func placed(id int64, code string, y int, ind string, v float64, q baogao.Qualifier) baogao.TargetRecord {
	g := place.Default()
	p, _ := g.Place(code)
	d := baogao.DocRef{ID: id, Kind: baogao.KindWorkReport, PlaceCode: code, Place: g.FullName(code), Level: p.Level, Year: y}
	tr := target(id, d, ind, v, q)
	tr.Target.Year = year(y)
	return tr
}

func placedOutcome(id int64, code string, y int, ind string, v float64) baogao.OutcomeRecord {
	d := baogao.DocRef{ID: id, Kind: baogao.KindStatsBulletin, PlaceCode: code, Year: y}
	o := outcome(id, d, ind, v, baogao.VintageFinal)
	o.Outcome.Year = year(y)
	return o
}

// TestCompare: 山东省 › 济宁市 › 金乡县 and 嘉祥县 over two years: the rows,
// the escalation of each county over the city and of the city over the
// province with its margin, and the summaries.
func TestCompare(t *testing.T) {
	q := baogao.QualAbout
	ts := []baogao.TargetRecord{
		placed(1, "370000", 2022, "gdp_growth", 5.5, q),
		placed(2, "370800", 2022, "gdp_growth", 6, q),
		placed(3, "370828", 2022, "gdp_growth", 7, q),
		placed(4, "370829", 2022, "gdp_growth", 6, q),
		placed(5, "370828", 2023, "gdp_growth", 6.5, q),
		placed(6, "370800", 2023, "gdp_growth", 6, q),
		{ID: 7, Doc: placed(7, "370829", 2023, "gdp_growth", 0, q).Doc, Target: baogao.Target{Indicator: "gdp_growth", Value: 6, ValueHigh: f64(7),
			Unit: "%", Qualifier: baogao.QualRange, Year: year(2023)}},
		placed(8, "370828", 2023, "cpi", 3, q), // another indicator
	}
	os := []baogao.OutcomeRecord{
		placedOutcome(11, "370828", 2022, "gdp_growth", 4.0), // missed by 3
		placedOutcome(12, "370829", 2022, "gdp_growth", 6.2), // met, +0.2
		placedOutcome(13, "370828", 2023, "gdp_growth", 6.4), // about: met, −0.1
		placedOutcome(14, "370800", 2022, "gdp_growth", 5.0), // missed by 1
	}
	links := LinkAll(ts, os, DefaultRule())
	parentOf := func(code string) string {
		p, err := place.Default().Place(code)
		if err != nil {
			return ""
		}
		return p.Parent
	}
	c := Compare(links, "gdp_growth", baogao.LevelCounty, parentOf)
	if len(c.Years) != 2 || c.Years[0] != 2022 || c.Years[1] != 2023 || len(c.Rows) != 2 {
		t.Fatalf("comparison = %+v", c)
	}
	jx, js := c.Rows[0], c.Rows[1]
	if jx.PlaceCode != "370828" || js.PlaceCode != "370829" {
		t.Fatalf("rows %s %s", jx.PlaceCode, js.PlaceCode)
	}
	e := jx.Cells[0].Escalation
	if e == nil || e.ParentCode != "370800" || e.Margin != 1 || !e.Escalated || e.ParentTarget != 6 {
		t.Errorf("金乡 2022 escalation = %+v", e)
	}
	if e := js.Cells[0].Escalation; e == nil || e.Margin != 0 || e.Escalated {
		t.Errorf("嘉祥 2022 escalation = %+v", e)
	}
	// A range counts by its midpoint: 6.5 over the city's 6.
	if e := js.Cells[1].Escalation; e == nil || e.Margin != 0.5 || e.Target != 6.5 {
		t.Errorf("嘉祥 2023 escalation = %+v", e)
	}
	if jx.Escalated != 2 || js.Escalated != 1 {
		t.Errorf("escalated years: 金乡 %d, 嘉祥 %d", jx.Escalated, js.Escalated)
	}
	if s := jx.Summary; s.Links != 2 || s.Met != 1 || s.Missed != 1 || *s.ShareMet != 0.5 || *s.MeanGap != -1.55 {
		t.Errorf("金乡 summary = %+v", s)
	}
	if s := c.ByYear[1]; s.Links != 2 || s.Met != 1 || s.NoData != 1 || *s.ShareMet != 1 {
		t.Errorf("2023 summary = %+v", s)
	}
	if s := c.Total; s.Links != 4 || s.Met != 2 || s.Missed != 1 || s.NoData != 1 {
		t.Errorf("total = %+v", s)
	}
	if s := c.ByLevel[baogao.LevelCounty]; s.Links != 4 || len(c.ByLevel) != 1 {
		t.Errorf("by level = %+v", c.ByLevel)
	}
	// Every level: the city escalates over the province in 2022.
	c = Compare(links, "gdp_growth", "", parentOf)
	if len(c.Rows) != 4 || c.Rows[1].PlaceCode != "370800" {
		t.Fatalf("rows = %+v", c.Rows)
	}
	if e := c.Rows[1].Cells[0].Escalation; e == nil || e.ParentCode != "370000" || e.Margin != 0.5 {
		t.Errorf("济宁 2022 escalation = %+v", e)
	}
	if e := c.Rows[1].Cells[1].Escalation; e != nil {
		t.Errorf("济宁 2023 has no provincial target to compare with: %+v", e)
	}
	if s := c.ByLevel[baogao.LevelPrefecture]; s.Links != 2 || s.Missed != 1 {
		t.Errorf("prefecture summary = %+v", s)
	}
	// Lower is better: a lower cpi target is the more demanding one.
	cpi := LinkAll([]baogao.TargetRecord{placed(1, "370800", 2023, "cpi", 3, q), placed(2, "370828", 2023, "cpi", 2.5, q)}, nil, DefaultRule())
	if e := Escalate(cpi[1], cpi[0]); e.Margin != 0.5 || !e.Escalated {
		t.Errorf("cpi escalation = %+v", e)
	}
	if c := Compare(links, "fdi", "", parentOf); len(c.Rows) != 0 || len(c.Years) != 0 || c.Total.Links != 0 {
		t.Errorf("empty comparison = %+v", c)
	}
}
