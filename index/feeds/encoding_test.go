package feeds

import (
	"errors"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/encoding/unicode/utf32"
)

// TestFeedEncodings reads a feed whose item is titled "Café – £5" in every
// encoding XML allows, with and without a byte-order mark, declared or not,
// and with a server's charset that overrides the declaration.
func TestFeedEncodings(t *testing.T) {
	const title = "Café – £5 don’t"
	feed := func(decl string) string {
		return decl + "<rss version=\"2.0\"><channel><title>T</title><item><title>" + title + "</title><link>https://example.com/a</link></item></channel></rss>"
	}
	encode := func(enc encoding.Encoding, s string) string {
		out, err := enc.NewEncoder().String(s)
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	utf16le := unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM)
	utf16be := unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM)
	utf32le := utf32.UTF32(utf32.LittleEndian, utf32.IgnoreBOM)
	utf32be := utf32.UTF32(utf32.BigEndian, utf32.IgnoreBOM)
	tests := []struct {
		name, data, contentType, encoding string
	}{
		{"UTF-8 undeclared", feed(""), "", "UTF-8"},
		{"UTF-8 with a byte-order mark", "\xef\xbb\xbf" + feed(`<?xml version="1.0"?>`), "", "UTF-8"},
		{"UTF-16LE with a byte-order mark", "\xff\xfe" + encode(utf16le, feed(`<?xml version="1.0" encoding="utf-16"?>`)), "", "UTF-16LE"},
		{"UTF-16BE with a byte-order mark", "\xfe\xff" + encode(utf16be, feed(`<?xml version="1.0" encoding="utf-16"?>`)), "", "UTF-16BE"},
		{"UTF-16LE without", encode(utf16le, feed(`<?xml version="1.0" encoding="utf-16le"?>`)), "", "UTF-16LE"},
		{"UTF-16BE without, undeclared", encode(utf16be, feed("")), "", "UTF-16BE"},
		{"UTF-32LE with a byte-order mark", "\xff\xfe\x00\x00" + encode(utf32le, feed(`<?xml version="1.0" encoding="utf-32"?>`)), "", "UTF-32LE"},
		{"UTF-32BE without", encode(utf32be, feed(`<?xml version="1.0" encoding="utf-32be"?>`)), "", "UTF-32BE"},
		{"Windows-1252 declared", encode(charmap.Windows1252, feed(`<?xml version="1.0" encoding="windows-1252"?>`)), "", "windows-1252"},
		{"Windows-1252 declared as UTF-8", encode(charmap.Windows1252, feed(`<?xml version="1.0" encoding="utf-8"?>`)), "", "windows-1252"},
		{"Windows-1252 sent as UTF-8", encode(charmap.Windows1252, feed("")), "application/rss+xml; charset=UTF-8", "windows-1252"},
		{"Windows-1252 undeclared", encode(charmap.Windows1252, feed("")), "", "windows-1252"},
		{"Windows-1252 declared as an encoding that does not exist", encode(charmap.Windows1252, feed(`<?xml version="1.0" encoding="bogus"?>`)), "", "windows-1252"},
		{"the server's charset over the declaration", encode(charmap.Windows1252, feed(`<?xml version="1.0" encoding="utf-8"?>`)), "text/xml; charset=windows-1252", "windows-1252"},
		{"the server's charset over a wrong one", encode(utf16le, feed(`<?xml version="1.0" encoding="iso-8859-2"?>`)), "application/rss+xml; charset=utf-16le", "UTF-16LE"},
		{"ISO-8859-1 read as its superset", encode(charmap.Windows1252, feed(`<?xml version="1.0" encoding="iso-8859-1"?>`)), "", "windows-1252"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := parseFeed([]byte(tt.data), "test.xml", time.Time{}, tt.contentType)
			if err != nil {
				t.Fatal(err)
			}
			if len(f.Items) != 1 || f.Items[0].Err != nil {
				t.Fatalf("items %+v; want one article", f.Items)
			}
			if got := f.Items[0].Article.Title; got != title {
				t.Errorf("title %q; want %q", got, title)
			}
			if _, enc := decodeFeed([]byte(tt.data), tt.contentType); !strings.EqualFold(enc.name, tt.encoding) {
				t.Errorf("read as %v; want %s", enc, tt.encoding)
			}
		})
	}
}

// TestFeedEncodingMessages checks that a document that is not a feed says
// which encoding it was read in when that was not plain UTF-8, and never
// contradicts itself about its root.
func TestFeedEncodingMessages(t *testing.T) {
	tests := []struct {
		name, data, want string
	}{
		{"unknown encoding, root of a feed", "<?xml version=\"1.0\" encoding=\"bogus\"?><rss version=\"2.0\"><channel><item><title>caf\xe9",
			`not a feed: malformed XML: XML syntax error on line 1: unexpected EOF; the feed looks cut short; read as windows-1252 (the declared encoding "bogus" is unknown, but the bytes are not UTF-8)`},
		{"UTF-16 cut short", "\xff\xfe<\x00r\x00s\x00s\x00>\x00",
			`not a feed: malformed XML: XML syntax error on line 1: unexpected EOF; the feed looks cut short; read as UTF-16LE (byte-order mark)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parseFeed([]byte(tt.data), "test.xml", time.Time{}, "")
			if !errors.Is(err, ErrNotFeed) {
				t.Fatalf("error %v; want ErrNotFeed", err)
			}
			if got, _ := strings.CutPrefix(err.Error(), "feed test.xml: "); got != tt.want {
				t.Errorf("error %q; want %q", got, tt.want)
			}
		})
	}
}

// TestWindows1252Controls maps the C1 controls that stand for Windows-1252
// punctuation, as in "don\u0092t", and drops those Windows-1252 leaves
// undefined.
func TestWindows1252Controls(t *testing.T) {
	for in, want := range map[string]string{"don\u0092t": "don’t", "\u0093quoted\u0094": "“quoted”", "a\u0081b": "ab", "plain": "plain"} {
		if got := foldLine(in); got != want {
			t.Errorf("foldLine(%q) = %q; want %q", in, got, want)
		}
	}
}
