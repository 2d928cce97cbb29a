package commands

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"newsbot/index/names"
	"newsbot/index/news"
)

// Searcher is what answering needs from the article index.
type Searcher interface {
	Search(ctx context.Context, q news.Query) (news.Results, error)
	SimilarWords(ctx context.Context, word string, n int) ([]string, error)
	People(ctx context.Context, prefix string, n int) ([]news.Person, error)
	WordCounts(ctx context.Context, words []string) (map[string]news.WordCount, int, error)
	Latest(ctx context.Context) (time.Time, error)
	// Stem is the form the searcher compares a word by ("rates" and "rate"
	// alike), so that the words of a question are found in the sentences of
	// the articles as the search found them.
	Stem(word string) string
}

// ErrNoSubject means a question had no subject left once its question words
// were taken out ("what's new?"). PeopleToAskAbout gives examples to add.
var ErrNoSubject = errors.New("ask about a person or a topic")

// ErrTooLong means a question's subject has more words or characters than a
// subject has: a pasted paragraph is no question.
var ErrTooLong = fmt.Errorf("that is more than a subject: ask about a person or a topic in up to %d words", maxSubjectWords)

// maxSubjectWords and MaxSubjectLength bound a subject; of its content
// words, at most maxRequiredWords, the rarest, are required of every
// source, so that a question told at length ("my uncle who trades futures
// says coffee prices are weak because producers can't agree on quotas")
// finds what its rarest words do, and relaxing it stays quick.
const (
	maxSubjectWords  = 20
	MaxSubjectLength = 200
	maxRequiredWords = 6
)

// DefaultSources is how many sources an answer lists unless asked otherwise.
const DefaultSources = 5

// maxSummary and minSummary bound the summary's length in sentences.
const (
	maxSummary = 5
	minSummary = 2
)

// maxCandidates is how many sentences on the subject a summary takes from
// each article, the first ones: plenty to choose from, while the centrality
// of each is weighed against every other.
const maxCandidates = 30

// Request is a question and its limits.
type Request struct {
	Question string
	// Since and Until, when not zero, keep only articles dated on or after
	// Since and before Until, besides any dates in the question.
	Since, Until time.Time
	// Newest puts the newest sources first, as "latest" in the question does,
	// and Oldest the oldest, as "earliest" does.
	Newest, Oldest bool
	// Now is the time that "today" and "last week" count from; the clock's
	// when zero.
	Now time.Time
	// Sources is how many sources to list; DefaultSources when zero.
	Sources int
	// Aliases are other spellings of names, applied to the subject's words.
	Aliases Aliases
}

// Answer is what newsbot says to a question.
type Answer struct {
	Question string
	// Subject is what the question is about, as searched: for a surname
	// several people share, the most covered of them.
	Subject string
	// Others are the other people with that surname, or the subject
	// spelled as far more articles spell it, for "did you mean".
	Others []string
	// Reading is how the question was read, with the days it asks about.
	Reading Reading
	// Found is how many articles match the subject.
	Found int
	// Summary is 2-5 sentences quoted from the sources, in date order.
	Summary []Statement
	// Sources are the articles the answer draws on, most about the subject
	// first, numbered from 1.
	Sources []Source
	// Next is where the next page of sources begins among the matches in
	// ranking order: the sources shown stand for the matches before it,
	// repeats of their stories included.
	Next int
	// Suggestions, when nothing was found, say what might find something.
	Suggestions []string
}

// Statement is one summary sentence, verbatim, with the numbers of the sources
// that contain it (more than one when a wire story ran in several places).
type Statement struct {
	Text    string
	Sources []int
	// Day is the day the sentence means by "on Friday" or "yesterday",
	// counted from its first source's date; zero when it names no such day.
	Day time.Time
}

// Source is a numbered article with an excerpt about the subject.
type Source struct {
	N       int
	Article news.Article
	Excerpt []Fragment
}

// Fragment is a piece of an excerpt; Match marks the subject's words, which
// renderers put in bold.
type Fragment struct {
	Text  string
	Match bool
}

// Ask answers a question from the articles found by s. It never invents: a
// subject with no matching article gets an answer with Found == 0 and
// suggestions, not a summary of something else; nor does a period with no
// article on the subject get sources from other dates.
func Ask(ctx context.Context, s Searcher, req Request) (Answer, error) {
	r, err := Read(ctx, s, req)
	if err != nil {
		return Answer{}, err
	}
	ans := Answer{Question: req.Question, Subject: r.Subject}
	if r.Subject == "" {
		// "what happened yesterday?", "anything but the dollar?"
		ans.Subject = strings.Join(slices.Concat([]string{"News"}, strings.Fields(r.Period.phrase()), leftOut(r.Without)), " ")
	}
	if person, others, err := disambiguate(ctx, s, r); err != nil {
		return ans, err
	} else if person != "" {
		ans.Subject, ans.Others = person, others
		r.Subject, r.Required = person, strings.Fields(person)
	}
	if len(ans.Others) == 0 && len(r.Commoner) > 0 {
		respelled := strings.Fields(r.Subject)
		for i, w := range respelled {
			if alt, ok := r.Commoner[bareWord(w)]; ok {
				respelled[i] = strings.Replace(w, bareWord(w), alt, 1)
			}
		}
		ans.Others = []string{strings.Join(respelled, " ")}
	}
	subjectAsRead := r.Subject
	p, err := findPage(ctx, s, &r, req, 0)
	if ans.Subject == subjectAsRead {
		ans.Subject = r.Subject // names relaxing took apart: "Texaco, Pennzoil"
	}
	ans.Reading = r
	if err != nil {
		return ans, err
	}
	ans.Found = p.found
	if p.found == 0 {
		if r.dated {
			ans.Suggestions, err = nearestPeriods(ctx, s, p.query, r, req.Aliases)
		} else {
			ans.Suggestions, err = suggest(ctx, s, p.query)
		}
		return ans, err
	}
	ans.Next = p.next
	// The news of a period, or the latest on a subject, comes newest first,
	// and the earliest oldest first.
	if len(r.Required) == 0 {
		ans.Summary = leads(p.matches, r.Newest)
	} else {
		ans.Summary = summarize(firstDays(p.matches, r.Newest || r.Oldest), slices.Concat(p.query.Words, p.query.Optional), p.query.Words, p.query.Aliases, s.Stem, r.Newest)
	}
	// A summary newest first cites the newest of its sources first, and
	// these stay newest first; the sources it does not quote come after.
	matches, summary := citedInOrder(p.matches, ans.Summary)
	ans.Summary = summary
	ans.Sources = sources(matches, 0, ans.Summary)
	for i, st := range ans.Summary {
		ans.Summary[i].Day, _ = DayMeant(st.Text, ans.Sources[st.Sources[0]-1].Article.Date)
	}
	return ans, nil
}

// NothingFound says that no article answers: "Nothing on “sugar” in May
// 1987", "Nothing in the index is about “Zorblax”".
func (a Answer) NothingFound() string {
	p := a.Reading.Period
	switch {
	case p.IsZero():
		return fmt.Sprintf("Nothing in the index is about “%s”", a.Subject)
	case a.Reading.Subject == "":
		return "No news " + p.phrase()
	}
	return fmt.Sprintf("Nothing on “%s” %s", a.Subject, p.phrase())
}

// page is a page of the sources of an answer.
type page struct {
	query   news.Query
	found   int
	matches []news.Match
	next    int
}

// maxReadOn is the most matches a page of sources reads through when the
// first it read were mostly repeats of one story. Reading on is the search
// again, loading every match it reads: over a million generated articles,
// whose first matches mostly repeat each other, reading on through 40 and
// then 160 took the bench's questions from 15 to 43 ms on average, and as
// many as match matter most where many do. Where more match, the page lists
// what it found.
const maxReadOn = 100

// findPage finds the page of sources of r from the from-th match on: the
// newest news of the period for a question with no subject; else the
// matches of r's words, relaxed while too few articles hold them all, most
// relevant first, or newest first when r asks for the latest; of two
// subjects read as either, each subject's in turn. Of at most maxReadOn
// matches, those that hold a term's words apart are no sources, and when
// all do, none is found.
func findPage(ctx context.Context, s Searcher, r *Reading, req Request, from int) (page, error) {
	limit := cmp.Or(req.Sources, DefaultSources)
	// Ask for more than will be shown: repeats of a story are dropped.
	size := 2 * limit
	if len(r.Required) == 0 {
		q := r.query(req.Aliases) // the period, and any words to leave out
		q.Newest, q.Oldest, q.Size, q.From = r.Newest, r.Oldest, size, from
		res, err := s.Search(ctx, q)
		if err != nil {
			return page{query: q}, err
		}
		matches, read := distinctStories(res.Matches, limit)
		return page{q, res.Total, matches, from + read}, nil
	}
	// The matches are ordered (see inWindows) a window of size at a time,
	// each window beginning at a multiple of size, so that a page orders the
	// matches as the page before did: ordered from where that page stopped,
	// a match moved up past its cut was listed again, and the one moved down
	// never was. A page beginning inside a window reads the next one too.
	start, end := windowsAround(from, size)
	window := func(q news.Query) news.Query {
		q.From, q.Size = start, end-start
		return q
	}
	q := window(r.query(req.Aliases))
	first := q
	// The latest or earliest news is chosen among the articles about the
	// subject (byDateAbout): here only how many there are matters.
	full := !r.Newest && !r.Oldest
	if !full {
		first.Size, first.Light = 0, true
	}
	res, err := s.Search(ctx, first)
	if errors.Is(err, news.ErrNoWords) {
		return page{query: q}, fmt.Errorf("%q has no word to search for: %w", r.Subject, ErrNoSubject)
	}
	if err != nil {
		return page{query: q}, err
	}
	if res.Total < limit {
		strict, either := r.Required, len(r.either)
		if res, err = relax(ctx, s, r, req.Aliases, res, limit); err != nil {
			return page{query: q}, err
		}
		if !slices.Equal(r.Required, strict) || len(r.either) != either {
			q = window(r.query(req.Aliases))
			full = false
		}
	}
	if held := r.heldTerms(); len(held) > 0 && res.Total > 0 && res.Total <= maxReadOn {
		// The search finds a term's words wherever they are: of matches few
		// enough to read, only those holding each term together are about
		// it. Of more, the best mostly do.
		var together []string
		if together, err = idsHoldingTerms(ctx, s, q, held, req.Aliases); err != nil {
			return page{query: q}, err
		}
		if len(together) == 0 {
			return page{query: q}, nil
		}
		if len(together) < res.Total {
			q.IDs, res.Total, full = together, len(together), false
		}
	}
	sides := r.sides(req.Aliases)
	for i := range sides {
		sides[i].IDs = q.IDs
	}
	switch {
	case len(sides) > 0 && (r.Newest || r.Oldest):
		matches, next, err := eachByDate(ctx, s, q, sides, r.Oldest, from, limit)
		return page{q, res.Total, matches, next}, err
	case r.Newest || r.Oldest:
		matches, next, err := byDateAbout(ctx, s, q, r.Oldest, from, limit)
		return page{q, res.Total, matches, next}, err
	case len(sides) > 0:
		matches, read, err := eachInTurn(ctx, s, sides, r.Dropped, from, size, limit)
		return page{q, res.Total, matches, from + read}, err
	}
	if !full {
		if res, err = s.Search(ctx, q); err != nil {
			return page{query: q}, err
		}
	}
	ordered := relevanceOrder(q.Words, r.Dropped, s.Stem)
	fromHere := func(matches []news.Match) []news.Match {
		return inWindows(matches, size, ordered)[min(from-start, len(matches)):]
	}
	matches, read := distinctStories(fromHere(res.Matches), limit)
	// A daily report under one headline ("HOG AND CATTLE SLAUGHTER
	// GUESSTIMATES") may fill a page with repeats of one story: read on,
	// through the rest of the matches, when they are few.
	if len(matches) < limit && start+len(res.Matches) < res.Total && res.Total <= maxReadOn {
		q.Size = res.Total - start
		if res, err = s.Search(ctx, q); err != nil {
			return page{query: q}, err
		}
		matches, read = distinctStories(fromHere(res.Matches), limit)
	}
	// The summary cites them by their place.
	matches = ordered(newerFirstAmongEquals(matches))
	return page{q, res.Total, matches, from + read}, nil
}

// eachInTurn returns up to limit sources from the from-th on of subjects
// read as either, one on each in turn, in the order asked, and how many it
// went through: "ibm or boeing" lists IBM's most relevant story, then
// Boeing's, and so on; an article on both is listed once, where it comes
// first. Every page reads each side from its first match, so that it goes
// on where the page before stopped.
func eachInTurn(ctx context.Context, s Searcher, sides []news.Query, dropped []string, from, size, limit int) ([]news.Match, int, error) {
	var lists [][]news.Match
	for _, q := range sides {
		q.From, q.Size = 0, from-from%size+2*size
		res, err := s.Search(ctx, q)
		if errors.Is(err, news.ErrNoWords) {
			continue // a subject the index keeps no word of: "I!A" in "Witkoff or I!A"
		}
		if err != nil {
			return nil, 0, err
		}
		lists = append(lists, inWindows(res.Matches, size, relevanceOrder(q.Words, dropped, s.Stem)))
	}
	merged := inTurns(lists)
	matches, read := distinctStories(merged[min(from, len(merged)):], limit)
	return matches, read, nil
}

// eachByDate returns the page from the from-th on of the sources on
// subjects read as either, newest first, or oldest first, and where the
// next page begins: the latest (or the earliest) on each subject (see
// aboutByDate), together in date order, quoted as q, the search for them
// all, finds them. Chosen among the articles most about any of them, the
// latest would be on the subject the most articles are about.
func eachByDate(ctx context.Context, s Searcher, q news.Query, sides []news.Query, oldest bool, from, limit int) ([]news.Match, int, error) {
	var pools [][]news.Match
	for _, side := range sides {
		about, err := aboutByDate(ctx, s, side, oldest, limit)
		if errors.Is(err, news.ErrNoWords) {
			continue // a subject the index keeps no word of
		}
		if err != nil {
			return nil, from, err
		}
		pools = append(pools, about)
	}
	about := inTurns(pools)
	slices.SortStableFunc(about, dateOrder(oldest))
	return pageByDate(ctx, s, q, about, oldest, from, limit)
}

// inTurns is the first of each list, then the second of each, and so on,
// each article once.
func inTurns(lists [][]news.Match) []news.Match {
	var out []news.Match
	seen := map[string]bool{}
	for i, more := 0, true; more; i++ {
		more = false
		for _, list := range lists {
			if i >= len(list) {
				continue
			}
			more = true
			if id := list[i].Article.ID; !seen[id] {
				seen[id] = true
				out = append(out, list[i])
			}
		}
	}
	return out
}

// relevanceOrder orders a window of the matches of a search for words, most
// relevant first: those holding the words as words before those holding
// them inside names (see wordsFirst), and, when the search stopped
// requiring some, those holding every word asked first (see
// everyWordFirst).
func relevanceOrder(words, dropped []string, stem func(string) string) func([]news.Match) []news.Match {
	return func(matches []news.Match) []news.Match {
		return everyWordFirst(wordsFirst(matches, words, stem), dropped, stem)
	}
}

// windowsAround is where the windows of size that a page from the from-th
// match reads begin and end: the window it begins in, and the next too when
// it begins inside one.
func windowsAround(from, size int) (start, end int) {
	start, end = from-from%size, from-from%size+size
	if from > start {
		end += size
	}
	return start, end
}

// inWindows orders each window of size matches on its own, in turn.
func inWindows(matches []news.Match, size int, order func([]news.Match) []news.Match) []news.Match {
	var out []news.Match
	for len(matches) > 0 {
		n := min(size, len(matches))
		out = append(out, order(matches[:n:n])...)
		matches = matches[n:]
	}
	return out
}

// everyWordFirst puts first the matches that hold every word the search
// stopped requiring, in title or text: when few articles hold all the words
// asked, those few answer best, and the bonus for an optional word does not
// always lift them above the others ("copper mine shutdowns": a refinery's
// shutdown above a copper mine's).
func everyWordFirst(matches []news.Match, dropped []string, stemOf func(string) string) []news.Match {
	if len(dropped) == 0 {
		return matches
	}
	return inFront(matches, func(i int) bool {
		m := matches[i]
		return !slices.ContainsFunc(dropped, func(w string) bool {
			stem := stemOf(w)
			return !holdsWord(m, stem, stemOf) && !slices.ContainsFunc(m.TitleSpans, func(sp news.Span) bool {
				return stemOf(trimPossessive(m.Article.Title[sp.Start:sp.End])) == stem
			})
		})
	})
}

// inFront puts first, in their order, the matches for which front is true
// of their place, then the others, in theirs.
func inFront(matches []news.Match, front func(i int) bool) []news.Match {
	var first, rest []news.Match
	for i, m := range matches {
		if front(i) {
			first = append(first, m)
		} else {
			rest = append(rest, m)
		}
	}
	return append(first, rest...)
}

// wordsFirst puts last the matches that hold a word asked in lower case
// only inside a name, or only as the unit of an amount, when other matches
// hold it as a word: "dollar" asks about the currency, not Family Dollar
// Stores; "gold" not Sea Gold Oil; "yen" not a bank's "200 billion yen of
// bills". A word that no match writes in lower case ("witkoff") is a name
// typed carelessly, and orders nothing.
func wordsFirst(matches []news.Match, words []string, stemOf func(string) string) []news.Match {
	for _, w := range words {
		if isCapitalised(w) {
			continue
		}
		stem := stemOf(bareWord(w))
		aside := make([]bool, len(matches))
		asWord := false
		for i, m := range matches {
			aside[i] = writesAsName(m, stem, stemOf) || writesAsAmount(m, stem, stemOf)
			asWord = asWord || !aside[i] && holdsWord(m, stem, stemOf)
		}
		if !asWord {
			continue
		}
		matches = inFront(matches, func(i int) bool { return !aside[i] })
	}
	return textsFirst(matches)
}

// textsFirst puts last the matches whose text holds none of the words asked,
// in any spelling, when others' does: only their title does, and a title in
// capitals ("MUTUAL OF OMAHA INTEREST SHARES INC PAYOUT") does not tell a
// name from a word.
func textsFirst(matches []news.Match) []news.Match {
	return inFront(matches, func(i int) bool { return len(matches[i].BodySpans) > 0 })
}

// writesAsName reports whether a match's body holds the word with this stem,
// and only capitalised inside a sentence, or opening one before another
// capitalised word, as a name: "Sterling Software Inc said" is no news of
// sterling, where "Sterling rose" is.
func writesAsName(m news.Match, stem string, stemOf func(string) string) bool {
	return writesOnly(m, stem, stemOf, func(body string, sp news.Span) bool {
		return isCapitalised(body[sp.Start:sp.End]) && (!startsSentence(body, sp.Start) || beforeCapitalised(body, sp.End))
	})
}

// beforeCapitalised reports whether the word after i in text, in the same
// sentence, is capitalised.
func beforeCapitalised(text string, i int) bool {
	rest := text[i:]
	if !strings.HasPrefix(rest, " ") {
		return false // "Sterling," or "Sterling."
	}
	next, _, _ := strings.Cut(strings.TrimLeft(rest, " "), " ")
	return isCapitalised(next)
}

// writesAsAmount reports whether a match's body holds the word with this
// stem, and only as the unit of a large amount: "10 billion yen", "5 mln
// dlrs". A rate or a price ("140 yen") still speaks of the currency.
func writesAsAmount(m news.Match, stem string, stemOf func(string) string) bool {
	return writesOnly(m, stem, stemOf, func(body string, sp news.Span) bool {
		before := strings.Fields(body[max(0, sp.Start-40):sp.Start])
		n := len(before)
		return n >= 2 && amountScales[strings.ToLower(before[n-1])] && isNumber(before[n-2])
	})
}

// writesOnly reports whether a match's body holds the word with this stem,
// and holds it as as says each time.
func writesOnly(m news.Match, stem string, stemOf func(string) string, as func(body string, sp news.Span) bool) bool {
	found := false
	for _, sp := range m.BodySpans {
		if stemOf(trimPossessive(m.Article.Body[sp.Start:sp.End])) != stem {
			continue
		}
		if !as(m.Article.Body, sp) {
			return false
		}
		found = true
	}
	return found
}

// amountScales are the words that make a number an amount of money, or of
// anything else counted in bulk.
var amountScales = map[string]bool{
	"thousand": true, "million": true, "billion": true, "trillion": true,
	"mln": true, "bln": true, "billions": true, "millions": true,
}

// isNumber reports whether w is a number as news writes one: "200", "1.5",
// "$3", "five", "several".
func isNumber(w string) bool {
	w = strings.TrimLeft(strings.ToLower(w), "$£€¥")
	return w != "" && w[0] >= '0' && w[0] <= '9' || numberWords[w]
}

// numberWords are the numbers written out before "million" or "billion".
var numberWords = map[string]bool{
	"one": true, "two": true, "three": true, "four": true, "five": true, "six": true,
	"seven": true, "eight": true, "nine": true, "ten": true, "twelve": true, "fifteen": true,
	"twenty": true, "thirty": true, "fifty": true, "hundred": true, "several": true, "a": true,
}

// holdsWord reports whether a match's body holds the word with this stem.
func holdsWord(m news.Match, stem string, stemOf func(string) string) bool {
	return slices.ContainsFunc(m.BodySpans, func(sp news.Span) bool {
		return stemOf(trimPossessive(m.Article.Body[sp.Start:sp.End])) == stem
	})
}

// startsSentence reports whether the word at i begins a sentence, a
// paragraph or the text after a dateline, where any word is capitalised.
func startsSentence(text string, i int) bool {
	before := strings.TrimRight(text[:i], " \"'‘“(")
	return before == "" || strings.HasSuffix(before, "\n") || strings.HasSuffix(before, " -") ||
		strings.ContainsAny(before[len(before)-1:], ".?!:")
}

// aboutShare is how high an article's score must be, as a share of the best
// one's, for it to be about the subject when the newest (or the oldest)
// come first: the newest article with the words in passing, or naming them
// once in its lead among other things, is not the latest news on them.
const aboutShare = 0.5

// aboutPool is how many of the most relevant matches the newest are chosen
// from.
const aboutPool = 100

// byDateAbout returns the page from the from-th on of the articles about
// q's subject, newest first, or oldest first, and where the next page
// begins. The newest are chosen among the recent articles about it (see
// recentlyAbout), the oldest among the first (see earliestAbout).
func byDateAbout(ctx context.Context, s Searcher, q news.Query, oldest bool, from, limit int) ([]news.Match, int, error) {
	about, err := aboutByDate(ctx, s, q, oldest, limit)
	if err != nil {
		return nil, from, err
	}
	return pageByDate(ctx, s, q, about, oldest, from, limit)
}

// aboutByDate returns the articles about q's subject that the pages newest
// first, or oldest first, are chosen from, in that order.
func aboutByDate(ctx context.Context, s Searcher, q news.Query, oldest bool, limit int) ([]news.Match, error) {
	among := recentlyAbout
	if oldest {
		among = earliestAbout
	}
	about, err := among(ctx, s, q, limit)
	slices.SortFunc(about, dateOrder(oldest))
	return about, err
}

// dateOrder is newestFirst, or oldestFirst.
func dateOrder(oldest bool) func(a, b news.Match) int {
	if oldest {
		return oldestFirst
	}
	return newestFirst
}

// pageByDate returns the page from the from-th on of about, articles in
// date order that match q, with the spans of q's words, and where the next
// page begins.
func pageByDate(ctx context.Context, s Searcher, q news.Query, about []news.Match, oldest bool, from, limit int) ([]news.Match, int, error) {
	if from >= len(about) {
		return nil, from, nil
	}
	// Wire stories repeat: a window of size is read for limit distinct
	// ones. The newest that use the words as words come first in each
	// window, the windows beginning at multiples of size, so that every
	// page orders them as the page before did (see findPage): a page that
	// began after the last one it took never listed those it passed over.
	size := 4 * limit
	start, end := windowsAround(from, size)
	about = about[start:min(len(about), end)]
	ids := make([]string, len(about))
	for i, m := range about {
		ids[i] = m.Article.ID
	}
	full := q
	full.IDs, full.From, full.Size, full.Newest, full.Oldest = ids, 0, len(ids), !oldest, oldest
	page, err := s.Search(ctx, full)
	if err != nil {
		return nil, from, err
	}
	ordered := inWindows(page.Matches, size, func(matches []news.Match) []news.Match {
		return wordsFirst(matches, q.Words, s.Stem)
	})
	matches, read := distinctStories(ordered[min(from-start, len(ordered)):], limit)
	slices.SortStableFunc(matches, dateOrder(oldest))
	return matches, from + read, nil
}

// newestFirst orders matches as a search sorted by date does: see
// news.Query.Newest.
func newestFirst(a, b news.Match) int {
	return cmp.Or(b.Article.Date.Compare(a.Article.Date), cmp.Compare(b.Score, a.Score), strings.Compare(a.Article.ID, b.Article.ID))
}

// oldestFirst orders matches as a search sorted by date does: see
// news.Query.Oldest.
func oldestFirst(a, b news.Match) int {
	return cmp.Or(a.Article.Date.Compare(b.Article.Date), cmp.Compare(b.Score, a.Score), strings.Compare(a.Article.ID, b.Article.ID))
}

// recentlyAbout returns the articles about q's subject that the newest
// are chosen from: the most about it of its last week of news, when that
// week has stories enough about it for a page, else of its last month,
// else of the whole period. Over a million articles the most relevant of
// all came from weeks apart, and "latest on Reagan" quoted a story of 2
// December among hundreds of the 31st; in the Reuters archive, "latest on
// oil" quoted June, though its last two days hold 59 stories on oil.
func recentlyAbout(ctx context.Context, s Searcher, q news.Query, limit int) ([]news.Match, error) {
	end := q.Until
	if newest, err := s.Latest(ctx); err != nil {
		return nil, err
	} else if end.IsZero() || newest.Before(end) {
		end = newest.AddDate(0, 0, 1)
	}
	var fewer []news.Match // the last days' articles about it, when too few full stories for a page
	for _, days := range recentPools {
		window := q
		if window.Since = end.AddDate(0, 0, -days); !window.Since.After(q.Since) {
			break
		}
		stories := window
		stories.InLead, stories.Stories, stories.Size, stories.Light = true, true, limit, true
		res, err := s.Search(ctx, stories)
		if err != nil {
			return nil, err
		}
		if res.Total >= limit {
			return mostAbout(ctx, s, window, limit)
		}
		if fewer == nil {
			named := stories
			named.Stories = false
			if res, err = s.Search(ctx, named); err != nil {
				return nil, err
			}
			fewer = res.Matches
		}
	}
	// A few stories of the last days that score near the best of all are
	// the latest too: "Bundesbank latest" quoted June, though stories of 20
	// October name it first. Short ones count here ("GREENSPAN SAYS FED
	// READY TO PROVIDE LIQUIDITY", 400 characters, for "latest on the fed"),
	// scoring near the best as an item naming it in passing does not.
	about, err := mostAbout(ctx, s, q, limit)
	for _, m := range fewer {
		if len(about) > 0 && m.Score >= aboutShare*about[0].Score && !slices.ContainsFunc(about, func(a news.Match) bool { return a.Article.ID == m.Article.ID }) {
			about = append(about, m)
		}
	}
	return about, err
}

// earliestAbout returns the articles about q's subject that the oldest are
// chosen from: of the first stories that name it in their title or first
// paragraph, else of the first articles that do, those scoring at least
// aboutShare of the best; else the most about it (see mostAbout). Over
// years of news the first report of a subject need not be among the
// hundred most relevant, and an article naming it among other things in
// its lead ("profit rose despite the tin crisis") is no report of it.
func earliestAbout(ctx context.Context, s Searcher, q news.Query, limit int) ([]news.Match, error) {
	most, err := mostAbout(ctx, s, q, limit)
	if err != nil || len(most) == 0 {
		return most, err
	}
	floor := aboutShare * most[0].Score
	first := q
	first.Light, first.From, first.Size, first.Oldest, first.InLead = true, 0, aboutPool, true, true
	for _, stories := range []bool{true, false} {
		first.Stories = stories
		res, err := s.Search(ctx, first)
		if err != nil {
			return nil, err
		}
		about := slices.DeleteFunc(res.Matches, func(m news.Match) bool { return m.Score < floor })
		if headlines(about) >= limit {
			return about, nil
		}
	}
	return most, nil
}

// headlines is how many headlines matches have between them: a daily report
// under one ("HOG AND CATTLE SLAUGHTER GUESSTIMATES") is one story however
// many days it ran.
func headlines(matches []news.Match) int {
	seen := map[string]bool{}
	for _, m := range matches {
		seen[strings.ToLower(m.Article.Title)] = true
	}
	return len(seen)
}

// withHeadlines is the first of matches, as many as hold n headlines.
func withHeadlines(matches []news.Match, n int) []news.Match {
	seen := map[string]bool{}
	for i, m := range matches {
		if seen[strings.ToLower(m.Article.Title)] = true; len(seen) > n {
			return matches[:i]
		}
	}
	return matches
}

// recentPools are the last days of news, back from the newest article,
// that recentlyAbout looks in first.
var recentPools = []int{7, 31}

// mostAbout returns the articles most about q's subject, at most
// aboutPool: the stories that name it first, near the best of them; else
// the articles that do; else those that score near the best, or, when those
// hold fewer than limit headlines, the best as far as 2*limit headlines: a
// daily report under one headline may score best on every day it ran.
func mostAbout(ctx context.Context, s Searcher, q news.Query, limit int) ([]news.Match, error) {
	pool := q
	pool.Light, pool.From, pool.Size = true, 0, aboutPool
	var about []news.Match
	for _, strict := range []struct{ inLead, stories bool }{{true, true}, {true, false}, {false, false}} {
		pool.InLead, pool.Stories = strict.inLead, strict.stories
		res, err := s.Search(ctx, pool)
		if err != nil {
			return nil, err
		}
		if about = nearTheBest(res.Matches); headlines(about) >= limit {
			break
		}
		if !strict.inLead {
			about = withHeadlines(res.Matches, 2*limit)
		}
	}
	return about, nil
}

// nearTheBest keeps the matches that score at least aboutShare of the first.
func nearTheBest(matches []news.Match) []news.Match {
	if len(matches) == 0 {
		return nil
	}
	top := matches[0].Score
	return slices.DeleteFunc(slices.Clone(matches), func(m news.Match) bool { return m.Score < aboutShare*top })
}

// firstDays keeps, for an answer on the latest news (newest first) or the
// earliest (oldest first), the sources of its first days to summarise, the
// most recent or the earliest, when there are enough of them. They are the
// first ones, so the summary's citations still number them right.
func firstDays(matches []news.Match, byDate bool) []news.Match {
	if !byDate || len(matches) == 0 {
		return matches
	}
	first := matches[0].Article.Date
	within := func(d time.Time) bool { return d.Sub(first).Abs() <= recentSpan*24*time.Hour }
	n := 0
	for n < len(matches) && within(matches[n].Article.Date) {
		n++
	}
	if n < minSummary {
		return matches
	}
	return matches[:n]
}

// recentSpan is how many days back from the newest source the summary of the
// latest news reaches, or on from the oldest that of the earliest.
const recentSpan = 7

// leads summarises the newest news of a period, with no subject: the opening
// sentence of each of the first stories, without its dateline, in date
// order, the newest first when newestFirst.
func leads(matches []news.Match, newestFirst bool) []Statement {
	var out []Statement
	for i, m := range matches {
		if len(out) == maxSummary {
			break
		}
		for _, s := range splitSentences(m.Article.Body) {
			if text := trimDateline(s.Text); quotable(text) && !leansOnContext(text) {
				out = append(out, Statement{Text: text, Sources: []int{i + 1}})
				break
			}
		}
	}
	slices.SortStableFunc(out, func(a, b Statement) int {
		c := matches[a.Sources[0]-1].Article.Date.Compare(matches[b.Sources[0]-1].Article.Date)
		if newestFirst {
			return -c
		}
		return c
	})
	return out
}

// nearestPeriods says, when nothing on q's subject falls in r's period, which
// periods of the same length nearest before and after it have some: with
// r's terms held together, when it has terms; and first, when the period
// holds no news at all, that it does not.
func nearestPeriods(ctx context.Context, s Searcher, q news.Query, r Reading, aliases Aliases) ([]string, error) {
	var found []string
	held := r.heldTerms()
	look := func(q news.Query) error {
		// The nearest match, or the nearest holding the terms of those
		// maxReadOn nearest.
		q.From, q.Uncounted = 0, true
		q.Size, q.Light = 1, true
		if len(held) > 0 {
			q.Size, q.Light = maxReadOn, false
		}
		res, err := s.Search(ctx, q)
		if err != nil {
			return err
		}
		i := slices.IndexFunc(res.Matches, func(m news.Match) bool { return holdsTerms(m.Article, held, aliases, s.Stem) })
		if i < 0 {
			return nil
		}
		near := unitAround(res.Matches[i].Article.Date, r.unit)
		q.Since, q.Until, q.Newest, q.Oldest, q.Uncounted = near.Since, near.Until, false, false, false
		n, err := countHoldingTerms(ctx, s, q, held, aliases)
		if err != nil {
			return err
		}
		found = append(found, fmt.Sprintf("%s (%s)", near, Articles(n)))
		return nil
	}
	if !r.Period.Since.IsZero() {
		before := q
		before.Since, before.Until, before.Newest = time.Time{}, r.Period.Since, true
		if err := look(before); err != nil {
			return nil, err
		}
	}
	if !r.Period.Until.IsZero() {
		after := q
		after.Since, after.Until, after.Oldest = r.Period.Until, time.Time{}, true
		if err := look(after); err != nil {
			return nil, err
		}
	}
	if len(found) == 0 {
		return []string{"No article in the index is on it at any date."}, nil
	}
	out := []string{"Nearest with some: " + strings.Join(found, ", ") + "."}
	// An archive has gaps: nothing on the subject may be nothing at all.
	if r.Subject != "" {
		all := news.Query{Since: r.Period.Since, Until: r.Period.Until}
		res, err := s.Search(ctx, all)
		if err != nil {
			return nil, err
		}
		if res.Total == 0 {
			out = append([]string{fmt.Sprintf("The index holds no news at all %s.", r.Period.phrase())}, out...)
		}
	}
	return out, nil
}

// unitAround is the day, week, month or year that holds d.
func unitAround(d time.Time, u unit) Period {
	d = d.UTC().Truncate(24 * time.Hour)
	switch u {
	case weeks:
		monday := lastWeekday(d, time.Monday)
		return Period{monday, monday.AddDate(0, 0, 7)}
	case months:
		first := d.AddDate(0, 0, 1-d.Day())
		return Period{first, first.AddDate(0, 1, 0)}
	case years:
		first := d.AddDate(0, 0, 1-d.YearDay())
		return Period{first, first.AddDate(1, 0, 0)}
	}
	return Period{d, d.AddDate(0, 0, 1)}
}

// disambiguate answers a lone surname shared by several people in the index
// ("Baker": James Baker and Howard Baker) with the most covered of them, and
// returns the others for a "did you mean". It returns "" when the subject is
// not such a surname, or when that person is named in under half of the
// articles with the word: "Morgan" is more often J.P. Morgan or a first name
// than Kevin Morgan, and "McDonald's" the restaurants.
func disambiguate(ctx context.Context, s Searcher, r Reading) (person string, others []string, err error) {
	if len(r.Required) != 1 || len(r.Optional) > 0 {
		return "", nil, nil
	}
	subject := r.Required[0]
	if strings.ContainsAny(subject, " -") || !isCapitalised(subject) {
		return "", nil, nil
	}
	people, err := s.People(ctx, subject, 200)
	if err != nil {
		return "", nil, err
	}
	var named []string // most covered first
	top := 0           // articles naming the first
	for _, p := range people {
		words := strings.Fields(p.Name)
		// A name seen once is more likely a misreading than a person.
		if p.Articles > 1 && len(words) > 1 && strings.EqualFold(words[len(words)-1], subject) {
			if named = append(named, p.Name); len(named) == 1 {
				top = p.Articles
			}
		}
	}
	if len(named) < 2 {
		return "", nil, nil
	}
	// Counted from the index's dictionary: a search would score every
	// article with the name, 80 ms for "Reagan" among a million.
	counts, _, err := s.WordCounts(ctx, []string{subject})
	if err != nil || 2*top < counts[subject].Names {
		return "", nil, err
	}
	return named[0], named[1:min(len(named), 4)], nil
}

// distinctStories returns up to limit matches, without those that repeat an
// earlier one (the same wire story under another title or date, or filed
// twice) or update it the same day (see updateOf). read is how many of
// matches it went through.
func distinctStories(matches []news.Match, limit int) (kept []news.Match, read int) {
	var seen repeats
	updated := map[string]bool{}
	for i, m := range matches {
		if len(kept) == limit {
			return kept, i
		}
		update := updateOf(m.Article)
		if update != "" && updated[update] {
			continue
		}
		if !seen.repeat(m.Article) {
			kept = append(kept, m)
			if update != "" {
				updated[update] = true
			}
		}
	}
	return kept, len(matches)
}

// updateOf names the market report that an article updates through its
// day, or is "": a market's report is filed again as it opens, at
// midsession and as it closes ("CBT SOYBEAN FUTURES OPEN SLIGHTLY FIRMER",
// "... MOSTLY HIGHER AT MIDSESSION", "... CLOSE STRONG IN NEW CROP"), with
// new figures, so that repeats does not know it; three of them listed one
// answer's sources. Its headline begins with the same three words, each of
// which carries meaning ("Bank of Japan intervenes" and "Bank of Japan
// deputy says" are two stories), names no company by its ticker ("FORD <F>
// EXTENDS ..."), and says when in the session it was filed: "World Bank
// loans Pakistan" and "World Bank loans Portugal", the same day, are two
// stories.
func updateOf(a news.Article) string {
	words := strings.Fields(strings.ToLower(a.Title))
	if len(words) < 4 || a.Date.IsZero() || strings.Contains(a.Title, "<") ||
		slices.ContainsFunc(words[:3], func(w string) bool { return stopWords[w] || !strings.ContainsFunc(w, unicode.IsLetter) }) ||
		!slices.ContainsFunc(words[3:], func(w string) bool { return sessionWords[w] }) {
		return ""
	}
	return publishedOn(a) + " " + strings.Join(words[:3], " ")
}

// titleHead is the first three words of a title, in lower case.
func titleHead(title string) string {
	words := strings.Fields(strings.ToLower(title))
	return strings.Join(words[:min(3, len(words))], " ")
}

// publishedOn is an article's day, as its feed's time of day does not
// matter here, or "" when it has none.
func publishedOn(a news.Article) string {
	if a.Date.IsZero() {
		return ""
	}
	return a.Date.Format(time.DateOnly)
}

// sessionWords say when in a trading session a market report was filed.
var sessionWords = wordsOf(`open opens opened opening close closes closed closing finish finishes finished
	midsession midday early late trading`)

// repeats recognises articles that repeat one seen before: the same wire
// story under another title or date, corrected, updated the same day under
// a headline that begins alike, or filed twice. A lead in the same words on
// another day, under another title and with other figures, is another story:
// a monthly release written to a template ("West Germany's current account
// surplus widened to a provisional 6.6 billion marks in February..." and, a
// month later, "... 7.0 billion marks in March"); so is another company's
// notice of the same day ("BOSTON, Oct 19 - Shr 22 cts vs 57 cts"). The day
// in a dateline ("TOKYO, March 29 - ") is no figure of the story.
type repeats struct{ seen []lead }

// lead is what repeats knows of an article it has seen.
type lead struct {
	// day is the article's day, "" when it has none; head is its title's
	// first three words; first is its first paragraph.
	day, head, title, first string
	words                   map[string]bool
}

// repeat reports whether a repeats an article seen before, and if not notes
// it as seen. Its figures are read only of leads in the same words.
func (r *repeats) repeat(a news.Article) bool {
	first := a.FirstParagraph()
	this := lead{day: publishedOn(a), head: titleHead(a.Title), title: strings.ToLower(a.Title), first: first, words: wordSet(first)}
	if slices.ContainsFunc(r.seen, func(l lead) bool {
		return overlap(l.words, this.words) >= 0.8 && (l.title == this.title || l.day != "" && l.day == this.day && l.head == this.head ||
			corrected(l.title) || corrected(this.title) || sameFigures(l.first, this.first))
	}) {
		return true
	}
	r.seen = append(r.seen, this)
	return false
}

// corrected reports whether a title, in lower case, is a story's correction
// ("CORRECTED - CRAZY EDDIE ..."), whose figures differ from the story's.
func corrected(title string) bool { return strings.HasPrefix(title, "corrected") }

// figure is a number as a text writes it: "6.6", "1,250", "1987".
var figure = regexp.MustCompile(`\d+(?:[.,]\d+)*`)

// figuresIn is the set of the figures in text.
func figuresIn(text string) map[string]bool {
	set := map[string]bool{}
	for _, f := range figure.FindAllString(text, -1) {
		set[f] = true
	}
	return set
}

// sameFigures reports whether two leads give the same figures, or none, the
// day of their datelines aside.
func sameFigures(lead, other string) bool {
	a, b := figuresIn(trimDateline(lead)), figuresIn(trimDateline(other))
	return len(a) == 0 && len(b) == 0 || overlap(a, b) >= 0.8
}

func isCapitalised(word string) bool {
	r, _ := utf8.DecodeRuneInString(word)
	return unicode.IsUpper(r)
}

// MoreSources returns the next page of sources of the answer to req, for
// paging through an answer: from is the Next of the page before, and the
// sources are numbered on from shown, the number of sources listed so far.
// The Answer has no summary.
func MoreSources(ctx context.Context, s Searcher, req Request, from, shown int) (Answer, error) {
	r, err := Read(ctx, s, req)
	if err != nil {
		return Answer{}, err
	}
	p, err := findPage(ctx, s, &r, req, from)
	if err != nil {
		return Answer{}, err
	}
	return Answer{Question: req.Question, Subject: r.Subject, Reading: r, Found: p.found, Sources: sources(p.matches, shown, nil), Next: p.next}, nil
}

// newerFirstAmongEquals orders a page of sources by score, the newer first
// among equal scores. It is done on the page chosen, since pages are cut in
// the order of the search.
func newerFirstAmongEquals(matches []news.Match) []news.Match {
	slices.SortStableFunc(matches, func(a, b news.Match) int {
		return cmp.Or(cmp.Compare(b.Score, a.Score), b.Article.Date.Compare(a.Article.Date))
	})
	return matches
}

// sources numbers matches from first+1 and quotes each, but for what
// summary quotes of it already.
func sources(matches []news.Match, first int, summary []Statement) []Source {
	out := make([]Source, len(matches))
	for i, m := range matches {
		quoted := map[string]bool{}
		for _, st := range summary {
			if slices.Contains(st.Sources, i+1) {
				quoted[st.Text] = true
			}
		}
		out[i] = Source{N: first + i + 1, Article: m.Article, Excerpt: excerpt(m, quoted)}
	}
	return out
}

// citedInOrder renumbers an answer's sources in the order its summary first
// cites them, the others after in their order, so that a reader meets [1],
// then [2], and so on.
func citedInOrder(matches []news.Match, summary []Statement) ([]news.Match, []Statement) {
	renumber := map[int]int{} // old number to new
	var order []int           // old numbers, new order
	use := func(n int) {
		if _, ok := renumber[n]; !ok {
			order = append(order, n)
			renumber[n] = len(order)
		}
	}
	for _, st := range summary {
		for _, n := range st.Sources {
			use(n)
		}
	}
	for n := 1; n <= len(matches); n++ {
		use(n)
	}
	reordered := make([]news.Match, len(matches))
	for i, n := range order {
		reordered[i] = matches[n-1]
	}
	out := make([]Statement, len(summary))
	for i, st := range summary {
		out[i] = Statement{Text: st.Text, Sources: make([]int, len(st.Sources))}
		for j, n := range st.Sources {
			out[i].Sources[j] = renumber[n]
		}
		slices.Sort(out[i].Sources)
	}
	return reordered, out
}

// suggest says what might find something when q found nothing: the query
// without its date limit, and its words one by one. (A word no article has
// was read as an indexed word spelled like it already: see Reading.)
func suggest(ctx context.Context, s Searcher, q news.Query) ([]string, error) {
	var out []string
	count := func(q news.Query) (news.Results, error) {
		q.Size, q.From = 1, 0
		return s.Search(ctx, q)
	}
	if !q.Since.IsZero() || !q.Until.IsZero() {
		all := q
		all.Since, all.Until, all.Newest = time.Time{}, time.Time{}, true
		res, err := count(all)
		if err != nil {
			return nil, err
		}
		if res.Total > 0 {
			out = append(out, fmt.Sprintf("Without the date limit, %s (newest %s).", Articles(res.Total), dateOr(res.Matches[0].Article.Date, "undated")))
		}
	}
	if len(q.Words) < 2 {
		return out, nil
	}
	for _, w := range q.Words {
		one := q
		one.Words = []string{w}
		res, err := count(one)
		if err != nil && !errors.Is(err, news.ErrNoWords) {
			return nil, err
		}
		if res.Total > 0 {
			out = append(out, fmt.Sprintf("%q alone: %s.", bareWord(w), Articles(res.Total)))
		}
	}
	return out, nil
}

// summarize picks up to maxSummary sentences that mention the subject from the
// matches, preferring sentences that hold more of the subject's words, from the
// more relevant articles, early in their article, and central among the
// sentences on the subject; it skips near-repeats, cites
// every source of a sentence that ran in several, and orders the result by
// date, then by rank. A sentence that ran word for word in several sources
// cites them all.
func summarize(matches []news.Match, words, required []string, aliases map[string][]string, stem func(string) string, newestFirst bool) []Statement {
	type candidate struct {
		sentence
		rank  int
		date  time.Time
		score float64
		words map[string]bool
		leans bool
	}
	key := spellingForms(required, aliases, stem)
	wordForms := make([][][]map[string]bool, len(words))
	for i, w := range words {
		wordForms[i] = spellingForms([]string{w}, aliases, stem)
	}
	names := namesRequired(required)
	// A name no article has marked (a stop word in capitals, like WHO,
	// which the index does not keep) cannot be asked of a sentence.
	marked := map[string]bool{}
	for _, m := range matches {
		maps.Copy(marked, matchedWords(m.Article.Body, m.BodySpans, 0, len(m.Article.Body)))
	}
	names = slices.DeleteFunc(names, func(name string) bool { return !namesEach(marked, []string{name}, aliases) })
	// A name that more than one of the articles gives is in the news:
	// "Zelensky", not an analyst quoted once.
	inNews := func(name string) bool {
		n := 0
		for _, m := range matches {
			if strings.Contains(m.Article.Body, name) {
				n++
			}
		}
		return n > 1
	}
	var candidates []candidate
	known := map[string]map[string]bool{} // the forms of each matched word
	for rank, m := range matches {
		taken := 0
		sentences := splitSentences(m.Article.Body)
		if isTable(sentences) {
			continue // its prose is the table's notes
		}
		for _, s := range sentences {
			if taken == maxCandidates {
				break
			}
			matched := matchedWords(m.Article.Body, m.BodySpans, s.Start, s.End)
			if !quotable(s.Text) || !namesEach(matched, names, aliases) {
				continue
			}
			forms := map[string]bool{}
			for w := range matched {
				// A word's forms are worked out once: stemming runs an analyzer.
				if _, ok := known[w]; !ok {
					known[w] = formsOf(w, stem)
				}
				maps.Copy(forms, known[w])
			}
			if !holdsSpelling(forms, key) {
				continue // only the common words of the question, not its subject
			}
			taken++
			held := 0
			for _, w := range wordForms {
				if holdsSpelling(forms, w) {
					held++
				}
			}
			coverage := float64(held) / float64(max(len(words), 1))
			score := 2*coverage + 1/float64(1+rank) + 0.5/float64(1+s.Index)
			s.Text = trimDateline(s.Text) // the source line has the date and place
			leans := leansOnContext(s.Text) || namedBefore(m.Article.Body, s, names, inNews)
			candidates = append(candidates, candidate{s, rank, m.Article.Date, score, wordSet(s.Text), leans})
		}
	}
	// A sentence that leans on one before it ("He said", "The company
	// added", "Sosnick said") is quoted only when too few others stand
	// alone.
	if standing := slices.DeleteFunc(slices.Clone(candidates), func(c candidate) bool { return c.leans }); len(standing) >= minSummary {
		candidates = standing
	}
	// Centrality: a sentence that shares words with the other sentences
	// about the subject tells what they have in common.
	for i := range candidates {
		sum := 0.0
		for j := range candidates {
			if i != j {
				sum += overlap(candidates[i].words, candidates[j].words)
			}
		}
		if len(candidates) > 1 {
			candidates[i].score += sum / float64(len(candidates)-1)
		}
	}
	slices.SortStableFunc(candidates, func(a, b candidate) int { return cmp.Compare(b.score, a.score) })

	var chosen []candidate
	var statements []Statement
	perSource := map[int]int{}
	for _, c := range candidates {
		if i := slices.IndexFunc(chosen, func(o candidate) bool { return overlap(o.words, c.words) >= 0.6 }); i >= 0 {
			if c.Text == chosen[i].Text && !slices.Contains(statements[i].Sources, c.rank+1) {
				statements[i].Sources = append(statements[i].Sources, c.rank+1)
			}
			continue
		}
		if len(chosen) == maxSummary || perSource[c.rank] == 2 && len(candidates) > minSummary {
			continue
		}
		perSource[c.rank]++
		chosen = append(chosen, c)
		statements = append(statements, Statement{Text: c.Text, Sources: []int{c.rank + 1}})
	}
	order := make([]int, len(chosen))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int {
		x, y := chosen[a], chosen[b]
		// Undated sentences come after the dated ones, not as the oldest.
		byDate := x.date.Compare(y.date)
		if newestFirst {
			byDate = -byDate
		}
		return cmp.Or(cmp.Compare(boolInt(x.date.IsZero()), boolInt(y.date.IsZero())), byDate, cmp.Compare(x.rank, y.rank), cmp.Compare(x.Index, y.Index))
	})
	out := make([]Statement, len(order))
	for i, idx := range order {
		out[i] = statements[idx]
		slices.Sort(out[i].Sources)
	}
	return out
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// quotable rules out sentences too short to say anything or too long to
// read, and pieces of text that read badly alone: a caption or a table row,
// which ends without a full stop or is a row of figures (see tableRow), and
// a piece of a quotation, whose quote marks do not pair up ("I would rather
// have a Volcker.").
func quotable(s string) bool {
	n := utf8.RuneCountInString(s)
	end, _ := utf8.DecodeLastRuneInString(strings.TrimRight(s, `"'’”)]`))
	return n >= 30 && n <= 500 && strings.ContainsRune(".!?", end) &&
		strings.Count(s, `"`)%2 == 0 && strings.Count(s, "“") == strings.Count(s, "”") &&
		!tableRow(s)
}

// tableRow reports whether s is a row of a table that happens to end in a
// full stop: three figures or more (a year aside), over twice as many as its
// function words ("TBN 15,000 mt bulk sugar Queensland/Japan 14.65 dlrs fio
// 10,000/1,000 20-30/4 CSR."), or dot leaders ("FORECASTS........T-bonds").
// A sentence tells with words: "Compared with February 1986, M3 rose 7-1/2
// pct." is one. The wires' shipping fixtures and market tables end in full
// stops, and once one was quoted its rows, alike, backed each other as the
// answer's centre: four of five sentences of "whats up with sugar" were
// freight fixtures.
func tableRow(s string) bool {
	if strings.Contains(s, "......") {
		return true
	}
	// The figures first, counted without allocating: a summary weighs every
	// sentence of ten articles, and most have fewer than three.
	trimmed := func(w string) string { return strings.Trim(w, `,.;:!?"'()`) }
	figures := 0
	for w := range strings.FieldsSeq(s) {
		bare := trimmed(w)
		if !strings.ContainsFunc(bare, unicode.IsDigit) {
			continue
		}
		if len(bare) == 4 {
			if _, year := yearOf(bare); year {
				continue
			}
		}
		figures++
	}
	if figures < 3 {
		return false
	}
	function := 0
	for w := range strings.FieldsSeq(s) {
		if stopWords[strings.ToLower(trimmed(w))] {
			function++
		}
	}
	return figures > 2*function
}

// tableSample is how many of an article's first sentences tell whether it
// is a table: a table starts as one.
const tableSample = 20

// isTable reports whether at least half of an article's first sentences are
// table rows: a list of shipping fixtures or of prices, whose other rows too read
// as no news ("T/C single or tweendecker 16,000/19,000 tonnes dw del
// Queensland mid-April/early-May for trip with bulk sugar...").
func isTable(sentences []sentence) bool {
	rows := 0
	sentences = sentences[:min(len(sentences), tableSample)]
	for _, s := range sentences {
		if tableRow(s.Text) {
			rows++
		}
	}
	return rows > 0 && 2*rows >= len(sentences)
}

// formsOf is the set of the forms that a word is compared by: lower case
// without accents, whole, stemmed, and each part of a hyphenated name.
func formsOf(w string, stem func(string) string) map[string]bool {
	folded := names.Fold(strings.ToLower(trimPossessive(bareWord(w))))
	set := map[string]bool{folded: true, stem(folded): true}
	for _, part := range strings.Split(folded, "-") {
		set[part] = true
	}
	delete(set, "")
	return set
}

// spellingForms are the spellings of each of words, each spelling as the
// forms of each of its words but stop words: a sentence holds a word when
// it holds every word of one of its spellings, "general" and "motors" of
// "General Motors", the other spelling of the subject "American Motors or
// General Motors" asks about.
func spellingForms(words []string, aliases map[string][]string, stem func(string) string) [][]map[string]bool {
	var out [][]map[string]bool
	for _, w := range words {
		for _, spelling := range append([]string{w}, aliases[w]...) {
			parts := strings.Fields(spelling)
			var each []map[string]bool
			for _, part := range parts {
				if len(parts) > 1 && stem(strings.ToLower(bareWord(part))) == "" {
					continue // "of" in "Bank of England"
				}
				each = append(each, formsOf(part, stem))
			}
			if len(each) > 0 {
				out = append(out, each)
			}
		}
	}
	return out
}

// holdsSpelling reports whether forms hold every word of one of spellings.
func holdsSpelling(forms map[string]bool, spellings [][]map[string]bool) bool {
	return slices.ContainsFunc(spellings, func(words []map[string]bool) bool {
		return !slices.ContainsFunc(words, func(w map[string]bool) bool { return !holdsAny(forms, w) })
	})
}

// holdsAny reports whether forms has any of want.
func holdsAny(forms, want map[string]bool) bool {
	for f := range want {
		if forms[f] {
			return true
		}
	}
	return false
}

// namesRequired is what a summary sentence must name, of a subject of
// several words: the last word of each name in it. A sentence about a person
// names them by surname at least ("Baker said"), not only by first name; one
// on "Iraq election" names Iraq, not only some election.
func namesRequired(words []string) []string {
	var out []string
	if len(words) < 2 {
		return nil
	}
	for i, w := range words {
		last := i == len(words)-1 || !isCapitalised(words[i+1]) || strings.HasSuffix(w, ",")
		if isCapitalised(w) && last {
			out = append(out, w)
		}
	}
	return out
}

// namesEach reports whether the words matched in a sentence hold each of the
// required names, in one of its spellings. The index takes a name apart at
// hyphens ("Kilroy-Silk"), so a sentence must hold each part.
func namesEach(matched map[string]bool, required []string, aliases map[string][]string) bool {
	holds := func(spelling string) bool {
		parts := strings.FieldsFunc(spelling, func(r rune) bool {
			return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !strings.ContainsRune(".'’&", r)
		})
		return len(parts) > 0 && !slices.ContainsFunc(parts, func(p string) bool { return !matched[names.Fold(strings.ToLower(p))] })
	}
	for _, name := range required {
		if !slices.ContainsFunc(append([]string{name}, aliases[name]...), holds) {
			return false
		}
	}
	return true
}

// matchedWords returns the distinct words, lower-cased and without accents,
// that the spans mark within text[start:end].
func matchedWords(text string, spans []news.Span, start, end int) map[string]bool {
	found := map[string]bool{}
	// Spans are in order: a long article has thousands, and as many sentences.
	first, _ := slices.BinarySearchFunc(spans, start, func(sp news.Span, start int) int { return cmp.Compare(sp.Start, start) })
	for _, sp := range spans[first:] {
		if sp.Start >= end {
			break
		}
		if sp.End <= end {
			found[names.Fold(strings.ToLower(trimPossessive(text[sp.Start:sp.End])))] = true
		}
	}
	return found
}

// Articles counts articles in words: "1 article", "12 articles".
func Articles(n int) string {
	if n == 1 {
		return "1 article"
	}
	return fmt.Sprintf("%d articles", n)
}

func dateOr(d time.Time, missing string) string {
	if d.IsZero() {
		return missing
	}
	return d.Format(time.DateOnly)
}

// matchCase gives word the capitalisation of like: "witkoff" as "Witkoff".
func matchCase(word, like string) string {
	first, _ := utf8.DecodeRuneInString(like)
	if !unicode.IsUpper(first) {
		return word
	}
	return capitalise(word)
}

// capitalise is word with its first letter in capitals.
func capitalise(word string) string {
	r, size := utf8.DecodeRuneInString(word)
	return string(unicode.ToUpper(r)) + word[size:]
}
