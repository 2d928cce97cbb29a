package eval

import (
	"context"
	"fmt"
	"io"
	"strings"

	"newsbot/commands"
	"newsbot/index/news"
)

// People are persons named often in the Reuters stories of 1987, the
// subjects of the person-answer measures. Each is asked for by full name.
var People = []string{
	"James Baker", "Ronald Reagan", "Paul Volcker", "Clayton Yeutter", "Yasuhiro Nakasone",
	"Nigel Lawson", "Kiichi Miyazawa", "Gerhard Stoltenberg", "George Shultz", "Richard Lyng",
	"Frans Andriessen", "Malcolm Baldrige", "Marlin Fitzwater", "Satoshi Sumita", "Barber Conable",
	"Bettino Craxi", "Dilson Funaro", "Margaret Thatcher", "Jim Wright", "Karl Otto Poehl",
	"Jacques Delors", "Michel Camdessus", "Helmut Kohl", "Jacques Chirac", "Edouard Balladur",
}

// PersonResult is how the answer about one person did.
type PersonResult struct {
	Person string
	Found  int
	// Sentences is the summary's length, Naming how many of its sentences
	// name the person (full name or surname).
	Sentences, Naming int
	// Sources is how many sources were checked (up to five), About how many
	// of them are mainly about the person.
	Sources, About int
	// Faults must all be zero.
	Faults
}

// PersonAnswers asks s about each person as the bot would and checks the
// answers against the articles they cite.
func PersonAnswers(ctx context.Context, s commands.Searcher, people []string) ([]PersonResult, error) {
	var results []PersonResult
	for _, person := range people {
		ans, err := commands.Ask(ctx, s, commands.Request{Question: person})
		if err != nil {
			return nil, fmt.Errorf("ask %q: %w", person, err)
		}
		r := PersonResult{Person: person, Found: ans.Found, Sentences: len(ans.Summary), Faults: faultsOf(ans)}
		for _, st := range ans.Summary {
			if names(st.Text, person) {
				r.Naming++
			}
		}
		for _, src := range ans.Sources[:min(5, len(ans.Sources))] {
			r.Sources++
			if mainlyAbout(src.Article, person) {
				r.About++
			}
		}
		results = append(results, r)
	}
	return results, nil
}

// surname is the last word of a name.
func surname(person string) string {
	words := strings.Fields(person)
	return words[len(words)-1]
}

// names reports whether text names the person: their surname, in any case
// (wire headlines are in capitals), as a whole word.
func names(text, person string) bool {
	for _, w := range Tokens(text) {
		if w == strings.ToLower(surname(person)) {
			return true
		}
	}
	return false
}

// mainlyAbout reports whether an article is about the person rather than
// mentioning them: they are named in the title, or in the opening paragraph
// and at least once more. That is how news tells its subject.
func mainlyAbout(a news.Article, person string) bool {
	if names(a.Title, person) {
		return true
	}
	return names(a.FirstParagraph(), person) && count(a.Body, person) >= 2
}

func count(text, person string) int {
	n, want := 0, strings.ToLower(surname(person))
	for _, w := range Tokens(text) {
		if w == want {
			n++
		}
	}
	return n
}

// WritePeople prints one line per person and one per figure.
func WritePeople(w io.Writer, results []PersonResult) {
	var sentences, naming, sources, about, aboutAll int
	var faults Faults
	for _, r := range results {
		fmt.Fprintf(w, "person %-20s found %4d  summary %d/%d name them  sources %d/%d about them\n", r.Person, r.Found, r.Naming, r.Sentences, r.About, r.Sources)
		sentences += r.Sentences
		naming += r.Naming
		sources += r.Sources
		about += r.About
		faults.add(r.Faults)
		if r.Sources > 0 && r.About == r.Sources {
			aboutAll++
		}
	}
	fmt.Fprintf(w, "people summary sentences naming the person %5.1f%% (%d of %d)\n", percent(naming, sentences), naming, sentences)
	fmt.Fprintf(w, "people summary sentences verbatim in their cited source %5.1f%% (%d not)\n", percent(sentences-faults.Unverified, sentences), faults.Unverified)
	fmt.Fprintf(w, "people top-5 sources mainly about the person %5.1f%% (%d of %d)\n", percent(about, sources), about, sources)
	fmt.Fprintf(w, "people answers whose top-5 sources are all about the person %5.1f%% (%d of %d)\n", percent(aboutAll, len(results)), aboutAll, len(results))
	writeFaults(w, "people", faults, len(results))
}

func percent(part, whole int) float64 {
	if whole == 0 {
		return 0
	}
	return 100 * float64(part) / float64(whole)
}
