package index

import (
	"context"
	"math"
	"sync"
	"sync/atomic"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
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
	var matches search.Searcher
	if marked := markedIn(r, q.field, q.term); marked != nil {
		matches = &markSearcher{marked: marked, at: marked.Iterator(), last: -1}
	} else {
		unscored := options
		unscored.Score = "none"
		var err error
		if matches, err = searcher.NewTermSearcher(ctx, r, q.term, q.field, q.boost, unscored); err != nil {
			return nil, err
		}
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

// markedIn is the set of the articles of snapshot r that have the term, in
// the snapshot's numbering of them, read from its segments' postings at
// once: going through the matches of a term that most articles have, one
// by one, was a quarter of the time of a search for a common subject over
// a million articles, and a set answers each article at once. It is kept
// for the snapshot, which the index keeps until its articles change; nil
// when r is not a snapshot of Bleve's scorch index made of segments that
// give their postings as sets.
func markedIn(r bleveindex.IndexReader, field, term string) *roaring.Bitmap {
	snapshot, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		return nil
	}
	known := func() *roaring.Bitmap {
		if k := lastMarked.Load(); k != nil && k.snapshot == snapshot && k.field == field && k.term == term {
			return k.marked
		}
		return nil
	}
	if marked := known(); marked != nil {
		return marked
	}
	// The parts of a search ask at once: one reads the set, the others
	// wait for it.
	markedRead.Lock()
	defer markedRead.Unlock()
	if marked := known(); marked != nil {
		return marked
	}
	marked := roaring.New()
	var offset int64
	for _, segment := range snapshot.Segments() {
		dict, err := segment.Segment().Dictionary(field)
		if err != nil {
			return nil
		}
		postings, err := dict.PostingsList([]byte(term), nil, nil)
		if err != nil {
			return nil
		}
		set, ok := postings.(interface{ OrInto(*roaring.Bitmap) })
		if !ok {
			return nil
		}
		local := roaring.New()
		set.OrInto(local)
		if deleted := segment.Deleted(); deleted != nil {
			local.AndNot(deleted)
		}
		marked.Or(roaring.AddOffset64(local, offset))
		if offset += segment.FullSize(); offset > math.MaxUint32 {
			return nil
		}
	}
	lastMarked.Store(&markedSet{snapshot: snapshot, field: field, term: term, marked: marked})
	return marked
}

// lastMarked is the set markedIn read last. Holding the snapshot keeps
// another from taking its address while the set is kept.
var lastMarked atomic.Pointer[markedSet]

// markedRead lets one caller at a time read a set.
var markedRead sync.Mutex

// markedSet is the set of the articles of a snapshot that have a term.
type markedSet struct {
	snapshot    *scorch.IndexSnapshot
	field, term string
	marked      *roaring.Bitmap
}

// markSearcher goes through a set of articles, unscored.
type markSearcher struct {
	marked *roaring.Bitmap
	at     roaring.IntPeekable
	last   int64 // the last article returned, -1 for none
}

func (s *markSearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	if !s.at.HasNext() {
		return nil, nil
	}
	return s.match(ctx, s.at.Next()), nil
}

func (s *markSearcher) Advance(ctx *search.SearchContext, id bleveindex.IndexInternalID) (*search.DocumentMatch, error) {
	target := id.Value()
	if int64(target) <= s.last {
		s.at = s.marked.Iterator() // back, as Bleve's own searchers may be asked to go
	}
	if target > math.MaxUint32 {
		return nil, nil
	}
	s.at.AdvanceIfNeeded(uint32(target))
	return s.Next(ctx)
}

// match is a match of article n, numbered as the snapshot numbers it.
func (s *markSearcher) match(ctx *search.SearchContext, n uint32) *search.DocumentMatch {
	s.last = int64(n)
	m := ctx.DocumentMatchPool.Get()
	m.IndexInternalID = bleveindex.NewIndexInternalID(m.IndexInternalID, uint64(n))
	return m
}

func (s *markSearcher) Count() uint64              { return s.marked.GetCardinality() }
func (s *markSearcher) Weight() float64            { return 0 }
func (s *markSearcher) SetQueryNorm(float64)       {}
func (s *markSearcher) Min() int                   { return 0 }
func (s *markSearcher) Size() int                  { return int(s.marked.GetSizeInBytes()) }
func (s *markSearcher) DocumentMatchPoolSize() int { return 1 }
func (s *markSearcher) Close() error               { return nil }
