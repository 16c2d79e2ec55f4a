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
	// Loge draws its paper theme whatever the computer's light or dark setting (a desk is read all
	// day under office light): both variants are measured, and must be the same colours.
	for _, v := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} {
		for _, fg := range texts {
			for _, bg := range surfaces {
				c := contrast(th.Color(fg, v), th.Color(bg, v))
				if c < 4.5 {
					t.Errorf("variant %d: %s text on %s: %.2f:1, want at least 4.5:1", v, fg, bg, c)
				}
			}
		}
	}
	for _, n := range append(texts, surfaces...) {
		if th.Color(n, theme.VariantDark) != th.Color(n, theme.VariantLight) {
			t.Errorf("%s differs in the dark variant: the desk's theme would change under a dark OS setting", n)
		}
	}
	// Text on a primary (High importance) button.
	if c := contrast(th.Color(theme.ColorNameForegroundOnPrimary, theme.VariantLight), th.Color(theme.ColorNamePrimary, theme.VariantLight)); c < 4.5 {
		t.Errorf("text on a primary button: %.2f:1", c)
	}
}
