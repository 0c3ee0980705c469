package original

import (
	"bytes"
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
