package export

import (
	"bufio"
	"encoding/csv"
	"io"
	"strconv"
	"strings"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/transform"
)

// csvEncoder writes RFC 4180 CSV (CRLF line ends) with a header row. In
// UTF-8 it begins with a byte-order mark, without which Excel reads the
// file in the system's code page and garbles Chinese.
type csvEncoder struct {
	buf    *bufio.Writer
	tr     io.WriteCloser // the GB18030 transformer, or nil
	w      *csv.Writer
	cols   []Column
	record []string
}

func newCSV(w io.Writer, cols []Column, encoding string) (*csvEncoder, error) {
	encoding, err := ParseEncoding(encoding)
	if err != nil {
		return nil, err
	}
	e := &csvEncoder{cols: cols, record: make([]string, len(cols))}
	if encoding == "gb18030" {
		// GB18030 encodes every Unicode character, so nothing is lost.
		e.tr = transform.NewWriter(w, simplifiedchinese.GB18030.NewEncoder())
		w = e.tr
	}
	e.buf = bufio.NewWriterSize(w, 64<<10)
	if encoding == "utf-8" {
		e.buf.WriteString("\uFEFF")
	}
	e.w = csv.NewWriter(e.buf)
	e.w.UseCRLF = true
	for i, c := range cols {
		e.record[i] = c.Name
	}
	return e, e.w.Write(e.record)
}

func (e *csvEncoder) row(r Row) error {
	for i, v := range r {
		e.record[i] = cellText(v)
	}
	return e.w.Write(e.record)
}

func (e *csvEncoder) close(int) error {
	e.w.Flush()
	if err := e.w.Error(); err != nil {
		return err
	}
	if err := e.buf.Flush(); err != nil {
		return err
	}
	if e.tr != nil {
		return e.tr.Close()
	}
	return nil
}

func (e *csvEncoder) abort() {}

// cellText is a value as the text of a CSV cell: numbers in full
// precision without exponent, lists joined with "|", text escaped so that
// no spreadsheet runs it, nothing for nil.
func cellText(v any) string {
	switch v := v.(type) {
	case string:
		return Escape(v)
	case float64:
		return formatNumber(v)
	case int64:
		return strconv.FormatInt(v, 10)
	case []string:
		return Escape(strings.Join(v, ListSeparator))
	}
	return ""
}

// formatNumber writes v as the shortest decimal that reads back as v,
// without an exponent, which spreadsheets and statistics packages all read.
func formatNumber(v float64) string {
	return strconv.FormatFloat(v, 'f', -1, 64)
}
