// Command bench compares baogao's search with Bleve's on one generated
// archive: build time, index size and query latency (top 10 with
// snippets) over a fixed mix of queries, in one run.
//
//	cd bench && go run . --docs 50000 --dir /tmp/bench --out RESULTS.md
//
// It lives in its own module so that the main module does not depend on
// Bleve.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/baogao/baogao"
	"github.com/baogao/baogao/internal/demo"
	"github.com/baogao/baogao/internal/place"
)

// engine is a search engine under test.
type engine interface {
	name() string
	build(ctx context.Context, docs []*baogao.Document) error
	// size returns the bytes on disk of what is kept only for searching
	// and snippets.
	size() (int64, error)
	// search runs one query for the top 10 with snippets and returns the
	// total number of hits.
	search(ctx context.Context, q benchQuery) (int, error)
	close() error
}

// ranked is an engine that tells its hits and scores (baogao's stores,
// whose pages must agree).
type ranked interface {
	hits(ctx context.Context, q benchQuery) ([]string, error)
}

type options struct {
	docs    int
	seed    int64
	dir     string
	engines string
	repeat  int
	out     string
	verbose bool
	reuse   bool
	pg      string        // the PostgreSQL database of the postgres engine
	pages   time.Duration // how long document pages are loaded per store and round; 0: not at all
	oracle  bool          // compare baogao's stores' pages with a search of every document's text
}

func main() {
	var o options
	// A flag set of our own: a dependency (opencc) registers "dir" on the global one.
	fs := flag.NewFlagSet("bench", flag.ExitOnError)
	fs.IntVar(&o.docs, "docs", 50000, "documents to generate (as `baogao demo --docs N`)")
	fs.Int64Var(&o.seed, "seed", 1, "generator seed (as `baogao demo --seed S`)")
	fs.StringVar(&o.dir, "dir", filepath.Join(os.TempDir(), "baogao-bench"), "working directory; emptied first")
	fs.StringVar(&o.engines, "engines", "baogao,bleve", "engines to run, comma-separated")
	fs.IntVar(&o.repeat, "repeat", 5, "times each query of the mix is run")
	fs.StringVar(&o.out, "out", "", "also write the results table (markdown) to this file")
	fs.BoolVar(&o.verbose, "v", false, "print each query's median latency and total to stderr")
	fs.StringVar(&o.pg, "postgres", os.Getenv("BAOGAO_BENCH_POSTGRES"), "the postgres engine's database, emptied first (env BAOGAO_BENCH_POSTGRES)")
	fs.DurationVar(&o.pages, "pages", 0, "also load document pages (page cache off, 64 connections) for this long per store and round, two rounds")
	fs.BoolVar(&o.oracle, "oracle", false, "compare the stores' pages with a search of every document's text (slow: every query reads every document)")
	fs.BoolVar(&o.reuse, "reuse", false, "development: query the stores an earlier run left (in --dir, and --postgres) instead of building them (no build time or Bleve)")
	cpuprofile := fs.String("cpuprofile", "", "write a CPU profile of the run to this file")
	corpus := fs.String("corpus", filepath.Join("..", "..", "shared", "corpus"), "tokens: the shared corpus")
	queries := fs.String("queries", filepath.Join("..", "internal", "search", "testdata", "queries.tsv"), "tokens: the query set")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), "usage: go run . [flags]          compare baogao's search with Bleve's\n"+
			"       go run . [flags] tokens   compare tokenisations on the shared corpus\n\nflags:\n")
		fs.PrintDefaults()
	}
	fs.Parse(os.Args[1:])
	if fs.Arg(0) == "tokens" {
		var b strings.Builder
		if err := runTokens(context.Background(), *corpus, *queries, o.dir, &b); err != nil {
			fmt.Fprintln(os.Stderr, "bench:", err)
			os.Exit(1)
		}
		fmt.Print(b.String())
		if o.out != "" {
			if err := os.WriteFile(o.out, []byte(b.String()), 0o644); err != nil {
				fmt.Fprintln(os.Stderr, "bench:", err)
				os.Exit(1)
			}
		}
		return
	}
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			fmt.Fprintln(os.Stderr, "bench:", err)
			os.Exit(1)
		}
		pprof.StartCPUProfile(f)
		defer pprof.StopCPUProfile()
	}
	if err := run(context.Background(), o); err != nil {
		pprof.StopCPUProfile()
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, o options) error {
	start := time.Now()
	logf("generating %d documents (seed %d)", o.docs, o.seed)
	docs, err := generate(o.docs, o.seed)
	if err != nil {
		return err
	}
	var text int64
	for _, d := range docs {
		text += int64(len(d.Body) + len(d.Meta.Title))
	}
	logf("generated %d documents, %.0f MB of text, in %.1fs", len(docs), float64(text)/1e6, time.Since(start).Seconds())
	mix := queryMix(docs)
	var truth [][]string
	if o.oracle {
		logf("searching every document for the %d queries", len(mix))
		if truth, err = oracleHits(docs, mix); err != nil {
			return err
		}
	}

	if o.reuse {
		docs = nil
		runtime.GC()
		var engines []engine
		for _, name := range strings.Split(o.engines, ",") {
			var e engine
			var err error
			switch strings.TrimSpace(name) {
			case "baogao":
				e, err = openBaogao(ctx, filepath.Join(o.dir, "baogao.db"))
			case "postgres":
				e, err = openPostgres(ctx, o.pg)
			default:
				err = fmt.Errorf("--reuse: engine %q cannot be reused", name)
			}
			if err != nil {
				return err
			}
			defer e.close()
			engines = append(engines, e)
		}
		rs, err := queryAll(ctx, engines, mix, o.repeat, o.verbose)
		if err != nil {
			return err
		}
		if o.pages > 0 {
			if err := loadPages(ctx, engines, rs, o.pages); err != nil {
				return err
			}
		}
		fmt.Print(format(o, rs, mix, o.docs, text) + oracleReport(rs, mix, truth))
		return nil
	}
	if err := os.RemoveAll(o.dir); err != nil {
		return err
	}
	if err := os.MkdirAll(o.dir, 0o755); err != nil {
		return err
	}
	// Build every engine first, then drop the generated documents, so that
	// no engine's queries pay for collecting a heap of a gigabyte.
	var engines []engine
	var results []result
	defer func() {
		for _, e := range engines {
			e.close()
		}
	}()
	for _, name := range strings.Split(o.engines, ",") {
		var e engine
		switch strings.TrimSpace(name) {
		case "baogao":
			e, err = newBaogao(ctx, filepath.Join(o.dir, "baogao.db"))
		case "bleve":
			e, err = newBleve(filepath.Join(o.dir, "bleve.bleve"))
		case "postgres":
			if o.pg == "" {
				return errors.New("the postgres engine needs --postgres URL")
			}
			e, err = newPostgres(ctx, o.pg)
		default:
			err = fmt.Errorf("unknown engine %q", name)
		}
		if err != nil {
			return err
		}
		engines = append(engines, e)
		r, err := build(ctx, e, docs)
		if err != nil {
			return fmt.Errorf("%s: %w", e.name(), err)
		}
		results = append(results, r)
	}
	nDocs := len(docs)
	docs = nil
	queried, err := queryAll(ctx, engines, mix, o.repeat, o.verbose)
	if err != nil {
		return err
	}
	for i := range results {
		results[i].latencies, results[i].totals, results[i].hits = queried[i].latencies, queried[i].totals, queried[i].hits
	}
	if o.pages > 0 {
		if err := loadPages(ctx, engines, results, o.pages); err != nil {
			return err
		}
	}
	report := format(o, results, mix, nDocs, text) + oracleReport(results, mix, truth)
	fmt.Print(report)
	if o.out != "" {
		return os.WriteFile(o.out, []byte(report), 0o644)
	}
	return nil
}

// generate returns the archive `baogao demo --docs n --seed seed` makes,
// with ids 1…n.
func generate(n int, seed int64) ([]*baogao.Document, error) {
	g := place.Default()
	var docs []*baogao.Document
	err := demo.Generate(demo.Options{Docs: n, Seed: seed}, g, g.All(), func(d *demo.Doc) error {
		doc := d.Document
		doc.ID = int64(len(docs) + 1)
		docs = append(docs, &doc)
		return nil
	})
	return docs, err
}

// result is what one engine measured.
type result struct {
	engine    string
	build     time.Duration
	buildCPU  time.Duration // user and system time of the process during the build
	load      string        // the machine's load averages at the end of the build
	size      int64
	latencies map[string][]time.Duration // by query class, and "all"
	totals    []int                      // total hits of each query of the mix
	hits      [][]string                 // each query's page as "id:score", for engines that tell
	pages     []pageLoad                 // document pages served, round by round
}

// build fills an engine with the documents, timed, and measures its size.
func build(ctx context.Context, e engine, docs []*baogao.Document) (result, error) {
	r := result{engine: e.name(), latencies: map[string][]time.Duration{}}
	logf("%s: building", e.name())
	runtime.GC()
	t0, cpu0 := time.Now(), cpuTime()
	if err := e.build(ctx, docs); err != nil {
		return r, err
	}
	r.build, r.buildCPU = time.Since(t0), cpuTime()-cpu0
	r.load = loadAverage()
	var err error
	if r.size, err = e.size(); err != nil {
		return r, err
	}
	logf("%s: built in %.1fs (%.1fs of CPU), %.0f MB", e.name(), r.build.Seconds(), r.buildCPU.Seconds(), float64(r.size)/1e6)
	return r, nil
}

// queryAll runs the mix on every engine: once each to warm up, then
// repeat times, timed, the engines taking turns query by query, so that
// whatever else the machine does in the meantime weighs on all of them
// alike.
func queryAll(ctx context.Context, engines []engine, mix []benchQuery, repeat int, verbose bool) ([]result, error) {
	rs := make([]result, len(engines))
	each := make([][][]time.Duration, len(engines))
	for k, e := range engines {
		rs[k] = result{engine: e.name(), latencies: map[string][]time.Duration{}, totals: make([]int, len(mix))}
		each[k] = make([][]time.Duration, len(mix))
		for i, q := range mix {
			var err error
			if rs[k].totals[i], err = e.search(ctx, q); err != nil {
				return nil, fmt.Errorf("%s: query %q: %w", e.name(), q.Text, err)
			}
			if r, ok := e.(ranked); ok {
				h, err := r.hits(ctx, q)
				if err != nil {
					return nil, fmt.Errorf("%s: query %q: %w", e.name(), q.Text, err)
				}
				rs[k].hits = append(rs[k].hits, h)
			}
		}
	}
	runtime.GC()
	for range repeat {
		for i, q := range mix {
			for k, e := range engines {
				t := time.Now()
				if _, err := e.search(ctx, q); err != nil {
					return nil, fmt.Errorf("%s: query %q: %w", e.name(), q.Text, err)
				}
				d := time.Since(t)
				rs[k].latencies[q.Class] = append(rs[k].latencies[q.Class], d)
				rs[k].latencies["all"] = append(rs[k].latencies["all"], d)
				each[k][i] = append(each[k][i], d)
			}
		}
	}
	if verbose {
		for k, e := range engines {
			for i, q := range mix {
				logf("%s: %-14s %-12s %+v: %s, total %d", e.name(), q.Class, q.Text, q.Filter, ms(percentile(each[k][i], 50)), rs[k].totals[i])
			}
		}
	}
	logf("%d queries × %d timed on %d engines", len(mix), repeat, len(engines))
	return rs, nil
}

// percentile returns the p-th percentile (nearest rank) of ds.
func percentile(ds []time.Duration, p float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	i := int(p/100*float64(len(s))+0.999999) - 1
	return s[max(0, min(i, len(s)-1))]
}

func dirSize(dir string) (int64, error) {
	var n int64
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			info, err := d.Info()
			if err != nil {
				if errors.Is(err, fs.ErrNotExist) {
					return nil
				}
				return err
			}
			n += info.Size()
		}
		return nil
	})
	return n, err
}

// loadAverage returns the machine's 1, 5 and 15 minute load averages, to
// tell a quiet run from one that shared the machine.
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "?"
	}
	return strings.Join(f[:3], " ")
}

// cpuTime returns the user and system time the process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func logf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, time.Now().Format("15:04:05")+" "+format+"\n", args...)
}
