package export

import (
	"io"
	"reflect"
	"strconv"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/compress"
	"github.com/parquet-go/parquet-go/encoding"
)

// parquetEncoder writes a Parquet file: numbers as optional doubles,
// integers as optional 64-bit integers, text as optional UTF-8 strings,
// lists as LISTs of strings, zstd-compressed, in row groups of
// parquetGroupRows rows (the writer holds one group in memory); the
// codebook and citation go in the file's key-value metadata
// (baogao.codebook as JSON, baogao.citation as text).
type parquetEncoder struct {
	w     *parquet.GenericWriter[any]
	cols  []Column
	batch []parquet.Row
}

const (
	parquetGroupRows = 50_000
	parquetBatch     = 512
)

// parquetSchema is the table's schema, its columns in the table's order
// (parquet.Group would sort them by name).
func parquetSchema(t Table) *parquet.Schema {
	fields := make(orderedGroup, len(t.Columns))
	for i, c := range t.Columns {
		var n parquet.Node
		switch c.Type {
		case Number:
			n = parquet.Optional(parquet.Leaf(parquet.DoubleType))
		case Integer:
			n = parquet.Optional(parquet.Int(64))
		case List:
			n = parquet.List(parquet.String())
		default:
			n = parquet.Optional(parquet.String())
		}
		fields[i] = namedField{Node: n, name: c.Name}
	}
	return parquet.NewSchema(t.Name, fields)
}

func newParquet(w io.Writer, t Table, cb *Codebook) (*parquetEncoder, error) {
	opts := []parquet.WriterOption{
		parquetSchema(t),
		parquet.Compression(&parquet.Zstd),
		parquet.MaxRowsPerRowGroup(parquetGroupRows),
		parquet.CreatedBy("baogao", "", ""),
	}
	if cb != nil {
		js, err := cb.JSON(t.Columns)
		if err != nil {
			return nil, err
		}
		opts = append(opts, parquet.KeyValueMetadata("baogao.codebook", string(js)),
			parquet.KeyValueMetadata("baogao.citation", cb.Citation.Text()))
	}
	return &parquetEncoder{w: parquet.NewGenericWriter[any](w, opts...), cols: t.Columns}, nil
}

func (e *parquetEncoder) row(r Row) error {
	row := make(parquet.Row, 0, len(r)+2)
	for i, v := range r {
		if e.cols[i].Type == List {
			// One value per item (repetition level 1 after the first,
			// definition level 1), or one null for an empty list.
			items, _ := v.([]string)
			if len(items) == 0 {
				row = append(row, parquet.NullValue().Level(0, 0, i))
			}
			for j, s := range items {
				row = append(row, parquet.ByteArrayValue([]byte(s)).Level(min(j, 1), 1, i))
			}
			continue
		}
		var pv parquet.Value
		switch v := v.(type) {
		case string:
			pv = parquet.ByteArrayValue([]byte(v)).Level(0, 1, i)
		case float64:
			pv = parquet.DoubleValue(v).Level(0, 1, i)
		case int64:
			pv = parquet.Int64Value(v).Level(0, 1, i)
		default:
			pv = parquet.NullValue().Level(0, 0, i)
		}
		row = append(row, pv)
	}
	e.batch = append(e.batch, row)
	if len(e.batch) == parquetBatch {
		return e.flush()
	}
	return nil
}

func (e *parquetEncoder) flush() error {
	_, err := e.w.WriteRows(e.batch)
	clear(e.batch)
	e.batch = e.batch[:0]
	return err
}

func (e *parquetEncoder) close(int) error {
	if err := e.flush(); err != nil {
		return err
	}
	return e.w.Close()
}

func (e *parquetEncoder) abort() {}

// orderedGroup is a Parquet group whose fields keep the order given.
type orderedGroup []parquet.Field

func (g orderedGroup) ID() int                     { return 0 }
func (g orderedGroup) String() string              { return "group" }
func (g orderedGroup) Type() parquet.Type          { return parquet.Group{}.Type() }
func (g orderedGroup) Optional() bool              { return false }
func (g orderedGroup) Repeated() bool              { return false }
func (g orderedGroup) Required() bool              { return true }
func (g orderedGroup) Leaf() bool                  { return false }
func (g orderedGroup) Fields() []parquet.Field     { return g }
func (g orderedGroup) Encoding() encoding.Encoding { return nil }
func (g orderedGroup) Compression() compress.Codec { return nil }

// GoType is a struct of the fields, in order, each tagged with its name.
func (g orderedGroup) GoType() reflect.Type {
	fields := make([]reflect.StructField, len(g))
	for i, f := range g {
		fields[i] = reflect.StructField{Name: "F" + strconv.Itoa(i), Type: f.GoType(),
			Tag: reflect.StructTag(`parquet:"` + f.Name() + `"`)}
	}
	return reflect.StructOf(fields)
}

// namedField is a node named in its group.
type namedField struct {
	parquet.Node
	name string
}

func (f namedField) Name() string { return f.name }

// Value returns the field of a struct of orderedGroup.GoType with the name.
func (f namedField) Value(base reflect.Value) reflect.Value {
	t := base.Type()
	for i := range t.NumField() {
		if t.Field(i).Tag.Get("parquet") == f.name {
			return base.Field(i)
		}
	}
	return reflect.Value{}
}
