// Package mime turns raw RFC 5322 bytes into what Loge stores and indexes: decoded headers, the text
// a person reads, and attachment metadata. It never fails: a part it cannot decode is kept out of the
// text with a visible marker, and the raw bytes always stay with the message.
package mime

import (
	"bytes"
	"errors"
	"io"
	"mime"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"loge/data/desk"

	"github.com/emersion/go-message"
	_ "github.com/emersion/go-message/charset" // ISO-8859-x, Windows-125x, ISO-2022-JP…
	"github.com/emersion/go-message/mail"
)

// UndecodableMarker stands in the text where a part could not be decoded.
const UndecodableMarker = "[part not decodable: kept in the original message]"

// maxText bounds the decoded text kept per message, so one huge mail cannot bloat the index.
const maxText = 256 << 10

// Parsed is what Loge keeps of a message beside its raw bytes.
type Parsed struct {
	MessageID   string // without angle brackets
	InReplyTo   string
	References  []string
	FromName    string
	FromAddr    string
	To          string
	Cc          string
	Subject     string
	Date        time.Time
	Text        string
	Attachments []Attachment
	Undecodable bool
}

// Attachment is the metadata of one attached part.
type Attachment struct {
	Part        string
	Filename    string
	ContentType string
	Size        int64
}

// Snippet is the start of the text on one line, for lists.
func (p *Parsed) Snippet() string {
	head := p.Text
	if len(head) > 1024 {
		head = strings.ToValidUTF8(head[:1024], "") // a snippet needs the start, not all 200 KB
	}
	s := strings.Join(strings.Fields(head), " ")
	if utf8.RuneCountInString(s) > 160 {
		r := []rune(s)
		s = string(r[:160]) + "…"
	}
	return s
}

// Parse decodes raw. It always returns something usable, even for badly broken mail.
func Parse(raw []byte) *Parsed {
	p := &Parsed{}
	e, err := message.Read(bytes.NewReader(raw))
	if e == nil {
		// Not even a header block: keep it all as text.
		p.Text = toValidUTF8(string(raw))
		if len(p.Text) > maxText {
			p.Text = p.Text[:maxText]
		}
		p.Undecodable = err != nil
		return p
	}
	// An entity with an error is one whose charset or transfer encoding is unknown: its bytes are
	// kept as read, a guess the marker must flag, as it does for such a part inside a multipart.
	p.Undecodable = err != nil
	p.headers(mail.Header{Header: e.Header})
	var text, html strings.Builder
	walk(e, nil, p, &text, &html)
	switch {
	case text.Len() > 0:
		p.Text = text.String()
	case html.Len() > 0:
		p.Text = HTMLToText(html.String())
	}
	if p.Undecodable {
		p.Text = strings.TrimSpace(p.Text + "\n" + UndecodableMarker)
	}
	if len(p.Text) > maxText {
		p.Text = strings.ToValidUTF8(p.Text[:maxText], "")
	}
	return p
}

func (p *Parsed) headers(h mail.Header) {
	if id, err := h.MessageID(); err == nil {
		p.MessageID = id
	} else {
		p.MessageID = strings.Trim(strings.TrimSpace(h.Get("Message-Id")), "<>")
	}
	if ids, err := h.MsgIDList("In-Reply-To"); err == nil && len(ids) > 0 {
		p.InReplyTo = ids[0]
	}
	if ids, err := h.MsgIDList("References"); err == nil {
		p.References = ids
	}
	if s, err := h.Subject(); err == nil {
		p.Subject = toValidUTF8(s)
	} else {
		p.Subject = toValidUTF8(h.Get("Subject"))
	}
	if from, err := addressList(h, "From"); err == nil && len(from) > 0 {
		p.FromName, p.FromAddr = toValidUTF8(from[0].Name), strings.ToLower(from[0].Address)
	} else {
		p.FromName = toValidUTF8(decodeWords(h.Get("From")))
	}
	p.To = addressLine(h, "To")
	p.Cc = addressLine(h, "Cc")
	if d, err := h.Date(); err == nil {
		p.Date = d
	}
}

// addressLine renders an address header as "Name <addr>, …", decoded (never the RFC 2047 form).
func addressLine(h mail.Header, key string) string {
	list, err := addressList(h, key)
	if err != nil {
		return toValidUTF8(decodeWords(h.Get(key)))
	}
	parts := make([]string, 0, len(list))
	for _, a := range list {
		if a.Name != "" {
			parts = append(parts, toValidUTF8(a.Name)+" <"+a.Address+">")
		} else {
			parts = append(parts, a.Address)
		}
	}
	return strings.Join(parts, ", ")
}

// addressList parses an address header. A value that does not parse as it is (a NUL or unlabelled
// 8-bit bytes in a display name) is parsed again once made valid text, so the address is not lost.
func addressList(h mail.Header, key string) ([]*mail.Address, error) {
	list, err := h.AddressList(key)
	if err == nil {
		return list, nil
	}
	v := h.Get(key)
	if clean := toValidUTF8(v); clean != v {
		if list, err := mail.ParseAddressList(clean); err == nil {
			return list, nil
		}
	}
	return nil, err
}

var wordDecoder = &mime.WordDecoder{CharsetReader: message.CharsetReader}

func decodeWords(s string) string {
	if d, err := wordDecoder.DecodeHeader(s); err == nil {
		return d
	}
	return s
}

const maxDepth = 32

func walk(e *message.Entity, path []int, p *Parsed, text, html *strings.Builder) {
	if len(path) > maxDepth {
		p.Undecodable = true
		return
	}
	ct, params, err := e.Header.ContentType()
	if err != nil || ct == "" {
		ct = "text/plain"
	}
	ct = strings.ToLower(ct)
	if mr := e.MultipartReader(); mr != nil {
		for i := 1; ; i++ {
			part, err := mr.NextPart()
			if err == io.EOF {
				return
			}
			if err != nil {
				if !message.IsUnknownCharset(err) && !message.IsUnknownEncoding(err) {
					// A broken boundary or header: what was read stays; the raw keeps the rest.
					if i == 1 || !errors.Is(err, io.ErrUnexpectedEOF) {
						p.Undecodable = true
					}
					return
				}
				p.Undecodable = true
				if part == nil {
					return
				}
			}
			walk(part, append(append([]int(nil), path...), i), p, text, html)
		}
	}
	disp, dparams, _ := e.Header.ContentDisposition()
	filename := dparams["filename"]
	if filename == "" {
		filename = params["name"]
	}
	filename = toValidUTF8(decodeWords(filename))
	isAttachment := strings.EqualFold(disp, "attachment") || (filename != "" && !strings.HasPrefix(ct, "text/"))
	body, err := io.ReadAll(e.Body)
	if err != nil {
		p.Undecodable = true
	}
	if isAttachment || !(ct == "text/plain" || ct == "text/html" || ct == "message/rfc822") {
		if len(path) == 0 && !isAttachment && strings.HasPrefix(ct, "text/") {
			// A single-part text/* of another subtype (text/enriched…): read it as text.
			text.WriteString(toValidUTF8(string(body)))
			return
		}
		p.Attachments = append(p.Attachments, Attachment{Part: partPath(path), Filename: filename, ContentType: ct, Size: int64(len(body))})
		return
	}
	switch ct {
	case "text/plain":
		if text.Len() > 0 {
			text.WriteString("\n\n")
		}
		text.WriteString(normalizeNewlines(toValidUTF8(string(body))))
	case "text/html":
		if html.Len() > 0 {
			html.WriteString("\n")
		}
		html.WriteString(toValidUTF8(string(body)))
	case "message/rfc822":
		// A forwarded mail: its text reads as part of this one, and it is listed as an attachment too.
		inner := Parse(body)
		if text.Len() > 0 {
			text.WriteString("\n\n")
		}
		text.WriteString("---- " + inner.Subject + " ----\n" + inner.Text)
		p.Attachments = append(p.Attachments, Attachment{Part: partPath(path), Filename: desk.FirstNonEmpty(filename, inner.Subject+".eml"), ContentType: ct, Size: int64(len(body))})
	}
}

func partPath(path []int) string {
	if len(path) == 0 {
		return "1"
	}
	s := make([]string, len(path))
	for i, n := range path {
		s[i] = strconv.Itoa(n)
	}
	return strings.Join(s, ".")
}

func normalizeNewlines(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\x00", "")
}

// toValidUTF8 keeps text valid: bytes that are not UTF-8 after charset decoding are read as
// Windows-1252, the usual culprit when a mail has no charset label.
func toValidUTF8(s string) string {
	if utf8.ValidString(s) {
		return strings.ReplaceAll(s, "\x00", "")
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b.WriteRune(cp1252(s[i]))
		} else if r != 0 {
			b.WriteRune(r)
		}
		i += size
	}
	return b.String()
}
