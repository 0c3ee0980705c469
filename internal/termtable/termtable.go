// Package termtable writes tab-separated cells as columns aligned on a
// terminal, counting Chinese characters two columns wide (text/tabwriter
// counts every character as one, so Chinese cells push the columns after
// them out of line).
package termtable

import (
	"io"
	"strings"

	"golang.org/x/text/width"
)

// Writer collects lines of cells separated by tabs and writes them, padded
// into columns, when Flush is called. It is not safe for concurrent use.
type Writer struct {
	w       io.Writer
	gap     int
	rows    [][]string
	pending string // a line not yet ended
}

// NewWriter returns a Writer that writes to w with gap spaces between
// columns.
func NewWriter(w io.Writer, gap int) *Writer {
	return &Writer{w: w, gap: gap}
}

// Write takes text whose lines end in "\n" and whose cells are separated by
// tabs; a line without its "\n" waits for the rest in the next Write.
func (t *Writer) Write(p []byte) (int, error) {
	t.pending += string(p)
	for {
		line, rest, ok := strings.Cut(t.pending, "\n")
		if !ok {
			return len(p), nil
		}
		t.rows = append(t.rows, strings.Split(line, "\t"))
		t.pending = rest
	}
}

// Flush writes the collected lines, each column as wide as its widest
// cell, without trailing spaces, and a line not yet ended as it is.
func (t *Writer) Flush() error {
	var widths []int
	for _, r := range t.rows {
		for i, c := range r[:max(len(r)-1, 0)] {
			if i == len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], Width(c))
		}
	}
	var b, line strings.Builder
	for _, r := range t.rows {
		line.Reset()
		for i, c := range r {
			line.WriteString(c)
			if i < len(r)-1 {
				line.WriteString(strings.Repeat(" ", widths[i]-Width(c)+t.gap))
			}
		}
		b.WriteString(strings.TrimRight(line.String(), " ")) // empty last cells leave no trailing spaces
		b.WriteByte('\n')
	}
	b.WriteString(t.pending)
	t.rows, t.pending = t.rows[:0], ""
	_, err := io.WriteString(t.w, b.String())
	return err
}

// Width is the number of terminal columns s takes: two for East Asian wide
// and fullwidth characters (汉字, ，), one for the others.
func Width(s string) int {
	n := 0
	for _, r := range s {
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth:
			n += 2
		default:
			n++
		}
	}
	return n
}
