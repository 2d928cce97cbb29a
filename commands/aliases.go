package commands

import (
	_ "embed"
	"fmt"
	"os"
	"strings"
)

// builtinAliases is the alias list shipped with newsbot.
//
//go:embed aliases.txt
var builtinAliases string

// Aliases maps a word, in lower case, to the other spellings of the same name.
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

// For returns the words of a subject mapped to their other spellings, for
// news.Query.
func (a Aliases) For(words []string) map[string][]string {
	var out map[string][]string
	for _, w := range words {
		if alts := a[strings.ToLower(strings.TrimSuffix(w, ","))]; len(alts) > 0 {
			if out == nil {
				out = map[string][]string{}
			}
			out[w] = alts
		}
	}
	return out
}

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}
