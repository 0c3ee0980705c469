package main

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/baogao/baogao"
	"github.com/baogao/baogao/internal/sqlite"
	"golang.org/x/text/encoding/simplifiedchinese"
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

// TestReextractRecognise: with --recognise, documents are read again from
// their kept original bytes — a GBK page and a PDF here — so a document
// left by an older recogniser (wrong year and title, stray text) is set
// right, search included; a document without an original is re-extracted
// from its text, and a second run changes nothing.
func TestReextractRecognise(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := filepath.Join(dir, "r.db")
	page, err := simplifiedchinese.GBK.NewEncoder().String(`<html><head><meta charset="gbk"><title>2023年嘉禾县政府工作报告</title></head>` +
		`<body><div class="nav">首页 | 政务公开</div><h1>2023年嘉禾县政府工作报告</h1><p>各位代表：</p><p>二、2023年工作安排</p>` +
		`<p>主要预期目标是：地区生产总值增长6%左右；一般公共预算收入增长5%以上。</p></body></html>`)
	if err != nil {
		t.Fatal(err)
	}
	html := writeFile(t, dir, "jiahe.html", page)
	pdf, err := os.ReadFile("../../internal/doctext/testdata/report.pdf")
	if err != nil {
		t.Fatal(err)
	}
	pdfFile := writeFile(t, dir, "jinxiang.pdf", string(pdf))
	if code, out, errOut := runCLI(t, "", "import", "--db", db, html, pdfFile); code != 0 || !strings.Contains(out, "imported 2") {
		t.Fatalf("import: %s %s", out, errOut)
	}
	code, out, _ := runCLI(t, "", "reextract", "--db", db, "--recognise")
	if code != 0 || !strings.Contains(out, "re-read 2 documents: 0 changed") {
		t.Fatalf("re-reading a fresh import changed something: %q", out)
	}

	st, err := sqlite.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	orig, err := st.Document(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	stale := *orig
	stale.Meta.Year, stale.Meta.Title = 2022, "嘉禾县政府"
	stale.Body += "\n返回顶部"
	stale.SHA256 = strings.Repeat("a", 64)
	stale.Extraction = baogao.Extraction{}
	if err := st.UpdateDocument(ctx, &stale); err != nil {
		t.Fatal(err)
	}
	// A document stored without its original bytes.
	extra := &baogao.Document{Meta: baogao.Meta{Title: "2023年金乡县政府工作报告", Kind: baogao.KindWorkReport, PlaceCode: "370828", Year: 2023},
		Body: "二、2023年工作安排\n地区生产总值增长7%左右。", SHA256: strings.Repeat("b", 64)}
	if err := st.AddDocument(ctx, extra, baogao.Source{SHA256: strings.Repeat("c", 64), File: "old.txt"}); err != nil {
		t.Fatal(err)
	}
	st.Close()

	code, out, _ = runCLI(t, "", "reextract", "--db", db, "--recognise", "--dry-run")
	if code != 0 || !strings.Contains(out, "meta title,year text") || !strings.Contains(out, "re-read 3 documents: 2 would change") ||
		!strings.Contains(out, "1 without a kept original") {
		t.Errorf("dry run: %q", out)
	}
	code, out, _ = runCLI(t, "", "reextract", "--db", db, "--recognise")
	if code != 0 || !strings.Contains(out, "re-read 3 documents: 2 changed") {
		t.Errorf("reextract --recognise: %q", out)
	}
	st, _ = sqlite.Open(ctx, db)
	got, err := st.Document(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.Meta, orig.Meta) || got.Body != orig.Body || !reflect.DeepEqual(got.Extraction, orig.Extraction) {
		t.Errorf("not restored: %+v", got.Meta)
	}
	if res, err := st.Search(ctx, baogao.SearchQuery{Text: "返回顶部"}); err != nil || res.Total != 0 {
		t.Errorf("the stray text is still found: %+v, %v", res, err)
	}
	st.Close()
	_, out, _ = runCLI(t, "", "reextract", "--db", db, "--recognise")
	if !strings.Contains(out, "0 changed") {
		t.Errorf("second run: %q", out)
	}
}
