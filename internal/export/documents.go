package export

import (
	"context"
	"time"

	"github.com/baogao/baogao"
)

// DocumentSource is what the documents table and bundles read; a
// baogao.Store is one.
type DocumentSource interface {
	// Documents returns a page of a listing (see baogao.Store).
	Documents(ctx context.Context, f baogao.DocumentFilter) (baogao.DocumentPage, error)
	// Document returns a document whole, or ENOTFOUND.
	Document(ctx context.Context, id int64) (*baogao.Document, error)
}

// DocumentColumns are the columns of the documents table (SPEC §3).
var DocumentColumns = []Column{
	{Name: "id", Type: Integer, Description: "文件编号 document id: /{kind}/{region}/{id}.html"},
	{Name: "url", Type: Text, Description: "本站网址 the document's address on the site", Width: 40},
	{Name: "kind", Type: Text, Description: "文件类别 kind of document"},
	{Name: "place_code", Type: Text, Description: "地区代码 GB/T 2260 code of the place; empty when unknown"},
	{Name: "place", Type: Text, Description: "地区 full name of the place", Width: 24},
	{Name: "level", Type: Text, Description: "行政级别 level of the place"},
	{Name: "region", Type: Text, Description: "大区 macro-region"},
	{Name: "year", Type: Integer, Description: "年份 the year the document is for (the 2023 report, the bulletin on 2023)"},
	{Name: "date", Type: Text, Description: "日期 delivery or publication date, YYYY-MM-DD; empty when not stated"},
	{Name: "title", Type: Text, Description: "标题 title", Width: 40},
	{Name: "source_url", Type: Text, Description: "来源 the address the text was first fetched from; empty for imported files", Width: 40},
	{Name: "fetched_at", Type: Text, Description: "抓取时间 when it was fetched, RFC 3339 UTC; empty when not known"},
	{Name: "sha256", Type: Text, Description: "SHA-256 of the clean simplified body text, hex"},
}

// documentRow fills r (of len(DocumentColumns)) with a document, whose
// sources are those of a whole document; base is the site's address
// without the final slash ("" leaves paths).
func documentRow(r Row, d *baogao.Document, base string) Row {
	m := d.Meta
	r = append(r[:0], d.ID, base+d.URL(), string(m.Kind), m.PlaceCode, m.Place, string(m.Level), string(m.Region),
		nil, m.Date, m.Title, nil, nil, d.SHA256)
	if m.Year != 0 {
		r[7] = int64(m.Year)
	}
	// The first source with an address is where the text came from.
	for _, s := range d.Sources {
		if s.URL != "" {
			r[10] = s.URL
			if !s.FetchedAt.IsZero() {
				r[11] = s.FetchedAt.UTC().Format(time.RFC3339)
			}
			break
		}
	}
	for i := range r {
		if s, ok := r[i].(string); ok && s == "" {
			r[i] = nil
		}
	}
	return r
}

// listingPage is how many documents a listing is read by at a time.
const listingPage = 200

// eachDocument calls fn with every document of the listing f (its Limit
// and Offset ignored), whole, in the listing's order. A document deleted
// while it runs is left out.
func eachDocument(ctx context.Context, src DocumentSource, f baogao.DocumentFilter, fn func(*baogao.Document) error) error {
	f.Limit, f.Offset, f.SkipTotal = listingPage, 0, true
	for {
		page, err := src.Documents(ctx, f)
		if err != nil {
			return err
		}
		for _, listed := range page.Documents {
			d, err := src.Document(ctx, listed.ID)
			if baogao.ErrorCode(err) == baogao.ENOTFOUND {
				continue
			}
			if err != nil {
				return err
			}
			if err := fn(d); err != nil {
				return err
			}
		}
		if len(page.Documents) < listingPage {
			return nil
		}
		f.Offset += listingPage
	}
}

// Documents is the table of the documents of a listing (SPEC §3's
// documents rows); base is the site's address, for the url column.
func Documents(ctx context.Context, src DocumentSource, f baogao.DocumentFilter, base string) Table {
	return Table{Name: "documents", Columns: DocumentColumns, Rows: func(emit func(Row) error) error {
		r := make(Row, 0, len(DocumentColumns))
		return eachDocument(ctx, src, f, func(d *baogao.Document) error {
			return emit(documentRow(r, d, base))
		})
	}}
}
