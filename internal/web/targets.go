package web

import (
	"fmt"
	"html/template"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/baogao/baogao"
	"github.com/baogao/baogao/internal/attainment"
	"github.com/baogao/baogao/internal/numfmt"
)

// linkView is a target joined to its outcome as a table cell shows it:
// every number written as the page's readers write it and linked to the
// sentence it came from.
type linkView struct {
	Year                int
	Target, TargetURL   string
	Outcome, OutcomeURL string
	OutcomeNote         string // where the outcome came from: 统计公报 · 最终核实
	Status              attainment.Status
	Gap                 string
	// Other values of other documents for the same place, year and
	// indicator, when they disagree with the ones shown.
	OtherTargets, OtherOutcomes string
	Escalation                  string // the margin over the parent's target, when higher (层层加码)
}

// summaryView is a summary as the page writes it.
type summaryView struct {
	Links, Met, Missed, NoData int
	ShareMet, MeanGap          string // "" when none
}

// viewer writes links for one page language.
type viewer struct {
	lang string
	nl   numfmt.Lang
}

func newViewer(lang string) viewer { return viewer{lang: lang, nl: numLang(lang)} }

// cell writes a link (as attainment flattens it) for a table cell.
func (v viewer) cell(r attainment.LinkRow) linkView {
	lv := linkView{Year: r.Year, Status: r.Status}
	if r.Status != attainment.NoTarget {
		lv.Target, lv.TargetURL = numfmt.Target(v.nl, linkTarget(r)), r.TargetURL
	}
	if r.OutcomeValue != nil && r.OutcomeURL != nil {
		lv.Outcome = numfmt.Outcome(v.nl, linkOutcome(r))
		lv.OutcomeURL = *r.OutcomeURL
		var note []string
		if r.OutcomeSource != nil {
			note = append(note, v.kindName(*r.OutcomeSource))
		}
		if r.OutcomeVintage != nil {
			note = append(note, message(v.lang, "vintage."+*r.OutcomeVintage))
		}
		lv.OutcomeNote = strings.Join(note, " · ")
	}
	if r.Gap != nil {
		lv.Gap = numfmt.Difference(v.nl, *r.Gap, r.Unit)
	}
	if r.TargetsDisagree {
		lv.OtherTargets = fmt.Sprintf(message(v.lang, "targets.others.targets"), r.OtherTargets)
	}
	if r.OutcomesDisagree && len(r.OutcomeValues) > 1 {
		var others []string
		for _, x := range r.OutcomeValues[1:] {
			others = append(others, numfmt.Outcome(v.nl, baogao.Outcome{Value: x, Unit: r.Unit}))
		}
		lv.OtherOutcomes = message(v.lang, "targets.others") + message(v.lang, "punct.colon") + strings.Join(others, message(v.lang, "punct.sep"))
	}
	return lv
}

// linkTarget and linkOutcome are the values of a link's target and
// outcome, for writing them.
func linkTarget(r attainment.LinkRow) baogao.Target {
	return baogao.Target{Value: r.TargetValue, ValueHigh: r.TargetValueHigh, Stretch: r.TargetStretch, Unit: r.Unit, Qualifier: r.TargetQualifier}
}

func linkOutcome(r attainment.LinkRow) baogao.Outcome {
	o := baogao.Outcome{Value: *r.OutcomeValue, Unit: r.Unit}
	if r.OutcomeBound != nil {
		o.Bound = *r.OutcomeBound
	}
	return o
}

// charted values: a target at its range's midpoint; an outcome unless it
// is only a bound.
func chartTarget(r attainment.LinkRow) float64 {
	if r.TargetQualifier == baogao.QualRange && r.TargetValueHigh != nil {
		return (r.TargetValue + *r.TargetValueHigh) / 2
	}
	return r.TargetValue
}

func chartOutcome(r attainment.LinkRow) (float64, bool) {
	if r.OutcomeValue == nil || r.OutcomeBound != nil {
		return 0, false
	}
	return *r.OutcomeValue, true
}

// paren writes an aside: （统计公报）, " (Statistical bulletin)".
func (v viewer) paren(s string) string {
	if v.lang == langEN {
		return " (" + s + ")"
	}
	return "（" + s + "）"
}

func (v viewer) kindName(k baogao.Kind) string {
	if v.lang == langEN {
		return kindNamesEN[k]
	}
	return k.Name()
}

// summary writes a summary; the mean gap is in the indicator's unit.
func (v viewer) summary(s attainment.Summary, unit string) summaryView {
	sv := summaryView{Links: s.Links, Met: s.Met, Missed: s.Missed, NoData: s.NoData}
	if s.ShareMet != nil {
		sv.ShareMet = strconv.FormatFloat(*s.ShareMet*100, 'f', 0, 64) + "%"
	}
	if s.MeanGap != nil {
		sv.MeanGap = numfmt.Difference(v.nl, math.Round(*s.MeanGap*100)/100, unit)
	}
	return sv
}

// indicatorTitle names an indicator with its unit: 地区生产总值增长（%）.
func indicatorTitle(lang string, ind baogao.Indicator) string {
	if lang == langEN {
		return ind.Title + " (" + numfmt.Unit(numfmt.English, ind.Unit) + ")"
	}
	return ind.Name + "（" + ind.Unit + "）"
}

// indicatorSeries is one indicator of a place over the years: the place
// page's table and chart.
type indicatorSeries struct {
	Indicator baogao.Indicator
	Title     string
	Links     []linkView
	Chart     *chart // nil for a single year
}

// charted reports whether any of the series has a chart: the page loads
// the chart scripts only then.
func charted(series []indicatorSeries) bool {
	for _, is := range series {
		if is.Chart != nil {
			return true
		}
	}
	return false
}

// placeSeries lays out a place's own links (ordered by indicator, then
// year; attainment.Series: outcomes without a target too) by indicator,
// each with a chart of target and outcome over the years.
func placeSeries(lang string, links []attainment.Link) []indicatorSeries {
	v := newViewer(lang)
	var out []indicatorSeries
	for i := 0; i < len(links); {
		j := i
		for j < len(links) && links[j].Indicator == links[i].Indicator {
			j++
		}
		ind, _ := baogao.IndicatorByCode(links[i].Indicator)
		is := indicatorSeries{Indicator: ind, Title: indicatorTitle(lang, ind)}
		lo, hi := links[i].Year, links[j-1].Year
		x := make([]string, 0, hi-lo+1)
		for y := lo; y <= hi; y++ {
			x = append(x, strconv.Itoa(y))
		}
		target := newSeries(message(lang, "targets.target"), "line", colorTarget, len(x))
		outcome := newSeries(message(lang, "targets.outcome"), "line", colorOutcome, len(x))
		for _, l := range links[i:j] {
			r := l.Row()
			lv := v.cell(r)
			is.Links = append(is.Links, lv)
			k := l.Year - lo
			label := lv.Outcome
			if l.Status != attainment.NoTarget {
				target.set(k, chartTarget(r), lv.Target, lv.TargetURL)
				label += v.paren(message(lang, "status."+string(l.Status)))
			}
			if o, ok := chartOutcome(r); ok {
				outcome.set(k, o, label, lv.OutcomeURL)
			}
		}
		if len(x) > 1 { // a single year is a table, not a chart
			is.Chart = &chart{ID: "chart-" + ind.Code, Title: is.Title, Unit: numfmt.Unit(v.nl, ind.Unit), X: x,
				Series: []chartSeries{target, outcome}}
		}
		out = append(out, is)
		i = j
	}
	return out
}

// targetsPage is /targets: one indicator across the places under a parent
// (or across the country) and the years, met or missed.
type targetsPage struct {
	base
	Indicators []option
	Levels     []option
	PlaceInput string // as typed
	YearInput  string
	Indicator  baogao.Indicator
	IndTitle   string
	Parent     *baogao.Place // the place chosen; nil for the whole country
	Level      baogao.Level
	Years      []int
	ParentRow  *targetsRow // the parent's own targets, for comparison
	Rows       []targetsRow
	Body       template.HTML // the table's rows: the parent's, then Rows (matrix)
	Pager      pager         // the places, maxTargetRows a page
	ByYear     []summaryView
	Total      summaryView
	Charts     []chart
	// Downloads are the same rows from the API, for spreadsheets.
	Downloads []downloadLink
	// The rule's tolerance of 左右, for the note under the table.
	Rule attainment.Rule
}

// targetsRow is one place's cells, a column per year of the page.
type targetsRow struct {
	Code, Name string
	Cells      []*linkView // nil: no target that year
	Summary    summaryView
	Escalated  int
}

// maxTargetRows is how many places one /targets page lists (?page=
// pages through the rest); the summary and charts count them all. A
// variable for tests.
var maxTargetRows = 400

// targets is /targets?indicator=&place=&level=&year=: a table of place ×
// year (target, outcome, met or missed, gap; every number linked to its
// sentence), a chart, and the met/missed summary. Without a place it
// compares the provinces; with one, the places a level below it.
func (s *Server) targets(r *http.Request, lang string) (string, any, error) {
	q := r.URL.Query()
	f, err := baogao.ParseFigureFilter(q.Get, s.places)
	if err != nil {
		return "", nil, err
	}
	if f.Indicator == "" {
		f.Indicator = "gdp_growth"
	}
	ind, ok := baogao.IndicatorByCode(f.Indicator)
	if !ok { // "other": figures of no indicator are not linked
		return "", nil, baogao.Errorf(baogao.EINVALID, "indicator %q: 只能比较有统一口径的指标", f.Indicator)
	}
	rule, err := attainment.ParseRule(q.Get) // ?about=, ?strict=, ?stretch=, as the API
	if err != nil {
		return "", nil, err
	}
	tp := targetsPage{base: base{Lang: lang, Path: r.URL.Path, Canonical: r.URL.Path + canonicalQuery(q)},
		PlaceInput: strings.TrimSpace(q.Get("place")), YearInput: strings.TrimSpace(q.Get("year")),
		Indicator: ind, IndTitle: indicatorTitle(lang, ind), Level: f.Level, Rule: rule}
	tp.Title = message(lang, "targets.title") + " · " + indicatorName(lang, ind.Code, "")
	for _, in := range baogao.Indicators {
		tp.Indicators = append(tp.Indicators, option{Value: in.Code, Label: indicatorName(lang, in.Code, ""), Selected: in.Code == ind.Code})
	}
	if f.PlaceCode != "" {
		p, _ := s.places.Place(f.PlaceCode)
		tp.Parent = &p
		tp.Title += " · " + p.Name
	}
	if tp.Level == "" {
		tp.Level = baogao.LevelProvince
		if tp.Parent != nil {
			tp.Level = childLevel(tp.Parent.Level)
		}
	}
	for _, l := range []baogao.Level{baogao.LevelProvince, baogao.LevelPrefecture, baogao.LevelCounty} {
		tp.Levels = append(tp.Levels, option{Value: string(l), Label: message(lang, "level."+string(l)), Selected: l == tp.Level})
	}
	// Figures come from the documents under the place, whatever their year
	// (a report reviews the year before): any change there may change the page.
	showsList(r, baogao.DocumentFilter{PlaceCode: f.PlaceCode})
	ctx := r.Context()
	f.Level = tp.Level
	cmp, err := attainment.CompareStored(ctx, s.store, f, rule, s.parentOf)
	if err != nil {
		return "", nil, err
	}
	v := newViewer(lang)
	tp.Years = cmp.Years
	pageN, _ := strconv.Atoi(q.Get("page"))
	pageN = max(pageN, 1)
	pages := (len(cmp.Rows) + maxTargetRows - 1) / maxTargetRows
	if pageN > 1 && pageN > pages {
		return "", nil, baogao.Errorf(baogao.ENOTFOUND, "没有这一页")
	}
	if pageN > 1 {
		sep := "&"
		if !strings.Contains(tp.Canonical, "?") {
			sep = "?"
		}
		tp.Canonical += sep + "page=" + strconv.Itoa(pageN)
	}
	tp.Pager = newPager(r, pageN, pages)
	for _, row := range cmp.Rows[min((pageN-1)*maxTargetRows, len(cmp.Rows)):min(pageN*maxTargetRows, len(cmp.Rows))] {
		tp.Rows = append(tp.Rows, v.row(row, s.placeName(row.PlaceCode, tp.Parent), ind.Unit))
	}
	if tp.Parent != nil && tp.Parent.Level != tp.Level && len(cmp.Years) > 0 {
		// the parent's own targets, in the columns of the page's years
		pf := f
		pf.PlaceCode, pf.Level = tp.Parent.Code, tp.Parent.Level
		own, err := attainment.Links(ctx, s.store, pf, rule)
		if err != nil {
			return "", nil, err
		}
		if len(own) > 0 {
			row := targetsRow{Code: tp.Parent.Code, Name: tp.Parent.Name, Cells: make([]*linkView, len(cmp.Years)),
				Summary: v.summary(attainment.Summarize(own), ind.Unit)}
			for _, l := range own {
				if k := l.Year - cmp.Years[0]; k >= 0 && k < len(cmp.Years) {
					lv := v.cell(l.Row())
					row.Cells[k] = &lv
				}
			}
			tp.ParentRow = &row
		}
	}
	tp.Body = v.matrix(tp.ParentRow, tp.Rows)
	// The same comparison from the API, as a spreadsheet or JSON
	// (download.go).
	dv := url.Values{"indicator": {ind.Code}, "level": {string(tp.Level)}}
	for _, k := range []string{"province", "prefecture", "place", "kind", "year", "about", "about_share", "strict", "stretch"} {
		if x := strings.TrimSpace(q.Get(k)); x != "" {
			dv.Set(k, x)
		}
	}
	for _, f := range []struct{ format, label string }{{"csv", "CSV"}, {"xlsx", "XLSX"}, {"", "JSON"}} {
		if f.format != "" {
			dv.Set("format", f.format)
		} else {
			dv.Del("format")
		}
		tp.Downloads = append(tp.Downloads, downloadLink{f.label, "/api/v1/comparison?" + dv.Encode()})
	}
	for _, sy := range cmp.ByYear {
		tp.ByYear = append(tp.ByYear, v.summary(sy, ind.Unit))
	}
	tp.Total = v.summary(cmp.Total, ind.Unit)
	if len(cmp.Rows) > 0 {
		tp.Charts = s.targetsCharts(lang, ind, cmp, v)
	}
	return "targets", tp, nil
}

// matrix writes the rows of the /targets table — the parent's first, marked
// — in Go, as the document page does its tables: a province's counties over
// ten years are a thousand cells, and html/template's escaping through
// reflection would cost more than the rest of the page.
func (v viewer) matrix(parent *targetsRow, rows []targetsRow) template.HTML {
	var w htmlWriter
	if len(rows) > 0 {
		w.b.Grow((len(rows) + 1) * (len(rows[0].Cells) + 2) * 250) // about 250 bytes a cell
	}
	write := func(r targetsRow, class string) {
		w.raw("<tr", class, `><th scope="row"><a href="/place/`)
		w.text(r.Code)
		w.raw(`">`)
		w.text(r.Name)
		w.raw("</a></th>")
		for _, c := range r.Cells {
			if c == nil {
				w.raw(`<td class="cell none">—</td>`)
				continue
			}
			w.raw(`<td class="cell s-`, string(c.Status), `"><a class="tv" href="`)
			w.text(c.TargetURL)
			w.raw(`">`)
			w.text(c.Target)
			w.raw("</a>")
			if c.OtherTargets != "" {
				w.raw(` <abbr class="disagree" title="`)
				w.text(c.OtherTargets)
				w.raw(`">≠</abbr>`)
			}
			if c.Escalation != "" {
				w.raw(` <span class="esc" title="`)
				w.text(message(v.lang, "targets.escalated"))
				w.raw(`">↑`)
				w.text(c.Escalation)
				w.raw("</span>")
			}
			w.raw("\n")
			if c.Outcome != "" {
				w.raw(`<br><a class="ov" href="`)
				w.text(c.OutcomeURL)
				w.raw(`" title="`)
				w.text(c.OutcomeNote)
				w.raw(`">`)
				w.text(c.Outcome)
				w.raw("</a>")
				if c.OtherOutcomes != "" {
					w.raw(` <abbr class="disagree" title="`)
					w.text(c.OtherOutcomes)
					w.raw(`">≠</abbr>`)
				}
			}
			w.raw("\n", `<br><span class="st">`)
			w.text(message(v.lang, "status."+string(c.Status)))
			if c.Gap != "" {
				w.raw(" ")
				w.text(c.Gap)
			}
			w.raw("</span></td>")
		}
		w.raw(`<td class="num">`)
		w.text(r.Summary.ShareMet)
		w.raw("</td></tr>\n")
	}
	if parent != nil {
		write(*parent, ` class="parent"`)
	}
	for _, r := range rows {
		write(r, "")
	}
	return w.html()
}

// row lays out one place's cells; name is how the page names the place.
func (v viewer) row(row attainment.Row, name, unit string) targetsRow {
	tr := targetsRow{Code: row.PlaceCode, Name: name, Cells: make([]*linkView, len(row.Cells)),
		Summary: v.summary(row.Summary, unit), Escalated: row.Escalated}
	for i, c := range row.Cells {
		if c.Link == nil {
			continue
		}
		lv := v.cell(*c.Link)
		if e := c.Escalation; e != nil && e.Escalated {
			lv.Escalation = numfmt.Difference(v.nl, e.Margin, unit)
		}
		tr.Cells[i] = &lv
	}
	return tr
}

// targetsCharts draws the comparison: how many targets were met, missed
// or undecided each year, and each place's target against its outcome in
// the latest year.
func (s *Server) targetsCharts(lang string, ind baogao.Indicator, cmp attainment.Comparison, v viewer) []chart {
	x := make([]string, len(cmp.Years))
	for i, y := range cmp.Years {
		x[i] = strconv.Itoa(y)
	}
	statuses := []struct {
		status attainment.Status
		color  string
		count  func(attainment.Summary) int
	}{
		{attainment.Met, colorMet, func(s attainment.Summary) int { return s.Met }},
		{attainment.Missed, colorMissed, func(s attainment.Summary) int { return s.Missed }},
		{attainment.NoData, colorNoData, func(s attainment.Summary) int { return s.NoData }},
	}
	byYear := chart{ID: "chart-years", Title: message(lang, "targets.chart.years"), Unit: message(lang, "targets.places"), X: x, Stacked: true}
	for _, st := range statuses {
		ser := newSeries(message(lang, "status."+string(st.status)), "bar", st.color, len(x))
		ser.Stack = "status"
		for i, sy := range cmp.ByYear {
			n := st.count(sy)
			ser.set(i, float64(n), strconv.Itoa(n), "")
		}
		ser.Links = nil
		byYear.Series = append(byYear.Series, ser)
	}
	// the latest year with an outcome to compare, else the latest year
	last := len(cmp.Years) - 1
	for last > 0 && cmp.ByYear[last].Met+cmp.ByYear[last].Missed == 0 {
		last--
	}
	if cmp.ByYear[last].Met+cmp.ByYear[last].Missed == 0 {
		last = len(cmp.Years) - 1
	}
	year := cmp.Years[last]
	places := chart{ID: "chart-places", Title: fmt.Sprintf(message(lang, "targets.chart.places"), year), Unit: numfmt.Unit(v.nl, ind.Unit),
		Zoom: len(cmp.Rows) > 30}
	target := newSeries(message(lang, "targets.target"), "bar", colorTarget, 0)
	outcome := newSeries(message(lang, "targets.outcome"), "scatter", colorOutcome, 0)
	for _, row := range cmp.Rows {
		c := row.Cells[last]
		if c.Link == nil {
			continue
		}
		l := *c.Link
		name := row.Place
		if p, err := s.places.Place(row.PlaceCode); err == nil {
			name = p.Name
		}
		places.X = append(places.X, name)
		lv := v.cell(l)
		target.Values = append(target.Values, ptr(chartTarget(l)))
		target.Labels = append(target.Labels, lv.Target)
		target.Links = append(target.Links, lv.TargetURL)
		var ov *float64
		label, href := "", ""
		if o, ok := chartOutcome(l); ok {
			ov, label, href = ptr(o), lv.Outcome+v.paren(message(lang, "status."+string(l.Status))), lv.OutcomeURL
		}
		outcome.Values = append(outcome.Values, ov)
		outcome.Labels = append(outcome.Labels, label)
		outcome.Links = append(outcome.Links, href)
	}
	places.Series = []chartSeries{target, outcome}
	return []chart{places, byYear}
}

func ptr(v float64) *float64 { return &v }

// placeName is how /targets names a place: its own name under a chosen
// parent (金乡县), the names below the province otherwise (济宁市金乡县),
// since names repeat across the country.
func (s *Server) placeName(code string, parent *baogao.Place) string {
	path := s.places.Path(code)
	if len(path) == 0 {
		return code
	}
	if parent != nil || len(path) == 1 {
		return path[len(path)-1].Name
	}
	var b strings.Builder
	for _, p := range path[1:] {
		b.WriteString(p.Name)
	}
	return b.String()
}

// childLevel is the level of the places directly under one of level l.
func childLevel(l baogao.Level) baogao.Level {
	switch l {
	case baogao.LevelProvince:
		return baogao.LevelPrefecture
	default:
		return baogao.LevelCounty
	}
}

// parentOf returns the code of a place's parent ("" for a province).
func (s *Server) parentOf(code string) string {
	path := s.places.Path(code)
	if len(path) < 2 {
		return ""
	}
	return path[len(path)-2].Code
}

// canonicalQuery keeps the parameters that choose what /targets shows
// (baogao.FigureFilterParams), in a fixed order.
func canonicalQuery(q url.Values) string {
	v := url.Values{}
	for _, k := range baogao.FigureFilterParams {
		if x := strings.TrimSpace(q.Get(k)); x != "" {
			v.Set(k, x)
		}
	}
	if len(v) == 0 {
		return ""
	}
	return "?" + v.Encode()
}
