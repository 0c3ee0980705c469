package export

import (
	"context"

	"github.com/baogao/baogao"
	"github.com/baogao/baogao/internal/attainment"
)

// LinkColumns are the columns of the links table: each target joined to
// the outcome for the same place, year and indicator (attainment.LinkRow,
// SPEC §3), flags as 0 or 1.
var LinkColumns = []Column{
	colPlaceCode, colPlace, colLevel,
	{Name: "year", Type: Integer, Description: "年份 the year of the target and of the outcome"},
	colIndicator, colUnit,
	{Name: "status", Type: Text, Description: "完成情况 met, missed or no_data under the linking rule (see the codes and the rules)"},
	{Name: "gap", Type: Number, Description: "差距 the outcome beyond the value the target binds at, in unit (percentage points for %), positive better than the target; empty without an outcome value"},
	{Name: "stretch_met", Type: Integer, Description: "力争值完成 1 when the stretch value (力争) was reached too, 0 when not; empty without one"},
	{Name: "target_id", Type: Integer, Description: "目标编号 id of the chosen target (the targets table's id)"},
	{Name: "target_value", Type: Number, Description: "目标值 the chosen target (work report first, then plan, then others); a range's lower end"},
	{Name: "target_value_high", Type: Number, Description: "区间上限 upper end of a range target"},
	{Name: "target_stretch", Type: Number, Description: "力争值 the target's stretch value"},
	{Name: "target_qualifier", Type: Text, Description: "限定 how the target binds (see the codes of qualifier)"},
	{Name: "target_text", Type: Text, Description: "目标原文 the clause the target was read from", Width: 40},
	{Name: "target_document_id", Type: Integer, Description: "目标来源文件 id of the document of the target"},
	{Name: "target_url", Type: Text, Description: "目标出处 the target's sentence on the site", Width: 30},
	{Name: "other_targets", Type: Integer, Description: "其他目标 how many other documents give a target for the same place, year and indicator"},
	{Name: "targets_disagree", Type: Integer, Description: "目标不一致 1 when one of them sets another value, else 0"},
	{Name: "outcome_id", Type: Integer, Description: "实际值编号 id of the chosen outcome (the outcomes table's id)"},
	{Name: "outcome_value", Type: Number, Description: "实际值 the chosen outcome (bulletin final, preliminary, later report, estimate); empty when none"},
	{Name: "outcome_vintage", Type: Text, Description: "数据性质 the outcome's vintage (see the codes of vintage)"},
	{Name: "outcome_bound", Type: Text, Description: "界限 at_least or at_most when the outcome is only a bound (not a value)"},
	{Name: "outcome_text", Type: Text, Description: "实际值原文 the clause the outcome was read from", Width: 40},
	{Name: "outcome_source", Type: Text, Description: "实际值来源类别 kind of the document of the outcome (see the codes of kind)"},
	{Name: "outcome_document_id", Type: Integer, Description: "实际值来源文件 id of the document of the outcome"},
	{Name: "outcome_url", Type: Text, Description: "实际值出处 the outcome's sentence on the site", Width: 30},
	{Name: "other_outcomes", Type: Integer, Description: "其他实际值 how many other figures are stated for the same place, year and indicator"},
	{Name: "outcomes_disagree", Type: Integer, Description: "实际值不一致 1 when one of them states another value, else 0"},
}

// ComparisonColumns are the columns of the comparison table: one row per
// place and year of one indicator, with the target of the place's parent
// (层层加码).
var ComparisonColumns = []Column{
	colPlaceCode, colPlace, colLevel,
	{Name: "year", Type: Integer, Description: "年份"},
	colIndicator, colUnit,
	{Name: "status", Type: Text, Description: "完成情况 met, missed or no_data (see the codes)"},
	{Name: "target_value", Type: Number, Description: "目标值 the place's chosen target"},
	{Name: "outcome_value", Type: Number, Description: "实际值 the chosen outcome; empty when none"},
	{Name: "gap", Type: Number, Description: "差距 as in the links table"},
	{Name: "parent_code", Type: Text, Description: "上级地区代码 code of the place's parent; empty when it set no target that year"},
	{Name: "parent", Type: Text, Description: "上级地区", Width: 24},
	{Name: "parent_target", Type: Number, Description: "上级目标 the parent's target (a range at its midpoint)"},
	{Name: "margin", Type: Number, Description: "加码幅度 the place's target less its parent's, positive when more demanding (lower for lower-is-better indicators)"},
	{Name: "escalated", Type: Integer, Description: "层层加码 1 when the place's target is more demanding than its parent's, else 0"},
}

// LinkingRules are the codebook's rules of a links or comparison export
// made under the rule.
func LinkingRules(rule attainment.Rule) []string {
	return []string{
		"连接规则 linking rule: 每个目标与同一地区、同一年份、同一指标的实际值相连；同一地区年份指标有多个目标时取政府工作报告，其次规划，其次其他；" +
			"实际值取统计公报最终核实数，其次初步核算数，其次未注明，其次次年报告回顾，预计数最后；仅给出界限的数不作为数值。" +
			"Each target is joined to the outcome of the same place, year and indicator: the work report's target before a plan's before others'; " +
			"the bulletin's final figure before its preliminary one, one without a vintage, a later report's review, and an estimate last; a bound is no value. " +
			"Lower is better for cpi, unemployment_rate, registered_unemployment_rate and energy_intensity_growth.",
		"判定 judged: " + rule.String() + ".",
	}
}

// Links is the table of the links of the targets f selects (attainment.Links
// under the rule): indicator by indicator (in the vocabulary's order), then
// by place and year; base is the site's address, for URLs. A link joins
// figures of one indicator only, so one indicator's targets and outcomes
// are held in memory at a time, not the archive's.
func Links(ctx context.Context, st baogao.Store, f baogao.FigureFilter, rule attainment.Rule, base string) Table {
	return Table{Name: "links", Columns: LinkColumns, Rows: func(emit func(Row) error) error {
		indicators := []string{f.Indicator}
		if f.Indicator == "" {
			indicators = indicators[:0]
			for _, ind := range baogao.Indicators { // "other" never links
				indicators = append(indicators, ind.Code)
			}
		}
		r := make(Row, len(LinkColumns))
		for _, ind := range indicators {
			f.Indicator = ind
			links, err := attainment.Links(ctx, st, f, rule)
			if err != nil {
				return err
			}
			for _, l := range links {
				if err := emit(linkRow(r, l, base)); err != nil {
					return err
				}
			}
		}
		return nil
	}}
}

// linkRow fills r with a link.
func linkRow(r Row, l attainment.Link, base string) Row {
	k := l.Row()
	r = append(r[:0], text(k.PlaceCode), text(k.Place), text(string(k.Level)), int64(k.Year), text(k.Indicator), text(k.Unit),
		text(string(k.Status)), num(k.Gap), nil,
		k.TargetID, k.TargetValue, num(k.TargetValueHigh), num(k.TargetStretch), text(string(k.TargetQualifier)), text(k.TargetText),
		k.TargetDocumentID, url(base, k.TargetURL), int64(k.OtherTargets), flag(k.TargetsDisagree),
		nil, num(k.OutcomeValue), str(k.OutcomeVintage), str(k.OutcomeBound), str(k.OutcomeText), str(k.OutcomeSource),
		nil, nil, int64(k.OtherOutcomes), flag(k.OutcomesDisagree))
	if k.StretchMet != nil {
		r[8] = flag(*k.StretchMet)
	}
	if k.OutcomeID != nil {
		r[19], r[25], r[26] = *k.OutcomeID, *k.OutcomeDocumentID, url(base, *k.OutcomeURL)
	}
	return r
}

// Comparison is the table of one indicator (f.Indicator; none gives no
// rows) across
// the places f selects (of f.Level, when given) and years: a row per place
// and year with a target, beside its parent's target (parentOf gives a
// place's parent code) — the rows of the API's comparison.
func Comparison(ctx context.Context, st baogao.Store, f baogao.FigureFilter, rule attainment.Rule, parentOf func(string) string) Table {
	return Table{Name: "comparison", Columns: ComparisonColumns, Rows: func(emit func(Row) error) error {
		c, err := attainment.CompareStored(ctx, st, f, rule, parentOf)
		if err != nil {
			return err
		}
		r := make(Row, len(ComparisonColumns))
		for _, row := range c.Rows {
			for _, cell := range row.Cells {
				k := cell.Link
				if k == nil {
					continue
				}
				r = append(r[:0], text(row.PlaceCode), text(row.Place), text(string(row.Level)), int64(cell.Year), text(k.Indicator),
					text(k.Unit), text(string(k.Status)), k.TargetValue, num(k.OutcomeValue), num(k.Gap), nil, nil, nil, nil, nil)
				if e := cell.Escalation; e != nil {
					r[10], r[11], r[12], r[13], r[14] = text(e.ParentCode), text(e.Parent), e.ParentTarget, e.Margin, flag(e.Escalated)
				}
				if err := emit(r); err != nil {
					return err
				}
			}
		}
		return nil
	}}
}
