package export

import (
	"context"

	"github.com/baogao/baogao"
	"github.com/baogao/baogao/internal/attainment"
)

// FigureSource is what the targets and outcomes tables read; a
// baogao.Store is one.
type FigureSource interface {
	EachTarget(ctx context.Context, f baogao.FigureFilter, fn func(baogao.TargetRecord) error) error
	EachOutcome(ctx context.Context, f baogao.FigureFilter, fn func(baogao.OutcomeRecord) error) error
}

// The columns the figure tables share.
var (
	colID           = Column{Name: "id", Type: Integer, Description: "编号 the figure's id: stable while its document is not re-extracted"}
	colDocumentID   = Column{Name: "document_id", Type: Integer, Description: "文件编号 id of the document it was read from (the documents table's id)"}
	colDocumentKind = Column{Name: "document_kind", Type: Text, Description: "文件类别 kind of that document (see the codes of kind)"}
	colURL          = Column{Name: "url", Type: Text, Description: "出处 the sentence it was read from, on the site", Width: 30}
	colPlaceCode    = Column{Name: "place_code", Type: Text, Description: "地区代码 GB/T 2260 code of the place; empty when unknown"}
	colPlace        = Column{Name: "place", Type: Text, Description: "地区 full name of the place", Width: 24}
	colLevel        = Column{Name: "level", Type: Text, Description: "行政级别 level of the place (see the codes of level)"}
	colIndicator    = Column{Name: "indicator", Type: Text, Description: "指标 indicator code (see the codes of indicator)", Width: 22}
	colLabel        = Column{Name: "label", Type: Text, Description: "指标原文 the indicator as worded in the text", Width: 22}
	colUnit         = Column{Name: "unit", Type: Text, Description: "单位 the canonical unit of the row's values", Width: 8}
	colText         = Column{Name: "text", Type: Text, Description: "原文 the exact clause the figure was read from", Width: 50}
	colCorrected    = Column{Name: "corrected", Type: Integer, Description: "人工更正 1 when an operator corrected the value, else 0"}
)

// TargetColumns are the columns of the targets table (SPEC §3 and §5; the
// fields of the API's targets, attainment.TargetRow).
var TargetColumns = []Column{
	colID, colDocumentID, colDocumentKind, colURL, colPlaceCode, colPlace, colLevel,
	{Name: "year", Type: Integer, Description: "年份 the year the target is for; empty when neither text nor document tells"},
	colIndicator, colLabel,
	{Name: "value", Type: Number, Description: "目标值 the target, in unit; signed (a decline is negative); a range's lower end"},
	{Name: "value_high", Type: Number, Description: "区间上限 upper end of a range target; empty otherwise"},
	{Name: "stretch", Type: Number, Description: "力争值 a stretch value (力争/争取) given beside the target; empty otherwise"},
	colUnit,
	{Name: "qualifier", Type: Text, Description: "限定 how the value binds (see the codes of qualifier)"},
	{Name: "words", Type: List, Description: "限定词 the words that set the target's force: 左右, 以上, 力争, 确保 …"},
	colText, colCorrected,
}

// OutcomeColumns are the columns of the outcomes table (attainment.OutcomeRow).
var OutcomeColumns = []Column{
	colID, colDocumentID, colDocumentKind, colURL, colPlaceCode, colPlace, colLevel,
	{Name: "year", Type: Integer, Description: "年份 the year the figure belongs to; empty when the text does not tell"},
	colIndicator, colLabel,
	{Name: "value", Type: Number, Description: "实际值 the outcome, in unit; signed (a decline is negative); only a bound when bound is set"},
	colUnit,
	{Name: "vintage", Type: Text, Description: "数据性质 how final the figure is (see the codes of vintage); empty when not stated"},
	{Name: "basis", Type: Text, Description: "口径 basis where stated: 按可比价格, 剔除…因素"},
	{Name: "bound", Type: Text, Description: "界限 at_least or at_most when the text states only a bound (突破5万亿元): not a value"},
	colText, colCorrected,
}

// text is s, or nil for "".
func text(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// str is *p as a string, or nil.
func str[T ~string](p *T) any {
	if p == nil {
		return nil
	}
	return text(string(*p))
}

// num is *p, or nil.
func num(p *float64) any {
	if p == nil {
		return nil
	}
	return *p
}

// year is *y as an integer, or nil.
func year(y *int) any {
	if y == nil {
		return nil
	}
	return int64(*y)
}

// flag is b as 1 or 0.
func flag(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

// url is base + path, or nil for no path.
func url(base, path string) any {
	if path == "" {
		return nil
	}
	return base + path
}

// Targets is the table of the targets f selects, in the store's order
// (document, then position in it); base is the site's address, for URLs.
func Targets(ctx context.Context, src FigureSource, f baogao.FigureFilter, base string) Table {
	return Table{Name: "targets", Columns: TargetColumns, Rows: func(emit func(Row) error) error {
		r := make(Row, len(TargetColumns))
		return src.EachTarget(ctx, f, func(tr baogao.TargetRecord) error {
			t := attainment.NewTargetRow(tr)
			r = append(r[:0], t.ID, t.DocumentID, text(string(t.DocumentKind)), url(base, t.URL), str(t.PlaceCode), str(t.Place),
				str(t.Level), year(t.Year), text(t.Indicator), text(t.Label), t.Value, num(t.ValueHigh), num(t.Stretch),
				text(t.Unit), text(string(t.Qualifier)), t.Words, text(t.Text), flag(t.Corrected))
			return emit(r)
		})
	}}
}

// Outcomes is the table of the outcomes f selects, in the store's order.
func Outcomes(ctx context.Context, src FigureSource, f baogao.FigureFilter, base string) Table {
	return Table{Name: "outcomes", Columns: OutcomeColumns, Rows: func(emit func(Row) error) error {
		r := make(Row, len(OutcomeColumns))
		return src.EachOutcome(ctx, f, func(or baogao.OutcomeRecord) error {
			o := attainment.NewOutcomeRow(or)
			r = append(r[:0], o.ID, o.DocumentID, text(string(o.DocumentKind)), url(base, o.URL), str(o.PlaceCode), str(o.Place),
				str(o.Level), year(o.Year), text(o.Indicator), text(o.Label), o.Value, text(o.Unit), str(o.Vintage),
				str(o.Basis), str(o.Bound), text(o.Text), flag(o.Corrected))
			return emit(r)
		})
	}}
}
