package export

import (
	"io"
	"strings"
	"unicode/utf8"

	"github.com/baogao/baogao"
	"github.com/xuri/excelize/v2"
)

// xlsxEncoder writes one sheet named after the table, streamed (excelize
// keeps rows beyond a few megabytes in a temporary file, not in memory):
// a bold header row frozen above the rest, widths by column, numbers as
// numbers, text escaped, lists joined with "|"; then a second sheet
// "codebook" with the codebook and the citation.
type xlsxEncoder struct {
	f      *excelize.File
	sw     *excelize.StreamWriter
	w      io.Writer
	t      Table
	cb     *Codebook
	values []any
	n      int // rows written, the header included
}

// maxXLSXRows is the most rows a sheet holds, the header included.
const maxXLSXRows = excelize.TotalRows

func newXLSX(w io.Writer, t Table, cb *Codebook) (*xlsxEncoder, error) {
	e := &xlsxEncoder{f: excelize.NewFile(), w: w, t: t, cb: cb, values: make([]any, len(t.Columns))}
	sheet := sheetName(t.Name)
	if err := e.f.SetSheetName("Sheet1", sheet); err != nil {
		e.abort()
		return nil, err
	}
	sw, err := e.f.NewStreamWriter(sheet)
	if err != nil {
		e.abort()
		return nil, err
	}
	e.sw = sw
	bold, err := e.f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		e.abort()
		return nil, err
	}
	for i, c := range t.Columns {
		if err := sw.SetColWidth(i+1, i+1, columnWidth(c)); err != nil {
			e.abort()
			return nil, err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		e.abort()
		return nil, err
	}
	header := make([]any, len(t.Columns))
	for i, c := range t.Columns {
		header[i] = excelize.Cell{StyleID: bold, Value: c.Name}
	}
	if err := e.next(header); err != nil {
		e.abort()
		return nil, err
	}
	return e, nil
}

// next writes the next row of the sheet.
func (e *xlsxEncoder) next(values []any) error {
	if e.n >= maxXLSXRows {
		return baogao.Errorf(baogao.EINVALID, "an XLSX sheet holds at most %d rows: choose csv, json or parquet, or a narrower filter", maxXLSXRows-1)
	}
	e.n++
	cell, err := excelize.CoordinatesToCellName(1, e.n)
	if err != nil {
		return err
	}
	return e.sw.SetRow(cell, values)
}

func (e *xlsxEncoder) row(r Row) error {
	for i, v := range r {
		switch v := v.(type) {
		case string:
			e.values[i] = Escape(v)
		case []string:
			e.values[i] = Escape(strings.Join(v, ListSeparator))
		default:
			e.values[i] = v // float64, int64 or nil: numbers stay numbers
		}
	}
	return e.next(e.values)
}

func (e *xlsxEncoder) close(int) error {
	defer e.abort()
	if err := e.sw.Flush(); err != nil {
		return err
	}
	if e.cb != nil {
		if err := e.codebookSheet(); err != nil {
			return err
		}
	}
	_, err := e.f.WriteTo(e.w)
	return err
}

// codebookSheet writes the codebook as a second sheet: one line per
// column, term and note, under the headings of Codebook.Lines.
func (e *xlsxEncoder) codebookSheet() error {
	const name = "codebook"
	if _, err := e.f.NewSheet(name); err != nil {
		return err
	}
	sw, err := e.f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	bold, err := e.f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	for i, w := range []float64{22, 28, 12, 80} {
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
			return err
		}
	}
	for i, l := range e.cb.Lines(e.t.Columns) {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		values := make([]any, len(l.Cells))
		for j, c := range l.Cells {
			if l.Heading {
				values[j] = excelize.Cell{StyleID: bold, Value: Escape(c)}
			} else {
				values[j] = Escape(c)
			}
		}
		if err := sw.SetRow(cell, values); err != nil {
			return err
		}
	}
	return sw.Flush()
}

func (e *xlsxEncoder) abort() { e.f.Close() }

// sheetName makes a valid sheet name: at most 31 characters, none of
// : \ / ? * [ ].
func sheetName(s string) string {
	s = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`:\/?*[]`, r) {
			return '_'
		}
		return r
	}, s)
	if utf8.RuneCountInString(s) > 31 {
		s = string([]rune(s)[:31])
	}
	if s == "" || strings.EqualFold(s, "codebook") {
		s = "data"
	}
	return s
}

// columnWidth is a column's width in characters: its own, or one fitting
// its type and its header (a Chinese character is two wide).
func columnWidth(c Column) float64 {
	if c.Width > 0 {
		return c.Width
	}
	w := 18.0
	switch c.Type {
	case Number:
		w = 12
	case Integer:
		w = 10
	case List:
		w = 14
	}
	return max(w, displayWidth(c.Name)+2)
}

func displayWidth(s string) float64 {
	w := 0.0
	for _, r := range s {
		if r >= 0x2E80 {
			w += 2
		} else {
			w++
		}
	}
	return w
}
