package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestPruneCommand(t *testing.T) {
	today := time.Now().UTC().Truncate(24 * time.Hour)
	day := func(daysAgo int) string { return today.AddDate(0, 0, -daysAgo).Format(time.DateOnly) }
	articles := t.TempDir()
	for name, text := range map[string]string{
		"recent.txt":  fmt.Sprintf("date %s Harbour wall built\n\nThe new harbour wall stands.\n", day(10)),
		"old.txt":     fmt.Sprintf("date %s Harbour wall approved\n\nThe council approved the harbour wall.\n", day(400)),
		"older.txt":   fmt.Sprintf("date %s Harbour wall proposed\n\nA harbour wall was proposed.\n", day(800)),
		"undated.txt": "Harbour history\n\nThe harbour is older than the town.\n",
	} {
		if err := os.WriteFile(filepath.Join(articles, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	data := t.TempDir()
	if _, stderr, err := runNewsbot(t, nil, "index", "--data", data, articles); err != nil {
		t.Fatalf("index: %v\n%s", err, stderr)
	}

	out, _, err := runNewsbot(t, nil, "prune", "--older-than", "365d", "--data", data)
	if err != nil {
		t.Fatal(err)
	}
	cutoff := day(365)
	for _, want := range []string{
		"deleted 2 of 4 articles: those dated before " + cutoff + " (",
		"kept 2, the oldest dated " + day(10) + "; articles without a date are always kept",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("prune printed\n%s\nwhich lacks %q", out, want)
		}
	}

	// Read again, the folder does not bring them back.
	out, _, err = runNewsbot(t, map[string]string{"NEWSBOT_DATA": data}, "index", articles)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"too old 2: dated before " + cutoff + ", the first day this index keeps (newsbot prune, NEWSBOT_KEEP), so left out\n",
		"added 0, updated 0, unchanged 2, duplicates 0, rejected 0, too old 2 (4 read in ",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("index again printed\n%s\nwhich lacks %q", out, want)
		}
	}

	// Keeping 720 hours (30 days): the recent article stays.
	out, _, err = runNewsbot(t, nil, "prune", "--data", data, "--older-than", "720h")
	if err != nil || !strings.Contains(out, "deleted 0 of 2 articles: those dated before "+day(30)) {
		t.Errorf("prune --older-than 720h: %v\n%s", err, out)
	}
}

func TestPruneWithoutIndex(t *testing.T) {
	data := filepath.Join(t.TempDir(), "none")
	_, _, err := runNewsbot(t, nil, "prune", "--older-than", "30d", "--data", data)
	if err == nil || !strings.Contains(err.Error(), "no index in "+data+": nothing to prune") {
		t.Errorf("err = %v; want it to say there is no index", err)
	}
	if _, statErr := os.Stat(data); !os.IsNotExist(statErr) {
		t.Errorf("prune made %s: %v", data, statErr)
	}
}
