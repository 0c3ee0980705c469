package main

import (
	"context"
	"flag"
	"fmt"
	"time"

	"github.com/baogao/baogao"
)

var reindexCommand = command{
	name:    "reindex",
	summary: "rebuild the search index from the stored documents, in place",
	setup: func(fs *flag.FlagSet, e *env) func(context.Context, []string) error {
		c := &reindexCmd{env: e}
		c.db = dbFlag(fs, e)
		return c.run
	},
}

type reindexCmd struct {
	*env
	db *string
}

func (c *reindexCmd) run(ctx context.Context, args []string) error {
	if len(args) > 0 {
		return baogao.Errorf(baogao.EINVALID, "unexpected argument %q", args[0])
	}
	st, err := openExisting(ctx, *c.db)
	if err != nil {
		return err
	}
	defer st.Close()
	start := time.Now()
	n, err := st.Reindex(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "reindexed %d documents in %.1fs\n", n, time.Since(start).Seconds())
	return nil
}
