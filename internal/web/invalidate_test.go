package web

import (
	"testing"

	"github.com/baogao/baogao"
)

// TestTouchedBy: a change drops the pages that show its document, or list
// or count documents its document is (or was) among, and no others.
func TestTouchedBy(t *testing.T) {
	jinxiang := baogao.Change{Seq: 1, DocumentID: 7, Kind: baogao.KindWorkReport, Region: baogao.RegionHuadong, PlaceCode: "370828", Year: 2023}
	docPage := &deps{precise: true, docs: []int64{7}}
	other := &deps{precise: true, docs: []int64{8}, lists: []baogao.DocumentFilter{{PlaceCode: "110105"}}}
	for _, c := range []struct {
		name string
		d    *deps
		want bool
	}{
		{"its own page", docPage, true},
		{"another document's page", other, false},
		{"a page that recorded nothing", &deps{}, true},
		{"the work reports of huadong", &deps{precise: true, lists: []baogao.DocumentFilter{{Kind: baogao.KindWorkReport, Region: baogao.RegionHuadong}}}, true},
		{"the work reports of huabei", &deps{precise: true, lists: []baogao.DocumentFilter{{Kind: baogao.KindWorkReport, Region: baogao.RegionHuabei}}}, false},
		{"the bulletins", &deps{precise: true, lists: []baogao.DocumentFilter{{Kind: baogao.KindStatsBulletin}}}, false},
		{"济宁市's place page", &deps{precise: true, lists: []baogao.DocumentFilter{{PlaceCode: "370800"}}}, true},
		{"山东省's place page", &deps{precise: true, lists: []baogao.DocumentFilter{{PlaceCode: "370000"}}}, true},
		{"another county's page", &deps{precise: true, lists: []baogao.DocumentFilter{{PlaceCode: "370829"}}}, false},
		{"the same kind and year nearby", &deps{precise: true, lists: []baogao.DocumentFilter{{Kind: baogao.KindWorkReport, PlaceCode: "370800", YearFrom: 2023, YearTo: 2023}}}, true},
		{"the same kind, another year", &deps{precise: true, lists: []baogao.DocumentFilter{{Kind: baogao.KindWorkReport, PlaceCode: "370800", YearFrom: 2022, YearTo: 2022}}}, false},
		{"a province filter", &deps{precise: true, lists: []baogao.DocumentFilter{{Province: "37"}}}, true},
		{"another province", &deps{precise: true, lists: []baogao.DocumentFilter{{Province: "11"}}}, false},
	} {
		if got := c.d.touchedBy(jinxiang); got != c.want {
			t.Errorf("%s: touched %v, want %v", c.name, got, c.want)
		}
	}
	if !other.touchedBy(baogao.Change{Seq: 2}) {
		t.Error("a change of anything (document 0) left a page")
	}
}
