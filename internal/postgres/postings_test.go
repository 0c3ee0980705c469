package postgres

import (
	"reflect"
	"slices"
	"testing"
)

// FuzzPostings: positions and blocks decode to what was encoded, and
// arbitrary bytes decode to an error, never a panic.
func FuzzPostings(f *testing.F) {
	f.Add([]byte{1, 2, 3, 200, 7}, uint8(3))
	f.Add([]byte{}, uint8(0))
	f.Add([]byte{0xff, 0xff, 0xff, 0xff, 0x0f, 0, 1}, uint8(200))
	f.Fuzz(func(t *testing.T, data []byte, split uint8) {
		data = data[:min(len(data), 400)] // the blocks below are quadratic in it
		// Positions: ascending lists made of the bytes.
		var body, title []int32
		p := int32(0)
		for i, b := range data {
			p += int32(b)
			if i < int(split) {
				body = append(body, p)
			} else {
				title = append(title, p)
			}
		}
		slices.Sort(body)
		slices.Sort(title)
		enc := appendPositions(nil, body, title)
		b2, t2, rest, err := decodePositions(append(enc, 9), nil, nil)
		if err != nil || !slices.Equal(b2, body) || !slices.Equal(t2, title) || len(rest) != 1 {
			t.Fatalf("positions %v %v: got %v %v rest %v, %v", body, title, b2, t2, rest, err)
		}
		if rest, err := skipPositions(enc); err != nil || len(rest) != 0 {
			t.Fatalf("skip: %v %v", rest, err)
		}
		// Blocks: one entry per byte, ids ascending.
		var entries []entry
		id := int64(0)
		for i, b := range data {
			id += int64(b) + 1
			entries = append(entries, entry{id: id, value: int(b), pos: appendPositions(nil, body[:min(i, len(body))], nil)})
		}
		blocks := encodeBlocks("发展", 1, entries, nil)
		var got []entry
		for _, b := range blocks {
			if err := decodeBlock("发展", b.docs, b.positions, func(e entry) { got = append(got, e) }); err != nil {
				t.Fatal(err)
			}
		}
		for i := range got {
			if got[i].pos == nil {
				got[i].pos = []byte{}
			}
		}
		for i := range entries {
			if len(entries[i].pos) == 0 {
				entries[i].pos = []byte{}
			}
		}
		if len(entries) > 0 && !reflect.DeepEqual(got, entries) {
			t.Fatalf("blocks: got %v, want %v", got, entries)
		}
		// Arbitrary bytes.
		decodePositions(data, nil, nil)
		skipPositions(data)
		decodeBlock("发展", data, data, func(entry) {})
		decodeBlock(docsToken, data, nil, func(entry) {})
	})
}
