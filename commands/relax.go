package commands

import (
	"context"
	"math"
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
// of that day call semiconductors, not "japan". Names typed side by side
// may be two, which it may take apart instead, keeping every word: no
// article names "Texaco Pennzoil", and dozens name Texaco and Pennzoil. It
// returns the matches of the reading it leaves, counted, with its first few.
func relax(ctx context.Context, s Searcher, r *Reading, aliases Aliases, found news.Results, limit int) (news.Results, error) {
	for found.Total < limit {
		var trials []Reading
		var commonness []int // of the word each trial leaves out
		for _, i := range r.droppable() {
			trials, commonness = append(trials, r.relaxed(i)), append(commonness, r.counts[bareWord(r.Required[i])].Body)
		}
		sideBySide, err := r.namesSideBySide(ctx, s)
		if err != nil {
			return found, err
		}
		for _, i := range sideBySide {
			// As good as leaving a word out, it keeps them all.
			trials, commonness = append(trials, r.apart(i)), append(commonness, leavesNoWord)
		}
		best, bestFound, bestScore, bestCount := Reading{}, news.Results{Total: -1}, -1.0, 0
		for k, trial := range trials {
			// Score the first few alone: quoting is for the search that
			// stays.
			q := trial.query(aliases)
			q.Size, q.Light = limit, true
			res, err := s.Search(ctx, q)
			if err != nil {
				return found, err
			}
			if commonness[k] == leavesNoWord && res.Total == 0 {
				continue // what was typed stays as it was
			}
			score := 0.0
			for _, m := range res.Matches {
				score += m.Score
			}
			// Of words as good to leave out, the most common goes.
			if score > bestScore || score == bestScore && commonness[k] > bestCount {
				best, bestFound, bestScore, bestCount = trial, res, score, commonness[k]
			}
		}
		if bestFound.Total < 0 {
			break
		}
		*r, found = best, bestFound
	}
	return found, nil
}

// leavesNoWord stands, for a trial of relax that takes names apart, for
// the commonness of the word it leaves out.
const leavesNoWord = math.MaxInt

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

// namesSideBySide is the indexes in Required of the words that end a name
// another follows: "Texaco" in "Texaco Pennzoil", "GATT" in "GATT Uruguay
// round". A connector joins the words of one name ("Bank of England"), and
// so does a surname after a word that is none: "Tony Brown", whom no
// article names, is not Tony Blair and Gordon Brown, while "Reagan
// Gorbachev" and "Baker Miyazawa" are two people.
func (r Reading) namesSideBySide(ctx context.Context, s Searcher) ([]int, error) {
	var out []int
	for i := 0; i+1 < len(r.Required); i++ {
		w, next := r.Required[i], r.Required[i+1]
		_, isWord := r.counts[bareWord(w)]
		_, nextIsWord := r.counts[bareWord(next)]
		if !isWord || !nextIsWord || !isCapitalised(w) || !isCapitalised(next) || strings.HasSuffix(w, ",") {
			continue
		}
		nextSurname, err := isSurname(ctx, s, bareWord(next))
		if err != nil {
			return nil, err
		}
		surname, err := isSurname(ctx, s, bareWord(w))
		if err != nil {
			return nil, err
		}
		if surname || !nextSurname {
			out = append(out, i)
		}
	}
	return out, nil
}

// isSurname reports whether the people the articles name have word last in
// their names more often than first: "Reagan" of Ronald Reagan, though a
// few write of the "Reagan Administratian".
func isSurname(ctx context.Context, s Searcher, word string) (bool, error) {
	people, err := s.People(ctx, word, maxPeopleLookedUp)
	if err != nil {
		return false, err
	}
	first, last := 0, 0
	for _, p := range people {
		words := strings.Fields(p.Name)
		if strings.EqualFold(words[len(words)-1], word) {
			last += p.Articles
		} else if strings.EqualFold(words[0], word) {
			first += p.Articles
		}
	}
	return last > first, nil
}

// maxPeopleLookedUp bounds the people whose names are looked at for a
// word: those with a word of their name beginning with it, the most named
// first.
const maxPeopleLookedUp = 50

// apart is r requiring the names on each side of the end of its i-th
// required word apart, as the subject then shows: "Texaco, Pennzoil".
func (r Reading) apart(i int) Reading {
	w, next := r.Required[i], r.Required[i+1]
	r.Required = slices.Clone(r.Required)
	r.Required[i] += ","
	r.Subject = strings.Replace(r.Subject, w+" "+next, w+", "+next, 1)
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
