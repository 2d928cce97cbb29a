package news

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestReadFile(t *testing.T) {
	tests := []struct {
		file                string
		title, date, byline string
		firstPara, lastPara string
		paragraphs          int
	}{
		{"seed-format.txt", "Envoy heads to Paris", "2025-04-17", "By Staff, Agencies",
			"The envoy will travel to Paris on Thursday. He is expected to meet the president.",
			"Officials said the talks would cover trade.", 2},
		{"plain.txt", "Ad sales lift a media group", "", "",
			"Quarterly profits at a media group rose sharply. The group said advertising had recovered.",
			"Its shares rose 3%.", 2},
		{"crlf.txt", "Talks end in Paris", "2025-04-18", "By Newsbot Desk",
			"The talks ended on Friday without a deal.", "Both sides said they would meet again.", 2},
		{"no-final-newline.txt", "No final newline here", "2025-04-19", "",
			"The last paragraph of this article has no line end.",
			"The last paragraph of this article has no line end.", 1},
		{"latin1.txt", "Club fined £15m over transfer", "", "",
			"The club was fined £15.8m by the league on Monday.",
			"The club was fined £15.8m by the league on Monday.", 1},
		{"wrapped.txt", "Hard-wrapped article", "", "",
			"This paragraph was wrapped at a fixed width by an editor that likes short lines.",
			"Second paragraph.", 2},
		{"one-word-byline.txt", "Reuters-style byline", "", "Reuters",
			"LONDON, March 3 - Markets were calm on Tuesday.",
			"LONDON, March 3 - Markets were calm on Tuesday.", 1},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			path := filepath.Join("testdata", "parse", tt.file)
			a, err := ReadFile(path)
			if err != nil {
				t.Fatalf("ReadFile: %v", err)
			}
			if a.Title != tt.title {
				t.Errorf("title = %q; want %q", a.Title, tt.title)
			}
			if got := dateString(a.Date); got != tt.date {
				t.Errorf("date = %q; want %q", got, tt.date)
			}
			if a.Byline != tt.byline {
				t.Errorf("byline = %q; want %q", a.Byline, tt.byline)
			}
			paras := a.Paragraphs()
			if len(paras) != tt.paragraphs {
				t.Fatalf("got %d paragraphs %q; want %d", len(paras), paras, tt.paragraphs)
			}
			if paras[0] != tt.firstPara || paras[len(paras)-1] != tt.lastPara {
				t.Errorf("paragraphs = %q; want first %q and last %q", paras, tt.firstPara, tt.lastPara)
			}
			if !filepath.IsAbs(a.Path) || !strings.HasSuffix(a.Path, tt.file) {
				t.Errorf("path = %q; want the absolute path of %s", a.Path, path)
			}
			if a.ID != ContentID(a.Date, a.Title, a.Body) || len(a.ID) != 16 {
				t.Errorf("ID = %q; want the 16-digit content ID", a.ID)
			}
		})
	}
}

func TestReadFileRejects(t *testing.T) {
	huge := filepath.Join(t.TempDir(), "huge.txt")
	big := " date 2025-04-17 A very long file\n\n" + strings.Repeat("This sentence repeats to make a 20 MB file. ", 20<<20/44)
	if err := os.WriteFile(huge, []byte(big), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		path string
		want error
		says string
	}{
		{"testdata/parse/empty.txt", ErrEmpty, "empty file"},
		{"testdata/parse/blank.txt", ErrEmpty, "empty file"},
		{"testdata/parse/binary.txt", ErrBinary, "binary"},
		{"testdata/parse/no-title.txt", ErrNoTitle, "first line is blank"},
		{"testdata/parse/bad-date.txt", ErrMalformedDate, `"2025-13-45": want YYYY-MM-DD`},
		{"testdata/parse/bad-date-order.txt", ErrMalformedDate, `"17/04/2025"`},
		{"testdata/parse/date-no-title.txt", ErrNoTitle, "after the date"},
		{"testdata/parse/title-only.txt", ErrNoBody, "no text after the title"},
		{huge, ErrTooLarge, "over 2 MB"},
	}
	for _, tt := range tests {
		t.Run(filepath.Base(tt.path), func(t *testing.T) {
			a, err := ReadFile(tt.path)
			if !errors.Is(err, tt.want) {
				t.Fatalf("ReadFile = %+v, %v; want error %v", a, err, tt.want)
			}
			if !strings.Contains(err.Error(), tt.says) {
				t.Errorf("error %q does not say %q", err, tt.says)
			}
		})
	}
}

func TestParseFirstLineLongIsNotATitle(t *testing.T) {
	text := strings.Repeat("word ", 100) + "\n\nBody.\n"
	if _, err := Parse([]byte(text)); !errors.Is(err, ErrNoTitle) {
		t.Errorf("Parse of a 500-character first line: err = %v; want %v", err, ErrNoTitle)
	}
}

func TestParseStripsControlCharacters(t *testing.T) {
	filler := strings.Repeat("An ordinary sentence of a long enough article. ", 20)
	a, err := Parse([]byte("Title\x1b[31m red\n\nBody with a bell\x07 and an escape\x1b[0m. " + filler + "\n"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.ContainsAny(a.Title+a.Body, "\x1b\x07") {
		t.Errorf("title %q, body %q: control characters kept", a.Title, a.Body)
	}
}

func TestParseDropsInvisibleCharactersAndComposesAccents(t *testing.T) {
	filler := strings.Repeat("An ordinary sentence of a long enough article. ", 20)
	// A right-to-left override in the title; a zero-width space and a soft
	// hyphen inside names; an accent typed as a combining mark.
	a, err := Parse([]byte("Talks \u202eend\u202c today\n\nWit\u200bkoff met Mac\u00adron and Maros\u030c Sefcovic. " + filler))
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "Talks end today" || !strings.HasPrefix(a.Body, "Witkoff met Macron and Maroš Sefcovic.") {
		t.Errorf("title %q, body %.60q", a.Title, a.Body)
	}
}

func TestContentIDIgnoresLayout(t *testing.T) {
	lf, err := ReadFile("testdata/parse/crlf.txt")
	if err != nil {
		t.Fatal(err)
	}
	again, err := Parse([]byte(" date 2025-04-18 Talks end in  Paris\n\nBy Newsbot Desk\n\nThe talks ended on Friday\nwithout a deal.\n\nBoth sides said they would meet again."))
	if err != nil {
		t.Fatal(err)
	}
	if lf.ID != again.ID {
		t.Errorf("same story with other line ends and wrapping: IDs %s and %s differ", lf.ID, again.ID)
	}
	edited, _ := Parse([]byte(" date 2025-04-18 Talks end in Paris\n\nThe talks ended on Saturday without a deal.\n"))
	if edited.ID == lf.ID {
		t.Errorf("an edited story kept the ID %s", lf.ID)
	}
}

// TestReadSeed reads the article the project started from, which defines the
// format; it lives outside the repository.
func TestReadSeed(t *testing.T) {
	path := "../../shared/seed/2025-04-17-rubio-witkoff-france.txt"
	if _, err := os.Stat(path); err != nil {
		t.Skip("../shared/seed is not here")
	}
	a, err := ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	want := time.Date(2025, 4, 17, 0, 0, 0, 0, time.UTC)
	if !a.Date.Equal(want) || !strings.HasPrefix(a.Title, "Rubio, Witkoff Heading to France") || a.Byline != "By Staff, Agencies" {
		t.Errorf("got date %v, title %q, byline %q", a.Date, a.Title, a.Byline)
	}
	if n := len(a.Paragraphs()); n != 11 {
		t.Errorf("got %d paragraphs; want 11", n)
	}
	if !strings.HasSuffix(a.Body, "intelligence summit.") {
		t.Errorf("body ends %q; want the last paragraph whole", a.Body[len(a.Body)-40:])
	}
}

func dateString(d time.Time) string {
	if d.IsZero() {
		return ""
	}
	return d.Format(time.DateOnly)
}
