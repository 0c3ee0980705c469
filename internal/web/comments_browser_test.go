package web

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/baogao/baogao"
	"github.com/baogao/baogao/internal/account"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// TestBrowserCommentFlow: a reader opens the seed's page, reads the
// captcha (the test learns its answer from the database through
// captchaAnswer, a test-only hook), posts a comment and is told it awaits
// review; an operator logs in and approves it; the page's count becomes 1.
// No JavaScript of ours runs on any of these pages.
func TestBrowserCommentFlow(t *testing.T) {
	if testing.Short() {
		t.Skip("browser tests are slow")
	}
	ts, _, st, seed := demoSite(t, 5)
	ctx := context.Background()
	h, _ := account.Hash(testPassword, account.Params{Time: 1, Memory: 8 << 10, Threads: 1})
	if err := st.AddUser(ctx, &baogao.User{Name: "alice", Role: baogao.RoleModerator, PasswordHash: h}); err != nil {
		t.Fatal(err)
	}
	bctx := browser(t)
	out := outputDir(t)
	shot := func(tctx context.Context, name string) {
		t.Helper()
		b, err := chromedp.Run(tctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(out, "comments-"+name+".png"), b, 0o644)
	}
	tctx, cancel := context.WithTimeout(bctx, 90*time.Second)
	defer cancel()

	// The reader.
	err := chromedp.Do(tctx, chromedp.EmulateViewport(1280, 900), chromedp.Navigate(ts.URL+seed.URL()+"#comment-form"),
		chromedp.WaitVisible("#comment-form"), chromedp.ScrollIntoView(".captcha img"))
	if err != nil {
		t.Fatal(err)
	}
	count, err := chromedp.Run(tctx, chromedp.Text("#comments-title .count"))
	if err != nil || strings.TrimSpace(count) != "共有 0 条评论" {
		t.Errorf("count before = %q, %v", count, err)
	}
	if _, err := chromedp.Run(tctx, chromedp.Poll[bool](`(() => { const i = document.querySelector('.captcha img'); return i.complete && i.naturalWidth > 0 })()`)); err != nil {
		t.Fatalf("the captcha picture did not load: %v", err)
	}
	cookies, err := chromedp.Call(tctx, network.GetCookies, network.GetCookiesParams{URLs: []string{ts.URL + "/comments/" + itoa(seed.ID) + "/"}})
	if err != nil {
		t.Fatal(err)
	}
	var id string
	for _, c := range cookies.Cookies {
		if c.Name == captchaCookie {
			id = c.Value
			if !c.HTTPOnly {
				t.Error("the captcha cookie is readable by scripts")
			}
		}
	}
	if id == "" {
		t.Fatal("the browser holds no captcha cookie")
	}
	answer := captchaAnswer(t, st, id)
	shot(tctx, "form")
	err = chromedp.Do(tctx, chromedp.SendKeys("#c-name", "浏览器读者"), chromedp.SendKeys("#c-text", "报告的目标很清楚。\n第二行 https://example.com/x"),
		chromedp.SendKeys("#c-captcha", answer), chromedp.Click(`#comment-form button[type="submit"]`),
		chromedp.WaitVisible("#comments .notice"))
	if err != nil {
		t.Fatal(err)
	}
	notice, _ := chromedp.Run(tctx, chromedp.Text("#comments .notice"))
	if !strings.Contains(notice, "等待审核") {
		t.Errorf("notice = %q, want awaiting review", notice)
	}
	shot(tctx, "pending")

	// The operator.
	err = chromedp.Do(tctx, chromedp.Navigate(ts.URL+"/admin/"), chromedp.WaitVisible("#l-name"),
		chromedp.SendKeys("#l-name", "alice"), chromedp.SendKeys("#l-password", testPassword),
		chromedp.Click(`.login button[type="submit"]`), chromedp.WaitVisible("table.queue"))
	if err != nil {
		t.Fatal(err)
	}
	queued, _ := chromedp.Run(tctx, chromedp.Text("table.queue"))
	if !strings.Contains(queued, "浏览器读者") || !strings.Contains(queued, "报告的目标很清楚") {
		t.Errorf("the queue does not show the comment: %q", queued)
	}
	shot(tctx, "queue")
	err = chromedp.Do(tctx, chromedp.Click(`table.queue input[type="checkbox"]`), chromedp.Click(`button[value="approve"]`),
		chromedp.WaitVisible(".notice"))
	if err != nil {
		t.Fatal(err)
	}

	// The reader again.
	err = chromedp.Do(tctx, chromedp.Navigate(ts.URL+seed.URL()), chromedp.WaitVisible("#comments-title"))
	if err != nil {
		t.Fatal(err)
	}
	count, _ = chromedp.Run(tctx, chromedp.Text("#comments-title .count"))
	if strings.TrimSpace(count) != "共有 1 条评论" {
		t.Errorf("count after approval = %q, want 共有 1 条评论", count)
	}
	text, _ := chromedp.Run(tctx, chromedp.Text("#comments article.comment"))
	if !strings.Contains(text, "浏览器读者") || !strings.Contains(text, "第二行") {
		t.Errorf("comment shown = %q", text)
	}
	links, _ := chromedp.Run(tctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('#comments article a[rel="nofollow ugc noopener noreferrer"]')].map(a => a.href)`))
	if len(links) != 1 || links[0] != "https://example.com/x" {
		t.Errorf("linked addresses = %q", links)
	}
	shot(tctx, "published")
}
