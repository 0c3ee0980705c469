package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"time"

	"github.com/baogao/baogao"
	"github.com/baogao/baogao/internal/demo"
	"github.com/baogao/baogao/internal/ingest"
	"github.com/baogao/baogao/internal/place"
	"github.com/schollz/progressbar/v3"
)

var demoCommand = command{
	name:    "demo",
	summary: "generate the synthetic demo archive (marked 示例数据) into --db, or as text files into --out",
	setup: func(fs *flag.FlagSet, e *env) func(context.Context, []string) error {
		c := &demoCmd{env: e}
		c.db = dbFlag(fs, e)
		fs.IntVar(&c.docs, "docs", 1000, "number of documents")
		fs.StringVar(&c.years, "years", fmt.Sprintf("%d-%d", demo.DefaultYearFrom, demo.DefaultYearTo), "years, as Y1-Y2")
		fs.Int64Var(&c.seed, "seed", 1, "random seed: the same seed gives the same archive")
		fs.StringVar(&c.out, "out", "", "write text files into this folder instead of the database")
		return c.run
	},
}

type demoCmd struct {
	*env
	db    *string
	docs  int
	years string
	seed  int64
	out   string
}

func (c *demoCmd) run(ctx context.Context, args []string) error {
	if len(args) > 0 {
		return baogao.Errorf(baogao.EINVALID, "unexpected argument %q", args[0])
	}
	from, to, err := baogao.ParseYears(c.years)
	if err != nil {
		return fmt.Errorf("--years: %w", err)
	}
	opts := demo.Options{Docs: c.docs, YearFrom: from, YearTo: to, Seed: c.seed}
	start := time.Now()
	var bar *progressbar.ProgressBar
	if c.progress() {
		bar = progressbar.NewOptions(c.docs, progressbar.OptionSetWriter(c.stderr), progressbar.OptionSetDescription("generating"),
			progressbar.OptionShowCount(), progressbar.OptionThrottle(100*time.Millisecond), progressbar.OptionClearOnFinish())
		defer bar.Finish()
	}
	var n, added int
	if c.out != "" {
		if err := os.MkdirAll(c.out, 0o755); err != nil {
			return err
		}
		err = demo.Generate(opts, place.Default(), place.Default().All(), func(d *demo.Doc) error {
			n++
			if bar != nil {
				bar.Add(1)
			}
			m := d.Document.Meta
			name := fmt.Sprintf("%06d-%s-%d-%s.txt", n, m.PlaceCode, m.Year, m.Kind.Segment())
			return os.WriteFile(filepath.Join(c.out, name), []byte(d.Text), 0o644)
		})
		if err != nil {
			return err
		}
		fmt.Fprintf(c.stdout, "wrote %d documents to %s in %.1fs\n", n, c.out, time.Since(start).Seconds())
		return nil
	}
	st, err := openStore(ctx, *c.db)
	if err != nil {
		return err
	}
	defer st.Close()
	added, n, err = fillDemo(ctx, st, opts, func() {
		if bar != nil {
			bar.Add(1)
		}
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "generated %d documents (%d new) into %s in %.1fs\n", n, added, *c.db, time.Since(start).Seconds())
	return nil
}

// demoBatch is how many generated documents are finished in parallel and
// stored in one transaction.
const demoBatch = 256

// fillDemo generates the demo archive into st, skipping documents already
// there (so that running it twice adds nothing). Batches of documents are
// finished (outline, fingerprints, extraction) in parallel while the batch
// before is stored, in order. It returns how many were added and generated.
func fillDemo(ctx context.Context, st baogao.Store, opts demo.Options, tick func()) (added, n int, err error) {
	g := place.Default()
	type batch struct {
		docs []*baogao.Document
		srcs []baogao.Source
	}
	// The writer stores finished batches one after another.
	batches := make(chan batch, 1)
	stored := make(chan error, 1)
	go func() {
		var werr error
		for b := range batches {
			if werr == nil {
				if werr = st.AddDocuments(ctx, b.docs, b.srcs); werr == nil {
					added += len(b.docs)
				}
			}
		}
		stored <- werr
	}()
	var cur batch
	finish := func() {
		var wg sync.WaitGroup
		next := make(chan *baogao.Document)
		for w := 0; w < runtime.GOMAXPROCS(0); w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for d := range next {
					if ctx.Err() == nil { // interrupted: the batch is dropped
						ingest.Finish(d)
					}
				}
			}()
		}
		for _, d := range cur.docs {
			next <- d
		}
		close(next)
		wg.Wait()
		if ctx.Err() == nil {
			batches <- cur
		}
		cur = batch{}
	}
	err = demo.Generate(opts, g, g.All(), func(d *demo.Doc) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		n++
		tick()
		raw := []byte(d.Text)
		src := baogao.Source{File: fmt.Sprintf("demo:%d/%d", opts.Seed, n), SHA256: ingest.SHA256(raw),
			Encoding: "utf-8", Script: "simplified"}
		if _, err := st.SourceBySHA256(ctx, src.SHA256); err == nil {
			return nil // generated before
		}
		doc := d.Document
		cur.docs = append(cur.docs, &doc)
		cur.srcs = append(cur.srcs, src)
		if len(cur.docs) == demoBatch {
			finish()
		}
		return nil
	})
	if err == nil && len(cur.docs) > 0 {
		finish()
	}
	close(batches)
	if werr := <-stored; err == nil {
		err = werr
	}
	return added, n, err
}
