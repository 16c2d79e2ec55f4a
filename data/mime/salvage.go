package mime

import "bytes"

// Broken header blocks, as real mailboxes hold them (old mbox exports, home-made mailers, gateways):
// a byte-order mark or an mbox "From " separator line on top, white space before the first header, a folded line that
// lost its leading space, no blank line before the body. go-message refuses the whole header then,
// and the message showed no sender, no subject, the header block as its body and a body never
// decoded from its charset. salvageHeader rewrites such a block into one it reads, as mail clients
// read it: every header line that parses is kept, a stray line between two headers is the previous
// header's continuation, a stray line after the last one is where the body begins. Only what Parse
// reads is rewritten: the raw bytes stay as they came.

// maxSalvagedHeader bounds how far a header block is looked for (go-message's own limit is 1 MB).
const maxSalvagedHeader = 1 << 20

// salvageHeader returns raw with its header block made readable, and whether anything changed.
func salvageHeader(raw []byte) ([]byte, bool) {
	rest := raw
	changed := false
	if bytes.HasPrefix(rest, utf8BOM) {
		rest, changed = rest[len(utf8BOM):], true
	}
	if mboxSeparator(rest) {
		_, rest, _ = cutLine(rest)
		changed = true
	}
	if t := bytes.TrimLeft(rest, " \t"); len(t) != len(rest) && isHeaderLine(firstLine(t)) {
		rest, changed = t, true // a space before the first header
	}
	var out bytes.Buffer
	out.Grow(min(len(raw), maxSalvagedHeader) + 64)
	headers := 0
	for len(rest) > 0 && out.Len() < maxSalvagedHeader {
		line, after, _ := cutLine(rest)
		switch {
		case len(bytes.TrimRight(line, "\r")) == 0: // the blank line: the body follows
			if !changed {
				return raw, false
			}
			out.WriteString("\r\n")
			out.Write(after)
			return out.Bytes(), true
		case line[0] == ' ' || line[0] == '\t':
			if headers == 0 {
				line, changed = bytes.TrimLeft(line, " \t"), true
				if !isHeaderLine(line) {
					return body(&out, rest, changed)
				}
				headers++
			}
			writeLine(&out, line)
		case isHeaderLine(line):
			headers++
			writeLine(&out, line)
		case headers > 0 && nextHeaderFollows(after):
			// A folded line that lost its leading white space: more headers come after it.
			out.WriteByte(' ')
			writeLine(&out, line)
			changed = true
		default:
			// Not a header, and no header after it: the body starts here without its blank line.
			return body(&out, rest, true)
		}
		rest = after
	}
	if !changed {
		return raw, false
	}
	out.WriteString("\r\n")
	out.Write(rest)
	return out.Bytes(), true
}

// body ends a salvaged header block before rest, which is the body.
func body(out *bytes.Buffer, rest []byte, changed bool) ([]byte, bool) {
	out.WriteString("\r\n")
	out.Write(rest)
	return out.Bytes(), changed
}

func writeLine(out *bytes.Buffer, line []byte) {
	out.Write(bytes.TrimRight(line, "\r"))
	out.WriteString("\r\n")
}

// nextHeaderFollows reports whether the next line that is not a continuation is a header line.
func nextHeaderFollows(rest []byte) bool {
	for len(rest) > 0 {
		line, after, _ := cutLine(rest)
		if len(line) > 0 && (line[0] == ' ' || line[0] == '\t') {
			rest = after
			continue
		}
		return isHeaderLine(line)
	}
	return false
}

// isHeaderLine reports whether line is "Name: value": a name of printable ASCII without a colon
// (white space before the colon is tolerated, as RFC 5322's obsolete syntax does).
func isHeaderLine(line []byte) bool {
	i := bytes.IndexByte(line, ':')
	if i <= 0 {
		return false
	}
	name := bytes.TrimRight(line[:i], " \t")
	if len(name) == 0 {
		return false
	}
	for _, c := range name {
		if c < 33 || c > 126 {
			return false
		}
	}
	return true
}

func firstLine(b []byte) []byte {
	line, _, _ := cutLine(b)
	return line
}

// cutLine splits b after its first "\n": the line without it (a "\r" before it stays), the rest.
func cutLine(b []byte) (line, rest []byte, found bool) {
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		return b[:i], b[i+1:], true
	}
	return b, nil, false
}

// utf8BOM is the byte-order mark some Windows tools write before a message they save as UTF-8: it
// glues itself to the first header's name, and that header (often From) was lost.
var utf8BOM = []byte("\xEF\xBB\xBF")

// salvageFirst reports whether raw's header block is salvaged even when go-message reads it: its
// reading would keep an mbox separator or a byte-order mark as part of a header.
func salvageFirst(raw []byte) bool {
	return bytes.HasPrefix(raw, utf8BOM) || mboxSeparator(bytes.TrimPrefix(raw, utf8BOM))
}

// mboxSeparator reports whether raw starts with an mbox "From sender date" line, not with a From
// header written with a space before its colon ("From : Jane <…>", which RFC 5322 still reads).
func mboxSeparator(raw []byte) bool {
	if !bytes.HasPrefix(raw, []byte("From ")) {
		return false
	}
	rest := bytes.TrimLeft(raw[len("From "):], " \t")
	return len(rest) > 0 && rest[0] != ':'
}
