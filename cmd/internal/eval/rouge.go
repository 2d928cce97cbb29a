package eval

import (
	"strings"
	"unicode"
)

// Score is a ROUGE score: precision, recall and their harmonic mean, F1, from
// 0 to 1.
type Score struct{ P, R, F float64 }

func score(overlap, candidate, reference int) Score {
	if overlap == 0 || candidate == 0 || reference == 0 {
		return Score{}
	}
	p, r := float64(overlap)/float64(candidate), float64(overlap)/float64(reference)
	return Score{P: p, R: r, F: 2 * p * r / (p + r)}
}

// Tokens splits text as ROUGE does: lower-cased runs of letters and digits,
// without stemming or stop-word removal.
func Tokens(text string) []string {
	return strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// RougeN compares the n-grams of a candidate and a reference summary, each
// n-gram counted as often as it occurs in both (clipped counts).
func RougeN(candidate, reference []string, n int) Score {
	c, r := ngrams(candidate, n), ngrams(reference, n)
	overlap := 0
	for g, k := range c {
		overlap += min(k, r[g])
	}
	return score(overlap, max(len(candidate)-n+1, 0), max(len(reference)-n+1, 0))
}

func ngrams(tokens []string, n int) map[string]int {
	m := map[string]int{}
	for i := 0; i+n <= len(tokens); i++ {
		m[strings.Join(tokens[i:i+n], " ")]++
	}
	return m
}

// RougeL compares a candidate and a reference by their longest common
// subsequence of tokens: in-order matches, not necessarily next to each other.
func RougeL(candidate, reference []string) Score {
	return score(lcs(candidate, reference), len(candidate), len(reference))
}

// lcs is the length of the longest common subsequence, in O(len(a)·len(b))
// time and O(len(b)) memory.
func lcs(a, b []string) int {
	prev, cur := make([]int, len(b)+1), make([]int, len(b)+1)
	for i := range a {
		for j := range b {
			if a[i] == b[j] {
				cur[j+1] = prev[j] + 1
			} else {
				cur[j+1] = max(prev[j+1], cur[j])
			}
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
