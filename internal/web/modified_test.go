package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/baogao/baogao"
	"github.com/baogao/baogao/internal/place"
	"github.com/baogao/baogao/internal/sqlite"
)

// clockStore reports the version and change time a test sets.
type clockStore struct {
	baogao.Store
	v  atomic.Int64
	at atomic.Pointer[time.Time]
}

func (c *clockStore) Version(context.Context) (int64, time.Time, error) {
	return c.v.Load(), *c.at.Load(), nil
}

// TestIfModifiedSinceSameSecond: a page that changes twice within one
// second is not answered 304 to a client holding the first change's date
// — Last-Modified is given only once the change's second is over, and
// If-Modified-Since is believed only then — while an older change still
// answers 304.
func TestIfModifiedSinceSameSecond(t *testing.T) {
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "m.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	cs := &clockStore{Store: st}
	srv, err := New(Config{Store: cs, Places: place.Default()})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	ask := func(path, ims string) (int, string) {
		req, _ := http.NewRequest("GET", ts.URL+path, nil)
		if ims != "" {
			req.Header.Set("If-Modified-Since", ims)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode, resp.Header.Get("Last-Modified")
	}
	for _, path := range []string{"/", "/feed.xml"} {
		now := time.Now()
		cs.v.Add(1)
		cs.at.Store(&now)
		code, lm := ask(path, now.UTC().Format(http.TimeFormat))
		if code != 200 || lm != "" {
			t.Errorf("%s changed this second, asked with this second's date: %d, Last-Modified %q; want 200 and none", path, code, lm)
		}
		old := now.Add(-2 * time.Second)
		cs.v.Add(1)
		cs.at.Store(&old)
		code, lm = ask(path, "")
		if code != 200 || lm != old.UTC().Format(http.TimeFormat) {
			t.Errorf("%s changed before: %d, Last-Modified %q", path, code, lm)
		}
		if code, _ := ask(path, lm); code != http.StatusNotModified {
			t.Errorf("%s unchanged since its date: %d, want 304", path, code)
		}
	}
}

// TestInvalidUTF8Query: bytes of a query that are not UTF-8 (a search box
// filled by a broken client) are never echoed into a page: it is valid
// UTF-8 and shows U+FFFD in their place.
func TestInvalidUTF8Query(t *testing.T) {
	ts, doc := newTestSite(t)
	for _, path := range []string{"/search?q=%FF%E5%86%B7%E9%93%BE", "/search?q=%E5%86%B7&kind=%FE", doc.URL() + "?hl=%FF%E5%86%B7"} {
		code, body, _ := get(t, ts.URL+path)
		if code != 200 || !utf8.ValidString(body) {
			t.Errorf("%s: %d, valid UTF-8 %v", path, code, utf8.ValidString(body))
		}
	}
	if _, body, _ := get(t, ts.URL+"/search?q=%FF%E5%86%B7%E9%93%BE"); !strings.Contains(body, "\uFFFD冷链") {
		t.Error("the search box does not show the query with U+FFFD")
	}
}
