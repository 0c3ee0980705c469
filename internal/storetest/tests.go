package storetest

import (
	"context"
	"reflect"
	"strconv"
	"testing"

	"github.com/baogao/baogao"
	"github.com/baogao/baogao/internal/place"
)

func testAddAndGet(t *testing.T, st baogao.Store) {
	ctx := context.Background()
	doc := sample(1, baogao.KindWorkReport, "370828", 2023)
	mustAdd(t, st, doc, source(1))
	got, err := st.Document(ctx, doc.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.Meta, doc.Meta) {
		t.Errorf("meta:\n got %+v\nwant %+v", got.Meta, doc.Meta)
	}
	if got.Body != doc.Body || got.SHA256 != doc.SHA256 || got.Simhash != doc.Simhash {
		t.Errorf("body, hash or simhash changed")
	}
	if !reflect.DeepEqual(got.Outline, doc.Outline) {
		t.Errorf("outline = %+v", got.Outline)
	}
	if !reflect.DeepEqual(got.Extraction, doc.Extraction) {
		t.Errorf("extraction:\n got %+v\nwant %+v", got.Extraction, doc.Extraction)
	}
	if len(got.Sources) != 1 {
		t.Fatalf("sources = %+v", got.Sources)
	}
	s := got.Sources[0]
	want := source(1)
	if s.URL != want.URL || s.File != want.File || !s.FetchedAt.Equal(want.FetchedAt) || s.SHA256 != want.SHA256 ||
		s.Encoding != want.Encoding || s.DocumentID != doc.ID || s.ImportedAt.IsZero() {
		t.Errorf("source = %+v", s)
	}
	if got.URL() != "/baogao/huadong/"+strconv.FormatInt(doc.ID, 10)+".html" {
		t.Errorf("url = %s", got.URL())
	}
}

func testDuplicateBody(t *testing.T, st baogao.Store) {
	ctx := context.Background()
	a := sample(1, baogao.KindWorkReport, "370828", 2023)
	mustAdd(t, st, a, source(1))
	b := sample(2, baogao.KindWorkReport, "370828", 2023)
	b.SHA256 = a.SHA256
	err := st.AddDocument(ctx, b, source(2))
	if baogao.ErrorCode(err) != baogao.ECONFLICT {
		t.Fatalf("adding a second document with the same body hash: %v, want ECONFLICT", err)
	}
	// The failed add left nothing behind.
	if _, err := st.SourceBySHA256(ctx, source(2).SHA256); baogao.ErrorCode(err) != baogao.ENOTFOUND {
		t.Errorf("the failed add stored its source: %v", err)
	}
	// Text that is not UTF-8 is refused, and a batch holding it stores
	// nothing.
	c := sample(3, baogao.KindWorkReport, "370828", 2022)
	c.Body += "\xff\xfe"
	d := sample(4, baogao.KindWorkReport, "370828", 2021)
	if err := st.AddDocuments(ctx, []*baogao.Document{d, c}, []baogao.Source{source(4), source(3)}); baogao.ErrorCode(err) != baogao.EINVALID {
		t.Errorf("adding a body that is not UTF-8: %v, want EINVALID", err)
	}
	if _, err := st.SourceBySHA256(ctx, source(4).SHA256); baogao.ErrorCode(err) != baogao.ENOTFOUND {
		t.Errorf("the refused batch stored a source: %v", err)
	}
	// So is a NUL character (PostgreSQL's text cannot hold one), anywhere.
	c = sample(5, baogao.KindWorkReport, "370828", 2022)
	c.Body += "\x00"
	e := sample(6, baogao.KindWorkReport, "370828", 2022)
	e.Meta.Speaker = "县长\x00"
	for _, doc := range []*baogao.Document{c, e} {
		if err := st.AddDocument(ctx, doc, source(5)); baogao.ErrorCode(err) != baogao.EINVALID {
			t.Errorf("adding a document holding NUL: %v, want EINVALID", err)
		}
	}
	// So is a document without text (issue 9, item 3): every empty body
	// would be the same text as the first.
	c = sample(7, baogao.KindWorkReport, "370828", 2022)
	c.Body = " \n "
	if err := st.AddDocument(ctx, c, source(7)); baogao.ErrorCode(err) != baogao.EINVALID {
		t.Errorf("adding a document without text: %v, want EINVALID", err)
	}
	id, err := st.DocumentIDBySHA256(ctx, a.SHA256)
	if err != nil || id != a.ID {
		t.Errorf("DocumentIDBySHA256 = %d, %v", id, err)
	}
}

func testSources(t *testing.T, st baogao.Store) {
	ctx := context.Background()
	a := sample(1, baogao.KindWorkReport, "370828", 2023)
	mustAdd(t, st, a, source(1))
	if err := st.AddSource(ctx, a.ID, source(2)); err != nil {
		t.Fatal(err)
	}
	if err := st.AddSource(ctx, a.ID, source(2)); err != nil {
		t.Fatalf("adding the same source twice: %v", err)
	}
	got, _ := st.Document(ctx, a.ID)
	if len(got.Sources) != 2 {
		t.Errorf("sources = %d, want 2", len(got.Sources))
	}
	src, err := st.SourceBySHA256(ctx, source(2).SHA256)
	if err != nil || src.DocumentID != a.ID {
		t.Errorf("SourceBySHA256 = %+v, %v", src, err)
	}
	b := sample(2, baogao.KindWorkReport, "370800", 2023)
	mustAdd(t, st, b, source(3))
	if err := st.AddSource(ctx, b.ID, source(2)); baogao.ErrorCode(err) != baogao.ECONFLICT {
		t.Errorf("moving a source to another document: %v, want ECONFLICT", err)
	}
	if err := st.AddSource(ctx, 99999, source(9)); baogao.ErrorCode(err) != baogao.ENOTFOUND {
		t.Errorf("source for a missing document: %v, want ENOTFOUND", err)
	}
}

func testNearDuplicateCandidates(t *testing.T, st baogao.Store) {
	ctx := context.Background()
	a := sample(1, baogao.KindWorkReport, "370828", 2023)
	a.Simhash = 0x1111_2222_3333_4444
	mustAdd(t, st, a, source(1))
	other := sample(2, baogao.KindStatsBulletin, "110101", 2020)
	other.Simhash = 0xAAAA_BBBB_CCCC_DDDD
	mustAdd(t, st, other, source(2))

	probe := sample(3, baogao.KindPlan, "440304", 2010)
	probe.Simhash = 0x9999_8888_3333_7777 // shares band 1 with a
	got, err := st.NearDuplicateCandidates(ctx, probe)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].ID != a.ID || got[0].Body != a.Body {
		t.Errorf("by band: %v", ids(got))
	}
	probe = sample(4, baogao.KindWorkReport, "370828", 2023) // same kind, place, year as a
	probe.Simhash = 0x0101_0202_0303_0404
	got, _ = st.NearDuplicateCandidates(ctx, probe)
	if len(got) != 1 || got[0].ID != a.ID {
		t.Errorf("by kind, place, year: %v", ids(got))
	}
	probe.Meta.Year = 2022
	got, _ = st.NearDuplicateCandidates(ctx, probe)
	if len(got) != 0 {
		t.Errorf("no candidate expected: %v", ids(got))
	}
}

func testDocuments(t *testing.T, st baogao.Store) {
	ctx := context.Background()
	docs := []*baogao.Document{
		sample(1, baogao.KindWorkReport, "370828", 2023),    // 金乡县, huadong
		sample(2, baogao.KindWorkReport, "370800", 2022),    // 济宁市
		sample(3, baogao.KindStatsBulletin, "370800", 2023), // 济宁市
		sample(4, baogao.KindWorkReport, "110101", 2023),    // 东城区, huabei
		sample(5, baogao.KindPlan, "440000", 2021),          // 广东省, huanan
		sample(6, baogao.KindOther, "", 2020),               // unknown place
	}
	for i, d := range docs {
		mustAdd(t, st, d, source(i))
	}
	for _, tc := range []struct {
		name string
		f    baogao.DocumentFilter
		want []int // indexes into docs, in the expected order
	}{
		{"all newest first", baogao.DocumentFilter{}, []int{3, 2, 0, 1, 4, 5}},
		{"kind", baogao.DocumentFilter{Kind: baogao.KindWorkReport}, []int{3, 0, 1}},
		{"region", baogao.DocumentFilter{Region: baogao.RegionHuadong}, []int{2, 0, 1}},
		{"qita", baogao.DocumentFilter{Region: baogao.RegionOther}, []int{5}},
		{"province code", baogao.DocumentFilter{Province: "370000"}, []int{2, 0, 1}},
		{"province prefix", baogao.DocumentFilter{Province: "44"}, []int{4}},
		{"place and below", baogao.DocumentFilter{PlaceCode: "370800"}, []int{2, 0, 1}},
		{"county", baogao.DocumentFilter{PlaceCode: "370828"}, []int{0}},
		{"level", baogao.DocumentFilter{Level: baogao.LevelPrefecture}, []int{2, 1}},
		{"the place itself", baogao.DocumentFilter{PlaceCode: "370800", Level: baogao.LevelPrefecture}, []int{2, 1}},
		{"places below at a level", baogao.DocumentFilter{PlaceCode: "370000", Level: baogao.LevelCounty}, []int{0}},
		{"province itself", baogao.DocumentFilter{PlaceCode: "440000", Level: baogao.LevelProvince}, []int{4}},
		{"years", baogao.DocumentFilter{YearFrom: 2021, YearTo: 2022}, []int{1, 4}},
		{"page", baogao.DocumentFilter{Limit: 2, Offset: 2}, []int{0, 1}},
		{"nothing", baogao.DocumentFilter{Kind: baogao.KindPlan, Region: baogao.RegionXibei}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			page, err := st.Documents(ctx, tc.f)
			if err != nil {
				t.Fatal(err)
			}
			var got, want []int64
			for _, d := range page.Documents {
				got = append(got, d.ID)
				if d.Body != "" {
					t.Errorf("listing carries the body")
				}
			}
			for _, i := range tc.want {
				want = append(want, docs[i].ID)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("ids = %v, want %v", got, want)
			}
			if tc.name != "page" && page.Total != len(tc.want) {
				t.Errorf("total = %d, want %d", page.Total, len(tc.want))
			}
			if tc.name == "page" && page.Total != len(docs) {
				t.Errorf("total = %d, want %d", page.Total, len(docs))
			}
		})
	}
}

func testStats(t *testing.T, st baogao.Store) {
	ctx := context.Background()
	s, err := st.Stats(ctx)
	if err != nil || s.Documents != 0 || s.Sources != 0 {
		t.Fatalf("empty stats = %+v, %v", s, err)
	}
	a := sample(1, baogao.KindWorkReport, "370828", 2023)
	a.Meta.Flagged = true
	mustAdd(t, st, a, source(1))
	mustAdd(t, st, sample(2, baogao.KindStatsBulletin, "370800", 2023), source(2))
	st.AddSource(ctx, a.ID, source(3))
	s, err = st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if s.Documents != 2 || s.Sources != 3 || s.Flagged != 1 || s.ByKind[baogao.KindWorkReport] != 1 || s.Latest.IsZero() {
		t.Errorf("stats = %+v", s)
	}
	// The counts agree with the listings', kind by kind, after a batch and
	// a duplicate source.
	var batch []*baogao.Document
	var srcs []baogao.Source
	for i := 3; i < 40; i++ {
		d := sample(i, baogao.Kinds[i%len(baogao.Kinds)], "370828", 2000+i)
		d.Meta.Flagged = i%7 == 0
		batch = append(batch, d)
		srcs = append(srcs, source(100+i))
	}
	if err := st.AddDocuments(ctx, batch, srcs); err != nil {
		t.Fatal(err)
	}
	st.AddSource(ctx, a.ID, source(3)) // already stored: no new source
	s, err = st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	all, _ := st.Documents(ctx, baogao.DocumentFilter{Limit: 1})
	if s.Documents != all.Total || s.Documents != 39 || s.Sources != 40 || s.Flagged != 6 {
		t.Errorf("stats after a batch = %+v, listing total %d; want 39 documents, 40 sources, 6 flagged", s, all.Total)
	}
	for _, k := range baogao.Kinds {
		page, _ := st.Documents(ctx, baogao.DocumentFilter{Kind: k, Limit: 1})
		if s.ByKind[k] != page.Total {
			t.Errorf("stats count %d %s, the listing %d", s.ByKind[k], k, page.Total)
		}
	}
	if want := batch[len(batch)-1].CreatedAt; !want.IsZero() && !s.Latest.Equal(want) {
		t.Errorf("latest = %v, want %v (the newest document)", s.Latest, want)
	}
}

func testSyncPlaces(t *testing.T, st baogao.Store) {
	ctx := context.Background()
	g := place.Default()
	if err := st.SyncPlaces(ctx, g); err != nil {
		t.Fatal(err)
	}
	if err := st.SyncPlaces(ctx, g); err != nil {
		t.Fatalf("second sync: %v", err)
	}
}

func testNotFound(t *testing.T, st baogao.Store) {
	ctx := context.Background()
	if _, err := st.Document(ctx, 12345); baogao.ErrorCode(err) != baogao.ENOTFOUND {
		t.Errorf("Document: %v", err)
	}
	if _, err := st.SourceBySHA256(ctx, "00"); baogao.ErrorCode(err) != baogao.ENOTFOUND {
		t.Errorf("SourceBySHA256: %v", err)
	}
	if _, err := st.DocumentIDBySHA256(ctx, "00"); baogao.ErrorCode(err) != baogao.ENOTFOUND {
		t.Errorf("DocumentIDBySHA256: %v", err)
	}
}

func ids(ds []*baogao.Document) []int64 {
	var out []int64
	for _, d := range ds {
		out = append(out, d.ID)
	}
	return out
}
