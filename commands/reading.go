package commands

import (
	"cmp"
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"newsbot/index/news"

	"github.com/hbollon/go-edlib"
	"golang.org/x/text/unicode/norm"
)

// Reading is how a question was read: what it is about, which of its words
// each source must hold, and the days it asks about. Every answer, from
// /news, /who, a mention, a DM or the command line, is found from one.
type Reading struct {
	// Subject is what the question is about, in its own words, names whole:
	// "oil prices" for "what happened with oil prices in October?".
	Subject string
	// Required are the words every source holds: names and rare words (of
	// a long question, the rarest few; see maxRequiredWords). As in
	// news.Query.Words, a comma after a word ends a name there.
	// Optional are words that rank the sources without being required of
	// them: common words, and words about how a subject moved or is seen.
	// Without are words no source may hold ("-Putin").
	Required, Optional, Without []string
	// Dropped are words of the subject that the search stopped requiring,
	// since too few articles hold all the words.
	Dropped []string
	// Corrected maps each word read as a typo to the word read instead,
	// spelled alike: "cofee" to "coffee", which the articles hold, and
	// "acount" to "account" after "current", a term's.
	Corrected map[string]string
	// Commoner maps a name that few articles hold to one spelled like it
	// that far more hold, for a "did you mean": "Volker" to "Volcker".
	Commoner map[string]string
	// Period is the days the question asks about, within any date limit of
	// the request; zero for all.
	Period Period
	// Newest is true when the question asks for the latest news ("latest
	// on", "what's new with"): the newest sources come first.
	Newest bool
	// Oldest is true when it asks for the earliest ("the earliest news on
	// the chip dispute"): the oldest sources come first.
	Oldest bool
	unit   unit
	// dated is true when the question named dates.
	dated bool
	// counts are how many articles hold each word, for relaxing.
	counts map[string]news.WordCount
	// typedLower are the names read from words typed in lower case ("bank
	// of japan"), which relaxing may leave out as it may common words:
	// "republic of korea" is mostly Korea's.
	typedLower []string
	// terms are the pairs of words side by side in the question that the
	// aliases know, in lower case: terms ("consumer prices") and names
	// ("saudi arabia"). Relaxing keeps their words, and of matches few
	// enough to read, those that hold them apart are no sources.
	terms []string
	// asked are the required words that a phrase that asks points at
	// ("going on with wheat"), which relaxing keeps while it can leave out
	// others.
	asked []string
	// joined are the series of required words that "and" or "or" joins:
	// subjects of their own ("ibm and boeing", "gm, ford and chrysler") or
	// one ("lead and zinc", on which dozens of articles write). either are
	// those read as several, each source about one of them: joined by
	// "or", or by "and" when too few articles hold them all (see relax).
	joined, either []series
}

// series is the subjects that "and" or "or" joins in a question, each a
// required word, a term or a name of several: "ibm and boeing", "wheat,
// corn or soybeans", "American Motors or Chrysler", "west germany or japan".
type series struct {
	words []string
	or    bool
}

// has reports whether w is a word of one of l's subjects.
func (l series) has(w string) bool {
	return slices.ContainsFunc(l.words, func(subject string) bool { return slices.Contains(strings.Fields(subject), w) })
}

// Order is "newest" when the newest sources come first, "oldest" when the
// oldest do, else "relevance".
func (r Reading) Order() string {
	switch {
	case r.Newest:
		return "newest"
	case r.Oldest:
		return "oldest"
	}
	return "relevance"
}

// String says how the question was read, in one line: "oil prices, October
// 1987". It names the order when it is the newest first, the words that
// not every source holds, and two subjects that few articles are on together.
func (r Reading) String() string {
	parts := []string{r.Subject}
	if r.Subject == "" {
		parts[0] = strings.Join(slices.Concat([]string{"all news"}, leftOut(r.Without)), " ")
	}
	if p := r.Period.String(); p != "" {
		parts = append(parts, p)
	}
	switch {
	case r.Newest:
		parts = append(parts, "newest first")
	case r.Oldest:
		parts = append(parts, "oldest first")
	}
	s := strings.Join(parts, ", ")
	var notes []string
	for _, l := range r.either {
		switch {
		case l.or: // asked for as typed
		case len(l.words) == 2:
			notes = append(notes, "few articles are on both: sources on each")
		default:
			notes = append(notes, "few articles are on all of them: sources on each")
		}
	}
	if len(r.Dropped) > 0 {
		notes = append(notes, "few articles have every word: not all mention "+quoteAll(r.Dropped))
	}
	if len(notes) > 0 {
		s += " (" + strings.Join(notes, "; ") + ")"
	}
	return s
}

// Differs reports whether the reading says more than the words typed: a
// question read as its subject alone needs no "Reading this as".
func (r Reading) Differs(question string) bool {
	if !r.Period.IsZero() || r.Newest || r.Oldest || len(r.Dropped) > 0 || len(r.Corrected) > 0 {
		return true
	}
	plain := func(s string) string {
		return strings.Join(strings.FieldsFunc(strings.ToLower(s), func(c rune) bool {
			return !unicode.IsLetter(c) && !unicode.IsDigit(c) && c != '-'
		}), " ")
	}
	return plain(r.Subject) != plain(question)
}

// leftOut is words as a question leaves them out: "-dollar".
func leftOut(words []string) []string {
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = "-" + w
	}
	return out
}

func quoteAll(words []string) string {
	quoted := make([]string, len(words))
	for i, w := range words {
		quoted[i] = fmt.Sprintf("%q", w)
	}
	return strings.Join(quoted, ", ")
}

// token is a word of a question.
type token struct {
	// text is the word as typed, without the punctuation around it or a
	// possessive; an abbreviation keeps its dot ("J.P."), and a comma after
	// the word is kept, since it keeps two names apart ("Blair, Brown").
	text  string
	lower string
	// start is true for the first word of the question or of a sentence in
	// it, which is capitalised whether or not it is a name.
	start bool
	kind  kind
	// at is the word's place in the question, once dates are out.
	at int
	// stressed is true for a word typed in capitals inside a question in
	// lower case: "whats new with SILVER", "anything on OPEC".
	stressed bool
	// asked is true for a word of what a phrase that asks points at:
	// "wheat" in "I was out of the loop because of exams, what's been going
	// on with wheat?" (see markAsked).
	asked bool
	// askedBy is, for a word a question points at ("the latest on the
	// fed", not "talking about rates"), the place of the word that points,
	// plus one: a long message tells and asks, and may ask more than once.
	askedBy int
	// leftOutIfName is true for a word after "without" or "excluding" that
	// ends a question about something else: a name is left out ("copper
	// without chile"), a common word bends the subject ("retail sales
	// excluding autos"). The index tells which (see resolve).
	leftOutIfName bool
	// ofAfter is true for a word in lower case that "of" joins to the next
	// one: "balance" in "balance of payments", a term the aliases may know.
	ofAfter bool
	// joinedBy is "and" or "or" for a word that one of them joins to the
	// word before: "boeing" in "ibm and boeing", two subjects or one (see
	// Reading.joined).
	joinedBy string
	// joinedAt is the place of that "and" or "or".
	joinedAt int
}

// parsed is a question read without the index: its words' kinds, and its
// dates.
type parsed struct {
	tokens    []token
	period    span
	hasPeriod bool
	// datesAt are the places among the tokens where the dates were: a long
	// message's dates count only in the clause that asks.
	datesAt []int
	newest  bool
	oldest  bool
	// corrected maps the words read as others while parsing to them.
	corrected map[string]string
}

// maxQuestionLength bounds what is read of a question at all; no subject is
// that long (see ErrTooLong).
const maxQuestionLength = 1000

// parse reads a question: takes out the mentions of Discord users, the date
// phrases (which cal resolves), and the words that ask rather than name, and
// classifies the rest.
func parse(question string, cal calendar, terms Aliases) parsed {
	// Composed as the articles are: "Maros\u030c" is "Maroš"; and typed
	// in plain letters: full-width "ＶＯＬＣＫＥＲ" is "VOLCKER" (NFKC).
	s := discordTag.ReplaceAllString(strings.Map(dropInvisible, question), " ")
	for chatMark.MatchString(s) {
		s = chatMark.ReplaceAllString(s, " ") // faces side by side share a space
	}
	s = norm.NFKC.String(s)
	var p parsed
	p.tokens = theDow(rangesApart(tokenize(s)))
	mended := p.mendTimeWords()
	typed := p.tokens // with the dates, whose capitals tell Title Case too
	lower := make([]string, len(p.tokens))
	capitalised := make([]bool, len(p.tokens))
	for i, t := range p.tokens {
		lower[i], capitalised[i] = strings.TrimSuffix(t.lower, ","), isCapitalised(t.text)
	}
	period, taken, ok := cal.readDates(lower, capitalised)
	p.period, p.hasPeriod = period, ok
	for i, t := range mended {
		// A word of time mended and read as none stays as typed: "wk" alone.
		if !taken[i] && !recencyWords[p.tokens[i].lower] {
			delete(p.corrected, bareWord(t.text))
			p.tokens[i] = t
		}
	}
	var kept []token
	for i, t := range p.tokens {
		if taken[i] {
			p.datesAt = append(p.datesAt, len(kept))
			continue
		}
		kept = append(kept, t)
	}
	p.tokens = kept
	for i := range p.tokens {
		p.tokens[i].at = i
	}
	shouting, titleCase := isShouting(s), isTitleCase(typed)
	p.classify(shouting, titleCase, terms)
	if titleCase && !p.hasPeriod && !slices.ContainsFunc(p.tokens, func(t token) bool { return t.kind >= name }) {
		// A title of nothing but words that ask, and no date, names a
		// work: "Please Please Me"; its capitals are read. "What Is New
		// Today" asks for the day's news.
		p.newest = false
		p.classify(shouting, false, terms)
	}
	p.readChatPhrases()
	p.readExclusions()
	p.markAsked()
	return p
}

// pointers are the prepositions that, after a word that asks, point at
// what a question is about: "news on", "ask about", "going on with".
var pointers = wordsOf(`about on with w/ re regarding concerning`)

// markAsked marks the words that a phrase that asks points at: after a
// word that asks and a pointer ("going on with", "ask about", "news on"),
// the words of a subject up to the end of the clause ("the tin crisis at
// the ITC", "jobs and unemployment"), past the stop words between them. A
// question told at length holds others ("out of the loop", "exams"), which
// relaxing leaves out first.
func (p *parsed) markAsked() {
	for i := 1; i < len(p.tokens); i++ {
		if !pointers[bareWord(p.tokens[i].lower)] || p.tokens[i-1].kind > recency || strings.HasSuffix(p.tokens[i-1].text, ",") {
			continue
		}
		asks := clauseAsks(p.tokens, i)
		for j := i + 1; j < len(p.tokens); j++ {
			t := &p.tokens[j]
			if t.kind < name && !stopWords[bareWord(t.lower)] || t.start {
				break // "help me out", "thanks", or the next sentence
			}
			if t.asked = t.kind >= name; t.asked && asks {
				t.askedBy = i + 1
			}
			if strings.HasSuffix(t.text, ",") {
				break
			}
		}
	}
}

// clauseAsks reports whether the clause of the i-th token, from the start
// of its sentence or its last comma, asks: it holds a question word, a word
// asking for news ("the latest on", "any news on"), or opens with an
// auxiliary or a verb ("can you tell me about", "tell me about"); where
// "everyone at work keeps talking about rates" only tells.
func clauseAsks(ts []token, i int) bool {
	for j := i - 1; j >= 0; j-- {
		w := bareWord(ts[j].lower)
		opens := ts[j].start || j == 0 || strings.HasSuffix(ts[j-1].text, ",")
		if isQuestionWord(w) || ts[j].kind == recency || scaffoldNouns[w] || opens && (auxiliaries[w] || lightVerbs[w]) {
			return true
		}
		if opens {
			return false
		}
	}
	return false
}

// endsQuestion reports whether no word of a subject comes at or after i:
// "sugar not coffee pls".
func endsQuestion(ts []token, i int) bool {
	return !slices.ContainsFunc(ts[min(i, len(ts)):], func(t token) bool { return t.kind >= name })
}

// excluding are the words that leave out what follows them: "anything
// except oil", "commodities other than oil", "steel news minus usx", "skip
// the dollar". "without" and "excluding" are none but before a name that
// ends the question ("copper without chile"): "what would oil do without
// opec quotas" asks about OPEC's quotas, and "retail sales excluding autos"
// is a figure the wires report.
var excluding = wordsOf(`except besides minus skip`)

// leavingOutAfterNews are the words that leave out what follows them after
// the kind of answer asked for ("anything but oil", "grain news without
// wheat", "news that isn't about oil"), or opening a question ("not oil",
// "excluding oil, what happened yesterday"; but "but gold?" asks, and
// "not sure about gold" hedges); after a subject they bend it
// ("what would oil do without opec quotas", "retail sales excluding
// autos").
var leavingOutAfterNews = forms(`but without excluding not isn't isnt aren't arent`)

// bendsOnly reports whether a word after "not" bends what went before, as
// a verb's forms and adverbs do ("not paying", "not reappointed", "but not
// sharply", "but not enough"), rather than naming what to leave out.
func bendsOnly(lower string) bool {
	return len(lower) > 4 && (strings.HasSuffix(lower, "ing") || strings.HasSuffix(lower, "ed") || strings.HasSuffix(lower, "ly")) ||
		degreeWords[lower]
}

// degreeWords say how much, or how surely, after "not": "not enough", "not
// much", "not sure".
var degreeWords = wordsOf(`enough much many quite yet very so too sure`)

// articlesBefore are the words between an exclusion and what it leaves
// out: "not about the soviets", "other than the soviet union", "but not in
// airlines".
var articlesBefore = wordsOf(`about the a an any in from`)

// readExclusions reads what a question leaves out as "-Putin" is: the words
// to a comma or the question's end after "except", "besides", "other than"
// and "apart from" ("gold except south africa"); and a name, or one other
// word, after "not" or "no" that follow a subject ("oil but not opec",
// "gold, not silver prices", "grain news not about the soviets"), or that
// end the question ("sugar not coffee", "cocoa no coffee pls"). Else "not" bends a verb or a word ("why did brazil not pay its
// debt", "brazil not paying", "japan not in recession", "japan not happy
// with the dollar"), and "no" names a grade or goes with more words ("sugar
// no. 11", "brazil no longer exports coffee", "japan no rice imports"):
// they leave nothing out.
func (p *parsed) readExclusions() {
	ts := p.tokens
	word := func(i int) string {
		if i < 0 || i >= len(ts) {
			return ""
		}
		return bareWord(ts[i].lower)
	}
	subjectBefore := func(i int) bool {
		return slices.ContainsFunc(ts[:i], func(t token) bool { return t.kind >= name && t.kind != without })
	}
	auxiliaryBefore := func(i int) bool {
		return slices.ContainsFunc(ts[:i], func(t token) bool { return auxiliaries[bareWord(t.lower)] })
	}
	for i := 0; i < len(ts); i++ {
		// A word that says to leave out ("except") leaves out words that
		// only rank too ("any news besides the crash?"), and all the words
		// to a comma or the question's end; "not" does neither ("not
		// rising").
		from, strong := -1, true
		switch w := word(i); {
		case excluding[w]:
			from = i + 1
		case w == "leave" && word(i+1) == "out":
			from = i + 2 // "leave out wall street, how are bonds"
		case (w == "without" || w == "excluding") && subjectBefore(i) && !scaffoldNouns[word(i-1)]:
			j := i + 1
			if articlesBefore[word(j)] {
				j++
			}
			if j < len(ts) && (ts[j].kind == name || ts[j].kind == content) && !bendsOnly(word(j)) && endsQuestion(ts, j+1) {
				ts[j].leftOutIfName = true
			}
		case (w == "other" && word(i+1) == "than") || ((w == "apart" || w == "aside") && word(i+1) == "from"):
			from = i + 2
		case leavingOutAfterNews[w] && !bendsOnly(word(i+1)) &&
			((i == 0 || ts[i].start) && w != "but" || scaffoldNouns[word(i-1)] || (word(i-1) == "that" || word(i-1) == "which") && scaffoldNouns[word(i-2)]):
			// "anything but oil", "grain news without wheat", "news that
			// isn't about oil", "not oil", "excluding oil, what happened",
			// "coffee. not colombia"
			from = i + 1
		case (w == "not" || w == "no" && word(i-1) == "but") && subjectBefore(i) && !bendsOnly(word(i+1)) && !isNumber(word(i+1)) &&
			(word(i-1) == "but" || word(i-1) == "and" || strings.HasSuffix(ts[i-1].text, ",") || word(i+1) == "about"),
			// bare, "not" or "no" leaves out the one word that ends the
			// question: "sugar not coffee", "cocoa no coffee pls"; not
			// "japan not happy with the dollar", "japan no rice imports"
			(w == "not" || w == "no") && i > 0 && (ts[i-1].kind >= name && ts[i-1].kind != weak || scaffoldNouns[word(i-1)]) &&
				!auxiliaryBefore(i) && i+1 < len(ts) && ts[i+1].kind >= name && !isNumber(word(i+1)) && !bendsOnly(word(i+1)) && endsQuestion(ts, i+2):
			from, strong = i+1, false
		}
		if from < 0 {
			continue
		}
		for k := i; k < from; k++ {
			ts[k].kind = function
		}
		j := from
		for j < len(ts) && ts[j].kind < name && articlesBefore[word(j)] && !strings.HasSuffix(ts[j-1].text, ",") {
			j++ // "not about the soviets"
		}
		// A name of several words, or after "not" one other word ("not
		// silver prices" leaves out silver, not prices).
		for first := j; j < len(ts) && (ts[j].kind == name || ts[j].kind == maybeName || ts[j].kind == connector ||
			(j == first || strong) && (ts[j].kind == content || strong && ts[j].kind == weak)); j++ {
			named := ts[j].kind == name || ts[j].kind == maybeName
			ts[j].kind, ts[j].text, ts[j].lower = without, "-"+ts[j].text, "-"+ts[j].lower
			if strings.HasSuffix(ts[j].text, ",") || !named && !strong {
				j++
				break
			}
		}
		i = j - 1
	}
}

// nextPeriods are the periods to come that "next" names.
var nextPeriods = wordsOf("week month year quarter weekend")

// tomorrow is the day to come as chat writes it: "dollar tmrw".
var tomorrow = wordsOf("tomorrow tmrw tmr tmrow 2morrow 2moro tomorow tommorow tommorrow")

// readChatPhrases reads the phrases of chat whose words are each something
// else alone. Asking to be brought up to date ("catch me up on the dollar",
// "bring me up to speed on cocoa", "get me up to date") asks for the latest
// news, and "speed" and "date" there name no subject; so does asking about
// days to come ("next week", "next monday", "tomorrow"); nor do "advance" in
// "thanks in advance", "right" in "right now", "put" in "put out", "TV" in
// "on TV" (but "Japanese TV exports" are TVs), or "picture" in "the same
// picture" (but the "motion picture industry" is one); nor does the one who
// asks in "my teacher asked about the crash" (but "my oil stocks" are).
// British chat's "any joy on" and "the state of play on" ask too. Asking
// when something was "first reported" asks for the oldest news.
func (p *parsed) readChatPhrases() {
	word := func(i int) string {
		if i < 0 || i >= len(p.tokens) {
			return ""
		}
		return bareWord(p.tokens[i].lower)
	}
	for i := range p.tokens {
		switch {
		case word(i) == "up" && (word(i-1) == "catch" && word(i+1) == "on" || word(i-2) == "catch" && pronouns[word(i-1)]):
			// "catch up on", "catch me up": not "catch up with" a rival
			p.newest = true
		case word(i) == "up" && word(i+1) == "to" && (word(i+2) == "speed" || word(i+2) == "date"):
			p.newest, p.tokens[i+2].kind = true, function
		case word(i) == "next" && (nextPeriods[word(i+1)] || isWeekday(word(i+1))):
			// "what is opec expected to do next week": of days to come
			// the newest news tells
			p.newest, p.tokens[i].kind, p.tokens[i+1].kind = true, function, function
		case tomorrow[word(i)]:
			p.newest, p.tokens[i].kind = true, function
		case word(i) == "first" && firstTold[word(i+1)]:
			// "when was the chip dispute first reported", "the first news
			// on tin": the oldest news tells
			p.oldest, p.tokens[i].kind, p.tokens[i+1].kind = true, function, function
		case originWords[word(i)] && asksForNews(p.tokens[i+1:]):
			// "the earliest news on tin", "the oldest on tin", "earliest
			// tin stories"; but "the earliest the fed could cut rates" asks
			// when
			p.oldest = true
		case word(i) == "sure" && word(i-1) == "not",
			(word(i) == "right" || word(i) == "true") && (word(i-1) == "that" || word(i-1) == "it"),
			word(i) == "right" && word(i+1) == "place", word(i) == "place" && word(i-1) == "right",
			word(i) == "best" && word(i-1) == "the" && (word(i-2) == "ur" || word(i-2) == "you're" || word(i-2) == "youre"),
			(word(i) == "deal" || word(i) == "score") && word(i-1) == "the" && (word(i+1) == "with" || word(i+1) == "w"),
			word(i) == "joy" && word(i-1) == "any",
			(word(i) == "state" || word(i) == "play") && word(i+1) == "of" && word(i+2) == "play" || word(i) == "play" && word(i-1) == "of" && word(i-2) == "state",
			word(i) == "right" && (i > 0 && i == len(p.tokens)-1 || i == 0 && strings.HasSuffix(p.tokens[i].lower, ",")):
			// "not sure if this is the right place", "is that right?",
			// "is it true that", "ur the best", "what's the deal with",
			// "the score with", "any joy on", "the state of play on", a
			// question's last "right?" or first "right,"
			p.tokens[i].kind = function
		case bareWord(p.tokens[i].text) == "us" && (word(i-1) == "the" || p.tokens[i].start && i+1 < len(p.tokens) && p.tokens[i+1].kind >= name):
			// "the us wheat surplus", "us housing starts": the country, as no
			// pronoun stands there; it only ranks, as most news of US
			// figures does not name the country
			p.tokens[i].kind, p.tokens[i].text = weak, strings.Replace(p.tokens[i].text, "us", "US", 1)
		case (word(i-1) == "my" || word(i-1) == "our") && (lightVerbs[word(i+1)] || auxiliaries[word(i+1)] && lightVerbs[word(i+2)]):
			// the one who asks, not what about: "my teacher asked about
			// the crash", "my dad is worried about chrysler"
			p.tokens[i].kind = function
		case word(i) == "advance" && word(i-1) == "in" && politeness[word(i-2)],
			word(i) == "right" && word(i+1) == "now",
			word(i) == "put" && word(i+1) == "out",
			media[word(i)] && (word(i-1) == "on" || word(i-1) == "the" && word(i-2) == "on"),
			word(i) == "picture" && lookOfThings[word(i-1)]:
			p.tokens[i].kind = function
		}
	}
}

// asksForNews reports whether the words after a word like "earliest" say
// it is the news that is asked for: "news on tin", "on tin", "tin stories".
func asksForNews(after []token) bool {
	for _, t := range after {
		w := bareWord(t.lower)
		switch {
		case firstTold[w] || scaffoldNouns[w] || pointers[w]:
			return true
		case t.kind < name || t.start:
			return false
		}
	}
	return false
}

// tokenize splits a question into words, with their punctuation off. A
// comma typed without the space before the next word still ends a word:
// "rates,bundesbank"; so does a slash between words: "dollar/yen".
func tokenize(s string) []token {
	var out []token
	start := true
	possessive := false // the word before was a possessive: "Fed's"
	for _, w := range strings.Fields(hurriedPunctuationSpaced(s)) {
		// An apostrophe that opens a word is a quote mark: 'Blair'.
		quoted := strings.TrimLeft(strings.TrimFunc(w, isOuterPunct), "'’")
		bare := trimPossessive(quoted)
		// A possessive between names ends the first: "Fed's Johnson" is
		// the Fed and Johnson, "Japan's Nakasone" Japan and Nakasone.
		if n := len(out); n > 0 && possessive && isCapitalised(bare) && !strings.HasSuffix(out[n-1].text, ",") {
			out[n-1].text += ","
			out[n-1].lower += ","
		}
		possessive = bare != "" && bare != strings.TrimRight(quoted, "'’")
		ends := strings.TrimRight(w, `"'’”)]`)
		if bare == "" {
			start = start || strings.ContainsAny(ends, ".?!")
			continue
		}
		// An abbreviation keeps its dot: "J.P. Morgan".
		if strings.Contains(bare, ".") && strings.HasSuffix(strings.TrimRight(w, ",;"), ".") {
			bare += "."
		}
		if strings.ContainsAny(w[len(w)-1:], ",;") {
			bare += ","
		}
		bare = unstretched(bare)
		out = append(out, token{text: bare, lower: strings.ToLower(bare), start: start})
		start = strings.HasSuffix(ends, "?") || strings.HasSuffix(ends, "!") ||
			strings.HasSuffix(ends, ".") && !strings.Contains(strings.TrimSuffix(bare, "."), ".")
	}
	return out
}

// mendTimeWords reads the words of time that chat shortens ("yday", "last
// wk") or mistypes by a letter left out, added or swapped ("yesterdy",
// "lastest") as those words, before the dates and the newest news are read
// from them: they were searched as words. A letter typed for another is no
// such slip: "decent" is no "recent". A capitalised word is a name ("Weds"),
// unless the whole word is in capitals ("THIS WK") or opens the question
// ("Yestrday gold"). It returns the tokens it mended, as typed, by their
// place.
func (p *parsed) mendTimeWords() map[int]token {
	mended := map[int]token{}
	for i := range p.tokens {
		t := &p.tokens[i]
		typed := strings.TrimSuffix(t.lower, ",")
		meant, ok := chatTimeWords[typed]
		if !ok && utf8.RuneCountInString(typed) >= 5 && classify(typed) == content {
			meant, ok = timeWordLike(typed)
		}
		if ok && (!isCapitalised(t.text) || isAllCaps(t.text) || i == 0) {
			mended[i] = *t
			p.corrected = noted(p.corrected, bareWord(t.text), meant)
			t.text = strings.Replace(t.text, bareWord(t.text), meant, 1)
			t.lower = strings.ToLower(t.text)
		}
	}
	return mended
}

// chatTimeWords are the words of time as chat shortens them.
var chatTimeWords = map[string]string{"yday": "yesterday", "yest": "yesterday", "2day": "today", "tdy": "today",
	"wk": "week", "wks": "weeks", "mth": "month", "mths": "months", "tues": "tuesday", "weds": "wednesday", "thurs": "thursday",
	"wknd": "weekend", "wkend": "weekend", "weekends": "weekend", "nite": "night", "tonite": "tonight", "2nite": "tonight",
	"yesterdays": "yesterday", "todays": "today", "tonights": "tonight",
	"mondays": "monday", "tuesdays": "tuesday", "wednesdays": "wednesday", "thursdays": "thursday", "fridays": "friday",
	"b4": "before", "aft": "after", "upto": "until", "untill": "until", "til": "till", "btwn": "between", "b/w": "between",
	"frm": "from", "thru": "through", "inbetween": "between", "&": "and", "sinse": "since", "ths": "this", "thsi": "this",
	"wek": "week", "mnth": "month", "mnths": "months", "dayz": "days", "ystday": "yesterday", "aprl": "april", "snce": "since", "lst": "last", "las": "last", "prev": "previous",
	"qtr": "quarter", "yr": "year", "yrs": "years"}

// timeWords are the words of time that timeWordLike mends typos of.
var timeWords = []string{"yesterday", "today", "tonight", "latest", "recent", "recently", "lately", "monday", "tuesday",
	"wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "april", "august", "september",
	"october", "november", "december", "march", "week", "month", "weekend", "fortnight", "between"}

// timeWordLike returns the word of time that typed is with a letter left
// out, added, or swapped with the next; "weeks" is no slip.
func timeWordLike(typed string) (string, bool) {
	for _, w := range timeWords {
		if edlib.OSADamerauLevenshteinDistance(typed, w) == 1 && (len(typed) != len(w) || sortedLetters(typed) == sortedLetters(w)) && typed != w+"s" {
			return w, true
		}
	}
	return "", false
}

// theDow reads "the dow" as the market does, the Dow Jones average: "is the
// dow ok" answered with five stories of Dow Chemical, though the archive
// has "DOW JONES FALLS MORE THAN 400 POINTS". "Dow Chemical" and "Dow's
// profits" are the company's.
func theDow(tokens []token) []token {
	for i := 1; i < len(tokens); i++ {
		next := ""
		if i+1 < len(tokens) {
			next = bareWord(tokens[i+1].lower)
		}
		if bareWord(tokens[i].lower) == "dow" && bareWord(tokens[i-1].lower) == "the" && next != "jones" && next != "chemical" && next != "corning" {
			dow, jones := tokens[i], tokens[i]
			after := strings.TrimPrefix(tokens[i].lower, "dow") // "the dow, what happened?"
			dow.text, dow.lower = "Dow", "dow"
			jones.text, jones.lower, jones.start = "Jones"+after, "jones"+after, false
			tokens = slices.Insert(slices.Delete(tokens, i, i+1), i, dow, jones)
		}
	}
	return tokens
}

// rangesApart parts the ends of a range of months or days typed with a
// hyphen, as the dates read them apart: "march-april", "1-15 March", "oct
// 19-20"; days only beside a month, as "the 3-2 vote" is no range.
func rangesApart(tokens []token) []token {
	var out []token
	for i, t := range tokens {
		from, to, ok := strings.Cut(t.lower, "-")
		to = strings.TrimSuffix(to, ",")
		_, fromDay := dayOf(from)
		_, toDay := dayOf(to)
		months := monthNumbers[from] != 0 && monthNumbers[to] != 0
		days := fromDay && toDay && (i+1 < len(tokens) && monthNumbers[strings.TrimSuffix(tokens[i+1].lower, ",")] != 0 ||
			i > 0 && monthNumbers[tokens[i-1].lower] != 0) // "1-15 March", "oct 19-20"
		if !ok || !months && !days {
			out = append(out, t)
			continue
		}
		cut := len(from)
		out = append(out, token{text: t.text[:cut], lower: from, start: t.start}, token{text: "-", lower: "-"},
			token{text: t.text[cut+1:], lower: t.lower[cut+1:]})
	}
	return out
}

// unstretched is a word with the letters that chat stretches for emphasis
// ("sooo strong", "goood") put back: a run of three or more of one lower-case
// letter, which no English word has, is one letter when that makes a word
// that asks or only ranks ("so", "bad"), else two ("good", or "loong", which
// the index then mends). A word of one letter repeated ("aaa" bonds) stays.
func unstretched(w string) string {
	one, stretched := shortenRuns(w, 1)
	if !stretched || utf8.RuneCountInString(one) == 1 {
		return w
	}
	if classify(strings.ToLower(bareWord(one))) != content {
		return one
	}
	two, _ := shortenRuns(w, 2)
	return two
}

// shortenRuns cuts each run of three or more of one lower-case letter in w
// to keep letters, and reports whether there was one.
func shortenRuns(w string, keep int) (string, bool) {
	var b strings.Builder
	runes := []rune(w)
	cut := false
	for i := 0; i < len(runes); {
		j := i
		for j < len(runes) && runes[j] == runes[i] {
			j++
		}
		n := j - i
		if n >= 3 && unicode.IsLower(runes[i]) {
			n, cut = keep, true
		}
		b.WriteString(strings.Repeat(string(runes[i]), n))
		i = j
	}
	return b.String(), cut
}

// media and lookOfThings are the words of "on TV" and "the same picture".
var (
	media        = wordsOf("tv television radio")
	lookOfThings = wordsOf("same big whole overall the")
)

// commaBeforeLetter is a comma or semicolon typed without a space before the
// next word; a comma between digits ("1,250") is part of a number.
var commaBeforeLetter = regexp.MustCompile(`([,;])(\pL)`)

// slashBetweenWords is a slash between two words of two letters or more,
// which parts them as a comma does: "dollar/yen", "lead/zinc", and
// "US/Japan", two names, not one; but "b/c" and "w/o" are chat's shorthand.
var slashBetweenWords = regexp.MustCompile(`(\pL\pL)/(\pL\pL)`)

// hurriedPunctuationSpaced is s with a space after a comma typed without one
// before a word, and a comma and a space for a slash between words, each of
// a run too: "lead/zinc/copper".
func hurriedPunctuationSpaced(s string) string {
	s = commaBeforeLetter.ReplaceAllString(s, "$1 $2")
	for {
		// A match takes the word after its slash: the next slash of a run
		// is the next round's.
		spaced := slashBetweenWords.ReplaceAllString(s, "$1, $2")
		if spaced == s {
			return s
		}
		s = spaced
	}
}

// isShouting reports whether a question is written in capitals, where no
// capital says a word is a name.
func isShouting(s string) bool {
	letters, upper := 0, 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		}
	}
	return letters > 3 && upper == letters
}

// isTitleCase reports whether a question is written in Title Case, every
// word capitalised, even those that ask ("Is The US Going To Subsidize Wheat
// Sales To The Soviets?", "Louvre Accord News This Month"): there, as in
// capitals, no capital says a word is a name, and the index tells. So in a
// headline pasted in, of three words or more ("Japanese Trade Surplus",
// "The Dollar And The Yen", found as names, found nothing). A capitalised
// "of" is no sign of it: "Bank Of England".
func isTitleCase(words []token) bool {
	lettered, named, asking := 0, 0, false
	for i, t := range words {
		r, _ := utf8.DecodeRuneInString(t.text)
		if !unicode.IsLetter(r) {
			continue
		}
		if !unicode.IsUpper(r) {
			return false
		}
		lettered++
		word := bareWord(t.lower)
		if classify(word) >= name && !connectors[word] {
			named++ // "So Solid Crew" and "Hey Jude" are names a greeting begins
		}
		asking = asking || i > 0 && !isAllCaps(t.text) && classify(word) < name && !connectors[word] || word == "the" || word == "and"
	}
	return lettered >= 3 && (asking || named >= 3)
}

// classify gives each word its kind. Capitalised words standing together are
// one name, which may begin with a word that is otherwise a greeting or
// scaffolding ("Hey Jude", "News Corp", "New Zealand"), but not with a
// question word ("Is Macron"); the words of a name may be joined by
// connectors ("Bank of England"). A word that opens a term of terms is
// part of it, whatever it is alone: "current account" asks for no recent
// news.
func (p *parsed) classify(shouting, titleCase bool, terms Aliases) {
	ts := p.tokens
	// In a question in Title Case, only a word in capitals is surely a
	// name: "US".
	caseless := func(i int) bool { return shouting || titleCase && !isAllCaps(ts[i].text) }
	capital := func(i int) bool { return i < len(ts) && isCapitalised(ts[i].text) && !caseless(i) }
	comma := func(i int) bool { return strings.HasSuffix(ts[i].text, ",") }
	for i := 0; i < len(ts); i++ {
		t := &ts[i]
		word := strings.TrimSuffix(t.lower, ",")
		opensTerm := false
		if i+1 < len(ts) && !comma(i) {
			typed := bareWord(ts[i+1].lower)
			var meant string
			if meant, opensTerm = terms.termAfter(word, typed); opensTerm && meant != typed {
				p.correct(i+1, meant)
			}
		}
		switch {
		case strings.HasPrefix(t.text, "-") && len(strings.TrimLeft(t.text, "-")) > 0:
			t.kind = without
		case word == "days" && i > 0 && ts[i-1].lower == "these":
			t.kind = recency // "what's OPEC up to these days"
		case capital(i) && (i == 0 || ts[i-1].kind < name || comma(i-1)) && !comma(i) && capital(i+1) && !ts[i+1].start &&
			!(t.start && beginsNoName(word)) && !beginsNoSentence[word] && !botsName[bareWord(ts[i+1].lower)]:
			// The first word of a name of several, in one sentence, which
			// an article or a conjunction does not begin ("any news on The
			// Fed?", "Cool, thanks. And Texaco?"), nor a greeting of the
			// bot ("Hey Bot, any news on sugar?").
			t.kind = name
		case capital(i) && i > 0 && ts[i-1].kind == name && !comma(i-1) && !t.start:
			t.kind = name
		case connectors[word] && i > 0 && (ts[i-1].kind == name && !comma(i-1) || ts[i-1].kind == connector || ts[i-1].kind == maybeName && word == "of") && capital(nextNonConnector(ts, i)):
			t.kind = connector // "J.P. Morgan and the U.S. Treasury"
		case opensTerm && !capital(i+1) && (capital(i) || caseless(i)):
			// "Current account", and "RETAIL SALES" or "Retail Sales" in a
			// question all in capitals or in Title Case: the index tells.
			t.kind = maybeName
		case opensTerm && !capital(i+1):
			t.kind = content // "current account"
		case capital(i) && classify(word) < name && (t.start && !isAcronym(t.text, word) || len([]rune(word)) < 2 || !isAllCaps(t.text) || scaffoldNouns[word]):
			// "What", "Latest", "I": capitalised as a sentence begins;
			// "any NEWS on": scaffolding in capitals.
			t.kind = classify(word)
		case capital(i) && t.start && isAcronym(t.text, word):
			t.kind = name
		case capital(i) && t.start:
			t.kind = maybeName
		case capital(i) && isAllCaps(t.text) && classify(word) >= name && !(i+1 < len(ts) && connectors[ts[i+1].lower] && capital(nextNonConnector(ts, i))):
			// "whats new with SILVER": a word stressed in capitals, or an
			// acronym ("OPEC"): the index tells, as the articles write the
			// one in lower case and the other not. One joined to a name
			// begins it: "the BANK of England".
			t.kind, t.stressed = maybeName, true
		case capital(i):
			t.kind = name
		case caseless(i) && classify(word) >= name:
			t.kind = maybeName
		case len([]rune(word)) == 1 && !capital(i):
			t.kind = function // "w/", "u", "r": chat shorthand
		default:
			t.kind = classify(word)
		}
		if t.kind == recency {
			p.newest = true
		}
	}
	// "of" between words in lower case may join a name the index knows
	// ("bank of japan"; see readLowerCaseNames), which resolve tells.
	for i := 1; i+1 < len(ts); i++ {
		if ts[i].lower == "of" && ts[i-1].kind == content && ts[i+1].kind == content && !strings.HasSuffix(ts[i-1].text, ",") {
			ts[i].kind, ts[i-1].ofAfter = connector, true
		}
	}
	// "and" or "or" between words joins them, after a comma too, ending a
	// list: "gm, ford, and chrysler"; and so does "and" joining names,
	// though it may join the words of one: "Chrysler and Boeing",
	// "Procter and Gamble" (see joinedSeries).
	for i := 1; i+1 < len(ts); i++ {
		if ts[i].lower == "and" || ts[i].lower == "or" {
			j := i + 1
			if ts[j].lower == "the" && j+1 < len(ts) {
				j++ // "ibm or the fed"
			}
			ts[j].joinedBy, ts[j].joinedAt = ts[i].lower, ts[i].at
		}
	}
	// A connector ends no name: "Bank of" is "Bank".
	for i := len(ts) - 1; i >= 0 && ts[i].kind == connector; i-- {
		ts[i].kind = function
	}
}

// correct reads the word at i as meant, in lower case, as capitalised as
// typed, and notes it.
func (p *parsed) correct(i int, meant string) {
	t := &p.tokens[i]
	typed := bareWord(t.text)
	meant = matchCase(meant, typed)
	p.corrected = noted(p.corrected, typed, meant)
	t.text = strings.Replace(t.text, typed, meant, 1)
	t.lower = strings.ToLower(t.text)
}

// noted is corrections with typed read as meant, made if there were none.
func noted(corrections map[string]string, typed, meant string) map[string]string {
	if corrections == nil {
		corrections = map[string]string{}
	}
	corrections[typed] = meant
	return corrections
}

// nextNonConnector is the index of the first word after i that joins no name.
func nextNonConnector(ts []token, i int) int {
	for i++; i < len(ts) && connectors[strings.TrimSuffix(ts[i].lower, ",")]; i++ {
	}
	return i
}

// isAcronym reports whether a word in capitals that begins a question is
// one whatever its place, though in lower case it would be a pronoun: "US
// trade" is about the United States, not "us".
func isAcronym(text, lower string) bool {
	return len([]rune(lower)) >= 2 && isAllCaps(text) && pronouns[lower]
}

func isAllCaps(w string) bool {
	return strings.IndexFunc(w, unicode.IsLower) < 0
}

// subjectWords are the words of the subject, in the order typed.
func (p parsed) subjectWords() []token {
	var out []token
	for _, t := range p.tokens {
		if t.kind >= name {
			out = append(out, t)
		}
	}
	// A connector that the subject does not go on after is not part of it.
	for len(out) > 0 && out[len(out)-1].kind == connector {
		out = out[:len(out)-1]
	}
	return out
}

// subject is the subject as typed: "Blair, Brown and Kennedy".
func subject(words []token) string {
	texts := make([]string, len(words))
	for i, t := range words {
		texts[i] = t.text
		// Names apart in the question stay apart: "Lawson, UK interest
		// rates", which the More sources button asks again, is not the
		// name "Lawson UK".
		if i+1 < len(words) && words[i+1].at != t.at+1 && isCapitalised(t.text) && isCapitalised(words[i+1].text) && !strings.HasSuffix(t.text, ",") {
			texts[i] += ","
		}
	}
	if n := len(texts); n > 0 {
		texts[n-1] = strings.TrimSuffix(texts[n-1], ",")
	}
	return strings.Join(texts, " ")
}

// Subject takes the subject out of a question: "what's new about Macron?" is
// "Macron", "Steve Witkoff's" is "Steve Witkoff", "Iran trade talks" stays as
// it is, "what happened with oil prices in October?" is "oil prices". It
// returns "" when nothing is left ("what's new?"). With aliases, it reads
// their terms and names as Read does: "current account" stays whole, and
// "US-Japan trade" is "US, Japan trade".
func Subject(question string, aliases Aliases) string {
	cal := calendar{Now: time.Now(), Latest: func() time.Time { return time.Time{} }}
	return subject(joiningNames(splitNames(parse(question, cal, aliases).subjectWords(), aliases)))
}

// joiningNames is words without the connectors that join no names: after a
// word read as a common one ("Exports of Brazil", "tonnes of sugar"), a
// connector joins nothing.
func joiningNames(words []token) []token {
	for i := range words {
		if words[i].kind == connector && (i == 0 || words[i-1].kind != name && words[i-1].kind != connector) {
			words[i].kind = function
		}
	}
	return slices.DeleteFunc(words, func(t token) bool { return t.kind < name })
}

// typoShare and typoRatio tell a typo that shares its stem with a word from
// a rare word: one in under typoShare of the articles is read as the word
// spelled like it that typoRatio times as many articles hold.
// A content word typed in lower case, of five letters or more, that at most
// slipArticles articles hold, one slip from a word typoRatio times as many
// hold, is read as that word too; and one that asks, typed with two letters
// swapped, as that one.
const (
	typoShare    = 0.005
	typoRatio    = 20
	slipArticles = 2
)

// toldAtLength is how many words that may carry the search a question
// told at length holds at least.
const toldAtLength = 4

// commonShare is the share of the articles above which a word is too common
// to require of every source: "market", "prices", "bank" in business news.
// Rarer words ("oil" at 7%, "crash", "coffee") carry the search.
const commonShare = 0.10

// Read reads req's question with what the index knows of its words: which
// capitalised first word is a name, which word is misspelled, which words are
// rare enough to require. A message longer than a subject is read for what it
// asks about last (see lastAsked). It returns ErrNoSubject when the question
// names no subject, no period and no wish for the newest news, and
// ErrTooLong for a paragraph that asks about nothing.
func Read(ctx context.Context, s Searcher, req Request) (Reading, error) {
	if utf8.RuneCountInString(req.Question) > maxQuestionLength {
		return Reading{}, ErrTooLong
	}
	now := req.Now
	if now.IsZero() {
		now = time.Now()
	}
	var latest *time.Time
	cal := calendar{Now: now, Latest: func() time.Time {
		if latest == nil {
			d, err := s.Latest(ctx)
			if err != nil {
				d = time.Time{} // no anchor: dates without a year count from today
			}
			latest = &d
		}
		return *latest
	}}
	p := parse(req.Question, cal, req.Aliases)
	words := p.subjectWords()
	r := Reading{Newest: p.newest || req.Newest, Period: Period{req.Since, req.Until}, Corrected: p.corrected}
	r.Oldest = (p.oldest || req.Oldest) && !r.Newest
	if tooLong(words) {
		var pointer int
		var ok bool
		if words, pointer, ok = lastAsked(words); !ok {
			return r, ErrTooLong
		}
		// Its dates count in the clause that asks: "...back in march my
		// uncle lost money on coffee, what's new with sugar?" is sugar's
		// latest, not March's.
		p.hasPeriod = p.hasPeriod && p.datedAround(pointer)
	}
	if p.hasPeriod {
		r.Period, r.unit = p.period.Within(r.Period), p.period.unit
	}
	// "what's new?", or its next page (the subject "News", newest first),
	// asks for the newest news.
	if len(words) == 0 && !p.hasPeriod && !r.Newest {
		return r, ErrNoSubject
	}
	words = casedSymbols(splitNames(words, req.Aliases), req.Aliases)
	r.dated = p.hasPeriod
	if err := r.resolve(ctx, s, words, req.Aliases); err != nil {
		return r, err
	}
	// "gold or silver" asks about each.
	for _, l := range r.joined {
		if l.or {
			r = r.eitherOf(l)
		}
	}
	if len(r.Required) == 0 && !p.hasPeriod && len(r.Without) == 0 && !r.Newest {
		return r, fmt.Errorf("%q only leaves words out: %w", r.Subject, ErrNoSubject)
	}
	if len(r.Required) == 0 {
		// A period alone ("what happened yesterday?", "any big news
		// today?"), words to leave out alone ("everything except the
		// dollar"), or words that ask for the newest alone ("what's new?",
		// "what's the latest?"), ask for the newest news, as /latest does,
		// and the reading says so; "earliest news in March" asks for its
		// oldest.
		r.Subject, r.Optional, r.Newest = "", nil, !r.Oldest
	}
	return r, nil
}

// lastAsked is, of a message longer than a subject, the words of what it
// asks about last, and the place among the tokens of the word pointing at
// them: "...everyone at work keeps talking about rates, what's the latest
// on the fed?" is about the Fed. It reports false when the message asks
// about nothing, or about more than a subject.
func lastAsked(words []token) (asked []token, pointer int, ok bool) {
	last := 0
	for _, t := range words {
		last = max(last, t.askedBy)
	}
	if last == 0 {
		return nil, 0, false
	}
	asked = slices.DeleteFunc(slices.Clone(words), func(t token) bool { return t.askedBy != last })
	return asked, last - 1, !tooLong(asked)
}

// datedAround reports whether a date stood in the clause of the token at i:
// from the start of its sentence or its comma to the next.
func (p parsed) datedAround(i int) bool {
	opens := func(j int) bool { return p.tokens[j].start || j > 0 && strings.HasSuffix(p.tokens[j-1].text, ",") }
	from, to := i, i+1
	for from > 0 && !opens(from) {
		from--
	}
	for to < len(p.tokens) && !opens(to) {
		to++
	}
	return slices.ContainsFunc(p.datesAt, func(at int) bool { return at >= from && at <= to })
}

// tooLong reports whether words are more than a subject has: a pasted
// paragraph is no question.
func tooLong(words []token) bool {
	return len(words) > maxSubjectWords || utf8.RuneCountInString(subject(words)) > MaxSubjectLength
}

// splitNames splits a word of names joined by hyphens, dashes or slashes,
// each of which the aliases know ("US-Japan", "Iran–Iraq", "U.S./Japan"),
// into those names, apart: an article about US-Japan trade names the
// United States and Japan, seldom side by side, and rarely as "US-Japan".
// Names the aliases do not know stay whole: "Jean-Noël".
func splitNames(words []token, aliases Aliases) []token {
	var out []token
	for _, t := range words {
		parts := strings.FieldsFunc(bareWord(t.text), func(r rune) bool { return r == '-' || r == '–' || r == '/' })
		names := make([]string, len(parts))
		known := len(parts) > 1 && (t.kind == name || t.kind == maybeName || t.kind == content)
		for i, p := range parts {
			names[i], known = p, known && len(aliases[strings.ToLower(p)]) > 0
			if known && !isCapitalised(p) {
				names[i], known = aliases.cased(p) // "us-japan" typed in lower case
			}
		}
		if !known {
			out = append(out, unmarkedPossessive(t, aliases))
			continue
		}
		for i, n := range names {
			text := n + "," // apart from the next
			if i == len(names)-1 {
				text = n + strings.TrimPrefix(t.text, bareWord(t.text))
			}
			out = append(out, token{text: text, lower: strings.ToLower(text), kind: name, at: t.at})
		}
	}
	return out
}

// casedSymbols reads a word typed in lower case with other characters than
// letters in it, which the aliases know capitalised, as that name: "at&t"
// is AT&T, where its letters searched as words were "at" and "t" (CB and T
// Bancshares); "u.s." is the U.S. and "g7" the G7.
func casedSymbols(words []token, aliases Aliases) []token {
	for i, t := range words {
		w := bareWord(t.text)
		if t.kind != content || !strings.ContainsFunc(w, func(r rune) bool { return !unicode.IsLetter(r) }) {
			continue
		}
		if named, ok := aliases.cased(w); ok {
			words[i].text, words[i].kind = named+strings.TrimPrefix(t.text, w), name
			words[i].lower = strings.ToLower(words[i].text)
		}
	}
	return words
}

// unmarkedPossessive is a word typed as a name's possessive without its
// apostrophe, read as the name, in lower case as typed, when the aliases
// know it and not the word ("britains economy" is Britain's, with the UK's
// other spellings); else the word as it was. A name in the plural is read
// so too: "the Saudis" are Saudi, as the articles name them, and a name is
// looked up as written.
func unmarkedPossessive(t token, aliases Aliases) token {
	word := bareWord(t.text)
	lower := strings.ToLower(word)
	if t.kind != content && t.kind != maybeName && t.kind != name || !strings.HasSuffix(lower, "s") || len(aliases[lower]) > 0 {
		return t
	}
	single := strings.TrimSuffix(lower, "s")
	if _, ok := aliases.cased(single); !ok {
		return t
	}
	if t.kind == name {
		single = strings.TrimSuffix(word, "s")
	}
	t.text = single + strings.TrimPrefix(t.text, word)
	t.lower = strings.ToLower(t.text)
	return t
}

// readTitleCase reads capitalised words side by side as common words when
// the articles mostly write each of them in lower case: "Gold Price" and
// "Interest Rates", typed in title case, are no names, and as names they
// found nothing. A name keeps all its words when one of them is mostly
// written capitalised: "General Motors", "Federal Reserve", "Bank of
// England". An acronym among them stays a name: "US Trade Deficit" is the
// US and the trade deficit.
func readTitleCase(words []token, counts map[string]news.WordCount) {
	acronym := func(t token) bool { return isAllCaps(t.text) && utf8.RuneCountInString(bareWord(t.text)) > 1 }
	common := func(t token) bool {
		c, ok := counts[bareWord(t.text)]
		return ok && mostlyLowerCase(c)
	}
	for start := 0; start < len(words); {
		end := start + 1
		for end < len(words) && words[start].kind == name && words[end].kind == name && words[end].at == words[end-1].at+1 &&
			!strings.HasSuffix(words[end-1].text, ",") {
			end++
		}
		run := words[start:end]
		if len(run) > 1 && slices.ContainsFunc(run, func(t token) bool { return !acronym(t) }) &&
			!slices.ContainsFunc(run, func(t token) bool { return !acronym(t) && !common(t) }) {
			for i := range run {
				if !acronym(run[i]) {
					readAsCommon(&run[i], counts)
				}
			}
		}
		start = end
	}
}

// mostlyLowerCase reports whether the articles write a word in lower case
// at least twice as often as capitalised: then, capitalised in a question,
// it is the common word.
func mostlyLowerCase(c news.WordCount) bool { return 2*c.Names < c.Body }

// readAsCommon reads a capitalised word as the common word in lower case,
// with its counts: content, or weak when it only ranks.
func readAsCommon(t *token, counts map[string]news.WordCount) {
	typed := bareWord(t.text)
	t.text = strings.ToLower(t.text)
	counts[bareWord(t.text)] = counts[typed]
	t.kind = content
	if classify(bareWord(t.text)) == weak {
		t.kind = weak
	}
}

// resolve decides, from how many articles hold each word, which words carry
// the search. A capitalised first word that the articles mostly write in
// lower case is a common word ("Oil prices"); a word no article holds is read
// as the most common indexed word spelled like it; names and words in under
// commonShare of the articles are required (of more than maxRequiredWords
// such words, the rarest that articles hold), other words only rank, and at
// least one word, the rarest, is required. The two words of a term the
// aliases know are both required: one they write another way ("consumer
// prices", "cost of living"), so that the search can take either way, or
// one they keep whole ("retail sales").
func (r *Reading) resolve(ctx context.Context, s Searcher, words []token, aliases Aliases) error {
	var lookup []string
	for _, t := range words {
		if t.kind != connector && t.kind != without {
			lookup = append(lookup, bareWord(t.text))
		}
	}
	counts, total, err := s.WordCounts(ctx, lookup)
	if err != nil {
		return err
	}
	readTitleCase(words, counts)
	for i := range words {
		t := &words[i]
		c, ok := counts[bareWord(t.text)]
		if !ok {
			continue
		}
		// The word as typed, in lower case: reading it as a common word
		// changes nothing else of it.
		typed := strings.ToLower(bareWord(t.text))
		if t.kind == maybeName {
			t.kind = name
			// A word stressed in capitals is counted by its stem, which may
			// be another word's: the articles write "aid" in lower case, and
			// "AIDS" is no aid.
			if mostlyLowerCase(c) && (!t.stressed || s.Stem(typed) == typed) {
				// A word that only ranks, capitalised to open the question
				// ("Rising") or in one written in capitals ("NUMBERS"), still
				// only ranks; one that opens a term ("Current account") is
				// the term's.
				readAsCommon(t, counts)
			}
		}
		if t.kind != content && t.kind != name && t.kind != weak {
			continue
		}
		// A typo is of letters: "Wit.*off" is a pattern, not a misspelling;
		// and of a longer word: a word of two letters is one slip from
		// dozens ("IT" from "St", "At", "In").
		// And a spelling the aliases know is none: "greenback" finds the
		// dollar where no article calls it that, not "Greenbaum".
		if strings.ContainsFunc(bareWord(t.text), func(r rune) bool { return !unicode.IsLetter(r) }) || utf8.RuneCountInString(bareWord(t.text)) < 3 ||
			len(aliases[typed]) > 0 {
			continue
		}
		missing := c.Body == 0 && c.Names == 0
		// A typo of a word that asks is that word: "whats up wiht the yen"
		// is "with", not "wit"; and "teh", though an article has it. So is
		// one that the articles count with it, by its stem: "happenning".
		rare := max(c.Body, c.Names) <= slipArticles
		if asking, ok := askingWordLike(typed); ok && (rare || s.Stem(typed) == s.Stem(asking)) && t.kind != name {
			r.Corrected, t.kind = noted(r.Corrected, bareWord(t.text), asking), function
			continue
		}
		// A typo may share its stem with a word: "interst" is that of
		// "interstate". No article has it as a word, though, even at the
		// start of a sentence or in a headline, where the names field would
		// hold it; and it misses a letter of a far more common word. A rare
		// word is not read as a shorter one: "zinc" is not "inc".
		stemOnly := t.kind != name && c.Names == 0 && float64(c.Body) < typoShare*float64(total)
		// And the articles have typos too: "bundesbnak", "metels", typed
		// in lower case, are each in one article, a slip from a word in
		// hundreds. A shorter word is a slip from too many ("nat" gas,
		// "figs"), and the word lists know what theirs mean.
		slip := t.kind == content && rare && utf8.RuneCountInString(typed) >= 5
		if !missing && !stemOnly && !slip {
			continue
		}
		similar, err := s.SimilarWords(ctx, bareWord(t.text), similarLookedAt)
		if err != nil {
			return err
		}
		more, _, err := s.WordCounts(ctx, similar)
		if err != nil {
			return err
		}
		if similar = likeliestSlip(similar, more, typed); len(similar) == 0 {
			continue
		}
		if missing && !likelyTypo(typed, similar[0], more[similar[0]]) {
			continue
		}
		if !missing && (more[similar[0]].Body < typoRatio*max(c.Body, c.Names) ||
			!missesOneLetter(typed, similar[0]) && !(slip && edlib.OSADamerauLevenshteinDistance(typed, similar[0]) == 1)) {
			continue
		}
		fixed := matchCase(similar[0], t.text)
		r.Corrected = noted(r.Corrected, bareWord(t.text), fixed)
		t.text = strings.Replace(t.text, bareWord(t.text), fixed, 1)
		counts[fixed] = more[similar[0]]
		if k := classify(strings.ToLower(fixed)); k < name {
			t.kind = k // "happenin" is "happen", which asks rather than names
		}
	}
	r.typedLower = readLowerCaseNames(words, counts)
	if err := readLowerCasePairs(ctx, s, words, counts, aliases); err != nil {
		return err
	}
	words = joiningNames(words)
	// A name after "without" that ends a question is left out: "copper
	// without chile", "airlines excluding twa".
	for i := range words {
		t := &words[i]
		if c := counts[bareWord(t.text)]; t.leftOutIfName && (t.kind == name || c.Names > 0 && !mostlyLowerCase(c)) {
			t.kind, t.text, t.lower = without, "-"+t.text, "-"+t.lower
		}
	}
	// What a question leaves out goes on past its first word while the
	// words after it are rare: "gold but not south africa", "wheat but not
	// the soviet union"; a common one only ranks: "gold, not silver prices".
	for i := 1; i < len(words); i++ {
		before, t := words[i-1], &words[i]
		if c := counts[bareWord(t.text)]; before.kind == without && !strings.HasSuffix(before.text, ",") && t.at == before.at+1 &&
			(t.kind == content || t.kind == name) && float64(c.Body) <= commonShare*float64(total) {
			t.kind, t.text = without, "-"+t.text
		}
	}
	r.Subject, r.counts = subject(words), counts
	if err := r.findCommoner(ctx, s, words, total); err != nil {
		return err
	}
	rarest, rarestCount := -1, 0
	// Names apart in the question are not one name when the words between
	// are not required: "GNP growing in Japan" is not "GNP Japan".
	lastRequired := -1
	require := func(t token) {
		if n := len(r.Required); n > 0 && t.at != lastRequired+1 && !strings.HasSuffix(r.Required[n-1], ",") {
			r.Required[n-1] += ","
		}
		r.Required, lastRequired = append(r.Required, t.text), t.at
		if t.asked {
			r.asked = append(r.asked, bareWord(t.text))
		}
	}
	inTerm := map[int]bool{}
	for i := 1; i < len(words); i++ {
		x, y := words[i-1], words[i]
		if strings.HasSuffix(x.text, ",") {
			continue
		}
		// A term of two words side by side ("retail sales"), or joined by
		// "of" ("balance of payments"), which the question held between.
		typed := bareWord(x.text) + " " + bareWord(y.text)
		if y.at == x.at+2 && x.ofAfter {
			typed = bareWord(x.text) + " of " + bareWord(y.text)
		} else if y.at != x.at+1 {
			continue
		}
		if term := strings.ToLower(typed); len(aliases[term]) > 0 {
			inTerm[i-1], inTerm[i] = true, true
			r.terms = append(r.terms, term)
			// The subject keeps the term's "of": it is asked again for
			// the next page of sources.
			r.Subject = strings.Replace(r.Subject, x.text+" "+y.text, typed, 1)
		}
	}
	// Of a long question, the rarest content words that articles hold carry
	// the search, and the others rank: told at length, a question holds
	// words no article does ("my cousin says...").
	var carrying []int
	for i, t := range words {
		if c := counts[bareWord(t.text)]; t.kind == content && !inTerm[i] && float64(c.Body) <= commonShare*float64(total) {
			carrying = append(carrying, i)
		}
	}
	// Told at length, a question holds words no article does ("my dad has
	// been grumpy all week"), which only rank; asked shortly, a word no
	// article holds is what it asks about ("covid cases"), and nothing is
	// found on it.
	if len(carrying) >= toldAtLength {
		carrying = slices.DeleteFunc(carrying, func(i int) bool { return counts[bareWord(words[i].text)].Body == 0 })
	}
	if len(carrying) > maxRequiredWords {
		slices.SortStableFunc(carrying, func(a, b int) int {
			return cmp.Compare(counts[bareWord(words[a].text)].Body, counts[bareWord(words[b].text)].Body)
		})
		carrying = carrying[:min(len(carrying), maxRequiredWords)]
	}
	for i, t := range words {
		w := bareWord(t.text)
		switch {
		case t.kind == without:
			r.Without = append(r.Without, strings.TrimLeft(w, "-"))
		case t.kind == name, t.kind == connector, inTerm[i]:
			require(t)
		case slices.Contains(carrying, i):
			require(t)
		default:
			r.Optional = append(r.Optional, w)
			c := counts[w]
			if rarest < 0 || (words[rarest].kind == weak) == (t.kind == weak) && c.Body < rarestCount || words[rarest].kind == weak && t.kind != weak {
				rarest, rarestCount = i, c.Body
			}
		}
	}
	// Words that say how much a subject matters carry no search of their
	// own in a question that names a period: "any big news today?" is
	// today's news, not "big"; "the crash last week" is the crash.
	if len(r.Required) == 0 && rarest >= 0 && !(r.dated && appraisalWords[strings.ToLower(bareWord(words[rarest].text))]) {
		w := bareWord(words[rarest].text)
		r.Optional = slices.DeleteFunc(r.Optional, func(o string) bool { return o == w })
		require(words[rarest])
	}
	r.joined = joinedSeries(words, r.Required, inTerm, counts)
	return nil
}

// query is the search for the reading. Of subjects read as either, the
// others are other ways to match the first: an article holding any of them
// matches, as it would another spelling of the one (see sides).
func (r Reading) query(aliases Aliases) news.Query {
	words := r.Required
	for _, l := range r.either {
		words = l.keeping(l.key(), words)
	}
	q := news.Query{
		Words: slices.Clone(words), Optional: slices.Clone(r.Optional), Without: r.Without,
		Since: r.Period.Since, Until: r.Period.Until,
		Aliases: aliases.For(slices.Concat(words, r.Optional, r.Without)),
	}
	for _, l := range r.either {
		q.Words = l.keyAsOne(q.Words)
		first := slices.IndexFunc(q.Words, func(w string) bool { return bareWord(w) == l.key() })
		if first < 0 {
			continue
		}
		if q.Aliases == nil {
			q.Aliases = map[string][]string{}
		}
		key := q.Words[first]
		for _, other := range l.words {
			if other != l.key() {
				q.Aliases[key] = slices.Concat(q.Aliases[key], []string{other}, aliases[strings.ToLower(other)])
			}
		}
	}
	return q
}

// key is the first of l's subjects of one word, else its first, which the
// search for them all keeps, the others as its other spellings: "Chrysler"
// of "American Motors or Chrysler", "General Motors" of "General Motors or
// American Motors".
func (l series) key() string {
	i := slices.IndexFunc(l.words, func(subject string) bool { return !strings.Contains(subject, " ") })
	return l.words[max(i, 0)]
}

// heldTerms are the terms that every source holds, each term's words
// together: not those that are subjects of a series read as either, which
// the sources on another of its subjects need not hold ("quimby corp" of
// "zorblat or quimby corp").
func (r Reading) heldTerms() []string {
	return slices.DeleteFunc(slices.Clone(r.terms), func(term string) bool {
		return slices.ContainsFunc(r.either, func(l series) bool {
			return slices.ContainsFunc(l.words, func(subject string) bool { return strings.EqualFold(subject, term) })
		})
	})
}

// keyAsOne is words with the words of l's key, a name of several, as one
// word, which its other subjects are other spellings of: "General Motors"
// or "American Motors". The comma that ended the name stays, keeping it
// apart from a name after it ("General Motors, Canada"). A key of one word
// leaves words as they are.
func (l series) keyAsOne(words []string) []string {
	key := strings.Fields(l.key())
	at := runOf(words, key)
	if len(key) < 2 || at < 0 {
		return words
	}
	one := l.key()
	if last := words[at+len(key)-1]; strings.HasSuffix(last, ",") {
		one += ","
	}
	return slices.Concat(words[:at], []string{one}, words[at+len(key):])
}

// runOf is where the words of subject begin in words, side by side, or -1.
func runOf(words, subject []string) int {
	for i := 0; i+len(subject) <= len(words); i++ {
		if slices.EqualFunc(words[i:i+len(subject)], subject, func(w, s string) bool { return bareWord(w) == s }) {
			return i
		}
	}
	return -1
}

// keeping is required with kept the only subject of l left, and without
// the "and" or "or" that joined them. The comma that ended a name before the
// next goes with the last word: "IBM," of "IBM, Boeing" is IBM. A word of
// several subjects stays once: "Motors" of "General Motors or American
// Motors" is General Motors'.
func (l series) keeping(kept string, required []string) []string {
	inSeries := func(i int) bool { return i >= 0 && i < len(required) && l.has(bareWord(required[i])) }
	keptWords := strings.Fields(kept)
	at := runOf(required, keptWords)
	var out []string
	for i, w := range required {
		joiner := (w == "and" || w == "or") && inSeries(i-1) && inSeries(i+1)
		if joiner || inSeries(i) && (i < at || i >= at+len(keptWords)) {
			continue
		}
		out = append(out, w)
	}
	if n := len(out); n > 0 {
		out[n-1] = bareWord(out[n-1])
	}
	return out
}

// sides are the searches for each of the subjects of the first series read
// as either, in the order asked: "ibm or boeing" is IBM's, then Boeing's. A
// reading with none has none.
func (r Reading) sides(aliases Aliases) []news.Query {
	if len(r.either) == 0 {
		return nil
	}
	l := r.either[0]
	var out []news.Query
	for _, kept := range l.words {
		side := r
		side.either, side.Required = r.either[1:], l.keeping(kept, r.Required)
		out = append(out, side.query(aliases))
	}
	return out
}

// eitherOf is r reading the words l joins as subjects of their own, each
// source about one of them, as the subject then shows: "ibm or boeing",
// "gm, ford or chrysler".
func (r Reading) eitherOf(l series) Reading {
	r.either = append(slices.Clip(r.either), l)
	quoted := make([]string, len(l.words))
	for i, w := range l.words {
		quoted[i] = regexp.QuoteMeta(w)
	}
	// Between letters of any script: Go's \b knows only ASCII ones, and
	// "Boeing, Nestlé" stayed a list the More sources button reads apart.
	typed := regexp.MustCompile(`(?:^|[^\pL\pN])(` + strings.Join(quoted, `,? (?:(?:and|or) )?(?:[Tt]he )?`) + `)(?:$|[^\pL\pN])`)
	asEither := strings.Join(l.words[:len(l.words)-1], ", ") + " or " + l.words[len(l.words)-1]
	if loc := typed.FindStringSubmatchIndex(r.Subject); loc != nil {
		r.Subject = r.Subject[:loc[2]] + asEither + r.Subject[loc[3]:]
	}
	return r
}

// namedShare is the share of the articles holding a word that write it
// capitalised, as a name, above which "X of Y" typed in lower case is the
// name the articles write when Y is a name too: "bank" (64%) of "japan" is
// the Bank of Japan, and "exports" (4%) of "brazil" are Brazil's exports.
const namedShare = 0.4

// readLowerCaseNames reads as a name "X of Y" typed in lower case where the
// articles mostly write Y as a name, and X often as one: "what is the bank
// of japan doing" asks about the Bank of Japan, not about banks and Japan.
// It returns the words it read as names.
func readLowerCaseNames(words []token, counts map[string]news.WordCount) (read []string) {
	for i := 1; i+1 < len(words); i++ {
		x, of, y := &words[i-1], &words[i], &words[i+1]
		if of.kind != connector || x.kind != content || y.kind != content {
			continue
		}
		cx, cy := counts[bareWord(x.text)], counts[bareWord(y.text)]
		if cy.Names < cy.Body || float64(cx.Names) < namedShare*float64(cx.Body) || cx.Names == 0 {
			continue
		}
		for _, t := range []*token{x, y} {
			readAsName(t, counts)
			read = append(read, bareWord(t.text))
		}
	}
	return read
}

// joinedSeries are the series of required words that "and" or "or" joins in
// words: names joined by "and" ("ibm and boeing", "gm, ford and
// chrysler"), and any words joined by "or" ("wheat, corn or soybeans",
// "gold or platinum"). Other words joined by "and" are one subject: "lead
// and zinc", "jobs and unemployment"; and so are a name and another word:
// "the EC and grain", "Lawson and sterling" ask about the one's part in the
// other. A subject is a word, a term ("west germany or japan") or a name
// of several words ("American Motors or Chrysler", "General Motors or
// American Motors", "Bank of England or Bundesbank"), never a part of one:
// "England" of "Bank of England". A word typed in lower case is a name when
// the articles mostly write it capitalised. Names that "and" joins may be
// one name ("Procter and Gamble"), whose words the articles hold together:
// they are read apart only when few hold them all.
func joinedSeries(words []token, required []string, inTerm map[int]bool, counts map[string]news.WordCount) []series {
	isRequired := func(t token) bool {
		return slices.ContainsFunc(required, func(w string) bool { return bareWord(w) == bareWord(t.text) })
	}
	isName := func(t token) bool { return t.kind == name || !mostlyLowerCase(counts[bareWord(t.text)]) }
	nameNextTo := func(i, step int) bool {
		j := i + step
		return j >= 0 && j < len(words) && (words[j].kind == name || words[j].kind == connector) && words[j].at == words[i].at+step
	}
	alone := func(i int) bool {
		return words[i].kind != connector && isRequired(words[i])
	}
	// nameWith reports whether the words at i and j, side by side, are of
	// one name.
	nameWith := func(i, j int) bool {
		return words[i].kind == name && words[j].kind == name && words[j].at == words[i].at+1 && !strings.HasSuffix(words[i].text, ",")
	}
	// ofName reports whether the connector at i joins the names on each
	// side into one: "of" of "Bank of England", not the "and" between
	// names, which may be two.
	ofName := func(i int) bool {
		if i < 1 || i+1 >= len(words) || words[i].kind != connector || words[i].lower == "and" || words[i].lower == "&" {
			return false
		}
		before, after := words[i-1], words[i+1]
		return before.kind == name && after.kind == name && words[i].at == before.at+1 && after.at == words[i].at+1
	}
	// termWith reports whether the words at i and j, side by side, are a
	// term: "west germany".
	termWith := func(i, j int) bool {
		return inTerm[i] && inTerm[j] && words[j].at == words[i].at+1 && !strings.HasSuffix(words[i].text, ",")
	}
	// whole reports whether the words from one place to another hold
	// every term they have a word of whole: "germany" alone is no subject
	// of "west germany or japan".
	whole := func(from, to int) bool {
		for k := from; k <= to; k++ {
			if inTerm[k] && !(k > from && termWith(k-1, k)) && !(k < to && termWith(k, k+1)) {
				return false
			}
		}
		return true
	}
	// extent is where the name or the term of several words that the
	// word at i is of begins (step -1) or ends (step 1).
	extent := func(i, step int) int {
		for {
			next := i + step
			switch {
			case next >= 0 && next < len(words) && (nameWith(min(i, next), max(i, next)) || termWith(min(i, next), max(i, next))) && alone(next):
				i = next
			case ofName(next) && alone(next+step):
				i = next + step
			default:
				return i
			}
		}
	}
	nameOf := func(from, to int) string {
		texts := make([]string, 0, to-from+1)
		for _, t := range words[from : to+1] {
			texts = append(texts, bareWord(t.text))
		}
		return strings.Join(texts, " ")
	}
	var out []series
	for i := 1; i < len(words); i++ {
		y, x := words[i], i-1
		for x > 0 && words[x].kind == connector && y.joinedBy != "" && words[x].at >= y.joinedAt {
			x-- // "and" read as a name's: "Chrysler and Boeing", "the Fed and the Bank of Japan"
		}
		if y.joinedBy == "" || y.joinedAt != words[x].at+1 || !alone(i) || !alone(x) {
			continue
		}
		// Names and terms of several words: "American Motors or
		// Chrysler", "west germany or japan".
		start, end := extent(x, -1), extent(i, 1)
		if !whole(start, x) || !whole(i, end) {
			continue
		}
		// The subjects listed before, each with its comma: "wheat, corn
		// or", "General Motors, Ford or".
		first := start
		var listed []string
		for first > 0 && strings.HasSuffix(words[first-1].text, ",") && words[first-1].at == words[first].at-1 && alone(first-1) {
			from := extent(first-1, -1)
			if !whole(from, first-1) {
				break
			}
			listed = slices.Insert(listed, 0, nameOf(from, first-1))
			first = from
		}
		listed = append(listed, nameOf(start, x), nameOf(i, end))
		if nameNextTo(first, -1) || nameNextTo(end, 1) {
			continue
		}
		if y.joinedBy != "or" && slices.ContainsFunc(words[first:end+1], func(t token) bool { return t.kind != connector && !isName(t) }) {
			continue
		}
		l := series{words: listed, or: y.joinedBy == "or"}
		// "exxon or mobil or texaco" is one series, not two.
		if n := len(out); n > 0 && out[n-1].or == l.or && slices.Contains(out[n-1].words, l.words[0]) {
			out[n-1].words = append(out[n-1].words, l.words[1:]...)
			continue
		}
		out = append(out, l)
	}
	return out
}

// readAsName reads t, typed in lower case, as the name it is capitalised,
// which as many articles hold.
func readAsName(t *token, counts map[string]news.WordCount) {
	typed := bareWord(t.text)
	t.kind, t.text = name, capitalise(t.text)
	counts[bareWord(t.text)] = counts[typed]
}

// readLowerCasePairs reads as a name two words typed side by side in lower
// case that the articles often write capitalised, and mostly as that name
// where they hold both: "general motors" is General Motors, and "american
// express" American Express, not any article with "general" and "motors";
// "chrysler amc" stays two names, which few articles write side by side, and
// "black monday" two words, which fewer than a page of articles name. A term
// the aliases know ("3rd qtr", which the wires' headlines capitalise) stays
// the term. Such a name is read as if typed capitalised: relaxing keeps it,
// and "irving bank takeover" is about Irving Bank, not Bank takeovers.
func readLowerCasePairs(ctx context.Context, s Searcher, words []token, counts map[string]news.WordCount, aliases Aliases) error {
	for i := 1; i < len(words); i++ {
		x, y := &words[i-1], &words[i]
		if x.kind != content || y.kind != content || y.at != x.at+1 || strings.HasSuffix(x.text, ",") ||
			x.text != strings.ToLower(x.text) || y.text != strings.ToLower(y.text) ||
			strings.ContainsFunc(x.text+y.text, unicode.IsDigit) || len(aliases[x.text+" "+bareWord(y.text)]) > 0 {
			continue
		}
		cx, cy := counts[bareWord(x.text)], counts[bareWord(y.text)]
		if float64(cx.Names) < pairShare*float64(cx.Body) || float64(cy.Names) < pairShare*float64(cy.Body) || cx.Names == 0 || cy.Names == 0 {
			continue
		}
		named, err := s.Search(ctx, news.Query{Words: []string{capitalise(x.text), capitalise(bareWord(y.text))}})
		if err != nil {
			return err
		}
		if named.Total < DefaultSources {
			continue
		}
		// Counting the articles that hold both words is the dearer
		// search, over a million articles: only for a pair a page names.
		both, err := s.Search(ctx, news.Query{Words: []string{x.text, bareWord(y.text)}})
		if err != nil {
			return err
		}
		if float64(named.Total) >= namedShare*float64(both.Total) {
			readAsName(x, counts)
			readAsName(y, counts)
		}
	}
	return nil
}

// pairShare is the share of the articles holding a word that write it
// capitalised, as a name, above which two such words typed side by side may
// be one name: "general" (39%) and "motors" (54%), but not "oil" (24%).
const pairShare = 0.3

// commonerRatio is how many times more articles must hold another spelling
// of a name for it to be offered: Volcker (108) for Volker (1).
const commonerRatio = 10

// findCommoner notes, for each name that few articles hold, a spelling that
// commonerRatio times as many hold. Only names in at most 3 articles, or a
// thousandth of them, are looked up: a fuzzy look-up costs a few
// milliseconds.
func (r *Reading) findCommoner(ctx context.Context, s Searcher, words []token, total int) error {
	for _, t := range words {
		w := bareWord(t.text)
		c := r.counts[w]
		if t.kind != name || c.Names == 0 || float64(c.Names) > max(3, 0.001*float64(total)) || strings.ContainsFunc(w, func(r rune) bool { return !unicode.IsLetter(r) }) {
			continue
		}
		similar, err := s.SimilarWords(ctx, w, 1)
		if err != nil || len(similar) == 0 {
			return err
		}
		more, _, err := s.WordCounts(ctx, similar)
		if err != nil {
			return err
		}
		if more[similar[0]].Names >= commonerRatio*c.Names {
			if r.Commoner == nil {
				r.Commoner = map[string]string{}
			}
			r.Commoner[w] = matchCase(similar[0], w)
		}
	}
	return nil
}

// likelyTypo reports whether a word no article holds is likely a slip of
// the indexed word spelled like it, held as counted: a word more than one
// article holds, one slip away (two, from a long word). Else it is a word
// the index has never seen, and the answer says it has nothing on it:
// "covid" was read as "covia" (one article), "yellen" as "ellen", "brexit"
// as "brent".
func likelyTypo(typed, indexed string, c news.WordCount) bool {
	return max(c.Body, c.Names) > 1 &&
		(edlib.OSADamerauLevenshteinDistance(typed, indexed) <= 1 || utf8.RuneCountInString(typed) >= 7)
}

// similarLookedAt is how many indexed words spelled like a typo are looked
// at, the nearest first, then the commonest.
const similarLookedAt = 3

// likeliestSlip returns, of the indexed words spelled like typed, nearest
// first and then commonest (see index.SimilarWords), the one it is likeliest
// a slip of, alone: of the nearest, those with the same first letter, which
// a slip seldom changes ("oill prices" is oil's, not "will", which is
// commoner); of those, the likeliest slip (see slipKind) that is not
// typoRatio times rarer than the commonest ("intrest" is interest, not the
// wires' own "interst"), and of those the commonest; else the commonest.
func likeliestSlip(similar []string, counts map[string]news.WordCount, typed string) []string {
	if len(similar) == 0 {
		return nil
	}
	first, _ := utf8.DecodeRuneInString(typed)
	nearest := edlib.OSADamerauLevenshteinDistance(typed, similar[0])
	best, bestKind, commonest := -1, 0, 0
	for i, w := range similar {
		if edlib.OSADamerauLevenshteinDistance(typed, w) > nearest {
			break
		}
		if r, _ := utf8.DecodeRuneInString(w); r != first {
			continue
		}
		if kind := slipKind(typed, w); best < 0 {
			best, bestKind, commonest = i, kind, counts[w].Body
		} else if kind > bestKind && typoRatio*counts[w].Body >= commonest {
			best, bestKind = i, kind
		}
	}
	if best < 0 {
		return similar[:1]
	}
	return similar[best : best+1]
}

// slipKind says how likely typed is a slip of word, one edit away: most, a
// letter typed twice or once too few ("tinn" is tin, not Tenn), or two
// swapped ("unemploymnet"); then a letter left out or added, or one typed
// for a key beside it or a letter that sounds alike ("corm" is corn, not
// corp; "opek" is OPEC, not "oper"); least, any other.
func slipKind(typed, word string) int {
	switch {
	case doubledOrUndoubled(typed, word), len(typed) == len(word) && typed != word && sortedLetters(typed) == sortedLetters(word):
		return 3
	case missesOneLetter(typed, word), missesOneLetter(word, typed):
		return 2
	case len(typed) == len(word):
		for i := range len(typed) {
			if typed[i] != word[i] {
				if pair := string([]byte{min(typed[i], word[i]), max(typed[i], word[i])}); keysBeside[pair] || soundAlike[pair] {
					return 2
				}
				break
			}
		}
	}
	return 1
}

// keysBeside are the pairs of letters beside each other on a QWERTY
// keyboard, in alphabetical order; soundAlike the pairs that sound alike.
var (
	keysBeside = func() map[string]bool {
		pairs := map[string]bool{}
		for _, row := range []string{"qwertyuiop", "asdfghjkl", "zxcvbnm"} {
			for i := 0; i+1 < len(row); i++ {
				pairs[string([]byte{min(row[i], row[i+1]), max(row[i], row[i+1])})] = true
			}
		}
		return pairs
	}()
	soundAlike = wordsOf("ck cs kq sz iy dt bp fv gj")
)

// missesOneLetter reports whether typed is word with one letter left out.
func missesOneLetter(typed, word string) bool {
	if len(word) != len(typed)+1 {
		return false
	}
	i := 0
	for i < len(typed) && typed[i] == word[i] {
		i++
	}
	return typed[i:] == word[i+1:]
}

// bareWord is a word without the comma that may follow it.
func bareWord(w string) string { return strings.TrimSuffix(w, ",") }
