package web

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/baogao/baogao"
	"github.com/baogao/baogao/internal/export"
)

// Downloads: a route of the API that lists documents, targets or outcomes
// answers with a file when asked for one with ?format=csv|xlsx|json|parquet
// (and encoding=gb18030 for CSV): every row the filters select, not one
// page, streamed, with the codebook inside (XLSX, Parquet) and its own
// URL in a Link header (format=codebook, Markdown) for CSV and JSON. The
// documents route also answers format=zip: the listing's texts as one ZIP
// with an index (汇编).

// maxDownloads is how many downloads are written at once; more wait up to
// downloadWait, then are told to come back.
const (
	maxDownloads = 2
	downloadWait = 5 * time.Second
	// downloadTime bounds the writing of one download, beyond the
	// server's write timeout for pages.
	downloadTime = 15 * time.Minute
)

// downloadable serves the export what (see export.Exports: documents,
// targets, outcomes, links or comparison) as a file when the request has
// a format, and passes other requests to next, the route's JSON handler.
func (s *Server) downloadable(what string, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !r.URL.Query().Has("format") {
			next.ServeHTTP(w, r)
			return
		}
		w.Header().Set("Access-Control-Allow-Origin", "*")
		if err := s.download(w, r, what); err != nil {
			s.apiError(w, r, err)
		}
	})
}

// download writes the file, or returns an error before anything is
// written; a failure while writing aborts the response, so that the
// client sees a broken download, not a short file.
func (s *Server) download(w http.ResponseWriter, r *http.Request, what string) error {
	q := r.URL.Query()
	format := strings.ToLower(strings.TrimSpace(q.Get("format")))
	if format == "zip" {
		if what != "documents" {
			return baogao.Errorf(baogao.EINVALID, "format zip: only documents are bundled")
		}
		what = "bundle"
	}
	var f export.Format
	var err error
	if what != "bundle" && format != "codebook" {
		if f, err = export.ParseFormat(format); err != nil {
			return err
		}
	}
	encoding, err := export.ParseEncoding(q.Get("encoding"))
	if err != nil {
		return err
	}
	req, err := export.ParseRequest(what, q.Get, s.places)
	if err != nil {
		return err
	}
	if s.conditional(w, r) {
		return nil
	}
	if !s.allowAPI(r) {
		w.Header().Set("Retry-After", "1")
		return baogao.Errorf(baogao.ERATELIMITED, "too many requests; slow down")
	}
	version, changed, err := s.store.Version(r.Context())
	if err != nil {
		return err
	}
	cb := req.Codebook(s.abs(r.URL.RequestURI()), "", fmt.Sprintf("%d (%s)", version, changed.UTC().Format(time.RFC3339)), time.Now())
	file := fmt.Sprintf("baogao-%s-%s", what, time.Now().UTC().Format("20060102"))
	h := w.Header()
	if format == "codebook" {
		h.Set("Content-Type", "text/markdown; charset=utf-8")
		h.Set("Content-Disposition", disposition(file+".codebook.md"))
		_, err := io.WriteString(w, cb.Markdown(req.Columns()))
		return err
	}

	if what == "bundle" {
		h.Set("Content-Type", "application/zip")
		h.Set("Content-Disposition", disposition(file+".zip"))
	} else {
		ct := f.ContentType()
		if f == export.CSV && encoding == "gb18030" {
			ct = "text/csv; charset=gb18030"
		}
		h.Set("Content-Type", ct)
		h.Set("Content-Disposition", disposition(file+"."+string(f)))
		if f == export.CSV || f == export.JSON {
			cq := r.URL.Query()
			cq.Set("format", "codebook")
			cq.Del("encoding")
			h.Set("Link", fmt.Sprintf(`<%s?%s>; rel="describedby"; type="text/markdown"`, s.abs(r.URL.Path), cq.Encode()))
		}
	}
	if r.Method == http.MethodHead {
		return nil // the headers tell what a GET would give; no row is read
	}
	release, err := s.downloadSlot(r.Context())
	if err != nil {
		return err
	}
	defer release()
	// A long download may outlast the server's write timeout for pages.
	_ = http.NewResponseController(w).SetWriteDeadline(time.Now().Add(downloadTime))
	if what == "bundle" {
		_, err = export.WriteBundle(r.Context(), w, s.store, req.Documents, export.BundleOptions{Base: s.abs(""), Codebook: cb})
	} else {
		_, err = export.Write(w, req.Table(r.Context(), s.store, s.places, s.abs("")), f, export.Options{Encoding: encoding, Codebook: cb})
	}
	if err != nil {
		s.log.Error("download failed", "path", r.URL.Path, "query", r.URL.RawQuery, "err", err)
		panic(http.ErrAbortHandler)
	}
	return nil
}

// downloadSlot waits for one of the download slots, or fails with
// EUNAVAILABLE.
func (s *Server) downloadSlot(ctx context.Context) (func(), error) {
	t := time.NewTimer(downloadWait)
	defer t.Stop()
	select {
	case s.downloads <- struct{}{}:
		return func() { <-s.downloads }, nil
	case <-t.C:
		return nil, baogao.Errorf(baogao.EUNAVAILABLE, "too many downloads at once; try again in a minute")
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// disposition is a Content-Disposition that saves the response as name.
func disposition(name string) string {
	return fmt.Sprintf(`attachment; filename="%s"; filename*=UTF-8''%s`, name, url.PathEscape(name))
}

// downloadLink is a link to a download of what a page lists.
type downloadLink struct {
	Label string // the format's name, or the bundle's
	URL   string
}

// listingDownloads links the downloads of a listing's documents: the
// texts as a ZIP (汇编), and the list as CSV and XLSX; f is the listing's
// filter (kind and region included).
func listingDownloads(q url.Values, kind baogao.Kind, region baogao.Region, lang string) []downloadLink {
	v := filterQuery(q)
	v.Set("kind", string(kind))
	if region != "" {
		v.Set("region", string(region))
	}
	var out []downloadLink
	for _, f := range []struct{ format, label string }{{"zip", message(lang, "list.bundle")}, {"csv", "CSV"}, {"xlsx", "XLSX"}} {
		v.Set("format", f.format)
		out = append(out, downloadLink{f.label, "/api/v1/documents?" + v.Encode()})
	}
	return out
}
