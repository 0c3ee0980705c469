package web

// chart is the data of one chart, written into the page as a JSON data
// block (templates/_chart.html) and drawn by static/chart.js with Apache
// ECharts (static/echarts.common.min.js, 6.1.0, Apache-2.0: its LICENSE and
// NOTICE are served beside it). Only pages that chart load the scripts;
// every chart stands beside a table of the same numbers.
type chart struct {
	ID      string        `json:"-"` // the data block's element id
	Title   string        `json:"-"` // the chart's accessible name
	Unit    string        `json:"unit"`
	X       []string      `json:"x"` // the categories: years or places
	Series  []chartSeries `json:"series"`
	Stacked bool          `json:"stacked,omitempty"` // series share a stack: the value axis starts at 0
	Zoom    bool          `json:"zoom,omitempty"`    // many categories: a slider
}

// chartSeries is one series: a value per category (nil: none), the value
// as the table writes it, and the sentence it came from.
type chartSeries struct {
	Name   string     `json:"name"`
	Type   string     `json:"type"` // line, bar or scatter
	Stack  string     `json:"stack,omitempty"`
	Color  string     `json:"color"`
	Values []*float64 `json:"values"`
	Labels []string   `json:"labels"`
	Links  []string   `json:"links,omitempty"`
}

// The colours of the series: targets, outcomes, and the statuses.
const (
	colorTarget  = "#1a56db"
	colorOutcome = "#c2410c"
	colorMet     = "#15803d"
	colorMissed  = "#b91c1c"
	colorNoData  = "#9ca3af"
)

// newSeries returns a series of n empty points.
func newSeries(name, typ, color string, n int) chartSeries {
	return chartSeries{Name: name, Type: typ, Color: color, Values: make([]*float64, n), Labels: make([]string, n), Links: make([]string, n)}
}

// set gives the series its i-th point.
func (s *chartSeries) set(i int, v float64, label, link string) {
	s.Values[i], s.Labels[i], s.Links[i] = &v, label, link
}
