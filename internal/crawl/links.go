package crawl

import (
	"bytes"
	"compress/gzip"
	"encoding/xml"
	"errors"
	"io"
	"net/url"
	"path"
	"regexp"
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
)

// maxURL is the longest URL followed; longer ones are traps or junk.
const maxURL = 2048

// normalize returns the absolute form of ref against base, without a
// fragment, with the scheme and host in lower case and no default port; ""
// when it is not an http(s) URL or is too long.
func normalize(base *url.URL, ref string) string {
	ref = strings.TrimSpace(ref)
	if ref == "" || len(ref) > maxURL {
		return ""
	}
	u, err := base.Parse(ref)
	if err != nil {
		return ""
	}
	return canonical(u)
}

// canonical returns u as the frontier keeps it.
func canonical(u *url.URL) string {
	u.Scheme = strings.ToLower(u.Scheme)
	if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" || u.User != nil {
		return ""
	}
	u.Host = strings.ToLower(u.Host)
	if p := u.Port(); (u.Scheme == "http" && p == "80") || (u.Scheme == "https" && p == "443") {
		u.Host = u.Hostname()
		if strings.Contains(u.Host, ":") {
			u.Host = "[" + u.Host + "]" // IPv6
		}
	}
	u.Fragment, u.RawFragment = "", ""
	if u.Path == "" {
		u.Path = "/"
	}
	s := u.String()
	if len(s) > maxURL {
		return ""
	}
	return s
}

// found is what a page links to.
type found struct {
	links []string // pages and files
	feeds []string // its RSS and Atom feeds
}

// pageLinks reads the links of an HTML page (already decoded to UTF-8):
// a and area hrefs, frames, meta refreshes, feeds announced with link
// rel=alternate, and the pages of a listing paginated by script, as the
// TRS sites of many governments do (createPageHTML(12, 0, "index", "html")).
func pageLinks(pageURL *url.URL, text string) found {
	var f found
	base := pageURL
	seen := map[string]bool{}
	add := func(list *[]string, ref string) {
		if u := normalize(base, ref); u != "" && !seen[u] {
			seen[u] = true
			*list = append(*list, u)
		}
	}
	z := html.NewTokenizer(strings.NewReader(text))
	inScript := false
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return f
		case html.TextToken:
			if inScript {
				for _, u := range scriptPages(base, string(z.Text())) {
					add(&f.links, u)
				}
			}
		case html.EndTagToken:
			if name, _ := z.TagName(); string(name) == "script" {
				inScript = false
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			attrs := map[string]string{}
			for hasAttr {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				if linkAttrs[string(k)] { // not an image's src, a style …
					attrs[string(k)] = string(v)
				}
			}
			switch string(name) {
			case "script":
				inScript = tt == html.StartTagToken
			case "base":
				if b, err := pageURL.Parse(attrs["href"]); err == nil && attrs["href"] != "" {
					base = b
				}
			case "a", "area":
				add(&f.links, attrs["href"])
			case "frame", "iframe":
				add(&f.links, attrs["src"])
			case "meta":
				if strings.EqualFold(attrs["http-equiv"], "refresh") {
					if _, after, ok := strings.Cut(strings.ToLower(attrs["content"]), "url="); ok {
						c := attrs["content"]
						add(&f.links, strings.Trim(c[len(c)-len(after):], `'" `))
					}
				}
			case "link":
				rel := strings.ToLower(attrs["rel"])
				typ := strings.ToLower(attrs["type"])
				if strings.Contains(rel, "alternate") && (strings.Contains(typ, "rss") || strings.Contains(typ, "atom")) {
					add(&f.feeds, attrs["href"])
				}
			}
		}
	}
}

// linkAttrs are the attributes pageLinks reads.
var linkAttrs = map[string]bool{"href": true, "src": true, "http-equiv": true, "content": true, "rel": true, "type": true}

// createPageHTML(pages, current, "index", "html") writes a TRS listing's
// page links: index.html, index_1.html … index_{pages-1}.html.
var createPageHTML = regexp.MustCompile(`createPageHTML\(\s*['"]?(\d+)['"]?\s*,\s*['"]?\d+['"]?\s*,\s*['"]([\w-]+)['"]\s*,\s*['"](\w+)['"]`)

// maxScriptPages bounds the pages a script may announce.
const maxScriptPages = 500

func scriptPages(base *url.URL, script string) []string {
	var out []string
	for _, m := range createPageHTML.FindAllStringSubmatch(script, -1) {
		n, _ := strconv.Atoi(m[1])
		n = min(n, maxScriptPages)
		for i := 0; i < n; i++ {
			name := m[2] + "." + m[3]
			if i > 0 {
				name = m[2] + "_" + strconv.Itoa(i) + "." + m[3]
			}
			out = append(out, path.Join(path.Dir(base.Path), name))
		}
	}
	return out
}

// xmlLinks reads the URLs of a sitemap, a sitemap index, an RSS or an Atom
// feed. Sitemaps of sitemaps come back in nested. A gzipped sitemap is
// uncompressed first, within max bytes. It returns ok false when the bytes
// are none of these.
func xmlLinks(base *url.URL, body []byte, max int64) (links, nested []string, ok bool) {
	if bytes.HasPrefix(body, []byte{0x1f, 0x8b}) {
		zr, err := gzip.NewReader(bytes.NewReader(body))
		if err != nil {
			return nil, nil, false
		}
		body, err = io.ReadAll(io.LimitReader(zr, max))
		if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
			return nil, nil, false
		}
	}
	dec := xml.NewDecoder(bytes.NewReader(body))
	dec.Strict = false
	dec.CharsetReader = charset.NewReaderLabel
	var stack []string
	var text strings.Builder
	root := ""
	seen := map[string]bool{}
	add := func(list *[]string, ref string) {
		if u := normalize(base, ref); u != "" && !seen[u] {
			seen[u] = true
			*list = append(*list, u)
		}
	}
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		switch t := tok.(type) {
		case xml.StartElement:
			name := strings.ToLower(t.Name.Local)
			if root == "" {
				root = name
			}
			stack = append(stack, name)
			text.Reset()
			if name == "link" && root == "feed" {
				rel := ""
				href := ""
				for _, a := range t.Attr {
					switch a.Name.Local {
					case "rel":
						rel = a.Value
					case "href":
						href = a.Value
					}
				}
				if rel == "" || rel == "alternate" {
					add(&links, href)
				}
			}
		case xml.CharData:
			text.Write(t)
		case xml.EndElement:
			if len(stack) == 0 {
				continue
			}
			name := stack[len(stack)-1]
			parent := ""
			if len(stack) >= 2 {
				parent = stack[len(stack)-2]
			}
			stack = stack[:len(stack)-1]
			switch {
			case name == "loc" && parent == "url":
				add(&links, text.String())
			case name == "loc" && parent == "sitemap":
				add(&nested, text.String())
			case name == "link" && parent == "item":
				add(&links, text.String())
			}
		}
	}
	switch root {
	case "urlset", "sitemapindex", "rss", "feed", "rdf":
		return links, nested, true
	}
	return nil, nil, false
}
