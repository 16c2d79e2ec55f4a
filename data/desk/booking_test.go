package desk

import "testing"

func TestExtractConfirmation(t *testing.T) {
	cases := map[string]string{
		"Nous vous confirmons la table. Confirmation n° LC-48213. Bien à vous":  "LC-48213",
		"N° de confirmation : TR-55213, chauffeur Karim":                        "TR-55213",
		"Your booking reference is ABC123, see you tonight":                     "ABC123",
		"Confirmation number: 7781-2290":                                        "7781-2290",
		"Réservation confirmée, dossier 2026/4412":                              "2026/4412",
		"Confirmation de votre table pour ce soir, à bientôt":                   "",
		"Merci pour votre demande, nous revenons vers vous":                     "",
		"Thank you for your reservation request for Friday, we'll confirm soon": "",
	}
	for text, want := range cases {
		if got := ExtractConfirmation(text); got != want {
			t.Errorf("%q: got %q, want %q", text, got, want)
		}
	}
}
