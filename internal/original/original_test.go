package original

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"
)

func TestRoundTrip(t *testing.T) {
	for _, raw := range [][]byte{nil, {}, []byte("x"), []byte(strings.Repeat("<p>各位代表：地区生产总值增长7%左右。</p>\n", 500)), {0, 0xff, 0x1f, 0x8b}} {
		data := Compress(raw)
		got, err := Expand(Codec, data)
		if err != nil || !bytes.Equal(got, raw) {
			t.Errorf("%d bytes came back as %d (%v)", len(raw), len(got), err)
		}
	}
	big := []byte(strings.Repeat("<p>各位代表：地区生产总值增长7%左右。</p>\n", 500))
	if n := len(Compress(big)); n*5 > len(big) {
		t.Errorf("%d bytes compressed to %d", len(big), n)
	}
	if _, err := Expand("gzip", Compress(big)); err == nil {
		t.Error("an unknown codec was read")
	}
	if _, err := Expand(Codec, []byte("not zstd")); err == nil {
		t.Error("garbage was read")
	}
}

// TestParts checks that a large file is compressed in parts of at most
// PartSize bytes each, which read back, together, as the file and as
// Compress.
func TestParts(t *testing.T) {
	raw := make([]byte, 3*PartSize+12345)
	r := rand.NewChaCha8([32]byte{1})
	r.Read(raw) // incompressible, as an inline image
	copy(raw[PartSize:], strings.Repeat("<p>各位代表：地区生产总值增长7%左右。</p>\n", 20000))
	var joined []byte
	n := 0
	for part := range Parts(raw) {
		if len(part) > PartSize+PartSize>>7+1024 {
			t.Errorf("a part of %d bytes", len(part))
		}
		joined = append(joined, part...)
		n++
	}
	if n != 4 {
		t.Errorf("%d parts, want 4", n)
	}
	if !bytes.Equal(joined, Compress(raw)) {
		t.Error("the parts are not Compress's bytes")
	}
	got, err := Expand(Codec, joined)
	if err != nil || !bytes.Equal(got, raw) {
		t.Fatalf("%d bytes came back as %d (%v)", len(raw), len(got), err)
	}
	if _, err := Expand(Codec, joined[:len(joined)-10]); err == nil {
		t.Error("a truncated last part was read")
	}
}
