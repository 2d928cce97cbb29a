package commands

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"newsbot/index/news"
)

// Headline is an article's title as a reader wants it: a wire title in
// capitals ("OIL PRICES RISE ON SAUDI EFFORT") in sentence case, each word
// written as the article writes it ("Oil prices rise on Saudi effort"), so
// that names and abbreviations keep their capitals (OPEC, U.S.) and other
// words lose them. Other titles only lose the spaces around them.
func Headline(a news.Article) string {
	title := strings.Join(strings.Fields(a.Title), " ")
	if !shouts(title) {
		return title
	}
	forms := writtenForms(a.Body)
	words := strings.Fields(title)
	inName := false // inside a name the wires bracket: <PLUM HOLDING INC>
	for i, w := range words {
		opens, closes := strings.Contains(w, "<"), strings.Contains(w, ">")
		named, first := inName || opens && !closes, !inName
		inName = named && !closes
		core := trimPossessive(strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) }))
		if core == "" || opens && (closes || !strings.HasPrefix(w, "<")) || strings.ContainsFunc(w, unicode.IsDigit) {
			continue // a ticker (<AN>), a figure (4TH, 1987), a word stuck to a name ("CORRECTED-<NATIONAL")
		}
		form := writtenForm(core, forms)
		switch {
		case named && !first && connectors[strings.ToLower(core)]:
			form = strings.ToLower(core) // "<BANK OF CHINA>"
		case named:
			form = nameWritten(core, forms)
		}
		words[i] = strings.Replace(w, core, form, 1)
		for _, possessive := range []string{"'S", "’S"} {
			if rest, ok := strings.CutSuffix(words[i], possessive); ok {
				words[i] = rest + strings.ToLower(possessive) // "Fed'S" as "Fed's"
			}
		}
	}
	first := words[0]
	for j, r := range first {
		if unicode.IsLetter(r) {
			words[0] = first[:j] + string(unicode.ToUpper(r)) + first[j+len(string(r)):]
			break
		}
	}
	return strings.Join(words, " ")
}

// nameWritten is a word of a name in a title in capitals, as the article
// writes it but capitalised ("<PMI FUND INC>" where the article says "the
// fund"), else as a name is: an acronym of up to three letters in capitals
// ("<PMI", "<MON PR>"), a firm's Inc, Ltd, Co, Corp, Plc or Bhd and a longer word
// capitalised ("<KELSEY-HAYES CANADA LTD>" is "<Kelsey-Hayes Canada Ltd>"
// where a results table never writes them).
func nameWritten(word string, forms map[string]string) string {
	if form, ok := forms[strings.ToLower(word)]; ok {
		return capitalise(form)
	}
	if utf8.RuneCountInString(word) <= 3 && !firmForms[strings.ToLower(word)] || strings.Contains(word, ".") {
		return word // "<A.H.A. AUTOMOTIVE"
	}
	written := word
	for _, part := range strings.FieldsFunc(word, func(r rune) bool { return r == '-' || r == '/' }) {
		written = strings.Replace(written, part, capitalise(strings.ToLower(part)), 1)
	}
	return written
}

// firmForms are the words that end a firm's name, written capitalised.
var firmForms = wordsOf("inc ltd co corp plc bhd")

// writtenForm is a word of a title in capitals as the article writes it,
// by forms (see writtenForms): in lower case when the article does not
// write it; an abbreviation ("U.S.") as it is, and written without its dots
// too ("UK" where the article writes "U.K."). Words joined by dashes or
// slashes are written each on its own, when the article does not write them
// together: "U.S.-BUILT" is "U.S.-built", "UNCERTAIN--U.S."
// "uncertain--U.S.", and "TUNISIA/MOROCCO" "Tunisia/Morocco"; so is a word
// after initials: "S.KOREA" is "S.Korea", "U.S.SENATE" "U.S.Senate".
func writtenForm(word string, forms map[string]string) string {
	form, ok := forms[strings.ToLower(word)]
	if singular, found := forms[strings.TrimSuffix(strings.ToLower(word), "s")]; !ok && found && isCapitalised(singular) {
		form, ok = capitalise(strings.ToLower(word)), true // "Germans" as "German"
	}
	switch {
	case ok:
		return form
	case strings.ContainsAny(word, "-/"):
		return partsWritten(word, forms)
	case strings.Contains(word, "."):
		dot := strings.LastIndex(word, ".")
		if utf8.RuneCountInString(word[dot+1:]) < 2 || !initials(word[:dot]) {
			return word // an abbreviation ("U.S.", "U.K."), a ticker ("RY.TO")
		}
		tail := word[dot+1:]
		if _, written := forms[strings.ToLower(tail)]; !written && dot == 1 {
			// After one initial, a place: "W.GERMAN" is "W.German".
			return word[:dot+1] + capitalise(strings.ToLower(tail))
		}
		return word[:dot+1] + writtenForm(tail, forms)
	case isDotted(word, forms):
		return word
	}
	return strings.ToLower(word)
}

// initials reports whether s is letters each followed by a dot but the
// last: "U.S" of "U.S.SENATE", "S" of "S.KOREA".
func initials(s string) bool {
	for _, part := range strings.Split(s, ".") {
		if utf8.RuneCountInString(part) != 1 {
			return false
		}
	}
	return true
}

// isDotted reports whether the article writes word's letters as an
// abbreviation with dots: "UK" as "U.K.", "UN" as "U.N.", which a title in
// capitals leaves out.
func isDotted(word string, forms map[string]string) bool {
	letters := strings.Split(strings.ToLower(word), "")
	if len(letters) < 2 || len(letters) > maxAcronym {
		return false
	}
	_, ok := forms[strings.Join(letters, ".")]
	return ok
}

// partsWritten is a word of a title in capitals whose parts dashes or
// slashes join, each part as the article writes it (see writtenForm). A
// letter at either end stays a capital ("S/P"), one inside is a word
// ("RENT-A-CAR"). A part the article writes only in capitals, as a
// dateline or a table's heading does ("CLEVELAND, April 1"), keeps them
// only when short enough to be an acronym ("AMC" of "CHRYSLER-AMC"), not
// "Acme-CLEVELAND".
func partsWritten(word string, forms map[string]string) string {
	var joined strings.Builder
	for start := 0; start < len(word); {
		end := strings.IndexAny(word[start:], "-/")
		if end < 0 {
			end = len(word)
		} else {
			end += start
		}
		switch part := word[start:end]; {
		case len(part) == 1 && (start == 0 || end == len(word)):
			joined.WriteString(part)
		case part != "":
			form := writtenForm(part, forms)
			if shouts(form) && utf8.RuneCountInString(part) > maxAcronym {
				form = strings.ToLower(part)
			}
			joined.WriteString(form)
		}
		if end < len(word) {
			joined.WriteByte(word[end])
		}
		start = end + 1
	}
	return joined.String()
}

// maxAcronym is the most letters of a word that Headline takes for an
// acronym when the article writes it only in capitals: "FSLIC", not
// "CLEVELAND".
const maxAcronym = 5

// shouts reports whether a title is written in capitals: it has letters, and
// none in lower case.
func shouts(title string) bool {
	return strings.ContainsFunc(title, unicode.IsUpper) && !strings.ContainsFunc(title, unicode.IsLower)
}

// writtenForms maps each word of a text, in lower case, to how the text most
// often writes it where case says something: inside a sentence. A word seen
// only at the start of sentences is taken as written in lower case, unless
// it is there in capitals: an acronym.
func writtenForms(text string) map[string]string {
	counts := map[string]map[string]int{}
	acronyms := map[string]string{}
	sentenceStart := true
	fields := strings.Fields(text)
	for i, w := range fields {
		// As Headline reads a word: "U.S." is "U.S", its last dot kept by
		// the title.
		core := trimPossessive(strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) }))
		lower := strings.ToLower(core)
		if core != "" && !sentenceStart {
			if counts[lower] == nil {
				counts[lower] = map[string]int{}
			}
			counts[lower][core]++
		} else if len(core) > 1 && core == strings.ToUpper(core) && i+1 < len(fields) && !nameLike(fields[i+1]) {
			acronyms[lower] = core // "GM said", not a dateline's "NEW YORK, March 3"
		}
		// "U.S." ends no sentence; a full stop after a word does.
		abbreviation := strings.Count(w, ".") > 1
		sentenceStart = strings.HasSuffix(strings.TrimRight(w, `"'”’)`), ".") && !abbreviation || strings.HasSuffix(w, "?") || strings.HasSuffix(w, "!") || w == "-"
	}
	// A word in capitals at the start of a sentence ("GM said") is an
	// acronym, unless the text writes it otherwise inside one.
	forms := acronyms
	for lower, seen := range counts {
		best, bestN := "", 0
		for form, n := range seen {
			// Between as many, mixed case over capitals (a dateline's
			// "NEW YORK"), then either.
			if n > bestN || n == bestN && (shouts(best) && !shouts(form) || shouts(best) == shouts(form) && form < best) {
				best, bestN = form, n
			}
		}
		forms[lower] = best
	}
	return forms
}
