package runes

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzCount: Count agrees with the standard library on valid UTF-8,
// whatever its mix of one- to four-byte characters and its length modulo 8.
func FuzzCount(f *testing.F) {
	for _, s := range []string{"", "a", "各位代表：", "GDP增长6%左右。\n", "𠀀𠀁x", strings.Repeat("报告ab", 9)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		s = strings.ToValidUTF8(s, "\uFFFD")
		if got, want := Count(s), utf8.RuneCountInString(s); got != want {
			t.Fatalf("Count(%q) = %d, want %d", s, got, want)
		}
	})
}

var sample = strings.Repeat("各位代表：现在，我代表县人民政府向大会报告工作，请予审议。GDP增长6%左右。\n", 300)

func BenchmarkCount(b *testing.B) {
	b.SetBytes(int64(len(sample)))
	for i := 0; i < b.N; i++ {
		Count(sample)
	}
}

func BenchmarkRuneCountInString(b *testing.B) {
	b.SetBytes(int64(len(sample)))
	for i := 0; i < b.N; i++ {
		utf8.RuneCountInString(sample)
	}
}
