package main

import (
	"bytes"
	"context"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/baogao/baogao"
	"github.com/baogao/baogao/internal/corpustest"
	"github.com/baogao/baogao/internal/place"
	"github.com/baogao/baogao/internal/sqlite"
	"github.com/baogao/baogao/internal/web"
	"github.com/chromedp/chromedp"
)

// TestUserCommand adds, lists, disables and removes operators with the
// password from BAOGAO_PASSWORD and from a prompt.
func TestUserCommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), "u.db")
	runEnv := func(pw string, args ...string) (int, string, string) {
		var out, errb bytes.Buffer
		e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errb, getenv: func(k string) string {
			if k == "BAOGAO_PASSWORD" {
				return pw
			}
			return ""
		}}
		code := run(context.Background(), e, args)
		return code, out.String(), errb.String()
	}
	if code, out, errOut := runEnv("a long enough password", "user", "add", "alice", "--role", "admin", "--db", db); code != 0 || !strings.Contains(out, "added alice (admin)") {
		t.Fatalf("add: %d %s %s", code, out, errOut)
	}
	for _, bad := range [][]string{{"user", "add", "alice"}, {"user", "add", "bo b"}, {"user", "add", "carol", "--role", "root"}, {"user", "frobnicate", "x"}, {"user", "remove", "nobody"}} {
		if code, _, errOut := runEnv("a long enough password", append(bad, "--db", db)...); code == 0 || strings.Count(strings.TrimSpace(errOut), "\n") != 0 {
			t.Errorf("%v: exit %d, %q (want a failure on one line)", bad, code, errOut)
		}
	}
	if code, _, errOut := runEnv("short", "user", "add", "dave", "--db", db); code != 2 || !strings.Contains(errOut, "password") {
		t.Errorf("a short password: %d %s", code, errOut)
	}
	// From a prompt: typed twice.
	c := &userCmd{env: &env{stdout: &bytes.Buffer{}, stderr: &bytes.Buffer{}, getenv: func(string) string { return "" }}, db: &db, role: "moderator"}
	answers := []string{"another long password", "another long password"}
	c.readPassword = func(string) (string, error) { a := answers[0]; answers = answers[1:]; return a, nil }
	if err := c.run(context.Background(), []string{"add", "bob"}); err != nil {
		t.Fatal(err)
	}
	c.readPassword = func(p string) (string, error) { return p, nil } // two different answers
	if err := c.run(context.Background(), []string{"passwd", "bob"}); baogao.ErrorCode(err) != baogao.EINVALID {
		t.Errorf("passwords that differ: %v", err)
	}
	runEnv("", "user", "disable", "bob", "--db", db)
	_, out, _ := runEnv("", "user", "list", "--db", db)
	if !strings.Contains(out, "alice") || !regexpMatch(`bob\s+moderator\s+disabled`, out) {
		t.Errorf("list:\n%s", out)
	}
	if code, out, _ := runEnv("", "user", "remove", "bob", "--db", db); code != 0 || !strings.Contains(out, "removed bob") {
		t.Errorf("remove: %d %s", code, out)
	}
}

// TestBrowserCorrectionsSurviveReextract: an operator corrects a document's
// year, completeness and quality and an extracted value in the browser; `baogao reextract` (run on a
// stale extraction, so that it rewrites the rows) and a re-import keep both,
// and the page shows them as corrected.
func TestBrowserCorrectionsSurviveReextract(t *testing.T) {
	if testing.Short() {
		t.Skip("browser tests are slow")
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "desk.db")
	seed := filepath.Join(corpustest.Dir(t), "corpus", "seed.txt")
	if code, _, errOut := runCLI(t, "", "import", "--db", db, seed); code != 0 {
		t.Fatal(errOut)
	}
	ctx := context.Background()
	st, err := sqlite.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.SyncPlaces(ctx, place.Default()); err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errb, getenv: func(k string) string {
		if k == "BAOGAO_PASSWORD" {
			return "correct horse battery"
		}
		return ""
	}}
	if code := run(ctx, e, []string{"user", "add", "alice", "--role", "admin", "--db", db}); code != 0 {
		t.Fatal(errb.String())
	}
	doc, err := st.Document(ctx, 1)
	if err != nil || len(doc.Extraction.Targets) == 0 {
		t.Fatalf("seed: %+v %v", doc, err)
	}
	target := doc.Extraction.Targets[0]
	srv, err := web.New(web.Config{Store: st, Places: place.Default(), RateLimit: -1})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	defer ts.Close()

	bctx := startBrowser(t)
	tctx, cancel := context.WithTimeout(bctx, 60*time.Second)
	defer cancel()
	err = chromedp.Do(tctx, chromedp.EmulateViewport(1280, 900), chromedp.Navigate(ts.URL+"/admin/documents/1"), chromedp.WaitVisible("#l-name"),
		chromedp.SendKeys("#l-name", "alice"), chromedp.SendKeys("#l-password", "correct horse battery"),
		chromedp.Click(`.login button[type="submit"]`), chromedp.WaitVisible("#d-year"),
		chromedp.SetValue("#d-year", "2022"), chromedp.SetValue("#d-completeness", "news"), chromedp.Click("#d-q-spam"),
		chromedp.Click(`.desk form[action="/admin/documents/1"] button[type="submit"]`),
		chromedp.WaitVisible(".notice"))
	if err != nil {
		t.Fatal(err)
	}
	// The first target's value form.
	err = chromedp.Do(tctx, chromedp.SetValue(`table.values tr:first-child input[name="value"]`, "9.5"),
		chromedp.Click(`table.values tr:first-child button:not([name])`), chromedp.WaitVisible(".notice"))
	if err != nil {
		t.Fatal(err)
	}
	shotDir := os.Getenv("BAOGAO_TEST_OUTPUT")
	if shotDir == "" {
		shotDir = filepath.Join("..", "..", "test-output")
	}
	os.MkdirAll(filepath.Join(shotDir, "screenshots"), 0o755)
	if b, err := chromedp.Run(tctx, chromedp.FullScreenshot(100)); err == nil {
		os.WriteFile(filepath.Join(shotDir, "screenshots", "desk-corrected.png"), b, 0o644)
	}
	check := func(when string) {
		t.Helper()
		d, err := st.Document(ctx, 1)
		if err != nil {
			t.Fatal(err)
		}
		if d.Meta.Year != 2022 || !d.Corrected(baogao.OverrideYear) {
			t.Errorf("%s: year = %d, corrected %v", when, d.Meta.Year, d.Corrected(baogao.OverrideYear))
		}
		if d.Meta.Completeness != baogao.CompletenessNews || !slices.Contains(d.Meta.Quality, baogao.QualitySpam) ||
			!d.Corrected(baogao.OverrideCompleteness) || !d.Corrected(baogao.OverrideQuality) {
			t.Errorf("%s: completeness %q, quality %v, overrides %+v", when, d.Meta.Completeness, d.Meta.Quality, d.Overrides)
		}
		found := false
		for _, tg := range d.Extraction.Targets {
			if tg.Key() == target.Key() {
				found = tg.Value == 9.5 && tg.Corrected
			}
		}
		if !found {
			t.Errorf("%s: the corrected target is gone or changed: %+v", when, d.Extraction.Targets)
		}
	}
	check("after the corrections")
	// An older extractor's rows: reextract must rewrite them.
	if _, err := st.DB().Exec(`DELETE FROM targets WHERE document_id = 1`); err != nil {
		t.Fatal(err)
	}
	code, rout, rerr := runCLI(t, "", "reextract", "--db", db)
	if code != 0 || !strings.Contains(rout, "1 changed") {
		t.Fatalf("reextract: %d %s %s", code, rout, rerr)
	}
	check("after reextract")
	if code, _, errOut := runCLI(t, "", "import", "--db", db, seed); code != 0 {
		t.Fatal(errOut)
	}
	check("after re-import")
	if code, rout, rerr := runCLI(t, "", "reextract", "--recognise", "--db", db); code != 0 {
		t.Fatalf("reextract --recognise: %d %s %s", code, rout, rerr)
	}
	check("after reextract --recognise")
	_, rout, _ = runCLI(t, "", "reextract", "--db", db)
	if !strings.Contains(rout, "0 changed") {
		t.Errorf("a second reextract changes the corrected document again: %s", rout)
	}
	// The reader sees both as corrected (a deadline of its own: the commands
	// above may be slow on a busy machine).
	tctx, cancel2 := context.WithTimeout(bctx, 60*time.Second)
	defer cancel2()
	err = chromedp.Do(tctx, chromedp.Navigate(ts.URL+doc.URL()), chromedp.WaitVisible("h1"))
	if err != nil {
		t.Fatal(err)
	}
	facts, _ := chromedp.Run(tctx, chromedp.Text("dl.facts"))
	if !strings.Contains(facts, "2022") || !strings.Contains(facts, "已更正") {
		t.Errorf("the year is not shown as corrected: %q", facts)
	}
	if !regexpMatch(`新闻报道\s*已更正`, facts) {
		t.Errorf("the completeness is not shown as corrected: %q", facts)
	}
	if warn, _ := chromedp.Run(tctx, chromedp.Evaluate[string](`[...document.querySelectorAll('header p.warning')].map(p => p.textContent).join('|')`)); !strings.Contains(warn, "广告") || !strings.Contains(warn, "已更正") {
		t.Errorf("the spam warning: %q", warn)
	}
	cells, _ := chromedp.Run(tctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('.data td.num')].filter(td => td.querySelector('.corrected')).map(td => td.textContent)`))
	if len(cells) != 1 || !strings.HasPrefix(cells[0], "9.5") {
		t.Errorf("corrected value cells = %q", cells)
	}
}

// startBrowser starts Debian's chromium headless, or skips without it (and
// fails when BAOGAO_REQUIRE_BROWSER is set).
func startBrowser(t *testing.T) context.Context {
	t.Helper()
	path, err := exec.LookPath("chromium")
	if err != nil {
		if os.Getenv("BAOGAO_REQUIRE_BROWSER") != "" {
			t.Fatal("chromium is required (BAOGAO_REQUIRE_BROWSER) but not installed")
		}
		t.Skip("chromium not installed")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(path), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.UserDataDir(t.TempDir()))
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() { cancel(); cancelA() })
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting chromium: %v", err)
	}
	return ctx
}

func regexpMatch(pattern, s string) bool { return regexp.MustCompile(pattern).MatchString(s) }
