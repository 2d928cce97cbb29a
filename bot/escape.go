package bot

import (
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// zwsp is a zero-width space: put inside "@everyone" or "http://", it keeps
// the text readable but stops Discord from seeing a mention or a link.
const zwsp = "\u200b"

// markdownChars are the characters Discord's markdown gives a meaning to
// anywhere in a line. A backslash before any of them shows the character itself.
const markdownChars = "\\*_~`|[]<"

// lineStartChars mean something only at the start of a line: quotes, headers,
// lists ("> ", "# ", "-# ", "- "). A line that starts with digits and a full
// stop ("1. ") is a list item too: its full stop is escaped.
const lineStartChars = ">#-+"

// escape makes untrusted text (anything quoted from an article or typed by a
// user) inert in a Discord message: markdown characters are escaped, so the
// text cannot add formatting or masked links; mentions of @everyone and @here
// and bare links are broken with a zero-width space, so they neither look like
// a ping nor link anywhere. allowed_mentions still guards every reply; this is
// the second lock.
func escape(s string) string {
	var b strings.Builder
	b.Grow(len(s) + len(s)/8)
	for line := range strings.SplitAfterSeq(s, "\n") {
		body := strings.TrimLeft(line, " \t")
		b.WriteString(line[:len(line)-len(body)])
		if body != "" && strings.ContainsRune(lineStartChars, rune(body[0])) {
			b.WriteByte('\\')
		}
		digits := len(body) - len(strings.TrimLeft(body, "0123456789"))
		for i, r := range body {
			switch {
			case r == '@':
				b.WriteString("@" + zwsp)
				continue
			case r == '/' && strings.HasSuffix(body[:i], ":") && strings.HasPrefix(body[i:], "//"):
				b.WriteString(zwsp + "/")
				continue
			case strings.ContainsRune(markdownChars, r), digits > 0 && i == digits && r == '.':
				b.WriteByte('\\')
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}

// length is a text's length as Discord counts it for its limits. Discord
// counts UTF-16 code units; counting them is never less than counting runes.
func length(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// ellipsis ends text that was cut.
const ellipsis = "…"

// truncate returns s if it fits in max (as Discord counts), else its longest
// prefix that ends a sentence, or failing that a word, and fits together with
// an ellipsis. It never cuts inside a character or just after an escaping
// backslash, so it is safe on escaped text.
func truncate(s string, max int) string {
	if length(s) <= max {
		return s
	}
	budget := max - length(" "+ellipsis)
	if budget <= 0 {
		return ""
	}
	cut, used := 0, 0
	for i, r := range s {
		if used+utf16.RuneLen(r) > budget {
			break
		}
		used += utf16.RuneLen(r)
		_, size := utf8.DecodeRuneInString(s[i:]) // 1 for an invalid byte
		cut = i + size
	}
	prefix := s[:cut]
	for strings.HasSuffix(prefix, "\\") { // a lone escape would swallow the ellipsis
		prefix = prefix[:len(prefix)-1]
	}
	if i := strings.LastIndexAny(prefix, ".!?"); i > len(prefix)/2 {
		return prefix[:i+1] + " " + ellipsis
	}
	if i := strings.LastIndexByte(prefix, ' '); i > len(prefix)/2 {
		return strings.TrimRight(prefix[:i], "\\") + ellipsis
	}
	return prefix + ellipsis
}

// code shows untrusted text as inline code: inert like escaped text, but
// copyable as it is, which matters for a URL someone must paste back. A
// backtick, which would end the code span, becomes a similar quote mark.
func code(s string) string {
	return "`" + strings.ReplaceAll(strings.ReplaceAll(s, "`", "ˋ"), "\n", " ") + "`"
}
