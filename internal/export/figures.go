package export

import (
	"context"

	"github.com/baogao/baogao"
)

// FigureSource is what the targets and outcomes tables read; a
// baogao.Store is one.
type FigureSource interface {
	EachTarget(ctx context.Context, f baogao.FigureFilter, fn func(baogao.TargetRecord) error) error
	EachOutcome(ctx context.Context, f baogao.FigureFilter, fn func(baogao.OutcomeRecord) error) error
}

// The columns the figure tables share.
var (
	colDocumentID = Column{Name: "document_id", Type: Integer, Description: "文件编号 id of the document it was read from (the documents table's id)"}
	colPlaceCode  = Column{Name: "place_code", Type: Text, Description: "地区代码 GB/T 2260 code of the document's place; empty when unknown"}
	colPlace      = Column{Name: "place", Type: Text, Description: "地区 full name of the place", Width: 24}
	colIndicator  = Column{Name: "indicator", Type: Text, Description: "指标 indicator code (see the codes below)", Width: 22}
	colLabel      = Column{Name: "label", Type: Text, Description: "指标原文 the indicator as worded in the text", Width: 22}
	colUnit       = Column{Name: "unit", Type: Text, Description: "单位 the canonical unit of the values of the row", Width: 8}
	colText       = Column{Name: "text", Type: Text, Description: "原文 the exact clause the figure was read from", Width: 50}
)

// TargetColumns are the columns of the targets table (SPEC §3, §5).
var TargetColumns = []Column{
	colDocumentID, colPlaceCode, colPlace,
	{Name: "year", Type: Integer, Description: "年份 the year the target is for; empty when neither text nor document tells"},
	colIndicator, colLabel,
	{Name: "value", Type: Number, Description: "目标值 the target, in unit; signed (a decline is negative); the lower end of a range"},
	{Name: "value_high", Type: Number, Description: "区间上限 upper end of a range target; empty otherwise"},
	{Name: "stretch", Type: Number, Description: "力争值 a stretch value (力争/争取) given beside the target; empty otherwise"},
	colUnit,
	{Name: "qualifier", Type: Text, Description: "限定 how the value binds (see the codes below)"},
	{Name: "words", Type: List, Description: "限定词 the words that set the target's force: 左右, 以上, 力争, 确保 …"},
	colText,
}

// OutcomeColumns are the columns of the outcomes table (SPEC §3, §5).
var OutcomeColumns = []Column{
	colDocumentID, colPlaceCode, colPlace,
	{Name: "year", Type: Integer, Description: "年份 the year the figure belongs to; empty when the text does not tell"},
	colIndicator, colLabel,
	{Name: "value", Type: Number, Description: "实际值 the outcome, in unit; signed (a decline is negative); a bound when bound is set"},
	colUnit,
	{Name: "vintage", Type: Text, Description: "数据性质 how final the figure is (see the codes below); empty when not stated"},
	{Name: "basis", Type: Text, Description: "口径 basis where stated: 按可比价格, 剔除…因素"},
	{Name: "bound", Type: Text, Description: "界限 at_least or at_most when the text states only a bound (突破5万亿元): not a value; empty otherwise"},
	colText,
}

// text is s, or nil for "".
func text(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// year is *y as an integer, or nil.
func year(y *int) any {
	if y == nil {
		return nil
	}
	return int64(*y)
}

// number is *v, or nil.
func number(v *float64) any {
	if v == nil {
		return nil
	}
	return *v
}

// Targets is the table of the targets f selects, in the store's order
// (document, then position in it).
func Targets(ctx context.Context, src FigureSource, f baogao.FigureFilter) Table {
	return Table{Name: "targets", Columns: TargetColumns, Rows: func(emit func(Row) error) error {
		r := make(Row, len(TargetColumns))
		return src.EachTarget(ctx, f, func(tr baogao.TargetRecord) error {
			t := tr.Target
			r = append(r[:0], tr.Doc.ID, text(tr.Doc.PlaceCode), text(tr.Doc.Place), year(t.Year), text(t.Indicator), text(t.Label),
				t.Value, number(t.ValueHigh), number(t.Stretch), text(t.Unit), text(string(t.Qualifier)), t.Words, text(t.Text))
			return emit(r)
		})
	}}
}

// Outcomes is the table of the outcomes f selects, in the store's order.
func Outcomes(ctx context.Context, src FigureSource, f baogao.FigureFilter) Table {
	return Table{Name: "outcomes", Columns: OutcomeColumns, Rows: func(emit func(Row) error) error {
		r := make(Row, len(OutcomeColumns))
		return src.EachOutcome(ctx, f, func(or baogao.OutcomeRecord) error {
			o := or.Outcome
			r = append(r[:0], or.Doc.ID, text(or.Doc.PlaceCode), text(or.Doc.Place), year(o.Year), text(o.Indicator), text(o.Label),
				o.Value, text(o.Unit), text(string(o.Vintage)), text(o.Basis), text(o.Bound), text(o.Text))
			return emit(r)
		})
	}}
}
