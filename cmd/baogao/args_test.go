package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestImportArgumentsNotFiles: arguments that are not regular files — a
// named pipe, /dev/zero, a missing path — each fail with a reason while
// the rest is imported (no hang, no run out of memory, no abort); in a
// folder a symbolic link to a file is followed and one to a folder is
// reported; a page with more text than a document may have is refused;
// a file name with a newline or an escape code is printed quoted.
func TestImportArgumentsNotFiles(t *testing.T) {
	dir := t.TempDir()
	report := "2023年金乡县人民政府工作报告\n各位代表：\n今年地区生产总值增长6%左右。\n"
	good := writeFile(t, dir, "good.txt", report)
	fifo := filepath.Join(dir, "pipe.txt")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	folder := filepath.Join(dir, "folder")
	os.Mkdir(folder, 0o755)
	elsewhere := writeFile(t, t.TempDir(), "linked.txt", strings.Replace(report, "6%", "7%", 1))
	os.Symlink(elsewhere, filepath.Join(folder, "link.txt"))
	os.Symlink(t.TempDir(), filepath.Join(folder, "dirlink"))
	os.Symlink(filepath.Join(dir, "gone.txt"), filepath.Join(folder, "broken.txt"))
	odd := writeFile(t, dir, "odd\nname\x1b[31m.txt", strings.Replace(report, "6%", "8%", 1))
	huge := filepath.Join(dir, "huge.html")
	os.WriteFile(huge, []byte("<html><body><p>"+strings.Repeat("各位代表，今年工作很多。", 500000)+"</p></body></html>"), 0o644)

	args := []string{"import", "--db", filepath.Join(dir, "a.db"), good, fifo, "/dev/zero", filepath.Join(dir, "missing.txt"), folder, odd, huge}
	type outcome struct {
		code        int
		out, errOut string
	}
	done := make(chan outcome, 1)
	go func() {
		code, out, errOut := runCLI(t, "", args...)
		done <- outcome{code, out, errOut}
	}()
	var o outcome
	select {
	case o = <-done:
	case <-time.After(60 * time.Second):
		t.Fatal("the import hangs (a named pipe or /dev/zero read for ever)")
	}
	if o.code != 0 || !strings.HasPrefix(o.out, "imported 3, duplicates 0, failed 4") {
		t.Errorf("exit %d, %q", o.code, o.out)
	}
	for _, want := range []string{
		"failed     " + fifo + ": a named pipe, not a file",
		"failed     /dev/zero: a device, not a file",
		"failed     " + filepath.Join(dir, "missing.txt") + ": no such file or folder",
		"failed     " + huge + ": 17 MB of text is over the 4 MB one document may have",
		"skipped    " + filepath.Join(folder, "dirlink") + ": symbolic link to a folder: not followed",
		"skipped    " + filepath.Join(folder, "broken.txt") + ": broken symbolic link",
	} {
		if !strings.Contains(o.errOut, want+"\n") {
			t.Errorf("stderr lacks %q:\n%s", want, o.errOut)
		}
	}

	// --json: one line per file, the odd name escaped by JSON; in text the
	// name is quoted, never printed raw.
	code, out, errOut := runCLI(t, "", "import", "--json", "--db", filepath.Join(dir, "b.db"), odd, fifo)
	if code != 0 {
		t.Fatalf("json: %d %s", code, errOut)
	}
	var lines []map[string]any
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("%q: %v", l, err)
		}
		lines = append(lines, m)
	}
	if len(lines) != 2 || lines[0]["file"] != fifo || lines[1]["file"] != odd || lines[1]["status"] != "imported" {
		t.Errorf("json lines: %v", lines)
	}
	os.WriteFile(odd, []byte(" "), 0o644) // now empty: it fails, and says so
	_, _, errOut = runCLI(t, "", "import", "--db", filepath.Join(dir, "c.db"), odd)
	if !strings.Contains(errOut, `"`+strings.ReplaceAll(strings.ReplaceAll(odd, "\n", `\n`), "\x1b", `\x1b`)+`"`) || strings.Contains(errOut, "\x1b") {
		t.Errorf("odd name not quoted: %q", errOut)
	}
}

// TestSignalsStopCommands: SIGTERM or SIGINT stops import, reindex and
// demo within two seconds, keeping what was done (the archive consistent),
// with one line saying so.
func TestSignalsStopCommands(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: generates an archive")
	}
	files := demoFiles(t, 1500, 13)
	db := filepath.Join(t.TempDir(), "sig.db")
	start := func(args ...string) (*exec.Cmd, *bytes.Buffer) {
		cmd := exec.Command(os.Args[0], args...)
		cmd.Env = append(os.Environ(), "BAOGAO_TEST_MAIN=1")
		var errb bytes.Buffer
		cmd.Stderr = &errb
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		return cmd, &errb
	}
	stop := func(name string, cmd *exec.Cmd, errb *bytes.Buffer, sig syscall.Signal) {
		t.Helper()
		if err := cmd.Process.Signal(sig); err != nil {
			t.Fatal(err)
		}
		exited := make(chan error, 1)
		go func() { exited <- cmd.Wait() }()
		select {
		case <-exited:
		case <-time.After(2 * time.Second):
			cmd.Process.Kill()
			t.Fatalf("%s: still running 2 s after %v", name, sig)
		}
		if code := cmd.ProcessState.ExitCode(); code != 1 || errb.String() != "baogao "+name+": interrupted; what was done is kept\n" {
			t.Errorf("%s: exit %d, stderr %q", name, code, errb.String())
		}
	}

	cmd, errb := start("import", "--db", db, files)
	for deadline := time.Now().Add(time.Minute); countDocuments(t, db) < 100; time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatal("import made no progress")
		}
	}
	stop("import", cmd, errb, syscall.SIGTERM)
	if n := countDocuments(t, db); n >= 1500 {
		t.Fatalf("the import finished (%d) before the signal", n)
	}
	checkConsistent(t, db)

	// The whole folder, so that reindex has three chunks to do.
	if code, _, errOut := runCLI(t, "", "import", "--db", db, files); code != 0 {
		t.Fatalf("import: %s", errOut)
	}
	cmd, errb = start("reindex", "--db", db)
	time.Sleep(300 * time.Millisecond)
	stop("reindex", cmd, errb, syscall.SIGINT)
	checkConsistent(t, db)

	cmd, errb = start("demo", "--db", filepath.Join(t.TempDir(), "demo.db"), "--docs", "20000")
	time.Sleep(1500 * time.Millisecond)
	stop("demo", cmd, errb, syscall.SIGINT)
}
