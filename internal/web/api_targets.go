package web

import (
	"net/http"
	"strconv"

	"github.com/baogao/baogao"
	"github.com/baogao/baogao/internal/attainment"
)

// figureFilterOf reads the figure filters (baogao.ParseFigureFilter:
// indicator, kind, place, level, year) of a request.
func (s *Server) figureFilterOf(r *http.Request) (baogao.FigureFilter, error) {
	return baogao.ParseFigureFilter(r.URL.Query().Get, s.places)
}

// figurePage reads after (an id) and limit, the keyset paging of targets
// and outcomes, into f.
func figurePage(r *http.Request, f *baogao.FigureFilter) error {
	q := r.URL.Query()
	var err error
	if f.Limit, err = intParam(q.Get("limit"), 100, 1, 1000, "limit"); err != nil {
		return err
	}
	if v := q.Get("after"); v != "" {
		if f.After, err = strconv.ParseInt(v, 10, 64); err != nil || f.After < 0 {
			return baogao.Errorf(baogao.EINVALID, "after must be the id of a row")
		}
	}
	return nil
}

// next is the after of the page following rows whose last id is last: nil
// when the page was not full.
func next(n, limit int, last int64) *int64 {
	if n < limit {
		return nil
	}
	return &last
}

// apiTargets is GET /api/v1/targets.
func (s *Server) apiTargets(r *http.Request) (any, error) {
	f, err := s.figureFilterOf(r)
	if err == nil {
		err = figurePage(r, &f)
	}
	if err != nil {
		return nil, err
	}
	out := struct {
		Targets []attainment.TargetRow `json:"targets"`
		Next    *int64                 `json:"next"`
	}{Targets: []attainment.TargetRow{}}
	err = s.store.EachTarget(r.Context(), f, func(t baogao.TargetRecord) error {
		out.Targets = append(out.Targets, attainment.NewTargetRow(t))
		return nil
	})
	if n := len(out.Targets); n > 0 {
		out.Next = next(n, f.Limit, out.Targets[n-1].ID)
	}
	return out, err
}

// apiOutcomes is GET /api/v1/outcomes.
func (s *Server) apiOutcomes(r *http.Request) (any, error) {
	f, err := s.figureFilterOf(r)
	if err == nil {
		err = figurePage(r, &f)
	}
	if err != nil {
		return nil, err
	}
	out := struct {
		Outcomes []attainment.OutcomeRow `json:"outcomes"`
		Next     *int64                  `json:"next"`
	}{Outcomes: []attainment.OutcomeRow{}}
	err = s.store.EachOutcome(r.Context(), f, func(o baogao.OutcomeRecord) error {
		out.Outcomes = append(out.Outcomes, attainment.NewOutcomeRow(o))
		return nil
	})
	if n := len(out.Outcomes); n > 0 {
		out.Next = next(n, f.Limit, out.Outcomes[n-1].ID)
	}
	return out, err
}

// linkRequest reads the filter and the rule (attainment.ParseRule: about,
// about_share, strict, stretch) of a request for links.
func (s *Server) linkRequest(r *http.Request) (baogao.FigureFilter, attainment.Rule, error) {
	f, err := s.figureFilterOf(r)
	if err != nil {
		return f, attainment.Rule{}, err
	}
	rule, err := attainment.ParseRule(r.URL.Query().Get)
	return f, rule, err
}

// apiLinks is GET /api/v1/links: targets joined to outcomes
// (docs/targets.md), by place, indicator and year, paged by offset.
func (s *Server) apiLinks(r *http.Request) (any, error) {
	f, rule, err := s.linkRequest(r)
	if err != nil {
		return nil, err
	}
	// Links are computed whole for every request: the archive's all at
	// once is an export's job (baogao export --what links), not a page's.
	if f.Indicator == "" && f.PlaceCode == "" {
		return nil, baogao.Errorf(baogao.EINVALID, "indicator, place: 请选择一个指标或一个地方")
	}
	q := r.URL.Query()
	limit, err := intParam(q.Get("limit"), 100, 1, 1000, "limit")
	if err != nil {
		return nil, err
	}
	offset, err := intParam(q.Get("offset"), 0, 0, 1<<30, "offset")
	if err != nil {
		return nil, err
	}
	links, err := attainment.Links(r.Context(), s.store, f, rule)
	if err != nil {
		return nil, err
	}
	out := struct {
		Total   int                  `json:"total"`
		Rule    string               `json:"rule"`
		Summary attainment.Summary   `json:"summary"`
		Links   []attainment.LinkRow `json:"links"`
	}{Total: len(links), Rule: rule.String(), Summary: attainment.Summarize(links), Links: []attainment.LinkRow{}}
	for _, l := range links[min(offset, len(links)):min(offset+limit, len(links))] {
		out.Links = append(out.Links, l.Row())
	}
	return out, nil
}

// apiComparison is GET /api/v1/comparison: one indicator (required) across
// the places under place (of level, when given) and years, each compared
// with its parent's target.
func (s *Server) apiComparison(r *http.Request) (any, error) {
	f, rule, err := s.linkRequest(r)
	if err != nil {
		return nil, err
	}
	if f.Indicator == "" {
		return nil, baogao.Errorf(baogao.EINVALID, "indicator: 请选择一个指标，例如 gdp_growth")
	}
	c, err := attainment.CompareStored(r.Context(), s.store, f, rule, func(code string) string {
		p, err := s.places.Place(code)
		if err != nil {
			return ""
		}
		return p.Parent
	})
	if err != nil {
		return nil, err
	}
	return struct {
		Rule string `json:"rule"`
		attainment.Comparison
	}{rule.String(), c}, nil
}
