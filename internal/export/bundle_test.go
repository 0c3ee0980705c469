package export

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/baogao/baogao"
	"github.com/baogao/baogao/internal/attainment"
	"github.com/baogao/baogao/internal/place"
	"github.com/baogao/baogao/internal/sqlite"
)

// testStore is a SQLite archive of four documents: three work reports
// under 济宁市 (one of them with a title no file system takes) and a
// bulletin of 北京市东城区.
func testStore(t *testing.T) (*sqlite.Store, []*baogao.Document) {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "b.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	g := place.Default()
	if err := st.SyncPlaces(ctx, g); err != nil {
		t.Fatal(err)
	}
	var docs []*baogao.Document
	for i, d := range []struct {
		kind  baogao.Kind
		code  string
		year  int
		title string
	}{
		{baogao.KindWorkReport, "370828", 2024, "政府工作报告"},
		{baogao.KindWorkReport, "370800", 2024, "2024年济宁市政府工作报告"},
		{baogao.KindWorkReport, "370828", 2023, `关于"2023"年/计划: 报告?`},
		{baogao.KindStatsBulletin, "110101", 2023, "东城区2023年国民经济和社会发展统计公报"},
		{baogao.KindStatsBulletin, "370828", 2024, "金乡县2024年国民经济和社会发展统计公报"},
	} {
		p, _ := g.Place(d.code)
		doc := &baogao.Document{
			Meta: baogao.Meta{Title: d.title, Kind: d.kind, PlaceCode: d.code, Place: g.FullName(d.code), Level: p.Level,
				Region: baogao.RegionOf(d.code), Year: d.year, Date: fmt.Sprintf("%d-01-0%d", d.year, i+1), Script: "simplified"},
			Body:   fmt.Sprintf("各位代表：\n%s正文第%d篇。地区生产总值增长7%%左右。", d.title, i),
			SHA256: fmt.Sprintf("%064x", i+1),
		}
		switch i {
		case 1:
			doc.Extraction.Targets = []baogao.Target{{Indicator: "gdp_growth", Label: "地区生产总值", Value: 6, Unit: "%",
				Qualifier: baogao.QualExact, Year: intp(2024), Text: "地区生产总值增长6%", Span: baogao.Span{1, 2}}}
		case 4:
			doc.Extraction.Outcomes = []baogao.Outcome{{Indicator: "gdp_growth", Label: "全县生产总值", Value: 6.8, Unit: "%", Year: intp(2024),
				Vintage: baogao.VintageFinal, Text: "全县生产总值增长6.8%", Span: baogao.Span{1, 2}}}
		case 0:
			y := 2024
			doc.Extraction = baogao.Extraction{
				Targets: []baogao.Target{
					{Indicator: "gdp_growth", Label: "地区生产总值", Value: 7, Unit: "%", Qualifier: baogao.QualAbout,
						Words: []string{"左右"}, Year: &y, Text: "地区生产总值增长7%左右", Span: baogao.Span{1, 2}},
					{Indicator: "retail_growth", Label: "社会消费品零售总额", Value: 6, ValueHigh: f64(6.5), Stretch: f64(7), Unit: "%",
						Qualifier: baogao.QualRange, Words: []string{"力争"}, Text: "-6%—6.5%", Span: baogao.Span{3, 4}},
				},
				Outcomes: []baogao.Outcome{
					{Indicator: "gdp_growth", Label: "地区生产总值", Value: 5.5, Unit: "%", Year: intp(2023),
						Vintage: baogao.VintageEstimated, Basis: "按可比价格", Text: "地区生产总值增长5.5%", Span: baogao.Span{5, 6}},
					{Indicator: "gdp", Value: 100, Unit: "亿元", Bound: "at_least", Text: "突破100亿元", Span: baogao.Span{7, 8}},
				},
			}
		}
		src := baogao.Source{URL: fmt.Sprintf("https://example.gov.cn/%d.html", i), FetchedAt: time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC),
			SHA256: fmt.Sprintf("%064x", 100+i)}
		if err := st.AddDocument(ctx, doc, src); err != nil {
			t.Fatal(err)
		}
		docs = append(docs, doc)
	}
	return st, docs
}

func TestBundle(t *testing.T) {
	st, docs := testStore(t)
	var buf bytes.Buffer
	f := baogao.DocumentFilter{Kind: baogao.KindWorkReport, Prefecture: "3708"}
	n, err := WriteBundle(context.Background(), &buf, st, f, BundleOptions{Base: "https://baogao.example", Codebook: testCodebook()})
	if err != nil {
		t.Fatal(err)
	}
	if n != 3 {
		t.Errorf("wrote %d documents, want 3", n)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{}
	var names []string
	for _, zf := range zr.File {
		if zf.Flags&0x800 == 0 && strings.ContainsFunc(zf.Name, func(r rune) bool { return r > 127 }) {
			t.Errorf("%s: the UTF-8 flag is not set", zf.Name)
		}
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		files[zf.Name] = string(b)
		names = append(names, zf.Name)
	}
	// Newest year first, then id descending, as the listing.
	wantNames := []string{
		fmt.Sprintf("2024-山东省济宁市-2024年济宁市政府工作报告-%d.txt", docs[1].ID),
		fmt.Sprintf("2024-山东省济宁市金乡县-政府工作报告-%d.txt", docs[0].ID),
		fmt.Sprintf("2023-山东省济宁市金乡县-关于_2023_年_计划__报告-%d.txt", docs[2].ID),
		"index.csv", "说明.md",
	}
	if strings.Join(names, "\n") != strings.Join(wantNames, "\n") {
		t.Errorf("files:\n%s\nwant\n%s", strings.Join(names, "\n"), strings.Join(wantNames, "\n"))
	}
	text := files[wantNames[1]]
	for _, want := range []string{"标题：政府工作报告\n", "地区：山东省济宁市金乡县（370828）\n", "来源：https://example.gov.cn/0.html\n",
		"本站：https://baogao.example/baogao/huadong/", "\n————————\n\n各位代表：\n政府工作报告正文第0篇。"} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q:\n%s", want, text)
		}
	}
	rows := readCSV(t, []byte(files["index.csv"]), BundleIndexColumns)
	if len(rows) != 3 {
		t.Fatalf("index has %d rows", len(rows))
	}
	for i, r := range rows {
		if r[len(r)-1] != wantNames[i] {
			t.Errorf("index row %d names %v, want %s", i, r[len(r)-1], wantNames[i])
		}
	}
	wantRow := Row{docs[0].ID, fmt.Sprintf("https://baogao.example/baogao/huadong/%d.html", docs[0].ID), "work_report", "370828",
		"山东省济宁市金乡县", "county", "huadong", int64(2024), "2024-01-01", "政府工作报告", "https://example.gov.cn/0.html",
		"2024-01-02T03:04:05Z", fmt.Sprintf("%064x", 1), wantNames[1]}
	if fmt.Sprint(rows[1]) != fmt.Sprint(wantRow) {
		t.Errorf("index row:\n got %v\nwant %v", rows[1], wantRow)
	}
	if md := files["说明.md"]; !strings.Contains(md, "`file`") || !strings.Contains(md, "**rows**: 3") || !strings.Contains(md, "[DS/OL]") {
		t.Errorf("说明.md:\n%s", md)
	}
}

func TestBundleEmpty(t *testing.T) {
	st, _ := testStore(t)
	var buf bytes.Buffer
	n, err := WriteBundle(context.Background(), &buf, st, baogao.DocumentFilter{Kind: baogao.KindPlan}, BundleOptions{})
	if err != nil || n != 0 {
		t.Fatalf("%d, %v", n, err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil || len(zr.File) != 1 || zr.File[0].Name != "index.csv" {
		t.Fatalf("an empty bundle holds %v (%v)", zr.File, err)
	}
}

func TestDocumentsTable(t *testing.T) {
	st, docs := testStore(t)
	var buf bytes.Buffer
	tb := Documents(context.Background(), st, baogao.DocumentFilter{Kind: baogao.KindStatsBulletin, Province: "11"}, "")
	if _, err := Write(&buf, tb, JSON, Options{}); err != nil {
		t.Fatal(err)
	}
	rows := readJSON(t, buf.Bytes(), DocumentColumns)
	want := Row{docs[3].ID, fmt.Sprintf("/gongbao/huabei/%d.html", docs[3].ID), "stats_bulletin", "110101", "北京市东城区",
		"county", "huabei", int64(2023), "2023-01-04", "东城区2023年国民经济和社会发展统计公报", "https://example.gov.cn/3.html",
		"2024-01-02T03:04:05Z", fmt.Sprintf("%064x", 4)}
	if len(rows) != 1 || fmt.Sprint(rows[0]) != fmt.Sprint(want) {
		t.Errorf("rows %v\nwant %v", rows, want)
	}
}

func f64(v float64) *float64 { return &v }
func intp(v int) *int        { return &v }

func TestFigureTables(t *testing.T) {
	st, docs := testStore(t)
	ctx := context.Background()
	id := docs[0].ID
	tid := func(seq int) int64 { return baogao.FigureID(id, seq) }
	u := func(mark string, seq int) string {
		return fmt.Sprintf("https://b.example/baogao/huadong/%d.html#%s-%d", id, mark, seq)
	}
	rule := attainment.DefaultRule()
	g := place.Default()
	parentOf := func(code string) string { p, _ := g.Place(code); return p.Parent }
	comparison := Comparison(ctx, st, baogao.FigureFilter{Indicator: "gdp_growth", PlaceCode: "370800", Level: baogao.LevelCounty}, rule, parentOf)
	bulletin := docs[4].ID
	for _, tc := range []struct {
		name string
		tb   Table
		want []Row
	}{
		{"targets", Targets(ctx, st, baogao.FigureFilter{PlaceCode: "370828"}, "https://b.example"), []Row{
			{tid(0), id, "work_report", u("t", 0), "370828", "山东省济宁市金乡县", "county", int64(2024), "gdp_growth", "地区生产总值", 7.0, nil, nil, "%", "about", []string{"左右"}, "地区生产总值增长7%左右", int64(0)},
			{tid(1), id, "work_report", u("t", 1), "370828", "山东省济宁市金乡县", "county", nil, "retail_growth", "社会消费品零售总额", 6.0, 6.5, 7.0, "%", "range", []string{"力争"}, "-6%—6.5%", int64(0)},
		}},
		{"targets of one indicator", Targets(ctx, st, baogao.FigureFilter{Indicator: "retail_growth"}, "https://b.example"), []Row{
			{tid(1), id, "work_report", u("t", 1), "370828", "山东省济宁市金乡县", "county", nil, "retail_growth", "社会消费品零售总额", 6.0, 6.5, 7.0, "%", "range", []string{"力争"}, "-6%—6.5%", int64(0)},
		}},
		{"outcomes", Outcomes(ctx, st, baogao.FigureFilter{Kind: baogao.KindWorkReport}, "https://b.example"), []Row{
			{tid(0), id, "work_report", u("o", 0), "370828", "山东省济宁市金乡县", "county", int64(2023), "gdp_growth", "地区生产总值", 5.5, "%", "estimated", "按可比价格", nil, "地区生产总值增长5.5%", int64(0)},
			{tid(1), id, "work_report", u("o", 1), "370828", "山东省济宁市金乡县", "county", nil, "gdp", nil, 100.0, "亿元", nil, nil, "at_least", "突破100亿元", int64(0)},
		}},
		{"no outcomes", Outcomes(ctx, st, baogao.FigureFilter{PlaceCode: "110000"}, ""), nil},
		{"links", Links(ctx, st, baogao.FigureFilter{Indicator: "gdp_growth"}, rule, ""), []Row{
			{"370800", "山东省济宁市", "prefecture", int64(2024), "gdp_growth", "%", "no_data", nil, nil,
				baogao.FigureID(docs[1].ID, 0), 6.0, nil, nil, "exact", "地区生产总值增长6%", docs[1].ID, fmt.Sprintf("/baogao/huadong/%d.html#t-0", docs[1].ID), int64(0), int64(0),
				nil, nil, nil, nil, nil, nil, nil, nil, int64(0), int64(0)},
			{"370828", "山东省济宁市金乡县", "county", int64(2024), "gdp_growth", "%", "met", -0.2, nil,
				tid(0), 7.0, nil, nil, "about", "地区生产总值增长7%左右", id, fmt.Sprintf("/baogao/huadong/%d.html#t-0", id), int64(0), int64(0),
				baogao.FigureID(bulletin, 0), 6.8, "final", nil, "全县生产总值增长6.8%", "stats_bulletin", bulletin, fmt.Sprintf("/gongbao/huadong/%d.html#o-0", bulletin), int64(0), int64(0)},
		}},
		{"comparison", comparison, []Row{
			{"370828", "山东省济宁市金乡县", "county", int64(2024), "gdp_growth", "%", "met", 7.0, 6.8, -0.2, "370800", "山东省济宁市", 6.0, 1.0, int64(1)},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, f := range []struct {
				format Format
				read   func(*testing.T, []byte, []Column) []Row
			}{{XLSX, readXLSX}, {Parquet, readParquet}, {JSON, readJSON}} {
				var buf bytes.Buffer
				if _, err := Write(&buf, tc.tb, f.format, Options{Codebook: testCodebook()}); err != nil {
					t.Fatal(err)
				}
				got := f.read(t, buf.Bytes(), tc.tb.Columns)
				if fmt.Sprintf("%#v", got) != fmt.Sprintf("%#v", tc.want) && !(len(got) == 0 && len(tc.want) == 0) {
					t.Errorf("%s:\n got %#v\nwant %#v", f.format, got, tc.want)
				}
			}
		})
	}
}
