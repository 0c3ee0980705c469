package decode

import (
	"bytes"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/baogao/baogao/internal/corpustest"
	"github.com/longbridgeapp/opencc"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// TestCorpusDamaged reads every corpus document as a crawler may meet it:
// in UTF-8, GBK or Big5 (traditional, converted with OpenCC), with a few
// stray bytes at random places (seeded). Each must be read in its
// encoding with nearly all its characters intact: in UTF-8 a stray byte
// costs a character at most, in GBK and Big5 it can shift the pairing of
// bytes up to the next ASCII character.
func TestCorpusDamaged(t *testing.T) {
	dir := filepath.Join(corpustest.Dir(t), "corpus")
	var files []string
	filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(path, ".txt") {
			files = append(files, path)
		}
		return nil
	})
	if len(files) == 0 {
		t.Fatal("no corpus files")
	}
	rng := rand.New(rand.NewPCG(9, 2))
	tw, err := opencc.New("s2tw")
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range files {
		raw, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		text := string(raw)
		trad, err := tw.Convert(text)
		if err != nil {
			t.Fatal(err)
		}
		for _, tc := range []struct {
			name string
			enc  encoding.Encoding
			text string
		}{
			{UTF8, nil, text},
			{GB18030, simplifiedchinese.GBK, text},
			{Big5, traditionalchinese.Big5, trad},
		} {
			b := []byte(tc.text)
			if tc.enc != nil {
				// Characters the encoding lacks become "?" here, not bad bytes.
				b, err = encoding.ReplaceUnsupported(tc.enc.NewEncoder()).Bytes(b)
				if err != nil {
					t.Fatal(err)
				}
			}
			want := Bytes(b, "").Text
			// One stray byte in each of three lines, or as many as there
			// are. allowed is what they may cost: in UTF-8 two characters
			// each; in GBK and Big5 the characters up to the next byte
			// below 0x40, which cannot be part of a character, and two.
			lines := bytes.SplitAfter(b, []byte("\n"))
			allowed := 0
			for _, k := range rng.Perm(len(lines))[:min(3, len(lines))] {
				ln := lines[k]
				i := rng.IntN(len(bytes.TrimSuffix(ln, []byte("\n"))) + 1)
				allowed += 2
				if tc.enc != nil {
					j := bytes.IndexFunc(ln[i:], func(r rune) bool { return r < 0x40 })
					if j < 0 {
						j = len(ln) - i
					}
					allowed += Bytes(ln[i:i+j], "charset="+tc.name).Runes
				}
				lines[k] = append(ln[:i:i], append([]byte{byte(0x80 + rng.IntN(0x80))}, ln[i:]...)...)
			}
			b = bytes.Join(lines, nil)
			got := Bytes(b, "")
			if got.Encoding != tc.name {
				t.Errorf("%s in %s with stray bytes: read as %s", filepath.Base(path), tc.name, got.Encoding)
				continue
			}
			if lost := lostRunes(want, got.Text); lost > allowed {
				t.Errorf("%s in %s with stray bytes: %d characters lost, at most %d expected", filepath.Base(path), tc.name, lost, allowed)
			}
		}
	}
}

// lostRunes counts the runes of want that got lacks. Stray bytes of 0x80
// and above never make or swallow a newline in these encodings, so lines
// correspond; in a line that differs, what is outside the common prefix
// and suffix is lost.
func lostRunes(want, got string) int {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	if len(w) != len(g) {
		return len([]rune(want))
	}
	lost := 0
	for i := range w {
		if w[i] == g[i] {
			continue
		}
		a, b := []rune(w[i]), []rune(g[i])
		p := 0
		for p < len(a) && p < len(b) && a[p] == b[p] {
			p++
		}
		q := 0
		for q < len(a)-p && q < len(b)-p && a[len(a)-1-q] == b[len(b)-1-q] {
			q++
		}
		lost += len(a) - p - q
	}
	return lost
}
