package team

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"loge/data/demo"
	"loge/data/mime/mimetest"
	"loge/data/store/storetest"
)

// gzipPart is a team message whose operations part is gz, as it is sent: a gzip attachment.
func gzipPart(gz []byte) []byte {
	var b bytes.Buffer
	b.WriteString("Message-ID: <bomb@loge.team>\r\nX-Loge-Version: 1\r\nX-Loge-Kind: snapshot\r\nX-Loge-Desk: d\r\n" +
		"MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: application/gzip\r\n" +
		"Content-Disposition: attachment; filename=loge-snapshot.json.gz\r\n\r\n")
	b.Write(gz)
	b.WriteString("\r\n--b--\r\n")
	return b.Bytes()
}

// A gzip bomb in the team folder (100 KB expanding to a 100 MB JSON string, six times past its
// limit; 400 MB took 1.2 GB before the limit) is refused as malformed once it expands past its
// limit, within a bounded heap. (Compressing it is most of the test's time under -race.)
func TestDecodeRefusesGzipBomb(t *testing.T) {
	var z bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&z, gzip.BestCompression)
	zw.Write([]byte(`{"version":1,"kind":"snapshot","desk":"d","name":"`))
	chunk := bytes.Repeat([]byte("a"), 1<<20)
	for range 100 {
		zw.Write(chunk)
	}
	zw.Write([]byte(`","ops":[]}`))
	zw.Close()
	raw := gzipPart(z.Bytes())
	var err error
	m := mimetest.Measure(func() { _, _, err = Decode(raw) })
	t.Logf("%d bytes, expanding to 100 MB: %v; peak heap %.1f MB, allocated %.1f MB in %.2fs",
		len(raw), err, float64(m.PeakHeap)/(1<<20), float64(m.Allocated)/(1<<20), m.Seconds)
	if !errors.Is(err, ErrMalformed) || !strings.Contains(err.Error(), "expand past") {
		t.Errorf("bomb: %v", err)
	}
	if bound := 10*uint64(len(raw)) + 4*uint64(payloadLimit(len(raw))); m.PeakHeap > bound {
		t.Errorf("peak heap %d MB (bound %d MB)", m.PeakHeap>>20, bound>>20)
	}
}

// A real snapshot expands far less than the limit allows: the demo hotel's JSON is a few times
// its compressed message (ids and stamps are random), against maxExpansion.
func TestSnapshotWithinExpansionLimit(t *testing.T) {
	ctx := context.Background()
	st := storetest.Demo(t, time.Now(), demo.Paris())
	ops, err := st.SnapshotOps(ctx)
	if err != nil {
		t.Fatal(err)
	}
	snap, _, err := Encode(Batch{Kind: KindSnapshot, Desk: st.DeskID(), Ops: ops}, "", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	plain, _, err := Encode(Batch{Kind: KindOps, Desk: st.DeskID(), Ops: ops}, "", time.Now()) // the JSON uncompressed
	if err != nil {
		t.Fatal(err)
	}
	if b, _, err := Decode(snap); err != nil || len(b.Ops) != len(ops) {
		t.Fatalf("decode: %d of %d ops, %v", len(b.Ops), len(ops), err)
	}
	ratio := float64(len(plain)) / float64(len(snap))
	t.Logf("snapshot of %d ops: %d bytes, %d uncompressed (%.1f×)", len(ops), len(snap), len(plain), ratio)
	if ratio > maxExpansion/5 {
		t.Errorf("a real snapshot expands %.1f times: too close to the limit of %d", ratio, maxExpansion)
	}
}
