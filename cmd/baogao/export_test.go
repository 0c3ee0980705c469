package main

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/baogao/baogao/internal/corpustest"
	"github.com/parquet-go/parquet-go"
	"github.com/xuri/excelize/v2"
)

// TestExport: the seed report imported, `baogao export` writes its
// targets in each format with the codebook beside or inside, and a bundle.
func TestExport(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "e.db")
	seed := filepath.Join(corpustest.Dir(t), "corpus", "seed.txt")
	if code, _, errOut := runCLI(t, "", "import", "--db", db, seed); code != 0 {
		t.Fatal(errOut)
	}

	out := filepath.Join(dir, "t.csv")
	code, _, errOut := runCLI(t, "", "export", "--db", db, "--what", "targets", "--place", "金乡县", "--indicator", "gdp_growth", "-o", out)
	if code != 0 || !strings.Contains(errOut, "exported 1 targets to "+out) {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	b, err := os.ReadFile(out)
	if err != nil || !bytes.HasPrefix(b, []byte("\uFEFF")) {
		t.Fatalf("no CSV with a byte-order mark: %v", err)
	}
	recs, err := csv.NewReader(bytes.NewReader(b[3:])).ReadAll()
	if err != nil || len(recs) != 2 {
		t.Fatalf("records %q, %v", recs, err)
	}
	row := map[string]string{}
	for i, name := range recs[0] {
		row[name] = recs[1][i]
	}
	if row["place_code"] != "370828" || row["year"] != "2023" || row["value"] != "7" || row["qualifier"] != "about" || row["words"] != "左右" {
		t.Errorf("row %v", row)
	}
	cb, err := os.ReadFile(out + ".codebook.md")
	if err != nil || !strings.Contains(string(cb), "filter**: indicator=gdp_growth place=金乡县") || !strings.Contains(string(cb), "**rows**: 1") {
		t.Errorf("codebook: %v\n%s", err, cb)
	}

	x := filepath.Join(dir, "t.xlsx")
	if code, _, errOut := runCLI(t, "", "export", "--db", db, "--format", "xlsx", "-o", x); code != 0 {
		t.Fatal(errOut)
	}
	f, err := excelize.OpenFile(x)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if sheets := f.GetSheetList(); len(sheets) != 2 || sheets[0] != "targets" {
		t.Errorf("sheets %q", sheets)
	}

	p := filepath.Join(dir, "t.parquet")
	if code, _, errOut := runCLI(t, "", "export", "--db", db, "--format", "parquet", "-o", p); code != 0 {
		t.Fatal(errOut)
	}
	pb, _ := os.ReadFile(p)
	pf, err := parquet.OpenFile(bytes.NewReader(pb), int64(len(pb)))
	if err != nil {
		t.Fatal(err)
	}
	if pf.NumRows() != 8 {
		t.Errorf("parquet: %d rows, want the seed's 8 targets", pf.NumRows())
	}
	if _, ok := pf.Lookup("baogao.codebook"); !ok {
		t.Error("no codebook in the Parquet file")
	}

	// The seed states no outcomes: an empty array, to standard output.
	if code, stdout, errOut := runCLI(t, "", "export", "--db", db, "--what", "outcomes", "--format", "json"); code != 0 || stdout != "[]\n" {
		t.Errorf("exit %d, %q: %s", code, stdout, errOut)
	}

	// Links: the seed's targets have no outcomes in this archive.
	code, stdout, errOut := runCLI(t, "", "export", "--db", db, "--what", "links", "--format", "json", "--place", "370828", "--strict", "true")
	var links []map[string]any
	if err := json.Unmarshal([]byte(stdout), &links); code != 0 || err != nil || len(links) == 0 {
		t.Fatalf("links: exit %d, %v: %s", code, err, errOut)
	}
	for _, l := range links {
		if l["status"] != "no_data" || l["place_code"] != "370828" || l["year"] != 2023.0 {
			t.Errorf("link %v", l)
		}
	}
	l := filepath.Join(dir, "c.csv")
	if code, _, errOut := runCLI(t, "", "export", "--db", db, "--what", "comparison", "--indicator", "gdp_growth", "-o", l); code != 0 {
		t.Fatal(errOut)
	}
	if cb, _ := os.ReadFile(l + ".codebook.md"); !strings.Contains(string(cb), "linking rule") || !strings.Contains(string(cb), "within 0.5 pp") {
		t.Errorf("the comparison's codebook lacks the linking rule:\n%s", cb)
	}

	// baogao targets writes the same file as export.
	if code, stdout, errOut := runCLI(t, "", "targets", "--db", db, "--format", "csv", "--place", "金乡县"); code != 0 ||
		!strings.HasPrefix(stdout, "\uFEFFid,document_id,document_kind,url,") || strings.Count(stdout, "\r\n") != 9 {
		t.Errorf("targets --format csv: exit %d, %q: %s", code, stdout, errOut)
	}
	if code, _, errOut := runCLI(t, "", "targets", "--db", db, "--format", "xlsx", "--limit", "3"); code != 2 || !strings.Contains(errOut, "--limit") {
		t.Errorf("targets --format xlsx --limit 3: exit %d: %s", code, errOut)
	}

	z := filepath.Join(dir, "b.zip")
	if code, _, errOut := runCLI(t, "", "export", "--db", db, "--what", "bundle", "--kind", "baogao", "-o", z); code != 0 || !strings.Contains(errOut, "exported 1 documents") {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	zr, err := zip.OpenReader(z)
	if err != nil || len(zr.File) != 3 || !strings.HasSuffix(zr.File[0].Name, ".txt") {
		t.Fatalf("bundle: %v %v", zr, err)
	}
	zr.Close()

	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"bad format", []string{"--format", "xls"}, "format"},
		{"bad what", []string{"--what", "goals"}, "what \"goals\""},
		{"region of targets", []string{"--region", "huadong"}, "region"},
		{"indicator of documents", []string{"--what", "documents", "--indicator", "gdp"}, "indicator"},
		{"comparison without an indicator", []string{"--what", "comparison"}, "indicator"},
		{"rule of targets", []string{"--about", "1"}, "about"},
		{"bad rule", []string{"--what", "links", "--about-share", "2"}, "about_share"},
		{"encoding of xlsx", []string{"--format", "xlsx", "--encoding", "gb18030"}, "--encoding"},
		{"bad encoding", []string{"--encoding", "big5"}, "encoding"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			bad := filepath.Join(dir, "bad.out")
			code, _, errOut := runCLI(t, "", append([]string{"export", "--db", db, "-o", bad}, tc.args...)...)
			if code != 2 || !strings.Contains(errOut, tc.want) || strings.Count(errOut, "\n") != 1 {
				t.Errorf("exit %d: %q", code, errOut)
			}
			if _, err := os.Stat(bad); err == nil {
				t.Error("a failed export left a file")
			}
		})
	}
	if code, _, errOut := runCLI(t, "", "export", "--db", filepath.Join(dir, "none.db")); code == 0 || !strings.Contains(errOut, "no archive") {
		t.Errorf("a missing archive: exit %d: %s", code, errOut)
	}
}
