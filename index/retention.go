package index

import (
	"context"
	"fmt"
	"time"

	"newsbot/index/news"

	"github.com/blevesearch/bleve/v2"
)

// keptSinceKey is where the index records the first day it keeps: the
// cut-off of its last prune by date.
var keptSinceKey = []byte("newsbot_kept_since")

// pruneBatch is how many articles one batch of a prune by date deletes:
// few enough that each batch is written in a moment, so that the searches
// asked meanwhile are answered between batches rather than after the prune.
const pruneBatch = 250

// firstDay is before any article's date: Bleve's dates start in 1677.
var firstDay = time.Date(1700, 1, 1, 0, 0, 0, 0, time.UTC)

// KeptSince is the first day the index keeps, as its last prune by date
// recorded it; zero when it was never pruned by date. Ingest refuses
// articles dated before it.
func (ix *Index) KeptSince() (time.Time, error) {
	v, err := ix.bleve.GetInternal(keptSinceKey)
	if err != nil || len(v) == 0 {
		return time.Time{}, err
	}
	return time.Parse(time.DateOnly, string(v))
}

// PruneBefore deletes the articles dated before cutoff, a day (its time is
// dropped: see retention.Cutoff). It first records the cut-off, from when
// on Ingest refuses articles dated before it, so that a feed still listing
// them, or their files read again, do not bring them back. Undated articles
// are kept. It deletes a day's articles at a time, pruneBatch per batch, so
// that searches go on being answered while it works; progress, when set,
// is told after each batch how many are deleted so far. Stopped halfway, it
// leaves whole articles, and running it again deletes the rest.
func (ix *Index) PruneBefore(ctx context.Context, cutoff time.Time, progress func(deleted int)) (news.Pruned, error) {
	cutoff = cutoff.UTC().Truncate(24 * time.Hour)
	pruned := news.Pruned{Cutoff: cutoff}
	// No batch of an ingest is half written while the cut-off changes: one
	// checked against the old cut-off is in the index before the search
	// for what to delete begins.
	ix.keeping.Lock()
	err := ix.bleve.SetInternal(keptSinceKey, []byte(cutoff.Format(time.DateOnly)))
	ix.keeping.Unlock()
	if err != nil {
		return pruned, fmt.Errorf("record the cut-off: %w", err)
	}
	day, err := ix.edgeDateIn(ctx, firstDay, cutoff, false)
	for !day.IsZero() && err == nil {
		day = day.Truncate(24 * time.Hour)
		end := day.AddDate(0, 0, 1)
		if end.After(cutoff) {
			end = cutoff
		}
		var n int
		n, err = ix.deleteDated(ctx, day, end, pruned.Deleted, progress)
		pruned.Deleted += n
		if err != nil {
			break
		}
		// Day after day while there are articles; past a gap, straight to
		// the next dated one.
		if n > 0 && end.Before(cutoff) {
			day = end
		} else {
			day, err = ix.edgeDateIn(ctx, end, cutoff, false)
		}
	}
	if err != nil {
		return pruned, err
	}
	if pruned.Kept, err = ix.Count(); err != nil {
		return pruned, err
	}
	pruned.Oldest, err = ix.edgeDate(ctx, false)
	return pruned, err
}

// deleteDated deletes the articles dated from start to before end, in
// batches, and returns how many; progress, when set, is told the count so
// far, from before.
func (ix *Index) deleteDated(ctx context.Context, start, end time.Time, before int, progress func(int)) (int, error) {
	dated := bleve.NewDateRangeQuery(start, end)
	dated.SetField(fieldDate)
	deleted := 0
	for {
		if err := ctx.Err(); err != nil {
			return deleted, err
		}
		res, err := ix.bleve.SearchInContext(ctx, bleve.NewSearchRequestOptions(dated, pruneBatch, 0, false))
		if err != nil {
			return deleted, fmt.Errorf("look up the articles dated %s: %w", start.Format(time.DateOnly), err)
		}
		if len(res.Hits) == 0 {
			return deleted, nil
		}
		batch := ix.bleve.NewBatch()
		for _, h := range res.Hits {
			batch.Delete(h.ID)
		}
		if err := ix.bleve.Batch(batch); err != nil {
			return deleted, fmt.Errorf("delete old articles: %w", err)
		}
		ix.forgetPeople()
		deleted += len(res.Hits)
		if progress != nil {
			progress(before + deleted)
		}
	}
}

// tooOld takes off articles the ones dated before the first day the index
// keeps, and returns those left and how many it took off. The caller holds
// keeping for reading until the articles left are written.
func (ix *Index) tooOld(articles []news.Article) ([]news.Article, int, error) {
	keptSince, err := ix.KeptSince()
	if err != nil || keptSince.IsZero() {
		return articles, 0, err
	}
	var left []news.Article
	for _, a := range articles {
		if a.Date.IsZero() || !a.Date.Before(keptSince) {
			left = append(left, a)
		}
	}
	return left, len(articles) - len(left), nil
}
