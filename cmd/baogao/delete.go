package main

import (
	"context"
	"flag"
	"fmt"
	"strconv"

	"github.com/baogao/baogao"
)

var deleteCommand = command{
	name:    "delete",
	args:    "ID...",
	summary: "remove documents from the archive into the trash, or for good with --purge",
	setup: func(fs *flag.FlagSet, e *env) func(context.Context, []string) error {
		c := &deleteCmd{env: e}
		c.db = dbFlag(fs, e)
		fs.BoolVar(&c.purge, "purge", false, "delete for good: sources, original bytes, extraction, index rows, comments and corrections")
		return c.run
	},
}

type deleteCmd struct {
	*env
	db    *string
	purge bool
}

// run removes each document as the operator's desk does (Store.TrashDocument:
// it leaves pages, listings, search and counts, its sources and extracted
// rows with it, in one transaction), and with --purge empties it from the
// trash (Store.PurgeDocument).
func (c *deleteCmd) run(ctx context.Context, args []string) error {
	if len(args) == 0 {
		return baogao.Errorf(baogao.EINVALID, "no document id given (usage: baogao delete [--purge] ID...)")
	}
	var ids []int64
	for _, a := range args {
		id, err := strconv.ParseInt(a, 10, 64)
		if err != nil || id <= 0 {
			return baogao.Errorf(baogao.EINVALID, "%q is not a document id", a)
		}
		ids = append(ids, id)
	}
	st, err := openExisting(ctx, *c.db)
	if err != nil {
		return err
	}
	defer st.Close()
	for _, id := range ids {
		if err := st.TrashDocument(ctx, id, "baogao delete"); err != nil && !(c.purge && baogao.ErrorCode(err) == baogao.ENOTFOUND) {
			return err
		}
		if c.purge {
			if err := st.PurgeDocument(ctx, id); err != nil {
				if baogao.ErrorCode(err) == baogao.ENOTFOUND {
					return baogao.Errorf(baogao.ENOTFOUND, "document %d not found", id)
				}
				return err
			}
			fmt.Fprintf(c.stdout, "deleted document %d\n", id)
			continue
		}
		fmt.Fprintf(c.stdout, "moved document %d to the trash (restore it at /admin/trash; baogao delete --purge %d deletes it for good)\n", id, id)
	}
	return nil
}
