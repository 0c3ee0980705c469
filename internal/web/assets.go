package web

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
)

// asset is one embedded static file, served under a name that carries a
// hash of its content so that it can be cached for a year.
type asset struct {
	name   string // style.css
	url    string // /static/style.3f2a1b9c0d.css
	ctype  string
	body   []byte
	gzip   []byte // nil when compression does not pay
	etag   string
	hashed string // style.3f2a1b9c0d.css
}

// assets indexes the embedded static files by name and by hashed name.
type assets struct {
	byName   map[string]*asset
	byHashed map[string]*asset
}

func loadAssets(fsys fs.FS) (*assets, error) {
	a := &assets{byName: map[string]*asset{}, byHashed: map[string]*asset{}}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(body)
		h := hex.EncodeToString(sum[:])[:10]
		ext := path.Ext(p)
		hashed := strings.TrimSuffix(p, ext) + "." + h + ext
		ct := mime.TypeByExtension(ext)
		if ext == ".ico" { // not in Go's own table; the system's may lack it
			ct = "image/x-icon"
		}
		if ct == "" {
			ct = "application/octet-stream"
		}
		as := &asset{name: p, url: "/static/" + hashed, ctype: ct, body: body, etag: `"` + h + `"`, hashed: hashed}
		if compressible(ct) {
			var b bytes.Buffer
			zw, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
			zw.Write(body)
			zw.Close()
			if b.Len() < len(body) {
				as.gzip = b.Bytes()
			}
		}
		a.byName[p] = as
		a.byHashed[hashed] = as
		return nil
	})
	return a, err
}

// url returns the hashed URL of a static file; it panics for a missing one,
// which template parsing at start-up turns into an error.
func (a *assets) url(name string) string {
	as, ok := a.byName[name]
	if !ok {
		panic("web: no static file " + name)
	}
	return as.url
}

// serve answers /static/{file}: the hashed name is cached for a year; the
// plain name is answered too (for old pages), with revalidation.
func (a *assets) serve(w http.ResponseWriter, r *http.Request) {
	file := r.PathValue("file")
	as, immutable := a.byHashed[file]
	if !immutable {
		if as = a.byName[file]; as == nil {
			http.NotFound(w, r)
			return
		}
	}
	h := w.Header()
	h.Set("Content-Type", as.ctype)
	h.Set("ETag", as.etag)
	h.Set("Vary", "Accept-Encoding")
	if immutable {
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		h.Set("Cache-Control", "public, max-age=300")
	}
	if match(r.Header.Get("If-None-Match"), as.etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	body := as.body
	if as.gzip != nil && acceptsGzip(r) {
		h.Set("Content-Encoding", "gzip")
		body = as.gzip
	}
	w.Write(body)
}

// favicon answers /favicon.ico, which browsers and feed readers ask for
// whatever the page links to.
func (a *assets) favicon(w http.ResponseWriter, r *http.Request) {
	r.SetPathValue("file", "favicon.ico")
	a.serve(w, r)
}

func compressible(ct string) bool {
	return strings.HasPrefix(ct, "text/") || strings.Contains(ct, "javascript") || strings.Contains(ct, "json") ||
		strings.Contains(ct, "xml") || strings.Contains(ct, "svg")
}
