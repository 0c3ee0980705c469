package web

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/csv"
	"encoding/json"
	"html"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/baogao/baogao"
	"github.com/xuri/excelize/v2"
)

func fetch(t *testing.T, url string, header ...string) (*http.Response, []byte) {
	t.Helper()
	req, _ := http.NewRequest("GET", url, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var r io.Reader = resp.Body
	if resp.Header.Get("Content-Encoding") == "gzip" {
		if r, err = gzip.NewReader(resp.Body); err != nil {
			t.Fatal(err)
		}
	}
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return resp, b
}

// TestDownloads: the documents route gives every document a filter
// selects as CSV, XLSX or a ZIP of texts, with the codebook, and refuses
// a bad format with the API's JSON error; without a format it stays JSON.
func TestDownloads(t *testing.T) {
	ts, _, st, seed := demoSite(t, 40)
	page, err := st.Documents(context.Background(), baogao.DocumentFilter{Kind: baogao.KindWorkReport, Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}

	resp, body := fetch(t, ts.URL+"/api/v1/documents?kind=baogao&format=csv", "Accept-Encoding", "gzip")
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/csv; charset=utf-8" ||
		!strings.HasPrefix(resp.Header.Get("Content-Disposition"), `attachment; filename="baogao-documents-`) {
		t.Fatalf("%d %v", resp.StatusCode, resp.Header)
	}
	if link := resp.Header.Get("Link"); !strings.Contains(link, "/api/v1/documents?format=codebook&kind=baogao>") || !strings.Contains(link, `rel="describedby"`) {
		t.Errorf("Link %q", link)
	}
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(body, []byte("\uFEFF")))).ReadAll()
	if err != nil || !bytes.HasPrefix(body, []byte("\uFEFF")) {
		t.Fatalf("CSV: %v", err)
	}
	if len(recs)-1 != len(page.Documents) || len(page.Documents) < 2 {
		t.Errorf("%d rows, want the %d work reports", len(recs)-1, len(page.Documents))
	}

	req, _ := http.NewRequest("HEAD", ts.URL+"/api/v1/documents?kind=baogao&format=xlsx", nil)
	if head, err := http.DefaultClient.Do(req); err != nil || head.StatusCode != 200 ||
		head.Header.Get("Content-Type") != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" {
		t.Errorf("HEAD: %v %v", head, err)
	} else {
		head.Body.Close()
	}

	resp, _ = fetch(t, ts.URL+"/api/v1/documents?kind=baogao&format=csv", "If-None-Match", resp.Header.Get("ETag"))
	if resp.StatusCode != http.StatusNotModified {
		t.Errorf("a current copy: %d, want 304", resp.StatusCode)
	}

	resp, body = fetch(t, ts.URL+"/api/v1/documents?format=xlsx&kind=baogao")
	f, err := excelize.OpenReader(bytes.NewReader(body))
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("%d: %v", resp.StatusCode, err)
	}
	rows, _ := f.GetRows("documents")
	if len(rows)-1 != len(page.Documents) || f.GetSheetList()[1] != "codebook" {
		t.Errorf("XLSX: %d rows, sheets %q", len(rows)-1, f.GetSheetList())
	}
	f.Close()

	resp, body = fetch(t, ts.URL+"/api/v1/documents?format=zip&place=370828")
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/zip" {
		t.Fatalf("%d %v", resp.StatusCode, resp.Header)
	}
	zr, err := zip.NewReader(bytes.NewReader(body), int64(len(body)))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	found := false
	for _, zf := range zr.File {
		names = append(names, zf.Name)
		if strings.HasSuffix(zf.Name, "-"+itoa(seed.ID)+".txt") {
			rc, _ := zf.Open()
			b, _ := io.ReadAll(rc)
			rc.Close()
			found = strings.Contains(string(b), seed.Body[:60])
		}
	}
	if !found || names[len(names)-2] != "index.csv" || names[len(names)-1] != "说明.md" {
		t.Errorf("bundle %q lacks the seed's text, the index or the codebook", names)
	}

	resp, body = fetch(t, ts.URL+"/api/v1/documents?format=codebook&year=2023")
	if resp.StatusCode != 200 || !strings.Contains(string(body), "文件 documents") || !strings.Contains(string(body), "filter**: year=2023") {
		t.Errorf("codebook %d:\n%s", resp.StatusCode, body)
	}

	for _, q := range []string{"format=xls", "format=csv&encoding=big5", "format=csv&year=later", "format=parquet&place=nowhere"} {
		resp, body = fetch(t, ts.URL+"/api/v1/documents?"+q)
		var e apiError
		if resp.StatusCode != 400 || json.Unmarshal(body, &e) != nil || e.Error.Code != baogao.EINVALID {
			t.Errorf("%s: %d %s", q, resp.StatusCode, body)
		}
	}

	// A listing links the download of all its documents.
	resp, body = fetch(t, ts.URL+"/baogao/?province=37")
	m := regexp.MustCompile(`<a href="([^"]+)" rel="nofollow" download>全文汇编（ZIP）</a>`).FindSubmatch(body)
	if resp.StatusCode != 200 || m == nil {
		t.Fatalf("listing %d: no bundle link", resp.StatusCode)
	}
	zipURL := html.UnescapeString(string(m[1]))
	if zipURL != "/api/v1/documents?format=zip&kind=work_report&province=37" {
		t.Errorf("bundle link %q", zipURL)
	}
	shandong, _ := st.Documents(context.Background(), baogao.DocumentFilter{Kind: baogao.KindWorkReport, Province: "37", Limit: 1000})
	_, body = fetch(t, ts.URL+zipURL)
	if zr, err := zip.NewReader(bytes.NewReader(body), int64(len(body))); err != nil {
		t.Error(err)
	} else if len(zr.File) != len(shandong.Documents)+2 || len(shandong.Documents) == 0 {
		t.Errorf("the listing's bundle holds %d files for %d documents", len(zr.File), len(shandong.Documents))
	}

	resp, body = fetch(t, ts.URL+"/api/v1/documents?kind=baogao")
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") || !bytes.Contains(body, []byte(`"total"`)) {
		t.Errorf("without a format: %d %s", resp.StatusCode, truncate(body, 200))
	}
}

// TestFigureDownloads: targets, outcomes, links and comparisons download
// as files of every row the filters select, with the linking rule in the
// codebook, and refuse what does not apply with the API's JSON error.
func TestFigureDownloads(t *testing.T) {
	ts, _, st, _ := demoSite(t, 40)
	ctx := context.Background()
	n := 0
	if err := st.EachTarget(ctx, baogao.FigureFilter{PlaceCode: "370000"}, func(baogao.TargetRecord) error { n++; return nil }); err != nil || n == 0 {
		t.Fatalf("%d targets in 山东, %v", n, err)
	}
	resp, body := fetch(t, ts.URL+"/api/v1/targets?province=37&format=csv")
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(body, []byte("\uFEFF")))).ReadAll()
	if resp.StatusCode != 200 || err != nil || len(recs)-1 != n || recs[0][0] != "id" {
		t.Fatalf("%d, %v: %d rows, want %d", resp.StatusCode, err, len(recs)-1, n)
	}

	resp, body = fetch(t, ts.URL+"/api/v1/links?indicator=gdp_growth&format=xlsx")
	f, err := excelize.OpenReader(bytes.NewReader(body))
	if resp.StatusCode != 200 || err != nil {
		t.Fatalf("%d: %v", resp.StatusCode, err)
	}
	rows, _ := f.GetRows("links")
	f.Close()
	if len(rows) < 2 || rows[0][6] != "status" {
		t.Fatalf("links sheet: %q", rows)
	}
	statuses := map[string]int{}
	for _, r := range rows[1:] {
		statuses[r[6]]++
	}
	if statuses["met"]+statuses["missed"] == 0 || len(statuses) > 3 {
		t.Errorf("statuses %v", statuses)
	}

	resp, body = fetch(t, ts.URL+"/api/v1/comparison?indicator=gdp_growth&level=prefecture&format=json")
	var cmp []map[string]any
	if resp.StatusCode != 200 || json.Unmarshal(body, &cmp) != nil || len(cmp) == 0 {
		t.Fatalf("comparison %d: %s", resp.StatusCode, truncate(body, 300))
	}
	for _, c := range cmp {
		if c["level"] != "prefecture" || c["indicator"] != "gdp_growth" {
			t.Errorf("comparison row %v", c)
		}
	}

	_, body = fetch(t, ts.URL+"/api/v1/links?format=codebook&stretch=true")
	if !strings.Contains(string(body), "linking rule") || !strings.Contains(string(body), "stretch value") {
		t.Errorf("links codebook:\n%s", body)
	}
	for _, q := range []string{"/api/v1/comparison?format=csv", "/api/v1/targets?format=csv&about=1", "/api/v1/outcomes?format=zip",
		"/api/v1/links?format=csv&region=huadong", "/api/v1/links?format=parquet&strict=maybe"} {
		resp, body = fetch(t, ts.URL+q)
		var e apiError
		if resp.StatusCode != 400 || json.Unmarshal(body, &e) != nil || e.Error.Code != baogao.EINVALID {
			t.Errorf("%s: %d %s", q, resp.StatusCode, body)
		}
	}
}
