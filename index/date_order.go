package index

import (
	"context"
	"fmt"
	"math"
	"time"

	"newsbot/index/news"

	"github.com/blevesearch/bleve/v2/numeric"
)

// A search in date order sorts every match by its date, which over a million
// articles took 2.2 s for the newest news (/latest), 0.4-1 s to find the
// nearest day with news before an empty one, and 630 ms for the newest date
// that "in June" counts back from. The newest (or oldest) page is, most
// often, in the last (or first) few days of the period that have articles:
// sorting those is enough, and the date field's term dictionary says which
// days those are without reading any article. The dictionary keeps the
// dates of deleted articles until Bleve merges their segments away, so
// that a date from it is a bound: no kept article is newer (or older).

// inDateOrder answers a search sorted by date from the last day, week or
// month of its period that has articles (the first, oldest first), when
// that holds the page asked for: its matches are then the newest (or
// oldest) of the whole period, in the same order. Total still counts the
// whole period, unless q is Uncounted. ok is false when the search is not
// of that kind or no such window holds the page.
func (ix *Index) inDateOrder(ctx context.Context, q news.Query) (res news.Results, ok bool, err error) {
	if !q.Newest && !q.Oldest || q.Size <= 0 || len(q.IDs) > 0 {
		return res, false, nil
	}
	edgeTerm := ix.firstDateTerm
	if q.Newest {
		edgeTerm = ix.lastDateTerm
	}
	edge, ok, err := edgeTerm(nanosBetween(q.Since, q.Until))
	if err != nil || !ok {
		return res, false, err
	}
	for _, days := range []int{1, 7, 31} {
		window, whole := endDays(q, time.Unix(0, edge).UTC(), days)
		if whole {
			break
		}
		if res, err = ix.search(ctx, window); err != nil {
			return res, false, err
		}
		if res.Total >= q.From+q.Size {
			if !q.Uncounted {
				res.Total, err = ix.countAll(ctx, q)
			}
			return res, err == nil, err
		}
	}
	return news.Results{}, false, nil
}

// countAll counts the matches of q.
func (ix *Index) countAll(ctx context.Context, q news.Query) (int, error) {
	q.Size, q.From, q.Newest, q.Oldest = 0, 0, false, false
	all, err := ix.search(ctx, q)
	return all.Total, err
}

// endDays is q narrowed to its days nearest the end it is sorted from: the
// days up to edge, the newest date in its period, for the newest first; from
// edge, the oldest, for the oldest first. whole is true when that is the
// whole period.
func endDays(q news.Query, edge time.Time, days int) (window news.Query, whole bool) {
	window = q
	if q.Newest {
		end := edge.Add(time.Nanosecond)
		window.Since, window.Until = end.AddDate(0, 0, -days), end
		return window, !q.Since.IsZero() && !window.Since.After(q.Since)
	}
	window.Since, window.Until = edge, edge.AddDate(0, 0, days)
	return window, !q.Until.IsZero() && !window.Until.Before(q.Until)
}

// nanosBetween is the range of Unix nanoseconds from since to before until,
// either of which may be zero for no bound.
func nanosBetween(since, until time.Time) (lo, hi int64) {
	lo, hi = math.MinInt64, math.MaxInt64
	if !since.IsZero() {
		lo = since.UnixNano()
	}
	if !until.IsZero() {
		hi = until.UnixNano() - 1
	}
	return lo, hi
}

// edgeDate is the newest or the oldest date of a dated article.
func (ix *Index) edgeDate(ctx context.Context, newest bool) (time.Time, error) {
	return ix.edgeDateIn(ctx, firstDay, time.Time{}, newest)
}

// edgeDateIn is the newest or the oldest date of an article dated from start
// to before end (no end when zero); zero when there is none. The date
// field's dictionary has the dates, and those of deleted articles until
// Bleve merges them away: the edge is the first of them, from the end
// asked, that a kept article has.
func (ix *Index) edgeDateIn(ctx context.Context, start, end time.Time, newest bool) (time.Time, error) {
	lo, hi := nanosBetween(start, end)
	edgeTerm := ix.firstDateTerm
	if newest {
		edgeTerm = ix.lastDateTerm
	}
	for lo <= hi {
		date, ok, err := edgeTerm(lo, hi)
		if err != nil || !ok {
			return time.Time{}, err
		}
		d := time.Unix(0, date).UTC()
		kept, err := ix.search(ctx, news.Query{Since: d, Until: d.Add(time.Nanosecond)})
		if err != nil || kept.Total > 0 {
			return d, err
		}
		if newest {
			hi = date - 1
		} else {
			lo = date + 1
		}
	}
	return time.Time{}, nil
}

// firstDateTerm is the first date, in Unix nanoseconds, that the date field's
// dictionary holds from lo to hi; ok is false when there is none.
func (ix *Index) firstDateTerm(lo, hi int64) (date int64, ok bool, err error) {
	dict, err := ix.bleve.FieldDictRange(fieldDate, numeric.MustNewPrefixCodedInt64(lo, 0), numeric.MustNewPrefixCodedInt64(hi, 0))
	if err != nil {
		return 0, false, fmt.Errorf("read the dates: %w", err)
	}
	defer dict.Close()
	entry, err := dict.Next()
	if err != nil || entry == nil {
		return 0, false, err
	}
	date, err = numeric.PrefixCoded(entry.Term).Int64()
	return date, err == nil, err
}

// lastDateTerm is the last date from lo to hi in the dictionary, which reads
// forward only: the greatest date from which on it holds one, found by
// halving the range it is in.
func (ix *Index) lastDateTerm(lo, hi int64) (date int64, ok bool, err error) {
	first, ok, err := ix.firstDateTerm(lo, hi)
	if err != nil || !ok {
		return 0, false, err
	}
	lo, top := first, hi
	for lo < hi {
		// The middle, rounded up, in arithmetic that does not overflow.
		d := uint64(hi) - uint64(lo)
		mid := int64(uint64(lo) + d/2 + d%2)
		if _, ok, err := ix.firstDateTerm(mid, top); err != nil {
			return 0, false, err
		} else if ok {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo, true, nil
}
