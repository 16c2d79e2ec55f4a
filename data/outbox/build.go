// Package outbox builds outgoing mail and sends it: complete RFC 5322 messages are stored in the
// desk's outbox first, then handed to SMTP and copied to Sent, exactly once even across crashes.
package outbox

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/mail"
	"os"
	"path/filepath"
	"strings"
	"time"

	gomail "github.com/emersion/go-message/mail"
)

// Attachment is a file attached to an outgoing mail.
type Attachment struct {
	Name        string
	ContentType string // guessed from the name when empty
	Data        []byte
}

// AttachFile reads a file from disk as an attachment.
func AttachFile(path string) (Attachment, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return Attachment{}, err
	}
	return Attachment{Name: filepath.Base(path), Data: b}, nil
}

// Draft is what a person writes: addresses, subject, text, attachments, and the mail it answers.
type Draft struct {
	From          *mail.Address
	To, Cc, Bcc   []*mail.Address
	Subject, Body string
	Signature     string
	InReplyTo     string   // Message-ID of the answered mail, without brackets
	References    []string // its References plus its Message-ID
	Attachments   []Attachment
}

// Validation errors of a draft.
var (
	ErrNoFrom       = errors.New("no sender address")
	ErrNoRecipients = errors.New("no recipient")
)

// ParseAddresses reads "Name <a@b>, c@d" as typed in a To field.
func ParseAddresses(s string) ([]*mail.Address, error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	list, err := mail.ParseAddressList(s)
	if err != nil {
		return nil, fmt.Errorf("%q: %w", s, err)
	}
	return list, nil
}

// NewMessageID returns a fresh Message-ID on the sender's domain, without brackets.
func NewMessageID(from *mail.Address) string {
	domain := "loge.invalid"
	if from != nil {
		if i := strings.LastIndexByte(from.Address, '@'); i >= 0 && i < len(from.Address)-1 {
			domain = from.Address[i+1:]
		}
	}
	var b [12]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:]) + ".loge@" + domain
}

// Build renders a draft as a complete message: UTF-8 everywhere, headers RFC 2047-encoded, a Date,
// a Message-ID on the sender's domain, threading headers on replies, attachments as
// multipart/mixed. It returns the bytes and the Message-ID.
func Build(d Draft, now time.Time) ([]byte, string, error) {
	if d.From == nil || d.From.Address == "" {
		return nil, "", ErrNoFrom
	}
	if len(d.To)+len(d.Cc)+len(d.Bcc) == 0 {
		return nil, "", ErrNoRecipients
	}
	id := NewMessageID(d.From)
	var h gomail.Header
	h.SetDate(now)
	h.SetAddressList("From", []*gomail.Address{conv(d.From)})
	if len(d.To) > 0 {
		h.SetAddressList("To", convAll(d.To))
	}
	if len(d.Cc) > 0 {
		h.SetAddressList("Cc", convAll(d.Cc))
	}
	h.SetSubject(d.Subject)
	h.SetMessageID(id)
	if d.InReplyTo != "" {
		h.SetMsgIDList("In-Reply-To", []string{d.InReplyTo})
		refs := d.References
		if len(refs) == 0 || refs[len(refs)-1] != d.InReplyTo {
			refs = append(append([]string(nil), refs...), d.InReplyTo)
		}
		h.SetMsgIDList("References", refs)
	}
	h.Set("User-Agent", "Loge")
	body := d.Body
	if sig := strings.TrimSpace(d.Signature); sig != "" {
		body = strings.TrimRight(body, "\n") + "\n\n-- \n" + sig + "\n"
	}
	body = strings.ReplaceAll(strings.ReplaceAll(body, "\r\n", "\n"), "\n", "\r\n")
	var buf bytes.Buffer
	if len(d.Attachments) == 0 {
		h.SetContentType("text/plain", map[string]string{"charset": "utf-8"})
		w, err := gomail.CreateSingleInlineWriter(&buf, h)
		if err != nil {
			return nil, "", err
		}
		if _, err := io.WriteString(w, body); err != nil {
			return nil, "", err
		}
		if err := w.Close(); err != nil {
			return nil, "", err
		}
		return buf.Bytes(), id, nil
	}
	mw, err := gomail.CreateWriter(&buf, h)
	if err != nil {
		return nil, "", err
	}
	var th gomail.InlineHeader
	th.SetContentType("text/plain", map[string]string{"charset": "utf-8"})
	tw, err := mw.CreateSingleInline(th)
	if err != nil {
		return nil, "", err
	}
	io.WriteString(tw, body)
	tw.Close()
	for _, a := range d.Attachments {
		var ah gomail.AttachmentHeader
		ct := a.ContentType
		if ct == "" {
			ct = mime.TypeByExtension(strings.ToLower(filepath.Ext(a.Name)))
		}
		if ct == "" {
			ct = "application/octet-stream"
		}
		ah.SetContentType(ct, nil)
		ah.SetFilename(a.Name)
		aw, err := mw.CreateAttachment(ah)
		if err != nil {
			return nil, "", err
		}
		if _, err := aw.Write(a.Data); err != nil {
			return nil, "", err
		}
		aw.Close()
	}
	if err := mw.Close(); err != nil {
		return nil, "", err
	}
	return buf.Bytes(), id, nil
}

func conv(a *mail.Address) *gomail.Address { return &gomail.Address{Name: a.Name, Address: a.Address} }

func convAll(as []*mail.Address) []*gomail.Address {
	out := make([]*gomail.Address, len(as))
	for i, a := range as {
		out[i] = conv(a)
	}
	return out
}

// Recipients lists every envelope recipient of a draft (To, Cc, Bcc), without duplicates.
func Recipients(d Draft) []string {
	seen := map[string]bool{}
	var out []string
	for _, l := range [][]*mail.Address{d.To, d.Cc, d.Bcc} {
		for _, a := range l {
			k := strings.ToLower(a.Address)
			if !seen[k] {
				seen[k] = true
				out = append(out, a.Address)
			}
		}
	}
	return out
}

// FormatAddresses renders addresses as a person reads them: "Name <addr>, addr".
func FormatAddresses(as []*mail.Address) string {
	parts := make([]string, len(as))
	for i, a := range as {
		if a.Name != "" {
			parts[i] = a.Name + " <" + a.Address + ">"
		} else {
			parts[i] = a.Address
		}
	}
	return strings.Join(parts, ", ")
}
