package index

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	bleveindex "github.com/blevesearch/bleve_index_api"
)

// SimilarWords returns up to n indexed words spelled like word (one edit away,
// two for words of six letters or more), most frequent first: the "did you
// mean" for a search that found nothing. Words are as the names field holds
// them: lower case, unstemmed.
func (ix *Index) SimilarWords(word string, n int) ([]string, error) {
	word = strings.ToLower(word)
	fuzziness := 1
	if len([]rune(word)) >= 6 {
		fuzziness = 2
	}
	adv, err := ix.bleve.Advanced()
	if err != nil {
		return nil, err
	}
	reader, err := adv.Reader()
	if err != nil {
		return nil, err
	}
	defer reader.Close()
	fuzzy, ok := reader.(bleveindex.IndexReaderFuzzy)
	if !ok {
		return nil, fmt.Errorf("similar words: the index cannot do fuzzy look-ups")
	}
	dict, err := fuzzy.FieldDictFuzzy(fieldNames, word, fuzziness, "")
	if err != nil {
		return nil, fmt.Errorf("similar words: %w", err)
	}
	defer dict.Close()
	var found []bleveindex.DictEntry
	for entry, err := dict.Next(); entry != nil || err != nil; entry, err = dict.Next() {
		if err != nil {
			return nil, fmt.Errorf("similar words: %w", err)
		}
		if entry.Term != word {
			found = append(found, *entry)
		}
	}
	slices.SortFunc(found, func(a, b bleveindex.DictEntry) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Term, b.Term))
	})
	words := make([]string, 0, min(n, len(found)))
	for _, e := range found[:min(n, len(found))] {
		words = append(words, e.Term)
	}
	return words, nil
}
