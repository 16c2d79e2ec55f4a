package store

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"testing"
	"time"

	"loge/data/desk"
	"loge/data/mime"
)

// passportPNG and itineraryPDF are the bytes a guest's mail carries.
var (
	passportPNG  = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR passport scan bytes \x00\xff\x01")
	itineraryPDF = []byte("%PDF-1.4\n% itinerary AF1234 CDG-JFK\n%%EOF\n")
)

func mailWithAttachments(msgID string) string {
	b64 := func(b []byte) string { return base64.StdEncoding.EncodeToString(b) }
	return "From: Emma Laurent <emma@example.fr>\r\n" +
		"To: desk@hotel.example\r\n" +
		"Subject: Mon passeport et mon vol\r\n" +
		"Date: Mon, 23 Nov 2026 10:00:00 +0100\r\n" +
		"Message-ID: <" + msgID + ">\r\n" +
		"MIME-Version: 1.0\r\n" +
		"Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n" +
		"--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nVoici les documents.\r\n" +
		"--b1\r\nContent-Type: image/png\r\nContent-Disposition: attachment; filename=\"passeport.png\"\r\n" +
		"Content-Transfer-Encoding: base64\r\n\r\n" + b64(passportPNG) + "\r\n" +
		"--b1\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename=\"vol.pdf\"\r\n" +
		"Content-Transfer-Encoding: base64\r\n\r\n" + b64(itineraryPDF) + "\r\n" +
		"--b1--\r\n"
}

func keptBytes(t *testing.T, s *Store, refID string) ([]byte, error) {
	t.Helper()
	var buf bytes.Buffer
	_, err := s.WriteKeptAttachment(context.Background(), refID, &buf)
	return buf.Bytes(), err
}

// An attachment kept with a guest or a request is a reference to the mail and its part: listed
// there, read back byte for byte from the raw mail, kept once however often it is kept, and
// forgotten without touching the mail.
func TestKeepAttachmentWithGuestAndRequest(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	msg := addMail(t, s, mailWithAttachments("docs-1@example.fr"))
	g := mustGuest(t, s, "Emma", "Laurent")
	r := desk.Request{GuestID: g.ID, Kind: desk.KindRestaurant, StartsAt: time.Now().Add(time.Hour), PartySize: 2}
	if err := s.CreateRequest(ctx, &r); err != nil {
		t.Fatal(err)
	}

	passport, err := s.KeepAttachment(ctx, msg, 1, "guest", g.ID)
	if err != nil {
		t.Fatal(err)
	}
	if passport.Filename != "passeport.png" || passport.ContentType != "image/png" || passport.MessageID != "docs-1@example.fr" {
		t.Fatalf("kept %+v", passport)
	}
	flight, err := s.KeepAttachment(ctx, msg, 2, "request", r.ID)
	if err != nil {
		t.Fatal(err)
	}
	// Nothing of the bytes is stored with the reference.
	var n int
	if err := s.r.QueryRowContext(ctx, `SELECT count(*) FROM attachment_refs WHERE instr(filename||content_type||message_id||part, 'passport scan') > 0`).Scan(&n); err != nil || n != 0 {
		t.Fatalf("bytes in the reference: %d %v", n, err)
	}

	list, err := s.KeptAttachments(ctx, "guest", g.ID)
	if err != nil || len(list) != 1 || list[0].ID != passport.ID || list[0].Subject != "Mon passeport et mon vol" || list[0].From != "Emma Laurent" {
		t.Fatalf("guest's attachments %+v %v", list, err)
	}
	if list, _ := s.KeptAttachments(ctx, "request", r.ID); len(list) != 1 || list[0].Filename != "vol.pdf" || !list[0].Available {
		t.Fatalf("request's attachments %+v", list)
	}
	if b, err := keptBytes(t, s, passport.ID); err != nil || !bytes.Equal(b, passportPNG) {
		t.Fatalf("passport bytes %q %v", b, err)
	}
	if b, err := keptBytes(t, s, flight.ID); err != nil || !bytes.Equal(b, itineraryPDF) {
		t.Fatalf("flight bytes %q %v", b, err)
	}

	_, _, mark := opsOf(t, s, "attachment", passport.ID, 0)
	again, err := s.KeepAttachment(ctx, msg, 1, "guest", g.ID)
	if err != nil || again.ID != passport.ID {
		t.Fatalf("kept twice: %+v %v", again, err)
	}
	if ops, _, _ := s.Changes(ctx, mark, 0); len(ops) != 0 {
		t.Fatalf("keeping twice wrote %v", ops)
	}

	if err := s.ForgetAttachment(ctx, passport.ID); err != nil {
		t.Fatal(err)
	}
	if list, _ := s.KeptAttachments(ctx, "guest", g.ID); len(list) != 0 {
		t.Fatalf("forgotten still listed: %+v", list)
	}
	if _, err := keptBytes(t, s, passport.ID); !errors.Is(err, ErrNotFound) {
		t.Fatalf("forgotten still read: %v", err)
	}
	if atts, _ := s.Attachments(ctx, msg); len(atts) != 2 {
		t.Fatalf("the mail lost its attachments: %+v", atts)
	}
	back, err := s.KeepAttachment(ctx, msg, 1, "guest", g.ID)
	if err != nil || back.ID != passport.ID {
		t.Fatalf("kept again: %+v %v", back, err)
	}

	t.Run("refused", func(t *testing.T) {
		var ve *desk.ValidationError
		if _, err := s.KeepAttachment(ctx, msg, 1, "stay", g.ID); !errors.As(err, &ve) {
			t.Fatalf("a stay: %v", err)
		}
		if _, err := s.KeepAttachment(ctx, msg, 1, "guest", "no-such-guest"); !errors.Is(err, ErrNotFound) {
			t.Fatalf("no such guest: %v", err)
		}
		var ne *NoSuchAttachmentError
		if _, err := s.KeepAttachment(ctx, msg, 3, "guest", g.ID); !errors.As(err, &ne) {
			t.Fatalf("a third attachment: %v", err)
		}
	})

	t.Run("a mail the server no longer has is still read", func(t *testing.T) {
		m, _ := s.Message(ctx, msg)
		if err := s.Vanish(ctx, m.MailboxID, []uint32{m.UID}); err != nil {
			t.Fatal(err)
		}
		if b, err := keptBytes(t, s, flight.ID); err != nil || !bytes.Equal(b, itineraryPDF) {
			t.Fatalf("after vanish %q %v", b, err)
		}
	})

	t.Run("a part the mail does not have", func(t *testing.T) {
		if _, err := s.w.ExecContext(ctx, `UPDATE attachment_refs SET part='9' WHERE id=?`, flight.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := keptBytes(t, s, flight.ID); !errors.Is(err, mime.ErrNoSuchPart) {
			t.Fatalf("no such part: %v", err)
		}
	})
}

// References reach the other desks of a team through the operations log, like links. A desk
// that does not hold the mail lists the attachment and says the mail is not here; once the mail
// arrives there, the same reference reads it.
func TestKeptAttachmentsReachTheTeam(t *testing.T) {
	ctx := context.Background()
	a, b := openTemp(t), openTemp(t)
	msg := addMail(t, a, mailWithAttachments("docs-2@example.fr"))
	g := mustGuest(t, a, "Emma", "Laurent")
	ref, err := a.KeepAttachment(ctx, msg, 1, "guest", g.ID)
	if err != nil {
		t.Fatal(err)
	}
	ops, _, err := a.Changes(ctx, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	if rep, err := b.ApplyOps(ctx, ops, nil); err != nil || len(rep.Skipped) != 0 || rep.Pending != 0 {
		t.Fatalf("apply %+v %v", rep, err)
	}
	list, err := b.KeptAttachments(ctx, "guest", g.ID)
	if err != nil || len(list) != 1 || list[0].ID != ref.ID || list[0].Filename != "passeport.png" || list[0].Size != ref.Size || list[0].Available {
		t.Fatalf("on the other desk %+v %v", list, err)
	}
	var gone *MailGoneError
	if _, err := keptBytes(t, b, ref.ID); !errors.As(err, &gone) || gone.MessageID != "docs-2@example.fr" {
		t.Fatalf("without the mail: %v", err)
	}
	addMail(t, b, mailWithAttachments("docs-2@example.fr"))
	if got, err := keptBytes(t, b, ref.ID); err != nil || !bytes.Equal(got, passportPNG) {
		t.Fatalf("with the mail %q %v", got, err)
	}

	// Both desks keeping the same part with the same guest at once make one row.
	msgB, _ := b.MessageIDByHeader(ctx, "docs-2@example.fr")
	pdfB, err := b.KeepAttachment(ctx, msgB, 2, "guest", g.ID)
	if err != nil {
		t.Fatal(err)
	}
	pdfA, err := a.KeepAttachment(ctx, msg, 2, "guest", g.ID)
	if err != nil || pdfA.ID != pdfB.ID {
		t.Fatalf("two desks, two ids: %q %q %v", pdfA.ID, pdfB.ID, err)
	}
}

// Merging two guests moves the attachments kept with the duplicate; one kept with both stays once.
func TestMergeGuestsMovesKeptAttachments(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	msg := addMail(t, s, mailWithAttachments("docs-3@example.fr"))
	keep, drop := mustGuest(t, s, "Emma", "Laurent"), mustGuest(t, s, "E.", "Laurent")
	for _, k := range []struct {
		index int
		guest string
	}{{1, keep.ID}, {1, drop.ID}, {2, drop.ID}} {
		if _, err := s.KeepAttachment(ctx, msg, k.index, "guest", k.guest); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.MergeGuests(ctx, keep.ID, drop.ID); err != nil {
		t.Fatal(err)
	}
	list, err := s.KeptAttachments(ctx, "guest", keep.ID)
	if err != nil || len(list) != 2 || list[0].Filename != "passeport.png" || list[1].Filename != "vol.pdf" {
		t.Fatalf("kept guest's attachments %+v %v", list, err)
	}
	if list, _ := s.KeptAttachments(ctx, "guest", drop.ID); len(list) != 0 {
		t.Fatalf("duplicate still has %+v", list)
	}
}
