package main

import (
	"bufio"
	"context"
	"database/sql"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/baogao/baogao/internal/ingest"
	"github.com/baogao/baogao/internal/place"
	"github.com/baogao/baogao/internal/search"
	"github.com/go-ego/gse"
	_ "modernc.org/sqlite"
)

// The tokenisation comparison indexes the shared corpus once per scheme in
// an FTS5 table (the engine baogao uses), runs the query set, and measures
// recall against the must-find set (documents whose folded title or body
// contains the query), precision of the top 10 by FTS5's bm25, and the size
// of the index.

// scheme is one way of cutting text into tokens, and queries into an FTS5
// expression.
type scheme struct {
	name    string
	table   string // FTS5 options after the columns
	columns []string
	doc     func(text string) []string // one token string per column
	query   func(q string) string      // MATCH expression
	rank    string                     // ORDER BY
}

type corpusDoc struct {
	text   string // title, a line break, body
	folded string
}

func runTokens(ctx context.Context, corpus, queries, dir string, w io.Writer) error {
	docs, err := loadCorpus(corpus)
	if err != nil {
		return err
	}
	qs, err := loadQueries(queries)
	if err != nil {
		return err
	}
	var seg gse.Segmenter
	seg.SkipLog = true
	if err := seg.LoadDictEmbed("zh_s"); err != nil {
		return err
	}
	words := func(text string, search bool) []string {
		var cut []string
		if search {
			cut = seg.CutSearch(text, false)
		} else {
			cut = seg.Cut(text, false)
		}
		var out []string
		for _, tok := range cut {
			// Keep the runs of word runes of each token (gse keeps "8.5" and
			// punctuation as tokens of their own).
			cur := []rune{}
			for _, r := range tok {
				if search0IsWord(r) {
					cur = append(cur, r)
				} else if len(cur) > 0 {
					out = append(out, string(cur))
					cur = cur[:0]
				}
			}
			if len(cur) > 0 {
				out = append(out, string(cur))
			}
		}
		return out
	}
	bigrams := func(text string) string { b, _ := search.AppendTokens(nil, text); return string(b) }
	phrase := func(tokens []string, prefix bool) string {
		e := `"` + strings.Join(tokens, " ") + `"`
		if prefix {
			e += " *"
		}
		return e
	}
	bigramQuery := func(q string) string {
		t, _ := search.NewTerm(q, true)
		tokens, prefix := t.Tokens()
		return phrase(tokens, prefix)
	}
	schemes := []scheme{
		{name: "CJK bigrams, positions (baogao)", columns: []string{"t"}, table: "detail=full",
			doc: func(text string) []string { return []string{bigrams(text)} }, query: bigramQuery},
		{name: "CJK bigrams, no positions (AND)", columns: []string{"t"}, table: "detail=none",
			doc: func(text string) []string { return []string{bigrams(text)} },
			query: func(q string) string {
				t, _ := search.NewTerm(q, true)
				tokens, prefix := t.Tokens()
				var parts []string
				for i, tok := range tokens {
					parts = append(parts, phrase([]string{tok}, prefix && i == len(tokens)-1))
				}
				return strings.Join(parts, " AND ")
			}},
		{name: "gse words (dictionary, no HMM)", columns: []string{"t"}, table: "detail=full",
			doc:   func(text string) []string { return []string{strings.Join(words(text, false), " ")} },
			query: func(q string) string { return phrase(words(search.FoldString(q), false), false) }},
		{name: "gse search mode (words and sub-words)", columns: []string{"t"}, table: "detail=full",
			doc:   func(text string) []string { return []string{strings.Join(words(text, true), " ")} },
			query: func(q string) string { return phrase(words(search.FoldString(q), false), false) }},
		{name: "gse words + CJK bigrams", columns: []string{"w", "b"}, table: "detail=full", rank: "bm25(x, 2.0, 1.0)",
			doc: func(text string) []string { return []string{strings.Join(words(text, false), " "), bigrams(text)} },
			query: func(q string) string {
				return "{w} : " + phrase(words(search.FoldString(q), false), false) + " OR {b} : " + bigramQuery(q)
			}},
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	var textBytes int
	for _, d := range docs {
		textBytes += len(d.text)
	}
	fmt.Fprintf(w, "## Tokenisation for Chinese search, %s\n\n", time.Now().Format("2006-01-02"))
	fmt.Fprintf(w, "Command: `cd bench && go run . tokens`  \n")
	fmt.Fprintf(w, "Corpus: %d documents of the shared corpus (%.1f MB), %d queries of internal/search/testdata/queries.tsv. "+
		"Must-find set of a query: the documents whose folded title or body contains it. Top 10 by FTS5 bm25.\n\n",
		len(docs), float64(textBytes)/1e6, len(qs))
	fmt.Fprintf(w, "| scheme | recall | queries fully found | precision of top 10 | index | bytes/doc | tokenise |\n|---|---:|---:|---:|---:|---:|---:|\n")
	for i, sc := range schemes {
		r, err := measureScheme(ctx, filepath.Join(dir, fmt.Sprintf("tok%d.db", i)), sc, docs, qs)
		if err != nil {
			return fmt.Errorf("%s: %w", sc.name, err)
		}
		fmt.Fprintf(w, "| %s | %.3f | %d / %d | %.3f | %.1f MB | %d | %.1f MB/s |\n", sc.name, r.recall, r.full, len(qs), r.precision,
			float64(r.size)/1e6, r.size/int64(len(docs)), float64(textBytes)/1e6/r.tokenise.Seconds())
		if len(r.missed) > 0 {
			fmt.Fprintf(os.Stderr, "%s misses: %s\n", sc.name, strings.Join(r.missed, " "))
		}
	}
	return nil
}

// search0IsWord is search.IsWordRune on a folded rune.
func search0IsWord(r rune) bool { return search.IsWordRune(search.Fold(r)) }

type schemeResult struct {
	recall, precision float64
	full              int
	size              int64
	tokenise          time.Duration
	missed            []string
}

func measureScheme(ctx context.Context, path string, sc scheme, docs []corpusDoc, qs []string) (schemeResult, error) {
	var r schemeResult
	os.Remove(path)
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		return r, err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	cols := strings.Join(sc.columns, ", ")
	if _, err := db.ExecContext(ctx, `CREATE VIRTUAL TABLE x USING fts5(`+cols+`, content='', `+sc.table+`, tokenize="ascii tokenchars '.%'")`); err != nil {
		return r, err
	}
	tx, err := db.Begin()
	if err != nil {
		return r, err
	}
	marks := strings.TrimSuffix(strings.Repeat("?, ", len(sc.columns)), ", ")
	for i, d := range docs {
		t0 := time.Now()
		vals := sc.doc(d.folded)
		r.tokenise += time.Since(t0)
		args := []any{i + 1}
		for _, v := range vals {
			args = append(args, v)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO x (rowid, `+cols+`) VALUES (?, `+marks+`)`, args...); err != nil {
			return r, err
		}
	}
	if err := tx.Commit(); err != nil {
		return r, err
	}
	if _, err := db.ExecContext(ctx, `INSERT INTO x (x) VALUES ('optimize')`); err != nil {
		return r, err
	}
	if err := db.QueryRowContext(ctx, `SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'x%'`).Scan(&r.size); err != nil {
		return r, err
	}
	rank := sc.rank
	if rank == "" {
		rank = "bm25(x)"
	}
	var found, must int
	var precisionSum float64
	var ranked int
	for _, q := range qs {
		fq := search.FoldString(q)
		want := map[int64]bool{}
		for i, d := range docs {
			if strings.Contains(d.folded, fq) {
				want[int64(i+1)] = true
			}
		}
		expr := sc.query(q)
		if expr == `""` { // the scheme has no token for the query
			must += len(want)
			r.missed = append(r.missed, q)
			continue
		}
		rows, err := db.QueryContext(ctx, `SELECT rowid FROM x WHERE x MATCH ? ORDER BY `+rank, expr)
		if err != nil {
			return r, fmt.Errorf("%q (%s): %w", q, expr, err)
		}
		var got []int64
		for rows.Next() {
			var id int64
			rows.Scan(&id)
			got = append(got, id)
		}
		rows.Close()
		hit := 0
		for _, id := range got {
			if want[id] {
				hit++
			}
		}
		found += hit
		must += len(want)
		if hit == len(want) {
			r.full++
		} else {
			r.missed = append(r.missed, fmt.Sprintf("%s(%d/%d)", q, hit, len(want)))
		}
		if len(got) > 0 {
			top := got[:min(10, len(got))]
			good := 0
			for _, id := range top {
				if want[id] {
					good++
				}
			}
			precisionSum += float64(good) / float64(len(top))
			ranked++
		}
	}
	r.recall = float64(found) / float64(must)
	if ranked > 0 {
		r.precision = precisionSum / float64(ranked)
	}
	return r, nil
}

// loadCorpus parses every file of the corpus as baogao imports it, once
// per distinct body.
func loadCorpus(dir string) ([]corpusDoc, error) {
	files, _ := ingest.Files([]string{dir})
	p := ingest.NewParser(place.Default())
	seen := map[string]bool{}
	var docs []corpusDoc
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		doc, _, err := p.Parse(raw, ingest.Input{Name: f})
		if err != nil || seen[doc.SHA256] {
			continue
		}
		seen[doc.SHA256] = true
		text := doc.Meta.Title + "\n" + doc.Body
		docs = append(docs, corpusDoc{text: text, folded: search.FoldString(text)})
	}
	return docs, nil
}

// loadQueries reads the query set (class<TAB>query lines).
func loadQueries(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var qs []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		_, q, _ := strings.Cut(line, "\t")
		qs = append(qs, q)
	}
	return qs, sc.Err()
}
