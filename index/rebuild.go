package index

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
)

// Rebuild makes the index in the data directory dir anew from the text it
// holds, with this newsbot's mapping and format, and puts it in the old one's
// place only once it is whole: an index made by an older newsbot is upgraded
// without its source files, which may be gone. It reports how many articles
// the index holds; done, when set, is called once per article read.
func Rebuild(ctx context.Context, dir string, done func()) (int, error) {
	old, err := Open(dir)
	if err != nil {
		return 0, err
	}
	// Each closes once: before the old one is moved away, or on the way out.
	closeOld := sync.OnceValue(old.Close)
	defer closeOld()
	want, err := old.Count()
	if err != nil {
		return 0, err
	}
	applied, err := old.Applied()
	if err != nil {
		return 0, err
	}
	work, err := os.MkdirTemp(dir, "rebuilding-")
	if err != nil {
		return 0, err
	}
	defer os.RemoveAll(work)
	fresh, err := Open(work)
	if err != nil {
		return 0, err
	}
	closeFresh := sync.OnceValue(fresh.Close)
	defer closeFresh()
	articles, failed := old.Candidates(ctx, done)
	if _, err := fresh.Ingest(ctx, articles, nil); err != nil {
		return 0, err
	}
	if err := failed(); err != nil {
		return 0, err
	}
	if err := fresh.SetApplied(applied); err != nil {
		return 0, err
	}
	// The first day kept goes with the articles, so that nothing pruned
	// comes back through the rebuilt index.
	if kept, err := old.bleve.GetInternal(keptSinceKey); err != nil {
		return 0, err
	} else if kept != nil {
		if err := fresh.bleve.SetInternal(keptSinceKey, kept); err != nil {
			return 0, err
		}
	}
	if err := fresh.Settle(ctx); err != nil {
		return 0, err
	}
	if got, err := fresh.Count(); err != nil || got != want {
		return 0, fmt.Errorf("the rebuilt index holds %d articles where the old one holds %d (%v); the old one is kept as it was", got, want, err)
	}
	if err := errors.Join(closeFresh(), closeOld()); err != nil {
		return 0, err
	}
	live := filepath.Join(dir, "index")
	if err := os.Rename(live, filepath.Join(work, "old")); err != nil {
		return 0, err
	}
	if err := os.Rename(filepath.Join(work, "index"), live); err != nil {
		os.Rename(filepath.Join(work, "old"), live) // put the old one back
		return 0, err
	}
	return want, nil
}
