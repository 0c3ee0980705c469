// Package moderate judges readers' comments: a sensitive-word filter that
// sees through traditional characters, full-width letters and inserted
// spaces or punctuation, and the names that impersonate the site.
package moderate

import (
	"strings"
	"unicode"

	"github.com/baogao/baogao/internal/decode"
	"github.com/coregx/ahocorasick"
	"golang.org/x/text/width"
)

// Fold reduces text to what a word filter compares: simplified characters,
// narrow lower-case letters and digits, and nothing else — spaces,
// punctuation, symbols and invisible characters inserted between the
// characters of a word ("敏 感", "敏.感", "敏\u200b感") are dropped.
func Fold(text string) string {
	if s, err := decode.ToSimplified(text); err == nil {
		text = s
	}
	text = width.Fold.String(text)
	var b strings.Builder
	b.Grow(len(text))
	for _, r := range text {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// Filter finds the words of a list in a text, both folded, with one pass of
// an Aho–Corasick automaton however long the list.
type Filter struct {
	ac    *ahocorasick.Automaton // nil for an empty list
	words []string               // as the operator wrote them, by pattern id
}

// NewFilter builds a filter of words: one per line or comma-separated; blank
// lines and lines starting with # are ignored, as are words that fold to
// nothing.
func NewFilter(list string) (*Filter, error) {
	f := &Filter{}
	var patterns []string
	seen := map[string]bool{}
	for _, line := range strings.Split(list, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		for _, w := range strings.FieldsFunc(line, func(r rune) bool { return r == ',' || r == '，' || r == '、' }) {
			p := Fold(w)
			if p == "" || seen[p] {
				continue
			}
			seen[p] = true
			patterns = append(patterns, p)
			f.words = append(f.words, strings.TrimSpace(w))
		}
	}
	if len(patterns) == 0 {
		return f, nil
	}
	ac, err := ahocorasick.NewBuilder().AddStrings(patterns).SetMatchKind(ahocorasick.LeftmostLongest).Build()
	if err != nil {
		return nil, err
	}
	f.ac = ac
	return f, nil
}

// Len returns the number of words.
func (f *Filter) Len() int { return len(f.words) }

// Match returns the first listed word found in text, as the list wrote it,
// and whether there was one.
func (f *Filter) Match(text string) (string, bool) {
	if f == nil || f.ac == nil {
		return "", false
	}
	m, ok := f.ac.Find([]byte(Fold(text)), 0)
	if !ok {
		return "", false
	}
	return f.words[m.PatternID], true
}

// siteWords are what a name that impersonates the site or its operators
// contains.
var siteWords = []string{"管理员", "管理", "官方", "站长", "版主", "客服", "编辑部", "报告网", "baogao", "admin", "administrator",
	"moderator", "webmaster", "official", "system", "系统"}

// Impersonates reports whether a reader's name claims to speak for the site:
// it contains a word such as 管理员, 官方 or 站长, or an operator's name,
// folded like the word filter's text.
func Impersonates(name string, operators []string) bool {
	n := Fold(name)
	if n == "" {
		return false
	}
	for _, w := range siteWords {
		if strings.Contains(n, Fold(w)) {
			return true
		}
	}
	for _, op := range operators {
		if o := Fold(op); o != "" && strings.Contains(n, o) {
			return true
		}
	}
	return false
}
