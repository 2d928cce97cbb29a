package index

import (
	"fmt"
	"path/filepath"

	"github.com/blevesearch/bleve/v2"
)

// CopyTo writes a copy of the index as it is now into dir/index, while it
// goes on answering and taking articles in: the copy is of one snapshot,
// whole, and opens with Open(dir). Bleve keeps the snapshot's files on disk
// until the copy is done.
func (ix *Index) CopyTo(dir string) error {
	copyable, ok := ix.bleve.(bleve.IndexCopyable)
	if !ok {
		return fmt.Errorf("this index cannot be copied while open")
	}
	if err := copyable.CopyTo(bleve.FileSystemDirectory(filepath.Join(dir, "index"))); err != nil {
		return fmt.Errorf("copy the index: %w", err)
	}
	return nil
}
