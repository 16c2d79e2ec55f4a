package gui

import (
	"image/color"
	"strings"
	"unicode"

	"loge/app/i18n"
	"loge/data/desk"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// showSearch runs the global search and shows the hits grouped by kind; a click opens the hit.
func (u *UI) showSearch(q string) {
	if strings.TrimSpace(q) == "" {
		return
	}
	res, err := u.st.SearchAll(u.ctx, q, 15)
	if err != nil {
		u.ShowError(err)
		return
	}
	hits := res.Hits
	u.lastHits = hits
	words := searchTerms(q)
	var d dialog.Dialog
	box := container.NewVBox()
	if res.Incomplete() {
		// The indexer is behind the mail: what it has reached is here, newest first.
		more := widget.NewLabelWithStyle(i18n.T("search.incomplete"), fyne.TextAlignLeading, fyne.TextStyle{Italic: true})
		more.Importance = widget.WarningImportance
		box.Add(more)
	}
	if len(hits) == 0 {
		box.Add(widget.NewLabel(i18n.T("search.none", map[string]any{"Query": q})))
	}
	for _, kind := range desk.SearchKinds {
		var rows []fyne.CanvasObject
		for _, h := range hits {
			if h.Kind != kind {
				continue
			}
			kind, id := h.Kind, h.ID
			title, detail := u.searchLines(h, words)
			rows = append(rows, newSearchRow(title, detail, words, func() {
				d.Hide()
				u.Open(kind, id)
			}))
		}
		if len(rows) > 0 {
			box.Add(section(i18n.T("search.group."+kind), len(rows), "", rows...))
		}
	}
	scroll := container.NewVScroll(box)
	size := u.win.Canvas().Size()
	scroll.SetMinSize(fyne.NewSize(size.Width*0.7, size.Height*0.7))
	d = dialog.NewCustom(i18n.T("search.title", map[string]any{"Query": q}), i18n.T("action.close"), scroll, u.win)
	d.Show()
}

// searchTerms are the words typed, folded as the index folds them (case and accents).
func searchTerms(q string) []string {
	return strings.Fields(desk.FoldKey(q))
}

// searchLines are a hit's two lines. The index's snippet runs a record's fields together as stored
// ("Mr James Carter restaurant Peanut/tree-nut…": the kind's code, in English, in a French desk),
// and a stay's title has ISO dates: a request reads as the Board writes it — guest, day and time,
// status — a stay as its guest and days, each keeping the snippet only when the words were found
// elsewhere (notes, vendor).
func (u *UI) searchLines(h desk.Hit, words []string) (title, detail string) {
	if h.Kind == "stay" {
		s, err := u.st.Stay(u.ctx, h.ID)
		if err != nil {
			return h.Title, h.Snippet
		}
		title = s.GuestName + " · " + fmtDay(s.Arrival.In(u.st.Loc)) + " – " + fmtDay(s.Departure.In(u.st.Loc))
		detail = i18n.T("stay." + s.Status)
		if s.Room != "" {
			detail = i18n.T("board.room", map[string]any{"Room": s.Room}) + " · " + detail
		}
		return title, withSnippet(title, detail, h.Snippet, words)
	}
	return h.Title, u.searchDetail(h, words)
}

// withSnippet is line, followed by the snippet when the words are not all in title or line.
func withSnippet(title, line, snippet string, words []string) string {
	shown := desk.FoldKey(title + " " + line)
	for _, w := range words {
		if !strings.Contains(shown, w) {
			return line + " — " + snippet
		}
	}
	return line
}

func (u *UI) searchDetail(h desk.Hit, words []string) string {
	if h.Kind != "request" {
		return h.Snippet
	}
	r, err := u.st.Request(u.ctx, h.ID)
	if err != nil {
		return h.Snippet
	}
	parts := []string{r.GuestName}
	if !r.StartsAt.IsZero() {
		parts = append(parts, fmtDayTime(r.StartsAt.In(u.st.Loc)))
	}
	parts = append(parts, i18n.T("status."+r.Status))
	// The index's row begins with the guest's name and the kind's code: already said, or a code
	// (the snippet may start inside the name: "…Alejandro García Ruiz tour CQO-66120…").
	known := map[string]bool{strings.ToLower(r.Kind): true}
	for _, w := range strings.Fields(r.GuestName) {
		known[strings.ToLower(w)] = true
	}
	lead := strings.Fields(strings.TrimPrefix(h.Snippet, "…"))
	cut := strings.HasPrefix(h.Snippet, "…")
	for len(lead) > 1 && known[strings.ToLower(lead[0])] {
		lead, cut = lead[1:], true
	}
	snippet := strings.Join(lead, " ")
	if cut {
		snippet = "…" + snippet
	}
	return withSnippet(h.Title, strings.Join(parts, " · "), snippet, words)
}

// highlight cuts text into segments, the words of the search (at the start of a word, whatever
// their case and accents) in bold.
func highlight(text string, words []string, color fyne.ThemeColorName) []widget.RichTextSegment {
	runes := []rune(text)
	folded := make([]rune, len(runes))
	for i, r := range runes {
		folded[i] = r
		if f := []rune(desk.FoldKey(string(r))); len(f) == 1 {
			folded[i] = f[0]
		}
	}
	bold := make([]bool, len(runes))
	for _, w := range words {
		wr := []rune(w)
		for i := 0; i+len(wr) <= len(folded); i++ {
			if (i == 0 || !unicode.IsLetter(folded[i-1]) && !unicode.IsDigit(folded[i-1])) && string(folded[i:i+len(wr)]) == w {
				for j := i; j < i+len(wr); j++ {
					bold[j] = true
				}
			}
		}
	}
	var segs []widget.RichTextSegment
	for i := 0; i < len(runes); {
		j := i
		for j < len(runes) && bold[j] == bold[i] {
			j++
		}
		segs = append(segs, &widget.TextSegment{Text: string(runes[i:j]),
			Style: widget.RichTextStyle{Inline: true, ColorName: color, TextStyle: fyne.TextStyle{Bold: bold[i]}}})
		i = j
	}
	return segs
}

// searchRow is one hit: its title, then where the words were found, both with the words in bold;
// a tap opens it.
type searchRow struct {
	widget.BaseWidget
	title, detail *widget.RichText
	onTap         func()
	bg            *canvas.Rectangle
}

func newSearchRow(title, detail string, words []string, onTap func()) *searchRow {
	r := &searchRow{onTap: onTap}
	r.title = widget.NewRichText(highlight(title, words, theme.ColorNameForeground)...)
	r.title.Truncation = fyne.TextTruncateEllipsis
	r.detail = widget.NewRichText(highlight(detail, words, theme.ColorNamePlaceHolder)...)
	r.detail.Truncation = fyne.TextTruncateEllipsis
	r.ExtendBaseWidget(r)
	return r
}

func (r *searchRow) CreateRenderer() fyne.WidgetRenderer {
	r.bg = canvas.NewRectangle(color.Transparent)
	r.bg.CornerRadius = 4
	return widget.NewSimpleRenderer(container.NewStack(r.bg, container.NewVBox(r.title, r.detail)))
}

func (r *searchRow) Tapped(*fyne.PointEvent) {
	if r.onTap != nil {
		r.onTap()
	}
}

func (r *searchRow) MouseIn(*desktop.MouseEvent)    { r.setHover(true) }
func (r *searchRow) MouseMoved(*desktop.MouseEvent) {}
func (r *searchRow) MouseOut()                      { r.setHover(false) }

func (r *searchRow) setHover(on bool) {
	if r.bg == nil {
		return
	}
	r.bg.FillColor = color.Transparent
	if on {
		r.bg.FillColor = theme.Color(theme.ColorNameHover)
	}
	r.bg.Refresh()
}

func (r *searchRow) Cursor() desktop.Cursor { return desktop.PointerCursor }
