package storetest

import (
	"context"
	"testing"

	"github.com/baogao/baogao"
)

// testChanges: every change a page may show is in the change log, with the
// document's kind, region, place and year — before and after when a change
// moves the document.
func testChanges(t *testing.T, st baogao.Store) {
	ctx := context.Background()
	got, latest, err := st.Changes(ctx, 0, 100)
	if err != nil || len(got) != 0 || latest != 0 {
		t.Fatalf("changes of an empty archive: %v, %d, %v", got, latest, err)
	}
	a := sample(1, baogao.KindWorkReport, "370828", 2023)
	mustAdd(t, st, a, source(1))
	b := sample(2, baogao.KindStatsBulletin, "110105", 2022)
	mustAdd(t, st, b, source(2))
	got, latest, err = st.Changes(ctx, 0, 100)
	got = collapse(got)
	if err != nil || len(got) != 2 || latest < got[1].Seq {
		t.Fatalf("after two documents: %+v, %d, %v", got, latest, err)
	}
	want := baogao.Change{DocumentID: a.ID, Kind: baogao.KindWorkReport, Region: baogao.RegionHuadong, PlaceCode: "370828", Year: 2023}
	if c := got[0]; c.DocumentID != want.DocumentID || c.Kind != want.Kind || c.Region != want.Region || c.PlaceCode != want.PlaceCode ||
		c.Year != want.Year || c.At.IsZero() || got[1].DocumentID != b.ID || got[1].Seq <= c.Seq {
		t.Errorf("changes = %+v", got)
	}
	mark := latest

	if err := st.AddSource(ctx, a.ID, source(3)); err != nil {
		t.Fatal(err)
	}
	if err := st.SetExtraction(ctx, b.ID, baogao.Extraction{}); err != nil {
		t.Fatal(err)
	}
	moved := sample(4, baogao.KindPlan, "440106", 2021)
	moved.ID = a.ID
	if err := st.UpdateDocument(ctx, moved); err != nil {
		t.Fatal(err)
	}
	got, latest, err = st.Changes(ctx, mark, 100)
	if err != nil {
		t.Fatal(err)
	}
	got = collapse(got)
	type image struct {
		id    int64
		kind  baogao.Kind
		place string
		year  int
	}
	var images []image
	for _, c := range got {
		images = append(images, image{c.DocumentID, c.Kind, c.PlaceCode, c.Year})
	}
	// A source of a; b's extraction (same image); a moved: before and after.
	// (Consecutive repeats are collapsed.)
	wantImages := []image{{a.ID, baogao.KindWorkReport, "370828", 2023}, {b.ID, baogao.KindStatsBulletin, "110105", 2022},
		{a.ID, baogao.KindWorkReport, "370828", 2023}, {a.ID, baogao.KindPlan, "440106", 2021}}
	if len(images) != len(wantImages) {
		t.Fatalf("changes after %d: %+v\nwant %+v", mark, images, wantImages)
	}
	for i := range images {
		if images[i] != wantImages[i] {
			t.Errorf("change %d = %+v, want %+v", i, images[i], wantImages[i])
		}
	}
	if got[3].Region != baogao.RegionHuanan {
		t.Errorf("the moved document's new region = %s", got[3].Region)
	}
	// The limit, and nothing after the latest.
	if some, l, err := st.Changes(ctx, mark, 2); err != nil || len(some) != 2 || l != latest || some[0].Seq <= mark {
		t.Errorf("limited: %+v, %d, %v", some, l, err)
	}
	if none, l, err := st.Changes(ctx, latest, 100); err != nil || len(none) != 0 || l != latest {
		t.Errorf("after the latest: %+v, %d, %v", none, l, err)
	}
	// So is a new assessment of a document.
	if err := st.SetAssessment(ctx, b.ID, baogao.CompletenessExcerpt, nil); err != nil {
		t.Fatal(err)
	}
	got, l2, _ := st.Changes(ctx, latest, 100)
	if len(got) == 0 || got[len(got)-1].DocumentID != b.ID {
		t.Errorf("after SetAssessment: %+v", got)
	}
	latest = l2
	// Deleting a document (to the trash) is a change too.
	if err := st.TrashDocument(ctx, b.ID, "alice"); err != nil {
		t.Fatal(err)
	}
	got, _, _ = st.Changes(ctx, latest, 100)
	if len(got) == 0 || got[len(got)-1].DocumentID != b.ID || got[len(got)-1].Kind != baogao.KindStatsBulletin {
		t.Errorf("after trashing: %+v", got)
	}
}

// collapse drops a change that repeats the one before it (a document and
// its first source stored together may be recorded twice).
func collapse(cs []baogao.Change) []baogao.Change {
	var out []baogao.Change
	for _, c := range cs {
		if n := len(out); n > 0 && out[n-1].DocumentID == c.DocumentID && out[n-1].Kind == c.Kind &&
			out[n-1].PlaceCode == c.PlaceCode && out[n-1].Year == c.Year && out[n-1].Region == c.Region {
			continue
		}
		out = append(out, c)
	}
	return out
}
