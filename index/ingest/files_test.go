package ingest

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestListFilesSkips(t *testing.T) {
	dir, err := filepath.EvalSymlinks(t.TempDir()) // ListFiles gives real paths
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"a.txt", "B.TXT", "README.TXT", "readme.txt", ".hidden.txt", "notes.md", "sub/c.txt", ".git/d.txt"} {
		path := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(path), 0o755)
		if err := os.WriteFile(path, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := ListFiles([]string{dir, filepath.Join(dir, "readme.txt")})
	if err != nil {
		t.Fatal(err)
	}
	for i := range got {
		got[i], _ = filepath.Rel(dir, got[i])
	}
	// A README given by name is read: only the walk passes it by.
	if want := []string{"B.TXT", "a.txt", "sub/c.txt", "readme.txt"}; !slices.Equal(got, want) {
		t.Errorf("ListFiles = %q; want %q", got, want)
	}
}

func TestListFilesFollowsALinkGiven(t *testing.T) {
	want, err := ListFiles([]string{"../testdata/search"})
	if err != nil {
		t.Fatal(err)
	}
	abs, err := filepath.Abs("../testdata/search")
	if err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(t.TempDir(), "articles")
	if err := os.Symlink(abs, link); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	got, err := ListFiles([]string{link})
	if err != nil || len(got) != len(want) || len(want) == 0 {
		t.Errorf("ListFiles(a link to testdata/search) = %d files, %v; want the %d files there", len(got), err, len(want))
	}
}
