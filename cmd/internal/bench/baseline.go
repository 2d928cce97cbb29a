package bench

import (
	"context"
	"fmt"
	"iter"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"newsbot/index"
	"newsbot/index/news"
)

// Baseline is Bleve alone, with newsbot's mapping and documents but none of
// its work around them: the yardstick the benchmark compares newsbot with,
// in the same run, to tell newsbot's cost from the engine's.
type Baseline struct {
	engine bleve.Index
}

// NewBaseline creates an empty baseline index in dir, which must not exist.
func NewBaseline(dir string) (*Baseline, error) {
	engine, err := index.NewEngine(dir)
	if err != nil {
		return nil, fmt.Errorf("create baseline index: %w", err)
	}
	return &Baseline{engine: engine}, nil
}

// Add indexes the candidates' articles in batches of the size newsbot's
// ingest uses, with no look-ups and no de-duplication, and returns how many
// it indexed.
func (b *Baseline) Add(candidates iter.Seq[news.Candidate]) (int, error) {
	batch := b.engine.NewBatch()
	n := 0
	for c := range candidates {
		if c.Err != nil {
			continue
		}
		if err := batch.Index(c.Article.ID, index.Document(c.Article)); err != nil {
			return n, err
		}
		if n++; n%index.BatchSize == 0 {
			if err := b.engine.Batch(batch); err != nil {
				return n, err
			}
			batch.Reset()
		}
	}
	return n, b.engine.Batch(batch)
}

// Close closes the baseline index.
func (b *Baseline) Close() error { return b.engine.Close() }

// PlainMatch runs a plain Bleve match query for text over the body of the
// engine's articles and returns how many it finds: search without newsbot's
// query, summary or excerpts, the yardstick for answer latency.
func PlainMatch(ctx context.Context, engine bleve.Index, text string, size int) (int, error) {
	res, err := engine.SearchInContext(ctx, bleve.NewSearchRequestOptions(plainQuery(text), size, 0, false))
	if err != nil {
		return 0, err
	}
	return int(res.Total), nil
}

// PlainSearch runs the same plain match query as PlainMatch and returns the
// IDs of the first size matches, most relevant first: the yardstick that
// answers to questions are scored against.
func PlainSearch(ctx context.Context, engine bleve.Index, text string, size int) ([]string, error) {
	res, err := engine.SearchInContext(ctx, bleve.NewSearchRequestOptions(plainQuery(text), size, 0, false))
	if err != nil {
		return nil, err
	}
	ids := make([]string, len(res.Hits))
	for i, h := range res.Hits {
		ids[i] = h.ID
	}
	return ids, nil
}

// plainQuery matches any of the words of text in the body, as Bleve's match
// query does by default.
func plainQuery(text string) *query.MatchQuery {
	q := bleve.NewMatchQuery(text)
	q.SetField(index.BodyField)
	return q
}
