package sqlite

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/baogao/baogao"
	"github.com/baogao/baogao/internal/storetest"
)

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) baogao.Store {
		st, err := Open(context.Background(), filepath.Join(t.TempDir(), "test.db"))
		if err != nil {
			t.Fatal(err)
		}
		return st
	})
}

func TestMigrationsOnce(t *testing.T) {
	path := filepath.Join(t.TempDir(), "m.db")
	ctx := context.Background()
	for i := 0; i < 2; i++ {
		st, err := Open(ctx, path)
		if err != nil {
			t.Fatalf("open %d: %v", i, err)
		}
		var n int
		st.DB().QueryRow(`SELECT count(*) FROM schema_migrations`).Scan(&n)
		if n == 0 {
			t.Error("no migration recorded")
		}
		var mode string
		st.DB().QueryRow(`PRAGMA journal_mode`).Scan(&mode)
		if mode != "wal" {
			t.Errorf("journal_mode = %s, want wal", mode)
		}
		st.Close()
	}
}
