package baogao

import "encoding/json"

// Extraction is the data taken from a document's prose (SPEC §5–§6).
type Extraction struct {
	Targets  []Target  `json:"targets"`
	Outcomes []Outcome `json:"outcomes"`
	Goals    []Goal    `json:"goals"`
	Projects []Project `json:"projects"`
}

// Span is a half-open range [start, end) of rune offsets into a document body.
type Span [2]int

// Qualifier says how a target's value binds.
type Qualifier string

// The qualifiers of SPEC §5.
const (
	QualExact   Qualifier = "exact"    // no qualifier
	QualAbout   Qualifier = "about"    // 左右
	QualAtLeast Qualifier = "at_least" // 以上, 不低于, 超过
	QualAtMost  Qualifier = "at_most"  // 以内, 以下, 不超过, 控制在…以内
	QualRange   Qualifier = "range"    // 6%—6.5%: Value..ValueHigh
)

// Vintage says how final an outcome figure is.
type Vintage string

// The vintages of SPEC §5; the empty Vintage means "not stated".
const (
	VintageEstimated   Vintage = "estimated"   // 预计
	VintagePreliminary Vintage = "preliminary" // 初步核算
	VintageFinal       Vintage = "final"       // 最终核实
)

// Target is a number a report sets for its own year.
type Target struct {
	Indicator string    `json:"indicator"`  // a code of Indicators, or "other"
	Label     string    `json:"label"`      // the indicator as worded in the text
	Value     float64   `json:"value"`      // in the canonical unit; signed (a decline is negative)
	ValueHigh *float64  `json:"value_high"` // upper end of a range, else nil
	Stretch   *float64  `json:"stretch"`    // 力争/争取 value given beside the base value, else nil
	Unit      string    `json:"unit"`       // canonical unit
	Qualifier Qualifier `json:"qualifier"`
	Words     []string  `json:"words"` // the words that set the target's force: 左右, 以上, 力争 …
	Year      *int      `json:"year"`  // the year it is for; nil when neither text nor document tells
	Text      string    `json:"text"`  // the exact clause it was read from
	Span      Span      `json:"span"`  // rune offsets of Text in the body
	// Corrected marks a value an operator corrected (see Override).
	Corrected bool `json:"corrected,omitempty"`
}

// Outcome is a number stated as achieved for a year.
type Outcome struct {
	Indicator string  `json:"indicator"`
	Label     string  `json:"label"`
	Value     float64 `json:"value"`
	Unit      string  `json:"unit"`
	Year      *int    `json:"year"` // the year the figure belongs to; nil when the text does not tell
	Vintage   Vintage `json:"vintage"`
	Basis     string  `json:"basis"` // 按可比价格, 剔除…因素; "" when not stated
	// Bound is "at_least" or "at_most" when the text states only a bound
	// ("突破5万亿元"); such an outcome is shown but is not a value.
	Bound string `json:"bound,omitempty"`
	Text  string `json:"text"`
	Span  Span   `json:"span"`
	// Corrected marks a value an operator corrected (see Override).
	Corrected bool `json:"corrected,omitempty"`
}

// MarshalJSON writes an unstated vintage or basis as null.
func (o Outcome) MarshalJSON() ([]byte, error) {
	type plain Outcome
	return json.Marshal(struct {
		plain
		Vintage *Vintage `json:"vintage"`
		Basis   *string  `json:"basis"`
	}{plain(o), nullable(o.Vintage), nullable(o.Basis)})
}

// Goal is an industry or sector goal with a metric and a target year.
type Goal struct {
	Subject string  `json:"subject"` // 高端化工及新材料产业
	Metric  string  `json:"metric"`  // 产值, 交易额 …
	Value   float64 `json:"value"`
	Unit    string  `json:"unit"`
	Year    *int    `json:"year"` // the year it is for; nil when not stated
	Text    string  `json:"text"`
	Span    Span    `json:"span"`
}

// Project is a named project with what is to be done with it and its amount.
type Project struct {
	Name       string   `json:"name"`       // 诚宇新能源
	Action     string   `json:"action"`     // 推进…落地, 建成投产 …
	Investment *float64 `json:"investment"` // nil when no amount is stated
	Unit       string   `json:"unit"`       // unit of Investment ("亿元"); "" with no amount
	Text       string   `json:"text"`
	Span       Span     `json:"span"`
}
