// Package ingest turns files and pages into documents: it decodes them,
// removes site furniture, recognises title, place, kind, year and date,
// finds the outline, fingerprints the text and extracts its data.
package ingest

import (
	"bytes"
	"context"
	"net/url"
	"path"
	"strings"
	"time"

	"github.com/baogao/baogao"
	"github.com/baogao/baogao/internal/decode"
	"github.com/baogao/baogao/internal/doctext"
	"github.com/baogao/baogao/internal/extract"
)

// MaxBytes is the largest file Parse accepts. The longest real reports are
// under 1 MB of text; pages with their markup rarely reach 5 MB.
const MaxBytes = 32 << 20

// MaxText is the most text one document may have, in bytes outside
// markup: 20 times the longest report. Memory grows with the text (about
// 25 bytes a byte: lines, runes, extraction, index), so a page of more
// is refused before it is read (ETOOLARGE) and importing any one file
// stays within a couple of hundred MB.
const MaxText = 4 << 20

// badRatio is the share of undecodable runes above which a document is
// flagged: a few replacement characters are common in real pages.
const badRatio = 0.01

// Input describes where raw bytes came from.
type Input struct {
	Name        string    // file name or path, for messages and the .html hint
	URL         string    // where the page was fetched from, when known
	ContentType string    // the HTTP Content-Type, when known
	FetchedAt   time.Time // when it was fetched, when known
}

// Parser parses documents. It is safe for concurrent use.
type Parser struct {
	rec recogniser
}

// NewParser returns a parser that resolves places with the gazetteer.
func NewParser(places placeIndex) *Parser {
	return &Parser{rec: recogniser{places: places}}
}

// Parse reads one document. The returned document has Meta, Body, Outline,
// SHA256, Simhash and Extraction set (no ID); the source has the raw bytes,
// their hash and size, the encoding and the script. It fails with EINVALID
// for empty, binary or textless input and ETOOLARGE above MaxBytes.
func (p *Parser) Parse(raw []byte, in Input) (*baogao.Document, baogao.Source, error) {
	src := baogao.Source{URL: in.URL, File: in.Name, FetchedAt: in.FetchedAt, ContentType: in.ContentType,
		SHA256: SHA256(raw), Size: int64(len(raw)), Raw: raw}
	if err := checkRaw(raw); err != nil {
		return nil, src, err
	}
	var lines []string
	var htmlTitle string
	var badRunes float64
	if f := doctext.Detect(raw); f != "" {
		// PDF and Word files: their text, paragraph by paragraph, goes
		// the way of a text file's lines.
		d, err := doctext.Read(context.Background(), raw, f)
		if err != nil {
			return nil, src, err
		}
		src.Encoding = string(f)
		lines = d.Lines()
		n := 0
		for _, l := range lines {
			n += len(l) + 1
		}
		if n > MaxText {
			return nil, src, baogao.Errorf(baogao.ETOOLARGE, "%d MB of text is over the %d MB one document may have", n>>20, MaxText>>20)
		}
	} else {
		if err := checkText(raw); err != nil {
			return nil, src, err
		}
		if n := textSize(raw); n > MaxText {
			return nil, src, baogao.Errorf(baogao.ETOOLARGE, "%d MB of text is over the %d MB one document may have", n>>20, MaxText>>20)
		}
		dec := decode.Bytes(DropDataURIs(raw), in.ContentType)
		src.Encoding = dec.Encoding
		badRunes = dec.BadRatio()
		if strings.HasSuffix(strings.ToLower(in.Name), ".html") || strings.HasSuffix(strings.ToLower(in.Name), ".htm") || looksHTML(dec.Text) {
			pg := htmlPage(dec.Text)
			lines = pg.Lines
			htmlTitle = pg.H1
			if htmlTitle == "" || !containsAny(htmlTitle, docWords) {
				if pg.Title != "" {
					htmlTitle = pg.Title
				}
			}
		} else {
			lines = strings.Split(dec.Text, "\n")
		}
	}
	text, script, err := p.simplifyLines(lines, &htmlTitle)
	if err != nil {
		return nil, src, baogao.Errorf(baogao.EINTERNAL, "converting to simplified: %v", err)
	}
	src.Script = script
	d := layout(text, htmlTitle)
	if strings.TrimSpace(d.Body) == "" {
		// A title alone is not a document (and every empty body is the
		// same text).
		return nil, src, baogao.Errorf(baogao.EINVALID, "no text found")
	}
	doc := &baogao.Document{Body: d.Body}
	doc.Meta = p.rec.meta(d)
	src.Credit = creditOf(d.Header)
	doc.Meta.Script = script
	doc.Meta.Encoding = src.Encoding
	doc.Meta.Flagged = badRunes > badRatio || badText(d.Body)
	finish(doc, p.Extract)
	return doc, src, nil
}

// Finish computes what follows from a document's body and meta: outline,
// hash, simhash and extraction (extract.Extract), for generated documents,
// which name no other places; Parse does the same with Parser.Extract.
func Finish(doc *baogao.Document) {
	finish(doc, func(d *baogao.Document) baogao.Extraction { return extract.Extract(d.Body, d.Meta) })
}

func finish(doc *baogao.Document, extraction func(*baogao.Document) baogao.Extraction) {
	doc.Outline = outline(doc.Body)
	doc.SHA256 = SHA256([]byte(doc.Body))
	doc.Simhash = Simhash(doc.Body)
	doc.Extraction = extraction(doc)
	Assess(doc)
}

// checkRaw rejects input that cannot be a document whatever its format.
func checkRaw(raw []byte) error {
	if len(bytes.TrimSpace(raw)) == 0 {
		return baogao.Errorf(baogao.EINVALID, "empty file")
	}
	if len(raw) > MaxBytes {
		return baogao.Errorf(baogao.ETOOLARGE, "file of %d MB is over the %d MB limit", len(raw)>>20, MaxBytes>>20)
	}
	return nil
}

// DropDataURIs returns raw without the long data: URIs of its markup
// (inline images, fonts), which are most of the bytes of a large page
// and none of its text or links, so that decoding and parsing it cost its
// text (the crawler reads links the same way). raw is returned as it is
// when it has none.
func DropDataURIs(raw []byte) []byte {
	const long = 1024
	var out []byte
	last := 0
	for i := 0; ; {
		k := bytes.Index(raw[i:], []byte("data:"))
		if k < 0 {
			break
		}
		start := i + k + len("data:")
		end := start
		for end < len(raw) && raw[end] != '"' && raw[end] != '\'' && raw[end] != '>' && raw[end] != ')' {
			end++
		}
		if end-start > long {
			if out == nil {
				out = make([]byte, 0, len(raw)/2)
			}
			out = append(out, raw[last:start]...)
			last = end
		}
		i = end
	}
	if out == nil {
		return raw
	}
	return append(out, raw[last:]...)
}

// textSize estimates the text of a page or text file: its bytes outside
// tags, scripts and styles. '<' and '>' are never part of a multibyte
// character in UTF-8, GBK or Big5, so raw bytes serve.
func textSize(raw []byte) int {
	n := 0
	for i := 0; i < len(raw); {
		if raw[i] != '<' {
			n++
			i++
			continue
		}
		end := bytes.IndexByte(raw[i:], '>')
		if end < 0 {
			return n + len(raw) - i
		}
		tag := raw[i+1 : i+end]
		i += end + 1
		for _, el := range []string{"script", "style"} {
			if len(tag) >= len(el) && bytes.EqualFold(tag[:len(el)], []byte(el)) {
				for j := i; ; {
					k := bytes.Index(raw[j:], []byte("</"))
					if k < 0 {
						return n
					}
					j += k + 2
					if len(raw)-j >= len(el) && bytes.EqualFold(raw[j:j+len(el)], []byte(el)) {
						i = j - 2
						break
					}
				}
			}
		}
	}
	return n
}

// checkText rejects binary input that is not one of the formats doctext
// reads.
func checkText(raw []byte) error {
	head := raw
	if len(head) > 8192 {
		head = head[:8192]
	}
	utf16 := bytes.HasPrefix(raw, []byte{0xFF, 0xFE}) || bytes.HasPrefix(raw, []byte{0xFE, 0xFF})
	if !utf16 && bytes.IndexByte(head, 0) >= 0 {
		return baogao.Errorf(baogao.EINVALID, "binary file, not text, HTML, PDF or Word")
	}
	return nil
}

// simplifyLines normalizes lines and converts traditional text to
// simplified, the HTML title with them. It returns the text with one line
// per line and the script found.
func (p *Parser) simplifyLines(lines []string, title *string) ([]string, string, error) {
	var b strings.Builder
	b.WriteString(normalizeLine(*title))
	for _, ln := range lines {
		b.WriteByte('\n')
		b.WriteString(normalizeLine(ln))
	}
	text, script, err := decode.Simplify(b.String())
	if err != nil {
		return nil, "", err
	}
	out := strings.Split(text, "\n")
	*title = out[0]
	return out[1:], script, nil
}

// badText reports text that decoded into nonsense: many replacement
// characters or runs of question marks left by a lossy conversion.
func badText(body string) bool {
	n, bad := decode.CountBad(body)
	return n > 0 && float64(bad)/float64(n) > badRatio
}

// Reparse recognises a stored document again from the original bytes of
// the first of its sources whose bytes were kept (Store.Original): the
// document it returns has doc's ID and its meta, body, outline, hashes and
// extraction found anew. It fails with ENOTFOUND when no source's bytes
// were kept, and as Parse does when they no longer parse.
func (p *Parser) Reparse(ctx context.Context, st baogao.Store, doc *baogao.Document) (*baogao.Document, error) {
	for _, src := range doc.Sources {
		raw, err := st.Original(ctx, src.SHA256)
		if baogao.ErrorCode(err) == baogao.ENOTFOUND {
			continue
		}
		if err != nil {
			return nil, err
		}
		name := src.File
		if name == "" {
			name = urlFileName(src)
		}
		out, _, err := p.Parse(raw, Input{Name: name, URL: src.URL, ContentType: src.ContentType, FetchedAt: src.FetchedAt})
		if err != nil {
			return nil, err
		}
		out.ID = doc.ID
		return out, nil
	}
	return nil, baogao.Errorf(baogao.ENOTFOUND, "document %d has no kept original", doc.ID)
}

// urlFileName returns the last element of a fetched source's path, for the
// .html hint Parse takes from a name.
func urlFileName(src baogao.Source) string {
	u := src.FinalURL
	if u == "" {
		u = src.URL
	}
	if pu, err := url.Parse(u); err == nil {
		return path.Base(pu.Path)
	}
	return ""
}
