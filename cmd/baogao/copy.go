package main

import (
	"context"
	"flag"
	"fmt"
	"text/tabwriter"
	"time"

	"github.com/baogao/baogao"
	"github.com/baogao/baogao/internal/archive"
)

var copyCommand = command{
	name: "copy",
	args: "--from DB --to DB",
	summary: "copy a whole archive between stores (SQLite ↔ PostgreSQL), keeping ids; resumable; " +
		"checks every table's rows by count and digest",
	setup: func(fs *flag.FlagSet, e *env) func(context.Context, []string) error {
		c := &copyCmd{env: e}
		fs.StringVar(&c.from, "from", "", "the archive to copy: a SQLite file or a postgres:// URL")
		fs.StringVar(&c.to, "to", "", "the archive to copy into: empty, or what a copy of the same archive left when it stopped")
		return c.run
	},
}

type copyCmd struct {
	*env
	from, to string
}

func (c *copyCmd) run(ctx context.Context, args []string) error {
	if len(args) > 0 {
		return baogao.Errorf(baogao.EINVALID, "unexpected argument %q", args[0])
	}
	if c.from == "" || c.to == "" {
		return baogao.Errorf(baogao.EINVALID, "usage: baogao copy --from DB --to DB")
	}
	if c.from == c.to {
		return baogao.Errorf(baogao.EINVALID, "--from and --to name the same archive")
	}
	from, err := openCopyable(ctx, c.from)
	if err != nil {
		return err
	}
	defer from.Close()
	to, err := openCopyable(ctx, c.to)
	if err != nil {
		return err
	}
	defer to.Close()
	start := time.Now()
	last := time.Now()
	results, err := archive.Copy(ctx, from, to, archive.Options{Progress: func(table string, rows int) {
		if time.Since(last) > 2*time.Second {
			fmt.Fprintf(c.stderr, "copying %s: %d rows\n", table, rows)
			last = time.Now()
		}
	}})
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(c.stdout, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "TABLE\tROWS\tCOPIED\tSHA-256 OF THE ROWS\t")
	for _, r := range results {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%.16s…\t\n", r.Table, r.Rows, r.Copied, r.Digest)
	}
	tw.Flush()
	fmt.Fprintf(c.stdout, "copied %s to %s in %.1fs; every table's rows and digest agree\n", archiveName(c.from), archiveName(c.to),
		time.Since(start).Seconds())
	return nil
}

// copyable is a store that a copy can read and write.
type copyable interface {
	baogao.Store
	archive.Store
}

// openCopyable opens an archive for copying.
func openCopyable(ctx context.Context, dsn string) (copyable, error) {
	st, err := openStore(ctx, dsn)
	if err != nil {
		return nil, err
	}
	c, ok := st.(copyable)
	if !ok {
		st.Close()
		return nil, baogao.Errorf(baogao.ENOTIMPLEMENTED, "%s cannot be copied", archiveName(dsn))
	}
	return c, nil
}
