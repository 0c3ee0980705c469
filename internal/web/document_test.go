package web

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzRuneCount: runeCount agrees with the standard library on valid UTF-8,
// whatever its mix of one- to four-byte characters and its length modulo 8.
func FuzzRuneCount(f *testing.F) {
	for _, s := range []string{"", "a", "各位代表：", "GDP增长6%左右。\n", "𠀀𠀁x", strings.Repeat("报告ab", 9)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		s = strings.ToValidUTF8(s, "\uFFFD")
		if got, want := runeCount(s), utf8.RuneCountInString(s); got != want {
			t.Fatalf("runeCount(%q) = %d, want %d", s, got, want)
		}
	})
}
