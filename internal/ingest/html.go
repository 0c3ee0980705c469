package ingest

import (
	"bytes"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// looksHTML reports whether text is an HTML page rather than plain text: it
// starts (after white space) with a doctype, <html>, <head> or <body>, or
// holds several block-level tags near the top.
func looksHTML(text string) bool {
	head := text
	if len(head) > 2048 {
		head = head[:2048]
	}
	lower := strings.ToLower(strings.TrimSpace(head))
	for _, p := range []string{"<!doctype html", "<html", "<head", "<body", "<?xml"} {
		if strings.HasPrefix(lower, p) {
			return p != "<?xml" || strings.Contains(lower, "<html")
		}
	}
	n := 0
	for _, t := range []string{"<p>", "<p ", "<div", "<br", "<table", "<span", "<meta", "<title"} {
		n += strings.Count(lower, t)
	}
	return n >= 3
}

// page is what the HTML pass keeps of a page.
type page struct {
	Title string   // the <title>, without a site suffix
	H1    string   // the first <h1>
	Lines []string // text of the content blocks, one per line
}

// skipTags are elements whose content is never document text.
var skipTags = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Iframe: true, atom.Nav: true, atom.Aside: true, atom.Footer: true,
	atom.Button: true, atom.Select: true, atom.Input: true, atom.Textarea: true,
	atom.Label: true, atom.Svg: true, atom.Canvas: true, atom.Object: true,
	atom.Embed: true, atom.Audio: true, atom.Video: true, atom.Map: true, atom.Head: true,
}

// blockTags end a line before and after them.
var blockTags = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Br: true, atom.Li: true, atom.Ul: true, atom.Ol: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Tr: true, atom.Table: true, atom.Section: true, atom.Article: true, atom.Header: true,
	atom.Blockquote: true, atom.Pre: true, atom.Dd: true, atom.Dt: true, atom.Dl: true,
	atom.Hr: true, atom.Form: true, atom.Main: true, atom.Center: true, atom.Figure: true,
	atom.Figcaption: true, atom.Tbody: true, atom.Thead: true, atom.Caption: true,
}

// chromeWords are class and id words of page furniture. A class or id is
// split into words at non-letters, and camel case is not split: "navBar"
// counts through its prefix "nav".
var chromeWords = []string{
	"nav", "navbar", "menu", "breadcrumb", "breadcrumbs", "crumb", "crumbs", "footer", "foot",
	"sidebar", "side", "aside", "share", "sharing", "comment", "comments", "login", "copyright",
	"pager", "pagination", "related", "toolbar", "topbar", "banner", "advert", "ads", "guanggao",
	"position", "location", "weizhi", "dqwz", "daohang", "pinglun", "fenxiang", "xgwz", "xgxw",
	"prevnext", "prev", "next", "shangyipian", "xiayipian", "captcha", "yzm", "search", "sousuo",
	"qrcode", "erweima", "social", "header-nav", "topnav", "subnav", "friendlink", "links",
}

var classSplit = regexp.MustCompile(`[^a-zA-Z0-9]+`)

// isChromeNode reports whether an element is page furniture by its class or
// id: a word of it is, or starts with, one of chromeWords.
func isChromeNode(n *html.Node) bool {
	for _, a := range n.Attr {
		if a.Key != "class" && a.Key != "id" && a.Key != "role" {
			continue
		}
		if a.Key == "role" && (a.Val == "navigation" || a.Val == "banner" || a.Val == "contentinfo" || a.Val == "complementary") {
			return true
		}
		for _, w := range classSplit.Split(strings.ToLower(a.Val), -1) {
			if w == "" {
				continue
			}
			for _, c := range chromeWords {
				if w == c || (len(c) >= 4 && strings.HasPrefix(w, c)) {
					return true
				}
			}
		}
	}
	return false
}

// maxTreeTags is the most tags a page may have to be parsed into a tree;
// a page with more goes by htmlTokens. Pages of reports have a few
// thousand.
const maxTreeTags = 1 << 17

// htmlPage extracts the title and content lines of an HTML page. Furniture
// is dropped by element (nav, aside, footer, forms' controls), by class or id
// (menu, breadcrumb, share, comment …) and by link density: a line whose text
// is mostly link text is a menu or a list of other pages.
func htmlPage(text string) page {
	if strings.Count(text, "<") > maxTreeTags {
		// A tree of a million elements (a word processor's page, a span
		// per few characters) costs some 200 MB; the token stream costs
		// its text.
		return htmlTokens(text)
	}
	return htmlTree(text)
}

// htmlTree is htmlPage by the parser's tree.
func htmlTree(text string) page {
	doc, err := html.Parse(strings.NewReader(text))
	if err != nil {
		// The parser refuses elements nested deeper than 512 (its only
		// error on a string); the tokenizer has no such limit.
		return htmlTokens(text)
	}
	var p page
	w := &lineWriter{}
	var walk func(n *html.Node, inLink, inPre bool)
	walk = func(n *html.Node, inLink, inPre bool) {
		switch n.Type {
		case html.TextNode:
			w.text(n.Data, inLink, inPre)
			return
		case html.ElementNode:
			switch n.DataAtom {
			case atom.Title:
				if p.Title == "" {
					p.Title = collapseSpace(nodeText(n))
				}
				return
			case atom.H1:
				if p.H1 == "" {
					p.H1 = collapseSpace(nodeText(n))
				}
			case atom.Img:
				return
			}
			if skipTags[n.DataAtom] || isChromeNode(n) {
				return
			}
			if n.DataAtom == atom.A {
				inLink = true
			}
			if n.DataAtom == atom.Pre {
				inPre = true
			}
			block := blockTags[n.DataAtom]
			if block {
				w.end()
			}
			if n.DataAtom == atom.Td || n.DataAtom == atom.Th {
				w.cell()
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c, inLink, inPre)
			}
			if block {
				w.end()
			}
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inLink, inPre)
		}
	}
	walk(doc, false, false)
	w.end()
	p.Lines = w.lines
	p.Title = stripSiteSuffix(p.Title)
	return p
}

// voidTags have no end tag and no content.
var voidTags = map[atom.Atom]bool{
	atom.Area: true, atom.Base: true, atom.Br: true, atom.Col: true, atom.Embed: true, atom.Hr: true,
	atom.Img: true, atom.Input: true, atom.Link: true, atom.Meta: true, atom.Source: true,
	atom.Track: true, atom.Wbr: true, atom.Param: true,
}

// htmlTokens is htmlPage by the token stream, for pages the parser refuses:
// the same rules, with a stack of open elements instead of a tree, so no
// limit on depth. An end tag closes the elements opened after its own
// start tag; an end tag with no start tag is ignored.
func htmlTokens(text string) page {
	type open struct {
		a         atom.Atom
		name      string
		block     bool
		link, pre bool // the element is, or is inside, a link or a <pre>
	}
	var p page
	var stack []open
	skipAt := -1 // index in stack of the element whose content is skipped
	var title, h1 strings.Builder
	inTitle, h1At := false, -1
	w := &lineWriter{}
	z := html.NewTokenizer(strings.NewReader(text))
	for {
		switch z.Next() {
		case html.ErrorToken:
			w.end()
			p.Lines = w.lines
			p.Title = stripSiteSuffix(collapseSpace(title.String()))
			p.H1 = collapseSpace(h1.String())
			return p
		case html.TextToken:
			t := string(z.Text())
			if inTitle {
				title.WriteString(t)
				continue
			}
			if h1At >= 0 {
				h1.WriteString(t)
			}
			if skipAt >= 0 {
				continue
			}
			var link, pre bool
			if n := len(stack); n > 0 {
				link, pre = stack[n-1].link, stack[n-1].pre
			}
			w.text(t, link, pre)
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			a := tok.DataAtom
			switch {
			case a == atom.Title:
				inTitle = p.Title == "" && title.Len() == 0
				continue
			case voidTags[a]:
				if (a == atom.Br || a == atom.Hr) && skipAt < 0 {
					w.end()
				}
				continue
			}
			o := open{a: a, name: tok.Data, block: blockTags[a]}
			if n := len(stack); n > 0 {
				o.link, o.pre = stack[n-1].link, stack[n-1].pre
			}
			o.link = o.link || a == atom.A
			o.pre = o.pre || a == atom.Pre
			if a == atom.H1 && h1At < 0 && h1.Len() == 0 {
				h1At = len(stack)
			}
			if skipAt < 0 && (skipTags[a] || isChromeNode(&html.Node{Attr: tok.Attr})) {
				skipAt = len(stack)
			}
			stack = append(stack, o)
			if skipAt >= 0 {
				continue
			}
			if o.block {
				w.end()
			}
			if a == atom.Td || a == atom.Th {
				w.cell()
			}
		case html.EndTagToken:
			tok := z.Token()
			if tok.DataAtom == atom.Title {
				inTitle = false
				continue
			}
			i := len(stack) - 1
			for i >= 0 && stack[i].name != tok.Data {
				i--
			}
			if i < 0 {
				continue
			}
			for j := len(stack) - 1; j >= i; j-- {
				if stack[j].block && skipAt < 0 {
					w.end()
				}
				if j == skipAt {
					skipAt = -1
				}
				if j == h1At {
					h1At = -1
				}
			}
			stack = stack[:i]
		}
	}
}

// lineWriter accumulates text into lines, measuring link text per line.
type lineWriter struct {
	buf      bytes.Buffer
	linkRune int
	lines    []string
	cells    int
}

func (w *lineWriter) text(s string, inLink, inPre bool) {
	if !inPre {
		s = collapseSpace(s)
		if s == "" {
			return
		}
		if w.buf.Len() > 0 && !strings.HasSuffix(w.buf.String(), " ") && needsSpace(w.buf.Bytes(), s) {
			w.buf.WriteByte(' ')
		}
	}
	if inPre {
		for i, part := range strings.Split(s, "\n") {
			if i > 0 {
				w.end()
			}
			w.buf.WriteString(part)
		}
		return
	}
	w.buf.WriteString(s)
	if inLink {
		w.linkRune += utf8.RuneCountInString(strings.TrimSpace(s))
	}
}

// cell separates table cells with " | ", as text mirrors of pages do.
func (w *lineWriter) cell() {
	if w.buf.Len() > 0 {
		w.buf.WriteString(" | ")
	}
	w.cells++
}

func (w *lineWriter) end() {
	line := strings.TrimSpace(w.buf.String())
	line = strings.TrimSpace(strings.TrimSuffix(line, "|"))
	total := utf8.RuneCountInString(line)
	if total > 0 {
		// A line that is mostly link text is a menu, a breadcrumb or a list
		// of other pages; a paragraph with a link in it is not.
		if !(w.linkRune*10 > total*6) {
			w.lines = append(w.lines, line)
		}
	}
	w.buf.Reset()
	w.linkRune = 0
	w.cells = 0
}

// needsSpace reports whether a space must stand between two text runs: only
// between Latin letters or digits, since Chinese text has no spaces.
func needsSpace(prev []byte, next string) bool {
	r1, _ := utf8.DecodeLastRune(prev)
	r2, _ := utf8.DecodeRuneInString(next)
	return isLatin(r1) && isLatin(r2)
}

func isLatin(r rune) bool {
	return r < 0x80 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9')
}

func nodeText(n *html.Node) string {
	var b strings.Builder
	var f func(*html.Node)
	f = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			f(c)
		}
	}
	f(n)
	return b.String()
}

// collapseSpace turns runs of ASCII white space into one space and trims.
// Ideographic spaces (U+3000), used for indents, are kept for the text pass.
func collapseSpace(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		switch r {
		case ' ', '\t', '\n', '\r', '\f', '\u00a0':
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

var titleSeparators = regexp.MustCompile(`\s*(?:[_|｜]|\s[-－—–]\s|--|——)\s*`)

// docWords name a kind of document, in either script.
var docWords = []string{"报告", "報告", "公报", "公報", "规划", "規劃", "计划", "計劃", "纲要", "綱要"}

func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// stripSiteSuffix removes the site name pages append to their <title>
// ("…政府工作报告_金乡县人民政府", "… - 新华网"): of the parts, it keeps the
// first one that names a document, else the longest.
func stripSiteSuffix(title string) string {
	parts := titleSeparators.Split(title, -1)
	if len(parts) < 2 {
		return strings.TrimSpace(title)
	}
	for _, p := range parts {
		if containsAny(p, docWords) {
			return strings.TrimSpace(p)
		}
	}
	best := ""
	for _, p := range parts {
		if utf8.RuneCountInString(p) > utf8.RuneCountInString(best) {
			best = p
		}
	}
	return strings.TrimSpace(best)
}
