package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"reflect"
	"strings"

	"github.com/baogao/baogao"
)

var reextractCommand = command{
	name:    "reextract",
	summary: "re-run extraction (and with --recognise, recognition from the originals) over the archive and report what changed",
	setup: func(fs *flag.FlagSet, e *env) func(context.Context, []string) error {
		c := &reextractCmd{env: e}
		c.db = dbFlag(fs, e)
		fs.BoolVar(&c.dryRun, "dry-run", false, "report what would change without storing it")
		fs.BoolVar(&c.recognise, "recognise", false, "read each document again from its kept original bytes (decoding, cleaning, recognition), then extract")
		fs.BoolVar(&c.json, "json", false, "print one JSON object per changed document")
		return c.run
	},
}

type reextractCmd struct {
	*env
	db        *string
	dryRun    bool
	json      bool
	recognise bool
}

// extractionChange is what re-extraction changed in one document.
type extractionChange struct {
	ID  int64  `json:"id"`
	URL string `json:"url"`
	// Meta names the meta fields that recognition found otherwise
	// (--recognise), with Body set when the clean text changed.
	Meta     []string  `json:"meta,omitempty"`
	Body     bool      `json:"body,omitempty"`
	Error    string    `json:"error,omitempty"` // why the document could not be read again
	Targets  [2]counts `json:"targets"`         // [before, after]
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
	parser := newParser()
	var seen, changed, failed, noOriginal int
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
			ch := extractionChange{ID: id, URL: doc.URL()}
			next := &baogao.Document{ID: id, Meta: doc.Meta, Body: doc.Body, Outline: doc.Outline, SHA256: doc.SHA256, Simhash: doc.Simhash}
			next.Extraction = parser.Extract(next)
			if c.recognise {
				re, err := parser.Reparse(ctx, st, doc)
				switch {
				case err == nil:
					next = re
					keepCorrected(doc, &re.Meta)
					// Extracted with the corrected meta (a corrected year
					// dates the targets), as without --recognise.
					re.Extraction = parser.Extract(re)
					ch.Meta = metaChanges(doc.Meta, re.Meta)
					ch.Body = re.SHA256 != doc.SHA256
				case baogao.ErrorCode(err) == baogao.ENOTFOUND:
					noOriginal++
				default:
					ch.Error = baogao.ErrorMessage(err)
				}
			}
			ex := next.Extraction
			// Operators' corrections stand (the store applies them again):
			// compare with them applied.
			baogao.ApplyOverrides(&ex, doc.Overrides)
			if ch.Error == "" && len(ch.Meta) == 0 && !ch.Body && reflect.DeepEqual(ex, doc.Extraction) {
				continue
			}
			ch.Targets = diffRows(doc.Extraction.Targets, ex.Targets)
			ch.Outcomes = diffRows(doc.Extraction.Outcomes, ex.Outcomes)
			ch.Goals = diffRows(doc.Extraction.Goals, ex.Goals)
			ch.Projects = diffRows(doc.Extraction.Projects, ex.Projects)
			if ch.Error == "" && !c.dryRun {
				if len(ch.Meta) > 0 || ch.Body {
					err = st.UpdateDocument(ctx, next)
				} else {
					err = st.SetExtraction(ctx, id, ex)
				}
				if baogao.ErrorCode(err) == baogao.ECONFLICT {
					ch.Error, err = baogao.ErrorMessage(err), nil
				}
				if err != nil {
					return err
				}
			}
			if ch.Error != "" {
				failed++
				ch.Targets, ch.Outcomes, ch.Goals, ch.Projects = [2]counts{}, [2]counts{}, [2]counts{}, [2]counts{}
			} else {
				changed++
				for i, d := range [][2]counts{ch.Targets, ch.Outcomes, ch.Goals, ch.Projects} {
					added[i] += d[1].Added
					removed[i] += d[1].Removed
				}
			}
			switch {
			case c.json:
				enc.Encode(ch)
			case ch.Error != "":
				fmt.Fprintf(c.stdout, "%-28s not read again: %s\n", ch.URL, ch.Error)
			default:
				var what string
				if len(ch.Meta) > 0 {
					what += " meta " + strings.Join(ch.Meta, ",")
				}
				if ch.Body {
					what += " text"
				}
				fmt.Fprintf(c.stdout, "%-28s targets %s  outcomes %s  goals %s  projects %s%s\n", ch.URL,
					ch.Targets[1].delta(ch.Targets[0]), ch.Outcomes[1].delta(ch.Outcomes[0]),
					ch.Goals[1].delta(ch.Goals[0]), ch.Projects[1].delta(ch.Projects[0]), what)
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
	what := "re-extracted"
	if c.recognise {
		what = "re-read"
	}
	fmt.Fprintf(out, "%s %d documents: %d %s (targets +%d −%d, outcomes +%d −%d, goals +%d −%d, projects +%d −%d)",
		what, seen, changed, verb, added[0], removed[0], added[1], removed[1], added[2], removed[2], added[3], removed[3])
	if failed > 0 {
		fmt.Fprintf(out, "; %d could not be read again", failed)
	}
	if noOriginal > 0 {
		fmt.Fprintf(out, "; %d without a kept original were re-extracted from their stored text", noOriginal)
	}
	fmt.Fprintln(out)
	return nil
}

// keepCorrected sets in m the meta fields an operator corrected by hand on
// the stored document, as the store will keep them.
func keepCorrected(doc *baogao.Document, m *baogao.Meta) {
	if doc.Corrected(baogao.OverrideTitle) {
		m.Title = doc.Meta.Title
	}
	if doc.Corrected(baogao.OverrideKind) {
		m.Kind = doc.Meta.Kind
	}
	if doc.Corrected(baogao.OverrideYear) {
		m.Year = doc.Meta.Year
	}
	if doc.Corrected(baogao.OverrideDate) {
		m.Date = doc.Meta.Date
	}
	// The assessment (completeness, quality) is kept as stored: it is set
	// with SetAssessment, which re-recognition does not call.
	m.Completeness, m.Quality = doc.Meta.Completeness, doc.Meta.Quality
	if doc.Corrected(baogao.OverridePlaceCode) {
		m.PlaceCode, m.Place, m.Level, m.Region, m.PlaceCandidates = doc.Meta.PlaceCode, doc.Meta.Place, doc.Meta.Level, doc.Meta.Region, doc.Meta.PlaceCandidates
	}
}

// metaChanges names, by their JSON names, the meta fields that differ.
func metaChanges(before, after baogao.Meta) []string {
	var out []string
	b, a := reflect.ValueOf(before), reflect.ValueOf(after)
	for i := range b.NumField() {
		if !reflect.DeepEqual(b.Field(i).Interface(), a.Field(i).Interface()) {
			name, _, _ := strings.Cut(b.Type().Field(i).Tag.Get("json"), ",")
			out = append(out, name)
		}
	}
	return out
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
