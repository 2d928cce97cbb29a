package names

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestPeople(t *testing.T) {
	tests := []struct {
		name, title, body string
		want              []string
	}{
		{
			// A firm named alone, and its product named alone too, are
			// no person; a surname first in the name still is one.
			name:  "a product",
			title: "Lumora unveils a reader",
			body: "Electronics maker Lumora on Thursday unveiled a reader. The device, called the Lumora Fold, " +
				"folds in two. Lumora chief executive Priya Natarajan said the Fold would sell well. " +
				"Chinese President Xi Jinping visited Paris, where Xi met reporters.",
			want: []string{"Priya Natarajan", "Xi Jinping"},
		},
		{
			name:  "envoys and ministers",
			title: "Rubio and Witkoff to travel to France",
			body: "US Secretary of State Marco Rubio and Steve Witkoff, US President Donald Trump’s special envoy, " +
				"are expected to travel to France. Witkoff is set to meet French President Emmanuel Macron, " +
				"while Rubio will speak with Foreign Minister Jean-Noël Barrot.",
			want: []string{"Marco Rubio", "Steve Witkoff", "Donald Trump", "Emmanuel Macron", "Jean-Noël Barrot"},
		},
		{
			name: "organisations, places and days",
			body: "The White House said the Russian Direct Investment Fund would open an office in New York on Monday.",
		},
		{
			name:  "Reuters capitals",
			title: "VOLCKER SAYS DOLLAR STABLE",
			body: "WASHINGTON, March 3 - Federal Reserve Board Chairman Paul Volcker said the dollar was stable.\n\n" +
				"Volcker told the Senate Banking Committee that rates would hold.",
			want: []string{"Paul Volcker"},
		},
		{
			name: "two people share a surname",
			body: "Treasury Secretary James Baker met White House chief of staff Howard Baker on Tuesday. " +
				"Baker said the talks went well.",
			want: []string{"Howard Baker", "James Baker"},
		},
		{
			name: "nationalities and organisations before titles",
			body: "Fed Chairman Paul Volcker met West German Finance Minister Gerhard Stoltenberg and " +
				"Japanese Prime Minister Yasuhiro Nakasone.",
			want: []string{"Gerhard Stoltenberg", "Paul Volcker", "Yasuhiro Nakasone"},
		},
		{name: "title and surname", body: "President Reagan said he would veto the bill.", want: []string{"Reagan"}},
		{name: "honorific", body: "Mr Smith said the plant would close.", want: []string{"Smith"}},
		{name: "honorific with a period", body: "Asked about it, Mr. Smith said no.", want: []string{"Smith"}},
		{name: "no person", body: "Hamas and Israel agreed to a ceasefire on Sunday."},
		{
			name: "straight and bare possessives",
			body: "Prime Minister Keir Starmer's government backed Senator Chris Coons' bill.",
			want: []string{"Chris Coons", "Keir Starmer"},
		},
		{
			name: "a possessive ends the name",
			body: "They praised Donald Trump’s White House staff.",
			want: []string{"Donald Trump"},
		},
		{
			name: "particles",
			body: "Commission President Ursula von der Leyen flew from Charles de Gaulle airport. " +
				"Von der Leyen later spoke to reporters, and von der Leyen smiled.",
			want: []string{"Ursula von der Leyen", "Charles de Gaulle"},
		},
		{
			name: "hyphens and Arabic articles",
			body: "Syrian President Bashar al-Assad met UN Secretary-General Antonio Guterres.",
			want: []string{"Antonio Guterres", "Bashar al-Assad"},
		},
		{
			name: "initials and spelling variants",
			body: "Analysts say George W. Bush and George Bush differ. Bush declined to comment.",
			want: []string{"George Bush"},
		},
		{
			name: "title of a portfolio",
			body: "Chancellor of the Exchequer Nigel Lawson met Minister of Trade and Industry Hajime Tamura.",
			want: []string{"Hajime Tamura", "Nigel Lawson"},
		},
		{
			name: "surname reused at a sentence start",
			body: "Steve Witkoff arrived in Paris on Monday. Witkoff will stay two days.",
			want: []string{"Steve Witkoff"},
		},
		{
			name: "a sentence start alone is not enough",
			body: "Steve Witkoff arrived in Paris on Monday.",
		},
		{
			name: "lone surname without a title",
			body: "Talks with Witkoff ended on Monday.",
		},
		{
			name: "companies named after titles",
			body: "Shares of General Motors rose while the Justice Department and the Executive Board met.",
		},
		{
			name: "lower-case roles",
			body: "The rise was welcome, said chairman Volcker, and singer Kylie Minogue agreed.",
			want: []string{"Kylie Minogue", "Volcker"},
		},
		{
			name:  "Title Case headline",
			title: "Trade Deal Talks Stall In Geneva",
			body:  "Negotiators left without an agreement.",
		},
		{
			name:  "sentence-case headline",
			title: "Chancellor Olaf Scholz wins vote",
			body:  "Scholz thanked his party.",
			want:  []string{"Olaf Scholz"},
		},
		{
			name: "a role after a comma",
			body: "Paul Volcker, chairman of the Federal Reserve Board, spoke. At Chrysler, chairman Lee Iacocca agreed.",
			want: []string{"Lee Iacocca", "Paul Volcker"},
		},
		{
			name: "firms named like people",
			body: "The issue was led by Morgan Stanley and Co Inc, with Harris Upham and Co. " +
				"Morgan Stanley and Harris Upham sold it, with Goldman Sachs and Merrill Lynch Capital Markets, " +
				"and Merrill Lynch said demand was strong.",
		},
		{
			name: "organisations named with of",
			body: "It was backed by the National Association of Wheat Growers and the Bank of New York.",
		},
		{
			name: "table rows",
			body: "Wheat, in mln bushels: Start Stocks 1,009 Domestic Use 599 Total Use 1,049 End Stocks 978.",
		},
		{
			name: "compound adjectives",
			body: "A Carl Icahn-led group bid for the maker of the Soviet-made Lada.",
		},
		{
			name: "middle initial without a period",
			body: "President George W Bush met Bush aides.",
			want: []string{"George W Bush"},
		},
		{name: "empty", body: ""},
		{name: "punctuation only", body: "... -- !? (), “” ’ '"},
		{
			name: "most mentioned first, then by name",
			body: "Judge Ann Carter heard the case and Judge Bob Adams waited. Carter ruled. Carter left.",
			want: []string{"Ann Carter", "Bob Adams"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := People(tt.title, tt.body); !slices.Equal(got, tt.want) {
				t.Errorf("People(%q, %q)\ngot  %q;\nwant %q", tt.title, tt.body, got, tt.want)
			}
		})
	}
}

func TestPeopleCap(t *testing.T) {
	var b strings.Builder
	for _, first := range []string{"Alice", "Bruno", "Chloe", "Dmitri", "Elena"} {
		for _, last := range []string{"Abbott", "Barros", "Castro", "Dunne", "Evans"} {
			b.WriteString("We met Mr " + first + " " + last + " today. ")
		}
	}
	if got := People("", b.String()); len(got) != maxPeople {
		t.Errorf("got %d names; want %d", len(got), maxPeople)
	}
}

// TestPeopleReuters checks, on real Reuters stories, that the people the
// corpus README names most often are found where the text names them. A few
// misses are allowed for what the rules deliberately leave out, such as
// typos ("Treasury Secertary James Baker") and a portfolio with no title
// before a name ("U.S. Treasury James Baker"). The corpus is not part of the
// repository, so the test is skipped without it.
func TestPeopleReuters(t *testing.T) {
	const dir = "../../../shared/corpus/reuters"
	files, _ := filepath.Glob(filepath.Join(dir, "*", "*.txt"))
	if len(files) == 0 {
		t.Skipf("no Reuters corpus in %s", dir)
	}
	slices.Sort(files)
	checked, missed := 0, 0
	for _, path := range files {
		if checked >= 200 {
			break
		}
		title, body := mustReadReuters(t, path)
		for _, name := range []string{"Paul Volcker", "James Baker"} {
			if !strings.Contains(body, name) {
				continue
			}
			checked++
			if got := People(title, body); !slices.Contains(got, name) {
				missed++
				t.Logf("%s: got %q; want it to hold %q", path, got, name)
			}
		}
	}
	if checked < 100 || missed*20 > checked {
		t.Errorf("got %d misses in %d stories naming Paul Volcker or James Baker; "+
			"want at least 100 stories, at most 5%% missed", missed, checked)
	}
}

// mustReadReuters splits a converted Reuters story into its title (the first
// line after the date) and its body.
func mustReadReuters(t *testing.T, path string) (title, body string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	head, rest, _ := strings.Cut(string(data), "\n")
	fields := strings.SplitN(strings.TrimSpace(head), " ", 3)
	if len(fields) == 3 {
		title = fields[2]
	}
	return title, strings.TrimSpace(rest)
}

func BenchmarkPeople(b *testing.B) {
	sentences := []string{
		"US Secretary of State Marco Rubio and Steve Witkoff, the special envoy, are expected to travel to France on Monday.",
		"Witkoff is set to meet French President Emmanuel Macron, while Rubio will speak with Foreign Minister Jean-Noël Barrot.",
		"The White House said the talks would cover trade, energy and the war in Ukraine, and officials in Washington agreed.",
		"Treasury Secretary Scott Bessent told reporters that markets had been calm since the announcement last week.",
		"“We are making progress,” Bessent said, adding that the dollar was stable and that rates would hold.",
		"Analysts at the International Monetary Fund said growth would slow to 2.8 percent in the coming year.",
		"Chancellor Friedrich Merz, speaking in Berlin, called the plan a step toward a lasting peace in Europe.",
		"Merz met Ursula von der Leyen, the European Commission president, and later spoke with Rubio by phone.",
	}
	// About 600 words, in paragraphs of eight sentences.
	var article strings.Builder
	for i, words := 0, 0; words < 600; i++ {
		s := sentences[i%len(sentences)]
		article.WriteString(s)
		article.WriteString(" ")
		if i%len(sentences) == len(sentences)-1 {
			article.WriteString("\n\n")
		}
		words += len(strings.Fields(s))
	}
	body := article.String()
	b.ReportAllocs()
	for b.Loop() {
		People("Rubio and Witkoff head to Paris for talks", body)
	}
}

func TestAbbreviation(t *testing.T) {
	for word, want := range map[string]bool{"Mr": true, "mr": true, "GEN": true, "etc": true, "No": true, "Smith": false, "it": false, "": false} {
		if got := Abbreviation(word); got != want {
			t.Errorf("Abbreviation(%q) = %v; want %v", word, got, want)
		}
	}
}
