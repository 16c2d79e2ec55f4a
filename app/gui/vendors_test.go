package gui

import (
	"context"
	"testing"

	"loge/app/i18n"
	"loge/data/desk"
	"loge/data/store"

	"fyne.io/fyne/v2/test"
)

func seedVendors(t *testing.T, st *store.Store) map[string]desk.Vendor {
	t.Helper()
	out := map[string]desk.Vendor{}
	for _, vd := range []desk.Vendor{
		{Name: "Le Cinq", Category: "restaurant", Status: desk.VendorPreferred, City: "Paris", Phone: "+33 1 49 52 71 54"},
		{Name: "Chez Nulle Part", Category: "restaurant", Status: desk.VendorDoNotUse, StatusReason: "Lost two bookings", City: "Paris"},
		{Name: "Étoile Limousines", Category: "transport", Status: desk.VendorApproved, City: "Paris"},
		{Name: "Fleurs de Lys", Category: "florist", Status: desk.VendorClosed, StatusReason: "Retired", City: "Lyon"},
	} {
		vd := vd
		if err := st.CreateVendor(context.Background(), &vd); err != nil {
			t.Fatal(err)
		}
		out[vd.Name] = vd
	}
	return out
}

func TestVendorsFilterByCategoryStatusAndText(t *testing.T) {
	u, st := newEmptyUI(t, "en")
	seedVendors(t, st)
	u.Show(WorkspaceVendors)
	v := u.vendors
	if len(v.vendors) != 4 {
		t.Fatalf("unfiltered list has %d", len(v.vendors))
	}
	v.categorySel.set("restaurant")
	if len(v.vendors) != 2 {
		t.Fatalf("restaurants: %d", len(v.vendors))
	}
	v.statusSel.set(desk.VendorDoNotUse)
	if len(v.vendors) != 1 || v.vendors[0].Name != "Chez Nulle Part" {
		t.Fatalf("restaurants not to use: %+v", v.vendors)
	}
	v.categorySel.set("")
	v.statusSel.set("")
	test.Type(v.textFilter, "lyon")
	if len(v.vendors) != 1 || v.vendors[0].Name != "Fleurs de Lys" {
		t.Fatalf("text filter 'lyon': %+v", v.vendors)
	}
	v.categorySel.set("transport")
	if len(v.vendors) != 0 || !v.empty.Visible() {
		t.Fatal("no-match message not shown")
	}
	// The category select offers "all" first, then every category, translated.
	if got := v.categorySel.sel.Options[0]; got != i18n.T("vendors.all_categories") || len(v.categorySel.sel.Options) != len(desk.VendorCategories)+1 {
		t.Fatalf("category options %v", v.categorySel.sel.Options)
	}
}

func TestVendorsOpenVendorClearsHidingFilters(t *testing.T) {
	u, st := newEmptyUI(t, "en")
	vs := seedVendors(t, st)
	u.Show(WorkspaceVendors)
	v := u.vendors
	v.statusSel.set(desk.VendorPreferred)
	target := vs["Étoile Limousines"]
	u.OpenVendor(target.ID)
	if u.Current() != WorkspaceVendors || v.vendor == nil || v.vendor.ID != target.ID {
		t.Fatal("vendor not opened")
	}
	if v.statusSel.code() != "" || len(v.vendors) != 4 {
		t.Fatalf("filters not cleared: %q, %d listed", v.statusSel.code(), len(v.vendors))
	}
}

func TestVendorsCreateThenDoNotUseNeedsReason(t *testing.T) {
	u, st := newEmptyUI(t, "en")
	ctx := context.Background()
	u.Show(WorkspaceVendors)
	v := u.vendors

	test.Tap(v.newBtn)
	f := v.form
	typeInto(t, f, "Name", "Taxi Bleu")
	f.selectOf("Category").SetSelectedIndex(1) // transport
	typeInto(t, f, "Phone", "+33 1 49 36 10 10")
	typeInto(t, f, "City", "Paris")
	test.Tap(f.saveBtn)
	if f.open {
		t.Fatalf("vendor form still open: %q", f.general.Text)
	}
	vs, _ := st.Vendors(ctx, store.VendorFilter{})
	if len(vs) != 1 || vs[0].Name != "Taxi Bleu" || vs[0].Category != "transport" || vs[0].Status != desk.VendorApproved {
		t.Fatalf("vendors stored: %+v", vs)
	}
	if v.vendor == nil || v.vendor.ID != vs[0].ID {
		t.Fatal("new vendor not selected")
	}

	test.Tap(v.editBtn)
	f = v.form
	for i, c := range desk.VendorStatuses {
		if c == desk.VendorDoNotUse {
			f.selectOf("Status").SetSelectedIndex(i)
		}
	}
	test.Tap(f.saveBtn)
	l := f.errorOf("StatusReason")
	if !f.open || !l.Visible() || l.Text != i18n.T("val.short.required") {
		t.Fatalf("missing reason: open=%v visible=%v %q", f.open, l.Visible(), l.Text)
	}
	if got, _ := st.Vendor(ctx, vs[0].ID); got.Status != desk.VendorApproved {
		t.Fatalf("vendor changed despite the error: %s", got.Status)
	}
	typeInto(t, f, "StatusReason", "Driver was rude to a guest")
	test.Tap(f.saveBtn)
	if f.open || l.Visible() {
		t.Fatal("vendor with a reason not saved")
	}
	got, _ := st.Vendor(ctx, vs[0].ID)
	if got.Status != desk.VendorDoNotUse || got.StatusReason != "Driver was rude to a guest" || got.Phone != "+33 1 49 36 10 10" {
		t.Fatalf("vendor stored as %+v", got)
	}
}

func TestVendorsAddContact(t *testing.T) {
	u, st := newEmptyUI(t, "en")
	vs := seedVendors(t, st)
	u.OpenVendor(vs["Le Cinq"].ID)
	v := u.vendors

	test.Tap(v.addContactBtn)
	f := v.form
	test.Tap(f.saveBtn)
	if l := f.errorOf("Name"); !f.open || !l.Visible() {
		t.Fatal("contact without a name accepted")
	}
	typeInto(t, f, "Name", "Thierry Hot")
	typeInto(t, f, "Role", "Maître d'hôtel")
	typeInto(t, f, "Phone", "+33 1 49 52 71 54")
	test.Tap(f.saveBtn)
	if f.open {
		t.Fatal("contact form still open")
	}
	if len(v.contacts) != 1 || v.contacts[0].Name != "Thierry Hot" || v.contacts[0].Role != "Maître d'hôtel" {
		t.Fatalf("contacts shown: %+v", v.contacts)
	}
}
