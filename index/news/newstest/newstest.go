// Package newstest holds what the tests of article readers share: seeds for
// their fuzzers and the checks that what they read is clean text.
package newstest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// AddSeeds adds every file in dir as a seed, so the fixtures of the other
// tests are fuzzed too.
func AddSeeds(f *testing.F, dir string) {
	f.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		f.Fatal(err)
	}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
}

// CheckText fails the test unless s is valid UTF-8 without control
// characters, and, when paragraphs, made of trimmed
// non-empty lines joined by "\n\n"; else one line.
func CheckText(t testing.TB, what, s string, paragraphs bool) {
	t.Helper()
	if !utf8.ValidString(s) {
		t.Fatalf("%s %q is not valid UTF-8", what, s)
	}
	if s == "" {
		return
	}
	parts := []string{s}
	if paragraphs {
		parts = strings.Split(s, "\n\n")
	}
	for _, p := range parts {
		if p == "" || p != strings.TrimSpace(p) {
			t.Fatalf("%s %q has an empty or untrimmed line %q", what, s, p)
		}
		for _, r := range p {
			if unicode.IsControl(r) {
				t.Fatalf("%s %q holds the control character %U", what, s, r)
			}
		}
	}
}

// IsID reports whether id has the form of an article ID: 16 hex digits.
func IsID(id string) bool {
	return len(id) == 16 && strings.Trim(id, "0123456789abcdef") == ""
}
