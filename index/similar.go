package index

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	bleveindex "github.com/blevesearch/bleve_index_api"
	"github.com/hbollon/go-edlib"
)

// SimilarWords returns up to n indexed words spelled like word (one edit away,
// two for words of six letters or more), the fewest edits away first, then the
// most frequent: what a word no article holds was probably meant to be. A
// typo is mostly one slip, so that "natual" is "natural", one letter short,
// not "annual", more frequent but further; two letters swapped are one slip,
// so that "unemploymnet" is "unemployment", not "unemploymnent", which
// Bleve's Levenshtein distance finds nearer, counting a swap as two. Words
// are as the names and lead fields hold them: lower case, unstemmed; the
// names field has the names, the lead every word of the titles and first
// paragraphs.
func (ix *Index) SimilarWords(ctx context.Context, word string, n int) ([]string, error) {
	word = strings.ToLower(word)
	fuzziness := 1
	if len([]rune(word)) >= 6 {
		fuzziness = 2
	}
	reader, err := ix.reader()
	if err != nil {
		return nil, err
	}
	defer reader.Close()
	fuzzy, ok := reader.(bleveindex.IndexReaderFuzzy)
	if !ok {
		return nil, fmt.Errorf("similar words: the index cannot do fuzzy look-ups")
	}
	counts := map[string]int{}
	for _, field := range []string{fieldNames, fieldLead} {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		found, err := fuzzyTerms(fuzzy, field, word, fuzziness)
		if err != nil {
			return nil, fmt.Errorf("similar words: %w", err)
		}
		n, err := termCounts(reader, field, found)
		if err != nil {
			return nil, fmt.Errorf("similar words: %w", err)
		}
		for i, term := range found {
			counts[term] = max(counts[term], n[i])
		}
	}
	words := slices.Collect(maps.Keys(counts))
	edits := map[string]int{}
	for _, w := range words {
		edits[w] = edlib.OSADamerauLevenshteinDistance(word, w)
	}
	slices.SortFunc(words, func(a, b string) int {
		return cmp.Or(cmp.Compare(edits[a], edits[b]), cmp.Compare(counts[b], counts[a]), strings.Compare(a, b))
	})
	return words[:min(n, len(words))], nil
}

// fuzzyTerms returns the terms of field within fuzziness edits of word, but
// word itself.
func fuzzyTerms(reader bleveindex.IndexReaderFuzzy, field, word string, fuzziness int) ([]string, error) {
	dict, err := reader.FieldDictFuzzy(field, word, fuzziness, "")
	if err != nil {
		return nil, err
	}
	defer dict.Close()
	var found []string
	for entry, err := dict.Next(); entry != nil || err != nil; entry, err = dict.Next() {
		if err != nil {
			return nil, err
		}
		if entry.Term != word {
			found = append(found, entry.Term)
		}
	}
	return found, nil
}

// termCounts returns how many articles hold each of terms in field, asking
// for each term afresh. The counts that Bleve's dictionary iterators give go
// wrong on a merged index: zapx reuses one postings list across the entries,
// and after a term held by a single article every later one counts 1 (zapx
// PR #445, open). Asking afresh costs a few µs a term: 50 ms for the 12,000
// people of the real corpus, 90 ms for those of 200,000 generated articles.
func termCounts(reader bleveindex.IndexReader, field string, terms []string) ([]int, error) {
	counts := make([]int, len(terms))
	for i, term := range terms {
		postings, err := reader.TermFieldReader(context.Background(), []byte(term), field, false, false, false)
		if err != nil {
			return nil, err
		}
		counts[i] = int(postings.Count())
		if err := postings.Close(); err != nil {
			return nil, err
		}
	}
	return counts, nil
}

// reader opens a reader of the index's terms and postings, which the caller
// closes.
func (ix *Index) reader() (bleveindex.IndexReader, error) {
	adv, err := ix.bleve.Advanced()
	if err != nil {
		return nil, err
	}
	return adv.Reader()
}
