package ingest

import (
	"crypto/sha256"
	"encoding/hex"
	"math/bits"
	"unicode"
)

// SHA256 returns the hex SHA-256 of b.
func SHA256(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// shingleSize is the length, in runes, of the character shingles that
// fingerprints are made of. Four Han characters are about two words: long
// enough that shared shingles mean shared text, short enough to survive a
// mirror's changed punctuation.
const shingleSize = 4

// shingles returns the hashes of the overlapping letter-and-digit shingles
// of text: punctuation, spaces and symbols are left out, so that mirrors
// which differ only in them give the same shingles.
func shingles(text string) []uint64 {
	rs := make([]rune, 0, len(text)/3)
	for _, r := range text {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			rs = append(rs, unicode.ToLower(r))
		}
	}
	if len(rs) < shingleSize {
		if len(rs) == 0 {
			return nil
		}
		return []uint64{hashRunes(rs)}
	}
	out := make([]uint64, 0, len(rs)-shingleSize+1)
	for i := 0; i+shingleSize <= len(rs); i++ {
		out = append(out, hashRunes(rs[i:i+shingleSize]))
	}
	return out
}

// hashRunes is FNV-1a over the runes followed by the splitmix64 finaliser,
// so that every bit of the result is usable by Simhash.
func hashRunes(rs []rune) uint64 {
	h := uint64(14695981039346656037)
	for _, r := range rs {
		h ^= uint64(r)
		h *= 1099511628211
	}
	h ^= h >> 30
	h *= 0xbf58476d1ce4e5b9
	h ^= h >> 27
	h *= 0x94d049bb133111eb
	h ^= h >> 31
	return h
}

// Simhash returns the 64-bit simhash of text's shingles: texts that share
// most shingles have hashes a few bits apart.
//
// The 64 bit counters are kept bit-sliced (plane j holds bit j of every
// counter), so adding a shingle costs a few word operations, not 64.
func Simhash(text string) uint64 {
	var planes [40]uint64
	n := 0
	for _, h := range shingles(text) {
		carry := h
		for j := 0; carry != 0; j++ {
			t := planes[j] & carry
			planes[j] ^= carry
			carry = t
		}
		n++
	}
	var out uint64
	for i := 0; i < 64; i++ {
		count := 0
		for j := range planes {
			count |= int(planes[j]>>i&1) << j
		}
		if 2*count > n {
			out |= 1 << i
		}
	}
	return out
}

// HammingDistance counts the bits in which two simhashes differ.
func HammingDistance(a, b uint64) int { return bits.OnesCount64(a ^ b) }

// Containment returns the share of the shorter text's distinct shingles
// that the longer text also has: 1 for a truncated copy or a mirror with
// other punctuation, near 0 for unrelated texts.
func Containment(a, b string) float64 {
	sa, sb := shingles(a), shingles(b)
	if len(sa) > len(sb) {
		sa, sb = sb, sa
	}
	if len(sa) == 0 {
		return 0
	}
	big := make(map[uint64]struct{}, len(sb))
	for _, h := range sb {
		big[h] = struct{}{}
	}
	small := make(map[uint64]struct{}, len(sa))
	for _, h := range sa {
		small[h] = struct{}{}
	}
	hit := 0
	for h := range small {
		if _, ok := big[h]; ok {
			hit++
		}
	}
	return float64(hit) / float64(len(small))
}
