package mime

import (
	"strings"

	"golang.org/x/net/html"
)

var cp1252High = [32]rune{
	'€', '\u0081', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u008d', 'Ž', '\u008f',
	'\u0090', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u009d', 'ž', 'Ÿ',
}

// cp1252 maps one Windows-1252 byte to its rune.
func cp1252(b byte) rune {
	if b >= 0x80 && b < 0xa0 {
		return cp1252High[b-0x80]
	}
	return rune(b)
}

// HTMLToText turns an HTML body into readable text. It fetches nothing and runs nothing: images,
// styles, scripts and forms' workings are dropped. A link keeps its text followed by its real
// target, "Manage your booking <https://real.example/…>", unless the text is that address already:
// what a link says and where it goes may differ, and a person reading the mail must see where.
func HTMLToText(src string) string {
	z := html.NewTokenizer(strings.NewReader(src))
	var b strings.Builder
	skip := 0
	// The open <a>: its target and where its text starts in b.
	href, hrefAt := "", -1
	newline := func() {
		if b.Len() > 0 && !strings.HasSuffix(b.String(), "\n") {
			b.WriteByte('\n')
		}
	}
	for {
		switch z.Next() {
		case html.ErrorToken:
			return strings.TrimSpace(collapseBlankLines(b.String()))
		case html.TextToken:
			if skip == 0 {
				t := strings.Join(strings.Fields(string(z.Text())), " ")
				if t != "" {
					if b.Len() > 0 && !strings.HasSuffix(b.String(), "\n") && !strings.HasSuffix(b.String(), " ") {
						b.WriteByte(' ')
					}
					b.WriteString(t)
				}
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			switch string(name) {
			case "a":
				href, hrefAt = "", b.Len()
				for hasAttr {
					var k, v []byte
					k, v, hasAttr = z.TagAttr()
					if string(k) == "href" {
						href = linkTarget(string(v))
					}
				}
			case "script", "style", "head", "title", "noscript", "template", "iframe", "object", "svg", "select":
				skip++
			case "br", "p", "div", "tr", "li", "h1", "h2", "h3", "h4", "table", "blockquote":
				newline()
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			switch string(name) {
			case "a":
				if href != "" && hrefAt >= 0 && skip == 0 {
					text := strings.TrimSpace(b.String()[hrefAt:])
					if !sameTarget(text, href) {
						if text != "" {
							b.WriteByte(' ')
						}
						b.WriteString("<" + href + ">")
					}
				}
				href, hrefAt = "", -1
			case "script", "style", "head", "title", "noscript", "template", "iframe", "object", "svg", "select":
				if skip > 0 {
					skip--
				}
			case "p", "div", "tr", "h1", "h2", "h3", "h4", "table":
				newline()
			}
		}
	}
}

func collapseBlankLines(s string) string {
	lines := strings.Split(s, "\n")
	out := lines[:0]
	blank := 0
	for _, l := range lines {
		l = strings.TrimSpace(l)
		if l == "" {
			blank++
			if blank > 1 {
				continue
			}
		} else {
			blank = 0
		}
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}

// linkTarget is the address a link's href goes to, as a person should read it: web and mail
// addresses only (a "javascript:" or "data:" link goes nowhere a reader can follow), spaces and
// control characters taken out so it cannot hide on a second line.
func linkTarget(href string) string {
	href = strings.Map(func(r rune) rune {
		if r <= ' ' || r == 0x7f || r == '\u202e' || r == '\u202d' {
			return -1
		}
		return r
	}, href)
	lower := strings.ToLower(href)
	switch {
	case strings.HasPrefix(lower, "http://"), strings.HasPrefix(lower, "https://"):
		return href
	case strings.HasPrefix(lower, "mailto:"):
		return href[len("mailto:"):]
	}
	return ""
}

// sameTarget reports whether a link's text already says its target (with or without the scheme,
// a trailing slash or "www.").
func sameTarget(text, target string) bool {
	norm := func(s string) string {
		s = strings.ToLower(strings.TrimSpace(s))
		for _, p := range []string{"https://", "http://", "mailto:", "www."} {
			s = strings.TrimPrefix(s, p)
		}
		return strings.TrimSuffix(s, "/")
	}
	return norm(text) == norm(target)
}
