package demo

import (
	"loge/data/desk"
)

// vendorSpec is a vendor with the key requests and mails refer to it by.
type vendorSpec struct {
	key string
	v   desk.Vendor
}

// contactSpec is a person at a vendor; vendor is a vendor key.
type contactSpec struct {
	vendor string
	c      desk.VendorContact
}

const (
	commRestaurant = "10 % du montant hors boissons, relevé mensuel"
	commTransport  = "10 % sur transferts et mises à disposition, déduit de la facture mensuelle"
	commTickets    = "Frais de service 8 % reversés au trimestre"
	commNone       = "Pas de commission"
)

func vendors() []vendorSpec {
	v := func(key, name, cat, status, reason, phone, email, addr, site, hours, langs, comm, notes string) vendorSpec {
		return vendorSpec{key, desk.Vendor{Name: name, Category: cat, Status: status, StatusReason: reason, Phone: phone,
			Email: email, Address: addr, City: "Paris", Website: site, Hours: hours, Languages: langs, CommissionTerms: comm, Notes: notes}}
	}
	const (
		pref = desk.VendorPreferred
		ok   = desk.VendorApproved
		dnu  = desk.VendorDoNotUse
		shut = desk.VendorClosed
	)
	list := []vendorSpec{
		// Restaurants.
		v("jardin", "Le Jardin d'Hiver", "restaurant", pref, "", "+33 1 42 65 18 40", "reservations@jardin-hiver.example",
			"9 rue Boissy-d'Anglas, 75008", "https://www.jardin-hiver.example", "Tous les jours 12h–14h, 19h30–22h",
			"fr,en,it", commRestaurant, "Gastronomique, menu dégustation 195 €. Demander Marc-Antoine pour les occasions. Allergies très bien gérées."),
		v("comptoir", "Le Comptoir des Vignes", "restaurant", pref, "", "+33 1 45 48 72 11", "bonjour@comptoir-vignes.example",
			"27 rue de Verneuil, 75007", "https://www.comptoir-vignes.example", "Tous les jours 12h–14h30, 19h–23h",
			"fr,en", commRestaurant, "Bistrot de vins, très bon pour les déjeuners d'affaires. Salon privé 8 couverts."),
		v("ondine", "La Table d'Ondine", "restaurant", pref, "", "+33 1 47 20 63 95", "contact@table-ondine.example",
			"4 place des Saussaies, 75008", "https://www.table-ondine.example", "Tous les jours 19h–23h30",
			"fr,en,it", commRestaurant, "Poissons et coquillages. Service tardif. Attention allergies fruits de mer."),
		v("sauge", "Maison Sauge", "restaurant", ok, "", "+33 1 43 57 90 26", "table@maison-sauge.example",
			"58 rue Oberkampf, 75011", "https://www.maison-sauge.example", "Tous les jours 19h–22h30",
			"fr,en", commNone, "Végétarien et végétal, menu vegan sur demande 48 h avant."),
		v("aurore", "Brasserie de l'Aurore", "restaurant", ok, "", "+33 1 42 96 14 70", "resa@brasserie-aurore.example",
			"2 place du Palais-Royal, 75001", "https://www.brasserie-aurore.example", "Tous les jours 11h30–minuit",
			"fr,en,es", commRestaurant, "Grande brasserie, idéale familles avec enfants. Cuisine sans fruits à coque possible si prévenue."),
		v("cedre", "Le Cèdre Bleu", "restaurant", ok, "", "+33 1 45 63 22 18", "samir@cedre-bleu.example",
			"31 rue de Ponthieu, 75008", "https://www.cedre-bleu.example", "Tous les jours 12h–15h, 19h–minuit",
			"fr,en,ar", commRestaurant, "Libanais, viande halal certifiée, salon privé 12 couverts."),
		v("sakura", "Sakura-an", "restaurant", ok, "", "+33 1 40 15 08 77", "reservation@sakura-an.example",
			"12 rue Sainte-Anne, 75001", "https://www.sakura-an.example", "Tous les jours 19h–22h; 8 places au comptoir",
			"fr,ja,en", commNone, "Kaiseki. Menu végétarien (shōjin) sur demande 72 h avant."),
		v("rivoli", "La Boucherie Rivoli", "restaurant", ok, "", "+33 1 42 60 31 52", "contact@boucherie-rivoli.example",
			"88 rue de Rivoli, 75004", "https://www.boucherie-rivoli.example", "Tous les jours 12h–14h30, 19h–23h30",
			"fr,en,pt", commRestaurant, "Viandes maturées, cave argentine. Tables tardives."),
		v("pavillon", "Le Pavillon des Tuileries", "restaurant", ok, "", "+33 1 44 58 10 20", "resa@pavillon-tuileries.example",
			"1 terrasse du Bord-de-l'Eau, 75001", "https://www.pavillon-tuileries.example", "Tous les jours 12h–22h30",
			"fr,en,de", commRestaurant, "Carte sans gluten complète, cuisine dédiée."),
		v("marcel", "Chez Marcel", "restaurant", dnu, "Deux tables confirmées non honorées en octobre ; la direction ne répond pas aux réclamations.",
			"+33 1 43 26 44 09", "chezmarcel@bistrot-mail.example", "15 rue Monge, 75005", "", "Lun–sam 19h–23h",
			"fr", commNone, ""),
		v("quai17", "Le Quai 17", "restaurant", shut, "Fermé définitivement (fin du bail). Le chef a rejoint Le Pavillon des Tuileries.",
			"+33 1 45 51 17 17", "contact@quai17.example", "17 quai d'Orsay, 75007", "https://www.quai17.example", "",
			"fr,en", commRestaurant, ""),

		// Transport.
		v("prestige", "Prestige Chauffeurs Paris", "transport", pref, "", "+33 1 70 38 52 00", "dispatch@prestige-chauffeurs.example",
			"42 rue de Courcelles, 75017", "https://www.prestige-chauffeurs.example", "24 h/24, 7 j/7 (dispatch)",
			"fr,en,ar,ru", commTransport, "Classe E, Classe S, Maybach, Van V. Chauffeur Karim pour M. Al Mansouri. CDG forfait 165 €, Orly 120 €."),
		v("etoile", "Étoile VTC", "transport", ok, "", "+33 6 44 55 20 18", "booking@etoile-vtc.example",
			"9 rue Cardinet, 75017", "https://www.etoile-vtc.example", "6h–minuit",
			"fr,en", "8 % sur transferts", "Bonne solution de secours, véhicules récents, moins flexible sur l'attente."),
		v("rapide", "Rapide Cars", "transport", dnu, "Chauffeur arrivé 25 min en retard pour le départ de M. Dubois, train presque manqué ; deuxième incident cette année.",
			"+33 1 48 22 90 90", "contact@rapide-cars.example", "118 boulevard de la Villette, 75019", "https://www.rapide-cars.example", "24 h/24",
			"fr,en", "10 % (remboursé sur le transfert Dubois)", ""),
		v("seinelimo", "Seine Limousines", "transport", shut, "Société en liquidation ; la flotte a été reprise par Prestige Chauffeurs.",
			"+33 1 40 70 11 11", "info@seine-limousines.example", "5 rue Lord-Byron, 75008", "", "",
			"fr,en", commTransport, ""),

		// Tickets.
		v("rideau", "Agence Rideau Rouge", "tickets", pref, "", "+33 1 42 66 30 45", "billetterie@rideau-rouge.example",
			"6 rue Scribe, 75009", "https://www.rideau-rouge.example", "Tous les jours 10h–19h",
			"fr,en,de", commTickets, "Opéra, ballet, Comédie, concerts. Contingent sur les premières. Demander Pauline."),
		v("musees", "Musées & Monuments Réservations", "tickets", ok, "", "+33 1 53 40 26 60", "groupes@musees-reservations.example",
			"20 rue de la Paix, 75002", "https://www.musees-reservations.example", "7 j/7 9h–18h",
			"fr,en,ja,zh", "5 % sur billets coupe-file", "Entrées horodatées Louvre, Orsay, Orangerie ; billets électroniques en PDF."),

		// Spa and wellness.
		v("spalumiere", "Spa Lumière by Maison Éléa", "spa", pref, "", "+33 1 53 89 40 60", "spa@hotel-lumiere.example",
			"Niveau -1, Hôtel Lumière Paris", "https://www.hotel-lumiere.example/spa", "Tous les jours 9h–21h",
			"fr,en,it", "Interne — pas de commission", "Spa de l'hôtel. Soins en suite possibles avec 4 h de préavis."),
		v("neroli", "Les Bains de Néroli", "spa", ok, "", "+33 1 42 77 63 09", "accueil@bains-neroli.example",
			"19 rue des Rosiers, 75004", "https://www.bains-neroli.example", "Tous les jours 10h–22h; privatisation possible",
			"fr,en,ar", "12 % sur privatisations", "Hammam privatisable pour les dames, très apprécié de la clientèle du Golfe."),
		v("bellerive", "Institut Belle Rive", "spa", shut, "Fermé depuis l'été ; l'adresse est devenue une boutique.",
			"+33 1 45 00 12 12", "contact@institut-bellerive.example", "63 avenue Kléber, 75016", "", "",
			"fr", commNone, ""),
		v("prana", "Studio Prana — yoga à domicile", "wellness", ok, "", "+33 6 12 55 70 41", "namaste@studio-prana.example",
			"11 rue Keller, 75011", "https://www.studio-prana.example", "7h–20h sur rendez-vous",
			"fr,en", "15 % sur séances en chambre", "Cours en chambre ou aux Tuileries. Tapis fournis."),
		v("parisfit", "Paris Fit Coaching", "wellness", ok, "", "+33 6 77 55 31 02", "coach@parisfit.example",
			"3 rue Jean-Goujon, 75008", "https://www.parisfit.example", "6h–21h",
			"fr,en,es", commNone, "Coach sportif, footing le long de la Seine à 7h."),

		// Tours.
		v("insolite", "Paris Insolite — guides privés", "tours", pref, "", "+33 6 20 55 48 17", "hugo@paris-insolite.example",
			"Bureau : 22 rue Lepic, 75018", "https://www.paris-insolite.example", "Visites 9h–19h, 7 j/7",
			"fr,en,de,es,ja", "15 % sur visites privées", "Guides conférenciers. Montmartre, Marais, passages couverts, Louvre en famille."),
		v("croisieres", "Croisières Quai d'Orsay", "tours", ok, "", "+33 1 44 18 19 50", "ventes@croisieres-quai-orsay.example",
			"Port de la Bourdonnais, 75007", "https://www.croisieres-quai-orsay.example", "Dîners-croisières 20h30, tous les jours",
			"fr,en,es,it", "10 % sur dîners-croisières", "Table en bord de vitre à demander explicitement."),
		v("versailles", "Versailles Privé Excursions", "tours", ok, "", "+33 1 39 55 20 14", "reservations@versailles-prive.example",
			"Départ de l'hôtel", "https://www.versailles-prive.example", "Tous les jours, départ de l'hôtel 8h30",
			"fr,en,pt,zh", "10 % sur excursions", "Journée château + jardins + Trianon, guide et van, déjeuner inclus."),
		v("cityhop", "City Hop Tours", "tours", dnu, "Visites vendues « privées » qui se sont révélées être des groupes de 20 (deux fois).",
			"+33 1 40 55 99 00", "sales@cityhop.example", "7 rue de Rivoli, 75004", "https://www.cityhop.example", "",
			"fr,en", "20 %", ""),

		// Florists.
		v("pivoine", "Atelier Floral Pivoine", "florist", pref, "", "+33 1 42 68 55 30", "atelier@pivoine-fleurs.example",
			"36 rue du Faubourg-Saint-Honoré, 75008", "https://www.pivoine-fleurs.example", "Tous les jours 8h–20h",
			"fr,en", "10 % sur compositions", "Livraison en chambre en 2 h. Pivoines importées hors saison, prévoir 48 h."),
		v("marais", "Fleurs du Marais", "florist", ok, "", "+33 1 48 87 21 64", "commandes@fleurs-marais.example",
			"8 rue de Turenne, 75004", "https://www.fleurs-marais.example", "Tous les jours 9h–19h30",
			"fr", "8 %", "Très belles orchidées ; tarifs plus doux."),

		// Nightlife.
		v("caveau", "Le Caveau Bleu", "nightlife", ok, "", "+33 1 43 54 66 38", "booking@caveau-bleu.example",
			"5 rue de la Huchette, 75005", "https://www.caveau-bleu.example", "Tous les jours 21h–3h, concerts 22h",
			"fr,en,pt", commNone, "Club de jazz en cave, tables réservées près de la scène pour l'hôtel."),
		v("lunerousse", "Cabaret de la Lune Rousse", "nightlife", ok, "", "+33 1 46 06 77 21", "reservation@lune-rousse.example",
			"24 boulevard de Clichy, 75018", "https://www.lune-rousse.example", "Dîner-spectacle 19h, revue 21h et 23h",
			"fr,en,es,de", commTickets, "Annulation sans frais jusqu'à 72 h avant."),
		v("rooftop", "Rooftop Sept", "nightlife", dnu, "Entrée refusée à deux clients pourtant sur liste confirmée ; portier désagréable.",
			"+33 1 45 55 07 07", "vip@rooftop-sept.example", "7 rue de Presbourg, 75016", "", "Jeu–sam 22h–5h",
			"fr,en", commNone, ""),

		// Shopping.
		v("varenne", "Maison Varenne Couture", "shopping", pref, "", "+33 1 42 22 80 15", "salons@maison-varenne.example",
			"21 rue de Grenelle, 75007", "https://www.maison-varenne.example", "Boutique lun–sam 10h–19h; salons privés 7 j/7 sur rendez-vous",
			"fr,en,it,ar,zh", "Remise client 10 %, pas de commission hôtel", "Rendez-vous privés et ouvertures après fermeture."),
		v("marchand", "Élodie Marchand — personal shopper", "shopping", ok, "", "+33 6 31 55 80 42", "elodie@marchand-style.example",
			"Sur rendez-vous", "https://www.marchand-style.example", "Sur rendez-vous",
			"fr,en,pt", "Forfait demi-journée 450 €, 10 % à l'hôtel", ""),

		// Other.
		v("parfumeur", "Atelier du Parfumeur Saint-Roch", "other", pref, "", "+33 1 42 61 47 03", "atelier@parfumeur-saint-roch.example",
			"47 rue Saint-Roch, 75001", "https://www.parfumeur-saint-roch.example", "Ateliers tous les jours 10h30 et 15h",
			"fr,en,ja", "10 % sur ateliers", "Atelier de création de parfum (2 h), flacon gravé."),
		v("petitesmains", "Petites Mains Babysitting", "other", ok, "", "+33 1 47 55 12 34", "agence@petites-mains.example",
			"16 rue Spontini, 75016", "https://www.petites-mains.example", "Lun–dim 8h–22h, 24 h de préavis",
			"fr,en,es,de", commNone, "Nounous anglophones diplômées."),
		v("lumen", "Studio Lumen — photographe", "other", ok, "", "+33 6 50 55 18 26", "studio@lumen-photo.example",
			"9 passage des Taillandiers, 75011", "https://www.lumen-photo.example", "Sur rendez-vous",
			"fr,en,it", "10 %", "Séances photo couples au Trocadéro au lever du soleil."),
	}
	return withMoreChannels(list)
}

// moreChannels are the other lines and addresses some demo vendors have, after their main phone,
// e-mail and address: a desk's book holds several per vendor.
var moreChannels = map[string][]desk.Channel{
	"jardin": {
		{Medium: desk.MediumPhone, Kind: desk.ChannelReservations, Value: "+33 1 42 65 18 41"},
		{Medium: desk.MediumPhone, Kind: desk.ChannelFax, Value: "+33 1 42 65 18 49"},
		{Medium: desk.MediumEmail, Kind: desk.ChannelWork, Value: "evenements@jardin-hiver.example"},
	},
	"prestige": {
		{Medium: desk.MediumPhone, Kind: desk.ChannelMobile, Value: "+33 6 07 38 52 00"},
		{Medium: desk.MediumPhone, Kind: desk.ChannelFax, Value: "+33 1 70 38 52 09"},
		{Medium: desk.MediumEmail, Kind: desk.ChannelReservations, Value: "transferts@prestige-chauffeurs.example"},
		{Medium: desk.MediumEmail, Kind: desk.ChannelOther, Value: "factures@prestige-chauffeurs.example"},
		{Medium: desk.MediumAddress, Kind: desk.ChannelOther, Value: "Parking Roissypôle, niveau -1\n95700 Roissy-en-France"},
	},
}

func withMoreChannels(list []vendorSpec) []vendorSpec {
	for i := range list {
		if more := moreChannels[list[i].key]; more != nil {
			v := &list[i].v
			v.Channels = append(desk.WithSingles(nil, v.Phone, v.Email, v.Address), more...)
		}
	}
	return list
}

func contacts() []contactSpec {
	c := func(vendor, name, role, phone, email, notes string) contactSpec {
		return contactSpec{vendor, desk.VendorContact{Name: name, Role: role, Phone: phone, Email: email, Notes: notes}}
	}
	return []contactSpec{
		c("jardin", "Marc-Antoine Lebrun", "Maître d'hôtel", "+33 6 11 55 42 90", "ma.lebrun@jardin-hiver.example", "Occasions spéciales, gâteaux, placement."),
		c("jardin", "Nadia Fabre", "Responsable des réservations", "+33 1 42 65 18 41", "reservations@jardin-hiver.example", ""),
		c("comptoir", "Bertrand Giraud", "Propriétaire", "+33 6 80 55 12 73", "bertrand@comptoir-vignes.example", "Tutoiement, appeler avant 11h."),
		c("ondine", "Chiara Conti", "Maître d'hôtel", "+33 6 28 55 91 40", "chiara@table-ondine.example", "Parle italien."),
		c("cedre", "Samir Haddad", "Gérant", "+33 6 14 55 63 88", "samir@cedre-bleu.example", "Salon privé, menus halal."),
		c("prestige", "Karim Benali", "Dispatcher (jour)", "+33 6 70 55 21 09", "dispatch@prestige-chauffeurs.example", "Joignable 6h–18h."),
		c("prestige", "Laure Vasseur", "Responsable commerciale", "+33 6 45 55 88 12", "l.vasseur@prestige-chauffeurs.example", "Relevés de commissions, tarifs annuels."),
		c("rideau", "Pauline Roche", "Chargée de clientèle hôtels", "+33 1 42 66 30 47", "pauline@rideau-rouge.example", ""),
		c("musees", "Agnès Colin", "Ventes groupes et hôtels", "+33 1 53 40 26 61", "a.colin@musees-reservations.example", ""),
		c("spalumiere", "Mei-Lin Durand", "Spa manager", "+33 1 53 89 40 61", "meilin.durand@hotel-lumiere.example", ""),
		c("insolite", "Hugo Laurent", "Fondateur, guide conférencier", "+33 6 20 55 48 17", "hugo@paris-insolite.example", "Excellent avec les enfants."),
		c("croisieres", "Océane Petit", "Responsable commerciale", "+33 6 33 55 70 25", "o.petit@croisieres-quai-orsay.example", ""),
		c("versailles", "Thibault Marchal", "Responsable des opérations", "+33 6 52 55 11 46", "t.marchal@versailles-prive.example", ""),
		c("pivoine", "Inès Morin", "Cheffe d'atelier", "+33 6 71 55 09 33", "ines@pivoine-fleurs.example", ""),
		c("caveau", "Jean-Baptiste Roux", "Responsable des réservations", "+33 6 09 55 77 61", "booking@caveau-bleu.example", "Répond surtout par SMS."),
		c("varenne", "Victoire de Saint-Aubin", "Directrice des salons privés", "+33 6 86 55 40 10", "v.saintaubin@maison-varenne.example", ""),
		c("parfumeur", "Lucile Aubert", "Coordinatrice des ateliers", "+33 1 42 61 47 04", "atelier@parfumeur-saint-roch.example", ""),
	}
}
