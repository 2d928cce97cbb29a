package index

import (
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"

	"newsbot/index/names"
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
		if folded := names.Fold(string(t.Term)); folded != string(t.Term) {
			t.Term = []byte(folded)
		}
	}
	return input
}
