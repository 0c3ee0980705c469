package doctext

import (
	"archive/zip"
	"bytes"
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/baogao/baogao"
)

// want is the text of testdata/report.fodt, paragraph by paragraph.
var want = []string{
	"政府工作报告",
	"——2023年1月5日在金乡县第十八届人民代表大会第二次会议上",
	"县长 张明",
	"各位代表：",
	"现在，我代表县人民政府，向大会报告政府工作，请予审议，并请县政协各位委员和其他列席人员提出意见。",
	"一、2022年工作回顾",
	"过去一年，面对复杂严峻的外部环境和多重超预期因素冲击，全县上下坚持稳中求进工作总基调，统筹疫情防控和经济社会发展，经济运行保持恢复态势。预计全年地区生产总值增长5.2%，规模以上工业增加值增长6.1%，一般公共预算收入增长4.3%，城乡居民人均可支配收入分别增长4.8%和6.5%。",
	"（一）产业发展提质增效。大蒜产业集群年交易额突破三百亿元，冷链物流园区建成投用，新签约亿元以上项目42个，建成投产项目31个。新增规模以上工业企业25家，高新技术产业产值占规模以上工业产值比重达到48%，比上年提高三个百分点。",
	"（二）城乡面貌持续改善。完成老旧小区改造36个，惠及居民八千余户；新建改建农村公路120公里，实现行政村通客车全覆盖；农村生活污水治理率达到45%，城区黑臭水体全部消除，空气质量优良天数比例提高到百分之七十。",
	"（三）民生福祉不断增进。城镇新增就业六千二百人，发放创业担保贷款两亿元；新建改扩建中小学和幼儿园十一所，县人民医院新院区主体完工，基本养老保险参保率稳定在百分之九十五以上。",
	"二、2023年工作安排",
	"今年经济社会发展的主要预期目标是：地区生产总值增长6.5%左右，一般公共预算收入增长5%，规模以上工业增加值增长7%，固定资产投资增长8%，社会消费品零售总额增长7%，城乡居民人均可支配收入增长与经济增长基本同步，城镇新增就业5000人以上，居民消费价格涨幅控制在3%左右。",
	"重点抓好以下工作：",
	"（一）坚定不移抓项目扩投资。全年实施重点项目120个，年度计划投资150亿元，力争新签约过十亿元项目五个以上。推行项目专班推进机制，对重点项目实行周调度、月通报，确保新开工项目早落地、在建项目早投产、投产项目早达效。",
	"（二）持续用力优环境促改革。深化放管服改革，推进政务服务一网通办，企业开办时间压缩至半个工作日以内。落实减税降费政策，开展涉企收费专项清理，全力打造审批事项少、办事效率高、服务质量优的营商环境。",
	"（三）用心用情办好民生实事。实施城乡供水一体化工程，新增集中供暖面积五十万平方米，改造提升农贸市场六处，新建城市口袋公园十处，让群众的获得感成色更足、幸福感更可持续。",
	"各位代表，新的征程已经开启，让我们在县委的坚强领导下，团结一心、真抓实干，为建设经济强、百姓富、生态美、社会文明程度高的现代化强县而努力奋斗！",
}

func read(t *testing.T, name string) Document {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	f := Detect(raw)
	needTool(t, f)
	d, err := Read(context.Background(), raw, f)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if d.Format != f {
		t.Errorf("format = %q, want %q", d.Format, f)
	}
	return d
}

// needTool skips the test when the program a format needs is missing, or
// fails it when BAOGAO_REQUIRE_DOCTOOLS is set, as in CI.
func needTool(t *testing.T, f Format) {
	t.Helper()
	if err := Available(f); err != nil {
		if os.Getenv("BAOGAO_REQUIRE_DOCTOOLS") != "" {
			t.Fatal(err)
		}
		t.Skip(err)
	}
}

func TestDetect(t *testing.T) {
	for _, c := range []struct {
		head string
		want Format
	}{
		{"%PDF-1.7\n", PDF},
		{"PK\x03\x04rest", DOCX},
		{"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest", DOC},
		{"<html>", ""},
		{"%PDX", ""},
		{"", ""},
	} {
		if got := Detect([]byte(c.head)); got != c.want {
			t.Errorf("Detect(%q) = %q, want %q", c.head, got, c.want)
		}
	}
}

// TestWordFiles: DOCX (natively) and DOC (antiword) give the paragraphs
// exactly as written.
func TestWordFiles(t *testing.T) {
	for _, name := range []string{"report.docx", "report.doc"} {
		t.Run(name, func(t *testing.T) {
			d := read(t, name)
			if got := d.Lines(); !reflect.DeepEqual(got, want) {
				t.Errorf("paragraphs:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		})
	}
}

// TestPDFLayout: the lines pdftotext gives are joined into paragraphs
// again, across page breaks, without the page-number footer; the page each
// paragraph starts on is kept.
func TestPDFLayout(t *testing.T) {
	d := read(t, "report.pdf")
	got := d.Lines()
	// pdftotext drops one comma LibreOffice hangs in the right margin.
	wantPDF := append([]string(nil), want...)
	wantPDF[2] = "县长张明" // a space of the layout, not of the text
	wantPDF[15] = strings.Replace(wantPDF[15], "工程，新增", "工程新增", 1)
	if len(got) != len(wantPDF) {
		t.Fatalf("%d paragraphs, want %d:\n%s", len(got), len(wantPDF), strings.Join(got, "\n"))
	}
	for i := range got {
		if got[i] != wantPDF[i] {
			t.Errorf("paragraph %d:\n got %s\nwant %s", i, got[i], wantPDF[i])
		}
	}
	// （二） of the review starts on page 1 and ends on page 2; the closing
	// words are on page 3.
	if p := d.Paragraphs; p[8].Page != 1 || p[9].Page != 2 || p[16].Page != 3 {
		t.Errorf("pages of paragraphs 8, 9, 16 = %d, %d, %d; want 1, 2, 3", p[8].Page, p[9].Page, p[16].Page)
	}
	if s := d.String(); strings.Count(s, "\f") != 2 || strings.Contains(s, "—1—") {
		t.Errorf("String() has %d page breaks or keeps a page number:\n%s", strings.Count(s, "\f"), s)
	}
}

// docx builds a Word file around a body of WordprocessingML.
func docx(t *testing.T, body string) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	w, _ := zw.Create("word/document.xml")
	w.Write([]byte(`<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>` + body + `</w:body></w:document>`))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestDOCXStructure: tables become one line per row, page breaks count
// pages, deleted text, field codes and the fallback copy of a text box are
// left out, line breaks split paragraphs.
func TestDOCXStructure(t *testing.T) {
	raw := docx(t, `<w:p><w:r><w:t>主要指标完成情况</w:t></w:r></w:p>`+
		`<w:tbl><w:tr><w:tc><w:p><w:r><w:t>指标</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>增长</w:t></w:r></w:p></w:tc></w:tr>`+
		`<w:tr><w:tc><w:p><w:r><w:t>地区生产总值</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>5.2%</w:t></w:r></w:p></w:tc></w:tr></w:tbl>`+
		`<w:p><w:r><w:t>第一行</w:t><w:br/><w:t>第二行</w:t><w:delText>删掉的</w:delText></w:r></w:p>`+
		`<w:p><w:r><w:fldChar/><w:instrText> PAGE </w:instrText><w:t xml:space="preserve">甲 </w:t><w:tab/><w:t>乙</w:t></w:r></w:p>`+
		`<w:p><w:r><w:br w:type="page"/></w:r></w:p>`+
		`<w:p><w:r><mc:AlternateContent><mc:Choice><w:t>文本框</w:t></mc:Choice><mc:Fallback><w:t>文本框</w:t></mc:Fallback></mc:AlternateContent></w:r></w:p>`)
	d, err := Read(context.Background(), raw, DOCX)
	if err != nil {
		t.Fatal(err)
	}
	wantParas := []Paragraph{{"主要指标完成情况", 1}, {"指标 增长", 1}, {"地区生产总值 5.2%", 1}, {"第一行", 1}, {"第二行", 1}, {"甲  乙", 1}, {"文本框", 2}}
	if !reflect.DeepEqual(d.Paragraphs, wantParas) {
		t.Errorf("paragraphs = %+v\nwant %+v", d.Paragraphs, wantParas)
	}
}

// TestReadErrors: damaged, empty and foreign files fail with a clear
// message and a code; a missing tool says which package to install.
func TestReadErrors(t *testing.T) {
	pdf, err := os.ReadFile("testdata/report.pdf")
	if err != nil {
		t.Fatal(err)
	}
	scanned, _ := os.ReadFile("testdata/scanned.pdf")
	notWord := func() []byte {
		var b bytes.Buffer
		zw := zip.NewWriter(&b)
		w, _ := zw.Create("xl/workbook.xml")
		w.Write([]byte("<workbook/>"))
		zw.Close()
		return b.Bytes()
	}()
	for _, c := range []struct {
		name   string
		raw    []byte
		f      Format
		code   string
		substr string
	}{
		{"truncated pdf", pdf[:2000], PDF, baogao.EINVALID, "PDF"},
		{"scanned pdf", scanned, PDF, baogao.EINVALID, "OCR"},
		{"not a word zip", notWord, DOCX, baogao.EINVALID, "not a Word document"},
		{"broken zip", []byte("PK\x03\x04garbage"), DOCX, baogao.EINVALID, "DOCX"},
		{"empty docx", docx(t, ""), DOCX, baogao.EINVALID, "no text"},
		{"broken xml", docx(t, "<w:p><w:t>甲</w:p"), DOCX, baogao.EINVALID, "DOCX"},
		{"not a doc", []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1garbage"), DOC, baogao.EINVALID, "DOC"},
		{"other", []byte("text"), "", baogao.EINVALID, "not a PDF"},
	} {
		t.Run(c.name, func(t *testing.T) {
			needTool(t, c.f)
			_, err := Read(context.Background(), c.raw, c.f)
			if baogao.ErrorCode(err) != c.code || !strings.Contains(err.Error(), c.substr) {
				t.Errorf("err = %v (%s), want %s containing %q", err, baogao.ErrorCode(err), c.code, c.substr)
			}
		})
	}
	t.Run("missing tool", func(t *testing.T) {
		t.Setenv("PATH", t.TempDir())
		_, err := Read(context.Background(), pdf, PDF)
		if baogao.ErrorCode(err) != baogao.EUNAVAILABLE || !strings.Contains(err.Error(), "poppler-utils") {
			t.Errorf("err = %v, want EUNAVAILABLE naming poppler-utils", err)
		}
	})
}

// FuzzDOCX: any document part is read without panicking or running long.
func FuzzDOCX(f *testing.F) {
	f.Add(`<w:p><w:r><w:t>甲</w:t></w:r></w:p>`)
	f.Add(`<w:tbl><w:tr><w:tc><w:tbl><w:tr><w:tc><w:p><w:t>乙</w:t></w:p></w:tc></w:tr></w:tbl></w:tc></w:tr></w:tbl>`)
	f.Add(`<w:p><mc:Fallback><w:p><w:t>x</w:t></w:p></mc:Fallback></w:p></w:p></w:tr>`)
	f.Fuzz(func(t *testing.T, body string) {
		var b bytes.Buffer
		zw := zip.NewWriter(&b)
		w, _ := zw.Create("word/document.xml")
		w.Write([]byte(`<w:document xmlns:w="w" xmlns:mc="mc"><w:body>` + body + `</w:body></w:document>`))
		zw.Close()
		d, err := Read(context.Background(), b.Bytes(), DOCX)
		if err == nil && len(d.Paragraphs) == 0 {
			t.Error("no error and no text")
		}
	})
}

// FuzzPDFLayout: any word boxes pdftotext could write are laid out into
// paragraphs without panicking, and no text is lost but page furniture.
func FuzzPDFLayout(f *testing.F) {
	f.Add(`<page><flow><block><line xMin="80" yMin="10" xMax="500" yMax="30"><word>甲乙丙</word></line><line xMin="112" yMin="40" xMax="200" yMax="60"><word>- 1 -</word></line></block></flow></page>`)
	f.Add(`<page><line xMin="NaN" xMax="-1"><word>1.</word><word>x</word></line></page><page></page>`)
	f.Fuzz(func(t *testing.T, boxes string) {
		pages, err := parseBoxes([]byte(`<doc>` + boxes + `</doc>`))
		if err != nil {
			return
		}
		d := layoutPages(pages)
		for _, p := range d.Paragraphs {
			if p.Page < 1 || p.Page > len(pages) {
				t.Errorf("paragraph on page %d of %d", p.Page, len(pages))
			}
		}
	})
}
