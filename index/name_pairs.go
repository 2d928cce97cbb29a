package index

import (
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"newsbot/index/names"
)

// pairsQuery requires, of an article, each two capitalised words that stand
// side by side in words, in any of their spellings. It returns nil when words
// hold no such pair, or when the index predates the pairs field.
func (ix *Index) pairsQuery(words []string, aliases map[string][]string) query.Query {
	if !ix.hasPairs {
		return nil
	}
	var required []query.Query
	for _, i := range names.PairsIn(words) {
		first, second := names.Bare(words[i-1]), names.Bare(words[i])
		if !ix.isWord(first) || !ix.isWord(second) {
			continue // "The Guardian": articles write "the Guardian" too
		}
		var spellings []query.Query
		for _, f := range append([]string{words[i-1]}, aliases[words[i-1]]...) {
			for _, s := range append([]string{words[i]}, aliases[words[i]]...) {
				q := bleve.NewTermQuery(names.PairKey(names.Bare(f), names.Bare(s)))
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
