package sqlite

import (
	"bufio"
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/baogao/baogao"
	"github.com/baogao/baogao/internal/corpustest"
	"github.com/baogao/baogao/internal/ingest"
	"github.com/baogao/baogao/internal/place"
	"github.com/baogao/baogao/internal/search"
)

// TestSearchCorpusQuerySet imports the shared corpus of real documents and
// runs the query set (internal/search/testdata/queries.tsv). Each query's
// must-find set is computed by reading every stored document: those whose
// clean title or body, folded, contains the query. A quoted query must find
// exactly that set; unquoted, at least it (synonyms may add more).
func TestSearchCorpusQuerySet(t *testing.T) {
	shared := corpustest.Dir(t)
	ctx := context.Background()
	st, err := Open(ctx, filepath.Join(t.TempDir(), "corpus.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	files, _ := ingest.Files([]string{filepath.Join(shared, "corpus")})
	im := &ingest.Importer{Store: st, Parser: ingest.NewParser(place.Default())}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if r := im.Import(ctx, raw, ingest.Input{Name: f}); r.Status == ingest.StatusFailed {
			t.Logf("%s: %s", f, r.Reason)
		}
	}
	// Every stored document, folded.
	type text struct {
		id          int64
		title, body string
		raw         string // the body as stored
		folds       bool   // as the index records it
	}
	var docs []text
	for after := int64(0); ; {
		ids, err := st.DocumentIDs(ctx, after, 100)
		if err != nil {
			t.Fatal(err)
		}
		if len(ids) == 0 {
			break
		}
		after = ids[len(ids)-1]
		for _, id := range ids {
			d, err := st.Document(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			var folds bool
			if err := st.DB().QueryRow(`SELECT folds FROM search_docs WHERE document_id = ?`, id).Scan(&folds); err != nil {
				t.Fatal(err)
			}
			docs = append(docs, text{id, search.FoldString(d.Meta.Title), search.FoldString(d.Body), d.Body, folds})
		}
	}
	if len(docs) < 100 {
		t.Fatalf("only %d documents stored from %d files", len(docs), len(files))
	}
	queries := readQuerySet(t)
	if len(queries) < 40 {
		t.Fatalf("the query set has %d queries; it should have at least 40", len(queries))
	}
	for _, q := range queries {
		fq := search.FoldString(q.text)
		var must []int64
		for _, d := range docs {
			if strings.Contains(d.title, fq) || strings.Contains(d.body, fq) {
				must = append(must, d.id)
			}
		}
		// Punctuation in a query matches any punctuation (SPEC deviation,
		// see baogao.SearchQuery): only the must-find set is checked then.
		exact := true
		for _, r := range fq {
			exact = exact && search.IsWordRune(r)
		}
		quoted := all(t, st, `"`+q.text+`"`)
		unquoted := all(t, st, q.text)
		if missing := minus(must, quoted); len(missing) > 0 {
			t.Errorf("%s %q: %d of %d documents not found (ids %v)", q.class, q.text, len(missing), len(must), missing)
		}
		if extra := minus(quoted, must); exact && len(extra) > 0 {
			t.Errorf("%s %q: %d documents found that do not contain it (ids %v)", q.class, q.text, len(extra), extra)
		}
		if missing := minus(must, unquoted); len(missing) > 0 {
			t.Errorf("%s %s unquoted: %d of %d documents not found", q.class, q.text, len(missing), len(must))
		}
		t.Logf("%-7s %-14s must-find %3d, found %3d quoted, %3d unquoted", q.class, q.text, len(must), len(quoted), len(unquoted))
		// Snippets made from the body as written are the snippets made
		// from the folded text, for every document.
		pq, err := search.Parse(q.text, search.DefaultSynonyms())
		if err != nil {
			continue
		}
		for _, d := range docs {
			want := search.Snippet(search.NewText(d.raw), pq.Terms(), 0)
			if got := search.SnippetOf(d.raw, d.folds, pq.Terms(), 0); got != want {
				t.Errorf("%q in document %d: snippet\n%s\nwant\n%s", q.text, d.id, got, want)
			}
		}
	}
}

type querySetEntry struct{ class, text string }

// readQuerySet reads internal/search/testdata/queries.tsv.
func readQuerySet(t *testing.T) []querySetEntry {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "search", "testdata", "queries.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []querySetEntry
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		class, text, ok := strings.Cut(line, "\t")
		if !ok {
			t.Fatalf("query set: bad line %q", line)
		}
		out = append(out, querySetEntry{class, text})
	}
	return out
}

// all returns the ids of every hit of a query, sorted.
func all(t *testing.T, st *Store, q string) []int64 {
	t.Helper()
	var ids []int64
	for off := 0; ; off += baogao.MaxSearchLimit {
		res, err := st.Search(context.Background(), baogao.SearchQuery{Text: q, Limit: baogao.MaxSearchLimit, Offset: off})
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		for _, h := range res.Hits {
			ids = append(ids, h.ID)
		}
		if off+baogao.MaxSearchLimit >= res.Total || off+2*baogao.MaxSearchLimit > baogao.MaxSearchDepth {
			break
		}
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	return ids
}

// minus returns the ids of a not in b (both sorted).
func minus(a, b []int64) []int64 {
	var out []int64
	for _, x := range a {
		i := sort.Search(len(b), func(i int) bool { return b[i] >= x })
		if i == len(b) || b[i] != x {
			out = append(out, x)
		}
	}
	return out
}
