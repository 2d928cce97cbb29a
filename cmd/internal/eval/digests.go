package eval

import (
	"context"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"
	"time"

	"newsbot/commands"
)

// DigestDays are the Reuters days whose digests are measured: two weeks of
// March 1987, rich in company notices, and busy days of March, April, June
// and October.
var DigestDays = []string{
	"1987-03-02", "1987-03-03", "1987-03-04", "1987-03-05", "1987-03-06",
	"1987-03-09", "1987-03-11", "1987-03-12", "1987-03-13", "1987-03-16",
	"1987-03-18", "1987-03-26", "1987-04-07", "1987-04-09", "1987-06-18",
	"1987-10-20",
}

// DigestResult is how the digest of one day reads.
type DigestResult struct {
	Day string
	// Stories is how many stories the digest holds; Leaning how many of their
	// summaries start with a word that points back to what the reader never
	// saw ("He", "Also", "The company").
	Stories, Leaning int
	// Companies are the stories told by several sources of which at least
	// one names a company by its stock symbol in its title; for each, the
	// share of its sources whose title names the story's main company (see
	// companyStory).
	Companies []CompanyStory
}

// CompanyStory is a digest story about companies named by their symbols.
type CompanyStory struct {
	Title, Ticker   string
	Sources, Shared int
}

// Digests makes the digest of each day as the bot would and measures how it
// reads.
func Digests(ctx context.Context, s commands.Searcher, days []string) ([]DigestResult, error) {
	var results []DigestResult
	for _, day := range days {
		from, err := time.Parse(time.DateOnly, day)
		if err != nil {
			return nil, err
		}
		d, err := commands.MakeDigest(ctx, s, commands.DigestRequest{From: from, To: from.AddDate(0, 0, 1)})
		if err != nil {
			return nil, fmt.Errorf("digest of %s: %w", day, err)
		}
		r := DigestResult{Day: day, Stories: len(d.Stories)}
		for _, st := range d.Stories {
			if len(st.Summary) > 0 && pointsBack(st.Summary[0]) {
				r.Leaning++
			}
			if c, ok := companyStory(st); ok {
				r.Companies = append(r.Companies, c)
			}
		}
		results = append(results, r)
	}
	return results, nil
}

// symbol is a stock symbol as Reuters writes it in a title, "<OMT>", or the
// bracketed name it gives a company without one.
var symbol = regexp.MustCompile(`<[^<>]+>`)

// companyStory measures a story of several sources, one of which at least
// names a company by its symbol in its title. A source shares the story's
// company when its title carries the main symbol or the word before it, the
// company's name ("DOW CHEMICAL LAUNCHES..." beside "DOW <DOW> TO OFFER...").
func companyStory(st commands.Story) (CompanyStory, bool) {
	if len(st.Sources) < 2 {
		return CompanyStory{}, false
	}
	counts := map[string]int{}
	names := map[string]string{}
	for _, src := range st.Sources {
		seen := map[string]bool{}
		for _, loc := range symbol.FindAllStringIndex(src.Title, -1) {
			sym := src.Title[loc[0]:loc[1]]
			if before := Tokens(src.Title[:loc[0]]); len(before) > 0 {
				names[sym] = before[len(before)-1]
			}
			if !seen[sym] {
				seen[sym] = true
				counts[sym]++
			}
		}
	}
	c := CompanyStory{Title: st.Title, Sources: len(st.Sources)}
	top := 0
	for sym, n := range counts {
		if n > top || n == top && sym < c.Ticker {
			c.Ticker, top = sym, n
		}
	}
	if c.Ticker == "" {
		return c, false
	}
	for _, src := range st.Sources {
		if strings.Contains(src.Title, c.Ticker) || names[c.Ticker] != "" && slices.Contains(Tokens(src.Title), names[c.Ticker]) {
			c.Shared++
		}
	}
	return c, true
}

// backPointers are the words that start a sentence leaning on one before it:
// pronouns and connectives; and the nouns after "The" that point back to a
// subject named earlier ("The company said").
var (
	backPointers = strings.Fields(`he she it they this these those his her its their them we
		also but however meanwhile moreover furthermore and so then thus therefore instead such`)
	backNouns = strings.Fields(`company bank group firm corporation ministry government spokesman
		official agency move deal unit subsidiary board minister chairman`)
)

// pointsBack reports whether a summary sentence starts by pointing back to
// something the reader of the digest never saw.
func pointsBack(sentence string) bool {
	words := Tokens(sentence)
	// Skip a dateline: a place and a date before " - ".
	if i := strings.Index(sentence, " - "); i > 0 && i < 48 && strings.ContainsAny(sentence[:i], "0123456789") {
		words = Tokens(sentence[i+3:])
	}
	if len(words) == 0 {
		return false
	}
	if slices.Contains(backPointers, words[0]) {
		return true
	}
	return words[0] == "the" && len(words) > 1 && slices.Contains(backNouns, words[1])
}

// WriteDigests prints one line per day and per company story, then the
// figures: the share of summaries that point back, and the average share of
// a company story's sources that carry its main symbol.
func WriteDigests(w io.Writer, results []DigestResult) {
	var stories, leaning, companies int
	var shared float64
	for _, r := range results {
		fmt.Fprintf(w, "digest %s  %2d stories, %d summaries pointing back, %d company stories\n", r.Day, r.Stories, r.Leaning, len(r.Companies))
		stories += r.Stories
		leaning += r.Leaning
		for _, c := range r.Companies {
			fmt.Fprintf(w, "digest %s  company story %-12s %d/%d sources  %s\n", r.Day, c.Ticker, c.Shared, c.Sources, c.Title)
			companies++
			shared += share(c.Shared, c.Sources)
		}
	}
	fmt.Fprintf(w, "digest summaries starting with a pronoun, connective or \"The company\": %d of %d (%.1f%%)\n", leaning, stories, 100*share(leaning, stories))
	fmt.Fprintf(w, "digest company stories: sources naming the main company %.2f over %d stories\n", shared/float64(max(companies, 1)), companies)
}
