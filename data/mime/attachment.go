package mime

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"errors"
	"io"
	"mime"
	"mime/quotedprintable"
	"strconv"
	"strings"

	"github.com/emersion/go-message/textproto"
)

// ErrNoSuchPart is a part path the message does not have.
var ErrNoSuchPart = errors.New("no such part in the message")

// WriteAttachment writes the part at path (as Parse lists it: "2", "2.1"; "1" for a message that is
// one part) of raw to w, undone from its transfer encoding and nothing else: the bytes the sender
// attached, whatever charset a text file declares. It streams; nothing of the part is held. The
// header block is salvaged as Parse salvages it, so the paths are the ones Parse gave.
func WriteAttachment(raw []byte, path string, w io.Writer) (int64, error) {
	src := raw
	if _, err := textproto.ReadHeader(bufio.NewReader(bytes.NewReader(raw))); err != nil || salvageFirst(raw) {
		if fixed, ok := salvageHeader(raw); ok {
			src = fixed
		}
	}
	br := bufio.NewReader(bytes.NewReader(src))
	h, err := textproto.ReadHeader(br)
	if err != nil {
		return 0, ErrNoSuchPart
	}
	steps, err := partSteps(path)
	if err != nil {
		return 0, err
	}
	var body io.Reader = br
	if mt, _, _ := mime.ParseMediaType(h.Get("Content-Type")); len(steps) == 1 && steps[0] == 1 && !strings.HasPrefix(strings.ToLower(mt), "multipart/") {
		steps = nil // the message is the part
	}
	for _, k := range steps {
		mt, params, _ := mime.ParseMediaType(h.Get("Content-Type"))
		if !strings.HasPrefix(strings.ToLower(mt), "multipart/") || params["boundary"] == "" {
			return 0, ErrNoSuchPart
		}
		mr := textproto.NewMultipartReader(body, params["boundary"])
		for i := 1; i <= k; i++ {
			p, err := mr.NextPart()
			if err != nil {
				return 0, ErrNoSuchPart
			}
			if i == k {
				h, body = p.Header, p
			}
		}
	}
	return io.Copy(w, transferDecoded(h.Get("Content-Transfer-Encoding"), body))
}

// partSteps reads "2.1" as [2 1].
func partSteps(path string) ([]int, error) {
	var out []int
	for _, s := range strings.Split(path, ".") {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			return nil, ErrNoSuchPart
		}
		out = append(out, n)
	}
	return out, nil
}

// transferDecoded undoes base64 and quoted-printable; any other encoding (7bit, 8bit, binary, or
// one nobody knows) is given as it is.
func transferDecoded(enc string, r io.Reader) io.Reader {
	switch strings.ToLower(strings.TrimSpace(enc)) {
	case "base64":
		return base64.NewDecoder(base64.StdEncoding, &noSpace{r: r})
	case "quoted-printable":
		return quotedprintable.NewReader(r)
	}
	return r
}

// noSpace drops the line breaks and spaces base64 text is wrapped with.
type noSpace struct{ r io.Reader }

func (n *noSpace) Read(p []byte) (int, error) {
	for {
		c, err := n.r.Read(p)
		j := 0
		for _, b := range p[:c] {
			if b != '\r' && b != '\n' && b != ' ' && b != '\t' {
				p[j] = b
				j++
			}
		}
		if j > 0 || err != nil {
			return j, err
		}
	}
}
