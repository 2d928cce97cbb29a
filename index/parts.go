package index

import (
	"cmp"
	"context"
	"fmt"
	"runtime"
	"runtime/debug"
	"slices"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/collector"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// A search for a common subject over a million articles scores a few
// hundred thousand matches on one core, 100 ms, while the other cores of
// the machine may have nothing to do. Split by article number into parts,
// each scored by its own searcher over the same snapshot, the parts run at
// once and their best matches merge into the same page in the same order:
// a match scores the same in any part, since every searcher reads the word
// counts of the whole snapshot, and Bleve orders equal scores by article
// number, as the merge does. A search only takes cores that no other search
// is using, so that under load every search runs whole on one core, as
// before, and none waits for another's parts.

// minPartArticles is the fewest articles a part of a search covers: below
// that, starting its searcher costs about what the part saves.
const minPartArticles = 100_000

// run runs req: in parts on the cores that no other search is using, when
// it is sorted by relevance alone over enough articles; whole on one core
// otherwise.
func (ix *Index) run(ctx context.Context, req *bleve.SearchRequest) (*bleve.SearchResult, error) {
	cores := ix.claimCores(ix.partsFor(req))
	defer ix.releaseCores(cores)
	if cores > 1 {
		return ix.searchInParts(ctx, req, cores)
	}
	return ix.bleve.SearchInContext(ctx, req)
}

// partsFor is how many parts req would best run in: one for each core, as
// long as each part covers minPartArticles or more, and 1 for a request
// that asks for more than the parts give (explanations, highlights,
// facets, pages after a hit).
func (ix *Index) partsFor(req *bleve.SearchRequest) int {
	if !byScoreOnly(req) {
		return 1
	}
	articles, err := ix.bleve.DocCount()
	if err != nil {
		return 1
	}
	return int(max(1, min(int64(articles)/minPartArticles, int64(runtime.GOMAXPROCS(0)))))
}

// searchInParts runs req in parts, one snapshot of the index for all.
func (ix *Index) searchInParts(ctx context.Context, req *bleve.SearchRequest, parts int) (*bleve.SearchResult, error) {
	reader, err := ix.snapshot()
	if err != nil {
		return nil, err
	}
	defer reader.Close()
	snapshot, ok := reader.(*scorch.IndexSnapshot)
	if !ok {
		return ix.bleve.SearchInContext(ctx, req)
	}
	return ix.searchParts(ctx, req, reader, partBounds(numbered(snapshot), parts))
}

// snapshot opens a reader of the index as it stands, which the caller
// closes: for scorch, a snapshot.
func (ix *Index) snapshot() (bleveindex.IndexReader, error) {
	reader, err := ix.reader()
	if err != nil {
		return nil, err
	}
	if snapshot, ok := reader.(*scorch.IndexSnapshot); ok && snapshot == nil { // closed since the search began
		return nil, bleve.ErrorIndexClosed
	}
	return reader, nil
}

// numbered is how many article numbers a snapshot has: its articles, with
// those deleted but kept in their segments.
func numbered(snapshot *scorch.IndexSnapshot) int64 {
	var n int64
	for _, segment := range snapshot.Segments() {
		n += segment.FullSize()
	}
	return n
}

// byScoreOnly reports whether req asks for a page of matches by score and
// nothing more (no explanations, highlights, facets, pages after a hit):
// what a search in parts, or one ranked again by mentions, gives.
func byScoreOnly(req *bleve.SearchRequest) bool {
	return req.Size > 0 && req.Score != "none" && byScoreAlone(req.Sort) &&
		!req.Explain && req.Highlight == nil && !req.IncludeLocations && len(req.Facets) == 0 &&
		req.SearchAfter == nil && req.SearchBefore == nil
}

// byScoreAlone reports whether order sorts by score, best first, and by
// nothing else.
func byScoreAlone(order search.SortOrder) bool {
	if len(order) != 1 {
		return false
	}
	score, ok := order[0].(*search.SortScore)
	return ok && score.Desc
}

// partBounds splits the article numbers from 0 to before articles into
// parts of about the same size: part i runs from bounds[i] to before
// bounds[i+1].
func partBounds(articles int64, parts int) []uint64 {
	bounds := make([]uint64, parts+1)
	for i := range bounds {
		bounds[i] = uint64(articles * int64(i) / int64(parts))
	}
	return bounds
}

// searchParts runs req over each part of reader's articles in its own
// goroutine and merges the best matches of all: the same page, order,
// scores and total as Bleve's search of the whole.
func (ix *Index) searchParts(ctx context.Context, req *bleve.SearchRequest, reader bleveindex.IndexReader, bounds []uint64) (*bleve.SearchResult, error) {
	// The scoring model, which Bleve's own search tells its searchers.
	scoring := bleveindex.DefaultScoringModel
	if m, ok := ix.bleve.Mapping().(*mapping.IndexMappingImpl); ok && m.ScoringModel == bleveindex.BM25Scoring {
		scoring = bleveindex.BM25Scoring
	}
	ctx = context.WithValue(ctx, search.GetScoringModelCallbackKey,
		search.GetScoringModelCallbackFn(func() string { return scoring }))
	// The first part to fail stops the others.
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	type part struct {
		hits  search.DocumentMatchCollection
		total uint64
	}
	parts := make([]part, len(bounds)-1)
	failed := make(chan error, len(parts))
	for i := range parts {
		go func() {
			var err error
			// A panic here would end the process: the bot's answers
			// recover from theirs, but not from another goroutine's.
			defer func() {
				if v := recover(); v != nil {
					err = fmt.Errorf("search part panicked: %v\n%s", v, debug.Stack())
				}
				failed <- err
			}()
			p := &parts[i]
			p.hits, p.total, err = ix.searchPart(ctx, req, reader, bounds[i], bounds[i+1])
		}()
	}
	var first error
	for range parts {
		if err := <-failed; err != nil && first == nil {
			first = err
			cancel()
		}
	}
	if first != nil {
		return nil, first
	}
	res := &bleve.SearchResult{Status: &bleve.SearchStatus{Total: 1, Successful: 1}}
	for _, p := range parts {
		res.Hits = append(res.Hits, p.hits...)
		res.Total += p.total
	}
	slices.SortFunc(res.Hits, func(a, b *search.DocumentMatch) int {
		if a.Score != b.Score {
			return cmp.Compare(b.Score, a.Score)
		}
		return a.IndexInternalID.Compare(b.IndexInternalID)
	})
	if len(res.Hits) > 0 {
		res.MaxScore = res.Hits[0].Score
	}
	if err := loadPage(res, req, reader); err != nil {
		return nil, err
	}
	return res, nil
}

// loadPage cuts res down to the page req asks for and loads the fields req
// asks for of its matches from reader, the snapshot they were found in.
func loadPage(res *bleve.SearchResult, req *bleve.SearchRequest, reader bleveindex.IndexReader) error {
	res.Hits = res.Hits[min(req.From, len(res.Hits)):min(req.From+req.Size, len(res.Hits))]
	for _, hit := range res.Hits {
		if err, _ := bleve.LoadAndHighlightFields(hit, req, "", reader, nil); err != nil {
			return fmt.Errorf("load fields of %s: %w", hit.ID, err)
		}
	}
	return nil
}

// searchPart is the best From+Size matches of req among the articles
// numbered from lo to before hi, and the count of all its matches there.
func (ix *Index) searchPart(ctx context.Context, req *bleve.SearchRequest, reader bleveindex.IndexReader, lo, hi uint64) (search.DocumentMatchCollection, uint64, error) {
	// Each part counts its term searchers for Bleve's limit on them, as a
	// whole search does.
	ctx = search.ContextWithTermSearchersCounter(ctx)
	searcher, err := req.Query.Searcher(ctx, reader, ix.bleve.Mapping(), search.SearcherOptions{Score: req.Score})
	if err != nil {
		return nil, 0, err
	}
	defer searcher.Close()
	best := collector.NewTopNCollector(req.From+req.Size, 0, req.Sort)
	if err := best.Collect(ctx, &partSearcher{Searcher: searcher, lo: lo, hi: hi}, reader); err != nil {
		return nil, 0, err
	}
	return best.Results(), best.Total(), nil
}

// partSearcher gives the matches of its searcher among the articles
// numbered from lo to before hi.
type partSearcher struct {
	search.Searcher
	lo, hi  uint64
	started bool
}

func (s *partSearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	if !s.started {
		s.started = true
		return s.Advance(ctx, bleveindex.NewIndexInternalID(nil, s.lo))
	}
	m, err := s.Searcher.Next(ctx)
	return s.within(ctx, m), err
}

func (s *partSearcher) Advance(ctx *search.SearchContext, id bleveindex.IndexInternalID) (*search.DocumentMatch, error) {
	s.started = true
	if id.Value() < s.lo {
		id = bleveindex.NewIndexInternalID(nil, s.lo)
	}
	m, err := s.Searcher.Advance(ctx, id)
	return s.within(ctx, m), err
}

// within is m, or nil, for no more matches, when m is past the part.
func (s *partSearcher) within(ctx *search.SearchContext, m *search.DocumentMatch) *search.DocumentMatch {
	if m != nil && m.IndexInternalID.Value() >= s.hi {
		ctx.DocumentMatchPool.Put(m)
		return nil
	}
	return m
}

// claimCores claims up to want of the cores that no search is using, and
// at least one: the caller releases them when its search ends.
func (ix *Index) claimCores(want int) int {
	for {
		busy := ix.searching.Load()
		n := max(1, min(int32(want), int32(runtime.GOMAXPROCS(0))-busy))
		if ix.searching.CompareAndSwap(busy, busy+n) {
			return int(n)
		}
	}
}

func (ix *Index) releaseCores(n int) {
	ix.searching.Add(-int32(n))
}
