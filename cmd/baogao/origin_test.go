package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/baogao/baogao/internal/corpustest"
)

// TestImportOrigins: --url gives one file's source its URL; --index gives
// each file of a batch the URL its index names (the corpus's INDEX.json,
// whose paths are relative to another folder).
func TestImportOrigins(t *testing.T) {
	shared := corpustest.Dir(t)
	corpus := filepath.Join(shared, "corpus")
	db := filepath.Join(t.TempDir(), "o.db")
	one := filepath.Join(t.TempDir(), "report.txt")
	os.WriteFile(one, []byte("2024年嘉禾县人民政府工作报告\n各位代表：\n一、2023年工作回顾\n地区生产总值增长5.8%。\n"), 0o644)
	if code, _, errOut := runCLI(t, "", "import", "--db", db, "--url", "https://www.jiahe.gov.cn/zfgzbg/2024.html", one); code != 0 {
		t.Fatalf("import --url: %s", errOut)
	}
	files := []string{filepath.Join(corpus, "web", "t001.txt"), filepath.Join(corpus, "web2", "t2-050.txt")}
	if code, _, errOut := runCLI(t, "", append([]string{"import", "--db", db, "--index", filepath.Join(corpus, "INDEX.json")}, files...)...); code != 0 {
		t.Fatalf("import --index: %s", errOut)
	}
	st, err := openExisting(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	urls := map[string]string{}
	for id := int64(1); id <= 3; id++ {
		d, err := st.Document(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		urls[filepath.Base(d.Sources[0].File)] = d.Sources[0].URL
	}
	want := map[string]string{"report.txt": "https://www.jiahe.gov.cn/zfgzbg/2024.html",
		"t001.txt": "http://sdmsw.com.cn/sh/wl/2013-01/10595.html", "t2-050.txt": "http://www.energybangjia.com/xinwendongtai/579447.html"}
	for f, u := range want {
		if urls[f] != u {
			t.Errorf("%s: source URL %q, want %q", f, urls[f], u)
		}
	}
	for _, args := range [][]string{
		{"import", "--db", db, "--url", "https://a.example/x.html", files[0], files[1]},
		{"import", "--db", db, "--url", "javascript:alert(1)", one},
		{"import", "--db", db, "--index", filepath.Join(corpus, "seed.txt"), one},
	} {
		code, _, errOut := runCLI(t, "", args...)
		if code != 2 || strings.Count(errOut, "\n") != 1 {
			t.Errorf("%v: %d %q", args[3:], code, errOut)
		}
	}
}
