package index

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"newsbot/index/news"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// Search returns the articles that contain every word of q (all articles when
// q has no words) and none of its Without, those most about the words first: BM25 over the names, or
// over title and body for other words, with bonuses for a title match and for
// all the words in the title and first paragraph, where news names its
// subject, and, for the best 50, for naming it again and again (see
// mentionsWeight). The order of equal scores is Bleve's, which may differ from one
// page to the next: settling it by ID in Bleve would read the ID of every
// match, which made answers over 200,000 articles a third slower and mapped
// 240 MB more of the index; by date, a quarter of the time of a search.
func (ix *Index) Search(ctx context.Context, q news.Query) (news.Results, error) {
	if res, ok, err := ix.inDateOrder(ctx, q); ok || err != nil {
		return res, err
	}
	return ix.search(ctx, q)
}

// search runs q as it is.
func (ix *Index) search(ctx context.Context, q news.Query) (news.Results, error) {
	req, everything, err := ix.request(q)
	if err != nil {
		return news.Results{}, err
	}
	if everything && q.Size == 0 {
		n, err := ix.Count()
		return news.Results{Total: n}, err
	}
	var terms []fieldTerm
	if byScoreOnly(req) {
		terms = ix.mentionTerms(q.Words, q.Aliases)
	}
	var res *bleve.SearchResult
	if len(terms) > 0 {
		res, err = ix.runMentioned(ctx, req, terms)
	} else {
		res, err = ix.run(ctx, req)
	}
	if err != nil {
		return news.Results{}, fmt.Errorf("search: %w", err)
	}
	out := news.Results{Total: int(res.Total), Matches: make([]news.Match, 0, len(res.Hits))}
	marker := ix.highlighter(append(slices.Clone(q.Words), q.Optional...), q.Aliases)
	for _, h := range res.Hits {
		m := news.Match{Article: articleFrom(h), Score: h.Score}
		if !q.Light {
			m.TitleSpans, m.BodySpans = marker.spans(m.Article.Title), marker.spans(m.Article.Body)
		}
		out.Matches = append(out.Matches, m)
	}
	return out, nil
}

// request is the Bleve search of q. everything reports that no clause of
// it narrows the search: it matches every article.
func (ix *Index) request(q news.Query) (req *bleve.SearchRequest, everything bool, err error) {
	bq, err := ix.subjectQuery(q.Words, q.Aliases)
	if err != nil {
		return nil, false, err
	}
	for _, w := range q.Without {
		if ix.isWord(w) {
			bq.AddMustNot(ix.spellings(w, q.Aliases))
		}
	}
	for _, w := range q.Optional {
		if ix.isWord(w) {
			bq.AddShould(ix.spellings(w, q.Aliases))
		}
	}
	if q.InLead {
		addFilter(bq, ix.leadQuery(q.Words, q.Aliases))
	}
	if q.Stories {
		addFilter(bq, fullStoryQuery())
	}
	if len(q.IDs) > 0 {
		addFilter(bq, bleve.NewDocIDQuery(q.IDs))
	}
	if !q.Since.IsZero() || !q.Until.IsZero() {
		dates := bleve.NewDateRangeQuery(q.Since, q.Until)
		dates.SetField(fieldDate)
		addFilter(bq, dates)
	}
	if bonuses, ok := bq.Should.(*query.DisjunctionQuery); ok {
		bq.Should = lazyDisjunction{bonuses}
	}
	if len(q.Words) == 0 {
		everything = unlessFiltered(bq) && bq.MustNot == nil
	}
	bq.Must = alone(bq.Must) // last: Bleve's AddMust needs a conjunction
	req = bleve.NewSearchRequestOptions(bq, max(q.Size, 0), max(q.From, 0), false)
	req.Fields = storedFields
	if q.Size == 0 && !everything {
		// A count: what only scores would be for nothing. Counting the
		// 240,000 articles that name Reagan among a million took 80 ms
		// scored, 15 ms without.
		bq.Should = nil
		req.Score = "none"
	}
	if q.Light {
		req.Fields = []string{fieldTitle, fieldDate}
	}
	switch {
	case q.Newest:
		req.SortBy([]string{"-" + fieldDate, "-_score", "_id"})
	case q.Oldest:
		req.SortBy([]string{fieldDate, "-_score", "_id"})
	}
	return req, everything, nil
}

// alone is q without the conjunctions of one clause around it, which
// Bleve searches as they are: for a subject of one word, a conjunction of
// a conjunction of it. Each goes through every match of the word again and
// leaves its score as it is: without them, the bench's questions over a
// million articles take 3% less time.
func alone(q query.Query) query.Query {
	for {
		c, ok := q.(*query.ConjunctionQuery)
		if !ok || len(c.Conjuncts) != 1 {
			return q
		}
		q = c.Conjuncts[0]
	}
}

// unlessFiltered drops the clause that matches every article from the
// query of a search with no words when other clauses narrow it: Bleve goes
// through every article to find the next one after an article of the
// filters, so that counting the articles of a day took 30 ms over a
// million, and finding the newest of them 230 ms. Every article then scores
// 0 instead of the same score, in the same order. everything reports that
// no clause narrows it.
func unlessFiltered(bq *query.BooleanQuery) (everything bool) {
	must, ok := bq.Must.(*query.ConjunctionQuery)
	if !ok || len(must.Conjuncts) == 0 {
		return false
	}
	if _, all := must.Conjuncts[0].(*query.MatchAllQuery); !all {
		return false
	}
	if len(must.Conjuncts) == 1 {
		return true
	}
	must.Conjuncts = must.Conjuncts[1:]
	return false
}

// subjectQuery requires every word that is not a stop word. No words at all
// match every article (the newest news); words that are all stop words are
// an error.
func (ix *Index) subjectQuery(words []string, aliases map[string][]string) (*query.BooleanQuery, error) {
	if len(words) == 0 {
		bq := bleve.NewBooleanQuery()
		bq.AddMust(bleve.NewMatchAllQuery())
		bq.AddShould(fullStoryQuery())
		return bq, nil
	}
	var clauses []query.Query
	var kept []string
	for i := 0; i < len(words); i++ {
		w := words[i]
		if !ix.isWord(w) {
			continue
		}
		kept = append(kept, w)
		if i+1 < len(words) && len(aliases[w+" "+words[i+1]]) > 0 {
			// A term of two words, or another way of writing it: "consumer
			// prices" or "cost of living".
			kept = append(kept, words[i+1])
			clauses = append(clauses, ix.termSpellings(w, words[i+1], aliases))
			i++
			continue
		}
		clauses = append(clauses, ix.spellings(w, aliases))
	}
	if len(clauses) == 0 {
		return nil, news.ErrNoWords
	}
	bq := bleve.NewBooleanQuery()
	bq.AddMust(bleve.NewConjunctionQuery(clauses...))
	// A filter, as a score for the pairs would favour the articles that
	// name few people over those about the person.
	addFilter(bq, ix.pairsQuery(words, aliases)) // stop words too: "Bank of England" has no pair
	bq.AddShould(allWords{field: fieldLead, text: strings.Join(kept, " "), boost: 2})
	// A story ranks above a one-paragraph item that names the subject: a
	// price quote says little about copper. An index made before the field
	// gives no article the bonus until it is rebuilt.
	bq.AddShould(fullStoryQuery())
	return bq, nil
}

// leadQuery requires each word in the lead, in one of its spellings, whole
// or by its stem ("prices" by "price").
func (ix *Index) leadQuery(words []string, aliases map[string][]string) query.Query {
	var each []query.Query
	for _, w := range words {
		if !ix.isWord(w) {
			continue
		}
		var forms []query.Query
		for _, spelling := range spellingsOf(w, aliases) {
			for _, form := range []string{spelling, stem(strings.ToLower(spelling))} {
				if form == "" {
					continue
				}
				forms = append(forms, allWords{field: fieldLead, text: form})
			}
		}
		each = append(each, bleve.NewDisjunctionQuery(forms...))
	}
	if len(each) == 0 {
		return nil
	}
	return bleve.NewConjunctionQuery(each...)
}

// fullStoryQuery matches the full stories, for a bonus.
func fullStoryQuery() query.Query {
	return sameScoreTerm{field: fieldFull, term: "1", boost: fullStoryBoost}
}

// fullStoryBoost weighs the bonus of a full story: half that of a title
// match, enough to order the articles that match alike.
const fullStoryBoost = 0.5

// addFilter requires f of bq's matches without changing their scores. It
// joins the required clauses, unscored, rather than being Bleve's filter:
// Bleve scores every match of the subject before its filter looks at it,
// which for a few IDs among the 240,000 articles that name Reagan in a
// million took 80 ms; a member of the conjunction lets it skip to them.
func addFilter(bq *query.BooleanQuery, f query.Query) {
	if f != nil {
		bq.AddMust(unscored{f})
	}
}

// unscored is a query that narrows a search and adds nothing to its scores:
// its searcher scores nothing and weighs nothing in the query's norm, so
// that every match scores as it would without it.
type unscored struct{ query.Query }

func (u unscored) Searcher(ctx context.Context, r bleveindex.IndexReader, m mapping.IndexMapping, options search.SearcherOptions) (search.Searcher, error) {
	options.Score, options.Explain, options.IncludeTermVectors = "none", false, false
	s, err := u.Query.Searcher(ctx, r, m, options)
	if err != nil {
		return nil, err
	}
	return weightless{s}, nil
}

// weightless is a searcher left out of a query's norm.
type weightless struct{ search.Searcher }

func (weightless) Weight() float64      { return 0 }
func (weightless) SetQueryNorm(float64) {}

// spellings matches w, any of its aliases, or its British or American
// spelling. A spelling that is a name of several words ("American Motors"
// for "General Motors") matches them side by side, as the name typed does:
// not General Mills and Ford Motors.
func (ix *Index) spellings(w string, aliases map[string][]string) query.Query {
	var qs []query.Query
	for _, spelling := range spellingsOf(w, aliases) {
		q := wordQuery(spelling)
		if pairs := ix.pairsQuery(strings.Fields(spelling), nil); pairs != nil {
			q = bleve.NewConjunctionQuery(q, unscored{pairs})
		}
		qs = append(qs, q)
	}
	return anyOf(qs...)
}

// termSpellings matches the two words first and second, each in any of its
// spellings, or any other way of writing the two together, all of whose
// words an article must have.
func (ix *Index) termSpellings(first, second string, aliases map[string][]string) query.Query {
	qs := []query.Query{bleve.NewConjunctionQuery(ix.spellings(first, aliases), ix.spellings(second, aliases))}
	for _, other := range aliases[first+" "+second] {
		if strings.EqualFold(other, first+" "+second) {
			continue // a term written one way
		}
		var each []query.Query
		for _, w := range strings.Fields(other) {
			if !ix.isWord(w) {
				continue // "of" in "cost of living"
			}
			each = append(each, wordQuery(w))
		}
		if len(each) > 0 {
			qs = append(qs, bleve.NewConjunctionQuery(each...))
		}
	}
	return anyOf(qs...)
}

// spellingsOf is w and the other ways of writing it.
func spellingsOf(w string, aliases map[string][]string) []string {
	out := append([]string{w}, aliases[w]...)
	if v := spellingVariant(w); v != "" {
		out = append(out, v)
	}
	return out
}

// wordQuery matches one word. A capitalised word is a name and must match the
// unstemmed names field, so that "Hamas" does not find articles about Hama;
// another word matches the title or body, stemmed ("talks" finds "talk"),
// with a title match worth more.
func wordQuery(w string) query.Query {
	if r, _ := utf8.DecodeRuneInString(w); unicode.IsUpper(r) {
		return allWords{field: fieldNames, text: w}
	}
	return anyOf(allWords{field: fieldBody, text: w}, allWords{field: fieldTitle, text: w, boost: 2})
}

// allWords matches the articles whose field has every word of text, after
// the field's analysis, and scores them as Bleve's match query with the
// "and" operator does, made of the same term queries. Bleve makes a text of
// one word, as most are, a conjunction of that word alone, which goes
// through every match of the word again: searched by its term, the bench's
// questions over a million articles take 13% less time. boost 0 is 1.
type allWords struct {
	field, text string
	boost       float64
}

func (q allWords) Searcher(ctx context.Context, r bleveindex.IndexReader, m mapping.IndexMapping, options search.SearcherOptions) (search.Searcher, error) {
	boost := q.boost
	if boost == 0 {
		boost = 1
	}
	analyzer := m.AnalyzerNamed(m.AnalyzerNameForPath(q.field))
	if analyzer == nil {
		return nil, fmt.Errorf("no analyzer for the %s field", q.field)
	}
	var terms []query.Query
	for _, token := range analyzer.Analyze([]byte(q.text)) {
		term := bleve.NewTermQuery(string(token.Term))
		term.SetField(q.field)
		term.SetBoost(boost)
		terms = append(terms, term)
	}
	switch len(terms) {
	case 0:
		return bleve.NewMatchNoneQuery().Searcher(ctx, r, m, options)
	case 1:
		return terms[0].Searcher(ctx, r, m, options)
	}
	// As Bleve's match query with the "and" operator does.
	all := bleve.NewConjunctionQuery(terms...)
	all.SetBoost(boost)
	return all.Searcher(ctx, r, m, options)
}

// isWord reports whether w leaves any token after analysis: stop words and
// punctuation do not.
func (ix *Index) isWord(w string) bool {
	analyzer := ix.bleve.Mapping().AnalyzerNamed(namesAnalyzer)
	return analyzer != nil && len(analyzer.Analyze([]byte(w))) > 0
}

// articleFrom rebuilds an Article from a hit's stored fields.
func articleFrom(h *search.DocumentMatch) news.Article {
	str := func(field string) string {
		s, _ := h.Fields[field].(string)
		return s
	}
	a := news.Article{
		ID:     h.ID,
		Title:  str(fieldTitle),
		Byline: str(fieldByline),
		Source: str(fieldSource),
		URL:    str(fieldURL),
		GUID:   str(fieldGUID),
		Body:   str(fieldBody),
		People: strs(h.Fields[fieldPeople]),
		Paths:  strs(h.Fields[fieldPath]),
	}
	if len(a.Paths) > 0 {
		a.Path = a.Paths[0]
	}
	if d, err := time.Parse(time.RFC3339, str(fieldDate)); err == nil {
		a.Date = d.UTC()
	}
	return a
}

// strs reads a stored field that holds one string or several.
func strs(v any) []string {
	switch v := v.(type) {
	case string:
		return []string{v}
	case []any:
		out := make([]string, 0, len(v))
		for _, s := range v {
			if s, ok := s.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}
