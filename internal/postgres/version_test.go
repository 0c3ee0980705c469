package postgres

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/baogao/baogao"
)

// TestVersionAcrossProcesses: two stores on one database, as two server
// processes. A change made through one is seen by the other through the
// notification, without reading the version per call; after the listener's
// connection is killed, the version is read again until it reconnects.
func TestVersionAcrossProcesses(t *testing.T) {
	ctx := context.Background()
	st := open(t)
	defer st.Close()
	url := st.Pool().Config().ConnString()
	other, err := Open(ctx, url, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	v0, _, err := other.Version(ctx)
	if err != nil {
		t.Fatal(err)
	}
	waitFor := func(what string, ok func() bool) {
		t.Helper()
		for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
			if ok() {
				return
			}
		}
		t.Fatalf("timed out waiting for %s", what)
	}
	listening := func() bool {
		other.version.mu.Lock()
		defer other.version.mu.Unlock()
		return other.version.listening
	}
	waitFor("the listener", listening)
	add := func(n int) {
		d := &baogao.Document{Meta: baogao.Meta{Title: "报告", Kind: baogao.KindWorkReport}, Body: fmt.Sprint("正文", n),
			SHA256: fmt.Sprintf("%064d", n)}
		if err := st.AddDocument(ctx, d, baogao.Source{SHA256: fmt.Sprintf("%064d", 1000+n)}); err != nil {
			t.Fatal(err)
		}
	}
	add(1)
	waitFor("the notification", func() bool {
		v, _, _ := other.Version(ctx)
		return v > v0 && listening()
	})
	// Kill the listener's connection: Version still follows changes (by
	// reading), and the listener comes back.
	var killed int
	if err := st.Pool().QueryRow(ctx, `SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
		WHERE application_name = 'baogao version listener ' || current_schema()`).Scan(&killed); err != nil || killed != 1 {
		t.Fatalf("killed %d listeners: %v", killed, err)
	}
	v1, _, _ := other.Version(ctx)
	add(2)
	waitFor("a change while the listener was away", func() bool {
		v, _, _ := other.Version(ctx)
		return v > v1
	})
	waitFor("the listener to come back", listening)
	v2, _, _ := other.Version(ctx)
	add(3)
	waitFor("the notification after reconnecting", func() bool {
		v, _, _ := other.Version(ctx)
		return v > v2
	})
}
