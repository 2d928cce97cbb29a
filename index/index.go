package index

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"sync/atomic"
	"syscall"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"
	bolt "go.etcd.io/bbolt"
)

// ErrLocked means another process has the index open. Bleve's store allows one
// writer; rather than wait forever for its lock, Open gives up after lockWait.
var ErrLocked = errors.New("the index is in use by another newsbot process")

// lockWait is how long Open waits for another process to release the index.
const lockWait = "1s"

// Index is the on-disk article index. It is safe for concurrent use.
type Index struct {
	dir    string
	bleve  bleve.Index
	people atomic.Pointer[peopleList] // nil until asked for, and after an ingest
	// peopleBuild lets one caller at a time build the people list, which
	// takes a while on a large index; the others wait for it, and so does
	// forgetting it, so that a list built from the articles before a change
	// is never kept after it.
	peopleBuild sync.Mutex
	// keeping is held for writing while a prune by date changes the first
	// day kept, and for reading while a batch of an ingest is checked
	// against it and written: see PruneBefore.
	keeping sync.RWMutex
	// hasPairs is false for an index made before full names were indexed
	// in pairs: it keeps its mapping, and finds a name's words anywhere.
	hasPairs bool
	// searching counts the cores that searches are using: see run.
	searching atomic.Int32
}

// Open opens the index in dir/index, creating it when it does not exist yet.
// dir is newsbot's data directory; the index keeps to its own sub-directory so
// that other state can live beside it.
func Open(dir string) (*Index, error) {
	path := filepath.Join(dir, "index")
	runtime := map[string]any{"bolt_timeout": lockWait}
	b, err := bleve.OpenUsing(path, runtime)
	if errors.Is(err, bleve.ErrorIndexPathDoesNotExist) {
		b, err = create(path)
	}
	if err != nil {
		return nil, openError(path, err)
	}
	format, err := b.GetInternal(formatKey)
	if err != nil {
		b.Close()
		return nil, openError(path, err)
	}
	return &Index{dir: dir, bleve: b, hasPairs: string(format) == format2}, nil
}

// formatKey is where the index records how newsbot built it. Bleve keeps
// the mapping an index was made with, so an older index stays consistent
// with itself; the format says what it can do. An index without one was
// made before full names were indexed in pairs and names without accents.
var formatKey = []byte("newsbot_format")

// format2 indexes full names in pairs and takes the accents off names.
const format2 = "2"

// FindsFullNames reports whether the index finds a full name only where its
// words stand together. An index made by an older newsbot finds them
// anywhere in an article until it is built again.
func (ix *Index) FindsFullNames() bool { return ix.hasPairs }

// ErrReadOnly means the index cannot be written: newsbot writes to its index
// even to answer (Bleve keeps its state there), so it needs a writable one.
var ErrReadOnly = errors.New("the index cannot be written (a read-only disk, or files owned by another user)")

// openError says plainly why the index at path did not open.
func openError(path string, err error) error {
	switch {
	case errors.Is(err, bolt.ErrTimeout):
		return fmt.Errorf("open index %s: %w; stop it, or give this one another --data directory", path, ErrLocked)
	case errors.Is(err, fs.ErrPermission), errors.Is(err, syscall.EROFS):
		return fmt.Errorf("open index %s: %w; give newsbot a data directory it can write (--data or NEWSBOT_DATA): %v", path, ErrReadOnly, err)
	}
	return fmt.Errorf("open index %s: %w", path, err)
}

// NewEngine creates an empty Bleve index in dir as Open would, for tools
// that measure newsbot against the engine alone.
func NewEngine(dir string) (bleve.Index, error) {
	return create(filepath.Join(dir, "index"))
}

func create(path string) (bleve.Index, error) {
	m, err := newMapping()
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, err
	}
	b, err := bleve.NewUsing(path, m, scorch.Name, scorch.Name, map[string]any{"bolt_timeout": lockWait})
	if err != nil {
		return nil, err
	}
	if err := b.SetInternal(formatKey, []byte(format2)); err != nil {
		b.Close()
		return nil, err
	}
	return b, nil
}

// Engine is the Bleve index underneath, for tools that measure newsbot
// against the engine alone (the benchmark's plain baseline).
func (ix *Index) Engine() bleve.Index { return ix.bleve }

// Dir is the data directory the index lives in.
func (ix *Index) Dir() string { return ix.dir }

// Count is the number of articles in the index.
func (ix *Index) Count() (int, error) {
	n, err := ix.bleve.DocCount()
	return int(n), err
}

// Close flushes and closes the index. Nothing may use it afterwards.
func (ix *Index) Close() error {
	return ix.bleve.Close()
}

// Exists reports whether dir holds an index already.
func Exists(dir string) bool {
	_, err := os.Stat(filepath.Join(dir, "index", "index_meta.json"))
	return err == nil
}

// Settle merges the index into as few segments as Bleve allows, one for up
// to millions of articles. A search reads one postings list per word and
// segment, each on pages of its own: over 200,000 articles, a process
// answering questions mapped 296 MB of the index with the 14 segments Bleve
// leaves, and 152 MB with one. It rewrites the index, which takes about 5 s
// for 200,000 articles, so it is for after an ingest, not while serving.
func (ix *Index) Settle(ctx context.Context) error {
	adv, err := ix.bleve.Advanced()
	if err != nil {
		return err
	}
	s, ok := adv.(*scorch.Scorch)
	if !ok {
		return nil
	}
	options := mergeplan.SingleSegmentMergePlanOptions
	if err := s.ForceMerge(ctx, &options); err != nil {
		return fmt.Errorf("merge the index: %w", err)
	}
	return nil
}

// appliedKey holds the sequence of the last message of the shared stream of
// articles applied to this index (see package stream).
var appliedKey = []byte("newsbot_stream_applied")

// Applied is the sequence of the last message of the stream of articles
// applied to the index, 0 when none: where applying resumes after a restart.
func (ix *Index) Applied() (uint64, error) {
	v, err := ix.bleve.GetInternal(appliedKey)
	if err != nil || len(v) == 0 {
		return 0, err
	}
	return strconv.ParseUint(string(v), 10, 64)
}

// SetApplied records that the stream of articles is applied up to seq.
func (ix *Index) SetApplied(seq uint64) error {
	return ix.bleve.SetInternal(appliedKey, []byte(strconv.FormatUint(seq, 10)))
}
