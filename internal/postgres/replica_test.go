package postgres

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"testing"
	"time"

	"github.com/baogao/baogao"
	"github.com/baogao/baogao/internal/postgres/pgtest"
	"github.com/jackc/pgx/v5"
)

// TestReadReplica runs on a real primary and hot standby, named by
// BAOGAO_TEST_POSTGRES_PRIMARY and BAOGAO_TEST_POSTGRES_REPLICA (see
// docs/testing.md). With the standby's replay paused, a document added on
// the primary is not searched nor listed yet — those reads go to the
// standby — while the import's own checks (on the primary) see it, and the
// version stays the standby's, so no page is cached under a version whose
// data the standby lacks; resumed, everything follows.
func TestReadReplica(t *testing.T) {
	primary, replica := os.Getenv("BAOGAO_TEST_POSTGRES_PRIMARY"), os.Getenv("BAOGAO_TEST_POSTGRES_REPLICA")
	if primary == "" || replica == "" {
		t.Skip("BAOGAO_TEST_POSTGRES_PRIMARY and BAOGAO_TEST_POSTGRES_REPLICA are not set: the read replica test is skipped")
	}
	ctx := context.Background()
	pu := pgtest.SchemaURL(t, primary)
	u, _ := url.Parse(pu)
	ru := pgtest.WithSchema(t, replica, u.Query().Get("search_path"))
	st, err := Open(ctx, pu, Options{ReadURL: ru})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	add := func(n int, body string) *baogao.Document {
		d := &baogao.Document{Meta: baogao.Meta{Title: "报告", Kind: baogao.KindWorkReport, Year: 2024}, Body: body,
			SHA256: fmt.Sprintf("%064d", n)}
		if err := st.AddDocument(ctx, d, baogao.Source{SHA256: fmt.Sprintf("%064d", 1000+n)}); err != nil {
			t.Fatal(err)
		}
		return d
	}
	search := func(q string) int {
		res, err := st.Search(ctx, baogao.SearchQuery{Text: q})
		if err != nil {
			t.Fatal(err)
		}
		return res.Total
	}
	eventually := func(what string, ok func() bool) {
		t.Helper()
		for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
			if ok() {
				return
			}
		}
		t.Fatalf("%s: not within 10 s", what)
	}
	add(1, "推进冷链物流发展。")
	eventually("the standby has the first document", func() bool { return search("冷链物流") == 1 })
	v0, _, _ := st.Version(ctx)

	rc, err := pgx.Connect(ctx, replica)
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close(ctx)
	if _, err := rc.Exec(ctx, `SELECT pg_wal_replay_pause()`); err != nil {
		t.Fatal(err)
	}
	resumed := false
	defer func() {
		if !resumed {
			rc.Exec(context.Background(), `SELECT pg_wal_replay_resume()`)
		}
	}()
	d := add(2, "建设宁德时代项目。")
	if id, err := st.DocumentIDBySHA256(ctx, d.SHA256); err != nil || id != d.ID {
		t.Errorf("the primary's read of the new document: %d, %v", id, err)
	}
	time.Sleep(300 * time.Millisecond) // the notification has come, and the standby is still behind
	if n := search("宁德时代"); n != 0 {
		t.Errorf("the paused standby found the new document %d times: searches do not read the standby", n)
	}
	if page, _ := st.Documents(ctx, baogao.DocumentFilter{}); page.Total != 1 {
		t.Errorf("listing on the paused standby: %d documents", page.Total)
	}
	if v, _, _ := st.Version(ctx); v != v0 {
		t.Errorf("version %d while the standby is at %d: pages would be cached under data the standby lacks", v, v0)
	}
	if _, err := rc.Exec(ctx, `SELECT pg_wal_replay_resume()`); err != nil {
		t.Fatal(err)
	}
	resumed = true
	eventually("the version after the standby caught up", func() bool {
		v, _, _ := st.Version(ctx)
		return v > v0
	})
	if n := search("宁德时代"); n != 1 {
		t.Errorf("after the standby caught up: %d", n)
	}
}

// TestReadURL opens a store whose reads go to a second pool (here the same
// database): everything works through it.
func TestReadURL(t *testing.T) {
	ctx := context.Background()
	u := pgtest.URL(t)
	st, err := Open(ctx, u, Options{ReadURL: u})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if st.read == st.db {
		t.Fatal("one pool")
	}
	d := &baogao.Document{Meta: baogao.Meta{Title: "报告", Kind: baogao.KindWorkReport}, Body: "推进冷链物流发展。", SHA256: fmt.Sprintf("%064d", 1)}
	if err := st.AddDocument(ctx, d, baogao.Source{SHA256: fmt.Sprintf("%064d", 2)}); err != nil {
		t.Fatal(err)
	}
	res, err := st.Search(ctx, baogao.SearchQuery{Text: "冷链物流"})
	if err != nil || res.Total != 1 {
		t.Errorf("search: %+v %v", res, err)
	}
	if _, err := st.Document(ctx, d.ID); err != nil {
		t.Error(err)
	}
	if _, err := Open(ctx, u, Options{ReadURL: "postgres://nobody@127.0.0.1:1/x?connect_timeout=2"}); baogao.ErrorCode(err) != baogao.EUNAVAILABLE {
		t.Errorf("a replica that does not answer: %v", err)
	}
}
