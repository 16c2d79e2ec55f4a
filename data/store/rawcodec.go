package store

import (
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"sync"

	"github.com/klauspost/compress/s2"
	"github.com/klauspost/compress/zstd"
)

// Codecs of message_raw.raw (migrations 0009 and 0018).
const (
	codecPlain = 0
	codecZstd  = 1 // a zstd frame with its checksum: what desks stored before schema 18
	codecS2    = 2 // the bytes' CRC-32C (4 bytes, little-endian), then an S2 block of them
)

// maxUnpacked bounds what a stored blob may claim to unpack to (its length is in its header):
// no IMAP server hands out a message of a gigabyte, and a damaged header must not allocate one.
const maxUnpacked = 1 << 30

var (
	castagnoli = crc32.MakeTable(crc32.Castagnoli)
	// rawDecoder reads the zstd rows of older desks. DecodeAll is safe for concurrent use.
	rawDecoder = sync.OnceValue(func() *zstd.Decoder {
		d, err := zstd.NewReader(nil, zstd.WithDecoderConcurrency(0), zstd.WithDecoderLowmem(true),
			zstd.WithDecoderMaxMemory(maxUnpacked))
		if err != nil {
			panic(err)
		}
		return d
	})
)

// packRaw is what message_raw stores for raw: compressed when that saves at least a tenth (mail
// text does; a message that is mostly a JPEG or a PDF does not, and is stored as it came).
//
// S2 rather than zstd: compressing ran on the sync's path before a mail is browsable, and zstd's
// fastest level was a third of a sync's CPU (40 µs a message of the bench's corpus, against 15 for
// S2) for blobs 12% smaller (0.53 against 0.60 of the raw bytes). S2 blocks carry no checksum
// of their own: the CRC-32C in front of each lets a damaged blob read as damaged, never as
// another mail.
func packRaw(raw []byte) ([]byte, int) {
	if len(raw) < 512 || len(raw) > maxUnpacked {
		return raw, codecPlain // too short to gain; too long for unpackRaw to take back
	}
	buf := make([]byte, 4+s2.MaxEncodedLen(len(raw)))
	binary.LittleEndian.PutUint32(buf, crc32.Checksum(raw, castagnoli))
	z := s2.Encode(buf[4:], raw) // written in place: buf[4:] holds the longest encoding
	if 4+len(z) > len(raw)*9/10 {
		return raw, codecPlain
	}
	return buf[:4+len(z)], codecS2
}

// unpackRaw gives back the bytes packRaw was given, whichever codec stored them.
func unpackRaw(blob []byte, codec int) ([]byte, error) {
	switch codec {
	case codecPlain:
		return blob, nil
	case codecS2:
		if len(blob) < 4 {
			return nil, fmt.Errorf("%w: stored message cut short", ErrCorrupt)
		}
		if n, err := s2.DecodedLen(blob[4:]); err != nil || n > maxUnpacked {
			return nil, fmt.Errorf("%w: stored message does not decompress", ErrCorrupt)
		}
		raw, err := s2.Decode(nil, blob[4:])
		if err != nil {
			return nil, fmt.Errorf("%w: stored message does not decompress: %v", ErrCorrupt, err)
		}
		if crc32.Checksum(raw, castagnoli) != binary.LittleEndian.Uint32(blob) {
			return nil, fmt.Errorf("%w: stored message does not match its checksum", ErrCorrupt)
		}
		return raw, nil
	case codecZstd:
		raw, err := rawDecoder().DecodeAll(blob, nil)
		if err != nil {
			return nil, fmt.Errorf("%w: stored message does not decompress: %v", ErrCorrupt, err)
		}
		return raw, nil
	}
	return nil, fmt.Errorf("%w: unknown codec %d for a stored message", ErrCorrupt, codec)
}
