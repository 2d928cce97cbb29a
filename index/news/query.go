package news

import (
	"errors"
	"time"
)

// ErrNoWords means a query had no word to search for: it was empty or held
// only stop words and punctuation.
var ErrNoWords = errors.New("nothing to search for")

// Query asks for the articles about a subject.
type Query struct {
	// Words are the subject's words as the user wrote them. They are analysed
	// like the indexed text and never parsed as Bleve query syntax. A word
	// written with a capital letter is taken as (part of) a name and must
	// match exactly, possessives aside; other words match any form with the
	// same stem ("talks" finds "talk").
	Words []string
	// Without are words that no match may contain, matched as Words are:
	// "Witkoff -Putin" leaves out the articles that name Putin.
	Without []string
	// Since and Until, when not zero, keep only articles dated on or after
	// Since and before Until. Articles without a date are left out then.
	Since, Until time.Time
	// Size is how many matches to return, after skipping From.
	Size, From int
	// Optional are words that make a match rank higher without being
	// required of it, matched as Words are: the common words of a question
	// ("rising", "market"), which help tell the articles about it apart.
	Optional []string
	// IDs, when not empty, keep only the articles with these IDs.
	IDs []string
	// InLead keeps only the articles with every word of Words in the title
	// or first paragraph, where news names what it is about, in any form:
	// for the newest news about a subject rather than in passing.
	InLead bool
	// Stories keeps only the full stories, not the one-paragraph items (a
	// price quote, a dividend notice) that wire services send between them.
	Stories bool
	// Newest sorts the matches by date, newest first, instead of by
	// relevance; Oldest, oldest first.
	Newest, Oldest bool
	// Aliases gives words of Words their other spellings ("Kiev" for
	// "Kyiv"): an article with any of them matches the word.
	Aliases map[string][]string
	// Light loads only each match's ID, title and date, without the spans:
	// for counting thousands of matches rather than quoting a few.
	Light bool
	// Uncounted asks for the matches only: Total may then count fewer than
	// all of them. Counting every article before a date, to find the
	// newest of them, took 100 ms of a million.
	Uncounted bool
}

// Span is a byte range [Start, End) in a text.
type Span struct{ Start, End int }

// Match is an article that matched a query.
type Match struct {
	Article Article
	Score   float64
	// TitleSpans and BodySpans are where the query's words occur in the
	// article's title and body, in order: what excerpts put in bold.
	TitleSpans, BodySpans []Span
}

// Results are the matches of a query, most relevant first.
type Results struct {
	// Total is how many articles match, of which Matches holds a page.
	Total   int
	Matches []Match
}
