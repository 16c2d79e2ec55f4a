package gui

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"loge/app/i18n"
	"loge/data/desk"
	"loge/data/store"

	"fyne.io/fyne/v2/test"

	"loge/data/demo"
)

// openTemplatesPanel builds the template manager over u's desk in a window of its own, and reads
// it as Settings does when shown.
func openTemplatesPanel(t *testing.T, u *UI) *templatesPanel {
	t.Helper()
	p := newTemplatesPanel(u)
	w := test.NewWindow(p.content())
	t.Cleanup(w.Close)
	p.refresh()
	return p
}

func TestTemplatesCreateEditAndPreview(t *testing.T) {
	u, st := newEmptyUI(t, "en")
	ctx := context.Background()
	for k, v := range map[string]string{"desk.name": "Conciergerie", "hotel.name": "Hôtel Lumière"} {
		if err := st.SetSetting(ctx, k, v); err != nil {
			t.Fatal(err)
		}
	}
	g := mustGuest(t, st, desk.Guest{Title: "Mme", FirstName: "Hélène", LastName: "Fontaine"})
	req := desk.Request{GuestID: g.ID, Kind: desk.KindRestaurant, Title: "Dîner au Cinq", PartySize: 2, Status: desk.RequestRequested,
		StartsAt: time.Date(2026, 11, 25, 20, 30, 0, 0, demo.Paris()), TimeZone: demo.TimeZone}
	if err := st.CreateRequest(ctx, &req); err != nil {
		t.Fatal(err)
	}

	p := openTemplatesPanel(t, u)
	if len(p.templates) != 0 || !p.editBtn.Disabled() || p.heading.Text != i18n.T("templates.pick") {
		t.Fatalf("empty desk: %d templates, edit enabled %v, heading %q", len(p.templates), !p.editBtn.Disabled(), p.heading.Text)
	}

	// Create through the form: a name is required, then a French template with a variable tapped in.
	test.Tap(p.newBtn)
	f := p.form
	if f == nil || !f.open {
		t.Fatal("New template did not open a form")
	}
	test.Tap(f.saveBtn)
	if l := f.errorOf("Name"); !f.open || !l.Visible() || l.Text != i18n.T("val.short.required") {
		t.Fatalf("template without a name: open=%v %q", f.open, l.Text)
	}
	typeInto(t, f, "Name", "Confirmation dîner")
	f.selectOf("Lang").SetSelectedIndex(0) // French
	typeInto(t, f, "Subject", "Votre table — {{request.title}}")
	typeInto(t, f, "Body", "Bonjour {{ guest.name }},\nle {{request.date}} à {{request.time}}.\nConfirmation : ")
	test.Tap(p.editor.rows["request.confirmation"]) // inserted where the cursor is
	test.Tap(f.saveBtn)
	if f.open {
		t.Fatalf("template form still open: %q", f.general.Text)
	}
	ts, err := st.Templates(ctx)
	if err != nil || len(ts) != 1 {
		t.Fatalf("templates stored: %v %v", ts, err)
	}
	tpl := ts[0]
	if tpl.Name != "Confirmation dîner" || tpl.Lang != "fr" || tpl.Subject != "Votre table — {{request.title}}" ||
		tpl.Body != "Bonjour {{ guest.name }},\nle {{request.date}} à {{request.time}}.\nConfirmation : {{request.confirmation}}" {
		t.Fatalf("template stored as %+v", tpl)
	}

	// The preview fills it from the desk in French and flags what the sample lacks.
	if p.selectedID != tpl.ID || p.editBtn.Disabled() {
		t.Fatal("new template not selected")
	}
	if got := p.previewSubject.Text; got != "Votre table — Dîner au Cinq" {
		t.Fatalf("preview subject %q", got)
	}
	wantBody := "Bonjour Mme Hélène Fontaine,\nle mercredi 25 novembre 2026 à 20h30.\nConfirmation : [request.confirmation]"
	if got := p.previewBody.Text; got != wantBody {
		t.Fatalf("preview body %q, want %q", got, wantBody)
	}
	if !p.missingLbl.Visible() || !slices.Equal(p.missing, []string{"request.confirmation"}) || p.sample.ctx.Guest == nil || p.sample.ctx.Guest.ID != g.ID {
		t.Fatalf("missing confirmation not flagged: visible=%v %v %q", p.missingLbl.Visible(), p.missing, p.missingLbl.Text)
	}

	// Edit: an unknown name is warned about while typing; a fill-in field is listed, not flagged.
	test.Tap(p.editBtn)
	f = p.form
	if f.entry("Name").Text != "Confirmation dîner" {
		t.Fatalf("edit form shows %q", f.entry("Name").Text)
	}
	typeInto(t, f, "Body", "Bonjour {{guest.shoe_size}}")
	if !p.editor.unknown.Visible() || !slices.Equal(p.editor.unknownNames, []string{"guest.shoe_size"}) {
		t.Fatalf("unknown variable not warned: %q", p.editor.unknown.Text)
	}
	typeInto(t, f, "Body", "Bonjour {{guest.first_name}}, votre voiture sera là à {{?Heure de prise en charge}}.")
	if p.editor.unknown.Visible() {
		t.Fatalf("warning stays: %q", p.editor.unknown.Text)
	}
	test.Tap(f.saveBtn)
	if f.open {
		t.Fatalf("edit form still open: %q", f.general.Text)
	}
	if got, _ := st.Templates(ctx); len(got) != 1 || got[0].ID != tpl.ID || !strings.Contains(got[0].Body, "{{?Heure de prise en charge}}") {
		t.Fatalf("edit not stored: %+v", got)
	}
	if got := p.previewBody.Text; got != "Bonjour Hélène, votre voiture sera là à [Heure de prise en charge]." {
		t.Fatalf("preview after edit %q", got)
	}
	if p.missingLbl.Visible() || !p.fieldsLbl.Visible() || !slices.Equal(p.fields, []string{"Heure de prise en charge"}) {
		t.Fatalf("after edit: missing %v %q, fields %v %q", p.missingLbl.Visible(), p.missingLbl.Text, p.fieldsLbl.Visible(), p.fieldsLbl.Text)
	}

	// Once the request has its confirmation number, the first version would be complete.
	req.Confirmation = "LC-4410"
	if err := st.UpdateRequest(ctx, &req, "test"); err != nil {
		t.Fatal(err)
	}
	p.refresh()
	subject, body, missing, _ := renderPreview(tpl.Subject, tpl.Body, tpl.Lang, p.sample.ctx)
	if len(missing) != 0 || strings.Contains(subject+body, "{{") || !strings.HasSuffix(body, "Confirmation : LC-4410") {
		t.Fatalf("with a confirmation: %q %q %q", subject, body, missing)
	}
}

func TestTemplatesVariableGoesWhereTheCursorIs(t *testing.T) {
	u, _ := newEmptyUI(t, "en")
	p := openTemplatesPanel(t, u)
	test.Tap(p.newBtn)
	f := p.form
	typeInto(t, f, "Body", "Dear ,\nSee you soon.")
	body := f.entry("Body")
	body.CursorRow, body.CursorColumn = 0, 5 // after "Dear "
	test.Tap(p.editor.rows["guest.name"])
	if body.Text != "Dear {{guest.name}},\nSee you soon." {
		t.Fatalf("body %q", body.Text)
	}
	typeInto(t, f, "Subject", "Pick-up ")
	test.Tap(p.editor.rows["?"])
	if want := "Pick-up {{?" + i18n.T("templates.field_example") + "}}"; f.entry("Subject").Text != want {
		t.Fatalf("subject %q, want %q", f.entry("Subject").Text, want)
	}
	if p.editor.unknown.Visible() {
		t.Fatalf("a fill-in field warned as unknown: %q", p.editor.unknown.Text)
	}
	// Every variable the engine knows is offered, with a description.
	if len(p.editor.rows) < 21 {
		t.Fatalf("%d variables offered", len(p.editor.rows))
	}
}

func TestTemplatesDemoDeskPreviewsEveryTemplate(t *testing.T) {
	u, _ := newDemoUI(t, "fr")
	p := openTemplatesPanel(t, u)
	if len(p.templates) < 12 || p.selectedID != p.templates[0].ID {
		t.Fatalf("%d demo templates, selected %q", len(p.templates), p.selectedID)
	}
	for _, tpl := range p.templates {
		p.selectTemplate(tpl.ID)
		out := p.previewSubject.Text + p.previewBody.Text
		if strings.Contains(out, "{{") || strings.Contains(out, "[") {
			t.Errorf("%s/%s preview left a gap:\n%s", tpl.Name, tpl.Lang, out)
		}
		if p.missingLbl.Visible() {
			t.Errorf("%s/%s: %v", tpl.Name, tpl.Lang, p.missing)
		}
		if !strings.Contains(p.heading.Text, tpl.Name) {
			t.Errorf("heading %q for %s", p.heading.Text, tpl.Name)
		}
	}
	if p.sample.ctx.Request == nil || p.sample.ctx.Request.Confirmation == "" || p.sample.ctx.Vendor == nil || p.sample.ctx.Stay == nil {
		t.Fatalf("sample is not the desk's most complete request: %+v", p.sample.ctx)
	}
}

func TestTemplatesDeleteAndEmptyDeskPreview(t *testing.T) {
	u, st := newEmptyUI(t, "en")
	ctx := context.Background()
	for _, tpl := range []desk.Template{
		{Name: "Welcome", Lang: "en", Subject: "Welcome to {{hotel.name}}", Body: "Dear {{guest.name}}"},
		{Name: "Bienvenue", Lang: "fr", Subject: "Bienvenue", Body: "Bonjour"},
	} {
		if err := st.CreateTemplate(ctx, &tpl); err != nil {
			t.Fatal(err)
		}
	}
	p := openTemplatesPanel(t, u)
	if len(p.templates) != 2 || len(p.list.Objects) != 2 {
		t.Fatalf("listed %d templates, %d rows", len(p.templates), len(p.list.Objects))
	}
	var welcome string
	for _, tpl := range p.templates {
		if tpl.Name == "Welcome" {
			welcome = tpl.ID
		}
	}
	p.selectTemplate(welcome)
	// No guest, no settings: the sample says so and every variable is flagged, none left in braces.
	if p.sampleLbl.Text != i18n.T("templates.sample_none") || !p.missingLbl.Visible() || !slices.Equal(p.missing, []string{"hotel.name", "guest.name"}) {
		t.Fatalf("empty desk preview: %q / %v", p.sampleLbl.Text, p.missing)
	}
	if p.previewSubject.Text != "Welcome to [hotel.name]" || p.previewBody.Text != "Dear [guest.name]" {
		t.Fatalf("preview %q / %q", p.previewSubject.Text, p.previewBody.Text)
	}

	test.Tap(p.deleteBtn)
	if p.confirm == nil {
		t.Fatal("no confirmation asked")
	}
	p.confirm.Confirm()
	ts, _ := st.Templates(ctx)
	if len(ts) != 1 || ts[0].Name != "Bienvenue" {
		t.Fatalf("after delete: %+v", ts)
	}
	if len(p.templates) != 1 || p.selectedID != ts[0].ID || p.previewSubject.Text != "Bienvenue" || p.missingLbl.Visible() {
		t.Fatalf("panel after delete: %d listed, selected %q, subject %q", len(p.templates), p.selectedID, p.previewSubject.Text)
	}
	if err := st.DeleteTemplate(ctx, welcome); err != store.ErrNotFound {
		t.Fatalf("deleting twice: %v", err)
	}
}
