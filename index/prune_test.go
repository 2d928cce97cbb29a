package index

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"newsbot/index/ingest"

	"github.com/blevesearch/bleve/v2"
)

func TestPruneForgetsGoneFiles(t *testing.T) {
	// The index holds real paths; the temporary directory may be a link.
	dir, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	files, err := ingest.ListFiles([]string{"testdata/search"})
	if err != nil {
		t.Fatal(err)
	}
	copyTo := func(name, from string) string {
		data, err := os.ReadFile(from)
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	kept := copyTo("kept.txt", files[0])
	gone := copyTo("gone.txt", files[1])
	original := copyTo("original.txt", files[2])
	copied := copyTo("copy.txt", files[2]) // the same article, from two files
	outside, err := filepath.Abs(files[3])
	if err != nil {
		t.Fatal(err)
	}
	ix, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	mustAdd(t, ix, dir, outside)
	if n, _ := ix.Count(); n != 4 {
		t.Fatalf("indexed %d articles; want 4", n)
	}

	if got, err := ix.Prune(context.Background(), dir, nil); err != nil || got != nil {
		t.Errorf("Prune of an empty listing = %q, %v; want nothing pruned", got, err)
	}
	os.Remove(gone)
	os.Remove(original)
	present, err := ingest.ListFiles([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	got, err := ix.Prune(context.Background(), dir, present)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{gone, original}; !slices.Equal(got, want) {
		t.Errorf("Prune = %q; want %q", got, want)
	}
	if n, _ := ix.Count(); n != 3 {
		t.Errorf("after Prune the index holds %d articles; want 3: the one held by copy.txt stays", n)
	}
	indexed, err := ix.pathsOf(context.Background(), bleve.NewMatchAllQuery(), 10)
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, p := range indexed {
		paths = append(paths, p...)
	}
	slices.Sort(paths)
	want := []string{copied, kept, outside}
	slices.Sort(want) // the temporary directory may sort before or after the checkout
	if !slices.Equal(paths, want) {
		t.Errorf("indexed files %q; want %q", paths, want)
	}
}
