package index

import (
	_ "embed"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
)

// britishAmerican lists words that British and American English spell apart,
// one pair a line: a question in either spelling finds articles in both.
//
//go:embed spellings.txt
var britishAmerican string

// otherSpelling maps the stem of each spelling to the other word, so that
// every form matches: "programmes" has the stem of "programme", and finds
// "program" and "programs" by its stem in turn.
var otherSpelling = sync.OnceValue(func() map[string]string {
	out := map[string]string{}
	for line := range strings.SplitSeq(britishAmerican, "\n") {
		line, _, _ = strings.Cut(line, "#")
		pair := strings.Fields(line)
		if len(pair) != 2 {
			continue
		}
		british, american := stem(pair[0]), stem(pair[1])
		if british == "" || american == "" || british == american {
			continue
		}
		out[british] = pair[1]
		// The stemmer takes -ize off whole ("nationalize" is "nation"), so
		// that stem is another word's too: "nation" is not "nationalise".
		if len(american) >= len(british)-1 {
			out[american] = pair[0]
		}
	}
	return out
})

// spellingVariant returns w as the other side of the Atlantic spells it, or
// "" when it is spelled alike. Names keep their spelling: only words in lower
// case have a variant.
func spellingVariant(w string) string {
	if w == "" || strings.ToLower(w) != w {
		return ""
	}
	if s := stem(w); s != "" {
		return otherSpelling()[s]
	}
	return ""
}

// englishAnalyzer is the analyzer of the body and title, outside any index.
var englishAnalyzer = sync.OnceValue(func() analysis.Analyzer {
	return bleve.NewIndexMapping().AnalyzerNamed(en.AnalyzerName)
})

// Stem is the term the body's analyzer makes of one word in lower case, for
// telling forms of a word apart from other words: "rates" and "rate" have the
// same. It is "" for a stop word or several words.
func (ix *Index) Stem(w string) string {
	return stem(strings.ToLower(w))
}

// stem is the term the body's analyzer makes of one word, or "" for a stop
// word or several words.
func stem(w string) string {
	tokens := englishAnalyzer().Analyze([]byte(w))
	if len(tokens) != 1 {
		return ""
	}
	return string(tokens[0].Term)
}
