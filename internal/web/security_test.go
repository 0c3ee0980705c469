package web

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/baogao/baogao"
	"github.com/baogao/baogao/internal/account"
	"github.com/baogao/baogao/internal/ingest"
	"github.com/baogao/baogao/internal/place"
	"github.com/baogao/baogao/internal/sqlite"
)

// commentSite is a site with one report, an admin and a moderator, served
// twice over one database: directly (no proxy trusted) and as if behind a
// reverse proxy on loopback (127.0.0.0/8 trusted).
type commentSite struct {
	st      *sqlite.Store // nil when store is another
	store   baogao.Store
	direct  *httptest.Server
	proxied *httptest.Server
	doc     *baogao.Document
}

const testPassword = "correct horse battery"

func newCommentSite(t testing.TB, limits Limits) *commentSite {
	t.Helper()
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "comments.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	cs := newCommentSiteOn(t, limits, st)
	cs.st = st
	return cs
}

// newCommentSiteOn is newCommentSite on an empty store of any kind.
func newCommentSiteOn(t testing.TB, limits Limits, st baogao.Store) *commentSite {
	t.Helper()
	ctx := context.Background()
	g := place.Default()
	if err := st.SyncPlaces(ctx, g); err != nil {
		t.Fatal(err)
	}
	text := "2024年嘉禾县人民政府工作报告\n——2024年1月16日在嘉禾县第十八届人民代表大会第四次会议上\n各位代表：\n一、2023年工作回顾\n地区生产总值增长5.8%。\n二、2024年工作安排\n地区生产总值增长6%左右。\n"
	im := &ingest.Importer{Store: st, Parser: ingest.NewParser(g)}
	r := im.Import(ctx, []byte(text), ingest.Input{Name: "r.txt"})
	if r.Status != ingest.StatusImported {
		t.Fatalf("import: %+v", r)
	}
	doc, err := st.Document(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	fast := account.Params{Time: 1, Memory: 8 << 10, Threads: 1}
	for name, role := range map[string]baogao.Role{"alice": baogao.RoleAdmin, "mo": baogao.RoleModerator} {
		h, err := account.Hash(testPassword, fast)
		if err != nil {
			t.Fatal(err)
		}
		if err := st.AddUser(ctx, &baogao.User{Name: name, Role: role, PasswordHash: h}); err != nil {
			t.Fatal(err)
		}
	}
	cs := &commentSite{store: st, doc: doc}
	for _, trusted := range [][]netip.Prefix{{netip.MustParsePrefix("10.0.0.0/8")}, {netip.MustParsePrefix("127.0.0.0/8")}} {
		srv, err := New(Config{Store: st, Places: g, RateLimit: -1, TrustedProxies: trusted, Limits: limits})
		if err != nil {
			t.Fatal(err)
		}
		ts := httptest.NewServer(srv)
		t.Cleanup(ts.Close)
		if cs.direct == nil {
			cs.direct = ts
		} else {
			cs.proxied = ts
		}
	}
	return cs
}

// noRedirect is a client that shows redirects instead of following them.
var noRedirect = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

// do sends a request and returns the status and body.
func do(t testing.TB, req *http.Request) (int, string, http.Header) {
	t.Helper()
	resp, err := noRedirect.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), resp.Header
}

// captchaAnswer is the test-only way to read a captcha: the answer the
// server stored for the id in the reader's cookie. It lives in a _test.go
// file, so the real binary has no way to reveal an answer.
func captchaAnswer(t testing.TB, st baogao.Store, id string) string {
	t.Helper()
	a, err := st.Captcha(context.Background(), id, time.Now())
	if err != nil {
		t.Fatalf("captcha %s: %v", id, err)
	}
	return a
}

// newCaptcha asks srv for the comment form's captcha as a browser would,
// with the headers given (a proxy's X-Forwarded-For), and returns its
// cookie and answer.
func (cs *commentSite) newCaptcha(t testing.TB, srv *httptest.Server, hdr http.Header) (*http.Cookie, string) {
	t.Helper()
	req, _ := http.NewRequest("GET", srv.URL+"/comments/"+itoa(cs.doc.ID)+"/captcha.png", nil)
	for k, v := range hdr {
		req.Header[k] = v
	}
	resp, err := noRedirect.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "image/png" {
		t.Fatalf("captcha: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	for _, c := range resp.Cookies() {
		if c.Name == captchaCookie {
			if !c.HttpOnly || c.SameSite != http.SameSiteStrictMode || c.Path != "/comments/"+itoa(cs.doc.ID)+"/" {
				t.Errorf("captcha cookie %+v: want HttpOnly, SameSite=Strict, the document's comment path", c)
			}
			return c, captchaAnswer(t, cs.st, c.Value)
		}
	}
	t.Fatal("no captcha cookie")
	return nil, ""
}

// commentRequest builds a comment post.
func (cs *commentSite) commentRequest(srv *httptest.Server, form url.Values, cookie *http.Cookie) *http.Request {
	req, _ := http.NewRequest("POST", srv.URL+"/comments/"+itoa(cs.doc.ID)+"/", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if cookie != nil {
		req.AddCookie(cookie)
	}
	return req
}

// login logs an operator in and returns the session cookie and the form
// token of the desk's pages.
func (cs *commentSite) login(t testing.TB, srv *httptest.Server, name, password string) (*http.Cookie, string) {
	t.Helper()
	code, body, h := do(t, mustRequest("GET", srv.URL+"/admin/login", ""))
	if code != 200 {
		t.Fatalf("login form: %d", code)
	}
	token := formToken(t, body)
	var pre *http.Cookie
	for _, c := range (&http.Response{Header: h}).Cookies() {
		if c.Name == loginCSRFCookie {
			pre = c
		}
	}
	req := mustRequest("POST", srv.URL+"/admin/login", url.Values{"name": {name}, "password": {password}, "csrf": {token}}.Encode())
	req.AddCookie(pre)
	code, _, h = do(t, req)
	if code != http.StatusSeeOther {
		t.Fatalf("login %s: %d", name, code)
	}
	var session *http.Cookie
	for _, c := range (&http.Response{Header: h}).Cookies() {
		if c.Name == sessionCookie {
			session = c
		}
	}
	if session == nil || !session.HttpOnly || session.SameSite != http.SameSiteStrictMode {
		t.Fatalf("session cookie %+v", session)
	}
	req = mustRequest("GET", srv.URL+"/admin/", "")
	req.AddCookie(session)
	code, body, _ = do(t, req)
	if code != 200 {
		t.Fatalf("queue: %d", code)
	}
	return session, formToken(t, body)
}

var tokenField = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

func formToken(t testing.TB, body string) string {
	t.Helper()
	m := tokenField.FindStringSubmatch(body)
	if m == nil {
		t.Fatal("no form token on the page")
	}
	return m[1]
}

func mustRequest(method, u, form string) *http.Request {
	var body io.Reader
	if form != "" {
		body = strings.NewReader(form)
	}
	req, _ := http.NewRequest(method, u, body)
	if form != "" {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	return req
}

// snapshot is every row of every table but the counters that exist to
// count refusals (rate_counters) and the captchas (used up by design),
// as sorted text per table.
func snapshot(t testing.TB, st *sqlite.Store) map[string][]string {
	t.Helper()
	rows, err := st.DB().Query(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
		AND name NOT IN ('rate_counters', 'captchas') AND sql NOT LIKE '%VIRTUAL%'`)
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var n string
		rows.Scan(&n)
		tables = append(tables, n)
	}
	rows.Close()
	out := map[string][]string{}
	for _, table := range tables {
		r, err := st.DB().Query(`SELECT * FROM "` + table + `"`)
		if err != nil {
			continue // FTS shadow tables of contentless indexes may not be readable
		}
		cols, _ := r.Columns()
		for r.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			r.Scan(ptrs...)
			out[table] = append(out[table], fmt.Sprint(vals...))
		}
		r.Close()
		sort.Strings(out[table])
	}
	return out
}

// changes describes how two snapshots differ: "table +added -removed" per
// changed table, sorted.
func changes(before, after map[string][]string) string {
	var out []string
	for table := range union(before, after) {
		b, a := map[string]int{}, map[string]int{}
		for _, r := range before[table] {
			b[r]++
		}
		for _, r := range after[table] {
			a[r]++
		}
		added, removed := 0, 0
		for r, n := range a {
			added += max(0, n-b[r])
		}
		for r, n := range b {
			removed += max(0, n-a[r])
		}
		if added+removed > 0 {
			out = append(out, fmt.Sprintf("%s +%d -%d", table, added, removed))
		}
	}
	sort.Strings(out)
	return strings.Join(out, ", ")
}

func union(a, b map[string][]string) map[string]bool {
	u := map[string]bool{}
	for k := range a {
		u[k] = true
	}
	for k := range b {
		u[k] = true
	}
	return u
}

// TestHostileRequests sends hostile requests to the comment form, the
// captcha and the operator's desk. Each must be refused (or its text shown
// harmlessly), and change nothing in the database but what the case says.
func TestHostileRequests(t *testing.T) {
	cs := newCommentSite(t, Limits{CommentsPerClient: 1000, CommentsPerDocument: 1000, CaptchasPerClient: 1000})
	ctx := context.Background()
	docID := itoa(cs.doc.ID)
	admin, adminToken := cs.login(t, cs.direct, "alice", testPassword)
	mod, modToken := cs.login(t, cs.direct, "mo", testPassword)
	pending := &baogao.Comment{DocumentID: cs.doc.ID, Text: "待审的评论", Status: baogao.CommentPending}
	if err := cs.st.AddComment(ctx, pending); err != nil {
		t.Fatal(err)
	}
	good := func(text string) url.Values { return url.Values{"name": {"读者"}, "text": {text}} }
	// post sends a comment form with a fresh, correctly answered captcha.
	post := func(srv *httptest.Server, form url.Values, hdr http.Header) *http.Request {
		c, answer := cs.newCaptcha(t, srv, hdr)
		if form.Get("captcha") == "" {
			form.Set("captcha", answer)
		}
		req := cs.commentRequest(srv, form, c)
		for k, v := range hdr {
			req.Header[k] = v
		}
		return req
	}
	withAnswer := func(f url.Values, a string) url.Values { f.Set("captcha", a); return f }
	adminPost := func(path string, form url.Values, session *http.Cookie, hdr http.Header) *http.Request {
		req := mustRequest("POST", cs.direct.URL+path, form.Encode())
		if session != nil {
			req.AddCookie(session)
		}
		for k, v := range hdr {
			req.Header[k] = v
		}
		return req
	}
	published := func(t *testing.T, text string) string { // publish the comment with text; the document page
		t.Helper()
		page, _ := cs.st.Comments(ctx, baogao.CommentFilter{DocumentID: cs.doc.ID, Newest: true, Limit: 1})
		if len(page.Comments) == 0 || page.Comments[0].Text != text {
			t.Fatalf("the newest comment is %+v, want %q", page.Comments, text)
		}
		cs.st.ModerateComments(ctx, []int64{page.Comments[0].ID}, baogao.CommentPublished, "test")
		_, body, _ := do(t, mustRequest("GET", cs.direct.URL+cs.doc.URL(), ""))
		return body
	}
	foreign := http.Header{"Origin": {"https://evil.example"}, "Sec-Fetch-Site": {"cross-site"}}
	blocked := netip.MustParseAddr("192.0.2.7")

	tests := []struct {
		name    string
		req     func() *http.Request
		status  int
		changed string // the changes allowed, as changes() writes them
		check   func(t *testing.T, body string, h http.Header)
	}{
		{"stored XSS in the text", func() *http.Request {
			return post(cs.direct, good("<script>alert(1)</script><img src=x onerror=alert(2)>"), nil)
		}, 303, "comments +1 -0", func(t *testing.T, _ string, _ http.Header) {
			body := published(t, "<script>alert(1)</script><img src=x onerror=alert(2)>")
			if strings.Contains(body, "<script>alert(1)") || strings.Contains(body, "<img src=x") ||
				!strings.Contains(body, "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;") {
				t.Error("the comment's markup reached the page")
			}
		}},
		{"stored XSS in the name", func() *http.Request {
			return post(cs.direct, url.Values{"name": {`"><svg onload=alert(1)>`}, "text": {"名字里的标记"}}, nil)
		}, 303, "comments +1 -0", func(t *testing.T, _ string, _ http.Header) {
			body := published(t, "名字里的标记")
			if strings.Contains(body, "<svg onload") || !strings.Contains(body, "&#34;&gt;&lt;svg onload=alert(1)&gt;") {
				t.Error("the name's markup reached the page")
			}
		}},
		{"javascript: address not linked", func() *http.Request {
			return post(cs.direct, good("看这里 javascript:alert(document.cookie) 和 http://example.com/a?b=1&c=2"), nil)
		}, 303, "comments +1 -0", func(t *testing.T, _ string, _ http.Header) {
			body := published(t, "看这里 javascript:alert(document.cookie) 和 http://example.com/a?b=1&c=2")
			if strings.Contains(body, `href="javascript:`) || !strings.Contains(body, `<a href="http://example.com/a?b=1&amp;c=2" rel="nofollow ugc noopener noreferrer">`) {
				t.Error("links are not as they should be")
			}
		}},
		{"quotes after a linked address", func() *http.Request {
			return post(cs.direct, good(`http://example.com/"onmouseover="alert(1)`), nil)
		}, 303, "comments +1 -0", func(t *testing.T, _ string, _ http.Header) {
			body := published(t, `http://example.com/"onmouseover="alert(1)`)
			if strings.Contains(body, `"onmouseover="`) || !strings.Contains(body, `<a href="http://example.com/" rel="nofollow ugc noopener noreferrer">`) {
				t.Error("an attribute escaped the link")
			}
		}},
		{"reflected XSS in a refused comment", func() *http.Request {
			return cs.commentRequest(cs.direct, url.Values{"name": {"<b>x</b>"}, "text": {"</textarea><script>alert(1)</script>"}, "captcha": {"1"}}, nil)
		}, 400, "", func(t *testing.T, body string, _ http.Header) {
			if strings.Contains(body, "<script>alert(1)") || !strings.Contains(body, "&lt;/textarea&gt;&lt;script&gt;") {
				t.Error("the refused text was not escaped on the page that shows it again")
			}
		}},
		{"reflected XSS in a query", func() *http.Request {
			return mustRequest("GET", cs.direct.URL+cs.doc.URL()+"?reply=%3Cscript%3Ealert(1)%3C/script%3E&comment=%3Cscript%3E", "")
		}, 200, "", func(t *testing.T, body string, _ http.Header) {
			if strings.Contains(body, "<script>") {
				t.Error("the query reached the page")
			}
		}},
		{"open redirect after login", func() *http.Request {
			return mustRequest("GET", cs.direct.URL+"/admin/login?next=javascript:alert(1)//%0d%0a", "")
		}, 200, "", func(t *testing.T, body string, _ http.Header) {
			if strings.Contains(body, "javascript:") || !strings.Contains(body, `name="next" value="/admin/"`) {
				t.Error("the login form keeps a foreign destination")
			}
		}},
		{"forged comment from a foreign origin", func() *http.Request {
			return post(cs.direct, good("跨站提交"), foreign)
		}, 403, "", nil},
		{"forged comment, cross-site fetch metadata only", func() *http.Request {
			return post(cs.direct, good("跨站提交"), http.Header{"Sec-Fetch-Site": {"cross-site"}})
		}, 403, "", nil},
		{"forged moderation without a form token", func() *http.Request {
			return adminPost("/admin/comments", url.Values{"id": {itoa(pending.ID)}, "action": {"approve"}}, admin, nil)
		}, 403, "", nil},
		{"forged moderation with a wrong form token", func() *http.Request {
			return adminPost("/admin/comments", url.Values{"id": {itoa(pending.ID)}, "action": {"approve"}, "csrf": {"guess"}}, admin, nil)
		}, 403, "", nil},
		{"forged moderation from a foreign origin", func() *http.Request {
			return adminPost("/admin/comments", url.Values{"id": {itoa(pending.ID)}, "action": {"approve"}, "csrf": {adminToken}}, admin, foreign)
		}, 403, "", nil},
		{"moderation without a session", func() *http.Request {
			return adminPost("/admin/comments", url.Values{"id": {itoa(pending.ID)}, "action": {"approve"}, "csrf": {adminToken}}, nil, nil)
		}, 401, "", nil},
		{"a session token of another operator's form", func() *http.Request {
			return adminPost("/admin/comments", url.Values{"id": {itoa(pending.ID)}, "action": {"approve"}, "csrf": {modToken}}, admin, nil)
		}, 403, "", nil},
		{"login without the login form's cookie", func() *http.Request {
			return mustRequest("POST", cs.direct.URL+"/admin/login", url.Values{"name": {"alice"}, "password": {testPassword}, "csrf": {"x"}}.Encode())
		}, 403, "", nil},
		{"captcha used twice", func() *http.Request {
			c, answer := cs.newCaptcha(t, cs.direct, nil)
			if code, _, _ := do(t, cs.commentRequest(cs.direct, withAnswer(good("第一次"), answer), c)); code != 303 {
				t.Fatalf("first use: %d", code)
			}
			return cs.commentRequest(cs.direct, withAnswer(good("第二次"), answer), c)
		}, 400, "", func(t *testing.T, body string, _ http.Header) {
			if !strings.Contains(body, "验证码已失效") {
				t.Error("no word of the used captcha")
			}
		}},
		{"expired captcha", func() *http.Request {
			cs.st.PutCaptcha(ctx, "expiredcaptchaid", "123456", time.Now().Add(-time.Second))
			return cs.commentRequest(cs.direct, withAnswer(good("过期"), "123456"), &http.Cookie{Name: captchaCookie, Value: "expiredcaptchaid"})
		}, 400, "", nil},
		{"guessed captcha id", func() *http.Request {
			return cs.commentRequest(cs.direct, withAnswer(good("猜的"), "000000"), &http.Cookie{Name: captchaCookie, Value: "AAAAAAAAAAAAAAAAAAAAAAAAAA"})
		}, 400, "", nil},
		{"wrong captcha answer", func() *http.Request {
			c, answer := cs.newCaptcha(t, cs.direct, nil)
			wrong := []byte(answer)
			wrong[0] = '0' + (wrong[0]-'0'+1)%10
			return cs.commentRequest(cs.direct, withAnswer(good("错的"), string(wrong)), c)
		}, 400, "", func(t *testing.T, body string, _ http.Header) {
			if !strings.Contains(body, "验证码不正确") || !strings.Contains(body, "错的") {
				t.Error("the refusal does not say why or loses the text")
			}
		}},
		{"no captcha at all", func() *http.Request {
			return cs.commentRequest(cs.direct, good("没有验证码"), nil)
		}, 400, "", nil},
		{"brute-force login locks the name out", func() *http.Request {
			for i := 0; i < DefaultLimits.LoginFailures; i++ {
				_, body, h := do(t, mustRequest("GET", cs.direct.URL+"/admin/login", ""))
				req := mustRequest("POST", cs.direct.URL+"/admin/login", url.Values{"name": {"mo"}, "password": {"guess" + strconv.Itoa(i) + "xxxxxx"},
					"csrf": {formToken(t, body)}}.Encode())
				req.Header.Set("Cookie", strings.Split(h.Get("Set-Cookie"), ";")[0])
				if code, _, _ := do(t, req); code != 401 {
					t.Fatalf("wrong password %d: %d", i, code)
				}
			}
			_, body, h := do(t, mustRequest("GET", cs.direct.URL+"/admin/login", ""))
			req := mustRequest("POST", cs.direct.URL+"/admin/login", url.Values{"name": {"mo"}, "password": {testPassword}, "csrf": {formToken(t, body)}}.Encode())
			req.Header.Set("Cookie", strings.Split(h.Get("Set-Cookie"), ";")[0])
			return req // the right password, but locked out
		}, 429, "", func(t *testing.T, body string, h http.Header) {
			if h.Get("Set-Cookie") != "" && strings.Contains(h.Get("Set-Cookie"), sessionCookie+"=") {
				t.Error("a locked-out login got a session")
			}
		}},
		{"login of a name that does not exist", func() *http.Request {
			_, body, h := do(t, mustRequest("GET", cs.direct.URL+"/admin/login", ""))
			req := mustRequest("POST", cs.direct.URL+"/admin/login", url.Values{"name": {"mallory"}, "password": {testPassword}, "csrf": {formToken(t, body)}}.Encode())
			req.Header.Set("Cookie", strings.Split(h.Get("Set-Cookie"), ";")[0])
			return req
		}, 401, "", nil},
		{"forged X-Forwarded-For from an untrusted address", func() *http.Request {
			cs.st.BlockClient(ctx, cs.hashOf(t, netip.MustParseAddr("127.0.0.1")), time.Now().Add(time.Hour), "test")
			return post(cs.direct, good("换个地址"), http.Header{"X-Forwarded-For": {blocked.String()}, "X-Real-Ip": {blocked.String()}})
		}, 403, "", func(t *testing.T, body string, _ http.Header) {
			cs.st.Expire(ctx, time.Now().Add(2*time.Hour), 0) // lift the block
		}},
		{"spoofed leftmost hop through the trusted proxy", func() *http.Request {
			cs.st.BlockClient(ctx, cs.hashOf(t, blocked), time.Now().Add(time.Hour), "test")
			return post(cs.proxied, good("伪造的来源"), http.Header{"X-Forwarded-For": {"198.51.100.1, " + blocked.String()}})
		}, 403, "", nil},
		{"oversized body", func() *http.Request {
			return cs.commentRequest(cs.direct, good(strings.Repeat("长", 20000)), nil)
		}, 413, "", nil},
		{"over-long comment", func() *http.Request {
			return post(cs.direct, good(strings.Repeat("字", maxCommentRunes+1)), nil)
		}, 400, "", nil},
		{"invalid UTF-8 in the text", func() *http.Request {
			return post(cs.direct, good("坏\xff\xfe字节"), nil)
		}, 400, "", nil},
		{"invalid UTF-8 in the name", func() *http.Request {
			return post(cs.direct, url.Values{"name": {"\xc3\x28"}, "text": {"正文"}}, nil)
		}, 400, "", nil},
		{"bidirectional override", func() *http.Request {
			return post(cs.direct, good("正常\u202Egnp.exe"), nil)
		}, 400, "", nil},
		{"header injection in the name", func() *http.Request {
			return post(cs.direct, url.Values{"name": {"x\r\nSet-Cookie: session=evil"}, "text": {"正文"}}, nil)
		}, 400, "", func(t *testing.T, _ string, h http.Header) {
			if strings.Contains(h.Get("Set-Cookie"), "evil") {
				t.Error("a header was injected")
			}
		}},
		{"SQL metacharacters", func() *http.Request {
			return post(cs.direct, good("'); DROP TABLE comments; -- \" OR 1=1"), nil)
		}, 303, "comments +1 -0", func(t *testing.T, _ string, _ http.Header) {
			if c, err := cs.st.Comments(ctx, baogao.CommentFilter{Newest: true, Limit: 1}); err != nil || c.Comments[0].Text != "'); DROP TABLE comments; -- \" OR 1=1" {
				t.Errorf("stored %+v, %v", c, err)
			}
		}},
		{"template metacharacters", func() *http.Request {
			return post(cs.direct, url.Values{"name": {"{{.Doc}}"}, "text": {`{{template "layout" .}}{{.Form.Captcha}}`}}, nil)
		}, 303, "comments +1 -0", func(t *testing.T, _ string, _ http.Header) {
			body := published(t, `{{template "layout" .}}{{.Form.Captcha}}`)
			if !strings.Contains(body, `{{template &#34;layout&#34; .}}{{.Form.Captcha}}`) || !strings.Contains(body, "<b>{{.Doc}}</b>") {
				t.Error("template text was not shown as written")
			}
		}},
		{"a name that impersonates the site", func() *http.Request {
			return post(cs.direct, url.Values{"name": {"本站管理员"}, "text": {"官方通知"}}, nil)
		}, 400, "", nil},
		{"an operator's name", func() *http.Request {
			return post(cs.direct, url.Values{"name": {"Alice"}, "text": {"冒充"}}, nil)
		}, 400, "", nil},
		{"the honeypot filled in", func() *http.Request {
			f := good("机器人")
			f.Set("website", "http://spam.example")
			return post(cs.direct, f, nil)
		}, 303, "", nil},
		{"a reply to an unpublished comment", func() *http.Request {
			f := good("回复待审")
			f.Set("parent", itoa(pending.ID))
			return post(cs.direct, f, nil)
		}, 400, "", nil},
		{"a comment on a document that does not exist", func() *http.Request {
			req := cs.commentRequest(cs.direct, good("不存在"), nil)
			req.URL.Path = "/comments/99999/"
			return req
		}, 404, "", nil},
		{"a moderator edits a document", func() *http.Request {
			return adminPost("/admin/documents/"+docID, url.Values{"title": {"被改的标题"}, "year": {"1999"}, "csrf": {modToken}}, mod, nil)
		}, 403, "", nil},
		{"an admin marks a document with an unknown quality flag", func() *http.Request {
			return adminPost("/admin/documents/"+docID, url.Values{"assessed": {"1"}, "quality": {"spam", "<script>"},
				"completeness": {"excerpt"}, "csrf": {adminToken}}, admin, nil)
		}, 400, "", func(t *testing.T, body string, _ http.Header) {
			if strings.Contains(body, "<script>") {
				t.Error("the flag is echoed unescaped")
			}
		}},
		{"a moderator deletes a document", func() *http.Request {
			return adminPost("/admin/documents/"+docID+"/delete", url.Values{"csrf": {modToken}}, mod, nil)
		}, 403, "", nil},
		{"a moderator changes the settings", func() *http.Request {
			return adminPost("/admin/settings", url.Values{"moderation": {"post"}, "retention_days": {"1"}, "csrf": {modToken}}, mod, nil)
		}, 403, "", nil},
		{"a moderator reads the audit log", func() *http.Request {
			req := mustRequest("GET", cs.direct.URL+"/admin/audit", "")
			req.AddCookie(mod)
			return req
		}, 403, "", nil},
	}
	if len(tests) < 30 {
		t.Fatalf("%d hostile requests; the table needs at least 30", len(tests))
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req := tc.req()
			before := snapshot(t, cs.st)
			code, body, h := do(t, req)
			after := snapshot(t, cs.st)
			if code != tc.status {
				t.Errorf("status %d, want %d\n%.400s", code, tc.status, body)
			}
			want := tc.changed
			if got := changes(before, after); got != want {
				t.Errorf("database changed: %q, want %q", got, want)
			}
			if tc.check != nil {
				tc.check(t, body, h)
			}
		})
	}
}

// hashOf is the client hash the server keys an address by.
func (cs *commentSite) hashOf(t testing.TB, a netip.Addr) string {
	t.Helper()
	key, err := cs.st.Setting(context.Background(), settingClientKey)
	if err != nil {
		t.Fatal(err)
	}
	b := make([]byte, len(key)/2)
	fmt.Sscanf(key, "%x", &b)
	return clientHash(b, clientGroup(a))
}
