package storetest

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/baogao/baogao"
)

// testSearchLongReport: phrases are exact anywhere in a report of more than
// 40,000 characters — past its 16,383rd word rune, and where a bigram of
// the phrase occurs for the 600th time (PostgreSQL's tsvector keeps
// neither: positions stop at 16,383 and at 256 per lexeme) — and totals,
// order and scores are those of a search of the text.
func testSearchLongReport(t *testing.T, st baogao.Store) {
	sentences := []string{
		"坚持高质量发展，推动县域经济发展取得新成效。",
		"全年完成固定资产投资一百二十亿元，增长百分之八。",
		"深化改革开放，持续优化营商环境，激发市场主体活力。",
		"统筹发展和安全，守住不发生规模性返贫的底线。",
	}
	var b strings.Builder
	for i := 0; utf8.RuneCountInString(b.String()) < 30000; i++ {
		b.WriteString(sentences[i%len(sentences)])
	}
	b.WriteString("今年将启动青石板桥修缮工程，打造发展桥头堡。")
	for i := 0; utf8.RuneCountInString(b.String()) < 41000; i++ {
		b.WriteString(sentences[(i+1)%len(sentences)])
	}
	b.WriteString("青石板桥修缮工程如期完工。")
	body := b.String()
	if n := strings.Count(body, "发展"); n < 600 || utf8.RuneCountInString(body) < 40000 {
		t.Fatalf("the report has %d characters and 发展 %d times", utf8.RuneCountInString(body), n)
	}
	docs := []*baogao.Document{
		0: textDoc(40, baogao.KindWorkReport, "370828", 2023, "2023-01-05", "金乡县二〇二三年政府工作报告", body),
		1: textDoc(41, baogao.KindWorkReport, "370800", 2023, "2023-01-09", "济宁市二〇二三年政府工作报告",
			"修缮青石板路面和桥梁。青石板。桥修缮工程。发展，桥头堡。坚持高质量发展。"),
		2: textDoc(42, baogao.KindPlan, "370800", 2021, "", "济宁市发展规划", "建设区域发展桥头堡，推进高质量发展。"),
	}
	addAll(t, st, docs...)
	res := find(t, st, baogao.SearchQuery{Text: `"青石板桥修缮工程"`})
	if res.Total != 1 || res.Hits[0].ID != docs[0].ID || !strings.Contains(res.Hits[0].Snippet, "<mark>青石板桥修缮工程</mark>") {
		t.Errorf("a phrase past the 16,383rd position: %+v", res)
	}
	res = find(t, st, baogao.SearchQuery{Text: `"发展桥头堡"`})
	if res.Total != 2 || !strings.Contains(res.Hits[0].Snippet+res.Hits[1].Snippet, "<mark>发展桥头堡</mark>") {
		t.Errorf("a phrase at its bigram's 600th occurrence: %+v", res)
	}
	o := newOracle(docs)
	for _, q := range []string{`"青石板桥修缮工程"`, "青石板桥修缮工程", `"发展桥头堡"`, "发展桥头堡", "高质量发展", "发展",
		"修缮工程 -青石板", "桥头堡 OR 完工", "青石板 桥", `"青石板，桥"`, "营商环境 增长", "如期完工", "完工"} {
		for _, srt := range []baogao.SearchSort{baogao.SortRelevance, baogao.SortDate} {
			sq := baogao.SearchQuery{Text: q, Sort: srt, Limit: 10}
			want, total, err := o.search(sq)
			if err != nil {
				t.Fatal(err)
			}
			res := find(t, st, sq)
			var got []string
			for _, h := range res.Hits {
				got = append(got, fmt.Sprintf("%d:%.4f", h.ID, h.Score))
			}
			if res.Total != total || strings.Join(got, " ") != strings.Join(want, " ") {
				t.Errorf("%q %s: got %v (total %d), brute force %v (total %d)", q, srt, got, res.Total, want, total)
			}
		}
	}
}
