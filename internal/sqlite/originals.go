package sqlite

import (
	"fmt"

	"github.com/klauspost/compress/zstd"
)

// Original bytes are kept compressed with zstd: pages of Chinese HTML
// shrink to a fifth or less, and reading them back for reextract is fast.
var (
	zstdEncoder, _ = zstd.NewWriter(nil, zstd.WithEncoderLevel(zstd.SpeedDefault), zstd.WithEncoderConcurrency(1))
	zstdDecoder, _ = zstd.NewReader(nil, zstd.WithDecoderConcurrency(0), zstd.WithDecoderMaxMemory(1<<30))
)

// compress returns raw compressed for source_originals.data (codec zstd).
func compress(raw []byte) []byte {
	return zstdEncoder.EncodeAll(raw, make([]byte, 0, len(raw)/4))
}

// decompress returns the bytes data holds in the codec.
func decompress(codec string, data []byte) ([]byte, error) {
	if codec != "zstd" {
		return nil, fmt.Errorf("unknown codec %q", codec)
	}
	return zstdDecoder.DecodeAll(data, nil)
}
