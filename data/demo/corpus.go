package demo

import (
	"fmt"
	"time"
)

// linkSpec ties the thread of m to a guest, stay or request key.
type linkSpec struct {
	m    *msg
	kind string // "guest", "stay", "request"
	key  string
}

// threadNote is an internal note left on the thread of m.
type threadNote struct {
	m      *msg
	author string
	body   string
	at     time.Time
}

// corpus is the demo mailbox content and what the desk tied to it.
type corpus struct {
	mails []*msg
	links []linkSpec
	notes []threadNote
}

func (cp *corpus) add(m *msg) *msg {
	cp.mails = append(cp.mails, m)
	return m
}

func (cp *corpus) reply(parent, m *msg) *msg {
	m.parent = parent
	return cp.add(m)
}

func (cp *corpus) link(m *msg, kind, key string) { cp.links = append(cp.links, linkSpec{m, kind, key}) }

// The deskAddr and the people who write to it.
var (
	deskAddr = addr{"Conciergerie Hôtel Lumière", DeskEmail}

	eleanor   = addr{"Eleanor Whitfield", "eleanor.whitfield@whitfield-hall.example"}
	james     = addr{"James Carter", "jcarter@carterventures.example"}
	haruka    = addr{"田中 春香", "haruka.tanaka@tanaka-design.example"}
	klaus     = addr{"Dr. Klaus Brandt", "k.brandt@brandt-klinik.example"}
	giulia    = addr{"Giulia Rossi", "giulia.rossi@rossi-moda.example"}
	rafael    = addr{"Rafael Almeida", "rafael.almeida@almeida-agro.example"}
	noura     = addr{"Noura Saleh — Office of Mr Khalid Al Mansouri", "office@almansouri-holding.example"}
	chenWei   = addr{"Chen Wei", "chen.wei@chen-capital.example"}
	alejandro = addr{"Alejandro García Ruiz", "alejandro.garcia@garcia-ruiz.example"}
	claire    = addr{"Claire Lefebvre", "claire.lefebvre@lefebvre-conseil.example"}
	antoine   = addr{"Antoine Dubois", "antoine.dubois@dubois-industries.example"}
	tom       = addr{"Thomas Harrington", "tom.harrington@harrington-law.example"}
	anna      = addr{"Anna Schneider", "anna.schneider@schneider-architektur.example"}
	amara     = addr{"Dr Amara Okafor", "amara.okafor@kingsbridge-health.example"}
	olivier   = addr{"Olivier Fontaine", "olivier.fontaine@fontaine-notaires.example"}
	philippe  = addr{"Philippe Moreau", "philippe.moreau@moreau-avocats.example"}

	jardinMail     = addr{"Le Jardin d'Hiver — Réservations", "reservations@jardin-hiver.example"}
	jardinNews     = addr{"Le Jardin d'Hiver", "lettre@jardin-hiver.example"}
	lebrun         = addr{"Marc-Antoine Lebrun", "ma.lebrun@jardin-hiver.example"}
	pivoineMail    = addr{"Inès Morin — Atelier Floral Pivoine", "ines@pivoine-fleurs.example"}
	rideauMail     = addr{"Pauline Roche", "pauline@rideau-rouge.example"}
	prestigeMail   = addr{"Prestige Chauffeurs — Dispatch", "dispatch@prestige-chauffeurs.example"}
	prestigeSales  = addr{"Laure Vasseur", "l.vasseur@prestige-chauffeurs.example"}
	rapideMail     = addr{"Rapide Cars", "contact@rapide-cars.example"}
	ondineMail     = addr{"Chiara Conti", "chiara@table-ondine.example"}
	museesMail     = addr{"Musées & Monuments Réservations", "groupes@musees-reservations.example"}
	parfumeurMail  = addr{"Atelier du Parfumeur Saint-Roch", "atelier@parfumeur-saint-roch.example"}
	varenneMail    = addr{"Victoire de Saint-Aubin", "v.saintaubin@maison-varenne.example"}
	versaillesMail = addr{"Versailles Privé Excursions", "reservations@versailles-prive.example"}
	nannyMail      = addr{"Petites Mains Babysitting", "agence@petites-mains.example"}
	caveauMail     = addr{"Le Caveau Bleu", "booking@caveau-bleu.example"}
	croisiereMail  = addr{"Océane Petit", "o.petit@croisieres-quai-orsay.example"}
	comptoirMail   = addr{"Bertrand Giraud", "bertrand@comptoir-vignes.example"}
	saugeMail      = addr{"Maison Sauge", "table@maison-sauge.example"}
	luneMail       = addr{"Cabaret de la Lune Rousse", "reservation@lune-rousse.example"}
	neroliMail     = addr{"Les Bains de Néroli", "accueil@bains-neroli.example"}
	reception      = addr{"Réception — Hôtel Lumière", "reception@hotel-lumiere.example"}
	housekeeping   = addr{"Gouvernante générale", "housekeeping@hotel-lumiere.example"}
	spaMail        = addr{"Spa Lumière", "spa@hotel-lumiere.example"}
	reseau         = addr{"Réseau des Concierges de Paris", "lettre@concierges-paris.example"}
	agenda         = addr{"Agenda culturel Paris", "newsletter@agenda-paris.example"}
	spammer        = addr{"Luxury Rewards Club", "winner@luxury-rewards.example"}
)

// Desk staff signatures.
func sigFR(who string) string {
	return "Bien cordialement,\n\n" + who + "\nConciergerie — " + HotelName + "\n" + hotelAddr + "\n" + hotelTel
}

func sigEN(who string) string {
	return "Kind regards,\n\n" + who + "\nConcierge — " + HotelName + "\n" + hotelAddr + "\n" + hotelTel
}

const (
	camille = "Camille Morel"
	julien  = "Julien Bertin"
	sofia   = "Sofia Navarro"
)

func buildCorpus(c clock) *corpus {
	cp := &corpus{}
	d := c.day
	f := fmt.Sprintf

	// ——— Whitfield: 40th wedding anniversary (guest thread, then vendor threads) ———
	anniv := d(1, 20, 30)
	a1 := cp.add(&msg{from: eleanor, to: []addr{deskAddr}, at: d(-6, 10, 12), lang: "en",
		subject: "Our 40th wedding anniversary — a little help?",
		body: f(`Dear Concierge,

My husband Charles and I will be staying with you again from %s, and our
40th wedding anniversary falls on %s. I would love to arrange two things,
ideally without Charles finding out too early:

1. A special dinner that evening, somewhere elegant but not stuffy. We loved
   the winter garden restaurant you recommended three years ago.
2. Flowers in the suite when we come back from our afternoon walk — peonies if
   at all possible, they were in my wedding bouquet. Please, no lilies.

A gentle reminder that I have a severe shellfish allergy.

With many thanks in advance,
Eleanor Whitfield`, enDate(d(-3, 15, 0)), enDate(anniv))})
	a2 := cp.reply(a1, &msg{from: deskAddr, at: d(-6, 11, 40), lang: "en",
		body: f(`Dear Mrs Whitfield,

Congratulations to you both — forty years, what a beautiful occasion.

I would suggest Le Jardin d'Hiver on %s at 8:30 pm, at the corner table by
the glass wall, with their tasting menu (195 € per person). The maître d',
Marc-Antoine, remembers you and will make sure the kitchen prepares your menu
entirely without shellfish.

For the flowers, our florist Atelier Pivoine can deliver blush peonies and
garden roses to the suite at 5 pm, with a card from our General Manager.
Peonies are out of season, so they need to be ordered two days ahead:
shall I go ahead with both?

%s`, enDate(anniv), sigEN(camille))})
	a3 := cp.reply(a2, &msg{from: eleanor, at: d(-5, 9, 5), lang: "en",
		body: `Dear Camille,

That sounds perfect, please go ahead with both. Charles suspects nothing!
If the restaurant could bring a small cake with the coffee, I would be thrilled.

Warmly,
Eleanor`})
	a4 := cp.reply(a3, &msg{from: deskAddr, at: d(-5, 15, 20), lang: "en",
		body: f(`Dear Mrs Whitfield,

Everything is arranged:

  • Le Jardin d'Hiver, %s at 8:30 pm, table for 2 — confirmation n° JH-20417.
    Tasting menu without shellfish; a small cake « 40 ans » with the coffee.
  • Peonies and garden roses delivered to your suite at 5 pm that day,
    with a card from our General Manager — confirmation n° PIV-2291.

We look forward to welcoming you on %s.

%s`, enDate(anniv), enDate(d(-3, 15, 0)), sigEN(camille))})
	cp.link(a1, "stay", "whitfield")
	_ = a4

	b1 := cp.add(&msg{from: deskAddr, to: []addr{jardinMail}, cc: []addr{lebrun}, at: d(-5, 10, 0), lang: "fr",
		subject: f("Demande de réservation — M. et Mme Whitfield, %s %s, 2 couverts", frDate(anniv), frTime(anniv)),
		body: f(`Bonjour Nadia, bonjour Marc-Antoine,

Nous souhaiterions réserver pour nos clients M. et Mme Whitfield (Suite Opéra) :

  le %s à %s, 2 couverts, menu dégustation.

C'est leur 40e anniversaire de mariage. Serait-il possible d'avoir la table d'angle
près de la verrière et un petit gâteau « 40 ans » au moment du café ?

ATTENTION : Mme Whitfield a une allergie sévère aux crustacés et fruits de mer.

Merci de nous confirmer avec un numéro de réservation.

%s`, frDate(anniv), frTime(anniv), sigFR(camille))})
	b2 := cp.reply(b1, &msg{from: jardinMail, to: []addr{deskAddr}, cc: []addr{lebrun}, at: d(-5, 14, 32), lang: "fr", re: "RE: ",
		body: f(`Bonjour Camille,

Avec plaisir. Nous vous confirmons la réservation :

  M. et Mme Whitfield — %s à %s — 2 couverts — table 12 (angle verrière)
  Confirmation n° JH-20417

Le chef est informé de l'allergie aux crustacés ; Marc-Antoine s'occupe du gâteau.

Belle journée,
Nadia Fabre
Réservations — Le Jardin d'Hiver
+33 1 42 65 18 41`, frDate(anniv), frTime(anniv))})
	cp.link(b2, "request", "whitfield-dinner")

	c1 := cp.add(&msg{from: deskAddr, to: []addr{pivoineMail}, at: d(-5, 10, 10), lang: "fr",
		subject: f("Commande — pivoines Suite 701, %s 17h", frDate(anniv)),
		body: f(`Bonjour Inès,

Pour l'anniversaire de mariage de nos clients de la Suite 701 (Mrs Whitfield),
pourriez-vous livrer le %s à 17h :

  • une grande composition de pivoines rose poudré et roses de jardin, budget 280 € ;
  • surtout pas de lys.

Je vous fais porter la carte du directeur demain matin.

Merci de me confirmer la faisabilité (pivoines hors saison).

%s`, frDate(anniv), sigFR(sofia))})
	c2 := cp.reply(c1, &msg{from: pivoineMail, to: []addr{deskAddr}, at: d(-5, 12, 5), lang: "fr",
		body: `Bonjour Sofia,

C'est faisable : nous avons des pivoines de Nouvelle-Zélande en arrivage demain.
Livraison prévue à 17h en Suite 701, composition dans le vase cristal de l'hôtel.

Confirmation n° PIV-2291 — 280 € TTC.

Belle journée,
Inès`})
	cp.link(c2, "request", "whitfield-flowers")

	ballet := d(2, 19, 30)
	d1 := cp.add(&msg{from: deskAddr, to: []addr{rideauMail}, at: d(-2, 10, 30), lang: "fr",
		subject: f("Ballet au Palais Garnier — 2 places le %s", frDate(ballet)),
		body: f(`Bonjour Pauline,

Auriez-vous deux places pour le ballet au Palais Garnier le %s à %s,
pour M. et Mme Whitfield ? Orchestre ou première loge de face uniquement,
budget jusqu'à 250 € la place.

%s`, frDate(ballet), frTime(ballet), sigFR(camille))})
	d2 := cp.reply(d1, &msg{from: rideauMail, waiting: true, to: []addr{deskAddr}, at: d(-1, 17, 50), lang: "fr",
		body: `Bonjour Camille,

Le soir est complet dans notre contingent pour l'instant, mais l'Opéra remet en
vente des places partenaires demain à 10h. Je vous rappelle juste après :
j'ai bon espoir pour deux fauteuils d'orchestre rang 14.

Pauline Roche
Agence Rideau Rouge — 6 rue Scribe, 75009 Paris`})
	cp.link(d2, "request", "whitfield-ballet")
	cp.notes = append(cp.notes, threadNote{d2, "Camille",
		"Pauline nous rappelle demain à 10h. Plan B si rien : Opéra Bastille le même soir (Rideau Rouge a des places).", d(-1, 18, 5)})

	cp.add(&msg{from: eleanor, to: []addr{deskAddr}, at: d(-1, 16, 30), lang: "en", flags: []string{KeywordDone},
		subject: "Thank you for a lovely morning in Montmartre",
		body: `Dear all,

Just a quick note to say how much we enjoyed our walk with Hugo this morning.
He found us the quietest vineyard in Paris and the best hot chocolate in the 18th.
Charles has already bought three books about the painters he told us about.

Eleanor`})
	e5 := cp.add(&msg{from: eleanor, to: []addr{deskAddr}, at: c.ago(2, 5), lang: "en", unread: true,
		subject: "Ballet tickets — any news?",
		body: f(`Dear Camille,

Sorry to chase — is there any news about the ballet on %s? If Garnier is
impossible, we would be just as happy with a concert that evening.

Best wishes,
Eleanor Whitfield
Suite 701`, enDate(ballet))})
	cp.link(e5, "request", "whitfield-ballet")

	// ——— Carter family: whole-stay planning ———
	versailles := d(1, 8, 30)
	f1 := cp.add(&msg{from: james, to: []addr{deskAddr}, cc: []addr{{"Megan Carter", "megan.carter@carter-family.example"}}, at: d(-9, 22, 47), lang: "en",
		subject: "Family trip to Paris — planning our week",
		body: f(`Hi there,

We're the Carters — two adults and two kids (Noah, 12, and Lily, 9) — checking in
on %s for six nights. It's the kids' first time in Paris and we'd love
your help planning the week. Wish list:

- The Louvre, but in a way that won't bore a 9-year-old to tears
- A day at Versailles, ideally with a guide and transportation
- A couple of kid-friendly dinners (we eat early, around 7pm)
- One evening out for the two of us, if you can find a babysitter
- Maybe a boat ride on the Seine

IMPORTANT: Noah has a severe peanut and tree nut allergy. He carries an EpiPen,
but every restaurant needs to know ahead of time.

Thanks so much!
James Carter
Carter Ventures | +1 212 555 0148`, usDate(d(-4, 14, 0)))})
	f2 := cp.reply(f1, &msg{from: deskAddr, at: d(-8, 10, 15), lang: "en",
		body: f(`Dear Mr Carter,

Thank you for your message — we will be delighted to help your family discover Paris.

  • Louvre: our guide Hugo runs a "treasure hunt" tour for families (2 hours,
    420 € for the four of you) — kids follow clues from the Egyptian galleries
    to the Winged Victory. I suggest %s at 9:30 am, before the crowds.
  • Versailles: a full-day private excursion with guide, van and a picnic lunch
    in the gardens (980 €), on %s, pick-up at the hotel at 8:30 am.
  • Dinners: Brasserie de l'Aurore is lively and used to children; their kitchen
    can cook nut-free if warned in advance. I will flag Noah's allergy everywhere.
  • Babysitter: we work with an agency of English-speaking nannies; which evening?

Shall I go ahead with the Louvre and Versailles?

%s`, usDate(d(-2, 9, 30)), usDate(versailles), sigEN(julien))})
	f3 := cp.reply(f2, &msg{from: james, at: d(-8, 19, 2), lang: "en",
		body: f(`Julien, this is fantastic. Yes to both! For the babysitter, %s would be ideal
(7:30 to 11pm). Megan wants to try somewhere romantic for that night.

James`, usDate(d(-1, 19, 30)))})
	f4 := cp.reply(f3, &msg{from: deskAddr, at: d(-7, 9, 30), lang: "en",
		body: f(`Dear Mr Carter,

Here is where we stand:

  • Louvre family treasure hunt — %s, 9:30 am — confirmation PI-0802
  • Versailles private day trip — %s, pick-up 8:30 am — confirmation VP-3318
    (nut-free picnic confirmed with the caterer)
  • Babysitter on %s: I am asking the agency and will revert shortly.

%s`, usDate(d(-2, 9, 30)), usDate(versailles), usDate(d(-1, 19, 30)), sigEN(julien))})
	_ = f4
	cp.link(f1, "stay", "carter")

	g1 := cp.add(&msg{from: deskAddr, to: []addr{versaillesMail}, at: d(-7, 9, 0), lang: "fr",
		subject: f("Excursion Versailles — famille Carter (4 pers.), %s", frDate(versailles)),
		body: f(`Bonjour,

Nous souhaiterions réserver votre journée privée château + jardins + Trianon pour
la famille Carter (2 adultes, enfants de 12 et 9 ans), le %s, prise en charge à
l'hôtel à 8h30, guide anglophone.

Très important : allergie sévère arachides et fruits à coque (Noah, 12 ans) —
le pique-nique doit être entièrement sans fruits à coque.

%s`, frDate(versailles), sigFR(julien))})
	cp.reply(g1, &msg{from: versaillesMail, to: []addr{deskAddr}, at: d(-7, 16, 45), lang: "fr",
		body: f(`Bonjour Julien,

Réservation confirmée pour la famille Carter le %s, départ de l'hôtel à 8h30,
guide : Claire (anglophone, habituée des familles). Pique-nique sans arachides ni
fruits à coque, préparé à part par notre traiteur.

Confirmation n° VP-3318 — 980 € TTC, facturation mensuelle habituelle.

Thibault Marchal
Versailles Privé Excursions`, frDate(versailles))})

	h1 := cp.add(&msg{from: deskAddr, to: []addr{nannyMail}, at: d(-7, 9, 45), lang: "fr",
		subject: f("Baby-sitting anglophone — %s de 19h30 à 23h", frDate(d(-1, 0, 0))),
		body: f(`Bonjour,

Auriez-vous une baby-sitter anglophone disponible le %s de 19h30 à 23h,
à l'hôtel (chambres 305-306), pour deux enfants de 12 et 9 ans ?
Allergie arachides/fruits à coque pour le garçon (stylo d'adrénaline sur place).

%s`, frDate(d(-1, 0, 0)), sigFR(sofia))})
	cp.reply(h1, &msg{from: nannyMail, to: []addr{deskAddr}, at: d(-6, 11, 20), lang: "fr",
		body: `Bonjour Sofia,

Nous sommes vraiment désolés : toutes nos intervenantes anglophones sont déjà
réservées ce soir-là (période de salons). Nous ne pouvons pas honorer la demande.

N'hésitez pas pour une autre date.

L'équipe Petites Mains`})

	carterTonight := cp.add(&msg{from: james, to: []addr{deskAddr}, at: c.ago(3, 10), lang: "en", unread: true,
		subject: "Dinner tonight for the four of us?",
		body: `Hi Julien,

The kids are exhausted after today, so we'd like an easy dinner tonight close to
the hotel, around 7pm, for the four of us. Somewhere casual is perfect. Please
remind them about Noah's nut allergy.

Thanks!
James`})
	cp.link(carterTonight, "request", "carter-dinner")
	cp.notes = append(cp.notes, threadNote{carterTonight, "Julien",
		"Aurore a une table à 19h pour 4 si on confirme avant 17h ; le chef peut cuisiner sans fruits à coque. Appeler M. Carter.", c.ago(2, 30)})

	// ——— Tanaka: arrival transfer, Orsay, perfume, dinner ———
	tanakaLand := d(0, 14, 25)
	orsay := d(1, 10, 0)
	t1 := cp.add(&msg{from: haruka, to: []addr{deskAddr}, at: d(-3, 7, 48), lang: "en",
		subject: f("Arrival on %s — airport transfer", enDate(tanakaLand)),
		body: f(`Dear Concierge,

I will arrive at Charles de Gaulle Terminal 2E on %s, flight AF 275 from
Haneda, landing at 14:25. Could you please arrange a car to the hotel?
I will have two large suitcases.

Thank you very much.

Haruka Tanaka
Tanaka Design Studio, Tokyo`, enDate(tanakaLand))})
	t2 := cp.reply(t1, &msg{from: deskAddr, at: d(-3, 10, 5), lang: "en",
		body: f(`Dear Ms Tanaka,

Thank you for your message. Your transfer is confirmed:

  %s — CDG Terminal 2E, flight AF 275 (landing 14:25)
  Your driver will wait at the exit of the baggage hall with a board
  « TANAKA Haruka ». Mercedes E-Class, room for two large suitcases.
  Confirmation n° TR-55102 — 165 €, charged to your room.

The driver follows your flight, so there is no need to worry about a delay.

%s`, enDate(tanakaLand), sigEN(julien))})
	t3 := cp.reply(t2, &msg{from: haruka, at: d(-3, 11, 2), lang: "en",
		body: f(`Dear Julien,

Thank you! May I also ask:
- a ticket for the Musée d'Orsay on the morning of %s
- a perfume workshop, if there is one in English
- a vegetarian dinner one evening (I eat eggs and dairy, but no fish).

Haruka`, enDate(orsay))})
	t4 := cp.reply(t3, &msg{from: deskAddr, at: d(-2, 10, 5), lang: "en",
		body: f(`Dear Ms Tanaka,

  • Musée d'Orsay: your timed entry is on %s at 10 am (reference ORS-440921).
    The e-ticket is attached; you can also show it on your phone.
  • Perfume workshop: the Atelier du Parfumeur Saint-Roch runs a two-hour creation
    workshop; we are waiting for them to confirm an English-speaking perfumer
    on %s at 3 pm.
  • Vegetarian dinner: I am asking Sakura-an, a small kaiseki counter, whether they
    can prepare their shōjin (vegetarian temple cuisine) menu for %s.

%s`, enDate(orsay), enDate(d(2, 15, 0)), enDate(d(1, 20, 0)), sigEN(julien)),
		attach: []attachment{{"billet-orsay-ORS-440921.pdf", "application/pdf",
			tinyPDF("Musee d'Orsay - e-billet", "Reference ORS-440921", "TANAKA Haruka - 1 adulte",
				orsay.Format("02/01/2006")+" 10:00 - entree A, quai Anatole-France")}}})
	_ = t4
	cp.link(t1, "stay", "tanaka")

	i1 := cp.add(&msg{from: deskAddr, to: []addr{prestigeMail}, at: d(-3, 9, 5), lang: "fr",
		subject: f("Transfert CDG – hôtel — Mme Tanaka, %s", frDate(tanakaLand)),
		body: f(`Bonjour Karim,

Merci de prévoir une Classe E pour Mme Haruka Tanaka :

  %s — CDG Terminal 2E, vol AF 275 en provenance de Haneda, arrivée 14h25
  Pancarte « TANAKA Haruka », deux grandes valises.

%s`, frDate(tanakaLand), sigFR(julien))})
	i2 := cp.reply(i1, &msg{from: prestigeMail, to: []addr{deskAddr}, at: d(-3, 9, 52), lang: "fr",
		body: f(`Bonjour Julien,

Bien reçu. Transfert confirmé le %s, CDG 2E, vol AF 275, chauffeur Mehdi,
Mercedes Classe E noire.

Confirmation n° TR-55102 — forfait CDG 165 €.

Karim — Dispatch Prestige Chauffeurs
+33 1 70 38 52 00`, frDate(tanakaLand))})
	cp.link(i2, "request", "tanaka-transfer")

	j1 := cp.add(&msg{from: deskAddr, to: []addr{museesMail}, at: d(-3, 11, 30), lang: "fr",
		subject: f("Billet Orsay — 1 adulte, %s 10h", frDate(orsay)),
		body: f(`Bonjour Agnès,

Pourriez-vous nous réserver une entrée horodatée pour le Musée d'Orsay
le %s à 10h, 1 adulte, au nom de Mme Haruka Tanaka ?

%s`, frDate(orsay), sigFR(julien))})
	cp.reply(j1, &msg{from: museesMail, to: []addr{deskAddr}, at: d(-2, 9, 40), lang: "fr", noQuote: true,
		body: f(`Bonjour,

Veuillez trouver ci-joint le billet électronique :

  Musée d'Orsay — %s à 10h — 1 adulte — TANAKA Haruka
  Référence ORS-440921 — 16 €

Entrée A, quai Anatole-France. Le billet est valable 30 minutes après l'horaire.

Agnès Colin
Musées & Monuments Réservations`, frDate(orsay)),
		attach: []attachment{{"billet-orsay-ORS-440921.pdf", "application/pdf",
			tinyPDF("Musee d'Orsay - e-billet", "Reference ORS-440921", "TANAKA Haruka - 1 adulte",
				orsay.Format("02/01/2006")+" 10:00 - entree A, quai Anatole-France")}}})

	k1 := cp.add(&msg{from: deskAddr, to: []addr{parfumeurMail}, at: d(-2, 10, 20), lang: "fr",
		subject: f("Atelier création de parfum — %s 15h, en anglais", frDate(d(2, 15, 0))),
		body: f(`Bonjour Lucile,

Une de nos clientes japonaises, Mme Tanaka, designer, aimerait suivre votre atelier
de création de parfum le %s à 15h. Serait-il possible de l'animer en anglais ?

%s`, frDate(d(2, 15, 0)), sigFR(sofia))})
	cp.reply(k1, &msg{from: parfumeurMail, waiting: true, to: []addr{deskAddr}, at: d(-1, 12, 10), lang: "fr",
		body: `Bonjour Sofia,

Nous vérifions la disponibilité de notre parfumeuse anglophone (elle rentre de
Grasse) et revenons vers vous demain en fin de matinée au plus tard.

Lucile Aubert
Atelier du Parfumeur Saint-Roch`})

	// ——— Dr Brandt: opera, gluten-free dinner, departure to Orly ———
	opera := d(-1, 19, 30)
	l1 := cp.add(&msg{from: klaus, to: []addr{deskAddr}, at: d(-4, 16, 30), lang: "en",
		subject: "Opera during my stay?",
		body: f(`Dear Sir or Madam,

I will be staying at your hotel from %s for two nights. Is there any
possibility to obtain one good seat for an opera performance during that time?
I prefer Verdi, and an aisle seat if possible (long legs!).

With kind regards
Dr. med. Klaus Brandt
Brandt Klinik, Munich`, enDate(d(-2, 18, 0)))})
	l2 := cp.reply(l1, &msg{from: deskAddr, at: d(-4, 18, 5), lang: "en",
		body: f(`Dear Dr Brandt,

Good news: La Traviata is playing at the Opéra Bastille on %s at 7:30 pm.
Our ticket agency has one seat in row 9 of the stalls, on the aisle, at 210 €.
Shall I book it for you?

%s`, enDate(opera), sigEN(camille))})
	l3 := cp.reply(l2, &msg{from: klaus, at: d(-4, 20, 12), lang: "en",
		body: f(`Dear Ms Morel,

Yes, please! Wonderful. Could you also recommend a restaurant for %s?
I am coeliac, so it must be strictly gluten-free — not just "we can adapt".

Best regards
Klaus Brandt`, enDate(d(-2, 20, 0)))})
	l4 := cp.reply(l3, &msg{from: deskAddr, at: d(-3, 9, 40), lang: "en",
		body: f(`Dear Dr Brandt,

  • La Traviata, Opéra Bastille, %s at 7:30 pm — row 9, aisle seat.
    Confirmation RR-7781-22; the ticket will be waiting for you at the desk.
  • Dinner on %s at 8 pm at Le Pavillon des Tuileries, which has a separate
    gluten-free kitchen — confirmation PT-1140.

%s`, enDate(opera), enDate(d(-2, 20, 0)), sigEN(camille))})
	_ = l4
	cp.link(l1, "request", "brandt-opera")

	m1 := cp.add(&msg{from: klaus, to: []addr{deskAddr}, at: d(-1, 21, 15), lang: "en",
		subject: "Car to Orly tomorrow",
		body: `Dear Concierge,

My flight to Munich leaves Orly tomorrow at 15:05. Could you book a car for
12:30? The opera was magnificent, thank you again.

Klaus Brandt, room 214`})
	m2 := cp.reply(m1, &msg{from: deskAddr, at: d(-1, 21, 40), lang: "en",
		body: `Dear Dr Brandt,

We are so glad you enjoyed the performance. Your car to Orly is booked for
tomorrow: the driver will be at the main entrance at 12:20 (ten minutes early,
as you like it). Confirmation TR-55187 — 120 €, on your room bill.

Have a safe trip home.

` + sigEN(camille)})
	cp.link(m2, "request", "brandt-orly")

	// ——— Giulia Rossi: dinner moved to 21:00, private salon ———
	ondineAt := d(0, 20, 0)
	n1 := cp.add(&msg{from: deskAddr, to: []addr{giulia}, at: d(-1, 11, 45), lang: "en",
		subject: f("Your dinner at La Table d'Ondine — %s, 20:00", enDate(ondineAt)),
		body: f(`Dear Ms Rossi,

As requested, your table for two is confirmed at La Table d'Ondine
(4 place des Saussaies, a five-minute walk from the hotel):

  %s at 20:00 — 2 guests — confirmation n° TO-3381

Chiara, the maître d', speaks Italian and has noted that you are lactose
intolerant.

%s`, enDate(ondineAt), sigEN(sofia))})
	n2 := cp.reply(n1, &msg{from: giulia, at: c.ago(6, 20), lang: "en",
		body: `Dear Sofia,

Our appointment this afternoon is running late — could we move to 21:00?
Grazie mille!

Giulia

Sent from my iPhone`})
	n3 := cp.reply(n2, &msg{from: deskAddr, at: c.ago(4, 5), lang: "en",
		body: `Dear Ms Rossi,

Done — your table is now at 21:00, same confirmation number (TO-3381).
Chiara looks forward to welcoming you.

` + sigEN(sofia)})
	_ = n3
	cp.link(n1, "request", "rossi-dinner")

	o1 := cp.add(&msg{from: deskAddr, to: []addr{ondineMail}, at: c.ago(5, 50), lang: "fr",
		subject: "Modification — Mme Rossi, ce soir 20h – 21h (TO-3381)",
		body: `Bonjour Chiara,

Mme Rossi nous demande s'il serait possible de décaler sa table de ce soir
de 20h à 21h (2 couverts, confirmation TO-3381).

Merci d'avance !

` + sigFR(sofia)})
	cp.reply(o1, &msg{from: ondineMail, to: []addr{deskAddr}, at: c.ago(4, 30), lang: "fr", re: "RE: ",
		body: `Ciao Sofia,

C'est noté : 21h, 2 couverts, même numéro TO-3381. Je garde la table près de
la fenêtre.

Chiara
La Table d'Ondine`})

	p1 := cp.add(&msg{from: deskAddr, to: []addr{varenneMail}, at: d(-2, 15, 0), lang: "fr",
		subject: "Rendez-vous privé — Mme Giulia Rossi (acheteuse, Milan)",
		body: f(`Chère Victoire,

Mme Giulia Rossi, acheteuse pour un grand magasin milanais, séjourne chez nous
et souhaiterait découvrir la collection en salon privé le %s à 11h,
avec son collègue Marco Bellini.

%s`, frDate(d(1, 11, 0)), sigFR(sofia))})
	cp.reply(p1, &msg{from: varenneMail, to: []addr{deskAddr}, at: d(-2, 18, 10), lang: "fr",
		body: f(`Chère Sofia,

Avec grand plaisir. Je recevrai personnellement Mme Rossi et M. Bellini le %s
à 11h, salon Grenelle. Confirmation MV-0912.

Bien à vous,
Victoire de Saint-Aubin
Directrice des salons privés — Maison Varenne`, frDate(d(1, 11, 0)))})

	// ——— Al Mansouri family ———
	q1 := cp.add(&msg{from: noura, to: []addr{deskAddr}, at: d(-7, 13, 10), lang: "en",
		subject: "Mr Al Mansouri's stay — arrangements",
		body: f(`Dear Concierge team,

Further to the reservation made by our office, please find below the
arrangements for Mr Khalid Al Mansouri and his family (6 people) arriving on
%s at around 20:00:

- Car with driver at disposal for the whole stay (Maybach preferred; Karim
  drove the family last year and they were very happy with him)
- White orchids in the suite, renewed regularly
- A private dinner for the family in a halal restaurant during the first week
- A private hammam session for Mrs Al Mansouri and her daughters
- Private shopping after hours (ladies' fashion)

No alcohol in the suite minibar, please. Kindly address all matters to me.

Best regards,
Noura Saleh
Executive Assistant to Mr Khalid Al Mansouri`, enDate(d(-5, 20, 0)))})
	q2 := cp.reply(q1, &msg{from: deskAddr, at: d(-7, 15, 30), lang: "en",
		body: `Dear Ms Saleh,

Thank you — it will be our pleasure to welcome the family again.

  • Prestige Chauffeurs will provide a Maybach with Karim for the stay;
    we will send you the day-by-day schedule to approve.
  • White orchids will be in the suite on arrival and renewed every three days.
  • For the family dinner, we recommend Le Cèdre Bleu (Lebanese, certified halal,
    private room for twelve).
  • Les Bains de Néroli can privatise their hammam with female staff only.
  • Maison Varenne will open its salons after closing for a private session.

The minibar will be emptied of alcohol before arrival.

` + sigEN(camille)})
	q3 := cp.reply(q2, &msg{from: noura, at: c.ago(2, 40), lang: "en", unread: true,
		body: f(`Dear Camille,

Mr Al Mansouri would like the Maybach tomorrow, %s, from 10:00 for the
whole day (Chantilly in the afternoon). Could you also confirm that the private
shopping at Maison Varenne tonight at 18:30 is still on? Mrs Al Mansouri will
be accompanied by her two daughters.

Thank you,
Noura`, enDate(d(1, 10, 0)))})
	_ = q3
	cp.link(q1, "stay", "almansouri")

	r1 := cp.add(&msg{from: deskAddr, to: []addr{varenneMail}, at: d(-4, 11, 0), lang: "fr",
		subject: f("Ouverture privée — famille Al Mansouri, %s 18h30", frDate(d(0, 18, 30))),
		body: f(`Chère Victoire,

Comme évoqué au téléphone, serait-il possible d'ouvrir les salons après la fermeture
le %s de 18h30 à 20h30 pour Mme Al Mansouri et ses deux filles ?
Personnel féminin apprécié, rafraîchissements sans alcool.

%s`, frDate(d(0, 18, 30)), sigFR(camille))})
	cp.reply(r1, &msg{from: varenneMail, to: []addr{deskAddr}, at: d(-4, 17, 30), lang: "fr",
		body: `Chère Camille,

C'est entendu : salons privatisés de 18h30 à 20h30, équipe féminine, thé à la menthe
et jus frais. Confirmation MV-0927.

Victoire`})

	cp.add(&msg{from: neroliMail, to: []addr{deskAddr}, at: d(-3, 16, 0), lang: "fr",
		subject: f("Privatisation hammam — confirmation BN-0456 (%s)", frDate(d(-1, 16, 0))),
		body: f(`Bonjour,

Nous vous confirmons la privatisation du hammam le %s de 16h à 19h pour
Mme Al Mansouri et ses filles (3 personnes), équipe exclusivement féminine.
Gommage au savon noir, enveloppement et thé à la menthe inclus.

Montant : 1 800 € — confirmation BN-0456.

Les Bains de Néroli`, frDate(d(-1, 16, 0)))})

	// ——— Antoine Dubois: late car, complaint ———
	s1 := cp.add(&msg{from: antoine, to: []addr{deskAddr}, at: d(-1, 14, 20), lang: "fr", flags: []string{`\Flagged`},
		subject: "Chauffeur en retard ce matin — très déçu",
		body: `Bonjour,

Je tiens à vous faire part de mon mécontentement. Le chauffeur que vous aviez
réservé pour nous conduire à la gare de Lyon est arrivé avec vingt-cinq minutes
de retard, sans prévenir. Nous avons eu notre TGV de 11h57 à deux minutes près,
en courant sur le quai avec nos valises — ma femme n'a pas apprécié.

Pour un établissement de votre standing, c'est inacceptable. Je souhaiterais
savoir quelles suites vous comptez donner.

Antoine Dubois`})
	s2 := cp.reply(s1, &msg{from: deskAddr, at: d(-1, 16, 5), lang: "fr",
		body: `Cher Monsieur Dubois,

Je vous présente nos plus sincères excuses, ainsi qu'à Madame Dubois. Rien ne
justifie qu'un chauffeur que nous avons mandaté arrive en retard sans même
prévenir, et je comprends parfaitement votre agacement.

Le transfert ne vous sera naturellement pas facturé, et nous avons cessé de
travailler avec cette société. Notre directeur, M. Aubry, vous offre par ailleurs
un dîner pour deux au Jardin d'Hiver lors de votre prochain séjour.

En vous renouvelant nos excuses,

` + sigFR(julien)})
	s3 := cp.reply(s2, &msg{from: antoine, at: d(-1, 19, 40), lang: "fr", flags: []string{KeywordDone},
		body: `Merci pour votre réponse rapide et ce geste, que nous apprécions.
Le reste du séjour était parfait, comme toujours. À bientôt.

A. Dubois`})
	_ = s3
	cp.link(s1, "stay", "dubois")
	cp.link(s1, "request", "dubois-transfer")

	u1 := cp.add(&msg{from: deskAddr, to: []addr{rapideMail}, at: d(-1, 14, 45), lang: "fr",
		subject: "Retard du chauffeur — transfert M. Dubois (RC-88410)",
		body: `Bonjour,

Votre chauffeur est arrivé ce matin avec 25 minutes de retard, sans prévenir,
pour le transfert de M. et Mme Dubois vers la gare de Lyon (réservation RC-88410).
Nos clients ont failli manquer leur train.

C'est le deuxième incident cette année. Nous ne réglerons pas cette course et
suspendons nos réservations chez vous.

` + sigFR(julien)})
	cp.reply(u1, &msg{from: rapideMail, to: []addr{deskAddr}, at: d(-1, 17, 30), lang: "fr", re: "RE: ",
		body: `Bonjour,

Toutes nos excuses. Le chauffeur a été pris dans un accident sur le périphérique
et n'a pas pu joindre le dispatch. La course RC-88410 est annulée et ne vous sera
pas facturée.

Nous espérons pouvoir regagner votre confiance.

Le service client Rapide Cars`})
	cp.notes = append(cp.notes, threadNote{s1, "Julien",
		"Rapide Cars passé en « ne pas utiliser ». Course non facturée, commission annulée. Dîner offert validé par M. Aubry.", d(-1, 16, 20)})

	// ——— Rafael Almeida ———
	v1 := cp.add(&msg{from: rafael, to: []addr{deskAddr}, at: d(-2, 23, 5), lang: "en",
		subject: "Arriving from São Paulo — car, steak and jazz",
		body: f(`Hello!

I arrive on %s at CDG Terminal 2, landing 08:40 from São Paulo, with my
wife Beatriz. We would need:
- a car from the airport (I travel with my golf bag, sorry!)
- a great steak dinner that first evening
- a good jazz club one night, close to the music, not a tourist trap

Obrigado!
Rafael Almeida`, enDate(d(1, 8, 40)))})
	v2 := cp.reply(v1, &msg{from: deskAddr, at: d(-1, 10, 20), lang: "en",
		body: f(`Dear Mr Almeida,

  • Airport: a Mercedes V-Class van will meet you at CDG Terminal 2 on %s
    (flight landing 08:40) — plenty of room for the golf bag.
    Confirmation TR-55240. We will try to have your room ready early.
  • Jazz: Le Caveau Bleu, a 17th-century cellar in the Latin Quarter, is the real
    thing. I have asked for a table near the stage on %s at 10 pm.
  • Steak: La Boucherie Rivoli, aged beef and a great Argentinian cellar —
    8:30 pm on your arrival day?

%s`, enDate(d(1, 8, 40)), enDate(d(2, 22, 0)), sigEN(julien))})
	v3 := cp.reply(v2, &msg{from: rafael, at: c.ago(9, 15), lang: "en",
		body: `Great, thank you Julien! Small change: my brother Thiago joins us, so we are
3 adults. Is the van still OK with the luggage for 3? And yes to the steak at 8:30.

Rafael`})
	_ = v3
	cp.link(v1, "request", "almeida-transfer")

	w1 := cp.add(&msg{from: deskAddr, to: []addr{caveauMail}, at: d(-1, 10, 40), lang: "fr",
		subject: f("Table près de la scène — 3 personnes, %s 22h", frDate(d(2, 22, 0))),
		body: f(`Bonjour Jean-Baptiste,

Auriez-vous une table près de la scène pour 3 personnes le %s pour le concert
de 22h ? Clients brésiliens, vrais amateurs de jazz.

%s`, frDate(d(2, 22, 0)), sigFR(julien))})
	cp.reply(w1, &msg{from: caveauMail, waiting: true, to: []addr{deskAddr}, at: d(-1, 16, 15), lang: "fr",
		body: `Salut Julien,

Le programme de ce soir-là n'est pas encore bouclé (quartet ou big band), je te
confirme la table demain midi au plus tard.

JB — Le Caveau Bleu`})

	// ——— Chen Wei: late arrival, delayed flight ———
	x1 := cp.add(&msg{from: chenWei, to: []addr{deskAddr}, at: c.ago(20, 0), lang: "en",
		subject: "Late arrival and a business dinner",
		body: f(`Dear Concierge,

I arrive on %s, landing at CDG Terminal 1 at 20:10 from Shanghai.
Please arrange a car and keep my room — I will be at the hotel around 21:30.

On %s I host a dinner for 4 (two French clients): a quiet, refined place
with a private corner, 20:00. No coriander for me, please.

Best regards,
Chen Wei
Managing Director, Chen Capital`, enDate(d(0, 20, 10)), enDate(d(1, 20, 0)))})
	x2 := cp.reply(x1, &msg{from: deskAddr, at: c.ago(18, 30), lang: "en",
		body: `Dear Ms Chen,

Your room is guaranteed for a late arrival. We have asked our chauffeur company
for a car at Terminal 1 and will send you the driver's details as soon as they
are confirmed.

For your dinner, we are holding the alcove table at Le Jardin d'Hiver, which is
perfect for a business conversation. We will confirm shortly.

` + sigEN(julien)})
	x3 := cp.reply(x2, &msg{from: chenWei, at: c.ago(1, 15), lang: "en", unread: true,
		body: `My flight is delayed by 45 minutes — now landing 20:55. Please inform the driver.
Is the car confirmed? I have not received the details yet.

Chen Wei`})
	_ = x3
	cp.link(x1, "request", "chen-transfer")
	cp.notes = append(cp.notes, threadNote{x1, "Sofia",
		"Karim (dispatch jour) part à 18h : rappeler le dispatch de nuit pour Mme Chen, nouvelle arrivée 20h55. Toujours pas de nom de chauffeur !", c.ago(1, 0)})

	y1 := cp.add(&msg{from: deskAddr, to: []addr{prestigeMail}, at: c.ago(18, 0), lang: "fr",
		subject: "Transfert CDG T1 – hôtel — Mme Chen, arrivée tardive",
		body: f(`Bonjour,

Merci de prévoir une Classe S pour Mme Chen Wei, le %s, CDG Terminal 1,
arrivée prévue 20h10 en provenance de Shanghai. Pancarte « CHEN Wei ».

%s`, frDate(d(0, 20, 10)), sigFR(julien))})
	cp.reply(y1, &msg{from: prestigeMail, waiting: true, to: []addr{deskAddr}, at: c.ago(17, 10), lang: "fr",
		body: `Bien reçu Julien. Planning du soir encore en cours : on vous confirme le
chauffeur dans la journée.

Dispatch Prestige Chauffeurs`})

	// ——— García Ruiz honeymoon ———
	cruise := d(3, 20, 30)
	z1 := cp.add(&msg{from: alejandro, to: []addr{deskAddr}, at: d(-4, 12, 30), lang: "en",
		subject: "Honeymoon surprise (please keep it secret!)",
		body: f(`Hello,

My wife Lucía and I arrive on %s for our honeymoon (we married last
Saturday in Sevilla!). I would like to prepare some surprises:
- rose petals and champagne in the room when we arrive
- a romantic dinner on the Seine one evening

Please do not write to Lucía about this :)

Muchas gracias,
Alejandro García Ruiz`, enDate(d(2, 15, 0)))})
	z2 := cp.reply(z1, &msg{from: deskAddr, at: d(-4, 16, 0), lang: "en",
		body: f(`Dear Mr García Ruiz,

Congratulations to you both! Your secret is safe with us.

  • On arrival: rose petals on the bed and a bottle of champagne on ice.
  • The dinner cruise by Croisières Quai d'Orsay sails at 8:30 pm — three courses
    while Paris slides by. A window table on %s would be 330 € for two.

Would you like me to book it?

%s`, enDate(cruise), sigEN(sofia))})
	z3 := cp.reply(z2, &msg{from: alejandro, at: d(-3, 8, 10), lang: "en",
		body: `Yes please, book the cruise! Lucía will love it.

Alejandro`})
	cp.reply(z3, &msg{from: deskAddr, at: d(-3, 15, 5), lang: "en",
		body: f(`Dear Mr García Ruiz,

Your dinner cruise is booked: %s, boarding at 8 pm at Port de la Bourdonnais,
departure 8:30 pm, window table for two — confirmation CQO-66120.
The crew will offer you a glass of champagne to celebrate.

Rose petals and champagne will be waiting in your room on arrival — and we will
not say a word to Mrs García!

%s`, enDate(cruise), sigEN(sofia))})
	cp.link(z1, "stay", "garcia")

	za := cp.add(&msg{from: deskAddr, to: []addr{croisiereMail}, at: d(-3, 10, 0), lang: "fr",
		subject: f("Dîner-croisière — 2 pers., %s, table fenêtre", frDate(cruise)),
		body: f(`Bonjour Océane,

Pourriez-vous nous réserver le dîner-croisière du %s (embarquement 20h) pour
M. et Mme García Ruiz, 2 personnes, table en bord de vitre ? Ils sont en voyage
de noces.

%s`, frDate(cruise), sigFR(sofia))})
	cp.reply(za, &msg{from: croisiereMail, to: []addr{deskAddr}, at: d(-3, 14, 40), lang: "fr",
		body: f(`Bonjour Sofia,

Réservation confirmée : %s, embarquement à 20h, départ 20h30, table 4 en bord
de vitre, menu Étoile. Une coupe de champagne leur sera offerte pour leur voyage
de noces.

Confirmation n° CQO-66120 — 330 €.

Océane Petit
Croisières Quai d'Orsay`, frDate(cruise))})

	// ——— Claire Lefebvre: business lunch (local client) ———
	lunch := d(2, 13, 0)
	aa1 := cp.add(&msg{from: claire, to: []addr{deskAddr}, at: d(-2, 9, 30), lang: "fr",
		subject: f("Déjeuner %s — table pour 4", frDate(lunch)),
		body: f(`Bonjour Camille,

Pourriez-vous me trouver une table pour 4 le %s à 13h, au calme ? Je reçois
deux clients allemands et mon associé. Le Comptoir des Vignes serait parfait
si le petit salon est libre.

Merci et à bientôt,
Claire Lefebvre
Lefebvre Conseil`, frDate(lunch))})
	aa2 := cp.reply(aa1, &msg{from: deskAddr, at: d(-2, 11, 0), lang: "fr",
		body: f(`Chère Madame Lefebvre,

C'est réservé : Le Comptoir des Vignes, petit salon privé, le %s à 13h,
4 couverts — confirmation CV-1187. Bertrand vous a joint sa carte du moment.
La facture sera adressée à Lefebvre Conseil, comme d'habitude.

%s`, frDate(lunch), sigFR(camille))})
	_ = aa2
	cp.link(aa1, "request", "lefebvre-lunch")

	ab1 := cp.add(&msg{from: deskAddr, to: []addr{comptoirMail}, at: d(-2, 9, 50), lang: "fr",
		subject: f("Salon privé — Mme Lefebvre, %s 13h, 4 couverts", frDate(lunch)),
		body: f(`Bonjour Bertrand,

Le petit salon serait-il libre le %s à 13h pour Mme Lefebvre, 4 couverts ?
Déjeuner d'affaires, facture au nom de Lefebvre Conseil.

%s`, frDate(lunch), sigFR(camille))})
	cp.reply(ab1, &msg{from: comptoirMail, to: []addr{deskAddr}, at: d(-2, 10, 35), lang: "fr",
		body: f(`Salut Camille,

Le salon est à vous : %s, 13h, 4 couverts, confirmation CV-1187.
Je te joins la carte du déjeuner si Mme Lefebvre veut précommander.

Bertrand
Le Comptoir des Vignes`, frDate(lunch)),
		attach: []attachment{{"carte-dejeuner.txt", "text/plain; charset=utf-8", []byte(
			"LE COMPTOIR DES VIGNES — Carte du déjeuner\r\n\r\n" +
				"Entrées\r\n  Œuf parfait, crème de cèpes — 16 €\r\n  Velouté de potimarron, châtaignes — 14 €\r\n\r\n" +
				"Plats\r\n  Joue de bœuf braisée au vin rouge, purée maison — 29 €\r\n  Dos de cabillaud, beurre blanc, poireaux — 31 €\r\n\r\n" +
				"Desserts\r\n  Tarte fine aux pommes — 12 €\r\n  Mousse au chocolat, fleur de sel — 11 €\r\n\r\n" +
				"Formule déjeuner entrée-plat-dessert : 48 € (hors boissons)\r\n")}}})

	// ——— Dr Okafor: Eurostar and vegan dinner ———
	ac1 := cp.add(&msg{from: amara, to: []addr{deskAddr}, at: d(-2, 8, 50), lang: "en",
		subject: "Eurostar arrival and a vegan dinner",
		body: f(`Hello,

I'm arriving on the Eurostar at Gare du Nord on %s (14:47) for the
cardiology congress. Could you arrange a car from the station? And I'd love a
really good vegan dinner on %s, just for me, nothing too formal.

Many thanks,
Amara Okafor`, enDate(d(1, 14, 47)), enDate(d(2, 20, 0)))})
	ac2 := cp.reply(ac1, &msg{from: deskAddr, at: d(-2, 12, 15), lang: "en",
		body: f(`Dear Dr Okafor,

Your driver will be waiting at the exit of platform 3 at Gare du Nord on %s
with a name board — confirmation TR-55251, 90 €.

Unfortunately Maison Sauge, our favourite plant-based table, is fully booked
on %s. I will look for another vegan option and come back to you.

%s`, enDate(d(1, 14, 47)), enDate(d(2, 20, 0)), sigEN(sofia))})
	cp.reply(ac2, &msg{from: amara, at: c.ago(22, 0), lang: "en",
		body: `Shame about Maison Sauge! Any other vegan option would be lovely — or a
vegetarian place that can do a proper vegan menu.

Amara`})
	cp.link(ac1, "stay", "okafor")

	ad1 := cp.add(&msg{from: deskAddr, to: []addr{saugeMail}, at: d(-2, 9, 15), lang: "fr",
		subject: f("Table pour 1, menu vegan — %s 20h", frDate(d(2, 20, 0))),
		body: f(`Bonjour,

Auriez-vous une table pour une personne le %s à 20h, menu végétal ?

%s`, frDate(d(2, 20, 0)), sigFR(sofia))})
	cp.reply(ad1, &msg{from: saugeMail, to: []addr{deskAddr}, at: d(-2, 11, 40), lang: "fr",
		body: `Bonjour,

Désolés, nous sommes complets ce soir-là (privatisation partielle).
Avec plaisir une autre fois !

Maison Sauge`})

	// ——— Olivier Fontaine: an old French mail client, ISO-8859-1 ———
	ae1 := cp.add(&msg{from: olivier, to: []addr{deskAddr}, at: d(-2, 20, 35), lang: "fr", latin1: true,
		headers: [][2]string{{"X-Mailer", "Microsoft Outlook 14.0"}},
		subject: "Anniversaire de mon épouse — fleurs et dîner",
		body: f(`Bonsoir,

Nous arriverons le %s pour deux nuits, à l'occasion des 50 ans de mon
épouse Isabelle. J'aimerais qu'un bouquet de pivoines (ses fleurs préférées)
l'attende dans la chambre, et réserver un dîner élégant le soir même vers 20h30.

Isabelle ne se doute de rien : merci de ne rien mentionner à l'arrivée !

Très cordialement,
Olivier Fontaine
Notaire — Bruxelles`, frDate(d(5, 15, 0)))})
	ae2 := cp.reply(ae1, &msg{from: deskAddr, at: d(-1, 9, 45), lang: "fr",
		body: f(`Cher Monsieur Fontaine,

Quelle belle occasion ! Nous nous occupons de tout, en toute discrétion :

  • pivoines en chambre à votre arrivée le %s (notre fleuriste les fait venir
    spécialement, nous vous confirmons d'ici 48 h) ;
  • un dîner au Jardin d'Hiver à 20h30 ce soir-là, avec un gâteau au dessert
    si vous le souhaitez.

%s`, frDate(d(5, 15, 0)), sigFR(sofia))})
	_ = ae2
	cp.link(ae1, "stay", "fontaine")

	af1 := cp.add(&msg{from: deskAddr, to: []addr{pivoineMail}, at: d(-1, 10, 0), lang: "fr",
		subject: f("Pivoines — chambre Fontaine, %s 15h", frDate(d(5, 15, 0))),
		body: f(`Bonjour Inès,

Encore des pivoines ! Un bouquet pour les 50 ans de Mme Fontaine, en chambre le %s
à 15h, budget 180 €. Faisable ?

%s`, frDate(d(5, 15, 0)), sigFR(sofia))})
	cp.reply(af1, &msg{from: pivoineMail, waiting: true, to: []addr{deskAddr}, at: d(-1, 15, 30), lang: "fr",
		body: `Bonjour Sofia,

Je dois passer commande à mon grossiste, je vous confirme sous 48 h.
Au pire je vous proposerai des renoncules, très jolies en ce moment.

Inès`})

	// ——— Harrington: cancelled stay ———
	ag1 := cp.add(&msg{from: tom, to: []addr{deskAddr}, at: d(-3, 17, 20), lang: "en",
		subject: "Cancellation — family emergency",
		body: f(`Hello,

I'm very sorry, but due to a family emergency we have to cancel our stay
(arriving %s, two nights) and everything you booked for us — the car
from the airport and the cabaret show.

Best,
Tom Harrington`, usDate(d(3, 15, 0)))})
	cp.reply(ag1, &msg{from: deskAddr, at: d(-3, 18, 0), lang: "en",
		body: `Dear Mr Harrington,

We are very sorry to hear this and hope all is well with your family. Your stay,
the airport transfer and the cabaret tickets are cancelled, free of charge.
We look forward to welcoming you another time.

` + sigEN(camille)})
	ah1 := cp.add(&msg{from: deskAddr, to: []addr{luneMail}, at: d(-3, 18, 20), lang: "fr",
		subject: "Annulation — réservation LR-5520 (Harrington, 2 pers.)",
		body: f(`Bonjour,

Nous devons malheureusement annuler la réservation LR-5520 (dîner-spectacle,
2 personnes, le %s à 19h) au nom de M. Harrington.

Merci de nous confirmer l'annulation et le remboursement.

%s`, frDate(d(4, 19, 0)), sigFR(camille))})
	cp.reply(ah1, &msg{from: luneMail, to: []addr{deskAddr}, at: d(-2, 10, 5), lang: "fr",
		body: `Bonjour,

Annulation confirmée, plus de 72 h avant la représentation : remboursement
intégral (370 €) sous 5 jours ouvrés.

Le service réservations — Cabaret de la Lune Rousse`})

	// ——— Philippe Moreau: a habitué ———
	moreauTaxi := cp.add(&msg{from: philippe, to: []addr{deskAddr}, at: c.ago(7, 0), lang: "fr", unread: true,
		subject: "Taxi pour la gare de Lyon demain matin",
		body: f(`Bonjour,

Pourriez-vous me commander un taxi (pas de VTC, s'il vous plaît) pour demain,
%s, à 9h15, direction gare de Lyon ? Mon TGV part à 10h04.

Merci,
Philippe Moreau
Chambre 512`, frDate(d(1, 9, 15)))})
	cp.link(moreauTaxi, "guest", "moreau")
	cp.link(moreauTaxi, "request", "moreau-taxi")

	// ——— Anna Schneider, with a draft reply in Drafts ———
	sch := cp.add(&msg{from: anna, to: []addr{deskAddr}, at: d(-1, 11, 25), lang: "en",
		subject: "Architecture walk next week?",
		body: f(`Hello,

My partner Jonas and I (both architects) arrive on %s. Is there a guide who
could show us Art nouveau and modern Paris — Guimard, Le Corbusier, maybe the
Philharmonie — on %s, in English or German?

Thank you and best regards,
Anna Schneider
Schneider Architektur, Hamburg`, enDate(d(4, 15, 0)), enDate(d(5, 10, 0)))})
	cp.reply(sch, &msg{from: deskAddr, draft: true, at: c.ago(0, 35), lang: "en",
		body: `Dear Ms Schneider,

What a lovely idea. Our guide Hugo Laurent has a half-day walk from Guimard's
Castel Béranger to the Fondation Le Corbusier, ending at the Philharmonie

[Julien: check price with Hugo before sending]

` + sigEN(julien)})
	cp.link(sch, "stay", "schneider")

	// ——— Hotel colleagues ———
	cp.add(&msg{from: reception, to: []addr{deskAddr}, at: d(-1, 18, 0), lang: "fr",
		subject: f("Arrivées VIP du %s", frDate(d(0, 0, 0))),
		body: `Bonsoir à tous,

Arrivées VIP de demain :

  • Mme Haruka Tanaka — ch. 418 — 15h (transfert CDG par la Conciergerie) — VIP 1
  • Mme Chen Wei — ch. 516 — arrivée tardive ~21h30, garantie — VIP 1

Rappel : M. Al Mansouri (901) — accueil personnalisé à chaque passage dans le hall.

Bonne soirée,
Laurent — Réception`})
	cp.add(&msg{from: housekeeping, to: []addr{deskAddr}, at: d(-2, 14, 5), lang: "fr",
		subject: "Suite 901 — orchidées à renouveler",
		body: `Bonjour la Conciergerie,

Les orchidées de la Suite 901 commencent à faner. Pouvez-vous prévoir le
renouvellement avec Fleurs du Marais pour demain matin ?

Merci,
Mme Lopes — Gouvernante générale`})
	cp.add(&msg{from: spaMail, to: []addr{deskAddr}, at: d(-1, 8, 30), lang: "fr", unread: true,
		subject: "Planning du spa — disponibilités de la semaine",
		body: `Bonjour,

Voici nos créneaux encore disponibles pour vos clients cette semaine :

  • massage signature 90 min : tous les jours à 10h, 14h et 16h
  • soin visage éclat 60 min : 11h, 15h
  • soins en suite : sur demande, 4 h de préavis

Mei-Lin Durand — Spa Lumière`})

	// ——— Newsletters, statements, and one for the bin ———
	cp.add(&msg{from: jardinNews, to: []addr{deskAddr}, at: d(-8, 11, 0), lang: "fr",
		subject: "Le Jardin d'Hiver — notre nouveau menu d'hiver",
		headers: [][2]string{{"List-Unsubscribe", "<mailto:desinscription@jardin-hiver.example>"}},
		body: `Chers partenaires concierges,

Notre chef a le plaisir de vous présenter son menu d'hiver, à découvrir dès
cette semaine : truffe noire du Périgord, gibier, agrumes de Menton.
Vous trouverez le menu en pièce jointe.

Comme toujours, les tables 12 et 14 sont réservées à vos clients jusqu'à 18h
le jour même.

L'équipe du Jardin d'Hiver`,
		html: `<html><body style="font-family:Georgia,serif"><h1>Le Jardin d'Hiver</h1><h2>Notre menu d'hiver</h2>` +
			`<p>Truffe noire du Périgord, gibier, agrumes de Menton&nbsp;: le menu est en pièce jointe.</p>` +
			`<p>Les tables 12 et 14 restent réservées à vos clients jusqu'à 18h le jour même.</p></body></html>`,
		attach: []attachment{{"menu-hiver-jardin-hiver.pdf", "application/pdf",
			tinyPDF("Le Jardin d'Hiver - Menu d'hiver", "Saint-Jacques, celeri, truffe noire",
				"Lievre a la royale, coing roti", "Agrumes de Menton, sorbet estragon", "Menu degustation : 195 EUR")}}})
	cp.add(&msg{from: reseau, to: []addr{deskAddr}, at: d(-10, 7, 30), lang: "fr", box: BoxArchive,
		subject: f("La lettre du Réseau — %s", frMonths[d(-10, 0, 0).Month()-1]),
		headers: [][2]string{{"List-Unsubscribe", "<https://www.concierges-paris.example/desinscription>"}},
		body:    "Ce mois-ci : les nouvelles tables, les dates des défilés et notre soirée annuelle.\n\nLire la lettre en ligne : https://www.concierges-paris.example/lettre",
		html:    `<html><body><h1>La lettre du Réseau</h1><p>Ce mois-ci : les nouvelles tables, les dates des défilés et notre soirée annuelle.</p><p><a href="https://www.concierges-paris.example/lettre">Lire la lettre en ligne</a></p></body></html>`})
	cp.add(&msg{from: agenda, to: []addr{deskAddr}, at: d(-1, 7, 0), lang: "fr", unread: true,
		subject: "Cette semaine à Paris : expositions, concerts, nouvelles tables",
		headers: [][2]string{{"List-Unsubscribe", "<https://www.agenda-paris.example/unsubscribe>"}},
		body: `CETTE SEMAINE À PARIS

Expositions — « Lumières du Nord », peinture scandinave, jusqu'à fin janvier.
Concerts — Récital de piano à la salle Cortot, jeudi 20h.
Nouvelles tables — Un bistrot de la mer ouvre rue des Martyrs.

Tout l'agenda : https://www.agenda-paris.example`,
		html: `<html><body><h2>Cette semaine à Paris</h2><ul><li><b>Expositions</b> — « Lumières du Nord », peinture scandinave.</li><li><b>Concerts</b> — Récital de piano à la salle Cortot, jeudi 20h.</li><li><b>Nouvelles tables</b> — Un bistrot de la mer ouvre rue des Martyrs.</li></ul></body></html>`})
	cp.add(&msg{from: prestigeSales, to: []addr{deskAddr}, at: d(-9, 9, 0), lang: "fr", box: BoxArchive,
		subject: "Relevé de commissions — mois précédent",
		body: `Bonjour,

Veuillez trouver ci-joint le relevé des commissions du mois précédent
(14 courses, 2 310 € de commissions, déduites de notre facture).

Bien cordialement,
Laure Vasseur
Responsable commerciale — Prestige Chauffeurs Paris`,
		attach: []attachment{{"releve-commissions.csv", "text/csv; charset=utf-8", []byte(
			"date;reference;client;trajet;montant_eur;commission_eur\r\n" +
				"03;TR-54120;Moreau;CDG-hotel;165;16,50\r\n" +
				"07;TR-54188;Al Mansouri;mise a disposition 10h;1850;185\r\n" +
				"12;TR-54302;Whitfield;hotel-Orly;120;12\r\n")}}})
	cp.add(&msg{from: spammer, to: []addr{deskAddr}, at: d(-4, 3, 12), lang: "en", box: BoxTrash,
		subject: "Congratulations! You have been selected for a luxury cruise",
		body:    "Dear winner,\n\nClick here to claim your free luxury cruise for two. Offer valid 24 hours only!\n\nLuxury Rewards Club"})

	return cp
}

// tinyPDF builds a small, valid one-page PDF with a few lines of ASCII text.
func tinyPDF(lines ...string) []byte {
	var content []byte
	content = append(content, "BT /F1 14 Tf 56 780 Td 18 TL\n"...)
	for _, l := range lines {
		esc := make([]byte, 0, len(l))
		for i := 0; i < len(l); i++ {
			if l[i] == '(' || l[i] == ')' || l[i] == '\\' {
				esc = append(esc, '\\')
			}
			esc = append(esc, l[i])
		}
		content = append(content, '(')
		content = append(content, esc...)
		content = append(content, ") Tj T*\n"...)
	}
	content = append(content, "ET\n"...)
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%sendstream", len(content), content),
	}
	out := []byte("%PDF-1.4\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = len(out)
		out = append(out, fmt.Sprintf("%d 0 obj\n%s\nendobj\n", i+1, o)...)
	}
	xref := len(out)
	out = append(out, fmt.Sprintf("xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)...)
	for _, off := range offsets {
		out = append(out, fmt.Sprintf("%010d 00000 n \n", off)...)
	}
	out = append(out, fmt.Sprintf("trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)...)
	return out
}
