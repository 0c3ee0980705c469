package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/baogao/baogao"
	"github.com/baogao/baogao/internal/crawl"
)

var crawlCommand = command{
	name:    "crawl",
	args:    "[URL...]",
	summary: "follow listings from start URLs and store the reports, bulletins and plans found; resumable",
	setup: func(fs *flag.FlagSet, e *env) func(context.Context, []string) error {
		c := &crawlCmd{env: e}
		c.db = dbFlag(fs, e)
		fs.StringVar(&c.config, "config", "", "TOML file of crawl settings and per-site rules (see docs/crawling.md)")
		fs.BoolVar(&c.allowPrivate, "allow-private", false, "allow loopback, private and link-local addresses (intranet archives, tests)")
		fs.BoolVar(&c.json, "json", false, "print one JSON object per URL finished, and the summary as JSON")
		fs.BoolVar(&c.status, "status", false, "print the state of the latest crawl and exit")
		fs.Float64Var(&c.rate, "rate", 0, "requests per second per host (default 1, or the config's)")
		fs.IntVar(&c.depth, "max-depth", 0, "links followed from a start URL (default 3, or the config's)")
		return c.run
	},
}

type crawlCmd struct {
	*env
	db           *string
	config       string
	allowPrivate bool
	json         bool
	status       bool
	rate         float64
	depth        int
}

func (c *crawlCmd) run(ctx context.Context, args []string) error {
	if c.status {
		if len(args) > 0 {
			return baogao.Errorf(baogao.EINVALID, "--status takes no URL")
		}
		return c.printStatus(ctx)
	}
	cfg := &crawl.Config{}
	if c.config != "" {
		var err error
		if cfg, err = crawl.LoadConfig(c.config); err != nil {
			return err
		}
	}
	if c.allowPrivate {
		cfg.AllowPrivate = true
	}
	if c.rate < 0 || c.depth < 0 {
		return baogao.Errorf(baogao.EINVALID, "--rate and --max-depth must not be negative")
	}
	if c.rate > 0 {
		cfg.Rate = c.rate
	}
	if c.depth > 0 {
		cfg.MaxDepth = c.depth
	}
	if len(args) == 0 && len(cfg.Sites) == 0 {
		return baogao.Errorf(baogao.EINVALID, "no start URL given (usage: baogao crawl [--config FILE] URL...)")
	}
	if c.getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(batchMemoryLimit) // as import: pages as large as files
	}
	st, err := openStore(ctx, batchDSN(*c.db))
	if err != nil {
		return err
	}
	defer st.Close()

	var mu sync.Mutex // events come from one goroutine; the progress line from another
	enc := json.NewEncoder(c.stdout)
	enc.SetEscapeHTML(false)
	runLog := baogao.ImportRun{Command: "crawl", Started: time.Now()}
	events := func(e crawl.Event) {
		mu.Lock()
		defer mu.Unlock()
		if e.Outcome == baogao.CrawlFailed && len(runLog.Errors) < maxRecordedErrors {
			runLog.Errors = append(runLog.Errors, baogao.ImportError{File: e.URL, Reason: e.Reason})
		}
		switch {
		case c.json:
			enc.Encode(e)
		case e.Outcome == baogao.CrawlStored:
			c.line(fmt.Sprintf("stored     %s → %s", e.URL, e.Document))
		case e.Outcome == baogao.CrawlFailed:
			c.line(fmt.Sprintf("failed     %s: %s", e.URL, e.Reason))
		}
	}
	cr, err := crawl.New(st, crawl.Options{Config: cfg, Parser: newParser(), Version: version, Events: events})
	if err != nil {
		return err
	}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	if c.stderrTTY && !c.json {
		wg.Add(1)
		go func() {
			defer wg.Done()
			t := time.NewTicker(250 * time.Millisecond)
			defer t.Stop()
			began := time.Now()
			for {
				select {
				case <-stop:
					mu.Lock()
					fmt.Fprint(c.stderr, "\r\033[K")
					mu.Unlock()
					return
				case <-t.C:
					p := cr.Progress()
					mu.Lock()
					fmt.Fprintf(c.stderr, "\r\033[Kcrawling: %s", progressLine(p, time.Since(began)))
					mu.Unlock()
				}
			}
		}()
	}
	sum, err := cr.Run(ctx, args)
	close(stop)
	wg.Wait()

	if c.json {
		enc := json.NewEncoder(c.stderr)
		enc.Encode(sum)
	} else {
		fmt.Fprintln(c.stdout, summaryLine(sum))
	}
	if sum.Run != 0 {
		runLog.Finished, runLog.Imported, runLog.Duplicates, runLog.Failed = time.Now(), sum.Stored, sum.Duplicates, sum.Failed
		if rerr := st.AddImportRun(context.WithoutCancel(ctx), &runLog); rerr != nil {
			fmt.Fprintf(c.stderr, "baogao crawl: recording the run: %v\n", rerr)
		}
	}
	if err != nil && ctx.Err() != nil {
		return baogao.Errorf(baogao.EINTERNAL, "stopped; run baogao crawl again to continue (%d URLs left)", sum.Queued)
	}
	return err
}

// line prints a message on its own line, above the progress line.
func (c *crawlCmd) line(msg string) {
	if c.stderrTTY && !c.json {
		fmt.Fprint(c.stderr, "\r\033[K")
	}
	fmt.Fprintln(c.stderr, msg)
}

func progressLine(p crawl.Summary, elapsed time.Duration) string {
	rate := 0.0
	if s := elapsed.Seconds(); s > 0 {
		rate = float64(p.Requests) / s
	}
	return fmt.Sprintf("%d fetched, %d stored, %d duplicates, %d unchanged, %d skipped, %d errors, %d retries; %.1f requests/s",
		p.Finished, p.Stored, p.Duplicates, p.Unchanged, p.Skipped+p.Listings, p.Failed, p.Retries, rate)
}

func summaryLine(s crawl.Summary) string {
	verb := "crawled"
	if s.Resumed {
		verb = "continued crawl"
	}
	out := fmt.Sprintf("%s %d URLs in %s (%d requests): stored %d, duplicates %d, unchanged %d, listings %d, skipped %d, failed %d",
		verb, s.Finished, s.Elapsed.Round(100*time.Millisecond), s.Requests, s.Stored, s.Duplicates, s.Unchanged, s.Listings, s.Skipped, s.Failed)
	if s.Queued > 0 {
		out += fmt.Sprintf("; %d URLs left", s.Queued)
	}
	return out
}

// printStatus prints the latest crawl's state.
func (c *crawlCmd) printStatus(ctx context.Context) error {
	st, err := openExisting(ctx, *c.db)
	if err != nil {
		return err
	}
	defer st.Close()
	s, err := st.CrawlStatus(ctx)
	if err != nil {
		return err
	}
	if c.json {
		enc := json.NewEncoder(c.stdout)
		enc.SetEscapeHTML(false)
		return enc.Encode(s)
	}
	state := "finished " + s.Finished.Local().Format(time.DateTime)
	switch {
	case s.Finished.IsZero() && s.Queued+s.Taken > 0:
		state = "not finished (running, or stopped: baogao crawl continues it)"
	case s.Finished.IsZero():
		state = "not finished"
	}
	fmt.Fprintf(c.stdout, "crawl %d, started %s, %s\n", s.Run, s.Started.Local().Format(time.DateTime), state)
	fmt.Fprintf(c.stdout, "start     %s\n", strings.Join(s.Start, " "))
	fmt.Fprintf(c.stdout, "frontier  %d done, %d queued, %d being fetched\n", s.Done, s.Queued, s.Taken)
	var parts []string
	for _, o := range []string{baogao.CrawlStored, baogao.CrawlDuplicate, baogao.CrawlUnchanged, baogao.CrawlListing, baogao.CrawlSkipped, baogao.CrawlFailed} {
		parts = append(parts, fmt.Sprintf("%s %d", o, s.Outcomes[o]))
	}
	fmt.Fprintf(c.stdout, "outcomes  %s\n", strings.Join(parts, ", "))
	if !s.LastFetch.IsZero() {
		fmt.Fprintf(c.stdout, "last      %s\n", s.LastFetch.Local().Format(time.DateTime))
	}
	if s.Queued > 0 && !s.NextDue.IsZero() && s.NextDue.After(time.Now()) {
		fmt.Fprintf(c.stdout, "next due  %s\n", s.NextDue.Local().Format(time.DateTime))
	}
	return nil
}
