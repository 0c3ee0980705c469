package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"github.com/baogao/baogao/internal/corpustest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestMain lets tests run the binary's main in a child process: the test
// binary re-executes itself with BAOGAO_TEST_MAIN=1 and the command line.
func TestMain(m *testing.M) {
	if os.Getenv("BAOGAO_TEST_MAIN") == "1" {
		e := &env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv}
		ctx, stop := signalContext()
		code := run(ctx, e, os.Args[1:])
		stop()
		if os.Getenv("BAOGAO_TEST_PEAK") == "1" {
			// The process's own peak: its rusage would count the
			// parent's, whose memory it shared until exec.
			status, _ := os.ReadFile("/proc/self/status")
			for _, l := range strings.Split(string(status), "\n") {
				if strings.HasPrefix(l, "VmHWM:") {
					fmt.Fprintln(os.Stderr, "peak", strings.TrimSpace(strings.TrimPrefix(l, "VmHWM:")))
				}
			}
		}
		os.Exit(code)
	}
	os.Exit(m.Run())
}

// runCLI runs a command line in-process and returns its exit status and output.
func runCLI(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb, getenv: func(string) string { return "" }}
	code := run(context.Background(), e, args)
	return code, out.String(), errb.String()
}

func TestExtractSeed(t *testing.T) {
	seed := filepath.Join(corpustest.Dir(t), "corpus", "seed.txt")
	code, out, errOut := runCLI(t, "", "extract", "--json", seed)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var got struct {
		Meta    map[string]any `json:"meta"`
		Outline []struct {
			Level  int    `json:"level"`
			Title  string `json:"title"`
			Offset int    `json:"offset"`
		} `json:"outline"`
		Targets  []map[string]any `json:"targets"`
		Outcomes []map[string]any `json:"outcomes"`
		Goals    []map[string]any `json:"goals"`
		Projects []map[string]any `json:"projects"`
		Body     *string          `json:"body"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out)
	}
	want := map[string]any{"title": "(山东省)金乡县人民政府工作报告(2023年1月3日)", "place_code": "370828", "place": "山东省济宁市金乡县",
		"region": "huadong", "kind": "work_report", "year": float64(2023), "date": "2023-01-03", "script": "simplified"}
	for k, v := range want {
		if got.Meta[k] != v {
			t.Errorf("meta.%s = %v, want %v", k, got.Meta[k], v)
		}
	}
	if got.Targets == nil || got.Outcomes == nil || got.Goals == nil || got.Projects == nil {
		t.Error("targets, outcomes, goals and projects must be arrays, not null")
	}
	if got.Body != nil {
		t.Error("body printed without --body")
	}
	_, out, _ = runCLI(t, "", "extract", seed, "--json", "--body") // flags after the argument
	if err := json.Unmarshal([]byte(out), &got); err != nil || got.Body == nil {
		t.Fatalf("--body: %v", err)
	}
	for _, h := range got.Outline {
		if !strings.HasPrefix(string([]rune(*got.Body)[h.Offset:]), h.Title) {
			t.Errorf("outline offset %d does not point at %q", h.Offset, h.Title)
		}
	}
	raw, _ := os.ReadFile(seed)
	code, out, _ = runCLI(t, string(raw), "extract", "-")
	if code != 0 || !strings.Contains(out, "370828 山东省济宁市金乡县") {
		t.Errorf("extract from stdin: exit %d\n%s", code, out)
	}
}

func TestErrorsAreOneLine(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"unknown command", []string{"frobnicate"}, 2, "unknown command"},
		{"missing file", []string{"extract", filepath.Join(dir, "nope.txt")}, 2, "cannot read"},
		{"empty file", []string{"extract", writeFile(t, dir, "empty.txt", "")}, 2, "empty file"},
		{"binary", []string{"extract", writeFile(t, dir, "x.bin", "\x00\x01\x02ELF")}, 2, "binary file"},
		{"import nothing", []string{"import", "--db", filepath.Join(dir, "a.db")}, 2, "no files"},
		{"import missing", []string{"import", "--db", filepath.Join(dir, "a.db"), filepath.Join(dir, "nope")}, 2, "no such file"},
		{"bad flag", []string{"import", "--frob"}, 2, ""},
		{"bad years", []string{"demo", "--db", filepath.Join(dir, "a.db"), "--years", "2024-2018"}, 2, "years"},
		{"postgres", []string{"import", "--db", "postgres://localhost/x", writeFile(t, dir, "r.txt", "报告")}, 1, "PostgreSQL"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errOut := runCLI(t, "", tc.args...)
			if code != tc.code {
				t.Errorf("exit %d, want %d (%s)", code, tc.code, errOut)
			}
			if !strings.Contains(errOut, tc.msg) {
				t.Errorf("stderr %q lacks %q", errOut, tc.msg)
			}
			if tc.msg != "" && strings.Count(strings.TrimSpace(errOut), "\n") != 0 {
				t.Errorf("error is not one line: %q", errOut)
			}
		})
	}
}

func TestHelp(t *testing.T) {
	for _, c := range commands {
		code, out, _ := runCLI(t, "", c.name, "--help")
		if code != 0 || !strings.Contains(out, "usage: baogao "+c.name) {
			t.Errorf("%s --help: exit %d, %q", c.name, code, out)
		}
	}
	code, out, _ := runCLI(t, "", "help")
	if code != 0 || !strings.Contains(out, "import") {
		t.Errorf("help: %d %q", code, out)
	}
}

func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}
