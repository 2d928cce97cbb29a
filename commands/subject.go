package commands

import (
	"regexp"
	"slices"
	"strings"
	"unicode"

	"newsbot/index/news"
)

// discordTag is what Discord writes for a mention of a user, role or channel,
// or a custom emoji, and @name is a mention typed as text; a link pasted in
// is the page read, not what it is about: none is a subject. "saw this
// https://bit.ly/3xYzAbc gold crash?" found nothing on the link, and said
// so, posting it back.
var discordTag = regexp.MustCompile(`<(?:@[!&]?|#|a?:\w+:)\d+>|(?:^|\s)@\S*|<?(?i:https?://|www\.)\S+`)

// chatMark is a face typed in chat (":D", "xD", "T_T", "o_O", "<3") or
// "tl;dr", standing alone: none is a subject, and its letters, once its
// punctuation is off, would be searched ("cocoa :D" found B and D
// Instruments).
var chatMark = regexp.MustCompile(`(?:^|\s)(?:[:;=][-'^]?[()\[\]DPpOo3/\\|*]+|[()D][-']?[:;]|[xX][Dd]+|[Tt]_+[Tt]|[oO0]_+[oO0]|\^_*\^|<3+|(?i:tl;?dr):?)(?:\s|$)`)

// SubjectQuery is the search for a subject: its words, those written with a
// leading minus left out ("Witkoff -Putin"), and their other spellings.
func SubjectQuery(subject string, aliases Aliases) news.Query {
	var q news.Query
	for _, w := range strings.Fields(subject) {
		if rest := strings.TrimLeft(w, "-"); rest != w && rest != "" {
			q.Without = append(q.Without, rest)
		} else {
			q.Words = append(q.Words, w)
		}
	}
	q.Aliases = aliases.For(slices.Concat(q.Words, q.Without))
	return q
}

// trimPossessive removes an English possessive: "Witkoff's" → "Witkoff",
// "Reuters'" stays "Reuters".
func trimPossessive(w string) string {
	for _, suffix := range []string{"'s", "’s", "'S", "’S"} {
		if rest, ok := strings.CutSuffix(w, suffix); ok && rest != "" {
			return rest
		}
	}
	return strings.TrimRight(w, "'’")
}

// isOuterPunct is the punctuation around words that is not part of them:
// question marks, quotes, commas; not hyphens or apostrophes inside names.
func isOuterPunct(r rune) bool {
	return unicode.IsSpace(r) || (unicode.IsPunct(r) && r != '-' && r != '\'' && r != '’' && r != '&') || unicode.IsSymbol(r)
}

// dropInvisible removes the characters that change how text looks or is
// ordered without being part of a word (see news.Invisible): "Wit\u200bkoff"
// is Witkoff. Other control characters become spaces.
func dropInvisible(r rune) rune {
	switch {
	case news.Invisible(r):
		return -1
	case unicode.IsControl(r):
		return ' '
	}
	return r
}
