package index

import (
	"context"
	"fmt"
	"time"

	"newsbot/index/news"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

// Stats counts the articles, finds the oldest and newest dates and counts
// the sources.
func (ix *Index) Stats(ctx context.Context) (news.Stats, error) {
	var st news.Stats
	var err error
	if st.Articles, err = ix.Count(); err != nil {
		return st, err
	}
	for _, newest := range []bool{true, false} {
		d, err := ix.edgeDate(ctx, newest)
		if err != nil {
			return st, err
		}
		if newest {
			st.Newest = d
		} else {
			st.Oldest = d
		}
	}
	st.Sources, err = ix.terms(ctx, bleve.NewMatchAllQuery(), fieldSource, 10)
	return st, err
}

// Latest is the date of the newest dated article, zero for none: what a
// question's "in June" counts back from.
func (ix *Index) Latest(ctx context.Context) (time.Time, error) {
	return ix.edgeDate(ctx, true)
}

// PeopleInTheNews returns the n people named in the most articles dated
// since the given time.
func (ix *Index) PeopleInTheNews(ctx context.Context, since time.Time, n int) ([]news.Count, error) {
	dates := bleve.NewDateRangeQuery(since, time.Time{})
	dates.SetField(fieldDate)
	return ix.terms(ctx, dates, fieldPeople, n)
}

// terms counts the values of a keyword field over the articles matching q.
func (ix *Index) terms(ctx context.Context, q query.Query, field string, n int) ([]news.Count, error) {
	req := bleve.NewSearchRequestOptions(q, 0, 0, false)
	req.AddFacet(field, bleve.NewFacetRequest(field, n))
	res, err := ix.bleve.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("count %s: %w", field, err)
	}
	var out []news.Count
	if f := res.Facets[field]; f != nil && f.Terms != nil {
		for _, t := range f.Terms.Terms() {
			out = append(out, news.Count{Name: t.Term, Articles: t.Count})
		}
	}
	return out, nil
}
