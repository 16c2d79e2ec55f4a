package gui

import (
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"loge/app/i18n"
	"loge/data/desk"
	"loge/data/store"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// settingsView holds the desk's identity, the interface language and the mail accounts.
type settingsView struct {
	u          *UI
	deskName   *widget.Entry
	hotelName  *widget.Entry
	userName   *widget.Entry
	initials   *widget.Entry
	hours      *widget.Entry
	hoursError *widget.Label
	language   *widget.Select
	accounts   *accountsPanel
	templates  *templatesPanel
	backups    *backupsPanel
	saved      *widget.Label
	notify     *widget.Check // new guest mail in the background
	zone       *widget.SelectEntry
	zoneError  *widget.Label
	team       *fyne.Container
}

func newSettingsView(u *UI) *settingsView { return &settingsView{u: u} }

var settingKeys = []string{"desk.name", "hotel.name", "board.unanswered_hours"}

// hotelZones are offered in the hotel's time zone field (any IANA name can be typed): France and
// its neighbours, the French overseas, and where sister hotels often are.
var hotelZones = []string{"Europe/Paris", "Europe/Monaco", "Europe/Brussels", "Europe/Luxembourg", "Europe/Zurich",
	"Europe/London", "Europe/Madrid", "Europe/Lisbon", "Europe/Rome", "Europe/Amsterdam", "Europe/Berlin",
	"Indian/Reunion", "America/Martinique", "America/Guadeloupe", "Pacific/Tahiti", "Africa/Casablanca",
	"Asia/Dubai", "America/New_York", "America/Toronto"}

func (v *settingsView) content() fyne.CanvasObject {
	v.deskName, v.hotelName, v.userName, v.hours = widget.NewEntry(), widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	v.initials = widget.NewEntry()
	v.initials.SetPlaceHolder(i18n.T("settings.initials_hint"))
	v.hoursError = widget.NewLabel("")
	v.hoursError.Importance = widget.DangerImportance
	v.hoursError.Hide()
	langLabels := []string{i18n.T("settings.lang_auto"), "Français", "English"}
	v.language = widget.NewSelect(langLabels, nil)
	v.saved = widget.NewLabel("")
	v.saved.Importance = widget.SuccessImportance
	// Saved at once: nothing else on the desk depends on it.
	v.notify = widget.NewCheck(i18n.T("settings.notify_new_mail"), func(on bool) {
		val := "on"
		if !on {
			val = "off"
		}
		if err := v.u.st.SetSetting(v.u.ctx, settingNotify, val); err != nil {
			v.u.ShowError(err)
		}
	})
	v.zone = widget.NewSelectEntry(hotelZones)
	v.zoneError = widget.NewLabel("")
	v.zoneError.Importance = widget.DangerImportance
	v.zoneError.Wrapping = fyne.TextWrapWord
	v.zoneError.Hide()
	form := widget.NewForm(
		widget.NewFormItem(i18n.T("settings.hotel_name"), v.hotelName),
		widget.NewFormItem(i18n.T("settings.zone"), container.NewVBox(v.zone, v.zoneError)),
		widget.NewFormItem(i18n.T("settings.desk_name"), v.deskName),
		widget.NewFormItem(i18n.T("settings.user_name"), v.userName),
		widget.NewFormItem(i18n.T("settings.initials"), v.initials),
		widget.NewFormItem(i18n.T("settings.unanswered_hours"), container.NewVBox(v.hours, v.hoursError)),
		widget.NewFormItem(i18n.T("settings.language"), v.language),
		widget.NewFormItem(i18n.T("settings.notify"), v.notify),
	)
	save := widget.NewButton(i18n.T("action.save"), v.save)
	save.Importance = widget.HighImportance
	v.accounts = newAccountsPanel(v.u, v.u.office.Credentials(), func(a desk.Account) { v.u.office.Start(v.u.ctx, a) })
	dbPath := widget.NewLabel(i18n.T("settings.db_path", map[string]any{"Path": v.u.st.Path()}))
	dbPath.Wrapping = fyne.TextWrapBreak
	dbPath.Importance = widget.LowImportance
	desk := section(i18n.T("settings.desk"), -1, "", form, container.NewHBox(save, v.saved))
	acc := section(i18n.T("settings.accounts"), -1, "", v.accounts.content())
	v.templates = newTemplatesPanel(v.u)
	tpl := section(i18n.T("templates.title"), -1, "", v.templates.content())
	about := section(i18n.T("settings.about"), -1, "",
		widget.NewLabel(i18n.T("settings.about_text", map[string]any{"Version": Version, "Schema": store.SchemaVersion()})), dbPath,
		container.NewHBox(widget.NewButton(i18n.T("settings.show_folder"), v.showDeskFolder)))
	v.team = container.NewVBox()
	team := section(i18n.T("team.title"), -1, "", v.team)
	v.backups = newBackupsPanel(v.u)
	backups := section(i18n.T("backup.title"), -1, "", v.backups.content())
	return container.NewVScroll(container.NewPadded(container.NewVBox(desk, team, acc, tpl, backups, about)))
}

// showDeskFolder opens the desk file's folder in the system's file manager (Explorer, Finder), for a
// backup or to hand the file to support.
func (v *settingsView) showDeskFolder() {
	if err := openFile(v.u.app, filepath.Dir(v.u.st.Path())); err != nil {
		v.u.ShowError(err)
	}
}

func (v *settingsView) refresh() {
	vals := map[string]string{}
	for _, k := range settingKeys {
		vals[k], _ = v.u.st.Setting(v.u.ctx, k)
	}
	v.deskName.SetText(vals["desk.name"])
	if n, _ := v.u.st.Setting(v.u.ctx, settingNotify); v.notify.Checked != (n != "off") {
		v.notify.SetChecked(n != "off") // SetChecked saves the same value again: harmless
	}
	v.hotelName.SetText(vals["hotel.name"])
	zone, _ := v.u.st.Setting(v.u.ctx, store.SettingHotelZone)
	v.zone.SetText(zone)
	v.zone.SetPlaceHolder(i18n.T("settings.zone_computer", map[string]any{"Zone": time.Now().Format("UTC-07:00")}))
	v.zoneError.Hide()
	name, initials, _ := v.u.st.Identity(v.u.ctx)
	v.userName.SetText(name)
	v.initials.SetText(initials)
	if vals["board.unanswered_hours"] == "" {
		vals["board.unanswered_hours"] = strconv.Itoa(desk.DefaultUnansweredHours)
	}
	v.hours.SetText(vals["board.unanswered_hours"])
	saved, _ := v.u.st.Setting(v.u.ctx, "ui.lang")
	switch saved {
	case "fr":
		v.language.SetSelectedIndex(1)
	case "en":
		v.language.SetSelectedIndex(2)
	default:
		v.language.SetSelectedIndex(0)
	}
	v.saved.SetText("")
	v.accounts.refresh()
	v.templates.refresh()
	v.backups.refresh()
	v.refreshTeam()
}

func (v *settingsView) save() {
	v.hoursError.Hide()
	n, err := strconv.Atoi(v.hours.Text)
	if err != nil || n < 0 || n > 240 {
		v.hoursError.SetText(i18n.T("settings.hours_invalid"))
		v.hoursError.Show()
		return
	}
	v.zoneError.Hide()
	zone := strings.TrimSpace(v.zone.Text)
	oldZone, _ := v.u.st.Setting(v.u.ctx, store.SettingHotelZone)
	if zone != oldZone {
		if err := desk.CheckZone(zone); err != nil { // saved last, once everything else is
			v.zoneError.SetText(i18n.ErrorText(err))
			v.zoneError.Show()
			return
		}
	}
	vals := map[string]string{"desk.name": v.deskName.Text, "hotel.name": v.hotelName.Text, "board.unanswered_hours": strconv.Itoa(n)}
	if name, initials, _ := v.u.st.Identity(v.u.ctx); name != v.userName.Text || initials != v.initials.Text {
		if err := v.u.st.SetIdentity(v.u.ctx, v.userName.Text, v.initials.Text); err != nil {
			v.u.ShowError(err)
			return
		}
	}
	for _, k := range settingKeys {
		if err := v.u.st.SetSetting(v.u.ctx, k, vals[k]); err != nil {
			v.u.ShowError(err)
			return
		}
	}
	if zone != oldZone {
		if err := v.u.st.SetHotelZone(v.u.ctx, zone); err != nil {
			v.zoneError.SetText(i18n.ErrorText(err))
			v.zoneError.Show()
			return
		}
	}
	code := [...]string{"", "fr", "en"}[max(v.language.SelectedIndex(), 0)]
	saved, _ := v.u.st.Setting(v.u.ctx, "ui.lang")
	langChanged := saved != code || code == "" && i18n.Current() != i18n.SystemLang()
	if zone != oldZone {
		// Every time on screen and in documents follows the zone the desk was opened with: start
		// again (in the new language too, when it changed with it).
		if err := v.u.st.SetSetting(v.u.ctx, "ui.lang", code); err != nil {
			v.u.ShowError(err)
			return
		}
		v.u.confirm(i18n.T("settings.zone_restart_title"), i18n.T("settings.zone_restart", map[string]any{"Zone": desk.FirstNonEmpty(zone, i18n.T("settings.zone_of_computer"))}),
			i18n.T("settings.restart_now"), v.u.startAgain)
		v.saved.SetText(i18n.T("settings.saved"))
		return
	}
	if langChanged {
		v.u.SetLanguage(code)
		return
	}
	v.saved.SetText(i18n.T("settings.saved"))
}
