package extract

import (
	"encoding/json"
	"github.com/baogao/baogao/internal/corpustest"
	"math"
	"os"
	"path/filepath"
	"testing"

	baogao "github.com/baogao/baogao"
)

// The shared corpus and gold set live beside the repository; they are
// other people's words and are never copied into it. Tests that read them
// skip when they are absent.

func TestSeed(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(corpustest.Dir(t), "corpus", "seed.txt"))
	if err != nil {
		t.Skipf("seed not available: %v", err)
	}
	body := string(b)
	ex := Extract(body, baogao.Meta{Kind: baogao.KindWorkReport, Year: 2023})
	checkSpans(t, body, ex)

	want := []wantTarget{
		{"gdp_growth", 7, 0, "%", baogao.QualAbout, 0},
		{"fai_growth", 8, 0, "%", baogao.QualAbout, 0},
		{"budget_revenue_growth", 8, 0, "%", baogao.QualAtLeast, 0},
		{"industry_va_growth", 8.5, 0, "%", baogao.QualAtLeast, 0},
		{"retail_growth", 6, 0, "%", baogao.QualExact, 0},
		{"urban_income_growth", 7.5, 0, "%", baogao.QualExact, 0},
		{"rural_income_growth", 8, 0, "%", baogao.QualExact, 0},
		{"new_above_scale_firms", 140, 0, "家", baogao.QualExact, 0},
	}
	var got []wantTarget
	for _, tg := range ex.Targets {
		got = append(got, targetKey(tg))
	}
	if !sameTargets(got, want) {
		t.Errorf("seed targets:\n got  %v\n want %v", got, want)
	}
	if len(ex.Outcomes) != 0 {
		t.Errorf("seed outcomes: got %v, want none", ex.Outcomes)
	}

	type goal struct {
		subject, metric string
		value           float64
	}
	wantGoals := []goal{
		{"高端化工及新材料产业", "产值", 200},
		{"高端装备产业", "产值", 23},
		{"调味品产业", "产值", 35},
		{"大蒜及食品加工产业", "产值", 40},
		{"农产品冷链物流产业", "交易额", 360},
	}
	if len(ex.Goals) != len(wantGoals) {
		t.Fatalf("seed goals: got %+v", ex.Goals)
	}
	for i, g := range ex.Goals {
		w := wantGoals[i]
		if g.Subject != w.subject || g.Metric != w.metric || !near(g.Value, w.value) || g.Unit != "亿元" || g.Year == nil || *g.Year != 2023 {
			t.Errorf("goal %d: got %+v, want %+v in 亿元 for 2023", i, g, w)
		}
	}

	projects := map[string]baogao.Project{}
	for _, p := range ex.Projects {
		projects[p.Name] = p
	}
	for name, amount := range map[string]float64{"诚宇新能源": 55, "同利5G新材料": 21} {
		p, ok := projects[name]
		if !ok || p.Investment == nil || !near(*p.Investment, amount) || p.Unit != "亿元" || p.Action != "推进…落地" {
			t.Errorf("project %s: got %+v, want %v 亿元, 推进…落地", name, p, amount)
		}
	}
	for name, action := range map[string]string{"硅科新材料三期": "建成投产", "晟泰医药": "建成投产", "江汇新材料": "建成投产", "睿安新材料二期": "加快推进…建设"} {
		if p, ok := projects[name]; !ok || p.Action != action {
			t.Errorf("project %s: got %+v, want action %s", name, p, action)
		}
	}
}

// TestGold scores the extractor on the simplified texts of the gold set,
// with the meta the gold gives, as a guard against regressions. The full
// score, through the recogniser, is ../shared/tools/score.
func TestGold(t *testing.T) {
	dir := corpustest.Dir(t)
	files, _ := filepath.Glob(filepath.Join(dir, "gold", "dev", "*.json"))
	if len(files) == 0 {
		t.Skip("no gold set")
	}
	var index []struct {
		File   string `json:"file"`
		Script string `json:"script"`
	}
	if b, err := os.ReadFile(filepath.Join(dir, "corpus", "INDEX.json")); err == nil {
		_ = json.Unmarshal(b, &index)
	}
	simplified := map[string]bool{}
	for _, e := range index {
		simplified[e.File] = e.Script == "simplified"
	}
	type count struct{ tp, fp, fn int }
	var tc, oc count
	docs := 0
	for _, f := range files {
		var gold struct {
			File string `json:"file"`
			Meta struct {
				Kind *string `json:"kind"`
				Year *int    `json:"year"`
			} `json:"meta"`
			Targets []struct {
				Indicator string   `json:"indicator"`
				Value     float64  `json:"value"`
				ValueHigh *float64 `json:"value_high"`
				Unit      string   `json:"unit"`
				Qualifier string   `json:"qualifier"`
			} `json:"targets"`
			Outcomes []struct {
				Indicator string  `json:"indicator"`
				Value     float64 `json:"value"`
				Unit      string  `json:"unit"`
				Year      *int    `json:"year"`
			} `json:"outcomes"`
		}
		b, _ := os.ReadFile(f)
		if json.Unmarshal(b, &gold) != nil || !simplified[gold.File] {
			continue
		}
		body, err := os.ReadFile(filepath.Join(dir, gold.File))
		if err != nil {
			continue
		}
		meta := baogao.Meta{Kind: baogao.KindOther}
		if gold.Meta.Kind != nil {
			meta.Kind = baogao.Kind(*gold.Meta.Kind)
		}
		if gold.Meta.Year != nil {
			meta.Year = *gold.Meta.Year
		}
		ex := Extract(string(body), meta)
		checkSpans(t, string(body), ex)
		docs++

		key := func(ind string, v, h float64, unit, q string) string {
			return ind + "|" + ftoa(math.Round(v*1e4)/1e4) + "|" + ftoa(math.Round(h*1e4)/1e4) + "|" + unit + "|" + q
		}
		want := map[string]int{}
		for _, g := range gold.Targets {
			h := 0.0
			if g.ValueHigh != nil {
				h = *g.ValueHigh
			}
			want[key(g.Indicator, g.Value, h, g.Unit, g.Qualifier)]++
		}
		for _, p := range ex.Targets {
			if p.Indicator == baogao.IndicatorOther {
				continue
			}
			h := 0.0
			if p.ValueHigh != nil {
				h = *p.ValueHigh
			}
			k := key(p.Indicator, p.Value, h, p.Unit, string(p.Qualifier))
			if want[k] > 0 {
				want[k]--
				tc.tp++
			} else {
				tc.fp++
			}
		}
		for _, n := range want {
			tc.fn += n
		}
		owant := map[string]int{}
		for _, g := range gold.Outcomes {
			owant[key(g.Indicator, g.Value, 0, g.Unit, "")]++
		}
		for _, p := range ex.Outcomes {
			if p.Indicator == baogao.IndicatorOther || p.Bound != "" {
				continue
			}
			k := key(p.Indicator, p.Value, 0, p.Unit, "")
			if owant[k] > 0 {
				owant[k]--
				oc.tp++
			} else {
				oc.fp++
			}
		}
		for _, n := range owant {
			oc.fn += n
		}
	}
	prf := func(c count) (float64, float64) {
		return float64(c.tp) / float64(max(1, c.tp+c.fp)), float64(c.tp) / float64(max(1, c.tp+c.fn))
	}
	tp, tr := prf(tc)
	op, or := prf(oc)
	t.Logf("%d documents: targets P=%.3f R=%.3f, outcomes P=%.3f R=%.3f (years not compared)", docs, tp, tr, op, or)
	if tp < 0.95 || tr < 0.93 || op < 0.93 || or < 0.9 {
		t.Errorf("below the floor: targets P=%.3f R=%.3f, outcomes P=%.3f R=%.3f", tp, tr, op, or)
	}
}
