package main

import (
	"fmt"
	"os"
	"runtime"
	"strings"
	"time"
)

// format writes the results as markdown: one row per engine and query
// class, then the ratios of the first engine to the second.
func format(o options, rs []result, mix []benchQuery, docs int, text int64) string {
	var b strings.Builder
	host, _ := os.Hostname()
	fmt.Fprintf(&b, "## Search benchmark, %s\n\n", time.Now().Format("2006-01-02 15:04"))
	fmt.Fprintf(&b, "Command: `cd bench && go run . --docs %d --seed %d --repeat %d --dir %s`  \n", o.docs, o.seed, o.repeat, o.dir)
	fmt.Fprintf(&b, "Archive: %d generated documents (`baogao demo --docs %d --seed %d`), %.0f MB of text. Machine: %s, %d CPUs, %s.  \n",
		docs, o.docs, o.seed, float64(text)/1e6, host, runtime.NumCPU(), runtime.Version())
	fmt.Fprintf(&b, "Each query: top 10 with highlighted snippets and the total; %d queries (10 per class) run once to warm up, then %d times each, the engines taking turns query by query. Size: for baogao the search tables (the documents are stored anyway), for Bleve its whole index directory (it stores the text for its snippets).\n\n", len(mix), o.repeat)
	fmt.Fprintf(&b, "| engine | build (CPU) | size on disk | class | p50 | p99 |\n|---|---:|---:|---|---:|---:|\n")
	for _, r := range rs {
		for i, c := range append(append([]string{}, classes...), "all") {
			build, size := "", ""
			if i == 0 {
				build = fmt.Sprintf("%.0f s (%.0f s)", r.build.Seconds(), r.buildCPU.Seconds())
				size = fmt.Sprintf("%.0f MB", float64(r.size)/1e6)
			}
			fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s |\n", r.engine, build, size, c,
				ms(percentile(r.latencies[c], 50)), ms(percentile(r.latencies[c], 99)))
		}
	}
	for _, r := range rs {
		if r.load != "" {
			fmt.Fprintf(&b, "\nLoad average (1, 5, 15 min) at the end of %s's build: %s.", r.engine, r.load)
		}
	}
	fmt.Fprintf(&b, "\nLoad average when the queries ended: %s.\n", loadAverage())
	for _, z := range rs[1:] {
		a := rs[0]
		bleve := strings.Contains(z.engine, "Bleve")
		target := func(t string) string {
			if bleve {
				return " (" + t + ")"
			}
			return ""
		}
		fmt.Fprintf(&b, "\nRatios %s / %s%s:\n\n", a.engine, z.engine, target("target in brackets"))
		fmt.Fprintf(&b, "| class | p50 ratio%s | p99 / other's p50%s |\n|---|---:|---:|\n", target("≤ 0.33"), target("≤ 1"))
		for _, c := range append(append([]string{}, classes...), "all") {
			fmt.Fprintf(&b, "| %s | %.3f | %.3f |\n", c, ratio(percentile(a.latencies[c], 50), percentile(z.latencies[c], 50)),
				ratio(percentile(a.latencies[c], 99), percentile(z.latencies[c], 50)))
		}
		fmt.Fprintf(&b, "\nBuild time ratio %.2f%s, size ratio %.2f%s.\n",
			a.build.Seconds()/z.build.Seconds(), target("target ≤ 0.5"), float64(a.size)/float64(z.size), target("target ≤ 0.5"))
		diff := 0
		for i := range mix {
			if a.totals[i] != z.totals[i] {
				diff++
			}
		}
		fmt.Fprintf(&b, "\nTotals: the engines agree on %d of %d queries.\n", len(mix)-diff, len(mix))
		for i, q := range mix {
			if a.totals[i] != z.totals[i] {
				fmt.Fprintf(&b, "- %q %+v: %d vs %d\n", q.Text, q.Filter, a.totals[i], z.totals[i])
			}
		}
		if a.hits != nil && z.hits != nil {
			same := 0
			for i := range mix {
				if strings.Join(a.hits[i], " ") == strings.Join(z.hits[i], " ") {
					same++
				}
			}
			fmt.Fprintf(&b, "\nPages (the top 10's ids and scores): the same on %d of %d queries.\n", same, len(mix))
			for i, q := range mix {
				if strings.Join(a.hits[i], " ") != strings.Join(z.hits[i], " ") {
					fmt.Fprintf(&b, "- %q %+v:\n  %s\n  %s\n", q.Text, q.Filter, strings.Join(a.hits[i], " "), strings.Join(z.hits[i], " "))
				}
			}
		}
	}
	pages := false
	for _, r := range rs {
		pages = pages || len(r.pages) > 0
	}
	if pages {
		fmt.Fprintf(&b, "\nDocument pages, page cache off, 64 connections, 200 documents round robin, each store's site in turn:\n\n")
		fmt.Fprintf(&b, "| store | round | pages/s | p50 | p99 | errors |\n|---|---:|---:|---:|---:|---:|\n")
		for _, r := range rs {
			for i, p := range r.pages {
				fmt.Fprintf(&b, "| %s | %d | %.0f | %s | %s | %d |\n", r.engine, i+1, p.rps, ms(p.p50), ms(p.p99), p.errors)
			}
		}
	}
	return b.String()
}

func ms(d time.Duration) string { return fmt.Sprintf("%.2f ms", float64(d.Microseconds())/1000) }

func ratio(a, b time.Duration) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}
