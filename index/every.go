package index

import (
	"cmp"
	"context"
	"fmt"
	"iter"

	"github.com/blevesearch/bleve/v2"

	"newsbot/index/names"
	"newsbot/index/news"
)

// everyPage is how many articles Every loads at a time.
const everyPage = 500

// Every yields every indexed article whole, in the order of their IDs, a
// page at a time: for publishing an index to the stream of articles that it
// was not made from. It stops at the first error, which it yields.
func (ix *Index) Every(ctx context.Context) iter.Seq2[news.Article, error] {
	return func(yield func(news.Article, error) bool) {
		var after []string
		for {
			req := bleve.NewSearchRequestOptions(bleve.NewMatchAllQuery(), everyPage, 0, false)
			req.Fields = storedFields
			req.SortBy([]string{"_id"})
			if after != nil {
				req.SearchAfter = after
			}
			res, err := ix.bleve.SearchInContext(ctx, req)
			if err != nil {
				yield(news.Article{}, fmt.Errorf("read the indexed articles: %w", err))
				return
			}
			for _, h := range res.Hits {
				if !yield(articleFrom(h), nil) {
					return
				}
			}
			if len(res.Hits) < everyPage {
				return
			}
			after = []string{res.Hits[len(res.Hits)-1].ID}
		}
	}
}

// Candidates yields every indexed article as a candidate to ingest again,
// once for each file it was read from (so that the new home knows every
// file) or once for a feed item, with its people found as this newsbot finds
// them: to rebuild the index, or to publish it to the stream of articles.
// done, when set, is called once per article. failed reports the error that
// stopped the candidates early, if any.
func (ix *Index) Candidates(ctx context.Context, done func()) (candidates iter.Seq[news.Candidate], failed func() error) {
	var readErr error
	candidates = func(yield func(news.Candidate) bool) {
		for a, err := range ix.Every(ctx) {
			if readErr = err; err != nil {
				return
			}
			a.People = names.People(a.Title, a.Body)
			paths := a.Paths
			if len(paths) == 0 {
				paths = []string{""} // a feed item
			}
			for _, path := range paths {
				a.Path = path
				if !yield(news.Candidate{Origin: cmp.Or(path, a.URL, a.ID), Article: a}) {
					return
				}
			}
			if done != nil {
				done()
			}
		}
	}
	return candidates, func() error { return readErr }
}
