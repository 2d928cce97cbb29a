package commands

import (
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"newsbot/index/names"

	"github.com/neurosnap/sentences"
	"github.com/neurosnap/sentences/english"
)

// sentence is one sentence of an article body, verbatim, with its byte offsets
// in the body so that match locations can be mapped onto it.
type sentence struct {
	Text       string
	Start, End int
	// Paragraph and Index count from 0: the paragraph the sentence is in, and
	// its place among all sentences of the body.
	Paragraph, Index int
}

// tokenizer is the Punkt sentence splitter trained on English, loaded once: its
// model takes a few milliseconds to decode. Its Tokenize is read-only and safe
// for concurrent use.
var tokenizer = sync.OnceValue(func() *sentences.DefaultSentenceTokenizer {
	t, err := english.NewSentenceTokenizer(nil)
	if err != nil {
		panic("load the English sentence model bundled with neurosnap/sentences: " + err.Error())
	}
	return t
})

// splitSentences splits a body (paragraphs separated by "\n\n") into sentences.
// A sentence never spans paragraphs. The result is shared with other callers
// through the cache: do not change it.
func splitSentences(body string) []sentence {
	return sentenceCache.get(body, split)
}

func split(body string) []sentence {
	var out []sentence
	offset := 0
	// Whether the wires' capital after initials may go on a sentence: not
	// in a text that writes "U.S. economy", whose capital after initials
	// starts one.
	wireStyle := !initialsThenLowerCase.MatchString(body)
	for p, para := range strings.Split(body, "\n\n") {
		var spans [][2]int
		for _, s := range tokenizer().Tokenize(para) {
			for _, part := range splitMissedBoundaries(para, s.Start, s.End) {
				if n := len(spans); n > 0 && wireStyle && afterInitials(para[spans[n-1][0]:spans[n-1][1]], para[part[0]:part[1]]) {
					spans[n-1][1] = part[1]
					continue
				}
				spans = append(spans, part)
			}
		}
		for _, span := range spans {
			start, end := trimSpan(para, span[0], span[1])
			if start < end {
				out = append(out, sentence{Text: para[start:end], Start: offset + start, End: offset + end, Paragraph: p, Index: len(out)})
			}
		}
		offset += len(para) + len("\n\n")
	}
	return out
}

// afterInitials reports whether Punkt ended a sentence, before next, at
// initials that the sentence goes on after: the wires capitalise the word
// after "U.S." ("exports to the U.S. In 1986 rose 65 pct", "lighten their
// U.S. Bond inventory"), and Punkt takes the capital for a new sentence. A
// new one after initials opens with a pronoun, an article or a connective:
// "...in the U.S. The vaccine is in clinical tests." Of the 609 sentences
// of the Reuters stories it goes on, 32 are in stories that also write
// initials before a word in lower case, where split does not.
func afterInitials(sentence, next string) bool {
	last := lastWord(strings.TrimRight(sentence, " \t\n"))
	if !strings.HasSuffix(last, ".") || !isInitials(strings.TrimSuffix(last, ".")) || !strings.ContainsFunc(last, unicode.IsLetter) {
		return false // not an ellipsis: "...for people ... If the robots"
	}
	first, _, _ := strings.Cut(strings.TrimLeft(next, " \t\n"), " ")
	first = strings.Trim(first, `"'“‘(,`)
	return isCapitalised(first) && !opensSentence[strings.ToLower(first)]
}

// initialsThenLowerCase finds initials before a word in lower case: "U.S.
// economy".
var initialsThenLowerCase = regexp.MustCompile(`\b(?:[A-Za-z]\.){2,} [a-z]`)

// opensSentence are the words a sentence after one ending in initials opens
// with, rather than going on with a capital.
var opensSentence = wordsOf(`the a an it its he his she her they their we i this that these those
	there but however meanwhile`)

// splitMissedBoundaries splits text[start:end] where Punkt kept two sentences
// together because it took the word before the full stop for an abbreviation:
// "from $10.9bn. Its profits". A lower-case word or number, a full stop, a space
// and a capital letter end a sentence unless the word is a known abbreviation.
func splitMissedBoundaries(text string, start, end int) [][2]int {
	var parts [][2]int
	from := start
	for i := start; i < end-2; i++ {
		if text[i] != '.' || text[i+1] != ' ' {
			continue
		}
		next, _ := utf8.DecodeRuneInString(text[i+2 : end])
		if !unicode.IsUpper(next) && next != '"' && next != '“' {
			continue
		}
		word := lastWord(text[from:i])
		if word == "" || names.Abbreviation(word) {
			continue
		}
		first, _ := utf8.DecodeRuneInString(word)
		if unicode.IsUpper(first) || isInitials(word) {
			continue // "Mr.", "U.S.": most abbreviations before a capital
		}
		parts = append(parts, [2]int{from, i + 1})
		from = i + 1
	}
	return append(parts, [2]int{from, end})
}

// isInitials reports whether word is letters joined by full stops ("a.m", "U.S").
func isInitials(word string) bool {
	parts := strings.Split(word, ".")
	if len(parts) < 2 {
		return false
	}
	for _, p := range parts {
		if len(p) > 2 || strings.IndexFunc(p, func(r rune) bool { return !unicode.IsLetter(r) }) >= 0 {
			return false
		}
	}
	return true
}

func lastWord(s string) string {
	i := strings.LastIndexFunc(s, unicode.IsSpace)
	return s[i+1:]
}

// trimSpan narrows text[start:end] to exclude surrounding white space.
func trimSpan(text string, start, end int) (int, int) {
	for start < end && isSpaceByte(text[start]) {
		start++
	}
	for end > start && isSpaceByte(text[end-1]) {
		end--
	}
	return start, end
}

func isSpaceByte(b byte) bool { return b == ' ' || b == '\t' || b == '\n' }

// Sentences splits an article body into its sentences, verbatim, as the
// summarizers see them.
func Sentences(body string) []string {
	all := splitSentences(body)
	out := make([]string, len(all))
	for i, s := range all {
		out[i] = s.Text
	}
	return out
}

// dateline is the place and day a wire story begins with: "VIENNA, March 5 - ",
// "NEW YORK, MARCH 3 - ", "Greensboro, N.C., June 2 - "; and as the wires
// garbled some, without the day or the month, or after a stray figure:
// "SYDNEY, April - ", "SAN JOSE, Calif., - ", "0 LONDON, April 29 - ".
var dateline = regexp.MustCompile(`^(?:\d+ )?[A-Z][A-Za-z.'&-]*(?: [A-Z][A-Za-z.'&-]*){0,3}(?:, [A-Z][A-Za-z.]*(?: [A-Z][A-Za-z.]*)?)?, (?:(?i:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*)\.?(?: \d{1,2})? )?-+ `)

// trimDateline takes a wire story's dateline off a sentence quoted alone: the
// source's date and place are shown with the source.
func trimDateline(s string) string {
	if loc := dateline.FindStringIndex(s); loc != nil && loc[1] < len(s) {
		return s[loc[1]:]
	}
	return s
}

// leaningWords begin a sentence that leans on one before it: a pronoun, a
// connective, or a word that announces what follows.
var leaningWords = wordsOf(`he she it they this these those his her its their them we i
	also but however meanwhile moreover furthermore still yet and or so then thus therefore
	instead otherwise besides nevertheless nonetheless nor such both neither either
	following here`)

// definiteReferences are the nouns that "The" points back with: "The company
// said", "The bank also", whose subject a reader of the sentence alone never
// saw.
var definiteReferences = wordsOf(`company companies bank banks group firm corporation ministry government
	spokesman spokeswoman official officials agency move deal report plan statement source sources
	firms reforms changes rules cuts union board minister president chairman analyst analysts trader traders dealers club team player
	court committee council party newspaper paper study survey figures index decision proposal offer
	measure measures talks meeting visit trip bill law sale acquisition unit subsidiary plant project
	fund scheme same latter former other others rest`)

// namedBefore reports whether sentence s of body opens with a name the
// article gave in full before, as a surname after a first name or a title:
// "Sosnick said indications are..." after "analyst Stephen Sosnick", whom a
// reader of the sentence alone does not know. The reader knows a name the
// question asks about (one of asked) and one in the news (known).
func namedBefore(body string, s sentence, asked []string, known func(name string) bool) bool {
	first, rest, _ := strings.Cut(s.Text, " ")
	first = trimPossessive(strings.Trim(first, `"'“‘(,`))
	if utf8.RuneCountInString(first) < 3 || !isCapitalised(first) || isAllCaps(first) || stopWords[strings.ToLower(first)] ||
		isCapitalised(rest) || // "Board Chairman Ito": the name goes on
		slices.ContainsFunc(asked, func(name string) bool { return strings.EqualFold(bareWord(name), first) }) {
		return false
	}
	before := body[:s.Start]
	for at := strings.Index(before, " "+first); at >= 0; {
		end := at + 1 + len(first)
		whole := end == len(before) || !unicode.IsLetter(rune(before[end])) // not "Sosnicki"
		// "Stephen Sosnick"; not "the Japanese", "U.S. Congress"
		if prev := strings.Trim(lastWord(before[:at]), `"'“‘(`); whole && isCapitalised(prev) && !strings.ContainsAny(prev, ".,") && !stopWords[strings.ToLower(prev)] {
			return !known(first)
		}
		next := strings.Index(before[end:], " "+first)
		if next < 0 {
			break
		}
		at = end + next
	}
	return false
}

// leansOnContext reports whether a sentence, quoted alone, leans on what is
// not shown: "He is expected to travel to Moscow", "The company said",
// "Also on the agenda", "Following are extracts from the communique".
func leansOnContext(text string) bool {
	words := strings.Fields(strings.ToLower(trimDateline(text)))
	if len(words) == 0 {
		return false
	}
	first := strings.Trim(words[0], `"'“‘(,`)
	if leaningWords[first] {
		return true
	}
	if first == "the" && len(words) > 1 {
		return definiteReferences[strings.Trim(words[1], `"'’,`)]
	}
	return false
}
