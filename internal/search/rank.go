package search

import (
	"math"
	"time"
)

// Ranking is BM25 with quantised term impacts, the scheme of impact-ordered
// indexes: at indexing time, each term of a document gets a level from 1 to
// Levels computed from the term's frequency and the document's length alone
// (a fixed length pivot stands in for the corpus's average length, so that
// the level never changes after indexing). A query scores a document by the
// sum over its clauses of the clause's inverse document frequency times the
// level. The levels of every rune and bigram of a document are stored in
// the index, ordered by level, so the best documents for a term are read
// first and a search stops as soon as no unread document can enter the page.
const (
	// Levels is the number of impact levels.
	Levels = 24
	// K1 and B are BM25's saturation and length-normalisation parameters.
	K1 = 1.2
	B  = 0.75
	// Pivot is the document length (in word runes) at which length
	// normalisation is neutral, near the typical length of a work report.
	Pivot = 4000
	// TitleWeight is how many body occurrences one occurrence in the title
	// counts for.
	TitleWeight = 10
)

// Level returns the impact level, 1 to Levels, of a term that occurs tf
// times (title occurrences counting TitleWeight) in a body of length word
// runes; 0 when tf is 0.
func Level(tf int, length int) int {
	if tf <= 0 {
		return 0
	}
	f := float64(tf)
	impact := f * (K1 + 1) / (f + K1*(1-B+B*float64(length)/Pivot))
	l := int(math.Ceil(impact / (K1 + 1) * Levels))
	return max(1, min(l, Levels))
}

// IDF is BM25's inverse document frequency of a term found in df of n
// documents (the variant that is never negative).
func IDF(df, n int) float64 {
	if n <= 0 {
		return 0
	}
	df = max(0, min(df, n))
	return math.Log(1 + (float64(n)-float64(df)+0.5)/(float64(df)+0.5))
}

// IndexVersion is the version of the index's tokens and levels: a store
// whose index was built by another version must be rebuilt (baogao reindex).
const IndexVersion = 1

// Score rounds a score to four decimals, so that every store reports, and
// orders by, the same number.
func Score(s float64) float64 { return math.Round(s*1e4) / 1e4 }

// The sort key of a document orders hits of equal score: newest year first,
// then latest date within the year, then highest id. It packs the year, the
// day of the date counted from 1 January of the year (clamped to 0–511; 0
// when the date is unknown) and the id (below 2³²).
const (
	keyYearShift = 41
	keyDayShift  = 32
	// MaxID is the largest document id a sort key holds.
	MaxID = 1<<32 - 1
	// maxYear is the largest year a sort key holds.
	maxYear = 4095
)

// SortKey returns the sort key of a document: year (0 when unknown), date as
// "YYYY-MM-DD" ("" when unknown) and id. Keys compare as the order of hits
// of equal score, greatest first.
func SortKey(year int, date string, id int64) int64 {
	year = max(0, min(year, maxYear))
	day := 0
	if d, err := time.Parse(time.DateOnly, date); err == nil && year > 0 {
		jan1 := time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC)
		day = max(0, min(int(d.Sub(jan1).Hours()/24), 511))
	}
	return int64(year)<<keyYearShift | int64(day)<<keyDayShift | (id & MaxID)
}

// KeyID returns the document id of a sort key.
func KeyID(key int64) int64 { return key & MaxID }

// YearKeys returns the range of sort keys of documents of the years from to
// to (inclusive); a zero bound is open.
func YearKeys(from, to int) (lo, hi int64) {
	lo, hi = 0, math.MaxInt64
	if from > 0 {
		lo = int64(min(from, maxYear)) << keyYearShift
	}
	if to > 0 {
		hi = int64(min(to, maxYear)+1)<<keyYearShift - 1
	}
	return lo, hi
}

// Weights returns the weights of a query's clauses from the number of
// documents each clause matches (dfs, over the whole archive) and the
// number of documents n: their inverse document frequencies, normalised to
// sum to 1. A single clause weighs 1.
func Weights(dfs []int, n int) []float64 {
	w := make([]float64, len(dfs))
	if len(dfs) == 1 {
		w[0] = 1
		return w
	}
	sum := 0.0
	for i, df := range dfs {
		w[i] = IDF(df, max(n, df))
		sum += w[i]
	}
	for i := range w {
		if sum > 0 {
			w[i] /= sum
		} else {
			w[i] = 1 / float64(len(w))
		}
	}
	return w
}

// Score returns a document's score for the query, given the clauses'
// weights (see Weights), and false when the document does not match: a
// clause has no term in the title or body, or an excluded term is there.
// The score is the weighted sum of each clause's best term level, divided
// by Levels: from 0 to 1.
func (q *Query) Score(weights []float64, d *Doc) (float64, bool) {
	for _, t := range q.Not {
		if d.contains(t) {
			return 0, false
		}
	}
	var best [MaxTerms]int
	for i, c := range q.Must {
		for _, t := range c {
			best[i] = max(best[i], d.level(t))
		}
		if best[i] == 0 {
			return 0, false
		}
	}
	return LevelScore(weights, best[:len(q.Must)])
}

// LevelScore returns the score of a document whose clauses' best term
// levels are best, in clause order, given the clauses' weights, and false
// when a level is 0 (the clause does not match): the arithmetic of Score,
// for a store that knows the levels from its index, so that both agree to
// the last bit.
func LevelScore(weights []float64, best []int) (float64, bool) {
	s := 0.0
	for i, l := range best {
		if l == 0 {
			return 0, false
		}
		s += weights[i] * float64(l)
	}
	return Score(s / Levels), true
}
