// Package assets embeds what the binary carries: the icon and the translations.
package assets

import (
	"embed"
	_ "embed"
)

// Icon is the application icon (PNG, 512×512).
//
//go:embed icon.png
var Icon []byte

// Translations holds translations/en.json and translations/fr.json.
//
//go:embed translations/*.json
var Translations embed.FS

// Kinds holds kinds/<kind>.svg, the small monochrome icon of each kind of request (restaurant,
// transfer, tickets, spa, tour, flowers, other), drawn for Loge; the GUI recolours them.
//
//go:embed kinds/*.svg
var Kinds embed.FS
