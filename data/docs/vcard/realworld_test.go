package vcard

import (
	"testing"
)

// What phone exports really hold (issue: vCard import loses data without a word).

// A card with only an e-mail address is named from it, not refused as nameless.
func TestImportEmailOnlyCardIsNamedFromItsAddress(t *testing.T) {
	st := openStore(t)
	rep := importString(t, st, crlf(`
BEGIN:VCARD
VERSION:3.0
EMAIL;TYPE=INTERNET:reservations@lejardin.example
END:VCARD
`), ImportOptions{})
	if rep.Added != 1 || len(rep.Problems) != 0 {
		t.Fatalf("report %+v", rep)
	}
	if v := vendorNamed(t, st, "reservations@lejardin.example"); v.Email != "reservations@lejardin.example" {
		t.Fatalf("vendor %+v", v)
	}
}

// Several people of one company sharing its switchboard and booking address are each a contact
// of one vendor, not one person kept and the others merged into them.
func TestImportColleaguesOfOneCompanyStayApart(t *testing.T) {
	st := openStore(t)
	rep := importString(t, st, crlf(`
BEGIN:VCARD
VERSION:3.0
N:Martin;Sophie;;;
FN:Sophie Martin
ORG:Prestige Chauffeurs Paris
TEL;TYPE=WORK:+33 1 40 00 00 00
EMAIL;TYPE=WORK:booking@prestige.example
END:VCARD
BEGIN:VCARD
VERSION:3.0
N:Leroy;Paul;;;
FN:Paul Leroy
ORG:Prestige Chauffeurs Paris
TEL;TYPE=WORK:+33 1 40 00 00 00
EMAIL;TYPE=WORK:booking@prestige.example
END:VCARD
BEGIN:VCARD
VERSION:3.0
N:Martin;Sophie;;;
FN:Sophie Martin
ORG:Prestige Chauffeurs Paris
TEL;TYPE=CELL:+33 6 11 22 33 44
END:VCARD
`), ImportOptions{})
	v := vendorNamed(t, st, "Prestige Chauffeurs Paris")
	cs := contactsOf(t, st, v.ID)
	if countVendors(t, st) != 1 || len(cs) != 2 {
		t.Fatalf("report %+v: %d vendors, contacts %+v", rep, countVendors(t, st), cs)
	}
	names := map[string]bool{}
	for _, c := range cs {
		names[c.Name] = true
	}
	if !names["Sophie Martin"] || !names["Paul Leroy"] {
		t.Fatalf("contacts %+v", cs)
	}
}

// An unquoted ':' inside ADR's LABEL parameter (Apple and Android write them) does not leak the
// rest of the label into the address.
func TestImportAddressLabelWithAColon(t *testing.T) {
	st := openStore(t)
	importString(t, st, crlf(`
BEGIN:VCARD
VERSION:3.0
FN:Galerie Vivienne
ORG:Galerie Vivienne
ADR;TYPE=WORK;LABEL=4 rue des Petits-Champs\n75002 Paris: entrée côté jardin:;;4 rue des Petits-Champs;Paris;;75002;France
END:VCARD
`), ImportOptions{})
	v := vendorNamed(t, st, "Galerie Vivienne")
	if v.Address != "4 rue des Petits-Champs\nFrance" || v.City != "75002 Paris" {
		t.Fatalf("address %q, city %q", v.Address, v.City)
	}
}

// A value the desk refuses (Outlook 2003's "BusinessPhone" placeholder, an e-mail without @) is
// left out and named in the report; the card still imports with every other phone and address.
func TestImportDropsOnlyTheBadValue(t *testing.T) {
	st := openStore(t)
	rep := importString(t, st, crlf(`
BEGIN:VCARD
VERSION:2.1
N:Doe;John
FN:John Doe
ORG:Limousines Doe
TEL;WORK;VOICE:BusinessPhone
TEL;WORK;VOICE:+33 1 40 00 00 09
EMAIL;INTERNET:nobody
EMAIL;INTERNET:john@doe.example
END:VCARD
`), ImportOptions{})
	if rep.Added != 1 || len(rep.Problems) != 0 || len(rep.Dropped) != 2 || rep.Dropped[0].Line != 1 {
		t.Fatalf("report %+v", rep)
	}
	v := vendorNamed(t, st, "Limousines Doe")
	cs := contactsOf(t, st, v.ID)
	if len(cs) != 1 || cs[0].Phone != "+33 1 40 00 00 09" || cs[0].Email != "john@doe.example" || len(cs[0].Channels) != 2 {
		t.Fatalf("contact %+v", cs)
	}
}
