package postgres

import (
	"encoding/binary"
	"errors"
	"strings"
	"unicode/utf8"

	"github.com/baogao/baogao"
	"github.com/baogao/baogao/internal/search"
)

// The index holds, for every token, the documents that have it, in blocks
// of at most blockDocs documents by ascending id, one row per segment,
// token and block (migration 0002). The tokens:
//
//   - stream tokens, the tokens of internal/search (bigrams, and the final
//     rune of each run) with their positions in body and title: a phrase is
//     its tokens at consecutive positions; a bigram's value is its impact
//     level in the document;
//   - runeToken + a rune, valued at the rune's impact level: every document
//     with the rune anywhere;
//   - tagToken + a filter tag (search.Tags);
//   - docsToken: every document of the segment, with its body's length and
//     its sort key. Segments never change (a merge makes a new one), so a
//     process keeps this table of each segment once read (segmentCache).
//
// A row's docs hold, for each document, the varints of its id's increase
// and its value (for docsToken: length and key); its positions, for each
// document, the numbers of occurrences in body and title and their
// positions' increases (see appendPositions).
const (
	runeToken = "\x01"
	tagToken  = "\x02"
	docsToken = "\x03"
	blockDocs = 128
)

// positional reports whether a token's documents carry positions.
func positional(token string) bool { return token != "" && token[0] > docsToken[0] }

// docIndex is what the index holds of one document.
type docIndex struct {
	id, key int64
	length  int
	folds   bool
	terms   []termIndex // every token of the document but docsToken, in no order
}

// termIndex is one token of a document: its value and, for a stream token,
// its encoded positions (see appendPositions).
type termIndex struct {
	token string
	value int
	pos   []byte
}

// newDocIndex tokenises a document. Its id and key are set when its id is
// known (setID).
func newDocIndex(doc *baogao.Document) *docIndex {
	x := &docIndex{folds: search.HasFoldingHan(doc.Body)}
	body, n := search.AppendTokens(nil, doc.Body)
	title, _ := search.AppendTokens(nil, doc.Meta.Title)
	x.length = n
	type occ struct {
		body, title []int32
	}
	at := map[string]int{}
	var occs []occ
	var tokens []string
	runes := map[rune]int{}
	add := func(stream []byte, inTitle bool) {
		s := string(stream)
		pos := int32(0)
		for len(s) > 0 {
			tok := s
			if i := strings.IndexByte(s, ' '); i >= 0 {
				tok, s = s[:i], s[i+1:]
			} else {
				s = ""
			}
			i, ok := at[tok]
			if !ok {
				i = len(occs)
				at[tok] = i
				occs = append(occs, occ{})
				tokens = append(tokens, tok)
			}
			r, _ := utf8.DecodeRuneInString(tok)
			if inTitle {
				occs[i].title = append(occs[i].title, pos)
				runes[r] += search.TitleWeight
			} else {
				occs[i].body = append(occs[i].body, pos)
				runes[r]++
			}
			pos++
		}
	}
	add(body, false)
	add(title, true)
	x.terms = make([]termIndex, 0, len(tokens)+len(runes)+8)
	var buf []byte
	for i, tok := range tokens {
		o := occs[i]
		start := len(buf)
		buf = appendPositions(buf, o.body, o.title)
		value := 0
		if utf8.RuneCountInString(tok) == 2 {
			value = search.Level(len(o.body)+search.TitleWeight*len(o.title), n)
		}
		x.terms = append(x.terms, termIndex{token: tok, value: value, pos: buf[start:len(buf):len(buf)]})
	}
	for r, tf := range runes {
		x.terms = append(x.terms, termIndex{token: runeToken + string(r), value: search.Level(tf, n)})
	}
	for _, tag := range search.Tags(doc.Meta) {
		x.terms = append(x.terms, termIndex{token: tagToken + tag})
	}
	return x
}

// setID sets the document's id and sort key.
func (x *docIndex) setID(doc *baogao.Document) {
	x.id = doc.ID
	x.key = search.SortKey(doc.Meta.Year, doc.Meta.Date, doc.ID)
}

// appendPositions encodes a document's positions of one token: the number
// of occurrences in the body, doubled, plus one when the title has some,
// and then their number; then each list's positions as increases.
func appendPositions(dst []byte, body, title []int32) []byte {
	head := uint64(len(body)) << 1
	if len(title) > 0 {
		head |= 1
	}
	dst = binary.AppendUvarint(dst, head)
	if len(title) > 0 {
		dst = binary.AppendUvarint(dst, uint64(len(title)))
	}
	for _, list := range [][]int32{body, title} {
		prev := int32(0)
		for _, p := range list {
			dst = binary.AppendUvarint(dst, uint64(p-prev))
			prev = p
		}
	}
	return dst
}

// decodePositions decodes one document's positions of a token from the
// start of b into body and title, reusing their storage, and returns the
// rest of b.
func decodePositions(b []byte, body, title []int32) ([]int32, []int32, []byte, error) {
	r := reader{b: b}
	head := r.uvarint()
	nb, nt := head>>1, uint64(0)
	if head&1 != 0 {
		nt = r.uvarint()
	}
	if r.err != nil || nb > uint64(len(b)) || nt > uint64(len(b)) {
		return nil, nil, nil, errCorrupt
	}
	body = appendDeltas(&r, body[:0], nb)
	title = appendDeltas(&r, title[:0], nt)
	return body, title, r.b, r.err
}

// skipPositions returns b after one document's positions.
func skipPositions(b []byte) ([]byte, error) {
	r := reader{b: b}
	head := r.uvarint()
	n, nt := head>>1, uint64(0)
	if head&1 != 0 {
		nt = r.uvarint()
	}
	if r.err != nil || n > uint64(len(b)) || nt > uint64(len(b)) {
		return nil, errCorrupt
	}
	n += nt
	for range n {
		for len(r.b) > 0 && r.b[0] >= 0x80 {
			r.b = r.b[1:]
		}
		if len(r.b) == 0 {
			return nil, errCorrupt
		}
		r.b = r.b[1:]
	}
	return r.b, nil
}

// appendDeltas reads n increases and appends the positions they make.
func appendDeltas(r *reader, dst []int32, n uint64) []int32 {
	p := int32(0)
	for range n {
		p += int32(r.uvarint())
		dst = append(dst, p)
	}
	return dst
}

var errCorrupt = errors.New("search index: corrupt postings (run baogao reindex)")

// reader reads varints, remembering the first error.
type reader struct {
	b   []byte
	err error
}

func (r *reader) uvarint() uint64 {
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		if r.err == nil {
			r.err = errCorrupt
		}
		r.b = nil
		return 0
	}
	r.b = r.b[n:]
	return v
}

// entry is one document in a token's postings.
type entry struct {
	id    int64
	value int
	key   int64  // docsToken only
	pos   []byte // positions (stream tokens), when read
}

// block is one row of postings.
type block struct {
	token           string
	segment         int64
	block           int32
	docs, positions []byte
}

// encodeBlocks cuts a token's entries, ascending by id, into blocks.
func encodeBlocks(token string, segment int64, entries []entry, out []block) []block {
	pos := positional(token)
	for n := int32(0); len(entries) > 0; n++ {
		part := entries[:min(len(entries), blockDocs)]
		entries = entries[len(part):]
		b := block{token: token, segment: segment, block: n}
		prev := int64(0)
		for _, e := range part {
			b.docs = binary.AppendUvarint(b.docs, uint64(e.id-prev))
			b.docs = binary.AppendUvarint(b.docs, uint64(e.value))
			if token == docsToken {
				b.docs = binary.AppendUvarint(b.docs, uint64(e.key))
			}
			prev = e.id
			if pos {
				b.positions = append(b.positions, e.pos...)
			}
		}
		out = append(out, b)
	}
	return out
}

// decodeBlock calls fn with each entry of a block, and its positions when
// they are given.
func decodeBlock(token string, docs, positions []byte, fn func(e entry)) error {
	r := reader{b: docs}
	pos := positional(token) && positions != nil
	id := int64(0)
	for len(r.b) > 0 {
		id += int64(r.uvarint())
		e := entry{id: id, value: int(r.uvarint())}
		if token == docsToken {
			e.key = int64(r.uvarint())
		}
		if r.err != nil {
			return r.err
		}
		if pos {
			rest, err := skipPositions(positions)
			if err != nil {
				return err
			}
			e.pos = positions[:len(positions)-len(rest)]
			positions = rest
		}
		fn(e)
	}
	return nil
}
