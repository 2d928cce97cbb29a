package commands

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"newsbot/index"
)

// questionPrefixes are the ways people start a question about the news; what
// follows them is the subject. They are tried repeatedly, so "hey, what's new
// about" loses "hey," and then "what's new about".
var questionPrefixes = regexp.MustCompile(`(?i)^(?:` + strings.Join([]string{
	`(?:hey|hi|hello|ok|okay|so|please|pls)\b[,!]?`,
	`what(?:'s|’s|s| is| are)? (?:new|happening|going on|up|the latest|the news|latest)(?: (?:about|with|on|in|regarding|for))?`,
	`(?:who|what) (?:is|are|was|were|'s|’s)`,
	`(?:who|what)(?:'s|’s)`,
	`(?:tell|show|give|find|get) (?:me|us) (?:the )?(?:(?:latest )?(?:news|articles|stories|headlines|updates?) )?(?:about|on|regarding|for)?`,
	`(?:(?:any|the|latest|recent) )*(?:news|updates?|headlines|stories|articles) (?:about|on|of|regarding|for|with)`,
	`(?:any|latest|recent) (?:news|updates?|headlines|stories)`,
	`(?:the )?latest (?:about|on|with)`,
	`(?:anything|something) (?:new )?(?:about|on)`,
	`what do (?:you|we) know about`,
	`(?:what|how) about`,
	`search(?: for)?`,
}, "|") + `)(?:\s+|$)`)

// greeting is a word that may open a question ("hey what's new") or begin a
// name ("Hey Jude", "So Solid Crew", "Please Please Me").
var greeting = regexp.MustCompile(`(?i)^(?:hey|hi|hello|ok|okay|so|please|pls)\s+$`)

// nameAfterGreeting reports whether prefix is a greeting that begins a name
// rather than a question: capitalised, with no comma after it, and a capital
// next. "Hey Macron" is then searched as a whole, and found only as Macron
// among the suggestions.
func nameAfterGreeting(prefix, rest string) bool {
	first, _ := utf8.DecodeRuneInString(prefix)
	next, _ := utf8.DecodeRuneInString(rest)
	return greeting.MatchString(prefix) && unicode.IsUpper(first) && unicode.IsUpper(next)
}

// questionSuffixes are the trailing words that do not belong to a subject.
var questionSuffixes = regexp.MustCompile(`(?i)\s+(?:lately|recently|today|these days|this week|right now|now|please|in the news)$`)

// discordTag is what Discord writes for a mention of a user, role or channel,
// or a custom emoji, and @name is a mention typed as text: none is a subject.
var discordTag = regexp.MustCompile(`<(?:@[!&]?|#|a?:\w+:)\d+>|(?:^|\s)@\S*`)

// Subject takes the subject out of a question: "what's new about Macron?" is
// "Macron", "Steve Witkoff's" is "Steve Witkoff", "Iran trade talks" stays as
// it is. It returns "" when nothing is left ("what's new?").
func Subject(question string) string {
	// Composed as the articles are: "Maros\u030c" is "Maroš"; and typed
	// in plain letters: full-width "ＶＯＬＣＫＥＲ" is "VOLCKER" (NFKC).
	s := discordTag.ReplaceAllString(strings.Map(dropInvisible, question), " ")
	s = strings.Join(strings.Fields(norm.NFKC.String(s)), " ")
	for {
		s = strings.TrimFunc(s, isOuterPunct)
		if loc := questionPrefixes.FindStringIndex(s); loc != nil && !nameAfterGreeting(s[:loc[1]], s[loc[1]:]) {
			s = s[loc[1]:]
			continue
		}
		if loc := questionSuffixes.FindStringIndex(s); loc != nil {
			s = s[:loc[0]]
			continue
		}
		break
	}
	var words []string
	for _, w := range strings.Fields(s) {
		// An apostrophe that opens a word is a quote mark: 'Blair'.
		bare := trimPossessive(strings.TrimLeft(strings.TrimFunc(w, isOuterPunct), "'’"))
		if bare == "" {
			continue
		}
		// An abbreviation keeps its dot: "J.P. Morgan".
		if strings.Contains(bare, ".") && strings.HasSuffix(strings.TrimRight(w, ",;"), ".") {
			bare += "."
		}
		// A comma keeps two names apart: "Blair, Brown" is not one person.
		if strings.ContainsAny(w[len(w)-1:], ",;") {
			bare += ","
		}
		words = append(words, bare)
	}
	if n := len(words); n > 0 {
		words[n-1] = strings.TrimSuffix(words[n-1], ",")
	}
	return strings.Join(words, " ")
}

// SubjectQuery is the search for a subject: its words, those written with a
// leading minus left out ("Witkoff -Putin"), and their other spellings.
func SubjectQuery(subject string, aliases Aliases) index.Query {
	var q index.Query
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
// ordered without being part of a word (see index.Invisible): "Wit\u200bkoff"
// is Witkoff. Other control characters become spaces.
func dropInvisible(r rune) rune {
	switch {
	case index.Invisible(r):
		return -1
	case unicode.IsControl(r):
		return ' '
	}
	return r
}
