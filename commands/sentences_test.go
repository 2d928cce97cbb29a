package commands

import (
	"slices"
	"testing"
)

func TestSplitSentences(t *testing.T) {
	tests := []struct {
		name, body string
		want       []string
	}{
		{"plain", "The envoy left. He will return on Monday.",
			[]string{"The envoy left.", "He will return on Monday."}},
		{"titles are not ends", "Mr. Smith met Dr. Jones in the U.S. capital. They talked.",
			[]string{"Mr. Smith met Dr. Jones in the U.S. capital.", "They talked."}},
		{"a figure before a full stop", "Sales rose to $11.1bn from $10.9bn. Its profits were buoyed by one-off gains.",
			[]string{"Sales rose to $11.1bn from $10.9bn.", "Its profits were buoyed by one-off gains."}},
		{"quotes", `"We are ready," he said. "Are you?" she asked.`,
			[]string{`"We are ready," he said.`, `"Are you?" she asked.`}},
		{"paragraphs never join", "No full stop at the end of this paragraph\n\nNext paragraph.",
			[]string{"No full stop at the end of this paragraph", "Next paragraph."}},
		{"decimals and initials", "Rates rose 0.25 points. J.P. Morgan said so.",
			[]string{"Rates rose 0.25 points.", "J.P. Morgan said so."}},
		// The wires capitalise the word after U.S.: the sentence goes on,
		// unless the next opens one.
		{"a capital after initials", "Chinese exports to the U.S. In 1986 rose 65 pct. Investors may lighten their U.S. Bond holdings.",
			[]string{"Chinese exports to the U.S. In 1986 rose 65 pct.", "Investors may lighten their U.S. Bond holdings."}},
		{"a sentence after initials", "It has filed a patent in the U.S. The vaccine is in clinical tests.",
			[]string{"It has filed a patent in the U.S.", "The vaccine is in clinical tests."}},
		{"left to Punkt in a text that writes U.S. economy", "The U.S. economy grew. Investors may lighten their U.S. Bond holdings.",
			[]string{"The U.S. economy grew.", "Investors may lighten their U.S.", "Bond holdings."}},
		{"an ellipsis is no initials", `"We want to make the robots useful for people ... If the robots moved slower, users would be frustrated," he said.`,
			[]string{`"We want to make the robots useful for people ...`, `If the robots moved slower, users would be frustrated," he said.`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for i, s := range splitSentences(tt.body) {
				got = append(got, s.Text)
				if tt.body[s.Start:s.End] != s.Text || s.Index != i {
					t.Errorf("sentence %d %q: offsets [%d:%d] hold %q", i, s.Text, s.Start, s.End, tt.body[s.Start:s.End])
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %q; want %q", got, tt.want)
			}
		})
	}
}

func TestTrimDateline(t *testing.T) {
	tests := []struct{ in, want string }{
		{"VIENNA, March 5 - OPEC kept its output ceiling.", "OPEC kept its output ceiling."},
		{"NEW YORK, MARCH 3 - Crude oil prices rallied today.", "Crude oil prices rallied today."},
		{"Greensboro, N.C., June 2 - A judge will decide.", "A judge will decide."},
		{"SAN ANTONIO, TEXAS, March 31 - Energy futures now set the standard.", "Energy futures now set the standard."},
		{"BRUSSELS, MARch 9 - The following import levies are effective.", "The following import levies are effective."},
		{"SYDNEY, April - <The Australian Gas Light Co> raised its offer.", "<The Australian Gas Light Co> raised its offer."},
		{"SAN JOSE, Calif., - Trace Products said it will appeal.", "Trace Products said it will appeal."},
		{"0 LONDON, April 29 - The U.K. Economy looks stronger.", "The U.K. Economy looks stronger."},
		// Not datelines.
		{"Iran - US talks resumed in Oman on Saturday.", "Iran - US talks resumed in Oman on Saturday."},
		{"The vote, March 5 - a day late - went ahead.", "The vote, March 5 - a day late - went ahead."},
		{"US special envoy Steve Witkoff met Putin.", "US special envoy Steve Witkoff met Putin."},
	}
	for _, tt := range tests {
		if got := trimDateline(tt.in); got != tt.want {
			t.Errorf("trimDateline(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

func TestLeansOnContext(t *testing.T) {
	leaning := []string{
		"He is expected to travel to Moscow later this week.",
		"It was Witkoff's third meeting with Putin this year.",
		"But happy days soon collapsed into panic.",
		"The company said the purchases would begin at once.",
		"The bank also cut its discount rate.",
		"Following are extracts from the communique.",
		"VIENNA, March 5 - They agreed to keep output at 15.8 mln barrels.",
		"\"It is a good deal,\" he said.",
	}
	standing := []string{
		"US special envoy Steve Witkoff met Putin in St Petersburg.",
		"The dollar fell against the yen.",
		"Traders said prices moved.",
		"Heavy rain closed the coast road.",
		"Thousands marched in Paris.",
	}
	for _, s := range leaning {
		if !leansOnContext(s) {
			t.Errorf("leansOnContext(%q) = false; want true", s)
		}
	}
	for _, s := range standing {
		if leansOnContext(s) {
			t.Errorf("leansOnContext(%q) = true; want false", s)
		}
	}
}

// A sentence opening with a surname that the article gave in full before
// leans on it, unless the question asks about the name or the news is full
// of it; a sentence on a name the article did not give otherwise stands.
func TestNamedBefore(t *testing.T) {
	body := "Analyst Stephen Sosnick said sales fell. U.S. Congress passed the bill. The Japanese surplus grew. Planning Board officials met.\n\n" +
		"Sosnick said the outlook is weak. Congress points to the deficit. Japanese exports rose. Board officials said growth slowed. Board Chairman Ito spoke. Reuters said nothing."
	sentences := splitSentences(body)
	never := func(string) bool { return false }
	tests := []struct {
		sentence string
		asked    []string
		known    func(string) bool
		want     bool
	}{
		{"Sosnick said the outlook is weak.", nil, never, true},
		{"Sosnick said the outlook is weak.", []string{"Sosnick"}, never, false},
		{"Sosnick said the outlook is weak.", nil, func(name string) bool { return name == "Sosnick" }, false},
		{"Congress points to the deficit.", nil, never, false},    // after initials: "U.S. Congress"
		{"Japanese exports rose.", nil, never, false},             // after "The"
		{"Board officials said growth slowed.", nil, never, true}, // which board?
		{"Board Chairman Ito spoke.", nil, never, false},          // a name that goes on
		{"Reuters said nothing.", nil, never, false},              // not given before
	}
	for _, tt := range tests {
		i := slices.IndexFunc(sentences, func(s sentence) bool { return s.Text == tt.sentence })
		if i < 0 {
			t.Fatalf("no sentence %q in %q", tt.sentence, body)
		}
		if got := namedBefore(body, sentences[i], tt.asked, tt.known); got != tt.want {
			t.Errorf("namedBefore(%q, asked %q) = %v; want %v", tt.sentence, tt.asked, got, tt.want)
		}
	}
}
