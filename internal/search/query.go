package search

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/baogao/baogao"
)

// Query is a parsed search: every clause must match, and no excluded term.
type Query struct {
	Must []Clause
	Not  []Term
}

// Clause is a set of alternatives, any of which matches: a word and its
// synonyms, or words joined by OR.
type Clause []Term

// Term is a word or a phrase, folded, that a document matches when its
// title or body contains it.
type Term struct {
	// Text is the folded term, its runs of word runes joined by one space:
	// "金乡 县" for the phrase "金乡，县".
	Text string
	// Phrase is true for a quoted phrase (never expanded to synonyms).
	Phrase bool
	segs   [][]rune // the runs of word runes
}

// Limits of a query, beyond baogao.MaxQueryRunes.
const (
	// MaxTerms bounds the terms of a query, synonyms included.
	MaxTerms = 16
)

// Parse reads a query (see baogao.SearchQuery for the language) and expands
// unquoted words to their synonyms. It fails with EINVALID for invalid
// UTF-8, a query over baogao.MaxQueryRunes, one with nothing to search for,
// or one with too many terms; the messages are for readers, in Chinese.
func Parse(text string, syn *Synonyms) (*Query, error) {
	if !utf8.ValidString(text) {
		return nil, baogao.Errorf(baogao.EINVALID, "搜索词含有无效的字符编码")
	}
	if n := utf8.RuneCountInString(text); n > baogao.MaxQueryRunes {
		return nil, baogao.Errorf(baogao.EINVALID, "搜索词太长：最多 %d 个字，现在是 %d 个", baogao.MaxQueryRunes, n)
	}
	items := lex(text)
	q := &Query{}
	nterms := 0
	var clause Clause
	pendingOr := false
	flush := func() {
		if len(clause) > 0 {
			q.Must = append(q.Must, clause)
			clause = nil
		}
	}
	for _, it := range items {
		if it.or {
			pendingOr = len(clause) > 0
			continue
		}
		terms := expand(it, syn)
		if len(terms) == 0 {
			continue
		}
		nterms += len(terms)
		if nterms > MaxTerms {
			return nil, baogao.Errorf(baogao.EINVALID, "搜索词太多：最多 %d 个（同义词也计算在内）", MaxTerms)
		}
		if it.neg {
			if pendingOr {
				return nil, baogao.Errorf(baogao.EINVALID, "排除的词（-词）不能用 OR 连接")
			}
			flush()
			q.Not = append(q.Not, terms...)
			continue
		}
		if !pendingOr {
			flush()
		}
		clause = appendNew(clause, terms...)
		pendingOr = false
	}
	flush()
	if len(q.Must) == 0 {
		if len(q.Not) > 0 {
			return nil, baogao.Errorf(baogao.EINVALID, "只有排除的词：请至少给出一个要查找的词")
		}
		return nil, baogao.Errorf(baogao.EINVALID, "请输入要搜索的文字")
	}
	return q, nil
}

// appendNew appends the terms not already in c.
func appendNew(c Clause, terms ...Term) Clause {
	for _, t := range terms {
		dup := false
		for _, u := range c {
			if u.Text == t.Text && u.Phrase == t.Phrase {
				dup = true
			}
		}
		if !dup {
			c = append(c, t)
		}
	}
	return c
}

// item is a word or phrase of the query as written.
type item struct {
	text   string
	phrase bool
	neg    bool
	or     bool // the operator OR (or |)
}

// lex cuts a query into items. Curly and corner quotes count as straight
// quotes; a quote left open runs to the end of the query.
func lex(text string) []item {
	rs := []rune(text)
	for i, r := range rs {
		switch r {
		case '“', '”', '„', '＂', '「', '」', '『', '』', '〝', '〞':
			rs[i] = '"'
		case '－', '—', '–', '−':
			rs[i] = '-'
		case '｜':
			rs[i] = '|'
		case '\u3000':
			rs[i] = ' '
		}
	}
	var items []item
	i := 0
	for i < len(rs) {
		r := rs[i]
		switch {
		case unicode.IsSpace(r) || unicode.IsControl(r):
			i++
		case r == '|':
			items = append(items, item{or: true})
			i++
		default:
			neg := false
			if r == '-' && i+1 < len(rs) && !unicode.IsSpace(rs[i+1]) && rs[i+1] != '-' {
				neg = true
				i++
				r = rs[i]
			}
			if r == '"' {
				j := i + 1
				for j < len(rs) && rs[j] != '"' {
					j++
				}
				items = append(items, item{text: string(rs[i+1 : j]), phrase: true, neg: neg})
				i = j + 1
				continue
			}
			j := i
			for j < len(rs) && !unicode.IsSpace(rs[j]) && !unicode.IsControl(rs[j]) && rs[j] != '"' && rs[j] != '|' {
				j++
			}
			w := string(rs[i:j])
			i = j
			if w == "OR" && !neg {
				items = append(items, item{or: true})
				continue
			}
			items = append(items, item{text: w, neg: neg})
		}
	}
	return items
}

// expand turns an item into its term and, for an unquoted word, the terms
// of its synonyms. An item with no word runes gives nothing.
func expand(it item, syn *Synonyms) []Term {
	t, ok := NewTerm(it.text, it.phrase)
	if !ok {
		return nil
	}
	terms := []Term{t}
	if !it.phrase && syn != nil {
		for _, s := range syn.Of(t.Text) {
			if st, ok := NewTerm(s, false); ok && st.Text != t.Text {
				terms = append(terms, st)
			}
		}
	}
	return terms
}

// NewTerm folds text into a term; ok is false when it holds no word rune.
func NewTerm(text string, phrase bool) (Term, bool) {
	t := Term{Phrase: phrase}
	var cur []rune
	for _, r := range foldRunes(text) {
		if IsWordRune(r) {
			cur = append(cur, r)
			continue
		}
		if len(cur) > 0 {
			t.segs = append(t.segs, cur)
			cur = nil
		}
	}
	if len(cur) > 0 {
		t.segs = append(t.segs, cur)
	}
	if len(t.segs) == 0 {
		return t, false
	}
	parts := make([]string, len(t.segs))
	for i, s := range t.segs {
		parts[i] = string(s)
	}
	t.Text = strings.Join(parts, " ")
	return t, true
}

// Runes returns the number of word runes of the term.
func (t Term) Runes() int {
	n := 0
	for _, s := range t.segs {
		n += len(s)
	}
	return n
}

// Single returns the term's one index token when it is a single rune or a
// single bigram (a run of two word runes): such a term's impact levels are
// in the index, and it needs no phrase matching.
func (t Term) Single() (string, bool) {
	if len(t.segs) == 1 && len(t.segs[0]) <= 2 {
		return string(t.segs[0]), true
	}
	return "", false
}

// Tokens returns the index tokens that, at consecutive positions, make the
// term (see AppendTokens); when prefix is true the last token is a prefix
// (a rune that must begin a token). A run that is not the last ends with its
// final single rune, so that it must end where the query's run ends; a run
// that is not the first must begin a run of the text, which the preceding
// final rune ensures.
func (t Term) Tokens() (tokens []string, prefix bool) {
	for i, s := range t.segs {
		last := i == len(t.segs)-1
		for j := 0; j+1 < len(s); j++ {
			tokens = append(tokens, string(s[j:j+2]))
		}
		switch {
		case !last:
			tokens = append(tokens, string(s[len(s)-1]))
		case len(s) == 1:
			tokens = append(tokens, string(s))
			prefix = true
		}
	}
	return tokens, prefix
}

// Bigrams returns the distinct bigrams of the term's runs, in order.
func (t Term) Bigrams() []string {
	var out []string
	seen := map[string]bool{}
	for _, s := range t.segs {
		for j := 0; j+1 < len(s); j++ {
			b := string(s[j : j+2])
			if !seen[b] {
				seen[b] = true
				out = append(out, b)
			}
		}
	}
	return out
}

// String returns the term as a query would write it.
func (t Term) String() string {
	if t.Phrase || len(t.segs) > 1 {
		return `"` + t.Text + `"`
	}
	return t.Text
}

// String returns the query in the query language, normalised.
func (q *Query) String() string {
	var parts []string
	for _, c := range q.Must {
		var alts []string
		for _, t := range c {
			alts = append(alts, t.String())
		}
		parts = append(parts, strings.Join(alts, " OR "))
	}
	for _, t := range q.Not {
		parts = append(parts, "-"+t.String())
	}
	return strings.Join(parts, " ")
}

// Terms returns every term the query looks for (not the excluded ones).
func (q *Query) Terms() []Term {
	var out []Term
	for _, c := range q.Must {
		out = append(out, c...)
	}
	return out
}

// GoString describes a term for tests.
func (t Term) GoString() string { return fmt.Sprintf("Term{%q, phrase=%v}", t.Text, t.Phrase) }
