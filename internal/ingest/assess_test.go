package ingest

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/baogao/baogao"
	"github.com/baogao/baogao/internal/corpustest"
	"github.com/baogao/baogao/internal/place"
)

func TestAssess(t *testing.T) {
	long := strings.Repeat("全面推进经济社会高质量发展，地区生产总值稳步增长。", 400)
	tests := []struct {
		name  string
		text  string
		want  baogao.Completeness
		flags []baogao.QualityFlag
	}{
		{"full county report", "金乡县2023年政府工作报告\n各位代表：\n一、2022年工作回顾\n" + long + "\n二、2023年工作安排\n" + long, baogao.CompletenessFull, nil},
		{"excerpt", "金乡县2023年政府工作报告\n各位代表：\n地区生产总值增长6%左右。", baogao.CompletenessExcerpt, nil},
		{"news", "金乡县政府工作报告提出今年目标\n本报讯（记者 张三）记者从县政府获悉，报告提出，地区生产总值增长6%左右。报告指出，要稳增长。", baogao.CompletenessNews, nil},
		{"dateline without brackets", "金乡：2023年GDP力争增长6%\n金乡讯 记者张三 2023年，金乡县要实现地区生产总值增长6%左右。", baogao.CompletenessNews, nil},
		{"relayed", "金乡县今年目标\n金乡县召开人代会。报告指出，要稳增长。报告提出，地区生产总值增长6%左右。", baogao.CompletenessNews, nil},
		{"rewritten", "金乡县2023年政府工作报告\n各位代表：\n金乡县东谈主民政府向大会讲演责任，新增做事2万东谈主。", baogao.CompletenessExcerpt, []baogao.QualityFlag{baogao.QualityRewritten}},
		{"spam", "金乡县2023年政府工作报告\n各位代表：\n地区生产总值增长6%。澳门博彩娱乐城，百家乐开户送彩金。", baogao.CompletenessExcerpt, []baogao.QualityFlag{baogao.QualitySpam}},
		{"no place", "2023年政府工作报告\n各位代表：\n地区生产总值增长6%左右。", baogao.CompletenessExcerpt, []baogao.QualityFlag{baogao.QualityNoPlace}},
	}
	p := NewParser(place.Default())
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc, _, err := p.Parse([]byte(tc.text), Input{Name: "x.txt"})
			if err != nil {
				t.Fatal(err)
			}
			if doc.Meta.Completeness != tc.want || !equalFlags(doc.Meta.Quality, tc.flags) {
				t.Errorf("= %s %v, want %s %v", doc.Meta.Completeness, doc.Meta.Quality, tc.want, tc.flags)
			}
		})
	}
}

func equalFlags(a, b []baogao.QualityFlag) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestAssessCorpus assesses every file of the shared corpus and logs the
// counts (run with -v for the list). The shortest fragments are excerpts
// and the full provincial reports of 2026 are full.
func TestAssessCorpus(t *testing.T) {
	dir := filepath.Join(corpustest.Dir(t), "corpus")
	files, _ := Files([]string{dir})
	sort.Strings(files)
	p := NewParser(place.Default())
	counts := map[string]int{}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		doc, _, err := p.Parse(raw, Input{Name: f})
		if err != nil {
			t.Logf("%s: %v", f, err)
			continue
		}
		m := doc.Meta
		rel, _ := filepath.Rel(dir, f)
		counts[string(m.Completeness)]++
		for _, q := range m.Quality {
			counts["flag:"+string(q)]++
		}
		if len(m.Quality) > 0 {
			counts["flagged"]++
		}
		t.Logf("%-22s %-8s %-7s %6d %-30v %s", rel, m.Completeness, m.Kind, hanCount(doc.Body), m.Quality, m.Title)
		switch {
		case strings.HasPrefix(rel, "fulltext/prov2026-") && m.Completeness != baogao.CompletenessFull:
			t.Errorf("%s, a full provincial report, is %s", rel, m.Completeness)
		case hanCount(doc.Body) < 200 && m.Completeness == baogao.CompletenessFull && m.Kind != baogao.KindOther:
			t.Errorf("%s, %d characters, is full", rel, hanCount(doc.Body))
		}
	}
	t.Logf("%d files: %v", len(files), counts)
}

func TestDebrisTitles(t *testing.T) {
	for in, want := range map[string]string{
		"首页专题—正文":                    "",
		"文":                          "",
		"- 文章正文":                     "",
		"NBD图数馆 2018-03-20 10:33:06": "",
		"文 | 华商报大风新闻董晓明":             "",
		"TUhjnbcbe":                  "",
		"2023-01-09 09:36":           "",
		"篇一 2023年浙江政府工作报告":           "2023年浙江政府工作报告",
		"标题: | 关于《高青县2022年计划》":       "关于《高青县2022年计划》",
		"金乡县2023年政府工作报告":             "金乡县2023年政府工作报告",
		"政府工作报告提出全市经济社会发展主要预期目标": "政府工作报告提出全市经济社会发展主要预期目标",
	} {
		if got := withoutDebris(in); got != want {
			t.Errorf("withoutDebris(%q) = %q, want %q", in, got, want)
		}
	}
	// A debris title gives way to one built from the metadata.
	doc, _, err := NewParser(place.Default()).Parse([]byte("首页专题—正文\n济宁市2025年政府工作报告解读\n各位代表：\n济宁市人民政府向大会报告工作。2024年工作回顾……"), Input{Name: "x.txt"})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(doc.Meta.Title, "正文") {
		t.Errorf("title %q", doc.Meta.Title)
	}
}
