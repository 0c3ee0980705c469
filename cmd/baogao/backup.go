package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/baogao/baogao"
	"github.com/baogao/baogao/internal/postgres"
	"github.com/baogao/baogao/internal/sqlite"
)

var backupCommand = command{
	name:    "backup",
	args:    "FILE",
	summary: "write a consistent copy of a SQLite archive to FILE while it is in use (PostgreSQL: pg_dump)",
	setup: func(fs *flag.FlagSet, e *env) func(context.Context, []string) error {
		c := &backupCmd{env: e}
		c.db = dbFlag(fs, e)
		return c.run
	},
}

type backupCmd struct {
	*env
	db *string
}

func (c *backupCmd) run(ctx context.Context, args []string) error {
	if len(args) != 1 {
		return baogao.Errorf(baogao.EINVALID, "usage: baogao backup [--db DB] FILE")
	}
	file := args[0]
	if postgres.IsURL(*c.db) {
		return baogao.Errorf(baogao.EINVALID, "a PostgreSQL archive is backed up with PostgreSQL's tools: "+
			"pg_dump --format=custom --file=%s '%s' (restore into an empty database with pg_restore --dbname=URL %s), "+
			"or into a SQLite file with baogao copy --from URL --to FILE.db; see docs/deployment.md", file, archiveName(*c.db), file)
	}
	if _, err := os.Stat(file); err == nil {
		return baogao.Errorf(baogao.EINVALID, "%s exists: give a new file", file)
	}
	st, err := openExisting(ctx, *c.db)
	if err != nil {
		return err
	}
	defer st.Close()
	start := time.Now()
	if err := st.(*sqlite.Store).Backup(ctx, file); err != nil {
		return err
	}
	stats, err := st.Stats(ctx)
	if err != nil {
		return err
	}
	fi, err := os.Stat(file)
	if err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "backed up %s (%d documents) to %s (%.1f MB, checked) in %.1fs\n", *c.db, stats.Documents, file,
		float64(fi.Size())/(1<<20), time.Since(start).Seconds())
	return nil
}
