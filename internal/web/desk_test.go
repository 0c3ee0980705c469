package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/baogao/baogao"
	"github.com/baogao/baogao/internal/extract"
	"github.com/baogao/baogao/internal/ingest"
	"github.com/baogao/baogao/internal/place"
)

// TestDeskAddValue: an operator adds a target the extraction missed (a
// figure in Chinese numerals), giving its indicator, year, value,
// qualifier and words; it is stored corrected, its words become its
// highlighted sentence, the figure tables and /targets have it, and
// re-extraction keeps it. Forms that name words not in the text, a range
// upside down, an unknown indicator or the same row twice are refused
// with the reason and change nothing; a moderator cannot add.
func TestDeskAddValue(t *testing.T) {
	cs := newCommentSite(t, Limits{})
	ctx := context.Background()
	im := &ingest.Importer{Store: cs.st, Parser: ingest.NewParser(place.Default())}
	text := "2024年嘉禾县人民政府工作报告\n各位代表：\n二、2024年工作安排\n地区生产总值增长6%左右，地方级收入要实现百分之五以上的增长。\n"
	r := im.Import(ctx, []byte(text), ingest.Input{Name: "missed.txt"})
	if r.Status != ingest.StatusImported {
		t.Fatalf("import: %+v", r)
	}
	id := strconv.FormatInt(r.ID, 10)
	doc, _ := cs.st.Document(ctx, r.ID)
	for _, tg := range doc.Extraction.Targets {
		if tg.Indicator == "budget_revenue_growth" {
			t.Fatalf("the extractor reads the figure already: %+v", tg)
		}
	}
	admin, token := cs.login(t, cs.direct, "alice", testPassword)
	mod, modToken := cs.login(t, cs.direct, "mo", testPassword)
	const words = "地方级收入要实现百分之五以上的增长"
	add := func(session *http.Cookie, form url.Values) (int, string, http.Header) {
		req := mustRequest("POST", cs.direct.URL+"/admin/documents/"+id+"/add", form.Encode())
		req.AddCookie(session)
		return do(t, req)
	}
	good := func() url.Values {
		return url.Values{"csrf": {token}, "field": {"target"}, "indicator": {"budget_revenue_growth"}, "year": {"2024"},
			"value": {"5"}, "qualifier": {"at_least"}, "vintage": {""}, "text": {words}}
	}
	for _, c := range []struct {
		name   string
		change func(url.Values)
		want   string
	}{
		{"words not in the text", func(f url.Values) { f.Set("text", "地方级收入增长百分之五") }, "原文无效"},
		{"an unknown indicator", func(f url.Values) { f.Set("indicator", "other") }, "请选择指标"},
		{"a range upside down", func(f url.Values) { f.Set("qualifier", "range"); f.Set("value_high", "4") }, "上限无效"},
		{"a year out of range", func(f url.Values) { f.Set("year", "24") }, "年份无效"},
		{"a value that is not a number", func(f url.Values) { f.Set("value", "百分之五") }, "数值无效"},
	} {
		f := good()
		c.change(f)
		before := snapshot(t, cs.st)
		code, body, _ := add(admin, f)
		if code != 400 || !strings.Contains(body, c.want) {
			t.Errorf("%s: %d, want 400 saying %s", c.name, code, c.want)
		}
		if got := changes(before, snapshot(t, cs.st)); got != "" {
			t.Errorf("%s: the database changed: %s", c.name, got)
		}
	}
	f := good()
	f.Set("csrf", modToken)
	if code, _, _ := add(mod, f); code != 403 {
		t.Errorf("a moderator adds a value: %d, want 403", code)
	}
	f = good()
	f.Del("csrf")
	if code, _, _ := add(admin, f); code != 403 {
		t.Errorf("a form without its token: %d, want 403", code)
	}

	code, _, h := add(admin, good())
	if code != http.StatusSeeOther || h.Get("Location") != "/admin/documents/"+id+"?done=added" {
		t.Fatalf("add: %d → %s", code, h.Get("Location"))
	}
	if code, body, _ := add(admin, good()); code != 400 || !strings.Contains(body, "已经有了") {
		t.Errorf("the same row again: %d", code)
	}
	check := func(when string) {
		t.Helper()
		d, err := cs.st.Document(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		var got *baogao.Target
		for i, tg := range d.Extraction.Targets {
			if tg.Indicator == "budget_revenue_growth" {
				got = &d.Extraction.Targets[i]
			}
		}
		if got == nil || got.Value != 5 || got.Qualifier != baogao.QualAtLeast || got.Unit != "%" || *got.Year != 2024 || !got.Corrected ||
			string([]rune(d.Body)[got.Span[0]:got.Span[1]]) != words {
			t.Fatalf("%s: the added target is %+v", when, got)
		}
		n := 0
		err = cs.st.EachTarget(ctx, baogao.FigureFilter{Indicator: "budget_revenue_growth"}, func(tr baogao.TargetRecord) error {
			n++
			return nil
		})
		if err != nil || n != 1 {
			t.Errorf("%s: %d targets of the indicator across documents (%v)", when, n, err)
		}
	}
	check("added")
	if err := cs.st.SetExtraction(ctx, r.ID, extract.Extract(doc.Body, doc.Meta)); err != nil {
		t.Fatal(err)
	}
	check("after re-extraction")
	_, page, _ := do(t, mustRequest("GET", cs.direct.URL+doc.URL(), ""))
	if !strings.Contains(page, "5%以上") || !strings.Contains(page, words) {
		t.Error("the document page does not show the added target and its sentence")
	}
	req := mustRequest("GET", cs.direct.URL+"/admin/documents/"+id+"?done=added", "")
	req.AddCookie(admin)
	if _, desk, _ := do(t, req); !strings.Contains(desk, "已补录") || !strings.Contains(desk, `action="/admin/documents/`+id+`/add"`) {
		t.Error("the desk does not say the value was added, or has no form to add one")
	}
	req = mustRequest("GET", cs.direct.URL+"/admin/audit", "")
	req.AddCookie(admin)
	if _, audit, _ := do(t, req); !strings.Contains(audit, "document.add") {
		t.Error("the audit log does not record the addition")
	}
}
