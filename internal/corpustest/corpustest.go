// Package corpustest finds the shared corpus of real documents (SPEC §7)
// for tests: beside the project, or where BAOGAO_SHARED says.
package corpustest

import (
	"os"
	"path/filepath"
	"testing"
)

// Dir returns the shared folder (the one holding corpus/ and gold/). When it
// is absent the test is skipped with a message — or fails, when
// BAOGAO_REQUIRE_CORPUS is set, as it is in CI.
func Dir(t testing.TB) string {
	t.Helper()
	dir := os.Getenv("BAOGAO_SHARED")
	if dir == "" {
		dir = filepath.Join(moduleRoot(), "..", "shared")
	}
	if _, err := os.Stat(filepath.Join(dir, "corpus", "seed.txt")); err != nil {
		if os.Getenv("BAOGAO_REQUIRE_CORPUS") != "" {
			t.Fatalf("the shared corpus is required (BAOGAO_REQUIRE_CORPUS) but is not at %s", dir)
		}
		t.Skipf("shared corpus not found at %s (set BAOGAO_SHARED); skipping", dir)
	}
	return dir
}

// moduleRoot returns the nearest folder above the working directory that
// holds a go.mod; tests run in their package's folder.
func moduleRoot() string {
	dir, err := os.Getwd()
	if err != nil {
		return "."
	}
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d
		}
		if filepath.Dir(d) == d {
			return dir
		}
	}
}
