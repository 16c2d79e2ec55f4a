package gui

import (
	"os"
	"runtime"

	"loge/app/i18n"
	"loge/assets"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"
)

// CanShow reports whether a window can open here: always on Windows and macOS, on Linux inside a
// graphical session.
func CanShow() bool {
	return runtime.GOOS != "linux" || os.Getenv("DISPLAY") != "" || os.Getenv("WAYLAND_DISPLAY") != ""
}

// ShowStartError tells, in a small window of its own, why the desk could not be opened (another
// window holds it, the folder is a network share, the file is damaged…). A concierge who started
// Loge from the Start menu or the Dock has no console to read the sentence in.
func ShowStartError(msg string) {
	quietStart()
	a := fyneapp.NewWithID(AppID)
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	a.Settings().SetTheme(newTheme())
	w := a.NewWindow(i18n.T("start.title"))
	text := widget.NewLabel(msg)
	text.Wrapping = fyne.TextWrapWord
	closeBtn := widget.NewButton(i18n.T("start.close"), a.Quit)
	closeBtn.Importance = widget.HighImportance
	title := widget.NewLabelWithStyle(i18n.T("start.title"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	w.SetContent(container.NewPadded(container.NewBorder(title, container.NewHBox(layout.NewSpacer(), closeBtn), nil, nil, text)))
	w.Resize(fyne.NewSize(560, 180))
	w.CenterOnScreen()
	w.ShowAndRun()
}
