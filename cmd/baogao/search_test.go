package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

func TestSearchCommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	if code, _, errOut := runCLI(t, "", "demo", "--docs", "60", "--db", db); code != 0 {
		t.Fatalf("demo: exit %d: %s", code, errOut)
	}
	code, out, errOut := runCLI(t, "", "search", "--db", db, "--json", "--limit", "3", "发展")
	if code != 0 {
		t.Fatalf("search --json: exit %d: %s", code, errOut)
	}
	var res struct {
		Total int              `json:"total"`
		Hits  []map[string]any `json:"hits"`
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if res.Total < 3 || len(res.Hits) != 3 {
		t.Fatalf("search --json: %s", out)
	}
	for _, k := range []string{"id", "url", "title", "kind", "place_code", "year", "snippet", "score"} {
		if _, ok := res.Hits[0][k]; !ok {
			t.Errorf("hit lacks %q: %v", k, res.Hits[0])
		}
	}
	if len(res.Hits[0]) != 8 {
		t.Errorf("hit has other fields: %v", res.Hits[0])
	}
	if !strings.Contains(res.Hits[0]["snippet"].(string), "<mark>发展</mark>") {
		t.Errorf("snippet: %v", res.Hits[0]["snippet"])
	}

	// Flags after the query, several words, a table.
	code, out, errOut = runCLI(t, "", "search", "--db", db, "经济", "发展", "--kind", "baogao", "--year", "2018-2024", "--sort", "date", "--limit", "2")
	if code != 0 || !strings.Contains(out, "documents match 经济 发展; 1–2:") || !strings.Contains(out, "政府工作报告") || !strings.Contains(out, "【") {
		t.Errorf("table: exit %d: %s%s", code, out, errOut)
	}
	code, out, _ = runCLI(t, "", "search", "--db", db, "--province", "山东省", "--level", "county", "不存在的词语组合")
	if code != 0 || !strings.Contains(out, "No document matches") {
		t.Errorf("nothing found: exit %d: %s", code, out)
	}
	// A query starting with - comes after --.
	if code, _, errOut := runCLI(t, "", "search", "--db", db, "--", "-发展"); code != 2 || !strings.Contains(errOut, "baogao search:") {
		t.Errorf("only an exclusion: exit %d, %s", code, errOut)
	}
	for _, args := range [][]string{{}, {"--sort", "best", "x"}, {"--place", "鼓楼区", "x"}, {"--year", "2024-2020", "x"}, {"--kind", "x", "x"},
		{"--limit", "1000", "x"}, {strings.Repeat("发", 300)}} {
		code, _, errOut := runCLI(t, "", append([]string{"search", "--db", db}, args...)...)
		if code != 2 || strings.Count(strings.TrimSpace(errOut), "\n") != 0 {
			t.Errorf("%v: exit %d, stderr %q; want 2 and one line", args, code, errOut)
		}
	}

	code, out, errOut = runCLI(t, "", "reindex", "--db", db)
	if code != 0 || !strings.Contains(out, "reindexed 60 documents") {
		t.Errorf("reindex: exit %d: %s%s", code, out, errOut)
	}
	code, out, _ = runCLI(t, "", "search", "--db", db, "--json", "发展")
	var again struct {
		Total int `json:"total"`
	}
	json.Unmarshal([]byte(out), &again)
	if code != 0 || again.Total != res.Total {
		t.Errorf("after reindex: total %d, before %d", again.Total, res.Total)
	}
}
