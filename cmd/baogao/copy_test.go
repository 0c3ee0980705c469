package main

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/baogao/baogao"
	"github.com/baogao/baogao/internal/archive"
	"github.com/baogao/baogao/internal/postgres"
	"github.com/baogao/baogao/internal/postgres/pgtest"
	"github.com/baogao/baogao/internal/sqlite"
)

// TestCopyRoundTrip copies the demo archive, with comments, operators,
// the audit log, corrections, the trash, settings and import runs, from
// SQLite to PostgreSQL and back to a new SQLite file: every table's
// digest (ids included) is the same at each step, and the copies answer
// like the original.
func TestCopyRoundTrip(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	first, back := filepath.Join(dir, "first.db"), filepath.Join(dir, "back.db")
	pg := pgtest.URL(t)
	if code, _, errOut := runCLI(t, "", "demo", "--db", first, "--docs", "40"); code != 0 {
		t.Fatalf("demo: %s", errOut)
	}
	fillDesk(t, first)
	// A crawl: the crawler's state, and sources with their original bytes.
	site, _ := demoSite(t, 0, 3, 0)
	if code, out, errOut := runCLI(t, "", "crawl", "--db", first, "--allow-private", "--rate", "500", site.URL+"/list/0.html"); code != 0 {
		t.Fatalf("crawl: %s %s", out, errOut)
	}
	// A page with an inline image: an original kept in parts.
	img := make([]byte, 2<<20)
	rand.NewChaCha8([32]byte{3}).Read(img)
	page := filepath.Join(dir, "image.html")
	html := `<html><head><meta charset="utf-8"><title>云溪县2023年政府工作报告</title></head><body><h1>云溪县2023年政府工作报告</h1>` +
		`<img src="data:image/png;base64,` + base64.StdEncoding.EncodeToString(img) + `"><p>` + strings.Join(reportParagraphs(t, 20<<10), "</p><p>") + `</p></body></html>`
	if err := os.WriteFile(page, []byte(html), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, out, errOut := runCLI(t, "", "import", "--db", first, page); code != 0 || !strings.Contains(out, "imported 1,") {
		t.Fatalf("import: %s %s", out, errOut)
	}
	want := digests(t, first)
	for _, tr := range want {
		if tr.Rows == 0 && tr.Table != "blocked_clients" {
			t.Errorf("the archive has no %s: the round trip would not check them", tr.Table)
		}
	}
	for _, step := range []struct{ from, to string }{{first, pg}, {pg, back}} {
		code, out, errOut := runCLI(t, "", "copy", "--from", step.from, "--to", step.to)
		if code != 0 || !strings.Contains(out, "every table's rows and digest agree") {
			t.Fatalf("copy %s → %s: exit %d\n%s%s", step.from, step.to, code, out, errOut)
		}
		t.Logf("copy %s → %s:\n%s", filepath.Base(step.from), filepath.Base(step.to), out)
		if got := digests(t, step.to); !reflect.DeepEqual(got, want) {
			t.Errorf("after copying to %s:\n got %v\nwant %v", step.to, got, want)
		}
	}
	// The copies answer as the original: a search, a document by id, a
	// listing's total, the next id.
	var answers []string
	for _, db := range []string{first, pg, back} {
		st, err := openStore(ctx, db)
		if err != nil {
			t.Fatal(err)
		}
		res, err := st.Search(ctx, baogao.SearchQuery{Text: "高质量发展"})
		if err != nil {
			t.Fatal(err)
		}
		doc, err := st.Document(ctx, 7)
		if err != nil {
			t.Fatal(err)
		}
		stats, _ := st.Stats(ctx)
		page, _ := st.Comments(ctx, baogao.CommentFilter{})
		n := &baogao.Document{Meta: baogao.Meta{Title: "新", Kind: baogao.KindOther}, Body: "新文件。", SHA256: strings.Repeat("f", 64)}
		if err := st.AddDocument(ctx, n, baogao.Source{SHA256: strings.Repeat("e", 64)}); err != nil {
			t.Fatal(err)
		}
		answers = append(answers, fmt.Sprintf("%s | %s | %s | %d documents, next id %d, %d comments", hitString(res),
			doc.Meta.Title, doc.Overrides[0].Value, stats.Documents, n.ID, page.Total))
		st.Close()
	}
	t.Logf("answers:\n%s", strings.Join(answers, "\n"))
	if answers[0] != answers[1] || answers[0] != answers[2] {
		t.Errorf("the copies answer otherwise:\n%s", strings.Join(answers, "\n"))
	}
}

// TestCopyResumes stops a copy into PostgreSQL midway, then runs it again:
// it goes on where it stopped, and the result is whole. A copy into an
// archive holding other rows is refused.
func TestCopyResumes(t *testing.T) {
	ctx := context.Background()
	src := filepath.Join(t.TempDir(), "src.db")
	pg := pgtest.URL(t)
	if code, _, errOut := runCLI(t, "", "demo", "--db", src, "--docs", "30"); code != 0 {
		t.Fatalf("demo: %s", errOut)
	}
	from, err := sqlite.Open(ctx, src)
	if err != nil {
		t.Fatal(err)
	}
	defer from.Close()
	to, err := postgres.Open(ctx, pg, postgres.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer to.Close()
	stop, cancel := context.WithCancel(ctx)
	_, err = archive.Copy(stop, from, to, archive.Options{Batch: 7, Progress: func(table string, rows int) {
		if table == "targets" && rows >= 14 {
			cancel()
		}
	}})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("the stopped copy: %v", err)
	}
	var docs, targets int
	to.Pool().QueryRow(ctx, `SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM targets)`).Scan(&docs, &targets)
	if docs != 30 || targets != 14 {
		t.Fatalf("the stopped copy left %d documents and %d targets", docs, targets)
	}
	results, err := archive.Copy(ctx, from, to, archive.Options{Batch: 7})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range results {
		if r.Table == "documents" && r.Copied != 0 || r.Table == "targets" && r.Copied != r.Rows-14 {
			t.Errorf("%s: copied %d of %d again", r.Table, r.Copied, r.Rows)
		}
	}
	// Another archive cannot be copied over this one.
	other := filepath.Join(t.TempDir(), "other.db")
	if code, _, errOut := runCLI(t, "", "demo", "--db", other, "--docs", "5", "--seed", "9"); code != 0 {
		t.Fatalf("demo: %s", errOut)
	}
	code, _, errOut := runCLI(t, "", "copy", "--from", other, "--to", pg)
	if code != 1 || !strings.Contains(errOut, "copy into an empty archive") {
		t.Errorf("copying another archive over it: exit %d, %s", code, errOut)
	}
}

// fillDesk gives an archive one of everything the operator's desk keeps.
func fillDesk(t *testing.T, db string) {
	t.Helper()
	ctx := context.Background()
	st, err := openStore(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	at := time.Date(2025, 3, 4, 5, 6, 7, 891234000, time.UTC)
	u := &baogao.User{Name: "ops", Role: baogao.RoleAdmin, PasswordHash: "$argon2id$v=19$m=65536,t=3,p=2$c2FsdA$a2V5", CreatedAt: at}
	must(t, st.AddUser(ctx, u))
	u.LastLogin = at.Add(time.Hour)
	must(t, st.UpdateUser(ctx, *u))
	c1 := &baogao.Comment{DocumentID: 7, Name: "读者", Text: "第一条评论。", Status: baogao.CommentPublished, ClientHash: "abc", CreatedAt: at}
	must(t, st.AddComment(ctx, c1))
	must(t, st.AddComment(ctx, &baogao.Comment{DocumentID: 7, ParentID: c1.ID, Text: "回复。", Status: baogao.CommentPending}))
	if _, err := st.ModerateComments(ctx, []int64{c1.ID}, baogao.CommentPublished, "ops"); err != nil {
		t.Fatal(err)
	}
	must(t, st.BlockClient(ctx, "bad", time.Now().Add(24*time.Hour), "ops"))
	must(t, st.AddAudit(ctx, baogao.AuditEntry{Actor: "ops", Action: "comment.approve", Target: "comments 1", At: at}))
	must(t, st.SetSetting(ctx, "moderation", "post"))
	must(t, st.SetSetting(ctx, "words", "某词\n另一词"))
	must(t, st.SetOverride(ctx, baogao.Override{DocumentID: 7, Field: baogao.OverrideTitle, Value: "改过的标题", By: "ops"}))
	d, err := st.Document(ctx, 8)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Extraction.Targets) > 0 {
		tg := d.Extraction.Targets[0]
		must(t, st.SetOverride(ctx, baogao.Override{DocumentID: 8, Field: baogao.OverrideTarget, Key: tg.Key(),
			Value: `{"indicator":"gdp_growth","value":6.5,"unit":"%","qualifier":"about","text":"改"}`, By: "ops"}))
	}
	must(t, st.TrashDocument(ctx, 9, "ops"))
	must(t, st.AddImportRun(ctx, &baogao.ImportRun{Command: "import", Started: at, Finished: at.Add(time.Minute), Imported: 40,
		Errors: []baogao.ImportError{{File: "x.html", Reason: "无法识别"}}}))
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// digests returns the digest of every table of an archive.
func digests(t *testing.T, db string) []archive.Result {
	t.Helper()
	st, err := openCopyable(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	out, err := archive.Digests(context.Background(), st)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func hitString(res baogao.SearchResult) string {
	s := fmt.Sprint(res.Total)
	for _, h := range res.Hits {
		s += fmt.Sprintf(" %d:%.4f", h.ID, h.Score)
	}
	return s
}
