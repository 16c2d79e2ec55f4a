package store

import (
	"fmt"
	"sync"

	"github.com/klauspost/compress/zstd"
)

// Codecs of message_raw.raw (migration 0009).
const (
	codecPlain = 0
	codecZstd  = 1
)

// The fastest zstd level: compressing runs on the parse workers beside the single writer, and
// must stay cheaper than the writing it saves. EncodeAll and DecodeAll are safe for concurrent use.
var (
	rawEncoder = sync.OnceValue(func() *zstd.Encoder {
		e, err := zstd.NewWriter(nil, zstd.WithEncoderLevel(zstd.SpeedFastest), zstd.WithLowerEncoderMem(true), zstd.WithWindowSize(1<<18))
		if err != nil {
			panic(err) // only for invalid options
		}
		return e
	})
	rawDecoder = sync.OnceValue(func() *zstd.Decoder {
		d, err := zstd.NewReader(nil, zstd.WithDecoderConcurrency(0), zstd.WithDecoderLowmem(true))
		if err != nil {
			panic(err)
		}
		return d
	})
)

// packRaw is what message_raw stores for raw: compressed when that saves at least a tenth (mail
// text does; a message that is mostly a JPEG or a PDF does not, and is stored as it came).
func packRaw(raw []byte) ([]byte, int) {
	if len(raw) < 512 {
		return raw, codecPlain
	}
	z := rawEncoder().EncodeAll(raw, make([]byte, 0, len(raw)/2))
	if len(z) > len(raw)*9/10 {
		return raw, codecPlain
	}
	return z, codecZstd
}

// unpackRaw gives back the bytes packRaw was given.
func unpackRaw(blob []byte, codec int) ([]byte, error) {
	switch codec {
	case codecPlain:
		return blob, nil
	case codecZstd:
		raw, err := rawDecoder().DecodeAll(blob, nil)
		if err != nil {
			return nil, fmt.Errorf("%w: stored message does not decompress: %v", ErrCorrupt, err)
		}
		return raw, nil
	}
	return nil, fmt.Errorf("%w: unknown codec %d for a stored message", ErrCorrupt, codec)
}
