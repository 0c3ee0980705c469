package export

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"io"
	"math"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/parquet-go/parquet-go"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// fixture is a table of targets-like rows with every type, nulls,
// Chinese, a character outside GBK, and texts a spreadsheet would run.
func fixture() Table {
	cols := []Column{
		{Name: "document_id", Type: Integer, Description: "文件编号 document id"},
		{Name: "place_code", Type: Text, Description: "地区代码 GB/T 2260"},
		{Name: "place", Type: Text},
		{Name: "year", Type: Integer},
		{Name: "indicator", Type: Text},
		{Name: "value", Type: Number},
		{Name: "value_high", Type: Number},
		{Name: "unit", Type: Text},
		{Name: "words", Type: List},
		{Name: "text", Type: Text},
	}
	rows := []Row{
		{int64(12), "370828", "山东省济宁市金乡县", int64(2023), "gdp_growth", 7.0, nil, "%", []string{"左右"}, "地区生产总值增长7%左右"},
		{int64(13), "370800", "山东省济宁市", int64(2023), "gdp_growth", 6.0, 6.5, "%", []string{"力争", "以上"}, "增长6%—6.5%"},
		{int64(14), "370000", "山东省", nil, "cpi", -0.5, nil, "%", nil, "=HYPERLINK(\"http://x\",\"点我\")"},
		{int64(15), "", nil, int64(2024), "other", 1e-7, nil, "亿元", []string{"+1", "@x"}, "-3 下降3%"},
		{int64(16), "110101", "北京市东城区", int64(2024), "gdp", 12345678.125, nil, "亿元", nil, "＝SUM(A1)\t𠀋字 \"引号\", 逗号\n换行"},
		{int64(math.MaxInt64), "x", "'=已有撇号", int64(-1), "@cmd", 0.0, nil, "", []string{}, "\t制表"},
	}
	return Table{Name: "targets", Columns: cols, Rows: func(emit func(Row) error) error {
		for _, r := range rows {
			if err := emit(append(Row(nil), r...)); err != nil {
				return err
			}
		}
		return nil
	}}
}

// want is the fixture's rows as every format should give them back:
// empty texts and lists as nil.
func want(t *testing.T, tb Table) []Row {
	var out []Row
	tb.Rows(func(r Row) error {
		if err := check(tb.Columns, r, len(out)+1); err != nil {
			t.Fatal(err)
		}
		out = append(out, r)
		return nil
	})
	return out
}

func testCodebook() *Codebook {
	at := time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC)
	return &Codebook{Title: "预期目标 targets", Source: "https://example.org/", Version: "test", Exported: at,
		Citation: Cite("预期目标 targets", "https://example.org/", "test", at)}
}

func TestRoundTrip(t *testing.T) {
	tb := fixture()
	wantRows := want(t, tb)
	for _, tc := range []struct {
		name   string
		format Format
		enc    string
		read   func(t *testing.T, b []byte, cols []Column) []Row
	}{
		{"csv", CSV, "", readCSV},
		{"csv-gb18030", CSV, "gb18030", readGB18030},
		{"xlsx", XLSX, "", readXLSX},
		{"json", JSON, "", readJSON},
		{"parquet", Parquet, "", readParquet},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			n, err := Write(&buf, fixture(), tc.format, Options{Encoding: tc.enc, Codebook: testCodebook()})
			if err != nil {
				t.Fatal(err)
			}
			if n != len(wantRows) {
				t.Errorf("wrote %d rows, want %d", n, len(wantRows))
			}
			got := tc.read(t, buf.Bytes(), tb.Columns)
			if len(got) != len(wantRows) {
				t.Fatalf("read %d rows, want %d", len(got), len(wantRows))
			}
			for i := range got {
				if !reflect.DeepEqual(got[i], wantRows[i]) {
					t.Errorf("row %d:\n got %#v\nwant %#v", i+1, got[i], wantRows[i])
				}
			}
		})
	}
}

// parseCell reads a CSV or XLSX cell's text as a value of the type.
func parseCell(t *testing.T, s string, typ Type) any {
	t.Helper()
	if s == "" {
		return nil
	}
	switch typ {
	case Number:
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			t.Fatalf("number %q: %v", s, err)
		}
		return f
	case Integer:
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			t.Fatalf("integer %q: %v", s, err)
		}
		return n
	case List:
		return strings.Split(Unescape(s), ListSeparator)
	}
	return Unescape(s)
}

// checkCell fails when a text cell as a spreadsheet reads it would start
// a formula.
func checkCell(t *testing.T, s string, typ Type) {
	t.Helper()
	if typ == Number || typ == Integer || s == "" {
		return
	}
	if r, _ := utf8.DecodeRuneInString(s); formulaStart(r) {
		t.Errorf("cell %q would run as a formula", s)
	}
}

func readCSVText(t *testing.T, text string, cols []Column) []Row {
	r := csv.NewReader(strings.NewReader(text))
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, c := range cols {
		names = append(names, c.Name)
	}
	if !reflect.DeepEqual(recs[0], names) {
		t.Fatalf("header %q, want %q", recs[0], names)
	}
	var rows []Row
	for _, rec := range recs[1:] {
		row := make(Row, len(cols))
		for i, s := range rec {
			checkCell(t, s, cols[i].Type)
			row[i] = parseCell(t, s, cols[i].Type)
		}
		rows = append(rows, row)
	}
	return rows
}

func readCSV(t *testing.T, b []byte, cols []Column) []Row {
	text, ok := strings.CutPrefix(string(b), "\uFEFF")
	if !ok {
		t.Error("no byte-order mark")
	}
	if !strings.Contains(text, "\r\n") {
		t.Error("lines do not end in CRLF")
	}
	return readCSVText(t, text, cols)
}

func readGB18030(t *testing.T, b []byte, cols []Column) []Row {
	if bytes.HasPrefix(b, []byte("\uFEFF")) || !bytes.Contains(b, []byte{0xbd, 0xf0, 0xcf, 0xe7}) { // 金乡 in GBK
		t.Errorf("not GB18030: % x", b[:min(len(b), 40)])
	}
	text, err := simplifiedchinese.GB18030.NewDecoder().Bytes(b)
	if err != nil {
		t.Fatal(err)
	}
	return readCSVText(t, string(text), cols)
}

func readXLSX(t *testing.T, b []byte, cols []Column) []Row {
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheet := f.GetSheetName(0)
	if got := f.GetSheetList(); len(got) != 2 || got[1] != "codebook" {
		t.Errorf("sheets %q", got)
	}
	panes, err := f.GetPanes(sheet)
	if err != nil || !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("header not frozen: %+v %v", panes, err)
	}
	if w, _ := f.GetColWidth(sheet, "A"); w < 10 {
		t.Errorf("column width %v", w)
	}
	cb, _ := f.GetRows("codebook")
	if !strings.Contains(strings.Join(flat(cb), "\n"), "地区生产总值增长") || !strings.Contains(strings.Join(flat(cb), "\n"), "[DS/OL]") {
		t.Errorf("codebook sheet lacks the indicators or the citation")
	}
	all, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	var rows []Row
	for y, rec := range all[1:] {
		row := make(Row, len(cols))
		for i := range cols {
			s := ""
			if i < len(rec) {
				s = rec[i]
			}
			cell, _ := excelize.CoordinatesToCellName(i+1, y+2)
			typ, _ := f.GetCellType(sheet, cell)
			if s != "" {
				isNum := typ == excelize.CellTypeNumber || typ == excelize.CellTypeUnset
				if numeric := cols[i].Type == Number || cols[i].Type == Integer; numeric != isNum {
					t.Errorf("%s (%s) has cell type %v", cell, cols[i].Name, typ)
				}
			}
			if formula, _ := f.GetCellFormula(sheet, cell); formula != "" {
				t.Errorf("%s holds a formula %q", cell, formula)
			}
			checkCell(t, s, cols[i].Type)
			row[i] = parseCell(t, s, cols[i].Type)
		}
		rows = append(rows, row)
	}
	return rows
}

func flat(rows [][]string) []string {
	var out []string
	for _, r := range rows {
		out = append(out, r...)
	}
	return out
}

func readJSON(t *testing.T, b []byte, cols []Column) []Row {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var objs []map[string]any
	if err := dec.Decode(&objs); err != nil {
		t.Fatal(err)
	}
	var rows []Row
	for _, o := range objs {
		if len(o) != len(cols) {
			t.Errorf("object has %d keys, want %d", len(o), len(cols))
		}
		row := make(Row, len(cols))
		for i, c := range cols {
			switch v := o[c.Name].(type) {
			case json.Number:
				if c.Type == Integer {
					n, err := v.Int64()
					if err != nil {
						t.Fatalf("%s: %v", c.Name, err)
					}
					row[i] = n
				} else {
					f, _ := v.Float64()
					row[i] = f
				}
			case []any:
				if c.Type != List {
					t.Errorf("%s: an array", c.Name)
				}
				var l []string
				for _, x := range v {
					l = append(l, x.(string))
				}
				if len(l) > 0 {
					row[i] = l
				}
			case string:
				row[i] = v
			case nil:
				if c.Type == List {
					t.Errorf("%s: null, want an array", c.Name)
				}
			}
		}
		rows = append(rows, row)
	}
	return rows
}

func readParquet(t *testing.T, b []byte, cols []Column) []Row {
	f, err := parquet.OpenFile(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	if js, ok := f.Lookup("baogao.codebook"); !ok || !json.Valid([]byte(js)) || !strings.Contains(js, "地区生产总值增长") {
		t.Errorf("codebook metadata missing or not JSON")
	}
	if c, ok := f.Lookup("baogao.citation"); !ok || !strings.Contains(c, "[DS/OL]") {
		t.Errorf("citation metadata %q", c)
	}
	schema := f.Schema()
	for i, field := range schema.Fields() {
		if field.Name() != cols[i].Name {
			t.Errorf("column %d is %s, want %s", i, field.Name(), cols[i].Name)
		}
		if cols[i].Type == List {
			continue
		}
		want := map[Type]parquet.Kind{Number: parquet.Double, Integer: parquet.Int64, Text: parquet.ByteArray}[cols[i].Type]
		if got := field.Type().Kind(); got != want {
			t.Errorf("column %s is %v, want %v", cols[i].Name, got, want)
		}
	}
	r := parquet.NewReader(f)
	defer r.Close()
	var rows []Row
	buf := make([]parquet.Row, 4)
	for {
		n, err := r.ReadRows(buf)
		for _, pr := range buf[:n] {
			row := make(Row, len(cols))
			pr.Range(func(col int, vs []parquet.Value) bool {
				for _, v := range vs {
					if v.IsNull() {
						continue
					}
					switch cols[col].Type {
					case Number:
						row[col] = v.Double()
					case Integer:
						row[col] = v.Int64()
					case Text:
						row[col] = string(v.ByteArray())
					case List:
						l, _ := row[col].([]string)
						row[col] = append(l, string(v.ByteArray()))
					}
				}
				return true
			})
			rows = append(rows, row)
		}
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	return rows
}
