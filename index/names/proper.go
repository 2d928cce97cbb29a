package names

import (
	"maps"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Proper is the names of things in a paragraph, in lower case: its
// capitalised words that do not start a sentence, and, in a paragraph in
// mixed case, its acronyms (OPEC, written in capitals because it is a name).
// Words in capitals throughout a paragraph (a wire headline) say nothing, nor
// do the words that name no story (see namesNoStory). Two stories that share
// such a name may be the same story.
func Proper(para string) map[string]bool {
	set := map[string]bool{}
	sentenceStart := true
	fields := strings.Fields(para)
	for i, w := range fields {
		word := Bare(w)
		first, _ := utf8.DecodeRuneInString(word)
		key := strings.ToLower(word)
		date := key == "may" && i+1 < len(fields) && strings.IndexFunc(fields[i+1], unicode.IsDigit) == 0
		if !sentenceStart && unicode.IsUpper(first) && strings.ToUpper(word) != word && !namesNoStory[key] && !date {
			set[key] = true
		}
		sentenceStart = strings.ContainsAny(w[len(w)-1:], ".!?:-")
	}
	if !strings.ContainsFunc(para, unicode.IsLower) {
		return set
	}
	for _, w := range fields {
		word := strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) })
		if len(word) >= 3 && strings.ToUpper(word) == word && !namesNoStory[strings.ToLower(word)] {
			set[strings.ToLower(word)] = true
		}
	}
	return set
}

// LegalForm reports whether a word, in lower case, ends a company's name:
// "Ford Motor Co", "General Motors of Canada Ltd". It says that a name is a
// company's, not which.
func LegalForm(word string) bool { return legalForms[word] }

var legalForms = wordSet(`ltd inc corp co plc llc spa ag nv sa bv gmbh group holdings`)

// namesNoStory are capitalised words that name no story: dates, the legal
// forms of companies, Saint, and the nationalities that half the day's
// notices carry. Two notices dated April or issued by a Ltd are not the same
// news, nor are the hog markets of St Paul and St Louis, nor two Swiss franc
// bonds. May is a month only before a number (see Proper).
var namesNoStory = func() map[string]bool {
	set := wordSet(`january february march april june july august september october november december
		jan feb mar apr jun jul aug sep sept oct nov dec
		monday tuesday wednesday thursday friday saturday sunday st
		american british canadian dutch european french german italian japanese spanish swiss chinese
		soviet australian belgian swedish`)
	maps.Copy(set, legalForms)
	return set
}()

// wordSet is the set of the words of list.
func wordSet(list string) map[string]bool {
	set := map[string]bool{}
	for _, w := range strings.Fields(list) {
		set[w] = true
	}
	return set
}
