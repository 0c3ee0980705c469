package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/baogao/baogao/internal/sqlite"
)

// startServe starts `baogao serve` on the archive in a child process on a
// free port and returns its base URL; the process is stopped when the test
// ends.
func startServe(t *testing.T, db string, flags ...string) (string, *exec.Cmd) {
	t.Helper()
	args := append([]string{"serve", "--db", db, "--addr", "127.0.0.1:0"}, flags...)
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "BAOGAO_TEST_MAIN=1")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})
	urlc := make(chan string, 1)
	go func() {
		serving := regexp.MustCompile(`url=(http://\S+/)`)
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			if m := serving.FindStringSubmatch(sc.Text()); m != nil {
				urlc <- strings.TrimSuffix(m[1], "/")
			}
		}
		io.Copy(io.Discard, stderr)
	}()
	select {
	case u := <-urlc:
		return u, cmd
	case <-time.After(time.Minute):
		t.Fatal("baogao serve did not start within a minute")
	}
	return "", nil
}

// TestFreshServerUnderLoad starts a fresh server (no statement prepared
// yet), opens 64 keep-alive connections and sends on each at once a request
// for one document page, and one for /healthz, five times over. A server
// whose pages hold a connection while waiting for another deadlocks in the
// first moments of such a load (not every time: it is a race) and then
// answers nothing, ever; a healthy one answers all of them in well under a
// second on an idle machine. The bound, 15 s a round, is far above what a
// busy shared machine needs and still fails a deadlock.
func TestFreshServerUnderLoad(t *testing.T) {
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "load.db")
	if code, _, errOut := runCLI(t, "", "demo", "--db", db, "--docs", "60"); code != 0 {
		t.Fatalf("demo: %s", errOut)
	}
	st, err := sqlite.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := st.Document(ctx, 1)
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	const clients = 64
	const bound = 15 * time.Second
	paths := make([]string, clients+1)
	for i := range clients {
		paths[i] = doc.URL()
	}
	paths[clients] = "/healthz"
	for round := range 5 {
		// More pages at once than the pool has connections, whatever the CPUs.
		base, cmd := startServe(t, db, "--concurrency", "16", "--page-cache=false")
		began := time.Now()
		errs := burst(t, strings.TrimPrefix(base, "http://"), paths, bound)
		for i, err := range errs {
			if i < 3 {
				t.Error(err)
			}
		}
		if len(errs) > 0 {
			t.Fatalf("round %d: %d of %d requests failed (a stalled server times out after %s)", round+1, len(errs), len(paths), bound)
		}
		t.Logf("round %d: %d pages and /healthz answered in %s", round+1, clients, time.Since(began).Round(time.Millisecond))
		cmd.Process.Kill()
		cmd.Wait()
	}
}

// burst opens one connection per path, then sends each its GET at once, as
// wrk does, and returns the errors of the requests not answered 200 within
// the bound.
func burst(t *testing.T, host string, paths []string, bound time.Duration) []error {
	conns := make([]net.Conn, len(paths))
	for i := range conns {
		c, err := net.Dial("tcp", host)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		c.SetDeadline(time.Now().Add(bound))
		conns[i] = c
	}
	for i, c := range conns {
		fmt.Fprintf(c, "GET %s HTTP/1.1\r\nHost: %s\r\n\r\n", paths[i], host)
	}
	var wg sync.WaitGroup
	errs := make(chan error, len(conns))
	for i, c := range conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			resp, err := http.ReadResponse(bufio.NewReader(c), nil)
			if err != nil {
				errs <- fmt.Errorf("%s: %w", paths[i], err)
				return
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				errs <- fmt.Errorf("%s: status %d", paths[i], resp.StatusCode)
			}
		}()
	}
	wg.Wait()
	close(errs)
	var out []error
	for err := range errs {
		out = append(out, err)
	}
	return out
}
