// Package decode turns the raw bytes of a page into UTF-8 text (GBK, GB18030,
// Big5, UTF-16, with or without a declared charset) and traditional Chinese
// into simplified.
package decode

import (
	"bytes"
	"math"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// Encoding names as reported by Bytes.
const (
	UTF8    = "utf-8"
	UTF16LE = "utf-16le"
	UTF16BE = "utf-16be"
	GB18030 = "gb18030"
	Big5    = "big5"
)

// Text is the result of decoding.
type Text struct {
	Text     string // UTF-8, with any BOM removed
	Encoding string // the encoding the bytes were read as
	Declared string // the charset the page declared ("" when none)
	// Bad counts runes that could not be decoded (U+FFFD in the output that
	// were not in the input) plus literal U+FFFD and "?" runs standing for
	// lost characters.
	Bad int
	// Runes counts the runes of Text.
	Runes int
}

// BadRatio returns the share of runes that decoded badly.
func (t Text) BadRatio() float64 {
	if t.Runes == 0 {
		return 0
	}
	return float64(t.Bad) / float64(t.Runes)
}

// Bytes decodes raw page bytes. contentType is the HTTP Content-Type header
// when known ("" otherwise). The rules, in order: a byte-order mark; UTF-8
// when it is evidently the encoding (valid, or nearly all the multibyte
// sequences valid: a truncated title or a stray byte does not make a UTF-8
// page something else); otherwise the candidates — the charset declared in
// contentType or an HTML <meta>, UTF-8, GB18030 and Big5 — each decode the
// text, and the one whose result reads most like Chinese wins (the
// declared one unless another reads clearly better; see chooseEncoding).
// Bytes never fails: the few sequences the chosen encoding cannot decode
// become U+FFFD and are counted in Bad.
func Bytes(raw []byte, contentType string) Text {
	switch {
	case bytes.HasPrefix(raw, []byte{0xEF, 0xBB, 0xBF}):
		return finish(raw[3:], UTF8, "", nil)
	case bytes.HasPrefix(raw, []byte{0xFF, 0xFE}):
		return finish(raw[2:], UTF16LE, "", unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM))
	case bytes.HasPrefix(raw, []byte{0xFE, 0xFF}):
		return finish(raw[2:], UTF16BE, "", unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM))
	}
	declared := declaredCharset(raw, contentType)
	if mostlyUTF8(raw) {
		return finish(raw, UTF8, declared, nil)
	}
	var cands []candidate
	if declared != "" {
		if enc, name := lookup(declared); enc != nil {
			cands = append(cands, candidate{name, enc})
		}
	}
	trustDeclared := len(cands) > 0
	// On a tie the earlier wins: GB18030 before Big5 unless the trail bytes
	// say Big5 (short texts of common characters read well in both).
	legacy := []candidate{{GB18030, simplifiedchinese.GB18030}, {Big5, traditionalchinese.Big5}}
	if looksBig5(raw) {
		legacy[0], legacy[1] = legacy[1], legacy[0]
	}
	for _, c := range append([]candidate{{UTF8, unicode.UTF8}}, legacy...) {
		if !slices.ContainsFunc(cands, func(d candidate) bool { return d.name == c.name }) {
			cands = append(cands, c)
		}
	}
	c := chooseEncoding(raw, cands, trustDeclared)
	return finish(raw, c.name, declared, c.enc)
}

// mostlyUTF8 reports whether raw is UTF-8 by its bytes: valid (plain ASCII
// included), or with at most one run of invalid bytes per twenty valid
// multibyte characters. Text in GBK or Big5 has most of its characters
// invalid as UTF-8 (a few of their byte pairs are valid by chance).
func mostlyUTF8(raw []byte) bool {
	if utf8.Valid(raw) {
		return true
	}
	var valid, bad int
	inBad := false
	for i := 0; i < len(raw); {
		if raw[i] < 0x80 {
			i++
			inBad = false
			continue
		}
		r, size := utf8.DecodeRune(raw[i:])
		i += size
		if r == utf8.RuneError && size == 1 {
			if !inBad {
				bad++
			}
			inBad = true
			continue
		}
		inBad = false
		valid++
	}
	return bad*20 <= valid
}

// candidate is an encoding Bytes may decode with.
type candidate struct {
	name string
	enc  encoding.Encoding
}

// declaredMargin is how much better another decoding must read than the
// declared one to be chosen instead: a right decoding scores above 0.9, a
// wrong one of Chinese text well under 0.7.
const declaredMargin = 0.1

// sampleBytes bounds the bytes decoded to choose an encoding, from the
// first non-ASCII byte on: enough for any page's text, and a huge file is
// not decoded four times.
const sampleBytes = 1 << 20

// chooseEncoding returns the candidate whose decoding of a sample of raw
// scores best (see chineseScore), the first on a tie; when declared, the
// first candidate (the declared charset) is kept unless another scores
// declaredMargin more. Text without non-ASCII bytes gets the first
// candidate.
func chooseEncoding(raw []byte, cands []candidate, declared bool) candidate {
	start := slices.IndexFunc(raw, func(b byte) bool { return b >= 0x80 })
	if start < 0 {
		return cands[0]
	}
	sample := raw[start:]
	if len(sample) > sampleBytes {
		// End at a byte below 0x40: never part of a multibyte character in
		// UTF-8, GBK or Big5, so no candidate sees a cut character.
		cut := sampleBytes
		for cut > sampleBytes/2 && sample[cut] >= 0x40 {
			cut--
		}
		sample = sample[:cut]
	}
	best, bestScore := 0, math.Inf(-1)
	scores := make([]float64, len(cands))
	for i, c := range cands {
		scores[i] = chineseScore(sample, c.enc)
		if scores[i] > bestScore {
			best, bestScore = i, scores[i]
		}
	}
	if declared && scores[0] >= bestScore-declaredMargin {
		return cands[0]
	}
	return cands[best]
}

// chineseScore decodes sample with enc and measures how much the result
// reads like Chinese, from its non-ASCII runes: common Chinese characters
// (GB2312 level 1, Big5 common) and CJK punctuation count for it, Latin
// letters and symbols a little, rare characters, kana, Hangul, private use
// and other symbols not at all, and each run of undecodable bytes (U+FFFD)
// against it three times over. A right decoding of Chinese text scores
// above 0.9; a wrong one under 0.7, usually under 0.1.
func chineseScore(sample []byte, enc encoding.Encoding) float64 {
	var good, latin, bad, n float64
	count := func(r rune) {
		if r < 0x80 {
			return
		}
		n++
		switch {
		case r == utf8.RuneError:
			bad++
		case isCommonHan(r), r >= 0x3000 && r <= 0x303F, r >= 0xFF01 && r <= 0xFF5E:
			good++
		case r < 0x250, r >= 0x2000 && r <= 0x206F:
			latin++
		}
	}
	if enc == unicode.UTF8 {
		inBad := false
		for i := 0; i < len(sample); {
			r, size := utf8.DecodeRune(sample[i:])
			i += size
			if r == utf8.RuneError && size == 1 {
				if !inBad {
					count(r) // one U+FFFD per run, as strings.ToValidUTF8 does
				}
				inBad = true
				continue
			}
			inBad = false
			count(r)
		}
	} else {
		dec := enc.NewDecoder()
		var buf [16 << 10]byte
		for src := sample; len(src) > 0; {
			nDst, nSrc, err := dec.Transform(buf[:], src, true)
			for out := buf[:nDst]; len(out) > 0; {
				r, size := utf8.DecodeRune(out)
				count(r)
				out = out[size:]
			}
			src = src[nSrc:]
			if err != nil && err != transform.ErrShortDst {
				return math.Inf(-1)
			}
		}
	}
	if n == 0 {
		return 0
	}
	return (good + 0.3*latin - 3*bad) / n
}

// commonHan is the set of common Chinese characters, U+4E00–U+9FFF: GB2312
// level 1 (3,755 simplified and shared characters) and Big5's common
// characters (5,401, traditional and shared), read out of the encodings
// themselves.
var commonHan = sync.OnceValue(func() []uint64 {
	set := make([]uint64, (0x9FFF-0x4E00)/64+1)
	add := func(dec *encoding.Decoder, lead, trail byte) {
		r, _ := utf8.DecodeRune(must(dec.Bytes([]byte{lead, trail})))
		if r >= 0x4E00 && r <= 0x9FFF {
			set[(r-0x4E00)/64] |= 1 << ((r - 0x4E00) % 64)
		}
	}
	gb := simplifiedchinese.GBK.NewDecoder()
	for lead := byte(0xB0); lead <= 0xD7; lead++ {
		for trail := byte(0xA1); trail <= 0xFE; trail++ {
			add(gb, lead, trail)
		}
	}
	big5 := traditionalchinese.Big5.NewDecoder()
	for lead := byte(0xA4); lead <= 0xC6; lead++ {
		for trail := byte(0x40); trail <= 0xFE; trail++ {
			if (trail <= 0x7E || trail >= 0xA1) && (lead < 0xC6 || trail <= 0x7E) {
				add(big5, lead, trail)
			}
		}
	}
	return set
})

func isCommonHan(r rune) bool {
	return r >= 0x4E00 && r <= 0x9FFF && commonHan()[(r-0x4E00)/64]&(1<<((r-0x4E00)%64)) != 0
}

func must(b []byte, _ error) []byte { return b }

// lookup maps a charset label to a decoder. GB2312 and GBK labels decode as
// GB18030, their superset: pages labelled gb2312 routinely use GBK characters.
func lookup(label string) (encoding.Encoding, string) {
	label = strings.ToLower(strings.TrimSpace(label))
	switch label {
	case "utf-8", "utf8":
		return unicode.UTF8, UTF8
	case "gb2312", "gbk", "gb18030", "x-gbk", "cp936", "windows-936", "euc-cn", "hz-gb-2312":
		return simplifiedchinese.GB18030, GB18030
	case "big5", "big5-hkscs", "x-x-big5", "cn-big5", "csbig5":
		return traditionalchinese.Big5, Big5
	}
	enc, err := htmlindex.Get(label)
	if err != nil {
		return nil, ""
	}
	name, _ := htmlindex.Name(enc)
	switch name {
	case "utf-8":
		return unicode.UTF8, UTF8
	case "gbk", "gb18030":
		return simplifiedchinese.GB18030, GB18030
	case "big5":
		return traditionalchinese.Big5, Big5
	case "utf-16le":
		return unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), UTF16LE
	case "utf-16be":
		return unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), UTF16BE
	}
	return enc, name
}

// declaredCharset returns the charset named by the Content-Type header, or
// else by an HTML <meta> in the first 1024 bytes; "" when neither names one.
func declaredCharset(raw []byte, contentType string) string {
	if contentType != "" {
		// Lower ASCII letters only: strings.ToLower can change the length
		// of a header that is not UTF-8, and i must index contentType.
		lower := []byte(contentType)
		for k, b := range lower {
			if b >= 'A' && b <= 'Z' {
				lower[k] = b + 'a' - 'A'
			}
		}
		if i := bytes.Index(lower, []byte("charset=")); i >= 0 {
			cs := strings.Trim(contentType[i+len("charset="):], `"' ;`)
			if j := strings.IndexAny(cs, "; "); j >= 0 {
				cs = cs[:j]
			}
			if cs != "" {
				return cs
			}
		}
	}
	head := raw
	if len(head) > 4096 {
		head = head[:4096]
	}
	if !bytes.Contains(bytes.ToLower(head), []byte("<meta")) {
		return ""
	}
	// DetermineEncoding's pre-scan implements the HTML5 <meta> rules; it
	// reports certain=false when the charset was only guessed.
	_, name, certain := charset.DetermineEncoding(head, "text/html")
	if !certain && name == "windows-1252" {
		return ""
	}
	if !certain {
		return ""
	}
	return name
}

// looksBig5 tells Big5 bytes from GBK/GB18030 bytes. Big5 trail bytes lie in
// 0x40–0x7E or 0xA1–0xFE, and about four in ten common Big5 characters use
// the low range; GB2312 characters, which make up nearly all GBK text, never
// do, and GBK's own trail bytes 0x80–0xA0 are impossible in Big5.
func looksBig5(raw []byte) bool {
	var pairs, low, mid int
	for i := 0; i+1 < len(raw); i++ {
		b := raw[i]
		if b < 0x81 || b == 0xFF {
			continue
		}
		t := raw[i+1]
		pairs++
		switch {
		case t >= 0x40 && t <= 0x7E:
			low++
		case t >= 0x80 && t <= 0xA0:
			mid++
		}
		i++
	}
	if pairs < 4 {
		return false
	}
	return float64(low)/float64(pairs) > 0.1 && float64(mid)/float64(pairs) < 0.01
}

// finish decodes raw with enc (nil for UTF-8), replacing invalid sequences
// with U+FFFD, and counts what was lost.
func finish(raw []byte, name, declared string, enc encoding.Encoding) Text {
	var s string
	if enc == nil || name == UTF8 {
		s = strings.ToValidUTF8(string(raw), "\uFFFD")
	} else {
		out, err := enc.NewDecoder().Bytes(raw)
		if err != nil {
			out = []byte(strings.ToValidUTF8(string(raw), "\uFFFD"))
		}
		s = string(out)
	}
	t := Text{Text: s, Encoding: name, Declared: declared}
	t.Runes, t.Bad = CountBad(s)
	return t
}

// CountBad counts the runes of s and those standing for lost characters:
// U+FFFD, and runs of three or more "?" (what a lossy re-encoding leaves
// behind).
func CountBad(s string) (runes, bad int) {
	q := 0
	for _, r := range s {
		runes++
		switch r {
		case '\uFFFD':
			bad++
		case '?', '？':
			q++
			continue
		}
		if q >= 3 {
			bad += q
		}
		q = 0
	}
	if q >= 3 {
		bad += q
	}
	return runes, bad
}
