package imaptest

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"math"
	"math/rand/v2"
	"mime"
	"mime/quotedprintable"
	"os"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// The benchmark corpus: a hotel concierge desk's mail, made up but shaped like the real thing.
// About 60% French and 40% English; guests asking for tables, cars, tickets, spa, flowers and whole
// stays, vendors confirming with numbers, thanks, changes. 40% are replies that quote the message
// they answer. Text is log-uniform over 1.5–15 KB (a message of 2–20 KB with its headers, quotes and
// HTML alternative), 2% carry an attachment of 20–200 KB and 0.1% one of 1–2.5 MB. 70% 8bit UTF-8, 20% quoted-printable UTF-8, some Outlook-style
// ISO-8859-1; a quarter carry an HTML alternative. Message i is a pure function of (seed, i), so
// any part of the corpus can be made anywhere, in parallel, byte for byte the same.

var (
	corpusFirst = []string{"Hélène", "João", "Zoé", "Kenji", "Amelia", "Lukas", "Giulia", "Fatima", "Wei", "Lucía", "Olivier",
		"Noah", "Aiko", "Matteo", "Camille", "Inès", "Sebastian", "Priya", "Ahmed", "Charlotte", "Björn", "Chloé", "Dmitri", "Élodie",
		"François", "Grace", "Hiroshi", "Isabella", "Jürgen", "Léa", "Mohammed", "Nadia", "Oscar", "Paulina", "Raphaël", "Sofia"}
	corpusLast = []string{"Brûlé", "Lefèvre", "García", "Müller", "Tanaka", "Whitfield", "Schneider", "Rossi", "Oliveira",
		"Al Mansouri", "Chen", "Nakamura", "Moreau", "Fontaine", "Keller", "Dubois", "Carter", "Kowalski", "Andersson", "Haddad",
		"Van der Berg", "Papadopoulos", "Fernández", "O'Connor", "Ivanova", "Laurent", "Beaumont", "Mercier", "Yamamoto", "Silva"}
	corpusVendors = []struct{ name, domain string }{
		{"Brasserie de l'Aurore", "aurore-paris.fr"}, {"Le Cinq", "lecinq.example"}, {"Opéra Garnier", "operadeparis.example"},
		{"G7 Taxis", "g7.example"}, {"Spa Nuxe Montorgueil", "nuxe-spa.example"}, {"Fleurs d'Auteuil", "fleurs-auteuil.fr"},
		{"Musée du Louvre", "louvre-groupes.example"}, {"Bateaux Mouches", "bateaux-mouches.example"}, {"Chez Janou", "chezjanou.fr"},
		{"Le Train Bleu", "le-train-bleu.example"}, {"Blacklane Chauffeurs", "blacklane.example"}, {"Philharmonie de Paris", "philharmonie.example"},
		{"Septime", "septime-charonne.fr"}, {"Maison Ladurée", "laduree.example"}, {"Moulin Rouge", "moulinrouge.example"},
		{"Galeries Lafayette Personal Shopping", "galerieslafayette.example"}, {"Le Jules Verne", "lejulesverne.example"},
		{"Château de Versailles", "chateauversailles.example"}, {"Hélicoptères de France", "hdf.example"}, {"Pâtisserie Stohrer", "stohrer.fr"},
	}
	corpusTopics = []struct{ fr, en string }{
		{"Réservation dîner", "Dinner reservation"}, {"Transfert aéroport CDG", "Airport transfer from CDG"},
		{"Billets pour l'Opéra", "Opera tickets"}, {"Rendez-vous au spa", "Spa appointment"}, {"Fleurs pour un anniversaire", "Birthday flowers"},
		{"Notre séjour du", "Our stay from"}, {"Visite privée du Louvre", "Private Louvre tour"}, {"Croisière sur la Seine", "Seine cruise"},
		{"Départ tardif", "Late checkout"}, {"Voiture avec chauffeur", "Car with driver"}, {"Table pour ce soir", "Table for tonight"},
		{"Confirmation de réservation", "Booking confirmation"}, {"Changement d'horaire", "Change of time"}, {"Annulation", "Cancellation"},
	}
	sentencesFR = []string{
		"Bonjour, pourriez-vous nous réserver une table pour {n} personnes le {date} vers {time} chez {vendor} ?",
		"Mon épouse est allergique aux fruits à coque et notre fils ne mange pas de gluten, merci de le signaler au restaurant.",
		"Nous arrivons à Roissy-Charles de Gaulle terminal {term} par le vol {flight} à {time}, avec {n} valises.",
		"Serait-il possible d'avoir une voiture avec chauffeur pour nous conduire à l'hôtel ?",
		"Nous aimerions assister à une représentation à l'Opéra Garnier pendant notre séjour, idéalement en loge.",
		"Nous vous confirmons la réservation au nom de {name} pour le {date} à {time}, numéro de confirmation {conf}.",
		"La table sera disponible en terrasse si le temps le permet ; en cas de retard, merci de nous prévenir au {phone}.",
		"Pourriez-vous faire livrer un bouquet de roses blanches dans la chambre {room} avant notre retour ?",
		"C'est l'anniversaire de mariage de mes parents, nous voudrions leur faire une surprise discrète.",
		"Un grand merci pour votre aide, le dîner était parfait et le chauffeur très ponctuel.",
		"Suite à un changement de programme, pourriez-vous décaler notre rendez-vous au spa à {time} ?",
		"Nous devons malheureusement annuler la réservation {conf} ; y a-t-il des frais d'annulation ?",
		"Le soin signature dure quatre-vingt-dix minutes, nous vous recommandons d'arriver quinze minutes avant.",
		"Pour la visite privée du Louvre, le guide vous attendra sous la pyramide, côté passage Richelieu.",
		"Nous restons à votre disposition pour toute demande complémentaire pendant votre séjour.",
		"Est-il possible de prolonger notre séjour de deux nuits, jusqu'au {date} ?",
		"Le règlement peut se faire sur la note de la chambre {room}, la commission habituelle s'applique.",
		"Merci de nous indiquer le code vestimentaire ; mon mari n'a pas emporté de veste.",
		"Nos enfants ont {n} et {n2} ans, auriez-vous un menu adapté ou une activité pour eux ?",
		"Je vous transmets ci-joint le plan de table et la liste des invités pour le déjeuner de samedi.",
	}
	sentencesEN = []string{
		"Hello, could you book a table for {n} at {vendor} on {date} around {time}?",
		"My wife has a severe nut allergy and our son is gluten-free, please let the restaurant know.",
		"We land at Charles de Gaulle terminal {term} on flight {flight} at {time} with {n} suitcases.",
		"Could you arrange a car with a driver to bring us to the hotel?",
		"We would love to see a performance at the Palais Garnier during our stay, ideally from a box.",
		"We are pleased to confirm the booking under the name of {name} on {date} at {time}, confirmation number {conf}.",
		"The table will be on the terrace if the weather allows; should you be late, please call us on {phone}.",
		"Could you have a bouquet of white roses delivered to room {room} before we come back?",
		"It is my parents' wedding anniversary and we would like to arrange a discreet surprise.",
		"Thank you so much for your help, dinner was perfect and the driver was right on time.",
		"Our plans have changed: could you move our spa appointment to {time}?",
		"Unfortunately we have to cancel booking {conf}; is there a cancellation fee?",
		"The signature treatment lasts ninety minutes; we recommend arriving fifteen minutes early.",
		"For the private Louvre tour, the guide will meet you under the pyramid, on the Richelieu side.",
		"Please do not hesitate to contact us for anything else during your stay.",
		"Would it be possible to extend our stay by two nights, until {date}?",
		"The bill can be charged to room {room}; the usual commission applies.",
		"Could you tell us the dress code? My husband did not pack a jacket.",
		"Our children are {n} and {n2}; is there a children's menu or something to keep them busy?",
		"Please find attached the seating plan and the guest list for Saturday's lunch.",
	}
	attachmentNames = []struct{ name, ctype string }{
		{"confirmation.pdf", "application/pdf"}, {"plan-de-table.jpg", "image/jpeg"}, {"passeports.pdf", "application/pdf"},
		{"itinerary.pdf", "application/pdf"}, {"menu-degustation.pdf", "application/pdf"}, {"photo-chambre.jpg", "image/jpeg"},
	}
	corpusEpoch = time.Date(2023, 1, 1, 8, 0, 0, 0, time.FixedZone("CET", 3600))
)

// corpusVersion changes whenever the generator's output does, so FillMaildir rewrites old folders.
const corpusVersion = 2

// corpusHead is what a message and the replies to it share.
type corpusHead struct {
	fr               bool
	first, last      string
	fromName, from   string
	topic            string
	vendor           int
	id               string
	parent           int // 0: not a reply
	date             time.Time
	target           int // body size aimed at
	attach, html, qp bool
	latin1           bool
}

func corpusRand(seed uint64, i int, stream uint64) *rand.Rand {
	return rand.New(rand.NewPCG(seed^stream, uint64(i)))
}

func headOf(seed uint64, i int) corpusHead {
	r := corpusRand(seed, i, 0)
	h := corpusHead{fr: r.IntN(10) < 6, vendor: r.IntN(len(corpusVendors))}
	h.id = fmt.Sprintf("c%d.%d@corpus.loge.example", seed, i)
	h.date = corpusEpoch.Add(time.Duration(i)*7*time.Minute + time.Duration(r.IntN(400))*time.Second)
	h.target = int(1500 * math.Pow(10, r.Float64()))
	if i > 1 && r.IntN(10) < 4 {
		h.parent = i - 1 - r.IntN(min(i-1, 60))
	}
	h.first, h.last = corpusFirst[r.IntN(len(corpusFirst))], corpusLast[r.IntN(len(corpusLast))]
	topic := corpusTopics[r.IntN(len(corpusTopics))]
	h.topic = topic.en
	if h.fr {
		h.topic = topic.fr
	}
	if r.IntN(5) == 0 { // a vendor writing
		v := corpusVendors[h.vendor]
		h.fromName, h.from = v.name, "reservations@"+v.domain
	} else {
		h.fromName = h.first + " " + h.last
		h.from = strings.ToLower(asciiFold(h.first)+"."+asciiFold(strings.ReplaceAll(h.last, " ", ""))) + strconv.Itoa(i%97) + "@example.com"
	}
	switch p := r.IntN(1000); {
	case p < 1:
		h.attach = true
		h.target = -(1_000_000 + r.IntN(1_500_000)) // negative: attachment size
	case p < 21:
		h.attach = true
		h.target = -(20_000 + r.IntN(180_000))
	}
	enc := r.IntN(100)
	h.qp = enc >= 70 && enc < 95
	h.latin1 = enc >= 95 && h.fr
	h.html = r.IntN(4) == 0
	if h.parent > 0 {
		// A reply keeps the conversation's language and subject.
		p := headOf(seed, h.parent)
		h.fr, h.topic = p.fr, p.topic
	}
	return h
}

// corpusText is a message's own words (without what it quotes), about size bytes.
func corpusText(seed uint64, i int, h corpusHead, size int) string {
	r := corpusRand(seed, i, 1)
	pool := sentencesEN
	greet, bye := "Dear concierge,", "Best regards,"
	if h.fr {
		pool = sentencesFR
		greet, bye = "Bonjour,", "Bien cordialement,"
	}
	var b strings.Builder
	b.WriteString(greet + "\n\n")
	for b.Len() < size {
		for range 2 + r.IntN(3) {
			b.WriteString(fillSlots(pool[r.IntN(len(pool))], r, h))
			b.WriteByte(' ')
		}
		b.WriteString("\n\n")
	}
	b.WriteString(bye + "\n" + h.fromName + "\n")
	return b.String()
}

func fillSlots(s string, r *rand.Rand, h corpusHead) string {
	if !strings.Contains(s, "{") {
		return s
	}
	var b strings.Builder
	for {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		j := strings.IndexByte(s[i:], '}')
		b.WriteString(s[:i])
		b.WriteString(slotValue(s[i+1:i+j], r, h))
		s = s[i+j+1:]
	}
}

func slotValue(slot string, r *rand.Rand, h corpusHead) string {
	switch slot {
	case "n2":
		return strconv.Itoa(3 + r.IntN(12))
	case "n":
		return strconv.Itoa(2 + r.IntN(7))
	case "date":
		return h.date.AddDate(0, 0, 1+r.IntN(20)).Format("02/01/2006")
	case "time":
		return fmt.Sprintf("%02dh%02d", 11+r.IntN(11), 15*r.IntN(4))
	case "vendor":
		return corpusVendors[(h.vendor+r.IntN(3))%len(corpusVendors)].name
	case "name":
		return h.first + " " + h.last
	case "conf":
		return string([]byte{byte('A' + r.IntN(26)), byte('A' + r.IntN(26)), byte('A' + r.IntN(26)), '-'}) + strconv.Itoa(1000+r.IntN(9000))
	case "room":
		return strconv.Itoa(100*(1+r.IntN(7)) + 1 + r.IntN(30))
	case "phone":
		return fmt.Sprintf("+33 1 %02d %02d %02d %02d", r.IntN(100), r.IntN(100), r.IntN(100), r.IntN(100))
	case "flight":
		return []string{"AF", "BA", "JL", "LH", "EK", "DL", "AZ", "QR"}[r.IntN(8)] + strconv.Itoa(10+r.IntN(990))
	case "term":
		return []string{"2E", "2F", "1", "2C", "2G"}[r.IntN(5)]
	}
	return slot
}

// CorpusMessage returns message i (1-based) of the corpus with this seed: the same bytes every time,
// on every machine.
func CorpusMessage(seed uint64, i int) []byte {
	h := headOf(seed, i)
	r := corpusRand(seed, i, 2)
	size := h.target
	if size < 0 {
		size = 1500 + r.IntN(3000)
	}
	text := ""
	subject := h.topic
	var refs []string
	if h.parent > 0 {
		p := headOf(seed, h.parent)
		own := size / 3
		var t strings.Builder
		t.WriteString(corpusText(seed, i, h, own))
		quoted := corpusText(seed, h.parent, p, max(300, size-own))
		if h.fr {
			t.WriteString("\nLe " + p.date.Format("02/01/2006 à 15:04") + ", " + p.fromName + " <" + p.from + "> a écrit :\n")
		} else {
			t.WriteString("\nOn " + p.date.Format("Mon, Jan 2, 2006 at 3:04 PM") + ", " + p.fromName + " <" + p.from + "> wrote:\n")
		}
		for l := range strings.SplitSeq(strings.TrimRight(wrap(quoted, 74), "\n"), "\n") {
			t.WriteString("> " + l + "\n")
		}
		text = t.String()
		subject = []string{"Re: ", "RE: ", "TR: "}[r.IntN(3)] + p.topic
		if p.parent > 0 {
			refs = append(refs, "<"+headOf(seed, p.parent).id+">")
		}
		refs = append(refs, "<"+p.id+">")
	} else {
		text = corpusText(seed, i, h, size)
	}
	var b bytes.Buffer
	hdr := func(k, v string) { b.WriteString(k + ": " + v + "\r\n") }
	hdr("Return-Path", "<"+h.from+">")
	hdr("From", encodeWord(h.fromName)+" <"+h.from+">")
	hdr("To", encodeWord("Conciergerie Hôtel Beaumarchais")+" <concierge@hotel.example>")
	hdr("Subject", encodeWord(subject))
	hdr("Date", h.date.Format(time.RFC1123Z))
	hdr("Message-ID", "<"+h.id+">")
	if len(refs) > 0 {
		hdr("In-Reply-To", refs[len(refs)-1])
		hdr("References", strings.Join(refs, " "))
	}
	hdr("MIME-Version", "1.0")
	boundary := func(kind string) string { return fmt.Sprintf("=_%s_%d_%d", kind, seed, i) }
	textPart := func() {
		charset, cte := "utf-8", "8bit"
		body := wrap(text, 76)
		switch {
		case h.latin1:
			charset, cte = "iso-8859-1", "quoted-printable"
			body = qp(toLatin1(body))
		case h.qp:
			cte = "quoted-printable"
			body = qp(body)
		}
		b.WriteString("Content-Type: text/plain; charset=" + charset + "\r\nContent-Transfer-Encoding: " + cte + "\r\n\r\n")
		b.WriteString(crlf(body))
	}
	alternative := func() {
		if !h.html {
			textPart()
			return
		}
		bd := boundary("alt")
		b.WriteString("Content-Type: multipart/alternative; boundary=\"" + bd + "\"\r\n\r\n")
		b.WriteString("--" + bd + "\r\n")
		textPart()
		b.WriteString("\r\n--" + bd + "\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n")
		b.WriteString(crlf(qp(toHTML(text))))
		b.WriteString("\r\n--" + bd + "--\r\n")
	}
	if !h.attach {
		alternative()
		return b.Bytes()
	}
	bd := boundary("mix")
	b.WriteString("Content-Type: multipart/mixed; boundary=\"" + bd + "\"\r\n\r\n")
	b.WriteString("This is a multi-part message in MIME format.\r\n--" + bd + "\r\n")
	alternative()
	a := attachmentNames[r.IntN(len(attachmentNames))]
	payload := make([]byte, -h.target)
	for k := 0; k+8 <= len(payload); k += 8 {
		v := r.Uint64()
		for j := range 8 {
			payload[k+j] = byte(v >> (8 * j))
		}
	}
	b.WriteString("\r\n--" + bd + "\r\nContent-Type: " + a.ctype + "; name=\"" + a.name + "\"\r\nContent-Transfer-Encoding: base64\r\n" +
		"Content-Disposition: attachment; filename=\"" + a.name + "\"\r\n\r\n")
	enc := base64.StdEncoding.EncodeToString(payload)
	for len(enc) > 76 {
		b.WriteString(enc[:76] + "\r\n")
		enc = enc[76:]
	}
	b.WriteString(enc + "\r\n--" + bd + "--\r\n")
	return b.Bytes()
}

// CorpusFlags returns the IMAP flags message i carries: most old mail read, some answered, a few
// flagged, the newest tenth mostly unread.
func CorpusFlags(seed uint64, i int) []string {
	r := corpusRand(seed, i, 3)
	var flags []string
	if r.IntN(100) < 30 {
		flags = append(flags, `\Answered`)
	}
	if r.IntN(100) < 3 {
		flags = append(flags, `\Flagged`)
	}
	if r.IntN(100) < 90 {
		flags = append(flags, `\Seen`)
	}
	return flags
}

func encodeWord(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return mime.QEncoding.Encode("utf-8", s)
		}
	}
	return s
}

func asciiFold(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r < 0x80:
			if r == '\'' {
				return -1
			}
			return r
		case strings.ContainsRune("àâä", r):
			return 'a'
		case strings.ContainsRune("éèêëÉ", r):
			return 'e'
		case strings.ContainsRune("îï", r):
			return 'i'
		case strings.ContainsRune("ôöó", r):
			return 'o'
		case strings.ContainsRune("ûüú", r):
			return 'u'
		case r == 'ç':
			return 'c'
		case r == 'ã':
			return 'a'
		}
		return -1
	}, s)
}

// wrap folds text at width columns on spaces, keeping paragraphs.
func wrap(s string, width int) string {
	var b strings.Builder
	for _, line := range strings.Split(s, "\n") {
		col := 0
		for w := range strings.FieldsSeq(line) {
			n := utf8.RuneCountInString(w)
			if col > 0 && col+1+n > width {
				b.WriteByte('\n')
				col = 0
			} else if col > 0 {
				b.WriteByte(' ')
				col++
			}
			b.WriteString(w)
			col += n
		}
		b.WriteByte('\n')
	}
	return b.String()
}

func crlf(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\n", "\r\n")
}

func qp(s string) string {
	var b bytes.Buffer
	w := quotedprintable.NewWriter(&b)
	w.Write([]byte(s))
	w.Close()
	return b.String()
}

func toLatin1(s string) string {
	out := make([]byte, 0, len(s))
	for _, r := range s {
		if r < 0x100 {
			out = append(out, byte(r))
		} else {
			out = append(out, '?')
		}
	}
	return string(out)
}

func toHTML(text string) string {
	var b strings.Builder
	b.WriteString("<html><head><meta charset=\"utf-8\"></head><body style=\"font-family:Georgia,serif\">\n")
	for _, p := range strings.Split(text, "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			p = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", "\n", "<br>\n").Replace(p)
			b.WriteString("<p>" + p + "</p>\n")
		}
	}
	b.WriteString("</body></html>\n")
	return b.String()
}

// FillMaildir makes Dovecot's Maildir++ folder mailbox of user, under serverDir (IMAP_SERVER_DIR),
// hold exactly messages 1..n of the corpus, written straight as files: no IMAP, 50,000 messages in
// seconds. A folder that already holds this corpus is left alone. File names start with increasing
// timestamps, which Dovecot sorts on when it assigns UIDs: UID k is message k. Returns the raw bytes.
func FillMaildir(serverDir, username, mailbox string, seed uint64, n int) (int64, error) {
	root := filepath.Join(serverDir, "mail", username, "Maildir")
	dir := filepath.Join(root, "."+mailbox)
	marker := filepath.Join(dir, "loge-corpus")
	want := fmt.Sprintf("corpus %d seed %d n %d\n", corpusVersion, seed, n)
	if b, err := os.ReadFile(marker); err == nil && string(b) == want {
		var total int64
		if b, err := os.ReadFile(filepath.Join(dir, "loge-corpus-size")); err == nil {
			total, _ = strconv.ParseInt(strings.TrimSpace(string(b)), 10, 64)
		}
		return total, nil
	}
	uid, gid := -1, -1
	if u, err := user.Lookup("vmail"); err == nil {
		uid, _ = strconv.Atoi(u.Uid)
		gid, _ = strconv.Atoi(u.Gid)
	}
	own := func(p string) {
		if uid >= 0 {
			os.Lchown(p, uid, gid)
		}
	}
	if err := os.RemoveAll(dir); err != nil {
		return 0, err
	}
	for _, d := range []string{filepath.Dir(root), root, filepath.Join(root, "cur"), filepath.Join(root, "new"), filepath.Join(root, "tmp"),
		dir, filepath.Join(dir, "cur"), filepath.Join(dir, "new"), filepath.Join(dir, "tmp")} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			return 0, err
		}
		own(d)
	}
	if err := os.WriteFile(filepath.Join(dir, "maildirfolder"), nil, 0o600); err != nil {
		return 0, err
	}
	own(filepath.Join(dir, "maildirfolder"))
	const workers = 4
	var wg sync.WaitGroup
	sizes := make([]int64, workers)
	errs := make([]error, workers)
	base := corpusEpoch.Unix()
	for w := range workers {
		wg.Go(func() {
			for i := w + 1; i <= n; i += workers {
				raw := CorpusMessage(seed, i)
				letters := ""
				for _, f := range CorpusFlags(seed, i) {
					letters += map[string]string{`\Answered`: "R", `\Flagged`: "F", `\Seen`: "S"}[f]
				}
				letters = sortedLetters(letters)
				name := fmt.Sprintf("%d.M%dP0.loge,S=%d,W=%d:2,%s", base+int64(i), i, len(raw), len(raw), letters)
				p := filepath.Join(dir, "cur", name)
				if err := os.WriteFile(p, raw, 0o600); err != nil {
					errs[w] = err
					return
				}
				own(p)
				t := time.Unix(base+int64(i), 0)
				os.Chtimes(p, t, t)
				sizes[w] += int64(len(raw))
			}
		})
	}
	wg.Wait()
	var total int64
	for w := range workers {
		if errs[w] != nil {
			return 0, errs[w]
		}
		total += sizes[w]
	}
	if err := os.WriteFile(filepath.Join(dir, "loge-corpus-size"), []byte(strconv.FormatInt(total, 10)+"\n"), 0o644); err != nil {
		return 0, err
	}
	return total, os.WriteFile(marker, []byte(want), 0o644)
}

func sortedLetters(s string) string {
	b := []byte(s)
	for i := 1; i < len(b); i++ {
		for j := i; j > 0 && b[j] < b[j-1]; j-- {
			b[j], b[j-1] = b[j-1], b[j]
		}
	}
	return string(b)
}
