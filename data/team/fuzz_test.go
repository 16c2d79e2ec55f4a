package team

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"reflect"
	"testing"
	"time"

	"loge/data/desk"
	"loge/data/store"
	"loge/data/store/storetest"

	gomail "github.com/emersion/go-message/mail"
)

// A team message comes from the shared mailbox, where anyone with the password (or a broken
// client) can put anything. Two targets: whole messages (FuzzDecode), and the operations part alone
// wrapped in a well-formed message (FuzzDecodeOps), so the fuzzer spends its time on the JSON.
// Whatever the input:
//   - Decode does not panic, and refuses with ErrMalformed, ErrNotTeam or ErrNewerVersion only;
//   - a batch it accepts has a kind and a desk, every operation a desk and a JSON value, and
//     encodes and decodes back to itself;
//   - applying it to a real desk never fails: an operation that cannot apply is skipped and said,
//     because a failure would stop the team sync at that message for good.
//
// Seeds: testdata/fuzz/FuzzDecode, testdata/fuzz/FuzzDecodeOps and batches encoded below from a
// real desk's operations.

func FuzzDecode(f *testing.F) {
	st := storetest.New(f)
	for _, b := range seedBatches(f) {
		raw, _, err := Encode(b, "desk@hotel.example", time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(raw)
	}
	f.Add([]byte("From: a@b.c\r\nSubject: not ours\r\n\r\nhello\r\n"))
	f.Add([]byte("X-Loge-Kind: ops\r\nX-Loge-Version: 99\r\n\r\n"))
	f.Fuzz(func(t *testing.T, raw []byte) {
		checkDecoded(t, st, raw)
	})
}

func FuzzDecodeOps(f *testing.F) {
	st := storetest.New(f)
	for _, b := range seedBatches(f) {
		w := wire{Version: Version, Kind: b.Kind, Desk: b.Desk, Name: b.Name, Seen: b.Seen, Covers: b.Covers}
		for _, o := range b.Ops {
			w.Ops = append(w.Ops, wireOp{Entity: o.Entity, ID: o.ID, Field: o.Field, Value: json.RawMessage(o.Value), HLC: o.HLC})
		}
		payload, _ := json.Marshal(w)
		f.Add(payload, b.Kind == KindSnapshot)
	}
	for _, s := range []string{`{}`, `{"version":1,"kind":"ops","desk":"d","ops":[{"e":"guest","i":"x","f":"last_name","v":"\"a\"","h":"h"}]}`,
		`{"version":1,"kind":"ops","desk":"d","ops":[{"e":"guest","i":"x","f":"deleted","v":true,"h":"1700000000000-0000-d"}]}`,
		`{"version":1,"kind":"snapshot","desk":"d","ops":[{"e":"stay","i":"s","f":"guest_id","v":"nobody","h":"1700000000000-0000-d"}]}`,
		`{"version":0,"kind":"ops","desk":"d","ops":[{"e":"guest","i":"x","f":"last_name","v":1e999,"h":"1700000000000-0000-d"}]}`,
		`{"version":1,"kind":"ops","desk":"d","ops":null}  trailing`} {
		f.Add([]byte(s), false)
	}
	f.Fuzz(func(t *testing.T, payload []byte, gz bool) {
		checkDecoded(t, st, teamMessage(t, payload, gz))
	})
}

// checkDecoded holds Decode to its promises on raw, and applies what it accepts to st.
func checkDecoded(t *testing.T, st *store.Store, raw []byte) {
	t.Helper()
	b, _, err := Decode(raw)
	if err != nil {
		if !errors.Is(err, ErrMalformed) && !errors.Is(err, ErrNotTeam) && !errors.Is(err, ErrNewerVersion) {
			t.Fatalf("refused with %v", err)
		}
		return
	}
	if (b.Kind != KindOps && b.Kind != KindSnapshot) || b.Desk == "" || b.Version > Version {
		t.Fatalf("accepted %+v", b)
	}
	for _, o := range b.Ops {
		if o.Desk == "" || !json.Valid([]byte(o.Value)) {
			t.Fatalf("op %+v", o)
		}
	}
	again, _, err := Encode(b, "", time.Unix(0, 0))
	if err != nil {
		t.Fatalf("encode what was decoded: %v", err)
	}
	b2, _, err := Decode(again)
	if err != nil {
		t.Fatalf("decode what was encoded: %v", err)
	}
	b2.Version = b.Version
	if !reflect.DeepEqual(normalized(b), normalized(b2)) {
		t.Fatalf("round trip:\n%+v\n%+v", b, b2)
	}
	rep, err := st.ApplyOps(context.Background(), b.Ops, b.Seen)
	if err != nil {
		t.Fatalf("apply: %v", err)
	}
	_ = rep
}

// normalized makes a batch comparable after a round trip: JSON values in one form (encoding
// compacts them and escapes "&", "<", ">"), empty and nil alike.
func normalized(b Batch) Batch {
	ops := make([]desk.Op, len(b.Ops))
	for i, o := range b.Ops {
		dec := json.NewDecoder(bytes.NewReader([]byte(o.Value)))
		dec.UseNumber()
		var v any
		if dec.Decode(&v) == nil {
			var c bytes.Buffer
			enc := json.NewEncoder(&c)
			enc.SetEscapeHTML(false)
			enc.Encode(v)
			o.Value = c.String()
		}
		ops[i] = o
	}
	b.Ops = ops
	if len(b.Seen) == 0 {
		b.Seen = nil
	}
	if len(b.Covers) == 0 {
		b.Covers = nil
	}
	if len(b.Ops) == 0 {
		b.Ops = nil
	}
	return b
}

// teamMessage wraps an operations part in a well-formed team message, gzip-compressed as a
// snapshot's is when gz.
func teamMessage(t *testing.T, payload []byte, gz bool) []byte {
	t.Helper()
	var h gomail.Header
	h.SetMessageID("fuzz@loge.team")
	h.Set("X-Loge-Version", "1")
	h.Set("X-Loge-Kind", KindOps)
	h.Set("X-Loge-Desk", "fuzz")
	var buf bytes.Buffer
	mw, err := gomail.CreateWriter(&buf, h)
	if err != nil {
		t.Fatal(err)
	}
	var ah gomail.AttachmentHeader
	ah.Set("Content-Type", "application/json")
	if gz {
		var z bytes.Buffer
		zw := gzip.NewWriter(&z)
		zw.Write(payload)
		zw.Close()
		payload = z.Bytes()
		ah.Set("Content-Type", "application/gzip")
	}
	ah.SetFilename("loge-ops.json")
	aw, err := mw.CreateAttachment(ah)
	if err != nil {
		t.Fatal(err)
	}
	aw.Write(payload)
	aw.Close()
	mw.Close()
	return buf.Bytes()
}

// seedBatches are real operations from a desk: a guest, a stay, a request, a vendor, an edit and a
// delete, as an ops batch and as a snapshot.
func seedBatches(tb testing.TB) []Batch {
	tb.Helper()
	ctx := context.Background()
	src := storetest.New(tb)
	g := desk.Guest{FirstName: "Zoé", LastName: "Marchand", Emails: "zoe@example.com", Notes: "allergie \"arachides\"\n"}
	if err := src.CreateGuest(ctx, &g); err != nil {
		tb.Fatal(err)
	}
	now := time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC)
	s := desk.Stay{GuestID: g.ID, Arrival: now, Departure: now.AddDate(0, 0, 3), Room: "701", PartySize: 2}
	if err := src.CreateStay(ctx, &s); err != nil {
		tb.Fatal(err)
	}
	v := desk.Vendor{Name: "Café Lumière", Category: "restaurant", City: "Paris"}
	if err := src.CreateVendor(ctx, &v); err != nil {
		tb.Fatal(err)
	}
	r := desk.Request{GuestID: g.ID, StayID: s.ID, VendorID: v.ID, Kind: desk.KindRestaurant, Title: "Dîner", StartsAt: now.Add(20 * time.Hour), PartySize: 2}
	if err := src.CreateRequest(ctx, &r); err != nil {
		tb.Fatal(err)
	}
	g.LastName = "Marchand-Roy"
	if err := src.UpdateGuest(ctx, &g); err != nil {
		tb.Fatal(err)
	}
	if err := src.DeleteVendor(ctx, v.ID); err != nil {
		tb.Fatal(err)
	}
	ops, _, err := src.Changes(ctx, 0, 1000)
	if err != nil {
		tb.Fatal(err)
	}
	snap, err := src.SnapshotOps(ctx)
	if err != nil {
		tb.Fatal(err)
	}
	return []Batch{
		{Kind: KindOps, Desk: src.DeskID(), Name: "Zoé", Initials: "ZM", Seen: map[string]string{src.DeskID(): ops[len(ops)-1].HLC}, Ops: ops},
		{Kind: KindSnapshot, Desk: src.DeskID(), Ops: snap, Covers: []string{"a.ops@loge.team"}},
	}
}
