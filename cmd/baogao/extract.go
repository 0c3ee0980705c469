package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/baogao/baogao"
	"github.com/baogao/baogao/internal/ingest"
	"github.com/baogao/baogao/internal/termtable"
)

var extractCommand = command{
	name:    "extract",
	args:    "FILE|-",
	summary: "read one document (no database) and print its metadata, outline, targets, outcomes, goals and projects",
	setup: func(fs *flag.FlagSet, e *env) func(context.Context, []string) error {
		c := &extractCmd{env: e}
		fs.BoolVar(&c.json, "json", false, "print the JSON object of SPEC §6")
		fs.BoolVar(&c.body, "body", false, "include the clean body text")
		return c.run
	},
}

type extractCmd struct {
	*env
	json, body bool
}

// extractOutput is the JSON of `baogao extract --json` (SPEC §6).
type extractOutput struct {
	Meta    baogao.Meta      `json:"meta"`
	Outline []baogao.Heading `json:"outline"`
	baogao.Extraction
	Body *string `json:"body,omitempty"`
}

func (c *extractCmd) run(ctx context.Context, args []string) error {
	if len(args) != 1 {
		return baogao.Errorf(baogao.EINVALID, "give one file, or - for standard input")
	}
	name := args[0]
	var raw []byte
	var err error
	if name == "-" {
		raw, err = io.ReadAll(io.LimitReader(c.stdin, ingest.MaxBytes+1))
	} else {
		raw, err = os.ReadFile(name)
	}
	if err != nil {
		return baogao.Errorf(baogao.EINVALID, "cannot read %s: %v", name, unwrapPath(err))
	}
	doc, _, err := newParser().Parse(raw, ingest.Input{Name: name})
	if err != nil {
		return err
	}
	if c.json {
		out := extractOutput{Meta: doc.Meta, Outline: doc.Outline, Extraction: doc.Extraction}
		if c.body {
			out.Body = &doc.Body
		}
		enc := json.NewEncoder(c.stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	c.printText(doc)
	return nil
}

func unwrapPath(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}

// printText prints a document for a reader at a terminal.
func (c *extractCmd) printText(doc *baogao.Document) {
	w := c.stdout
	m := doc.Meta
	fmt.Fprintf(w, "%s\n\n", m.Title)
	tw := termtable.NewWriter(w, 2)
	row := func(k, v string) {
		if v != "" {
			fmt.Fprintf(tw, "%s\t%s\n", k, v)
		}
	}
	row("kind", string(m.Kind))
	row("place", strings.TrimSpace(m.PlaceCode+" "+m.Place))
	if len(m.PlaceCandidates) > 0 {
		row("place", "ambiguous: "+strings.Join(m.PlaceCandidates, ", "))
	}
	row("region", string(m.Region))
	if m.Year != 0 {
		row("year", strconv.Itoa(m.Year))
	}
	row("date", m.Date)
	row("issuer", m.Issuer)
	row("session", m.Session)
	row("speaker", m.Speaker)
	row("script", m.Script)
	row("encoding", m.Encoding)
	if m.Flagged {
		row("flagged", "text decoded badly")
	}
	tw.Flush()
	if len(doc.Outline) > 0 {
		fmt.Fprintln(w, "\noutline")
		for _, h := range doc.Outline {
			fmt.Fprintf(w, "%s%s\n", strings.Repeat("  ", h.Level), h.Title)
		}
	}
	ex := doc.Extraction
	var rows [][]string
	for _, t := range ex.Targets {
		rows = append(rows, []string{t.Indicator, valueText(t.Value, t.ValueHigh, t.Stretch), t.Unit, string(t.Qualifier), yearText(t.Year), t.Text})
	}
	printTable(w, "targets", rows)
	rows = nil
	for _, o := range ex.Outcomes {
		rows = append(rows, []string{o.Indicator, fmtNum(o.Value), o.Unit, yearText(o.Year), string(o.Vintage), o.Text})
	}
	printTable(w, "outcomes", rows)
	rows = nil
	for _, g := range ex.Goals {
		rows = append(rows, []string{g.Subject, g.Metric, fmtNum(g.Value), g.Unit, g.Text})
	}
	printTable(w, "goals", rows)
	rows = nil
	for _, p := range ex.Projects {
		amount := ""
		if p.Investment != nil {
			amount = fmtNum(*p.Investment) + p.Unit
		}
		rows = append(rows, []string{p.Name, p.Action, amount})
	}
	printTable(w, "projects", rows)
}

// printTable prints a titled table of rows aligned in columns; nothing for
// no rows.
func printTable(w io.Writer, title string, rows [][]string) {
	if len(rows) == 0 {
		return
	}
	fmt.Fprintf(w, "\n%s\n", title)
	tw := termtable.NewWriter(w, 2)
	for _, r := range rows {
		fmt.Fprintf(tw, "  %s\n", strings.Join(r, "\t"))
	}
	tw.Flush()
}

func yearText(y *int) string {
	if y == nil {
		return ""
	}
	return strconv.Itoa(*y)
}

func fmtNum(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

func valueText(v float64, high, stretch *float64) string {
	s := fmtNum(v)
	if high != nil {
		s += "–" + fmtNum(*high)
	}
	if stretch != nil {
		s += " (力争 " + fmtNum(*stretch) + ")"
	}
	return s
}
