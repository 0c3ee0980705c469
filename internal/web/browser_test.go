package web

import (
	"bytes"
	"context"
	"fmt"
	"github.com/baogao/baogao/internal/corpustest"
	"image"
	"image/png"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/baogao/baogao"
	"github.com/baogao/baogao/internal/demo"
	"github.com/baogao/baogao/internal/ingest"
	"github.com/baogao/baogao/internal/place"
	"github.com/baogao/baogao/internal/sqlite"
	"github.com/chromedp/chromedp"
)

// demoSite serves an archive holding the seed report and a small generated
// archive, and returns the seed's document.
func demoSite(t *testing.T, docs int) (*httptest.Server, *Server, baogao.Store, *baogao.Document) {
	return demoSiteB(t, docs)
}

func demoSiteB(t testing.TB, docs int) (*httptest.Server, *Server, baogao.Store, *baogao.Document) {
	t.Helper()
	shared := corpustest.Dir(t)
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "site.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	g := place.Default()
	if err := st.SyncPlaces(ctx, g); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(filepath.Join(shared, "corpus", "seed.txt"))
	if err != nil {
		t.Fatal(err)
	}
	im := &ingest.Importer{Store: st, Parser: ingest.NewParser(g)}
	r := im.Import(ctx, raw, ingest.Input{Name: "seed.txt"})
	if r.Status != ingest.StatusImported {
		t.Fatalf("seed: %+v", r)
	}
	seed, err := st.Document(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	var batch []*baogao.Document
	var srcs []baogao.Source
	err = demo.Generate(demo.Options{Docs: docs, YearFrom: 2019, YearTo: 2024, Seed: 1}, g, g.All(), func(d *demo.Doc) error {
		doc := d.Document
		ingest.Finish(&doc)
		batch = append(batch, &doc)
		srcs = append(srcs, baogao.Source{File: fmt.Sprintf("demo:1/%d", len(batch)), SHA256: ingest.SHA256([]byte(d.Text))})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.AddDocuments(ctx, batch, srcs); err != nil {
		t.Fatal(err)
	}
	srv, err := New(Config{Store: st, Places: g, RateLimit: -1})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return ts, srv, st, seed
}

// browser starts Debian's chromium headless, or skips when it is missing
// (and fails when BAOGAO_REQUIRE_BROWSER is set, as in CI).
func browser(t *testing.T) context.Context {
	t.Helper()
	path, err := exec.LookPath("chromium")
	if err != nil {
		if os.Getenv("BAOGAO_REQUIRE_BROWSER") != "" {
			t.Fatal("chromium is required (BAOGAO_REQUIRE_BROWSER) but not installed")
		}
		t.Skip("chromium not installed; skipping browser tests")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(path), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()))
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() { cancel(); cancelA() })
	if err := chromedp.Do(ctx); err != nil { // start the browser
		t.Fatalf("starting chromium: %v", err)
	}
	return ctx
}

// outputDir is where screenshots go: $BAOGAO_TEST_OUTPUT or test-output/
// at the top of the repository.
func outputDir(t *testing.T) string {
	dir := os.Getenv("BAOGAO_TEST_OUTPUT")
	if dir == "" {
		dir = filepath.Join("..", "..", "test-output")
	}
	dir = filepath.Join(dir, "screenshots")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestBrowser renders every page type at desktop and phone widths in a real
// browser, saves full-page screenshots and checks them: not blank, no
// horizontal overflow. On the seed's page it checks the title, the
// navigation menu, the place link and the outline.
func TestBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser tests are slow")
	}
	ts, _, _, seed := demoSite(t, 300)
	ctx := browser(t)
	out := outputDir(t)

	pages := map[string]string{
		"home":     "/",
		"listing":  "/baogao/huadong/",
		"document": seed.URL(),
		"place":    "/place/370828",
		"search":   "/search?q=" + "冷链物流",
		"notfound": "/no/such/page",
	}
	if resp, err := http.Get(ts.URL + "/search?q=x"); err != nil || resp.StatusCode == http.StatusNotFound {
		t.Log("no /search page in this build; not screenshotting it")
		delete(pages, "search")
	}
	for _, vp := range []struct {
		name string
		w, h int64
	}{{"desktop", 1280, 900}, {"phone", 375, 740}, {"narrow", 360, 640}} {
		for name, path := range pages {
			t.Run(vp.name+"/"+name, func(t *testing.T) {
				tctx, cancel := context.WithTimeout(ctx, 60*time.Second)
				defer cancel()
				err := chromedp.Do(tctx, chromedp.EmulateViewport(vp.w, vp.h), chromedp.Navigate(ts.URL+path), chromedp.WaitVisible("main"))
				if err != nil {
					t.Fatal(err)
				}
				overflow, err := chromedp.Run(tctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth - document.documentElement.clientWidth`))
				if err != nil {
					t.Fatal(err)
				}
				if overflow > 0 {
					t.Errorf("page is %d px wider than the %d px viewport", overflow, vp.w)
				}
				shot, err := chromedp.Run(tctx, chromedp.FullScreenshot(100))
				if err != nil {
					t.Fatal(err)
				}
				file := filepath.Join(out, vp.name+"-"+name+".png")
				if err := os.WriteFile(file, shot, 0o644); err != nil {
					t.Fatal(err)
				}
				if share := inkShare(t, shot); share < 0.01 {
					t.Errorf("%s looks blank: %.4f of its pixels differ from the background", file, share)
				}
			})
		}
	}

	t.Run("seed document", func(t *testing.T) {
		tctx, cancel := context.WithTimeout(ctx, 60*time.Second)
		defer cancel()
		if err := chromedp.Do(tctx, chromedp.EmulateViewport(1280, 900), chromedp.Navigate(ts.URL+seed.URL()), chromedp.WaitVisible("h1")); err != nil {
			t.Fatal(err)
		}
		title, err := chromedp.Run(tctx, chromedp.Text("main h1"))
		if err != nil || strings.TrimSpace(title) != "(山东省)金乡县人民政府工作报告(2023年1月3日)" {
			t.Errorf("title = %q, %v", title, err)
		}
		menu, err := chromedp.Run(tctx, chromedp.Evaluate[int](`document.querySelectorAll('nav[aria-label="导航菜单"] a').length`))
		if err != nil || menu < 4 {
			t.Errorf("navigation menu has %d links (%v)", menu, err)
		}
		place, err := chromedp.Run(tctx, chromedp.Evaluate[int](`document.querySelectorAll('a[href="/place/370828"]').length`))
		if err != nil || place == 0 {
			t.Errorf("no link to /place/370828 (%v)", err)
		}
		outline, err := chromedp.Run(tctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('nav.outline a')].map(a => a.textContent)`))
		if err != nil || len(outline) < 3 || !containsString(outline, "二、2023年工作安排") {
			t.Errorf("outline = %q (%v)", outline, err)
		}
		// Each outline link leads to its heading.
		missing, err := chromedp.Run(tctx, chromedp.Evaluate[int](`[...document.querySelectorAll('nav.outline a')].filter(a => !document.getElementById(a.hash.slice(1))).length`))
		if err != nil || missing != 0 {
			t.Errorf("%d outline links lead nowhere (%v)", missing, err)
		}
		// Every extracted value links to a highlighted sentence.
		unlinked, err := chromedp.Run(tctx, chromedp.Evaluate[int](`[...document.querySelectorAll('.data td a[href^="#"]')].filter(a => !document.getElementById(a.hash.slice(1))).length`))
		if err != nil || unlinked != 0 {
			t.Errorf("%d extracted values link to nothing (%v)", unlinked, err)
		}
	})
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if strings.TrimSpace(x) == s {
			return true
		}
	}
	return false
}

// inkShare returns the share of a screenshot's pixels that differ from its
// most common colour (the background).
func inkShare(t *testing.T, shot []byte) float64 {
	img, err := png.Decode(bytes.NewReader(shot))
	if err != nil {
		t.Fatalf("screenshot is not a PNG: %v", err)
	}
	counts := map[uint32]int{}
	b := img.Bounds()
	step := 2
	total := 0
	for y := b.Min.Y; y < b.Max.Y; y += step {
		for x := b.Min.X; x < b.Max.X; x += step {
			r, g, bl, _ := img.At(x, y).RGBA()
			counts[(r>>11)<<10|(g>>11)<<5|bl>>11]++
			total++
		}
	}
	most := 0
	for _, n := range counts {
		most = max(most, n)
	}
	_ = image.Point{}
	return float64(total-most) / float64(total)
}
