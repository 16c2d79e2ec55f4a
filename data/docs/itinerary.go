// Package docs writes the documents a desk prints or hands over: a stay's itinerary letter and
// the downtime pack for a day, both as PDF in French or English. It never imports the GUI
// toolkit: the GUI and the command line both call Itinerary and Downtime.
//
// The documents are set in DejaVu Sans (embedded by package assets), which covers French and the
// other Latin accents, « », – and —, and the ★ of VIP levels.
package docs

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"loge/data/desk"
	"loge/data/store"

	"github.com/go-pdf/fpdf"

	"loge/assets"
	"loge/data/docs/templates"
)

// now is the clock of "printed at" and of the letter's date; tests may replace it.
var now = time.Now

// Itinerary writes a stay's itinerary letter as PDF in lang ("fr" or "en"; "" is the guest's
// first language when it is French or English, else English): the hotel's header, a greeting
// with the guest's title and name, the stay's dates, then day by day the bookings of the stay
// (time, title, vendor, address, phone, party size, confirmation number; cancelled and declined
// ones left out) and a closing line signed by the desk. Internal notes never appear.
//
// An unknown stay is data.ErrNotFound. Nothing is written to w unless the whole document was
// built.
func Itinerary(ctx context.Context, st *store.Store, stayID, lang string, w io.Writer) error {
	stay, err := st.Stay(ctx, stayID)
	if err != nil {
		return err
	}
	guest, err := st.Guest(ctx, stay.GuestID)
	if err != nil {
		return err
	}
	if lang == "" {
		lang = guestLang(guest)
	}
	lang = desk.Lang(lang)
	hotel, deskName, err := identity(ctx, st)
	if err != nil {
		return err
	}
	reqs, err := st.Requests(ctx, store.RequestFilter{StayID: stay.ID})
	if err != nil {
		return err
	}
	vendors := vendorCache{st: st, m: map[string]*desk.Vendor{}}
	var items []itineraryItem
	for _, r := range reqs {
		if r.Status == desk.RequestCancelled || r.Status == desk.RequestDeclined || r.Private {
			continue // a private request is a surprise: never on the guest's letter
		}
		v, err := vendors.get(ctx, r.VendorID)
		if err != nil {
			return err
		}
		items = append(items, itineraryItem{r: r, v: v})
	}

	p, err := build("P", lang, func(p *fpdf.Fpdf, pages int) {
		l := letter{p: p, lang: lang, hotel: hotel, desk: deskName, loc: hotelLoc(st), pages: pages}
		p.SetTitle(l.t("itinerary")+" — "+guest.Name(), true)
		p.SetAuthor(desk.JoinNonEmpty(" — ", deskName, hotel), true)
		l.write(guest, stay, items)
	})
	if err != nil {
		return err
	}
	return output(ctx, p, w)
}

type itineraryItem struct {
	r desk.Request
	v *desk.Vendor // nil when the request has no vendor (or it was removed)
}

// Colours of the documents: the app's navy and gold, ink and a muted grey for the small print.
var (
	navy  = rgb{0x1F, 0x36, 0x5C}
	gold  = rgb{0xC0, 0x93, 0x3A}
	ink   = rgb{0x26, 0x26, 0x26}
	muted = rgb{0x6E, 0x6E, 0x6E}
	paper = rgb{0xF7, 0xF3, 0xEA} // warm tint for table stripes
	white = rgb{0xFF, 0xFF, 0xFF}
)

type rgb struct{ r, g, b int }

func (c rgb) text(p *fpdf.Fpdf) { p.SetTextColor(c.r, c.g, c.b) }
func (c rgb) draw(p *fpdf.Fpdf) { p.SetDrawColor(c.r, c.g, c.b) }
func (c rgb) fill(p *fpdf.Fpdf) { p.SetFillColor(c.r, c.g, c.b) }

// family is the font family registered from the embedded DejaVu Sans.
const family = "DejaVu"

// fontFiles are the embedded faces by fpdf style.
var fontFiles = []struct{ style, name string }{{"", "fonts/DejaVuSans.ttf"}, {"B", "fonts/DejaVuSans-Bold.ttf"}}

var fontData = sync.OnceValues(func() ([][]byte, error) {
	var out [][]byte
	for _, f := range fontFiles {
		b, err := assets.Fonts.ReadFile(f.name)
		if err != nil {
			return nil, fmt.Errorf("docs: font %s: %w", f.name, err)
		}
		out = append(out, b)
	}
	return out, nil
})

// newPDF is an A4 document in mm with the DejaVu fonts registered; orientation "P" or "L".
func newPDF(orientation, lang string) (*fpdf.Fpdf, error) {
	fonts, err := fontData()
	if err != nil {
		return nil, err
	}
	p := fpdf.New(orientation, "mm", "A4", "")
	for i, b := range fonts {
		p.AddUTF8FontFromBytes(family, fontFiles[i].style, b)
	}
	p.SetCreator("Loge", true)
	p.SetCreationDate(now())
	p.SetLang(map[string]string{"fr": "fr-FR", "en": "en-GB"}[lang])
	p.SetCellMargin(0)
	return p, p.Error()
}

// build lays a document out twice: once to count its pages, then for good with that count, so
// "2 / 3" can be aligned like any other text (fpdf's page-count alias is measured as the alias).
func build(orientation, lang string, draw func(p *fpdf.Fpdf, pages int)) (*fpdf.Fpdf, error) {
	layout := func(pages int) (*fpdf.Fpdf, error) {
		p, err := newPDF(orientation, lang)
		if err != nil {
			return nil, err
		}
		draw(p, pages)
		if err := p.Error(); err != nil {
			return nil, fmt.Errorf("docs: pdf: %w", err)
		}
		return p, nil
	}
	p, err := layout(0)
	if err != nil {
		return nil, err
	}
	return layout(p.PageCount())
}

// pageOf is "2 / 3" (or "2" while the count is unknown).
func pageOf(p *fpdf.Fpdf, pages int) string {
	if pages <= 0 {
		return fmt.Sprint(p.PageNo())
	}
	return fmt.Sprintf("%d / %d", p.PageNo(), pages)
}

// output writes the finished document to w, or nothing at all when it failed.
func output(ctx context.Context, p *fpdf.Fpdf, w io.Writer) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := p.Output(&buf); err != nil {
		return fmt.Errorf("docs: pdf: %w", err)
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// identity is the hotel's and the desk's names from the settings.
func identity(ctx context.Context, st *store.Store) (hotel, deskName string, err error) {
	if hotel, err = st.Setting(ctx, "hotel.name"); err != nil {
		return "", "", err
	}
	if deskName, err = st.Setting(ctx, "desk.name"); err != nil {
		return "", "", err
	}
	return strings.TrimSpace(hotel), strings.TrimSpace(deskName), nil
}

// hotelLoc is the hotel's time zone.
func hotelLoc(st *store.Store) *time.Location {
	if st.Loc == nil {
		return time.Local
	}
	return st.Loc
}

// vendorCache reads each vendor once.
type vendorCache struct {
	st *store.Store
	m  map[string]*desk.Vendor
}

func (c vendorCache) get(ctx context.Context, id string) (*desk.Vendor, error) {
	if id == "" {
		return nil, nil
	}
	if v, ok := c.m[id]; ok {
		return v, nil
	}
	v, err := c.st.Vendor(ctx, id)
	switch {
	case errors.Is(err, store.ErrNotFound):
		c.m[id] = nil
		return nil, nil
	case err != nil:
		return nil, err
	}
	c.m[id] = &v
	return &v, nil
}

// letter lays out the itinerary on A4 portrait.
type letter struct {
	p            *fpdf.Fpdf
	lang         string
	hotel, desk  string
	loc          *time.Location
	pages        int     // page count, 0 while unknown
	left, right  float64 // margins
	width, limit float64 // text width; lowest y a block may reach
}

func (l *letter) t(key string) string { return tr(key, l.lang) }

func (l *letter) write(g desk.Guest, s desk.Stay, items []itineraryItem) {
	p := l.p
	l.left, l.right = 24, 24
	pw, ph := p.GetPageSize()
	l.width = pw - l.left - l.right
	l.limit = ph - 24
	p.SetMargins(l.left, 24, l.right)
	p.SetAutoPageBreak(true, 24)
	p.SetHeaderFuncMode(func() {
		if p.PageNo() > 1 {
			l.runningHeader()
		}
	}, true)
	p.SetFooterFunc(l.footer)
	p.AddPage()
	l.masthead()

	// Date, recipient and stay.
	font(p, "", 9.5, muted)
	p.SetXY(l.left, 56)
	p.CellFormat(l.width, 5, fmt.Sprintf(l.t("dated"), templates.FormatDate(now().In(l.loc), l.lang)), "", 1, "R", false, 0, "")
	p.SetXY(l.left, 62)
	font(p, "B", 11.5, ink)
	p.CellFormat(l.width, 6, g.Name(), "", 1, "L", false, 0, "")
	font(p, "", 10, ink)
	if room := strings.TrimSpace(s.Room); room != "" {
		p.CellFormat(l.width, 5, l.t("room")+" "+room, "", 1, "L", false, 0, "")
	}
	arr, dep := s.Arrival.In(l.loc), s.Departure.In(l.loc)
	p.MultiCell(l.width, 5, fmt.Sprintf(l.t("stay_dates"), templates.FormatDate(arr, l.lang), templates.FormatDate(dep, l.lang)), "", "L", false)

	// Title.
	p.Ln(9)
	font(p, "B", 19, navy)
	p.CellFormat(l.width, 9, l.t("itinerary"), "", 1, "L", false, 0, "")
	gold.draw(p)
	p.SetLineWidth(0.5)
	y := p.GetY() + 1.5
	p.Line(l.left, y, l.left+18, y)
	p.SetY(y + 7)

	// Greeting and introduction.
	font(p, "", 10.5, ink)
	p.MultiCell(l.width, 5.6, salutation(g, l.lang), "", "L", false)
	p.Ln(2.5)
	if len(items) == 0 {
		p.MultiCell(l.width, 5.6, l.t("intro_none"), "", "L", false)
	} else {
		p.MultiCell(l.width, 5.6, l.t("intro"), "", "L", false)
	}
	p.Ln(4)

	// Day by day.
	day := ""
	for _, it := range items {
		at := it.r.StartsAt
		d := at.Format(time.DateOnly)
		if d != day {
			day = d
			// A day heading is never left alone at the foot of a page.
			l.ensure(14 + l.itemHeight(it))
			l.dayHeading(capitalize(templates.FormatDate(at, l.lang)))
		} else {
			l.ensure(l.itemHeight(it))
		}
		l.item(it)
	}

	// Closing and signature.
	l.ensure(42)
	p.Ln(4)
	font(p, "", 10.5, ink)
	p.MultiCell(l.width, 5.6, l.t("closing"), "", "L", false)
	p.Ln(3)
	p.MultiCell(l.width, 5.6, l.t("regards"), "", "L", false)
	p.Ln(6)
	gold.draw(p)
	p.SetLineWidth(0.3)
	p.Line(l.left, p.GetY(), l.left+12, p.GetY())
	p.Ln(3)
	font(p, "B", 11, navy)
	p.CellFormat(l.width, 5.5, signature(l.desk, l.lang), "", 1, "L", false, 0, "")
	if l.hotel != "" {
		font(p, "", 9.5, muted)
		p.CellFormat(l.width, 5, l.hotel, "", 1, "L", false, 0, "")
	}
}

// masthead is the first page's header: the hotel's name between gold rules, the desk below.
func (l *letter) masthead() {
	p := l.p
	pw, _ := p.GetPageSize()
	cx := pw / 2
	hotel := l.hotel
	if hotel == "" {
		hotel = l.desk
	}
	// Thin double rule across the top.
	gold.draw(p)
	p.SetLineWidth(0.6)
	p.Line(l.left, 16, pw-l.right, 16)
	p.SetLineWidth(0.2)
	p.Line(l.left, 17.3, pw-l.right, 17.3)

	// The name in tracked capitals, smaller when a long one would not fit.
	name := strings.ToUpper(hotel)
	size := 21.0
	for font(p, "B", size, navy); size > 11 && trackedWidth(p, name, 0.06) > l.width; font(p, "B", size, navy) {
		size -= 0.5
	}
	tracked(p, cx, 30, name, 0.06, "C")

	// Ornament: two short gold rules and a diamond.
	y := 35.5
	gold.draw(p)
	gold.fill(p)
	p.SetLineWidth(0.3)
	p.Line(cx-34, y, cx-4, y)
	p.Line(cx+4, y, cx+34, y)
	d := 1.4
	p.Polygon([]fpdf.PointType{{X: cx, Y: y - d}, {X: cx + d, Y: y}, {X: cx, Y: y + d}, {X: cx - d, Y: y}}, "F")

	if l.desk != "" && l.desk != hotel {
		font(p, "", 8.5, gold)
		tracked(p, cx, 42, strings.ToUpper(l.desk), 0.25, "C")
	}
}

// runningHeader heads the following pages: the hotel's name, small, over a gold rule.
func (l *letter) runningHeader() {
	p := l.p
	pw, _ := p.GetPageSize()
	font(p, "B", 8.5, navy)
	tracked(p, pw/2, 14, strings.ToUpper(desk.FirstNonEmpty(l.hotel, l.desk)), 0.12, "C")
	gold.draw(p)
	p.SetLineWidth(0.2)
	p.Line(l.left, 16.5, pw-l.right, 16.5)
	p.SetY(24)
}

func (l *letter) footer() {
	p := l.p
	pw, ph := p.GetPageSize()
	y := ph - 15
	gold.draw(p)
	p.SetLineWidth(0.2)
	p.Line(l.left, y, pw-l.right, y)
	font(p, "", 7.5, muted)
	p.SetXY(l.left, y+1.5)
	p.CellFormat(l.width/2, 4, desk.JoinNonEmpty(" · ", l.desk, l.hotel), "", 0, "L", false, 0, "")
	p.CellFormat(l.width/2, 4, pageOf(p, l.pages), "", 0, "R", false, 0, "")
}

// ensure starts a new page unless h more millimetres fit on this one.
func (l *letter) ensure(h float64) {
	if l.p.GetY()+h > l.limit {
		l.p.AddPage()
	}
}

func (l *letter) dayHeading(s string) {
	p := l.p
	p.Ln(3)
	font(p, "B", 12, navy)
	p.CellFormat(l.width, 6.5, s, "", 1, "L", false, 0, "")
	y := p.GetY() + 0.5
	gold.draw(p)
	p.SetLineWidth(0.25)
	p.Line(l.left, y, l.left+l.width, y)
	p.SetY(y + 3.5)
}

// Item columns: the time, then the details beside a thin gold rule.
const (
	timeCol  = 25
	itemGap  = 4
	lineBody = 4.7
)

// itemLines are the lines of one booking's details, each with its style.
func (l *letter) itemLines(it itineraryItem) []styled {
	r, v := it.r, it.v
	title := strings.TrimSpace(r.Title)
	if title == "" {
		title = kindHeading(r.Kind, l.lang)
	}
	out := []styled{{title, "B", 10.5, ink, 5.3}}
	vendorName := r.VendorName
	if v != nil {
		vendorName = v.Name
	}
	if vendorName = strings.TrimSpace(vendorName); vendorName != "" {
		out = append(out, styled{vendorName, "", 10, navy, 5})
	}
	if v != nil {
		if a := v.OneLineAddress(); a != "" {
			out = append(out, styled{a, "", 9.5, muted, lineBody})
		}
		if ph := desk.FirstLine(v.Phone); ph != "" {
			out = append(out, styled{l.t("phone") + "\u00a0" + ph, "", 9.5, muted, lineBody})
		}
	}
	var facts []string
	if r.PartySize > 0 {
		facts = append(facts, people(r.PartySize, l.lang))
	}
	switch {
	case strings.TrimSpace(r.Confirmation) != "":
		facts = append(facts, l.t("confirmation")+"\u00a0"+strings.TrimSpace(r.Confirmation))
	case r.Status == desk.RequestRequested || r.Status == desk.RequestPendingVendor:
		facts = append(facts, l.t("to_confirm"))
	}
	if len(facts) > 0 {
		out = append(out, styled{strings.Join(facts, "   ·   "), "", 9.5, ink, lineBody + 0.6})
	}
	return out
}

type styled struct {
	s     string
	style string
	size  float64
	color rgb
	lh    float64
}

func (l *letter) itemHeight(it itineraryItem) float64 {
	h := 0.0
	w := l.width - timeCol - itemGap
	for _, s := range l.itemLines(it) {
		font(l.p, s.style, s.size, s.color)
		h += float64(len(l.p.SplitText(s.s, w))) * s.lh
	}
	return h + 5
}

func (l *letter) item(it itineraryItem) {
	p := l.p
	y0 := p.GetY()
	at := it.r.StartsAt
	font(p, "B", 10.5, navy)
	p.SetXY(l.left, y0)
	p.CellFormat(timeCol-3, 5.3, templates.FormatClock(at, l.lang), "", 2, "L", false, 0, "")
	if zone := foreignZone(at, l.loc); zone != "" {
		font(p, "", 8, muted)
		p.CellFormat(timeCol-3, 4, zone, "", 2, "L", false, 0, "")
	}
	x := l.left + timeCol + itemGap
	w := l.width - timeCol - itemGap
	p.SetXY(x, y0)
	for _, s := range l.itemLines(it) {
		font(p, s.style, s.size, s.color)
		p.SetX(x)
		p.MultiCell(w, s.lh, s.s, "", "L", false)
	}
	y1 := p.GetY()
	gold.draw(p)
	p.SetLineWidth(0.35)
	p.Line(l.left+timeCol, y0+0.6, l.left+timeCol, y1-0.6)
	p.SetY(y1 + 5)
}

// font sets the face, size and colour in one call.
func font(p *fpdf.Fpdf, style string, size float64, c rgb) {
	p.SetFont(family, style, size)
	c.text(p)
}

// tracked writes s letter-spaced by track em (PDF character spacing), its baseline at y and its
// anchor x the left end, the centre or the right end for align "L", "C", "R".
func tracked(p *fpdf.Fpdf, x, y float64, s string, track float64, align string) {
	size, _ := p.GetFontSize()
	space := track * size / p.GetConversionRatio() // em → mm
	w := trackedWidth(p, s, track)
	switch align {
	case "C":
		x -= w / 2
	case "R":
		x -= w
	}
	p.RawWriteStr(fmt.Sprintf("%.3f Tc", space*p.GetConversionRatio()))
	p.Text(x, y, s)
	p.RawWriteStr("0 Tc")
}

// trackedWidth is the width of s in the current font, letter-spaced by track em.
func trackedWidth(p *fpdf.Fpdf, s string, track float64) float64 {
	size, _ := p.GetFontSize()
	return p.GetStringWidth(s) + track*size/p.GetConversionRatio()*float64(utf8.RuneCountInString(s)-1)
}

// Language.

// guestLang is the guest's first language when it is French or English, else English.
func guestLang(g desk.Guest) string {
	first, _, _ := strings.Cut(g.Languages, ",")
	switch strings.ToLower(strings.TrimSpace(first)) {
	case "fr":
		return "fr"
	}
	return "en"
}

var texts = map[string][2]string{ // fr, en
	"itinerary":    {"Votre programme", "Your itinerary"},
	"dated":        {"Le %s", "%s"},
	"room":         {"Chambre", "Room"},
	"stay_dates":   {"Séjour du %s au %s", "Staying from %s to %s"},
	"intro":        {"Nous avons le plaisir de vous adresser le programme préparé pour votre séjour. Vous trouverez ci-dessous, jour après jour, le détail de vos réservations.", "It is our pleasure to send you the programme we have arranged for your stay. Please find below, day by day, the details of your reservations."},
	"intro_none":   {"Nous avons le plaisir de vous accueillir prochainement. Aucune réservation n'est encore prévue : nous serons heureux d'organiser pour vous tables, transferts, spectacles ou visites.", "We look forward to welcoming you. No reservations have been made yet: we would be delighted to arrange tables, transfers, performances or visits for you."},
	"closing":      {"Nous restons à votre entière disposition pour toute modification ou nouvelle demande, et vous souhaitons un excellent séjour parmi nous.", "We remain at your entire disposal for any change or further request, and wish you a most enjoyable stay with us."},
	"regards":      {"Nous vous prions d'agréer nos salutations les plus distinguées.", "With our warmest regards,"},
	"phone":        {"Tél.", "Tel."},
	"confirmation": {"Réservation n°", "Confirmation no."},
	"to_confirm":   {"Confirmation en cours", "Confirmation to follow"},
	"concierge":    {"La Conciergerie", "The Concierge"},

	// Downtime pack.
	"downtime":      {"Dossier de secours", "Downtime pack"},
	"printed":       {"Imprimé le %s à %s", "Printed %s at %s"},
	"internal":      {"Document interne — confidentiel", "Internal document — confidential"},
	"page":          {"Page", "Page"},
	"arrivals":      {"Arrivées", "Arrivals"},
	"departures":    {"Départs", "Departures"},
	"vips":          {"VIP en maison", "In-house VIPs"},
	"bookings":      {"Réservations du jour", "Bookings of the day"},
	"none_arrivals": {"Aucune arrivée ce jour.", "No arrivals this day."},
	"none_departs":  {"Aucun départ ce jour.", "No departures this day."},
	"none_vips":     {"Aucun VIP en maison.", "No VIPs in house."},
	"none_bookings": {"Aucune réservation ce jour.", "No bookings this day."},
	"continued":     {"(suite)", "(continued)"},
	"col_time":      {"Heure", "Time"},
	"col_guest":     {"Client", "Guest"},
	"col_room":      {"Chambre", "Room"},
	"col_party":     {"Pers.", "Party"},
	"col_vip":       {"VIP", "VIP"},
	"col_allergies": {"Allergies et régimes", "Allergies and diets"},
	"col_notes":     {"Remarques", "Notes"},
	"col_stay":      {"Séjour", "Stay"},
	"col_prefs":     {"Préférences", "Preferences"},
	"col_booking":   {"Prestation", "Booking"},
	"col_vendor":    {"Prestataire", "Vendor"},
	"col_vphone":    {"Tél. prestataire", "Vendor phone"},
	"col_conf":      {"N° de conf.", "Conf. no."},
	"col_status":    {"Statut", "Status"},
	// Requests list and commissions.
	"requests":                            {"Demandes", "Requests"},
	"none_requests":                       {"Aucune demande ne répond à ces critères.", "No request matches these filters."},
	"private":                             {"(privée — surprise)", "(private — surprise)"},
	"commissions":                         {"Commissions", "Commissions"},
	"comm_summary":                        {"Par prestataire", "By vendor"},
	"none_commissions":                    {"Aucune commission ce mois-ci.", "No commissions this month."},
	"total":                               {"Total", "Total"},
	"col_when":                            {"Date", "When"},
	"col_date":                            {"Date", "Date"},
	"col_kind":                            {"Type", "Kind"},
	"col_price":                           {"Prix", "Price"},
	"col_currency":                        {"Devise", "Currency"},
	"col_requests":                        {"Demandes", "Requests"},
	"col_commission":                      {"Commission", "Commission"},
	"col_comm_status":                     {"État", "State"},
	"col_" + desk.CommissionExpected:      {"À percevoir", "Expected"},
	"col_" + desk.CommissionSettled:       {"Perçues", "Settled"},
	"col_" + desk.CommissionReversed:      {"Annulées", "Reversed"},
	"status_" + desk.RequestRequested:     {"Demandée", "Requested"},
	"status_" + desk.RequestPendingVendor: {"Attente prestataire", "Pending vendor"},
	"status_" + desk.RequestConfirmed:     {"Confirmée", "Confirmed"},
	"status_" + desk.RequestDone:          {"Effectuée", "Done"},
	"status_" + desk.RequestDeclined:      {"Refusée", "Declined"},
	"status_" + desk.RequestCancelled:     {"Annulée", "Cancelled"},
}

// tr is a text in lang ("fr" or "en"); an unknown key is itself.
func tr(key, lang string) string {
	t, ok := texts[key]
	if !ok {
		return key
	}
	if lang == "en" {
		return t[1]
	}
	return t[0]
}

// signature is the desk's name as it signs a letter: "La Conciergerie" for a desk named
// "Conciergerie", otherwise the name as set.
func signature(desk, lang string) string {
	switch strings.ToLower(desk) {
	case "", "conciergerie", "concierge", "la conciergerie", "the concierge":
		return tr("concierge", lang)
	}
	return desk
}

// salutation is the letter's greeting: "Chère Madame Lefebvre," / "Dear Mrs Whitfield,". With a
// title it does not know, it falls back on the full name.
func salutation(g desk.Guest, lang string) string {
	name := strings.TrimSpace(g.LastName)
	if name == "" {
		name = strings.TrimSpace(g.FirstName)
	}
	full := desk.JoinNonEmpty(" ", g.FirstName, g.LastName)
	t := strings.ToLower(strings.Trim(strings.TrimSpace(g.Title), "."))
	var kind string
	switch t {
	case "m", "mr", "monsieur", "mister", "sir", "sr", "señor", "senor", "sig", "signor", "signore", "herr", "hr", "dom":
		kind = "mr"
	case "mme", "madame", "mlle", "mademoiselle", "mrs", "ms", "miss", "sra", "señora", "senora", "srta", "sig.ra", "signora", "frau", "fr", "dona":
		kind = "mrs"
	case "dr", "docteur", "doctor", "dott", "dra", "prof", "professeur", "professor", "pr":
		kind = "dr"
	}
	if lang == "en" {
		switch {
		case kind == "" || name == "":
			return "Dear " + desk.FirstNonEmpty(full, "Guest") + ","
		case kind == "mr":
			return "Dear Mr " + name + ","
		case kind == "dr" && strings.HasPrefix(t, "pr"):
			return "Dear Professor " + name + ","
		case kind == "dr":
			return "Dear Dr " + name + ","
		case t == "mrs" || t == "miss":
			return "Dear " + capitalize(t) + " " + name + ","
		}
		return "Dear Ms " + name + ","
	}
	switch {
	case kind == "" || name == "":
		if full == "" {
			return "Madame, Monsieur,"
		}
		return "Bonjour " + full + ","
	case kind == "mr":
		return "Cher Monsieur " + name + ","
	case kind == "mrs":
		return "Chère Madame " + name + ","
	case strings.HasPrefix(t, "pr"):
		return "Cher Professeur " + name + ","
	}
	return "Cher Docteur " + name + ","
}

// people is a party size: "2 personnes", "1 guest".
func people(n int, lang string) string {
	switch {
	case lang == "en" && n == 1:
		return "1 guest"
	case lang == "en":
		return fmt.Sprintf("%d guests", n)
	case n == 1:
		return "1 personne"
	}
	return fmt.Sprintf("%d personnes", n)
}

// kindHeading is a request kind as a heading: capitalised, and "other" reads as a service.
func kindHeading(kind, lang string) string {
	if kind == desk.KindOther {
		if lang == "en" {
			return "Service"
		}
		return "Prestation"
	}
	n := templates.KindName(kind, lang)
	r, size := utf8.DecodeRuneInString(n)
	return string(unicode.ToUpper(r)) + n[size:]
}

// foreignZone is the zone abbreviation of t when its clock is not the hotel's ("EST"), else "".
func foreignZone(t time.Time, hotel *time.Location) string {
	if hotel == nil {
		return ""
	}
	_, off := t.Zone()
	_, hoff := t.In(hotel).Zone()
	if off == hoff {
		return ""
	}
	return t.Format("MST")
}

func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}
