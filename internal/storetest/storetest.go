// Package storetest is the conformance suite every baogao.Store runs: the
// same tests on SQLite and PostgreSQL.
package storetest

import (
	"context"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/baogao/baogao"
	"github.com/baogao/baogao/internal/place"
)

// Opener returns a new, empty store for one test; the suite closes it.
type Opener func(t *testing.T) baogao.Store

// Run runs the conformance suite against stores from open.
func Run(t *testing.T, open Opener) {
	tests := []struct {
		name string
		fn   func(t *testing.T, st baogao.Store)
	}{
		{"AddAndGet", testAddAndGet},
		{"DuplicateBody", testDuplicateBody},
		{"Sources", testSources},
		{"NearDuplicateCandidates", testNearDuplicateCandidates},
		{"Documents", testDocuments},
		{"Stats", testStats},
		{"SyncPlaces", testSyncPlaces},
		{"NotFound", testNotFound},
		{"SetExtraction", testSetExtraction},
		{"DocumentIDs", testDocumentIDs},
		{"Facets", testFacets},
		{"FacetsChosen", testFacetsChosen},
		{"SearchFacetsChosen", testSearchFacetsChosen},
		{"Assessment", testAssessment},
		{"Version", testVersion},
		{"AddedOrder", testAddedOrder},
		{"Comments", testComments},
		{"Captchas", testCaptchas},
		{"HitAndBlocks", testHit},
		{"UsersAndSessions", testUsers},
		{"Overrides", testOverrides},
		{"Trash", testTrash},
		{"ImportRunsAndRetention", testImportRunsAndRetention},
		{"Originals", testOriginals},
		{"UpdateDocument", testUpdateDocument},
		{"OriginalsInTrash", testOriginalsInTrash},
		{"CrawlFrontier", testCrawlFrontier},
		{"Changes", testChanges},
		{"Figures", testFigures},
		{"CheckWritable", testCheckWritable},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			st := open(t)
			defer st.Close()
			tc.fn(t, st)
		})
	}
	runSearch(t, open)
}

func f64(v float64) *float64 { return &v }
func intp(v int) *int        { return &v }

// sample returns a document with every field set; n makes it distinct.
func sample(n int, kind baogao.Kind, code string, year int) *baogao.Document {
	g := place.Default()
	p, _ := g.Place(code)
	body := fmt.Sprintf("各位代表：\n一、%d年工作回顾\n地区生产总值增长%d.5%%。\n二、%d年工作安排\n地区生产总值增长7%%左右。文档%d。", year-1, n%9, year, n)
	return &baogao.Document{
		Meta: baogao.Meta{Title: fmt.Sprintf("%s%d年政府工作报告", p.Name, year), Kind: kind, PlaceCode: code,
			Place: g.FullName(code), Level: p.Level, Region: baogao.RegionOf(code), Year: year,
			Completeness: baogao.CompletenessExcerpt, Quality: []baogao.QualityFlag{baogao.QualityRewritten},
			Date: fmt.Sprintf("%d-01-0%d", year, 1+n%9), Script: "simplified", Issuer: p.Name + "人民政府",
			Session: "第十六届人民代表大会第三次会议", Speaker: "县长 张三", Encoding: "utf-8"},
		Body:    body,
		Outline: []baogao.Heading{{Level: 1, Title: fmt.Sprintf("一、%d年工作回顾", year-1), Offset: 6}},
		SHA256:  fmt.Sprintf("%064x", n+1),
		Simhash: uint64(n+1) * 0x9E3779B97F4A7C15,
		Extraction: baogao.Extraction{
			Targets: []baogao.Target{{Indicator: "gdp_growth", Label: "地区生产总值", Value: 7, Unit: "%", Qualifier: baogao.QualAbout,
				Words: []string{"左右"}, Year: intp(year), Text: "地区生产总值增长7%左右", Span: baogao.Span{40, 52}},
				{Indicator: "retail_growth", Label: "社会消费品零售总额", Value: 6, ValueHigh: f64(6.5), Stretch: f64(7), Unit: "%",
					Qualifier: baogao.QualRange, Words: []string{}, Text: "…", Span: baogao.Span{1, 2}}},
			Outcomes: []baogao.Outcome{{Indicator: "gdp_growth", Label: "地区生产总值", Value: 5.5, Unit: "%", Year: intp(year - 1),
				Vintage: baogao.VintageEstimated, Basis: "按可比价格", Text: "地区生产总值增长5.5%", Span: baogao.Span{20, 32}},
				{Indicator: "gdp", Value: 100, Unit: "亿元", Bound: "at_least", Text: "突破100亿元", Span: baogao.Span{3, 4}}},
			Goals:    []baogao.Goal{{Subject: "新材料产业", Metric: "产值", Value: 200, Unit: "亿元", Year: intp(year), Text: "产值达到200亿元", Span: baogao.Span{5, 6}}},
			Projects: []baogao.Project{{Name: "诚宇新能源", Action: "推进…落地", Investment: f64(55), Unit: "亿元", Text: "…", Span: baogao.Span{7, 8}}, {Name: "晟泰医药", Action: "建成投产", Text: "…"}},
		},
	}
}

func source(n int) baogao.Source {
	return baogao.Source{URL: fmt.Sprintf("https://example.gov.cn/%d.html", n), File: fmt.Sprintf("f%d.html", n),
		FetchedAt: time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC), SHA256: fmt.Sprintf("%064x", 1000+n), Encoding: "gb18030", Script: "simplified"}
}

func mustAdd(t *testing.T, st baogao.Store, doc *baogao.Document, src baogao.Source) {
	t.Helper()
	if err := st.AddDocument(context.Background(), doc, src); err != nil {
		t.Fatalf("AddDocument: %v", err)
	}
	if doc.ID == 0 {
		t.Fatal("AddDocument did not set the id")
	}
}

// testAssessment: a document's completeness and quality flags are stored
// with it, read back in a document and in listings, and replaced by
// SetAssessment, which changes the archive's version.
func testAssessment(t *testing.T, st baogao.Store) {
	ctx := context.Background()
	d := sample(1, baogao.KindWorkReport, "370828", 2023)
	mustAdd(t, st, d, source(1))
	got, err := st.Document(ctx, d.ID)
	if err != nil || got.Meta.Completeness != baogao.CompletenessExcerpt || !reflect.DeepEqual(got.Meta.Quality, []baogao.QualityFlag{baogao.QualityRewritten}) {
		t.Fatalf("stored: %q %v (%v)", got.Meta.Completeness, got.Meta.Quality, err)
	}
	v0, _, _ := st.Version(ctx)
	if err := st.SetAssessment(ctx, d.ID, baogao.CompletenessFull, nil); err != nil {
		t.Fatal(err)
	}
	page, err := st.Documents(ctx, baogao.DocumentFilter{})
	if err != nil || len(page.Documents) != 1 || page.Documents[0].Meta.Completeness != baogao.CompletenessFull || len(page.Documents[0].Meta.Quality) != 0 {
		t.Errorf("after SetAssessment: %+v (%v)", page.Documents, err)
	}
	if v1, _, _ := st.Version(ctx); v1 == v0 {
		t.Error("SetAssessment did not change the version")
	}
	flags := []baogao.QualityFlag{baogao.QualitySpam, baogao.QualityNoPlace}
	st.SetAssessment(ctx, d.ID, baogao.CompletenessNews, flags)
	if got, _ := st.Document(ctx, d.ID); got.Meta.Completeness != baogao.CompletenessNews || !reflect.DeepEqual(got.Meta.Quality, flags) {
		t.Errorf("second SetAssessment: %q %v", got.Meta.Completeness, got.Meta.Quality)
	}
	if err := st.SetAssessment(ctx, d.ID+100, baogao.CompletenessFull, nil); baogao.ErrorCode(err) != baogao.ENOTFOUND {
		t.Errorf("missing document: %v", err)
	}
}
