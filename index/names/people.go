package names

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxPeople caps the names kept per article: autocomplete and the "people in
// the news" facet only need the main actors of a story.
const maxPeople = 20

// maxRun bounds a run of capitalised words. A name with its titles fits
// easily ("West German Finance Minister Gerhard Stoltenberg" is six); longer
// runs are headlines or titles of works and are dropped.
const maxRun = 16

// People returns the names of the people mentioned in an article, most
// mentioned first, then in alphabetical order, at most maxPeople of them.
//
// The names feed /who autocomplete and the "people most in the news" facet,
// where a company or a place shown as a person does more harm than a missed
// name, so the rules favour precision. A run of capitalised words is a person
// when a title or a role marks it ("Foreign Minister Jean-Noël Barrot", "Mr
// Smith", "Paul Volcker, chairman of the Fed"), when its surname is also used
// alone ("Steve Witkoff ... Witkoff said"), or when it has two or three
// words, does not start a sentence and has no word of the stop lists. Names
// the article shows to be firms ("Morgan Stanley and Co") are dropped. A lone
// surname counts for the one full name ending with it; when two full names
// share it ("James Baker", "Howard Baker") it counts for neither, and with
// none it is kept only after a title ("President Reagan"). Headlines in
// capitals or in Title Case are skipped: capitals say nothing there.
//
// It runs for every article at ingest, so it scans the text once by hand,
// without regular expressions, and keeps names as slices of the text until
// it copies the few it returns.
func People(title, body string) []string {
	x := extractor{
		full:   make(map[string]mention),
		single: make(map[string]mention),
	}
	if hasLowerWord(title) {
		x.scan(title)
	}
	x.scan(body)
	return x.result()
}

// hasLowerWord reports whether s has a lower-case word of four letters or
// more, which headlines in capitals or in Title Case lack.
func hasLowerWord(s string) bool {
	n, lower := 0, false
	for _, r := range s {
		if !unicode.IsLetter(r) {
			n = 0
			continue
		}
		if n == 0 {
			lower = unicode.IsLower(r)
		}
		n++
		if lower && n >= 4 {
			return true
		}
	}
	return false
}

// shape is what a word looks like, before its meaning is looked up.
type shape uint8

const (
	shapeOther  shape = iota // numbers, acronyms, all capitals: never in a name
	shapeCap                 // Witkoff, Jean-Noël, McDonald, al-Assad
	shapeLetter              // a single capital letter: an initial if a period follows
	shapeLower               // said, von, of
)

// kind is the part a token plays in a run.
type kind uint8

const (
	kindWord      kind = iota // a capitalised word
	kindInitial               // "W." in "George W. Bush"
	kindParticle              // "von der" in "Ursula von der Leyen"
	kindConnector             // "of the" in "Chancellor of the Exchequer"
)

// token is one word of a run: its byte span in the text (without any
// possessive), its classes in the lexicon and its part.
type token struct {
	start, end int
	class      wordClass
	kind       kind
}

// mention counts how often one name occurs and how it occurred.
type mention struct {
	count  int
	words  int  // capitalised words and initials, particles not counted
	titled bool // at least once right after a title
	inside bool // at least once not at the start of a sentence
}

// lead is what comes before a run and colours it.
type lead struct {
	head   bool // the run starts a sentence
	titled bool // a lower-case title or a role after a comma marks it ("chairman Paul Volcker")
	ofOrg  bool // it follows an organisation and "of" ("Association of Wheat Growers")
	table  bool // a number is next to it: a table row ("Domestic Use 599")
}

// extractor gathers the runs of capitalised words of one article.
type extractor struct {
	text    string
	run     [maxRun]token
	n       int
	long    bool // the current run overflowed maxRun
	lead    lead // of the current run
	full    map[string]mention
	single  map[string]mention
	firms   []string // names seen as companies: "Morgan Stanley and Co", "Merrill Lynch Capital Markets"
	lastKey string   // the last plain name judged, which "and Co" may show to be a firm
	lastEnd int      // where it ended
}

// scan reads text word by word, growing runs of capitalised words and
// judging each run when punctuation or a lower-case word ends it.
func (x *extractor) scan(text string) {
	x.text, x.lastKey, x.lastEnd = text, "", 0
	next := lead{head: true} // for a run starting at the next word
	prevStop := false        // the last word was a capitalised stop word
	abbrevEnd := -1          // where the last abbreviation ("Mr", "Sen") ended: its period ends nothing
	for i := 0; i < len(text); {
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			w := scanWord(text, i)
			number := unicode.IsDigit(r)
			cls := lexicon[text[i:w.end]]
			tok := token{start: i, end: w.end, class: cls}
			switch {
			case w.shape == shapeCap && cls&classBreak == 0:
				x.push(tok, next)
				if w.next != w.end {
					x.flush() // a possessive ends the name
				}
			case w.shape == shapeLetter && isInitial(text, w.end, x.n > 0):
				tok.kind = kindInitial
				if text[w.end] == '.' {
					tok.end, w.next = w.end+1, w.end+1
				}
				x.push(tok, next)
			case w.shape == shapeLower && cls&classParticle != 0 && x.n > 0 && x.run[x.n-1].kind != kindConnector:
				tok.kind = kindParticle
				x.push(tok, lead{})
			case w.shape == shapeLower && cls&classConnector != 0 && x.n > 0 &&
				(x.run[x.n-1].class&(classTitle|classPortfolio) != 0 || x.run[x.n-1].kind == kindConnector):
				tok.kind = kindConnector
				x.push(tok, lead{})
			default:
				if number && x.n > 0 {
					x.lead.table = true
				}
				x.flush()
			}
			lower, word := w.shape == shapeLower, text[i:w.end]
			next = lead{
				titled: lower && cls&classLowerTitle != 0,
				ofOrg:  lower && ((word == "of" || word == "for") && prevStop || word == "the" && next.ofOrg),
				table:  number,
			}
			prevStop = w.shape == shapeCap && cls&classStop != 0
			if cls&classAbbrev != 0 && w.next == w.end {
				abbrevEnd = w.end
			}
			i = w.next
			continue
		}
		switch r {
		case ' ', '\t', '\u00a0':
			i += size
			continue
		case '.':
			if abbrevEnd == i {
				i += size
				continue
			}
			x.flush()
			next.head = true
		case '\n', '!', '?', ':', '“', '‘', '(', '[', '{', '<', '«':
			x.flush()
			next.head = true
		case '"', '\'':
			x.flush()
			next.head = next.head || i == 0 || isSpace(text[i-1])
		case '-', '–', '—', '―':
			x.flush()
			next.head = next.head || (i > 0 && isSpace(text[i-1]) && i+size < len(text) && isSpace(text[i+size]))
		case ',':
			if x.n > 1 && appositive(text, i+size) {
				x.lead.titled = true
			}
			x.flush()
		default: // semicolon, closing quotes and brackets, symbols
			x.flush()
		}
		next.titled, next.ofOrg, next.table, prevStop = false, false, false, false
		i += size
	}
	x.flush()
}

func isSpace(b byte) bool { return b == ' ' || b == '\t' || b == '\n' }

// appositive reports whether the text at i gives a role after a name and a
// comma: "Paul Volcker, chairman of the Federal Reserve Board". The "of" or
// "for" keeps "At Chrysler, chairman Lee Iacocca said" from naming Chrysler.
func appositive(text string, i int) bool {
	w, i := lowerWord(text, i)
	if w == "a" || w == "an" || w == "the" || w == "former" {
		w, i = lowerWord(text, i)
	}
	if lexicon[w]&classLowerTitle == 0 {
		return false
	}
	w, _ = lowerWord(text, i)
	return w == "of" || w == "for"
}

// lowerWord returns the ASCII lower-case word after the spaces at i, and its end.
func lowerWord(text string, i int) (string, int) {
	for i < len(text) && text[i] == ' ' {
		i++
	}
	j := i
	for j < len(text) && 'a' <= text[j] && text[j] <= 'z' {
		j++
	}
	return text[i:j], j
}

// isInitial reports whether the single letter ending at end is an initial:
// a period, a space and a capital letter follow ("W. Bush"), or, inside a
// run, a space and a capital letter ("George W Bush").
func isInitial(text string, end int, inRun bool) bool {
	rest := text[end:]
	switch {
	case strings.HasPrefix(rest, ". "):
		rest = rest[2:]
	case inRun && strings.HasPrefix(rest, " "):
		rest = rest[1:]
	default:
		return false
	}
	r, _ := utf8.DecodeRuneInString(rest)
	return unicode.IsUpper(r)
}

// word is a word found by scanWord.
type word struct {
	end   int // end of the word, without a possessive
	next  int // where scanning resumes, after any possessive
	shape shape
}

// scanWord reads the word starting at i. Hyphens, apostrophes and periods
// belong to it when a letter or digit follows them (Jean-Noël, O'Brien,
// U.S.); a trailing 's, ’s or bare apostrophe after s is a possessive.
func scanWord(text string, i int) word {
	j := i
	for j < len(text) {
		if c := text[j] | 0x20; 'a' <= c && c <= 'z' || '0' <= text[j] && text[j] <= '9' {
			j++ // ASCII fast path
			continue
		}
		r, size := utf8.DecodeRuneInString(text[j:])
		if r == '-' || r == '\'' || r == '’' || r == '.' {
			next, _ := utf8.DecodeRuneInString(text[j+size:])
			if !unicode.IsLetter(next) && !unicode.IsDigit(next) {
				break
			}
		} else if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r) {
			break
		}
		j += size
	}
	w := word{end: j, next: j}
	switch {
	case strings.HasSuffix(text[i:j], "'s"):
		w.end = j - len("'s")
	case strings.HasSuffix(text[i:j], "’s"):
		w.end = j - len("’s")
	case text[j-1] == 's' && (strings.HasPrefix(text[j:], "'") || strings.HasPrefix(text[j:], "’")):
		_, size := utf8.DecodeRuneInString(text[j:])
		if after, _ := utf8.DecodeRuneInString(text[j+size:]); !unicode.IsLetter(after) {
			w.next = j + size
		}
	}
	w.shape = shapeOf(text[i:w.end])
	return w
}

// shapeOf tells a name-like word from acronyms, numbers and lower-case words.
// Only the part before a hyphen decides between capitals and a name, so
// "US-led" is an acronym and "Jean-Noël" a name; "al-Assad" is a name and
// "London-based" is not.
func shapeOf(w string) shape {
	first, size := utf8.DecodeRuneInString(w)
	switch {
	case strings.ContainsFunc(w, unicode.IsDigit):
		return shapeOther
	case unicode.IsLower(first):
		if (strings.HasPrefix(w, "al-") || strings.HasPrefix(w, "el-")) && len(w) > 3 {
			if r, _ := utf8.DecodeRuneInString(w[3:]); unicode.IsUpper(r) {
				return shapeCap
			}
		}
		return shapeLower
	case !unicode.IsUpper(first):
		return shapeOther
	case size == len(w):
		return shapeLetter
	}
	head, _, _ := strings.Cut(w, "-")
	if strings.Contains(w, ".") || !strings.ContainsFunc(head, unicode.IsLower) {
		return shapeOther
	}
	if i := strings.LastIndexByte(w, '-'); i > 0 && compoundSuffixes[w[i+1:]] {
		return shapeOther // "London-based", "Icahn-led"
	}
	return shapeCap
}

// push adds a token to the current run. A connector must lead to a portfolio
// word ("of State"); otherwise the run ends before it ("Governor of the Bank").
// "and Co" shows the name before to be a firm ("Goldman Sachs and Co").
func (x *extractor) push(t token, l lead) {
	if x.n > 0 && t.kind == kindWord && x.run[x.n-1].kind == kindConnector && t.class&classPortfolio == 0 {
		x.flush()
	}
	if x.n == 0 {
		x.lead, x.long = l, false
		if w := x.text[t.start:t.end]; (w == "Co" || w == "Cos" || w == "Sons") && x.lastKey != "" {
			if gap := x.text[x.lastEnd:t.start]; gap == " and " || gap == " & " {
				x.firms = append(x.firms, x.lastKey)
			}
		}
	}
	if x.n == len(x.run) {
		x.long = true
		return
	}
	x.run[x.n] = t
	x.n++
}

// flush judges the current run and starts a new one. Trailing particles,
// connectors and initials belong to no name ("Leyen de facto").
func (x *extractor) flush() {
	n := x.n
	x.n = 0
	for n > 0 && x.run[n-1].kind != kindWord {
		n--
	}
	if n > 0 && !x.long {
		x.judge(x.run[:n])
	}
}

// judge records the name a run holds, if any. After a title the name is what
// follows the title, and it must hold no stop word or other title: "lead
// manager Deutsche Bank" names no one.
func (x *extractor) judge(run []token) {
	k := slices.IndexFunc(run, func(t token) bool { return t.class&classTitle != 0 })
	if k < 0 && !x.lead.titled {
		x.judgePlain(run)
		return
	}
	name, weak := run, false
	if k >= 0 {
		end := titleEnd(run, k)
		name, weak = run[end:], end == k+1 && run[k].class&classWeakTitle != 0
	}
	if slices.ContainsFunc(name, func(t token) bool { return t.class&(classStop|classTitle) != 0 }) {
		return
	}
	words := countWords(name)
	if words == 0 || words > 4 || (weak && words < 2) || (words == 1 && name[0].class&classPlace != 0) {
		return
	}
	x.add(name, words, true, true)
}

// judgePlain records the name a run without a title holds, if any. A stop
// word spoils the run, and shows a firm when it is a company word after two
// words ("Merrill Lynch Capital Markets").
func (x *extractor) judgePlain(run []token) {
	if s := slices.IndexFunc(run, func(t token) bool { return t.class&(classStop|classPlace) != 0 }); s >= 0 {
		if s >= 2 && run[s].class&classFirm != 0 {
			x.firms = append(x.firms, x.spell(run[:s]))
		}
		return
	}
	words := countWords(run)
	if words > 4 || x.lead.ofOrg || x.lead.table || run[0].kind != kindWord {
		return
	}
	if run[0].class&classParticle != 0 {
		words = 1 // a surname, "Von der Leyen", or a foreign title, "Der Spiegel"
	}
	x.lastKey, x.lastEnd = x.add(run, words, false, !x.lead.head), run[len(run)-1].end
}

// titleEnd returns where the name starts after the title at k: past more
// titles ("Attorney General"), connectors and the portfolio words they lead
// to ("Secretary of State", "Minister of Trade and Industry").
func titleEnd(run []token, k int) int {
	chain := false
	for k++; k < len(run); k++ {
		t := run[k]
		switch {
		case t.kind == kindConnector:
			chain = true
		case t.class&classTitle != 0, chain && t.class&classPortfolio != 0:
		default:
			return k
		}
	}
	return k
}

// countWords counts the words of a name other than its particles.
func countWords(name []token) int {
	n := 0
	for _, t := range name {
		if t.kind != kindParticle {
			n++
		}
	}
	return n
}

// add counts one mention of the name spelt by the tokens and returns it.
func (x *extractor) add(name []token, words int, titled, inside bool) string {
	key := x.spell(name)
	set := x.full
	if words == 1 {
		set = x.single
	}
	m := set[key]
	m.count++
	m.words = words
	m.titled = m.titled || titled
	m.inside = m.inside || inside
	set[key] = m
	return key
}

// spell returns the name with single spaces between its words: a slice of
// the text when it is already spelt so, which it nearly always is.
func (x *extractor) spell(name []token) string {
	clean := true
	for k := 1; k < len(name); k++ {
		if name[k].start != name[k-1].end+1 || x.text[name[k-1].end] != ' ' {
			clean = false
			break
		}
	}
	if clean {
		return x.text[name[0].start:name[len(name)-1].end]
	}
	var b strings.Builder
	for k, t := range name {
		if k > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(x.text[t.start:t.end])
	}
	return b.String()
}

// person is a name kept for the result with its mentions.
type person struct {
	name  string
	count int
}

// result applies the person rules to the gathered names, folds surname
// mentions into full names and sorts.
func (x *extractor) result() []string {
	var found []person
	for name, m := range x.full {
		first, last := name[:strings.IndexByte(name, ' ')], name[strings.LastIndexByte(name, ' ')+1:]
		ok := m.titled || x.single[last].count > 0 || (m.words <= 3 && m.inside)
		// News calls a person by surname, not by first name; a name whose
		// two ends both stand alone is a firm and its product ("Lumora ...
		// the Lumora Fold ... the Fold"), while "Xi Jinping ... Xi" is a person.
		if !m.titled && x.single[first].count > 0 && x.single[last].count > 0 {
			ok = false
		}
		if ok && !slices.Contains(x.firms, name) && !lookalike(name) {
			found = append(found, person{name, m.count})
		}
	}
	// Spellings of one name ("Donald J. Trump", "Donald Trump") share first
	// and last words: the most used one takes the others' mentions.
	slices.SortFunc(found, func(a, b person) int {
		return cmp.Or(b.count-a.count, len(a.name)-len(b.name), strings.Compare(a.name, b.name))
	})
	kept := found[:0]
	for _, p := range found {
		i := slices.IndexFunc(kept, func(k person) bool { return sameEnds(k.name, p.name) })
		if i < 0 {
			kept = append(kept, p)
		} else {
			kept[i].count += p.count
		}
	}
	// A name that ends a longer one ("Von der Leyen", "Ursula von der Leyen")
	// is a surname mention of it; the longest names are settled first.
	slices.SortFunc(kept, func(a, b person) int { return len(b.name) - len(a.name) })
	for i := range kept {
		if j := owner(kept, kept[i].name); j >= 0 {
			kept[j].count += kept[i].count
			kept[i].count = 0
		}
	}
	for w, m := range x.single {
		switch j := owner(kept, w); {
		case j >= 0:
			kept[j].count += m.count
		case j == noOwner && m.titled:
			kept = append(kept, person{w, m.count})
		}
	}
	kept = slices.DeleteFunc(kept, func(p person) bool { return p.count == 0 })
	slices.SortFunc(kept, func(a, b person) int {
		return cmp.Or(b.count-a.count, strings.Compare(a.name, b.name))
	})
	if len(kept) == 0 {
		return nil
	}
	names := make([]string, min(len(kept), maxPeople))
	for i := range names {
		names[i] = strings.Clone(kept[i].name) // do not pin the article text
	}
	return names
}

// lookalike reports whether the name, or its first two words, is listed in
// lookalikes ("Drexel Burnham Lambert").
func lookalike(name string) bool {
	i := strings.IndexByte(name, ' ')
	if j := strings.IndexByte(name[i+1:], ' '); j >= 0 && lookalikes[name[:i+1+j]] {
		return true
	}
	return lookalikes[name]
}

// sameEnds reports whether two full names share their first and last words.
func sameEnds(a, b string) bool {
	return a[:strings.IndexByte(a, ' ')] == b[:strings.IndexByte(b, ' ')] &&
		a[strings.LastIndexByte(a, ' '):] == b[strings.LastIndexByte(b, ' '):]
}

// Results of owner besides an index.
const (
	noOwner    = -1
	manyOwners = -2
)

// owner returns the index of the one person whose name ends with the
// surname, ignoring case ("Von der Leyen"), or noOwner or manyOwners.
func owner(kept []person, surname string) int {
	j := noOwner
	for i, p := range kept {
		n := len(p.name) - len(surname)
		if p.count > 0 && n > 0 && p.name[n-1] == ' ' && strings.EqualFold(p.name[n:], surname) {
			if j != noOwner {
				return manyOwners
			}
			j = i
		}
	}
	return j
}
