package search

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/baogao/baogao"
)

var fuzzSeeds = []string{
	"冷链物流", `"县域经济高质量发展"`, "GDP -下降", "乡村振兴 OR 营商环境", `"金乡，县"`, "５Ｇ基站", "發展", "8.5%", `a"b`,
	`'; DROP TABLE documents; --`, `NEAR(发展 经济)`, `{body}: 发展*`, "-", `"`, "OR", "哈哈哈", "\xff\xfe", "发展\x00经济", "🙂𠀀",
}

// FuzzParse checks that any text either parses into a query of real terms
// or fails with EINVALID and a message, and that a parsed query written
// back parses to itself.
func FuzzParse(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		q, err := Parse(text, DefaultSynonyms())
		if err != nil {
			if baogao.ErrorCode(err) != baogao.EINVALID || baogao.ErrorMessage(err) == "" {
				t.Fatalf("Parse(%q): %v (code %s)", text, err, baogao.ErrorCode(err))
			}
			return
		}
		if len(q.Must) == 0 {
			t.Fatalf("Parse(%q): no clause", text)
		}
		n := len(q.Not)
		for _, c := range q.Must {
			n += len(c)
			for _, term := range c {
				if tokens, _ := term.Tokens(); len(tokens) == 0 || term.Runes() == 0 {
					t.Fatalf("Parse(%q): empty term %#v", text, term)
				}
			}
		}
		if n > MaxTerms {
			t.Fatalf("Parse(%q): %d terms", text, n)
		}
		plain, err := Parse(text, nil)
		if err != nil {
			t.Fatalf("Parse(%q) without synonyms: %v", text, err)
		}
		written := plain.String()
		if utf8.RuneCountInString(written) > baogao.MaxQueryRunes {
			return // the quotes added to a term with punctuation can make it too long
		}
		again, err := Parse(written, nil)
		if err != nil || again.String() != written {
			t.Fatalf("Parse(%q) = %s; again: %v, %v", text, plain, again, err)
		}
	})
}

// FuzzSnippet checks snippets of any text for any query: valid UTF-8,
// escaped, balanced marks, a passage of the text.
func FuzzSnippet(f *testing.F) {
	for i, s := range fuzzSeeds {
		f.Add(strings.Repeat("前言。", i)+"推进冷链物流发展，"+s+"<b>&", s, i*7)
	}
	f.Fuzz(func(t *testing.T, body, query string, width int) {
		q, err := Parse(query, DefaultSynonyms())
		if err != nil {
			return
		}
		width = width % 400
		snippet := Snippet(NewText(body), q.Terms(), width)
		checkSnippet(t, body, snippet)
		if width <= 0 {
			width = SnippetRunes
		}
		marked := strings.Count(snippet, "<mark>")
		plain := []rune(strings.NewReplacer("<mark>", "", "</mark>", "").Replace(snippet))
		if marked == 0 && len(plain) > width+2 && !strings.ContainsAny(snippet, "&") {
			t.Fatalf("snippet without a match is %d runes, width %d", len(plain), width)
		}
	})
}

// FuzzSnippetOf checks that the snippet made from the body as written is
// the snippet made from the folded text, byte for byte, for any body and
// query (the fast path applies to Han terms in bodies that fold no Han
// character; the rest must fall back).
func FuzzSnippetOf(f *testing.F) {
	for i, s := range fuzzSeeds {
		f.Add(strings.Repeat("前言。", i)+"推进冷链物流发展，"+s+"<b>&", s, i*7)
		f.Add(strings.Repeat("发展经济，", i*20)+"。冷链物流\n\n冷链"+strings.Repeat("物流冷链", i), "冷链物流 OR 物流 发展", i*13-5)
	}
	f.Fuzz(func(t *testing.T, body, query string, width int) {
		q, err := Parse(query, DefaultSynonyms())
		if err != nil {
			return
		}
		width = width % 400
		got := SnippetOf(body, HasFoldingHan(body), q.Terms(), width)
		if !utf8.ValidString(body) {
			return // stored bodies are valid UTF-8; here it only must not panic
		}
		if want := Snippet(NewText(body), q.Terms(), width); got != want {
			t.Fatalf("SnippetOf(%q, %q, %d):\n got %q\nwant %q", body, query, width, got, want)
		}
	})
}

// FuzzIndexAgreesWithText checks the index's exactness: a term occurs at a
// position of the text's index tokens (as an FTS5 phrase of its tokens
// matches, the last token a prefix when the term ends with a lone rune)
// exactly as often as counting it in the folded text says, and counting in
// the raw text says the same.
func FuzzIndexAgreesWithText(f *testing.F) {
	f.Add("金乡县城关镇，金乡，县城。5G基站、5G。哈哈哈", "金乡 县")
	f.Add("發展冷鏈物流，发展冷链物流", "冷链物流")
	f.Add("增长8.5%，增长8.5", "8.5%")
	for _, s := range fuzzSeeds {
		f.Add("推进"+s+"发展", s)
	}
	f.Fuzz(func(t *testing.T, text, query string) {
		if !utf8.ValidString(text) {
			return
		}
		term, ok := NewTerm(query, true)
		if !ok {
			return
		}
		stream, _ := AppendTokens(nil, text)
		tokens := strings.Fields(string(stream))
		phrase, prefix := term.Tokens()
		matches := 0
		for p := 0; p+len(phrase) <= len(tokens); p++ {
			ok := true
			for i, want := range phrase {
				got := tokens[p+i]
				if prefix && i == len(phrase)-1 {
					ok = ok && strings.HasPrefix(got, want)
				} else {
					ok = ok && got == want
				}
			}
			if ok {
				matches++
			}
		}
		x := NewText(text)
		if got := x.Count(term); got != matches {
			t.Fatalf("%q in %q: text count %d, index matches %d (tokens %q, phrase %q prefix %v)", query, text, got, matches, tokens, phrase, prefix)
		}
		d := NewDoc("", text, -1, false)
		d.folded = nil
		if _, got := d.count(term); got != matches {
			t.Fatalf("%q in %q: raw count %d, index matches %d", query, text, got, matches)
		}
		if x.Len() != len(tokens) {
			t.Fatalf("length %d, tokens %d", x.Len(), len(tokens))
		}
	})
}
