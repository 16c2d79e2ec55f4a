package desk

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxFileBase is the longest base name SafeFileName keeps, in characters: long enough for a guest's
// name and a subject's gist, short enough for Windows' 260-character paths in a deep folder.
const maxFileBase = 60

// SafeFileName is base+ext made into a file name every desk's system accepts and shows as written:
// no / \ : * ? " < > | or control characters (each becomes "-"), no leading or trailing dots and
// spaces (Windows drops trailing ones silently; leading dots hide a file on macOS and Linux), no
// reserved Windows device name (CON, NUL, COM1, LPT1… with any extension: "_" is added to the name
// before its first dot, "CON.txt" becoming "CON_.txt"), at most
// 60 characters before ext. An empty result is fallback+ext. ext is ".pdf", ".ics"… or "".
func SafeFileName(base, ext, fallback string) string {
	s := strings.Map(func(r rune) rune {
		if strings.ContainsRune(`/\:*?"<>|`, r) || unicode.IsControl(r) || r == utf8.RuneError {
			return '-'
		}
		return r
	}, base)
	if r := []rune(s); len(r) > maxFileBase {
		s = string(r[:maxFileBase])
	}
	s = strings.Trim(s, ". \t")
	if s == "" {
		s = fallback
	}
	if reservedOnWindows(s) {
		// After the stem: Windows takes "CON.txt" and "CON.txt_" for the device CON as well.
		stem, rest, dot := strings.Cut(s, ".")
		s = strings.TrimRight(stem, " ") + "_"
		if dot {
			s += "." + rest
		}
	}
	return s + ext
}

// reservedOnWindows reports whether name (up to its first dot, case and trailing spaces ignored)
// is a device name Windows will not create a file under.
func reservedOnWindows(name string) bool {
	stem, _, _ := strings.Cut(name, ".")
	stem = strings.ToUpper(strings.TrimRight(stem, " "))
	switch stem {
	case "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$":
		return true
	}
	if len(stem) == 4 && (strings.HasPrefix(stem, "COM") || strings.HasPrefix(stem, "LPT")) {
		return stem[3] >= '0' && stem[3] <= '9'
	}
	if r := []rune(stem); len(r) == 4 && (strings.HasPrefix(stem, "COM") || strings.HasPrefix(stem, "LPT")) {
		return r[3] == '¹' || r[3] == '²' || r[3] == '³'
	}
	return false
}
