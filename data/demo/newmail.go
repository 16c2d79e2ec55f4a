package demo

import (
	"fmt"
	"time"
)

// NewMail returns the raw bytes of a plausible new guest mail, number n, dated now: the demo
// server delivers one every minute or so. Variants cycle every ten mails; each n gives a distinct
// Message-ID.
func NewMail(now time.Time, n int) []byte {
	c := newClock(now)
	v := newMailVariants(c)
	m := v[((n%len(v))+len(v))%len(v)]
	m.at = c.now
	m.salt = fmt.Sprint(n)
	m.unread = true
	return m.render()
}

func newMailVariants(c clock) []*msg {
	d := c.day
	return []*msg{
		{from: eleanor, to: []addr{deskAddr}, lang: "en", subject: "Late check-out on our last day?",
			body: fmt.Sprintf(`Dear Camille,

Would a late check-out be possible on %s? Our train to London is only at
17:13, so 3 pm would be heavenly.

Eleanor Whitfield, Suite 701`, enDate(d(3, 0, 0)))},
		{from: philippe, to: []addr{deskAddr}, lang: "fr", subject: "Une table ce soir ?",
			body: `Bonjour,

Auriez-vous une table pour deux ce soir vers 20h30, quelque chose de simple et bon
dans le quartier ? Mon épouse me rejoint finalement.

Merci,
Philippe Moreau — 512`},
		{from: giulia, to: []addr{deskAddr}, lang: "en", subject: "Car to Maison Varenne tomorrow",
			body: `Hi Sofia,

Could we have a car tomorrow at 10:40 to go to Maison Varenne? We'll walk back.

Grazie,
Giulia`},
		{from: rafael, to: []addr{deskAddr}, lang: "en", subject: "Golf near Paris?",
			body: `Hello Julien,

Since I brought my clubs: is there a nice golf course near Paris where I could
play 18 holes one morning this week? Car needed too.

Rafael`},
		{from: haruka, to: []addr{deskAddr}, lang: "en", subject: "A pharmacy and an umbrella",
			body: `Dear Concierge,

Is there a pharmacy near the hotel open this evening? And may I borrow an
umbrella for tomorrow?

Thank you,
Haruka Tanaka (418)`},
		{from: claire, to: []addr{deskAddr}, lang: "fr", subject: "Coffret cadeau pour une cliente",
			body: `Bonjour Camille,

Pourriez-vous faire livrer demain un joli coffret (chocolats ou thé, autour de 120 €)
à une cliente, rue de Grenelle ? Je vous envoie l'adresse exacte par SMS.

Merci !
Claire Lefebvre`},
		{from: james, to: []addr{deskAddr}, lang: "en", subject: "Eiffel Tower tickets for the kids",
			body: `Hi Julien,

The kids are begging to go up the Eiffel Tower before we leave. Any chance of
tickets to the top for four, ideally late afternoon?

James`},
		{from: chenWei, to: []addr{deskAddr}, lang: "en", subject: "Printing documents before my dinner",
			body: `Dear Concierge,

I need 6 copies of a 20-page document printed and bound before 19:00. I will
send the PDF in a few minutes. Is this possible?

Chen Wei — 516`},
		{from: amara, to: []addr{deskAddr}, lang: "en", subject: "Running route in the morning",
			body: `Hello,

Could you suggest a safe 5–8 km running route from the hotel for 6:30 am?
The gym is lovely but I'd love to see the Seine.

Amara Okafor`},
		{from: klaus, to: []addr{deskAddr}, lang: "en", subject: "Lost scarf — room 214",
			body: `Dear Concierge,

I am home in Munich and I think I left my grey cashmere scarf in room 214,
probably in the wardrobe. Could you check and, if found, send it to me?

Kind regards
Klaus Brandt`},
	}
}
