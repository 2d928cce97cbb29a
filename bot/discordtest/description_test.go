package discordtest

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// TestFindDescription finds the description from deep inside a module, as
// tests of any package do, and says when it is absent.
func TestFindDescription(t *testing.T) {
	root := t.TempDir()
	pkg := filepath.Join(root, "repo", "bot", "discordtest")
	want := filepath.Join(root, "shared", "docs", "discord-openapi.json")
	for _, dir := range []string{pkg, filepath.Dir(want)} {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(root, "repo", "go.mod"), []byte("module newsbot\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(pkg)

	if _, err := findDescription(); !errors.Is(err, errNoDescription) {
		t.Errorf("without the file: error %v; want %v", err, errNoDescription)
	}
	if err := os.WriteFile(want, []byte("{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got, err := findDescription(); got != want || err != nil {
		t.Errorf("findDescription() = %q, %v; want %q", got, err, want)
	}
}
