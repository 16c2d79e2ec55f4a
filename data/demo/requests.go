package demo

import (
	"time"

	"loge/data/desk"
)

// requestSpec is a request; guest, stay and vendor are keys (stay and vendor may be empty).
type requestSpec struct {
	key    string
	guest  string
	stay   string
	vendor string
	r      desk.Request
}

func requests(c clock) []requestSpec {
	const (
		restaurant = desk.KindRestaurant
		transfer   = desk.KindTransfer
		tickets    = desk.KindTickets
		spa        = desk.KindSpa
		tour       = desk.KindTour
		flowers    = desk.KindFlowers
		other      = desk.KindOther

		requested = desk.RequestRequested
		pending   = desk.RequestPendingVendor
		confirmed = desk.RequestConfirmed
		done      = desk.RequestDone
		declined  = desk.RequestDeclined
		cancelled = desk.RequestCancelled

		expected = desk.CommissionExpected
		settled  = desk.CommissionSettled
		reversed = desk.CommissionReversed
	)
	type money struct {
		price, comm int64
		commStatus  string
	}
	r := func(key, guest, stay, vendor, kind, title string, at time.Time, party int, status, conf string, m money, who, notes string) requestSpec {
		cur := ""
		if m.price > 0 || m.comm > 0 {
			cur = "EUR"
		}
		return requestSpec{key, guest, stay, vendor, desk.Request{
			Kind: kind, Title: title, StartsAt: at, TimeZone: TimeZone, PartySize: party, Status: status,
			Confirmation: conf, PriceCents: m.price, Currency: cur, CommissionCents: m.comm, CommissionStatus: m.commStatus,
			HandledBy: who, Notes: notes,
		}}
	}
	none := money{}
	return []requestSpec{
		// Whitfield — 40th anniversary.
		r("whitfield-dinner", "whitfield", "whitfield", "jardin", restaurant, "Anniversary dinner, tasting menu", c.day(1, 20, 30), 2,
			confirmed, "JH-20417", money{39000, 3900, expected}, "Camille",
			"Corner table by the winter garden. NO SHELLFISH for Mrs Whitfield (severe). Small cake « 40 ans » with the coffee."),
		r("whitfield-flowers", "whitfield", "whitfield", "pivoine", flowers, "Peonies in the suite with GM card", c.day(1, 17, 0), 2,
			confirmed, "PIV-2291", money{28000, 2800, expected}, "Sofia", "Blush peonies and garden roses, no lilies. Card signed by the GM."),
		r("whitfield-walk", "whitfield", "whitfield", "insolite", tour, "Private Montmartre walk with Hugo", c.day(-1, 10, 0), 2,
			done, "PI-0815", money{36000, 5400, expected}, "Julien", "3 hours, gentle pace, ends at a café near Place du Tertre."),
		r("whitfield-ballet", "whitfield", "whitfield", "rideau", tickets, "Ballet at the Palais Garnier, 2 seats", c.day(2, 19, 30), 2,
			pending, "", none, "Camille", "Waiting for the agency's allocation release. Stalls or first-tier box only."),

		// Carter family.
		r("carter-louvre", "carter", "carter", "insolite", tour, "Louvre family treasure hunt", c.day(-2, 9, 30), 4,
			done, "PI-0802", money{42000, 6300, settled}, "Julien", "Kids loved it. Hugo guided."),
		r("carter-versailles", "carter", "carter", "versailles", tour, "Versailles day trip with guide and van", c.day(1, 8, 30), 4,
			confirmed, "VP-3318", money{98000, 9800, expected}, "Camille", "Pick-up at the hotel 8:30. Nut-free picnic lunch confirmed."),
		r("carter-dinner", "carter", "carter", "", restaurant, "Family dinner tonight, 4 people, 7 pm", c.day(0, 19, 0), 4,
			requested, "", none, "", "Peanut/tree-nut allergy (Noah). Try Brasserie de l'Aurore first."),
		r("carter-babysitting", "carter", "carter", "petitesmains", other, "English-speaking babysitter, evening", c.day(-1, 19, 30), 2,
			declined, "", none, "Sofia", "Agency fully booked that evening; guests stayed in."),

		// Tanaka.
		r("tanaka-transfer", "tanaka", "tanaka", "prestige", transfer, "CDG T2E – hotel, AF 275 from Haneda", c.day(0, 14, 25), 1,
			confirmed, "TR-55102", money{16500, 1650, expected}, "Julien", "Name board « TANAKA Haruka ». Two large suitcases."),
		r("tanaka-orsay", "tanaka", "tanaka", "musees", tickets, "Musée d'Orsay timed entry", c.day(1, 10, 0), 1,
			confirmed, "ORS-440921", money{1600, 80, expected}, "Julien", "E-ticket PDF forwarded to the guest."),
		r("tanaka-parfum", "tanaka", "tanaka", "parfumeur", other, "Perfume creation workshop", c.day(2, 15, 0), 1,
			pending, "", money{29000, 0, ""}, "Sofia", "Asked for an English-speaking perfumer."),
		r("tanaka-dinner", "tanaka", "tanaka", "sakura", restaurant, "Vegetarian kaiseki dinner", c.day(1, 20, 0), 1,
			requested, "", none, "", "Shōjin menu needs 72 h notice — ask Sakura-an if they can make an exception."),

		// Brandt.
		r("brandt-orly", "brandt", "brandt", "prestige", transfer, "Hotel – Orly, departure", c.day(0, 12, 30), 1,
			confirmed, "TR-55187", money{12000, 1200, expected}, "Camille", "Car 10 minutes early, as usual for Dr Brandt."),
		r("brandt-opera", "brandt", "brandt", "rideau", tickets, "La Traviata, Opéra Bastille, 1 seat", c.day(-1, 19, 30), 1,
			done, "RR-7781-22", money{21000, 1680, settled}, "Camille", "Row 9, aisle seat."),
		r("brandt-dinner", "brandt", "brandt", "pavillon", restaurant, "Gluten-free dinner", c.day(-2, 20, 0), 1,
			done, "PT-1140", money{9000, 900, expected}, "Julien", "Dedicated gluten-free kitchen."),

		// Rossi.
		r("rossi-varenne", "rossi", "rossi", "varenne", other, "Private salon appointment at Maison Varenne", c.day(1, 11, 0), 2,
			confirmed, "MV-0912", none, "Sofia", "Collection preview with Victoire de Saint-Aubin."),
		r("rossi-dinner", "rossi", "rossi", "ondine", restaurant, "Dinner at La Table d'Ondine, moved to 21:00", c.day(0, 21, 0), 2,
			confirmed, "TO-3381", none, "Sofia", "Moved from 20:00 to 21:00 at the guest's request. Lactose-free."),
		r("rossi-spa", "rossi", "rossi", "spalumiere", spa, "Signature massage, 90 min", c.day(2, 16, 0), 1,
			requested, "", money{26000, 0, ""}, "", ""),

		// Almeida.
		r("almeida-transfer", "almeida", "almeida", "prestige", transfer, "CDG T2 – hotel, van for 3 + golf bag", c.day(1, 8, 40), 3,
			confirmed, "TR-55240", money{19500, 1950, expected}, "Julien", "Lands 08:40 from São Paulo. Van V requested for the golf bag."),
		r("almeida-jazz", "almeida", "almeida", "caveau", other, "Jazz club table near the stage", c.day(2, 22, 0), 3,
			pending, "", none, "Julien", "Caveau Bleu confirms tomorrow noon."),
		r("almeida-steak", "almeida", "almeida", "rivoli", restaurant, "Steak dinner on arrival day", c.day(1, 20, 30), 3,
			requested, "", none, "", ""),

		// Al Mansouri.
		r("almansouri-car", "almansouri", "almansouri", "prestige", transfer, "Maybach with driver, full day from 10:00", c.day(1, 10, 0), 4,
			requested, "", money{185000, 0, ""}, "", "Asked by Ms Saleh. Driver Karim if possible."),
		r("almansouri-shopping", "almansouri", "almansouri", "varenne", other, "Private shopping after closing", c.day(0, 18, 30), 3,
			confirmed, "MV-0927", none, "Camille", "Salon privatised 18:30–20:30. Refreshments without alcohol."),
		r("almansouri-courier", "almansouri", "almansouri", "", other, "Courier: prescription from the pharmacy to the suite",
			c.now.Add(-45*time.Minute).Truncate(15*time.Minute), 1,
			requested, "", none, "Julien", "Overdue: the pharmacy said it would be ready 45 minutes ago — find a courier or send a bellboy."),
		r("almansouri-dinner", "almansouri", "almansouri", "cedre", restaurant, "Family dinner in the private room", c.day(-3, 20, 30), 6,
			done, "CB-221", money{264000, 26400, settled}, "Camille", "Halal menu, private room, no alcohol on the table."),
		r("almansouri-hammam", "almansouri", "almansouri", "neroli", spa, "Private hammam for the ladies", c.day(-1, 16, 0), 3,
			done, "BN-0456", money{180000, 21600, settled}, "Sofia", "Privatised 16:00–19:00, female staff only."),
		r("almansouri-orchids", "almansouri", "almansouri", "marais", flowers, "White orchids for the suite", c.day(-5, 18, 0), 1,
			done, "FM-1009", money{65000, 5200, settled}, "Sofia", "Renew every three days."),

		// Chen.
		r("chen-transfer", "chen", "chen", "prestige", transfer, "CDG T1 – hotel, late arrival", c.day(0, 20, 55), 1,
			pending, "", money{16500, 0, ""}, "Julien", "Flight delayed: now lands 20:55. Driver not confirmed yet — chase dispatch."),
		r("chen-dinner", "chen", "chen", "jardin", restaurant, "Business dinner for 4, quiet table", c.day(1, 20, 0), 4,
			pending, "", none, "Camille", "No coriander. Ask for the alcove table."),

		// García Ruiz — honeymoon.
		r("garcia-cruise", "garcia", "garcia", "croisieres", tour, "Seine dinner cruise, window table", c.day(3, 20, 30), 2,
			confirmed, "CQO-66120", money{33000, 3300, expected}, "Sofia", "Honeymoon mentioned: glass of champagne offered."),
		r("garcia-petals", "garcia", "garcia", "pivoine", flowers, "Rose petals and champagne on arrival", c.day(2, 15, 0), 2,
			requested, "", none, "", "Surprise — do not mention to Mrs García."),

		// Dubois — departed yesterday.
		r("dubois-dinner", "dubois", "dubois", "jardin", restaurant, "Dinner, Burgundy pairing", c.day(-3, 20, 0), 2,
			done, "JH-20388", money{39000, 3900, settled}, "Camille", ""),
		r("dubois-tasting", "dubois", "dubois", "insolite", tour, "Private wine tasting in a Marais cellar", c.day(-2, 17, 0), 2,
			cancelled, "", none, "Julien", "Cancelled by M. Dubois (meeting moved)."),
		r("dubois-transfer", "dubois", "dubois", "rapide", transfer, "Hotel – Gare de Lyon, TGV 11:57", c.day(-1, 10, 45), 2,
			done, "RC-88410", money{9500, 950, reversed}, "Julien", "Driver 25 min late; guest almost missed the train. Refunded, vendor now « do not use »."),

		// Harrington — stay cancelled.
		r("harrington-transfer", "harrington", "harrington", "prestige", transfer, "CDG – hotel", c.day(3, 11, 0), 2,
			cancelled, "", none, "Camille", "Stay cancelled."),
		r("harrington-cabaret", "harrington", "harrington", "lunerousse", tickets, "Cabaret dinner show, 2 seats", c.day(4, 19, 0), 2,
			cancelled, "LR-5520", money{37000, 2960, reversed}, "Camille", "Cancelled more than 72 h ahead, refunded in full."),

		// Lefebvre — local client, no stay.
		r("lefebvre-lunch", "lefebvre", "", "comptoir", restaurant, "Déjeuner d'affaires, salon privé", c.day(2, 13, 0), 4,
			confirmed, "CV-1187", none, "Camille", "Salon privé. Facture au nom de Lefebvre Conseil."),
		r("lefebvre-flowers", "lefebvre", "", "pivoine", flowers, "Bouquet pour une cliente (livraison bureau)", c.day(-1, 11, 0), 1,
			done, "PIV-2270", money{15000, 1500, settled}, "Sofia", "Carte : « Avec toute ma gratitude — Claire »."),

		// Okafor.
		r("okafor-eurostar", "okafor", "okafor", "prestige", transfer, "Gare du Nord (Eurostar 14:47) – hotel", c.day(1, 14, 47), 1,
			confirmed, "TR-55251", money{9000, 900, expected}, "Julien", "Driver at the platform exit with a name board."),
		r("okafor-dinner", "okafor", "okafor", "sauge", restaurant, "Vegan dinner", c.day(2, 20, 0), 1,
			declined, "", none, "Sofia", "Maison Sauge fully booked. Look for another vegan table."),

		// Schneider, Moreau, Fontaine.
		r("schneider-walk", "schneider", "schneider", "insolite", tour, "Architecture walk: Art nouveau to the Philharmonie", c.day(5, 10, 0), 2,
			requested, "", none, "", ""),
		r("moreau-lunch", "moreau", "moreau", "comptoir", restaurant, "Déjeuner, table habituelle", c.day(0, 13, 0), 2,
			confirmed, "CV-1192", none, "Camille", "Table du fond, près de la cave."),
		r("moreau-taxi", "moreau", "moreau", "", transfer, "Taxi pour la gare de Lyon", c.day(1, 9, 15), 1,
			requested, "", none, "", "TGV de 10h04. Préfère un taxi à un VTC."),
		r("fontaine-flowers", "fontaine", "fontaine", "pivoine", flowers, "Pivoines pour les 50 ans de Mme Fontaine", c.day(5, 15, 0), 2,
			pending, "", money{18000, 1800, expected}, "Sofia", "Pivoines hors saison : Pivoine confirme l'import sous 48 h."),
		r("fontaine-dinner", "fontaine", "fontaine", "jardin", restaurant, "Dîner d'anniversaire", c.day(5, 20, 30), 2,
			requested, "", none, "", "Gâteau et bougies ; discrétion."),
	}
}
