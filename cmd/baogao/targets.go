package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/baogao/baogao"
	"github.com/baogao/baogao/internal/attainment"
	"github.com/baogao/baogao/internal/place"
	"github.com/baogao/baogao/internal/termtable"
)

var targetsCommand = command{
	name:    "targets",
	summary: "list the targets of every document (SPEC §5), filtered by indicator, place, level, year and kind",
	setup: func(fs *flag.FlagSet, e *env) func(context.Context, []string) error {
		return figureSetup(fs, e, "targets")
	},
}

var outcomesCommand = command{
	name:    "outcomes",
	summary: "list the outcomes of every document, filtered as targets",
	setup: func(fs *flag.FlagSet, e *env) func(context.Context, []string) error {
		return figureSetup(fs, e, "outcomes")
	},
}

var linksCommand = command{
	name:    "links",
	summary: "targets joined to their outcomes: met, missed or no_data, with the gap (docs/targets.md)",
	setup: func(fs *flag.FlagSet, e *env) func(context.Context, []string) error {
		return figureSetup(fs, e, "links")
	},
}

// figureCmd lists targets, outcomes or links.
type figureCmd struct {
	*env
	what   string // targets, outcomes or links
	db     *string
	params map[string]*string // the filters and the rule, by parameter name
	format string
	limit  int
}

func figureSetup(fs *flag.FlagSet, e *env, what string) func(context.Context, []string) error {
	c := &figureCmd{env: e, what: what, params: map[string]*string{}}
	c.db = dbFlag(fs, e)
	str := func(name, usage string) { c.params[name] = fs.String(name, "", usage) }
	str("indicator", "indicator code of SPEC §5: gdp_growth, cpi … (or other)")
	str("province", "province: code (37 or 370000) or name (山东省)")
	str("prefecture", "prefecture and everything under it: code (3708 or 370800) or name (济宁市)")
	str("place", "place and everything under it: code (370828) or name (金乡县)")
	str("level", "level of the figure's place: province, prefecture or county (省, 地, 县)")
	str("year", "the figure's year, as Y or Y1-Y2")
	str("kind", "kind of the document it came from: work_report, stats_bulletin, plan, other")
	if what == "links" {
		str("about", fmt.Sprintf("tolerance of 左右 targets in percentage points, for %% indicators (default %g)", attainment.DefaultAboutPoints))
		str("about-share", fmt.Sprintf("tolerance of 左右 targets of amounts and counts, as a share of the target (default %g)", attainment.DefaultAboutShare))
		str("strict", "true: judge 左右 as a plain target (both tolerances 0)")
		str("stretch", "true: judge by the stretch value (力争) where given")
	}
	fs.StringVar(&c.format, "format", "table", "output: table, json (one array), or csv, xlsx, parquet as baogao export writes them")
	fs.IntVar(&c.limit, "limit", 0, "at most this many rows (0: all)")
	return c.run
}

func (c *figureCmd) get(name string) string {
	if p := c.params[strings.ReplaceAll(name, "_", "-")]; p != nil {
		return *p
	}
	return ""
}

func (c *figureCmd) run(ctx context.Context, args []string) error {
	if len(args) > 0 {
		return baogao.Errorf(baogao.EINVALID, "unexpected argument %q", args[0])
	}
	f, err := baogao.ParseFigureFilter(c.get, place.Default())
	if err != nil {
		return err
	}
	if c.limit < 0 {
		return baogao.Errorf(baogao.EINVALID, "--limit must be 0 or more")
	}
	var rule attainment.Rule
	if c.what == "links" {
		if rule, err = attainment.ParseRule(c.get); err != nil {
			return err
		}
	} else {
		f.Limit = c.limit
	}
	var out rowWriter
	switch c.format {
	case "table":
		out = &tableRows{w: termtable.NewWriter(c.stdout, 2)}
	case "json":
		out = &jsonRows{w: c.stdout}
	case "csv", "xlsx", "parquet":
		// A file, as baogao export writes it (its codebook with -o there).
		if c.limit != 0 {
			return baogao.Errorf(baogao.EINVALID, "--limit applies to table and json; %s gives every row", c.format)
		}
		e := &exportCmd{env: c.env, db: c.db, what: c.what, format: c.format, encoding: "utf-8",
			base: c.getenv("BAOGAO_BASE_URL"), params: c.params}
		return e.run(ctx, nil)
	default:
		return baogao.Errorf(baogao.EINVALID, "--format %q: table, json, csv, xlsx or parquet", c.format)
	}
	st, err := openExisting(ctx, *c.db)
	if err != nil {
		return err
	}
	defer st.Close()
	switch c.what {
	case "targets":
		out.header("ID", "PLACE", "YEAR", "INDICATOR", "TARGET", "UNIT", "DOCUMENT", "TEXT")
		err = st.EachTarget(ctx, f, func(r baogao.TargetRecord) error {
			row := attainment.NewTargetRow(r)
			return out.row(row, row.ID, placeName(row.Place), yearOf(row.Year), row.Indicator, targetText(row.Value, row.ValueHigh, row.Stretch, row.Qualifier),
				row.Unit, row.URL, row.Text)
		})
	case "outcomes":
		out.header("ID", "PLACE", "YEAR", "INDICATOR", "OUTCOME", "UNIT", "VINTAGE", "DOCUMENT", "TEXT")
		err = st.EachOutcome(ctx, f, func(r baogao.OutcomeRecord) error {
			row := attainment.NewOutcomeRow(r)
			v := num(row.Value)
			if row.Bound != nil {
				v = *row.Bound + " " + v
			}
			return out.row(row, row.ID, placeName(row.Place), yearOf(row.Year), row.Indicator, v, row.Unit, deref(row.Vintage), row.URL, row.Text)
		})
	case "links":
		var links []attainment.Link
		if links, err = attainment.Links(ctx, st, f, rule); err != nil {
			return err
		}
		if c.limit > 0 && len(links) > c.limit {
			links = links[:c.limit]
		}
		out.header("PLACE", "YEAR", "INDICATOR", "TARGET", "OUTCOME", "UNIT", "STATUS", "GAP", "SOURCE", "NOTE")
		for _, l := range links {
			row := l.Row()
			outcome, note := "—", ""
			if row.OutcomeValue != nil {
				outcome = num(*row.OutcomeValue)
				if row.OutcomeBound != nil {
					outcome = *row.OutcomeBound + " " + outcome
				}
			}
			if row.TargetsDisagree {
				note += "targets disagree; "
			}
			if row.OutcomesDisagree {
				note += fmt.Sprintf("outcomes disagree %v; ", row.OutcomeValues)
			}
			gap := "—"
			if row.Gap != nil {
				gap = strconv.FormatFloat(*row.Gap, 'f', -1, 64)
			}
			source := "—"
			if row.OutcomeSource != nil {
				source = string(*row.OutcomeSource) + " " + deref(row.OutcomeVintage)
			}
			if err = out.row(row, row.Place, row.Year, row.Indicator, targetText(row.TargetValue, row.TargetValueHigh, row.TargetStretch,
				row.TargetQualifier), outcome, row.Unit, row.Status, gap, strings.TrimSpace(source), strings.TrimSuffix(note, "; ")); err != nil {
				break
			}
		}
	}
	if err != nil {
		return err
	}
	return out.close()
}

// rowWriter writes rows as a table (the cells) or as one JSON array (the
// row values).
type rowWriter interface {
	header(cells ...string)
	row(v any, cells ...any) error
	close() error
}

type tableRows struct {
	w *termtable.Writer
	n int
}

func (t *tableRows) header(cells ...string) { fmt.Fprintln(t.w, strings.Join(cells, "\t")) }

func (t *tableRows) row(_ any, cells ...any) error {
	parts := make([]string, len(cells))
	for i, c := range cells {
		parts[i] = strings.ReplaceAll(fmt.Sprint(c), "\t", " ")
	}
	_, err := fmt.Fprintln(t.w, strings.Join(parts, "\t"))
	t.n++
	if t.n%1000 == 0 { // keep memory bounded on big archives
		t.w.Flush()
	}
	return err
}

func (t *tableRows) close() error { return t.w.Flush() }

type jsonRows struct {
	w io.Writer
	n int
}

func (j *jsonRows) header(...string) {}

func (j *jsonRows) row(v any, _ ...any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	sep := ",\n"
	if j.n == 0 {
		sep = "[\n"
	}
	j.n++
	_, err = fmt.Fprintf(j.w, "%s%s", sep, b)
	return err
}

func (j *jsonRows) close() error {
	if j.n == 0 {
		_, err := io.WriteString(j.w, "[]\n")
		return err
	}
	_, err := io.WriteString(j.w, "\n]\n")
	return err
}

func num(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// targetText writes a target's value with its qualifier: "7 about",
// "6–6.5", "7 about, stretch 8".
func targetText(v float64, high, stretch *float64, q baogao.Qualifier) string {
	s := num(v)
	switch {
	case q == baogao.QualRange && high != nil:
		s += "–" + num(*high)
	case q != baogao.QualExact && q != "":
		s += " " + string(q)
	}
	if stretch != nil {
		s += ", stretch " + num(*stretch)
	}
	return s
}

func placeName(p *string) string {
	if p == nil {
		return "—"
	}
	return *p
}

func yearOf(y *int) string {
	if y == nil {
		return "—"
	}
	return strconv.Itoa(*y)
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
