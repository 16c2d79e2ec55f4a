package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"runtime"
	"testing"

	"github.com/klauspost/compress/s2"
	"github.com/klauspost/compress/zstd"

	"loge/data/imap/imaptest"
)

// Every mail comes back byte for byte, whichever way packRaw stored it; text is compressed and
// what does not compress (random bytes, as a JPEG's) is stored as it came.
func TestPackRawRoundTrip(t *testing.T) {
	noise := make([]byte, 64<<10) // a JPEG's worth of pseudo-random bytes
	seed := uint64(1)
	for i := range noise {
		seed = seed*6364136223846793005 + 1442695040888963407
		noise[i] = byte(seed >> 56)
	}
	cases := map[string][]byte{"empty": {}, "short": []byte("Subject: hi\r\n\r\nhi\r\n"), "noise": noise}
	for i := 1; i <= 300; i += 7 {
		cases["corpus"+string(rune('a'+i%26))+string(rune('0'+i%10))] = imaptest.CorpusMessage(2026, i)
	}
	compressed := 0
	for name, raw := range cases {
		blob, codec := packRaw(raw)
		got, err := unpackRaw(blob, codec)
		if err != nil || !bytes.Equal(got, raw) {
			t.Fatalf("%s: codec %d gave %d bytes back (err %v), want the %d stored", name, codec, len(got), err, len(raw))
		}
		switch {
		case name == "noise" || len(raw) < 512:
			if codec != codecPlain {
				t.Errorf("%s: codec %d, want it stored as it came", name, codec)
			}
		case codec == codecS2:
			compressed++
			if len(blob) > len(raw)*9/10 {
				t.Errorf("%s: %d bytes compressed to %d", name, len(raw), len(blob))
			}
		}
	}
	if compressed == 0 {
		t.Fatal("no corpus mail was compressed")
	}
}

// Desks written before schema 18 hold zstd frames: they read as they always did.
func TestUnpackRawReadsZstdRows(t *testing.T) {
	enc, err := zstd.NewWriter(nil, zstd.WithEncoderLevel(zstd.SpeedFastest), zstd.WithLowerEncoderMem(true), zstd.WithWindowSize(1<<18))
	if err != nil {
		t.Fatal(err)
	}
	raw := imaptest.CorpusMessage(2026, 3)
	got, err := unpackRaw(enc.EncodeAll(raw, nil), codecZstd)
	if err != nil || !bytes.Equal(got, raw) {
		t.Fatalf("zstd row: %d bytes, %v; want %d", len(got), err, len(raw))
	}
}

// A damaged S2 blob reads as damaged (ErrCorrupt), never as other bytes: a flipped bit anywhere,
// a cut, a header that claims a gigabyte.
func TestUnpackRawRefusesDamage(t *testing.T) {
	raw := imaptest.CorpusMessage(2026, 5)
	blob, codec := packRaw(raw)
	if codec != codecS2 {
		t.Fatalf("corpus mail 5 stored with codec %d", codec)
	}
	for _, i := range []int{0, 3, 4, 5, len(blob) / 2, len(blob) - 1} {
		bad := bytes.Clone(blob)
		bad[i] ^= 0x10
		if got, err := unpackRaw(bad, codecS2); !errors.Is(err, ErrCorrupt) {
			t.Errorf("bit flipped at %d of %d: %d bytes, err %v; want ErrCorrupt", i, len(blob), len(got), err)
		}
	}
	for _, n := range []int{0, 3, 4, len(blob) / 2} {
		if _, err := unpackRaw(blob[:n], codecS2); !errors.Is(err, ErrCorrupt) {
			t.Errorf("cut to %d bytes: err %v, want ErrCorrupt", n, err)
		}
	}
	// A header claiming 2 GB is refused before anything that size is allocated.
	huge := binary.AppendUvarint(make([]byte, 4), 2<<30)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err := unpackRaw(append(huge, 0, 0, 0), codecS2)
	runtime.ReadMemStats(&after)
	if !errors.Is(err, ErrCorrupt) {
		t.Errorf("a header claiming 2 GB: err %v, want ErrCorrupt", err)
	}
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 1<<20 {
		t.Errorf("a header claiming 2 GB: %d bytes allocated to find it damaged", grew)
	}
	if _, err := unpackRaw(s2.Encode(nil, raw), 9); !errors.Is(err, ErrCorrupt) {
		t.Errorf("unknown codec: err %v, want ErrCorrupt", err)
	}
}

// BenchmarkPackRaw compresses the bench's corpus (its mix of short mails and attachments), as
// a sync's preparers do.
func BenchmarkPackRaw(b *testing.B) {
	msgs := make([][]byte, 2000)
	total := 0
	for i := range msgs {
		msgs[i] = imaptest.CorpusMessage(2026, 25*i+1)
		total += len(msgs[i])
	}
	b.SetBytes(int64(total / len(msgs)))
	b.ReportAllocs()
	b.ResetTimer()
	packed := 0
	for i := 0; b.Loop(); i++ {
		blob, _ := packRaw(msgs[i%len(msgs)])
		packed += len(blob)
	}
	_ = packed
}
