package templates

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"loge/data/desk"
)

// FuzzRender renders any subject and body over records whose every field is marked (privacy_test),
// one guest-facing value and one fill-in answer from the fuzzer too. Whatever the template:
//   - no panic, and the text returned never holds "{{" (a half-filled mail cannot go out);
//   - valid UTF-8 in, valid UTF-8 out;
//   - no internal field's marker in the text unless the template wrote it itself;
//   - the error is nil or a *MissingError, and answering every field Fields lists leaves none unanswered;
//   - rendering the text returned again changes nothing and reports nothing.
//
// Seeds: testdata/fuzz/FuzzRender and the ones below.
func FuzzRender(f *testing.F) {
	for _, s := range [][4]string{
		{"Re: {{guest.name}}", "Dear {{ guest.title }} {{guest.last_name}},\n{{request.date}} {{request.time}}\n{{?Pick-up time}}", "Zoé", "fr"},
		{"{{{guest.name}}}", "{{request.notes}} {{ Guest.Notes }} {{guest.shoe_size}} {{", "{{guest.name}}", "en"},
		{"{{?}}", "{{?  Heure de   prise }} {{? Heure de prise}}\r\n{{stay.nights", "{", ""},
		{"}}{{}}{{ }}", "{{request.price}} {{stay.party_size}} {{vendor.address}}\n{{hotel.name}} {{desk.name}}", "}", "en-GB"},
		{"\xff{{guest.name\xfe}}", "{{\x00}}", "\xc3", "fr"},
	} {
		f.Add(s[0], s[1], s[2], s[3])
	}
	f.Fuzz(func(t *testing.T, subject, body, value, lang string) {
		g, s, r, v := &desk.Guest{}, &desk.Stay{}, &desk.Request{}, &desk.Vendor{}
		markers := map[string]string{}
		for _, rec := range []any{g, s, r, v} {
			for k, m := range marked(t, rec) {
				markers[k] = m
			}
		}
		g.FirstName, v.Name = value, value
		ctx := Context{Guest: g, Stay: s, Request: r, Vendor: v, Desk: "Desk " + value, Hotel: "Hotel", Lang: lang}
		fields := Fields(subject, body)
		ctx.Fields = map[string]string{}
		for _, label := range fields {
			ctx.Fields[label] = "answer " + value
		}

		subj, text, err := Render(subject, body, ctx)
		var me *MissingError
		if err != nil && !errors.As(err, &me) {
			t.Fatalf("error %T: %v", err, err)
		}
		if strings.Contains(subj, "{{") || strings.Contains(text, "{{") {
			t.Fatalf("'{{' left in %q / %q", subj, text)
		}
		if utf8.ValidString(subject) && utf8.ValidString(body) && utf8.ValidString(value) && (!utf8.ValidString(subj) || !utf8.ValidString(text)) {
			t.Fatalf("invalid UTF-8 out of valid UTF-8 in: %q / %q", subj, text)
		}
		if !strings.Contains(subject+body+value, "⟦") {
			for field, m := range markers {
				if !guestFacingFields[field] && strings.Contains(subj+text, m) {
					t.Fatalf("the internal field %s reached the mail: %q / %q", field, subj, text)
				}
			}
		}
		if me != nil && len(me.Fields) > 0 && strings.TrimSpace("answer "+value) != "" {
			t.Fatalf("fields %v unanswered though Fields listed %v", me.Fields, fields)
		}
		subj2, text2, err := Render(subj, text, ctx)
		if err != nil || subj2 != subj || text2 != text {
			t.Fatalf("rendering the output again: %v\n%q → %q\n%q → %q", err, subj, subj2, text, text2)
		}
	})
}
