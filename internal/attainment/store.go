package attainment

import (
	"context"

	"github.com/baogao/baogao"
)

// read reads the targets matching tf and the outcomes matching of at the
// same time (two connections: the two halves of a page's wait).
func read(ctx context.Context, st baogao.Store, tf, of baogao.FigureFilter) ([]baogao.TargetRecord, []baogao.OutcomeRecord, error) {
	os := []baogao.OutcomeRecord{}
	done := make(chan error, 1)
	go func() {
		done <- st.EachOutcome(ctx, of, func(o baogao.OutcomeRecord) error { os = append(os, o); return nil })
	}()
	ts := []baogao.TargetRecord{}
	err := st.EachTarget(ctx, tf, func(t baogao.TargetRecord) error { ts = append(ts, t); return nil })
	if oerr := <-done; err == nil {
		err = oerr
	}
	if err != nil {
		return nil, nil, err
	}
	return ts, os, nil
}

// Figures reads the targets matching f and the outcomes that can join
// them: those of the same indicator, places, level and years, from
// documents of any kind (f.Kind, After and Limit select targets only).
func Figures(ctx context.Context, st baogao.Store, f baogao.FigureFilter) ([]baogao.TargetRecord, []baogao.OutcomeRecord, error) {
	of := f
	of.Kind, of.After, of.Limit = "", 0, 0
	return read(ctx, st, f, of)
}

// Links reads the targets matching f and their outcomes from st and links
// them under r (LinkAll).
func Links(ctx context.Context, st baogao.Store, f baogao.FigureFilter, r Rule) ([]Link, error) {
	ts, os, err := Figures(ctx, st, f)
	if err != nil {
		return nil, err
	}
	return LinkAll(ts, os, r), nil
}

// CompareStored reads and lays out one indicator (f.Indicator) across the
// places under f.PlaceCode of level f.Level (every level when "") and
// years, as Compare: the targets of every level, for the parents'
// targets, and the outcomes of the level shown only.
func CompareStored(ctx context.Context, st baogao.Store, f baogao.FigureFilter, r Rule, parentOf func(code string) string) (Comparison, error) {
	tf, of := f, f
	tf.After, tf.Limit = 0, 0
	if f.Level != baogao.LevelProvince { // provinces have no parent to read
		tf.Level = ""
	}
	of.Kind, of.After, of.Limit = "", 0, 0
	ts, os, err := read(ctx, st, tf, of)
	if err != nil {
		return Comparison{}, err
	}
	return Compare(LinkAll(ts, os, r), f.Indicator, f.Level, parentOf), nil
}
