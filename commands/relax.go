package commands

import (
	"context"
	"slices"
	"strings"

	"newsbot/index/news"
)

// relax stops requiring one word after another while fewer than limit
// articles hold all the words of r. Each time it leaves out the word whose
// leaving out finds the best limit articles: those whose scores add up to
// the most, every word asked counting in the scores, the one left out too,
// which then only ranks. The most common word is not always the one to go:
// "aluminium smelter cutbacks" leaves out "cutbacks", which few articles
// about aluminium smelters hold, not "aluminium" and then "smelter"; "the
// japan chip trade fight on 17 April" leaves out "chip", which the stories
// of that day call semiconductors, not "japan". It returns the matches of
// the reading it leaves, counted, with its first few.
func relax(ctx context.Context, s Searcher, r *Reading, aliases Aliases, found news.Results, limit int) (news.Results, error) {
	for found.Total < limit {
		best, bestFound, bestScore, bestCount := Reading{}, news.Results{Total: -1}, -1.0, 0
		for _, i := range r.droppable() {
			// Score the first few alone: quoting is for the search that
			// stays.
			trial := r.relaxed(i)
			q := trial.query(aliases)
			q.Size, q.Light = limit, true
			res, err := s.Search(ctx, q)
			if err != nil {
				return found, err
			}
			score := 0.0
			for _, m := range res.Matches {
				score += m.Score
			}
			// Of words as good to leave out, the most common goes.
			count := r.counts[bareWord(r.Required[i])].Body
			if score > bestScore || score == bestScore && count > bestCount {
				best, bestFound, bestScore, bestCount = trial, res, score, count
			}
		}
		if bestFound.Total < 0 {
			break
		}
		*r, found = best, bestFound
	}
	return found, nil
}

// relaxed is r no longer requiring its i-th required word, which only ranks
// then, and is said to be left out. A comma takes the word's place, so that
// the names on each side of it are not taken for one ("Reagan budget
// Volcker").
func (r Reading) relaxed(i int) Reading {
	w := bareWord(r.Required[i])
	r.Required = slices.Clone(r.Required)
	if i > 0 && i+1 < len(r.Required) && !strings.HasSuffix(r.Required[i-1], ",") {
		r.Required[i-1] += ","
	}
	r.Required = slices.Delete(r.Required, i, i+1)
	r.Optional = append(slices.Clip(r.Optional), w)
	r.Dropped = append(slices.Clip(r.Dropped), w)
	return r
}

// inTerm reports whether w is a word of one of r's terms.
func (r Reading) inTerm(w string) bool {
	return slices.ContainsFunc(r.terms, func(term string) bool {
		return slices.Contains(strings.Fields(term), strings.ToLower(w))
	})
}

// droppable is the indexes in Required of the words that relaxing may stop
// requiring: not names, which carry the search, nor a word no article holds,
// which finds nothing whatever else is asked, nor a word of a term; and
// none when fewer than two words are required, as a question keeps one.
func (r Reading) droppable() []int {
	var out []int
	words := 0
	for i, w := range r.Required {
		c, ok := r.counts[bareWord(w)]
		if !ok {
			continue // a connector
		}
		if words++; !isCapitalised(w) && !r.inTerm(bareWord(w)) && c.Body > 0 {
			out = append(out, i)
		}
	}
	if words < 2 {
		return nil
	}
	return out
}
