package commands

import (
	"strings"
	"unicode"
)

// contentWords returns the lower-cased words of text that carry meaning: stop
// words and numbers-only tokens are left out. It is the unit for comparing
// sentences (centrality, near-repeats); it needs no stemming to be useful.
func contentWords(text string) []string {
	var words []string
	for _, w := range strings.FieldsFunc(text, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' && r != '’'
	}) {
		w = strings.ToLower(trimPossessive(strings.Trim(w, "'’")))
		if len(w) < 2 || stopWords[w] || strings.IndexFunc(w, unicode.IsLetter) < 0 {
			continue
		}
		words = append(words, w)
	}
	return words
}

// wordSet is the distinct content words of a text.
func wordSet(text string) map[string]bool {
	set := map[string]bool{}
	for _, w := range contentWords(text) {
		set[w] = true
	}
	return set
}

// overlap is the Jaccard similarity of two word sets: 1 for the same words.
func overlap(a, b map[string]bool) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	shared := 0
	for w := range a {
		if b[w] {
			shared++
		}
	}
	return float64(shared) / float64(len(a)+len(b)-shared)
}

// stopWords are English function words, which say nothing about a subject.
var stopWords = wordsOf(`a about above after again against all also am an and any are as at
		be because been before being below between both but by can could did do does doing down during
		each few for from further had has have having he her here hers herself him himself his how i if
		in into is it its itself just me more most my myself no nor not now of off on once only or other
		our ours ourselves out over own said same says she should so some such than that the their theirs
		them themselves then there these they this those through to too under until up very was we were
		what when where which while who whom why will with would you your yours yourself yourselves
		mr mrs ms one two new year years last first told may might must shall us`)

// wordsOf is the set of the words in list.
func wordsOf(list string) map[string]bool {
	set := map[string]bool{}
	for _, w := range strings.Fields(list) {
		set[w] = true
	}
	return set
}
