package assets

import "embed"

// Fonts holds fonts/DejaVuSans.ttf and fonts/DejaVuSans-Bold.ttf, the typeface of the PDF
// documents (data/docs): it covers French and the other Latin accents, « », – and —. Their
// license, fonts/LICENSE-DejaVu.txt, travels with them.
//
//go:embed fonts/*.ttf fonts/LICENSE-DejaVu.txt
var Fonts embed.FS
