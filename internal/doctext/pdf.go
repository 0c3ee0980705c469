package doctext

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"io"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/baogao/baogao"
)

// readPDF reads a PDF with pdftotext's word boxes and rebuilds its
// paragraphs from the layout: a line that reaches the right margin goes on
// in the next line unless that one is indented or a heading; page numbers
// and running heads are left out; a paragraph broken by a page break is
// joined.
func readPDF(ctx context.Context, raw []byte) (Document, error) {
	out, err := run(ctx, PDF, raw, "-q", "-bbox-layout", "-enc", "UTF-8", "-", "-")
	if err != nil {
		return Document{}, err
	}
	pages, err := parseBoxes(out)
	if err != nil {
		return Document{}, err
	}
	return layoutPages(pages), nil
}

// line is one line of a page, with its box.
type line struct {
	text                   string
	xMin, yMin, xMax, yMax float64
}

// parseBoxes reads pdftotext -bbox-layout output into lines per page.
func parseBoxes(out []byte) ([][]line, error) {
	dec := xml.NewDecoder(bytes.NewReader(out))
	dec.Strict = false
	dec.AutoClose = xml.HTMLAutoClose
	dec.Entity = xml.HTMLEntity
	var pages [][]line
	var cur *line
	var words []string
	var word strings.Builder
	inWord := false
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, baogao.Errorf(baogao.EINVALID, "PDF file cannot be read: %v", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "page":
				pages = append(pages, nil)
			case "line":
				cur = &line{xMin: fattr(t, "xMin"), yMin: fattr(t, "yMin"), xMax: fattr(t, "xMax"), yMax: fattr(t, "yMax")}
				words = words[:0]
			case "word":
				inWord = true
				word.Reset()
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "word":
				inWord = false
				words = append(words, word.String())
			case "line":
				if cur != nil && len(pages) > 0 {
					cur.text = joinWords(words)
					if strings.TrimSpace(cur.text) != "" {
						pages[len(pages)-1] = append(pages[len(pages)-1], *cur)
					}
				}
				cur = nil
			}
		case xml.CharData:
			if inWord {
				word.Write(t)
			}
		}
	}
	return pages, nil
}

func fattr(e xml.StartElement, name string) float64 {
	f, _ := strconv.ParseFloat(attr(e, name), 64)
	return f
}

// joinWords joins a line's words: with a space between two words of
// Latin letters or digits, without one where either side is Chinese
// (typesetters add space between Chinese and Latin text that is not
// part of the text: "增长 5.2%").
func joinWords(words []string) string {
	var b strings.Builder
	for i, w := range words {
		if i > 0 {
			prev, _ := utf8.DecodeLastRuneInString(words[i-1])
			next, _ := utf8.DecodeRuneInString(w)
			if !wide(prev) && !wide(next) {
				b.WriteByte(' ')
			}
		}
		b.WriteString(w)
	}
	return b.String()
}

// wide reports a character set in full width: Chinese, and its punctuation.
func wide(r rune) bool {
	return unicode.Is(unicode.Han, r) || (r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFFEF) || r == '—' || r == '“' || r == '”' || r == '‘' || r == '’' || r == '…' || r == '·'
}

// latin reports a letter or digit that is not Chinese: two words of them
// on two lines were separated by the line break.
func latin(r rune) bool {
	return (unicode.IsLetter(r) || unicode.IsDigit(r)) && !wide(r)
}

// ems is a line's length in ems: wide characters count one, others a half.
func ems(s string) float64 {
	n := 0.0
	for _, r := range s {
		if wide(r) {
			n++
		} else {
			n += 0.5
		}
	}
	return n
}

// pageNumber matches a line that is only a page number: "- 3 -", "—3—",
// "第3页", "第 3 页 共 12 页", "3/12".
var pageNumber = regexp.MustCompile(`^[-—－–·\s]*(第\s*)?\d{1,4}(\s*页)?(\s*(/|共)\s*\d{1,4}\s*页?)?[-—－–·\s]*$`)

// heading matches the start of an outline heading or list item, which
// always begins a paragraph.
var heading = regexp.MustCompile(`^(第[一二三四五六七八九十百]+[章节部分篇条]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|\d{1,2}[.．、]\D|[（(]\d{1,2}[)）])`)

// layoutPages rebuilds paragraphs from the lines of every page.
func layoutPages(pages [][]line) Document {
	pages = dropRunningLines(pages)
	var doc Document
	var para strings.Builder
	paraPage := 0
	var prev line     // the line before, perhaps on the page before
	var prevM metrics // and its page's metrics
	havePrev := false
	for pi, lines := range pages {
		if len(lines) == 0 {
			continue
		}
		m := measure(lines)
		for i, ln := range lines {
			if !havePrev || !continues(prev, prevM, ln, m, i > 0) {
				doc.add(para.String(), paraPage)
				para.Reset()
				paraPage = pi + 1
			}
			if para.Len() > 0 {
				last, _ := utf8.DecodeLastRuneInString(para.String())
				next, _ := utf8.DecodeRuneInString(ln.text)
				if latin(last) && latin(next) {
					para.WriteByte(' ')
				}
			}
			para.WriteString(ln.text)
			prev, prevM, havePrev = ln, m, true
		}
	}
	doc.add(para.String(), paraPage)
	return doc
}

// continues reports whether line ln goes on the paragraph of line prev:
// prev reached as far right as the first word of ln would have let it
// (else the typesetter would have put that word on prev), and ln is not
// indented, is no heading, and is not the start of a centred line after a
// line that was not centred.
func continues(prev line, pm metrics, ln line, m metrics, samePage bool) bool {
	if heading.MatchString(ln.text) {
		return false
	}
	room := pm.right - prev.xMax
	if room > (ems(firstWord(ln.text))+0.6)*pm.em {
		return false
	}
	if ln.xMin > m.left+0.8*m.em {
		// Indented: a new paragraph, unless both lines are centred (a
		// title over two lines).
		return samePage && middle(ln, m) && middle(prev, pm)
	}
	return true
}

// firstWord returns what a line break cannot split at the start of a line:
// a run of Latin letters, digits and signs, or one Chinese character,
// with the punctuation that may not begin a line after either.
func firstWord(s string) string {
	end := 0
	for i, r := range s {
		if wide(r) {
			if i == 0 {
				end = utf8.RuneLen(r)
			}
			break
		}
		end = i + utf8.RuneLen(r)
	}
	for _, r := range s[end:] {
		if !strings.ContainsRune("。，、；：？！）」』》〉”’%．", r) {
			break
		}
		end += utf8.RuneLen(r)
	}
	return s[:end]
}

// metrics are a page's margins and the width of one em.
type metrics struct{ left, right, em float64 }

// measure finds a page's text margins and em width. The em is the median
// width per em of the page's longer lines; the margins are where most
// lines start and the furthest any line reaches.
func measure(lines []line) metrics {
	var m metrics
	var widths, lefts []float64
	for _, ln := range lines {
		if n := ems(ln.text); n >= 6 {
			widths = append(widths, (ln.xMax-ln.xMin)/n)
			lefts = append(lefts, ln.xMin)
		}
		m.right = max(m.right, ln.xMax)
	}
	m.em = median(widths)
	if m.em <= 0 {
		m.em = 12
	}
	// The left margin is the smallest start that two long lines share, so
	// that a stray line further left (a header in small print) does not
	// make every line look indented.
	sort.Float64s(lefts)
	switch {
	case len(lefts) == 0:
		m.left = lines[0].xMin
		for _, ln := range lines {
			m.left = min(m.left, ln.xMin)
		}
	default:
		m.left = lefts[0]
		for i := 0; i+1 < len(lefts); i++ {
			if lefts[i+1]-lefts[i] < 0.3*m.em {
				m.left = lefts[i]
				break
			}
		}
	}
	return m
}

// middle reports a line centred between the margins.
func middle(ln line, m metrics) bool {
	d := (ln.xMin+ln.xMax)/2 - (m.left+m.right)/2
	return d < m.em && d > -m.em
}

func median(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	return s[len(s)/2]
}

// dropRunningLines removes page numbers and running heads: the first and
// last lines of a page when they are a page number, or when the same text
// (digits aside) opens or closes at least half of several pages.
func dropRunningLines(pages [][]line) [][]line {
	norm := func(s string) string {
		return strings.Map(func(r rune) rune {
			if unicode.IsDigit(r) || unicode.IsSpace(r) {
				return -1
			}
			return r
		}, s)
	}
	count := map[string]int{}
	for _, lines := range pages {
		seen := map[string]bool{}
		for _, ln := range edges(lines) {
			if k := norm(ln.text); !seen[k] {
				seen[k] = true
				count[k]++
			}
		}
	}
	running := func(ln line) bool {
		if pageNumber.MatchString(ln.text) {
			return true
		}
		n := count[norm(ln.text)]
		return n >= 2 && n*2 >= len(pages) && ems(ln.text) < 40
	}
	out := make([][]line, len(pages))
	for i, lines := range pages {
		for len(lines) > 0 && running(lines[0]) {
			lines = lines[1:]
		}
		for len(lines) > 0 && running(lines[len(lines)-1]) {
			lines = lines[:len(lines)-1]
		}
		out[i] = lines
	}
	return out
}

// edges returns the first two and last two lines of a page, where running
// heads and footers stand.
func edges(lines []line) []line {
	if len(lines) <= 4 {
		return lines
	}
	return []line{lines[0], lines[1], lines[len(lines)-2], lines[len(lines)-1]}
}
