package gui

import (
	"image/color"
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// luminance is WCAG 2's relative luminance of c.
func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	f := func(v uint32) float64 {
		x := float64(v) / 0xffff
		if x <= 0.03928 {
			return x / 12.92
		}
		return math.Pow((x+0.055)/1.055, 2.4)
	}
	return 0.2126*f(r) + 0.7152*f(g) + 0.0722*f(b)
}

func contrast(a, b color.Color) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// Every colour Loge draws text in reads at WCAG AA (4.5:1) on every surface text sits on.
func TestThemeTextContrastAA(t *testing.T) {
	th := newTheme()
	texts := []fyne.ThemeColorName{theme.ColorNameForeground, theme.ColorNameDisabled, theme.ColorNamePlaceHolder,
		theme.ColorNamePrimary, theme.ColorNameSuccess, theme.ColorNameWarning, theme.ColorNameError, theme.ColorNameHyperlink}
	surfaces := []fyne.ThemeColorName{theme.ColorNameBackground, theme.ColorNameInputBackground, theme.ColorNameHeaderBackground,
		theme.ColorNameMenuBackground, theme.ColorNameOverlayBackground, theme.ColorNameSelection, theme.ColorNameHover}
	for _, fg := range texts {
		for _, bg := range surfaces {
			c := contrast(th.Color(fg, theme.VariantLight), th.Color(bg, theme.VariantLight))
			if c < 4.5 {
				t.Errorf("%s text on %s: %.2f:1, want at least 4.5:1", fg, bg, c)
			}
		}
	}
	// Text on a primary (High importance) button.
	if c := contrast(th.Color(theme.ColorNameForegroundOnPrimary, theme.VariantLight), th.Color(theme.ColorNamePrimary, theme.VariantLight)); c < 4.5 {
		t.Errorf("text on a primary button: %.2f:1", c)
	}
}
