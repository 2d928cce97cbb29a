package index

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"newsbot/index/news"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

// namePairs lists each two capitalised words that stand side by side in the
// title or a paragraph, as "first second" in lower case: what a search for a
// full name must find, so that "Steve Jobs" is not any article with a Steve
// and a JOBS in it. The names field alone cannot tell, as it keeps no
// positions. A middle initial may be left out: "George W. Bush" gives
// "george w", "w bush" and "george bush".
func namePairs(title, body string) []string {
	var pairs []string
	seen := map[string]bool{}
	add := func(first, second string) {
		if p := pairKey(first, second); !seen[p] {
			seen[p] = true
			pairs = append(pairs, p)
		}
	}
	for _, para := range append([]string{title}, strings.Split(body, "\n\n")...) {
		var prev, beforeInitial string // "" where a run of capitalised words breaks
		for _, w := range strings.Fields(runBreaks.Replace(para)) {
			bare := bareWord(w)
			if !isNameWord(bare) {
				prev, beforeInitial = "", ""
				continue
			}
			if prev != "" {
				add(prev, bare)
			}
			if beforeInitial != "" {
				add(beforeInitial, bare)
			}
			beforeInitial = ""
			if isLetter(bare) {
				beforeInitial = prev
			}
			prev = bare
			if endsRun(w) && !isAbbreviation(w) {
				prev, beforeInitial = "", ""
			}
		}
	}
	return pairs
}

// runBreaks are the signs that part two words without a space, and so end a
// name: "Steve Jobs—the founder", "Smith/Jones".
var runBreaks = strings.NewReplacer("—", ", ", "–", ", ", "/", ", ")

// pairKey is how a pair of words is indexed and looked up: in lower case,
// without accents, as the names field holds words.
func pairKey(first, second string) string {
	return news.Fold(strings.ToLower(first) + " " + strings.ToLower(second))
}

// isNameWord reports whether a bare word may be part of a name: it starts
// with a capital letter.
func isNameWord(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

// isLetter reports whether a bare word is a single letter, like the W of
// George W. Bush.
func isLetter(w string) bool {
	return utf8.RuneCountInString(w) == 1
}

// isAbbreviation reports whether a word ending in a full stop is short for
// something, so that the stop does not end the name: "J.P. Morgan", "U.S.
// Treasury", "St. Louis", "George W. Bush". A short word that ends a sentence
// is taken for one too, which only adds a pair nobody looks for.
func isAbbreviation(w string) bool {
	bare := strings.TrimSuffix(strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && r != '.' }), ".")
	return strings.HasSuffix(w, ".") && (strings.Contains(bare, ".") || utf8.RuneCountInString(bare) <= 3)
}

// endsRun reports whether the punctuation after a word separates it from the
// next: "Macron, Starmer" are two names.
func endsRun(w string) bool {
	end := strings.TrimRight(w, `"'’”)]`)
	r, _ := utf8.DecodeLastRuneInString(end)
	return strings.ContainsRune(".,;:!?", r) || end != w
}

// pairsQuery requires, of an article, each two capitalised words that stand
// side by side in words, in any of their spellings. It returns nil when words
// hold no such pair, or when the index predates the pairs field.
func (ix *Index) pairsQuery(words []string, aliases map[string][]string) query.Query {
	if !ix.hasPairs {
		return nil
	}
	var required []query.Query
	for i := 1; i < len(words); i++ {
		first, second := bareWord(words[i-1]), bareWord(words[i])
		if !isNameWord(first) || !isNameWord(second) || endsRun(words[i-1]) && !isAbbreviation(words[i-1]) {
			continue
		}
		if !ix.isWord(first) || !ix.isWord(second) {
			continue // "The Guardian": articles write "the Guardian" too
		}
		var spellings []query.Query
		for _, f := range append([]string{words[i-1]}, aliases[words[i-1]]...) {
			for _, s := range append([]string{words[i]}, aliases[words[i]]...) {
				q := bleve.NewTermQuery(pairKey(bareWord(f), bareWord(s)))
				q.SetField(fieldPairs)
				spellings = append(spellings, q)
			}
		}
		required = append(required, bleve.NewDisjunctionQuery(spellings...))
	}
	if len(required) == 0 {
		return nil
	}
	return bleve.NewConjunctionQuery(required...)
}
