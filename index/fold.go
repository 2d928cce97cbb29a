package index

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
	"golang.org/x/text/unicode/norm"
)

// foldFilter is the name of the token filter that takes the accents off
// words, so that a name matches however a source spells it: wires often
// drop accents (Arsene Wenger, Jose Mourinho) that other sources keep.
const foldFilter = "newsbot_fold"

func init() {
	err := registry.RegisterTokenFilter(foldFilter, func(map[string]any, *registry.Cache) (analysis.TokenFilter, error) {
		return foldTokens{}, nil
	})
	if err != nil {
		panic(err)
	}
}

// foldTokens folds each token's term; the token's place in the text stays,
// which a character filter would shift, so excerpts still mark the word as
// written.
type foldTokens struct{}

func (foldTokens) Filter(input analysis.TokenStream) analysis.TokenStream {
	for _, t := range input {
		if folded := Fold(string(t.Term)); folded != string(t.Term) {
			t.Term = []byte(folded)
		}
	}
	return input
}

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
