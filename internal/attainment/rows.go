package attainment

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/baogao/baogao"
)

// TargetRow is a target as one flat row — what the API, `baogao targets`
// and the exports show (SPEC §3): the figure with its place, year and
// indicator, and the document it came from. Unknown values are null.
type TargetRow struct {
	ID           int64       `json:"id"`
	DocumentID   int64       `json:"document_id"`
	DocumentKind baogao.Kind `json:"document_kind"`
	// URL is the document's page at the sentence the figure was read from.
	URL       string           `json:"url"`
	PlaceCode *string          `json:"place_code"`
	Place     *string          `json:"place"`
	Level     *baogao.Level    `json:"level"`
	Year      *int             `json:"year"`
	Indicator string           `json:"indicator"`
	Label     string           `json:"label"`
	Value     float64          `json:"value"`
	ValueHigh *float64         `json:"value_high"`
	Stretch   *float64         `json:"stretch"`
	Unit      string           `json:"unit"`
	Qualifier baogao.Qualifier `json:"qualifier"`
	Words     []string         `json:"words"`
	Text      string           `json:"text"`
	Corrected bool             `json:"corrected"`
}

// OutcomeRow is an outcome as one flat row, as TargetRow.
type OutcomeRow struct {
	ID           int64         `json:"id"`
	DocumentID   int64         `json:"document_id"`
	DocumentKind baogao.Kind   `json:"document_kind"`
	URL          string        `json:"url"`
	PlaceCode    *string       `json:"place_code"`
	Place        *string       `json:"place"`
	Level        *baogao.Level `json:"level"`
	Year         *int          `json:"year"`
	Indicator    string        `json:"indicator"`
	Label        string        `json:"label"`
	Value        float64       `json:"value"`
	Unit         string        `json:"unit"`
	Vintage      *string       `json:"vintage"`
	Basis        *string       `json:"basis"`
	Bound        *string       `json:"bound"`
	Text         string        `json:"text"`
	Corrected    bool          `json:"corrected"`
}

// figureURL is the page of a figure's document at its sentence (the
// anchor the document page gives the mark-th target "t" or outcome "o").
func figureURL(d baogao.DocRef, id int64, mark string) string {
	_, seq := baogao.SplitFigureID(id)
	return d.URL() + "#" + mark + "-" + strconv.Itoa(seq)
}

// nullable returns nil for the zero value.
func nullable[T comparable](v T) *T {
	var zero T
	if v == zero {
		return nil
	}
	return &v
}

// NewTargetRow flattens a target record.
func NewTargetRow(r baogao.TargetRecord) TargetRow {
	t := r.Target
	words := t.Words
	if words == nil {
		words = []string{}
	}
	return TargetRow{ID: r.ID, DocumentID: r.Doc.ID, DocumentKind: r.Doc.Kind, URL: figureURL(r.Doc, r.ID, "t"), PlaceCode: nullable(r.Doc.PlaceCode), Place: nullable(r.Doc.Place), Level: nullable(r.Doc.Level),
		Year: t.Year, Indicator: t.Indicator, Label: t.Label, Value: t.Value, ValueHigh: t.ValueHigh, Stretch: t.Stretch,
		Unit: t.Unit, Qualifier: t.Qualifier, Words: words, Text: t.Text, Corrected: t.Corrected}
}

// NewOutcomeRow flattens an outcome record.
func NewOutcomeRow(r baogao.OutcomeRecord) OutcomeRow {
	o := r.Outcome
	return OutcomeRow{ID: r.ID, DocumentID: r.Doc.ID, DocumentKind: r.Doc.Kind, URL: figureURL(r.Doc, r.ID, "o"), PlaceCode: nullable(r.Doc.PlaceCode), Place: nullable(r.Doc.Place), Level: nullable(r.Doc.Level),
		Year: o.Year, Indicator: o.Indicator, Label: o.Label, Value: o.Value, Unit: o.Unit, Vintage: nullable(string(o.Vintage)),
		Basis: nullable(o.Basis), Bound: nullable(o.Bound), Text: o.Text, Corrected: o.Corrected}
}

// LinkRow is a link as one flat row: the place, year and indicator, the
// status and gap, the target and outcome chosen with their documents, and
// the disagreement of the other sources.
type LinkRow struct {
	PlaceCode  string       `json:"place_code"`
	Place      string       `json:"place"`
	Level      baogao.Level `json:"level"`
	Year       int          `json:"year"`
	Indicator  string       `json:"indicator"`
	Unit       string       `json:"unit"`
	Status     Status       `json:"status"`
	Gap        *float64     `json:"gap"`
	StretchMet *bool        `json:"stretch_met"`

	TargetID         int64            `json:"target_id"`
	TargetValue      float64          `json:"target_value"`
	TargetValueHigh  *float64         `json:"target_value_high"`
	TargetStretch    *float64         `json:"target_stretch"`
	TargetQualifier  baogao.Qualifier `json:"target_qualifier"`
	TargetText       string           `json:"target_text"`
	TargetDocumentID int64            `json:"target_document_id"`
	TargetURL        string           `json:"target_url"`
	// OtherTargets counts the other documents' targets; TargetsDisagree
	// says whether any sets another value.
	OtherTargets    int  `json:"other_targets"`
	TargetsDisagree bool `json:"targets_disagree"`

	OutcomeID         *int64       `json:"outcome_id"`
	OutcomeValue      *float64     `json:"outcome_value"`
	OutcomeVintage    *string      `json:"outcome_vintage"`
	OutcomeBound      *string      `json:"outcome_bound"`
	OutcomeText       *string      `json:"outcome_text"`
	OutcomeSource     *baogao.Kind `json:"outcome_source"`
	OutcomeDocumentID *int64       `json:"outcome_document_id"`
	OutcomeURL        *string      `json:"outcome_url"`
	OtherOutcomes     int          `json:"other_outcomes"`
	// OutcomesDisagree says whether another source states another figure;
	// OutcomeValues lists every figure stated, the chosen one first.
	OutcomesDisagree bool      `json:"outcomes_disagree"`
	OutcomeValues    []float64 `json:"outcome_values"`
}

// Row flattens the link.
func (l Link) Row() LinkRow {
	t := l.Target
	r := LinkRow{PlaceCode: l.PlaceCode, Place: l.Place, Level: l.Level, Year: l.Year, Indicator: l.Indicator, Unit: l.Unit,
		Status: l.Status, Gap: l.Gap, StretchMet: l.StretchMet, TargetID: t.ID, TargetValue: t.Target.Value,
		TargetValueHigh: t.Target.ValueHigh, TargetStretch: t.Target.Stretch, TargetQualifier: t.Target.Qualifier,
		TargetText: t.Target.Text, TargetDocumentID: t.Doc.ID, TargetURL: figureURL(t.Doc, t.ID, "t"), OtherTargets: len(l.OtherTargets),
		TargetsDisagree: l.TargetsDisagree, OtherOutcomes: len(l.OtherOutcomes), OutcomesDisagree: l.OutcomesDisagree,
		OutcomeValues: []float64{}}
	if o := l.Outcome; o != nil {
		u := figureURL(o.Doc, o.ID, "o")
		r.OutcomeID, r.OutcomeValue, r.OutcomeText = &o.ID, &o.Outcome.Value, &o.Outcome.Text
		r.OutcomeDocumentID, r.OutcomeURL = &o.Doc.ID, &u
		r.OutcomeVintage, r.OutcomeBound, r.OutcomeSource = nullable(string(o.Outcome.Vintage)), nullable(o.Outcome.Bound), &l.OutcomeSource
		for _, x := range append([]baogao.OutcomeRecord{*o}, l.OtherOutcomes...) {
			if x.Outcome.Bound == "" {
				r.OutcomeValues = append(r.OutcomeValues, x.Outcome.Value)
			}
		}
	}
	return r
}

// The parameters of ParseRule.
var RuleParams = []string{"about", "about_share", "strict", "stretch"}

// ParseRule reads a rule from named values (a command's flags, a request's
// query parameters; get returns "" for one not given), starting from
// DefaultRule: about is the tolerance of 左右 in percentage points,
// about_share that for amounts as a share (0.05), strict (true or 1) sets
// both to 0, stretch (true or 1) judges by the stretch value. It fails with
// EINVALID.
func ParseRule(get func(name string) string) (Rule, error) {
	r := DefaultRule()
	num := func(name string, dst *float64, hi float64) error {
		v := strings.TrimSpace(get(name))
		if v == "" {
			return nil
		}
		f, err := strconv.ParseFloat(v, 64)
		if err != nil || f < 0 || f > hi {
			return baogao.Errorf(baogao.EINVALID, "%s %q: 应为 0 到 %g 之间的数", name, v, hi)
		}
		*dst = f
		return nil
	}
	flag := func(name string) (bool, error) {
		switch strings.ToLower(strings.TrimSpace(get(name))) {
		case "", "0", "false", "no":
			return false, nil
		case "1", "true", "yes":
			return true, nil
		}
		return false, baogao.Errorf(baogao.EINVALID, "%s %q: 应为 true 或 false", name, get(name))
	}
	if err := num("about", &r.AboutPoints, 10); err != nil {
		return r, err
	}
	if err := num("about_share", &r.AboutShare, 1); err != nil {
		return r, err
	}
	strict, err := flag("strict")
	if err != nil {
		return r, err
	}
	if strict {
		r.AboutPoints, r.AboutShare = 0, 0
	}
	if r.Stretch, err = flag("stretch"); err != nil {
		return r, err
	}
	return r, nil
}

// String describes the rule for a codebook or a page: 左右 ±0.5 pp / 5%.
func (r Rule) String() string {
	s := fmt.Sprintf("about (左右) within %g pp (%% indicators) or %g%% of the target (others); ", r.AboutPoints, r.AboutShare*100)
	if r.Stretch {
		return s + "judged by the stretch value (力争) where given"
	}
	return s + "judged by the base value"
}
