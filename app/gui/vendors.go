package gui

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/url"
	"os"
	"sort"
	"strings"

	"loge/app/i18n"
	"loge/data/desk"
	"loge/data/store"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"loge/data/docs/vcard"
)

// vendorsView is the desk's address book of restaurants, drivers, florists…: filters and a list on
// the left, the chosen vendor's details, contacts and bookings on the right.
type vendorsView struct {
	u *UI

	vendors     []desk.Vendor
	categorySel *choiceField // "" = every category
	statusSel   *choiceField // "" = every status
	textFilter  *widget.Entry
	list        *widget.List
	empty       *widget.Label
	newBtn      *widget.Button
	importBtn   *widget.Button // "Import vCard…"
	exportBtn   *widget.Button // "Export vCard…"
	lastImport  *vcard.Report  // the last import's report; tests read it
	lastMessage string         // the last import or export message shown; tests read it

	selectedID string
	vendor     *desk.Vendor
	contacts   []desk.VendorContact

	detail        *fyne.Container
	editBtn       *widget.Button
	writeBtn      *widget.Button
	addContactBtn *widget.Button

	form      *form // the last form opened; tests reach its widgets here
	selecting bool  // filters or list selection are being set from code
}

func newVendorsView(u *UI) *vendorsView { return &vendorsView{u: u} }

func (v *vendorsView) content() fyne.CanvasObject {
	v.categorySel = &choiceField{sel: widget.NewSelect(nil, nil)}
	v.categorySel.setOptions(append([]string{""}, desk.VendorCategories...),
		append([]string{i18n.T("vendors.all_categories")}, translated("category.", desk.VendorCategories)...), "")
	v.categorySel.sel.OnChanged = func(string) { v.filtersChanged() }
	v.statusSel = &choiceField{sel: widget.NewSelect(nil, nil)}
	v.statusSel.setOptions(append([]string{""}, desk.VendorStatuses...),
		append([]string{i18n.T("vendors.all_statuses")}, translated("vstatus.", desk.VendorStatuses)...), "")
	v.statusSel.sel.OnChanged = func(string) { v.filtersChanged() }
	v.textFilter = widget.NewEntry()
	v.textFilter.SetPlaceHolder(i18n.T("vendors.find"))
	v.textFilter.ActionItem = widget.NewIcon(theme.SearchIcon())
	v.textFilter.OnChanged = func(string) { v.filtersChanged() }
	v.newBtn = widget.NewButtonWithIcon(i18n.T("vendors.new"), theme.ContentAddIcon(), func() { v.editVendor(nil) })
	v.newBtn.Importance = widget.HighImportance

	v.list = widget.NewList(func() int { return len(v.vendors) }, newVendorRow, func(i widget.ListItemID, o fyne.CanvasObject) {
		if i < len(v.vendors) {
			updateVendorRow(v.vendors[i], o)
		}
	})
	v.list.OnSelected = func(i widget.ListItemID) {
		if v.selecting || i >= len(v.vendors) {
			return
		}
		v.selectedID = v.vendors[i].ID
		v.showVendor()
	}
	v.empty = widget.NewLabel("")
	v.empty.Importance = widget.LowImportance
	v.empty.Wrapping = fyne.TextWrapWord
	v.empty.Alignment = fyne.TextAlignCenter

	v.importBtn = widget.NewButtonWithIcon(i18n.T("vcard.import"), theme.UploadIcon(), v.chooseImportFile)
	v.exportBtn = widget.NewButtonWithIcon(i18n.T("vcard.export"), theme.DownloadIcon(), v.showExportDialog)
	filters := container.NewVBox(v.textFilter, container.NewGridWithColumns(2, v.categorySel.sel, v.statusSel.sel), v.newBtn,
		container.NewGridWithColumns(2, v.importBtn, v.exportBtn))
	left := container.NewBorder(filters, nil, nil, nil, container.NewStack(v.list, container.NewVBox(v.empty)))

	v.editBtn = widget.NewButtonWithIcon(i18n.T("vendors.edit"), theme.DocumentCreateIcon(), func() {
		if v.vendor != nil {
			vd := *v.vendor
			v.editVendor(&vd)
		}
	})
	v.addContactBtn = widget.NewButtonWithIcon(i18n.T("vendors.add_contact"), theme.ContentAddIcon(), func() { v.editContact(nil) })
	v.writeBtn = widget.NewButtonWithIcon(i18n.T("vendors.write"), theme.MailComposeIcon(), func() {
		if v.vendor != nil {
			v.u.openComposer(composeNew, nil, "vendor:"+v.vendor.ID, v.vendor.Email)
		}
	})
	v.detail = container.NewVBox()
	right := container.NewBorder(container.NewHBox(v.editBtn, v.addContactBtn, v.writeBtn), nil, nil, nil, container.NewVScroll(container.NewPadded(v.detail)))

	split := container.NewHSplit(container.NewPadded(left), right)
	split.Offset = 0.38
	// The list is read when the workspace is first shown (refresh): not at start, for the Board.
	return split
}

// refresh reloads the list and the open vendor.
func (v *vendorsView) refresh() {
	if v.list == nil {
		return
	}
	v.load()
	v.showVendor()
}

func (v *vendorsView) changed() {
	if v.u.Current() != WorkspaceVendors {
		v.refresh()
	}
	v.u.Changed()
}

func (v *vendorsView) filtersChanged() {
	if v.selecting {
		return
	}
	v.load()
}

// openVendor shows a vendor, clearing the filters when they hide it.
func (v *vendorsView) openVendor(id string) {
	v.selectedID = id
	v.load()
	listed := false
	for _, vd := range v.vendors {
		listed = listed || vd.ID == id
	}
	if !listed {
		v.clearFilters()
		v.load()
	}
	v.showVendor()
}

func (v *vendorsView) clearFilters() {
	v.selecting = true
	v.categorySel.set("")
	v.statusSel.set("")
	v.textFilter.SetText("")
	v.selecting = false
}

func (v *vendorsView) filter() store.VendorFilter {
	return store.VendorFilter{Category: v.categorySel.code(), Status: v.statusSel.code(), Text: v.textFilter.Text}
}

func (v *vendorsView) load() {
	vs, err := v.u.st.Vendors(v.u.ctx, v.filter())
	if err != nil {
		v.u.ShowError(err)
		return
	}
	v.vendors = vs
	if v.selectedID == "" && len(vs) > 0 {
		v.selectedID = vs[0].ID // open on the first vendor rather than an empty page
	}
	f := v.filter()
	switch {
	case len(vs) > 0:
		v.empty.Hide()
	case f.Category != "" || f.Status != "" || strings.TrimSpace(f.Text) != "":
		v.empty.SetText(i18n.T("vendors.no_match"))
		v.empty.Show()
	default:
		v.empty.SetText(i18n.T("vendors.none"))
		v.empty.Show()
	}
	reselect(v.list, &v.selecting, vs, func(vd desk.Vendor) string { return vd.ID }, v.selectedID)
}

func newVendorRow() fyne.CanvasObject {
	name := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	name.Truncation = fyne.TextTruncateEllipsis
	status := widget.NewLabelWithStyle("", fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
	sub := widget.NewLabel("")
	sub.Truncation = fyne.TextTruncateEllipsis
	sub.SizeName = theme.SizeNameCaptionText
	return container.NewVBox(container.NewBorder(nil, nil, nil, status, name), sub)
}

func updateVendorRow(vd desk.Vendor, o fyne.CanvasObject) {
	box := o.(*fyne.Container)
	top := box.Objects[0].(*fyne.Container)
	name, status := top.Objects[0].(*widget.Label), top.Objects[1].(*widget.Label)
	sub := box.Objects[1].(*widget.Label)
	imp := vendorImportance(vd.Status)
	name.Importance = widget.MediumImportance
	if vd.Status == desk.VendorDoNotUse || vd.Status == desk.VendorClosed {
		name.Importance = imp
	}
	name.SetText(vd.Name)
	status.Importance = imp
	status.SetText(vendorStatusText(vd.Status))
	// Who not to book says why instead of a phone number: nobody should be calling them.
	parts := []string{i18n.T("category." + vd.Category)}
	if vd.City != "" {
		parts = append(parts, vd.City)
	}
	if vd.Status == desk.VendorDoNotUse || vd.Status == desk.VendorClosed {
		if vd.StatusReason != "" {
			parts = append(parts, "⚠ "+vd.StatusReason)
		}
	} else if vd.Phone != "" {
		parts = append(parts, vd.Phone)
	}
	sub.Importance = widget.MediumImportance
	if vd.Status == desk.VendorDoNotUse {
		sub.Importance = widget.DangerImportance
	}
	sub.SetText(strings.Join(parts, " · "))
	top.Refresh() // the status' width changed: lay the row out again
}

func vendorImportance(status string) widget.Importance {
	switch status {
	case desk.VendorPreferred:
		return widget.SuccessImportance
	case desk.VendorDoNotUse:
		return widget.DangerImportance
	case desk.VendorClosed:
		return widget.LowImportance
	}
	return widget.MediumImportance
}

func vendorStatusText(status string) string {
	if status == desk.VendorPreferred {
		return "★ " + i18n.T("vstatus."+status)
	}
	return i18n.T("vstatus." + status)
}

// The detail pane.

func (v *vendorsView) showVendor() {
	v.vendor, v.contacts = nil, nil
	if v.selectedID != "" {
		vd, err := v.u.st.Vendor(v.u.ctx, v.selectedID)
		switch {
		case err == nil:
			v.vendor = &vd
		case errors.Is(err, store.ErrNotFound):
			v.selectedID = ""
		default:
			v.u.ShowError(err)
		}
	}
	if v.vendor == nil {
		v.editBtn.Disable()
		v.writeBtn.Disable()
		v.addContactBtn.Disable()
		v.detail.Objects = []fyne.CanvasObject{placeholder(i18n.T("vendors.pick"))}
		v.detail.Refresh()
		return
	}
	v.editBtn.Enable()
	v.writeBtn.Enable()
	v.addContactBtn.Enable()
	vd := *v.vendor
	cs, err := v.u.st.VendorContacts(v.u.ctx, vd.ID)
	if err != nil {
		v.u.ShowError(err)
	}
	v.contacts = cs

	name := widget.NewLabelWithStyle(vd.Name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	name.SizeName = theme.SizeNameSubHeadingText
	name.Wrapping = fyne.TextWrapWord
	status := widget.NewLabelWithStyle(vendorStatusText(vd.Status), fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
	status.Importance = vendorImportance(vd.Status)
	objs := []fyne.CanvasObject{container.NewBorder(nil, nil, nil, status, name)}
	if vd.Status == desk.VendorDoNotUse || vd.Status == desk.VendorClosed {
		objs = append(objs, vendorWarning(vd))
	}

	info := newInfoGrid()
	info.add(i18n.T("form.vendor.category"), i18n.T("category."+vd.Category))
	v.u.channelLines(info, withCity(vd.Channels, vd.City), "vendor:"+vd.ID)
	if u := websiteURL(vd.Website); u != nil {
		info.addObj(i18n.T("form.vendor.website"), v.u.newLink(vd.Website, u))
	} else {
		info.add(i18n.T("form.vendor.website"), vd.Website)
	}
	info.add(i18n.T("form.vendor.hours"), vd.Hours)
	info.add(i18n.T("form.vendor.languages"), fmtLanguages(vd.Languages))
	info.add(i18n.T("form.vendor.commission_terms"), vd.CommissionTerms)
	info.add(i18n.T("form.vendor.notes"), vd.Notes)
	objs = append(objs, section(i18n.T("vendors.details"), -1, "", info.c))

	var rows []fyne.CanvasObject
	for _, c := range cs {
		c := c
		rows = append(rows, newPickRow(v.contactBlock(c), false, func() { v.editContact(&c) }))
	}
	objs = append(objs, section(i18n.T("vendors.contacts"), len(cs), i18n.T("vendors.no_contacts"), rows...))

	if bookings := v.bookingRows(vd.ID); len(bookings) > 0 {
		objs = append(objs, section(i18n.T("vendors.bookings"), len(bookings), "", bookings...))
	}
	v.detail.Objects = objs
	v.detail.Refresh()
}

// vendorWarning says, in red, why the desk must not book this vendor.
func vendorWarning(vd desk.Vendor) fyne.CanvasObject {
	key := "vendors.warn_do_not_use"
	if vd.Status == desk.VendorClosed {
		key = "vendors.warn_closed"
	}
	l := widget.NewLabelWithStyle(i18n.T(key, map[string]any{"Reason": vd.StatusReason}), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.Importance = vendorImportance(vd.Status)
	l.Wrapping = fyne.TextWrapWord
	icon := widget.NewIcon(theme.NewErrorThemedResource(theme.WarningIcon()))
	return container.NewBorder(nil, nil, icon, nil, l)
}

// contactBlock is a contact person in the vendor's pane: a tap on the name edits them, one on a
// phone copies it, one on an e-mail writes to it.
func (v *vendorsView) contactBlock(c desk.VendorContact) fyne.CanvasObject {
	head := c.Name
	if c.Role != "" {
		head += " — " + c.Role
	}
	name := widget.NewLabelWithStyle(head, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	name.Wrapping = fyne.TextWrapWord
	objs := []fyne.CanvasObject{name}
	if info := newInfoGrid(); len(c.Channels) > 0 {
		v.u.channelLines(info, c.Channels, "vendor:"+c.VendorID)
		objs = append(objs, info.c)
	}
	if c.Notes != "" {
		n := widget.NewLabel(c.Notes)
		n.Importance = widget.LowImportance
		n.Wrapping = fyne.TextWrapWord
		objs = append(objs, n)
	}
	return container.NewVBox(objs...)
}

// bookingRows lists the latest requests booked with the vendor, newest first; each opens in the Planner.
func (v *vendorsView) bookingRows(vendorID string) []fyne.CanvasObject {
	rs, err := v.u.st.Requests(v.u.ctx, store.RequestFilter{VendorID: vendorID})
	if err != nil {
		return nil
	}
	sort.SliceStable(rs, func(i, j int) bool { return rs[i].StartsAt.After(rs[j].StartsAt) })
	if len(rs) > 15 {
		rs = rs[:15]
	}
	var rows []fyne.CanvasObject
	for _, r := range rs {
		id := r.ID
		rows = append(rows, newTapRow(fmtDay(r.StartsAt), r.GuestName+" — "+requestTitle(r), i18n.T("status."+r.Status), statusImportance(r.Status), func() { v.u.OpenRequest(id) }))
	}
	return rows
}

// websiteURL turns "example.fr" or "https://example.fr" into a link, nil when it is not one.
func websiteURL(s string) *url.URL {
	s = strings.TrimSpace(s)
	if s == "" || strings.ContainsAny(s, " \t\n") {
		return nil
	}
	if !strings.Contains(s, "://") {
		s = "https://" + s
	}
	u, err := url.Parse(s)
	if err != nil || u.Host == "" || !strings.Contains(u.Host, ".") {
		return nil
	}
	return u
}

// Forms.

// editVendor opens the vendor form: orig nil creates one.
func (v *vendorsView) editVendor(orig *desk.Vendor) {
	v0 := desk.Vendor{Category: desk.VendorCategories[0], Status: desk.VendorApproved}
	if c := v.categorySel.code(); c != "" {
		v0.Category = c
	}
	title := i18n.T("vendors.new_title")
	if orig != nil {
		v0 = *orig
		title = i18n.T("vendors.edit_title", map[string]any{"Name": v0.Name})
	}
	f := newForm(v.u, title)
	name := f.text("Name", i18n.T("form.vendor.name"), v0.Name, "")
	category := f.choice("Category", i18n.T("form.vendor.category"), desk.VendorCategories, translated("category.", desk.VendorCategories), v0.Category)
	status := f.choice("Status", i18n.T("form.vendor.status"), desk.VendorStatuses, translated("vstatus.", desk.VendorStatuses), v0.Status)
	reason := f.multiline("StatusReason", i18n.T("form.vendor.status_reason"), v0.StatusReason, i18n.T("form.vendor.status_reason_hint"))
	lists := f.channelForm("form.vendor.", v0.Channels, desk.Media...)
	city := f.text("City", i18n.T("form.vendor.city"), v0.City, "")
	website := f.text("Website", i18n.T("form.vendor.website"), v0.Website, "")
	hours := f.text("Hours", i18n.T("form.vendor.hours"), v0.Hours, i18n.T("form.vendor.hours_hint"))
	langs := f.text("i18n.Languages", i18n.T("form.vendor.languages"), v0.Languages, i18n.T("form.guest.languages_hint"))
	terms := f.text("CommissionTerms", i18n.T("form.vendor.commission_terms"), v0.CommissionTerms, i18n.T("form.vendor.commission_terms_hint"))
	notes := f.multiline("Notes", i18n.T("form.vendor.notes"), v0.Notes, "")
	var saved desk.Vendor
	f.onSave = func() error {
		vd := v0
		vd.Name, vd.Category, vd.Status, vd.StatusReason = name.Text, category.code(), status.code(), reason.Text
		vd.Channels, vd.Website, vd.City = lists.channels(), website.Text, city.Text
		vd.Phone, vd.Email, vd.Address = desk.Firsts(vd.Channels)
		vd.Hours, vd.Languages, vd.CommissionTerms, vd.Notes = hours.Text, strings.ToLower(strings.Join(splitList(langs.Text), ",")), terms.Text, notes.Text
		err := upsert(v.u.ctx, orig == nil, &vd, v.u.st.CreateVendor, v.u.st.UpdateVendor)
		saved = vd
		return err
	}
	f.onDone = func() {
		v.selectedID = saved.ID
		v.openVendor(saved.ID)
		v.changed()
	}
	v.form = f
	f.show()
}

// editContact opens the contact form for the open vendor: orig nil adds a contact.
func (v *vendorsView) editContact(orig *desk.VendorContact) {
	if v.vendor == nil {
		return
	}
	c0 := desk.VendorContact{VendorID: v.vendor.ID}
	title := i18n.T("vendors.new_contact_title", map[string]any{"Vendor": v.vendor.Name})
	if orig != nil {
		c0 = *orig
		title = i18n.T("vendors.edit_contact_title", map[string]any{"Name": c0.Name})
	}
	f := newForm(v.u, title)
	name := f.text("Name", i18n.T("form.contact.name"), c0.Name, "")
	role := f.text("Role", i18n.T("form.contact.role"), c0.Role, i18n.T("form.contact.role_hint"))
	lists := f.channelForm("form.contact.", c0.Channels, desk.Media...)
	notes := f.multiline("Notes", i18n.T("form.contact.notes"), c0.Notes, "")
	f.onSave = func() error {
		c := c0
		c.Name, c.Role, c.Channels, c.Notes = name.Text, role.Text, lists.channels(), notes.Text
		c.Phone, c.Email, _ = desk.Firsts(c.Channels)
		return upsert(v.u.ctx, orig == nil, &c, v.u.st.CreateVendorContact, v.u.st.UpdateVendorContact)
	}
	f.onDone = v.changed
	v.form = f
	f.show()
}

// vCard import and export.

// chooseImportFile asks for a .vcf file and imports it.
func (v *vendorsView) chooseImportFile() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			v.u.ShowError(err)
			return
		}
		if r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		v.importVCard(path)
	}, v.u.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".vcf", ".vcard", ".VCF"}))
	d.Show()
}

// importVCard imports the vendors of a .vcf file off the UI goroutine, then lists them and says
// how it went. The channel closes once the result is on screen.
func (v *vendorsView) importVCard(path string) <-chan struct{} {
	done := make(chan struct{})
	v.importBtn.Disable()
	v.importBtn.SetText(i18n.T("vcard.importing"))
	ctx, st := v.u.ctx, v.u.st
	go func() {
		rep, err := importVCardFile(ctx, st, path)
		fyne.Do(func() {
			defer close(done)
			v.importBtn.SetText(i18n.T("vcard.import"))
			v.importBtn.Enable()
			v.lastImport = &rep
			if rep.Added+rep.Updated > 0 {
				// show what came in: filters that would hide it are cleared, the first one is opened
				v.clearFilters()
				if len(rep.Vendors) > 0 {
					v.selectedID = rep.Vendors[0]
				}
				v.refresh()
				v.u.Changed()
			}
			if err != nil {
				v.lastMessage = i18n.ErrorText(err)
				v.u.ShowError(err)
				return
			}
			v.lastMessage = VCardReportText(rep)
			if len(rep.Problems)+len(rep.Dropped) == 0 {
				dialog.ShowInformation(i18n.T("vcard.import_title"), v.lastMessage, v.u.win)
				return
			}
			// problems are a list to read, left-aligned, scrolling when long
			l := widget.NewLabel(v.lastMessage)
			l.Wrapping = fyne.TextWrapWord
			scroll := container.NewVScroll(l)
			scroll.SetMinSize(fyne.NewSize(560, min(60+float32(len(rep.Problems)+len(rep.Dropped))*30, 360)))
			dialog.ShowCustom(i18n.T("vcard.import_title"), i18n.T("action.close"), scroll, v.u.win)
		})
	}()
	return done
}

func importVCardFile(ctx context.Context, st *store.Store, path string) (vcard.Report, error) {
	f, err := os.Open(path)
	if err != nil {
		return vcard.Report{}, err
	}
	defer f.Close()
	return vcard.Import(ctx, st, f, vcard.ImportOptions{})
}

// showExportDialog asks which vCard version to write and, when filters hide some vendors, whether
// to export the listed ones or all; then it asks for the file.
func (v *vendorsView) showExportDialog() {
	listed := make([]string, 0, len(v.vendors))
	for _, vd := range v.vendors {
		listed = append(listed, vd.ID)
	}
	all, err := v.u.st.Vendors(v.u.ctx, store.VendorFilter{})
	if err != nil {
		v.u.ShowError(err)
		return
	}
	version := widget.NewSelect([]string{i18n.T("vcard.version_30"), i18n.T("vcard.version_40")}, nil)
	version.SetSelectedIndex(0)
	items := []*widget.FormItem{{Text: i18n.T("vcard.version"), Widget: version, HintText: i18n.T("vcard.version_hint")}}
	var scope *widget.RadioGroup
	listedText := i18n.T("vcard.scope_listed", map[string]any{"N": len(listed)})
	if len(listed) != len(all) {
		scope = widget.NewRadioGroup([]string{listedText, i18n.T("vcard.scope_all", map[string]any{"N": len(all)})}, nil)
		scope.Required = true
		scope.SetSelected(listedText)
		items = append(items, &widget.FormItem{Text: i18n.T("vcard.scope"), Widget: scope})
	}
	dialog.ShowForm(i18n.T("vcard.export_title"), i18n.T("vcard.choose_file"), i18n.T("action.cancel"), items, func(ok bool) {
		if !ok {
			return
		}
		ver := "3.0"
		if version.SelectedIndex() == 1 {
			ver = "4.0"
		}
		var ids []string // nil: every vendor
		if scope != nil && scope.Selected == listedText {
			ids = listed
		}
		v.chooseExportFile(ids, ver)
	}, v.u.win)
}

func (v *vendorsView) chooseExportFile(ids []string, version string) {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			v.u.ShowError(err)
			return
		}
		if w == nil {
			return
		}
		v.exportVCard(w, w.URI().Name(), ids, version)
	}, v.u.win)
	d.SetFileName(i18n.T("vcard.file_name"))
	d.SetFilter(storage.NewExtensionFileFilter([]string{".vcf"}))
	d.Show()
}

// exportVCard writes the vendors (ids nil = all) with their contacts to w, then closes it and says
// how it went. The cards are made in memory first, so a failure leaves no half-written file
// behind a success message. The channel closes once the result is on screen.
func (v *vendorsView) exportVCard(w io.WriteCloser, name string, ids []string, version string) <-chan struct{} {
	done := make(chan struct{})
	v.exportBtn.Disable()
	ctx, st := v.u.ctx, v.u.st
	go func() {
		var buf bytes.Buffer
		n, err := vcard.Export(ctx, st, &buf, ids, version)
		if err == nil {
			_, err = w.Write(buf.Bytes())
		}
		if cerr := w.Close(); err == nil {
			err = cerr
		}
		fyne.Do(func() {
			defer close(done)
			v.exportBtn.Enable()
			if err != nil {
				v.lastMessage = i18n.ErrorText(err)
				dialog.ShowError(errors.New(v.lastMessage), v.u.win)
				return
			}
			key := "vcard.exported"
			if n == 1 {
				key = "vcard.exported_one"
			}
			v.lastMessage = i18n.T(key, map[string]any{"N": n, "File": name})
			dialog.ShowInformation(i18n.T("vcard.export_title"), v.lastMessage, v.u.win)
		})
	}()
	return done
}

// maxProblemsShown keeps the import report readable; the rest are counted.
const maxProblemsShown = 12

// VCardReportText says what an import did, in the user's language: "12 added, 3 updated,
// 2 duplicates, 1 problem:" and one line per problem.
func VCardReportText(rep vcard.Report) string {
	var parts []string
	count := func(n int, key string) {
		if n == 0 {
			return
		}
		if n == 1 {
			key += "_one"
		}
		parts = append(parts, i18n.T(key, map[string]any{"N": n}))
	}
	count(rep.Added, "vcard.added")
	count(rep.Updated, "vcard.updated")
	count(rep.Duplicates, "vcard.duplicates")
	count(len(rep.Problems), "vcard.problems")
	count(len(rep.Dropped), "vcard.dropped")
	if len(parts) == 0 {
		return i18n.T("vcard.nothing")
	}
	s := strings.Join(parts, ", ")
	all := append(append([]vcard.Problem{}, rep.Problems...), rep.Dropped...)
	if len(all) == 0 {
		return s + "."
	}
	s += i18n.T("vcard.colon")
	for i, p := range all {
		if i == maxProblemsShown {
			s += "\n" + i18n.T("vcard.more", map[string]any{"N": len(all) - i})
			break
		}
		s += "\n" + VCardProblemText(p)
	}
	return s
}

// VCardProblemText is one card that was not imported: "line 41 (Le Cinq): why".
func VCardProblemText(p vcard.Problem) string {
	why := i18n.ErrorText(p.Err)
	if p.Line <= 0 {
		return why
	}
	where := i18n.T("vcard.line", map[string]any{"Line": p.Line})
	if p.Name != "" {
		where += " (" + p.Name + ")"
	}
	return where + i18n.T("vcard.colon") + " " + why
}
