package main

import (
	"fmt"
	"strings"

	"github.com/baogao/baogao"
	"github.com/baogao/baogao/internal/storetest"
)

// oracleHits returns each query's page as a search of every document's
// text finds it (the conformance suite's oracle), "id:score".
func oracleHits(docs []*baogao.Document, mix []benchQuery) ([][]string, error) {
	o := storetest.NewOracle(docs)
	out := make([][]string, len(mix))
	for i, q := range mix {
		hits, _, err := o.Search(baogao.SearchQuery{Text: `"` + q.Text + `"`, Filter: q.Filter, Limit: 10})
		if err != nil {
			return nil, err
		}
		out[i] = hits
	}
	return out, nil
}

// oracleReport tells, for each engine that tells its hits, on how many
// queries its page is the oracle's, and which differ.
func oracleReport(rs []result, mix []benchQuery, truth [][]string) string {
	if truth == nil {
		return ""
	}
	var b strings.Builder
	fmt.Fprintf(&b, "\nAgainst a search of every document's text (the conformance suite's oracle):\n\n")
	for _, r := range rs {
		if r.hits == nil {
			continue
		}
		same := 0
		var diffs []string
		for i, q := range mix {
			got, want := strings.Join(r.hits[i], " "), strings.Join(truth[i], " ")
			if got == want {
				same++
			} else {
				diffs = append(diffs, fmt.Sprintf("- %q: %s\n  oracle: %s\n", q.Text, got, want))
			}
		}
		fmt.Fprintf(&b, "- %s: the oracle's page on %d of %d queries\n%s", r.engine, same, len(mix), strings.Join(diffs, ""))
	}
	return b.String()
}
