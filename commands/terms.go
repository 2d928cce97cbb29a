package commands

import (
	"slices"
	"strings"
	"unicode"

	"newsbot/index/news"
)

// holdsTerms reports whether an article holds each of terms with its words
// together, in its title or text, in one of the ways the aliases write it:
// an article on "housing starts" holds them side by side, where one with a
// house and a start ("Pork belly futures start higher") holds them apart,
// and one on "consumer prices" may say "cost of living" instead. The search
// finds an article by its words wherever they are. Words compare by their
// stems: "housing start" is the term too.
func holdsTerms(a news.Article, terms []string, aliases Aliases, stemOf func(string) string) bool {
	words := textWords(a.Title + "\n" + a.Body)
	for _, term := range terms {
		ways := append([]string{term}, aliases[term]...)
		if !slices.ContainsFunc(ways, func(way string) bool { return holdsInTurn(words, textWords(way), stemOf) }) {
			return false
		}
	}
	return true
}

// holdsInTurn reports whether words hold want, one after the other, each
// with the stem of the one wanted.
func holdsInTurn(words, want []string, stemOf func(string) string) bool {
	if len(want) == 0 {
		return false
	}
	stems := make([]string, len(want))
	for i, w := range want {
		stems[i] = stemOf(w)
	}
	same := func(word, stem string) bool {
		// Stems are mostly their words' beginnings: the stemmer is asked
		// only about a word that begins as the stem does.
		return strings.HasPrefix(word, stem[:min(3, len(stem))]) && stemOf(word) == stem
	}
	for i := 0; i+len(stems) <= len(words); i++ {
		j := 0
		for j < len(stems) && same(words[i+j], stems[j]) {
			j++
		}
		if j == len(stems) {
			return true
		}
	}
	return false
}

// textWords is text in lower case, split into its words.
func textWords(text string) []string {
	return strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}
