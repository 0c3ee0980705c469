package baogao_test

import (
	"testing"

	"github.com/baogao/baogao"
)

func TestFigureID(t *testing.T) {
	for _, c := range []struct {
		doc int64
		seq int
	}{{1, 0}, {1, 1}, {123456789, 999}, {2, 1<<20 - 1}} {
		id := baogao.FigureID(c.doc, c.seq)
		if d, s := baogao.SplitFigureID(id); d != c.doc || s != c.seq {
			t.Errorf("%v → %d → %d %d", c, id, d, s)
		}
	}
	if baogao.FigureID(1, 5) >= baogao.FigureID(2, 0) {
		t.Error("IDs do not order by document first")
	}
	d := baogao.DocRef{ID: 12, Kind: baogao.KindStatsBulletin, PlaceCode: "370828"}
	if u := d.URL(); u != "/gongbao/huadong/12.html" {
		t.Errorf("URL = %s", u)
	}
}
