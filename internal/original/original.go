// Package original compresses the original bytes of sources for the stores
// to keep (Source.Raw, Store.Original): with zstd, which shrinks pages of
// Chinese HTML to a fifth or less and reads back fast.
package original

import (
	"bytes"
	"fmt"
	"iter"

	"github.com/klauspost/compress/zstd"
)

// Codec names how Compress compresses, for the stores' codec columns.
const Codec = "zstd"

// maxBytes bounds what Expand returns: more than any file import takes.
const maxBytes = 1 << 30

// The encoder and decoder are safe for concurrent use and made once.
var (
	// A frame is one part (Parts): a window of a part is all it can use,
	// and keeps the encoder's history at 2 MB rather than 16.
	encoder, _ = zstd.NewWriter(nil, zstd.WithEncoderLevel(zstd.SpeedDefault), zstd.WithEncoderConcurrency(1), zstd.WithWindowSize(PartSize))
	decoder, _ = zstd.NewReader(nil, zstd.WithDecoderConcurrency(0), zstd.WithDecoderMaxMemory(maxBytes))
)

// Compress returns raw compressed with Codec.
func Compress(raw []byte) []byte {
	var parts [][]byte
	n := 0
	for part := range Parts(raw) {
		parts = append(parts, part)
		n += len(part)
	}
	if len(parts) == 1 {
		return parts[0]
	}
	out := make([]byte, 0, n)
	for _, part := range parts {
		out = append(out, part...)
	}
	return out
}

// PartSize is how much of a file one part of its compressed form holds.
const PartSize = 1 << 20

// Parts compresses raw a PartSize at a time, each part a zstd frame of its
// own: together, in order, they are Compress(raw), which Expand reads. A
// store keeps a large file's parts as separate rows, so that storing a
// 30 MB page (an inline image) never holds it whole, compressed, in the
// database's memory, and compressing it costs a part's buffer, not the
// file's size several times over.
func Parts(raw []byte) iter.Seq[[]byte] {
	return func(yield func([]byte) bool) {
		for start := 0; start == 0 || start < len(raw); start += PartSize {
			chunk := raw[start:min(start+PartSize, len(raw))]
			// Room for the worst case: grown by append, the buffer of
			// incompressible bytes would be copied over and over.
			out := encoder.EncodeAll(chunk, make([]byte, 0, len(chunk)+len(chunk)>>7+1024))
			if cap(out) > 2*len(out)+4096 {
				out = bytes.Clone(out) // most pages shrink several times: don't keep the room
			}
			if !yield(out) {
				return
			}
		}
	}
}

func Expand(codec string, data []byte) ([]byte, error) {
	if codec != Codec {
		return nil, fmt.Errorf("unknown codec %q", codec)
	}
	return decoder.DecodeAll(data, nil)
}
