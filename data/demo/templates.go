package demo

import (
	"loge/data/desk"
)

// Template variables used below (rendered by the app, not here):
//
//	{{guest.name}} {{stay.arrival}} {{stay.departure}} {{stay.room}}
//	{{request.title}} {{request.date}} {{request.time}} {{request.party_size}} {{request.party}} {{request.confirmation}}
//	{{vendor.name}} {{vendor.address}} {{desk.name}} {{hotel.name}}
func templates() []desk.Template {
	t := func(name, lang, subject, body string) desk.Template {
		return desk.Template{Name: name, Lang: lang, Subject: subject, Body: body}
	}
	return []desk.Template{
		t("Demande de réservation au prestataire", "fr", "Demande de réservation — {{guest.name}}, {{request.date}} {{request.time}}",
			`Bonjour,

Nous souhaiterions réserver pour notre client {{guest.name}} :

  {{request.title}}
  le {{request.date}} à {{request.time}}, pour {{request.party}}.

Pourriez-vous nous confirmer la disponibilité et nous communiquer un numéro de confirmation ?
La facturation se fait selon nos conditions habituelles.

Avec nos remerciements,

{{desk.name}}
{{hotel.name}}
`),
		t("Booking request to vendor", "en", "Booking request — {{guest.name}}, {{request.date}} {{request.time}}",
			`Hello,

We would like to book the following for our guest {{guest.name}}:

  {{request.title}}
  on {{request.date}} at {{request.time}}, for {{request.party}}.

Could you confirm availability and send us a confirmation number?
Invoicing as per our usual terms.

Many thanks,

{{desk.name}}
{{hotel.name}}
`),
		t("Confirmation au client", "fr", "Votre réservation est confirmée — {{request.title}}",
			`Chère Madame, cher Monsieur {{guest.name}},

Nous avons le plaisir de vous confirmer votre réservation :

  {{request.title}}
  {{vendor.name}}, {{vendor.address}}
  le {{request.date}} à {{request.time}}, pour {{request.party}}
  Numéro de confirmation : {{request.confirmation}}

La Conciergerie reste à votre disposition pour toute modification.

Bien cordialement,

{{desk.name}}
{{hotel.name}}
`),
		t("Confirmation to guest", "en", "Your booking is confirmed — {{request.title}}",
			`Dear {{guest.name}},

We are delighted to confirm your booking:

  {{request.title}}
  {{vendor.name}}, {{vendor.address}}
  on {{request.date}} at {{request.time}}, for {{request.party}}
  Confirmation number: {{request.confirmation}}

Should you wish to change anything, we are at your disposal.

Kind regards,

{{desk.name}}
{{hotel.name}}
`),
		t("Modification de réservation", "fr", "Modification de votre réservation — {{request.title}}",
			`Chère Madame, cher Monsieur {{guest.name}},

Comme convenu, votre réservation a été modifiée :

  {{request.title}} — {{vendor.name}}
  nouvel horaire : le {{request.date}} à {{request.time}}, {{request.party}}
  Numéro de confirmation : {{request.confirmation}}

Tous les autres détails restent inchangés.

Bien cordialement,

{{desk.name}}
{{hotel.name}}
`),
		t("Change of booking", "en", "Change to your booking — {{request.title}}",
			`Dear {{guest.name}},

As requested, we have changed your booking:

  {{request.title}} — {{vendor.name}}
  new time: {{request.date}} at {{request.time}}, {{request.party}}
  Confirmation number: {{request.confirmation}}

Everything else remains as planned.

Kind regards,

{{desk.name}}
{{hotel.name}}
`),
		t("Annulation", "fr", "Annulation — {{request.title}}, {{request.date}}",
			`Bonjour,

Nous vous informons de l'annulation de la réservation suivante :

  {{request.title}} — {{vendor.name}}
  le {{request.date}} à {{request.time}}, {{request.party}}
  Numéro de confirmation : {{request.confirmation}}

Merci de nous confirmer la bonne prise en compte de cette annulation.

Bien cordialement,

{{desk.name}}
{{hotel.name}}
`),
		t("Cancellation", "en", "Cancellation — {{request.title}}, {{request.date}}",
			`Hello,

Please note the cancellation of the following booking:

  {{request.title}} — {{vendor.name}}
  {{request.date}} at {{request.time}}, {{request.party}}
  Confirmation number: {{request.confirmation}}

We would be grateful if you could confirm the cancellation.

Kind regards,

{{desk.name}}
{{hotel.name}}
`),
		t("Lettre de bienvenue", "fr", "Bienvenue à l'{{hotel.name}}",
			`Chère Madame, cher Monsieur {{guest.name}},

Toute l'équipe est heureuse de vous accueillir du {{stay.arrival}} au {{stay.departure}}.

La Conciergerie se tient à votre disposition de 7h à 23h, au poste 9 depuis votre chambre,
pour vos tables, transferts, billets de spectacle, soins au spa ou toute envie parisienne.
N'hésitez pas à nous écrire à l'avance : nous préparerons votre séjour avec plaisir.

Au plaisir de vous rencontrer,

{{desk.name}}
{{hotel.name}}
`),
		t("Welcome letter", "en", "Welcome to {{hotel.name}}",
			`Dear {{guest.name}},

The whole team looks forward to welcoming you from {{stay.arrival}} to {{stay.departure}}.

The Concierge desk is at your disposal from 7 am to 11 pm (extension 9 from your room)
for restaurant tables, transfers, theatre and opera tickets, spa treatments or any Parisian wish.
Do write to us ahead of your arrival: we will be delighted to plan your stay.

Looking forward to meeting you,

{{desk.name}}
{{hotel.name}}
`),
		t("Programme du séjour", "fr", "Votre programme à Paris",
			`Chère Madame, cher Monsieur {{guest.name}},

Vous trouverez ci-dessous le programme de votre séjour du {{stay.arrival}} au {{stay.departure}}
(chambre {{stay.room}}). Le détail de chaque réservation figure dans l'itinéraire joint.

Nous restons à votre disposition pour tout ajustement.

Bien cordialement,

{{desk.name}}
{{hotel.name}}
`),
		t("Itinerary", "en", "Your Paris itinerary",
			`Dear {{guest.name}},

Please find below the programme of your stay from {{stay.arrival}} to {{stay.departure}}
(room {{stay.room}}). Every booking is detailed in the attached itinerary.

We remain at your disposal for any change.

Kind regards,

{{desk.name}}
{{hotel.name}}
`),
	}
}
