package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/baogao/baogao"
)

var commentsCommand = command{
	name:    "comments",
	args:    "export [-o FILE] | import FILE",
	summary: "export readers' comments as JSON, or import them (ids kept; repeating an import adds nothing)",
	setup: func(fs *flag.FlagSet, e *env) func(context.Context, []string) error {
		c := &commentsCmd{env: e}
		c.db = dbFlag(fs, e)
		fs.StringVar(&c.out, "o", "", "write the export to this file instead of standard output")
		return c.run
	},
}

type commentsCmd struct {
	*env
	db  *string
	out string
}

// maxImportComments bounds one import file's size.
const maxImportComments = 1 << 30

func (c *commentsCmd) run(ctx context.Context, args []string) error {
	if len(args) == 0 || (args[0] == "export" && len(args) != 1) || (args[0] == "import" && len(args) != 2) ||
		(args[0] != "export" && args[0] != "import") {
		return baogao.Errorf(baogao.EINVALID, "usage: baogao comments export [-o FILE] | import FILE")
	}
	st, err := openStore(ctx, *c.db)
	if err != nil {
		return err
	}
	defer st.Close()
	if args[0] == "import" {
		f, err := os.Open(args[1])
		if err != nil {
			return baogao.Errorf(baogao.EINVALID, "%v", err)
		}
		defer f.Close()
		var cs []baogao.Comment
		if err := json.NewDecoder(io.LimitReader(f, maxImportComments)).Decode(&cs); err != nil {
			return baogao.Errorf(baogao.EINVALID, "%s: not a JSON array of comments: %v", args[1], err)
		}
		n, err := st.ImportComments(ctx, cs)
		if err != nil {
			return err
		}
		fmt.Fprintf(c.stdout, "imported %d comments, %d already there\n", n, len(cs)-n)
		return nil
	}
	w := c.stdout
	if c.out != "" {
		f, err := os.Create(c.out)
		if err != nil {
			return err
		}
		defer f.Close()
		w = f
	}
	// One JSON array, written a page at a time.
	fmt.Fprint(w, "[")
	n := 0
	for offset := 0; ; offset += 1000 {
		page, err := st.Comments(ctx, baogao.CommentFilter{Limit: 1000, Offset: offset})
		if err != nil {
			return err
		}
		for _, cm := range page.Comments {
			b, err := json.Marshal(cm)
			if err != nil {
				return err
			}
			if n > 0 {
				fmt.Fprint(w, ",")
			}
			fmt.Fprintf(w, "\n%s", b)
			n++
		}
		if len(page.Comments) < 1000 {
			break
		}
	}
	fmt.Fprint(w, "\n]\n")
	if c.out != "" {
		fmt.Fprintf(c.stderr, "exported %d comments to %s\n", n, c.out)
	}
	return nil
}
