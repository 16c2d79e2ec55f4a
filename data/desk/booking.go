package desk

import (
	"regexp"
	"strings"
)

// Words vendors put before a confirmation number, in French and English, and what may sit between
// them and the number: "Confirmation n° LC-48213", "N° de confirmation : TR-55213", "booking
// reference is ABC123".
var (
	confirmationWord = regexp.MustCompile(`(?i)(confirmation|réservation|reservation|booking|référence|reference|ref|dossier)`)
	confirmationTail = regexp.MustCompile(`^(?i)(?:\s*(?:n°|no\.?|number|numéro|num\.?|#|code))?(?:\s*de\s+confirmation)?(?:\s*(?:is|est))?\s*[:#.]?\s*` +
		`([A-Z0-9]{1,10}(?:[-/][A-Z0-9]{1,10})*)`)
)

// ExtractConfirmation guesses the confirmation number in a vendor's mail; "" when none is seen. A
// candidate must hold a digit, so "Confirmation de votre table" yields nothing.
func ExtractConfirmation(text string) string {
	for _, loc := range confirmationWord.FindAllStringIndex(text, -1) {
		m := confirmationTail.FindStringSubmatch(text[loc[1]:])
		if m == nil {
			continue
		}
		c := strings.Trim(m[1], "-/")
		if len(c) >= 4 && strings.ContainsAny(c, "0123456789") {
			return strings.ToUpper(c)
		}
	}
	return ""
}
