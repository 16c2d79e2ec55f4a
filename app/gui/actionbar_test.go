package gui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// Buttons that do not fit go behind More, in order; with room, every button shows and More hides.
func TestActionBarPutsWhatDoesNotFitBehindMore(t *testing.T) {
	test.NewTempApp(t)
	tapped := ""
	mk := func(s string) *widget.Button { return widget.NewButton(s, func() { tapped = s }) }
	a, b, c := mk("Modifier le client"), mk("Nouveau séjour"), mk("Écrire au client")
	c.Disable()
	bar := newActionBar(a, b, c)
	w := test.NewWindow(bar)
	defer w.Close()

	full := a.MinSize().Width + b.MinSize().Width + c.MinSize().Width + 40
	bar.Resize(fyne.NewSize(full, 40))
	if len(bar.hidden) != 0 || bar.more.Visible() || !c.Visible() {
		t.Fatalf("with room: hidden %d, More visible %v", len(bar.hidden), bar.more.Visible())
	}
	bar.Resize(fyne.NewSize(a.MinSize().Width+bar.more.MinSize().Width+10, 40))
	if len(bar.hidden) != 2 || bar.hidden[0] != b || bar.hidden[1] != c || !bar.more.Visible() || b.Visible() {
		t.Fatalf("narrow: hidden %v, More visible %v", bar.hidden, bar.more.Visible())
	}
	if a.Position().X+a.Size().Width > bar.more.Position().X {
		t.Fatal("More overlaps the last shown button")
	}
	items := bar.moreItems()
	if len(items) != 2 || items[0].Label != "Nouveau séjour" || items[0].Disabled || !items[1].Disabled {
		t.Fatalf("menu items %+v", items)
	}
	items[0].Action()
	if tapped != "Nouveau séjour" {
		t.Fatalf("the first menu item ran %q", tapped)
	}
	bar.showMore()
	if w.Canvas().Overlays().Top() == nil {
		t.Fatal("More opened no menu")
	}
}
