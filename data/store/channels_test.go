package store

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"loge/data/desk"
)

func hitIDs(t *testing.T, s *Store, q, kind string) []string {
	t.Helper()
	hits, err := s.Search(context.Background(), q, 10)
	if err != nil {
		t.Fatalf("search %q: %v", q, err)
	}
	var out []string
	for _, h := range hits {
		if h.Kind == kind {
			out = append(out, h.ID)
		}
	}
	return out
}

func TestVendorChannels(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	v := desk.Vendor{Name: "Le Jules Verne", Category: "restaurant", City: "Paris", Channels: []desk.Channel{
		{Medium: desk.MediumPhone, Kind: desk.ChannelReservations, Value: "+33 1 83 77 34 34"},
		{Medium: desk.MediumPhone, Kind: desk.ChannelFax, Value: "+33 1 83 77 34 35"},
		{Medium: desk.MediumEmail, Kind: desk.ChannelWork, Value: "resa@lejulesverne.fr"},
		{Medium: desk.MediumEmail, Kind: desk.ChannelHome, Value: "chef@lejulesverne.fr"},
		{Medium: desk.MediumAddress, Kind: desk.ChannelWork, Value: "Tour Eiffel, 2e étage"},
		{Medium: desk.MediumPhone, Kind: desk.ChannelMobile, Value: "  "}, // a blank form row
	}}
	if err := s.CreateVendor(ctx, &v); err != nil {
		t.Fatal(err)
	}
	got, err := s.Vendor(ctx, v.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Channels) != 5 || got.Phone != "+33 1 83 77 34 34" || got.Email != "resa@lejulesverne.fr" || got.Address != "Tour Eiffel, 2e étage" {
		t.Fatalf("stored %+v", got)
	}
	if got.Channels[1].Kind != desk.ChannelFax || got.Channels[1].ID == "" {
		t.Fatalf("second phone %+v", got.Channels[1])
	}

	t.Run("every phone and e-mail is found", func(t *testing.T) {
		for _, q := range []string{"34 35", "+33183773435", "chef@lejulesverne.fr", "resa"} {
			if ids := hitIDs(t, s, q, "vendor"); len(ids) != 1 || ids[0] != v.ID {
				t.Errorf("search %q: %v", q, ids)
			}
		}
	})

	t.Run("remove, reorder and add in one save", func(t *testing.T) {
		upd := got
		upd.Channels = []desk.Channel{got.Channels[3], got.Channels[0],
			{Medium: desk.MediumPhone, Kind: desk.ChannelMobile, Value: "06 12 34 56 78"}}
		mark := lastSeq(t, s)
		if err := s.UpdateVendor(ctx, &upd); err != nil {
			t.Fatal(err)
		}
		again, _ := s.Vendor(ctx, v.ID)
		if len(again.Channels) != 3 || again.Email != "chef@lejulesverne.fr" || again.Address != "" || again.Phone != "+33 1 83 77 34 34" {
			t.Fatalf("after the save %+v", again)
		}
		if again.Channels[0].ID != got.Channels[3].ID {
			t.Errorf("a kept row changed id: %+v", again.Channels)
		}
		ops := changesAfter(t, s, mark)
		dels := 0
		for _, o := range ops {
			if o.Entity == "channel" && o.Field == tombstone {
				dels++
			}
		}
		if dels != 3 {
			t.Errorf("%d channels tombstoned, want 3 (fax, work e-mail, address): %+v", dels, ops)
		}
		if ids := hitIDs(t, s, "+33183773435", "vendor"); len(ids) != 0 {
			t.Errorf("the removed fax still finds the vendor")
		}
		mark = lastSeq(t, s)
		if err := s.UpdateVendor(ctx, &again); err != nil {
			t.Fatal(err)
		}
		if ops := changesAfter(t, s, mark); len(ops) != 0 {
			t.Errorf("a save that changes nothing wrote %+v", ops)
		}
	})

	t.Run("a caller that knows only the phone adds it", func(t *testing.T) {
		cur, _ := s.Vendor(ctx, v.ID)
		old := desk.Vendor{ID: v.ID, Name: cur.Name, Category: cur.Category, Status: cur.Status, City: cur.City,
			Phone: "01 45 55 61 44", Email: cur.Email}
		if err := s.UpdateVendor(ctx, &old); err != nil {
			t.Fatal(err)
		}
		after, _ := s.Vendor(ctx, v.ID)
		if len(after.Channels) != len(cur.Channels)+1 || after.Phone != "01 45 55 61 44" {
			t.Fatalf("want the new phone first and the others kept: %+v", after.Channels)
		}
	})

	t.Run("a bad e-mail is refused with its field", func(t *testing.T) {
		bad := desk.Vendor{Name: "X", Category: "spa", Channels: []desk.Channel{{Medium: desk.MediumEmail, Kind: "work", Value: "resa at x.fr"}}}
		var ve *desk.ValidationError
		if err := s.CreateVendor(ctx, &bad); !errors.As(err, &ve) || ve.Field != "Email" || ve.Code != desk.CodeBadEmail {
			t.Fatalf("got %v", err)
		}
		bad.Channels = []desk.Channel{{Medium: desk.MediumPhone, Kind: "work", Value: "n/a"}}
		if err := s.CreateVendor(ctx, &bad); !errors.As(err, &ve) || ve.Field != "Phone" || ve.Code != desk.CodeBadPhone {
			t.Fatalf("got %v", err)
		}
	})

	t.Run("contacts keep theirs, found through their vendor", func(t *testing.T) {
		c := desk.VendorContact{VendorID: v.ID, Name: "Frédéric Anton", Channels: []desk.Channel{
			{Medium: desk.MediumPhone, Kind: desk.ChannelMobile, Value: "07 11 22 33 44"},
			{Medium: desk.MediumEmail, Kind: desk.ChannelWork, Value: "f.anton@lejulesverne.fr"},
			{Medium: desk.MediumEmail, Kind: desk.ChannelHome, Value: "fred@example.org"}}}
		if err := s.CreateVendorContact(ctx, &c); err != nil {
			t.Fatal(err)
		}
		cs, _ := s.VendorContacts(ctx, v.ID)
		if len(cs) != 1 || len(cs[0].Channels) != 3 || cs[0].Phone != "07 11 22 33 44" || cs[0].Email != "f.anton@lejulesverne.fr" {
			t.Fatalf("contacts %+v", cs)
		}
		if ids := hitIDs(t, s, "fred@example.org", "vendor"); len(ids) != 1 || ids[0] != v.ID {
			t.Errorf("a contact's second e-mail does not find the vendor: %v", ids)
		}
		if err := s.DeleteVendorContact(ctx, c.ID); err != nil {
			t.Fatal(err)
		}
		if ids := hitIDs(t, s, "fred@example.org", "vendor"); len(ids) != 0 {
			t.Errorf("a removed contact's e-mail still finds the vendor")
		}
	})
}

func lastSeq(t *testing.T, s *Store) int64 {
	t.Helper()
	_, last, err := s.Changes(context.Background(), 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	return last
}

func changesAfter(t *testing.T, s *Store, after int64) []desk.Op {
	t.Helper()
	ops, _, err := s.Changes(context.Background(), after, 0)
	if err != nil {
		t.Fatal(err)
	}
	return ops
}

// A desk from before schema 14 keeps every phone, e-mail and address, each as the first channel
// of its medium, with an id every desk of the team derives alike.
func TestMigrationMovesSingleValuesToChannels(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "v13.db")
	old, err := OpenMigrations(ctx, path, 13)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`INSERT INTO vendors(id, name, category, status, phone, email, address, city, updated_hlc)
			VALUES ('v1', 'Taxis G7', 'transport', 'approved', ' 01 41 27 66 99 ', 'resa@g7.fr', '12 rue X', 'Paris', '1-0-a')`,
		`INSERT INTO vendors(id, name, category, status, phone, updated_hlc, deleted) VALUES ('v2', 'Old', 'spa', 'closed', '0102030405', '1-0-a', 1)`,
		`INSERT INTO vendors(id, name, category, status, updated_hlc) VALUES ('v3', 'Bare', 'spa', 'approved', '1-0-a')`,
		`INSERT INTO vendor_contacts(id, vendor_id, name, phone, email, updated_hlc) VALUES ('c1', 'v1', 'Marc', '06 00 00 00 01', 'marc@g7.fr', '1-0-b')`,
	} {
		if _, err := old.w.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	old.Close()
	s := openAt(t, path)
	v, err := s.Vendor(ctx, "v1")
	if err != nil {
		t.Fatal(err)
	}
	want := []desk.Channel{{ID: "v1-phone", Medium: "phone", Kind: "work", Value: "01 41 27 66 99"},
		{ID: "v1-email", Medium: "email", Kind: "work", Value: "resa@g7.fr"}, {ID: "v1-address", Medium: "address", Kind: "work", Value: "12 rue X"}}
	if len(v.Channels) != 3 || v.Channels[0] != want[0] || v.Channels[1] != want[1] || v.Channels[2] != want[2] {
		t.Fatalf("channels %+v", v.Channels)
	}
	if v.Phone != "01 41 27 66 99" || v.Email != "resa@g7.fr" || v.Address != "12 rue X" || v.City != "Paris" {
		t.Errorf("single values %+v", v)
	}
	if bare, _ := s.Vendor(ctx, "v3"); len(bare.Channels) != 0 {
		t.Errorf("a vendor without a phone got %+v", bare.Channels)
	}
	var n int
	s.r.QueryRowContext(ctx, `SELECT count(*) FROM vendor_channels WHERE owner_id='v2'`).Scan(&n)
	if n != 1 {
		t.Errorf("a tombstoned vendor's phone: %d rows, want 1", n)
	}
	cs, _ := s.VendorContacts(ctx, "v1")
	if len(cs) != 1 || len(cs[0].Channels) != 2 || cs[0].Phone != "06 00 00 00 01" || cs[0].Email != "marc@g7.fr" {
		t.Fatalf("contact %+v", cs)
	}
	for _, q := range []string{"0141276699", "marc@g7.fr", "12 rue"} {
		if ids := hitIDs(t, s, q, "vendor"); len(ids) != 1 || ids[0] != "v1" {
			t.Errorf("search %q after the migration: %v", q, ids)
		}
	}
}

// An older desk's "phone" of a vendor (or a new desk reading the folder's older messages) lands
// on the channel the migration made of it.
func TestLegacyPhoneOpsBecomeChannels(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	ops := []desk.Op{
		{Entity: "vendor", ID: "v9", Field: "name", Value: `"Fleurs de Paris"`, HLC: "1700000000000-0-0b", Desk: "0b"},
		{Entity: "vendor", ID: "v9", Field: "category", Value: `"florist"`, HLC: "1700000000000-0-0b", Desk: "0b"},
		{Entity: "vendor", ID: "v9", Field: "status", Value: `"approved"`, HLC: "1700000000000-0-0b", Desk: "0b"},
		{Entity: "vendor", ID: "v9", Field: "phone", Value: `"01 02 03 04 05"`, HLC: "1700000000000-0-0b", Desk: "0b"},
		{Entity: "vendor", ID: "v9", Field: "email", Value: `"shop@fleurs.fr"`, HLC: "1700000000000-0-0b", Desk: "0b"},
		{Entity: "vendor", ID: "v9", Field: "email", Value: `""`, HLC: "1700000000001-0-0b", Desk: "0b"},
	}
	rep, err := s.ApplyOps(ctx, ops, nil)
	if err != nil || len(rep.Skipped) != 0 {
		t.Fatalf("apply: %+v %v", rep, err)
	}
	v, err := s.Vendor(ctx, "v9")
	if err != nil {
		t.Fatal(err)
	}
	if len(v.Channels) != 1 || v.Channels[0].ID != "v9-phone" || v.Phone != "01 02 03 04 05" || v.Email != "" {
		t.Fatalf("vendor %+v", v)
	}
}
