package search

import (
	_ "embed"
	"strings"
	"sync"
)

//go:embed synonyms.txt
var synonymsData string

// Synonyms maps a folded word to the other words of its groups. It is
// read-only once built.
type Synonyms struct {
	groups map[string][]string
}

// ParseSynonyms reads synonym groups: one group per line, words separated by
// spaces; lines starting with # are comments. Words are folded, so that
// the table matches a query however it was typed.
func ParseSynonyms(data string) *Synonyms {
	s := &Synonyms{groups: map[string][]string{}}
	for line := range strings.SplitSeq(data, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' {
			continue
		}
		var words []string
		for _, w := range strings.Fields(line) {
			if t, ok := NewTerm(w, false); ok {
				words = append(words, t.Text)
			}
		}
		for _, w := range words {
			for _, o := range words {
				if o != w && !contains(s.groups[w], o) {
					s.groups[w] = append(s.groups[w], o)
				}
			}
		}
	}
	return s
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// DefaultSynonyms returns the table kept in synonyms.txt.
var DefaultSynonyms = sync.OnceValue(func() *Synonyms { return ParseSynonyms(synonymsData) })

// Of returns the synonyms of a folded word (Term.Text), in the table's
// order; nil when it has none.
func (s *Synonyms) Of(word string) []string {
	if s == nil {
		return nil
	}
	return s.groups[word]
}
