package index

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"newsbot/index/names"
	"newsbot/index/news"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
)

// highlighter finds where a query's words occur in a text, by analysing the
// text as the index does: a name (a capitalised word) matches itself,
// possessives aside; another word matches any word with its stem. It stands in
// for Bleve's term vectors, which made the index a fifth larger and every
// broad search read the positions of every match.
type highlighter struct {
	stemmed, names       analysis.Analyzer
	stemTerms, nameTerms map[string]bool
	// hints are lower-case beginnings of the words without accents, to skip
	// the paragraphs that cannot hold any of them without analysing them.
	hints []string
}

func (ix *Index) highlighter(words []string, aliases map[string][]string) *highlighter {
	m := ix.bleve.Mapping()
	h := &highlighter{
		stemmed:   m.AnalyzerNamed(en.AnalyzerName),
		names:     m.AnalyzerNamed(namesAnalyzer),
		stemTerms: map[string]bool{},
		nameTerms: map[string]bool{},
	}
	for _, w := range words {
		for _, spelling := range spellingsOf(w, aliases) {
			terms, analyzer := h.stemTerms, h.stemmed
			if r, _ := utf8.DecodeRuneInString(spelling); unicode.IsUpper(r) {
				terms, analyzer = h.nameTerms, h.names
			}
			for _, t := range analyzer.Analyze([]byte(spelling)) {
				terms[string(t.Term)] = true
				h.hints = append(h.hints, hint(names.Fold(string(t.Term)), names.Fold(strings.ToLower(spelling[t.Start:t.End]))))
			}
		}
	}
	return h
}

// hint is what every word that a term matches begins with: up to three
// letters that the term and the word it came from share. A stem is a word's
// beginning with its last letters changed, and only there ("buy" is "bui"),
// so the letters they share begin the other words with that stem too.
func hint(term, word string) string {
	n, i := 0, 0
	for i < len(term) && i < len(word) && n < 3 {
		r, size := utf8.DecodeRuneInString(term[i:])
		if w, _ := utf8.DecodeRuneInString(word[i:]); w != r {
			break
		}
		i += size
		n++
	}
	return term[:i]
}

// spans returns the byte ranges of the query's words in text, in order.
func (h *highlighter) spans(text string) []news.Span {
	var out []news.Span
	offset := 0
	for para := range strings.SplitAfterSeq(text, "\n\n") {
		lower := names.Fold(strings.ToLower(para)) // "ozi" is in "Özil" too
		if slices.ContainsFunc(h.hints, func(s string) bool { return strings.Contains(lower, s) }) {
			out = append(out, h.match(para, offset, h.stemmed, h.stemTerms, false)...)
			out = append(out, h.match(para, offset, h.names, h.nameTerms, true)...)
		}
		offset += len(para)
	}
	slices.SortFunc(out, func(a, b news.Span) int { return a.Start - b.Start })
	return slices.Compact(out)
}

// match finds terms in text. Names (capitalised only) match only where the
// text capitalises them: the word "jobs" is not Steve Jobs.
func (h *highlighter) match(text string, offset int, a analysis.Analyzer, terms map[string]bool, capitalised bool) []news.Span {
	if len(terms) == 0 {
		return nil
	}
	var out []news.Span
	for _, t := range a.Analyze([]byte(text)) {
		if !terms[string(t.Term)] {
			continue
		}
		if r, _ := utf8.DecodeRuneInString(text[t.Start:]); capitalised && !unicode.IsUpper(r) {
			continue
		}
		out = append(out, news.Span{Start: offset + t.Start, End: offset + t.End})
	}
	return out
}
