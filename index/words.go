package index

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"newsbot/index/news"

	"github.com/blevesearch/bleve/v2/analysis/lang/en"
)

// WordCounts tells how common each of words is among the articles, and how
// many articles there are: what a question's reader needs to tell the words
// that carry a search (names, rare words) from those that only help rank it.
// A word that analyses into several terms counts as its rarest; a stop word
// counts 0.
func (ix *Index) WordCounts(ctx context.Context, words []string) (counts map[string]news.WordCount, articles int, err error) {
	total, err := ix.bleve.DocCount()
	if err != nil {
		return nil, 0, fmt.Errorf("word counts: %w", err)
	}
	reader, err := ix.reader()
	if err != nil {
		return nil, 0, fmt.Errorf("word counts: %w", err)
	}
	defer reader.Close()
	m := ix.bleve.Mapping()
	count := func(analyzer, field, word string) (int, error) {
		var terms []string
		for _, t := range m.AnalyzerNamed(analyzer).Analyze([]byte(word)) {
			terms = append(terms, string(t.Term))
		}
		if len(terms) == 0 {
			return 0, nil
		}
		n, err := termCounts(reader, field, terms)
		if err != nil {
			return 0, err
		}
		return slices.Min(n), nil
	}
	counts = make(map[string]news.WordCount, len(words))
	for _, w := range words {
		if err := ctx.Err(); err != nil {
			return nil, 0, err
		}
		lower := strings.ToLower(w)
		body, err := count(en.AnalyzerName, fieldBody, lower)
		if err != nil {
			return nil, 0, fmt.Errorf("word counts: %w", err)
		}
		names, err := count(namesAnalyzer, fieldNames, lower)
		if err != nil {
			return nil, 0, fmt.Errorf("word counts: %w", err)
		}
		counts[w] = news.WordCount{Body: body, Names: names}
	}
	return counts, int(total), nil
}
