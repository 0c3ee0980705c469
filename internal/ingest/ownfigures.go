package ingest

import (
	"slices"
	"sort"
	"strings"

	"github.com/baogao/baogao"
	"github.com/baogao/baogao/internal/extract"
	"github.com/baogao/baogao/internal/place"
)

// Extract returns a document's extraction (extract.Extract) without the
// targets and outcomes of other places: the other cities of a roundup
// ("2022年郑州全市生产总值预计增长2%左右", "长沙2022年预计地区生产总值预计增长
// 4.8%" in an article filed under 武汉), a city's figure in its province's
// report ("泸州经济总量突破3000亿元"). A figure's place is the one its
// sentence names as its subject — a place name followed, within the
// figure's clause (a colon aside) and a few characters, by the figure's
// indicator ("2023年郑州的主要预期目标是生产总值增长7%") — or else that of the
// figure before it in the sentence ("…,规模以上工业增加值增长3.5%"). Names
// inside lists and project names ("建成投用重庆东站、…黔江段…，基础设施投资
// 增长3.2%") are not subjects. The document's own place and the places it
// lies in stand; a document without a place keeps every figure.
func (p *Parser) Extract(doc *baogao.Document) baogao.Extraction {
	ex := extract.Extract(doc.Body, doc.Meta)
	if doc.Meta.PlaceCode == "" || len(ex.Targets)+len(ex.Outcomes) == 0 {
		return ex
	}
	own := map[string]bool{doc.Meta.PlaceCode: true}
	for _, pl := range p.rec.places.Path(doc.Meta.PlaceCode) {
		own[pl.Code] = true
	}
	// Every figure in the order of the text, with where it goes.
	type fig struct {
		span    baogao.Span
		text    string
		label   string
		foreign *bool
	}
	drop := make([]bool, len(ex.Targets)+len(ex.Outcomes))
	var figs []fig
	for i, t := range ex.Targets {
		figs = append(figs, fig{t.Span, t.Text, t.Label, &drop[i]})
	}
	for i, o := range ex.Outcomes {
		figs = append(figs, fig{o.Span, o.Text, o.Label, &drop[len(ex.Targets)+i]})
	}
	slices.SortStableFunc(figs, func(a, b fig) int { return a.span[0] - b.span[0] })
	body := []rune(doc.Body)
	var ends []int // where sentences end, in order
	for i, r := range body {
		if strings.ContainsRune(sentenceEnds, r) {
			ends = append(ends, i)
		}
	}
	sentence, subject := -1, []string(nil) // the sentence of the last figure, and its subject
	for _, f := range figs {
		if f.span[0] < 0 || f.span[1] > len(body) || f.span[0] > f.span[1] {
			continue
		}
		start := 0
		if k := sort.SearchInts(ends, f.span[0]); k > 0 {
			start = ends[k-1] + 1
		}
		if start != sentence {
			sentence, subject = start, nil
		}
		before := f.text
		if i := strings.LastIndex(f.text, f.label); f.label != "" && i >= 0 {
			before = f.text[:i]
		}
		// A subject lies within maxSubjectGap of the indicator: the
		// sentence's last characters are all that need reading.
		window := []rune(string(body[max(start, f.span[0]-subjectWindow):f.span[0]]) + before)
		window = window[max(0, len(window)-subjectWindow):]
		if codes := subjectPlace(p.rec.places.Find(string(window)), window); codes != nil {
			subject = codes
		}
		*f.foreign = subject != nil && !slices.ContainsFunc(subject, func(c string) bool { return own[c] })
	}
	n := len(ex.Targets)
	ex.Targets, ex.Outcomes = keep(ex.Targets, drop[:n]), keep(ex.Outcomes, drop[n:])
	return ex
}

// keep returns the rows whose drop is false, in order.
func keep[T any](rows []T, drop []bool) []T {
	out := rows[:0]
	for i, r := range rows {
		if !drop[i] {
			out = append(out, r)
		}
	}
	return out
}

// sentenceEnds end a sentence, for Extract.
const sentenceEnds = "。！？!?\n"

// subjectWindow is how many characters before a figure's indicator are
// read for its subject: the gap and the longest place name, with room to
// spare, so that a sentence of thousands of figures costs no more than
// thousands of short ones.
const subjectWindow = 48

// maxSubjectGap is the most characters between a place named as a
// figure's subject and the figure's indicator ("2020年主要预期目标:全市").
const maxSubjectGap = 16

// subjectPlace returns the codes of the place that text (a sentence up to
// a figure's indicator) names as the figure's subject: its last strong
// mention, when nothing but a few characters without a comma or an
// enumeration comma lie between it and the end; else nil.
func subjectPlace(mentions []place.Mention, text []rune) []string {
	for i := len(mentions) - 1; i >= 0; i-- {
		m := mentions[i]
		if !m.Strong() {
			continue
		}
		gap := text[m.End:]
		if len(gap) > maxSubjectGap || slices.ContainsFunc(gap, func(r rune) bool { return strings.ContainsRune("，,、；;", r) }) {
			return nil
		}
		return m.Codes
	}
	return nil
}
