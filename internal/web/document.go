package web

import (
	"html"
	"html/template"
	"net/http"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/baogao/baogao"
)

type documentPage struct {
	base
	Doc       *baogao.Document
	Trail     []baogao.Place // the place and its ancestors, province first
	Body      template.HTML  // the body, escaped, with anchors and marks
	Outline   []outlineEntry
	Sources   []sourceView
	Targets   []row[baogao.Target]
	Outcomes  []row[baogao.Outcome]
	Goals     []row[baogao.Goal]
	Projects  []row[baogao.Project]
	SamePlace []*baogao.Document
	Nearby    []*baogao.Document
	Demo      bool
}

// paragraph is one paragraph of the body, cut into runs of text, some of
// them marked as the source of an extracted value.
type paragraph struct {
	ID      string // anchor of a heading, "" otherwise
	Heading int    // heading level, 0 for a paragraph
	Parts   []part
}

type part struct {
	Text   string
	Mark   string // id of the mark ("t-0"), "" for plain text
	Kind   string // t, o, g or p
	Anchor bool   // the first part of its mark, which carries the id
	Lead   bool   // part of a heading that runs into its paragraph
}

// outlineEntry links a heading of the outline to its anchor.
type outlineEntry struct {
	baogao.Heading
	ID string
}

// row is one extracted value with the anchor of its sentence.
type row[T any] struct {
	V    T
	Mark string
}

// sourceView is one source as shown to a reader.
type sourceView struct {
	URL, Name, Fetched, Imported string
	Demo                         bool
}

func (s *Server) document(r *http.Request, lang string) (string, any, error) {
	ctx := r.Context()
	kind, _ := kindOfPath(r.URL.Path)
	idText, ok := strings.CutSuffix(r.PathValue("file"), ".html")
	id, err := strconv.ParseInt(idText, 10, 64)
	if !ok || err != nil || id <= 0 {
		return "", nil, baogao.Errorf(baogao.ENOTFOUND, "页面不存在")
	}
	doc, err := s.store.Document(ctx, id)
	if baogao.ErrorCode(err) == baogao.ENOTFOUND {
		return "", nil, baogao.Errorf(baogao.ENOTFOUND, "没有找到这篇文件")
	}
	if err != nil {
		return "", nil, err
	}
	if doc.Meta.Kind != kind || string(doc.Meta.Region) != r.PathValue("region") {
		return "", nil, &redirect{to: doc.URL(), status: http.StatusMovedPermanently}
	}
	dp := documentPage{base: base{Lang: lang, Title: doc.Meta.Title, Path: r.URL.Path, Canonical: doc.URL()}, Doc: doc,
		Trail: s.places.Path(doc.Meta.PlaceCode)}
	marks := markSpans(doc.Extraction)
	var paras []paragraph
	paras, dp.Outline = bodyView(doc.Body, doc.Outline, marks.spans)
	dp.Body = bodyHTML(paras)
	for i, t := range doc.Extraction.Targets {
		dp.Targets = append(dp.Targets, row[baogao.Target]{t, marks.anchor["t-"+strconv.Itoa(i)]})
	}
	for i, o := range doc.Extraction.Outcomes {
		dp.Outcomes = append(dp.Outcomes, row[baogao.Outcome]{o, marks.anchor["o-"+strconv.Itoa(i)]})
	}
	for i, g := range doc.Extraction.Goals {
		dp.Goals = append(dp.Goals, row[baogao.Goal]{g, marks.anchor["g-"+strconv.Itoa(i)]})
	}
	for i, p := range doc.Extraction.Projects {
		dp.Projects = append(dp.Projects, row[baogao.Project]{p, marks.anchor["p-"+strconv.Itoa(i)]})
	}
	for _, src := range doc.Sources {
		v := sourceView{URL: src.URL, Imported: src.ImportedAt.Format("2006-01-02")}
		if !src.FetchedAt.IsZero() {
			v.Fetched = src.FetchedAt.Format("2006-01-02")
		}
		if strings.HasPrefix(src.File, "demo:") {
			v.Demo, dp.Demo = true, true
		} else if src.File != "" {
			v.Name = filepath.Base(src.File)
		}
		dp.Sources = append(dp.Sources, v)
	}
	if err := s.related(r, doc, &dp); err != nil {
		return "", nil, err
	}
	return "document", dp, nil
}

// related finds the same place's documents of other years and the
// documents of neighbouring places (same parent, same level) of the same
// year and kind: two queries, whatever the archive's size.
func (s *Server) related(r *http.Request, doc *baogao.Document, dp *documentPage) error {
	m := doc.Meta
	if m.PlaceCode == "" || len(dp.Trail) == 0 {
		return nil
	}
	same, err := s.store.Documents(r.Context(), baogao.DocumentFilter{PlaceCode: m.PlaceCode, Level: m.Level, Limit: 30, SkipTotal: true})
	if err != nil {
		return err
	}
	for _, d := range same.Documents {
		if d.ID != doc.ID {
			dp.SamePlace = append(dp.SamePlace, d)
		}
	}
	if m.Year == 0 {
		return nil
	}
	f := baogao.DocumentFilter{Kind: m.Kind, Level: m.Level, YearFrom: m.Year, YearTo: m.Year, Limit: 13, SkipTotal: true}
	if len(dp.Trail) >= 2 {
		f.PlaceCode = dp.Trail[len(dp.Trail)-2].Code
	} else {
		f.Region = m.Region
	}
	near, err := s.store.Documents(r.Context(), f)
	if err != nil {
		return err
	}
	for _, d := range near.Documents {
		if d.ID != doc.ID && len(dp.Nearby) < 12 {
			dp.Nearby = append(dp.Nearby, d)
		}
	}
	return nil
}

// bodyHTML writes the paragraphs as HTML. It is done here rather than in
// the template because the body is most of the page: escaping it in one
// pass is several times faster than the template's per-value escaping.
func bodyHTML(paras []paragraph) template.HTML {
	var b strings.Builder
	for _, p := range paras {
		switch {
		case p.Heading > 0:
			b.WriteString(`<h2 class="h` + strconv.Itoa(p.Heading) + `" id="` + p.ID + `">`)
		case p.ID != "":
			b.WriteString(`<p id="` + p.ID + `">`)
		default:
			b.WriteString("<p>")
		}
		for _, pt := range p.Parts {
			if pt.Lead {
				b.WriteString("<strong>")
			}
			if pt.Mark != "" {
				b.WriteString(`<mark class="m-` + pt.Kind + `"`)
				if pt.Anchor {
					b.WriteString(` id="` + pt.Mark + `"`)
				}
				b.WriteString(">")
			}
			b.WriteString(html.EscapeString(pt.Text))
			if pt.Mark != "" {
				b.WriteString("</mark>")
			}
			if pt.Lead {
				b.WriteString("</strong>")
			}
		}
		if p.Heading > 0 {
			b.WriteString("</h2>\n")
		} else {
			b.WriteString("</p>\n")
		}
	}
	return template.HTML(b.String())
}

// span is a marked stretch of the body, in runes.
type span struct {
	start, end int
	id, kind   string
}

// marks are the spans to highlight and, for every extracted value, the
// anchor of the mark that shows its sentence (values of one sentence share
// one mark).
type marks struct {
	spans  []span
	anchor map[string]string
}

func markSpans(ex baogao.Extraction) marks {
	var all []span
	add := func(kind string, i int, sp baogao.Span) {
		if sp[1] > sp[0] {
			all = append(all, span{sp[0], sp[1], kind + "-" + strconv.Itoa(i), kind})
		}
	}
	for i, t := range ex.Targets {
		add("t", i, t.Span)
	}
	for i, o := range ex.Outcomes {
		add("o", i, o.Span)
	}
	for i, g := range ex.Goals {
		add("g", i, g.Span)
	}
	for i, p := range ex.Projects {
		add("p", i, p.Span)
	}
	sort.SliceStable(all, func(i, j int) bool {
		if all[i].start != all[j].start {
			return all[i].start < all[j].start
		}
		return all[i].end > all[j].end
	})
	m := marks{anchor: map[string]string{}}
	for _, sp := range all {
		if n := len(m.spans); n > 0 && sp.start < m.spans[n-1].end {
			m.anchor[sp.id] = m.spans[n-1].id // overlaps the previous mark: link to it
			continue
		}
		m.spans = append(m.spans, sp)
		m.anchor[sp.id] = sp.id
	}
	return m
}

// bodyView cuts the body into paragraphs with headings anchored and spans
// marked.
func bodyView(body string, outline []baogao.Heading, spans []span) ([]paragraph, []outlineEntry) {
	headingAt := map[int]baogao.Heading{}
	for _, h := range outline {
		headingAt[h.Offset] = h
	}
	var paras []paragraph
	var entries []outlineEntry
	offset, si := 0, 0
	anchored := map[string]bool{}
	for i, text := range strings.Split(body, "\n") {
		rs := []rune(text)
		start, end := offset, offset+len(rs)
		p := paragraph{}
		lead := start // a heading that runs into its paragraph is set in bold up to here
		if h, ok := headingAt[start]; ok {
			p.ID = "h-" + strconv.Itoa(i)
			entries = append(entries, outlineEntry{Heading: h, ID: p.ID})
			if n := len([]rune(h.Title)); n < len(rs) {
				lead = start + n
			} else {
				p.Heading = h.Level
			}
		}
		// plain adds unmarked text, cut where the lead-in ends.
		plain := func(a, b int) {
			if a < lead {
				p.Parts = append(p.Parts, part{Text: string(rs[a-start : min(b, lead)-start]), Lead: true})
				a = min(b, lead)
			}
			if b > a {
				p.Parts = append(p.Parts, part{Text: string(rs[a-start : b-start])})
			}
		}
		pos := start
		for si < len(spans) && spans[si].start < end {
			sp := spans[si]
			a, b := max(sp.start, pos), min(sp.end, end)
			if a > pos {
				plain(pos, a)
			}
			if b > a {
				p.Parts = append(p.Parts, part{Text: string(rs[a-start : b-start]), Mark: sp.id, Kind: sp.kind, Anchor: !anchored[sp.id], Lead: a < lead})
				anchored[sp.id] = true
				pos = b
			}
			if sp.end <= end {
				si++
			} else {
				break // the span goes on in the next paragraph
			}
		}
		if pos < end {
			plain(pos, end)
		}
		paras = append(paras, p)
		offset = end + 1
	}
	return paras, entries
}
