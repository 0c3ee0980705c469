package main

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"math/rand/v2"
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

// maxImportMemory is the peak memory (resident set) that importing any one
// file within the size limits may cost (issue 9, item 6).
const maxImportMemory = 200 << 20

// TestImportMemory imports, each in a process of its own, pages as large as
// an import takes whose costs lie in different places — a report with an
// inline image (a large original), the same page in GBK (decoding), a page
// of a span per two characters (a million elements) — and checks each
// import's peak memory. The rusage of the child is what /usr/bin/time -f
// %M reports.
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

	for _, page := range []struct {
		name string
		raw  []byte
	}{{"image.html", image.Bytes()}, {"gbk.html", gbk}, {"spans.html", spans.Bytes()}} {
		if len(page.raw) < 28<<20 || len(page.raw) > ingest.MaxBytes {
			t.Fatalf("%s is %d MB, not near the %d MB limit", page.name, len(page.raw)>>20, ingest.MaxBytes>>20)
		}
		file := filepath.Join(dir, page.name)
		if err := os.WriteFile(file, page.raw, 0o644); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(os.Args[0], "import", "--db", filepath.Join(dir, page.name+".db"), file)
		cmd.Env = append(os.Environ(), "BAOGAO_TEST_MAIN=1", "BAOGAO_TEST_PEAK=1")
		out, err := cmd.CombinedOutput()
		if err != nil || !strings.Contains(string(out), "imported 1,") {
			t.Errorf("%s: %v: %s", page.name, err, out)
			continue
		}
		var peak int64
		if _, err := fmt.Sscanf(string(out[bytes.LastIndex(out, []byte("peak ")):]), "peak %d kB", &peak); err != nil {
			t.Fatalf("%s: no peak in %q", page.name, out)
		}
		peak <<= 10
		t.Logf("%s (%d MB): peak %d MB", page.name, len(page.raw)>>20, peak>>20)
		if peak > maxImportMemory {
			t.Errorf("%s (%d MB): importing it peaked at %d MB, over %d MB", page.name, len(page.raw)>>20, peak>>20, maxImportMemory>>20)
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
