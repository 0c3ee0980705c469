// Package original compresses the original bytes of sources for the stores
// to keep (Source.Raw, Store.Original): with zstd, which shrinks pages of
// Chinese HTML to a fifth or less and reads back fast.
package original

import (
	"fmt"

	"github.com/klauspost/compress/zstd"
)

// Codec names how Compress compresses, for the stores' codec columns.
const Codec = "zstd"

// maxBytes bounds what Expand returns: more than any file import takes.
const maxBytes = 1 << 30

// The encoder and decoder are safe for concurrent use and made once.
var (
	encoder, _ = zstd.NewWriter(nil, zstd.WithEncoderLevel(zstd.SpeedDefault), zstd.WithEncoderConcurrency(1))
	decoder, _ = zstd.NewReader(nil, zstd.WithDecoderConcurrency(0), zstd.WithDecoderMaxMemory(maxBytes))
)

// Compress returns raw compressed with Codec.
func Compress(raw []byte) []byte {
	return encoder.EncodeAll(raw, make([]byte, 0, len(raw)/4+64))
}

// Expand returns the bytes data holds, compressed with codec.
func Expand(codec string, data []byte) ([]byte, error) {
	if codec != Codec {
		return nil, fmt.Errorf("unknown codec %q", codec)
	}
	return decoder.DecodeAll(data, nil)
}
