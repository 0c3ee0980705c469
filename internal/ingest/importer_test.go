package ingest

import (
	"bytes"
	"context"
	"github.com/baogao/baogao/internal/corpustest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/baogao/baogao"
	"github.com/baogao/baogao/internal/place"
	"github.com/baogao/baogao/internal/sqlite"
)

func newImporter(t *testing.T) (*Importer, baogao.Store) {
	t.Helper()
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "import.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return &Importer{Store: st, Parser: NewParser(place.Default()), Workers: 2}, st
}

// mirrorOf rewrites the portal page as another site would show it: its own
// menu, breadcrumbs, ads and disclaimer around the same report, as text.
func mirrorOf(t *testing.T, page []byte) []byte {
	t.Helper()
	doc := parse(t, page, "portal.html")
	var b strings.Builder
	b.WriteString("首页 要闻 政务 经济 民生 文库 专题 图片\n您的位置：首页 > 文库 > 政府工作报告\n")
	b.WriteString(doc.Meta.Title + "(全文)\n来源：网络 2024-02-03 浏览量：88\n\n")
	// Mirrors often retype full-width punctuation as ASCII.
	ascii := strings.NewReplacer("，", ",", "：", ":", "；", ";", "！", "!")
	for _, para := range strings.Split(doc.Body, "\n") {
		b.WriteString("　　" + ascii.Replace(para) + "\n\n")
	}
	b.WriteString("免责声明：本站转载的文章仅供参考，如有侵权请联系删除。\n上一篇：某县2023年政府工作报告\n")
	return []byte(b.String())
}

func TestImportDuplicates(t *testing.T) {
	page, err := os.ReadFile(filepath.Join("testdata", "portal.html"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	files := map[string][]byte{
		"a-portal.html":     page,
		"b-mirror.txt":      mirrorOf(t, page),
		"c-portal-copy.htm": page, // the same bytes under another name
		"d-truncated.txt":   []byte(strings.Join(strings.Split(string(mirrorOf(t, page)), "\n")[:16], "\n")),
		"e-other.txt":       []byte("2022年嘉禾县国民经济和社会发展统计公报\n\n初步核算，全年地区生产总值223.6亿元，比上年增长6.8%。\n"),
		"f-empty.txt":       {},
		"notes.json":        []byte(`{"not": "a document"}`),
	}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	im, st := newImporter(t)
	ctx := context.Background()
	run := func() map[string]Result {
		paths, skipped := Files([]string{dir})
		out := map[string]Result{}
		for _, r := range skipped {
			out[filepath.Base(r.File)] = r
		}
		if err := im.ImportFiles(ctx, paths, func(r Result) { out[filepath.Base(r.File)] = r }); err != nil {
			t.Fatal(err)
		}
		return out
	}
	first := run()
	want := map[string]string{
		"a-portal.html": StatusImported, "b-mirror.txt": StatusDuplicate, "c-portal-copy.htm": StatusDuplicate,
		"d-truncated.txt": StatusDuplicate, "e-other.txt": StatusImported, "f-empty.txt": StatusFailed, "notes.json": StatusSkipped,
	}
	for name, status := range want {
		if got := first[name]; got.Status != status {
			t.Errorf("%s: %s (%s), want %s", name, got.Status, got.Reason, status)
		}
	}
	portal := first["a-portal.html"]
	for _, name := range []string{"b-mirror.txt", "c-portal-copy.htm", "d-truncated.txt"} {
		if first[name].ID != portal.ID {
			t.Errorf("%s names document %d, want %d", name, first[name].ID, portal.ID)
		}
	}
	if !strings.Contains(first["b-mirror.txt"].Reason, "near-duplicate") {
		t.Errorf("mirror reason = %q", first["b-mirror.txt"].Reason)
	}
	if first["f-empty.txt"].Reason != "empty file" {
		t.Errorf("empty file reason = %q", first["f-empty.txt"].Reason)
	}
	doc, err := st.Document(ctx, portal.ID)
	if err != nil {
		t.Fatal(err)
	}
	// The page and the mirror and the truncated copy are sources of one
	// document; the identical copy adds no source.
	if len(doc.Sources) != 3 {
		t.Errorf("sources = %d, want 3 (page, mirror, truncated copy)", len(doc.Sources))
	}
	before, _ := st.Stats(ctx)

	// Re-importing changes nothing.
	second := run()
	for name, r := range second {
		if r.Status == StatusImported {
			t.Errorf("re-import stored %s again", name)
		}
	}
	after, _ := st.Stats(ctx)
	if after.Documents != before.Documents || after.Sources != before.Sources {
		t.Errorf("re-import changed the archive: %+v → %+v", before, after)
	}
	if before.Documents != 2 {
		t.Errorf("documents = %d, want 2", before.Documents)
	}
}

// TestImportCorpus imports every file of the shared corpus: none may crash
// the import, and importing again adds nothing.
func TestImportCorpus(t *testing.T) {
	shared := corpustest.Dir(t)
	im, st := newImporter(t)
	ctx := context.Background()
	files, _ := Files([]string{filepath.Join(shared, "corpus")})
	counts := map[string]int{}
	err := im.ImportFiles(ctx, files, func(r Result) {
		counts[r.Status]++
		if r.Status == StatusFailed {
			t.Errorf("%s failed: %s", r.File, r.Reason)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("corpus import: %v", counts)
	if counts[StatusImported] < len(files)*9/10 {
		t.Errorf("only %d of %d files imported", counts[StatusImported], len(files))
	}
	stats, _ := st.Stats(ctx)
	again := map[string]int{}
	im.ImportFiles(ctx, files, func(r Result) { again[r.Status]++ })
	if again[StatusImported] != 0 || again[StatusDuplicate] != len(files)-again[StatusFailed] {
		t.Errorf("second import: %v", again)
	}
	if s, _ := st.Stats(ctx); s.Documents != stats.Documents || s.Sources != stats.Sources {
		t.Errorf("second import changed the archive")
	}
}

// TestImportDamagedUTF8: a UTF-8 page with a truncated title and a stray
// byte in its text is read as UTF-8 (not as GB18030 mojibake) and
// recognised; the clean page and another damaged copy imported after it
// are the same document (issue 9, item 2).
func TestImportDamagedUTF8(t *testing.T) {
	page, err := os.ReadFile(filepath.Join("testdata", "portal.html"))
	if err != nil {
		t.Fatal(err)
	}
	title := []byte("<title>2024年嘉禾县人民政府工作报告_嘉禾县人民政府门户网站</title>")
	cut := append(append([]byte{}, title[:len("<title>2024年嘉禾县人民政府工作报")+1]...), "</title>"...)
	damage := func(stray string) []byte {
		b := bytes.Replace(page, title, cut, 1)
		i := bytes.Index(b, []byte("。</p>"))
		return append(append(append([]byte{}, b[:i]...), stray...), b[i:]...)
	}
	im, _ := newImporter(t)
	ctx := context.Background()
	first := im.Import(ctx, damage("\xff"), Input{Name: "damaged.html"})
	if first.Status != StatusImported || first.Flagged {
		t.Errorf("damaged page: %+v", first)
	}
	doc, err := im.Store.Document(ctx, first.ID)
	if err != nil {
		t.Fatal(err)
	}
	m := doc.Meta
	if m.Encoding != "utf-8" || m.Title != "2024年嘉禾县人民政府工作报告" || m.Kind != baogao.KindWorkReport || m.PlaceCode != "431024" || m.Year != 2024 {
		t.Errorf("damaged page read as %s: %q %s %s %d", m.Encoding, m.Title, m.Kind, m.PlaceCode, m.Year)
	}
	if n := strings.Count(doc.Body, "\uFFFD"); n != 1 {
		t.Errorf("%d replacement characters in the body, want 1", n)
	}
	for _, f := range []struct {
		name string
		raw  []byte
	}{{"clean.html", page}, {"damaged-again.html", damage("\xc3\x28")}} {
		r := im.Import(ctx, f.raw, Input{Name: f.name})
		if r.Status != StatusDuplicate || r.ID != first.ID {
			t.Errorf("%s: %+v, want a duplicate of document %d", f.name, r, first.ID)
		}
	}
}
