package commands

import (
	"context"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"newsbot/index"
)

// mustIndex builds an index of the files under path in a temporary directory.
func mustIndex(t *testing.T, path string) *index.Index {
	t.Helper()
	ix, err := index.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	files, err := index.ListFiles([]string{path})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ix.Ingest(context.Background(), index.ReadFiles(context.Background(), files), nil); err != nil {
		t.Fatal(err)
	}
	return ix
}

func TestMakeDigest(t *testing.T) {
	ix := mustIndex(t, "testdata/digest")
	day := time.Date(2025, 5, 6, 0, 0, 0, 0, time.UTC)
	d, err := MakeDigest(context.Background(), ix, DigestRequest{From: day, To: day.AddDate(0, 0, 1)})
	if err != nil {
		t.Fatal(err)
	}
	if d.Articles != 7 {
		t.Errorf("the day has %d articles; want 7 (not yesterday's)", d.Articles)
	}
	var got [][]string
	for _, s := range d.Stories {
		var files []string
		for _, a := range s.Sources {
			files = append(files, filepath.Base(a.Path))
		}
		slices.Sort(files)
		got = append(got, files)
		if len(s.Summary) == 0 || len(s.Summary) > 2 {
			t.Errorf("story %q has %d summary sentences; want 1 or 2", s.Title, len(s.Summary))
		}
	}
	want := [][]string{{"a1.txt", "a2.txt", "a3.txt"}, {"b1.txt", "b2.txt"}, {"c1.txt"}, {"notice.txt"}}
	if !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("stories %q; want %q (the same story collapsed, most covered first, the notice last)", got, want)
	}
}

func TestMakeDigestTopicsAndEmptyDays(t *testing.T) {
	ix := mustIndex(t, "testdata/digest")
	day := time.Date(2025, 5, 6, 0, 0, 0, 0, time.UTC)
	d, err := MakeDigest(context.Background(), ix, DigestRequest{From: day, To: day.AddDate(0, 0, 1), Topics: []string{"Whitlow", "e-reader"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Stories) != 2 || len(d.Stories[0].Sources) != 2 || d.Articles != 3 {
		t.Errorf("topics Whitlow and e-reader: %d stories from %d articles; want the manager story (2 sources) and the recall", len(d.Stories), d.Articles)
	}
	empty, err := MakeDigest(context.Background(), ix, DigestRequest{From: day.AddDate(0, 0, 2), To: day.AddDate(0, 0, 3)})
	if err != nil || len(empty.Stories) != 0 || empty.Articles != 0 {
		t.Errorf("a day without news: %+v, %v", empty, err)
	}
	one, err := MakeDigest(context.Background(), ix, DigestRequest{From: day, To: day.AddDate(0, 0, 1), Stories: 1})
	if err != nil || len(one.Stories) != 1 {
		t.Errorf("Stories: 1 gave %d stories", len(one.Stories))
	}
}
