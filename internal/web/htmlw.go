package web

import (
	"html/template"
	"strconv"
	"strings"

	"github.com/baogao/baogao"
	"github.com/baogao/baogao/internal/numfmt"
)

// htmlWriter builds the repeated parts of the document page — the body,
// the data tables, the lists of related documents — in Go: they are most of
// the page, and html/template's per-value escaping through reflection costs
// several times more than one pass here. Text goes through escape; markup
// is written as is and never holds data.
type htmlWriter struct{ b strings.Builder }

var escaper = strings.NewReplacer(`&`, "&amp;", `<`, "&lt;", `>`, "&gt;", `"`, "&#34;", `'`, "&#39;")

func (w *htmlWriter) raw(parts ...string) {
	for _, p := range parts {
		w.b.WriteString(p)
	}
}

func (w *htmlWriter) text(s string) { escaper.WriteString(&w.b, s) }

func (w *htmlWriter) html() template.HTML { return template.HTML(w.b.String()) }

// cell writes <td class?>text</td>.
func (w *htmlWriter) cell(class, text string) {
	if class != "" {
		w.raw(`<td class="`, class, `">`)
	} else {
		w.raw("<td>")
	}
	w.text(text)
	w.raw("</td>")
}

// quote writes the cell of a value's sentence, linked to its mark.
func (w *htmlWriter) quote(text, mark string) {
	w.raw("<td>")
	if mark != "" {
		w.raw(`<a href="#`, mark, `">`)
		w.text(text)
		w.raw("</a>")
	} else {
		w.text(text)
	}
	w.raw("</td></tr>\n")
}

func (w *htmlWriter) rowHead(text string) {
	w.raw(`<tr><th scope="row">`)
	w.text(text)
	w.raw("</th>")
}

// valueCell writes a value's cell, marked when an operator corrected it.
func (w *htmlWriter) valueCell(lang, v string, corrected bool) {
	if !corrected {
		w.cell("num", v)
		return
	}
	w.raw(`<td class="num">`)
	w.text(v)
	w.raw(` <span class="corrected">`)
	w.text(message(lang, "doc.corrected"))
	w.raw("</span></td>")
}

func yearCell(y *int) string {
	if y == nil {
		return ""
	}
	return strconv.Itoa(*y)
}

// numLang is the language values are written in on a page of lang.
func numLang(lang string) numfmt.Lang {
	if lang == langEN {
		return numfmt.English
	}
	return numfmt.Chinese
}

// targetRows, outcomeRows, goalRows and projectRows write the <tbody> rows
// of the data tables, values written as the page's readers write them
// (numfmt). A target's wording cell keeps the text's own words (左右, 力争,
// 确保 …), which set its force.
func targetRows(lang string, rows []row[baogao.Target]) template.HTML {
	var w htmlWriter
	nl := numLang(lang)
	for _, r := range rows {
		t := r.V
		w.rowHead(indicatorName(lang, t.Indicator, t.Label))
		w.valueCell(lang, numfmt.Target(nl, t), t.Corrected)
		w.cell("", strings.Join(t.Words, "、"))
		w.cell("", yearCell(t.Year))
		w.quote(t.Text, r.Mark)
	}
	return w.html()
}

func outcomeRows(lang string, rows []row[baogao.Outcome]) template.HTML {
	var w htmlWriter
	nl := numLang(lang)
	for _, r := range rows {
		o := r.V
		w.rowHead(indicatorName(lang, o.Indicator, o.Label))
		w.valueCell(lang, numfmt.Outcome(nl, o), o.Corrected)
		w.cell("", yearCell(o.Year))
		basis := ""
		if o.Vintage != "" {
			basis = message(lang, "vintage."+string(o.Vintage))
		}
		if o.Basis != "" {
			basis = strings.TrimSpace(basis + " " + o.Basis)
		}
		w.cell("", basis)
		w.quote(o.Text, r.Mark)
	}
	return w.html()
}

func goalRows(lang string, rows []row[baogao.Goal]) template.HTML {
	var w htmlWriter
	nl := numLang(lang)
	for _, r := range rows {
		g := r.V
		w.rowHead(g.Subject)
		w.cell("", g.Metric)
		w.cell("num", numfmt.Amount(nl, g.Value, g.Unit))
		w.cell("", yearCell(g.Year))
		w.quote(g.Text, r.Mark)
	}
	return w.html()
}

func projectRows(lang string, rows []row[baogao.Project]) template.HTML {
	var w htmlWriter
	nl := numLang(lang)
	for _, r := range rows {
		p := r.V
		w.rowHead(p.Name)
		w.cell("", p.Action)
		amount := ""
		if p.Investment != nil {
			amount = numfmt.Amount(nl, *p.Investment, p.Unit)
		}
		w.cell("num", amount)
		w.quote(p.Text, r.Mark)
	}
	return w.html()
}

// badges writes a document's completeness (全文, 节选, 新闻报道) and
// quality flags as badges, after its title in lists.
func (w *htmlWriter) badges(lang string, m baogao.Meta) {
	if m.Completeness != "" {
		w.raw(` <span class="badge c-`, string(m.Completeness), `">`)
		w.text(message(lang, "completeness."+string(m.Completeness)))
		w.raw("</span>")
	}
	for _, q := range m.Quality {
		w.raw(` <span class="badge q-`, string(q), `">`)
		w.text(message(lang, "badge."+string(q)))
		w.raw("</span>")
	}
}

// docList writes a list of documents: title, kind, year and place (the
// doclist template function of every page that lists documents).
func docList(lang string, docs []*baogao.Document) template.HTML {
	var w htmlWriter
	w.raw(`<ul class="doclist">`, "\n")
	for _, d := range docs {
		w.raw(`<li><a href="`, d.URL(), `">`)
		w.text(d.Meta.Title)
		w.raw("</a>")
		w.badges(lang, d.Meta)
		w.raw("\n", `<span class="meta">`)
		kind := d.Meta.Kind.Name()
		if lang == langEN {
			kind = kindNamesEN[d.Meta.Kind]
		}
		w.text(kind)
		if d.Meta.Year != 0 {
			w.raw(" · ", strconv.Itoa(d.Meta.Year))
		}
		if d.Meta.Place != "" {
			w.raw(" · ")
			w.text(d.Meta.Place)
		}
		w.raw("</span></li>\n")
	}
	w.raw("</ul>")
	return w.html()
}
