package storetest

import (
	"path"
	"slices"
	"testing"

	"github.com/baogao/baogao/internal/archive"
)

// CheckCopyTables checks a store's tables against what baogao copy knows:
// each is in archive.Tables, with exactly the columns columns(table)
// returns, or matches a pattern of derived (path.Match).
func CheckCopyTables(t *testing.T, tables, derived []string, columns func(table string) []string) {
	t.Helper()
	seen := map[string]bool{}
	for _, name := range tables {
		seen[name] = true
		if tab := archive.TableNamed(name); tab != nil {
			got, want := columns(name), tab.Names()
			slices.Sort(got)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("table %s has the columns %v; baogao copy knows %v (internal/archive)", name, got, want)
			}
			continue
		}
		ok := false
		for _, pat := range derived {
			if m, _ := path.Match(pat, name); m {
				ok = true
			}
		}
		if !ok {
			t.Errorf("table %s is neither copied (internal/archive.Tables) nor derived (the store's Derived)", name)
		}
	}
	for _, tab := range archive.Tables {
		if !seen[tab.Name] {
			t.Errorf("the store has no table %s", tab.Name)
		}
	}
}
