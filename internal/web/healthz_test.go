package web

import (
	"context"
	"net/http/httptest"
	"path/filepath"
	"testing"

	"github.com/baogao/baogao/internal/place"
	"github.com/baogao/baogao/internal/sqlite"
)

// TestHealthzWrites: /healthz fails (503) when the archive can be read but
// not written (a read-only database), and says ok on a writable one, also
// while another writer holds the write lock.
func TestHealthzWrites(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "h.db")
	rw, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer rw.Close()
	serve := func(dsn string) string {
		st, err := sqlite.Open(ctx, dsn)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		srv, err := New(Config{Store: st, Places: place.Default()})
		if err != nil {
			t.Fatal(err)
		}
		ts := httptest.NewServer(srv)
		defer ts.Close()
		code, body, _ := get(t, ts.URL+"/healthz")
		return itoa(int64(code)) + " " + body
	}
	if got := serve(path); got != "200 ok\n" {
		t.Errorf("writable: %q", got)
	}
	if got := serve(path + "?mode=ro"); got != "503 database cannot be written\n" {
		t.Errorf("read-only: %q", got)
	}
	// Another writer holds the lock: healthy, and answered at once.
	tx, err := rw.DB().BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if got := serve(path); got != "200 ok\n" {
		t.Errorf("while another writes: %q", got)
	}
}
