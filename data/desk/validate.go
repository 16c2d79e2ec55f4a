package desk

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// ValidationError says which field of which entity is wrong and why, as a code the GUI and CLI
// translate ("required", "before_arrival", "min_one", "unknown_value"…).
type ValidationError struct {
	Entity string // "guest", "stay", "request", "vendor", "contact", "template", "note", "account"
	Field  string // the Go field name, e.g. "LastName"
	Code   string
	Value  string // the offending value, when it helps the message
}

func (e *ValidationError) Error() string {
	if e.Value != "" {
		return fmt.Sprintf("%s.%s: %s (%q)", e.Entity, e.Field, e.Code, e.Value)
	}
	return fmt.Sprintf("%s.%s: %s", e.Entity, e.Field, e.Code)
}

// Validation codes.
const (
	CodeRequired      = "required"
	CodeBeforeArrival = "before_arrival"
	CodeMinOne        = "min_one"
	CodeUnknown       = "unknown_value"
	CodeRange         = "out_of_range"
	CodeNegative      = "negative"
	CodeNoSuchRef     = "no_such_ref"
)

func Required(entity, field, v string) error {
	if strings.TrimSpace(v) == "" {
		return &ValidationError{Entity: entity, Field: field, Code: CodeRequired}
	}
	return nil
}

func OneOf(entity, field, v string, allowed []string) error {
	if !slices.Contains(allowed, v) {
		return &ValidationError{Entity: entity, Field: field, Code: CodeUnknown, Value: v}
	}
	return nil
}

func FirstErr(errs ...error) error {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}

// Validate checks a guest before it is stored.
func (g *Guest) Validate() error {
	if err := Required("guest", "LastName", g.LastName); err != nil {
		return err
	}
	if g.VIP < 0 || g.VIP > 3 {
		return &ValidationError{Entity: "guest", Field: "VIP", Code: CodeRange}
	}
	return nil
}

// Validate checks an account. Security is one of tls, starttls, insecure-plain.
func (a *Account) Validate() error {
	sec := []string{"tls", "starttls", "insecure-plain"}
	if err := Required("account", "Name", a.Name); err != nil {
		return err
	}
	if a.IMAPPort < 0 || a.IMAPPort > 65535 {
		return &ValidationError{Entity: "account", Field: "IMAPPort", Code: CodeRange}
	}
	if a.SMTPPort < 0 || a.SMTPPort > 65535 {
		return &ValidationError{Entity: "account", Field: "SMTPPort", Code: CodeRange}
	}
	return FirstErr(OneOf("account", "IMAPSecurity", a.IMAPSecurity, sec), OneOf("account", "SMTPSecurity", a.SMTPSecurity, sec))
}

// NoteTargets are the things a note can be left on.
var NoteTargets = []string{"thread", "guest", "stay", "request", "vendor"}

// Validate checks a template.
func (t *Template) Validate() error {
	return FirstErr(Required("template", "Name", t.Name), OneOf("template", "Lang", t.Lang, []string{"fr", "en"}))
}

// Validate checks a note.
func (n *Note) Validate() error {
	return FirstErr(OneOf("note", "TargetKind", n.TargetKind, NoteTargets), Required("note", "TargetID", n.TargetID), Required("note", "Body", n.Body))
}

// LinkKinds are the planner things a thread can be linked to.
var LinkKinds = []string{"guest", "stay", "request"}

// AttachmentTargets are the planner things an attachment of a mail can be kept with.
var AttachmentTargets = []string{"guest", "request"}

// Validate checks a request before it is stored.
func (r *Request) Validate() error {
	switch {
	case strings.TrimSpace(r.GuestID) == "":
		return &ValidationError{Entity: "request", Field: "GuestID", Code: CodeRequired}
	case r.StartsAt.IsZero():
		return &ValidationError{Entity: "request", Field: "StartsAt", Code: CodeRequired}
	case r.PartySize < 1:
		return &ValidationError{Entity: "request", Field: "PartySize", Code: CodeMinOne}
	case r.PriceCents < 0:
		return &ValidationError{Entity: "request", Field: "PriceCents", Code: CodeNegative}
	case r.CommissionCents < 0:
		return &ValidationError{Entity: "request", Field: "CommissionCents", Code: CodeNegative}
	}
	if r.TimeZone != "" {
		if _, err := time.LoadLocation(r.TimeZone); err != nil {
			return &ValidationError{Entity: "request", Field: "TimeZone", Code: CodeUnknown, Value: r.TimeZone}
		}
	}
	return FirstErr(
		OneOf("request", "Kind", r.Kind, RequestKinds),
		OneOf("request", "Status", r.Status, RequestStatuses),
		OneOf("request", "CommissionStatus", r.CommissionStatus, CommissionStatuses),
	)
}

// Location is the request's own time zone, or fallback when it has none.
func (r *Request) Location(fallback *time.Location) *time.Location {
	if r.TimeZone != "" {
		if loc, err := time.LoadLocation(r.TimeZone); err == nil {
			return loc
		}
	}
	return fallback
}

// Validate checks a stay before it is stored.
func (st *Stay) Validate() error {
	switch {
	case strings.TrimSpace(st.GuestID) == "":
		return &ValidationError{Entity: "stay", Field: "GuestID", Code: CodeRequired}
	case st.Arrival.IsZero():
		return &ValidationError{Entity: "stay", Field: "Arrival", Code: CodeRequired}
	case st.Departure.IsZero():
		return &ValidationError{Entity: "stay", Field: "Departure", Code: CodeRequired}
	case !st.Departure.After(st.Arrival):
		return &ValidationError{Entity: "stay", Field: "Departure", Code: CodeBeforeArrival}
	case st.PartySize < 1:
		return &ValidationError{Entity: "stay", Field: "PartySize", Code: CodeMinOne}
	}
	return OneOf("stay", "Status", st.Status, StayStatuses)
}

// Validate checks a vendor before it is stored. "Do not use" and "closed" need a reason, so the next
// shift knows why.
func (v *Vendor) Validate() error {
	if err := Required("vendor", "Name", v.Name); err != nil {
		return err
	}
	if err := FirstErr(OneOf("vendor", "Category", v.Category, VendorCategories), OneOf("vendor", "Status", v.Status, VendorStatuses)); err != nil {
		return err
	}
	if (v.Status == VendorDoNotUse || v.Status == VendorClosed) && strings.TrimSpace(v.StatusReason) == "" {
		return &ValidationError{Entity: "vendor", Field: "StatusReason", Code: CodeRequired}
	}
	return ValidateChannels("vendor", WithSingles(v.Channels, v.Phone, v.Email, v.Address))
}

// Validate checks a vendor contact.
func (c *VendorContact) Validate() error {
	return FirstErr(Required("contact", "VendorID", c.VendorID), Required("contact", "Name", c.Name),
		ValidateChannels("contact", WithSingles(c.Channels, c.Phone, c.Email, "")))
}

// CheckZone refuses a hotel time zone that is not an IANA name Go knows ("" is the computer's).
func CheckZone(name string) error {
	name = strings.TrimSpace(name)
	if name == "" {
		return nil
	}
	if _, err := time.LoadLocation(name); err != nil || name == "Local" {
		return &ValidationError{Entity: "settings", Field: "TimeZone", Code: CodeUnknown, Value: name}
	}
	return nil
}
