package web

import (
	"html/template"
	"net/http"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/baogao/baogao"
	"github.com/baogao/baogao/internal/numfmt"
	"github.com/baogao/baogao/internal/runes"
	"github.com/baogao/baogao/internal/search"
)

type documentPage struct {
	base
	Doc     *baogao.Document
	Trail   []baogao.Place // the place and its ancestors, province first
	Body    template.HTML  // the body, escaped, with anchors and marks
	Outline template.HTML  // the outline's <li> entries, linked to the headings
	Sources []sourceView
	// The rows of the data tables and the related lists, as HTML (see
	// htmlWriter); empty when there are none.
	Targets, Outcomes, Goals, Projects template.HTML
	SamePlace, Nearby                  template.HTML
	Demo                               bool
	Cite                               citation
	Words                              int // 字数
	// Goals1 are the main targets of the document's year (主要预期目标),
	// for the side column's card; HasData is set when there are extracted
	// data; Legend names the highlights the body has.
	Goals1  []goalCard
	HasData bool
	Legend  []legendEntry
	// Highlight is the search whose hits are marked (?hl=), Hits their
	// number in the body.
	Highlight string
	Hits      int
	// The published comments as threads, their number, the form, and a
	// notice after a post (?comment=pending|published).
	Comments      template.HTML
	CommentCount  int
	NewestFirst   bool
	Form          commentForm
	CommentNotice string
}

// goalCard is one target on the side column's card.
type goalCard struct {
	Label, Value, Mark string
}

// legendEntry names one kind of highlight.
type legendEntry struct {
	Class, Label string
}

// maxCardGoals bounds the targets on the card.
const maxCardGoals = 8

// mainGoals returns the first targets for the document's year (or of no
// stated year), one per indicator, in the text's order.
func mainGoals(lang string, doc *baogao.Document, rows []row[baogao.Target]) []goalCard {
	var out []goalCard
	seen := map[string]bool{}
	for _, r := range rows {
		t := r.V
		if t.Year != nil && doc.Meta.Year != 0 && *t.Year != doc.Meta.Year {
			continue
		}
		key := t.Indicator + "/" + t.Label
		if seen[key] {
			continue
		}
		seen[key] = true
		out = append(out, goalCard{indicatorName(lang, t.Indicator, t.Label), numfmt.Target(numLang(lang), t), r.Mark})
		if len(out) == maxCardGoals {
			break
		}
	}
	return out
}

// legend lists the kinds of highlight the body has, in the tables' order.
func legend(lang string, ms marks, hits int) []legendEntry {
	has := map[string]bool{}
	for _, sp := range ms.spans {
		has[sp.kind] = true
	}
	var out []legendEntry
	for _, k := range []string{"t", "o", "g", "p"} {
		if has[k] {
			out = append(out, legendEntry{"m-" + k, message(lang, "legend."+k)})
		}
	}
	if hits > 0 {
		out = append(out, legendEntry{"hit", message(lang, "legend.hit")})
	}
	return out
}

// row is one extracted value with the anchor of its sentence.
type row[T any] struct {
	V    T
	Mark string
}

// sourceView is one source as shown to a reader.
type sourceView struct {
	URL, Name, Fetched, Imported string
	Credit                       string // the source its text names (来源：大众日报)
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
	showsDocument(r, id) // and the lists of related documents (related)
	dp := documentPage{base: base{Lang: lang, Title: doc.Meta.Title, Path: r.URL.Path, Canonical: doc.URL()}, Doc: doc,
		Trail: s.places.Path(doc.Meta.PlaceCode)}
	dp.Cite = s.cite(doc, dp.Trail)
	dp.Words = wordCount(doc.Body)
	dp.Description = dp.Cite.Description
	marks := markSpans(doc.Extraction)
	var hits [][2]int
	if dp.Highlight = strings.TrimSpace(r.URL.Query().Get("hl")); dp.Highlight != "" {
		hits = search.Matches(doc.Body, dp.Highlight)
		dp.Hits, dp.NoIndex = len(hits), true
	}
	dp.Body, dp.Outline = renderBody(doc.Body, doc.Outline, marks.spans, hits)
	ex := doc.Extraction
	dp.Legend = legend(lang, marks, dp.Hits)
	dp.HasData = len(ex.Targets)+len(ex.Outcomes)+len(ex.Goals)+len(ex.Projects) > 0
	if len(ex.Targets) > 0 {
		rows := withMarks(ex.Targets, "t", marks)
		dp.Targets = targetRows(lang, rows)
		dp.Goals1 = mainGoals(lang, doc, rows)
	}
	if len(ex.Outcomes) > 0 {
		dp.Outcomes = outcomeRows(lang, withMarks(ex.Outcomes, "o", marks))
	}
	if len(ex.Goals) > 0 {
		dp.Goals = goalRows(lang, withMarks(ex.Goals, "g", marks))
	}
	if len(ex.Projects) > 0 {
		dp.Projects = projectRows(lang, withMarks(ex.Projects, "p", marks))
	}
	for _, src := range doc.Sources {
		v := sourceView{URL: src.URL, Imported: src.ImportedAt.Format("2006-01-02"), Credit: src.Credit}
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
	if err := s.documentComments(r, lang, doc, &dp); err != nil {
		return "", nil, err
	}
	same, near, err := s.related(r, doc, dp.Trail)
	if err != nil {
		return "", nil, err
	}
	if len(same) > 0 {
		dp.SamePlace = docList(lang, same)
	}
	if len(near) > 0 {
		dp.Nearby = docList(lang, near)
	}
	return "document", dp, nil
}

// maxPageComments bounds the comments one page shows.
const maxPageComments = 500

// documentComments fills the comment section: the published comments, the
// form (a reply when ?reply= names a comment shown) and the notice after a
// post.
func (s *Server) documentComments(r *http.Request, lang string, doc *baogao.Document, dp *documentPage) error {
	page, err := s.store.Comments(r.Context(), baogao.CommentFilter{DocumentID: doc.ID, Status: baogao.CommentPublished, Limit: maxPageComments})
	if err != nil {
		return err
	}
	q := r.URL.Query()
	dp.CommentCount = page.Total
	dp.NewestFirst = q.Get("order") == "newest"
	if len(page.Comments) > 0 {
		dp.Comments = commentThreads(lang, page.Comments, dp.NewestFirst, doc.URL())
	}
	dp.Form = newCommentForm(doc.ID)
	if id, err := strconv.ParseInt(q.Get("reply"), 10, 64); err == nil {
		for _, c := range page.Comments {
			if c.ID == id && c.ParentID == 0 {
				dp.Form.ParentID = id
			}
		}
	}
	switch q.Get("comment") {
	case "pending":
		dp.CommentNotice = message(lang, "comment.pending")
	case "published":
		dp.CommentNotice = message(lang, "comment.published")
	}
	return nil
}

// withMarks pairs each extracted value with the anchor of its mark.
func withMarks[T any](vs []T, kind string, m marks) []row[T] {
	out := make([]row[T], len(vs))
	for i, v := range vs {
		out[i] = row[T]{v, m.anchor[kind+"-"+strconv.Itoa(i)]}
	}
	return out
}

// related finds the same place's documents of other years and the
// documents of neighbouring places (same parent, same level) of the same
// year and kind: two queries, whatever the archive's size.
func (s *Server) related(r *http.Request, doc *baogao.Document, trail []baogao.Place) (same, near []*baogao.Document, err error) {
	m := doc.Meta
	if m.PlaceCode == "" || len(trail) == 0 {
		return nil, nil, nil
	}
	showsList(r, baogao.DocumentFilter{PlaceCode: m.PlaceCode})
	page, err := s.store.Documents(r.Context(), baogao.DocumentFilter{PlaceCode: m.PlaceCode, Level: m.Level, Limit: 30, SkipTotal: true})
	if err != nil {
		return nil, nil, err
	}
	for _, d := range page.Documents {
		if d.ID != doc.ID {
			same = append(same, d)
		}
	}
	if m.Year == 0 {
		return same, nil, nil
	}
	f := baogao.DocumentFilter{Kind: m.Kind, Level: m.Level, YearFrom: m.Year, YearTo: m.Year, Limit: 13, SkipTotal: true}
	if len(trail) >= 2 {
		f.PlaceCode = trail[len(trail)-2].Code
	} else {
		f.Region = m.Region
	}
	showsList(r, f)
	page, err = s.store.Documents(r.Context(), f)
	if err != nil {
		return nil, nil, err
	}
	for _, d := range page.Documents {
		if d.ID != doc.ID && len(near) < 12 {
			near = append(near, d)
		}
	}
	return same, near, nil
}

// span is a marked stretch of the body, in runes.
type span struct {
	start, end int
	id, kind   string
	// aliases are the ids of the values whose sentences overlap this mark
	// and are shown by it: each gets an empty anchor inside it, so that a
	// link to any value's id (from /targets, the place page) finds its
	// sentence.
	aliases []string
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
			all = append(all, span{start: sp[0], end: sp[1], id: kind + "-" + strconv.Itoa(i), kind: kind})
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
			m.spans[n-1].aliases = append(m.spans[n-1].aliases, sp.id)
			continue
		}
		m.spans = append(m.spans, sp)
		m.anchor[sp.id] = sp.id
	}
	return m
}

// The front matter of a report, set as printed reports set it: the
// salutation flush left, the byline (who delivered it, when and where)
// centred.
var (
	salutation = regexp.MustCompile(`^各位(?:代表|委员|同志)[^。]{0,12}[：:，,！!]?$`)
	bylineDate = regexp.MustCompile(`^(?:——|──|－－|--|—)\s*\S.{0,80}$|^[（(]?\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日[）)]?$`)
	bylineName = regexp.MustCompile(`^(?:[\p{Han}（）()]{0,20}(?:人民政府|政府|统计局))?(?:代理?|副)?(?:省长|市长|县长|区长|旗长|州长|盟长|主席|局长)\s*[\p{Han}·]{2,4}$`)
)

// isByline reports whether a paragraph of a report's front matter is its
// byline: "——2023年1月3日在金乡县第十八届人民代表大会第三次会议上", "县长 董冰".
func isByline(s string) bool {
	return runes.Count(s) <= 80 && (bylineDate.MatchString(s) || bylineName.MatchString(s))
}

// renderBody writes the body as HTML paragraphs: headings get anchors (and
// the outline's <li> entries that link to them), a heading that runs into its
// paragraph is set in bold, the sentences of extracted values are marked,
// and so are a search's hits (rune offsets, in order, not overlapping),
// inside them: hit n is <a class="hit" id="hit-n"><mark>, a link to hit
// n+1 (the last to the first). Spans are rune offsets; the text is walked
// once, in bytes.
func renderBody(body string, outline []baogao.Heading, spans []span, hits [][2]int) (html, entries template.HTML) {
	headingAt := make(map[int]baogao.Heading, len(outline))
	for _, h := range outline {
		headingAt[h.Offset] = h
	}
	var w htmlWriter
	w.b.Grow(len(body) + len(body)/8)
	var ow htmlWriter
	anchored := map[string]bool{}
	offset, si, hi := 0, 0, 0 // rune offset of the paragraph; next span; next hit
	front := true             // before the first heading: byline and salutation
	hitOpened := -1           // the hit whose first piece was written
	for i, text := range strings.Split(body, "\n") {
		n := runes.Count(text)
		start, end := offset, offset+n
		leadEnd, heading, id := start, 0, ""
		if h, ok := headingAt[start]; ok {
			id = "h-" + strconv.Itoa(i)
			ow.raw(`<li class="l`, strconv.Itoa(h.Level), `"><a href="#`, id, `">`)
			ow.text(h.Title)
			ow.raw("</a></li>\n")
			if hn := runes.Count(h.Title); hn < n {
				leadEnd = start + hn
			} else {
				heading = h.Level
			}
		}
		if id != "" {
			front = false // the front matter ends at the first heading
		}
		switch {
		case heading > 0:
			w.raw(`<h2 class="h`, strconv.Itoa(heading), `" id="`, id, `">`)
		case id != "":
			w.raw(`<p id="`, id, `">`)
		case front && i < 12 && salutation.MatchString(text):
			w.raw(`<p class="salute">`)
		case front && i < 12 && isByline(text):
			w.raw(`<p class="byline">`)
		default:
			w.raw("<p>")
		}
		pos, bpos := start, 0 // rune and byte position in text
		// advance returns the text from pos to the rune offset to.
		advance := func(to int) string {
			b := bpos
			if to >= end { // the rest of the paragraph: no need to count
				pos, bpos = end, len(text)
				return text[b:]
			}
			for pos < to && bpos < len(text) {
				_, size := utf8.DecodeRuneInString(text[bpos:])
				bpos += size
				pos++
			}
			return text[b:bpos]
		}
		// writeText writes the text up to to, the lead-in in bold and the
		// hits marked, in pieces that nest in the marks around them.
		writeText := func(to int) {
			for pos < to {
				for hi < len(hits) && hits[hi][1] <= pos {
					hi++
				}
				next, inHit := to, hi < len(hits) && hits[hi][0] <= pos
				switch {
				case inHit:
					next = min(next, hits[hi][1])
				case hi < len(hits):
					next = min(next, hits[hi][0])
				}
				bold := pos < leadEnd
				if bold {
					next = min(next, leadEnd)
				}
				if inHit {
					w.raw(`<a class="hit" href="#hit-`, strconv.Itoa((hi+1)%len(hits)+1), `"`)
					if hitOpened != hi {
						w.raw(` id="hit-`, strconv.Itoa(hi+1), `"`)
						hitOpened = hi
					}
					w.raw(`><mark class="hit">`)
				}
				if bold {
					w.raw("<strong>")
				}
				w.text(advance(next))
				if bold {
					w.raw("</strong>")
				}
				if inHit {
					w.raw("</mark></a>")
				}
			}
		}
		for si < len(spans) && spans[si].start < end {
			sp := spans[si]
			a, b := max(sp.start, pos), min(sp.end, end)
			writeText(a)
			if b > a {
				w.raw(`<mark class="m-`, sp.kind, `"`)
				first := !anchored[sp.id]
				if first {
					w.raw(` id="`, sp.id, `"`)
					anchored[sp.id] = true
				}
				w.raw(">")
				if first {
					for _, a := range sp.aliases {
						w.raw(`<span id="`, a, `"></span>`)
					}
				}
				writeText(b)
				w.raw("</mark>")
			}
			if sp.end > end {
				break // the span goes on in the next paragraph
			}
			si++
		}
		writeText(end)
		if heading > 0 {
			w.raw("</h2>\n")
		} else {
			w.raw("</p>\n")
		}
		offset = end + 1
	}
	return w.html(), ow.html()
}
