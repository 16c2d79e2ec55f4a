package vcard

import (
	"bytes"
	"context"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"loge/data/desk"
	"loge/data/store"
	"loge/data/store/storetest"

	xunicode "golang.org/x/text/encoding/unicode"
)

func openStore(t testing.TB) *store.Store {
	t.Helper()
	return storetest.New(t)
}

// crlf writes a fixture the way Windows and Apple tools do.
func crlf(s string) string { return strings.ReplaceAll(strings.TrimLeft(s, "\n"), "\n", "\r\n") }

func importString(t *testing.T, st *store.Store, s string, opts ImportOptions) Report {
	t.Helper()
	rep, err := Import(context.Background(), st, strings.NewReader(s), opts)
	if err != nil {
		t.Fatalf("import: %v", err)
	}
	return rep
}

func vendorNamed(t *testing.T, st *store.Store, name string) desk.Vendor {
	t.Helper()
	vs, err := st.Vendors(context.Background(), store.VendorFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range vs {
		if v.Name == name {
			return v
		}
	}
	var names []string
	for _, v := range vs {
		names = append(names, v.Name)
	}
	t.Fatalf("no vendor %q among %q", name, names)
	return desk.Vendor{}
}

func contactsOf(t *testing.T, st *store.Store, vendorID string) []desk.VendorContact {
	t.Helper()
	cs, err := st.VendorContacts(context.Background(), vendorID)
	if err != nil {
		t.Fatal(err)
	}
	return cs
}

func countVendors(t *testing.T, st *store.Store) int {
	t.Helper()
	vs, err := st.Vendors(context.Background(), store.VendorFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return len(vs)
}

// outlook21 is what Outlook's "Save as vCard" writes: 2.1, ISO-8859-1 in quoted-printable with soft
// line breaks, bare TYPE parameters. The second card has raw Windows-1252 bytes and no CHARSET.
var outlook21 = crlf(`
BEGIN:VCARD
VERSION:2.1
N;LANGUAGE=fr;CHARSET=iso-8859-1;ENCODING=QUOTED-PRINTABLE:Ch=E2teau;Marc
FN;CHARSET=iso-8859-1;ENCODING=QUOTED-PRINTABLE:Marc Ch=E2teau
ORG;CHARSET=iso-8859-1;ENCODING=QUOTED-PRINTABLE:Brasserie de l'=C9toile
TITLE;CHARSET=iso-8859-1;ENCODING=QUOTED-PRINTABLE:Ma=EEtre d'h=F4tel
TEL;WORK;VOICE:+33 1 42 65 00 00
TEL;CELL;VOICE:+33 6 12 34 56 78
TEL;WORK;FAX:+33 1 42 65 00 01
ADR;WORK;PREF;CHARSET=iso-8859-1;ENCODING=QUOTED-PRINTABLE:;;12 rue du Ch=E2teau;Paris;;75008;France
LABEL;WORK;PREF;CHARSET=iso-8859-1;ENCODING=QUOTED-PRINTABLE:12 rue du Ch=E2teau=0D=0A=
Paris 75008
EMAIL;PREF;INTERNET:marc@etoile.example
NOTE;CHARSET=iso-8859-1;ENCODING=QUOTED-PRINTABLE:Salle priv=E9e de 12 couverts, terrasse chauff=E9e.=0D=0AFerm=
=E9 le lundi.
CATEGORIES:Restaurant
X-MS-OL-DEFAULT-POSTAL-ADDRESS:2
PHOTO;TYPE=JPEG;ENCODING=BASE64:
 /9j/4AAQSkZJRgABAQEAYABgAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRofHh0a

REV:20240101T120000Z
END:VCARD
BEGIN:VCARD
VERSION:2.1
N:;;;;
FN:Fleuriste Ana` + "\xef" + `s
ORG;CHARSET=ISO-8859-1:L` + "\x92" + `Atelier d` + "\x92" + `Ana` + "\xef" + `s
TEL;WORK:01 45 00 11 22
NOTE:Livraison le matin, tarif sp` + "\xe9" + `cial h` + "\xf4" + `tel
CATEGORIES:Fleuriste
END:VCARD
`)

// apple30 is a macOS Contacts export: 3.0, grouped properties, commas and semicolons escaped.
var apple30 = crlf(`
BEGIN:VCARD
VERSION:3.0
PRODID:-//Apple Inc.//macOS 14.0//EN
N:;;;;
FN:Taxis Parisiens\, VTC & Limousines
ORG:Taxis Parisiens\, VTC & Limousines;
item1.TEL;type=pref:+33 1 45 30 30 30
item2.EMAIL;type=INTERNET;type=WORK;type=pref:resa@taxis.example
item3.ADR;type=WORK;type=pref:;;8\, avenue de l'Opéra\, bâtiment B;Paris;;75001;
item3.X-ABADR:fr
NOTE:Chauffeurs anglophones\, sièges bébé\; réserver 24 h avant.\nCarte acceptée.
item4.URL;type=pref:https\://taxis.example/fr
X-ABShowAs:COMPANY
CATEGORIES:Chauffeur,Paris
END:VCARD
`)

// rfc40 is a 4.0 file: a company, then a person working there.
var rfc40 = crlf(`
BEGIN:VCARD
VERSION:4.0
KIND:org
FN:Spa Élysées
ORG:Spa Élysées
TEL;VALUE=uri;TYPE="voice,work";PREF=1:tel:+33-1-53-00-00-00
EMAIL;TYPE=work:contact@spa.example
ADR;TYPE=work;LABEL="3 rue Balzac\n75008 Paris":;;3 rue Balzac;Paris;;75008;
URL:https://spa.example
CATEGORIES:spa,bien-être
LANG;PREF=1:fr
LANG;PREF=2:en
END:VCARD
BEGIN:VCARD
VERSION:4.0
FN:Claire Dubois
N:Dubois;Claire;;;
ORG:Spa Élysées
TITLE:Responsable des réservations
TEL;VALUE=uri;TYPE=cell:tel:+33-6-20-00-00-00
EMAIL;TYPE=work:claire@spa.example
END:VCARD
`)

func TestImportOutlook21QuotedPrintableLatin1(t *testing.T) {
	st := openStore(t)
	rep := importString(t, st, outlook21, ImportOptions{})
	if rep.Added != 2 || rep.Updated != 0 || rep.Duplicates != 0 || len(rep.Problems) != 0 {
		t.Fatalf("report %+v", rep)
	}
	v := vendorNamed(t, st, "Brasserie de l'Étoile")
	if v.Category != "restaurant" || v.Status != desk.VendorApproved {
		t.Errorf("category/status %q %q", v.Category, v.Status)
	}
	// A person's card made the company a vendor, which takes the work line (not the fax, not the mobile).
	if v.Phone != "+33 1 42 65 00 00" || v.Email != "marc@etoile.example" {
		t.Errorf("vendor phone/email %q %q", v.Phone, v.Email)
	}
	if v.Address != "12 rue du Château\nFrance" || v.City != "75008 Paris" {
		t.Errorf("address %q city %q", v.Address, v.City)
	}
	cs := contactsOf(t, st, v.ID)
	if len(cs) != 1 {
		t.Fatalf("contacts %+v", cs)
	}
	c := cs[0]
	if c.Name != "Marc Château" || c.Role != "Maître d'hôtel" || c.Phone != "+33 6 12 34 56 78" || c.Email != "marc@etoile.example" {
		t.Errorf("contact %+v", c)
	}
	if c.Notes != "Salle privée de 12 couverts, terrasse chauffée.\nFermé le lundi." {
		t.Errorf("contact notes %q", c.Notes)
	}
	// Windows-1252 bytes: labelled ISO-8859-1 (’ is 0x92) and unlabelled (ï).
	f := vendorNamed(t, st, "L’Atelier d’Anaïs")
	if f.Category != "florist" || f.Phone != "01 45 00 11 22" || f.Notes != "Livraison le matin, tarif spécial hôtel" {
		t.Errorf("florist %+v", f)
	}
	if len(rep.Vendors) != 2 {
		t.Errorf("vendors touched %v", rep.Vendors)
	}
}

func TestImportApple30EscapedCommas(t *testing.T) {
	st := openStore(t)
	rep := importString(t, st, apple30, ImportOptions{})
	if rep.Added != 1 || len(rep.Problems) != 0 {
		t.Fatalf("report %+v", rep)
	}
	v := vendorNamed(t, st, "Taxis Parisiens, VTC & Limousines")
	want := desk.Vendor{Category: "transport", Phone: "+33 1 45 30 30 30", Email: "resa@taxis.example",
		Address: "8, avenue de l'Opéra, bâtiment B", City: "75001 Paris", Website: "https://taxis.example/fr",
		Notes: "Chauffeurs anglophones, sièges bébé; réserver 24 h avant.\nCarte acceptée."}
	if v.Category != want.Category || v.Phone != want.Phone || v.Email != want.Email || v.Address != want.Address ||
		v.City != want.City || v.Website != want.Website || v.Notes != want.Notes {
		t.Errorf("got  %+v\nwant %+v", v, want)
	}
	if cs := contactsOf(t, st, v.ID); len(cs) != 0 {
		t.Errorf("a company card made contacts %+v", cs)
	}
}

func TestImport40CompanyThenPerson(t *testing.T) {
	st := openStore(t)
	rep := importString(t, st, rfc40, ImportOptions{})
	if rep.Added != 2 || len(rep.Problems) != 0 || countVendors(t, st) != 1 {
		t.Fatalf("report %+v, %d vendors", rep, countVendors(t, st))
	}
	v := vendorNamed(t, st, "Spa Élysées")
	if v.Category != "spa" || v.Phone != "+33-1-53-00-00-00" || v.Languages != "fr,en" || v.City != "75008 Paris" || v.Address != "3 rue Balzac" {
		t.Errorf("vendor %+v", v)
	}
	cs := contactsOf(t, st, v.ID)
	if len(cs) != 1 || cs[0].Name != "Claire Dubois" || cs[0].Role != "Responsable des réservations" || cs[0].Phone != "+33-6-20-00-00-00" {
		t.Errorf("contacts %+v", cs)
	}
}

func TestImportCategoriesFrenchWordsAndDefault(t *testing.T) {
	st := openStore(t)
	var b strings.Builder
	cases := map[string]string{
		"Billetterie":        "tickets",
		"Visite guidée":      "tours",
		"Taxi":               "transport",
		"FLEURISTE":          "florist",
		"Bien-être":          "wellness",
		"VIP,Restaurant":     "restaurant",
		"VIP":                "nightlife", // opts.Category
		"":                   "nightlife",
		"Clients;Spa urbain": "spa",
	}
	i := 0
	for cat := range cases {
		i++
		b.WriteString("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Vendor " + string(rune('A'+i)) + "\r\n")
		if cat != "" {
			b.WriteString("CATEGORIES:" + cat + "\r\n")
		}
		b.WriteString("NOTE:" + cat + "\r\nEND:VCARD\r\n")
	}
	rep := importString(t, st, b.String(), ImportOptions{Category: "nightlife"})
	if rep.Added != len(cases) {
		t.Fatalf("report %+v", rep)
	}
	vs, _ := st.Vendors(context.Background(), store.VendorFilter{})
	for _, v := range vs {
		if want := cases[v.Notes]; v.Category != want {
			t.Errorf("CATEGORIES:%s → %s, want %s", v.Notes, v.Category, want)
		}
	}
	if _, err := Import(context.Background(), st, strings.NewReader(apple30), ImportOptions{Category: "casino"}); err == nil {
		t.Error("unknown default category accepted")
	}
}

// brokenAmongGood has good cards around broken ones; each broken one is reported with the line of
// its BEGIN:VCARD and the rest import.
var brokenAmongGood = strings.Join([]string{
	"BEGIN:VCARD", // 1
	"VERSION:3.0",
	"FN:Bon Premier",
	"TEL:01 40 00 00 01",
	"END:VCARD",
	"BEGIN:VCARD", // 6: a line that is no property
	"VERSION:3.0",
	"FN:Cassé",
	"this line is not a property",
	"END:VCARD",
	"BEGIN:VCARD", // 11: no END before the next card
	"VERSION:3.0",
	"FN:Sans Fin",
	"BEGIN:VCARD", // 14
	"VERSION:3.0",
	"FN:Bon Second",
	"END:VCARD",
	"BEGIN:VCARD", // 18: no name at all
	"VERSION:3.0",
	"TEL:01 40 00 00 09",
	"END:VCARD",
	"BEGIN:VCARD", // 22: base64 that is not
	"VERSION:2.1",
	"FN:Mauvais Base64",
	"NOTE;ENCODING=BASE64:!!!pas du base64!!!",
	"END:VCARD",
	"BEGIN:VCARD", // 27: unknown charset
	"VERSION:2.1",
	"FN;CHARSET=x-klingon:Qapla",
	"END:VCARD",
	"",
	"garbage between cards", // 32
	"more garbage",
	"BEGIN:VCARD", // 34
	"VERSION:4.0",
	"FN:Bon Troisième",
	"END:VCARD",
	"BEGIN:VCARD", // 38: cut short by the end of the file
	"VERSION:4.0",
	"FN:Tronqué",
}, "\r\n")

func TestImportBrokenCardAmongGood(t *testing.T) {
	st := openStore(t)
	rep := importString(t, st, brokenAmongGood, ImportOptions{})
	if rep.Added != 3 {
		t.Errorf("added %d, want 3", rep.Added)
	}
	for _, n := range []string{"Bon Premier", "Bon Second", "Bon Troisième"} {
		vendorNamed(t, st, n)
	}
	type want struct {
		line int
		err  error
		name string
	}
	wants := []want{{6, ErrBadLine, "Cassé"}, {11, ErrNoEnd, "Sans Fin"}, {18, nil, ""}, {22, ErrEncoding, "Mauvais Base64"},
		{27, ErrCharset, ""}, {32, ErrNotVCard, ""}, {38, ErrNoEnd, "Tronqué"}}
	if len(rep.Problems) != len(wants) {
		for _, p := range rep.Problems {
			t.Log(p)
		}
		t.Fatalf("%d problems, want %d", len(rep.Problems), len(wants))
	}
	for i, w := range wants {
		p := rep.Problems[i]
		if p.Line != w.line || (w.err != nil && !errors.Is(p.Err, w.err)) || (w.name != "" && p.Name != w.name) {
			t.Errorf("problem %d: %v; want line %d %v %q", i, p, w.line, w.err, w.name)
		}
	}
	var le *LineError
	if !errors.As(rep.Problems[0].Err, &le) || le.Line != 9 {
		t.Errorf("bad line not pointed at: %v", rep.Problems[0].Err)
	}
	var ve *desk.ValidationError
	if !errors.As(rep.Problems[2].Err, &ve) || ve.Field != "Name" || ve.Code != desk.CodeRequired {
		t.Errorf("nameless card: %v", rep.Problems[2].Err)
	}
	if !errors.As(rep.Problems[4].Err, &le) || le.Detail != "x-klingon" {
		t.Errorf("charset: %v", rep.Problems[4].Err)
	}
}

func TestImportEmptyAndNotVCard(t *testing.T) {
	st := openStore(t)
	rep := importString(t, st, "\r\n\r\n", ImportOptions{})
	if len(rep.Problems) != 1 || !errors.Is(rep.Problems[0].Err, ErrNoCards) || rep.Problems[0].Line != 0 {
		t.Errorf("empty file: %+v", rep)
	}
	rep = importString(t, st, "Name,Phone\nLe Cinq,0149527154\n", ImportOptions{})
	if len(rep.Problems) != 1 || !errors.Is(rep.Problems[0].Err, ErrNotVCard) || rep.Problems[0].Line != 1 {
		t.Errorf("CSV file: %+v", rep)
	}
}

func TestImportDuplicates(t *testing.T) {
	st := openStore(t)
	all := outlook21 + apple30 + rfc40
	first := importString(t, st, all, ImportOptions{})
	if first.Added != 5 || len(first.Problems) != 0 {
		t.Fatalf("first import %+v", first)
	}
	nv := countVendors(t, st)
	again := importString(t, st, all, ImportOptions{})
	if again.Added != 0 || again.Updated != 0 || again.Duplicates != 5 || len(again.Problems) != 0 || len(again.Vendors) != 0 {
		t.Errorf("re-import %+v", again)
	}
	if n := countVendors(t, st); n != nv {
		t.Errorf("re-import changed the vendor count %d → %d", nv, n)
	}
	if cs := contactsOf(t, st, vendorNamed(t, st, "Spa Élysées").ID); len(cs) != 1 {
		t.Errorf("contacts doubled: %+v", cs)
	}

	// Same name in another case and without accents, another apostrophe: a duplicate that fills the
	// empty website. Same phone under another name, same e-mail under another name: duplicates.
	more := crlf(`
BEGIN:VCARD
VERSION:3.0
FN:BRASSERIE DE L’ETOILE
ORG:BRASSERIE DE L’ETOILE
URL:https://etoile.example
TEL:+33 1 99 99 99 99
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Taxis de Paris
TEL:01 45 30 30 30
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Spa des Champs
EMAIL:CONTACT@spa.example
END:VCARD
`)
	rep := importString(t, st, more, ImportOptions{})
	if rep.Added != 0 || rep.Updated != 1 || rep.Duplicates != 2 || len(rep.Problems) != 0 {
		t.Errorf("near duplicates %+v", rep)
	}
	b := vendorNamed(t, st, "Brasserie de l'Étoile")
	if b.Website != "https://etoile.example" || b.Phone != "+33 1 42 65 00 00" {
		t.Errorf("filled %q, kept phone %q", b.Website, b.Phone)
	}
	if len(rep.Vendors) != 1 || rep.Vendors[0] != b.ID {
		t.Errorf("touched %v", rep.Vendors)
	}
	if n := countVendors(t, st); n != nv {
		t.Errorf("near duplicates created vendors: %d → %d", nv, n)
	}
}

func TestImportDryRunStoresNothing(t *testing.T) {
	st := openStore(t)
	rep := importString(t, st, outlook21+rfc40+brokenAmongGood, ImportOptions{DryRun: true})
	if rep.Added != 7 || len(rep.Problems) != 7 || len(rep.Vendors) != 0 {
		t.Errorf("dry run %+v", rep)
	}
	if n := countVendors(t, st); n != 0 {
		t.Errorf("dry run stored %d vendors", n)
	}
}

func TestImportUTF16(t *testing.T) {
	st := openStore(t)
	enc, err := xunicode.UTF16(xunicode.LittleEndian, xunicode.UseBOM).NewEncoder().String(apple30)
	if err != nil {
		t.Fatal(err)
	}
	rep := importString(t, st, enc, ImportOptions{})
	if rep.Added != 1 || len(rep.Problems) != 0 {
		t.Fatalf("UTF-16 %+v", rep)
	}
	vendorNamed(t, st, "Taxis Parisiens, VTC & Limousines")
}

// seedDesk fills a desk with vendors whose fields exercise escaping, folding and accents.
func seedDesk(t *testing.T, st *store.Store) {
	t.Helper()
	ctx := context.Background()
	vs := []desk.Vendor{
		{Name: "Chez Léon; Bar, Café", Category: "restaurant", Status: desk.VendorDoNotUse, StatusReason: "A perdu deux réservations; impoli",
			Phone: "+33 1 40 00 00 10", Email: "leon@example.fr", Address: "5, rue de l'Église\nCour intérieure", City: "75004 Paris",
			Website: "https://chez-leon.example/réserver?a=1,b=2", Hours: "12h–14h30, 19h–23h", Languages: "fr,en,it",
			CommissionTerms: "10 % sur l'addition; payé au mois", Notes: `Très long commentaire pour forcer le pliage des lignes à 75 octets : « crème brûlée », œufs, façade; chemin C:\Menus\été, fin.`},
		{Name: "Étoile Limousines", Category: "transport", Status: desk.VendorPreferred, Phone: "+33 6 11 22 33 44"},
		{Name: "Fleurs de Lys", Category: "florist", Status: desk.VendorClosed, StatusReason: "Retraite", City: "Lyon"},
		{Name: "Opéra Garnier — Billetterie", Category: "tickets", Status: desk.VendorApproved, Email: "billets@opera.example"},
	}
	for i := range vs {
		if err := st.CreateVendor(ctx, &vs[i]); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []desk.VendorContact{
		{VendorID: vs[0].ID, Name: "Léon Marchand", Role: "Patron, sommelier", Phone: "+33 6 00 00 00 01", Email: "l.marchand@example.fr", Notes: "Parle italien; préfère SMS"},
		{VendorID: vs[0].ID, Name: "Zoé", Role: "Maître d'hôtel"},
		{VendorID: vs[1].ID, Name: "Jean-Pierre de La Tour", Phone: "+33 6 99 88 77 66"},
	} {
		if err := st.CreateVendorContact(ctx, &c); err != nil {
			t.Fatal(err)
		}
	}
}

type snapshot struct {
	vendor   desk.Vendor
	contacts []desk.VendorContact
}

// withoutIDs are channels as a desk that imported them would hold them: ids are the desk's own.
func withoutIDs(cs []desk.Channel) []desk.Channel {
	out := slices.Clone(cs)
	for i := range out {
		out[i].ID = ""
	}
	return out
}

func deskSnapshot(t *testing.T, st *store.Store) map[string]snapshot {
	t.Helper()
	vs, err := st.Vendors(context.Background(), store.VendorFilter{})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]snapshot{}
	for _, v := range vs {
		cs := contactsOf(t, st, v.ID)
		for i := range cs {
			cs[i].ID, cs[i].VendorID, cs[i].UpdatedHLC = "", "", ""
			cs[i].Channels = withoutIDs(cs[i].Channels)
		}
		v.ID, v.UpdatedHLC = "", ""
		v.Channels = withoutIDs(v.Channels)
		out[v.Name] = snapshot{v, cs}
	}
	return out
}

func TestExportRoundTrip(t *testing.T) {
	ctx := context.Background()
	src := openStore(t)
	seedDesk(t, src)
	want := deskSnapshot(t, src)
	for _, version := range []string{"3.0", "4.0"} {
		t.Run(version, func(t *testing.T) {
			var buf bytes.Buffer
			n, err := Export(ctx, src, &buf, nil, version)
			if err != nil || n != 4 {
				t.Fatalf("export: %d, %v", n, err)
			}
			out := buf.String()
			for _, s := range []string{"VERSION:" + version + "\r\n", `Chez Léon\; Bar\, Café`, "X-LOGE-STATUS:do_not_use", "X-LOGE-CATEGORY:florist", "Étoile Limousines"} {
				if !strings.Contains(out, s) {
					t.Errorf("export lacks %q", s)
				}
			}
			if version == "4.0" && !strings.Contains(out, "KIND:org\r\n") {
				t.Error("4.0 export lacks KIND:org")
			}
			if !utf8.ValidString(out) {
				t.Error("export is not UTF-8")
			}
			for _, l := range strings.Split(out, "\r\n") {
				if len(l) > 75 {
					t.Errorf("line of %d octets: %q", len(l), l)
				}
			}
			if strings.Count(out, "BEGIN:VCARD") != 7 {
				t.Errorf("%d cards, want 4 vendors + 3 contacts", strings.Count(out, "BEGIN:VCARD"))
			}

			dst := openStore(t)
			rep, err := Import(ctx, dst, strings.NewReader(out), ImportOptions{})
			if err != nil || rep.Added != 7 || len(rep.Problems) != 0 {
				t.Fatalf("re-import: %+v, %v", rep, err)
			}
			got := deskSnapshot(t, dst)
			if len(got) != len(want) {
				t.Fatalf("%d vendors back, want %d", len(got), len(want))
			}
			for name, w := range want {
				g, ok := got[name]
				if !ok {
					t.Errorf("vendor %q lost", name)
					continue
				}
				if !reflect.DeepEqual(g.vendor, w.vendor) {
					t.Errorf("vendor back\n got  %+v\n want %+v", g.vendor, w.vendor)
				}
				if len(g.contacts) != len(w.contacts) {
					t.Errorf("%s: contacts %+v, want %+v", name, g.contacts, w.contacts)
					continue
				}
				for i := range w.contacts {
					if !reflect.DeepEqual(g.contacts[i], w.contacts[i]) {
						t.Errorf("contact back\n got  %+v\n want %+v", g.contacts[i], w.contacts[i])
					}
				}
			}
			// The same file into the desk it came from: all duplicates.
			rep, err = Import(ctx, src, strings.NewReader(out), ImportOptions{})
			if err != nil || rep.Added != 0 || rep.Updated != 0 || rep.Duplicates != 7 {
				t.Errorf("re-import into the source desk: %+v, %v", rep, err)
			}
		})
	}
}

func TestExportChosenVendorsAndVersion(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	seedDesk(t, st)
	v := vendorNamed(t, st, "Fleurs de Lys")
	var buf bytes.Buffer
	n, err := Export(ctx, st, &buf, []string{v.ID, "no-such-id"}, "")
	if err != nil || n != 1 || strings.Count(buf.String(), "BEGIN:VCARD") != 1 || !strings.Contains(buf.String(), "VERSION:3.0") {
		t.Errorf("one vendor: %d, %v\n%s", n, err, buf.String())
	}
	if _, err := Export(ctx, st, &buf, nil, "2.1"); !errors.Is(err, ErrVersion) {
		t.Errorf("version 2.1: %v", err)
	}
}

// FuzzImport reads any file as a vCard import, on real desks. Whatever the bytes:
//   - Import does not fail (a broken card is a Problem, with its error);
//   - a dry run tells the truth: importing for real adds, updates and finds duplicates in the
//     same numbers, with the same problems;
//   - what was imported exports as valid UTF-8, and importing that export into the same desk
//     again adds nothing and finds no problem (a round trip never duplicates the vendor book).
//
// Seeds: testdata/fuzz/FuzzImport and the ones below.
func FuzzImport(f *testing.F) {
	for _, s := range []string{outlook21, apple30, rfc40, brokenAmongGood, "BEGIN:VCARD\r\nEND:VCARD\r\n",
		"BEGIN:VCARD\nN;ENCODING=QUOTED-PRINTABLE:=\n=\nEND:VCARD", "BEGIN:VCARD\nFN;\"a:b\"=\":x\nORG:\\\nEND:VCARD",
		"BEGIN:VCARD\nVERSION:3.0\nFN:A\nORG:B\nEND:VCARD\nBEGIN:VCARD\nVERSION:3.0\nFN:a\nORG:b\nEND:VCARD\n",
		"BEGIN:VCARD\nVERSION:4.0\nKIND:org\nFN:Caf\xe9\nTEL:+33 1\nEMAIL:x@y\nEND:VCARD\n"} {
		f.Add([]byte(s))
	}
	st := openStore(f)
	ctx := context.Background()
	f.Fuzz(func(t *testing.T, b []byte) {
		rep, err := Import(ctx, st, bytes.NewReader(b), ImportOptions{DryRun: true})
		if err != nil {
			t.Fatalf("import: %v", err)
		}
		for _, p := range rep.Problems {
			if p.Err == nil {
				t.Fatalf("problem without error: %+v", p)
			}
			_ = p.String()
		}
		if rep.Added+rep.Updated == 0 {
			return // nothing a real import would store: no desk needed
		}
		dst := openStore(t)
		real, err := Import(ctx, dst, bytes.NewReader(b), ImportOptions{})
		if err != nil {
			t.Fatalf("import: %v", err)
		}
		if real.Added != rep.Added || real.Updated != rep.Updated || real.Duplicates != rep.Duplicates || len(real.Problems) != len(rep.Problems) {
			t.Fatalf("dry run %d added, %d updated, %d duplicates, problems %v\nreal    %d added, %d updated, %d duplicates, problems %v",
				rep.Added, rep.Updated, rep.Duplicates, rep.Problems, real.Added, real.Updated, real.Duplicates, real.Problems)
		}
		var out bytes.Buffer
		if _, err := Export(ctx, dst, &out, nil, ""); err != nil {
			t.Fatalf("export: %v", err)
		}
		if !utf8.Valid(out.Bytes()) {
			t.Fatalf("export not UTF-8:\n%q", out.Bytes())
		}
		again, err := Import(ctx, dst, bytes.NewReader(out.Bytes()), ImportOptions{})
		if err != nil || again.Added != 0 || len(again.Problems) != 0 {
			t.Fatalf("re-import of the export: %d added, %d updated, problems %v, %v\n%s", again.Added, again.Updated, again.Problems, err, out.Bytes())
		}
	})
}
