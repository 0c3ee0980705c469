package doctext

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"

	"github.com/baogao/baogao"
)

// readDOCX reads the main part of an Office Open XML document: each w:p is
// a paragraph; a table row is one paragraph with its cells separated by
// spaces; explicit page breaks start a new page. Headers, footers,
// comments and deleted text (other parts, or w:delText) are left out, as
// is the fallback copy of text boxes (mc:Fallback).
func readDOCX(raw []byte) (Document, error) {
	zr, err := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
	if err != nil {
		return Document{}, baogao.Errorf(baogao.EINVALID, "DOCX file cannot be read: %v", err)
	}
	part, err := zipFile(zr, "word/document.xml")
	if err != nil {
		return Document{}, err
	}
	dec := xml.NewDecoder(bytes.NewReader(part))
	dec.Strict = false
	var (
		doc      Document
		para     strings.Builder // the paragraph being read
		row      []string        // the cells of the table row being read
		cell     strings.Builder
		rowDepth int  // table rows open (nested tables keep to the outer row)
		inText   bool // inside w:t
		skip     int  // depth inside an element whose text is left out
		page     = 1
	)
	endPara := func() {
		text := strings.TrimSpace(para.String())
		para.Reset()
		if rowDepth > 0 {
			if text != "" {
				if cell.Len() > 0 {
					cell.WriteByte(' ')
				}
				cell.WriteString(text)
			}
			return
		}
		doc.add(text, page)
	}
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return Document{}, baogao.Errorf(baogao.EINVALID, "DOCX file cannot be read: %v", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if skip > 0 {
				skip++
				continue
			}
			switch t.Name.Local {
			case "Fallback", "delText", "instrText":
				skip = 1
			case "t":
				inText = true
			case "tab":
				para.WriteByte(' ')
			case "br", "cr":
				if attr(t, "type") == "page" {
					endPara()
					page++
				} else {
					para.WriteByte('\n')
				}
			case "tr":
				rowDepth++
				if rowDepth == 1 {
					row = row[:0]
				}
			case "tc":
				if rowDepth == 1 {
					cell.Reset()
				}
			case "pageBreakBefore":
				if attr(t, "val") != "0" && attr(t, "val") != "false" && para.Len() == 0 {
					page++
				}
			}
		case xml.EndElement:
			if skip > 0 {
				skip--
				continue
			}
			switch t.Name.Local {
			case "t":
				inText = false
			case "p":
				// A line break inside a paragraph is a paragraph of its own
				// in the text; reports use them where they mean one.
				lines := strings.Split(para.String(), "\n")
				for _, ln := range lines {
					para.Reset()
					para.WriteString(ln)
					endPara()
				}
			case "tc":
				if rowDepth == 1 {
					row = append(row, strings.TrimSpace(cell.String()))
				}
			case "tr":
				rowDepth--
				if rowDepth == 0 {
					doc.add(strings.Join(row, " "), page)
				}
			}
		case xml.CharData:
			if inText && skip == 0 {
				para.Write(t)
			}
		}
	}
	return doc, nil
}

// attr returns the value of an element's attribute by local name.
func attr(e xml.StartElement, local string) string {
	for _, a := range e.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}
