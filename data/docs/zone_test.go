package docs

import (
	"context"
	"strings"
	"testing"
	"time"

	"loge/data/desk"
	"loge/data/docs/templates"
	"loge/data/store"
	"loge/data/store/storetest"
)

// A desk PC's clock zone is not the hotel's: a request without a zone of its own is written on the
// hotel's clock in a template, whatever zone the computer (and the test) runs in.
func TestTemplatesWriteRequestTimesOnTheHotelsClock(t *testing.T) {
	ctx := context.Background()
	tahiti, err := time.LoadLocation("Pacific/Tahiti") // a zone no test machine is set to
	if err != nil {
		t.Fatal(err)
	}
	st := storetest.New(t)
	st.Loc = tahiti // as Open sets it from the desk's hotel.timezone
	g := desk.Guest{FirstName: "Hina", LastName: "Teriitahi"}
	if err := st.CreateGuest(ctx, &g); err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 12, 3, 15, 0, 0, 0, tahiti)
	if err := st.CreateRequest(ctx, &desk.Request{GuestID: g.ID, Kind: desk.KindRestaurant, Title: "Dinner", StartsAt: at,
		Status: desk.RequestRequested, PartySize: 2, Currency: "EUR"}); err != nil {
		t.Fatal(err)
	}
	reqs, err := st.Requests(ctx, store.RequestFilter{})
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, r := range reqs {
		if r.TimeZone != "" || r.StartsAt.IsZero() {
			continue
		}
		_, body, _ := templates.Render("", "{{request.time}}", templates.Context{Request: &r, Lang: "en"})
		if want := templates.FormatClock(r.StartsAt.In(tahiti), "en"); strings.TrimSpace(body) != want {
			t.Fatalf("%s at %v: template says %q, the hotel's clock %q", r.Title, r.StartsAt, body, want)
		}
		checked++
	}
	if checked == 0 {
		t.Fatal("the request was not read back")
	}
}
