package web

import (
	"strings"
	"testing"
)

// TestSearchSynonymsAndSuggestions: a search says which synonyms it added,
// and one that finds nothing suggests other searches that can.
func TestSearchSynonymsAndSuggestions(t *testing.T) {
	ts, _, _, _ := demoSite(t, 60)
	_, body, _ := get(t, ts.URL+"/search?q=GDP")
	if !strings.Contains(body, `也搜索了 <strong>地区生产总值</strong>`) {
		t.Errorf("no synonym note for GDP:\n%s", body[strings.Index(body, "<main"):min(len(body), strings.Index(body, "<main")+1500)])
	}
	_, body, _ = get(t, ts.URL+`/search?q=%22地区生产总值%22`)
	if strings.Contains(body, "也搜索了") {
		t.Error("a quoted phrase has no synonyms, but the page says it searched some")
	}
	_, body, _ = get(t, ts.URL+"/search?q=冷链物流+量子引力&kind=gongbao&year=2019")
	for _, want := range []string{"可以试试", `href="/search?q=%E5%86%B7%E9%93%BE%E7%89%A9%E6%B5%81&#43;%E9%87%8F%E5%AD%90%E5%BC%95%E5%8A%9B"`, "OR", `href="/place/"`} {
		if !strings.Contains(body, want) {
			t.Errorf("no-result page lacks %q: %s", want, body[strings.Index(body, "可以试试"):min(len(body), strings.Index(body, "可以试试")+700)])
		}
	}
}
