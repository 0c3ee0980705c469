package web

import (
	"context"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/baogao/baogao"
	"github.com/chromedp/chromedp"
)

// TestReadingBrowser is the reading site's acceptance in a real browser,
// over the shared corpus: /place/ → a province → a county → a document;
// the corpus's shortest report fragment shows 节选 and a full provincial
// report 全文; the document page has the citation box and citation_title;
// at 390 px no number in a data table is broken across lines.
func TestReadingBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser tests are slow")
	}
	ts, st := corpusSite(t)
	ctx := browser(t)
	out := outputDir(t)
	tctx := func(t *testing.T) context.Context {
		c, cancel := context.WithTimeout(ctx, 60*time.Second)
		t.Cleanup(cancel)
		return c
	}
	// open loads a page at a width and waits for sel.
	open := func(t *testing.T, w, h int64, path, sel string) {
		t.Helper()
		if err := chromedp.Do(tctx(t), chromedp.EmulateViewport(w, h), chromedp.Navigate(ts.URL+path), chromedp.WaitVisible(sel)); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
	}
	js := func(t *testing.T, expr string) string {
		t.Helper()
		v, err := chromedp.Run(tctx(t), chromedp.Evaluate[string](expr))
		if err != nil {
			t.Fatalf("%s: %v", expr, err)
		}
		return v
	}
	shot := func(t *testing.T, name string) {
		t.Helper()
		png, err := chromedp.Run(tctx(t), chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(out, name+".png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	// view saves what the window shows.
	view := func(t *testing.T, name string) {
		t.Helper()
		png, err := chromedp.Run(tctx(t), chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(out, name+".png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	t.Run("place to document", func(t *testing.T) {
		open(t, 1280, 900, "/place/", "ol.placeindex")
		shot(t, "reading-places")
		// A reader follows links: 河南省, then a county with documents, then one.
		follow := func(sel string) string {
			t.Helper()
			href := js(t, `(document.querySelector('`+sel+`') || {}).getAttribute ? document.querySelector('`+sel+`').getAttribute('href') : ""`)
			if href == "" {
				t.Fatalf("no link %s", sel)
			}
			if err := chromedp.Do(tctx(t), chromedp.Click(sel), chromedp.WaitVisible("main h1")); err != nil {
				t.Fatal(err)
			}
			if loc := js(t, `location.pathname`); loc != href {
				t.Fatalf("clicked %s, landed on %s", href, loc)
			}
			return href
		}
		follow(`ol.placeindex a[href="/place/410000"]`)
		if h1 := js(t, `document.querySelector('main h1').textContent`); h1 != "河南省" {
			t.Fatalf("province page h1 %q", h1)
		}
		shot(t, "reading-province")
		follow(`.child ul.places li:not(.empty) a`)
		follow(`ul.doclist li a`)
		if js(t, `document.querySelector('article.document') ? "yes" : ""`) != "yes" {
			t.Error("the last page is not a document")
		}
	})

	ids, err := st.DocumentIDs(context.Background(), 0, 1000)
	if err != nil {
		t.Fatal(err)
	}
	var fragment, full *baogao.Document
	for _, id := range ids {
		d, err := st.Document(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case d.Meta.Kind == baogao.KindWorkReport && (fragment == nil || len(d.Body) < len(fragment.Body)):
			fragment = d
		case d.Meta.Kind == baogao.KindWorkReport && d.Meta.Level == baogao.LevelProvince && len(d.Body) > 30000 && full == nil:
			full = d
		}
	}
	if fragment == nil || full == nil {
		t.Fatal("the corpus has no report fragment or no full provincial report")
	}
	for _, tc := range []struct {
		name  string
		doc   *baogao.Document
		badge string
	}{{"fragment", fragment, "节选"}, {"full", full, "全文"}} {
		t.Run(tc.name+" badge", func(t *testing.T) {
			open(t, 1280, 900, tc.doc.URL(), "article.document h1")
			badge := js(t, `document.querySelector('.facts .badge').textContent`)
			title := js(t, `document.querySelector('meta[name="citation_title"]').content`)
			cite := js(t, `document.querySelector('#cite .gbt').textContent`)
			styles := js(t, `String(document.querySelectorAll('#cite .apa, #cite .bibtex').length)`)
			if badge != tc.badge {
				t.Errorf("%s (%d bytes): badge %q, want %q", tc.doc.Meta.Title, len(tc.doc.Body), badge, tc.badge)
			}
			if title != tc.doc.Meta.Title || styles != "2" || !strings.Contains(cite, "[EB/OL]") || !strings.Contains(cite, "https://baogao.example.org"+tc.doc.URL()) {
				t.Errorf("citation_title %q, GB/T 7714 %q, %s other styles", title, cite, styles)
			}
			shot(t, "reading-"+tc.name)
			// Listed on its place's page with the same badge.
			open(t, 1280, 900, "/place/"+tc.doc.Meta.PlaceCode, "main h1")
			listed := js(t, `(() => { const a = document.querySelector('ul.doclist a[href="`+tc.doc.URL()+`"]'); const b = a && a.parentElement.querySelector('.badge'); return b ? b.textContent : "" })()`)
			if listed != tc.badge {
				t.Errorf("listed with badge %q, want %q", listed, tc.badge)
			}
		})
	}

	t.Run("search opens at the first hit", func(t *testing.T) {
		open(t, 1280, 900, "/search?q="+url.QueryEscape("地区生产总值"), "ol.results")
		counts := js(t, `String([...document.querySelectorAll('form.filters select')].filter(s => /\(\d+\)/.test(s.textContent)).map(s => s.name))`)
		for _, f := range []string{"kind", "province", "level", "year"} {
			if !strings.Contains(counts, f) {
				t.Errorf("the results show no counts for %s (selects with counts: %s)", f, counts)
			}
		}
		shot(t, "reading-search")
		if err := chromedp.Do(tctx(t), chromedp.Click("ol.results li a"), chromedp.WaitVisible("article.document h1")); err != nil {
			t.Fatal(err)
		}
		if h := js(t, `location.hash`); h != "#hit-1" {
			t.Errorf("opened at %q, want #hit-1", h)
		}
		// The first hit is on screen, marked; clicking it goes to the second.
		inView := js(t, `(() => { const r = document.getElementById('hit-1').getBoundingClientRect(); return String(r.top > -8 && r.top < innerHeight - r.height) })()`)
		if inView != "true" {
			t.Error("the first hit is not on screen")
		}
		view(t, "reading-hit")
		if err := chromedp.Do(tctx(t), chromedp.Click("#hit-1")); err != nil {
			t.Fatal(err)
		}
		if n := js(t, `String(document.querySelectorAll('a.hit[id]').length)`); n != "1" && js(t, `location.hash`) != "#hit-2" {
			t.Errorf("clicking the first hit went to %s", js(t, `location.hash`))
		}
	})

	t.Run("side column and folding outline", func(t *testing.T) {
		open(t, 1280, 900, full.URL(), "article.document h1")
		side := js(t, `(() => { const a = document.querySelector('aside.side'); if (!a) return "none"; const s = getComputedStyle(a); const o = a.querySelector('nav.outline'); return [s.position, o && getComputedStyle(o).display, document.querySelectorAll('aside.side .card dd').length > 0, getComputedStyle(document.querySelector('details.outline-fold')).display].join(" ") })()`)
		if side != "sticky block true none" {
			t.Errorf("at 1280 px: side column %q, want sticky, outline shown, a card of targets, no folded outline", side)
		}
		if js(t, `String(!!document.querySelector('aside.side nav.outline a[href="#data-title"]'))`) != "true" {
			t.Error("the outline does not lead to the extracted data")
		}
		// Scrolled down, the side column stays in view.
		top := js(t, `(() => { scrollTo(0, document.body.scrollHeight / 2); return String(Math.round(document.querySelector('aside.side').getBoundingClientRect().top)) })()`)
		if top != "16" {
			t.Errorf("scrolled half way, the side column's top is at %s px", top)
		}
		view(t, "reading-wide-scrolled")
		js(t, `String(scrollTo(0, 0))`)
		view(t, "reading-wide")
		open(t, 390, 844, full.URL(), "article.document h1")
		phone := js(t, `[getComputedStyle(document.querySelector('details.outline-fold')).display, document.querySelector('details.outline-fold').open, getComputedStyle(document.querySelector('aside.side nav.outline')).display].join(" ")`)
		if phone != "block false none" {
			t.Errorf("at 390 px: folded outline %q, want shown, closed, side outline hidden", phone)
		}
		if js(t, `String(document.documentElement.scrollWidth <= innerWidth)`) != "true" {
			t.Error("the page scrolls sideways at 390 px")
		}
		view(t, "reading-phone-top")
	})

	t.Run("numbers at 390 px", func(t *testing.T) {
		checked := 0
		for _, d := range []*baogao.Document{full, fragment} {
			open(t, 390, 844, d.URL(), "article.document h1")
			cells := js(t, `String(document.querySelectorAll('.data td.num').length)`)
			broken := js(t, `[...document.querySelectorAll('.data td.num')].filter(td => {
				const r = document.createRange(); r.selectNodeContents(td);
				return new Set([...r.getClientRects()].map(x => Math.round(x.top))).size > 1;
			}).map(td => td.textContent).join(" | ")`)
			if broken != "" {
				t.Errorf("%s: numbers broken across lines at 390 px: %s", d.URL(), broken)
			}
			if cells != "0" {
				checked++
			}
			if d == full {
				shot(t, "reading-phone-390")
			}
		}
		if checked == 0 {
			t.Error("no data table was checked")
		}
	})
}
