package decode

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// FuzzBytes: whatever the bytes, Bytes returns valid UTF-8 with consistent
// counts, and valid UTF-8 input comes back as it is.
func FuzzBytes(f *testing.F) {
	f.Add([]byte(text), "")
	f.Add([]byte(`<meta charset="gbk">`+text+"\xff"), "")
	f.Add([]byte(text+"\xe5\x91"), "text/html; charset=utf-8")
	f.Add(append([]byte{0xFF, 0xFE}, 'a', 0), "")
	f.Add([]byte("\x81\x30\x81\x30\xa4\x40"), "text/plain; charset=big5")
	f.Fuzz(func(t *testing.T, raw []byte, ctype string) {
		got := Bytes(raw, ctype)
		if !utf8.ValidString(got.Text) {
			t.Fatalf("invalid UTF-8 out of %q", raw)
		}
		if got.Runes != utf8.RuneCountInString(got.Text) || got.Bad < 0 || got.Bad > got.Runes {
			t.Fatalf("runes %d (have %d), bad %d", got.Runes, utf8.RuneCountInString(got.Text), got.Bad)
		}
		bom := bytes.HasPrefix(raw, []byte{0xEF, 0xBB, 0xBF}) || bytes.HasPrefix(raw, []byte{0xFF, 0xFE}) || bytes.HasPrefix(raw, []byte{0xFE, 0xFF})
		if utf8.Valid(raw) && !bom && (got.Encoding != UTF8 || got.Text != string(raw)) {
			t.Fatalf("valid UTF-8 read as %s", got.Encoding)
		}
	})
}

// FuzzStrayByte: a byte inserted anywhere into a Chinese text of a few
// lines in UTF-8, GBK or Big5 leaves it read in its encoding, with every
// line but the one it fell in intact. (In GBK and Big5 a stray byte can
// shift the pairing of bytes up to the next ASCII byte, so the line it
// falls in may be lost; in UTF-8 one character at most.)
func FuzzStrayByte(f *testing.F) {
	f.Add(uint(10), byte(0xFF), uint8(0))
	f.Add(uint(1), byte(0x80), uint8(1))
	f.Add(uint(7), byte(0x41), uint8(2))
	f.Add(uint(0), byte(0xC3), uint8(0))
	const lines = 4
	f.Fuzz(func(t *testing.T, pos uint, b byte, which uint8) {
		line := text
		want := []string{UTF8, GB18030, Big5}[which%3]
		if want == Big5 {
			line = traditionalText
		}
		s := strings.Repeat(line+"\n", lines)
		var raw []byte
		switch want {
		case UTF8:
			raw = []byte(s)
		case GB18030:
			raw, _ = simplifiedchinese.GBK.NewEncoder().Bytes([]byte(s))
		case Big5:
			raw, _ = traditionalchinese.Big5.NewEncoder().Bytes([]byte(s))
		}
		i := int(pos % uint(len(raw)+1))
		raw = append(raw[:i:i], append([]byte{b}, raw[i:]...)...)
		got := Bytes(raw, "")
		if got.Encoding != want || strings.Count(got.Text, line) < lines-1 {
			t.Fatalf("%s text with %#x at %d: read as %s with %d bad: %q", want, b, i, got.Encoding, got.Bad, got.Text)
		}
		if want == UTF8 && got.Bad > 2 {
			t.Fatalf("%#x at %d: %d bad runs, want at most 2", b, i, got.Bad)
		}
	})
}
