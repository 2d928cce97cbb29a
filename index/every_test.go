package index

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"newsbot/index/ingest"
)

// Every pages through the whole index: each article once, whole.
func TestEvery(t *testing.T) {
	src := t.TempDir()
	const n = everyPage*2 + 7 // pages full and one not
	var files []string
	for i := range n {
		path := filepath.Join(src, fmt.Sprintf("%04d.txt", i))
		if err := os.WriteFile(path, []byte(fmt.Sprintf(" date 2025-04-01 Lighthouse report %d\n\nThe keeper logged ship number %d passing the point at dawn.\n", i, i)), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, path)
	}
	ix, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	ctx := context.Background()
	if _, err := ix.Ingest(ctx, ingest.ReadFiles(ctx, files), nil); err != nil {
		t.Fatal(err)
	}
	var paths []string
	for a, err := range ix.Every(ctx) {
		if err != nil {
			t.Fatal(err)
		}
		if a.Body == "" || a.Date.IsZero() || len(a.Paths) != 1 {
			t.Fatalf("%s is not whole: %+v", a.ID, a)
		}
		paths = append(paths, a.Paths[0])
	}
	slices.Sort(paths)
	if !slices.Equal(paths, files) {
		t.Errorf("Every gave %d articles; want the %d indexed, each once", len(paths), len(files))
	}
}
