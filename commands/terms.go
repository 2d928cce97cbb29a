package commands

import (
	"context"
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
	if len(terms) == 0 {
		return true
	}
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
	same := func(word string, j int) bool {
		if stems[j] == "" {
			return word == want[j] // a stop word: "of" in "cost of living"
		}
		// A stem keeps its word's first letter ("pay" is "pai"): the
		// stemmer is asked only about a word that begins as the stem does.
		return word[0] == stems[j][0] && stemOf(word) == stems[j]
	}
	for i := 0; i+len(stems) <= len(words); i++ {
		j := 0
		for j < len(stems) && same(words[i+j], j) {
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

// idsHoldingTerms returns the IDs of the matches of q, of the first
// maxReadOn, that hold each of terms together.
func idsHoldingTerms(ctx context.Context, s Searcher, q news.Query, terms []string, aliases Aliases) ([]string, error) {
	q.From, q.Size, q.Light = 0, maxReadOn, false
	res, err := s.Search(ctx, q)
	if err != nil {
		return nil, err
	}
	var ids []string
	for _, m := range res.Matches {
		if holdsTerms(m.Article, terms, aliases, s.Stem) {
			ids = append(ids, m.Article.ID)
		}
	}
	return ids, nil
}

// countHoldingTerms is how many matches of q hold each of terms together:
// read when there are at most maxReadOn, else counted as findPage would
// list them, every match.
func countHoldingTerms(ctx context.Context, s Searcher, q news.Query, terms []string, aliases Aliases) (int, error) {
	q.Size = 0
	res, err := s.Search(ctx, q)
	if err != nil || len(terms) == 0 || res.Total > maxReadOn {
		return res.Total, err
	}
	ids, err := idsHoldingTerms(ctx, s, q, terms, aliases)
	return len(ids), err
}
