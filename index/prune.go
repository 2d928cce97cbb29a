package index

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"newsbot/index/news"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

// Prune takes off the index the files under dir that are gone. present
// lists the article files under dir now, as ListFiles gives them. Each
// article indexed from a file under dir that is not present loses that file;
// an article left with no file is deleted. Articles from feeds are never
// touched. Prune returns the gone files' paths. An empty listing prunes
// nothing: a directory that holds no article file any more is more likely
// an unmounted disk than a decision to forget everything.
func (ix *Index) Prune(ctx context.Context, dir string, present []string) ([]string, error) {
	indexed, isGone, err := ix.goneUnder(ctx, dir, present)
	if err != nil || isGone == nil {
		return nil, err
	}
	return ix.dropFiles(ctx, indexed, isGone)
}

// Gone lists the files under dir that the index holds and that are gone,
// present listing those there now, without forgetting them: what Prune
// would take off. A cluster publishes them first, so that no process
// forgets them alone.
func (ix *Index) Gone(ctx context.Context, dir string, present []string) ([]string, error) {
	indexed, isGone, err := ix.goneUnder(ctx, dir, present)
	if err != nil || isGone == nil {
		return nil, err
	}
	var gone []string
	for _, paths := range indexed {
		gone = append(gone, slices.DeleteFunc(slices.Clone(paths), func(p string) bool { return !isGone(p) })...)
	}
	slices.Sort(gone)
	return slices.Compact(gone), nil
}

// goneUnder finds the indexed articles with files under dir (their IDs and
// files), and which of those files are gone, present listing those there
// now. isGone is nil when present is empty: see Prune.
func (ix *Index) goneUnder(ctx context.Context, dir string, present []string) (indexed map[string][]string, isGone func(string) bool, err error) {
	if len(present) == 0 {
		return nil, nil, nil
	}
	root, err := filepath.EvalSymlinks(dir)
	if err == nil {
		root, err = filepath.Abs(root)
	}
	if err != nil {
		return nil, nil, err
	}
	here := make(map[string]bool, len(present))
	for _, p := range present {
		if abs, err := filepath.Abs(p); err == nil {
			here[abs] = true
		}
	}
	prefix := strings.TrimSuffix(root, string(os.PathSeparator)) + string(os.PathSeparator)
	under := bleve.NewPrefixQuery(prefix)
	under.SetField(fieldPath)
	count, err := ix.bleve.SearchInContext(ctx, bleve.NewSearchRequestOptions(under, 0, 0, false))
	if err != nil {
		return nil, nil, fmt.Errorf("look up the articles of %s: %w", dir, err)
	}
	if indexed, err = ix.pathsOf(ctx, under, int(count.Total)); err != nil {
		return nil, nil, err
	}
	return indexed, func(p string) bool { return strings.HasPrefix(p, prefix) && !here[p] }, nil
}

// Forget takes files off the index as Prune does with the files gone from
// a folder, and returns those it held: for the removals another process of
// a cluster saw.
func (ix *Index) Forget(ctx context.Context, files []string) ([]string, error) {
	if len(files) == 0 {
		return nil, nil
	}
	gone := map[string]bool{}
	var held []query.Query
	for _, f := range files {
		gone[f] = true
		q := bleve.NewTermQuery(f)
		q.SetField(fieldPath)
		held = append(held, q)
	}
	indexed, err := ix.pathsOf(ctx, bleve.NewDisjunctionQuery(held...), 10*len(files))
	if err != nil {
		return nil, err
	}
	return ix.dropFiles(ctx, indexed, func(p string) bool { return gone[p] })
}

// dropFiles takes the files that isGone picks off the indexed articles
// (their IDs and files): an article left with no file is deleted, the others
// are indexed again with the files they have left. It returns the files
// taken off, sorted.
func (ix *Index) dropFiles(ctx context.Context, indexed map[string][]string, isGone func(string) bool) ([]string, error) {
	var gone, reload []string
	kept := map[string][]string{}
	batch := ix.bleve.NewBatch()
	for id, paths := range indexed {
		remaining := slices.DeleteFunc(slices.Clone(paths), func(p string) bool {
			if isGone(p) {
				gone = append(gone, p)
				return true
			}
			return false
		})
		switch {
		case len(remaining) == len(paths):
		case len(remaining) == 0:
			batch.Delete(id)
		default:
			reload = append(reload, id)
			kept[id] = remaining
		}
	}
	var docs []news.Article
	if len(reload) > 0 {
		var err error
		if docs, err = ix.articles(ctx, reload); err != nil {
			return nil, err
		}
	}
	for _, doc := range docs {
		doc.Paths = kept[doc.ID]
		if err := batch.Index(doc.ID, document(doc)); err != nil {
			return nil, fmt.Errorf("index %s: %w", doc.ID, err)
		}
	}
	if batch.Size() == 0 {
		return nil, nil
	}
	if err := ix.bleve.Batch(batch); err != nil {
		return nil, fmt.Errorf("write batch: %w", err)
	}
	ix.forgetPeople()
	slices.Sort(gone)
	return gone, nil
}
