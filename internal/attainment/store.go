package attainment

import (
	"context"

	"github.com/baogao/baogao"
)

// Figures reads the targets matching f and the outcomes that can join
// them: those of the same indicator, places and years, from documents of
// any kind (f.Kind, After and Limit select targets only).
func Figures(ctx context.Context, st baogao.Store, f baogao.FigureFilter) ([]baogao.TargetRecord, []baogao.OutcomeRecord, error) {
	ts := []baogao.TargetRecord{}
	if err := st.EachTarget(ctx, f, func(r baogao.TargetRecord) error { ts = append(ts, r); return nil }); err != nil {
		return nil, nil, err
	}
	of := f
	of.Kind, of.After, of.Limit = "", 0, 0
	os := []baogao.OutcomeRecord{}
	if len(ts) == 0 {
		return ts, os, nil
	}
	if err := st.EachOutcome(ctx, of, func(r baogao.OutcomeRecord) error { os = append(os, r); return nil }); err != nil {
		return nil, nil, err
	}
	return ts, os, nil
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
