package index

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"newsbot/index/ingest"
	"newsbot/index/news"
)

// TestCountsAfterMerge checks the counts of people and of similar words on an
// index merged from several segments, where zapx's dictionary iterator says 1
// for every term after it has read a term of one article (zapx PR #445).
func TestCountsAfterMerge(t *testing.T) {
	dir := t.TempDir()
	article := func(name, person, title string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(" date 2025-04-01 "+title+"\n\nTreasury Secretary "+person+" spoke on Tuesday about the budget.\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	files := []string{
		article("a.txt", "Anna Walkar", "Budget speech"),
		article("b.txt", "Brian Walker", "Budget speech"),
		article("c.txt", "Brian Walker", "Budget speech again"),
		article("d.txt", "Brian Walker", "Budget speech once more"),
	}
	ix, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	for _, f := range files { // a segment each
		if _, err := ix.Ingest(context.Background(), ingest.ReadFiles(context.Background(), []string{f}), nil); err != nil {
			t.Fatal(err)
		}
	}
	if err := ix.Settle(context.Background()); err != nil {
		t.Fatal(err)
	}
	people, err := ix.People(context.Background(), "", 10)
	if err != nil {
		t.Fatal(err)
	}
	if want := []news.Person{{Name: "Brian Walker", Articles: 3}, {Name: "Anna Walkar", Articles: 1}}; !slices.Equal(people, want) {
		t.Errorf("People = %v; want %v", people, want)
	}
	if similar, err := ix.SimilarWords(context.Background(), "Walkir", 2); err != nil || !slices.Equal(similar, []string{"walker", "walkar"}) {
		t.Errorf("SimilarWords(Walkir) = %q, %v; want the more frequent first", similar, err)
	}
}
