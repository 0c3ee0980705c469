package baogao

import (
	"encoding/json"
	"slices"
	"strconv"
	"time"
)

// Override is an operator's correction of a document: a meta field set by
// hand, or an extracted target or outcome corrected, added or removed.
// Stores keep overrides apart from what the recogniser and the extractor
// produce and apply them again whenever those are rewritten (reextract,
// re-import), so that a correction is never lost; pages show corrected
// values as corrected.
type Override struct {
	DocumentID int64 `json:"document_id"`
	// Field is a meta field (OverrideTitle …) or an extracted row kind
	// (OverrideTarget, OverrideOutcome).
	Field string `json:"field"`
	// Key identifies the corrected row (RowKey of the row as extracted);
	// "" for a meta field.
	Key string `json:"key,omitempty"`
	// Value is the field's value as text (a year as digits, a date as
	// YYYY-MM-DD, a kind as its code); for a row, the corrected row as JSON,
	// or "" to remove the row.
	Value string    `json:"value"`
	By    string    `json:"by"`
	At    time.Time `json:"at"`
}

// The fields an override may set.
const (
	OverrideTitle     = "title"
	OverrideKind      = "kind"
	OverridePlaceCode = "place_code"
	OverrideYear      = "year"
	OverrideDate      = "date"
	// OverrideCompleteness sets Meta.Completeness ("" for not assessed).
	OverrideCompleteness = "completeness"
	// OverrideQuality sets Meta.Quality: the flags comma-separated, in the
	// order of QualityFlags; "" for a clean text.
	OverrideQuality = "quality"
	// OverrideFlagged sets Meta.Flagged (garbled text): "true" or "false".
	OverrideFlagged = "flagged"
	OverrideTarget  = "target"
	OverrideOutcome = "outcome"
)

// RowKey identifies an extracted target or outcome across re-extractions:
// its indicator, year and the clause it was read from.
func RowKey(indicator string, year *int, text string) string {
	y := ""
	if year != nil {
		y = strconv.Itoa(*year)
	}
	return indicator + "|" + y + "|" + text
}

// Key returns the target's RowKey.
func (t Target) Key() string { return RowKey(t.Indicator, t.Year, t.Text) }

// Key returns the outcome's RowKey.
func (o Outcome) Key() string { return RowKey(o.Indicator, o.Year, o.Text) }

// CheckOverride fails with EINVALID unless o names a known field with a
// well-formed value. It does not check that a place code exists.
func CheckOverride(o Override) error {
	switch o.Field {
	case OverrideTitle:
		if o.Value == "" || len(o.Value) > 1000 {
			return Errorf(EINVALID, "a title must have 1 to 1000 bytes")
		}
	case OverrideKind:
		if !Kind(o.Value).Valid() {
			return Errorf(EINVALID, "unknown kind %q", o.Value)
		}
	case OverridePlaceCode:
		if len(o.Value) != 6 && o.Value != "" {
			return Errorf(EINVALID, "a place code has six digits")
		}
		if _, err := strconv.Atoi(o.Value); err != nil && o.Value != "" {
			return Errorf(EINVALID, "a place code has six digits")
		}
	case OverrideYear:
		if y, err := strconv.Atoi(o.Value); err != nil || (y != 0 && (y < 1949 || y > 2100)) {
			return Errorf(EINVALID, "a year is a number from 1949 to 2100, or 0 for unknown")
		}
	case OverrideDate:
		if o.Value != "" {
			if _, err := time.Parse("2006-01-02", o.Value); err != nil {
				return Errorf(EINVALID, "a date is written YYYY-MM-DD")
			}
		}
	case OverrideCompleteness:
		if o.Value != "" && !Completeness(o.Value).Valid() {
			return Errorf(EINVALID, "unknown completeness %q", o.Value)
		}
	case OverrideQuality:
		if _, err := ParseQuality(o.Value); err != nil {
			return err
		}
	case OverrideFlagged:
		if o.Value != "true" && o.Value != "false" {
			return Errorf(EINVALID, "flagged is true or false")
		}
	case OverrideTarget, OverrideOutcome:
		if o.Key == "" {
			return Errorf(EINVALID, "a corrected row needs the key of the row it corrects")
		}
		if o.Value == "" {
			return nil
		}
		var err error
		if o.Field == OverrideTarget {
			var t Target
			err = json.Unmarshal([]byte(o.Value), &t)
		} else {
			var x Outcome
			err = json.Unmarshal([]byte(o.Value), &x)
		}
		if err != nil {
			return Errorf(EINVALID, "the corrected %s is not valid JSON: %v", o.Field, err)
		}
	default:
		return Errorf(EINVALID, "no such field %q", o.Field)
	}
	return nil
}

// ApplyOverrides applies the row overrides to an extraction: a corrected row
// replaces the extracted row with its key (or is added when the extractor no
// longer finds it) and is marked Corrected; an override without a value
// removes the row. The slices ex held are not modified. Meta overrides are ignored here (stores apply them).
func ApplyOverrides(ex *Extraction, overrides []Override) {
	for _, o := range overrides {
		switch o.Field {
		case OverrideTarget:
			ex.Targets = applyRow(ex.Targets, o, Target.Key, func(t *Target) { t.Corrected = true })
		case OverrideOutcome:
			ex.Outcomes = applyRow(ex.Outcomes, o, Outcome.Key, func(x *Outcome) { x.Corrected = true })
		}
	}
}

func applyRow[T any](rows []T, o Override, key func(T) string, mark func(*T)) []T {
	rows = slices.Clone(rows) // the caller's rows stay as they were
	var fixed T
	if o.Value != "" {
		if err := json.Unmarshal([]byte(o.Value), &fixed); err != nil {
			return rows // CheckOverride refuses such values
		}
		mark(&fixed)
	}
	for i, r := range rows {
		if key(r) != o.Key {
			continue
		}
		if o.Value == "" {
			return append(rows[:i:i], rows[i+1:]...)
		}
		rows[i] = fixed
		return rows
	}
	if o.Value == "" {
		return rows
	}
	return append(rows, fixed)
}
