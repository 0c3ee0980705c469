package numfmt

import (
	"testing"

	"github.com/baogao/baogao"
)

func f(v float64) *float64 { return &v }

func TestAmount(t *testing.T) {
	for _, c := range []struct {
		name   string
		v      float64
		unit   string
		zh, en string
	}{
		{"jobs in 万", 1100000, "人", "110万人", "1.1 million people"},
		{"jobs round 万", 12000, "人", "1.2万人", "12,000 people"},
		{"jobs exact count", 12345, "人", "12345人", "12,345 people"},
		{"few people", 800, "人", "800人", "800 people"},
		{"money in 万亿", 13000, "亿元", "1.3万亿元", "RMB 1.3 trillion"},
		{"money national bulletin", 1260582, "亿元", "1260582亿元", "RMB 126,058.2 billion"},
		{"money four decimals stays", 261.6611, "亿元", "261.6611亿元", "RMB 26,166.11 million"},
		{"money in 亿", 55, "亿元", "55亿元", "RMB 5.5 billion"},
		{"money under one 亿", 0.5, "亿元", "5000万元", "RMB 50 million"},
		{"money tiny", 0.00003, "亿元", "3000元", "RMB 3,000"},
		{"dollars", 12.5, "亿美元", "12.5亿美元", "US$1.25 billion"},
		{"grain", 69541, "万吨", "69541万吨", "695.41 million tonnes"},
		{"grain round 亿吨", 12000, "万吨", "1.2亿吨", "120 million tonnes"},
		{"grain small", 5, "万吨", "5万吨", "50,000 tonnes"},
		{"firms", 120, "家", "120家", "120 firms"},
		{"percent", 7, "%", "7%", "7%"},
		{"percent fraction", 6.5, "%", "6.5%", "6.5%"},
		{"points", 0.5, "个百分点", "0.5个百分点", "0.5 percentage points"},
		{"no unit", 3, "", "3", "3"},
		{"other unit", 35000, "元", "3.5万元", "RMB 35,000"},
		{"unknown unit", 12, "座", "12座", "12 座"},
		{"zero", 0, "亿元", "0亿元", "RMB 0 million"},
		{"float noise", 0.1 + 0.2, "%", "0.3%", "0.3%"},
		{"negative amount", -20, "亿元", "-20亿元", "-RMB 2 billion"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := Amount(Chinese, c.v, c.unit); got != c.zh {
				t.Errorf("Amount(Chinese, %v, %q) = %q, want %q", c.v, c.unit, got, c.zh)
			}
			if got := Amount(English, c.v, c.unit); got != c.en {
				t.Errorf("Amount(English, %v, %q) = %q, want %q", c.v, c.unit, got, c.en)
			}
		})
	}
}

func TestTarget(t *testing.T) {
	for _, c := range []struct {
		name   string
		t      baogao.Target
		zh, en string
	}{
		{"about", baogao.Target{Value: 7, Unit: "%", Qualifier: baogao.QualAbout}, "7%左右", "about 7%"},
		{"exact", baogao.Target{Value: 6, Unit: "%", Qualifier: baogao.QualExact}, "6%", "6%"},
		{"no qualifier stored", baogao.Target{Value: 6, Unit: "%"}, "6%", "6%"},
		{"at least money", baogao.Target{Value: 13000, Unit: "亿元", Qualifier: baogao.QualAtLeast}, "1.3万亿元以上", "RMB 1.3 trillion or more"},
		{"at most", baogao.Target{Value: 3, Unit: "%", Qualifier: baogao.QualAtMost}, "3%以内", "3% or less"},
		{"jobs at least", baogao.Target{Value: 1100000, Unit: "人", Qualifier: baogao.QualAtLeast}, "110万人以上", "1.1 million people or more"},
		{"range", baogao.Target{Value: 6, ValueHigh: f(6.5), Unit: "%", Qualifier: baogao.QualRange}, "6%—6.5%", "6%–6.5%"},
		{"range of declines", baogao.Target{Value: -6.5, ValueHigh: f(-6), Unit: "%", Qualifier: baogao.QualRange}, "下降6%—6.5%", "down 6%–6.5%"},
		{"decline", baogao.Target{Value: -3, Unit: "%", Qualifier: baogao.QualExact}, "下降3%", "down 3%"},
		{"decline about", baogao.Target{Value: -3, Unit: "%", Qualifier: baogao.QualAbout}, "下降3%左右", "down about 3%"},
		// the qualifier binds the signed value: at most −3 is a fall of 3% or more
		{"decline at most", baogao.Target{Value: -3, Unit: "%", Qualifier: baogao.QualAtMost}, "下降3%以上", "down 3% or more"},
		{"decline at least", baogao.Target{Value: -3, Unit: "%", Qualifier: baogao.QualAtLeast}, "下降3%以内", "down 3% or less"},
		{"stretch", baogao.Target{Value: 7, Stretch: f(8), Unit: "%", Qualifier: baogao.QualAbout}, "7%左右，力争8%", "about 7%, aiming for 8%"},
		{"stretch decline", baogao.Target{Value: -3, Stretch: f(-3.5), Unit: "%", Qualifier: baogao.QualAbout}, "下降3%左右，力争下降3.5%", "down about 3%, aiming for down 3.5%"},
		{"range money", baogao.Target{Value: 9000, ValueHigh: f(12000), Unit: "亿元", Qualifier: baogao.QualRange}, "9000亿元—1.2万亿元", "RMB 900 billion–RMB 1.2 trillion"},
		{"points decline", baogao.Target{Value: -0.5, Unit: "个百分点"}, "下降0.5个百分点", "down 0.5 percentage points"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := Target(Chinese, c.t); got != c.zh {
				t.Errorf("Chinese: %q, want %q", got, c.zh)
			}
			if got := Target(English, c.t); got != c.en {
				t.Errorf("English: %q, want %q", got, c.en)
			}
		})
	}
}

func TestOutcome(t *testing.T) {
	for _, c := range []struct {
		name   string
		o      baogao.Outcome
		zh, en string
	}{
		{"value", baogao.Outcome{Value: 5.2, Unit: "%"}, "5.2%", "5.2%"},
		{"decline", baogao.Outcome{Value: -0.3, Unit: "%"}, "下降0.3%", "down 0.3%"},
		{"bound", baogao.Outcome{Value: 50000, Unit: "亿元", Bound: "at_least"}, "5万亿元以上", "RMB 5 trillion or more"},
		{"bound decline", baogao.Outcome{Value: -11, Unit: "%", Bound: "at_most"}, "下降11%以上", "down 11% or more"},
		{"jobs", baogao.Outcome{Value: 1234000, Unit: "人"}, "123.4万人", "1.234 million people"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := Outcome(Chinese, c.o); got != c.zh {
				t.Errorf("Chinese: %q, want %q", got, c.zh)
			}
			if got := Outcome(English, c.o); got != c.en {
				t.Errorf("English: %q, want %q", got, c.en)
			}
		})
	}
}

func TestUnit(t *testing.T) {
	for unit, want := range map[string]string{
		"亿元": "RMB 100 million", "亿美元": "US$ 100 million", "人": "people", "万吨": "10,000 tonnes",
		"%": "%", "个百分点": "percentage points", "家": "firms", "座": "座",
	} {
		if got := Unit(English, unit); got != want {
			t.Errorf("Unit(English, %q) = %q, want %q", unit, got, want)
		}
		if got := Unit(Chinese, unit); got != unit {
			t.Errorf("Unit(Chinese, %q) = %q", unit, got)
		}
	}
}

func TestShift(t *testing.T) {
	for _, c := range []struct {
		in   string
		e    int
		want string
	}{
		{"13000", -4, "1.3"}, {"0.5", 4, "5000"}, {"261.6611", 2, "26166.11"}, {"7", 0, "7"},
		{"1", -6, "0.000001"}, {"1.25", 1, "12.5"}, {"100", -2, "1"},
	} {
		if got := shift(c.in, c.e); got != c.want {
			t.Errorf("shift(%q, %d) = %q, want %q", c.in, c.e, got, c.want)
		}
	}
}

// FuzzAmount checks that every value writes, in both languages, without
// panicking and with its digits.
func FuzzAmount(f *testing.F) {
	f.Add(1100000.0, "人")
	f.Add(13000.0, "亿元")
	f.Add(-3.0, "%")
	f.Add(1e-9, "亿元")
	f.Fuzz(func(t *testing.T, v float64, unit string) {
		if v != v || v > 1e15 || v < -1e15 {
			return
		}
		for _, l := range []Lang{Chinese, English} {
			if s := Amount(l, v, unit); s == "" {
				t.Fatalf("Amount(%v, %v, %q) is empty", l, v, unit)
			}
			Target(l, baogao.Target{Value: v, Unit: unit, Qualifier: baogao.QualAbout, Stretch: &v})
		}
	})
}

func TestDifference(t *testing.T) {
	for _, c := range []struct {
		v      float64
		unit   string
		zh, en string
	}{
		{0.3, "%", "+0.3个百分点", "+0.3 pp"},
		{-1.2, "%", "-1.2个百分点", "-1.2 pp"},
		{0, "%", "0个百分点", "0 pp"},
		{12, "亿元", "+12亿元", "+RMB 1.2 billion"},
		{-20000, "人", "-2万人", "-20,000 people"},
	} {
		if got := Difference(Chinese, c.v, c.unit); got != c.zh {
			t.Errorf("Difference(Chinese, %v, %q) = %q, want %q", c.v, c.unit, got, c.zh)
		}
		if got := Difference(English, c.v, c.unit); got != c.en {
			t.Errorf("Difference(English, %v, %q) = %q, want %q", c.v, c.unit, got, c.en)
		}
	}
}
