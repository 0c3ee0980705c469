package search

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/baogao/baogao"
)

// Entry is what a store indexes for one document: plain token strings that
// any full-text engine splitting on spaces can hold (an FTS5 table, a
// PostgreSQL tsvector of the "simple" configuration).
type Entry struct {
	Key   int64  // SortKey of the document
	Title string // index tokens of the title (see AppendTokens)
	Body  string // index tokens of the body
	Tags  string // filter tags: kind, region, level, year, place and its parents (see Tags)
	// Terms holds, by impact level, the distinct runes of title and body
	// and the bigrams found more than once or in the title: Terms[l-1] are
	// those of level l, space-separated. A bigram found once in the body,
	// and not in the title, has the level of the document's length (see
	// LengthTag): most bigrams of a document are found once, and leaving them
	// out saves a quarter of the index's work; see LengthTag.
	Terms [Levels]string
	// Length is the number of word runes of the body.
	Length int
	// Folds is true when the body has Han characters that fold to others
	// (traditional forms); see NewDoc.
	Folds bool
}

// NewEntry returns the index entry of a document; Key is computed from its
// ID, year and date.
func NewEntry(doc *baogao.Document) Entry {
	e := Entry{Key: SortKey(doc.Meta.Year, doc.Meta.Date, doc.ID)}
	// A text has a term for every few bytes up to a few hundred thousand
	// terms; the counter grows past that when it must, rather than a 4 MB
	// text's starting at 24 MB.
	counts := newCounter(min(len(doc.Body)/4, 1<<17))
	body, n := appendAndCount(make([]byte, 0, len(doc.Body)*3/2), doc.Body, counts, 1)
	title, _ := appendAndCount(nil, doc.Meta.Title, counts, TitleWeight)
	e.Title, e.Body, e.Length = string(title), string(body), n
	e.Folds = HasFoldingHan(doc.Body)
	e.Tags = strings.Join(Tags(doc.Meta), " ")
	var levels [Levels][]byte
	counts.each(func(t term, tf int32) {
		if _, second := t.runes(); tf == 1 && second != 0 {
			return // a bigram found once: its level is the length's
		}
		l := Level(int(tf), n) - 1
		if len(levels[l]) > 0 {
			levels[l] = append(levels[l], ' ')
		}
		a, b := t.runes()
		levels[l] = utf8.AppendRune(levels[l], a)
		if b != 0 {
			levels[l] = utf8.AppendRune(levels[l], b)
		}
	})
	for l := range levels {
		e.Terms[l] = string(levels[l])
	}
	return e
}

// The impact index holds, for each level of a document, one row of the
// document's terms of that level, keyed by LevelKey(level, key): reading a
// term's rows in descending key order reads its documents by level, highest
// first, and newest first within a level.

// LevelKey returns the key of a document's row of terms of a level.
func LevelKey(level int, key int64) int64 { return int64(level)<<levelShift | key }

// SplitLevelKey returns the level and document key of a row of terms.
func SplitLevelKey(k int64) (level int, key int64) {
	return int(k >> levelShift), k & (1<<levelShift - 1)
}

// levelShift leaves room below the level for the sort key (53 bits: year,
// day, id).
const levelShift = 53

// LengthTag returns the tag of a document's length level: the level that a
// term found once in its body has, Level(1, length). A store keeps it with
// the document's tokens, where reading the documents holding a bigram and
// a length level reads, in order, those that have it at that level because
// they have it once (their other terms are in Terms).
func LengthTag(length int) string { return LengthLevelTag(Level(1, length)) }

// LengthLevelTag returns the length tag of a level.
func LengthLevelTag(level int) string { return tagLength + strconv.Itoa(level) }

// Tag prefixes. A tag has at least three runes, a term at most two, so
// tags and terms can share one index.
const (
	tagKind   = "zk" // + kind URL segment
	tagRegion = "zr" // + region slug
	tagLevel  = "zl" // + place level
	tagPlace  = "zc" // + significant prefix of the place code, and of each parent
	tagYear   = "zy" // + year
	tagLength = "zq" // + the level of a term found once (see LengthTag)
)

// Tags returns the filter tags of a document: its kind, region, level, year and
// its place code's significant prefixes (37, 3708, 370828), so that a filter
// on a province or prefecture finds everything under it.
func Tags(m baogao.Meta) []string {
	region := m.Region
	if !region.Valid() {
		region = baogao.RegionOf(m.PlaceCode)
	}
	tags := []string{tagKind + m.Kind.Segment(), tagRegion + string(region), tagYear + strconv.Itoa(m.Year)}
	if m.Level != "" {
		tags = append(tags, tagLevel+string(m.Level))
	}
	if c := m.PlaceCode; len(c) == 6 && isDigits(c) {
		tags = append(tags, tagPlace+c[:2])
		if c[2:] != "0000" {
			tags = append(tags, tagPlace+c[:4])
			if c[4:] != "00" {
				tags = append(tags, tagPlace+c)
			}
		}
	}
	return tags
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
