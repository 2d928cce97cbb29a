package names

import (
	"strings"
	"unicode"
)

// Text keeps the words of an article that may be names: those with a
// capital letter, except a word whose capital may only mark the start of a
// sentence or a headline's style, and which the article also writes in lower
// case: "Jobs are going" in a story of 5,000 lost jobs is not Steve Jobs. Such
// a word is kept when the article capitalises it mid-sentence too. The names
// field only ever answers for capitalised words, and without the rest it is a
// fraction of the size, which every search for a name reads.
func Text(title, body string) string {
	type word struct {
		text, key string // key: lower case, bare
		initial   bool   // first of a headline, paragraph or sentence
	}
	var words []word
	add := func(w string, initial bool) {
		words = append(words, word{w, strings.ToLower(Bare(w)), initial})
	}
	for _, w := range strings.Fields(title) {
		add(w, true) // headlines capitalise at will
	}
	for para := range strings.SplitSeq(body, "\n\n") {
		initial := true
		for _, w := range strings.Fields(para) {
			add(w, initial)
			end := strings.TrimRight(w, `"'’”)]`)
			initial = strings.HasSuffix(end, ".") || strings.HasSuffix(end, "?") || strings.HasSuffix(end, "!") || strings.HasSuffix(end, ":")
		}
	}
	lower, capitalMidSentence := map[string]bool{}, map[string]bool{}
	for _, w := range words {
		switch capital := strings.IndexFunc(w.text, unicode.IsUpper) >= 0; {
		case !capital:
			lower[w.key] = true
		case !w.initial:
			capitalMidSentence[w.key] = true
		}
	}
	var b strings.Builder
	for _, w := range words {
		if strings.IndexFunc(w.text, unicode.IsUpper) >= 0 && (!w.initial || capitalMidSentence[w.key] || !lower[w.key]) {
			b.WriteString(w.text)
			b.WriteByte(' ')
		}
	}
	return b.String()
}

// Bare is w without the punctuation around it and its possessive ending.
func Bare(w string) string {
	w = strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	for _, s := range []string{"'s", "’s"} {
		w = strings.TrimSuffix(w, s)
	}
	return w
}
