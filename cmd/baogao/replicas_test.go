package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/baogao/baogao"
	"github.com/baogao/baogao/internal/postgres"
	"github.com/baogao/baogao/internal/postgres/pgtest"
)

// TestTwoServersOnePostgres is issue 15's acceptance test: two `baogao
// serve` processes on one PostgreSQL database share everything a reader or
// an operator can notice. A captcha issued by one is accepted by the other;
// a comment approved through one shows on the other, whose cached page of
// the document is dropped; settings changed through one rule the other; a
// reader's comments count against one limit on both; a document imported
// meanwhile is found by both; failed logins on one lock the name out on the
// other.
func TestTwoServersOnePostgres(t *testing.T) {
	ctx := context.Background()
	db := pgtest.URL(t)
	if code, _, errOut := runCLI(t, "", "demo", "--db", db, "--docs", "20"); code != 0 {
		t.Fatalf("demo: %s", errOut)
	}
	child(t, []string{"BAOGAO_PASSWORD=correct horse battery"}, "user", "add", "--db", db, "--role", "admin", "ops")
	a, _ := startServe(t, db, "--rate-limit", "-1")
	b, _ := startServe(t, db, "--rate-limit", "-1")
	st, err := postgres.Open(ctx, db, postgres.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	doc, err := st.Document(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	jar, _ := cookiejar.New(nil) // cookies go by host, not port: the two servers are one site, as behind a load balancer
	c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	get := func(base, path string) (*http.Response, string) {
		t.Helper()
		resp, err := c.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp, string(body)
	}
	post := func(base, path string, form url.Values) (*http.Response, string) {
		t.Helper()
		resp, err := c.PostForm(base+path, form)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp, string(body)
	}
	eventually := func(what string, ok func() bool) {
		t.Helper()
		// A change reaches the other process with its notification, a few
		// milliseconds after the commit.
		for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
			if ok() {
				return
			}
		}
		t.Errorf("%s: not within 5 s", what)
	}

	// A captcha issued by A, answered through B.
	resp, _ := get(a, fmt.Sprintf("/comments/%d/captcha.png", doc.ID))
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "image/png" {
		t.Fatalf("captcha from A: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	var captchaID string
	for _, ck := range resp.Cookies() {
		if ck.Name == "captcha" {
			captchaID = ck.Value
		}
	}
	var answer string
	if err := st.Pool().QueryRow(ctx, `SELECT answer FROM captchas WHERE id = $1`, captchaID).Scan(&answer); err != nil {
		t.Fatalf("the captcha A issued is not in the database: %v", err)
	}
	const text = "两个进程之间的评论测试。"
	resp, body := post(b, fmt.Sprintf("/comments/%d/", doc.ID), url.Values{"name": {"读者"}, "text": {text}, "captcha": {answer}})
	if resp.StatusCode != http.StatusSeeOther || !strings.Contains(resp.Header.Get("Location"), "comment=pending") {
		t.Fatalf("B refused the comment with A's captcha: %d %s %s", resp.StatusCode, resp.Header.Get("Location"), body)
	}
	page, err := st.Comments(ctx, baogao.CommentFilter{DocumentID: doc.ID, Status: baogao.CommentPending})
	if err != nil || page.Total != 1 {
		t.Fatalf("pending comments: %+v, %v", page, err)
	}

	// B caches the document page; the comment, approved through A, shows on B.
	resp1, before := get(b, doc.URL())
	resp2, _ := get(b, doc.URL())
	if strings.Contains(before, text) || resp1.Header.Get("ETag") != resp2.Header.Get("ETag") {
		t.Fatalf("before approval: comment shown %v, ETags %s %s", strings.Contains(before, text), resp1.Header.Get("ETag"), resp2.Header.Get("ETag"))
	}
	get(a, "/admin/login")
	csrf := regexp.MustCompile(`name="csrf" value="([^"]+)"`)
	_, form := get(a, "/admin/login")
	m := csrf.FindStringSubmatch(form)
	if m == nil {
		t.Fatal("no CSRF token in the login form")
	}
	resp, body = post(a, "/admin/login", url.Values{"name": {"ops"}, "password": {"correct horse battery"}, "csrf": {m[1]}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("login on A: %d %s", resp.StatusCode, body)
	}
	_, queue := get(b, "/admin/") // the session made by A is good on B
	m = csrf.FindStringSubmatch(queue)
	if m == nil || !strings.Contains(queue, text) {
		t.Fatalf("B's moderation queue (with A's session) lacks the comment or a CSRF token")
	}
	resp, body = post(a, "/admin/comments", url.Values{"id": {fmt.Sprint(page.Comments[0].ID)}, "action": {"approve"}, "csrf": {m[1]}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("approve on A: %d %s", resp.StatusCode, body)
	}
	eventually("the approved comment on B's cached page", func() bool {
		resp, after := get(b, doc.URL())
		return strings.Contains(after, text) && resp.Header.Get("ETag") != resp1.Header.Get("ETag")
	})

	// Settings changed through A rule B once it reads them again (every
	// five seconds): post-moderation publishes at once, and the word list
	// still holds a comment that uses a listed word.
	comment := func(base, text string) (int, string) {
		t.Helper()
		resp, _ := get(base, fmt.Sprintf("/comments/%d/captcha.png", doc.ID))
		var answer string
		for _, ck := range resp.Cookies() {
			if ck.Name == "captcha" {
				st.Pool().QueryRow(ctx, `SELECT answer FROM captchas WHERE id = $1`, ck.Value).Scan(&answer)
			}
		}
		resp, _ = post(base, fmt.Sprintf("/comments/%d/", doc.ID), url.Values{"text": {text}, "captcha": {answer}})
		return resp.StatusCode, resp.Header.Get("Location")
	}
	_, form = get(a, "/admin/settings")
	if m = csrf.FindStringSubmatch(form); m == nil {
		t.Fatal("no CSRF token in A's settings form")
	}
	resp, body = post(a, "/admin/settings", url.Values{"moderation": {"post"}, "retention_days": {"30"}, "words": {"违禁词"},
		"trusted_proxies": {""}, "csrf": {m[1]}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("settings on A: %d %s", resp.StatusCode, firstLine(body))
	}
	// Whatever B read before the change is older than five seconds by now
	// (and a reader may post only five comments: no polling).
	time.Sleep(5500 * time.Millisecond)
	if code, loc := comment(b, "先发后审的评论。"); !strings.Contains(loc, "comment=published") {
		t.Errorf("B still holds comments for review after A chose post-moderation: %d %s", code, loc)
	}
	if code, loc := comment(b, "这里有违禁词。"); !strings.Contains(loc, "comment=pending") {
		t.Errorf("B published a comment with a word A listed: %d %s", code, loc)
	}
	// One reader may post five comments (the default limit), wherever they
	// go: two more through A, and the sixth, through B, is refused.
	for _, text := range []string{"第四条评论。", "第五条评论。"} {
		if code, loc := comment(a, text); code != http.StatusSeeOther {
			t.Fatalf("comment %q through A: %d %s", text, code, loc)
		}
	}
	if code, loc := comment(b, "第六条评论。"); code != http.StatusTooManyRequests {
		t.Errorf("a sixth comment through B: %d %s, want 429 (the counter is shared)", code, loc)
	}

	// A document imported meanwhile is found through both; B had cached
	// the search that found nothing.
	const q = "青石板桥修缮工程"
	if _, found := get(b, "/search?q="+url.QueryEscape(q)); strings.Contains(found, "<mark>") {
		t.Fatal("found before the import")
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "report.txt")
	os.WriteFile(file, []byte("金乡县2024年政府工作报告\n\n各位代表：\n今年将启动青石板桥修缮工程，推进县城更新。\n"), 0o644)
	if code, _, errOut := runCLI(t, "", "import", "--db", db, file); code != 0 {
		t.Fatalf("import: %s", errOut)
	}
	for _, base := range []string{a, b} {
		eventually("the imported document found through "+base, func() bool {
			_, found := get(base, "/search?q="+url.QueryEscape(q))
			return strings.Contains(found, "<mark>"+q+"</mark>")
		})
	}

	// Failed logins on A lock the name out on B, right password or not.
	for i := range 5 {
		_, form := get(a, "/admin/login")
		m := csrf.FindStringSubmatch(form)
		resp, _ := post(a, "/admin/login", url.Values{"name": {"ops"}, "password": {"wrong password " + fmt.Sprint(i)}, "csrf": {m[1]}})
		if resp.StatusCode != http.StatusUnauthorized {
			t.Fatalf("failed login %d on A: %d", i+1, resp.StatusCode)
		}
	}
	_, form = get(b, "/admin/login")
	m = csrf.FindStringSubmatch(form)
	resp, body = post(b, "/admin/login", url.Values{"name": {"ops"}, "password": {"correct horse battery"}, "csrf": {m[1]}})
	if resp.StatusCode != http.StatusTooManyRequests {
		t.Errorf("login on B after five failures on A: %d, want 429 (%s)", resp.StatusCode, firstLine(body))
	}
}

// child runs the command line in a child process with extra environment
// variables, and fails the test when it fails.
func child(t *testing.T, env []string, args ...string) string {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(append(os.Environ(), "BAOGAO_TEST_MAIN=1"), env...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("baogao %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	return s
}
