package gui

import (
	"errors"
	"strings"

	"loge/app/i18n"
	"loge/data/desk"
	"loge/data/store"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	tmpl "loge/data/docs/templates"
)

// templateLangs are the languages a mail template can be written in.
var templateLangs = []string{"fr", "en"}

// templatesPanel is the template manager of the Settings workspace: the desk's mail templates on
// the left, the chosen one on the right as a guest would read it, filled from a sample of the
// desk's own guests, stays, requests and vendors; whatever that sample cannot fill is flagged.
type templatesPanel struct {
	u *UI

	templates  []desk.Template
	selectedID string
	sample     templateSample

	list   *fyne.Container // one pickRow per template
	newBtn *widget.Button

	editBtn, deleteBtn *widget.Button
	sampleLbl          *widget.Label
	heading            *widget.Label // name and language of the template shown
	previewSubject     *widget.Label
	previewBody        *widget.Label
	missingLbl         *widget.Label // variables the sample cannot fill, in red
	fieldsLbl          *widget.Label // fill-in fields asked at insertion
	missing, fields    []string      // what the preview flags and lists (tests read them)

	form    *form                 // the last form opened; tests reach its widgets here
	editor  *templateEditor       // the variables help of that form
	confirm *dialog.ConfirmDialog // the last delete confirmation
}

func newTemplatesPanel(u *UI) *templatesPanel { return &templatesPanel{u: u} }

func (p *templatesPanel) content() fyne.CanvasObject {
	p.list = container.NewVBox()
	p.newBtn = widget.NewButtonWithIcon(i18n.T("templates.new"), theme.ContentAddIcon(), func() { p.edit(nil) })
	p.editBtn = widget.NewButtonWithIcon(i18n.T("templates.edit"), theme.DocumentCreateIcon(), func() {
		if t := p.selected(); t != nil {
			c := *t
			p.edit(&c)
		}
	})
	p.deleteBtn = widget.NewButtonWithIcon(i18n.T("templates.delete"), theme.DeleteIcon(), p.askDelete)

	p.heading = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.heading.Wrapping = fyne.TextWrapWord
	p.sampleLbl = widget.NewLabel("")
	p.sampleLbl.Importance = widget.LowImportance
	p.sampleLbl.Wrapping = fyne.TextWrapWord
	p.previewSubject = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.previewSubject.Wrapping = fyne.TextWrapWord
	p.previewSubject.Selectable = true
	p.previewBody = widget.NewLabel("")
	p.previewBody.Wrapping = fyne.TextWrapWord
	p.previewBody.Selectable = true
	p.missingLbl = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.missingLbl.Importance = widget.DangerImportance
	p.missingLbl.Wrapping = fyne.TextWrapWord
	p.fieldsLbl = widget.NewLabel("")
	p.fieldsLbl.Importance = widget.LowImportance
	p.fieldsLbl.Wrapping = fyne.TextWrapWord

	left := container.NewBorder(nil, container.NewHBox(p.newBtn), nil, nil, p.list)
	preview := container.NewVBox(
		container.NewBorder(nil, nil, nil, container.NewHBox(p.editBtn, p.deleteBtn), p.heading),
		p.sampleLbl, widget.NewSeparator(), p.previewSubject, p.previewBody, p.missingLbl, p.fieldsLbl)
	// Read with its sample when Settings is shown (settingsView.refresh), not at start.
	return container.NewGridWithColumns(2, left, panel(preview))
}

// refresh reloads the templates and the sample, and shows the chosen template again.
func (p *templatesPanel) refresh() {
	if p.list == nil {
		return
	}
	ts, err := p.u.st.Templates(p.u.ctx)
	if err != nil {
		p.u.ShowError(err)
		return
	}
	p.templates = ts
	p.sample = loadTemplateSample(p.u)
	if p.selected() == nil {
		p.selectedID = ""
		if len(ts) > 0 {
			p.selectedID = ts[0].ID
		}
	}
	p.showList()
	p.showPreview()
}

func (p *templatesPanel) selected() *desk.Template {
	for i := range p.templates {
		if p.templates[i].ID == p.selectedID {
			return &p.templates[i]
		}
	}
	return nil
}

// selectTemplate shows one template in the preview.
func (p *templatesPanel) selectTemplate(id string) {
	p.selectedID = id
	p.showList()
	p.showPreview()
}

func (p *templatesPanel) showList() {
	p.list.Objects = nil
	if len(p.templates) == 0 {
		p.list.Add(placeholder(i18n.T("templates.none")))
	}
	for _, t := range p.templates {
		id := t.ID
		lang := widget.NewLabelWithStyle(strings.ToUpper(t.Lang), fyne.TextAlignLeading, fyne.TextStyle{Bold: true, Monospace: true})
		lang.Importance = widget.HighImportance
		name := widget.NewLabel(t.Name)
		name.Truncation = fyne.TextTruncateEllipsis
		p.list.Add(newPickRow(container.NewBorder(nil, nil, lang, nil, name), id == p.selectedID, func() { p.selectTemplate(id) }))
	}
	p.list.Refresh()
}

// showPreview renders the chosen template with the sample, in the template's own language.
func (p *templatesPanel) showPreview() {
	t := p.selected()
	if t == nil {
		p.editBtn.Disable()
		p.deleteBtn.Disable()
		p.heading.SetText(i18n.T("templates.pick"))
		p.missing, p.fields = nil, nil
		for _, l := range []*widget.Label{p.sampleLbl, p.previewSubject, p.previewBody, p.missingLbl, p.fieldsLbl} {
			l.SetText("")
			l.Hide()
		}
		return
	}
	p.editBtn.Enable()
	p.deleteBtn.Enable()
	p.heading.SetText(t.Name + " — " + templateLangName(t.Lang))
	p.sampleLbl.SetText(p.sample.describe())
	p.sampleLbl.Show()

	subject, body, missing, fields := renderPreview(t.Subject, t.Body, t.Lang, p.sample.ctx)
	p.missing, p.fields = missing, fields
	p.previewSubject.SetText(subject)
	p.previewSubject.Show()
	p.previewBody.SetText(body)
	p.previewBody.Show()
	p.missingLbl.SetText("")
	if len(missing) > 0 {
		p.missingLbl.SetText(i18n.T("templates.preview_missing", map[string]any{"List": describeVariables(missing)}))
	}
	p.missingLbl.Hidden = len(missing) == 0
	p.missingLbl.Refresh()
	p.fieldsLbl.SetText("")
	if len(fields) > 0 {
		p.fieldsLbl.SetText(i18n.T("templates.preview_fields", map[string]any{"List": strings.Join(fields, ", ")}))
	}
	p.fieldsLbl.Hidden = len(fields) == 0
	p.fieldsLbl.Refresh()
}

// renderPreview fills a template from ctx in lang. missing lists the variables ctx cannot fill;
// fields the fill-in fields asked at insertion. Unanswered fields are expected in a preview: they
// show as "[label]" and are not counted as missing.
func renderPreview(subject, body, lang string, ctx tmpl.Context) (outSubject, outBody string, missing, fields []string) {
	ctx.Lang = lang
	outSubject, outBody, err := tmpl.Render(subject, body, ctx)
	var me *tmpl.MissingError
	if errors.As(err, &me) {
		missing = append(me.Variables, me.Internal...)
	}
	return outSubject, outBody, missing, tmpl.Fields(subject, body)
}

// describeVariables names variables for a person: "request.confirmation (confirmation number)",
// and an unknown name as such.
func describeVariables(names []string) string {
	out := make([]string, len(names))
	for i, n := range names {
		switch {
		case tmpl.Known(n):
			out[i] = n + " (" + variableHelp(n) + ")"
		case tmpl.Internal(n):
			out[i] = n + " (" + i18n.T("templates.internal_variable") + ")"
		default:
			out[i] = n + " (" + i18n.T("templates.unknown_variable") + ")"
		}
	}
	return strings.Join(out, ", ")
}

// variableHelp is what a variable holds, in the interface's language.
func variableHelp(name string) string {
	return i18n.T("templates.var." + strings.ToLower(strings.TrimSpace(name)))
}

func templateLangName(code string) string {
	if code == "en" {
		return i18n.T("templates.lang_en")
	}
	return i18n.T("templates.lang_fr")
}

// The sample the preview is filled from.

// templateSample is the desk's most complete request with its guest, stay and vendor (or, without
// requests, the first guest, their latest stay and the first vendor), and the desk's settings.
type templateSample struct {
	ctx tmpl.Context
}

func loadTemplateSample(u *UI) templateSample {
	var s templateSample
	s.ctx.Desk, _ = u.st.Setting(u.ctx, "desk.name")
	s.ctx.Hotel, _ = u.st.Setting(u.ctx, "hotel.name")
	// A sample, not a census: the first couple of hundred requests are plenty to find a well-filled
	// one, and a big desk's 10,000 would cost the Settings a tenth of a second to open.
	rs, _ := u.st.Requests(u.ctx, store.RequestFilter{Limit: 200})
	stays, vendors := map[string]desk.Stay{}, map[string]desk.Vendor{}
	for _, r := range rs {
		if _, ok := stays[r.StayID]; !ok && r.StayID != "" {
			stays[r.StayID], _ = u.st.Stay(u.ctx, r.StayID)
		}
		if _, ok := vendors[r.VendorID]; !ok && r.VendorID != "" {
			vendors[r.VendorID], _ = u.st.Vendor(u.ctx, r.VendorID)
		}
	}
	// The request that fills the most: a preview full of gaps would hide the real ones.
	best, bestScore := -1, -1
	for i, r := range rs {
		st, v := stays[r.StayID], vendors[r.VendorID]
		score := 0
		for _, ok := range []bool{r.Confirmation != "", r.Title != "", r.PriceCents > 0,
			st.ID != "", st.Room != "", v.ID != "", v.Address != "", v.Phone != "", v.Email != ""} {
			if ok {
				score++
			}
		}
		if score > bestScore {
			best, bestScore = i, score
		}
	}
	guestID, stayID, vendorID := "", "", ""
	if best >= 0 {
		r := rs[best]
		s.ctx.Request = &r
		guestID, stayID, vendorID = r.GuestID, r.StayID, r.VendorID
	} else if gs, _ := u.st.Guests(u.ctx, ""); len(gs) > 0 {
		guestID = gs[0].ID
	}
	if guestID != "" {
		if g, err := u.st.Guest(u.ctx, guestID); err == nil {
			s.ctx.Guest = &g
		}
		if stayID == "" {
			if ss, _ := u.st.Stays(u.ctx, guestID); len(ss) > 0 {
				stayID = ss[0].ID
			}
		}
	}
	if stayID != "" {
		if st, err := u.st.Stay(u.ctx, stayID); err == nil {
			s.ctx.Stay = &st
		}
	}
	if vendorID == "" {
		if vs, _ := u.st.Vendors(u.ctx, store.VendorFilter{}); len(vs) > 0 {
			vendorID = vs[0].ID
		}
	}
	if vendorID != "" {
		if v, err := u.st.Vendor(u.ctx, vendorID); err == nil {
			s.ctx.Vendor = &v
		}
	}
	return s
}

// describe says whose details the preview shows.
func (s templateSample) describe() string {
	var parts []string
	if s.ctx.Guest != nil {
		parts = append(parts, s.ctx.Guest.Name())
	}
	if s.ctx.Request != nil {
		parts = append(parts, requestTitle(*s.ctx.Request))
	}
	if s.ctx.Vendor != nil {
		parts = append(parts, s.ctx.Vendor.Name)
	}
	if len(parts) == 0 {
		return i18n.T("templates.sample_none")
	}
	return i18n.T("templates.sample", map[string]any{"What": strings.Join(parts, " · ")})
}

// Deleting.

func (p *templatesPanel) askDelete() {
	t := p.selected()
	if t == nil {
		return
	}
	id := t.ID
	p.confirm = dialog.NewConfirm(i18n.T("templates.delete_title"),
		i18n.T("templates.delete_confirm", map[string]any{"Name": t.Name, "Lang": templateLangName(t.Lang)}),
		func(ok bool) {
			if !ok {
				return
			}
			if err := p.u.st.DeleteTemplate(p.u.ctx, id); err != nil {
				p.u.ShowError(err)
			}
			p.selectedID = ""
			p.refresh()
		}, p.u.win)
	p.confirm.SetConfirmText(i18n.T("templates.delete"))
	p.confirm.SetDismissText(i18n.T("action.cancel"))
	p.confirm.SetConfirmImportance(widget.DangerImportance)
	p.confirm.Show()
}

// Editing.

// edit opens the template form: orig nil creates a template.
func (p *templatesPanel) edit(orig *desk.Template) {
	t0 := desk.Template{Lang: i18n.Current()}
	title := i18n.T("templates.new_title")
	if orig != nil {
		t0 = *orig
		title = i18n.T("templates.edit_title", map[string]any{"Name": t0.Name})
	}
	f := newForm(p.u, title)
	name := f.text("Name", i18n.T("templates.name"), t0.Name, i18n.T("templates.name_hint"))
	lang := f.choice("Lang", i18n.T("templates.lang"), templateLangs, []string{i18n.T("templates.lang_fr"), i18n.T("templates.lang_en")}, t0.Lang)
	subject := f.text("Subject", i18n.T("templates.subject"), t0.Subject, "")
	subject.OnSubmitted = nil // Enter in the subject is no reason to save
	body := f.multiline("Body", i18n.T("templates.body"), t0.Body, "")
	body.SetMinRowsVisible(10)
	ed := newTemplateEditor(subject, body)
	f.add("Variables", i18n.T("templates.variables"), ed.content(), nil)

	var saved desk.Template
	f.onSave = func() error {
		t := t0
		t.Name, t.Lang, t.Subject, t.Body = name.Text, lang.code(), subject.Text, body.Text
		err := upsert(p.u.ctx, orig == nil, &t, p.u.st.CreateTemplate, p.u.st.UpdateTemplate)
		saved = t
		return err
	}
	f.onDone = func() {
		p.selectedID = saved.ID
		p.refresh()
	}
	p.form, p.editor = f, ed
	f.show()
}

// templateEditor is the help beside a template's subject and body: every variable with what it
// holds (a tap inserts it where the cursor was), and a live warning about names it does not know.
type templateEditor struct {
	subject, body *widget.Entry
	target        *widget.Entry // where a tapped variable goes: the entry last typed or clicked in
	unknown       *widget.Label
	unknownNames  []string           // what unknown warns about (tests read it)
	rows          map[string]*tapRow // by variable name, "?" for a fill-in field
}

func newTemplateEditor(subject, body *widget.Entry) *templateEditor {
	ed := &templateEditor{subject: subject, body: body, target: body, rows: map[string]*tapRow{}}
	ed.unknown = widget.NewLabel("")
	ed.unknown.Importance = widget.WarningImportance
	ed.unknown.Wrapping = fyne.TextWrapWord
	ed.unknown.Hide()
	for _, e := range []*widget.Entry{subject, body} {
		e := e
		prevChanged := e.OnChanged
		e.OnChanged = func(s string) {
			if prevChanged != nil {
				prevChanged(s)
			}
			ed.target = e
			ed.check()
		}
		e.OnCursorChanged = func() { ed.target = e }
	}
	ed.check()
	return ed
}

func (ed *templateEditor) content() fyne.CanvasObject {
	box := container.NewVBox()
	field := "{{?" + i18n.T("templates.field_example") + "}}"
	ed.rows["?"] = newTapRow(field, i18n.T("templates.var_field"), "", widget.MediumImportance, func() { ed.insert(field) })
	box.Add(ed.rows["?"])
	for _, v := range tmpl.Variables {
		text := "{{" + v + "}}"
		ed.rows[v] = newTapRow(text, variableHelp(v), "", widget.MediumImportance, func() { ed.insert(text) })
		box.Add(ed.rows[v])
	}
	hint := widget.NewLabel(i18n.T("templates.variables_hint"))
	hint.Importance = widget.LowImportance
	hint.Wrapping = fyne.TextWrapWord
	scroll := container.NewVScroll(box)
	scroll.SetMinSize(fyne.NewSize(0, 180))
	return container.NewVBox(ed.unknown, hint, scroll)
}

// insert types text at the cursor of the entry last used, as if typed there.
func (ed *templateEditor) insert(text string) {
	e := ed.target
	for _, r := range text {
		e.TypedRune(r)
	}
	if c := fyne.CurrentApp().Driver().CanvasForObject(e); c != nil {
		c.Focus(e)
	}
}

// check warns about placeholders no sample could ever fill: unknown names, a "{{" left open.
func (ed *templateEditor) check() {
	_, _, err := tmpl.Render(ed.subject.Text, ed.body.Text, tmpl.Context{})
	var me *tmpl.MissingError
	var unknown, internal []string
	if errors.As(err, &me) {
		for _, v := range me.Variables {
			if !tmpl.Known(v) {
				unknown = append(unknown, v)
			}
		}
		internal = me.Internal
	}
	ed.unknownNames = append(unknown, internal...)
	var msgs []string
	if len(internal) > 0 {
		msgs = append(msgs, i18n.T("templates.internal_warning", map[string]any{"List": strings.Join(internal, ", ")}))
	}
	if len(unknown) > 0 {
		msgs = append(msgs, i18n.T("templates.unknown_warning", map[string]any{"List": strings.Join(unknown, ", ")}))
	}
	if len(msgs) == 0 {
		ed.unknown.SetText("")
		ed.unknown.Hide()
		return
	}
	ed.unknown.SetText(strings.Join(msgs, "\n"))
	ed.unknown.Show()
}
