package team

import (
	"context"
	"fmt"
	"testing"

	"loge/data/desk"
)

// channelsText is a vendor's channels as one comparable line.
func channelsText(t *testing.T, d *teamDesk, id string) string {
	t.Helper()
	v, err := d.st.Vendor(context.Background(), id)
	if err != nil {
		t.Fatalf("%s: %v", d.name, err)
	}
	return fmt.Sprintf("%s|%s|%v", v.Phone, v.Email, v.Channels)
}

// Every phone, e-mail and address travels: a colleague's desk sees the same list, in the same
// order; two desks adding a number to one vendor offline both keep theirs, and a removal reaches
// the other desk.
func TestVendorChannelsTravelBetweenDesks(t *testing.T) {
	ctx := context.Background()
	srv := memServer(t)
	a, b := newTeamDesk(t, srv, "Camille Laurent"), newTeamDesk(t, srv, "Julien Bertin")
	v := desk.Vendor{Name: "Prestige Chauffeurs", Category: "transport", Channels: []desk.Channel{
		{Medium: desk.MediumPhone, Kind: desk.ChannelReservations, Value: "+33 1 40 00 00 01"},
		{Medium: desk.MediumPhone, Kind: desk.ChannelMobile, Value: "+33 6 00 00 00 02"},
		{Medium: desk.MediumPhone, Kind: desk.ChannelFax, Value: "+33 1 40 00 00 03"},
		{Medium: desk.MediumEmail, Kind: desk.ChannelReservations, Value: "booking@prestige.example"},
		{Medium: desk.MediumEmail, Kind: desk.ChannelWork, Value: "accounts@prestige.example"},
		{Medium: desk.MediumAddress, Kind: desk.ChannelWork, Value: "4 quai de Seine\n75019 Paris"},
	}}
	if err := a.st.CreateVendor(ctx, &v); err != nil {
		t.Fatal(err)
	}
	c := desk.VendorContact{VendorID: v.ID, Name: "Nadia Benali", Channels: []desk.Channel{
		{Medium: desk.MediumPhone, Kind: desk.ChannelMobile, Value: "06 11 11 11 11"},
		{Medium: desk.MediumEmail, Kind: desk.ChannelWork, Value: "nadia@prestige.example"}}}
	if err := a.st.CreateVendorContact(ctx, &c); err != nil {
		t.Fatal(err)
	}
	a.sync()
	b.sync()
	if ta, tb := channelsText(t, a, v.ID), channelsText(t, b, v.ID); ta != tb {
		t.Fatalf("after one sync\nA: %s\nB: %s", ta, tb)
	}
	cs, _ := b.st.VendorContacts(ctx, v.ID)
	if len(cs) != 1 || len(cs[0].Channels) != 2 || cs[0].Phone != "06 11 11 11 11" {
		t.Fatalf("B's contact: %+v", cs)
	}
	if hits, _ := b.st.Search(ctx, "accounts@prestige.example", 5); len(hits) == 0 || hits[0].ID != v.ID {
		t.Fatalf("B does not find the second e-mail: %+v", hits)
	}

	// Offline: A adds a number; B drops the fax and adds another.
	va, _ := a.st.Vendor(ctx, v.ID)
	va.Channels = append(va.Channels, desk.Channel{Medium: desk.MediumPhone, Kind: desk.ChannelHome, Value: "01 49 00 00 04"})
	if err := a.st.UpdateVendor(ctx, &va); err != nil {
		t.Fatal(err)
	}
	vb, _ := b.st.Vendor(ctx, v.ID)
	vb.Channels = append(vb.Channels[:2:2], vb.Channels[3:]...)
	vb.Channels = append(vb.Channels, desk.Channel{Medium: desk.MediumPhone, Kind: desk.ChannelWork, Value: "01 49 00 00 05"})
	if err := b.st.UpdateVendor(ctx, &vb); err != nil {
		t.Fatal(err)
	}
	a.sync()
	b.sync()
	a.sync()
	ta, tb := channelsText(t, a, v.ID), channelsText(t, b, v.ID)
	if ta != tb {
		t.Fatalf("not converged\nA: %s\nB: %s", ta, tb)
	}
	got, _ := a.st.Vendor(ctx, v.ID)
	var phones []string
	for _, ch := range desk.Of(got.Channels, desk.MediumPhone) {
		phones = append(phones, ch.Value)
	}
	if fmt.Sprint(phones) != "[+33 1 40 00 00 01 +33 6 00 00 00 02 01 49 00 00 04 01 49 00 00 05]" &&
		fmt.Sprint(phones) != "[+33 1 40 00 00 01 +33 6 00 00 00 02 01 49 00 00 05 01 49 00 00 04]" {
		t.Fatalf("phones after both edits: %v", phones)
	}
	if state(t, a.st) != state(t, b.st) {
		t.Fatalf("desks differ:\nA:\n%s\nB:\n%s", state(t, a.st), state(t, b.st))
	}
}
