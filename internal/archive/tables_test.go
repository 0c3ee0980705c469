package archive

import (
	"testing"
	"time"
)

// TestDigestTellsRowsApart: rows that differ in any value, in a value's
// type, or only in where one text ends and the next begins, have
// different digests; the same rows, the same digest.
func TestDigestTellsRowsApart(t *testing.T) {
	at := time.Date(2025, 1, 2, 3, 4, 5, 6000, time.UTC)
	rows := []Row{
		{int64(1), "ab", "c"},
		{int64(1), "a", "bc"},
		{int64(1), "", nil},
		{int64(1), nil, ""},
		{int64(1), false, nil},
		{int64(0), true, nil},
		{float64(1), "ab", "c"},
		{int64(1), at, []byte("x")},
		{int64(1), at.Add(time.Microsecond), []byte("x")},
	}
	seen := map[string]int{}
	for i, r := range rows {
		d := NewDigest()
		d.Add(r)
		if j, ok := seen[d.Sum()]; ok {
			t.Errorf("rows %d and %d have one digest: %v %v", j, i, rows[j], r)
		}
		seen[d.Sum()] = i
		again := NewDigest()
		again.Add(append(Row(nil), r...))
		if again.Sum() != d.Sum() {
			t.Errorf("row %d: two digests", i)
		}
	}
}

// TestCanon: values of each type become canonical, and a value of the wrong
// type is an error.
func TestCanon(t *testing.T) {
	local := time.Date(2025, 1, 2, 11, 4, 5, 123456789, time.FixedZone("CST", 8*3600))
	for _, tc := range []struct {
		typ  Type
		in   any
		want any
	}{
		{Int, int32(7), int64(7)},
		{Float, int64(7), float64(7)},
		{Bool, int64(1), true},
		{Time, local, time.Date(2025, 1, 2, 3, 4, 5, 123456000, time.UTC)},
		{Time, time.Time{}, nil},
		{Text, nil, nil},
	} {
		got, err := Canon(tc.typ, tc.in)
		if err != nil || got != tc.want {
			t.Errorf("Canon(%d, %v) = %v, %v; want %v", tc.typ, tc.in, got, err, tc.want)
		}
	}
	if _, err := Canon(Int, "7"); err == nil {
		t.Error("a text as an integer")
	}
}
