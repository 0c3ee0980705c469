package export

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestEscape(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"plain", "地区生产总值", "地区生产总值"},
		{"equals", "=1+2", "'=1+2"},
		{"plus", "+86", "'+86"},
		{"minus", "-3", "'-3"},
		{"at", "@SUM(A1)", "'@SUM(A1)"},
		{"tab", "\t=1", "'\t=1"},
		{"carriage return", "\r=1", "'\r=1"},
		{"full-width equals", "＝1", "'＝1"},
		{"apostrophe then formula", "'=1", "''=1"},
		{"apostrophe alone", "'quoted", "'quoted"},
		{"formula inside", "a=1", "a=1"},
		{"empty", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Escape(tc.in); got != tc.want {
				t.Errorf("Escape(%q) = %q, want %q", tc.in, got, tc.want)
			}
			if got := Unescape(tc.want); got != tc.in {
				t.Errorf("Unescape(%q) = %q, want %q", tc.want, got, tc.in)
			}
		})
	}
}

// FuzzEscape checks that an escaped text never starts a formula, that
// Unescape undoes Escape, and that a text written as a CSV and a JSON cell
// reads back the same.
func FuzzEscape(f *testing.F) {
	for _, s := range []string{"", "=1", "'=1", "''@x", "-", "－3", "\t", "a,b\"c\nd", "左右|以上"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		e := Escape(s)
		if r, _ := utf8.DecodeRuneInString(e); formulaStart(r) {
			t.Fatalf("Escape(%q) = %q starts a formula", s, e)
		}
		if got := Unescape(e); got != s {
			t.Fatalf("Unescape(Escape(%q)) = %q", s, got)
		}
		if !utf8.ValidString(s) {
			return
		}
		// encoding/csv writes no lone carriage return under UseCRLF.
		s = strings.ReplaceAll(s, "\r", "")
		cols := []Column{{Name: "text", Type: Text}, {Name: "n", Type: Number}}
		tb := Table{Name: "t", Columns: cols, Rows: func(emit func(Row) error) error {
			return emit(Row{s, 1.5})
		}}
		var want Row
		if s == "" {
			want = Row{nil, 1.5}
		} else {
			want = Row{s, 1.5}
		}
		var buf bytes.Buffer
		if _, err := Write(&buf, tb, CSV, Options{}); err != nil {
			t.Fatal(err)
		}
		rows := readCSV(t, buf.Bytes(), cols)
		if len(rows) != 1 || rows[0][0] != want[0] || rows[0][1] != want[1] {
			t.Fatalf("CSV gave %#v for %q", rows, s)
		}
		buf.Reset()
		if _, err := Write(&buf, tb, JSON, Options{}); err != nil {
			t.Fatal(err)
		}
		var objs []map[string]any
		if err := json.Unmarshal(buf.Bytes(), &objs); err != nil {
			t.Fatalf("JSON %q: %v", buf.String(), err)
		}
		if got, _ := objs[0]["text"].(string); len(objs) != 1 || got != s && !(s == "" && objs[0]["text"] == nil) {
			t.Fatalf("JSON gave %#v for %q", objs, s)
		}
	})
}
