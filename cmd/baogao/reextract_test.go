package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/baogao/baogao"
	"github.com/baogao/baogao/internal/sqlite"
)

func TestReextract(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "r.db")
	f := writeFile(t, dir, "r.txt", "2023年嘉禾县人民政府工作报告\n\n各位代表：\n二、2023年工作安排\n主要预期目标是：地区生产总值增长6%左右；一般公共预算收入增长5%以上。\n")
	if code, _, errOut := runCLI(t, "", "import", "--db", db, f); code != 0 {
		t.Fatal(errOut)
	}
	// Make the stored extraction stale, as an older extractor would have left it.
	st, err := sqlite.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := st.Document(context.Background(), 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Extraction.Targets) != 2 {
		t.Fatalf("targets on import = %+v", doc.Extraction.Targets)
	}
	stale := doc.Extraction
	stale.Targets = stale.Targets[:1]
	if err := st.SetExtraction(context.Background(), 1, stale); err != nil {
		t.Fatal(err)
	}
	st.Close()

	code, out, _ := runCLI(t, "", "reextract", "--db", db, "--dry-run")
	if code != 0 || !strings.Contains(out, "1 would change (targets +1 −0") {
		t.Errorf("dry run: %q", out)
	}
	code, out, _ = runCLI(t, "", "reextract", "--db", db)
	if code != 0 || !strings.Contains(out, "targets 1→2 (+1 −0)") || !strings.Contains(out, "re-extracted 1 documents: 1 changed") {
		t.Errorf("reextract: %q", out)
	}
	_, out, _ = runCLI(t, "", "reextract", "--db", db)
	if !strings.Contains(out, "0 changed") {
		t.Errorf("second reextract: %q", out)
	}
	st, _ = sqlite.Open(context.Background(), db)
	defer st.Close()
	doc, _ = st.Document(context.Background(), 1)
	if len(doc.Extraction.Targets) != 2 || doc.Extraction.Targets[1].Indicator != "budget_revenue_growth" ||
		doc.Extraction.Targets[1].Qualifier != baogao.QualAtLeast {
		t.Errorf("targets after reextract = %+v", doc.Extraction.Targets)
	}
}
