package commands

import (
	"cmp"
	"math"
	"slices"
)

// TextRank's settings: the damping factor of PageRank, and when to stop.
const (
	damping    = 0.85
	maxRounds  = 100
	convergeAt = 1e-6
)

// maxRanked is how many sentences of an article, from its start, TextRank
// weighs. News tells its story early, and TextRank compares every pair: the
// 20,000 sentences of a 355 KB file took 83 s and 3 GB.
const maxRanked = 200

// Summarize picks the n sentences of an article body that carry most of its
// content and returns them verbatim, in the order they appear in the article.
// Fewer than n come back only when the body has fewer sentences.
func Summarize(body string, n int) []string {
	chosen := topSentences(rankable(body), n)
	out := make([]string, len(chosen))
	for i, s := range chosen {
		out[i] = s.Text
	}
	return out
}

// rankable is the sentences of body that TextRank weighs: its first
// maxRanked.
func rankable(body string) []sentence {
	all := splitSentences(body)
	return all[:min(len(all), maxRanked)]
}

// topSentences returns the n most central sentences of all, in article order.
// Centrality is TextRank: sentences vote for the sentences they share words
// with, and a vote from a central sentence counts more. The sentences that
// the rest of the article keeps coming back to are its point, wherever they
// stand; the opening sentence wins only when it really is the summary.
func topSentences(all []sentence, n int) []sentence {
	if n <= 0 {
		return nil
	}
	if len(all) <= n {
		return all
	}
	words := make([]map[string]bool, len(all))
	for i, s := range all {
		words[i] = wordSet(s.Text)
	}
	rank := textRank(words)
	order := make([]int, len(all))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(rank[b], rank[a]) })
	picked := order[:n]
	slices.Sort(picked)
	out := make([]sentence, n)
	for i, idx := range picked {
		out[i] = all[idx]
	}
	return out
}

// textRank scores sentences, given as their content words, by PageRank over
// the graph whose edges weigh how alike two sentences are (Jaccard overlap of
// their words).
func textRank(words []map[string]bool) []float64 {
	n := len(words)
	weight := make([][]float64, n)
	out := make([]float64, n) // each sentence's total edge weight
	for i := range n {
		weight[i] = make([]float64, n)
	}
	for i := range n {
		for j := i + 1; j < n; j++ {
			w := overlap(words[i], words[j])
			weight[i][j], weight[j][i] = w, w
			out[i] += w
			out[j] += w
		}
	}
	rank := make([]float64, n)
	for i := range rank {
		rank[i] = 1
	}
	next := make([]float64, n)
	for range maxRounds {
		change := 0.0
		for i := range n {
			sum := 0.0
			for j := range n {
				if out[j] > 0 {
					sum += weight[j][i] / out[j] * rank[j]
				}
			}
			next[i] = 1 - damping + damping*sum
			change += math.Abs(next[i] - rank[i])
		}
		rank, next = next, rank
		if change < convergeAt {
			break
		}
	}
	return rank
}
