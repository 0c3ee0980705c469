package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// TestFigureCommands: targets, outcomes and links over a demo archive, as a
// table and as one JSON array; filters narrow the rows; the rule flags
// change the statuses; bad flags fail with one line.
func TestFigureCommands(t *testing.T) {
	db := filepath.Join(t.TempDir(), "f.db")
	if code, _, errOut := runCLI(t, "", "demo", "--docs", "120", "--years", "2019-2024", "--db", db); code != 0 {
		t.Fatalf("demo: exit %d: %s", code, errOut)
	}
	rows := func(args ...string) []map[string]any {
		t.Helper()
		code, out, errOut := runCLI(t, "", append(args, "--db", db, "--format", "json")...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errOut)
		}
		var v []map[string]any
		if err := json.Unmarshal([]byte(out), &v); err != nil {
			t.Fatalf("%v: not one JSON array: %v\n%.300s", args, err, out)
		}
		return v
	}
	all := rows("targets")
	gdp := rows("targets", "--indicator", "gdp_growth", "--year", "2020-2022")
	if len(all) < 100 || len(gdp) == 0 || len(gdp) >= len(all) {
		t.Fatalf("%d targets, %d of gdp_growth 2020–2022", len(all), len(gdp))
	}
	for _, r := range gdp {
		if y := r["year"].(float64); r["indicator"] != "gdp_growth" || y < 2020 || y > 2022 || r["place_code"] == nil || r["document_id"] == nil {
			t.Errorf("row %v", r)
		}
	}
	if n := len(rows("targets", "--limit", "5")); n != 5 {
		t.Errorf("--limit 5: %d rows", n)
	}
	if os := rows("outcomes", "--kind", "gongbao"); len(os) == 0 || os[0]["document_kind"] != "stats_bulletin" {
		t.Errorf("bulletins' outcomes: %.200v", os)
	}
	if none := rows("outcomes", "--place", "820000"); len(none) != 0 {
		t.Errorf("outcomes of 澳门: %v", none)
	}
	count := func(ls []map[string]any, status string) int {
		n := 0
		for _, l := range ls {
			if l["status"] == status {
				n++
			}
		}
		return n
	}
	def, strict := rows("links"), rows("links", "--strict", "true")
	if len(def) == 0 || len(def) != len(strict) || count(def, "met") <= count(strict, "met") || count(def, "met")+count(def, "missed")+count(def, "no_data") != len(def) {
		t.Errorf("links: %d met of %d by default, %d strictly", count(def, "met"), len(def), count(strict, "met"))
	}
	code, out, errOut := runCLI(t, "", "links", "--db", db, "--indicator", "gdp_growth")
	if code != 0 || !strings.HasPrefix(out, "PLACE") || !strings.Contains(out, "gdp_growth") || !strings.Contains(out, "met") {
		t.Errorf("links table: exit %d: %.300s%s", code, out, errOut)
	}
	for _, args := range [][]string{{"targets", "--indicator", "growth"}, {"outcomes", "--format", "yaml"},
		{"links", "--about", "-1"}, {"links", "--strict", "maybe"}, {"targets", "--year", "20x"}, {"targets", "extra"}} {
		code, _, errOut := runCLI(t, "", append(args, "--db", db)...)
		if code != 2 || strings.Count(strings.TrimSpace(errOut), "\n") != 0 {
			t.Errorf("%v: exit %d, stderr %q; want 2 and one line", args, code, errOut)
		}
	}
}
