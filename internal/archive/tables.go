// Package archive describes the tables that hold an archive, the same in
// every store, for copying an archive from one store to another (baogao
// copy) and for digests that tell two archives hold the same rows.
//
// Values are canonical whatever the store: nil (NULL, or a time a store
// keeps as ""), int64, float64, string, bool and time.Time (UTC, to the
// microsecond) and []byte. A store reads its rows into these and writes them back in
// its own types.
package archive

import (
	"cmp"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"hash"
	"math"
	"time"
)

// Type is the canonical type of a column.
type Type int

// The types of columns.
const (
	Int Type = iota
	Float
	Text
	Bool
	Time
	Bytes
)

// Column is one column of a table.
type Column struct {
	Name string
	Type Type
}

// Table is one table of the archive: its columns, the first len(Key) of
// which are its key (rows are read, copied and digested in key order).
type Table struct {
	Name    string
	Key     int // the number of key columns, first in Columns
	Columns []Column
}

// Names returns the names of the table's columns.
func (t *Table) Names() []string {
	out := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		out[i] = c.Name
	}
	return out
}

func cols(spec ...any) []Column {
	out := make([]Column, 0, len(spec)/2)
	for i := 0; i < len(spec); i += 2 {
		out = append(out, Column{spec[i].(string), spec[i+1].(Type)})
	}
	return out
}

// Tables are the tables an archive is made of, in an order in which each
// comes after those it refers to. A store's other tables are derived from
// these (counts, the search index, the gazetteer's places) or hold what
// lives minutes (captchas, sessions, rate counters), and are not copied:
// see each store's Derived. A new table is added here, and both stores'
// tests fail until it is.
var Tables = []*Table{
	{Name: "documents", Key: 1, Columns: cols("id", Int, "kind", Text, "place_code", Text, "province", Text, "place", Text,
		"level", Text, "region", Text, "year", Int, "date", Text, "title", Text, "script", Text, "issuer", Text, "session", Text,
		"speaker", Text, "place_candidates", Text, "encoding", Text, "flagged", Bool, "sha256", Text, "simhash", Int,
		"band0", Int, "band1", Int, "band2", Int, "band3", Int, "created_at", Time, "updated_at", Time, "outline", Text, "body", Text)},
	{Name: "assessments", Key: 1, Columns: cols("document_id", Int, "completeness", Text, "quality", Text)},
	{Name: "sources", Key: 1, Columns: cols("id", Int, "document_id", Int, "url", Text, "file", Text, "fetched_at", Time,
		"sha256", Text, "encoding", Text, "script", Text, "imported_at", Time, "final_url", Text, "status", Int,
		"content_type", Text, "size", Int, "credit", Text)},
	{Name: "source_originals", Key: 1, Columns: cols("sha256", Text, "codec", Text, "data", Bytes)},
	{Name: "source_original_parts", Key: 2, Columns: cols("sha256", Text, "seq", Int, "data", Bytes)},
	{Name: "targets", Key: 2, Columns: cols("document_id", Int, "seq", Int, "indicator", Text, "label", Text, "value", Float,
		"value_high", Float, "stretch", Float, "unit", Text, "qualifier", Text, "words", Text, "year", Int, "text", Text,
		"span_start", Int, "span_end", Int, "corrected", Bool)},
	{Name: "outcomes", Key: 2, Columns: cols("document_id", Int, "seq", Int, "indicator", Text, "label", Text, "value", Float,
		"unit", Text, "year", Int, "vintage", Text, "basis", Text, "bound", Text, "text", Text, "span_start", Int, "span_end", Int,
		"corrected", Bool)},
	{Name: "goals", Key: 2, Columns: cols("document_id", Int, "seq", Int, "subject", Text, "metric", Text, "value", Float,
		"unit", Text, "year", Int, "text", Text, "span_start", Int, "span_end", Int)},
	{Name: "projects", Key: 2, Columns: cols("document_id", Int, "seq", Int, "name", Text, "action", Text, "investment", Float,
		"unit", Text, "text", Text, "span_start", Int, "span_end", Int)},
	{Name: "overrides", Key: 3, Columns: cols("document_id", Int, "field", Text, "key", Text, "value", Text, "set_by", Text,
		"set_at", Time)},
	{Name: "comments", Key: 1, Columns: cols("id", Int, "document_id", Int, "parent_id", Int, "name", Text, "text", Text,
		"status", Text, "held", Text, "client_hash", Text, "created_at", Time, "moderated_at", Time, "moderated_by", Text)},
	{Name: "blocked_clients", Key: 1, Columns: cols("client_hash", Text, "until", Time, "blocked_by", Text, "blocked_at", Time)},
	{Name: "users", Key: 1, Columns: cols("id", Int, "name", Text, "role", Text, "password_hash", Text, "disabled", Bool,
		"created_at", Time, "last_login", Time)},
	{Name: "audit_log", Key: 1, Columns: cols("id", Int, "at", Time, "actor", Text, "action", Text, "target", Text, "detail", Text)},
	{Name: "settings", Key: 1, Columns: cols("name", Text, "value", Text)},
	{Name: "trash", Key: 1, Columns: cols("id", Int, "title", Text, "kind", Text, "year", Int, "sha256", Text, "simhash", Int,
		"document", Text, "deleted_at", Time, "deleted_by", Text)},
	{Name: "import_runs", Key: 1, Columns: cols("id", Int, "command", Text, "started", Time, "finished", Time, "imported", Int,
		"duplicates", Int, "failed", Int, "errors", Text)},
	// The crawler's state: a copied archive continues an unfinished crawl
	// and asks conditionally for what it fetched before.
	{Name: "crawl_runs", Key: 1, Columns: cols("id", Int, "start", Text, "started_at", Time, "finished_at", Time)},
	{Name: "crawl_frontier", Key: 1, Columns: cols("id", Int, "run_id", Int, "url", Text, "host", Text, "depth", Int, "via", Text,
		"role", Text, "state", Text, "attempts", Int, "next_at", Time, "outcome", Text, "reason", Text, "status", Int,
		"document_id", Int, "finished_at", Time)},
	{Name: "crawl_fetches", Key: 1, Columns: cols("url", Text, "final_url", Text, "status", Int, "content_type", Text, "etag", Text,
		"last_modified", Text, "sha256", Text, "size", Int, "fetched_at", Time, "outcome", Text, "reason", Text,
		"document_id", Int, "body", Bytes)},
}

// TableNamed returns the table with the name, or nil.
func TableNamed(name string) *Table {
	for _, t := range Tables {
		if t.Name == name {
			return t
		}
	}
	return nil
}

// Row is one row of a table, canonical values in column order.
type Row []any

// Canon checks a value of a column's type and makes it canonical: times in
// UTC to the microsecond, the zero time nil.
func Canon(typ Type, v any) (any, error) {
	if v == nil {
		return nil, nil
	}
	switch typ {
	case Int:
		switch x := v.(type) {
		case int64:
			return x, nil
		case int32:
			return int64(x), nil
		case int16:
			return int64(x), nil
		}
	case Float:
		switch x := v.(type) {
		case float64:
			return x, nil
		case int64: // SQLite gives back an integral REAL as an integer
			return float64(x), nil
		}
	case Bytes:
		if x, ok := v.([]byte); ok {
			return x, nil
		}
	case Text:
		if x, ok := v.(string); ok {
			return x, nil
		}
	case Bool:
		switch x := v.(type) {
		case bool:
			return x, nil
		case int64:
			return x != 0, nil
		}
	case Time:
		if x, ok := v.(time.Time); ok {
			if x.IsZero() {
				return nil, nil
			}
			return x.UTC().Truncate(time.Microsecond), nil
		}
	}
	return nil, fmt.Errorf("a %T is not a value of type %d", v, typ)
}

// CompareKeys orders rows by their first n values (a table's key).
func CompareKeys(a, b Row, n int) int {
	for i := range n {
		var c int
		switch x := a[i].(type) {
		case int64:
			c = cmp.Compare(x, b[i].(int64))
		case string:
			c = cmp.Compare(x, b[i].(string))
		default:
			panic(fmt.Sprintf("archive: key of type %T", a[i]))
		}
		if c != 0 {
			return c
		}
	}
	return 0
}

// Digest is a running SHA-256 of a table's rows, in key order, in a
// canonical encoding: two stores holding the same rows give the same
// digest.
type Digest struct {
	h    hash.Hash
	Rows int
}

// NewDigest returns an empty digest.
func NewDigest() *Digest { return &Digest{h: sha256.New()} }

// Add adds a row.
func (d *Digest) Add(r Row) {
	var buf [9]byte
	for _, v := range r {
		switch x := v.(type) {
		case nil:
			d.h.Write([]byte{0})
		case int64:
			buf[0] = 1
			binary.BigEndian.PutUint64(buf[1:], uint64(x))
			d.h.Write(buf[:])
		case float64:
			buf[0] = 2
			binary.BigEndian.PutUint64(buf[1:], math.Float64bits(x))
			d.h.Write(buf[:])
		case string:
			buf[0] = 3
			binary.BigEndian.PutUint64(buf[1:], uint64(len(x)))
			d.h.Write(buf[:])
			d.h.Write([]byte(x))
		case bool:
			if x {
				d.h.Write([]byte{4, 1})
			} else {
				d.h.Write([]byte{4, 0})
			}
		case time.Time:
			buf[0] = 5
			binary.BigEndian.PutUint64(buf[1:], uint64(x.UnixMicro()))
			d.h.Write(buf[:])
		case []byte:
			buf[0] = 6
			binary.BigEndian.PutUint64(buf[1:], uint64(len(x)))
			d.h.Write(buf[:])
			d.h.Write(x)
		default:
			panic(fmt.Sprintf("archive: digest of a %T", v))
		}
	}
	d.Rows++
}

// Sum returns the digest in hex.
func (d *Digest) Sum() string { return hex.EncodeToString(d.h.Sum(nil)) }
