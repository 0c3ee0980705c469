package export

import (
	"bufio"
	"io"
	"strconv"
	"unicode/utf8"
)

// jsonEncoder writes one array of objects, one object a line, keys in
// column order; no value is null (an empty array for a list), lists are
// arrays of strings.
type jsonEncoder struct {
	w     *bufio.Writer
	keys  [][]byte // `"name":` per column
	types []Type
	b     []byte
}

func newJSON(w io.Writer, cols []Column) (*jsonEncoder, error) {
	e := &jsonEncoder{w: bufio.NewWriterSize(w, 64<<10)}
	for _, c := range cols {
		e.keys = append(e.keys, append(appendJSONString(nil, c.Name), ':'))
		e.types = append(e.types, c.Type)
	}
	_, err := e.w.WriteString("[")
	return e, err
}

func (e *jsonEncoder) row(r Row) error {
	b := e.b[:0]
	if e.b != nil {
		b = append(b, ',')
	}
	b = append(b, "\n{"...)
	for i, v := range r {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, e.keys[i]...)
		switch v := v.(type) {
		case string:
			b = appendJSONString(b, v)
		case float64:
			b = strconv.AppendFloat(b, v, 'f', -1, 64)
		case int64:
			b = strconv.AppendInt(b, v, 10)
		case []string:
			b = append(b, '[')
			for j, s := range v {
				if j > 0 {
					b = append(b, ',')
				}
				b = appendJSONString(b, s)
			}
			b = append(b, ']')
		default:
			if e.types[i] == List {
				b = append(b, "[]"...) // no words: an empty list, as in Parquet
			} else {
				b = append(b, "null"...)
			}
		}
	}
	b = append(b, '}')
	e.b = b
	_, err := e.w.Write(b)
	return err
}

func (e *jsonEncoder) close(int) error {
	if e.b != nil {
		e.w.WriteString("\n")
	}
	e.w.WriteString("]\n")
	return e.w.Flush()
}

func (e *jsonEncoder) abort() {}

const hex = "0123456789abcdef"

// appendJSONString appends s as a JSON string: quotes, backslashes and
// control characters escaped, U+2028 and U+2029 too (JavaScript), invalid
// UTF-8 replaced by U+FFFD; other characters, Chinese included, as they are.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, "\ufffd"...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
