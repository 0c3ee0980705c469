package ingest

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"hash/fnv"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/baogao/baogao"
	"github.com/baogao/baogao/internal/corpustest"
	"github.com/baogao/baogao/internal/place"
)

// The development gold set is split by source into a tuning half, which
// rules are written against, and a check half, which is only ever scored
// (docs/testing.md). TestGoldScore scores both halves through the whole
// pipeline, as `baogao extract --json` does, with the matching rules of
// ../shared/tools/score, and fails below the floors.

var (
	goldVerbose = flag.Bool("gold.v", false, "TestGoldScore: print each miss of the tuning half (never of the check half)")
	updateSplit = flag.Bool("update", false, "TestGoldSplit: rewrite testdata/goldsplit.tsv by the rule")
)

// goldSplitFile lists every gold id with its half and its source.
const goldSplitFile = "testdata/goldsplit.tsv"

// splitSalt is the salt of the split rule: the smallest one that put 35–45%
// of the 161 documents of the first gold set on the check side. It is
// fixed, so that a document never changes sides.
const splitSalt = "5"

// checkShare is the share of the hash space (in %) that goes to the check half.
const checkShare = 40

// floors are the least each half must score: a little under what the
// extractor reached when they were set (docs/testing.md has the scores).
// Issue 11 asks at least targets P 0.97 R 0.95, outcomes P 0.95 R 0.90 and
// meta 95% of the check half, and the whole set no lower than before.
var floors = map[string]score{
	"tune":  {targetsP: 0.985, targetsR: 0.975, outcomesP: 0.985, outcomesR: 0.99, meta: 0.95},
	"check": {targetsP: 0.985, targetsR: 0.985, outcomesP: 0.98, outcomesR: 0.99, meta: 0.96},
	"all":   {targetsP: 0.988, targetsR: 0.98, outcomesP: 0.988, outcomesR: 0.993, meta: 0.965},
}

// sourceOf names the site or collection a corpus file came from: the
// registrable domain of its URL (news.example.com.cn → example.com.cn), the
// repository of a github: collection, or the file itself when the source
// is unknown.
func sourceOf(id, rawURL string) string {
	if rest, ok := strings.CutPrefix(rawURL, "github:"); ok {
		parts := strings.SplitN(rest, "/", 3)
		return "github.com/" + strings.Join(parts[:min(2, len(parts))], "/")
	}
	u, err := url.Parse(rawURL)
	if err != nil || u.Hostname() == "" {
		return "unknown:" + id
	}
	labels := strings.Split(u.Hostname(), ".")
	n := 2
	if len(labels) >= 3 && len(labels[len(labels)-1]) == 2 {
		switch labels[len(labels)-2] {
		case "com", "net", "org", "gov", "edu", "ac":
			n = 3 // example.com.cn
		}
	}
	return strings.Join(labels[max(0, len(labels)-n):], ".")
}

// halfOf puts a source on one side: FNV-1a 64 of salt:source, modulo 100,
// below checkShare is the check half.
func halfOf(source string) string {
	h := fnv.New64a()
	h.Write([]byte(splitSalt + ":" + source))
	if h.Sum64()%100 < checkShare {
		return "check"
	}
	return "tune"
}

// splitRow is one line of goldsplit.tsv.
type splitRow struct{ id, half, source string }

func readSplit(t *testing.T) map[string]splitRow {
	t.Helper()
	f, err := os.Open(goldSplitFile)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string]splitRow{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		ln := sc.Text()
		if ln == "" || strings.HasPrefix(ln, "#") {
			continue
		}
		parts := strings.Split(ln, "\t")
		if len(parts) != 3 || parts[1] != "tune" && parts[1] != "check" {
			t.Fatalf("%s: bad line %q", goldSplitFile, ln)
		}
		out[parts[0]] = splitRow{parts[0], parts[1], parts[2]}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// goldEntry is a gold file: ../shared/tools/score --help has its shape.
// Targets, outcomes and goals are kept as JSON objects, as the python
// scorer reads them.
type goldEntry struct {
	ID       string           `json:"id"`
	File     string           `json:"file"`
	Meta     map[string]any   `json:"meta"`
	Targets  []map[string]any `json:"targets"`
	Outcomes []map[string]any `json:"outcomes"`
	Goals    []map[string]any `json:"goals"`
	hasGoals bool
}

func readGold(t *testing.T, path string) goldEntry {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var g goldEntry
	if err := json.Unmarshal(raw, &g); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	var keys map[string]json.RawMessage
	_ = json.Unmarshal(raw, &keys)
	_, g.hasGoals = keys["goals"]
	return g
}

// corpusSources maps each corpus file to its URL, from INDEX.json.
func corpusSources(t *testing.T, shared string) map[string]string {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(shared, "corpus", "INDEX.json"))
	if err != nil {
		t.Fatal(err)
	}
	var index []struct {
		File string  `json:"file"`
		URL  *string `json:"url"`
	}
	if err := json.Unmarshal(raw, &index); err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, e := range index {
		if e.URL != nil {
			out[e.File] = *e.URL
		} else {
			out[e.File] = ""
		}
	}
	return out
}

// TestGoldSplit checks that goldsplit.tsv holds every gold document, on
// the side the rule puts its source. With -update it rewrites the file.
func TestGoldSplit(t *testing.T) {
	shared := corpustest.Dir(t)
	files, _ := filepath.Glob(filepath.Join(shared, "gold", "dev", "*.json"))
	if len(files) == 0 {
		t.Fatal("no gold files")
	}
	urls := corpusSources(t, shared)
	var want []splitRow
	for _, f := range files {
		g := readGold(t, f)
		u, ok := urls[g.File]
		if !ok {
			t.Errorf("%s: %s is not in corpus/INDEX.json", g.ID, g.File)
		}
		src := sourceOf(g.ID, u)
		want = append(want, splitRow{g.ID, halfOf(src), src})
	}
	if *updateSplit {
		var b strings.Builder
		b.WriteString("# gold id\thalf\tsource (the rule is in docs/testing.md; written by go test -run GoldSplit -update)\n")
		for _, r := range want {
			fmt.Fprintf(&b, "%s\t%s\t%s\n", r.id, r.half, r.source)
		}
		if err := os.WriteFile(goldSplitFile, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got := readSplit(t)
	check := 0
	halves := map[string]string{} // source → half
	for _, w := range want {
		g, ok := got[w.id]
		switch {
		case !ok:
			t.Errorf("%s is missing from %s: add %q (go test -run GoldSplit -update)", w.id, goldSplitFile, w.id+"\t"+w.half+"\t"+w.source)
		case g != w:
			t.Errorf("%s: %s says %v, the rule %v", w.id, goldSplitFile, g, w)
		}
		if h, ok := halves[w.source]; ok && h != w.half {
			t.Errorf("source %s is on both sides", w.source)
		}
		halves[w.source] = w.half
		if w.half == "check" {
			check++
		}
	}
	if len(got) != len(want) {
		t.Errorf("%s has %d ids, the gold set %d", goldSplitFile, len(got), len(want))
	}
	share := float64(check) / float64(len(want))
	t.Logf("check half: %d of %d documents (%.0f%%), %d sources", check, len(want), 100*share, len(halves))
	if share < 0.3 || share > 0.5 {
		t.Errorf("the check half holds %.0f%% of the documents; the split wants about 40%%", 100*share)
	}
}

// tally counts matches of one kind.
type tally struct{ tp, fp, fn int }

func (c *tally) add(o tally) { c.tp += o.tp; c.fp += o.fp; c.fn += o.fn }

// prf is precision and recall as the python scorer computes them (1 when
// there is nothing to count).
func (c tally) prf() (float64, float64) {
	p, r := 1.0, 1.0
	if c.tp+c.fp > 0 {
		p = float64(c.tp) / float64(c.tp+c.fp)
	}
	if c.tp+c.fn > 0 {
		r = float64(c.tp) / float64(c.tp+c.fn)
	}
	return p, r
}

// score is what the floors bound.
type score struct {
	targetsP, targetsR, outcomesP, outcomesR, meta float64
}

// result is one half's score.
type result struct {
	docs, failed            int
	targets, outcomes, goal tally
	metaOK, metaN           int
	perIndicator            map[string]*tally // targets, by indicator
	hasGoals                bool
}

func (r *result) add(o result) {
	r.docs += o.docs
	r.failed += o.failed
	r.targets.add(o.targets)
	r.outcomes.add(o.outcomes)
	r.goal.add(o.goal)
	r.metaOK += o.metaOK
	r.metaN += o.metaN
	r.hasGoals = r.hasGoals || o.hasGoals
	if r.perIndicator == nil {
		r.perIndicator = map[string]*tally{}
	}
	for k, v := range o.perIndicator {
		if r.perIndicator[k] == nil {
			r.perIndicator[k] = &tally{}
		}
		r.perIndicator[k].add(*v)
	}
}

func (r result) score() score {
	s := score{meta: 1}
	s.targetsP, s.targetsR = r.targets.prf()
	s.outcomesP, s.outcomesR = r.outcomes.prf()
	if r.metaN > 0 {
		s.meta = float64(r.metaOK) / float64(r.metaN)
	}
	return s
}

// summary is the python scorer's last line.
func (r result) summary() string {
	f1 := func(c tally) string {
		p, rc := c.prf()
		f := 0.0
		if p+rc > 0 {
			f = 2 * p * rc / (p + rc)
		}
		return fmt.Sprintf("P=%.3f R=%.3f F1=%.3f", p, rc, f)
	}
	s := fmt.Sprintf("documents=%d failed=%d targets %s outcomes %s", r.docs, r.failed, f1(r.targets), f1(r.outcomes))
	if r.hasGoals {
		s += " goals " + f1(r.goal)
	}
	return s + fmt.Sprintf(" meta %d/%d", r.metaOK, r.metaN)
}

// table is the python scorer's per-indicator table of targets.
func (r result) table() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%-32s %5s %5s %5s  precision recall\n", "indicator", "gold", "pred", "hit")
	var keys []string
	for k := range r.perIndicator {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		c := r.perIndicator[k]
		p, rc := c.prf()
		fmt.Fprintf(&b, "%-32s %5d %5d %5d  %9.3f %6.3f\n", k, c.tp+c.fn, c.tp+c.fp, c.tp, p, rc)
	}
	return b.String()
}

// pyStr writes a JSON value as python's str() does for the values the gold
// meta holds.
func pyStr(v any) string {
	switch x := v.(type) {
	case nil:
		return "None"
	case bool:
		if x {
			return "True"
		}
		return "False"
	case float64:
		if x == float64(int64(x)) {
			return strconv.FormatInt(int64(x), 10)
		}
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	return fmt.Sprint(v)
}

// num is the python scorer's num(): a value rounded to 4 places, or "None".
func num(v any) string {
	f, ok := v.(float64)
	if !ok {
		return "None"
	}
	return strconv.FormatFloat(f, 'f', 4, 64)
}

func str(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	return pyStr(v)
}

func targetKey(t map[string]any) string {
	q := str(t["qualifier"])
	if q == "" || q == "None" {
		q = "exact"
	}
	return strings.Join([]string{str(t["indicator"]), num(t["value"]), num(t["value_high"]), str(t["unit"]), q}, "|")
}

func outcomeKey(o map[string]any, withYear bool) string {
	y := "None"
	if withYear {
		y = pyStr(o["year"])
	}
	return strings.Join([]string{str(o["indicator"]), num(o["value"]), str(o["unit"]), y}, "|")
}

// match counts true positives, false positives and false negatives of two
// multisets, and returns the keys hit, missed and extra.
func match(gold, pred []string) (c tally, hit, missed, extra []string) {
	left := map[string]int{}
	for _, k := range gold {
		left[k]++
	}
	for _, k := range pred {
		if left[k] > 0 {
			left[k]--
			c.tp++
			hit = append(hit, k)
		} else {
			c.fp++
			extra = append(extra, k)
		}
	}
	for _, k := range gold {
		if left[k] > 0 {
			left[k]--
			c.fn++
			missed = append(missed, k)
		}
	}
	return c, hit, missed, extra
}

// scoreDoc scores one document's prediction (the JSON of `baogao extract
// --json`; nil when extraction failed) against its gold entry, and reports
// each miss to say.
func scoreDoc(g goldEntry, pred map[string]any, say func(format string, args ...any)) result {
	r := result{docs: 1, perIndicator: map[string]*tally{}, hasGoals: g.hasGoals}
	if pred == nil {
		r.failed = 1
		pred = map[string]any{}
	}
	objects := func(v any) []map[string]any {
		var out []map[string]any
		list, _ := v.([]any)
		for _, x := range list {
			if m, ok := x.(map[string]any); ok {
				out = append(out, m)
			}
		}
		return out
	}
	pm, _ := pred["meta"].(map[string]any)
	for k, v := range g.Meta {
		if v == nil {
			continue
		}
		r.metaN++
		if pyStr(pm[k]) == pyStr(v) {
			r.metaOK++
		} else {
			say("%s: meta %s: want %v got %v", g.ID, k, pyStr(v), pyStr(pm[k]))
		}
	}
	var gt, pt []string
	for _, t := range g.Targets {
		gt = append(gt, targetKey(t))
	}
	for _, t := range objects(pred["targets"]) {
		if str(t["indicator"]) != baogao.IndicatorOther {
			pt = append(pt, targetKey(t))
		}
	}
	var hit, missed, extra []string
	r.targets, hit, missed, extra = match(gt, pt)
	indicatorOf := func(k string) string { return k[:strings.IndexByte(k, '|')] }
	for _, k := range hit {
		r.ind(indicatorOf(k)).tp++
	}
	for _, k := range missed {
		r.ind(indicatorOf(k)).fn++
	}
	for _, k := range extra {
		r.ind(indicatorOf(k)).fp++
	}
	for _, k := range missed {
		say("%s: target missed %s", g.ID, k)
	}
	for _, k := range extra {
		say("%s: target extra  %s", g.ID, k)
	}
	// an outcome's year is compared only where the gold states it
	yearKnown := map[string]bool{}
	var gk, pk []string
	for _, o := range g.Outcomes {
		withYear := o["year"] != nil
		gk = append(gk, outcomeKey(o, withYear))
		if withYear {
			yearKnown[str(o["indicator"])+"|"+num(o["value"])] = true
		}
	}
	for _, o := range objects(pred["outcomes"]) {
		if str(o["indicator"]) == baogao.IndicatorOther || truthy(o["bound"]) {
			continue
		}
		pk = append(pk, outcomeKey(o, yearKnown[str(o["indicator"])+"|"+num(o["value"])]))
	}
	r.outcomes, _, missed, extra = match(gk, pk)
	for _, k := range missed {
		say("%s: outcome missed %s", g.ID, k)
	}
	for _, k := range extra {
		say("%s: outcome extra  %s", g.ID, k)
	}
	if g.hasGoals {
		var gg, pg []string
		for _, x := range g.Goals {
			gg = append(gg, num(x["value"])+"|"+str(x["unit"]))
		}
		for _, x := range objects(pred["goals"]) {
			pg = append(pg, num(x["value"])+"|"+str(x["unit"]))
		}
		r.goal, _, _, _ = match(gg, pg)
	}
	return r
}

func (r *result) ind(k string) *tally {
	if r.perIndicator[k] == nil {
		r.perIndicator[k] = &tally{}
	}
	return r.perIndicator[k]
}

// truthy is python's truth of a JSON value.
func truthy(v any) bool {
	switch x := v.(type) {
	case nil:
		return false
	case string:
		return x != ""
	case bool:
		return x
	case float64:
		return x != 0
	}
	return true
}

// predict runs the pipeline on one file and returns the JSON that `baogao
// extract --json` prints, read back; nil when it fails.
func predict(p *Parser, path string) map[string]any {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	doc, _, err := p.Parse(raw, Input{Name: path})
	if err != nil {
		return nil
	}
	b, err := json.Marshal(struct {
		Meta baogao.Meta `json:"meta"`
		baogao.Extraction
	}{doc.Meta, doc.Extraction})
	if err != nil {
		return nil
	}
	var out map[string]any
	if json.Unmarshal(b, &out) != nil {
		return nil
	}
	return out
}

// TestGoldScore scores the tuning half, the check half and the whole dev
// set, and fails below the floors. Only the summary of the check half is
// printed: its documents are never read while writing rules. -gold.v
// prints each miss of the tuning half.
func TestGoldScore(t *testing.T) {
	shared := corpustest.Dir(t)
	split := readSplit(t)
	files, _ := filepath.Glob(filepath.Join(shared, "gold", "dev", "*.json"))
	if len(files) == 0 {
		t.Fatal("no gold files")
	}
	p := NewParser(place.Default())
	halves := map[string]*result{"tune": {}, "check": {}, "all": {}}
	for _, f := range files {
		g := readGold(t, f)
		row, ok := split[g.ID]
		if !ok {
			t.Errorf("%s is not in %s (go test -run GoldSplit -update)", g.ID, goldSplitFile)
			continue
		}
		say := func(string, ...any) {}
		if *goldVerbose && row.half == "tune" {
			say = t.Logf
		}
		r := scoreDoc(g, predict(p, filepath.Join(shared, g.File)), say)
		halves[row.half].add(r)
		halves["all"].add(r)
	}
	for _, h := range []string{"tune", "check", "all"} {
		r := halves[h]
		t.Logf("%-5s %s", h, r.summary())
		if *goldVerbose && h == "tune" {
			t.Logf("%s targets by indicator:\n%s", h, r.table())
		}
		s, f := r.score(), floors[h]
		if s.targetsP < f.targetsP || s.targetsR < f.targetsR || s.outcomesP < f.outcomesP || s.outcomesR < f.outcomesR || s.meta < f.meta || r.failed > 0 {
			t.Errorf("%s half below its floors %+v: %s", h, f, r.summary())
		}
	}
}
