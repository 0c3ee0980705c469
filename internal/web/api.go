package web

import (
	_ "embed"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/baogao/baogao"
)

//go:embed openapi.json
var openAPIDoc []byte

// apiHandler returns a value to encode as JSON.
type apiHandler func(r *http.Request) (any, error)

// apiError is the JSON body of an error (SPEC §4).
type apiError struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

// json serves an API handler, rate limited per client: its value as JSON,
// or its error as {"error": {"code", "message"}} with the matching status.
func (s *Server) json(h apiHandler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var v any
		var err error
		w.Header().Set("Access-Control-Allow-Origin", "*") // a public, read-only API
		if s.conditional(w, r) {
			return
		}
		if !s.allowAPI(r) {
			w.Header().Set("Retry-After", "1")
			err = baogao.Errorf(baogao.ERATELIMITED, "too many requests; slow down")
		} else {
			v, err = h(r)
		}
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		writeJSON(w, http.StatusOK, v)
	})
}

// apiError writes an error as {"error": {"code", "message"}} with the
// matching status; internal failures are logged and not described.
func (s *Server) apiError(w http.ResponseWriter, r *http.Request, err error) {
	w.Header().Del("ETag")
	w.Header().Del("Last-Modified")
	w.Header().Set("Cache-Control", "no-store")
	var e apiError
	var status int
	status, e.Error.Message = s.status(r, err)
	e.Error.Code = baogao.ErrorCode(err)
	if status >= 500 {
		e.Error.Code = baogao.EINTERNAL
	}
	writeJSON(w, status, e)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.Encode(v)
}

// documentSummary is a document in a list; unknown values are null.
type documentSummary struct {
	ID        int64         `json:"id"`
	URL       string        `json:"url"`
	Title     string        `json:"title"`
	Kind      baogao.Kind   `json:"kind"`
	PlaceCode *string       `json:"place_code"`
	Place     *string       `json:"place"`
	Level     *baogao.Level `json:"level"`
	Region    baogao.Region `json:"region"`
	Year      *int          `json:"year"`
	Date      *string       `json:"date"`
}

func summarize(d *baogao.Document) documentSummary {
	m := d.Meta
	return documentSummary{ID: d.ID, URL: d.URL(), Title: m.Title, Kind: m.Kind, PlaceCode: nullable(m.PlaceCode), Place: nullable(m.Place),
		Level: nullable(m.Level), Region: m.Region, Year: nullable(m.Year), Date: nullable(m.Date)}
}

// nullable returns nil for the zero value: an unknown value is null in the
// API, never "" or 0.
func nullable[T comparable](v T) *T {
	var zero T
	if v == zero {
		return nil
	}
	return &v
}

// sourceJSON is a source as the API shows it: the name of the file it was
// imported from, never where the file lay on the server; unknown values
// null.
type sourceJSON struct {
	URL         *string    `json:"url"`
	FinalURL    *string    `json:"final_url"`
	File        *string    `json:"file"`
	FetchedAt   *time.Time `json:"fetched_at"`
	Status      *int       `json:"status"`
	ContentType *string    `json:"content_type"`
	Size        *int64     `json:"size"`
	SHA256      string     `json:"sha256"`
	Encoding    *string    `json:"encoding"`
	Script      *string    `json:"script"`
	ImportedAt  *time.Time `json:"imported_at"`
	Credit      *string    `json:"credit"`
}

func sourceOf(src baogao.Source) sourceJSON {
	return sourceJSON{URL: nullable(src.URL), FinalURL: nullable(src.FinalURL), File: nullable(fileName(src.File)),
		FetchedAt: nullable(src.FetchedAt), Status: nullable(src.Status), ContentType: nullable(src.ContentType),
		Size: nullable(src.Size), SHA256: src.SHA256, Encoding: nullable(src.Encoding), Script: nullable(src.Script),
		ImportedAt: nullable(src.ImportedAt), Credit: nullable(src.Credit)}
}

// fileName is the last element of a source's file path, written with
// either slash; generated sources ("demo:1/12") keep their name.
func fileName(p string) string {
	if strings.HasPrefix(p, "demo:") {
		return p
	}
	if i := strings.LastIndexAny(p, `/\`); i >= 0 {
		return p[i+1:]
	}
	return p
}

// filterOf reads the filters of SPEC §3 from query parameters named as the
// CLI flags (baogao.ParseFilter: kind, region, province, prefecture, place,
// level, year), and limit and offset.
func (s *Server) filterOf(r *http.Request) (baogao.DocumentFilter, error) {
	q := r.URL.Query()
	f, err := baogao.ParseFilter(q.Get, s.places)
	if err != nil {
		return f, err
	}
	if f.Limit, err = intParam(q.Get("limit"), 20, 1, 100, "limit"); err != nil {
		return f, err
	}
	if f.Offset, err = intParam(q.Get("offset"), 0, 0, 1<<30, "offset"); err != nil {
		return f, err
	}
	return f, nil
}

// filterQuery keeps the filter parameters of a query, for a URL that names
// the same documents whatever else the request carried.
func filterQuery(q url.Values) url.Values {
	out := url.Values{}
	for _, k := range baogao.FilterParams {
		if v := q.Get(k); v != "" {
			out.Set(k, v)
		}
	}
	return out
}

func intParam(v string, def, lo, hi int, name string) (int, error) {
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < lo || n > hi {
		return 0, baogao.Errorf(baogao.EINVALID, "%s must be a whole number from %d to %d", name, lo, hi)
	}
	return n, nil
}

// apiDocuments is GET /api/v1/documents.
func (s *Server) apiDocuments(r *http.Request) (any, error) {
	f, err := s.filterOf(r)
	if err != nil {
		return nil, err
	}
	page, err := s.store.Documents(r.Context(), f)
	if err != nil {
		return nil, err
	}
	out := struct {
		Total     int               `json:"total"`
		Documents []documentSummary `json:"documents"`
	}{Total: page.Total, Documents: []documentSummary{}}
	for _, d := range page.Documents {
		out.Documents = append(out.Documents, summarize(d))
	}
	return out, nil
}

// documentJSON is the §6 object plus id, url, body and sources.
type documentJSON struct {
	ID      int64            `json:"id"`
	URL     string           `json:"url"`
	Meta    baogao.Meta      `json:"meta"`
	Outline []baogao.Heading `json:"outline"`
	baogao.Extraction
	Body    string       `json:"body"`
	SHA256  string       `json:"sha256"`
	Sources []sourceJSON `json:"sources"`
}

// apiDocument is GET /api/v1/documents/{id}.
func (s *Server) apiDocument(r *http.Request) (any, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return nil, baogao.Errorf(baogao.EINVALID, "document id must be a positive whole number")
	}
	d, err := s.store.Document(r.Context(), id)
	if err != nil {
		return nil, err
	}
	if d.Outline == nil {
		d.Outline = []baogao.Heading{}
	}
	out := documentJSON{ID: d.ID, URL: d.URL(), Meta: d.Meta, Outline: d.Outline, Extraction: d.Extraction, Body: d.Body,
		SHA256: d.SHA256, Sources: []sourceJSON{}}
	for _, src := range d.Sources {
		out.Sources = append(out.Sources, sourceOf(src))
	}
	return out, nil
}

// placeJSON is a place with its full name; a province's parent is null.
type placeJSON struct {
	Code     string        `json:"code"`
	Name     string        `json:"name"`
	Short    string        `json:"short"`
	Level    baogao.Level  `json:"level"`
	Parent   *string       `json:"parent"`
	Region   baogao.Region `json:"region"`
	Slug     string        `json:"slug"`
	FullName string        `json:"full_name"`
}

// apiPlaces is GET /api/v1/places: ?parent=CODE lists the places within;
// ?q=NAME looks a name up; neither lists the provinces.
func (s *Server) apiPlaces(r *http.Request) (any, error) {
	q := r.URL.Query()
	var list []baogao.Place
	switch {
	case q.Get("q") != "":
		list = s.places.Lookup(q.Get("q"))
	case q.Get("parent") != "":
		if _, err := s.places.Place(q.Get("parent")); err != nil {
			return nil, baogao.Errorf(baogao.ENOTFOUND, "unknown place %q", q.Get("parent"))
		}
		list = s.places.Children(q.Get("parent"))
	default:
		for _, p := range s.places.All() {
			if p.Level == baogao.LevelProvince {
				list = append(list, p)
			}
		}
	}
	out := struct {
		Places []placeJSON `json:"places"`
	}{Places: []placeJSON{}}
	for _, p := range list {
		out.Places = append(out.Places, placeJSON{Code: p.Code, Name: p.Name, Short: p.Short, Level: p.Level, Parent: nullable(p.Parent),
			Region: p.Region, Slug: p.Slug, FullName: s.places.FullName(p.Code)})
	}
	return out, nil
}

func (s *Server) openAPI(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=3600")
	w.Write(openAPIDoc)
}
