package attainment

import (
	"cmp"
	"math"
	"slices"

	"github.com/baogao/baogao"
)

// Summary counts links by status.
type Summary struct {
	Links  int `json:"links"`
	Met    int `json:"met"`
	Missed int `json:"missed"`
	NoData int `json:"no_data"`
	// ShareMet is Met / (Met + Missed); nil when none was decided.
	ShareMet *float64 `json:"share_met"`
	// MeanGap is the mean Gap of the links that have one; nil when none.
	MeanGap *float64 `json:"mean_gap"`
}

// Summarize counts links by status, with the share met and the mean gap.
func Summarize(links []Link) Summary {
	var s Summary
	var gaps float64
	n := 0
	for _, l := range links {
		s.Links++
		switch l.Status {
		case Met:
			s.Met++
		case Missed:
			s.Missed++
		default:
			s.NoData++
		}
		if l.Gap != nil {
			gaps += *l.Gap
			n++
		}
	}
	if d := s.Met + s.Missed; d > 0 {
		v := round(float64(s.Met) / float64(d))
		s.ShareMet = &v
	}
	if n > 0 {
		v := round(gaps / float64(n))
		s.MeanGap = &v
	}
	return s
}

func round(v float64) float64 { return math.Round(v*1e4) / 1e4 }

// Escalation compares a place's target with its parent's for the same year
// and indicator (层层加码: a county setting a higher growth target than its
// prefecture).
type Escalation struct {
	ParentCode   string  `json:"parent_code"`
	Parent       string  `json:"parent"`
	ParentTarget float64 `json:"parent_target"`
	Target       float64 `json:"target"`
	// Margin is the place's target less its parent's, signed so that a
	// positive margin is the more demanding target (lower, for
	// lower-is-better indicators); a range counts by its midpoint.
	Margin    float64 `json:"margin"`
	Escalated bool    `json:"escalated"` // Margin > 0
}

// level returns the value a target is compared at: a range's midpoint.
func level(t baogao.Target) float64 {
	if t.Qualifier == baogao.QualRange && t.ValueHigh != nil {
		return (t.Value + *t.ValueHigh) / 2
	}
	return t.Value
}

// Escalate compares child's target with parent's (the links of the same
// year and indicator).
func Escalate(child, parent Link) Escalation {
	ind, _ := baogao.IndicatorByCode(child.Indicator)
	c, p := level(child.Target.Target), level(parent.Target.Target)
	m := round(c - p)
	if ind.LowerIsBetter {
		m = -m
	}
	return Escalation{ParentCode: parent.PlaceCode, Parent: parent.Place, ParentTarget: p, Target: c, Margin: m, Escalated: m > 0}
}

// Cell is one place in one year of a comparison.
type Cell struct {
	Year       int         `json:"year"`
	Link       *LinkRow    `json:"link"`       // nil: no target that year
	Escalation *Escalation `json:"escalation"` // nil: no parent target to compare with
}

// Row is one place of a comparison, year by year.
type Row struct {
	PlaceCode string       `json:"place_code"`
	Place     string       `json:"place"`
	Level     baogao.Level `json:"level"`
	Cells     []Cell       `json:"cells"` // one per year of Comparison.Years
	Summary   Summary      `json:"summary"`
	// Escalated counts the years whose target exceeded the parent's.
	Escalated int `json:"escalated"`
}

// Comparison is one indicator across places and years.
type Comparison struct {
	Indicator string `json:"indicator"`
	Years     []int  `json:"years"`
	Rows      []Row  `json:"rows"`
	// ByYear summarises each year's links over the rows, in Years' order.
	ByYear []Summary `json:"by_year"`
	// ByLevel summarises the rows' links by level.
	ByLevel map[baogao.Level]Summary `json:"by_level"`
	Total   Summary                  `json:"total"`
}

// Compare lays out the links of one indicator: a row for each place whose
// level is level ("" for every level), by code, and a column for each year
// from the first to the last with a link. Each cell's target is compared
// with the target of the place's parent (parentOf) when links has one: pass
// the links of the parents too, whatever their level.
func Compare(links []Link, indicator string, level baogao.Level, parentOf func(code string) string) Comparison {
	c := Comparison{Indicator: indicator, Years: []int{}, Rows: []Row{}, ByYear: []Summary{}, ByLevel: map[baogao.Level]Summary{}}
	byKey := map[key]Link{}
	var rows []Link
	lo, hi := math.MaxInt, 0
	for _, l := range links {
		if l.Indicator != indicator {
			continue
		}
		byKey[key{l.PlaceCode, l.Year, l.Indicator}] = l
		if level == "" || l.Level == level {
			rows = append(rows, l)
			lo, hi = min(lo, l.Year), max(hi, l.Year)
		}
	}
	if len(rows) == 0 {
		c.Total = Summarize(nil)
		return c
	}
	for y := lo; y <= hi; y++ {
		c.Years = append(c.Years, y)
	}
	slices.SortFunc(rows, func(a, b Link) int { return cmp.Or(cmp.Compare(a.PlaceCode, b.PlaceCode), cmp.Compare(a.Year, b.Year)) })
	byYear := make([][]Link, len(c.Years))
	byLevel := map[baogao.Level][]Link{}
	for i := 0; i < len(rows); {
		j := i
		for j < len(rows) && rows[j].PlaceCode == rows[i].PlaceCode {
			j++
		}
		first := rows[i]
		row := Row{PlaceCode: first.PlaceCode, Place: first.Place, Level: first.Level, Cells: make([]Cell, len(c.Years))}
		for y := range c.Years {
			row.Cells[y].Year = c.Years[y]
		}
		parent := ""
		if parentOf != nil {
			parent = parentOf(first.PlaceCode)
		}
		for _, l := range rows[i:j] {
			y := l.Year - lo
			lr := l.Row()
			row.Cells[y].Link = &lr
			if p, ok := byKey[key{parent, l.Year, indicator}]; ok && parent != "" {
				e := Escalate(l, p)
				row.Cells[y].Escalation = &e
				if e.Escalated {
					row.Escalated++
				}
			}
			byYear[y] = append(byYear[y], l)
			byLevel[l.Level] = append(byLevel[l.Level], l)
		}
		row.Summary = Summarize(rows[i:j])
		c.Rows = append(c.Rows, row)
		i = j
	}
	for _, ls := range byYear {
		c.ByYear = append(c.ByYear, Summarize(ls))
	}
	for lv, ls := range byLevel {
		c.ByLevel[lv] = Summarize(ls)
	}
	c.Total = Summarize(rows)
	return c
}
