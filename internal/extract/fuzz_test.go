package extract

import (
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	baogao "github.com/baogao/baogao"
)

func FuzzExtract(f *testing.F) {
	for _, s := range []string{
		"",
		"主要预期目标:地区生产总值增长6.5%左右,力争7%;城乡居民人均可支配收入分别增长6%、7%以上。",
		"一、2022年工作回顾\n预计全年实现地区生产总值520亿元,比上年增长6.1%。\n二、2023年工作安排\n地区生产总值增长5%—5.5%。",
		"粮食产量稳定在120亿斤以上,城镇新增就业3.5万人,实际使用外资8500万美元。",
		"地区生产总值增长７．５％左右,单位能耗下降3%以上,居民消费价格增长-0.5%。",
		"推进总投资55亿元的华星材料、21亿元的远航物流等项目落地。高端装备产业。2023年推动产业产值达到23亿元。",
		"增长1,000,000.5%至%分别、、和,,;;::(((下同)比2012年",
		"地区生产总值34\n0亿元,比上\n年增长6%",
		"一二三产增加值分别增长3%、5%、7%左右",
	} {
		f.Add(s, 2023, "work_report")
	}
	f.Fuzz(func(t *testing.T, body string, year int, kind string) {
		if !utf8.ValidString(body) {
			return
		}
		ex := Extract(body, baogao.Meta{Kind: baogao.Kind(kind), Year: year})
		if ex.Targets == nil || ex.Outcomes == nil || ex.Goals == nil || ex.Projects == nil {
			t.Fatal("nil slice")
		}
		n := utf8.RuneCountInString(body)
		runes := []rune(body)
		span := func(what, text string, sp baogao.Span) {
			if sp[0] < 0 || sp[1] > n || sp[0] > sp[1] {
				t.Fatalf("%s span %v outside [0,%d]", what, sp, n)
			}
			if string(runes[sp[0]:sp[1]]) != text {
				t.Fatalf("%s span %v holds %q, text %q", what, sp, string(runes[sp[0]:sp[1]]), text)
			}
		}
		finite := func(what string, vs ...*float64) {
			for _, v := range vs {
				if v != nil && (math.IsNaN(*v) || math.IsInf(*v, 0)) {
					t.Fatalf("%s value %v", what, *v)
				}
			}
		}
		last := -1
		for _, x := range ex.Targets {
			span("target", x.Text, x.Span)
			finite("target", &x.Value, x.ValueHigh, x.Stretch)
			if x.Span[0] < last {
				t.Fatal("targets out of order")
			}
			last = x.Span[0]
		}
		last = -1
		for _, x := range ex.Outcomes {
			span("outcome", x.Text, x.Span)
			finite("outcome", &x.Value)
			if x.Span[0] < last {
				t.Fatal("outcomes out of order")
			}
			last = x.Span[0]
		}
		for _, x := range ex.Goals {
			span("goal", x.Text, x.Span)
			finite("goal", &x.Value)
		}
		for _, x := range ex.Projects {
			span("project", x.Text, x.Span)
			finite("project", x.Investment)
		}
	})
}

// BenchmarkExtract measures extraction on the full texts of the shared
// corpus, or on generated text when the corpus is absent.
func BenchmarkExtract(b *testing.B) {
	var bodies []string
	if files, _ := filepath.Glob(filepath.Join("..", "..", "..", "shared", "corpus", "fulltext", "*.txt")); len(files) > 0 {
		for _, f := range files {
			if data, err := os.ReadFile(f); err == nil {
				bodies = append(bodies, string(data))
			}
		}
	} else {
		b.Log("shared corpus absent: generated text")
		bodies = append(bodies, generated())
	}
	size := 0
	for _, s := range bodies {
		size += len(s)
	}
	b.SetBytes(int64(size))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, s := range bodies {
			Extract(s, baogao.Meta{Kind: baogao.KindWorkReport, Year: 2026})
		}
	}
}

// BenchmarkLongSentence measures a text without full stops — a sentence of
// thousands of figures (a flattened table, a page that lost its
// punctuation), which cost each figure the whole sentence before (quadratic:
// 3 MB took 52 s) and costs each at most maxCueRunes now. Compare sizes:
// -bench LongSentence reports each.
func BenchmarkLongSentence(b *testing.B) {
	for _, kb := range []int{100, 400} {
		var t strings.Builder
		t.WriteString("二、2024年工作安排\n")
		for t.Len() < kb<<10 {
			t.WriteString("全市地区生产总值增长6%左右，规模以上工业增加值增长8%以上，")
		}
		t.WriteString("。\n")
		text := t.String()
		b.Run(strconv.Itoa(kb)+"KB", func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			for i := 0; i < b.N; i++ {
				Extract(text, baogao.Meta{Kind: baogao.KindWorkReport, Year: 2024})
			}
		})
	}
}

// generated returns a report-like text of about 50 KB.
func generated() string {
	review := "一、2025年工作回顾\n全年地区生产总值增长5.2%,一般公共预算收入完成386.5亿元、增长3.1%;城乡居民人均可支配收入分别增长4.5%、6.1%。固定资产投资下降1.2%,社会消费品零售总额增长4.8%。\n"
	plan := "二、2026年工作安排\n今年经济社会发展主要预期目标是:地区生产总值增长5%左右,城镇调查失业率5.5%左右,居民消费价格涨幅2%左右,城镇新增就业6万人以上。推进总投资12亿元的华星材料、8亿元的远航物流等项目落地。\n"
	s := ""
	for len(s) < 50000 {
		s += review + plan
	}
	return s
}
