package commands

import (
	"strings"

	"newsbot/index/news"
)

// shortExcerpt is the length in bytes under which an excerpt takes the next
// sentence too, so that it says enough to judge the source.
const shortExcerpt = 100

// excerpt quotes the sentence of a match that holds most of the subject's words
// (the first such), and the sentence after it when that one is short, with the
// matched words marked. An article that matched only by its title gets its
// first sentence. Sentences the summary quotes already are not quoted again:
// the excerpt is another sentence on the subject, or none.
func excerpt(m news.Match, quoted map[string]bool) []Fragment {
	body := m.Article.Body
	all := splitSentences(body)
	if len(all) == 0 {
		return nil
	}
	// The sentence with most of the words, among those that stand alone if
	// any has some ("It was his third meeting" leans on the one before).
	best, bestHits, bestLeans := -1, 0, true
	for i, s := range all {
		if quotedAlready(s.Text, quoted) {
			continue
		}
		hits := len(matchedWords(body, m.BodySpans, s.Start, s.End))
		leans := leansOnContext(s.Text)
		better := hits > bestHits && (!leans || bestLeans) || hits > 0 && bestLeans && !leans
		if best < 0 && (hits > 0 || len(quoted) == 0) || better {
			best, bestHits, bestLeans = i, hits, leans
		}
	}
	if best < 0 || bestHits == 0 && len(quoted) > 0 {
		return nil
	}
	start, end := all[best].Start, all[best].End
	if end-start < shortExcerpt && best+1 < len(all) && all[best+1].Paragraph == all[best].Paragraph && !quotedAlready(all[best+1].Text, quoted) {
		end = all[best+1].End
	}
	return fragments(body, m.BodySpans, start, end)
}

// quotedAlready reports whether a sentence is, or holds, one the summary
// quotes (which may be the sentence without its dateline).
func quotedAlready(sentence string, quoted map[string]bool) bool {
	for q := range quoted {
		if strings.Contains(sentence, q) {
			return true
		}
	}
	return false
}

// fragments cuts text[start:end] into plain and matched pieces. Matched words
// separated only by spaces form one piece: "**Paul Volcker**", not
// "**Paul** **Volcker**".
func fragments(text string, spans []news.Span, start, end int) []Fragment {
	var out []Fragment
	at := start
	for _, sp := range spans {
		if sp.Start < at || sp.End > end {
			continue
		}
		last := len(out) - 1
		if last >= 0 && out[last].Match && strings.TrimSpace(text[at:sp.Start]) == "" {
			out[last].Text = text[at-len(out[last].Text) : sp.End]
			at = sp.End
			continue
		}
		if sp.Start > at {
			out = append(out, Fragment{Text: text[at:sp.Start]})
		}
		out = append(out, Fragment{Text: text[sp.Start:sp.End], Match: true})
		at = sp.End
	}
	if at < end {
		out = append(out, Fragment{Text: text[at:end]})
	}
	return out
}
