// Package doctext reads the text of PDF, DOCX and DOC files: DOCX natively,
// PDF and DOC through Debian's poppler-utils (pdftotext) and antiword.
package doctext

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"io"
	"os/exec"
	"strings"
	"time"

	"github.com/baogao/baogao"
)

// Format is a kind of file this package reads.
type Format string

// The formats, named as their usual file extensions.
const (
	PDF  Format = "pdf"
	DOCX Format = "docx"
	DOC  Format = "doc"
)

// Limits on one file: the tools run at most Timeout, and text beyond
// MaxText bytes (of a tool's output, or of a DOCX's document part once
// uncompressed) is refused, so a hostile file cannot take the machine.
const (
	Timeout = 60 * time.Second
	MaxText = 64 << 20
)

// Detect returns the format of raw bytes from their first bytes, or "" when
// they are none of PDF, DOCX or DOC. A zip that is not a Word document and
// an OLE2 file that is not are reported too: Text then fails with a clear
// message rather than the bytes being read as text.
func Detect(raw []byte) Format {
	switch {
	case bytes.HasPrefix(raw, []byte("%PDF-")):
		return PDF
	case bytes.HasPrefix(raw, []byte("PK\x03\x04")):
		return DOCX
	case bytes.HasPrefix(raw, []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")):
		return DOC
	}
	return ""
}

// Paragraph is one paragraph of a document's text.
type Paragraph struct {
	Text string
	Page int // the page it starts on, from 1; 0 when the format does not tell
}

// Document is the text of a file.
type Document struct {
	Format     Format
	Paragraphs []Paragraph
}

// String returns the paragraphs one per line, with a form feed before the
// first paragraph of each new page (the convention of pdftotext).
func (d Document) String() string {
	var b strings.Builder
	page := 0
	for i, p := range d.Paragraphs {
		if i > 0 {
			b.WriteByte('\n')
		}
		if p.Page > page && page > 0 {
			b.WriteByte('\f')
		}
		page = max(page, p.Page)
		b.WriteString(p.Text)
	}
	return b.String()
}

// Lines returns the paragraphs' text, one per element.
func (d Document) Lines() []string {
	out := make([]string, len(d.Paragraphs))
	for i, p := range d.Paragraphs {
		out[i] = p.Text
	}
	return out
}

// Read returns the text of a file of the format. It fails with EINVALID when
// the file is damaged, encrypted or has no text (a scanned PDF needs OCR),
// with ETOOLARGE above MaxText, and with EUNAVAILABLE when the tool a format
// needs is not installed.
func Read(ctx context.Context, raw []byte, f Format) (Document, error) {
	ctx, cancel := context.WithTimeout(ctx, Timeout)
	defer cancel()
	var doc Document
	var err error
	switch f {
	case PDF:
		doc, err = readPDF(ctx, raw)
	case DOCX:
		doc, err = readDOCX(raw)
	case DOC:
		doc, err = readDOC(ctx, raw)
	default:
		return Document{}, baogao.Errorf(baogao.EINVALID, "not a PDF, DOCX or DOC file")
	}
	if err != nil {
		return Document{}, err
	}
	doc.Format = f
	if len(doc.Paragraphs) == 0 {
		if f == PDF {
			return doc, baogao.Errorf(baogao.EINVALID, "PDF has no text (a scanned document needs OCR first)")
		}
		return doc, baogao.Errorf(baogao.EINVALID, "%s file has no text", strings.ToUpper(string(f)))
	}
	return doc, nil
}

// tools names the program each external format needs and its Debian package.
var tools = map[Format][2]string{
	PDF: {"pdftotext", "poppler-utils"},
	DOC: {"antiword", "antiword"},
}

// Available reports, for each format, an error when the program it needs
// is missing (nil when it can be read here).
func Available(f Format) error {
	t, ok := tools[f]
	if !ok {
		return nil
	}
	if _, err := exec.LookPath(t[0]); err != nil {
		return baogao.Errorf(baogao.EUNAVAILABLE, "reading %s files needs %s (Debian package %s), which is not installed",
			strings.ToUpper(string(f)), t[0], t[1])
	}
	return nil
}

// run runs a tool with raw on its standard input and returns its output,
// bounded by MaxText.
func run(ctx context.Context, f Format, raw []byte, args ...string) ([]byte, error) {
	if err := Available(f); err != nil {
		return nil, err
	}
	cmd := exec.CommandContext(ctx, tools[f][0], args...)
	cmd.Stdin = bytes.NewReader(raw)
	out := &limitedBuffer{max: MaxText}
	var stderr limitedBuffer
	stderr.max = 4096
	cmd.Stdout, cmd.Stderr = out, &stderr
	cmd.WaitDelay = time.Second
	err := cmd.Run()
	switch {
	case out.over:
		return nil, baogao.Errorf(baogao.ETOOLARGE, "%s file has more than %d MB of text", strings.ToUpper(string(f)), MaxText>>20)
	case ctx.Err() != nil:
		return nil, baogao.Errorf(baogao.EINVALID, "reading the %s file took longer than %s", strings.ToUpper(string(f)), Timeout)
	case err != nil:
		msg := strings.Join(strings.Fields(stderr.String()), " ")
		if msg == "" {
			msg = err.Error()
		}
		return nil, baogao.Errorf(baogao.EINVALID, "%s file cannot be read: %s", strings.ToUpper(string(f)), msg)
	}
	return out.Bytes(), nil
}

// limitedBuffer keeps at most max bytes and notes when more were written.
type limitedBuffer struct {
	bytes.Buffer
	max  int
	over bool
}

func (b *limitedBuffer) Write(p []byte) (int, error) {
	if b.Len()+len(p) > b.max {
		b.over = true
		return 0, errors.New("output too large")
	}
	return b.Buffer.Write(p)
}

// readDOC reads a Word 97–2003 file with antiword: UTF-8, no wrapping, so
// that each paragraph is one line; pages are separated by form feeds.
func readDOC(ctx context.Context, raw []byte) (Document, error) {
	out, err := run(ctx, DOC, raw, "-m", "UTF-8.txt", "-w", "0", "-")
	if err != nil {
		return Document{}, err
	}
	var doc Document
	page := 1
	for _, ln := range strings.Split(string(out), "\n") {
		for strings.Contains(ln, "\f") {
			before, after, _ := strings.Cut(ln, "\f")
			doc.add(before, page)
			page++
			ln = after
		}
		doc.add(ln, page)
	}
	return doc, nil
}

// add appends a paragraph unless it is blank.
func (d *Document) add(text string, page int) {
	text = strings.TrimSpace(strings.ReplaceAll(text, "\u00a0", " "))
	text = strings.TrimFunc(text, func(r rune) bool { return r == '\u3000' })
	if text != "" {
		d.Paragraphs = append(d.Paragraphs, Paragraph{Text: text, Page: page})
	}
}

// zipFile returns the named member of a zip archive, refusing one that
// would uncompress to more than MaxText.
func zipFile(zr *zip.Reader, name string) ([]byte, error) {
	for _, f := range zr.File {
		if f.Name != name {
			continue
		}
		if f.UncompressedSize64 > MaxText {
			return nil, baogao.Errorf(baogao.ETOOLARGE, "DOCX file has more than %d MB of text", MaxText>>20)
		}
		rc, err := f.Open()
		if err != nil {
			return nil, baogao.Errorf(baogao.EINVALID, "DOCX file cannot be read: %v", err)
		}
		defer rc.Close()
		data, err := io.ReadAll(io.LimitReader(rc, MaxText+1))
		if err != nil {
			return nil, baogao.Errorf(baogao.EINVALID, "DOCX file cannot be read: %v", err)
		}
		if len(data) > MaxText {
			return nil, baogao.Errorf(baogao.ETOOLARGE, "DOCX file has more than %d MB of text", MaxText>>20)
		}
		return data, nil
	}
	return nil, baogao.Errorf(baogao.EINVALID, "zip file without %s: not a Word document", name)
}
