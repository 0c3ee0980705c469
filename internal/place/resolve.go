package place

import (
	"slices"

	"github.com/baogao/baogao"
)

// Resolve picks the one place a set of mentions points to: the most
// specific place consistent with the others ("(山东省)金乡县" → 370828;
// "南京市鼓楼区" → 320106; "济南市" + "山东省" → 370100). Mentions listed
// earlier weigh more: a mention that fits none of the places the earlier
// ones allow is ignored. Weak mentions (see Mention.Strong) only narrow the
// place of the mention right before them (阳泉市城区). A short name that
// several places share means the one of the highest level when nothing
// else tells them apart (吉林 → 吉林省, 长沙 → 长沙市).
//
// It returns the code and no candidates when the mentions point to one
// place; "" and the codes the mentions leave open when they stay ambiguous
// ("鼓楼区" alone); "" and nil when no mention is a place. Pass the mentions
// of a title or of a few lines that name the document's place: a whole
// body names many places, and a later one would narrow an earlier one
// (山东省 … 济南).
func (g *Gazetteer) Resolve(mentions []Mention) (code string, candidates []string) {
	var (
		cur     []int32 // the places the mentions so far allow
		curForm Form    // the form of the mention that last changed cur
		lastEnd = -1    // end of the last mention that counted
		weak    []int32 // the places of weak mentions, if nothing else counts
	)
	for _, m := range mentions {
		c := g.indices(m.Codes)
		if len(c) == 0 {
			continue
		}
		if !m.Strong() {
			if cur == nil {
				weak = append(weak, c...)
				continue
			}
			if m.Start != lastEnd {
				continue
			}
			if n := g.narrow(cur, c); len(n) > 0 {
				cur, curForm, lastEnd = n, m.Form, m.End
			}
			continue
		}
		if cur == nil {
			cur, curForm, lastEnd = c, m.Form, m.End
			continue
		}
		if e := g.explained(cur, c); len(e) > 0 {
			if len(e) < len(cur) {
				curForm = m.Form
			}
			cur, lastEnd = e, m.End
		} else if n := g.narrow(cur, c); len(n) > 0 {
			cur, curForm, lastEnd = n, m.Form, m.End
		}
	}
	if cur == nil {
		if len(weak) == 0 {
			return "", nil
		}
		slices.Sort(weak)
		return "", g.codes(slices.Compact(weak))
	}
	if len(cur) == 1 {
		return g.places[cur[0]].Code, nil
	}
	if curForm == ShortName {
		if top, ok := g.highest(cur); ok {
			return g.places[top].Code, nil
		}
	}
	slices.Sort(cur)
	return "", g.codes(cur)
}

// indices returns the indices of the known codes.
func (g *Gazetteer) indices(codes []string) []int32 {
	var out []int32
	for _, c := range codes {
		if i, ok := g.byCode[c]; ok && !slices.Contains(out, i) {
			out = append(out, i)
		}
	}
	return out
}

// explained returns the places of cur that a place of c contains or is.
func (g *Gazetteer) explained(cur, c []int32) []int32 {
	var out []int32
	for _, s := range cur {
		for _, x := range c {
			if g.within(s, x) {
				out = append(out, s)
				break
			}
		}
	}
	return out
}

// narrow returns the places of c that lie inside a place of cur.
func (g *Gazetteer) narrow(cur, c []int32) []int32 {
	var out []int32
	for _, x := range c {
		for _, s := range cur {
			if x != s && g.within(x, s) {
				out = append(out, x)
				break
			}
		}
	}
	return out
}

// within reports whether place i is place a or lies inside it.
func (g *Gazetteer) within(i, a int32) bool {
	for ; i >= 0; i = g.parent[i] {
		if i == a {
			return true
		}
	}
	return false
}

// highest returns the one place of ix whose level is above all the others.
func (g *Gazetteer) highest(ix []int32) (int32, bool) {
	best, n := int32(-1), 0
	for _, i := range ix {
		switch {
		case best < 0 || levelOf(g.places[i].Level) < levelOf(g.places[best].Level):
			best, n = i, 1
		case levelOf(g.places[i].Level) == levelOf(g.places[best].Level):
			n++
		}
	}
	return best, n == 1
}

// levelOf is the rank of a level: 0 for a province.
func levelOf(l baogao.Level) int {
	switch l {
	case baogao.LevelProvince:
		return 0
	case baogao.LevelPrefecture:
		return 1
	}
	return 2
}
