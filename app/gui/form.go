package gui

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"

	"loge/app/i18n"
	"loge/data/desk"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// form is an edit dialog: one row per field — a label, the widget, and under it an error line that
// stays hidden until the parser or the store rejects that field. Rows are keyed by the Go field name
// the store names in a *data.ValidationError, so a store error lands next to the widget it is about.
//
// Save never closes the dialog on failure: what the concierge typed stays where it was.
type form struct {
	u     *UI
	title string

	rows   []*formRow
	fields map[string]*formRow
	times  map[string]*timeField   // the date fields, for tests
	lists  map[string]*channelList // phones, e-mails, addresses (channels.go), by field
	grid   *fyne.Container

	general   *widget.Label // an error no row claims
	saveBtn   *widget.Button
	cancelBtn *widget.Button
	dlg       *dialog.CustomDialog
	open      bool

	// onSave copies the widgets into the entity and calls the store. It runs only once every row
	// parsed; a *data.ValidationError it returns is shown on its field.
	onSave func() error
	// onDone runs after a successful save, once the dialog is closed.
	onDone func()
}

// formRow is one labelled field.
type formRow struct {
	field  string
	label  *widget.Label
	obj    fyne.CanvasObject
	errLbl *widget.Label
	parse  func() error // checks the typed text; nil when there is nothing to parse
	hidden bool         // not applicable now: neither shown nor parsed
	cell   *fyne.Container
}

// inputError is text the form cannot turn into a value; msg is already translated.
type inputError struct{ msg string }

func (e *inputError) Error() string { return e.msg }

func newForm(u *UI, title string) *form {
	f := &form{u: u, title: title, fields: map[string]*formRow{}, times: map[string]*timeField{}, lists: map[string]*channelList{}}
	f.grid = container.New(layout.NewFormLayout())
	f.general = widget.NewLabel("")
	f.general.Importance = widget.DangerImportance
	f.general.Wrapping = fyne.TextWrapWord
	f.general.Hide()
	return f
}

// add appends a row for field (the Go field name) labelled label.
func (f *form) add(field, label string, obj fyne.CanvasObject, parse func() error) *formRow {
	r := &formRow{field: field, label: widget.NewLabelWithStyle(label, fyne.TextAlignTrailing, fyne.TextStyle{}), obj: obj, parse: parse}
	r.errLbl = widget.NewLabel("")
	r.errLbl.Importance = widget.DangerImportance
	r.errLbl.Wrapping = fyne.TextWrapWord
	r.errLbl.TextStyle = fyne.TextStyle{Bold: true}
	r.errLbl.Hide()
	f.rows = append(f.rows, r)
	f.fields[field] = r
	r.cell = container.NewVBox(obj, r.errLbl)
	f.grid.Add(r.label)
	f.grid.Add(r.cell)
	return r
}

// section adds a heading that spans the form, to group long forms.
func (f *form) section(title string) {
	h := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	h.Importance = widget.HighImportance
	f.grid.Add(widget.NewLabel(""))
	f.grid.Add(h)
}

// text adds a one-line entry.
func (f *form) text(field, label, value, placeholder string) *widget.Entry {
	e := widget.NewEntry()
	e.SetText(value)
	e.SetPlaceHolder(placeholder)
	e.OnSubmitted = func(string) { f.submit() }
	f.add(field, label, e, nil)
	return e
}

// suggest adds a one-line entry with suggestions (titles, currencies…); any text is accepted.
func (f *form) suggest(field, label, value string, options []string) *widget.SelectEntry {
	e := widget.NewSelectEntry(options)
	e.SetText(value)
	e.OnSubmitted = func(string) { f.submit() }
	f.add(field, label, e, nil)
	return e
}

// multiline adds a multi-line entry.
func (f *form) multiline(field, label, value, placeholder string) *widget.Entry {
	e := widget.NewMultiLineEntry()
	e.SetText(value)
	e.SetPlaceHolder(placeholder)
	e.Wrapping = fyne.TextWrapWord
	e.SetMinRowsVisible(2)
	f.add(field, label, e, nil)
	return e
}

// timeField is a date-and-time entry parsed in a time zone.
type timeField struct {
	entry   *widget.Entry
	pickBtn *widget.Button // opens the calendar
	picker  *dateTimePicker
	loc     func() *time.Location
	clock   *[2]int // hour and minute assumed when only a day is typed; nil: the time is required
	value   time.Time
}

// openPicker shows the calendar on the day and time the field holds (or today, at the field's
// usual time of day, else 20:00 — the evening booking most requests are).
func (tf *timeField) openPicker(c fyne.Canvas) {
	loc := tf.loc()
	current, _ := parseDateTime(tf.entry.Text, loc, tf.clock)
	clock := [2]int{20, 0}
	if tf.clock != nil {
		clock = *tf.clock
	}
	tf.picker = newDateTimePicker(current, loc, clock, func(t time.Time) { tf.entry.SetText(t.Format(dateTimeLayout())) })
	tf.picker.show(c)
}

// dateTime adds a date-and-time entry showing value in loc(); clock, when set, is the time of day
// assumed for a bare date (a stay's usual check-in or check-out).
func (f *form) dateTime(field, label string, value time.Time, loc func() *time.Location, clock *[2]int) *timeField {
	tf := &timeField{entry: widget.NewEntry(), loc: loc, clock: clock}
	if !value.IsZero() {
		tf.entry.SetText(value.In(loc()).Format(dateTimeLayout()))
	}
	tf.entry.SetPlaceHolder(i18n.T("form.date_hint"))
	tf.entry.OnSubmitted = func(string) { f.submit() }
	tf.pickBtn = widget.NewButtonWithIcon("", theme.CalendarIcon(), func() { tf.openPicker(f.u.win.Canvas()) })
	f.times[field] = tf
	f.add(field, label, container.NewBorder(nil, nil, nil, tf.pickBtn, tf.entry), func() error {
		t, err := parseDateTime(tf.entry.Text, tf.loc(), tf.clock)
		if err != nil {
			return err
		}
		tf.value = t
		return nil
	})
	return tf
}

// intField is a whole-number entry.
type intField struct {
	entry *widget.Entry
	value int
}

func (f *form) integer(field, label string, value int) *intField {
	nf := &intField{entry: widget.NewEntry()}
	if value != 0 {
		nf.entry.SetText(strconv.Itoa(value))
	}
	nf.entry.SetPlaceHolder("1")
	nf.entry.OnSubmitted = func(string) { f.submit() }
	f.add(field, label, nf.entry, func() error {
		n, err := parseInteger(nf.entry.Text)
		if err != nil {
			return err
		}
		nf.value = n
		return nil
	})
	return nf
}

// moneyField is an amount entry, in cents once parsed.
type moneyField struct {
	entry *widget.Entry
	cents int64
}

func (f *form) money(field, label string, cents int64) *moneyField {
	mf := &moneyField{entry: widget.NewEntry()}
	if cents != 0 {
		mf.entry.SetText(fmtAmount(cents))
	}
	mf.entry.SetPlaceHolder(fmtAmount(12050))
	mf.entry.OnSubmitted = func(string) { f.submit() }
	f.add(field, label, mf.entry, func() error {
		c, err := parseCents(mf.entry.Text)
		if err != nil {
			return err
		}
		mf.cents = c
		return nil
	})
	return mf
}

// choiceField is a Select whose translated labels map back to codes by position.
type choiceField struct {
	sel   *widget.Select
	codes []string
}

// choice adds a Select over codes shown as labels (same order); value is the selected code.
func (f *form) choice(field, label string, codes, labels []string, value string) *choiceField {
	cf := &choiceField{sel: widget.NewSelect(uniqueLabels(labels), nil), codes: codes}
	cf.set(value)
	f.add(field, label, cf.sel, nil)
	return cf
}

// code is the selected code, "" when nothing is selected.
func (cf *choiceField) code() string {
	if i := cf.sel.SelectedIndex(); i >= 0 && i < len(cf.codes) {
		return cf.codes[i]
	}
	return ""
}

// set selects code, or clears the selection when it is not an option.
func (cf *choiceField) set(code string) {
	for i, c := range cf.codes {
		if c == code {
			cf.sel.SetSelectedIndex(i)
			return
		}
	}
	cf.sel.ClearSelected()
}

// setOptions replaces the options and selects code.
func (cf *choiceField) setOptions(codes, labels []string, code string) {
	cf.codes = codes
	cf.sel.SetOptions(uniqueLabels(labels))
	cf.set(code)
}

// uniqueLabels makes labels distinct (a Select maps back by text), suffixing repeats " (2)", " (3)"…
func uniqueLabels(labels []string) []string {
	out := make([]string, len(labels))
	seen := map[string]int{}
	for i, l := range labels {
		seen[l]++
		if n := seen[l]; n > 1 {
			l = fmt.Sprintf("%s (%d)", l, n)
		}
		out[i] = l
	}
	return out
}

// show opens the dialog over the main window.
func (f *form) show() {
	f.saveBtn = widget.NewButton(i18n.T("action.save"), f.submit)
	f.saveBtn.Importance = widget.HighImportance
	f.cancelBtn = widget.NewButton(i18n.T("action.cancel"), f.hide)
	body := container.NewVBox(f.general, f.grid)
	scroll := container.NewVScroll(container.NewPadded(body))
	f.dlg = dialog.NewCustomWithoutButtons(f.title, scroll, f.u.win)
	f.dlg.SetButtons([]fyne.CanvasObject{f.cancelBtn, f.saveBtn})
	f.dlg.SetOnClosed(func() { f.open = false })
	win := f.u.win.Canvas().Size()
	w := min(float32(640), win.Width-40)
	if len(f.lists) > 0 { // a kind beside each phone and e-mail: room for whole addresses
		w = min(float32(760), win.Width-40)
	}
	h := min(body.MinSize().Height+180, win.Height*0.92)
	f.dlg.Resize(fyne.NewSize(max(w, 360), max(h, 240)))
	f.open = true
	f.dlg.Show()
	for _, r := range f.rows { // the first place to type, not a select that would open on a key
		switch o := r.obj.(type) {
		case *widget.Entry, *widget.SelectEntry:
			f.u.win.Canvas().Focus(o.(fyne.Focusable))
		default:
			continue
		}
		break
	}
}

func (f *form) hide() {
	if f.dlg != nil {
		f.dlg.Hide()
	}
	f.open = false
}

// showRows shows or hides the rows of fields (a hidden row is not parsed either).
func (f *form) showRows(visible bool, fields ...string) {
	for _, name := range fields {
		r := f.fields[name]
		if r == nil {
			continue
		}
		r.hidden = !visible
		for _, o := range []fyne.CanvasObject{r.label, r.cell} {
			if visible {
				o.Show()
			} else {
				o.Hide()
			}
		}
		if !visible {
			r.errLbl.Hide()
		}
	}
	f.grid.Refresh()
}

// errorOf is the error line under field's widget (tests read it).
func (f *form) errorOf(field string) *widget.Label {
	if r := f.fields[field]; r != nil {
		return r.errLbl
	}
	return nil
}

func (f *form) clearErrors() {
	for _, r := range f.rows {
		r.errLbl.SetText("")
		r.errLbl.Hide()
	}
	f.general.SetText("")
	f.general.Hide()
}

func (f *form) showFieldError(r *formRow, msg string) {
	r.errLbl.SetText(msg)
	r.errLbl.Show()
}

// submit parses every row, then saves; failures stay in the open dialog, next to their field.
func (f *form) submit() {
	if !f.open {
		return
	}
	f.clearErrors()
	var first *formRow
	for _, r := range f.rows {
		if r.parse == nil || r.hidden {
			continue
		}
		if err := r.parse(); err != nil {
			f.showFieldError(r, err.Error())
			if first == nil {
				first = r
			}
		}
	}
	if first != nil {
		f.focus(first)
		return
	}
	err := f.onSave()
	var ve *desk.ValidationError
	switch {
	case err == nil:
		f.hide()
		if f.onDone != nil {
			f.onDone()
		}
	case errors.As(err, &ve):
		if r := f.fields[ve.Field]; r != nil {
			f.showFieldError(r, i18n.FieldError(ve))
			if cl := f.lists[ve.Field]; cl == nil || !cl.focusValue(ve.Value) {
				f.focus(r)
			}
		} else {
			f.general.SetText(i18n.ErrorText(err))
			f.general.Show()
		}
	default:
		f.u.ShowError(err)
	}
}

func (f *form) focus(r *formRow) {
	fo, ok := r.obj.(fyne.Focusable)
	if _, box := r.obj.(*fyne.Container); box { // a date field: its entry, not the calendar button
		if e := f.entry(r.field); e != nil {
			fo, ok = e, true
		}
	}
	if ok && f.u.win.Canvas() != nil {
		f.u.win.Canvas().Focus(fo)
	}
}

// Parsing what people type.

// dateTimeLayout is how a date and time is shown in entries: French day-first, otherwise ISO.
func dateTimeLayout() string {
	if i18n.Current() == "fr" {
		return "02/01/2006 15:04"
	}
	return "2006-01-02 15:04"
}

// parseDateTime reads "DD/MM/YYYY HH:MM" (French interface) or "YYYY-MM-DD HH:MM" (both) in loc.
// "20h30" and "20h" are read as 20:30 and 20:00, as French desks write them. A bare date takes clock
// when given. Empty text is the zero time (the store says whether it is required).
func parseDateTime(s string, loc *time.Location, clock *[2]int) (time.Time, error) {
	s = normalizeClock(strings.Join(strings.Fields(s), " "))
	if s == "" {
		return time.Time{}, nil
	}
	withTime := []string{"2006-01-02 15:04", "2006-01-02T15:04", "2006-1-2 15:04"}
	dateOnly := []string{"2006-01-02", "2006-1-2"}
	if i18n.Current() == "fr" {
		withTime = append(withTime, "2/1/2006 15:04", "2-1-2006 15:04", "2.1.2006 15:04")
		dateOnly = append(dateOnly, "2/1/2006", "2-1-2006", "2.1.2006")
	}
	for _, l := range withTime {
		if t, err := time.ParseInLocation(l, s, loc); err == nil {
			return t, nil
		}
	}
	if clock != nil {
		for _, l := range dateOnly {
			if t, err := time.ParseInLocation(l, s, loc); err == nil {
				return time.Date(t.Year(), t.Month(), t.Day(), clock[0], clock[1], 0, 0, loc), nil
			}
		}
	}
	return time.Time{}, &inputError{i18n.T("form.bad_date", map[string]any{"Format": i18n.T("form.date_hint")})}
}

// normalizeClock turns "20h30" into "20:30" and a trailing "20h" into "20:00".
func normalizeClock(s string) string {
	r := []rune(s)
	var b strings.Builder
	for i, c := range r {
		if (c == 'h' || c == 'H') && i > 0 && unicode.IsDigit(r[i-1]) {
			b.WriteRune(':')
			if i == len(r)-1 || !unicode.IsDigit(r[i+1]) {
				b.WriteString("00")
			}
			continue
		}
		b.WriteRune(c)
	}
	return b.String()
}

// parseInteger reads a whole number; empty text is 0 (the store says whether that is allowed).
func parseInteger(s string) (int, error) {
	s = strings.Join(strings.Fields(s), "")
	if s == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n > 100000 || n < -100000 {
		return 0, &inputError{i18n.T("form.bad_integer")}
	}
	return n, nil
}

// parseCents reads an amount with "," or "." as the decimal mark ("120", "120,5", "1 234.50",
// "1.234,50", "€ 80") into cents. Empty text is 0.
func parseCents(s string) (int64, error) {
	bad := &inputError{i18n.T("form.bad_money")}
	var b strings.Builder
	for _, c := range s {
		switch {
		case unicode.IsSpace(c) || c == '\'' || c == '’' || c == '€' || c == '$' || c == '£':
		default:
			b.WriteRune(c)
		}
	}
	s = b.String()
	if s == "" {
		return 0, nil
	}
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	// The last mark is the decimal one when followed by one or two digits; any other mark groups thousands.
	intPart, frac := s, ""
	if i := strings.LastIndexAny(s, ".,"); i >= 0 {
		tail := s[i+1:]
		multiple := strings.Count(s, s[i:i+1]) > 1
		if len(tail) <= 2 && !multiple {
			intPart, frac = s[:i], tail
		} else if len(tail) != 3 {
			return 0, bad
		}
	}
	digits := strings.NewReplacer(".", "", ",", "").Replace(intPart)
	if digits == "" && frac == "" {
		return 0, bad
	}
	if digits == "" {
		digits = "0"
	}
	for _, c := range digits + frac {
		if c < '0' || c > '9' {
			return 0, bad
		}
	}
	// Grouping marks must sit every three digits: "1.234" is fine, "12.34.5" is not.
	if strings.ContainsAny(intPart, ".,") {
		groups := strings.FieldsFunc(intPart, func(r rune) bool { return r == '.' || r == ',' })
		for i, g := range groups {
			if (i > 0 && len(g) != 3) || g == "" {
				return 0, bad
			}
		}
	}
	units, err := strconv.ParseInt(digits, 10, 64)
	if err != nil || units > math.MaxInt64/100-100 {
		return 0, bad
	}
	for len(frac) < 2 {
		frac += "0"
	}
	cents, _ := strconv.ParseInt(frac, 10, 64)
	total := units*100 + cents
	if neg {
		total = -total
	}
	return total, nil
}

// fmtAmount shows cents for editing, with the interface's decimal mark and no currency.
func fmtAmount(cents int64) string {
	sign := ""
	if cents < 0 {
		sign, cents = "-", -cents
	}
	sep := "."
	if i18n.Current() == "fr" {
		sep = ","
	}
	if cents%100 == 0 {
		return fmt.Sprintf("%s%d", sign, cents/100)
	}
	return fmt.Sprintf("%s%d%s%02d", sign, cents/100, sep, cents%100)
}

// entry is the text entry of field, nil when field is not typed in (tests type into it); for a
// list of phones, e-mails or addresses, its first row's.
func (f *form) entry(field string) *widget.Entry {
	if cl := f.lists[field]; cl != nil && len(cl.rows) > 0 {
		return cl.rows[0].value
	}
	r := f.fields[field]
	if r == nil {
		return nil
	}
	switch o := r.obj.(type) {
	case *widget.Entry:
		return o
	case *widget.SelectEntry:
		return &o.Entry
	case *fyne.Container: // a date field: its entry and the calendar button
		for _, c := range o.Objects {
			if e, ok := c.(*widget.Entry); ok {
				return e
			}
		}
	}
	return nil
}

// selectOf is the Select of field, nil when field is not a choice.
func (f *form) selectOf(field string) *widget.Select {
	if r := f.fields[field]; r != nil {
		if s, ok := r.obj.(*widget.Select); ok {
			return s
		}
	}
	return nil
}

// upsert saves a form's record: create when it is new, update otherwise.
func upsert[T any](ctx context.Context, isNew bool, x *T, create, update func(context.Context, *T) error) error {
	if isNew {
		return create(ctx, x)
	}
	return update(ctx, x)
}
