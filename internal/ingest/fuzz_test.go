package ingest

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/baogao/baogao"
	"github.com/baogao/baogao/internal/place"
)

var isoDate = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

// checkMeta asserts what must hold of any recognised metadata.
func checkMeta(t *testing.T, m baogao.Meta) {
	t.Helper()
	if !m.Kind.Valid() {
		t.Errorf("kind %q", m.Kind)
	}
	if m.PlaceCode != "" {
		if _, err := place.Default().Place(m.PlaceCode); err != nil {
			t.Errorf("place code %q is not in the gazetteer", m.PlaceCode)
		}
		if len(m.PlaceCandidates) > 0 {
			t.Errorf("both a place and candidates")
		}
	}
	if m.Year != 0 && (m.Year < 1949 || m.Year > 2101) {
		t.Errorf("year %d", m.Year)
	}
	if m.Date != "" && !isoDate.MatchString(m.Date) {
		t.Errorf("date %q", m.Date)
	}
	if !m.Region.Valid() {
		t.Errorf("region %q", m.Region)
	}
	if !utf8.ValidString(m.Title) || strings.Contains(m.Title, "\n") {
		t.Errorf("title %q", m.Title)
	}
}

// FuzzTitle fuzzes the recogniser's reading of a title and the lines under it.
func FuzzTitle(f *testing.F) {
	for _, s := range []string{
		"(山东省)金乡县人民政府工作报告(2023年1月3日)",
		"2024年嘉禾县人民政府工作报告",
		"湘潭县2023年政府工作报告(20221223)",
		"政 府 工 作 报 告",
		"——二〇二三年一月四日在郑州市第十六届人民代表大会第一次会议上",
		"南京市鼓楼区2021年国民经济和社会发展统计公报",
		"鼓楼区政府工作报告",
		"关于印发2025年县政府重要工作事项责任分工的通知",
		"莱芜市2006年政府工作报告",
		"2011浙江省工作报告_第1页",
		"(2099年13月40日)",
		"二〇〇〇年十二月三十一日在",
		"",
	} {
		f.Add(s, "各位代表：\n一、2022年工作回顾\n二、2023年工作安排")
	}
	r := recogniser{places: place.Default()}
	f.Fuzz(func(t *testing.T, title, body string) {
		if !utf8.ValidString(title) || !utf8.ValidString(body) {
			return // the decoder hands the recogniser valid UTF-8 only
		}
		m := r.meta(docText{Title: title, Body: body, Header: []string{title}})
		checkMeta(t, m)
	})
}

// FuzzHTML fuzzes the whole path of an HTML page: decoding, furniture
// removal, recognition, outline and extraction.
func FuzzHTML(f *testing.F) {
	page, err := os.ReadFile(filepath.Join("testdata", "portal.html"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(page)
	for _, s := range []string{
		"<html><body><p>2023年某县政府工作报告</p><p>各位代表：</p></body></html>",
		"<div class=nav><a href=/>首页</a></div><h1>统计公报</h1><table><tr><td>地区生产总值</td><td>236.5</td></tr></table>",
		"<p>經濟(jì)社會發(fā)展</p><p>預期目標,。</p>",
		"<meta charset=big5><p>\xa4\xa4\xa4\xe5</p>",
		"<meta charset=gb2312><p>\xd6\xd0\xce\xc4</p>",
		"<pre>一、综合\n  初步核算</pre><script>alert(1)</script>",
		"<html><body><p>&lt;script&gt;&amp;&#x4e2d;</p></body></html>",
		"<",
		"\xff\xfe<\x00p\x00>\x00",
		strings.Repeat("<div>", 600) + "<title>2023年某县政府工作报告</title><p>各位代表：</p><div class=nav>首页</div><script>alert(1)</script>",
	} {
		f.Add([]byte(s))
	}
	p := NewParser(place.Default())
	f.Fuzz(func(t *testing.T, raw []byte) {
		doc, _, err := p.Parse(raw, Input{Name: "page.html"})
		if err != nil {
			if baogao.ErrorCode(err) != baogao.EINVALID && baogao.ErrorCode(err) != baogao.ETOOLARGE {
				t.Fatalf("unexpected error %v", err)
			}
			return
		}
		checkMeta(t, doc.Meta)
		if !utf8.ValidString(doc.Body) {
			t.Fatal("body is not valid UTF-8")
		}
		if strings.Contains(doc.Body, "alert(1)") {
			t.Error("script text in the body")
		}
		n := utf8.RuneCountInString(doc.Body)
		body := []rune(doc.Body)
		for _, h := range doc.Outline {
			if h.Offset < 0 || h.Offset > n || !strings.HasPrefix(string(body[h.Offset:]), h.Title) {
				t.Errorf("heading %q at %d", h.Title, h.Offset)
			}
		}
		for _, x := range doc.Extraction.Targets {
			if x.Span[0] < 0 || x.Span[1] > n || x.Span[0] > x.Span[1] {
				t.Errorf("target span %v of %d", x.Span, n)
			}
		}
	})
}
