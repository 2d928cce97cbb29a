package index

import (
	"context"

	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/searcher"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// sameScoreTerm is a term query for a term that scores the same in every
// article that has it: the one token of a marker field, such as the mark of
// a full story. Bleve scores such a term as any other, reading its
// frequency and norm at every match, and the mark is in most articles: the
// full-story bonus was 40% of the time of a search for a common subject
// over a million articles. This query scores one match the usual way and
// gives that score to the others, unread: each match scores exactly as it
// would under Bleve's term query.
type sameScoreTerm struct {
	field, term string
	boost       float64
}

func (q sameScoreTerm) Searcher(ctx context.Context, r bleveindex.IndexReader, m mapping.IndexMapping, options search.SearcherOptions) (search.Searcher, error) {
	if options.Score == "none" || options.Explain {
		// Nothing to score, or each score to explain: Bleve's own searcher.
		return searcher.NewTermSearcher(ctx, r, q.term, q.field, q.boost, options)
	}
	unscored := options
	unscored.Score = "none"
	matches, err := searcher.NewTermSearcher(ctx, r, q.term, q.field, q.boost, unscored)
	if err != nil {
		return nil, err
	}
	scored, err := searcher.NewTermSearcher(ctx, r, q.term, q.field, q.boost, options)
	if err != nil {
		matches.Close()
		return nil, err
	}
	return &sameScoreSearcher{Searcher: matches, scored: scored}, nil
}

// sameScoreSearcher finds the matches with an unscored searcher and gives
// each the score that scored, Bleve's scoring of the same term, gives the
// first of them. scored also weighs the term in the query's norm.
type sameScoreSearcher struct {
	search.Searcher
	scored search.Searcher
	score  float64
	known  bool // score is scored's, under the current query norm
}

func (s *sameScoreSearcher) Weight() float64 { return s.scored.Weight() }

func (s *sameScoreSearcher) SetQueryNorm(norm float64) {
	s.scored.SetQueryNorm(norm)
	s.known = false
}

func (s *sameScoreSearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	return s.scoredMatch(ctx, s.Searcher.Next)
}

func (s *sameScoreSearcher) Advance(ctx *search.SearchContext, id bleveindex.IndexInternalID) (*search.DocumentMatch, error) {
	return s.scoredMatch(ctx, func(ctx *search.SearchContext) (*search.DocumentMatch, error) {
		return s.Searcher.Advance(ctx, id)
	})
}

// scoredMatch is the match that find returns, with the term's score.
func (s *sameScoreSearcher) scoredMatch(ctx *search.SearchContext, find func(*search.SearchContext) (*search.DocumentMatch, error)) (*search.DocumentMatch, error) {
	if !s.known {
		first, err := s.scored.Next(ctx)
		if err != nil {
			return nil, err
		}
		if first != nil {
			s.score = first.Score
			ctx.DocumentMatchPool.Put(first)
		}
		s.known = true
	}
	m, err := find(ctx)
	if m != nil {
		m.Score = s.score
	}
	return m, err
}

func (s *sameScoreSearcher) DocumentMatchPoolSize() int {
	return s.Searcher.DocumentMatchPoolSize() + s.scored.DocumentMatchPoolSize()
}

func (s *sameScoreSearcher) Close() error {
	err := s.Searcher.Close()
	if serr := s.scored.Close(); err == nil {
		err = serr
	}
	return err
}
