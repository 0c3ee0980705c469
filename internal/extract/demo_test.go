package extract

import (
	"fmt"
	"testing"

	baogao "github.com/baogao/baogao"
	"github.com/baogao/baogao/internal/demo"
	"github.com/baogao/baogao/internal/place"
)

// TestDemoTruth is a guard: on generated prose the extractor returns exactly
// the targets, outcomes and industry goals the demo generator planted
// (demo.Doc.Truth), over every kind of document and seventeen years.
// Projects are not compared: the generator names single projects ("总投资
// 5亿元的某某项目落地") that the extractor, which reads lists closed by 等…项目,
// does not.
func TestDemoTruth(t *testing.T) {
	g := place.Default()
	docs, wrong := 0, 0
	err := demo.Generate(demo.Options{Docs: 500, Seed: 11, YearFrom: 2010, YearTo: 2026}, g, g.All(), func(d *demo.Doc) error {
		docs++
		body := d.Document.Body
		ex := Extract(body, d.Document.Meta)
		checkSpans(t, body, ex)
		var want, got []string
		for _, x := range d.Truth.Targets {
			want = append(want, targetTruthKey(x))
		}
		for _, x := range ex.Targets {
			if x.Indicator != baogao.IndicatorOther {
				got = append(got, targetTruthKey(x))
			}
		}
		for _, x := range d.Truth.Outcomes {
			want = append(want, outcomeTruthKey(x))
		}
		for _, x := range ex.Outcomes {
			if x.Indicator != baogao.IndicatorOther {
				got = append(got, outcomeTruthKey(x))
			}
		}
		// a goal's year is compared where the text states it
		years := map[string]bool{}
		for _, x := range ex.Goals {
			got = append(got, goalTruthKey(x, false))
			years[goalTruthKey(x, true)] = true
		}
		for _, x := range d.Truth.Goals {
			want = append(want, goalTruthKey(x, false))
			if x.Year != nil && !years[goalTruthKey(x, true)] {
				got = append(got, "no goal of the year stated for "+goalTruthKey(x, true))
			}
		}
		if !sameRows(got, want) {
			wrong++
			if wrong <= 5 {
				t.Errorf("%s %s %d:\n got  %v\n want %v", d.Document.Meta.Kind, d.Document.Meta.PlaceCode, d.Document.Meta.Year, got, want)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if wrong > 0 {
		t.Errorf("%d of %d generated documents extracted otherwise than planted", wrong, docs)
	}
}

func targetTruthKey(x baogao.Target) string {
	return fmt.Sprintf("target %s %v-%v %s %s stretch %v year %v", x.Indicator, x.Value, deref64(x.ValueHigh), x.Unit, x.Qualifier, deref64(x.Stretch), deref(x.Year))
}

func outcomeTruthKey(x baogao.Outcome) string {
	return fmt.Sprintf("outcome %s %v %s year %v bound %q vintage %q basis %q", x.Indicator, x.Value, x.Unit, deref(x.Year), x.Bound, x.Vintage, x.Basis)
}

func goalTruthKey(x baogao.Goal, withYear bool) string {
	y := 0
	if withYear {
		y = deref(x.Year)
	}
	return fmt.Sprintf("goal %s %v %s year %v", x.Subject, x.Value, x.Unit, y)
}

func deref64(v *float64) float64 {
	if v == nil {
		return 0
	}
	return *v
}
