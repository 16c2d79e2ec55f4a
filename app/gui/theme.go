package gui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// logeTheme is the desk's look: warm paper, deep navy and a touch of the concierge's gold keys.
type logeTheme struct{ fyne.Theme }

func newTheme() fyne.Theme { return &logeTheme{theme.DefaultTheme()} }

var (
	navy      = color.NRGBA{0x1f, 0x36, 0x5c, 0xff}
	gold      = color.NRGBA{0xc0, 0x93, 0x3a, 0xff}
	paper     = color.NRGBA{0xf8, 0xf6, 0xf1, 0xff}
	card      = color.NRGBA{0xff, 0xff, 0xff, 0xff}
	ink       = color.NRGBA{0x22, 0x26, 0x2e, 0xff}
	goldLight = color.NRGBA{0xf1, 0xe4, 0xc3, 0xff}
	// Secondary text (LowImportance labels, which Fyne draws in the disabled colour), placeholders
	// and the status colours, dark enough for WCAG AA (4.5:1) on paper, cards, hover and selection:
	// Fyne's light defaults (#e3e3e3, #888, a bright green and orange) measured 1.0–3.5:1 there.
	quiet   = color.NRGBA{0x66, 0x61, 0x5a, 0xff}
	success = color.NRGBA{0x1b, 0x73, 0x32, 0xff}
	warning = color.NRGBA{0x95, 0x55, 0x00, 0xff}
	danger  = color.NRGBA{0xb7, 0x1c, 0x1c, 0xff}
)

// Color always answers with the light palette: a desk reads its screen all day in a lit lobby office,
// and the paper-and-ink look is part of Loge whatever the OS theme says.
func (t *logeTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	v := theme.VariantLight
	switch n {
	case theme.ColorNamePrimary, theme.ColorNameHyperlink:
		return navy
	case theme.ColorNameFocus:
		return gold
	case theme.ColorNameBackground:
		return paper
	case theme.ColorNameHeaderBackground, theme.ColorNameMenuBackground, theme.ColorNameOverlayBackground:
		return card
	case theme.ColorNameInputBackground:
		return card
	case theme.ColorNameForeground:
		return ink
	case theme.ColorNameSelection:
		return goldLight
	case theme.ColorNameHover:
		return color.NRGBA{0xe9, 0xe4, 0xd8, 0xff}
	case theme.ColorNameSeparator:
		return color.NRGBA{0xe2, 0xdc, 0xcf, 0xff}
	case theme.ColorNameDisabled, theme.ColorNamePlaceHolder:
		return quiet
	case theme.ColorNameSuccess:
		return success
	case theme.ColorNameWarning:
		return warning
	case theme.ColorNameError:
		return danger
	}
	return t.Theme.Color(n, v)
}

func (t *logeTheme) Size(n fyne.ThemeSizeName) float32 {
	switch n {
	case theme.SizeNameText:
		return 13.5
	case theme.SizeNameHeadingText:
		return 20
	case theme.SizeNameSubHeadingText:
		return 16
	}
	return t.Theme.Size(n)
}
