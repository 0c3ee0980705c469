package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/baogao/baogao"
	"github.com/baogao/baogao/internal/attainment"
	"github.com/baogao/baogao/internal/export"
	"github.com/baogao/baogao/internal/place"
	"github.com/baogao/baogao/internal/postgres"
)

var exportCommand = command{
	name: "export",
	args: "",
	summary: "export documents, targets, outcomes, links or a comparison as CSV, XLSX, JSON or Parquet with a codebook, " +
		"or a listing's documents as a ZIP (--what bundle)",
	setup: func(fs *flag.FlagSet, e *env) func(context.Context, []string) error {
		c := &exportCmd{env: e, params: map[string]*string{}}
		c.db = dbFlag(fs, e)
		fs.StringVar(&c.what, "what", "targets", "what to export: documents, targets, outcomes, links (targets joined to outcomes: met, missed, no_data), "+
			"comparison (one indicator across places and years, beside the parent's target), or bundle (the documents' texts as a ZIP with an index)")
		fs.StringVar(&c.format, "format", "csv", "csv, xlsx, json or parquet (a bundle is always a ZIP)")
		fs.StringVar(&c.out, "o", "", "write to this file instead of standard output; a CSV's or JSON's codebook goes beside it as FILE.codebook.md")
		fs.StringVar(&c.encoding, "encoding", "utf-8", "CSV encoding: utf-8 (with a byte-order mark, for Excel) or gb18030")
		fs.StringVar(&c.codebook, "codebook", "", "write the codebook (Markdown) to this file too; the default is FILE.codebook.md beside -o FILE for CSV and JSON")
		fs.StringVar(&c.base, "base-url", e.getenv("BAOGAO_BASE_URL"), "the site's public address, for URLs and the citation (env BAOGAO_BASE_URL)")
		for _, p := range []struct{ name, usage string }{
			{"indicator", "indicator code (gdp_growth, cpi …, other); not for documents and bundles"},
			{"kind", "kind of document: work_report, stats_bulletin, plan, other (or baogao, gongbao, guihua, wenjian)"},
			{"region", "macro-region (huadong or 华东); documents and bundles only"},
			{"province", "province: code (37 or 370000) or name (山东省)"},
			{"prefecture", "prefecture and everything under it: code (3708 or 370800) or name (济宁市)"},
			{"place", "place and everything under it: code (370828) or name (金乡县)"},
			{"level", "level of the place: province, prefecture or county (省, 地, 县)"},
			{"year", "year, as Y or Y1-Y2: the document's for documents and bundles, the figure's own for the others"},
			{"about", fmt.Sprintf("links and comparison: tolerance of 左右 targets in percentage points, for %% indicators (default %g)", attainment.DefaultAboutPoints)},
			{"about-share", fmt.Sprintf("links and comparison: tolerance of 左右 targets of amounts and counts, as a share (default %g)", attainment.DefaultAboutShare)},
			{"strict", "links and comparison: true judges 左右 as a plain target"},
			{"stretch", "links and comparison: true judges by the stretch value (力争) where given"},
		} {
			c.params[p.name] = fs.String(p.name, "", p.usage)
		}
		return c.run
	},
}

type exportCmd struct {
	*env
	db                                          *string
	what, format, out, encoding, codebook, base string
	params                                      map[string]*string
}

// get returns a parameter of export.ParseRequest (about_share is the flag
// --about-share).
func (c *exportCmd) get(name string) string {
	if v, ok := c.params[strings.ReplaceAll(name, "_", "-")]; ok {
		return *v
	}
	return ""
}

func (c *exportCmd) run(ctx context.Context, args []string) error {
	if len(args) > 0 {
		return baogao.Errorf(baogao.EINVALID, "export takes no arguments (got %q): give filters as flags", args[0])
	}
	format, err := export.ParseFormat(c.format)
	if err != nil {
		return err
	}
	encoding, err := export.ParseEncoding(c.encoding)
	if err != nil {
		return err
	}
	if encoding != "utf-8" && format != export.CSV {
		return baogao.Errorf(baogao.EINVALID, "--encoding applies to CSV only")
	}
	req, err := export.ParseRequest(c.what, c.get, place.Default())
	if err != nil {
		return err
	}
	if c.out == "" && (format == export.XLSX || format == export.Parquet || c.what == "bundle") && c.env.stdoutTTY {
		return baogao.Errorf(baogao.EINVALID, "the file is binary: give -o FILE or redirect standard output")
	}
	st, err := openExisting(ctx, *c.db)
	if err != nil {
		return err
	}
	defer st.Close()
	n, at, err := st.Version(ctx)
	if err != nil {
		return err
	}
	base := strings.TrimSuffix(c.base, "/")
	source := base
	if source == "" {
		source = citedArchive(*c.db)
	}
	cb := req.Codebook(source, version, fmt.Sprintf("%d (%s)", n, at.UTC().Format(time.RFC3339)), time.Now())

	var rows int
	err = c.write(func(w io.Writer) error {
		var err error
		if c.what == "bundle" {
			rows, err = export.WriteBundle(ctx, w, st, req.Documents, export.BundleOptions{Base: base, Codebook: cb})
		} else {
			rows, err = export.Write(w, req.Table(ctx, st, place.Default(), base), format, export.Options{Encoding: encoding, Codebook: cb})
		}
		return err
	})
	if err != nil {
		return err
	}
	cb.Rows = rows
	side := c.codebook
	if side == "" && c.out != "" && c.what != "bundle" && (format == export.CSV || format == export.JSON) {
		side = c.out + ".codebook.md"
	}
	if side != "" {
		if err := os.WriteFile(side, []byte(cb.Markdown(req.Columns())), 0o644); err != nil {
			return err
		}
	}
	if c.out != "" {
		what := c.what
		if what == "bundle" {
			what = "documents"
		}
		msg := fmt.Sprintf("exported %d %s to %s", rows, what, c.out)
		if side != "" {
			msg += ", codebook " + side
		}
		fmt.Fprintln(c.stderr, msg)
	}
	return nil
}

// write calls fn with standard output, or with a temporary file beside -o
// that takes the file's name only when fn succeeds, so that a failed
// export leaves no partial file and an earlier export whole.
func (c *exportCmd) write(fn func(io.Writer) error) error {
	if c.out == "" {
		return fn(c.stdout)
	}
	tmp, err := os.CreateTemp(filepath.Dir(c.out), "."+filepath.Base(c.out)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := fn(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), c.out)
}

// citedArchive names the archive in a citation: a SQLite file's name, or
// a PostgreSQL URL without its password.
func citedArchive(dsn string) string {
	if postgres.IsURL(dsn) {
		return "baogao archive " + archiveName(dsn)
	}
	return "baogao archive " + filepath.Base(strings.TrimPrefix(dsn, "sqlite://"))
}
