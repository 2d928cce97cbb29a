package news

import (
	"bytes"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"newsbot/index/news/newstest"
)

// FuzzParse checks that Parse never panics and either rejects a file for one
// of its documented reasons (ErrEmpty, ErrTooLarge, ErrBinary, ErrNoTitle,
// ErrMalformedDate, ErrNoBody) or returns an article with a non-empty one-line
// title, a non-empty body of trimmed one-line paragraphs joined by "\n\n",
// valid UTF-8 without control characters (tabs become spaces), and the ID
// ContentID gives, which CRLF line ends do not change.
// Seeds: testdata/parse and testdata/fuzz/FuzzParse (BOM, CRLF, CR, Latin-1
// and Windows-1252, date line variants).
func FuzzParse(f *testing.F) {
	newstest.AddSeeds(f, filepath.Join("testdata", "parse"))
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
		newstest.CheckText(t, "title", a.Title, false)
		newstest.CheckText(t, "byline", a.Byline, false)
		newstest.CheckText(t, "body", a.Body, true)
		if a.Title == "" || a.Body == "" {
			t.Fatalf("Parse(%q) = title %q, body %q; want both non-empty", data, a.Title, a.Body)
		}
		if !a.Date.IsZero() && (a.Date.Location() != time.UTC || !a.Date.Equal(a.Date.Truncate(24*time.Hour))) {
			t.Errorf("date %v; want midnight UTC or zero", a.Date)
		}
		if a.ID != ContentID(a.Date, a.Title, a.Body) || !newstest.IsID(a.ID) {
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
