package index

import (
	"context"
	"math"
	"sort"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/scorer"
	"github.com/blevesearch/bleve/v2/search/searcher"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// lazyDisjunction matches any of its clauses and scores as Bleve's
// disjunction does. Bleve's disjunction, asked for its first match from an
// article on, also moves each clause that matched there on to its next
// match, which the next article asked for mostly skips. A search goes
// through its articles that way: each article of the required words asks
// the bonus clauses (the full-story mark, the lead, a common optional
// word), and a word's title and body clauses, for that article, and for a
// common subject those match most of the articles, so that each was read
// twice over. lazySearcher moves a clause only when asked.
type lazyDisjunction struct{ *query.DisjunctionQuery }

// anyOf matches any of qs, lazily.
func anyOf(qs ...query.Query) query.Query {
	return lazyDisjunction{bleve.NewDisjunctionQuery(qs...)}
}

func (q lazyDisjunction) Searcher(ctx context.Context, r bleveindex.IndexReader, m mapping.IndexMapping, options search.SearcherOptions) (search.Searcher, error) {
	// Counting, explaining, requiring more than one clause or enough
	// clauses for Bleve's heap of them, or an index whose articles are not
	// numbered: Bleve's own.
	if _, numbered := r.(*scorch.IndexSnapshot); !numbered ||
		options.Score == "none" || options.Explain || q.Min > 0 || len(q.Disjuncts) > searcher.DisjunctionHeapTakeover {
		return q.DisjunctionQuery.Searcher(ctx, r, m, options)
	}
	clauses := make(searcher.OrderedSearcherList, 0, len(q.Disjuncts))
	for _, d := range q.Disjuncts {
		s, err := d.Searcher(ctx, r, m, options)
		if err != nil {
			for _, c := range clauses {
				c.Close()
			}
			return nil, err
		}
		clauses = append(clauses, s)
	}
	// Bleve's order, fewest matches first, which its scorer sums in.
	sort.Sort(clauses)
	s := &lazySearcher{
		clauses:  clauses,
		currs:    make([]*search.DocumentMatch, len(clauses)),
		numbers:  make([]uint64, len(clauses)),
		states:   make([]clauseState, len(clauses)),
		scorer:   scorer.NewDisjunctionQueryScorer(options),
		matching: make([]*search.DocumentMatch, 0, len(clauses)),
		at:       make([]int, 0, len(clauses)),
	}
	// As Bleve's disjunction does; a query around it sets its own norm.
	s.SetQueryNorm(1 / math.Sqrt(s.Weight()))
	return s, nil
}

// clauseState is where a clause of a lazySearcher stands.
type clauseState int

const (
	unread clauseState = iota // not asked yet
	ahead                     // its match, at or after the last article asked, is in currs
	spent                     // its match went out in a match of the disjunction
	ended                     // no match left
)

// lazySearcher finds the matches of any of its clauses, scored by Bleve's
// disjunction scorer over the clauses that match, in the same order.
type lazySearcher struct {
	clauses []search.Searcher
	currs   []*search.DocumentMatch
	// numbers are the numbers of the articles of currs, read once: going
	// to each match to compare its article's ID bytes with another's made
	// the bench's questions over a million articles 5% slower.
	numbers  []uint64
	states   []clauseState
	scorer   *scorer.DisjunctionQueryScorer
	matching []*search.DocumentMatch // the clauses' matches of the next article
	at       []int                   // which clauses they are
}

func (s *lazySearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	for i, c := range s.clauses {
		if s.states[i] == unread || s.states[i] == spent {
			m, err := c.Next(ctx)
			if err != nil {
				return nil, err
			}
			s.hold(i, m)
		}
	}
	return s.first(ctx), nil
}

func (s *lazySearcher) Advance(ctx *search.SearchContext, id bleveindex.IndexInternalID) (*search.DocumentMatch, error) {
	for i, c := range s.clauses {
		switch s.states[i] {
		case ended:
			continue
		case ahead:
			if s.numbers[i] >= id.Value() {
				continue
			}
			ctx.DocumentMatchPool.Put(s.currs[i])
		}
		m, err := c.Advance(ctx, id)
		if err != nil {
			return nil, err
		}
		s.hold(i, m)
	}
	return s.first(ctx), nil
}

// hold keeps clause i's match m, nil when it has none left.
func (s *lazySearcher) hold(i int, m *search.DocumentMatch) {
	s.currs[i], s.states[i] = m, ahead
	if m == nil {
		s.states[i] = ended
		return
	}
	s.numbers[i] = m.IndexInternalID.Value()
}

// first is the first article of the clauses' matches, scored; the clauses
// that match it are spent.
func (s *lazySearcher) first(ctx *search.SearchContext) *search.DocumentMatch {
	s.matching, s.at = s.matching[:0], s.at[:0]
	var firstNumber uint64
	for i, m := range s.currs {
		if s.states[i] != ahead {
			continue
		}
		if len(s.matching) > 0 {
			if s.numbers[i] > firstNumber {
				continue
			}
			if s.numbers[i] < firstNumber {
				s.matching, s.at = s.matching[:0], s.at[:0]
			}
		}
		firstNumber = s.numbers[i]
		s.matching, s.at = append(s.matching, m), append(s.at, i)
	}
	if len(s.matching) == 0 {
		return nil
	}
	match := s.scorer.Score(ctx, s.matching, len(s.matching), len(s.clauses))
	for _, i := range s.at {
		if s.currs[i] != match {
			ctx.DocumentMatchPool.Put(s.currs[i])
		}
		s.currs[i], s.states[i] = nil, spent
	}
	return match
}

func (s *lazySearcher) Weight() float64 {
	var w float64
	for _, c := range s.clauses {
		w += c.Weight()
	}
	return w
}

func (s *lazySearcher) SetQueryNorm(norm float64) {
	for _, c := range s.clauses {
		c.SetQueryNorm(norm)
	}
}

func (s *lazySearcher) Count() uint64 {
	var n uint64
	for _, c := range s.clauses {
		n += c.Count()
	}
	return n
}

func (s *lazySearcher) Min() int { return 0 }

func (s *lazySearcher) Size() int {
	n := 0
	for _, c := range s.clauses {
		n += c.Size()
	}
	return n
}

func (s *lazySearcher) DocumentMatchPoolSize() int {
	n := len(s.clauses)
	for _, c := range s.clauses {
		n += c.DocumentMatchPoolSize()
	}
	return n
}

func (s *lazySearcher) Close() error {
	var first error
	for _, c := range s.clauses {
		if err := c.Close(); err != nil && first == nil {
			first = err
		}
	}
	return first
}
