package main

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/baogao/baogao/internal/demo"
	"github.com/baogao/baogao/internal/ingest"
	"github.com/baogao/baogao/internal/place"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// maxImportMemory is the peak memory (resident set) that importing or
// crawling any one file within the size limits may cost (issue 9, item 6).
const maxImportMemory = 200 << 20

// TestImportMemory imports and crawls, each in a process of its own, pages
// as large as an import takes whose costs lie in different places — a
// report with an inline image (a large original), the same page in GBK
// (decoding), a page of a span per two characters (a million elements) —
// and checks each run's peak memory (VmHWM, as /usr/bin/time -f %M reports
// it: the child's rusage would count this process's memory, which it
// shared until exec).
func TestImportMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: imports 30 MB pages")
	}
	paras := reportParagraphs(t, 3500<<10)
	dir := t.TempDir()
	var image bytes.Buffer // about 3.5 MB of text and a 28 MB inline image
	image.WriteString(`<html><head><meta charset="utf-8"><title>云溪县2023年政府工作报告</title></head><body><h1>云溪县2023年政府工作报告</h1>`)
	img := make([]byte, 41<<19)
	rand.NewChaCha8([32]byte{9}).Read(img)
	image.WriteString(`<p><img src="data:image/png;base64,` + base64.StdEncoding.EncodeToString(img) + `"></p>`)
	for _, p := range paras {
		image.WriteString("<p>" + p + "</p>\n")
	}
	image.WriteString("</body></html>")
	gbk, err := simplifiedchinese.GBK.NewEncoder().Bytes(bytes.Replace(image.Bytes(), []byte(`charset="utf-8"`), []byte(`charset="gbk"`), 1))
	if err != nil {
		t.Fatal(err)
	}
	var spans bytes.Buffer // a span per two characters, as word processors save
	spans.WriteString(`<html><head><meta charset="utf-8"><title>云溪县2023年政府工作报告</title></head><body><h1>云溪县2023年政府工作报告</h1>`)
	for _, p := range paras {
		spans.WriteString(`<p class="MsoNormal" style="line-height:150%">`)
		r := []rune(p)
		for i := 0; i < len(r); i += 2 {
			spans.WriteString(`<span style="font-family:宋体;font-size:16pt">` + string(r[i:min(i+2, len(r))]) + `</span>`)
		}
		spans.WriteString("</p>\n")
		if spans.Len() > 29<<20 {
			break
		}
	}
	spans.WriteString("</body></html>")

	pages := map[string][]byte{"/image.html": image.Bytes(), "/gbk.html": gbk, "/spans.html": spans.Bytes()}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if b, ok := pages[r.URL.Path]; ok {
			w.Header().Set("Content-Type", "text/html")
			w.Write(b)
			return
		}
		http.NotFound(w, r)
	}))
	defer srv.Close()
	for _, name := range []string{"image.html", "gbk.html", "spans.html"} {
		raw := pages["/"+name]
		if len(raw) < 28<<20 || len(raw) > ingest.MaxBytes {
			t.Fatalf("%s is %d MB, not near the %d MB limit", name, len(raw)>>20, ingest.MaxBytes>>20)
		}
		file := filepath.Join(dir, name)
		if err := os.WriteFile(file, raw, 0o644); err != nil {
			t.Fatal(err)
		}
		// The same page imported from a file and fetched by the crawler.
		for _, args := range [][]string{
			{"import", "--db", filepath.Join(dir, name+".import.db"), file},
			{"crawl", "--db", filepath.Join(dir, name+".crawl.db"), "--allow-private", srv.URL + "/" + name},
		} {
			cmd := exec.Command(os.Args[0], args...)
			cmd.Env = append(os.Environ(), "BAOGAO_TEST_MAIN=1", "BAOGAO_TEST_PEAK=1")
			out, err := cmd.CombinedOutput()
			if err != nil || !strings.Contains(string(out), "imported 1,") && !strings.Contains(string(out), "stored 1,") {
				t.Errorf("%s %s: %v: %.1000s", args[0], name, err, out)
				continue
			}
			var peak int64
			if _, err := fmt.Sscanf(string(out[bytes.LastIndex(out, []byte("peak ")):]), "peak %d kB", &peak); err != nil {
				t.Fatalf("%s %s: no peak in %.1000q", args[0], name, out)
			}
			peak <<= 10
			t.Logf("%s %s (%d MB): peak %d MB", args[0], name, len(raw)>>20, peak>>20)
			if peak > maxImportMemory {
				t.Errorf("%s %s (%d MB): peaked at %d MB, over %d MB", args[0], name, len(raw)>>20, peak>>20, maxImportMemory>>20)
			}
		}
	}
}

// reportParagraphs returns the paragraphs of generated reports, n bytes of
// them, each numbered so that none repeats.
func reportParagraphs(t *testing.T, n int) []string {
	t.Helper()
	var out []string
	size := 0
	g := place.Default()
	err := demo.Generate(demo.Options{Docs: 1000, YearFrom: 2016, YearTo: 2024, Seed: 5}, g, g.All(), func(d *demo.Doc) error {
		for _, l := range strings.Split(d.Text, "\n") {
			if size >= n || len([]rune(l)) < 20 {
				continue
			}
			l = fmt.Sprintf("%s（%d）", l, len(out))
			out = append(out, l)
			size += len(l)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if size < n {
		t.Fatalf("%d bytes of paragraphs, want %d", size, n)
	}
	return out
}
