package names

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Pairs lists each two capitalised words that stand side by side in the
// title or a paragraph, as "first second" in lower case: what a search for a
// full name must find, so that "Steve Jobs" is not any article with a Steve
// and a JOBS in it. The names field alone cannot tell, as it keeps no
// positions. A middle initial may be left out: "George W. Bush" gives
// "george w", "w bush" and "george bush".
func Pairs(title, body string) []string {
	var pairs []string
	seen := map[string]bool{}
	add := func(first, second string) {
		if p := PairKey(first, second); !seen[p] {
			seen[p] = true
			pairs = append(pairs, p)
		}
	}
	for _, para := range append([]string{title}, strings.Split(body, "\n\n")...) {
		var prev, beforeInitial string // "" where a run of capitalised words breaks
		for _, w := range strings.Fields(runBreaks.Replace(para)) {
			bare := Bare(w)
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
			if endsRun(w) && !isShortened(w) {
				prev, beforeInitial = "", ""
			}
		}
	}
	return pairs
}

// runBreaks are the signs that part two words without a space, and so end a
// name: "Steve Jobs—the founder", "Smith/Jones".
var runBreaks = strings.NewReplacer("—", ", ", "–", ", ", "/", ", ")

// PairKey is how a pair of words is indexed and looked up: in lower case,
// without accents, as the names field holds words.
func PairKey(first, second string) string {
	return Fold(strings.ToLower(first) + " " + strings.ToLower(second))
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

// isShortened reports whether a word ending in a full stop is, by its shape, short for
// something, so that the stop does not end the name: "J.P. Morgan", "U.S.
// Treasury", "St. Louis", "George W. Bush". A short word that ends a sentence
// is taken for one too, which only adds a pair nobody looks for.
func isShortened(w string) bool {
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

// PairsIn lists where two capitalised words stand side by side in words, a
// subject as typed, as the places i of the second: what Pairs would have
// made of them in an article.
func PairsIn(words []string) []int {
	var at []int
	for i := 1; i < len(words); i++ {
		first, second := Bare(words[i-1]), Bare(words[i])
		if isNameWord(first) && isNameWord(second) && (!endsRun(words[i-1]) || isShortened(words[i-1])) {
			at = append(at, i)
		}
	}
	return at
}
