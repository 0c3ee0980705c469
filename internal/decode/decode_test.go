package decode

import (
	"strings"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	"golang.org/x/text/encoding/unicode"
)

// text is a sentence in the register of the documents, written for the test.
const text = "各位代表：现在，我代表县人民政府向大会报告工作。今年经济社会发展的主要预期目标是：地区生产总值增长6%左右，一般公共预算收入增长5%以上。"

// traditionalText is text in Big5-encodable traditional characters.
const traditionalText = "各位代表：現在，我代表縣人民政府向大會報告工作。今年經濟社會發展的主要預期目標是：地區生產總值增長6%左右，一般公共預算收入增長5%以上。"

func enc(t *testing.T, e encoding.Encoding, s string) []byte {
	t.Helper()
	b, err := e.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestBytes(t *testing.T) {
	html := func(meta, body string) string {
		return "<html><head>" + meta + "<title>report</title></head><body><p>" + body + "</p></body></html>"
	}
	for _, tc := range []struct {
		name, ctype, want string
		raw               []byte
		wantText          string
	}{
		{name: "utf-8", raw: []byte(text), want: UTF8},
		{name: "utf-8 bom", raw: append([]byte{0xEF, 0xBB, 0xBF}, text...), want: UTF8},
		{name: "utf-16le bom", raw: append([]byte{0xFF, 0xFE}, enc(t, unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), text)...), want: UTF16LE},
		{name: "utf-16be bom", raw: append([]byte{0xFE, 0xFF}, enc(t, unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), text)...), want: UTF16BE},
		{name: "gbk undeclared", raw: enc(t, simplifiedchinese.GBK, text), want: GB18030},
		{name: "gb18030 undeclared", raw: enc(t, simplifiedchinese.GB18030, text), want: GB18030},
		{name: "big5 undeclared", raw: enc(t, traditionalchinese.Big5, traditionalText), want: Big5, wantText: traditionalText},
		{name: "gb2312 in meta", raw: enc(t, simplifiedchinese.GBK, html(`<meta charset="gb2312">`, text)), want: GB18030},
		{name: "gbk in http-equiv", raw: enc(t, simplifiedchinese.GBK, html(`<meta http-equiv="Content-Type" content="text/html; charset=gbk">`, text)), want: GB18030},
		{name: "big5 in meta", raw: enc(t, traditionalchinese.Big5, html(`<meta charset="big5">`, traditionalText)), want: Big5, wantText: traditionalText},
		{name: "gbk from the header", ctype: "text/html; charset=GBK", raw: enc(t, simplifiedchinese.GBK, text), want: GB18030},
		{name: "declared gb2312, really utf-8", raw: []byte(html(`<meta charset="gb2312">`, text)), want: UTF8},
		{name: "declared utf-8, really gbk", raw: enc(t, simplifiedchinese.GBK, html(`<meta charset="utf-8">`, text)), want: GB18030},
		{name: "declared big5, really gbk", raw: enc(t, simplifiedchinese.GBK, html(`<meta charset="big5">`, text)), want: GB18030},
		{name: "unknown label", raw: enc(t, simplifiedchinese.GBK, html(`<meta charset="x-nonsense">`, text)), want: GB18030},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := Bytes(tc.raw, tc.ctype)
			if got.Encoding != tc.want {
				t.Fatalf("encoding = %s, want %s", got.Encoding, tc.want)
			}
			want := tc.wantText
			if want == "" {
				want = text
			}
			if !strings.Contains(got.Text, want) {
				t.Errorf("text = %.80q", got.Text)
			}
			if got.Bad != 0 {
				t.Errorf("%d bad runes in a clean text", got.Bad)
			}
			if strings.HasPrefix(got.Text, "\uFEFF") {
				t.Error("byte-order mark kept")
			}
		})
	}
}

func TestBadBytes(t *testing.T) {
	raw := append(enc(t, simplifiedchinese.GBK, text), 0x81, 0x20, 0xFF, 0xFF)
	got := Bytes(raw, "")
	if got.Bad == 0 || got.BadRatio() <= 0 {
		t.Errorf("bad = %d", got.Bad)
	}
	runes, bad := CountBad("报告??? 中文\uFFFD")
	if runes != 9 || bad != 4 {
		t.Errorf("CountBad = %d, %d; want 9, 4", runes, bad)
	}
	if _, bad := CountBad("是否? 是?"); bad != 0 {
		t.Errorf("ordinary question marks counted as bad: %d", bad)
	}
}

func TestSimplify(t *testing.T) {
	out, script, err := Simplify(traditionalText)
	if err != nil {
		t.Fatal(err)
	}
	if script != Traditional || out != text {
		t.Errorf("Simplify(traditional) = %q, %s", out, script)
	}
	out, script, _ = Simplify(text)
	if script != Simplified || out != text {
		t.Errorf("Simplify(simplified) changed it: %q, %s", out, script)
	}
	// A simplified text quoting a few traditional names stays as it is.
	mixed := strings.Repeat(text, 5) + "（原載《經濟日報》）"
	if out, script, _ := Simplify(mixed); script != Simplified || out != mixed {
		t.Errorf("mixed text converted: %s", script)
	}
	if _, script, _ := Simplify("GDP 5%"); script != Simplified {
		t.Errorf("text without Han: %s", script)
	}
}

// TestOneBadByte: a page in one encoding with a few bytes that do not
// decode (a truncated title, a stray byte) is read in that encoding, the
// bad bytes replaced, not decoded whole as something else (issue 9, item 2).
func TestOneBadByte(t *testing.T) {
	html := func(meta, title, body string) string {
		return "<html><head>" + meta + "<title>" + title + "</title></head><body><p>" + body + "</p></body></html>"
	}
	u := []byte(text)
	truncated := string(u[:len(u)-2]) // cut inside the last character
	gbk := enc(t, simplifiedchinese.GBK, text)
	for _, tc := range []struct {
		name, ctype, want string
		raw               []byte
		bad               int
	}{
		{name: "utf-8 declared, truncated title", want: UTF8, bad: 1,
			raw: []byte(html(`<meta charset="utf-8">`, truncated, text))},
		{name: "utf-8 undeclared, truncated title", want: UTF8, bad: 1,
			raw: []byte(html(``, truncated, text))},
		{name: "utf-8 header, one stray byte", ctype: "text/html; charset=UTF-8", want: UTF8, bad: 1,
			raw: []byte(text + "\xff" + text)},
		{name: "utf-8 plain text, stray bytes", want: UTF8, bad: 2,
			raw: []byte(text + "\x80\x80" + text + "\xc3" + text)},
		{name: "utf-8 declared gb2312, one stray byte", want: UTF8, bad: 1,
			raw: []byte(html(`<meta charset="gb2312">`, "报告", text+"\xfe"+text))},
		{name: "gbk declared, one stray byte", want: GB18030, bad: 1,
			raw: append(append(append([]byte(`<meta charset="gbk">`), gbk...), 0xFF), gbk...)},
		{name: "gbk undeclared, truncated", want: GB18030, bad: 1,
			raw: append(append([]byte{}, gbk...), gbk[:len(gbk)-1]...)},
		{name: "big5 undeclared, one stray byte", want: Big5, bad: 1,
			raw: append(append(enc(t, traditionalchinese.Big5, traditionalText), 0xFF), enc(t, traditionalchinese.Big5, traditionalText)...)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := Bytes(tc.raw, tc.ctype)
			if got.Encoding != tc.want {
				t.Fatalf("encoding = %s, want %s: %.60q", got.Encoding, tc.want, got.Text)
			}
			if got.Bad != tc.bad {
				t.Errorf("bad = %d, want %d", got.Bad, tc.bad)
			}
			want := text
			if tc.want == Big5 {
				want = traditionalText
			}
			if !strings.Contains(got.Text, want) {
				t.Errorf("text = %.80q", got.Text)
			}
		})
	}
}

// TestChineseScore: right decodings of Chinese read as Chinese, wrong ones
// do not.
func TestChineseScore(t *testing.T) {
	u8 := []byte(text)
	gbk := enc(t, simplifiedchinese.GBK, text)
	b5 := enc(t, traditionalchinese.Big5, traditionalText)
	for _, tc := range []struct {
		name   string
		raw    []byte
		enc    encoding.Encoding
		lo, hi float64
	}{
		{"utf-8 as utf-8", u8, unicode.UTF8, 0.9, 1},
		{"gbk as gb18030", gbk, simplifiedchinese.GB18030, 0.9, 1},
		{"big5 as big5", b5, traditionalchinese.Big5, 0.9, 1},
		{"utf-8 as gb18030", u8, simplifiedchinese.GB18030, -10, 0.3},
		{"gbk as utf-8", gbk, unicode.UTF8, -10, 0},
		{"gbk as big5", gbk, traditionalchinese.Big5, -10, 0.7},
		{"big5 as gb18030", b5, simplifiedchinese.GB18030, -10, 0.7},
	} {
		if s := chineseScore(tc.raw, tc.enc); s < tc.lo || s > tc.hi {
			t.Errorf("%s: score %.2f, want %.1f–%.1f", tc.name, s, tc.lo, tc.hi)
		} else {
			t.Logf("%s: %.2f", tc.name, s)
		}
	}
}
