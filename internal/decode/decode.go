// Package decode turns the raw bytes of a page into UTF-8 text (GBK, GB18030,
// Big5, UTF-16, with or without a declared charset) and traditional Chinese
// into simplified.
package decode

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	"golang.org/x/text/encoding/unicode"
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
// when known ("" otherwise). The rules, in order: a byte-order mark; a
// charset declared in contentType or an HTML <meta> (trusted unless the
// bytes plainly contradict it); valid UTF-8; otherwise GB18030 or Big5,
// whichever the byte statistics favour. Bytes never fails: undecodable
// sequences become U+FFFD and are counted in Bad.
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
	valid := utf8.Valid(raw)
	if declared != "" {
		enc, name := lookup(declared)
		switch {
		case enc == nil:
			// An unknown label: fall through to detection.
		case name == UTF8 && valid:
			return finish(raw, UTF8, declared, nil)
		case name == UTF8:
			// Declared UTF-8 but is not: detect below.
		case valid && hasMultibyte(raw):
			// Declared a legacy charset, but the bytes are valid UTF-8 with
			// non-ASCII text: a legacy encoding almost never is.
			return finish(raw, UTF8, declared, nil)
		default:
			t := finish(raw, name, declared, enc)
			if name != Big5 || t.BadRatio() < 0.01 {
				return t
			}
			// A page declaring Big5 that does not decode as Big5: detect.
		}
	}
	if valid {
		return finish(raw, UTF8, declared, nil)
	}
	if looksBig5(raw) {
		return finish(raw, Big5, declared, traditionalchinese.Big5)
	}
	return finish(raw, GB18030, declared, simplifiedchinese.GB18030)
}

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
		if i := strings.Index(strings.ToLower(contentType), "charset="); i >= 0 {
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

func hasMultibyte(raw []byte) bool {
	for _, b := range raw {
		if b >= 0x80 {
			return true
		}
	}
	return false
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
