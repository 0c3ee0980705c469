package web

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/baogao/baogao"
	"github.com/baogao/baogao/internal/postgres"
	"github.com/baogao/baogao/internal/postgres/pgtest"
)

// TestCommentLoad posts comments from many clients at once, each with its
// own address sent through the trusted proxy (loopback), each captcha
// obtained through the normal flow, while they also read pages. No answer
// may be a 5xx, every accepted comment must be stored exactly once, and the
// moderation queue must show them all. The CI run is short (10 clients, 2
// s); BAOGAO_LOAD=1 runs the acceptance figure: 100 clients for 30 s
// (BAOGAO_LOAD_CLIENTS, BAOGAO_LOAD_SECONDS change them) and needs 1,000
// comments accepted. It runs on SQLite and on PostgreSQL (skipped without
// BAOGAO_TEST_POSTGRES): -run TestCommentLoad/postgres picks one.
func TestCommentLoad(t *testing.T) {
	// The limits of a site under a planned load: readers may comment often.
	limits := Limits{CommentsPerClient: 10000, CommentsPerDocument: 1000000, CaptchasPerClient: 10000}
	t.Run("sqlite", func(t *testing.T) { commentLoad(t, newCommentSite(t, limits)) })
	t.Run("postgres", func(t *testing.T) {
		st, err := postgres.Open(context.Background(), pgtest.URL(t), postgres.Options{})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		commentLoad(t, newCommentSiteOn(t, limits, st))
	})
}

func commentLoad(t *testing.T, cs *commentSite) {
	clients, seconds, need := 10, 2, 10
	if os.Getenv("BAOGAO_LOAD") != "" {
		clients, seconds, need = 100, 30, 1000
		if n, err := strconv.Atoi(os.Getenv("BAOGAO_LOAD_CLIENTS")); err == nil {
			clients = n
		}
		if n, err := strconv.Atoi(os.Getenv("BAOGAO_LOAD_SECONDS")); err == nil {
			seconds = n
		}
	}
	var accepted, refused, reads, fives atomic.Int64
	var mu sync.Mutex
	texts := map[string]bool{}
	statuses := map[int]int{}
	deadline := time.Now().Add(time.Duration(seconds) * time.Second)
	tr := &http.Transport{MaxIdleConnsPerHost: clients * 2}
	httpc := &http.Client{Transport: tr, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	var wg sync.WaitGroup
	for c := 0; c < clients; c++ {
		wg.Add(1)
		go func(c int) {
			defer wg.Done()
			hdr := http.Header{"X-Forwarded-For": {fmt.Sprintf("203.0.%d.%d", 113+c/250, 1+c%250)}}
			send := func(req *http.Request) (int, *http.Response) {
				for k, v := range hdr {
					req.Header[k] = v
				}
				resp, err := httpc.Do(req)
				if err != nil {
					t.Error(err)
					return 0, nil
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				mu.Lock()
				statuses[resp.StatusCode]++
				mu.Unlock()
				if resp.StatusCode >= 500 {
					fives.Add(1)
				}
				return resp.StatusCode, resp
			}
			for n := 0; time.Now().Before(deadline); n++ {
				if code, _ := send(mustRequest("GET", cs.proxied.URL+cs.doc.URL(), "")); code == 200 {
					reads.Add(1)
				}
				code, resp := send(mustRequest("GET", cs.proxied.URL+"/comments/"+itoa(cs.doc.ID)+"/captcha.png", ""))
				if code != 200 {
					continue
				}
				var cookie *http.Cookie
				for _, ck := range resp.Cookies() {
					if ck.Name == captchaCookie {
						cookie = ck
					}
				}
				answer, err := cs.store.Captcha(context.Background(), cookie.Value, time.Now())
				if err != nil {
					t.Errorf("captcha: %v", err)
					continue
				}
				text := fmt.Sprintf("客户端%d的第%d条评论", c, n)
				req := cs.commentRequest(cs.proxied, url.Values{"text": {text}, "captcha": {answer}}, cookie)
				if code, _ := send(req); code == http.StatusSeeOther {
					accepted.Add(1)
					mu.Lock()
					texts[text] = true
					mu.Unlock()
				} else {
					refused.Add(1)
				}
			}
		}(c)
	}
	wg.Wait()
	t.Logf("%d clients, %d s: %d comments accepted (%.0f/s), %d refused, %d page reads; statuses %v",
		clients, seconds, accepted.Load(), float64(accepted.Load())/float64(seconds), refused.Load(), reads.Load(), statuses)
	if fives.Load() > 0 {
		t.Errorf("%d answers were 5xx", fives.Load())
	}
	if accepted.Load() < int64(need) {
		t.Errorf("%d comments accepted, want at least %d", accepted.Load(), need)
	}
	// Every accepted comment is stored once, from the address its client sent.
	page, err := cs.store.Comments(context.Background(), baogao.CommentFilter{Status: baogao.CommentPending, Limit: 1000000})
	if err != nil {
		t.Fatal(err)
	}
	stored := map[string]int{}
	clientsSeen := map[string]bool{}
	for _, c := range page.Comments {
		stored[c.Text]++
		clientsSeen[c.ClientHash] = true
	}
	if len(page.Comments) != int(accepted.Load()) || len(stored) != len(texts) {
		t.Errorf("stored %d comments (%d distinct), accepted %d", len(page.Comments), len(stored), accepted.Load())
	}
	for text := range texts {
		if stored[text] != 1 {
			t.Errorf("%q stored %d times", text, stored[text])
		}
	}
	if len(clientsSeen) != clients {
		t.Errorf("comments came from %d client hashes, want %d (one per forwarded address)", len(clientsSeen), clients)
	}
	// The moderation queue shows them all.
	session, _ := cs.login(t, cs.direct, "alice", testPassword)
	req := mustRequest("GET", cs.direct.URL+"/admin/?status=pending", "")
	req.AddCookie(session)
	_, body, _ := do(t, req)
	if want := fmt.Sprintf("共 %d 条", accepted.Load()); !strings.Contains(body, want) {
		t.Errorf("the queue does not say %q", want)
	}
}
