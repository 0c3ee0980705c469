package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/baogao/baogao"
	"github.com/baogao/baogao/internal/ingest"
	"github.com/baogao/baogao/internal/postgres"
	"github.com/baogao/baogao/internal/sqlite"
	"github.com/schollz/progressbar/v3"
)

var importCommand = command{
	name:    "import",
	args:    "PATH...",
	summary: "import files and folders (.html .htm .txt .md); re-importing changes nothing",
	setup: func(fs *flag.FlagSet, e *env) func(context.Context, []string) error {
		c := &importCmd{env: e}
		c.db = dbFlag(fs, e)
		fs.BoolVar(&c.json, "json", false, "print one JSON object per file")
		fs.IntVar(&c.workers, "workers", 0, "files parsed in parallel (0: one per CPU)")
		fs.StringVar(&c.url, "url", "", "the URL the one file given was fetched from, shown and linked as its source")
		fs.StringVar(&c.index, "index", "", `a JSON index of the batch: [{"file": "…", "url": "…", "fetched_at": "…"}], files matched by the end of their path`)
		return c.run
	},
}

type importCmd struct {
	*env
	db      *string
	json    bool
	workers int
	url     string
	index   string
}

// importSummary counts what an import did.
type importSummary struct {
	Imported, Duplicates, Failed, Skipped, Flagged int
	Reasons                                        map[string]int
}

func (s *importSummary) add(r ingest.Result) {
	switch r.Status {
	case ingest.StatusImported:
		s.Imported++
		if r.Flagged {
			s.Flagged++
		}
	case ingest.StatusDuplicate:
		s.Duplicates++
	case ingest.StatusFailed:
		s.Failed++
		if s.Reasons == nil {
			s.Reasons = map[string]int{}
		}
		s.Reasons[r.Reason]++
	case ingest.StatusSkipped:
		s.Skipped++
	}
}

func (s *importSummary) String() string {
	out := fmt.Sprintf("imported %d, duplicates %d, failed %d", s.Imported, s.Duplicates, s.Failed)
	if s.Skipped > 0 {
		out += fmt.Sprintf(", skipped %d", s.Skipped)
	}
	if s.Flagged > 0 {
		out += fmt.Sprintf(" (%d flagged: text decoded badly)", s.Flagged)
	}
	if len(s.Reasons) > 0 {
		var parts []string
		for r, n := range s.Reasons {
			parts = append(parts, fmt.Sprintf("%d× %s", n, r))
		}
		out += " — " + strings.Join(sortedStrings(parts), "; ")
	}
	return out
}

func (c *importCmd) run(ctx context.Context, args []string) error {
	if len(args) == 0 {
		return baogao.Errorf(baogao.EINVALID, "no files or folders given (usage: baogao import PATH...)")
	}
	if c.getenv("GOMEMLIMIT") == "" {
		// A soft limit: the collector works harder as the heap nears it,
		// so a large page costs its live data, not that and its garbage.
		debug.SetMemoryLimit(batchMemoryLimit)
	}
	files, skipped := ingest.Files(args)
	unreadable := 0
	for _, r := range skipped {
		if r.Status == ingest.StatusFailed && slices.Contains(args, r.File) {
			unreadable++
		}
	}
	if len(files) == 0 && unreadable == len(args) {
		// Nothing given can be read: a mistyped path, said as an error.
		msg := fmt.Sprintf("%s: %s", fileName(skipped[0].File), skipped[0].Reason)
		if len(args) > 1 {
			msg += fmt.Sprintf(" (and the %d other paths given)", len(args)-1)
		}
		return baogao.Errorf(baogao.EINVALID, "%s", msg)
	}
	origin, err := c.origins(files)
	if err != nil {
		return err
	}
	st, err := openStore(ctx, batchDSN(*c.db))
	if err != nil {
		return err
	}
	defer st.Close()
	im := &ingest.Importer{Store: st, Parser: newParser(), Workers: c.workers, Origin: origin}

	var sum importSummary
	run := baogao.ImportRun{Command: "import", Started: time.Now()}
	enc := json.NewEncoder(c.stdout)
	enc.SetEscapeHTML(false)
	var bar *progressbar.ProgressBar
	if c.progress() && !c.json {
		bar = progressbar.NewOptions(len(files), progressbar.OptionSetWriter(c.stderr),
			progressbar.OptionSetDescription("importing"), progressbar.OptionShowCount(),
			progressbar.OptionThrottle(100*time.Millisecond), progressbar.OptionClearOnFinish())
	}
	report := func(r ingest.Result) {
		sum.add(r)
		if r.Status == ingest.StatusFailed && len(run.Errors) < maxRecordedErrors {
			run.Errors = append(run.Errors, baogao.ImportError{File: r.File, Reason: r.Reason})
		}
		switch {
		case c.json:
			enc.Encode(r)
		case r.Environmental: // not the file's fault: the run's error says it once
		case r.Status == ingest.StatusFailed:
			c.line(bar, fmt.Sprintf("failed     %s: %s", fileName(r.File), r.Reason))
		case r.Status == ingest.StatusDuplicate && r.Reason != "already imported":
			c.line(bar, fmt.Sprintf("duplicate  %s: %s", fileName(r.File), r.Reason))
		case r.Flagged && r.Status == ingest.StatusImported:
			c.line(bar, fmt.Sprintf("flagged    %s: %s", fileName(r.File), r.Reason))
		}
		if bar != nil && r.Status != ingest.StatusSkipped {
			bar.Add(1)
		}
	}
	for _, r := range skipped {
		switch {
		case c.json, r.Status == ingest.StatusFailed:
			report(r)
		case r.Reason != "not a document file type":
			c.line(bar, fmt.Sprintf("skipped    %s: %s", fileName(r.File), r.Reason))
			sum.add(r)
		default:
			sum.add(r)
		}
	}
	err = im.ImportFiles(ctx, files, report)
	if bar != nil {
		bar.Finish()
	}
	summaryOut := c.stdout
	if c.json {
		summaryOut = c.stderr
	}
	fmt.Fprintln(summaryOut, sum.String())
	// The operator's desk shows the run; a failure to record it does not
	// undo the import.
	run.Finished, run.Imported, run.Duplicates, run.Failed = time.Now(), sum.Imported, sum.Duplicates, sum.Failed
	if baogao.ErrorCode(err) == baogao.EUNAVAILABLE {
		return err // the archive cannot record the run either
	}
	if rerr := st.AddImportRun(context.WithoutCancel(ctx), &run); rerr != nil {
		fmt.Fprintf(c.stderr, "baogao import: recording the run: %v\n", rerr)
	}
	return err
}

// batchMemoryLimit is the soft memory limit of the Go heap of the
// commands that store documents in batches, import and crawl (GOMEMLIMIT
// overrides it). The live heap of the largest file an import
// takes (MaxBytes, MaxText of text) peaks near 60 MB; SQLite's memory
// (batchCacheKiB, the search index of a large text) comes on top.
const batchMemoryLimit = 80 << 20

// batchCacheKiB is SQLite's page cache per connection, in KiB, for
// commands that write documents in batches (import, crawl): it holds the pages a
// transaction dirties until it commits, so a large one would fill the
// default 64 MB.
const batchCacheKiB = 4096

// batchDSN is the archive to write batches to: dsn, with a SQLite
// archive's page cache at batchCacheKiB unless the path sets one.
func batchDSN(dsn string) string {
	if postgres.IsURL(dsn) {
		return dsn
	}
	return sqlite.WithCache(dsn, batchCacheKiB)
}

// maxRecordedErrors bounds the failures an import run records.
const maxRecordedErrors = 100

// origins reads --url or --index into the importer's origin look-up.
func (c *importCmd) origins(files []string) (func(string) (ingest.Origin, bool), error) {
	switch {
	case c.url != "" && c.index != "":
		return nil, baogao.Errorf(baogao.EINVALID, "give --url or --index, not both")
	case c.url != "":
		if len(files) != 1 {
			return nil, baogao.Errorf(baogao.EINVALID, "--url names the source of one file; %d files given (use --index for a batch)", len(files))
		}
		if err := ingest.CheckURL(c.url); err != nil {
			return nil, err
		}
		or := ingest.Origin{URL: c.url}
		return func(string) (ingest.Origin, bool) { return or, true }, nil
	case c.index != "":
		idx, err := ingest.ReadIndex(c.index)
		if err != nil {
			return nil, err
		}
		return idx.Of, nil
	}
	return nil, nil
}

// fileName is a file's name as printed on a line of text: quoted (Go
// syntax, as %q writes it) when it holds a newline, an escape code or any
// other control character, or bytes that are not UTF-8, which would
// break the line or drive the terminal; as it is otherwise.
func fileName(name string) string {
	if !utf8.ValidString(name) || strings.ContainsFunc(name, unicode.IsControl) {
		return strconv.Quote(name)
	}
	return name
}

// line prints a message above the progress bar, or plainly without one.
func (c *importCmd) line(bar *progressbar.ProgressBar, msg string) {
	if bar != nil {
		bar.Clear()
	}
	io.WriteString(c.stderr, msg+"\n")
}
