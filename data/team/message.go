// Package team shares a desk's work with the other desks of the hotel through the desk mailbox
// alone: no server of Loge's. Every change a desk makes to shared things (the planner, the vendor
// book, templates, notes, mail status, the logbook) is an operation recorded by the store's door;
// the team log pushes them in batches, as messages, to a folder of the mailbox (Folder), reads the
// other desks' batches from it, and applies them last-writer-wins per field by hybrid clock stamp.
// A snapshot message compacts the folder so that a new desk joins fast.
package team

import (
	"bytes"
	"compress/gzip"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/emersion/go-message"
	gomail "github.com/emersion/go-message/mail"

	"loge/data/desk"
)

// Folder is the mailbox folder the team shares its work in; named so that a person who opens it in
// another mail client understands what it is.
const Folder = desk.TeamFolder

// Version of the message format this Loge writes and reads.
const Version = 1

// Kinds of team message.
const (
	KindOps      = "ops"
	KindSnapshot = "snapshot"
)

// Errors of a team message that cannot be read; the message is skipped, with the reason shown.
var (
	ErrNewerVersion = errors.New("written by a newer Loge")
	ErrNotTeam      = errors.New("not a Loge team message")
	ErrMalformed    = errors.New("its content cannot be read")
)

// Batch is one team message: operations a desk pushes, or a snapshot of the whole shared state.
type Batch struct {
	Kind     string
	Version  int
	Desk     string // the desk that wrote it
	Name     string // its person's name and initials, for the Team page
	Initials string
	// Seen is the newest stamp the writer held from each desk when it wrote the batch.
	Seen map[string]string
	Ops  []desk.Op
	// Covers lists, in a snapshot, the Message-IDs of the batches it includes (they may go).
	Covers []string
}

// wire is the JSON part: short keys, values inline.
type wire struct {
	Version  int               `json:"version"`
	Kind     string            `json:"kind"`
	Desk     string            `json:"desk"`
	Name     string            `json:"name,omitempty"`
	Initials string            `json:"initials,omitempty"`
	Seen     map[string]string `json:"seen,omitempty"`
	Covers   []string          `json:"covers,omitempty"`
	Ops      []wireOp          `json:"ops"`
}

type wireOp struct {
	Entity string          `json:"e"`
	ID     string          `json:"i"`
	Field  string          `json:"f"`
	Value  json.RawMessage `json:"v"`
	HLC    string          `json:"h"`
	Desk   string          `json:"d,omitempty"` // the batch's desk when empty
}

const explanation = `This message was written by Loge, the concierge desk software, to share the desk's work
between the computers of the team (%d changes from %s). Please leave it in this folder: Loge reads
it and tidies the folder by itself.

Ce message a été écrit par Loge, le logiciel de la conciergerie, pour partager le travail du bureau
entre les ordinateurs de l'équipe (%d modifications de %s). Merci de le laisser dans ce dossier :
Loge le lit et range le dossier tout seul.
`

// Encode writes a batch as a complete message (RFC 5322): a short text for people, the operations
// as JSON (gzip-compressed in a snapshot), and X-Loge headers that say what it is. from is the
// desk's mail address, or "" for a placeholder.
func Encode(b Batch, from string, now time.Time) (raw []byte, messageID string, err error) {
	w := wire{Version: Version, Kind: b.Kind, Desk: b.Desk, Name: b.Name, Initials: b.Initials, Seen: b.Seen, Covers: b.Covers}
	for _, o := range b.Ops {
		op := wireOp{Entity: o.Entity, ID: o.ID, Field: o.Field, Value: json.RawMessage(o.Value), HLC: o.HLC}
		if o.Desk != b.Desk {
			op.Desk = o.Desk
		}
		w.Ops = append(w.Ops, op)
	}
	payload, err := json.Marshal(w)
	if err != nil {
		return nil, "", err
	}
	var id [12]byte
	rand.Read(id[:])
	messageID = hex.EncodeToString(id[:]) + "." + b.Kind + "@loge.team"
	if from == "" {
		from = "loge@loge.invalid"
	}
	who := desk.FirstNonEmpty(b.Name, b.Initials, b.Desk)

	var h gomail.Header
	h.SetDate(now)
	h.SetAddressList("From", []*gomail.Address{{Name: "Loge — " + who, Address: from}})
	h.SetAddressList("To", []*gomail.Address{{Name: "Loge", Address: from}})
	subject := fmt.Sprintf("Loge — %d changes from %s", len(b.Ops), who)
	if b.Kind == KindSnapshot {
		subject = fmt.Sprintf("Loge — snapshot of the team's work (%d items) from %s", len(b.Ops), who)
	}
	h.SetSubject(subject)
	h.SetMessageID(messageID)
	h.Set("X-Loge-Version", strconv.Itoa(Version))
	h.Set("X-Loge-Kind", b.Kind)
	h.Set("X-Loge-Desk", b.Desk)
	var buf bytes.Buffer
	mw, err := gomail.CreateWriter(&buf, h)
	if err != nil {
		return nil, "", err
	}
	var th gomail.InlineHeader
	th.Set("Content-Type", "text/plain; charset=utf-8")
	tw, err := mw.CreateSingleInline(th)
	if err != nil {
		return nil, "", err
	}
	fmt.Fprintf(tw, explanation, len(b.Ops), who, len(b.Ops), who)
	tw.Close()

	var ah gomail.AttachmentHeader
	name, data := "loge-"+b.Kind+".json", payload
	ah.Set("Content-Type", "application/json")
	if b.Kind == KindSnapshot {
		var z bytes.Buffer
		zw := gzip.NewWriter(&z)
		zw.Write(payload)
		zw.Close()
		name, data = name+".gz", z.Bytes()
		ah.Set("Content-Type", "application/gzip")
	}
	ah.SetFilename(name)
	aw, err := mw.CreateAttachment(ah)
	if err != nil {
		return nil, "", err
	}
	aw.Write(data)
	aw.Close()
	if err := mw.Close(); err != nil {
		return nil, "", err
	}
	return buf.Bytes(), messageID, nil
}

// maxPayload bounds what a team message may expand to (a snapshot of a large desk is tens of MB).
const maxPayload = 512 << 20

// A compressed operations part may expand to maxExpansion times the message, or to
// minPayloadLimit whatever its size: a snapshot's JSON compresses a few times (ids and stamps are
// random), while a 400 KB gzip bomb in the folder expanded to 400 MB of JSON, which the decoder
// held whole (1.2 GB of heap) before it could refuse it.
const (
	maxExpansion    = 100
	minPayloadLimit = 16 << 20
)

// payloadLimit is how much the operations part of a raw message of n bytes may expand to.
func payloadLimit(n int) int64 {
	return min(maxPayload, max(minPayloadLimit, maxExpansion*int64(n)))
}

// limitedPayload reads at most limit bytes of r; past them, it fails.
type limitedPayload struct {
	r     io.Reader
	left  int64
	limit int64
}

func (l *limitedPayload) Read(b []byte) (int, error) {
	if l.left <= 0 {
		return 0, fmt.Errorf("the operations expand past %d MB", l.limit>>20) // decodeWire says ErrMalformed
	}
	if int64(len(b)) > l.left {
		b = b[:l.left]
	}
	n, err := l.r.Read(b)
	l.left -= int64(n)
	return n, err
}

// Decode reads a team message. A message of a newer version, one that is not Loge's, or one whose
// content does not parse is refused with a reason (ErrNewerVersion, ErrNotTeam, ErrMalformed); it
// is never applied in part.
func Decode(raw []byte) (Batch, string, error) {
	r, err := gomail.CreateReader(bytes.NewReader(raw))
	if err != nil && !message.IsUnknownCharset(err) {
		return Batch{}, "", fmt.Errorf("%w: %v", ErrMalformed, err)
	}
	id, _ := r.Header.MessageID()
	if r.Header.Get("X-Loge-Kind") == "" {
		return Batch{}, id, ErrNotTeam
	}
	if v, err := strconv.Atoi(r.Header.Get("X-Loge-Version")); err != nil || v > Version {
		return Batch{}, id, fmt.Errorf("%w (version %s)", ErrNewerVersion, r.Header.Get("X-Loge-Version"))
	}
	for {
		p, err := r.NextPart()
		if err == io.EOF {
			return Batch{}, id, fmt.Errorf("%w: no operations part", ErrMalformed)
		}
		if err != nil {
			return Batch{}, id, fmt.Errorf("%w: %v", ErrMalformed, err)
		}
		ah, ok := p.Header.(*gomail.AttachmentHeader)
		if !ok {
			continue
		}
		ct, _, _ := ah.ContentType()
		var body io.Reader = p.Body
		switch ct {
		case "application/gzip":
			zr, err := gzip.NewReader(p.Body)
			if err != nil {
				return Batch{}, id, fmt.Errorf("%w: %v", ErrMalformed, err)
			}
			body = zr
		case "application/json":
		default:
			continue
		}
		limit := payloadLimit(len(raw))
		b, err := decodeWire(&limitedPayload{r: body, left: limit, limit: limit})
		return b, id, err
	}
}

func decodeWire(r io.Reader) (Batch, error) {
	var w wire
	dec := json.NewDecoder(r)
	if err := dec.Decode(&w); err != nil {
		return Batch{}, fmt.Errorf("%w: %v", ErrMalformed, err)
	}
	if w.Version > Version {
		return Batch{}, fmt.Errorf("%w (version %d)", ErrNewerVersion, w.Version)
	}
	if w.Desk == "" || (w.Kind != KindOps && w.Kind != KindSnapshot) {
		return Batch{}, fmt.Errorf("%w: no desk or kind", ErrMalformed)
	}
	b := Batch{Kind: w.Kind, Version: w.Version, Desk: w.Desk, Name: w.Name, Initials: w.Initials, Seen: w.Seen, Covers: w.Covers}
	for _, o := range w.Ops {
		d := o.Desk
		if d == "" {
			d = w.Desk
		}
		v := strings.TrimSpace(string(o.Value))
		if v == "" {
			v = "null"
		}
		b.Ops = append(b.Ops, desk.Op{Entity: o.Entity, ID: o.ID, Field: o.Field, Value: v, HLC: o.HLC, Desk: d})
	}
	return b, nil
}
