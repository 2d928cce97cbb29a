package commands

import (
	"context"
	"errors"
	"slices"
	"strings"
	"time"

	"newsbot/index/names"
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
// article names "Texaco Pennzoil", and dozens name Texaco and Pennzoil. And
// two subjects joined by "and" are read as two, before any word is left
// out: few articles name both IBM and Boeing, and "ibm and boeing" is
// answered on each, not on IBM alone. Names and terms far commoner than
// the topic they narrow are left out before it (see qualifiers). It
// returns the matches of the reading it leaves, counted, with its first
// few.
func relax(ctx context.Context, s Searcher, r *Reading, aliases Aliases, found news.Results, limit int) (news.Results, error) {
	if found.Total == 0 {
		if absent, err := r.wordInNoArticle(ctx, s, aliases, limit); err != nil || absent {
			return found, err
		}
	}
	surnames := surnameLookup(ctx, s)
	for found.Total < limit {
		trials, err := r.trials(surnames)
		if err != nil {
			return found, err
		}
		best, bestFound, bestScore := trial{}, news.Results{Total: -1}, -1.0
		for _, t := range trials {
			// Score the first few alone: quoting is for the search that
			// stays.
			q := t.reading.query(aliases)
			q.Size, q.Light = limit, true
			res, err := s.Search(ctx, q)
			if errors.Is(err, news.ErrNoWords) {
				continue // it left no word to search for: "Market Crash Of" without "Market" and "Crash"
			}
			if err != nil {
				return found, err
			}
			if (t.apart || t.either) && res.Total <= found.Total {
				continue // words found apart no more than together stay as typed
			}
			score := 0.0
			for _, m := range res.Matches {
				score += m.Score
			}
			if t.rank() > best.rank() || t.rank() == best.rank() && (score > bestScore || score == bestScore && t.beats(best)) {
				best, bestFound, bestScore = t, res, score
			}
		}
		if bestFound.Total < 0 {
			break
		}
		*r, found = best.reading, bestFound
	}
	return found, nil
}

// wordInNoArticle reports whether a word r requires is in no article of
// its period, or of the index. Every reading that keeps it then finds
// nothing, and one that leaves it out answers on something else: "lead &
// zinc" in a February without zinc gave five stories where "lead" is a
// verb, and "oil xyzzy" left out oil to find nothing. The answer says that
// nothing is on the subject, and names the periods that have some; so a
// period's lack counts only when other periods have a page of articles
// with every word: "my teacher asked about the crash on october 19" is
// about the crash that day, though one article of June holds "teacher" and
// "crash".
func (r Reading) wordInNoArticle(ctx context.Context, s Searcher, aliases Aliases, limit int) (bool, error) {
	absent, err := r.wordAbsent(ctx, s, aliases)
	if err != nil || !absent || r.Period.IsZero() {
		return absent, err
	}
	// A period with no article at all ("gold last week" of a clock past
	// the archive) has nothing for any reading; counting it is quick, and
	// counting the subject on every date over a million articles is not.
	period, err := s.Search(ctx, news.Query{Since: r.Period.Since, Until: r.Period.Until})
	if err != nil || period.Total == 0 {
		return err == nil, err
	}
	q := r.query(aliases)
	q.Since, q.Until, q.Size = time.Time{}, time.Time{}, 0
	anywhere, err := s.Search(ctx, q)
	return anywhere.Total >= limit, err
}

// wordAbsent reports whether a word r requires is in no article of its
// period, or of the index.
func (r Reading) wordAbsent(ctx context.Context, s Searcher, aliases Aliases) (bool, error) {
	for _, w := range r.Required {
		c, ok := r.counts[bareWord(w)]
		if !ok {
			continue // a connector
		}
		words := []string{bareWord(w)}
		spellings := aliases.For(words)
		if r.Period.IsZero() {
			// As droppable counts them: "17-apr-87" is in articles, as its
			// numbers and its month.
			if c.Body == 0 && c.Names == 0 && len(spellings) == 0 {
				return true, nil
			}
			continue
		}
		res, err := s.Search(ctx, news.Query{Words: words, Since: r.Period.Since, Until: r.Period.Until, Aliases: spellings})
		if errors.Is(err, news.ErrNoWords) {
			continue // a stop word ending a name: "Market Crash Of October"
		}
		if err != nil || res.Total == 0 {
			return err == nil, err
		}
	}
	return false, nil
}

// trial is a reading that relax may go on with: r leaving a word out,
// taking names typed side by side apart, or reading subjects joined by
// "and" as either.
type trial struct {
	reading Reading
	apart   bool
	// either is true for subjects joined by "and" read as subjects of
	// their own, which keeps every word.
	either bool
	// qualifier is true for a name or a term left out (see qualifiers).
	qualifier bool
	// common is how many articles hold the word left out.
	common int
}

// rank is which trials relax goes on with first, whatever their scores:
// subjects read as either, then names and terms left out (see qualifiers).
func (t trial) rank() int {
	switch {
	case t.either:
		return 2
	case t.qualifier:
		return 1
	}
	return 0
}

// beats says which of two trials that score alike relax goes on with:
// names taken apart, which keeps every word, else the one leaving out the
// commoner word.
func (t trial) beats(other trial) bool {
	return t.apart && !other.apart || t.apart == other.apart && t.common > other.common
}

// trials are the readings relax may go on with from r.
func (r Reading) trials(surname func(string) (bool, error)) ([]trial, error) {
	var out []trial
	for _, i := range r.droppable() {
		out = append(out, trial{reading: r.relaxed(i), common: r.counts[bareWord(r.Required[i])].Body})
	}
	sideBySide, err := r.namesSideBySide(surname)
	for _, i := range sideBySide {
		out = append(out, trial{reading: r.apart(i), apart: true})
	}
	for _, unit := range r.qualifiers() {
		out = append(out, trial{reading: r.relaxed(unit...), qualifier: true, common: r.counts[bareWord(r.Required[unit[0]])].Body})
	}
	for _, l := range r.joined {
		if !slices.ContainsFunc(r.either, func(e series) bool { return slices.Equal(e.words, l.words) }) {
			out = append(out, trial{reading: r.eitherOf(l), either: true})
		}
	}
	return out, err
}

// namesSideBySide is the indexes in Required of the words that end a name
// another follows: "Texaco" in "Texaco Pennzoil", "GATT" in "GATT Uruguay
// round". A connector joins the words of one name ("Bank of England"), and
// so does a surname after a word that is none: "Tony Brown", whom no
// article names, is not Tony Blair and Gordon Brown, while "Reagan
// Gorbachev" and "Baker Miyazawa" are two people.
func (r Reading) namesSideBySide(surname func(string) (bool, error)) ([]int, error) {
	var out []int
	for i := 0; i+1 < len(r.Required); i++ {
		w, next := r.Required[i], r.Required[i+1]
		_, isWord := r.counts[bareWord(w)]
		_, nextIsWord := r.counts[bareWord(next)]
		if !isWord || !nextIsWord || !isCapitalised(w) || !isCapitalised(next) || strings.HasSuffix(w, ",") {
			continue
		}
		nextSurname, err := surname(bareWord(next))
		if err != nil {
			return nil, err
		}
		firstSurname, err := surname(bareWord(w))
		if err != nil {
			return nil, err
		}
		if firstSurname || !nextSurname {
			out = append(out, i)
		}
	}
	return out, nil
}

// surnameLookup returns isSurname for s, asking s once per word.
func surnameLookup(ctx context.Context, s Searcher) func(string) (bool, error) {
	known := map[string]bool{}
	return func(word string) (bool, error) {
		if surname, ok := known[word]; ok {
			return surname, nil
		}
		surname, err := isSurname(ctx, s, word)
		if err == nil {
			known[word] = surname
		}
		return surname, err
	}
}

// isSurname reports whether the people the articles name have word last in
// their names more often than first: "Reagan" of Ronald Reagan, though a
// few write of the "Reagan Administratian". Names are compared as People
// finds them, without accents: "Perez" is Pérez.
func isSurname(ctx context.Context, s Searcher, word string) (bool, error) {
	people, err := s.People(ctx, word, maxPeopleLookedUp)
	if err != nil {
		return false, err
	}
	folded := names.Fold(strings.ToLower(word))
	first, last := 0, 0
	for _, p := range people {
		words := strings.Fields(names.Fold(strings.ToLower(p.Name)))
		switch {
		case len(words) == 0:
		case words[len(words)-1] == folded:
			last += p.Articles
		case words[0] == folded:
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

// inSeries reports whether w is a word of a series r joins: each of "ibm
// and boeing" is a subject, which relaxing keeps.
func (r Reading) inSeries(w string) bool {
	return slices.ContainsFunc(r.joined, func(l series) bool { return l.has(w) })
}

// inTerm reports whether w is a word of one of r's terms.
func (r Reading) inTerm(w string) bool {
	return slices.ContainsFunc(r.terms, func(term string) bool {
		return slices.Contains(strings.Fields(term), strings.ToLower(w))
	})
}

// droppable is the indexes in Required of the words that relaxing may stop
// requiring: not words of a series of subjects, nor names, which carry the
// search (but those read from lower case, in a question without dates:
// "bank of england this week" is its few stories of the week, not the
// week's banks), nor a word no article holds, which finds nothing whatever
// else is asked, nor a word of a term, nor what the question points at
// while others can go; and none when fewer than two words are required, as
// a question keeps one.
func (r Reading) droppable() []int {
	var out []int
	words := 0
	for i, w := range r.Required {
		c, ok := r.counts[bareWord(w)]
		if !ok {
			continue // a connector
		}
		if words++; (!isCapitalised(w) || r.Period.IsZero() && slices.Contains(r.typedLower, bareWord(w))) && !r.inTerm(bareWord(w)) && !r.inSeries(bareWord(w)) && c.Body > 0 {
			out = append(out, i)
		}
	}
	if words < 2 {
		return nil
	}
	// What the question points at stays while other words can go: "out of
	// the loop because of exams, what's been going on with wheat?" left out
	// wheat and answered on exams.
	notAsked := slices.DeleteFunc(slices.Clone(out), func(i int) bool { return slices.Contains(r.asked, bareWord(r.Required[i])) })
	if len(notAsked) > 0 {
		return notAsked
	}
	return out
}

// qualifierRatio is how many times as many articles as the question's
// rarest other word a name or a term must hold for relaxing to leave it out,
// whole: the place or the party the question narrows its topic to.
const qualifierRatio = 5

// qualifiers are the names and terms among r's required words, each as the
// places of its words in Required, when each is held by qualifierRatio
// times as many articles as the rarest word that is neither: the places
// and parties that narrow a topic, which relaxing leaves out before the
// topic. "platinum price south africa" asks about platinum, of which few
// stories name South Africa, and not South Africa's news; "EC meat import
// rules for the US?" about meat import rules. A name fewer articles hold
// is what the question asks about: "what did Nakasone offer to calm
// Washington?" keeps Nakasone and Washington.
func (r Reading) qualifiers() [][]int {
	rarest := -1
	for _, w := range r.Required {
		c, ok := r.counts[bareWord(w)]
		if ok && !isCapitalised(w) && !r.inTerm(bareWord(w)) && !r.inSeries(bareWord(w)) && c.Body > 0 && (rarest < 0 || c.Body < rarest) {
			rarest = c.Body
		}
	}
	if rarest < 0 {
		return nil
	}
	var units [][]int
	for i := 0; i < len(r.Required); i++ {
		w := r.Required[i]
		if _, ok := r.counts[bareWord(w)]; !ok || r.inSeries(bareWord(w)) || !isCapitalised(w) && !r.inTerm(bareWord(w)) {
			continue
		}
		unit := []int{i}
		for i+1 < len(r.Required) && !strings.HasSuffix(r.Required[i], ",") && (isCapitalised(r.Required[i+1]) || r.inTerm(bareWord(r.Required[i+1]))) {
			i++
			unit = append(unit, i)
		}
		held := -1
		for _, j := range unit {
			if c, ok := r.counts[bareWord(r.Required[j])]; ok && (held < 0 || max(c.Body, c.Names) < held) {
				held = max(c.Body, c.Names)
			}
		}
		if held < qualifierRatio*rarest {
			return nil // a name the question is about: "Nakasone" in "what did Nakasone offer to calm Washington?"
		}
		units = append(units, unit)
	}
	return units
}

// relaxed is r no longer requiring its required words at places, one
// word or the words of a name or a term side by side, which only rank then,
// and are said to be left out. A comma takes their place, so that the
// names on each side are not taken for one ("Reagan budget Volcker").
func (r Reading) relaxed(places ...int) Reading {
	words := make([]string, len(places))
	for k, j := range places {
		words[k] = bareWord(r.Required[j])
	}
	first, last := places[0], places[len(places)-1]
	r.Required = slices.Clone(r.Required)
	if first > 0 && last+1 < len(r.Required) && !strings.HasSuffix(r.Required[first-1], ",") {
		r.Required[first-1] += ","
	}
	r.Required = slices.Delete(r.Required, first, last+1)
	r.Optional = append(slices.Clip(r.Optional), words...)
	r.Dropped = append(slices.Clip(r.Dropped), words...)
	r.terms = slices.DeleteFunc(slices.Clone(r.terms), func(term string) bool {
		return slices.ContainsFunc(strings.Fields(term), func(w string) bool { return slices.Contains(words, w) })
	})
	return r
}
