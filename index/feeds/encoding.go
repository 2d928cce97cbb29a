package feeds

import (
	"bytes"
	"fmt"
	"mime"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/ianaindex"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/encoding/unicode/utf32"
)

// feedEncoding is the encoding a feed is read in, and why.
type feedEncoding struct {
	name string
	enc  encoding.Encoding
	// why says what chose it: a byte-order mark, the server's charset, the
	// XML declaration, or the fallback and its reason.
	why string
}

// String says it for messages: `windows-1252 (no encoding declared and the
// bytes are not UTF-8)`.
func (e feedEncoding) String() string {
	return e.name + " (" + e.why + ")"
}

// plainUTF8 reports whether the feed was read as UTF-8 because it says so or
// says nothing, which goes without saying in a message.
func (e feedEncoding) plainUTF8() bool {
	return strings.EqualFold(e.name, "utf-8") && (e.why == whyDeclared || e.why == whyUndeclared)
}

// Why an encoding was chosen, as messages say it.
const (
	whyBOM        = "byte-order mark"
	whyServer     = "the server's charset"
	whyFirstBytes = "no byte-order mark; the first bytes say so"
	whyDeclared   = "declared"
	whyUndeclared = "no encoding declared"
)

// wideEncodings are the encodings whose first bytes tell them apart: by a
// byte-order mark, or by how the "<" that starts every XML document is
// written. UTF-32 comes first: its little-endian mark starts like UTF-16's.
var wideEncodings = []struct {
	name    string
	enc     encoding.Encoding
	bom, lt string
}{
	{name: "UTF-32BE", enc: utf32.UTF32(utf32.BigEndian, utf32.IgnoreBOM), bom: "\x00\x00\xfe\xff", lt: "\x00\x00\x00<"},
	{name: "UTF-32LE", enc: utf32.UTF32(utf32.LittleEndian, utf32.IgnoreBOM), bom: "\xff\xfe\x00\x00", lt: "<\x00\x00\x00"},
	{name: "UTF-16BE", enc: unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), bom: "\xfe\xff", lt: "\x00<\x00"},
	{name: "UTF-16LE", enc: unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), bom: "\xff\xfe", lt: "<\x00"},
	{name: "UTF-8", enc: unicode.UTF8, bom: "\xef\xbb\xbf"},
}

// xmlDeclEncoding finds the encoding named in an XML declaration.
var xmlDeclEncoding = regexp.MustCompile(`^\s*<\?xml[^>]*?(\s+encoding\s*=\s*["']([^"']*)["'])`)

// decodeFeed gives a feed's text as UTF-8, its XML declaration's encoding
// taken out so that the parser does not decode it again, and the encoding it
// was read in. The encoding is chosen as XML says (RFC 7303): a byte-order
// mark first, then the charset of the Content-Type, then the first bytes
// (UTF-16 and UTF-32 need no mark), then the XML declaration, then UTF-8.
// Bytes that are not UTF-8 where UTF-8 was chosen (declared, sent, or for
// want of a known encoding) are read as Windows-1252, as article files are:
// the encoding of most feeds that declare none, and a superset of Latin-1.
func decodeFeed(data []byte, contentType string) ([]byte, feedEncoding) {
	choice, body := chooseEncoding(data, contentType)
	if choice.enc == unicode.UTF8 {
		if !utf8.Valid(body) {
			choice = feedEncoding{"windows-1252", charmap.Windows1252, choice.why + ", but the bytes are not UTF-8"}
		} else {
			return stripDeclaredEncoding(body), choice
		}
	}
	text, err := choice.enc.NewDecoder().Bytes(body)
	if err != nil { // most decoders replace bad bytes; the few that fail leave nothing to read
		return data, feedEncoding{choice.name, choice.enc, fmt.Sprintf("%s, and decoding failed: %v", choice.why, err)}
	}
	return stripDeclaredEncoding(text), choice
}

// chooseEncoding picks the encoding of data (see decodeFeed) and returns the
// bytes to decode, without a byte-order mark.
func chooseEncoding(data []byte, contentType string) (feedEncoding, []byte) {
	for _, w := range wideEncodings {
		if bytes.HasPrefix(data, []byte(w.bom)) {
			return feedEncoding{w.name, w.enc, whyBOM}, data[len(w.bom):]
		}
	}
	var unknown []string
	if _, params, err := mime.ParseMediaType(contentType); err == nil && params["charset"] != "" {
		label := params["charset"]
		if name, enc := lookupEncoding(label); enc != nil {
			return feedEncoding{name, enc, whyServer}, data
		}
		unknown = append(unknown, fmt.Sprintf("the server's charset %q is unknown", label))
	}
	for _, w := range wideEncodings {
		if w.lt != "" && bytes.HasPrefix(data, []byte(w.lt)) {
			return feedEncoding{w.name, w.enc, whyFirstBytes}, data
		}
	}
	if m := xmlDeclEncoding.FindSubmatch(data); m != nil {
		label := string(m[2])
		name, enc := lookupEncoding(label)
		switch {
		case enc == nil:
			unknown = append(unknown, fmt.Sprintf("the declared encoding %q is unknown", label))
		case isWide(name):
			// the first bytes are one byte a character: the declaration is wrong
			unknown = append(unknown, fmt.Sprintf("the declared encoding %q does not match the bytes", label))
		default:
			return feedEncoding{name, enc, whyDeclared}, data
		}
	}
	if len(unknown) == 0 {
		unknown = append(unknown, whyUndeclared)
	}
	return feedEncoding{"UTF-8", unicode.UTF8, strings.Join(unknown, "; ")}, data
}

// lookupEncoding finds an encoding by any of its names: the labels browsers
// know (which read ISO-8859-1 as its superset Windows-1252, as feeds
// mean it), else the IANA's registry. It returns nil when neither knows it.
func lookupEncoding(label string) (string, encoding.Encoding) {
	label = strings.TrimSpace(label)
	if enc, err := htmlindex.Get(label); err == nil {
		name, _ := htmlindex.Name(enc)
		return name, enc
	}
	if enc, err := ianaindex.IANA.Encoding(label); err == nil && enc != nil {
		name, _ := ianaindex.IANA.Name(enc)
		return name, enc
	}
	return "", nil
}

// isWide reports whether an encoding is UTF-16 or UTF-32, which a
// declaration alone cannot choose: the first bytes would have.
func isWide(name string) bool {
	name = strings.ToLower(name)
	return strings.HasPrefix(name, "utf-16") || strings.HasPrefix(name, "utf-32")
}

// stripDeclaredEncoding takes the encoding out of the XML declaration of
// decoded text.
func stripDeclaredEncoding(text []byte) []byte {
	m := xmlDeclEncoding.FindSubmatchIndex(text)
	if m == nil {
		return text
	}
	return append(text[:m[2]:m[2]], text[m[3]:]...)
}

// windows1252Controls maps the C1 control characters (U+0080 to U+009F) to
// the characters Windows-1252 puts at those bytes: a feed that says it is
// Latin-1 and means Windows-1252, or whose entities number Windows-1252's
// bytes (&#146;), means an apostrophe by U+0092, not a control. The few bytes
// Windows-1252 leaves undefined stay controls, which foldLine drops.
func windows1252Controls(r rune) rune {
	if r < 0x80 || r > 0x9f {
		return r
	}
	if c := charmap.Windows1252.DecodeByte(byte(r)); c != utf8.RuneError {
		return c
	}
	return r
}
