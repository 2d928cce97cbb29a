// Package commands turns questions into answers: summaries with citations,
// sources with excerpts, single-article summaries. Answers are plain Go values,
// rendered by the command line and by the Discord bot alike.
package commands

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"newsbot/index"
)

// Searcher is what answering needs from the article index.
type Searcher interface {
	Search(ctx context.Context, q index.Query) (index.Results, error)
	SimilarWords(word string, n int) ([]string, error)
	People(prefix string, n int) ([]index.Person, error)
}

// ErrNoSubject means a question had no subject left once its question words
// were taken out ("what's new?").
var ErrNoSubject = errors.New(`ask about a person or a topic, for example "Witkoff" or "Iran talks"`)

// ErrTooLong means a question's subject has more words or characters than a
// subject has: newsbot looks for articles with every word of it, so a pasted
// paragraph would find nothing, slowly.
var ErrTooLong = fmt.Errorf("that is more than a subject: ask about a person or a topic in up to %d words", maxSubjectWords)

// maxSubjectWords and maxSubjectLength bound a subject.
const (
	maxSubjectWords  = 12
	maxSubjectLength = 200
)

// subjectOf takes the subject out of a question, or says why it cannot.
func subjectOf(question string) (string, error) {
	subject := Subject(question)
	switch {
	case subject == "":
		return "", ErrNoSubject
	case len(SubjectQuery(subject, nil).Words) == 0:
		return "", fmt.Errorf("%q only leaves words out: %w", subject, ErrNoSubject)
	case len(strings.Fields(subject)) > maxSubjectWords || utf8.RuneCountInString(subject) > maxSubjectLength:
		return "", ErrTooLong
	}
	return subject, nil
}

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
	// Since, when not zero, keeps only articles dated on or after it.
	Since time.Time
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
	// Others are the other people with that surname, for "did you mean".
	Others []string
	Since  time.Time
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
}

// Source is a numbered article with an excerpt about the subject.
type Source struct {
	N       int
	Article index.Article
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
// suggestions, not a summary of something else.
func Ask(ctx context.Context, s Searcher, req Request) (Answer, error) {
	subject, err := subjectOf(req.Question)
	if err != nil {
		return Answer{}, err
	}
	limit := cmp.Or(req.Sources, DefaultSources)
	ans := Answer{Question: req.Question, Subject: subject, Since: req.Since}
	if person, others, err := disambiguate(ctx, s, subject); err != nil {
		return ans, err
	} else if person != "" {
		ans.Subject, ans.Others = person, others
	}
	// Ask for more than will be shown: repeats of a story are dropped.
	q := SubjectQuery(ans.Subject, req.Aliases)
	q.Since, q.Size = req.Since, 2*limit
	res, err := s.Search(ctx, q)
	if errors.Is(err, index.ErrNoWords) {
		return ans, fmt.Errorf("%q has no word to search for: %w", subject, ErrNoSubject)
	}
	if err != nil {
		return ans, err
	}
	ans.Found = res.Total
	if res.Total == 0 {
		ans.Suggestions, err = suggest(ctx, s, q)
		return ans, err
	}
	matches, read := distinctStories(res.Matches, limit)
	matches = newerFirstAmongEquals(matches) // the summary cites them by their place
	ans.Sources, ans.Next = sources(matches, 0), read
	ans.Summary = summarize(matches, q.Words, q.Aliases)
	return ans, nil
}

// disambiguate answers a lone surname shared by several people in the index
// ("Baker": James Baker and Howard Baker) with the most covered of them, and
// returns the others for a "did you mean". It returns "" when the subject is
// not such a surname, or when that person is named in under half of the
// articles with the word: "Morgan" is more often J.P. Morgan or a first name
// than Kevin Morgan, and "McDonald's" the restaurants.
func disambiguate(ctx context.Context, s Searcher, subject string) (person string, others []string, err error) {
	if strings.ContainsAny(subject, " -") || !isCapitalised(subject) {
		return "", nil, nil
	}
	people, err := s.People(subject, 200)
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
	all, err := s.Search(ctx, index.Query{Words: []string{subject}})
	if err != nil || 2*top < all.Total {
		return "", nil, err
	}
	return named[0], named[1:min(len(named), 4)], nil
}

// distinctStories returns up to limit matches, without those that repeat an
// earlier one: the same wire story under another title or date, or filed
// twice. read is how many of matches it went through.
func distinctStories(matches []index.Match, limit int) (kept []index.Match, read int) {
	var seen repeats
	for i, m := range matches {
		if len(kept) == limit {
			return kept, i
		}
		if !seen.repeat(m.Article) {
			kept = append(kept, m)
		}
	}
	return kept, len(matches)
}

// repeats recognises articles that repeat one seen before: the same wire
// story under another title or date, or filed twice.
type repeats struct{ leads []map[string]bool }

// repeat reports whether a repeats an article seen before, and if not notes
// it as seen.
func (r *repeats) repeat(a index.Article) bool {
	words := wordSet(firstParagraphOf(a.Body))
	if slices.ContainsFunc(r.leads, func(w map[string]bool) bool { return overlap(w, words) >= 0.8 }) {
		return true
	}
	r.leads = append(r.leads, words)
	return false
}

func firstParagraphOf(body string) string {
	first, _, _ := strings.Cut(body, "\n\n")
	return first
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
	subject, err := subjectOf(req.Question)
	if err != nil {
		return Answer{}, err
	}
	limit := cmp.Or(req.Sources, DefaultSources)
	// Ask for more than will be shown: repeats of a story are dropped.
	q := SubjectQuery(subject, req.Aliases)
	q.Since, q.Size, q.From = req.Since, 2*limit, from
	res, err := s.Search(ctx, q)
	if err != nil {
		return Answer{}, err
	}
	matches, read := distinctStories(res.Matches, limit)
	return Answer{Question: req.Question, Subject: subject, Since: req.Since, Found: res.Total, Sources: sources(newerFirstAmongEquals(matches), shown), Next: from + read}, nil
}

// newerFirstAmongEquals orders a page of sources by score, the newer first
// among equal scores. It is done on the page chosen, since pages are cut in
// the order of the search.
func newerFirstAmongEquals(matches []index.Match) []index.Match {
	slices.SortStableFunc(matches, func(a, b index.Match) int {
		return cmp.Or(cmp.Compare(b.Score, a.Score), b.Article.Date.Compare(a.Article.Date))
	})
	return matches
}

// sources numbers matches from first+1 and quotes each.
func sources(matches []index.Match, first int) []Source {
	out := make([]Source, len(matches))
	for i, m := range matches {
		out[i] = Source{N: first + i + 1, Article: m.Article, Excerpt: excerpt(m)}
	}
	return out
}

// suggest says what might find something when q found nothing: the query
// without its date limit, its words one by one, and indexed words spelled like
// those asked for that no article has.
func suggest(ctx context.Context, s Searcher, q index.Query) ([]string, error) {
	var out []string
	count := func(q index.Query) (index.Results, error) {
		q.Size, q.From = 1, 0
		return s.Search(ctx, q)
	}
	if !q.Since.IsZero() {
		all := q
		all.Since, all.Newest = time.Time{}, true
		res, err := count(all)
		if err != nil {
			return nil, err
		}
		if res.Total > 0 {
			out = append(out, fmt.Sprintf("Without the date limit, %s (newest %s).", articles(res.Total), dateOr(res.Matches[0].Article.Date, "undated")))
		}
	}
	for _, w := range q.Words {
		if len(q.Words) > 1 {
			one := q
			one.Words = []string{w}
			res, err := count(one)
			if err != nil && !errors.Is(err, index.ErrNoWords) {
				return nil, err
			}
			if res.Total > 0 {
				out = append(out, fmt.Sprintf("%q alone: %s.", w, articles(res.Total)))
			}
		}
		anywhere, err := count(index.Query{Words: []string{w}})
		switch {
		case errors.Is(err, index.ErrNoWords), err == nil && anywhere.Total > 0:
			continue // a stop word, or spelled as the articles spell it
		case err != nil:
			return nil, err
		}
		similar, err := s.SimilarWords(w, 3)
		if err != nil {
			return nil, err
		}
		for _, alt := range similar {
			out = append(out, fmt.Sprintf("Did you mean %q?", matchCase(alt, w)))
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
func summarize(matches []index.Match, words []string, aliases map[string][]string) []Statement {
	type candidate struct {
		sentence
		rank  int
		date  time.Time
		score float64
		words map[string]bool
	}
	required := namesRequired(words)
	// A name no article has marked (a stop word in capitals, like WHO,
	// which the index does not keep) cannot be asked of a sentence.
	marked := map[string]bool{}
	for _, m := range matches {
		maps.Copy(marked, matchedWords(m.Article.Body, m.BodySpans, 0, len(m.Article.Body)))
	}
	required = slices.DeleteFunc(required, func(name string) bool { return !namesEach(marked, []string{name}, aliases) })
	var candidates []candidate
	for rank, m := range matches {
		taken := 0
		for _, s := range splitSentences(m.Article.Body) {
			if taken == maxCandidates {
				break
			}
			matched := matchedWords(m.Article.Body, m.BodySpans, s.Start, s.End)
			if len(matched) == 0 || !quotable(s.Text) || !namesEach(matched, required, aliases) {
				continue
			}
			taken++
			coverage := float64(min(len(matched), len(words))) / float64(max(len(words), 1))
			score := 2*coverage + 1/float64(1+rank) + 0.5/float64(1+s.Index)
			candidates = append(candidates, candidate{s, rank, m.Article.Date, score, wordSet(s.Text)})
		}
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
		return cmp.Or(cmp.Compare(boolInt(x.date.IsZero()), boolInt(y.date.IsZero())), x.date.Compare(y.date), cmp.Compare(x.rank, y.rank), cmp.Compare(x.Index, y.Index))
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
// which ends without a full stop, and a piece of a quotation, whose quote
// marks do not pair up ("I would rather have a Volcker.").
func quotable(s string) bool {
	n := utf8.RuneCountInString(s)
	end, _ := utf8.DecodeLastRuneInString(strings.TrimRight(s, `"'’”)]`))
	return n >= 30 && n <= 500 && strings.ContainsRune(".!?", end) &&
		strings.Count(s, `"`)%2 == 0 && strings.Count(s, "“") == strings.Count(s, "”")
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
		return len(parts) > 0 && !slices.ContainsFunc(parts, func(p string) bool { return !matched[index.Fold(strings.ToLower(p))] })
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
func matchedWords(text string, spans []index.Span, start, end int) map[string]bool {
	found := map[string]bool{}
	// Spans are in order: a long article has thousands, and as many sentences.
	first, _ := slices.BinarySearchFunc(spans, start, func(sp index.Span, start int) int { return cmp.Compare(sp.Start, start) })
	for _, sp := range spans[first:] {
		if sp.Start >= end {
			break
		}
		if sp.End <= end {
			found[index.Fold(strings.ToLower(trimPossessive(text[sp.Start:sp.End])))] = true
		}
	}
	return found
}

func articles(n int) string {
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
	r, size := utf8.DecodeRuneInString(word)
	return string(unicode.ToUpper(r)) + word[size:]
}
