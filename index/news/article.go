package news

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"time"
)

// Article is one news story as newsbot stores and quotes it.
type Article struct {
	// ID is stable for the same story: see ContentID.
	ID    string
	Title string
	// Date is the publication day in UTC, or the zero time when the source
	// gives none (the BBC files carry no dates).
	Date time.Time
	// Byline is the author line ("By Staff, Agencies"), if any.
	Byline string
	// Source names where the article came from (a feed's title); empty for files.
	Source string
	// URL is the article's link, when it has one, without tracking parameters.
	URL string
	// GUID is a feed item's own identifier, when it has one.
	GUID string
	// Path is the file the article was read from, as an absolute path.
	Path string
	// Body holds the paragraphs, separated by a blank line ("\n\n"), each on one
	// line. Summaries and excerpts quote it verbatim.
	Body string
	// People are the people named in the article, most mentioned first.
	People []string

	// Paths are all the files the article was read from: the same text may
	// stand in several. Path is the first.
	Paths []string
}

// Paragraphs returns the body's paragraphs.
func (a Article) Paragraphs() []string {
	if a.Body == "" {
		return nil
	}
	return strings.Split(a.Body, "\n\n")
}

// FirstParagraph is the body's first paragraph: where news says what it is
// about.
func (a Article) FirstParagraph() string {
	first, _, _ := strings.Cut(a.Body, "\n\n")
	return first
}

// ContentID derives an article's ID from what it says, not from where it was
// read: the date, the title and the body, with runs of white space folded to one
// space. So the same story read again, from another path, with CRLF line ends or
// re-wrapped lines, gets the same ID and is not added twice, while a corrected
// story gets a new one. It is the first 16 hex digits of the SHA-256 of that text.
func ContentID(date time.Time, title, body string) string {
	h := sha256.New()
	if !date.IsZero() {
		h.Write([]byte(date.Format(time.DateOnly)))
	}
	h.Write([]byte{0})
	h.Write([]byte(strings.Join(strings.Fields(title), " ")))
	h.Write([]byte{0})
	h.Write([]byte(strings.Join(strings.Fields(body), " ")))
	return hex.EncodeToString(h.Sum(nil))[:16]
}
