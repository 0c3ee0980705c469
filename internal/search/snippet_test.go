package search

import (
	"fmt"
	"html"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSnippet(t *testing.T) {
	long := strings.Repeat("前言部分的文字。", 30) + "我们将大力发展冷链物流，建设冷链物流园区。" + strings.Repeat("后记部分的文字。", 30)
	for _, tc := range []struct {
		name, body, query string
		width             int
		want              string
	}{
		{"whole", "推进冷链物流发展。", "冷链物流", 0, "推进<mark>冷链物流</mark>发展。"},
		{"escaped", "a<b>&冷链\"'", "冷链", 0, "a&lt;b&gt;&amp;<mark>冷链</mark>&#34;&#39;"},
		{"no match", "正文开头。第二句。", "冷链", 5, "正文开头。…"},
		{"lines", "第一行\n冷链\n第三行", "冷链", 0, "第一行 <mark>冷链</mark> 第三行"},
		{"several terms", "冷链和物流", `冷链 物流`, 0, "<mark>冷链</mark>和<mark>物流</mark>"},
		{"overlapping terms", "冷链物流", `冷链物流 链物`, 0, "<mark>冷链物流</mark>"},
		{"phrase across punctuation", "发展冷链，物流提速", `"冷链，物流"`, 0, "发展<mark>冷链，物流</mark>提速"},
		{"traditional text", "發展冷鏈物流", "冷链", 0, "發展<mark>冷鏈</mark>物流"},
		{"middle", long, "冷链物流", 40, "…我们将大力发展<mark>冷链物流</mark>，建设<mark>冷链物流</mark>园区。后记部分的文字。后记部分的文字。后记部…"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			q, err := Parse(tc.query, nil)
			if err != nil {
				t.Fatal(err)
			}
			got := Snippet(NewText(tc.body), q.Terms(), tc.width)
			if got != tc.want {
				t.Errorf("Snippet = %s\n   want %s", got, tc.want)
			}
			checkSnippet(t, tc.body, got)
		})
	}
}

// checkSnippet checks what every snippet must be: valid UTF-8, marks
// balanced and not nested, and, without marks and unescaped, a passage of
// the text (line breaks as spaces) with "…" where it is cut.
func checkSnippet(t *testing.T, body, snippet string) {
	t.Helper()
	if !utf8.ValidString(snippet) {
		t.Fatalf("snippet is not UTF-8: %q", snippet)
	}
	depth := 0
	for s := snippet; s != ""; {
		switch {
		case strings.HasPrefix(s, "<mark>"):
			depth++
			s = s[len("<mark>"):]
		case strings.HasPrefix(s, "</mark>"):
			depth--
			s = s[len("</mark>"):]
		default:
			if s[0] == '<' || s[0] == '>' {
				t.Fatalf("unescaped %c in %q", s[0], snippet)
			}
			s = s[1:]
		}
		if depth < 0 || depth > 1 {
			t.Fatalf("marks unbalanced or nested: %q", snippet)
		}
	}
	if depth != 0 {
		t.Fatalf("mark left open: %q", snippet)
	}
	plain := html.UnescapeString(strings.NewReplacer("<mark>", "", "</mark>", "").Replace(snippet))
	plain = strings.TrimSuffix(strings.TrimPrefix(plain, "…"), "…")
	flat := []rune(strings.NewReplacer("\n", " ", "\r", " ", "\t", " ").Replace(strings.ToValidUTF8(body, "\uFFFD")))
	if !strings.Contains(string(flat), plain) {
		// Invalid bytes decode to one U+FFFD each, which ToValidUTF8 merges.
		var b strings.Builder
		for _, r := range body {
			switch r {
			case '\n', '\r', '\t':
				r = ' '
			}
			b.WriteRune(r)
		}
		if !strings.Contains(b.String(), plain) {
			t.Fatalf("snippet text %q is not in the body %q", plain, body)
		}
	}
}

func TestMatches(t *testing.T) {
	for _, tc := range []struct {
		name, s, query string
		want           [][2]int
	}{
		{"word", "冷链物流，冷链", "冷链", [][2]int{{0, 2}, {5, 7}}},
		{"synonym", "GDP和地区生产总值", "GDP", [][2]int{{0, 3}, {4, 10}}},
		{"folded", "經濟發展", "经济", [][2]int{{0, 2}}},
		{"excluded term not marked", "冷链物流园区", "冷链 -园区", [][2]int{{0, 2}}},
		{"phrase over punctuation", "冷链，物流", `"冷链 物流"`, [][2]int{{0, 5}}},
		{"no query", "冷链", "", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := Matches(tc.s, tc.query)
			if fmt.Sprint(got) != fmt.Sprint(tc.want) && !(len(got) == 0 && len(tc.want) == 0) {
				t.Errorf("Matches(%q, %q) = %v, want %v", tc.s, tc.query, got, tc.want)
			}
		})
	}
}
