// Package export writes the archive's tables — documents, targets,
// outcomes, links, comparisons — as CSV, XLSX, JSON or Parquet, each with
// its codebook and citation, and bundles documents as a ZIP of texts.
package export

import (
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/baogao/baogao"
)

// Type is the type of a column's values.
type Type int

// The column types. A Row holds, per column, nil (no value) or a value of
// the column's Go type: string for Text, float64 for Number, int64 for
// Integer, []string for List.
const (
	Text    Type = iota // string
	Number              // float64
	Integer             // int64
	List                // []string: joined with "|" in CSV and XLSX, an array in JSON and Parquet
)

func (t Type) String() string {
	switch t {
	case Number:
		return "number"
	case Integer:
		return "integer"
	case List:
		return "list"
	}
	return "text"
}

// Column describes one column of a table.
type Column struct {
	Name        string // machine name: place_code
	Type        Type
	Unit        string // "" when the column has none or a unit column gives it
	Description string // what it holds, for the codebook (Chinese, then English)
	// Width is the column's width in XLSX, in characters; 0 chooses one
	// from the type.
	Width float64
}

// Row is one row of a table: a value per column, of the column's type, or
// nil where there is none.
type Row []any

// Table is a table to export: its columns and a stream of rows.
type Table struct {
	Name    string // documents, targets, outcomes, links, comparison
	Columns []Column
	// Rows calls emit once per row, in order, and returns the first error
	// emit returns. Rows may reuse the slice it passes; encoders do not
	// keep it.
	Rows func(emit func(Row) error) error
}

// Format is an export file format.
type Format string

// The formats.
const (
	CSV     Format = "csv"
	XLSX    Format = "xlsx"
	JSON    Format = "json"
	Parquet Format = "parquet"
)

// Formats lists the formats in the order they are offered.
var Formats = []Format{CSV, XLSX, JSON, Parquet}

// ParseFormat reads a format name (csv, xlsx, json, parquet), failing
// with EINVALID.
func ParseFormat(s string) (Format, error) {
	f := Format(strings.ToLower(strings.TrimSpace(s)))
	for _, g := range Formats {
		if f == g {
			return f, nil
		}
	}
	return "", baogao.Errorf(baogao.EINVALID, "format %q: 格式只能是 csv、xlsx、json 或 parquet", s)
}

// ContentType returns the format's media type.
func (f Format) ContentType() string {
	switch f {
	case CSV:
		return "text/csv; charset=utf-8"
	case XLSX:
		return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	case JSON:
		return "application/json; charset=utf-8"
	case Parquet:
		return "application/vnd.apache.parquet"
	}
	return "application/octet-stream"
}

// Encodings are the character encodings a CSV can be written in: UTF-8
// with a byte-order mark (so that Excel shows Chinese), or GB18030 (what
// Excel on a Chinese Windows reads without one).
var Encodings = []string{"utf-8", "gb18030"}

// ParseEncoding reads a CSV encoding: "" or utf-8 (also utf8), or
// gb18030 (also gbk, which it includes), failing with EINVALID.
func ParseEncoding(s string) (string, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "utf-8", "utf8":
		return "utf-8", nil
	case "gb18030", "gbk":
		return "gb18030", nil
	}
	return "", baogao.Errorf(baogao.EINVALID, "encoding %q: 编码只能是 utf-8 或 gb18030", s)
}

// Options are the choices of Write beyond the format.
type Options struct {
	// Encoding is the CSV's character encoding (see Encodings); "" is
	// UTF-8 with a byte-order mark. Other formats are always UTF-8.
	Encoding string
	// Codebook is carried inside the file where the format has room for
	// it: a second sheet in XLSX, key-value metadata in Parquet. CSV and
	// JSON carry none: write Codebook.Markdown beside them. nil carries
	// none.
	Codebook *Codebook
}

// Write writes the table to w in the format, streaming its rows, and
// returns how many rows it wrote. A row whose values do not fit the
// columns fails with EINVALID; the file is then incomplete.
func Write(w io.Writer, t Table, f Format, o Options) (int, error) {
	var enc encoder
	var err error
	switch f {
	case CSV:
		enc, err = newCSV(w, t.Columns, o.Encoding)
	case XLSX:
		enc, err = newXLSX(w, t, o.Codebook)
	case JSON:
		enc, err = newJSON(w, t.Columns)
	case Parquet:
		enc, err = newParquet(w, t, o.Codebook)
	default:
		_, err = ParseFormat(string(f))
	}
	if err != nil {
		return 0, err
	}
	n := 0
	err = t.Rows(func(r Row) error {
		if err := check(t.Columns, r, n+1); err != nil {
			return err
		}
		n++
		return enc.row(r)
	})
	if err != nil {
		enc.abort()
		return n, err
	}
	if err := enc.close(n); err != nil {
		return n, fmt.Errorf("export %s as %s: %w", t.Name, f, err)
	}
	return n, nil
}

// encoder writes the rows of one file.
type encoder interface {
	row(Row) error
	close(rows int) error // finish the file
	abort()               // release what the encoder holds, after a failure
}

// check fails with EINVALID unless each value of r is nil or of its
// column's type. Values no format can tell from none become nil, so that
// every format holds the same rows: a number that is not finite (NaN,
// ±Inf), an empty text and an empty list (CSV writes them all as an empty
// cell).
func check(cols []Column, r Row, n int) error {
	if len(r) != len(cols) {
		return baogao.Errorf(baogao.EINVALID, "row %d has %d values for %d columns", n, len(r), len(cols))
	}
	for i, v := range r {
		if v == nil {
			continue
		}
		ok := false
		switch cols[i].Type {
		case Text:
			var s string
			if s, ok = v.(string); ok && s == "" {
				r[i] = nil
			}
		case Number:
			var f float64
			if f, ok = v.(float64); ok && (math.IsNaN(f) || math.IsInf(f, 0)) {
				r[i] = nil
			}
		case Integer:
			_, ok = v.(int64)
		case List:
			var l []string
			if l, ok = v.([]string); ok && len(l) == 0 {
				r[i] = nil
			}
		}
		if !ok {
			return baogao.Errorf(baogao.EINVALID, "row %d, column %s: %T is not a %s", n, cols[i].Name, v, cols[i].Type)
		}
	}
	return nil
}

// ListSeparator joins the items of a list in CSV and XLSX.
const ListSeparator = "|"
