package web

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// TestTargetsBrowser renders a place page and /targets in a real browser:
// with JavaScript the charts are drawn (ECharts reports its series and the
// canvas has ink) and nothing breaks the Content-Security-Policy; without
// JavaScript the charts stay hidden and the tables show the same numbers.
// Screenshots of both go to $BAOGAO_TEST_OUTPUT/screenshots.
func TestTargetsBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser tests are slow")
	}
	ts, _, st, _ := demoSite(t, 600)
	ref := busiestPlace(t, st)
	out := outputDir(t)
	pages := []struct{ name, path, chart string }{
		{"place", "/place/" + ref.PlaceCode, "chart-gdp_growth"},
		{"targets", "/targets?indicator=gdp_growth&place=" + ref.PlaceCode[:2] + "0000&level=" + string(ref.Level), "chart-places"},
		{"targets-en", "/targets?lang=en&indicator=gdp_growth", "chart-years"},
	}
	shot := func(t *testing.T, ctx context.Context, name string) {
		t.Helper()
		png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(out, name+".png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
		if share := inkShare(t, png); share < 0.01 {
			t.Errorf("%s looks blank (%.4f)", name, share)
		}
	}

	t.Run("javascript", func(t *testing.T) {
		ctx := browser(t)
		// Errors the page reports: a script failing, a CSP violation.
		var mu sync.Mutex
		var problems []string
		report := func(s string) {
			mu.Lock()
			problems = append(problems, s)
			mu.Unlock()
		}
		if err := chromedp.Listen(ctx, func(ev any) {
			switch e := ev.(type) {
			case *log.EventEntryAdded:
				if e.Entry.Level == log.EntryLevelError {
					report(e.Entry.Text)
				}
			case *runtime.EventExceptionThrown:
				report(e.ExceptionDetails.Text)
			case *runtime.EventConsoleAPICalled:
				if e.Type == runtime.ConsoleAPICalledTypeError {
					report("console.error")
				}
			}
		}); err != nil {
			t.Fatal(err)
		}
		if _, err := chromedp.Call(ctx, log.Enable, cdp.Empty{}); err != nil {
			t.Fatal(err)
		}
		if _, err := chromedp.Call(ctx, runtime.Enable, cdp.Empty{}); err != nil {
			t.Fatal(err)
		}
		for _, p := range pages {
			t.Run(p.name, func(t *testing.T) {
				tctx, cancel := context.WithTimeout(ctx, 60*time.Second)
				defer cancel()
				sel := `div.chart[data-chart="` + p.chart + `"] canvas`
				if err := chromedp.Do(tctx, chromedp.EmulateViewport(1280, 900), chromedp.Navigate(ts.URL+p.path), chromedp.WaitVisible(sel)); err != nil {
					t.Fatalf("%s: %v", p.path, err)
				}
				time.Sleep(600 * time.Millisecond) // the charts' animation
				// ECharts holds the chart's series, with as many points as the data block.
				points, err := chromedp.Run(tctx, chromedp.Evaluate[int](`(() => {
					const el = document.querySelector('div.chart[data-chart="`+p.chart+`"]');
					const spec = JSON.parse(document.getElementById('`+p.chart+`').textContent);
					const opt = echarts.getInstanceByDom(el).getOption();
					if (opt.series.length !== spec.series.length) return -1;
					const count = vs => vs.filter(v => v !== null && v !== undefined).length;
					const drawn = opt.series.reduce((n, s) => n + count(s.data), 0);
					return drawn === spec.series.reduce((n, s) => n + count(s.values), 0) ? drawn : -2;
				})()`))
				if err != nil || points < 1 {
					t.Errorf("%s: the chart holds %d points (%v)", p.name, points, err)
				}
				// The canvas is drawn on: a share of its pixels has ink.
				ink, err := chromedp.Run(tctx, chromedp.Evaluate[float64](`(() => {
					const c = document.querySelector('`+sel+`');
					const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
					let n = 0;
					for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
					return n / (d.length / 4);
				})()`))
				if err != nil || ink < 0.005 {
					t.Errorf("%s: the chart's canvas is blank (%.4f of pixels drawn, %v)", p.name, ink, err)
				}
				hidden, err := chromedp.Run(tctx, chromedp.Evaluate[bool](`getComputedStyle(document.querySelector('.nojs')).display === 'none'`))
				if err != nil || !hidden {
					t.Errorf("%s: the note for readers without JavaScript shows (%v)", p.name, err)
				}
				// The tooltip writes values as the table does.
				if p.name == "place" {
					tip, err := chromedp.Run(tctx, chromedp.Evaluate[string](`(() => {
						const el = document.querySelector('div.chart[data-chart="`+p.chart+`"]');
						const ch = echarts.getInstanceByDom(el);
						const spec = JSON.parse(document.getElementById('`+p.chart+`').textContent);
						const i = spec.series[0].values.findIndex(v => v !== null);
						ch.dispatchAction({type: 'showTip', seriesIndex: 0, dataIndex: i});
						return [...el.querySelectorAll('div')].map(d => d.innerText).join('|');
					})()`))
					if err != nil || !strings.Contains(tip, "%") {
						t.Errorf("tooltip %q (%v)", tip, err)
					}
				}
				shot(t, tctx, "targets-js-"+p.name)
			})
		}
		// On a phone the page does not scroll sideways: the tables do.
		for _, p := range pages[:2] {
			t.Run("phone/"+p.name, func(t *testing.T) {
				tctx, cancel := context.WithTimeout(ctx, 60*time.Second)
				defer cancel()
				if err := chromedp.Do(tctx, chromedp.EmulateViewport(375, 740), chromedp.Navigate(ts.URL+p.path), chromedp.WaitVisible(`div.chart canvas`)); err != nil {
					t.Fatal(err)
				}
				overflow, err := chromedp.Run(tctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth - document.documentElement.clientWidth`))
				if err != nil || overflow > 0 {
					t.Errorf("%s is %d px wider than the phone (%v)", p.name, overflow, err)
				}
				shot(t, tctx, "targets-phone-"+p.name)
			})
		}
		mu.Lock()
		defer mu.Unlock()
		for _, pr := range problems {
			t.Errorf("browser reported: %s", pr)
		}
	})

	t.Run("no javascript", func(t *testing.T) {
		ctx := browser(t)
		if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
			t.Fatal(err)
		}
		for _, p := range pages {
			t.Run(p.name, func(t *testing.T) {
				tctx, cancel := context.WithTimeout(ctx, 60*time.Second)
				defer cancel()
				if err := chromedp.Do(tctx, chromedp.EmulateViewport(1280, 900), chromedp.Navigate(ts.URL+p.path), chromedp.WaitVisible("table.attainment")); err != nil {
					t.Fatalf("%s: %v", p.path, err)
				}
				state, err := chromedp.Run(tctx, chromedp.Evaluate[[]string](`[
					String(document.querySelector('div.chart[data-chart="`+p.chart+`"]').closest('figure').offsetHeight),
					String(document.querySelectorAll('table.attainment a[href*=".html#"]').length),
					getComputedStyle(document.querySelector('.nojs')).display]`))
				if err != nil {
					t.Fatal(err)
				}
				if state[0] != "0" {
					t.Errorf("%s: an empty chart figure %s px high without JavaScript", p.name, state[0])
				}
				if state[1] == "0" {
					t.Errorf("%s: the table links no number", p.name)
				}
				if state[2] == "none" {
					t.Errorf("%s: no note that the table stands for the chart", p.name)
				}
				shot(t, tctx, "targets-nojs-"+p.name)
			})
		}
	})
}
