package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"html"
	"strings"

	"github.com/baogao/baogao"
	"github.com/baogao/baogao/internal/place"
	"github.com/baogao/baogao/internal/termtable"
)

var searchCommand = command{
	name:    "search",
	args:    "QUERY",
	summary: `search the archive: words (all), "exact phrases", -exclusions, OR`,
	setup: func(fs *flag.FlagSet, e *env) func(context.Context, []string) error {
		c := &searchCmd{env: e}
		c.db = dbFlag(fs, e)
		fs.StringVar(&c.kind, "kind", "", "kind: work_report, stats_bulletin, plan, other (or baogao, gongbao, guihua, wenjian)")
		fs.StringVar(&c.region, "region", "", "macro-region: huabei, dongbei, huadong, huazhong, huanan, xinan, xibei, qita (or 华东 …)")
		fs.StringVar(&c.province, "province", "", "province: code (37 or 370000) or name (山东省)")
		fs.StringVar(&c.prefecture, "prefecture", "", "prefecture and everything under it: code (3708 or 370800) or name (济宁市)")
		fs.StringVar(&c.place, "place", "", "place and everything under it: code (370828) or name (金乡县)")
		fs.StringVar(&c.level, "level", "", "level of the document's place: province, prefecture or county (省, 地, 县)")
		fs.StringVar(&c.year, "year", "", "year, as Y or Y1-Y2")
		fs.StringVar(&c.sort, "sort", "relevance", "order: relevance or date")
		fs.IntVar(&c.limit, "limit", 10, fmt.Sprintf("hits to show, 1 to %d", baogao.MaxSearchLimit))
		fs.IntVar(&c.offset, "offset", 0, "hits to skip")
		fs.BoolVar(&c.json, "json", false, `print {"total": N, "hits": [...]} (SPEC §3) instead of a table`)
		return c.run
	},
}

type searchCmd struct {
	*env
	db                                                     *string
	kind, region, province, prefecture, place, level, year string
	sort                                                   string
	limit, offset                                          int
	json                                                   bool
}

func (c *searchCmd) run(ctx context.Context, args []string) error {
	q, err := c.query(args)
	if err != nil {
		return err
	}
	st, err := openExisting(ctx, *c.db)
	if err != nil {
		return err
	}
	defer st.Close()
	res, err := st.Search(ctx, q)
	if err != nil {
		return err
	}
	if c.json {
		enc := json.NewEncoder(c.stdout)
		enc.SetEscapeHTML(false)
		return enc.Encode(res)
	}
	return c.table(q, res)
}

// query reads the arguments and flags into a search. Several arguments
// are one query, joined by spaces: `baogao search 冷链 物流`.
func (c *searchCmd) query(args []string) (baogao.SearchQuery, error) {
	q := baogao.SearchQuery{Text: strings.Join(args, " "), Sort: baogao.SearchSort(c.sort), Limit: c.limit, Offset: c.offset}
	if strings.TrimSpace(q.Text) == "" {
		return q, baogao.Errorf(baogao.EINVALID, "give a query: baogao search [flags] QUERY")
	}
	flags := map[string]string{"kind": c.kind, "region": c.region, "province": c.province, "prefecture": c.prefecture,
		"place": c.place, "level": c.level, "year": c.year}
	f, err := baogao.ParseFilter(func(name string) string { return flags[name] }, place.Default())
	if err != nil {
		return q, err
	}
	q.Filter = f
	return q, nil
}

// table prints the hits: a line of facts each, then the URL and the
// snippet, its matches in bold on a terminal and in 【】 otherwise.
func (c *searchCmd) table(q baogao.SearchQuery, res baogao.SearchResult) error {
	if res.Total == 0 {
		fmt.Fprintf(c.stdout, "No document matches %s.\n", q.Text)
		return nil
	}
	if len(res.Hits) == 0 {
		fmt.Fprintf(c.stdout, "%d documents match %s; none past %d.\n", res.Total, q.Text, q.Offset)
		return nil
	}
	fmt.Fprintf(c.stdout, "%d documents match %s; %d–%d:\n\n", res.Total, q.Text, q.Offset+1, q.Offset+len(res.Hits))
	open, close := "【", "】"
	if c.color() {
		open, close = "\x1b[1m", "\x1b[0m"
	}
	marks := strings.NewReplacer("<mark>", open, "</mark>", close)
	g := place.Default()
	for i, h := range res.Hits {
		tw := termtable.NewWriter(c.stdout, 2)
		where := g.FullName(h.PlaceCode)
		if where == "" {
			where = "—"
		}
		year := "—"
		if h.Year != 0 {
			year = fmt.Sprint(h.Year)
		}
		fmt.Fprintf(tw, "%3d\t%.4f\t%s\t%s\t%s\t%s\n", q.Offset+i+1, h.Score, year, h.Kind.Name(), where, h.Title)
		tw.Flush()
		fmt.Fprintf(c.stdout, "     %s\n     %s\n\n", h.URL, html.UnescapeString(marks.Replace(h.Snippet)))
	}
	return nil
}
