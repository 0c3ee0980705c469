package export

import (
	"context"
	"strings"
	"time"

	"github.com/baogao/baogao"
	"github.com/baogao/baogao/internal/attainment"
)

// Exports are the names of what Request exports: the tables, then bundle
// (the documents' texts as a ZIP).
var Exports = []string{"documents", "targets", "outcomes", "links", "comparison", "bundle"}

// Request is an export asked for: what, and its filters.
type Request struct {
	What      string                // one of Exports
	Documents baogao.DocumentFilter // documents and bundle
	Figures   baogao.FigureFilter   // targets, outcomes, links, comparison
	Rule      attainment.Rule       // links and comparison
	Filter    string                // the parameters given, as name=value, for the codebook
}

// requestParams are the parameters of ParseRequest, in the order the
// codebook names them.
var requestParams = append(append([]string{"indicator"}, baogao.FilterParams...), attainment.RuleParams...)

// ParseRequest reads an export from named values — a command's flags or a
// request's query parameters, get returning "" for one not given — with
// the rules of baogao.ParseFilter for documents and bundles, of
// baogao.ParseFigureFilter for the others, and of attainment.ParseRule
// (about, about_share, strict, stretch) for links and comparisons; a
// comparison needs an indicator. A parameter that does not apply to what
// is exported, like a bad value, fails with EINVALID naming it.
func ParseRequest(what string, get func(name string) string, places baogao.Gazetteer) (Request, error) {
	q := Request{What: what, Rule: attainment.DefaultRule()}
	var err error
	given := func(names ...string) string {
		for _, n := range names {
			if strings.TrimSpace(get(n)) != "" {
				return n
			}
		}
		return ""
	}
	switch what {
	case "documents", "bundle":
		if n := given("indicator"); n != "" {
			return q, baogao.Errorf(baogao.EINVALID, "%s: 只用于目标与实际值（targets, outcomes, links, comparison），不用于 %s", n, what)
		}
		q.Documents, err = baogao.ParseFilter(get, places)
	case "targets", "outcomes", "links", "comparison":
		q.Figures, err = baogao.ParseFigureFilter(get, places)
	default:
		return q, baogao.Errorf(baogao.EINVALID, "what %q: 可导出 %s", what, strings.Join(Exports, ", "))
	}
	if err != nil {
		return q, err
	}
	if what == "links" || what == "comparison" {
		if q.Rule, err = attainment.ParseRule(get); err != nil {
			return q, err
		}
	} else if n := given(attainment.RuleParams...); n != "" {
		return q, baogao.Errorf(baogao.EINVALID, "%s: 只用于 links 与 comparison 的判定，不用于 %s", n, what)
	}
	if what == "comparison" && q.Figures.Indicator == "" {
		return q, baogao.Errorf(baogao.EINVALID, "indicator: 比较需要一个指标，例如 gdp_growth")
	}
	var parts []string
	for _, n := range requestParams {
		if v := strings.TrimSpace(get(n)); v != "" {
			parts = append(parts, n+"="+v)
		}
	}
	q.Filter = strings.Join(parts, " ")
	return q, nil
}

// Columns returns the columns of the export (of the index, for a bundle).
func (q Request) Columns() []Column {
	switch q.What {
	case "documents":
		return DocumentColumns
	case "targets":
		return TargetColumns
	case "outcomes":
		return OutcomeColumns
	case "links":
		return LinkColumns
	case "comparison":
		return ComparisonColumns
	}
	return BundleIndexColumns
}

// Table returns the table of the export (not a bundle: see WriteBundle);
// base is the site's address, for URLs, and places gives each place's
// parent for a comparison.
func (q Request) Table(ctx context.Context, st baogao.Store, places baogao.Gazetteer, base string) Table {
	switch q.What {
	case "documents":
		return Documents(ctx, st, q.Documents, base)
	case "targets":
		return Targets(ctx, st, q.Figures, base)
	case "outcomes":
		return Outcomes(ctx, st, q.Figures, base)
	case "links":
		return Links(ctx, st, q.Figures, q.Rule, base)
	}
	return Comparison(ctx, st, q.Figures, q.Rule, func(code string) string {
		p, err := places.Place(code)
		if err != nil {
			return ""
		}
		return p.Parent
	})
}

// Codebook starts the export's codebook (NewCodebook), with the linking
// rule for links and comparisons.
func (q Request) Codebook(source, version, data string, exported time.Time) *Codebook {
	cb := NewCodebook(q.What, source, version, data, exported, q.Filter)
	if q.What == "links" || q.What == "comparison" {
		cb.Rules = LinkingRules(q.Rule)
	}
	return cb
}
