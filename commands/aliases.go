package commands

import (
	_ "embed"
	"fmt"
	"os"
	"strings"
	"unicode/utf8"

	"github.com/hbollon/go-edlib"
)

// builtinAliases is the alias list shipped with newsbot.
//
//go:embed aliases.txt
var builtinAliases string

// Aliases maps a word or two words, in lower case, to the other ways of
// writing the same name or term; a term of two words written one way maps
// to itself, so that a question keeps its words together.
type Aliases map[string][]string

// LoadAliases returns the shipped aliases, plus the groups in the file at path
// when path is not empty (the operator's own, in the same form as aliases.txt).
func LoadAliases(path string) (Aliases, error) {
	a := Aliases{}
	a.add(builtinAliases)
	if path == "" {
		return a, nil
	}
	extra, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("aliases: %w", err)
	}
	a.add(string(extra))
	return a, nil
}

// add reads groups, one per line, names separated by commas; # starts a
// comment.
func (a Aliases) add(text string) {
	for line := range strings.SplitSeq(text, "\n") {
		line, _, _ = strings.Cut(line, "#")
		var group []string
		for name := range strings.SplitSeq(line, ",") {
			if name = strings.TrimSpace(name); name != "" {
				group = append(group, name)
			}
		}
		if len(group) == 1 && strings.Contains(group[0], " ") {
			// A term written one way, kept whole: "current account".
			key := strings.ToLower(group[0])
			if !containsFold(a[key], group[0]) {
				a[key] = append(a[key], group[0])
			}
			continue
		}
		for _, name := range group {
			key := strings.ToLower(name)
			for _, other := range group {
				if !strings.EqualFold(other, name) && !containsFold(a[key], other) {
					a[key] = append(a[key], other)
				}
			}
		}
	}
}

// For returns the words of a subject, and the pairs of words side by side
// ("consumer prices", keyed with one space), mapped to their other ways of
// writing, for news.Query.
func (a Aliases) For(words []string) map[string][]string {
	var out map[string][]string
	add := func(key string) {
		if alts := a[strings.ToLower(strings.TrimSuffix(key, ","))]; len(alts) > 0 {
			if out == nil {
				out = map[string][]string{}
			}
			out[key] = alts
		}
	}
	for i, w := range words {
		add(w)
		if i > 0 {
			add(words[i-1] + " " + w)
		}
	}
	return out
}

// termAfter returns the second word of the term of two words that first
// and second, in lower case, make, as the list writes it, and whether there
// is one. The second may be misspelled by one edit ("current acount"): a
// word of a term the question asks about is no typo for a commoner one
// ("amount"). A second word under four letters must be exact.
func (a Aliases) termAfter(first, second string) (string, bool) {
	if len(a[first+" "+second]) > 0 {
		return second, true
	}
	if utf8.RuneCountInString(second) < 4 {
		return "", false
	}
	found := "" // the first in order of those that fit, for the same reading every time
	for key := range a {
		w, meant, ok := strings.Cut(key, " ")
		if ok && w == first && !strings.Contains(meant, " ") && edlib.OSADamerauLevenshteinDistance(meant, second) == 1 &&
			(found == "" || meant < found) {
			found = meant
		}
	}
	return found, found != ""
}

// cased is the name w, typed in lower case, as the list writes it: "japan"
// is "Japan", "us" is "US". It reports false for a word the list holds in
// lower case only, or not at all.
func (a Aliases) cased(w string) (string, bool) {
	for _, other := range a[strings.ToLower(w)] {
		for _, spelling := range a[strings.ToLower(other)] {
			if strings.EqualFold(spelling, w) && isCapitalised(spelling) {
				return spelling, true
			}
		}
	}
	return "", false
}

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}
