package index

import (
	"context"
	"fmt"
	"iter"
	"path/filepath"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search/query"
)

// Baseline is Bleve alone, with newsbot's mapping and documents but none of
// its work around them: the yardstick benchmarks compare newsbot with, in the
// same run, to tell newsbot's cost from the engine's.
type Baseline struct {
	bleve bleve.Index
}

// NewBaseline creates an empty baseline index in dir, which must not exist.
func NewBaseline(dir string) (*Baseline, error) {
	m, err := newMapping()
	if err != nil {
		return nil, err
	}
	b, err := bleve.NewUsing(filepath.Join(dir, "index"), m, scorch.Name, scorch.Name, nil)
	if err != nil {
		return nil, fmt.Errorf("create baseline index: %w", err)
	}
	return &Baseline{bleve: b}, nil
}

// Add indexes the candidates' articles in batches of the size Ingest uses,
// with no look-ups and no de-duplication, and returns how many it indexed.
func (b *Baseline) Add(candidates iter.Seq[Candidate]) (int, error) {
	batch := b.bleve.NewBatch()
	n := 0
	for c := range candidates {
		if c.Err != nil {
			continue
		}
		a := c.Article
		a.paths = []string{a.Path}
		if err := batch.Index(a.ID, document(a)); err != nil {
			return n, err
		}
		if n++; n%batchSize == 0 {
			if err := b.bleve.Batch(batch); err != nil {
				return n, err
			}
			batch.Reset()
		}
	}
	return n, b.bleve.Batch(batch)
}

// Close closes the baseline index.
func (b *Baseline) Close() error { return b.bleve.Close() }

// PlainMatch runs a plain Bleve match query for text over the body of the
// index's articles and returns how many it finds: search without newsbot's
// query, summary or excerpts, the yardstick for answer latency.
func (ix *Index) PlainMatch(ctx context.Context, text string, size int) (int, error) {
	res, err := ix.bleve.SearchInContext(ctx, bleve.NewSearchRequestOptions(plainQuery(text), size, 0, false))
	if err != nil {
		return 0, err
	}
	return int(res.Total), nil
}

// PlainSearch runs the same plain match query as PlainMatch (any of the
// words of text, over the body) and returns the first size matches, without
// bodies or spans: the yardstick that answers to questions are scored
// against.
func (ix *Index) PlainSearch(ctx context.Context, text string, size int) (Results, error) {
	req := bleve.NewSearchRequestOptions(plainQuery(text), size, 0, false)
	req.Fields = []string{fieldTitle, fieldDate, fieldPath}
	res, err := ix.bleve.SearchInContext(ctx, req)
	if err != nil {
		return Results{}, err
	}
	out := Results{Total: int(res.Total)}
	for _, h := range res.Hits {
		out.Matches = append(out.Matches, Match{Article: articleFrom(h), Score: h.Score})
	}
	return out, nil
}

// plainQuery matches any of the words of text in the body, as Bleve's match
// query does by default.
func plainQuery(text string) *query.MatchQuery {
	q := bleve.NewMatchQuery(text)
	q.SetField(fieldBody)
	return q
}
