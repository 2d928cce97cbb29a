package news

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"

	"newsbot/index/names"
)

// MaxFileSize is the largest article file newsbot reads. The longest real
// article in the corpora is about 25 KB; a file of megabytes is a log, a dump or
// a mistake, and reading it whole would only waste memory.
const MaxFileSize = 2 << 20

// maxTitleLen bounds the title line: a longer first line is a paragraph, which
// means the file lacks its title.
const maxTitleLen = 300

// The reasons an article file is rejected. Parse wraps them with detail, so
// callers can test the kind with errors.Is and show the message as it is.
var (
	ErrEmpty         = errors.New("empty file")
	ErrTooLarge      = errors.New("file too large")
	ErrBinary        = errors.New("binary data, not text")
	ErrNoTitle       = errors.New("no title")
	ErrMalformedDate = errors.New("malformed date")
	ErrNoBody        = errors.New("no text after the title")
)

// ReadFile reads and parses one article file. Path is recorded as absolute, so
// that an article indexed from two working directories is the same article.
func ReadFile(path string) (Article, error) {
	data, err := ReadSmallFile(path)
	if err != nil {
		return Article{}, err
	}
	a, err := Parse(data)
	if err != nil {
		return Article{}, err
	}
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	a.Path = path
	return a, nil
}

// ReadSmallFile reads a file of at most MaxFileSize bytes, without reading
// more than that of a larger one.
func ReadSmallFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxFileSize {
		return nil, fmt.Errorf("%w: over %d MB", ErrTooLarge, MaxFileSize>>20)
	}
	return data, nil
}

// Parse reads an article in either of the two formats newsbot knows:
//
//	 date YYYY-MM-DD Title        (the seed format; the leading space is optional)
//	Title                        (plain text, no date: the BBC files)
//
// then a blank line, an optional byline paragraph ("By Staff, Agencies"), and
// paragraphs separated by blank lines. Text that is not valid UTF-8 is read as
// Windows-1252 (a superset of Latin-1), the encoding of the odd file out in
// real corpora. CRLF and CR line ends are accepted; a final newline is not
// required. The returned article has its ID and people set, but no path.
func Parse(data []byte) (Article, error) {
	text, err := decode(data)
	if err != nil {
		return Article{}, err
	}
	head, rest, _ := strings.Cut(text, "\n")
	date, title, err := parseTitleLine(head)
	if err != nil {
		return Article{}, err
	}
	paragraphs := SplitParagraphs(rest)
	var byline string
	if len(paragraphs) > 0 && isByline(paragraphs[0]) {
		byline, paragraphs = paragraphs[0], paragraphs[1:]
	}
	if len(paragraphs) == 0 {
		return Article{}, ErrNoBody
	}
	body := strings.Join(paragraphs, "\n\n")
	return Article{
		ID:     ContentID(date, title, body),
		Title:  title,
		Date:   date,
		Byline: byline,
		Body:   body,
		People: names.People(title, body),
	}, nil
}

// decode turns file bytes into text with LF line ends.
func decode(data []byte) (string, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if len(bytes.TrimSpace(data)) == 0 {
		return "", ErrEmpty
	}
	if bytes.IndexByte(data, 0) >= 0 {
		return "", ErrBinary
	}
	text := string(data)
	if !utf8.Valid(data) {
		decoded, err := charmap.Windows1252.NewDecoder().Bytes(data)
		if err != nil {
			return "", fmt.Errorf("%w: %v", ErrBinary, err)
		}
		text = string(decoded)
	}
	if controlShare(text) > 0.01 {
		return "", ErrBinary
	}
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	return norm.NFC.String(strings.Map(DropControl, text)), nil
}

// DropControl removes control characters other than line ends, and the
// invisible ones, and makes tabs spaces: a stray escape sequence quoted in a
// terminal or a chat message could do harm, and a tab shows differently
// everywhere.
func DropControl(r rune) rune {
	switch {
	case r == '\t':
		return ' '
	case unicode.IsControl(r) && r != '\n', Invisible(r):
		return -1
	}
	return r
}

// Invisible reports the characters that change how text looks or is ordered
// without being part of a word: soft hyphens, zero-width spaces and joiners,
// bidirectional controls and byte order marks. Quoted in a chat, a
// right-to-left override turns the text after it around; inside a word, any
// of them hides the word from search ("Wit\u200bkoff"). Letters of any
// script, right-to-left ones included, are not invisible.
func Invisible(r rune) bool {
	return r == '\u00ad' || r == '\u061c' || r >= '\u200b' && r <= '\u200f' || r >= '\u202a' && r <= '\u202e' ||
		r >= '\u2060' && r <= '\u2069' || r == '\ufeff'
}

// controlShare is the share of runes that are control characters other than
// white space: text has almost none, binary data many.
func controlShare(text string) float64 {
	var control, total int
	for _, r := range text {
		total++
		if unicode.IsControl(r) && !unicode.IsSpace(r) {
			control++
		}
	}
	return float64(control) / float64(total)
}

// parseTitleLine splits the first line into its date (if the line starts with
// "date" and a digit) and title.
func parseTitleLine(line string) (time.Time, string, error) {
	line = strings.TrimSpace(line)
	if line == "" {
		return time.Time{}, "", fmt.Errorf("%w: the first line is blank", ErrNoTitle)
	}
	var date time.Time
	if rest, ok := strings.CutPrefix(line, "date "); ok {
		rest = strings.TrimLeft(rest, " \t")
		if rest != "" && rest[0] >= '0' && rest[0] <= '9' {
			token, title, _ := strings.Cut(rest, " ")
			d, err := time.Parse(time.DateOnly, token)
			if err != nil {
				return time.Time{}, "", fmt.Errorf("%w %q: want YYYY-MM-DD", ErrMalformedDate, token)
			}
			date, line = d, strings.TrimSpace(title)
			if line == "" {
				return time.Time{}, "", fmt.Errorf("%w after the date", ErrNoTitle)
			}
		}
	}
	if n := utf8.RuneCountInString(line); n > maxTitleLen {
		return time.Time{}, "", fmt.Errorf("%w: the first line has %d characters; a title line followed by a blank line is expected", ErrNoTitle, n)
	}
	return date, line, nil
}

// SplitParagraphs splits text at blank lines and joins the lines of each
// paragraph with single spaces, so that hard-wrapped text reads as one line.
func SplitParagraphs(text string) []string {
	var paragraphs, lines []string
	flush := func() {
		if len(lines) > 0 {
			paragraphs = append(paragraphs, strings.Join(lines, " "))
			lines = lines[:0]
		}
	}
	for line := range strings.SplitSeq(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			flush()
			continue
		}
		lines = append(lines, line)
	}
	flush()
	return paragraphs
}

// isByline tells a byline paragraph ("By Staff, Agencies", "Reuters") from the
// first paragraph of the story: it is short and does not end a sentence.
func isByline(p string) bool {
	if len(p) > 80 || strings.ContainsAny(p[len(p)-1:], ".!?\"”:") {
		return false
	}
	return strings.HasPrefix(p, "By ") || len(strings.Fields(p)) <= 3
}
