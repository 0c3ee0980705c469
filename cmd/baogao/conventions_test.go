package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestUsageAndHelp: help asked for goes to stdout with status 0; no
// command, or a bad flag, is a mistake: usage or one line on stderr, 2.
func TestUsageAndHelp(t *testing.T) {
	code, out, errOut := runCLI(t, "")
	if code != 2 || out != "" || !strings.Contains(errOut, "usage: baogao <command>") {
		t.Errorf("no command: %d, stdout %q, stderr %q", code, out, errOut)
	}
	for _, args := range [][]string{{"help"}, {"--help"}, {"-h"}} {
		code, out, errOut := runCLI(t, "", args...)
		if code != 0 || errOut != "" || !strings.Contains(out, "usage: baogao <command>") {
			t.Errorf("%v: %d, stdout %q, stderr %q", args, code, out, errOut)
		}
	}
	for _, c := range commands {
		for _, args := range [][]string{{c.name, "--help"}, {"help", c.name}} {
			code, out, errOut := runCLI(t, "", args...)
			if code != 0 || errOut != "" || !strings.HasPrefix(out, "usage: baogao "+c.name) {
				t.Errorf("%v: %d, stdout %q, stderr %q", args, code, out, errOut)
			}
		}
		code, out, errOut := runCLI(t, "", c.name, "--no-such-flag")
		if code != 2 || out != "" || strings.Count(errOut, "\n") != 1 || !strings.Contains(errOut, "no-such-flag") {
			t.Errorf("%s with a bad flag: %d, stdout %q, stderr %q", c.name, code, out, errOut)
		}
	}
}

// TestReadingCommandsNeedAnArchive: a command that reads the archive
// refuses a database file that does not exist, and does not create it.
func TestReadingCommandsNeedAnArchive(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "typo.db")
	for _, args := range [][]string{
		{"search", "--db", missing, "发展"},
		{"reindex", "--db", missing},
		{"targets", "--db", missing},
		{"outcomes", "--db", missing},
		{"links", "--db", missing},
		{"reextract", "--db", missing},
		{"delete", "--db", missing, "1"},
		{"backup", "--db", missing, filepath.Join(t.TempDir(), "copy.db")},
		{"serve", "--db", missing, "--addr", "127.0.0.1:0"},
	} {
		code, _, errOut := runCLI(t, "", args...)
		if code == 0 || !strings.Contains(errOut, "no archive at "+missing) || strings.Count(errOut, "\n") != 1 {
			t.Errorf("%v: %d, stderr %q", args, code, errOut)
		}
		if _, err := os.Stat(missing); err == nil {
			t.Fatalf("%v created %s", args, missing)
		}
	}
}

// TestNoColor: search marks its matches in bold on a terminal, and not
// with NO_COLOR or TERM=dumb, where the plain 【】 marks are used.
func TestNoColor(t *testing.T) {
	db := filepath.Join(t.TempDir(), "c.db")
	if code, _, errOut := runCLI(t, "", "demo", "--db", db, "--docs", "30"); code != 0 {
		t.Fatalf("demo: %s", errOut)
	}
	search := func(vars map[string]string) string {
		var out, errb bytes.Buffer
		e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errb, getenv: func(k string) string { return vars[k] }, stdoutTTY: true}
		if code := run(context.Background(), e, []string{"search", "--db", db, "发展"}); code != 0 {
			t.Fatalf("search: %d %s", code, errb.String())
		}
		return out.String()
	}
	if out := search(nil); !strings.Contains(out, "\x1b[1m") {
		t.Errorf("a terminal gets no bold:\n%s", out)
	}
	for _, env := range []map[string]string{{"NO_COLOR": "1"}, {"TERM": "dumb"}} {
		if out := search(env); strings.Contains(out, "\x1b") || !strings.Contains(out, "【") {
			t.Errorf("%v: escape codes in the output:\n%q", env, out)
		}
	}
}
