package names

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// unaccented are the letters that do not decompose into a base letter and
// accents, and the typographic apostrophe that phones type (O’Neill).
var unaccented = strings.NewReplacer("’", "'", "ø", "o", "Ø", "O", "ł", "l", "Ł", "L", "đ", "d", "Đ", "D",
	"ß", "ss", "æ", "ae", "Æ", "AE", "œ", "oe", "Œ", "OE", "ı", "i", "þ", "th", "Þ", "Th")

// Fold takes the accents off the Latin letters of s: "Arsène Šefčovič" is
// "Arsene Sefcovic", as the index compares names. Other scripts keep their
// marks, which may be vowels.
func Fold(s string) string {
	if isASCII(s) {
		return s
	}
	var b strings.Builder
	latin := false // the last letter written is Latin
	for _, r := range norm.NFD.String(unaccented.Replace(s)) {
		switch {
		case unicode.Is(unicode.Mn, r):
			if latin {
				continue
			}
		default:
			latin = unicode.Is(unicode.Latin, r)
		}
		b.WriteRune(r)
	}
	return norm.NFC.String(b.String())
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
