// Package mime turns raw RFC 5322 bytes into what Loge stores and indexes: decoded headers, the text
// a person reads, and attachment metadata. It never fails: a part it cannot decode is kept out of the
// text with a visible marker, and the raw bytes always stay with the message.
package mime

import (
	"bytes"
	"errors"
	"io"
	"mime"
	netmail "net/mail"
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

	forwarded strings.Builder // the text of forwarded messages, while parsing: after the mail's own
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
//
// Hostile mail is bounded, never refused: nesting (multiparts and forwarded messages together) is
// followed maxDepth levels deep, text is read up to what is kept (maxText, maxHTML) and the rest of a
// body only counted, attachments are counted as they decode and never held, nor decompressed (a
// gzip or zip attachment is a size, whatever it would expand to). So the memory Parse needs grows
// with neither the size nor the depth of a message beyond the raw bytes it is given.
func Parse(raw []byte) *Parsed {
	e, read, err := readTop(raw)
	if e == nil {
		// Not even a header block (or one over go-message's 1 MB): keep it all as text.
		return &Parsed{Text: textPrefix(raw), Undecodable: err != nil}
	}
	header := e.Header
	p := parseEntity(e, err, 0, new(int))
	if p.Undecodable && !message.IsUnknownCharset(err) { // the transfer decoding failed, not the charset
		undecodedText(p, header, read)
	}
	return p
}

// Envelope reads only the header fields Parse gives (ids, references, sender, recipients,
// subject, date), read and salvaged exactly as Parse reads them, without decoding the body: what
// a mail list shows and threads by. The store keeps a new mail's envelope at once and leaves its
// text to the background indexer, which calls Parse.
func Envelope(raw []byte) *Parsed {
	p := &Parsed{}
	if e, _, _ := readTop(raw); e != nil {
		p.headers(mail.Header{Header: e.Header})
	}
	return p
}

// readTop reads the top header block of raw and gives the entity over its body (read lazily),
// the bytes the entity reads (raw, or its salvaged header), and the error message.Read gave.
func readTop(raw []byte) (*message.Entity, []byte, error) {
	read := raw
	e, err := message.Read(bytes.NewReader(raw))
	if e == nil || salvageFirst(raw) {
		// A header block go-message refuses (or reads an mbox separator or a byte-order mark into): salvaged, as mail
		// clients read it, so that sender, subject, date and the body's charset are not all lost.
		if fixed, ok := salvageHeader(raw); ok {
			if e2, err2 := message.Read(bytes.NewReader(fixed)); e2 != nil {
				e, err, read = e2, err2, fixed
			}
		}
	}
	return e, read, err
}

// looksBase64 reports whether b holds nothing but base64's alphabet and white space.
func looksBase64(b []byte) bool {
	for _, c := range b {
		switch {
		case c >= 'A' && c <= 'Z', c >= 'a' && c <= 'z', c >= '0' && c <= '9', c == '+', c == '/', c == '=',
			c == ' ', c == '\t', c == '\r', c == '\n':
		default:
			return false
		}
	}
	return true
}

// undecodedText reads a single-part text mail whose transfer encoding failed as the text it holds:
// a body declared base64 that is plain text decoded to a few bytes of garbage ("Bonjour, nous…"
// stops at the comma). The charset is still applied.
func undecodedText(p *Parsed, h message.Header, raw []byte) {
	ct, params, err := h.ContentType()
	cte := strings.ToLower(strings.TrimSpace(h.Get("Content-Transfer-Encoding")))
	if err != nil && ct == "" {
		ct = "text/plain"
	}
	if (cte != "base64" && cte != "quoted-printable") || !strings.HasPrefix(strings.ToLower(ct), "text/") {
		return
	}
	i := bytes.Index(raw, []byte("\r\n\r\n"))
	n := 4
	if j := bytes.Index(raw, []byte("\n\n")); j >= 0 && (i < 0 || j < i) {
		i, n = j, 2
	}
	if i < 0 {
		return
	}
	body := raw[i+n:]
	if cte == "base64" && looksBase64(body) {
		return // real base64, damaged: its decoded start and the marker say more than the letters
	}
	if cs := params["charset"]; cs != "" {
		if r, err := message.CharsetReader(cs, bytes.NewReader(body)); err == nil {
			if s, _, err := readText(r, maxText+utf8.UTFMax); err == nil {
				body = []byte(s)
			}
		}
	}
	text := normalizeNewlines(textPrefix(body))
	if strings.EqualFold(ct, "text/html") {
		text = HTMLToText(text)
	}
	p.Text, p.Undecodable = strings.TrimSpace(text), false
}

// parseEntity reads a message whose header is read: the top one, or a forwarded one depth levels
// down. err is message.Read's (an unknown charset or transfer encoding). parts counts the parts
// read so far in the whole message, forwarded ones included.
func parseEntity(e *message.Entity, err error, depth int, parts *int) *Parsed {
	p := &Parsed{}
	// An entity with an error is one whose charset or transfer encoding is unknown: its bytes are
	// kept as read, a guess the marker must flag, as it does for such a part inside a multipart.
	p.Undecodable = err != nil
	p.headers(mail.Header{Header: e.Header})
	var text, html strings.Builder
	walk(e, nil, depth, parts, p, &text, &html)
	// The mail's own words first (its text/plain, else its HTML as text), then what it forwards or
	// returns: a delivery report whose explanation is HTML showed the returned original instead.
	switch {
	case text.Len() > 0:
		p.Text = text.String()
	case html.Len() > 0:
		p.Text = HTMLToText(html.String())
	}
	if p.forwarded.Len() > 0 {
		p.Text = strings.TrimLeft(p.Text+"\n\n"+p.forwarded.String(), "\n")
		p.forwarded.Reset()
	}
	if p.Undecodable {
		// Cut before the marker goes on, so that a long text keeps it.
		p.Text = strings.TrimSpace(truncateText(p.Text, maxText-len(UndecodableMarker)-1) + "\n" + UndecodableMarker)
	}
	p.Text = truncateText(p.Text, maxText)
	return p
}

// parseForwarded reads a forwarded message (a message/rfc822 part) from r as it streams, depth
// levels down, and counts its size; nothing of it is held but what Parsed keeps.
func parseForwarded(r io.Reader, depth int, parts *int) (*Parsed, int64, error) {
	cr := &countingReader{r: r}
	// What message.Read consumed, for a forwarded message whose header does not parse.
	head := &capture{max: maxText + utf8.UTFMax}
	e, err := message.Read(io.TeeReader(cr, head))
	var p *Parsed
	if e == nil {
		_, cerr := io.Copy(head, cr)
		p = &Parsed{Text: textPrefix(head.buf), Undecodable: true}
		return p, cr.n, cerr
	}
	head.buf, head.max = nil, 0
	p = parseEntity(e, err, depth, parts)
	_, err = io.Copy(io.Discard, cr) // what the walk left unread (parts past the depth limit…)
	return p, cr.n, err
}

// textPrefix is the start of raw bytes as text, when they cannot be read as a message.
func textPrefix(raw []byte) string {
	cut := min(len(raw), maxText+utf8.UTFMax)
	for cut < len(raw) && cut > 0 && !utf8.RuneStart(raw[cut]) {
		cut-- // do not split a character: its end would read as Windows-1252
	}
	return truncateText(toValidUTF8(string(raw[:cut])), maxText)
}

// truncateText cuts valid text s to at most n bytes, on a character boundary.
func truncateText(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return strings.ToValidUTF8(s[:max(n, 0)], "")
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(b []byte) (int, error) {
	n, err := c.r.Read(b)
	c.n += int64(n)
	return n, err
}

// capture keeps the first max bytes written to it and drops the rest.
type capture struct {
	buf []byte
	max int
}

func (c *capture) Write(b []byte) (int, error) {
	if room := c.max - len(c.buf); room > 0 {
		c.buf = append(c.buf, b[:min(room, len(b))]...)
	}
	return len(b), nil
}

// readText reads at most limit bytes of body as text and counts (decodes) the rest without keeping
// it. A body that fails to decode on the way gives what came before, and the error.
func readText(body io.Reader, limit int) (string, int64, error) {
	var b bytes.Buffer
	n, err := io.Copy(&b, io.LimitReader(body, int64(max(limit, 0))))
	if err != nil {
		return b.String(), n, err
	}
	m, err := io.Copy(io.Discard, body)
	return b.String(), n + m, err
}

func (p *Parsed) headers(h mail.Header) {
	// Message ids are text too: the store passes thread ids through JSON, which turns bytes that are
	// not UTF-8 into U+FFFD, and a thread whose id did not survive that was never listed.
	if id, err := h.MessageID(); err == nil {
		p.MessageID = toValidUTF8(id)
	} else {
		p.MessageID = toValidUTF8(strings.Trim(strings.TrimSpace(h.Get("Message-Id")), "<>"))
	}
	if ids, err := h.MsgIDList("In-Reply-To"); err == nil && len(ids) > 0 {
		p.InReplyTo = toValidUTF8(ids[0])
	}
	if ids, err := h.MsgIDList("References"); err == nil {
		for i := range ids {
			ids[i] = toValidUTF8(ids[i])
		}
		p.References = ids
	}
	if s, err := h.Subject(); err == nil {
		p.Subject = toValidUTF8(s)
	} else {
		p.Subject = toValidUTF8(decodeWords(h.Get("Subject")))
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
	// A name in an unknown charset: decoded best effort, so the address is not lost with it.
	if list, perr := (&netmail.AddressParser{WordDecoder: wordDecoder}).ParseList(toValidUTF8(v)); perr == nil {
		out := make([]*mail.Address, len(list))
		for i, a := range list {
			out[i] = &mail.Address{Name: toValidUTF8(a.Name), Address: a.Address}
		}
		return out, nil
	}
	// A display name with specials left unquoted ("jane@home <jane@example.com>", "Doe, Jane
	// <…>"): every mail client reads the one address in angle brackets and the name before it.
	if a := looseAddress(toValidUTF8(v)); a != nil {
		return []*mail.Address{a}, nil
	}
	return nil, err
}

// looseAddress reads a value that is one "name <local@domain>" whose name breaks RFC 5322's
// phrase syntax: the address is what the angle brackets hold, the name what comes before them,
// its quotes dropped and its encoded words decoded. Anything else (a list, no brackets, no @ in
// them) is nil.
func looseAddress(v string) *mail.Address {
	v = strings.TrimSpace(v)
	open := strings.LastIndexByte(v, '<')
	if open < 0 || !strings.HasSuffix(v, ">") {
		return nil
	}
	addr, name := strings.TrimSpace(v[open+1:len(v)-1]), strings.TrimSpace(v[:open])
	at := strings.LastIndexByte(addr, '@')
	if at <= 0 || at == len(addr)-1 || strings.ContainsAny(addr, " \t<>,;\"") || strings.ContainsAny(name, "<>") {
		return nil
	}
	if len(name) >= 2 && name[0] == '"' && name[len(name)-1] == '"' {
		name = name[1 : len(name)-1]
	}
	return &mail.Address{Name: toValidUTF8(decodeWords(name)), Address: addr}
}

// wordDecoder decodes RFC 2047 words, those in a charset nobody knows ("=?NONE?B?…?=", "=?x-unknown?Q?…?=")
// as best it can: their bytes as they are, which toValidUTF8 then reads as UTF-8 or Windows-1252,
// rather than the encoded word left raw in a subject or a sender's name.
var wordDecoder = &mime.WordDecoder{CharsetReader: func(charset string, r io.Reader) (io.Reader, error) {
	if d, err := message.CharsetReader(charset, r); err == nil {
		return d, nil
	}
	return r, nil
}}

func decodeWords(s string) string {
	if d, err := wordDecoder.DecodeHeader(s); err == nil {
		return d
	}
	return s
}

// maxDepth is how deep multiparts and forwarded messages are followed, together: real mail nests a
// few levels; a thousand levels is an attack on the parser.
const maxDepth = 32

// maxParts is how many parts of a message are read, forwarded messages' included: a thousand
// attachments is already more than any person sends; the rest stay in the raw message.
const maxParts = 1000

// maxHTML bounds the HTML read per message: the text kept from it is at most maxText, and markup
// is most of an HTML mail's bytes.
const maxHTML = 4 * maxText

// walk reads entity e at path (its part numbers), depth levels down from the top message, the
// parts-th part read.
func walk(e *message.Entity, path []int, depth int, parts *int, p *Parsed, text, html *strings.Builder) {
	if *parts++; depth > maxDepth || *parts > maxParts {
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
			walk(part, append(append([]int(nil), path...), i), depth+1, parts, p, text, html)
			if *parts > maxParts {
				return
			}
		}
	}
	disp, dparams, _ := e.Header.ContentDisposition()
	filename := dparams["filename"]
	if filename == "" {
		filename = params["name"]
	}
	filename = toValidUTF8(decodeWords(filename))
	isAttachment := strings.EqualFold(disp, "attachment") || (filename != "" && !strings.HasPrefix(ct, "text/"))
	if isAttachment || !(ct == "text/plain" || ct == "text/html" || ct == "message/rfc822") {
		if len(path) == 0 && !isAttachment && strings.HasPrefix(ct, "text/") {
			// A single-part text/* of another subtype (text/enriched…): read it as text.
			body, _, err := readText(e.Body, maxText+utf8.UTFMax)
			if err != nil {
				p.Undecodable = true
			}
			text.WriteString(toValidUTF8(body))
			return
		}
		// Counted as it decodes, never held: an attachment is a size here, and an archive is
		// never opened.
		size, err := io.Copy(io.Discard, e.Body)
		if err != nil {
			p.Undecodable = true
		}
		p.Attachments = append(p.Attachments, Attachment{Part: partPath(path), Filename: filename, ContentType: ct, Size: size})
		return
	}
	switch ct {
	case "text/plain":
		body, _, err := readText(e.Body, maxText+utf8.UTFMax-text.Len())
		if err != nil {
			p.Undecodable = true
		}
		if text.Len() > 0 {
			text.WriteString("\n\n")
		}
		text.WriteString(normalizeNewlines(toValidUTF8(body)))
	case "text/html":
		body, _, err := readText(e.Body, maxHTML-html.Len())
		if err != nil {
			p.Undecodable = true
		}
		if html.Len() > 0 {
			html.WriteString("\n")
		}
		html.WriteString(toValidUTF8(body))
	case "message/rfc822":
		// A forwarded mail: its text reads as part of this one, and it is listed as an attachment too.
		inner, size, err := parseForwarded(e.Body, depth+1, parts)
		if err != nil {
			p.Undecodable = true // the forwarded message's own trouble is marked in its text
		}
		if p.forwarded.Len() > 0 {
			p.forwarded.WriteString("\n\n")
		}
		if room := maxText - p.forwarded.Len(); room > 0 {
			p.forwarded.WriteString(truncateText("---- "+inner.Subject+" ----\n"+inner.Text, room))
		}
		p.Attachments = append(p.Attachments, Attachment{Part: partPath(path), Filename: desk.FirstNonEmpty(filename, inner.Subject+".eml"), ContentType: ct, Size: size})
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
