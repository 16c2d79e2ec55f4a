package gui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"loge/app/i18n"
	"loge/data/desk"
	"loge/data/store/storetest"

	"loge/data/docs/vcard"
)

func waitDone(t *testing.T, done <-chan struct{}) {
	t.Helper()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("the vCard task did not finish")
	}
}

// vcfForPanel has a new vendor from Outlook (2.1, ISO-8859-1 quoted-printable), a person at a new
// vendor, a duplicate of a seeded vendor that brings an e-mail, and a broken card at line 20.
var vcfForPanel = strings.ReplaceAll(`BEGIN:VCARD
VERSION:2.1
N:;;;;
FN;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:Brasserie de l'=C9toile
ORG;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:Brasserie de l'=C9toile
TEL;WORK;VOICE:+33 1 42 65 00 00
CATEGORIES:Restaurant
END:VCARD
BEGIN:VCARD
VERSION:3.0
N:Dubois;Claire;;;
FN:Claire Dubois
ORG:Spa Élysées
TITLE:Responsable des réservations
TEL;TYPE=CELL:+33 6 20 00 00 00
CATEGORIES:Spa
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Sans fin
BEGIN:VCARD
VERSION:4.0
KIND:org
FN:LE CINQ
EMAIL:reservations@lecinq.example
END:VCARD
`, "\n", "\r\n")

func TestVendorsImportVCardThenExport(t *testing.T) {
	u, st := newEmptyUI(t, "en")
	ctx := context.Background()
	seedVendors(t, st)
	u.Show(WorkspaceVendors)
	v := u.vendors
	v.statusSel.set(desk.VendorPreferred) // hides what the file brings: the import clears it

	path := filepath.Join(t.TempDir(), "carnet.vcf")
	if err := os.WriteFile(path, []byte(vcfForPanel), 0o644); err != nil {
		t.Fatal(err)
	}
	waitDone(t, v.importVCard(path))
	rep := v.lastImport
	if rep == nil || rep.Added != 2 || rep.Updated != 1 || rep.Duplicates != 0 || len(rep.Problems) != 1 || rep.Problems[0].Line != 18 {
		t.Fatalf("report %+v", rep)
	}
	if v.importBtn.Disabled() {
		t.Error("import button left disabled")
	}
	if v.statusSel.code() != "" {
		t.Error("the filter hiding the imported vendors was kept")
	}
	listed := map[string]desk.Vendor{}
	for _, vd := range v.vendors {
		listed[vd.Name] = vd
	}
	if len(v.vendors) != 6 {
		t.Errorf("%d vendors listed, want 6", len(v.vendors))
	}
	if b, ok := listed["Brasserie de l'Étoile"]; !ok || b.Category != "restaurant" || b.Phone != "+33 1 42 65 00 00" {
		t.Errorf("Outlook vendor listed as %+v (%v)", b, ok)
	}
	spa, ok := listed["Spa Élysées"]
	if !ok || spa.Category != "spa" {
		t.Fatalf("vendor of the person's card listed as %+v (%v)", spa, ok)
	}
	if cs, _ := st.VendorContacts(ctx, spa.ID); len(cs) != 1 || cs[0].Name != "Claire Dubois" || cs[0].Role != "Responsable des réservations" {
		t.Errorf("contacts %+v", cs)
	}
	if listed["Le Cinq"].Email != "reservations@lecinq.example" {
		t.Errorf("duplicate did not fill the e-mail: %+v", listed["Le Cinq"])
	}
	if v.vendor == nil || v.vendor.ID != rep.Vendors[0] {
		t.Error("the first imported vendor is not opened")
	}
	want := "2 added, 1 updated, 1 problem:\nline 18 (Sans fin): the card never ends"
	if !strings.HasPrefix(v.lastMessage, want) {
		t.Errorf("message %q, want it to start with %q", v.lastMessage, want)
	}

	// Export what the filter lists (restaurants: Le Cinq, Chez Nulle Part, the Brasserie) as 4.0.
	v.categorySel.set("restaurant")
	var ids []string
	for _, vd := range v.vendors {
		ids = append(ids, vd.ID)
	}
	out := filepath.Join(t.TempDir(), "vendors.vcf")
	f, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	waitDone(t, v.exportVCard(f, "vendors.vcf", ids, "4.0"))
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(b), "BEGIN:VCARD"); n != 3 || !strings.Contains(string(b), "VERSION:4.0") || !strings.Contains(string(b), "FN:Brasserie de l'Étoile") {
		t.Errorf("%d cards exported:\n%s", n, b)
	}
	if v.lastMessage != "3 vendors exported to vendors.vcf, with their contacts." {
		t.Errorf("export message %q", v.lastMessage)
	}
	// The file reads back.
	other := storetest.New(t)
	f2, _ := os.Open(out)
	defer f2.Close()
	if back, err := vcard.Import(ctx, other, f2, vcard.ImportOptions{}); err != nil || back.Added != 3 || len(back.Problems) != 0 {
		t.Errorf("export read back: %+v, %v", back, err)
	}
}

func TestVCardReportTextFrench(t *testing.T) {
	i18n.Load("fr")
	t.Cleanup(func() { i18n.Load("en") })
	rep := vcard.Report{Added: 12, Updated: 3, Duplicates: 1, Problems: []vcard.Problem{
		{Line: 41, Name: "Le Cinq", Err: &vcard.LineError{Line: 44, Err: vcard.ErrBadLine}},
	}}
	got := VCardReportText(rep)
	want := "12 ajoutés, 3 complétés, 1 doublon, 1 problème :\nligne 41 (Le Cinq) : la ligne 44 n'est pas une propriété vCard."
	if got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	if got := VCardReportText(vcard.Report{Problems: []vcard.Problem{{Err: vcard.ErrNoCards}}}); got != "1 problème :\nLe fichier ne contient aucune fiche vCard." {
		t.Errorf("empty file: %q", got)
	}
}

// A value left out of an imported card is counted and named, after the cards' problems.
func TestVCardReportTextNamesDroppedValues(t *testing.T) {
	i18n.Load("fr")
	t.Cleanup(func() { i18n.Load("en") })
	rep := vcard.Report{Added: 1, Dropped: []vcard.Problem{
		{Line: 1, Name: "John Doe", Err: &desk.ValidationError{Entity: "vendor", Field: "Phone", Code: desk.CodeBadPhone, Value: "BusinessPhone"}},
	}}
	got := VCardReportText(rep)
	if !strings.HasPrefix(got, "1 ajouté, 1 valeur écartée :\nligne 1 (John Doe) : ") || !strings.Contains(got, "« BusinessPhone »") {
		t.Errorf("got %q", got)
	}
}
