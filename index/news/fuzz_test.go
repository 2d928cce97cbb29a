package news

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"
)

// addFiles adds every file in dir as a seed, so the fixtures of the other
// tests are fuzzed too.
func addFiles(f *testing.F, dir string) {
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

// FuzzParse checks that Parse never panics and either rejects a file for one
// of its documented reasons (ErrEmpty, ErrTooLarge, ErrBinary, ErrNoTitle,
// ErrMalformedDate, ErrNoBody) or returns an article with a non-empty one-line
// title, a non-empty body of trimmed one-line paragraphs joined by "\n\n",
// valid UTF-8 without control characters (tabs become spaces), and the ID
// ContentID gives, which CRLF line ends do not change.
// Seeds: testdata/parse and testdata/fuzz/FuzzParse (BOM, CRLF, CR, Latin-1
// and Windows-1252, date line variants).
func FuzzParse(f *testing.F) {
	addFiles(f, filepath.Join("testdata", "parse"))
	f.Add([]byte("\xef\xbb\xbf date 2025-04-17 Title\r\n\r\nBody.\r\n"))
	f.Add([]byte("date 2025-4-7 Short date\n\nBody."))
	f.Add([]byte("Caf\xe9 \x93quoted\x94\n\nna\xefve body\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := Parse(data)
		if err != nil {
			for _, want := range []error{ErrEmpty, ErrTooLarge, ErrBinary, ErrNoTitle, ErrMalformedDate, ErrNoBody} {
				if errors.Is(err, want) {
					return
				}
			}
			t.Fatalf("Parse(%q) error %q wraps none of the documented reasons", data, err)
		}
		checkText(t, "title", a.Title, false)
		checkText(t, "byline", a.Byline, false)
		checkText(t, "body", a.Body, true)
		if a.Title == "" || a.Body == "" {
			t.Fatalf("Parse(%q) = title %q, body %q; want both non-empty", data, a.Title, a.Body)
		}
		if !a.Date.IsZero() && (a.Date.Location() != time.UTC || !a.Date.Equal(a.Date.Truncate(24*time.Hour))) {
			t.Errorf("date %v; want midnight UTC or zero", a.Date)
		}
		if a.ID != ContentID(a.Date, a.Title, a.Body) || !isHexID(a.ID) {
			t.Errorf("ID %q; want ContentID %q", a.ID, ContentID(a.Date, a.Title, a.Body))
		}
		if bytes.IndexByte(data, '\r') < 0 {
			crlf, err := Parse(bytes.ReplaceAll(data, []byte("\n"), []byte("\r\n")))
			if err != nil || crlf.ID != a.ID {
				t.Errorf("with CRLF line ends: ID %q, error %v; want ID %q", crlf.ID, err, a.ID)
			}
		}
	})
}

// checkText fails the test unless s is valid UTF-8 without control
// characters, and, when paragraphs, made of trimmed
// non-empty lines joined by "\n\n"; else one line.
func checkText(t *testing.T, what, s string, paragraphs bool) {
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

func isHexID(id string) bool {
	return len(id) == 16 && strings.Trim(id, "0123456789abcdef") == ""
}
