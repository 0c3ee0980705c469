package ingest

import (
	"bytes"
	"github.com/baogao/baogao/internal/corpustest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/baogao/baogao"
	"github.com/baogao/baogao/internal/doctext"
	"github.com/baogao/baogao/internal/place"
	"github.com/longbridgeapp/opencc"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

func newTestParser() *Parser { return NewParser(place.Default()) }

func parse(t *testing.T, raw []byte, name string) *baogao.Document {
	t.Helper()
	doc, _, err := newTestParser().Parse(raw, Input{Name: name})
	if err != nil {
		t.Fatalf("parse %s: %v", name, err)
	}
	return doc
}

func encode(t *testing.T, enc encoding.Encoding, s string) []byte {
	t.Helper()
	b, err := enc.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatalf("encode: %v", err)
	}
	return b
}

// toTraditional converts to Taiwan-standard traditional characters, which
// Big5 can encode (plain s2t emits 爲, which it cannot).
func toTraditional(t *testing.T, s string) string {
	t.Helper()
	cc, err := opencc.New("s2tw")
	if err != nil {
		t.Fatal(err)
	}
	out, err := cc.Convert(s)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// chromeOfSeed are the furniture strings of the seed page (the issue's
// acceptance list).
var chromeOfSeed = []string{"导航菜单", "本文仅代表作者观点", "本文地址", "留言与评论", "验证码"}

func TestSeed(t *testing.T) {
	shared := corpustest.Dir(t)
	raw, err := os.ReadFile(filepath.Join(shared, "corpus", "seed.txt"))
	if err != nil {
		t.Fatal(err)
	}
	doc := parse(t, raw, "seed.txt")
	m := doc.Meta
	want := baogao.Meta{Title: "(山东省)金乡县人民政府工作报告(2023年1月3日)", PlaceCode: "370828", Place: "山东省济宁市金乡县",
		Region: baogao.RegionHuadong, Kind: baogao.KindWorkReport, Year: 2023, Date: "2023-01-03"}
	if m.Title != want.Title || m.PlaceCode != want.PlaceCode || m.Place != want.Place || m.Region != want.Region ||
		m.Kind != want.Kind || m.Year != want.Year || m.Date != want.Date {
		t.Errorf("meta = %+v\nwant  %+v", m, want)
	}
	for _, c := range chromeOfSeed {
		if strings.Contains(doc.Body, c) {
			t.Errorf("body keeps furniture %q", c)
		}
	}
	// Every paragraph of the report itself — the lines between the title and
	// the disclaimer — is in the body, as written.
	lines := strings.Split(string(raw), "\n")
	inReport := false
	kept := 0
	for _, ln := range lines {
		ln = strings.TrimSpace(ln)
		switch {
		case strings.HasPrefix(ln, "(山东省)金乡县"):
			inReport = true
			continue
		case strings.HasPrefix(ln, "本文仅代表"):
			inReport = false
		}
		if inReport && ln != "" {
			kept++
			if !strings.Contains(doc.Body, ln) {
				t.Errorf("body lost the paragraph %.40q…", ln)
			}
		}
	}
	if kept < 10 {
		t.Errorf("only %d report paragraphs found in the seed; the test is reading the wrong file", kept)
	}
	if len(doc.Outline) == 0 || doc.Outline[1].Title != "二、2023年工作安排" || doc.Outline[1].Level != 1 {
		t.Errorf("outline = %+v", doc.Outline)
	}
	for _, h := range doc.Outline {
		body := []rune(doc.Body)
		if !strings.HasPrefix(string(body[h.Offset:]), h.Title) {
			t.Errorf("heading %q not at its offset %d", h.Title, h.Offset)
		}
	}

	// The same page in GBK, and in Big5 traditional characters, gives the
	// same metadata and the same simplified body.
	gbk := parse(t, encode(t, simplifiedchinese.GBK, string(raw)), "seed-gbk.txt")
	if gbk.Body != doc.Body || gbk.Meta.Title != m.Title || gbk.Meta.PlaceCode != m.PlaceCode || gbk.Meta.Year != m.Year {
		t.Errorf("GBK copy differs: meta %+v", gbk.Meta)
	}
	if gbk.Meta.Encoding != "gb18030" {
		t.Errorf("GBK copy decoded as %s", gbk.Meta.Encoding)
	}
	big5 := parse(t, encode(t, traditionalchinese.Big5, toTraditional(t, string(raw))), "seed-big5.txt")
	if big5.Meta.Encoding != "big5" || big5.Meta.Script != "traditional" {
		t.Errorf("Big5 copy: encoding %s, script %s", big5.Meta.Encoding, big5.Meta.Script)
	}
	if big5.Body != doc.Body {
		t.Errorf("Big5 copy's simplified body differs:\n%s", firstDiff(big5.Body, doc.Body))
	}
	if big5.Meta.Title != m.Title || big5.Meta.PlaceCode != m.PlaceCode || big5.Meta.Year != m.Year || big5.Meta.Date != m.Date || big5.Meta.Kind != m.Kind {
		t.Errorf("Big5 copy's meta = %+v", big5.Meta)
	}
}

// firstDiff shows where two texts first differ.
func firstDiff(a, b string) string {
	ra, rb := []rune(a), []rune(b)
	for i := 0; i < len(ra) && i < len(rb); i++ {
		if ra[i] != rb[i] {
			lo := max(0, i-10)
			return "got  …" + string(ra[lo:min(len(ra), i+20)]) + "\nwant …" + string(rb[lo:min(len(rb), i+20)])
		}
	}
	return "lengths differ"
}

var metaCharset = regexp.MustCompile(`<meta charset="utf-8">\n`)

// TestPortalPage reads a county portal page with navigation, breadcrumbs, a
// sidebar, share buttons, previous/next links, a comment box with a captcha
// and a footer, in five encodings with and without a declared charset.
func TestPortalPage(t *testing.T) {
	page, err := os.ReadFile(filepath.Join("testdata", "portal.html"))
	if err != nil {
		t.Fatal(err)
	}
	utf8Page := string(page)
	undeclared := metaCharset.ReplaceAllString(utf8Page, "")
	if undeclared == utf8Page {
		t.Fatal("fixture has no charset declaration to remove")
	}
	trad := toTraditional(t, undeclared)
	variants := []struct {
		name, encoding string
		raw            []byte
	}{
		{"utf-8 declared", "utf-8", page},
		{"utf-8 undeclared", "utf-8", []byte(undeclared)},
		{"gbk declared gb2312", "gb18030", encode(t, simplifiedchinese.GBK, strings.Replace(utf8Page, `charset="utf-8"`, `charset="gb2312"`, 1))},
		{"gbk undeclared", "gb18030", encode(t, simplifiedchinese.GBK, undeclared)},
		{"big5 undeclared", "big5", encode(t, traditionalchinese.Big5, trad)},
		{"big5 declared", "big5", encode(t, traditionalchinese.Big5, strings.Replace(trad, "<head>", `<head><meta http-equiv="Content-Type" content="text/html; charset=big5">`, 1))},
	}
	first := parse(t, variants[0].raw, "portal.html")
	m := first.Meta
	if m.Title != "2024年嘉禾县人民政府工作报告" || m.PlaceCode != "431024" || m.Kind != baogao.KindWorkReport ||
		m.Year != 2024 || m.Date != "2024-01-16" || m.Speaker != "县长 王明" {
		t.Errorf("meta = %+v", m)
	}
	if !strings.Contains(m.Session, "第十八届人民代表大会第四次会议") {
		t.Errorf("session = %q", m.Session)
	}
	body := first.Body
	for _, want := range []string{"政府工作报告", "各位代表：", "一、2023年工作回顾", "主要预期目标", "为建设更加美好的嘉禾而努力奋斗！"} {
		if !strings.Contains(body, want) {
			t.Errorf("body lacks %q", want)
		}
	}
	for _, chrome := range []string{"首页", "政务公开", "当前位置", "发布时间", "浏览次数", "打印", "分享到", "上一篇", "下一篇",
		"发表评论", "验证码", "热点新闻", "经济工作会议", "版权所有", "ICP", "关于我们", "登录", "手机版", "今天是", "_hmt", "float"} {
		if strings.Contains(body, chrome) {
			t.Errorf("body keeps furniture %q", chrome)
		}
	}
	if !strings.HasPrefix(body, "政府工作报告\n——2024年1月16日") {
		t.Errorf("body starts %.60q", body)
	}
	for _, v := range variants[1:] {
		t.Run(v.name, func(t *testing.T) {
			doc := parse(t, v.raw, "page")
			if doc.Meta.Encoding != v.encoding {
				t.Errorf("decoded as %s, want %s", doc.Meta.Encoding, v.encoding)
			}
			if doc.Body != body {
				t.Errorf("body differs from the UTF-8 page's:\n%s", firstDiff(doc.Body, body))
			}
			if doc.Meta.Title != m.Title || doc.Meta.PlaceCode != m.PlaceCode || doc.Meta.Year != m.Year || doc.Meta.Date != m.Date {
				t.Errorf("meta = %+v", doc.Meta)
			}
		})
	}
}

func TestParseRejects(t *testing.T) {
	p := newTestParser()
	for _, tc := range []struct {
		name string
		raw  []byte
		code string
	}{
		{"empty", nil, baogao.EINVALID},
		{"blank", []byte(" \n\t\n"), baogao.EINVALID},
		{"binary", []byte("\x7fELF\x02\x01\x01\x00\x00\x00\x00"), baogao.EINVALID},
		{"pdf", []byte("%PDF-1.7\n..."), baogao.EINVALID},
		{"docx", []byte("PK\x03\x04\x14\x00"), baogao.EINVALID},
		{"too large", make([]byte, MaxBytes+1), baogao.ETOOLARGE},
		{"markup only", []byte("<html><head><script>x()</script></head><body><nav><a href=/>首页</a></nav></body></html>"), baogao.EINVALID},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.name == "too large" {
				for i := range tc.raw {
					tc.raw[i] = 'a'
				}
			}
			_, _, err := p.Parse(tc.raw, Input{Name: tc.name})
			if baogao.ErrorCode(err) != tc.code {
				t.Fatalf("err = %v (code %q), want code %q", err, baogao.ErrorCode(err), tc.code)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error is not one line: %q", err)
			}
		})
	}
}

// TestFlagged: a page that decoded badly is flagged, not silently stored.
func TestFlagged(t *testing.T) {
	text := "2023年某县政府工作报告\n" + strings.Repeat("各位代表：现在我代表县人民政府\uFFFD\uFFFD向大会报告工作。\n", 20)
	doc := parse(t, []byte(text), "bad.txt")
	if !doc.Meta.Flagged {
		t.Error("text with many U+FFFD is not flagged")
	}
	clean := parse(t, []byte(strings.ReplaceAll(text, "\uFFFD", "")), "good.txt")
	if clean.Meta.Flagged {
		t.Error("clean text is flagged")
	}
}

// TestParseAttachments: PDF, DOCX and DOC files (the fixtures of
// internal/doctext) are read, recognised and extracted like pages.
func TestParseAttachments(t *testing.T) {
	p := newTestParser()
	var bodies []string
	for _, name := range []string{"report.docx", "report.doc", "report.pdf"} {
		t.Run(name, func(t *testing.T) {
			raw, err := os.ReadFile(filepath.Join("..", "doctext", "testdata", name))
			if err != nil {
				t.Fatal(err)
			}
			if err := doctext.Available(doctext.Detect(raw)); err != nil {
				if os.Getenv("BAOGAO_REQUIRE_DOCTOOLS") != "" {
					t.Fatal(err)
				}
				t.Skip(err)
			}
			doc, src, err := p.Parse(raw, Input{Name: name})
			if err != nil {
				t.Fatal(err)
			}
			m := doc.Meta
			if m.Kind != baogao.KindWorkReport || m.PlaceCode != "370828" || m.Year != 2023 || m.Date != "2023-01-05" || m.Flagged {
				t.Errorf("meta = %+v", m)
			}
			if src.Encoding != strings.TrimPrefix(filepath.Ext(name), ".") || m.Encoding != src.Encoding {
				t.Errorf("encoding = %q, %q", src.Encoding, m.Encoding)
			}
			found := false
			for _, tg := range doc.Targets {
				if tg.Indicator == "gdp_growth" && tg.Value == 6.5 {
					found = true
				}
			}
			if !found {
				t.Errorf("no GDP growth target of 6.5%% in %+v", doc.Targets)
			}
			if len(doc.Outline) < 4 {
				t.Errorf("outline = %+v", doc.Outline)
			}
			bodies = append(bodies, doc.Body)
		})
	}
	if len(bodies) >= 2 && bodies[0] != bodies[1] {
		t.Errorf("DOCX and DOC bodies differ:\n%s\n---\n%s", bodies[0], bodies[1])
	}
}

// TestDeepHTML: a page nested deeper than the HTML parser's 512 elements is
// read by the tokenizer, with the same text as the page nested shallowly —
// not stored as markup (issue 9, item 4).
func TestDeepHTML(t *testing.T) {
	page, err := os.ReadFile(filepath.Join("testdata", "portal.html"))
	if err != nil {
		t.Fatal(err)
	}
	want := parse(t, page, "portal.html")
	for _, closed := range []bool{true, false} {
		deep := strings.Repeat(`<div class="wrap">`, 600)
		if closed {
			deep += `<div class="article">`
		}
		b := bytes.Replace(page, []byte(`<div class="article">`), []byte(deep), 1)
		if closed {
			b = bytes.Replace(b, []byte(`</body>`), []byte(strings.Repeat("</div>", 600)+"</body>"), 1)
		}
		got := parse(t, b, "deep.html")
		for _, markup := range []string{"<div", "<p>", "</", "jquery", "_hmt", "float: left"} {
			if strings.Contains(got.Body, markup) {
				t.Errorf("closed %v: %q in the body:\n%.300s", closed, markup, got.Body)
			}
		}
		if got.Meta.Title != want.Meta.Title || got.Meta.PlaceCode != want.Meta.PlaceCode || got.Meta.Kind != want.Meta.Kind {
			t.Errorf("closed %v: meta %q %s %s, want %q %s %s", closed, got.Meta.Title, got.Meta.PlaceCode, got.Meta.Kind,
				want.Meta.Title, want.Meta.PlaceCode, want.Meta.Kind)
		}
		if got.Body != want.Body {
			t.Errorf("closed %v: body differs from the shallow page's:\n%.500s\nwant\n%.500s", closed, got.Body, want.Body)
		}
	}
}

// TestManyTagsHTML: a page of more than maxTreeTags tags (a word
// processor's, a span per few characters) is read by the tokenizer rather
// than built into a tree of hundreds of megabytes, and becomes the same
// document as the page with few tags (issue 9, item 6: memory).
func TestManyTagsHTML(t *testing.T) {
	page, err := os.ReadFile(filepath.Join("testdata", "portal.html"))
	if err != nil {
		t.Fatal(err)
	}
	want := parse(t, page, "portal.html")
	spans := strings.Repeat(`<span style="font-family:宋体"></span>`, maxTreeTags/2+1)
	b := bytes.Replace(page, []byte(`<div class="article">`), []byte(`<div class="article">`+spans), 1)
	if n := bytes.Count(b, []byte("<")); n <= maxTreeTags {
		t.Fatalf("the page has %d tags, not more than %d", n, maxTreeTags)
	}
	got := parse(t, b, "spans.html")
	if got.Body != want.Body || got.Meta.Title != want.Meta.Title || got.Meta.PlaceCode != want.Meta.PlaceCode {
		t.Errorf("the page of many tags became %q %s:\n%.500s\nwant %q %s:\n%.500s", got.Meta.Title, got.Meta.PlaceCode, got.Body,
			want.Meta.Title, want.Meta.PlaceCode, want.Body)
	}
}

// TestClutter: a page's counters, font-size and share bars, QR-code
// prompts, site addresses, reprint notices and photo credits are not text;
// the report's own sentences stay, as written.
func TestClutter(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("testdata", "clutter.html"))
	if err != nil {
		t.Fatal(err)
	}
	doc, src, err := newTestParser().Parse(raw, Input{Name: "clutter.html"})
	if err != nil {
		t.Fatal(err)
	}
	if src.Credit != "云溪日报" {
		t.Errorf("credit %q, want 云溪日报 (the 来源 line)", src.Credit)
	}
	for _, c := range []string{"阅读量", "字体", "分享", "www.", "http", "文秘网", "周明 摄", "点击图片", "二维码", "浏览评论", "来源", "云溪发布网"} {
		if strings.Contains(doc.Body+"\n", c) {
			t.Errorf("body keeps %q:\n%s", c, doc.Body)
		}
	}
	for _, keep := range []string{"各位代表：", "全县地区生产总值增长6.5%，一般公共预算收入增长5%。", "一、2024年工作回顾",
		"地区生产总值增长6%左右。现场的记者用手中的摄像机记录下这一时刻，大家共同拍摄"} {
		if !strings.Contains(doc.Body, keep) {
			t.Errorf("body lost %q:\n%s", keep, doc.Body)
		}
	}
	if doc.Meta.Title != "云溪县2025年政府工作报告" {
		t.Errorf("title %q", doc.Meta.Title)
	}
	for _, tc := range []struct{ in, want string }{
		{"广东省长作工作报告 07年GDP预期增长9%http://www.example.com.cn", "广东省长作工作报告 07年GDP预期增长9%"},
		{"……(新文秘网https://www.example.cn省略833字,正式会员可完整阅读)", "……"},
		{"详见 www.example.gov.cn 公开栏。", "详见 www.example.gov.cn 公开栏。"},
	} {
		if got := stripURLs(tc.in); got != tc.want {
			t.Errorf("stripURLs(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	for _, s := range []string{"0浏览 评论0", "阅读 1024 点赞 3", "图片:来源黄梅县委宣传部", "云溪发布网 www.example.cn 2025年01月20日"} {
		if k := classify(s); k == lineContent {
			t.Errorf("classify(%q) = content", s)
		}
	}
}

// TestLargePages: a page with more text than a document may have is
// refused before it is read, saying how much; a page made large by an
// inline image is read as its text.
func TestLargePages(t *testing.T) {
	p := NewParser(place.Default())
	text := "<html><body><h1>2023年金乡县人民政府工作报告</h1><p>各位代表：</p><p>今年地区生产总值增长6%左右。</p>"
	img := `<img src="data:image/png;base64,` + strings.Repeat("QUJD", 1<<20) + `">`
	doc, _, err := p.Parse([]byte(text+img+"</body></html>"), Input{Name: "a.html"})
	if err != nil || strings.Contains(doc.Body, "QUJD") || !strings.Contains(doc.Body, "增长6%左右") {
		t.Errorf("a page with an image: %v", err)
	}
	big := text + "<p>" + strings.Repeat("今年工作很多。", 250000) + "</p><script>" + strings.Repeat("x", 5<<20) + "</script></body></html>"
	if _, _, err := p.Parse([]byte(big), Input{Name: "b.html"}); baogao.ErrorCode(err) != baogao.ETOOLARGE || baogao.ErrorMessage(err) != "5 MB of text is over the 4 MB one document may have" {
		t.Errorf("a page of 5 MB of text: %v", err)
	}
	if n := textSize([]byte(`<p>ab</p><SCRIPT>var x = "<p>";</script><style>p{}</style>cd`)); n != 4 {
		t.Errorf("textSize = %d, want 4", n)
	}
}
