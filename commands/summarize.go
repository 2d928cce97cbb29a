package commands

import (
	"math"
	"slices"
)

// Summarize picks the n sentences of an article body that carry most of its
// content and returns them verbatim, in the order they appear in the article.
// A sentence scores by how frequent its words are in the whole article
// (centrality), favouring the opening sentences a little, since news puts its
// point first. Fewer than n come back only when the body has fewer sentences.
func Summarize(body string, n int) []string {
	all := splitSentences(body)
	chosen := topSentences(all, n)
	out := make([]string, len(chosen))
	for i, s := range chosen {
		out[i] = s.Text
	}
	return out
}

// topSentences returns the n best sentences of all, in article order.
func topSentences(all []sentence, n int) []sentence {
	if n <= 0 {
		return nil
	}
	if len(all) <= n {
		return all
	}
	freq := map[string]int{}
	words := make([][]string, len(all))
	for i, s := range all {
		words[i] = contentWords(s.Text)
		for _, w := range words[i] {
			freq[w]++
		}
	}
	scores := make([]float64, len(all))
	for i := range all {
		scores[i] = centrality(words[i], freq) * (1 + 0.5/float64(1+i))
	}
	order := make([]int, len(all))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		switch {
		case scores[a] > scores[b]:
			return -1
		case scores[a] < scores[b]:
			return 1
		}
		return 0
	})
	picked := order[:n]
	slices.Sort(picked)
	out := make([]sentence, n)
	for i, idx := range picked {
		out[i] = all[idx]
	}
	return out
}

// centrality sums the article-wide frequency of a sentence's distinct words,
// damped by its length so that long sentences do not win by size alone.
func centrality(words []string, freq map[string]int) float64 {
	if len(words) == 0 {
		return 0
	}
	seen := map[string]bool{}
	sum := 0.0
	for _, w := range words {
		if !seen[w] {
			seen[w] = true
			sum += float64(freq[w] - 1)
		}
	}
	return sum / math.Sqrt(float64(len(words)))
}
