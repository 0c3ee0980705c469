package web

import (
	"encoding/json"
	"fmt"
	"html/template"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/baogao/baogao"
	"github.com/baogao/baogao/internal/runes"
)

// citation is how a document is cited and described to machines: the
// 引用 box (GB/T 7714, APA, BibTeX), Google Scholar's citation_* tags,
// Open Graph and JSON-LD. URLs are the configured base URL's.
type citation struct {
	URL         string // the document's absolute URL
	Author      string // the issuing body, or the place's government
	Date        string // YYYY-MM-DD, "" when unknown
	Year        int
	Description string // the opening of the text, for meta description and og:description
	GBT         string // GB/T 7714-2015
	APA         string // APA 7
	BibTeX      string
	JSONLD      template.JS // a schema.org Report, as JSON
	Accessed    string      // the date the archive's copy is of (YYYY-MM-DD)
}

// author is who a document is by: its issuer, else its place's people's
// government for a report or plan, else the place.
func author(doc *baogao.Document, trail []baogao.Place) string {
	if doc.Meta.Issuer != "" {
		return doc.Meta.Issuer
	}
	if n := len(trail); n > 0 {
		if doc.Meta.Kind == baogao.KindWorkReport || doc.Meta.Kind == baogao.KindPlan {
			return trail[n-1].Name + "人民政府"
		}
		return trail[n-1].Name
	}
	return ""
}

// cite builds a document's citation and machine-readable description.
func (s *Server) cite(doc *baogao.Document, trail []baogao.Place) citation {
	m := doc.Meta
	c := citation{URL: s.abs(doc.URL()), Author: author(doc, trail), Date: m.Date, Year: m.Year,
		Description: description(doc.Body, 120), Accessed: doc.UpdatedAt.UTC().Format("2006-01-02")}
	if c.Year == 0 && len(m.Date) >= 4 {
		fmt.Sscan(m.Date[:4], &c.Year)
	}
	who := c.Author
	if who == "" {
		who = "佚名"
	}
	// GB/T 7714-2015, an electronic resource: 主要责任者. 题名[EB/OL]. (发布日期)[引用日期]. 网址.
	var g strings.Builder
	fmt.Fprintf(&g, "%s. %s[EB/OL]. ", who, m.Title)
	if m.Date != "" {
		fmt.Fprintf(&g, "(%s)", m.Date)
	}
	fmt.Fprintf(&g, "[%s]. %s.", c.Accessed, c.URL)
	c.GBT = g.String()
	// APA 7: Author. (Year, Month Day). Title. Site. URL
	when := "n.d."
	if t, err := time.Parse("2006-01-02", m.Date); err == nil {
		when = t.Format("2006, January 2")
	} else if c.Year != 0 {
		when = fmt.Sprint(c.Year)
	}
	c.APA = fmt.Sprintf("%s. (%s). %s. baogao 报告文库. %s", who, when, m.Title, c.URL)
	// BibTeX: @misc, braces keep the Chinese names whole.
	var b strings.Builder
	fmt.Fprintf(&b, "@misc{baogao%d,\n  author = {{%s}},\n  title = {{%s}},\n", doc.ID, bibEscape(who), bibEscape(m.Title))
	if c.Year != 0 {
		fmt.Fprintf(&b, "  year = {%d},\n", c.Year)
	}
	if m.Date != "" {
		fmt.Fprintf(&b, "  date = {%s},\n", m.Date)
	}
	fmt.Fprintf(&b, "  howpublished = {\\url{%s}},\n  url = {%s},\n  urldate = {%s},\n  note = {baogao 报告文库}\n}", c.URL, c.URL, c.Accessed)
	c.BibTeX = b.String()
	ld := map[string]any{
		"@context": "https://schema.org", "@type": "Report", "name": m.Title, "url": c.URL, "inLanguage": "zh-CN",
		"isAccessibleForFree": true, "description": c.Description,
	}
	if c.Author != "" {
		ld["author"] = map[string]any{"@type": "GovernmentOrganization", "name": c.Author}
	}
	if m.Date != "" {
		ld["datePublished"] = m.Date
	}
	if n := len(trail); n > 0 {
		ld["spatialCoverage"] = map[string]any{"@type": "AdministrativeArea", "name": m.Place, "identifier": "GB/T 2260 " + trail[n-1].Code}
	}
	if j, err := json.Marshal(ld); err == nil { // Marshal escapes <, > and &: safe in a script element
		c.JSONLD = template.JS(j)
	}
	return c
}

// bibEscape keeps BibTeX's special characters literal.
func bibEscape(s string) string {
	return strings.NewReplacer(`\`, `\textbackslash{}`, "{", `\{`, "}", `\}`, "&", `\&`, "%", `\%`, "$", `\$`, "#", `\#`, "_", `\_`).Replace(s)
}

// description is the opening of a text, its lines joined, cut at n runes
// (at a sentence end when one is near).
func description(body string, n int) string {
	s := strings.Join(strings.Fields(strings.ReplaceAll(body, "\n", " ")), " ")
	if runes.Count(s) <= n {
		return s
	}
	cut := s
	for i := range s {
		if n == 0 {
			cut = s[:i]
			break
		}
		n--
	}
	if j := strings.LastIndex(cut, "。"); j > len(cut)/2 {
		return cut[:j+len("。")]
	}
	return cut + "…"
}

// wordCount is a text's length as Chinese readers count it (字数): its
// characters, line breaks and spaces aside.
func wordCount(body string) int {
	return utf8.RuneCountInString(body) - strings.Count(body, "\n") - strings.Count(body, " ")
}
