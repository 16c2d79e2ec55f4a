package demo

import (
	"bytes"
	"fmt"
	"hash/fnv"
	"mime"
	"mime/quotedprintable"
	"net/mail"
	"sort"
	"strings"
	"time"

	"loge/data/desk"

	"github.com/emersion/go-message"
	"github.com/emersion/go-message/textproto"
)

// Mail is one demo message as an IMAP server would hold it: the mailbox it sits in, its flags and
// its complete RFC 5322 bytes (CRLF line endings).
type Mail struct {
	Mailbox   string // "INBOX", "Sent", "Archive", "Trash", "Drafts"
	Flags     []string
	Raw       []byte
	Date      time.Time // the Date header, usable as INTERNALDATE
	MessageID string    // without angle brackets
}

// Mailbox names of the demo account, with their SPECIAL-USE roles in Seed.
const (
	BoxInbox   = "INBOX"
	BoxSent    = "Sent"
	BoxArchive = "Archive"
	BoxTrash   = "Trash"
	BoxDrafts  = "Drafts"
)

// Mails returns every demo mail, oldest first, dated relative to now. The same now always gives
// the same bytes.
func Mails(now time.Time) []Mail {
	return renderAll(buildCorpus(newClock(now)).mails)
}

// addr is a mailbox: display name and address.
type addr struct{ name, email string }

func (a addr) String() string { return (&mail.Address{Name: a.name, Address: a.email}).String() }

func (a addr) domain() string { return a.email[strings.LastIndexByte(a.email, '@')+1:] }

func (a addr) isDesk() bool { return strings.EqualFold(a.email, DeskEmail) }

// attachment is a file attached to a demo mail.
type attachment struct {
	name  string
	ctype string
	data  []byte
}

// msg is one demo mail before rendering.
type msg struct {
	box     string // empty: INBOX, or Sent when the desk wrote it
	from    addr
	to      []addr
	cc      []addr
	subject string // empty on a reply: "Re: " + the parent's subject
	re      string // reply prefix, "Re: " unless set ("RE: " for some vendors' mail clients)
	at      time.Time
	lang    string // "fr" or "en": language of the quote attribution line
	body    string // the writer's own text, "\n" line endings
	html    string // optional HTML alternative (newsletters)
	latin1  bool   // ISO-8859-1 + quoted-printable instead of UTF-8
	attach  []attachment
	unread  bool     // inbox mail not yet read
	draft   bool     // a desk draft in Drafts
	flags   []string // extra flags, e.g. \Flagged
	noQuote bool     // do not quote the parent below the text
	headers [][2]string
	parent  *msg
	salt    string // makes otherwise identical mails distinct (NewMail)

	waiting bool // vendor said it will come back: keyword $Loge_Waiting, not done
	open    bool // non-guest mail the desk has not dealt with yet: no $Loge_Done

	answered bool // computed: the desk replied to it
	done     bool // computed: vendor or colleague mail the desk dealt with ($Loge_Done)
}

// Team keywords on demo mail (see data/team): dealt with, and waiting for a vendor.
const (
	KeywordDone    = desk.KeywordDone
	KeywordWaiting = desk.KeywordWaiting
)

// messageID is deterministic: a hash of sender, date and subject, the UTC date, and the sender's domain.
func (m *msg) messageID() string {
	h := fnv.New64a()
	fmt.Fprintf(h, "%s|%s|%s|%d|%s", m.from.email, m.subject, m.body, m.at.Unix(), m.salt)
	return fmt.Sprintf("%s.%012x@%s", m.at.UTC().Format("20060102150405"), h.Sum64()&0xffffffffffff, m.from.domain())
}

func (m *msg) references() []string {
	if m.parent == nil {
		return nil
	}
	return append(m.parent.references(), m.parent.messageID())
}

func (m *msg) mailbox() string {
	switch {
	case m.box != "":
		return m.box
	case m.draft:
		return BoxDrafts
	case m.from.isDesk():
		return BoxSent
	}
	return BoxInbox
}

func (m *msg) flagList() []string {
	var f []string
	if !m.unread {
		f = append(f, `\Seen`)
	}
	if m.answered {
		f = append(f, `\Answered`)
	}
	if m.draft {
		f = append(f, `\Draft`)
	}
	if m.done {
		f = append(f, KeywordDone)
	}
	if m.waiting {
		f = append(f, KeywordWaiting)
	}
	return append(f, m.flags...)
}

// fullText is the body as sent: the writer's text, then the quoted parent.
func (m *msg) fullText() string {
	text := strings.TrimRight(m.body, "\n") + "\n"
	if m.parent == nil || m.noQuote {
		return text
	}
	p := m.parent
	var attribution string
	if m.lang == "fr" {
		attribution = fmt.Sprintf("Le %s, %s a écrit :", frQuoteDate(p.at), p.from.display())
	} else {
		attribution = fmt.Sprintf("On %s, %s wrote:", p.at.Format("Mon 2 Jan 2006 at 15:04"), p.from.display())
	}
	var b strings.Builder
	b.WriteString(text)
	b.WriteString("\n")
	b.WriteString(attribution)
	b.WriteString("\n")
	for _, line := range strings.Split(strings.TrimRight(p.body, "\n"), "\n") {
		if line == "" {
			b.WriteString(">\n")
		} else {
			b.WriteString("> " + line + "\n")
		}
	}
	return b.String()
}

func (a addr) display() string {
	if a.name == "" {
		return "<" + a.email + ">"
	}
	return a.name + " <" + a.email + ">"
}

// renderAll renders the corpus oldest first, marking what the desk answered and, among mail
// from vendors and colleagues, what it dealt with.
func renderAll(msgs []*msg) []Mail {
	guestAddrs := map[string]bool{}
	for _, g := range guests() {
		for _, e := range strings.Fields(g.g.Emails) {
			guestAddrs[strings.ToLower(e)] = true
		}
	}
	for _, m := range msgs {
		if m.parent != nil && m.from.isDesk() && !m.draft && !m.parent.from.isDesk() {
			m.parent.answered = true
		}
		if !m.from.isDesk() && !guestAddrs[strings.ToLower(m.from.email)] && !m.waiting && !m.open && m.mailbox() == BoxInbox {
			m.done = true
		}
	}
	sorted := append([]*msg(nil), msgs...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].at.Before(sorted[j].at) })
	out := make([]Mail, 0, len(sorted))
	for _, m := range sorted {
		out = append(out, Mail{Mailbox: m.mailbox(), Flags: m.flagList(), Raw: m.render(), Date: m.at, MessageID: m.messageID()})
	}
	return out
}

func (m *msg) subjectLine() string {
	if m.subject != "" || m.parent == nil {
		return m.subject
	}
	ps := m.parent.subjectLine()
	for _, p := range []string{"Re: ", "RE: ", "Réf : ", "AW: "} {
		if strings.HasPrefix(ps, p) {
			ps = ps[len(p):]
			break
		}
	}
	prefix := m.re
	if prefix == "" {
		prefix = "Re: "
	}
	return prefix + ps
}

func (m *msg) recipients() []addr {
	if len(m.to) == 0 && m.parent != nil {
		return []addr{m.parent.from}
	}
	return m.to
}

func addrList(l []addr) string {
	s := make([]string, len(l))
	for i, a := range l {
		s[i] = a.String()
	}
	return strings.Join(s, ", ")
}

// headerOf builds a header whose fields are written in the order given (go-message writes the
// fields it holds newest first, so they are added backwards).
func headerOf(fields [][2]string) message.Header {
	var h message.Header
	for i := len(fields) - 1; i >= 0; i-- {
		h.Add(fields[i][0], fields[i][1])
	}
	return h
}

// boundary is deterministic, so rendering twice gives the same bytes.
func (m *msg) boundary(n int) string {
	h := fnv.New32a()
	h.Write([]byte(m.messageID()))
	return fmt.Sprintf("=_loge_%08x_%d", h.Sum32(), n)
}

func (m *msg) render() []byte {
	subject := m.subjectLine()
	charset := "utf-8"
	if m.latin1 {
		charset = "iso-8859-1"
		subject = string(latin1(subject))
	}
	fields := [][2]string{
		{"Date", m.at.Format(time.RFC1123Z)},
		{"From", m.from.String()},
		{"To", addrList(m.recipients())},
	}
	if len(m.cc) > 0 {
		fields = append(fields, [2]string{"Cc", addrList(m.cc)})
	}
	fields = append(fields,
		[2]string{"Subject", mime.QEncoding.Encode(charset, subject)},
		[2]string{"Message-ID", "<" + m.messageID() + ">"},
	)
	if m.parent != nil {
		refs := m.references()
		fields = append(fields,
			[2]string{"In-Reply-To", "<" + m.parent.messageID() + ">"},
			[2]string{"References", "<" + strings.Join(refs, "> <") + ">"},
		)
	}
	fields = append(fields, m.headers...)
	fields = append(fields, [2]string{"MIME-Version", "1.0"})

	var buf bytes.Buffer
	text := m.fullText()
	switch {
	case m.latin1:
		// go-message only writes UTF-8, so the ISO-8859-1 mail is assembled by hand.
		fields = append(fields,
			[2]string{"Content-Type", "text/plain; charset=iso-8859-1"},
			[2]string{"Content-Transfer-Encoding", "quoted-printable"})
		must(textproto.WriteHeader(&buf, headerOf(fields).Header))
		qp := quotedprintable.NewWriter(&buf)
		must1(qp.Write(latin1(text)))
		must(qp.Close())
	case len(m.attach) == 0 && m.html == "":
		fields = append(fields,
			[2]string{"Content-Type", "text/plain; charset=utf-8"},
			[2]string{"Content-Transfer-Encoding", "quoted-printable"})
		w, err := message.CreateWriter(&buf, headerOf(fields))
		must(err)
		must1(w.Write([]byte(text)))
		must(w.Close())
	case len(m.attach) == 0:
		fields = append(fields, [2]string{"Content-Type", mime.FormatMediaType("multipart/alternative", map[string]string{"boundary": m.boundary(1)})})
		w, err := message.CreateWriter(&buf, headerOf(fields))
		must(err)
		m.writeAlternative(w, text)
		must(w.Close())
	default:
		fields = append(fields, [2]string{"Content-Type", mime.FormatMediaType("multipart/mixed", map[string]string{"boundary": m.boundary(0)})})
		w, err := message.CreateWriter(&buf, headerOf(fields))
		must(err)
		if m.html != "" {
			alt, err := w.CreatePart(headerOf([][2]string{{"Content-Type", mime.FormatMediaType("multipart/alternative", map[string]string{"boundary": m.boundary(1)})}}))
			must(err)
			m.writeAlternative(alt, text)
			must(alt.Close())
		} else {
			writeTextPart(w, "text/plain", text)
		}
		for _, a := range m.attach {
			p, err := w.CreatePart(headerOf([][2]string{
				{"Content-Type", mime.FormatMediaType(a.ctype, map[string]string{"name": a.name})},
				{"Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": a.name})},
				{"Content-Transfer-Encoding", "base64"},
			}))
			must(err)
			must1(p.Write(a.data))
			must(p.Close())
		}
		must(w.Close())
	}
	return buf.Bytes()
}

func (m *msg) writeAlternative(w *message.Writer, text string) {
	writeTextPart(w, "text/plain", text)
	writeTextPart(w, "text/html", m.html)
}

func writeTextPart(w *message.Writer, ctype, text string) {
	p, err := w.CreatePart(headerOf([][2]string{
		{"Content-Type", ctype + "; charset=utf-8"},
		{"Content-Transfer-Encoding", "quoted-printable"},
	}))
	must(err)
	must1(p.Write([]byte(text)))
	must(p.Close())
}

// latin1 converts a string whose runes are all below U+0100 to ISO-8859-1 bytes; anything else
// becomes '?', as an old mail client would do.
func latin1(s string) []byte {
	b := make([]byte, 0, len(s))
	for _, r := range s {
		switch {
		case r < 0x100:
			b = append(b, byte(r))
		case r == '’':
			b = append(b, '\'')
		case r == '—' || r == '–':
			b = append(b, '-')
		case r == '…':
			b = append(b, '.', '.', '.')
		case r == 'œ':
			b = append(b, 'o', 'e')
		case r == '€':
			b = append(b, 'E', 'U', 'R')
		default:
			b = append(b, '?')
		}
	}
	return b
}

// Writing to a bytes.Buffer cannot fail; the content is fixed, so any error is a bug in this file.
func must(err error) {
	if err != nil {
		panic("demo: " + err.Error())
	}
}

func must1(_ int, err error) { must(err) }
