package storetest

import (
	"context"
	"sync"
	"testing"

	"github.com/baogao/baogao"
)

// testCheckWritable: a writable store passes the check, also when many
// checks run at once (one holding the lock does not fail the others), and
// the check changes nothing readers see: the version stays, so cached
// pages stay.
func testCheckWritable(t *testing.T, st baogao.Store) {
	ctx := context.Background()
	if err := st.AddDocument(ctx, sample(1, baogao.KindWorkReport, "370828", 2023), source(1)); err != nil {
		t.Fatal(err)
	}
	v, at, err := st.Version(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs <- st.CheckWritable(ctx)
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Errorf("CheckWritable: %v", err)
		}
	}
	v2, at2, err := st.Version(ctx)
	if err != nil || v2 != v || !at2.Equal(at) {
		t.Errorf("version %d %v → %d %v (%v): a health check is no change of the archive", v, at, v2, at2, err)
	}
}
