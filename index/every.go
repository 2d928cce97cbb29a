package index

import (
	"context"
	"fmt"
	"iter"

	"github.com/blevesearch/bleve/v2"

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
