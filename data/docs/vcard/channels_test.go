package vcard

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"

	"loge/data/desk"
	"loge/data/store"
)

// A company card with eleven phones, five e-mails and two addresses of many kinds, as phone
// exports write them.
var manyLines = crlf(`
BEGIN:VCARD
VERSION:3.0
FN:Drouot Services
ORG:Drouot Services
TEL;TYPE=WORK,VOICE,PREF:+33 1 40 00 00 01
TEL;TYPE=WORK,FAX:+33 1 40 00 00 02
TEL;TYPE=CELL:+33 6 00 00 00 03
TEL;TYPE=HOME:+33 1 40 00 00 04
TEL;TYPE=PAGER:+33 1 40 00 00 05
TEL;TYPE=X-RESERVATIONS:+33 1 40 00 00 06
TEL;TYPE=MAIN:+33 1 40 00 00 07
TEL:+33 1 40 00 00 08
TEL;WORK;VOICE:+33 1 40 00 00 09
TEL;TYPE=TEXT:+33 6 00 00 00 10
TEL;VALUE=uri;TYPE=video:tel:+33-1-40-00-00-11
EMAIL;TYPE=INTERNET,WORK,PREF:resa@drouot.example
EMAIL;TYPE=INTERNET,HOME:home@drouot.example
EMAIL;TYPE=INTERNET:plain@drouot.example
EMAIL;TYPE=X-RESERVATIONS:booking@drouot.example
EMAIL:mailto:other@drouot.example
ADR;TYPE=WORK:;;9 rue Drouot;Paris;;75009;France
ADR;TYPE=HOME:;;1 rue de la République;Lyon;;69001;France
END:VCARD
BEGIN:VCARD
VERSION:3.0
N:Roux;Inès;;;
FN:Inès Roux
ORG:Drouot Services
TEL;TYPE=CELL:+33 6 22 00 00 01
TEL;TYPE=WORK:+33 1 40 00 00 21
TEL;TYPE=WORK,FAX:+33 1 40 00 00 22
EMAIL;TYPE=WORK:ines@drouot.example
EMAIL;TYPE=HOME:ines.roux@example.org
END:VCARD
`)

var wantKinds = []string{
	"phone work +33 1 40 00 00 01", "phone fax +33 1 40 00 00 02", "phone mobile +33 6 00 00 00 03",
	"phone home +33 1 40 00 00 04", "phone pager +33 1 40 00 00 05", "phone reservations +33 1 40 00 00 06",
	"phone main +33 1 40 00 00 07", "phone other +33 1 40 00 00 08", "phone work +33 1 40 00 00 09",
	"phone text +33 6 00 00 00 10", "phone video +33-1-40-00-00-11",
	"email work resa@drouot.example", "email home home@drouot.example", "email other plain@drouot.example",
	"email reservations booking@drouot.example", "email other other@drouot.example",
	"address work 9 rue Drouot\nFrance", "address home 1 rue de la République\n69001 Lyon\nFrance",
}

func channelLines(cs []desk.Channel) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.Medium+" "+c.Kind+" "+c.Value)
	}
	return out
}

func channelCount(t *testing.T, st *store.Store) int {
	t.Helper()
	n := 0
	vs, _ := st.Vendors(context.Background(), store.VendorFilter{})
	for _, v := range vs {
		n += len(v.Channels)
		for _, c := range contactsOf(t, st, v.ID) {
			n += len(c.Channels)
		}
	}
	return n
}

// Every TEL, EMAIL and ADR of a card survives import → export → import with its kind, and the
// same card imported again adds no row.
func TestEveryPhoneAndEmailSurvivesImportExport(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	rep := importString(t, st, manyLines, ImportOptions{})
	if rep.Added != 2 || len(rep.Problems) != 0 {
		t.Fatalf("import %+v", rep)
	}
	v := vendorNamed(t, st, "Drouot Services")
	if got := channelLines(v.Channels); fmt.Sprintf("%q", got) != fmt.Sprintf("%q", wantKinds) {
		t.Fatalf("channels\n got  %q\n want %q", got, wantKinds)
	}
	if v.Phone != "+33 1 40 00 00 01" || v.Email != "resa@drouot.example" || v.City != "75009 Paris" {
		t.Errorf("first values %q %q %q", v.Phone, v.Email, v.City)
	}
	cs := contactsOf(t, st, v.ID)
	if len(cs) != 1 || len(cs[0].Channels) != 5 || cs[0].Phone != "+33 6 22 00 00 01" {
		t.Fatalf("contact %+v", cs)
	}
	before := channelCount(t, st)

	t.Run("the same card again adds nothing", func(t *testing.T) {
		again := importString(t, st, manyLines, ImportOptions{})
		if again.Added != 0 || again.Updated != 0 || again.Duplicates != 2 {
			t.Errorf("re-import %+v", again)
		}
		if n := channelCount(t, st); n != before {
			t.Errorf("%d channels after a re-import, want %d", n, before)
		}
	})

	for _, version := range []string{"3.0", "4.0"} {
		t.Run("export "+version, func(t *testing.T) {
			var buf bytes.Buffer
			if _, err := Export(ctx, st, &buf, nil, version); err != nil {
				t.Fatal(err)
			}
			out := strings.ReplaceAll(buf.String(), "\r\n ", "") // unfolded
			if n := strings.Count(out, "\nTEL"); n != 11+3 {
				t.Errorf("%d TEL lines, want 14:\n%s", n, out)
			}
			if n := strings.Count(out, "\nEMAIL"); n != 5+2 {
				t.Errorf("%d EMAIL lines, want 7", n)
			}
			for _, s := range []string{"FAX", "CELL", "X-RESERVATIONS", "PAGER", "HOME"} {
				if version == "4.0" {
					s = strings.ToLower(s)
				}
				if s = "TYPE=" + s; !strings.Contains(out, s) {
					t.Errorf("export lacks %s", s)
				}
			}
			dst := openStore(t)
			rep := importString(t, dst, buf.String(), ImportOptions{})
			if rep.Added != 2 || len(rep.Problems) != 0 {
				t.Fatalf("import of the export %+v", rep)
			}
			back := vendorNamed(t, dst, "Drouot Services")
			if got := channelLines(back.Channels); fmt.Sprintf("%q", got) != fmt.Sprintf("%q", wantKinds) {
				t.Errorf("channels back\n got  %q\n want %q", got, wantKinds)
			}
			if back.City != v.City {
				t.Errorf("city back %q", back.City)
			}
			bc := contactsOf(t, dst, back.ID)
			if len(bc) != 1 || fmt.Sprint(channelLines(bc[0].Channels)) != fmt.Sprint(channelLines(cs[0].Channels)) {
				t.Errorf("contact back %+v, want %+v", bc, cs)
			}
			if again := importString(t, dst, buf.String(), ImportOptions{}); again.Added != 0 || again.Updated != 0 {
				t.Errorf("the export imported twice: %+v", again)
			}
			if n := channelCount(t, dst); n != before {
				t.Errorf("%d channels in the copy, want %d", n, before)
			}
		})
	}
}
