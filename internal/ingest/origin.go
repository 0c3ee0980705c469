package ingest

import (
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/baogao/baogao"
)

// Origin is where a file was fetched from, when the command line or an
// index of a batch says: shown and linked as the document's source.
type Origin struct {
	URL       string
	FetchedAt time.Time
}

// indexEntry is one object of an index file.
type indexEntry struct {
	File      string  `json:"file"`
	URL       *string `json:"url"`
	FetchedAt string  `json:"fetched_at"`
}

// Origins maps files to where they came from; the zero value knows none.
type Origins struct {
	byPath map[string]Origin // slash-separated entry path → origin
}

// CheckURL fails with EINVALID unless u is an absolute http(s) URL.
func CheckURL(u string) error {
	p, err := url.Parse(u)
	if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
		return baogao.Errorf(baogao.EINVALID, "source URL %q: want an absolute http or https URL", u)
	}
	return nil
}

// ReadIndex reads an index file: a JSON array of {"file": "…", "url":
// "…", "fetched_at": "RFC 3339"} (the shape of the shared corpus's
// INDEX.json; other keys are ignored; an entry whose url is null or not an
// http(s) URL, "null" included, names no source and is skipped). A file
// is matched by the longest trailing part of its path that an entry names
// ("corpus/web/m004.txt" matches /data/corpus/web/m004.txt).
func ReadIndex(path string) (*Origins, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, baogao.Errorf(baogao.EINVALID, "index %s: %v", path, err)
	}
	var entries []indexEntry
	if err := json.Unmarshal(b, &entries); err != nil {
		return nil, baogao.Errorf(baogao.EINVALID, "index %s: want a JSON array of {\"file\", \"url\"}: %v", path, err)
	}
	o := &Origins{byPath: map[string]Origin{}}
	for i, e := range entries {
		if e.URL == nil || e.File == "" || CheckURL(*e.URL) != nil {
			continue
		}
		or := Origin{URL: *e.URL}
		if e.FetchedAt != "" {
			if or.FetchedAt, err = time.Parse(time.RFC3339, e.FetchedAt); err != nil {
				return nil, baogao.Errorf(baogao.EINVALID, "index %s, entry %d: fetched_at %q is not RFC 3339", path, i+1, e.FetchedAt)
			}
		}
		o.byPath[strings.Trim(filepath.ToSlash(filepath.Clean(e.File)), "/")] = or
	}
	return o, nil
}

// Of returns the origin of a file, if the index names it.
func (o *Origins) Of(file string) (Origin, bool) {
	if o == nil || len(o.byPath) == 0 {
		return Origin{}, false
	}
	parts := strings.Split(strings.Trim(filepath.ToSlash(filepath.Clean(file)), "/"), "/")
	for i := range parts {
		if or, ok := o.byPath[strings.Join(parts[i:], "/")]; ok {
			return or, true
		}
	}
	return Origin{}, false
}

// Len is the number of files the index names with a URL.
func (o *Origins) Len() int {
	if o == nil {
		return 0
	}
	return len(o.byPath)
}
