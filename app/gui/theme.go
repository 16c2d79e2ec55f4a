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
)

// Color always answers with the light palette: a desk reads its screen all day in a lit lobby office,
// and the paper-and-ink look is part of Loge whatever the OS theme says.
func (t *logeTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	v := theme.VariantLight
	switch n {
	case theme.ColorNamePrimary:
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
