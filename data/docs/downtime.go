package docs

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"loge/data/desk"
	"loge/data/store"

	"github.com/go-pdf/fpdf"

	"loge/data/docs/templates"
)

// Downtime writes the printable pack for one day (YYYY-MM-DD, in the hotel's time zone) as PDF in
// lang ("fr" or "en"; "" is French), for when the network or the property system is down:
// arrivals (time, guest, room, party, VIP stars, allergies, notes), departures, the VIPs in house,
// and every booking of the day (time, guest, room, title, vendor, vendor phone, confirmation
// number, status). A4 landscape tables, numbered pages, the time it was printed on each page.
//
// A day that is not YYYY-MM-DD is a *data.ValidationError (entity "downtime", field "Day").
// Nothing is written to w unless the whole document was built.
func Downtime(ctx context.Context, st *store.Store, day string, lang string, w io.Writer) error {
	lang = desk.Lang(lang)
	loc := hotelLoc(st)
	date, err := time.ParseInLocation(time.DateOnly, strings.TrimSpace(day), loc)
	if err != nil {
		return &desk.ValidationError{Entity: "downtime", Field: "Day", Code: desk.CodeUnknown, Value: day}
	}
	day = date.Format(time.DateOnly)

	arrivals, err := st.StaysArriving(ctx, day)
	if err != nil {
		return err
	}
	departures, err := st.StaysDeparting(ctx, day)
	if err != nil {
		return err
	}
	inHouse, err := st.StaysInHouse(ctx, day, true)
	if err != nil {
		return err
	}
	bookings, err := st.Requests(ctx, store.RequestFilter{Day: day})
	if err != nil {
		return err
	}
	guests := map[string]*desk.Guest{}
	guest := func(id string) (*desk.Guest, error) {
		if g, ok := guests[id]; ok {
			return g, nil
		}
		g, err := st.Guest(ctx, id)
		if errors.Is(err, store.ErrNotFound) {
			guests[id] = &desk.Guest{ID: id}
			return guests[id], nil
		}
		if err != nil {
			return nil, err
		}
		guests[id] = &g
		return &g, nil
	}
	stays := map[string]*desk.Stay{}
	for _, list := range [][]desk.Stay{arrivals, departures, inHouse} {
		for i := range list {
			stays[list[i].ID] = &list[i]
		}
	}
	stay := func(id string) (*desk.Stay, error) {
		if id == "" {
			return nil, nil
		}
		if s, ok := stays[id]; ok {
			return s, nil
		}
		s, err := st.Stay(ctx, id)
		if errors.Is(err, store.ErrNotFound) {
			stays[id] = nil
			return nil, nil
		}
		if err != nil {
			return nil, err
		}
		stays[id] = &s
		return &s, nil
	}
	vendors := vendorCache{st: st, m: map[string]*desk.Vendor{}}

	// Arrivals.
	var sections []section
	var rows [][]cell
	for _, s := range arrivals {
		g, err := guest(s.GuestID)
		if err != nil {
			return err
		}
		rows = append(rows, []cell{
			{text: templates.FormatClock(s.Arrival.In(loc), lang), bold: true, color: navy},
			guestCell(g, s.GuestName),
			{text: s.Room},
			{text: count(s.PartySize), align: "C"},
			stars(g.VIP),
			{text: g.Allergies, color: allergyColor(g.Allergies)},
			{text: s.Notes},
		})
	}
	sections = append(sections, section{title: tr("arrivals", lang), cols: []column{
		{"col_time", 20, "L"}, {"col_guest", 54, "L"}, {"col_room", 36, "L"}, {"col_party", 13, "C"},
		{"col_vip", 16, "C"}, {"col_allergies", 62, "L"}, {"col_notes", 72, "L"},
	}, rows: rows, empty: tr("none_arrivals", lang)})

	// Departures.
	rows = nil
	for _, s := range departures {
		g, err := guest(s.GuestID)
		if err != nil {
			return err
		}
		rows = append(rows, []cell{
			{text: templates.FormatClock(s.Departure.In(loc), lang), bold: true, color: navy},
			guestCell(g, s.GuestName),
			{text: s.Room},
			{text: count(s.PartySize), align: "C"},
			stars(g.VIP),
			{text: s.Notes},
		})
	}
	sections = append(sections, section{title: tr("departures", lang), cols: []column{
		{"col_time", 20, "L"}, {"col_guest", 54, "L"}, {"col_room", 36, "L"}, {"col_party", 13, "C"},
		{"col_vip", 16, "C"}, {"col_notes", 134, "L"},
	}, rows: rows, empty: tr("none_departs", lang)})

	// VIPs in house, highest level first (the store sorts them so).
	rows = nil
	for _, s := range inHouse {
		g, err := guest(s.GuestID)
		if err != nil {
			return err
		}
		rows = append(rows, []cell{
			guestCell(g, s.GuestName),
			{text: s.Room},
			stars(g.VIP),
			{text: shortDate(s.Arrival.In(loc), lang) + " → " + shortDate(s.Departure.In(loc), lang)},
			{text: g.Allergies, color: allergyColor(g.Allergies)},
			{text: desk.JoinNonEmpty("\n", g.Preferences, g.Notes)},
		})
	}
	sections = append(sections, section{title: tr("vips", lang), cols: []column{
		{"col_guest", 56, "L"}, {"col_room", 36, "L"}, {"col_vip", 16, "C"}, {"col_stay", 30, "L"},
		{"col_allergies", 55, "L"}, {"col_prefs", 80, "L"},
	}, rows: rows, empty: tr("none_vips", lang)})

	// Every booking of the day.
	rows = nil
	for _, r := range bookings {
		s, err := stay(r.StayID)
		if err != nil {
			return err
		}
		v, err := vendors.get(ctx, r.VendorID)
		if err != nil {
			return err
		}
		g, err := guest(r.GuestID)
		if err != nil {
			return err
		}
		room := ""
		if s != nil {
			room = s.Room
		}
		vendorName, vendorPhone := r.VendorName, ""
		if v != nil {
			vendorName, vendorPhone = v.Name, desk.FirstLine(v.Phone)
		}
		title := requestTitle(r, lang)
		off := r.Status == desk.RequestCancelled || r.Status == desk.RequestDeclined
		when := templates.FormatClock(r.StartsAt, lang)
		if z := foreignZone(r.StartsAt, loc); z != "" {
			when += "\n" + z
		}
		row := []cell{
			{text: when, bold: true, color: navy},
			guestCell(g, r.GuestName),
			{text: room},
			{text: title, sub: r.Notes},
			{text: vendorName},
			{text: vendorPhone},
			{text: r.Confirmation, bold: true},
			statusCell(r.Status, lang),
		}
		if off {
			for i := range row[:len(row)-1] {
				row[i].color, row[i].bold, row[i].sub = muted, false, ""
			}
		}
		rows = append(rows, row)
	}
	sections = append(sections, section{title: tr("bookings", lang), cols: []column{
		{"col_time", 20, "L"}, {"col_guest", 42, "L"}, {"col_room", 26, "L"}, {"col_booking", 58, "L"},
		{"col_vendor", 38, "L"}, {"col_vphone", 32, "L"}, {"col_conf", 29, "L"}, {"col_status", 28, "L"},
	}, rows: rows, empty: tr("none_bookings", lang)})

	return writePack(ctx, st, tr("downtime", lang)+" — "+templates.FormatDate(date, lang), lang, sections, w)
}

// writePack lays sections out as a pack (A4 landscape tables under the hotel's header, numbered
// pages, the time it was printed) and writes it to w, or nothing when it failed.
func writePack(ctx context.Context, st *store.Store, title, lang string, sections []section, w io.Writer) error {
	hotel, deskName, err := identity(ctx, st)
	if err != nil {
		return err
	}
	loc := hotelLoc(st)
	printed := now().In(loc)
	p, err := build("L", lang, func(p *fpdf.Fpdf, pages int) {
		pk := pack{p: p, lang: lang, hotel: hotel, desk: deskName, loc: loc, pages: pages, title: title,
			printed: fmt.Sprintf(tr("printed", lang), templates.FormatDate(printed, lang), templates.FormatClock(printed, lang))}
		p.SetTitle(title, true)
		p.SetAuthor(desk.JoinNonEmpty(" — ", deskName, hotel), true)
		pk.start()
		for _, sec := range sections {
			pk.section(sec)
		}
	})
	if err != nil {
		return err
	}
	return output(ctx, p, w)
}

// section is one table of the pack, built before the layout.
type section struct {
	title, empty string
	cols         []column
	rows         [][]cell
	count        int // the count after the title when it is not the rows' (a table ending in totals)
}

// pack lays out the downtime pack on A4 landscape.
type pack struct {
	p              *fpdf.Fpdf
	lang           string
	hotel, desk    string
	loc            *time.Location
	pages          int // page count, 0 while unknown
	title, printed string
	left, width    float64
	limit          float64
}

const (
	packMargin = 12
	cellPad    = 1.6 // horizontal padding inside a cell
	rowPad     = 1.5 // vertical padding above and below a row's text
	bodySize   = 8.5
	bodyLine   = 3.9
	subSize    = 7.5
	subLine    = 3.4
)

func (k *pack) start() {
	p := k.p
	pw, ph := p.GetPageSize()
	k.left = packMargin
	k.width = pw - 2*packMargin
	k.limit = ph - 16
	p.SetMargins(packMargin, 31, packMargin) // below the header, where each page starts
	p.SetAutoPageBreak(false, 0)
	p.SetHeaderFuncMode(k.header, true)
	p.SetFooterFunc(k.footer)
	p.AddPage()
}

func (k *pack) header() {
	p := k.p
	pw, _ := p.GetPageSize()
	right := pw - packMargin
	font(p, "B", 14, navy)
	p.Text(k.left, 17, desk.FirstNonEmpty(k.hotel, k.desk))
	font(p, "B", 11, gold)
	p.Text(k.left, 23, k.title)
	font(p, "", 8, muted)
	w := p.GetStringWidth(k.printed)
	p.Text(right-w, 17, k.printed)
	if k.desk != "" {
		w = p.GetStringWidth(k.desk)
		p.Text(right-w, 23, k.desk)
	}
	gold.draw(p)
	p.SetLineWidth(0.5)
	p.Line(k.left, 26, right, 26)
	p.SetLineWidth(0.15)
	p.Line(k.left, 27, right, 27)
	p.SetY(31)
}

func (k *pack) footer() {
	p := k.p
	pw, ph := p.GetPageSize()
	y := ph - 11
	gold.draw(p)
	p.SetLineWidth(0.2)
	p.Line(k.left, y, pw-packMargin, y)
	font(p, "", 7.5, muted)
	p.SetXY(k.left, y+1.2)
	p.CellFormat(k.width/2, 4, tr("internal", k.lang)+" · "+k.title, "", 0, "L", false, 0, "")
	p.CellFormat(k.width/2, 4, tr("page", k.lang)+" "+pageOf(p, k.pages), "", 0, "R", false, 0, "")
}

// shortDate is a day and month: "25/11" in French, "25 Nov" in English.
func shortDate(t time.Time, lang string) string {
	if lang == "en" {
		return t.Format("2 Jan")
	}
	return t.Format("02/01")
}

type column struct {
	key   string // text key of the title
	w     float64
	align string
}

// cell is one table cell: its text, and a smaller grey line under it (sub).
type cell struct {
	text  string
	sub   string
	bold  bool
	color rgb
	align string
	size  float64 // 0 is the body size
}

func guestCell(g *desk.Guest, fallback string) cell {
	name := g.Name()
	if name == "" {
		name = fallback
	}
	return cell{text: name, bold: true, sub: desk.FirstLine(g.Phones)}
}

func stars(vip int) cell {
	if vip <= 0 {
		return cell{align: "C"}
	}
	return cell{text: strings.Repeat("★", min(vip, 3)), color: gold, align: "C", size: 9.5}
}

func count(n int) string {
	if n <= 0 {
		return ""
	}
	return fmt.Sprint(n)
}

func allergyColor(s string) rgb {
	if strings.TrimSpace(s) != "" {
		return rgb{0x9A, 0x2A, 0x1E} // a dark red: allergies must not be missed
	}
	return ink
}

func statusCell(status, lang string) cell {
	c := cell{text: tr("status_"+status, lang)}
	switch status {
	case desk.RequestRequested, desk.RequestPendingVendor:
		c.color, c.bold = gold, true
	case desk.RequestConfirmed:
		c.color, c.bold = navy, true
	case desk.RequestDeclined, desk.RequestCancelled:
		c.color = muted
	}
	return c
}

// lines splits a cell's text and sub-line to the column's width.
func (k *pack) lines(c cell, w float64) (main, sub []string) {
	p := k.p
	w -= 2 * cellPad
	style := ""
	if c.bold {
		style = "B"
	}
	p.SetFont(family, style, orSize(c.size, bodySize))
	for _, para := range strings.Split(strings.TrimSpace(c.text), "\n") {
		if para = strings.TrimSpace(para); para != "" {
			main = append(main, p.SplitText(para, w)...)
		}
	}
	p.SetFont(family, "", subSize)
	for _, para := range strings.Split(strings.TrimSpace(c.sub), "\n") {
		if para = strings.TrimSpace(para); para != "" {
			sub = append(sub, p.SplitText(para, w)...)
		}
	}
	return main, sub
}

func orSize(s, def float64) float64 {
	if s == 0 {
		return def
	}
	return s
}

func (k *pack) rowHeight(cols []column, cells []cell) float64 {
	h := 0.0
	for i, c := range cells {
		main, sub := k.lines(c, cols[i].w)
		h = max(h, float64(len(main))*bodyLine+float64(len(sub))*subLine)
	}
	return max(h, bodyLine) + 2*rowPad
}

// sectionTitle writes a section's heading with its count.
func (k *pack) sectionTitle(title string, n int, cont bool) {
	p := k.p
	y := p.GetY()
	font(p, "B", 11.5, navy)
	label := title
	if n > 0 {
		label += fmt.Sprintf("  (%d)", n)
	}
	if cont {
		label += " " + tr("continued", k.lang)
	}
	p.Text(k.left, y+4.5, label)
	gold.draw(p)
	p.SetLineWidth(0.3)
	w := p.GetStringWidth(label)
	p.Line(k.left+w+3, y+3.3, k.left+k.width, y+3.3)
	p.SetY(y + 7.5)
}

func (k *pack) tableHeader(cols []column) {
	p := k.p
	y := p.GetY()
	navy.fill(p)
	p.Rect(k.left, y, k.width, 6.2, "F")
	x := k.left
	for _, c := range cols {
		label := strings.ToUpper(tr(c.key, k.lang))
		// A title wider than its column is set smaller rather than run into the next one.
		size := 7.5
		for font(p, "B", size, white); size > 5 && p.GetStringWidth(label) > c.w-2*cellPad; font(p, "B", size, white) {
			size -= 0.25
		}
		p.SetXY(x+cellPad, y)
		p.CellFormat(c.w-2*cellPad, 6.2, label, "", 0, c.align, false, 0, "")
		x += c.w
	}
	p.SetY(y + 6.2)
}

// section writes a heading and a table; empty, it writes the empty text instead. Rows never split
// across pages; the heading and the column titles repeat on the next page.
func (k *pack) section(sec section) {
	p := k.p
	title, cols, rows, empty := sec.title, sec.cols, sec.rows, sec.empty
	n := len(rows)
	if sec.count > 0 {
		n = sec.count
	}
	if p.GetY() > 35 {
		p.SetY(p.GetY() + 4)
	}
	first := 14.0
	if len(rows) > 0 {
		first += 6.2 + k.rowHeight(cols, rows[0])
	}
	if p.GetY()+first > k.limit {
		p.AddPage()
	}
	k.sectionTitle(title, n, false)
	if len(rows) == 0 {
		font(p, "", 9, muted)
		p.SetX(k.left)
		p.CellFormat(k.width, 6, empty, "", 1, "L", false, 0, "")
		return
	}
	k.tableHeader(cols)
	for i, row := range rows {
		h := k.rowHeight(cols, row)
		if p.GetY()+h > k.limit {
			p.AddPage()
			k.sectionTitle(title, n, true)
			k.tableHeader(cols)
		}
		y := p.GetY()
		if i%2 == 1 {
			paper.fill(p)
			p.Rect(k.left, y, k.width, h, "F")
		}
		x := k.left
		for j, c := range row {
			k.drawCell(c, cols[j], x, y)
			x += cols[j].w
		}
		rgb{0xDD, 0xD5, 0xC4}.draw(p)
		p.SetLineWidth(0.15)
		p.Line(k.left, y+h, k.left+k.width, y+h)
		p.SetY(y + h)
	}
}

func (k *pack) drawCell(c cell, col column, x, y float64) {
	p := k.p
	main, sub := k.lines(c, col.w)
	align := col.align
	if c.align != "" {
		align = c.align
	}
	style := ""
	if c.bold {
		style = "B"
	}
	color := c.color
	if color == (rgb{}) {
		color = ink
	}
	yy := y + rowPad
	font(p, style, orSize(c.size, bodySize), color)
	for _, l := range main {
		p.SetXY(x+cellPad, yy)
		p.CellFormat(col.w-2*cellPad, bodyLine, l, "", 0, align, false, 0, "")
		yy += bodyLine
	}
	font(p, "", subSize, muted)
	for _, l := range sub {
		p.SetXY(x+cellPad, yy)
		p.CellFormat(col.w-2*cellPad, subLine, l, "", 0, align, false, 0, "")
		yy += subLine
	}
}
