package index

import (
	"context"
	"fmt"
	"iter"
	"slices"
	"strings"

	"newsbot/index/news"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

// BatchSize is how many articles go to Bleve in one batch: large enough to
// amortise segment creation, small enough that a killed process loses at most
// one batch, which the next run adds again.
const BatchSize = 500

// Ingest adds the candidates' articles to the index in batches. An article
// whose ID was indexed before this ingest is counted unchanged and left alone,
// so ingesting the same material twice changes nothing; a feed item whose ID
// this ingest has added already is a duplicate. An article from a file that was
// indexed before with other content replaces that older version. done, when not
// nil, is called after each candidate is accounted for (for progress bars).
// An article dated before the first day the index keeps (see PruneBefore) is
// counted too old and left out.
func (ix *Index) Ingest(ctx context.Context, candidates iter.Seq[news.Candidate], done func()) (news.Report, error) {
	var report news.Report
	pending := make([]news.Article, 0, BatchSize)
	addedNow := map[string]bool{} // the feed items this ingest added, by ID
	flush := func() error {
		if len(pending) == 0 {
			return nil
		}
		err := ix.addBatch(ctx, pending, addedNow, &report)
		for range pending {
			if done != nil {
				done()
			}
		}
		pending = pending[:0]
		return err
	}
	for c := range candidates {
		if err := ctx.Err(); err != nil {
			return report, err
		}
		if c.Err != nil {
			report.Rejected = append(report.Rejected, news.Rejection{Origin: c.Origin, Reason: c.Err})
			if done != nil {
				done()
			}
			continue
		}
		pending = append(pending, c.Article)
		if len(pending) == BatchSize {
			if err := flush(); err != nil {
				return report, err
			}
		}
	}
	return report, flush()
}

// addBatch indexes the articles not indexed yet. An article indexed before
// from another file is a duplicate: the index keeps one copy and notes every
// file it was read from. A feed item whose ID this ingest added already
// (addedNow, which addBatch adds to), or one earlier in the batch added, is a
// duplicate too, not unchanged: two feeds gave the same story. A file that
// held other content before no longer vouches for that content, which is
// deleted once no file holds it. An article dated before the first day the
// index keeps is too old, and left out (see PruneBefore).
func (ix *Index) addBatch(ctx context.Context, articles []news.Article, addedNow map[string]bool, report *news.Report) error {
	ix.keeping.RLock()
	defer ix.keeping.RUnlock()
	articles, old, err := ix.tooOld(articles)
	if err != nil {
		return fmt.Errorf("read the first day kept: %w", err)
	}
	report.TooOld += old
	if len(articles) == 0 {
		return nil
	}
	ids := make([]string, 0, len(articles))
	var paths []query.Query
	for _, a := range articles {
		ids = append(ids, a.ID)
		if a.Path != "" {
			q := bleve.NewTermQuery(a.Path)
			q.SetField(fieldPath)
			paths = append(paths, q)
		}
	}
	known, err := ix.pathsOf(ctx, bleve.NewDocIDQuery(ids), len(ids))
	if err != nil {
		return err
	}
	pending := map[string]*news.Article{} // to index, by ID
	fresh := map[string]*news.Article{}   // new content, by path
	var items []*news.Article             // new feed items
	for _, a := range articles {
		paths, isKnown := known[a.ID]
		if doc := pending[a.ID]; doc != nil {
			paths, isKnown = doc.Paths, true
		}
		switch {
		case !isKnown:
			a.Paths = []string{a.Path}
			pending[a.ID], fresh[a.Path] = &a, &a
			if a.Path == "" {
				items = append(items, &a)
			}
		case a.Path == "" && (addedNow[a.ID] || pending[a.ID] != nil):
			report.Duplicates++
		case a.Path == "" || slices.Contains(paths, a.Path):
			report.Unchanged++
		default:
			report.Duplicates++
			a.Paths = append(slices.Clip(paths), a.Path)
			pending[a.ID] = &a
		}
	}
	delete(fresh, "")
	republished, err := ix.republished(ctx, items)
	if err != nil {
		return err
	}
	for _, a := range republished {
		delete(pending, a.ID)
		report.Duplicates++
	}
	var added []*news.Article
	for _, a := range items {
		if pending[a.ID] != nil {
			report.Added++
			added = append(added, a)
			addedNow[a.ID] = true
		}
	}
	copies, err := ix.copiesOfFeedItems(ctx, fresh, added)
	if err != nil {
		return err
	}
	for _, a := range copies {
		delete(pending, a.ID)
		delete(fresh, a.Path)
		report.Duplicates++
	}

	batch := ix.bleve.NewBatch()
	replacing, err := ix.dropMovedPaths(ctx, articles, paths, pending, fresh, batch)
	if err != nil {
		return err
	}
	for path := range fresh {
		if replacing[path] {
			report.Updated++
		} else {
			report.Added++
		}
	}
	for id, doc := range pending {
		if err := batch.Index(id, document(*doc)); err != nil {
			return fmt.Errorf("index %s: %w", id, err)
		}
	}
	if err := ix.bleve.Batch(batch); err != nil {
		return fmt.Errorf("write batch: %w", err)
	}
	ix.forgetPeople()
	return nil
}

// dropMovedPaths finds the indexed articles that list one of the batch's files
// while that file now holds another article, and takes the file off them: an
// article no file holds any more is deleted, the others are indexed again with
// their remaining files. It returns the files whose fresh article replaces
// older content.
func (ix *Index) dropMovedPaths(ctx context.Context, articles []news.Article, paths []query.Query, pending, fresh map[string]*news.Article, batch *bleve.Batch) (replacing map[string]bool, err error) {
	if len(paths) == 0 {
		return nil, nil
	}
	previous, err := ix.pathsOf(ctx, bleve.NewDisjunctionQuery(paths...), 10*len(paths))
	if err != nil {
		return nil, err
	}
	replacing = map[string]bool{}
	holds := make(map[string]string, len(articles)) // what each file holds now
	for _, a := range articles {
		holds[a.Path] = a.ID
	}
	var reload []string
	kept := map[string][]string{}
	for id, docPaths := range previous {
		if doc := pending[id]; doc != nil {
			docPaths = doc.Paths
		}
		remaining := slices.DeleteFunc(slices.Clone(docPaths), func(p string) bool {
			moved := holds[p] != "" && holds[p] != id
			if moved && fresh[p] != nil {
				replacing[p] = true
			}
			return moved
		})
		switch {
		case len(remaining) == len(docPaths):
		case len(remaining) == 0:
			batch.Delete(id)
			delete(pending, id)
		case pending[id] != nil:
			pending[id].Paths = remaining
		default:
			reload = append(reload, id)
			kept[id] = remaining
		}
	}
	if len(reload) == 0 {
		return replacing, nil
	}
	docs, err := ix.articles(ctx, reload)
	if err != nil {
		return nil, err
	}
	for _, doc := range docs {
		doc.Paths = kept[doc.ID]
		pending[doc.ID] = &doc
	}
	return replacing, nil
}

// republished returns the new feed items that are old news: an indexed
// article has the same GUID, or the same text (under another link or title),
// or an earlier item of the same batch does.
func (ix *Index) republished(ctx context.Context, items []*news.Article) ([]*news.Article, error) {
	reader, err := ix.reader()
	if err != nil {
		return nil, fmt.Errorf("look up republished items: %w", err)
	}
	defer reader.Close()
	// Each key is looked up in the dictionary: a search for the batch's
	// thousand keys at once was 7% of an ingest.
	indexed := func(key string) (bool, error) {
		field, value, _ := strings.Cut(key, ":")
		n, err := termCounts(reader, field, []string{value})
		return err == nil && n[0] > 0, err
	}
	taken := map[string]bool{} // keys of the batch's items taken already
	var out []*news.Article
	for _, a := range items {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		keys := identities(a)
		old := slices.ContainsFunc(keys, func(k string) bool { return taken[k] })
		for _, k := range keys {
			if old {
				break
			}
			if old, err = indexed(k); err != nil {
				return nil, fmt.Errorf("look up republished items: %w", err)
			}
		}
		if old {
			out = append(out, a)
			continue
		}
		for _, k := range keys {
			taken[k] = true
		}
	}
	return out, nil
}

// copiesOfFeedItems returns the fresh articles of files whose text is
// indexed already from a feed, or comes from one of the batch's new items.
// The feed's copy stays, as it has a link, and the file is not noted on it:
// a feed item must not leave the index when a file is deleted. So the same
// text is one article whichever came first.
func (ix *Index) copiesOfFeedItems(ctx context.Context, fresh map[string]*news.Article, items []*news.Article) ([]*news.Article, error) {
	var terms []query.Query
	for _, a := range fresh {
		if fp := fingerprint(a.Body); fp != "" {
			q := bleve.NewTermQuery(fp)
			q.SetField(fieldFingerprint)
			terms = append(terms, q)
		}
	}
	if len(terms) == 0 {
		return nil, nil
	}
	fromFeeds := map[string]bool{} // fingerprints
	for _, a := range items {
		fromFeeds[fingerprint(a.Body)] = true
	}
	req := bleve.NewSearchRequestOptions(bleve.NewDisjunctionQuery(terms...), len(terms), 0, false)
	req.Fields = []string{fieldPath, fieldFingerprint}
	req.Score = "none"
	res, err := ix.bleve.SearchInContext(ctx, req)
	if err == nil && int(res.Total) > len(res.Hits) { // copies among files too
		req.Size = int(res.Total)
		res, err = ix.bleve.SearchInContext(ctx, req)
	}
	if err != nil {
		return nil, fmt.Errorf("look up copies of feed items: %w", err)
	}
	for _, h := range res.Hits {
		if fp, _ := h.Fields[fieldFingerprint].(string); fp != "" && len(strs(h.Fields[fieldPath])) == 0 {
			fromFeeds[fp] = true
		}
	}
	var out []*news.Article
	for _, a := range fresh {
		if fp := fingerprint(a.Body); fp != "" && fromFeeds[fp] {
			out = append(out, a)
		}
	}
	return out, nil
}

// identities are the keys under which a feed item is the same story as
// another: its GUID and its text's fingerprint, when it has them.
func identities(a *news.Article) []string {
	var keys []string
	if a.GUID != "" {
		keys = append(keys, fieldGUID+":"+a.GUID)
	}
	if fp := fingerprint(a.Body); fp != "" {
		keys = append(keys, fieldFingerprint+":"+fp)
	}
	return keys
}

// pathsOf returns the files of the indexed articles matching q, by ID.
func (ix *Index) pathsOf(ctx context.Context, q query.Query, size int) (map[string][]string, error) {
	req := bleve.NewSearchRequestOptions(q, size, 0, false)
	req.Fields = []string{fieldPath}
	req.SortBy([]string{"_id"})
	req.Score = "none"
	res, err := ix.bleve.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("look up indexed articles: %w", err)
	}
	found := make(map[string][]string, len(res.Hits))
	for _, h := range res.Hits {
		found[h.ID] = strs(h.Fields[fieldPath])
	}
	return found, nil
}

// articles loads indexed articles whole.
func (ix *Index) articles(ctx context.Context, ids []string) ([]news.Article, error) {
	req := bleve.NewSearchRequestOptions(bleve.NewDocIDQuery(ids), len(ids), 0, false)
	req.Fields = storedFields
	req.Score = "none"
	res, err := ix.bleve.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("load indexed articles: %w", err)
	}
	out := make([]news.Article, 0, len(res.Hits))
	for _, h := range res.Hits {
		out = append(out, articleFrom(h))
	}
	return out, nil
}

// Known reports which of ids are indexed.
func (ix *Index) Known(ctx context.Context, ids []string) (map[string]bool, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	found, err := ix.pathsOf(ctx, bleve.NewDocIDQuery(ids), len(ids))
	if err != nil {
		return nil, err
	}
	known := make(map[string]bool, len(found))
	for id := range found {
		known[id] = true
	}
	return known, nil
}
