package gui

import (
	"slices"
	"strings"

	"loge/app/i18n"
	"loge/data/desk"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// A vendor's and a contact's phones, e-mails and addresses: the form's lists of rows (a kind and
// a value, removable, one more added by a button), and the detail pane's lines, where a phone is
// copied and an e-mail starts a mail with a click.

// kindLabel is a channel kind in the desk's language; another program's own kind ("pager") as written.
func kindLabel(kind string) string {
	key := "channel.kind." + kind
	if s := i18n.T(key); s != key {
		return s
	}
	return kind
}

// channelList is the form's rows of one medium.
type channelList struct {
	f      *form
	medium string
	rows   []*channelRow
	box    *fyne.Container // the rows, then the add button
	addBtn *widget.Button
}

// channelRow is one phone, e-mail or address being edited.
type channelRow struct {
	id     string // the stored channel's, "" for a new one
	kind   *choiceField
	value  *widget.Entry
	remove *widget.Button
	obj    fyne.CanvasObject
}

// channels adds the rows of one medium of cs under field (the name the store's validation
// errors use: "Phone", "Email", "Address").
func (f *form) channels(field, label, medium string, cs []desk.Channel) *channelList {
	cl := &channelList{f: f, medium: medium, box: container.NewVBox()}
	cl.addBtn = widget.NewButtonWithIcon(i18n.T("form.channel.add."+medium), theme.ContentAddIcon(), func() {
		r := cl.addRow(desk.Channel{Medium: medium, Kind: desk.ChannelKinds[medium][0]})
		f.u.win.Canvas().Focus(r.value)
	})
	cl.addBtn.Importance = widget.LowImportance
	for _, c := range desk.Of(cs, medium) {
		cl.addRow(c)
	}
	if len(cl.rows) == 0 { // an empty row to type in: most vendors have one of each
		cl.addRow(desk.Channel{Medium: medium, Kind: desk.ChannelKinds[medium][0]})
	}
	f.add(field, label, cl.box, nil)
	f.lists[field] = cl
	cl.layout()
	return cl
}

func (cl *channelList) addRow(c desk.Channel) *channelRow {
	codes := slices.Clone(desk.ChannelKinds[cl.medium])
	if c.Kind != "" && !slices.Contains(codes, c.Kind) {
		codes = append(codes, c.Kind) // another program's kind stays what it was
	}
	labels := make([]string, len(codes))
	for i, k := range codes {
		labels[i] = kindLabel(k)
	}
	r := &channelRow{id: c.ID, kind: &choiceField{sel: widget.NewSelect(uniqueLabels(labels), nil), codes: codes}}
	r.kind.set(c.Kind)
	if cl.medium == desk.MediumAddress {
		r.value = widget.NewMultiLineEntry()
		r.value.Wrapping = fyne.TextWrapWord
		r.value.SetMinRowsVisible(2)
	} else {
		r.value = widget.NewEntry()
		r.value.OnSubmitted = func(string) { cl.f.submit() }
	}
	r.value.SetText(c.Value)
	r.value.SetPlaceHolder(i18n.T("form.channel.hint." + cl.medium))
	r.remove = widget.NewButtonWithIcon("", theme.ContentRemoveIcon(), func() { cl.removeRow(r) })
	r.remove.Importance = widget.LowImportance
	kind := container.NewGridWrap(fyne.NewSize(145, r.kind.sel.MinSize().Height), r.kind.sel)
	r.obj = container.NewBorder(nil, nil, container.NewVBox(kind), container.NewVBox(r.remove), r.value)
	cl.rows = append(cl.rows, r)
	cl.layout()
	return r
}

func (cl *channelList) removeRow(r *channelRow) {
	cl.rows = slices.DeleteFunc(cl.rows, func(x *channelRow) bool { return x == r })
	cl.layout()
}

func (cl *channelList) layout() {
	objs := make([]fyne.CanvasObject, 0, len(cl.rows)+1)
	for _, r := range cl.rows {
		objs = append(objs, r.obj)
	}
	cl.box.Objects = append(objs, container.NewHBox(cl.addBtn))
	cl.box.Refresh()
	if cl.f.grid != nil {
		cl.f.grid.Refresh()
	}
}

// focusValue puts the cursor in the row holding value (the one a validation error names).
func (cl *channelList) focusValue(value string) bool {
	for _, r := range cl.rows {
		if strings.TrimSpace(r.value.Text) == value && value != "" {
			cl.f.u.win.Canvas().Focus(r.value)
			return true
		}
	}
	return false
}

// channels are the rows as typed, in order (blank rows are dropped by the store).
func (cl *channelList) channels() []desk.Channel {
	out := []desk.Channel{}
	for _, r := range cl.rows {
		out = append(out, desk.Channel{ID: r.id, Medium: cl.medium, Kind: r.kind.code(), Value: r.value.Text})
	}
	return out
}

// channelLists are a form's lists of every medium.
type channelLists []*channelList

// mediumFields are the form rows of each medium, named as the store's validation errors name them.
var mediumFields = map[string]string{desk.MediumPhone: "Phone", desk.MediumEmail: "Email", desk.MediumAddress: "Address"}

// channelForm adds a list per medium of media to f, labelled prefix + "channels_phone" and so on.
func (f *form) channelForm(prefix string, cs []desk.Channel, media ...string) channelLists {
	var out channelLists
	for _, m := range media {
		out = append(out, f.channels(mediumFields[m], i18n.T(prefix+"channels_"+m), m, cs))
	}
	return out
}

// channels are every list's rows, in the order of the media.
func (ls channelLists) channels() []desk.Channel {
	out := []desk.Channel{}
	for _, l := range ls {
		out = append(out, l.channels()...)
	}
	return out
}

// vendorEmails are every e-mail address of a vendor and of its contact persons.
func (u *UI) vendorEmails(vendorID string) []string {
	vd, err := u.st.Vendor(u.ctx, vendorID)
	if err != nil {
		return nil
	}
	all := desk.WithSingles(vd.Channels, "", vd.Email, "")
	if cs, err := u.st.VendorContacts(u.ctx, vendorID); err == nil {
		for _, c := range cs {
			all = append(all, desk.WithSingles(c.Channels, "", c.Email, "")...)
		}
	}
	var out []string
	for _, c := range desk.Of(all, desk.MediumEmail) {
		out = append(out, c.Value)
	}
	return out
}

// The detail pane.

// channelLines adds a line per channel to g, phones first, then e-mails, then addresses: a phone
// copies itself, an e-mail writes to it.
func (u *UI) channelLines(g *infoGrid, cs []desk.Channel, mailContext string) {
	var grouped []desk.Channel
	for _, m := range desk.Media {
		grouped = append(grouped, desk.Of(cs, m)...)
	}
	for _, c := range grouped {
		label := i18n.T("channel."+c.Medium) + " · " + kindLabel(c.Kind)
		switch c.Medium {
		case desk.MediumPhone:
			g.addObj(label, u.copyButton(c.Value))
		case desk.MediumEmail:
			addr := c.Value
			b := widget.NewButtonWithIcon(addr, theme.MailComposeIcon(), func() { u.openComposer(composeNew, nil, mailContext, addr) })
			b.Importance = widget.LowImportance
			b.Alignment = widget.ButtonAlignLeading
			g.addObj(label, b)
		default:
			g.add(label, c.Value)
		}
	}
}

// withCity is a vendor's channels with its city under the first address (or alone, when the
// vendor has a city and no address), as an envelope reads.
func withCity(cs []desk.Channel, city string) []desk.Channel {
	city = strings.TrimSpace(city)
	if city == "" {
		return cs
	}
	out := slices.Clone(cs)
	for i, c := range out {
		if c.Medium == desk.MediumAddress {
			out[i].Value = c.Value + "\n" + city
			return out
		}
	}
	return append(out, desk.Channel{Medium: desk.MediumAddress, Kind: desk.ChannelWork, Value: city})
}

// copyButton shows a value that a click copies to the clipboard, said by a notice.
func (u *UI) copyButton(value string) *widget.Button {
	b := widget.NewButtonWithIcon(value, theme.ContentCopyIcon(), func() {
		fyne.CurrentApp().Clipboard().SetContent(value)
		u.notice(i18n.T("channel.copied", map[string]any{"Value": value}))
	})
	b.Importance = widget.LowImportance
	b.Alignment = widget.ButtonAlignLeading
	return b
}
