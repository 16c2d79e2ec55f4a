package store

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"loge/data/desk"
)

// opsOf is this desk's operations on one entity, field → JSON value, and the stamps they carry.
func opsOf(t *testing.T, s *Store, kind, id string, after int64) (map[string]string, map[string]bool, int64) {
	t.Helper()
	cs, last, err := s.Changes(context.Background(), after, 0)
	if err != nil {
		t.Fatal(err)
	}
	fields, stamps := map[string]string{}, map[string]bool{}
	for _, c := range cs {
		if c.Entity == kind && c.ID == id {
			fields[c.Field] = c.Value
			stamps[c.HLC] = true
			if c.Desk != s.DeskID() {
				t.Fatalf("op from desk %q, want %q", c.Desk, s.DeskID())
			}
		}
	}
	return fields, stamps, last
}

func TestDoorRecordsEveryFieldOnCreateAndOnlyChangesAfter(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	t.Run("create records every shared field with the row's stamp", func(t *testing.T) {
		g := desk.Guest{Title: "Mme", FirstName: "Hélène", LastName: "Dupré", VIP: 2, Notes: "Corner table"}
		if err := s.CreateGuest(ctx, &g); err != nil {
			t.Fatal(err)
		}
		fields, stamps, _ := opsOf(t, s, "guest", g.ID, 0)
		if len(fields) != len(guestSpec.cols) || fields["last_name"] != `"Dupré"` || fields["vip"] != "2" {
			t.Fatalf("create ops: %v", fields)
		}
		if len(stamps) != 1 || !stamps[g.UpdatedHLC] {
			t.Fatalf("one stamp per action, the row's: %v vs %s", stamps, g.UpdatedHLC)
		}
	})
	t.Run("update records only what changed, a save without change writes nothing", func(t *testing.T) {
		g := desk.Guest{FirstName: "Jun", LastName: "Tanaka"}
		s.CreateGuest(ctx, &g)
		_, _, mark := opsOf(t, s, "guest", g.ID, 0)
		before := g.UpdatedHLC
		if err := s.UpdateGuest(ctx, &g); err != nil {
			t.Fatal(err)
		}
		if fields, _, _ := opsOf(t, s, "guest", g.ID, mark); len(fields) != 0 || g.UpdatedHLC != before {
			t.Fatalf("unchanged save recorded %v, stamp %s → %s", fields, before, g.UpdatedHLC)
		}
		g.Phones, g.VIP = "+81 90 1234 5678", 1
		if err := s.UpdateGuest(ctx, &g); err != nil {
			t.Fatal(err)
		}
		fields, stamps, _ := opsOf(t, s, "guest", g.ID, mark)
		if want := []string{"phones", "vip"}; !slices.Equal(sortedKeys(fields), want) || len(stamps) != 1 {
			t.Fatalf("update ops %v (stamps %v), want %v", fields, stamps, want)
		}
		stored, _ := s.Guest(ctx, g.ID)
		if stored.UpdatedHLC != g.UpdatedHLC || stored.UpdatedHLC <= before {
			t.Fatalf("updated_hlc %s, struct %s, before %s", stored.UpdatedHLC, g.UpdatedHLC, before)
		}
	})
	t.Run("delete is a tombstone operation", func(t *testing.T) {
		v := desk.Vendor{Name: "Le Jardin", Category: "restaurant"}
		s.CreateVendor(ctx, &v)
		_, _, mark := opsOf(t, s, "vendor", v.ID, 0)
		if err := s.DeleteVendor(ctx, v.ID); err != nil {
			t.Fatal(err)
		}
		if fields, _, _ := opsOf(t, s, "vendor", v.ID, mark); fields[tombstone] != "1" || len(fields) != 1 {
			t.Fatalf("delete ops %v", fields)
		}
		if err := s.DeleteVendor(ctx, v.ID); err != ErrNotFound {
			t.Fatalf("second delete: %v", err)
		}
	})
	t.Run("a request and its status change are one action", func(t *testing.T) {
		g := mustGuest(t, s, "Noah", "Carter")
		r := desk.Request{GuestID: g.ID, Kind: desk.KindRestaurant, StartsAt: time.Now().Add(time.Hour), PartySize: 4}
		if err := s.CreateRequest(ctx, &r); err != nil {
			t.Fatal(err)
		}
		_, _, mark := opsOf(t, s, "request", r.ID, 0)
		r.Status, r.Confirmation = desk.RequestConfirmed, "BA-1907"
		if err := s.UpdateRequest(ctx, &r, "CL"); err != nil {
			t.Fatal(err)
		}
		cs, _, _ := s.Changes(ctx, mark, 0)
		stamps := map[string]bool{}
		kinds := map[string]bool{}
		for _, c := range cs {
			stamps[c.HLC], kinds[c.Entity] = true, true
		}
		if len(stamps) != 1 || !kinds["request"] || !kinds["request_event"] {
			t.Fatalf("status change: %d stamps, entities %v", len(stamps), kinds)
		}
	})
	t.Run("linking again revives the same link", func(t *testing.T) {
		g := mustGuest(t, s, "Ingrid", "Solberg")
		l := desk.Link{ThreadID: "t1@example.com", TargetKind: "guest", TargetID: g.ID}
		if err := s.CreateLink(ctx, &l); err != nil {
			t.Fatal(err)
		}
		first := l.ID
		if err := s.DeleteLink(ctx, l.ThreadID, "guest", g.ID); err != nil {
			t.Fatal(err)
		}
		l2 := desk.Link{ThreadID: "t1@example.com", TargetKind: "guest", TargetID: g.ID}
		if err := s.CreateLink(ctx, &l2); err != nil || l2.ID != first {
			t.Fatalf("relink: %v, id %s want %s", err, l2.ID, first)
		}
		if links, _ := s.LinksOfThread(ctx, l.ThreadID); len(links) != 1 {
			t.Fatalf("links %v", links)
		}
	})
}

func sortedKeys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// A booking from mail whose last step fails leaves nothing behind, and can be saved again.
func TestBookFromMailIsOneAction(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	count := func(table string) int {
		var n int
		s.w.QueryRow(`SELECT count(*) FROM ` + table).Scan(&n)
		return n
	}
	arrival := time.Date(2026, 12, 4, 15, 0, 0, 0, time.UTC)
	b := Booking{
		ThreadID: "", // the links, saved last, refuse a thread without id
		NewGuest: &desk.Guest{FirstName: "Ingrid", LastName: "Solberg", Emails: "ingrid@example.no"},
		NewStay:  &desk.Stay{Arrival: arrival, Departure: arrival.Add(72 * time.Hour), PartySize: 2},
		Request:  desk.Request{Kind: desk.KindRestaurant, StartsAt: arrival.Add(5 * time.Hour), PartySize: 3},
	}
	err := s.BookFromMail(ctx, &b)
	var ve *desk.ValidationError
	if !asValidation(err, &ve) || ve.Entity != "link" {
		t.Fatalf("want the link's validation error, got %v", err)
	}
	for _, table := range []string{"guests", "stays", "requests", "request_events", "links", "ops"} {
		if n := count(table); n != 0 {
			t.Errorf("%s holds %d rows after a failed booking", table, n)
		}
	}
	if b.GuestID != "" || b.NewGuest.ID != "" || b.Request.ID != "" {
		t.Fatalf("ids leaked from a failed booking: %+v", b)
	}
	b.ThreadID = "ingrid-1@example.no"
	if err := s.BookFromMail(ctx, &b); err != nil {
		t.Fatal(err)
	}
	if count("guests") != 1 || count("stays") != 1 || count("requests") != 1 || count("links") != 3 {
		t.Fatalf("after the retry: %d guests, %d stays, %d requests, %d links", count("guests"), count("stays"), count("requests"), count("links"))
	}
	r, _ := s.Request(ctx, b.Request.ID)
	if r.GuestID != b.GuestID || r.StayID != b.StayID || r.GuestName != "Ingrid Solberg" {
		t.Fatalf("request %+v", r)
	}
}

func asValidation(err error, ve **desk.ValidationError) bool { return errors.As(err, ve) }
