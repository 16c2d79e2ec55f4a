package demo

import (
	"loge/data/desk"
)

// Hotel and desk identity.
const (
	HotelName = "Hôtel Lumière Paris"
	DeskName  = "Conciergerie"
	DeskEmail = "concierge@hotel-lumiere.example"
	// The person at the demo desk, and the colleague at the other desk of the team.
	UserName          = "Julien Bertin"
	UserInitials      = "JB"
	ColleagueName     = "Camille Laurent"
	ColleagueInitials = "CL"
	hotelAddr         = "14 avenue Gabriel-Fauré, 75008 Paris"
	hotelTel          = "+33 1 53 89 40 00"
)

// guestSpec is a guest with the key other demo content refers to it by.
type guestSpec struct {
	key string
	g   desk.Guest
}

// staySpec is a stay; guest is a guest key.
type staySpec struct {
	key   string
	guest string
	s     desk.Stay
}

func guests() []guestSpec {
	return []guestSpec{
		{"moreau", desk.Guest{
			Title: "M.", FirstName: "Philippe", LastName: "Moreau",
			Languages: "fr,en", Emails: "philippe.moreau@moreau-avocats.example", Phones: "+33 6 12 48 93 07",
			Nationality: "FR", VIP: 1,
			Preferences: "Habitué (12e séjour). Chambre côté cour, calme. Journaux : Le Figaro et Les Échos. Taxi plutôt que VTC.",
			Notes:       "Avocat bordelais, vient pour des audiences à la Cour de cassation. Son épouse Hélène l'accompagne parfois.",
		}},
		{"whitfield", desk.Guest{
			Title: "Mrs", FirstName: "Eleanor", LastName: "Whitfield",
			Languages: "en,fr", Emails: "eleanor.whitfield@whitfield-hall.example", Phones: "+44 7700 900418\n+44 1608 555 210",
			Nationality: "GB", VIP: 2,
			Preferences: "Travels with her husband Charles. Earl Grey with lemon at 7:30. Peonies, never lilies. Quiet corner tables.",
			Allergies:   "Shellfish (severe) — Mrs Whitfield only.",
			Notes:       "40th wedding anniversary during this stay. Third stay with us.",
		}},
		{"carter", desk.Guest{
			Title: "Mr", FirstName: "James", LastName: "Carter",
			Languages: "en", Emails: "jcarter@carterventures.example\nmegan.carter@carter-family.example", Phones: "+1 212 555 0148",
			Nationality: "US", VIP: 0,
			Preferences: "Family of four: James, Megan and the kids Noah (12) and Lily (9). Connecting rooms. Early dinners (7 pm).",
			Allergies:   "Noah: peanuts and tree nuts (carries an EpiPen).",
		}},
		{"tanaka", desk.Guest{
			Title: "Ms", FirstName: "Haruka", LastName: "Tanaka",
			Languages: "ja,en", Emails: "haruka.tanaka@tanaka-design.example", Phones: "+81 90 5550 2184",
			Nationality: "JP", VIP: 1,
			Preferences: "Interior designer. Museums, craft ateliers, perfume. Green tea in the room. Prefers written confirmations.",
			Allergies:   "Vegetarian (eats eggs and dairy, no fish).",
		}},
		{"brandt", desk.Guest{
			Title: "Dr", FirstName: "Klaus", LastName: "Brandt",
			Languages: "de,en", Emails: "k.brandt@brandt-klinik.example", Phones: "+49 170 5550 192",
			Nationality: "DE", VIP: 1,
			Preferences: "Opera lover (Verdi, Wagner). Aisle seats. Punctual — send the car 10 minutes early.",
			Allergies:   "Coeliac: strictly gluten-free.",
		}},
		{"rossi", desk.Guest{
			Title: "Sig.ra", FirstName: "Giulia", LastName: "Rossi",
			Languages: "it,en,fr", Emails: "giulia.rossi@rossi-moda.example", Phones: "+39 335 555 0117",
			Nationality: "IT", VIP: 2,
			Preferences: "Fashion buyer, in Paris for appointments with maisons. Late dinners. Sparkling water, no ice.",
			Allergies:   "Lactose intolerant.",
			Notes:       "Travels with her colleague Marco Bellini (room booked under her name).",
		}},
		{"almeida", desk.Guest{
			Title: "Sr.", FirstName: "Rafael", LastName: "Almeida",
			Languages: "pt,en,es", Emails: "rafael.almeida@almeida-agro.example", Phones: "+55 11 95550 0142",
			Nationality: "BR", VIP: 0,
			Preferences: "Jazz, good steak, late nights. Large luggage (golf bag).",
		}},
		{"almansouri", desk.Guest{
			Title: "Mr", FirstName: "Khalid", LastName: "Al Mansouri",
			Languages: "ar,en", Emails: "office@almansouri-holding.example\nk.almansouri@almansouri-holding.example", Phones: "+971 50 555 0183",
			Nationality: "AE", VIP: 3,
			Preferences: "Presidential suite and two connecting rooms for the family. Car and driver at disposal. White orchids. All requests through his office (Ms Noura Saleh).",
			Allergies:   "Halal only; no alcohol in the suite minibar.",
			Notes:       "Greet personally in the lobby. No photographs. Preferred driver: Karim (Prestige).",
		}},
		{"chen", desk.Guest{
			Title: "Ms", FirstName: "Wei", LastName: "Chen",
			Languages: "zh,en", Emails: "chen.wei@chen-capital.example", Phones: "+86 139 5550 8827",
			Nationality: "CN", VIP: 1,
			Preferences: "Business traveller. Oolong tea, quiet room, late arrivals. Business dinners for 4–6.",
			Allergies:   "No coriander.",
		}},
		{"garcia", desk.Guest{
			Title: "Sr.", FirstName: "Alejandro", LastName: "García Ruiz",
			Languages: "es,en,fr", Emails: "alejandro.garcia@garcia-ruiz.example", Phones: "+34 612 555 019",
			Nationality: "ES", VIP: 0,
			Preferences: "Honeymoon with his wife Lucía. Romantic surprises welcome — keep them secret from Lucía.",
		}},
		{"lefebvre", desk.Guest{
			Title: "Mme", FirstName: "Claire", LastName: "Lefebvre",
			Languages: "fr", Emails: "claire.lefebvre@lefebvre-conseil.example", Phones: "+33 6 71 20 55 84",
			Nationality: "FR", VIP: 2,
			Preferences: "Cliente parisienne fidèle (déjeuners d'affaires, cadeaux). Ne séjourne pas à l'hôtel. Facturation sur compte société.",
		}},
		{"dubois", desk.Guest{
			Title: "M.", FirstName: "Antoine", LastName: "Dubois",
			Languages: "fr,en", Emails: "antoine.dubois@dubois-industries.example", Phones: "+33 6 09 55 31 72",
			Nationality: "FR", VIP: 2,
			Preferences: "Industriel lyonnais, grand amateur de vins de Bourgogne. Voyage avec son épouse Marie.",
			Notes:       "Réclamation sur le transfert du jour de départ (chauffeur en retard) — geste commercial accordé.",
		}},
		{"harrington", desk.Guest{
			Title: "Mr", FirstName: "Thomas", LastName: "Harrington",
			Languages: "en", Emails: "tom.harrington@harrington-law.example", Phones: "+1 617 555 0199",
			Nationality: "US", VIP: 0,
		}},
		{"schneider", desk.Guest{
			Title: "Ms", FirstName: "Anna", LastName: "Schneider",
			Languages: "de,en,fr", Emails: "anna.schneider@schneider-architektur.example", Phones: "+49 151 5550 7731",
			Nationality: "DE", VIP: 0,
			Preferences: "Architect. Walking tours, modern architecture, bookshops. Travels with her partner Jonas.",
		}},
		{"okafor", desk.Guest{
			Title: "Dr", FirstName: "Amara", LastName: "Okafor",
			Languages: "en,fr", Emails: "amara.okafor@kingsbridge-health.example", Phones: "+44 7700 900733",
			Nationality: "GB", VIP: 1,
			Preferences: "Speaker at a medical conference (Palais des Congrès). Arrives by Eurostar. Gym early morning.",
			Allergies:   "Vegan.",
		}},
		{"fontaine", desk.Guest{
			Title: "M.", FirstName: "Olivier", LastName: "Fontaine",
			Languages: "fr,nl", Emails: "olivier.fontaine@fontaine-notaires.example", Phones: "+32 475 55 02 61",
			Nationality: "BE", VIP: 0,
			Preferences: "Vient de Bruxelles pour l'anniversaire de son épouse Isabelle (50 ans). Aime les surprises discrètes.",
		}},
	}
}

func stays(c clock) []staySpec {
	return []staySpec{
		{"moreau-old", "moreau", desk.Stay{Arrival: c.day(-64, 17, 0), Departure: c.day(-62, 11, 0), Room: "512", PartySize: 1,
			Status: desk.StayDeparted}},
		{"moreau", "moreau", desk.Stay{Arrival: c.day(-2, 16, 30), Departure: c.day(1, 11, 0), Room: "512", PartySize: 1,
			Status: desk.StayInHouse, Notes: "Réveil 6h30. Départ tôt pour la gare de Lyon."}},
		{"whitfield", "whitfield", desk.Stay{Arrival: c.day(-3, 15, 0), Departure: c.day(3, 12, 0), Room: "701 (Suite Opéra)", PartySize: 2,
			Status: desk.StayInHouse, Notes: "40th wedding anniversary: card from the General Manager with the flowers."}},
		{"carter", "carter", desk.Stay{Arrival: c.day(-4, 14, 0), Departure: c.day(2, 11, 0), Room: "305 + 306", PartySize: 4,
			Status: desk.StayInHouse, Notes: "Connecting rooms, rollaway bed in 306. Kids' amenities."}},
		{"tanaka", "tanaka", desk.Stay{Arrival: c.day(0, 15, 0), Departure: c.day(5, 12, 0), Room: "418", PartySize: 1,
			Status: desk.StayExpected, Notes: "Arrives from Haneda, driver meeting her at CDG T2E."}},
		{"brandt", "brandt", desk.Stay{Arrival: c.day(-2, 18, 0), Departure: c.day(0, 12, 0), Room: "214", PartySize: 1,
			Status: desk.StayInHouse, Notes: "Departs today, car to Orly."}},
		{"rossi", "rossi", desk.Stay{Arrival: c.day(-1, 13, 0), Departure: c.day(4, 12, 0), Room: "802 (Suite Tuileries)", PartySize: 2,
			Status: desk.StayInHouse}},
		{"almeida", "almeida", desk.Stay{Arrival: c.day(1, 10, 30), Departure: c.day(5, 12, 0), Room: "603", PartySize: 3,
			Status: desk.StayExpected, Notes: "Early check-in requested (lands 08:40). Brother joins: extra bed."}},
		{"almansouri", "almansouri", desk.Stay{Arrival: c.day(-5, 20, 0), Departure: c.day(6, 12, 0), Room: "901 (Suite Présidentielle) + 902, 903", PartySize: 6,
			Status: desk.StayInHouse, Notes: "Security detail in 904. Flowers renewed every three days."}},
		{"chen", "chen", desk.Stay{Arrival: c.day(0, 21, 30), Departure: c.day(3, 12, 0), Room: "516", PartySize: 1,
			Status: desk.StayExpected, Notes: "Late arrival, flight delayed. Keep the room guaranteed."}},
		{"garcia", "garcia", desk.Stay{Arrival: c.day(2, 15, 0), Departure: c.day(7, 12, 0), Room: "710", PartySize: 2,
			Status: desk.StayExpected, Notes: "Honeymoon — rose petals and champagne at arrival (secret)."}},
		{"dubois", "dubois", desk.Stay{Arrival: c.day(-4, 15, 0), Departure: c.day(-1, 11, 0), Room: "505", PartySize: 2,
			Status: desk.StayDeparted, Notes: "Transfer complaint on departure — see thread."}},
		{"harrington", "harrington", desk.Stay{Arrival: c.day(3, 15, 0), Departure: c.day(6, 12, 0), Room: "", PartySize: 2,
			Status: desk.StayCancelled, Notes: "Cancelled by the guest (family emergency). No penalty."}},
		{"schneider", "schneider", desk.Stay{Arrival: c.day(4, 15, 0), Departure: c.day(8, 12, 0), Room: "", PartySize: 2,
			Status: desk.StayExpected}},
		{"okafor", "okafor", desk.Stay{Arrival: c.day(1, 15, 0), Departure: c.day(4, 12, 0), Room: "411", PartySize: 1,
			Status: desk.StayExpected, Notes: "Eurostar, Gare du Nord 14:47."}},
		{"fontaine", "fontaine", desk.Stay{Arrival: c.day(5, 15, 0), Departure: c.day(7, 12, 0), Room: "", PartySize: 2,
			Status: desk.StayExpected, Notes: "50e anniversaire de Mme Fontaine le premier soir."}},
	}
}
