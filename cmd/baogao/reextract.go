package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"reflect"

	"github.com/baogao/baogao"
	"github.com/baogao/baogao/internal/extract"
)

var reextractCommand = command{
	name:    "reextract",
	summary: "re-run extraction over the archive and report what changed",
	setup: func(fs *flag.FlagSet, e *env) func(context.Context, []string) error {
		c := &reextractCmd{env: e}
		c.db = dbFlag(fs, e)
		fs.BoolVar(&c.dryRun, "dry-run", false, "report what would change without storing it")
		fs.BoolVar(&c.json, "json", false, "print one JSON object per changed document")
		return c.run
	},
}

type reextractCmd struct {
	*env
	db     *string
	dryRun bool
	json   bool
}

// extractionChange is what re-extraction changed in one document.
type extractionChange struct {
	ID       int64     `json:"id"`
	URL      string    `json:"url"`
	Targets  [2]counts `json:"targets"` // [before, after]
	Outcomes [2]counts `json:"outcomes"`
	Goals    [2]counts `json:"goals"`
	Projects [2]counts `json:"projects"`
}

// counts is a number of rows, with how many of them are new or gone.
type counts struct {
	N       int `json:"n"`
	Added   int `json:"added,omitempty"`
	Removed int `json:"removed,omitempty"`
}

func (c *reextractCmd) run(ctx context.Context, args []string) error {
	if len(args) > 0 {
		return baogao.Errorf(baogao.EINVALID, "unexpected argument %q", args[0])
	}
	st, err := openExisting(ctx, *c.db)
	if err != nil {
		return err
	}
	defer st.Close()
	enc := json.NewEncoder(c.stdout)
	enc.SetEscapeHTML(false)
	var seen, changed int
	var added, removed [4]int
	var after int64
	for {
		ids, err := st.DocumentIDs(ctx, after, 200)
		if err != nil {
			return err
		}
		if len(ids) == 0 {
			break
		}
		after = ids[len(ids)-1]
		for _, id := range ids {
			doc, err := st.Document(ctx, id)
			if err != nil {
				return err
			}
			seen++
			ex := extract.Extract(doc.Body, doc.Meta)
			// Operators' corrections stand (the store applies them again):
			// compare with them applied.
			baogao.ApplyOverrides(&ex, doc.Overrides)
			if reflect.DeepEqual(ex, doc.Extraction) {
				continue
			}
			changed++
			ch := extractionChange{ID: id, URL: doc.URL(),
				Targets:  diffRows(doc.Extraction.Targets, ex.Targets),
				Outcomes: diffRows(doc.Extraction.Outcomes, ex.Outcomes),
				Goals:    diffRows(doc.Extraction.Goals, ex.Goals),
				Projects: diffRows(doc.Extraction.Projects, ex.Projects)}
			for i, d := range [][2]counts{ch.Targets, ch.Outcomes, ch.Goals, ch.Projects} {
				added[i] += d[1].Added
				removed[i] += d[1].Removed
			}
			if c.json {
				enc.Encode(ch)
			} else {
				fmt.Fprintf(c.stdout, "%-28s targets %s  outcomes %s  goals %s  projects %s\n", ch.URL,
					ch.Targets[1].delta(ch.Targets[0]), ch.Outcomes[1].delta(ch.Outcomes[0]),
					ch.Goals[1].delta(ch.Goals[0]), ch.Projects[1].delta(ch.Projects[0]))
			}
			if !c.dryRun {
				if err := st.SetExtraction(ctx, id, ex); err != nil {
					return err
				}
			}
		}
	}
	verb := "changed"
	if c.dryRun {
		verb = "would change"
	}
	out := c.stdout
	if c.json {
		out = c.stderr
	}
	fmt.Fprintf(out, "re-extracted %d documents: %d %s (targets +%d −%d, outcomes +%d −%d, goals +%d −%d, projects +%d −%d)\n",
		seen, changed, verb, added[0], removed[0], added[1], removed[1], added[2], removed[2], added[3], removed[3])
	return nil
}

func (a counts) delta(before counts) string {
	if a.Added == 0 && a.Removed == 0 {
		return fmt.Sprintf("%d", a.N)
	}
	return fmt.Sprintf("%d→%d (+%d −%d)", before.N, a.N, a.Added, a.Removed)
}

// diffRows counts the rows of before and after, and the rows only in one.
func diffRows[T any](before, after []T) [2]counts {
	key := func(v T) string {
		b, _ := json.Marshal(v)
		return string(b)
	}
	old := map[string]int{}
	for _, v := range before {
		old[key(v)]++
	}
	res := [2]counts{{N: len(before)}, {N: len(after)}}
	for _, v := range after {
		k := key(v)
		if old[k] > 0 {
			old[k]--
		} else {
			res[1].Added++
		}
	}
	for _, n := range old {
		res[1].Removed += n
	}
	return res
}
