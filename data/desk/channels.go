package desk

import (
	"slices"
	"strings"
	"unicode"
)

// Channel is one way to reach a vendor or a contact person: a phone number, an e-mail address or
// a postal address, with its kind (work, mobile, fax, reservations…). A vendor and a contact keep
// as many as their cards bring, in the order the desk prefers them: the first of each medium is
// "the" phone, e-mail or address that documents and templates use (Vendor.Phone, …).
type Channel struct {
	ID     string // set by the store; "" for a new one
	Medium string // MediumPhone, MediumEmail, MediumAddress
	Kind   string // one of ChannelKinds, or a kind another program's card named ("pager")
	Value  string
}

// Channel media.
const (
	MediumPhone   = "phone"
	MediumEmail   = "email"
	MediumAddress = "address"
)

// Media lists the channel media, in the order a form shows them.
var Media = []string{MediumPhone, MediumEmail, MediumAddress}

// Channel kinds the desk offers.
const (
	ChannelWork         = "work"
	ChannelMobile       = "mobile"
	ChannelFax          = "fax"
	ChannelReservations = "reservations"
	ChannelHome         = "home"
	ChannelOther        = "other"
)

// ChannelKinds are the kinds offered for each medium, the usual one first.
var ChannelKinds = map[string][]string{
	MediumPhone:   {ChannelWork, ChannelMobile, ChannelReservations, ChannelFax, ChannelHome, ChannelOther},
	MediumEmail:   {ChannelWork, ChannelReservations, ChannelHome, ChannelOther},
	MediumAddress: {ChannelWork, ChannelHome, ChannelOther},
}

// ChannelKey is what makes two values of one medium the same channel: a phone's last nine digits
// ("+33 1 42…" is "01 42…"; all of them when fewer), an e-mail in lower case, an address's words in
// lower case. "" for a blank value.
func ChannelKey(medium, value string) string {
	value = strings.TrimSpace(value)
	switch medium {
	case MediumPhone:
		d := strings.Map(func(r rune) rune {
			if r >= '0' && r <= '9' {
				return r
			}
			return -1
		}, value)
		if d == "" {
			return strings.ToLower(strings.Join(strings.Fields(value), " "))
		}
		if len(d) > 9 {
			d = d[len(d)-9:]
		}
		return d
	case MediumEmail:
		return strings.ToLower(strings.TrimPrefix(value, "mailto:"))
	}
	return strings.ToLower(strings.Join(strings.Fields(value), " "))
}

// First is the value of the first channel of a medium, or "".
func First(cs []Channel, medium string) string {
	for _, c := range cs {
		if c.Medium == medium && strings.TrimSpace(c.Value) != "" {
			return strings.TrimSpace(c.Value)
		}
	}
	return ""
}

// Firsts are the first phone, e-mail and address of cs: "the" ones documents use.
func Firsts(cs []Channel) (phone, email, address string) {
	return First(cs, MediumPhone), First(cs, MediumEmail), First(cs, MediumAddress)
}

// Of lists the channels of one medium, in order.
func Of(cs []Channel, medium string) []Channel {
	var out []Channel
	for _, c := range cs {
		if c.Medium == medium {
			out = append(out, c)
		}
	}
	return out
}

// MergeChannels is have followed by every channel of add that have does not hold yet (same
// medium and ChannelKey); added says whether any was. Blank values are dropped, and so are
// repeats inside add of one kind (one number as both "work" and "fax" stays twice): a card read
// twice brings nothing the second time.
func MergeChannels(have, add []Channel) (out []Channel, added bool) {
	held := map[[2]string]bool{}
	for _, c := range have {
		held[[2]string{c.Medium, ChannelKey(c.Medium, c.Value)}] = true
		out = append(out, c)
	}
	taken := map[[3]string]bool{}
	for _, c := range add {
		k := ChannelKey(c.Medium, c.Value)
		if k == "" || held[[2]string{c.Medium, k}] || taken[[3]string{c.Medium, c.Kind, k}] {
			continue
		}
		taken[[3]string{c.Medium, c.Kind, k}] = true
		out = append(out, c)
		added = true
	}
	return out, added
}

// WithSingles is cs with the single values phone, email and address put first of their medium
// when cs does not hold them: code that only knows "the" phone (a form, an older caller) adds to
// the list instead of replacing it, so no number is lost.
func WithSingles(cs []Channel, phone, email, address string) []Channel {
	out := slices.Clone(cs)
	for _, s := range [...][2]string{{MediumPhone, phone}, {MediumEmail, email}, {MediumAddress, address}} {
		k := ChannelKey(s[0], s[1])
		if k == "" {
			continue
		}
		first, at := -1, -1
		for i, c := range out {
			if c.Medium != s[0] {
				continue
			}
			if first < 0 {
				first = i
			}
			if at < 0 && ChannelKey(c.Medium, c.Value) == k {
				at = i
			}
		}
		if at >= 0 && at == first {
			continue
		}
		c := Channel{Medium: s[0], Kind: ChannelWork, Value: strings.TrimSpace(s[1])}
		if at >= 0 { // held further down: it moves up, with its id and kind
			c = out[at]
			out = slices.Delete(out, at, at+1)
		}
		if first < 0 {
			first = len(out)
		}
		out = slices.Insert(out, first, c)
	}
	return out
}

// CleanChannels trims values and kinds and drops blank rows (an empty row of a form is no data).
func CleanChannels(cs []Channel) []Channel {
	var out []Channel
	for _, c := range cs {
		c.Value = strings.TrimSpace(c.Value)
		c.Kind = strings.ToLower(strings.TrimSpace(c.Kind))
		if c.Value == "" {
			continue
		}
		if c.Kind == "" {
			c.Kind = ChannelOther
		}
		out = append(out, c)
	}
	return out
}

// Validation codes of channels.
const (
	CodeBadEmail = "bad_email"
	CodeBadPhone = "bad_phone"
)

// ValidateChannels checks the channels of a vendor or contact (entity): a known medium, a kind
// that is a word, an e-mail with one @ between a name and a domain, a phone with a digit.
func ValidateChannels(entity string, cs []Channel) error {
	for _, c := range cs {
		if _, ok := ChannelKinds[c.Medium]; !ok {
			return &ValidationError{Entity: entity, Field: "Medium", Code: CodeUnknown, Value: c.Medium}
		}
		if len(c.Kind) > 40 || strings.ContainsFunc(c.Kind, func(r rune) bool {
			return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' && r != '_'
		}) {
			return &ValidationError{Entity: entity, Field: "Kind", Code: CodeUnknown, Value: c.Kind}
		}
		v := strings.TrimSpace(c.Value)
		if v == "" {
			continue // a blank row is dropped, not refused
		}
		switch c.Medium {
		case MediumEmail:
			local, domain, ok := strings.Cut(v, "@")
			if !ok || local == "" || domain == "" || strings.Contains(domain, "@") || strings.ContainsFunc(v, unicode.IsSpace) {
				return &ValidationError{Entity: entity, Field: "Email", Code: CodeBadEmail, Value: v}
			}
		case MediumPhone:
			if !strings.ContainsFunc(v, unicode.IsDigit) {
				return &ValidationError{Entity: entity, Field: "Phone", Code: CodeBadPhone, Value: v}
			}
		}
	}
	return nil
}
