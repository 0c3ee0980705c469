package export

import (
	"archive/zip"
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/baogao/baogao"
)

// BundleOptions are the choices of WriteBundle.
type BundleOptions struct {
	Base     string    // the site's address without the final slash, for URLs; "" leaves paths
	Codebook *Codebook // written into the ZIP as 说明.md (with the index's columns); nil writes none
	Now      time.Time // the files' modification time; zero is now
}

// BundleIndexColumns are the columns of a bundle's index.csv: those of
// the documents table, then the file each text is in.
var BundleIndexColumns = append(append([]Column(nil), DocumentColumns...),
	Column{Name: "file", Type: Text, Description: "压缩包中的文件 the text's file in the ZIP", Width: 50})

// WriteBundle writes the documents of the listing f (its Limit and Offset
// ignored) to w as a ZIP (汇编): one UTF-8 text file a document, named by
// year, place, title and id (2024-山东省济宁市金乡县-政府工作报告-12.txt),
// which begins with the document's title, place, date and sources; then
// index.csv (the documents table with each text's file, UTF-8 with a
// byte-order mark) and 说明.md (its codebook and citation). It streams:
// one document is held at a time, and the index waits in a temporary
// file. It returns how many documents it wrote.
func WriteBundle(ctx context.Context, w io.Writer, src DocumentSource, f baogao.DocumentFilter, o BundleOptions) (int, error) {
	if o.Now.IsZero() {
		o.Now = time.Now()
	}
	tmp, err := os.CreateTemp("", "baogao-bundle-*.csv")
	if err != nil {
		return 0, fmt.Errorf("bundle: %w", err)
	}
	defer os.Remove(tmp.Name())
	defer tmp.Close()

	zw := zip.NewWriter(w)
	n := 0
	// The index is a table whose rows are the documents written so far:
	// Write pulls each one as the texts go into the ZIP.
	index := Table{Name: "index", Columns: BundleIndexColumns, Rows: func(emit func(Row) error) error {
		r := make(Row, 0, len(BundleIndexColumns))
		return eachDocument(ctx, src, f, func(d *baogao.Document) error {
			name := bundleFileName(d) // unique: it ends in the id
			fw, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: o.Now})
			if err != nil {
				return err
			}
			if _, err := io.WriteString(fw, bundleText(d, o.Base)); err != nil {
				return err
			}
			n++
			r = documentRow(r, d, o.Base)
			return emit(append(r, name))
		})
	}}
	if _, err := Write(tmp, index, CSV, Options{}); err != nil {
		return n, fmt.Errorf("bundle: %w", err)
	}
	if _, err := tmp.Seek(0, io.SeekStart); err != nil {
		return n, fmt.Errorf("bundle: %w", err)
	}
	fw, err := zw.CreateHeader(&zip.FileHeader{Name: "index.csv", Method: zip.Deflate, Modified: o.Now})
	if err == nil {
		_, err = io.Copy(fw, tmp)
	}
	if err == nil && o.Codebook != nil {
		cb := *o.Codebook
		cb.Rows = n
		if fw, err = zw.CreateHeader(&zip.FileHeader{Name: "说明.md", Method: zip.Deflate, Modified: o.Now}); err == nil {
			_, err = io.WriteString(fw, cb.Markdown(BundleIndexColumns))
		}
	}
	if err == nil {
		err = zw.Close()
	}
	if err != nil {
		return n, fmt.Errorf("bundle: %w", err)
	}
	return n, nil
}

// bundleText is a document as a text file: a header of what it is and
// where it came from, a rule, then the body.
func bundleText(d *baogao.Document, base string) string {
	m := d.Meta
	var b strings.Builder
	line := func(k, v string) {
		if v != "" {
			fmt.Fprintf(&b, "%s：%s\n", k, v)
		}
	}
	line("标题", m.Title)
	place := m.Place
	if m.PlaceCode != "" {
		place += "（" + m.PlaceCode + "）"
	}
	line("地区", place)
	if m.Year != 0 {
		line("年份", fmt.Sprint(m.Year))
	}
	line("日期", m.Date)
	line("类别", m.Kind.Name())
	line("本站", base+d.URL())
	for _, s := range d.Sources {
		line("来源", s.URL)
	}
	b.WriteString("\n————————\n\n")
	b.WriteString(d.Body)
	if !strings.HasSuffix(d.Body, "\n") {
		b.WriteString("\n")
	}
	return b.String()
}

// bundleFileName is a document's file name in a bundle: year, place,
// title and id, with characters file systems refuse replaced and the
// title shortened so that the name stays under 100 characters.
func bundleFileName(d *baogao.Document) string {
	m := d.Meta
	var parts []string
	if m.Year != 0 {
		parts = append(parts, fmt.Sprint(m.Year))
	}
	if m.Place != "" {
		parts = append(parts, safeName(m.Place))
	}
	title := safeName(m.Title)
	if title == "" {
		title = m.Kind.Name()
	}
	id := fmt.Sprint(d.ID)
	room := 100 - len(".txt") - len(id) - 1
	for _, p := range parts {
		room -= utf8.RuneCountInString(p) + 1
	}
	if rs := []rune(title); len(rs) > max(room, 8) {
		title = string(rs[:max(room, 8)]) + "…"
	}
	return strings.Join(append(parts, title, id), "-") + ".txt"
}

// safeName replaces in s the characters Windows, macOS or Linux refuse in
// a file name, and spaces, and trims dots.
func safeName(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case strings.ContainsRune(`/\:*?"<>|`, r), unicode.IsControl(r), unicode.IsSpace(r):
			return '_'
		}
		return r
	}, s)
	return strings.Trim(s, "._")
}
