package commands

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/hbollon/go-edlib"
)

// The word classes that tell a question's subject from the words around it.
// They are closed classes of English (question words, auxiliaries, pronouns,
// determiners, prepositions) and the few open-class words that chat questions
// wrap a subject in (light verbs like "happen" and "say", nouns like "news"
// and "rundown"), not whole phrases: "what's up with", "catch me up on" and
// "where do things stand with" all fall apart into them. Whether any other
// word carries the search is left to how many articles hold it (see
// resolve).
var (
	// questionWords, auxiliaries and pronouns never begin a name: "Is
	// Macron" is a question about Macron.
	questionWords = wordsOf(`what whats wat wats wht wut who whos whom whose which when where wheres why how hows`)
	auxiliaries   = forms(`is isn't are aren't was wasn't were weren't be been being am
		do does did don't doesn't didn't done has hasn't have haven't had hadn't having
		will won't would wouldn't can can't cannot could couldn't should shouldn't shall
		may might must 're 've 'd 'll 's`)
	pronouns = forms(`i me my myself you your yours yourself we us our ours they them their theirs
		it its he him his she her hers everyone everybody anyone anybody someone somebody
		people ppl folks guys y'all yall ya u ur i'd i'm i've i'll you'd you're you've you'll we'd we're
		we've we'll they'd they're they've they'll he'd she'd let's nobody im`)
	// lightVerbs say that something is asked, not what about: "what
	// happened with", "tell me about", "catch me up on".
	lightVerbs = forms(`happen happens happened happening go goes going gone went
		say says said saying tell tells telling told show shows showing shown showed
		give gives giving gave given get gets getting got gotten find finding found
		know knows knew known think thinks thinking thought catch catching caught bring brings bringing brought
		stand stands standing stood look looking looked mean means meant come comes coming came
		hear hearing heard explain explaining want wants wanted need needs needed mention mentions mentioned like ask asks asked asking
		help see seen saw keep keeps keeping kept hope hoping hoped fill filled brief search searching check let make made
		wonder wondering curious care talk talking summarize summarise summarizing summarising recap posted
		compare compares compared comparing worry worried worrying try tries trying tried
		take takes taking took taken miss missed list looks poppin popping pull dig interested read reads`)
	// scaffoldNouns name the kind of answer wanted, not its subject.
	scaffoldNouns = wordsOf(`news rundown lowdown headline headlines story stories article articles
		info information summary details coverage thing things stuff situation status
		anything something everything nothing bit lot word idea overview roundup recap digest buzz scoop gist
		question questions thoughts 411 gossip skinny nws informations`)
	// politeness and fillers: greetings, the bot's name, softeners.
	politeness = wordsOf(`please pls plz thanks thank thx thnx thanx ty tia cheers hey hi hello ok okay so well yo bot newsbot
		just really actually exactly quick quickly briefly any some there here else all kind sort
		gonna wanna gotta can't also even still ever yet much many overall generally
		tbh asap abt btw fyi imo imho lol idk tho morning evening afternoon wrt
		gimme lemme bruh sup tldr wtf omg lmao ngl dude fam deets interesting um umm uh uhh er erm hmm
		vs versus b/c cuz coz yoy awesome cool nice neat wow yikes oh ah alright
		lmk eli5 fr afaik afaict iirc smth sth jk lmfao rofl lolol lololol haha hahaha hehe ikr smh tbf fwiw irl seriously
		kinda sorta sigh ugh meh rly weird juicy nope lurker lowkey highkey hiya
		mate innit yeah yep craic eta whatever definitely properly pretty honestly basically literally totally kindly`)
	// subjectPrepositions bring in the subject as "about" does, which is a
	// stop word: "news concerning brazil", "re: tin".
	subjectPrepositions = wordsOf(`regarding concerning re`)
	// clauseWords join or bend a clause ("whether it is working", "has it
	// already", "go anywhere", "earlier this year", "so far", "oil without
	// opec quotas"), and never begin a name: "Whether OPEC".
	clauseWords = wordsOf(`whether already anywhere somewhere everywhere nowhere earlier later far without excluding
		whilst though although`)
	// originWords ask for the oldest news first: "the earliest news on the
	// chip dispute".
	originWords = wordsOf(`earliest oldest`)
	// firstTold are what "first" asks the oldest of: "first reported",
	// "the first news on".
	firstTold = wordsOf(`mention mentions mentioned reported report reports news story stories hear heard`)
	// recencyWords ask for the newest news first.
	recencyWords = wordsOf(`latest new newest recent recently lately nowadays current currently now update updates
		updated developments development breaking rn`)
	// weakWords say how a subject moved, is seen or came out ("why is the
	// dollar falling", "how big is the coffee market", "what's the outlook",
	// "the trade fight", "how are housing starts holding up", "the figures
	// released"): they help rank the articles about the subject, but an
	// article about it need not hold them.
	weakWords = forms(`rise rises rising rose risen fall falls falling fell fallen drop drops dropping dropped
		climb climbs climbing climbed jump jumps jumping jumped surge surges surging surged
		soar soaring soared plunge plunging plunged slump slumping slumped decline declining declined
		plummet plummeting plummeted tanking tanked shrink shrinks shrinking shrank shrunk
		widen widens widening widened narrow narrows narrowing narrowed
		crash crashes crashing crashed collapse collapses collapsing collapsed
		gain gains gaining gained increase increases increasing increased decrease decreasing decreased
		grow grows growing grew grown slide sliding slid sink sinking sank tumble tumbling tumbled
		rally rallying rallied recover recovering recovered move moves moving moved movement movements
		pick picks picking picked stall stalls stalling stalled work works working worked
		drive drives driving drove driven cause causes causing caused reason reasons run runs running
		raise raises raising raised cut cuts cutting ease eases easing eased break breaks breaking broke broken
		strengthen strengthens strengthening strengthened weaken weakens weakening weakened
		firm firms firming firmed heading headed head hold holds holding held
		buy buys buying bought sell sells selling sold
		change changes changing changed decide decides deciding decided decision
		affect affecting affected react reacting reacted respond responding responded
		expect expects expecting expected doing
		develop develops developing developed unfold unfolding unfolded evolve evolving evolved
		progress progressing push pushes pushing pushed
		big bigger biggest high higher highest low lower lowest large larger small smaller top
		fast faster fastest slow slower slowest
		good better bad worse strong stronger weak weaker important major key main huge
		outlook prospects prospect future view views impact effect effects reaction trend trends state
		bet bets worth
		level levels problem problems figures figure figs data numbers statistics stats deal deals q1 q2 q3 q4 h1 h2
		fight fights battle battles row rows spat feud dispute disputes tension tensions friction clash clashes
		standoff saga drama mess controversy debate dead alive crazy wild insane nuts
		consensus prediction predictions
		release releases released releasing announce announces announced announcing
		publish publishes published report reports reported reporting
		analyst analysts economist economists expert experts trader traders observers`)
	// appraisalWords say how much a subject matters, not what it is: alone
	// with a period, they make no subject ("any big news today?").
	appraisalWords = wordsOf(`big bigger biggest high higher highest large larger largest top
		good better bad worse important major key main huge`)
	// beginsNoSentence are the articles and conjunctions that, capitalised
	// in a question, begin its sentence or stress a name, and never begin
	// one: "Any news on The Fed?", "And Texaco?", "Now Chrysler please".
	beginsNoSentence = wordsOf(`the a an and or but nor now then`)
	// botsName is what a question calls the bot: "Hey Bot".
	botsName = wordsOf(`bot newsbot`)
	// connectors join the words of one name: "Bank of England", "J.P.
	// Morgan and the U.S. Treasury", "Charles de Gaulle".
	connectors = wordsOf(`of the and & de du da del della der van von al bin la le y for`)
)

// forms is the set of the words in list, with a quote mark written either
// way: "don’t" is "don't".
func forms(list string) map[string]bool {
	set := wordsOf(list)
	for w := range set {
		if strings.Contains(w, "'") {
			set[strings.ReplaceAll(w, "'", "’")] = true
		}
	}
	return set
}

// kind is what a word of a question does in it.
type kind int

const (
	// function words carry no subject: question words, auxiliaries,
	// pronouns, light verbs, scaffolding, politeness, stop words.
	function kind = iota
	// recency words are function words that ask for the newest news.
	recency
	// name is a capitalised word that is (part of) a name.
	name
	// maybeName is a capitalised word that may be capitalised only as the
	// first of a sentence, or of a question in capitals: the index tells.
	maybeName
	// content is a word that may carry the search.
	content
	// weak is a content word that only helps rank.
	weak
	// connector is a word inside a name: "of" in "Bank of England".
	connector
	// without is a word no source may hold: "-Putin".
	without
)

// askingClasses are the word classes that ask rather than name. A date
// preposition left once the dates are out begins a clause, not a subject:
// "since the talks collapsed".
var askingClasses = []map[string]bool{questionWords, auxiliaries, pronouns, lightVerbs, scaffoldNouns, politeness, subjectPrepositions, clauseWords, stopWords, datePrepositions, originWords}

// askingWord is a word of askingClasses, with its letters sorted.
type askingWord struct{ word, letters string }

// askingWords are the words of askingClasses, in order, for askingWordLike.
var askingWords = func() []askingWord {
	var all []askingWord
	for _, class := range askingClasses {
		for w := range class {
			all = append(all, askingWord{w, sortedLetters(w)})
		}
	}
	slices.SortFunc(all, func(a, b askingWord) int { return strings.Compare(a.word, b.word) })
	return slices.CompactFunc(all, func(a, b askingWord) bool { return a.word == b.word })
}()

// askingWordLike returns the word that asks that w is with two letters side
// by side swapped, the commonest typo: "wiht" is "with", "teh" "the",
// "waht" "what"; or with a letter doubled or undoubled: "happenning",
// "hapening"; or as chat writes it, without the g of -ing ("goin") or an
// apostrophe ("dont", "theres"). resolve asks it of a word at most
// slipArticles articles hold, or that the articles count with the word that
// asks, by its stem; another slip ("mony") is left to the index, which knows
// "money", and so is a word the index has never seen: "goin" was read as
// "gain", and "theres" as "threes".
func askingWordLike(w string) (string, bool) {
	if utf8.RuneCountInString(w) < 3 {
		return "", false
	}
	letters := sortedLetters(w)
	for _, asking := range askingWords {
		if asking.letters == letters && edlib.OSADamerauLevenshteinDistance(w, asking.word) == 1 ||
			doubledOrUndoubled(w, asking.word) {
			return asking.word, true
		}
	}
	if strings.HasSuffix(w, "in") && asks(w+"g") {
		return w + "g", true
	}
	for k := 1; k <= 2 && k < len(w); k++ {
		if contracted := w[:len(w)-k] + "'" + w[len(w)-k:]; asks(contracted) {
			return contracted, true // "dont", "youre"
		}
	}
	if base := strings.TrimSuffix(w, "s"); base != w && (questionWords[base] || pronouns[base] || contractsIs[base]) {
		return base + "'s", true // "theres", "hows"; but "talks" are no "talk's"
	}
	return "", false
}

// contractsIs are the words other than question words and pronouns that
// chat writes with "is" run on: "there's", "here's", "that's".
var contractsIs = wordsOf(`there here that`)

// asks reports whether w is a word of askingClasses.
func asks(w string) bool {
	_, found := slices.BinarySearchFunc(askingWords, w, func(a askingWord, w string) int { return strings.Compare(a.word, w) })
	return found
}

// doubledOrUndoubled reports whether a is b with one of its letters typed
// twice, or b is a with one typed twice.
func doubledOrUndoubled(a, b string) bool {
	if len(a) < len(b) {
		a, b = b, a
	}
	if len(a) != len(b)+1 {
		return false
	}
	for i := 1; i < len(a); i++ {
		if a[i] == a[i-1] && a[:i]+a[i+1:] == b {
			return true
		}
	}
	return false
}

func sortedLetters(w string) string {
	r := []rune(w)
	slices.Sort(r)
	return string(r)
}

// classify is the kind of a word in lower case, outside any name.
func classify(lower string) kind {
	switch {
	case recencyWords[lower]:
		return recency
	case isQuestionWord(lower), stopWords[trimPossessive(lower)],
		slices.ContainsFunc(askingClasses, func(class map[string]bool) bool { return class[lower] }):
		return function
	case weakWords[lower]:
		return weak
	}
	return content
}

// beginsNoName reports whether a capitalised word at the start of a question
// asks rather than names: "Is Macron", "Who's Witkoff", "Tell me".
func beginsNoName(lower string) bool {
	return isQuestionWord(lower) || auxiliaries[lower] || pronouns[lower] || lightVerbs[lower] || datePrepositions[lower] || clauseWords[lower] || subjectPrepositions[lower] ||
		stopWords[lower] && !connectors[lower] && !politeness[lower] && !recencyWords[lower]
}

// isQuestionWord reports whether a word in lower case is a question word,
// contracted or not: "what's", "whats", "who".
func isQuestionWord(lower string) bool {
	return questionWords[trimPossessive(lower)] || questionWords[strings.ReplaceAll(lower, "'", "")]
}
