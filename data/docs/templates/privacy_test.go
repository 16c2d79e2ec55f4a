package templates

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"loge/data/desk"
	"loge/data/store"
)

// guestFacingFields are the only record fields whose text may appear in a rendered mail. A field
// added to a record later is internal until someone adds it to the engine's facts and here.
var guestFacingFields = map[string]bool{
	"Guest.Title": true, "Guest.FirstName": true, "Guest.LastName": true, "Guest.Emails": true, "Guest.Phones": true,
	"Stay.Room":     true,
	"Request.Title": true, "Request.Kind": true, "Request.Confirmation": true, "Request.Currency": true,
	"Request.TimeZone": true, // read for the clock, never printed
	"Vendor.Name":      true, "Vendor.Address": true, "Vendor.City": true, "Vendor.Phone": true, "Vendor.Email": true,
}

// marked fills every string field of *rec with a marker naming it, "⟦Request.Notes⟧", and every
// number and time with a value, so a leak shows which field it came from.
func marked(t *testing.T, rec any) map[string]string {
	t.Helper()
	v := reflect.ValueOf(rec).Elem()
	typ := v.Type()
	markers := map[string]string{}
	for i := 0; i < v.NumField(); i++ {
		f := v.Field(i)
		name := typ.Name() + "." + typ.Field(i).Name
		switch f.Kind() {
		case reflect.String:
			m := "⟦" + name + "⟧"
			f.SetString(m)
			markers[name] = m
		case reflect.Int, reflect.Int64:
			f.SetInt(3)
		case reflect.Bool:
			f.SetBool(false) // Private is checked on its own below
		case reflect.Struct:
			if f.Type() == reflect.TypeOf(time.Time{}) {
				f.Set(reflect.ValueOf(time.Date(2026, 12, 2, 19, 0, 0, 0, time.UTC)))
			}
		case reflect.Slice:
			if f.Type() != reflect.TypeOf([]desk.Channel{}) {
				t.Fatalf("%s: kind %s not covered by the privacy test", name, f.Kind())
			}
			// A vendor's phones, e-mails and addresses: each value marked, as the single fields are.
			var chans []desk.Channel
			for _, medium := range []string{desk.MediumPhone, desk.MediumEmail, desk.MediumAddress} {
				m := "⟦" + name + "." + medium + "⟧"
				chans = append(chans, desk.Channel{Medium: medium, Kind: "work", Value: m})
				markers[name+"."+medium] = m
			}
			f.Set(reflect.ValueOf(chans))
		default:
			t.Fatalf("%s: kind %s not covered by the privacy test", name, f.Kind())
		}
	}
	return markers
}

// TestNoInternalFieldReachesAMail renders every variable the engine knows, and every internal name,
// over records whose every field is marked: only guest-facing fields may show.
func TestNoInternalFieldReachesAMail(t *testing.T) {
	g, s, r, v := &desk.Guest{}, &desk.Stay{}, &desk.Request{}, &desk.Vendor{}
	markers := map[string]string{}
	for _, rec := range []any{g, s, r, v} {
		for k, m := range marked(t, rec) {
			markers[k] = m
		}
	}
	ctx := Context{Guest: g, Stay: s, Request: r, Vendor: v, Desk: "Desk", Hotel: "Hotel"}
	var tpl []string
	for _, name := range Variables {
		tpl = append(tpl, "{{"+name+"}}")
	}
	for name := range internalNames {
		tpl = append(tpl, "{{"+name+"}}")
	}
	// Names a template author might guess for the internal fields.
	for _, guess := range []string{"guest.languages", "guest.nationality", "stay.status", "request.private", "vendor.hours", "guest.id"} {
		tpl = append(tpl, "{{"+guess+"}}")
	}
	for _, lang := range []string{"fr", "en"} {
		ctx.Lang = lang
		subj, body, _ := Render(strings.Join(tpl, " "), strings.Join(tpl, "\n"), ctx)
		for field, m := range markers {
			if guestFacingFields[field] {
				continue
			}
			if strings.Contains(subj+body, m) {
				t.Errorf("%s: the internal field %s reached the mail:\n%s", lang, field, body)
			}
		}
	}
	// And the guest-facing fields do show, so the test would see a leak in its own output.
	_, body, _ := Render("", "{{request.confirmation}} {{vendor.name}}", ctx)
	if !strings.Contains(body, markers["Request.Confirmation"]) || !strings.Contains(body, markers["Vendor.Name"]) {
		t.Fatalf("guest-facing fields missing: %q", body)
	}
}

func TestInternalNamesAreRefusedNotFilled(t *testing.T) {
	c := sample(t, "en")
	c.Request.Notes = "Peanut allergy (Noah). Try Brasserie de l'Aurore first."
	c.Guest.Notes, c.Guest.Preferences = "Difficult on the phone", "Corner table"
	for name := range internalNames {
		if Known(name) || !Internal(name) || !Internal(" "+strings.ToUpper(name)+" ") {
			t.Errorf("%s: Known=%v Internal=%v", name, Known(name), Internal(name))
		}
	}
	subj, body, err := Render("Re: {{guest.name}}", "Dear {{guest.name}},\n{{request.notes}}\n{{ Guest.Notes }} {{guest.preferences}}\n{{request.notes}}", c)
	me := missing(t, err)
	if want := []string{"request.notes", "Guest.Notes", "guest.preferences"}; !slices.Equal(me.Internal, want) || len(me.Variables) != 0 {
		t.Fatalf("internal %v variables %v, want %v", me.Internal, me.Variables, want)
	}
	for _, secret := range []string{c.Request.Notes, c.Guest.Notes, c.Guest.Preferences} {
		if strings.Contains(subj+body, secret) {
			t.Fatalf("internal note in the mail:\n%s", body)
		}
	}
	if !strings.Contains(body, "[request.notes]") || !strings.Contains(me.Error(), "internal") {
		t.Fatalf("the refusal is not visible: %q / %v", body, me)
	}
}

// TestDemoTemplatesNeverCarryNotes renders every template the demo desk ships over its most complete
// request, every internal field marked: none reaches a mail (the Carter confirmation did).
func TestDemoTemplatesNeverCarryNotes(t *testing.T) {
	st := demoDesk(t)
	ts, _ := st.Templates(context.Background())
	c := demoContext(t, st)
	g, s, r, v := *c.Guest, *c.Stay, *c.Request, *c.Vendor
	g.Notes, g.Preferences, g.Allergies = "⟦guest-notes⟧", "⟦guest-prefs⟧", "⟦guest-allergies⟧"
	s.Notes, r.Notes, r.HandledBy = "⟦stay-notes⟧", "⟦request-notes⟧", "⟦handled-by⟧"
	v.Notes, v.CommissionTerms, v.StatusReason = "⟦vendor-notes⟧", "⟦commission⟧", "⟦status-reason⟧"
	c.Guest, c.Stay, c.Request, c.Vendor = &g, &s, &r, &v
	for _, tpl := range ts {
		c.Lang = tpl.Lang
		subj, body, err := Render(tpl.Subject, tpl.Body, c)
		if err != nil {
			t.Errorf("%s/%s: %v", tpl.Name, tpl.Lang, err)
		}
		if strings.Contains(subj+body, "⟦") {
			t.Errorf("%s/%s carries an internal field:\n%s", tpl.Name, tpl.Lang, body)
		}
	}
}

// TestMigrationRemovesSeededNotesLine: a desk seeded before schema 11 had {{request.notes}} in its
// templates; the migration takes the seeded line out and leaves the rest of the text alone.
func TestMigrationRemovesSeededNotesLine(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	st, err := store.OpenMigrations(ctx, path, 10)
	if err != nil {
		t.Fatal(err)
	}
	seeded := "Dear {{guest.name}},\n\n  {{request.title}}\n\n{{request.notes}}\n\nKind regards,\n"
	inline := "Note: {{request.notes}} (kept, refused when used)\n"
	for i, body := range []string{seeded, inline} {
		tpl := desk.Template{Name: fmt.Sprint("T", i), Lang: "en", Subject: "S", Body: body}
		if err := st.CreateTemplate(ctx, &tpl); err != nil {
			t.Fatal(err)
		}
	}
	st.Close()
	st, err = store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ts, _ := st.Templates(ctx)
	got := map[string]string{}
	for _, tpl := range ts {
		got[tpl.Name] = tpl.Body
	}
	if want := "Dear {{guest.name}},\n\n  {{request.title}}\n\nKind regards,\n"; got["T0"] != want {
		t.Errorf("seeded template after migration:\n%q\nwant\n%q", got["T0"], want)
	}
	if got["T1"] != inline {
		t.Errorf("a template written by the user changed: %q", got["T1"])
	}
}
