package gui

import (
	"context"
	"strings"
	"testing"

	"loge/app/i18n"
	"loge/data/desk"
	"loge/data/store"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// buttonIn is the first button under o whose text is text.
func buttonIn(o fyne.CanvasObject, text string) *widget.Button {
	switch x := o.(type) {
	case *widget.Button:
		if x.Text == text {
			return x
		}
	case *fyne.Container:
		for _, c := range x.Objects {
			if b := buttonIn(c, text); b != nil {
				return b
			}
		}
	case *pickRow:
		return buttonIn(x.content, text)
	}
	return nil
}

// Phones and e-mails are rows with a kind, added and removed in the form; a bad e-mail is said
// next to its rows in the desk's language and nothing is stored; a click copies a phone and
// writes to an e-mail.
func TestVendorFormKeepsSeveralPhonesAndEmails(t *testing.T) {
	for _, lang := range []string{"fr", "en"} {
		t.Run(lang, func(t *testing.T) {
			u, st := newEmptyUI(t, lang)
			ctx := context.Background()
			u.Show(WorkspaceVendors)
			v := u.vendors
			test.Tap(v.newBtn)
			f := v.form
			typeInto(t, f, "Name", "Taxi Bleu")
			phones, emails := f.lists["Phone"], f.lists["Email"]
			if len(phones.rows) != 1 || len(emails.rows) != 1 || len(f.lists["Address"].rows) != 1 {
				t.Fatal("a new vendor's form has not one empty row of each")
			}
			phones.rows[0].value.SetText("+33 1 49 36 10 10")
			test.Tap(phones.addBtn)
			phones.rows[1].kind.set(desk.ChannelMobile)
			phones.rows[1].value.SetText("06 11 22 33 44")
			test.Tap(phones.addBtn)
			phones.rows[2].value.SetText("01 49 36 10 11")
			test.Tap(phones.rows[2].remove)
			if len(phones.rows) != 2 {
				t.Fatalf("%d phone rows after a removal", len(phones.rows))
			}
			emails.rows[0].value.SetText("resa at taxibleu")
			test.Tap(f.saveBtn)
			l := f.errorOf("Email")
			want := i18n.T("val.short.bad_email", map[string]any{"Value": "resa at taxibleu"})
			if !f.open || !l.Visible() || l.Text != want {
				t.Fatalf("bad e-mail: open=%v %q, want %q", f.open, l.Text, want)
			}
			if u.win.Canvas().Focused() != emails.rows[0].value {
				t.Error("the cursor is not in the wrong e-mail")
			}
			if lang == "fr" && !strings.Contains(l.Text, "adresse e-mail") {
				t.Errorf("not French: %q", l.Text)
			}
			if vs, _ := st.Vendors(ctx, store.VendorFilter{}); len(vs) != 0 {
				t.Fatalf("stored despite the error: %+v", vs)
			}
			emails.rows[0].value.SetText("resa@taxibleu.example")
			test.Tap(emails.addBtn)
			emails.rows[1].kind.set(desk.ChannelReservations)
			emails.rows[1].value.SetText("groupes@taxibleu.example")
			test.Tap(f.saveBtn)
			if f.open {
				t.Fatalf("form still open: %q %q", f.general.Text, l.Text)
			}
			got, _ := st.Vendor(ctx, v.vendor.ID)
			if len(got.Channels) != 4 || got.Phone != "+33 1 49 36 10 10" || got.Channels[1].Kind != desk.ChannelMobile ||
				got.Channels[3].Kind != desk.ChannelReservations {
				t.Fatalf("stored %+v", got.Channels)
			}

			b := buttonIn(v.detail, "06 11 22 33 44")
			if b == nil {
				t.Fatal("no button for the mobile in the detail pane")
			}
			test.Tap(b)
			if c := fyne.CurrentApp().Clipboard().Content(); c != "06 11 22 33 44" {
				t.Errorf("clipboard %q", c)
			}
			if u.lastNotice != i18n.T("channel.copied", map[string]any{"Value": "06 11 22 33 44"}) {
				t.Errorf("after a copy the notice says %q", u.lastNotice)
			}
			m := buttonIn(v.detail, "groupes@taxibleu.example")
			if m == nil {
				t.Fatal("no button for the second e-mail")
			}
			test.Tap(m)
			if c := u.lastComposer; c == nil || c.draft.To != "groupes@taxibleu.example" || c.draft.Context != "vendor:"+got.ID {
				t.Fatalf("composer %+v", u.lastComposer)
			}
			u.lastComposer.dlg.Hide()

			if got := u.vendorEmails(got.ID); len(got) != 2 || got[1] != "groupes@taxibleu.example" {
				t.Errorf("the vendor's addresses for the booking flow: %v", got)
			}

			// Editing: the first phone removed, the mobile becomes "the" phone.
			test.Tap(v.editBtn)
			f = v.form
			test.Tap(f.lists["Phone"].rows[0].remove)
			test.Tap(f.saveBtn)
			if got, _ = st.Vendor(ctx, got.ID); got.Phone != "06 11 22 33 44" || len(got.Channels) != 3 {
				t.Fatalf("after removing the first phone %+v", got)
			}
		})
	}
}
