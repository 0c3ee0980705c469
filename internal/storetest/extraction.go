package storetest

import (
	"context"
	"reflect"
	"testing"

	"github.com/baogao/baogao"
)

func testSetExtraction(t *testing.T, st baogao.Store) {
	ctx := context.Background()
	doc := sample(1, baogao.KindWorkReport, "370828", 2023)
	mustAdd(t, st, doc, source(1))
	ex := baogao.Extraction{
		Targets:  []baogao.Target{{Indicator: "cpi", Value: 3, Unit: "%", Qualifier: baogao.QualAbout, Words: []string{"左右"}, Year: intp(2023), Text: "3%左右"}},
		Outcomes: []baogao.Outcome{},
		Goals:    []baogao.Goal{},
		Projects: []baogao.Project{},
	}
	if err := st.SetExtraction(ctx, doc.ID, ex); err != nil {
		t.Fatal(err)
	}
	got, err := st.Document(ctx, doc.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.Extraction, ex) {
		t.Errorf("extraction = %+v", got.Extraction)
	}
	if !got.UpdatedAt.After(got.CreatedAt) && !got.UpdatedAt.Equal(got.CreatedAt) {
		t.Errorf("updated_at %v before created_at %v", got.UpdatedAt, got.CreatedAt)
	}
	if err := st.SetExtraction(ctx, 424242, ex); baogao.ErrorCode(err) != baogao.ENOTFOUND {
		t.Errorf("missing document: %v", err)
	}
}

func testDocumentIDs(t *testing.T, st baogao.Store) {
	ctx := context.Background()
	var want []int64
	for i := 0; i < 5; i++ {
		d := sample(i, baogao.KindWorkReport, "370828", 2015+i)
		mustAdd(t, st, d, source(i))
		want = append(want, d.ID)
	}
	var got []int64
	after := int64(0)
	for {
		ids, err := st.DocumentIDs(ctx, after, 2)
		if err != nil {
			t.Fatal(err)
		}
		if len(ids) == 0 {
			break
		}
		got = append(got, ids...)
		after = ids[len(ids)-1]
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ids = %v, want %v", got, want)
	}
}
