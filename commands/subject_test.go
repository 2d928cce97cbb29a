package commands

import (
	"reflect"
	"testing"

	"newsbot/index/news"
)

func TestSubject(t *testing.T) {
	tests := []struct{ question, want string }{
		{"Witkoff", "Witkoff"},
		{"Steve Witkoff's", "Steve Witkoff"},
		{"Steve Witkoff’s", "Steve Witkoff"},
		{"Iran trade talks", "Iran trade talks"},
		{"what's new about Macron?", "Macron"},
		{"What’s new with Emmanuel Macron??", "Emmanuel Macron"},
		{"hey, what's the latest on Ukraine", "Ukraine"},
		{"who is Kirill Dmitriev?", "Kirill Dmitriev"},
		{"Who's Witkoff", "Witkoff"},
		{"tell me about the Paris talks", "Paris talks"},
		{"any news on Iran lately?", "Iran"},
		{"news about Jean-Noël Barrot", "Jean-Noël Barrot"},
		{"latest on tariffs please", "tariffs"},
		{"  \"Rubio\"  ", "Rubio"},
		{"New Zealand", "New Zealand"},
		{"News Corp", "News Corp"},
		{"what's new?", ""},
		{"", ""},
		{"???", ""},
		{"AT&T", "AT&T"},
		{"Reuters' reporters", "Reuters reporters"},
		{"Maros\u030c Sefcovic", "Maroš Sefcovic"},
		{"Wit\u200bkoff", "Witkoff"},
		{"what's new about Witkoff -Putin?", "Witkoff -Putin"},
		{"'Blair'", "Blair"},
		{"ＶＯＬＣＫＥＲ", "VOLCKER"},
		{"Blair, Brown", "Blair, Brown"},
		{"news about J.P. Morgan and the U.S. Treasury?", "J.P. Morgan and the U.S. Treasury"},
		{"what's new about Blair, Brown and Kennedy?", "Blair, Brown and Kennedy"},
		{"Blair,", "Blair"},
		{"‘Blair’s rivals’", "Blair rivals"},
		// Mentions and custom emoji are not subjects.
		{"<@123456> <@!42> tell me about Reagan <:pepe:9876>", "Reagan"},
		{"@newsbot what's new about Volcker <#77> <@&5>?", "Volcker"},
		{"news@example.com", "news@example.com"},
		// A link pasted in is no subject.
		{"saw this https://bit.ly/3xYzAbc gold crash?", "gold crash"},
		{"<https://example.com/a?b=c> oil", "oil"},
		{"www.example.com coffee", "coffee"},
		// A greeting that starts a name stays; one that starts a question goes.
		{"Hey Jude", "Hey Jude"},
		{"So Solid Crew", "So Solid Crew"},
		{"Please Please Me", "Please Please Me"},
		{"Hey, Macron?", "Macron"},
		{"hey what's new about Macron", "Macron"},
		{"Please tell me about Macron", "Macron"},
		{"ok Macron", "Macron"},
		// Questions as typed in a chat: question words, auxiliaries, light
		// verbs, scaffolding and politeness go, whatever the phrase.
		{"what happened with oil prices?", "oil prices"},
		{"why did the stock market crash in October?", "stock market crash"},
		{"has anything happened with coffee?", "coffee"},
		{"morning all. steel industry news?", "steel industry"},
		// As hurried people type: a comma without its space, "vs", "b/c",
		// "yoy".
		{"west germany rates,bundesbank cutting or no?", "west germany rates, bundesbank cutting"},
		// A slash between words parts them, and two names.
		{"dollar/yen this week", "dollar, yen"},
		{"US/Japan chip row", "US, Japan chip row"},
		{"lead/zinc/copper prices", "lead, zinc, copper prices"},
		{"1,250 tonnes of sugar", "1,250 tonnes sugar"},
		{"DOLLAR VS YEN WHATS GOING ON", "DOLLAR, YEN"},
		{"is dollar falling b/c of the trade deficit", "dollar falling trade deficit"},
		{"bank profits up or down yoy", "bank profits"},
		{"why is the yen sooo strong", "yen strong"},
		{"goood news on tin", "good tin"},
		{"World War III", "World War III"},
		{"did the coffee quota talks go anywhere", "coffee quota talks"},
		{"what is the US trade deficit right now", "US trade deficit"},
		{"aluminum prices compared to copper", "aluminum prices copper"},
		{"I saw James Baker on TV again talking about the dollar", "James Baker dollar"},
		{"who's taking over dome petroleum", "dome petroleum"},
		{"what about silver, same picture?", "silver"},
		{"can someone explain what the louvre accord actually is and whether its working", "louvre accord working"},
		{"which companies put out results before march?", "companies results"},
		{"put options on bonds", "put options bonds"},
		{"japanese tv exports", "japanese tv exports"},
		{"motion picture industry", "motion picture industry"},
		{"Whether OPEC will cut output", "OPEC cut output"},
		{"sooo, what about the yen", "yen"},
		{"yen is baaad", "yen bad"},
		{"what's the latest on aaa bonds", "aaa bonds"},
		{"who's trying to buy usair", "buy usair"},
		{"what's up with the Bank of England?", "Bank of England"},
		{"what did the BANK of England do", "BANK of England"},
		{"anything new on Iran?", "Iran"},
		{"is there news about tariffs", "tariffs"},
		{"catch me up on the Paris talks pls", "Paris talks"},
		{"money supply figures? thx", "money supply figures"},
		{"coffee prices since the talks collapsed", "coffee prices talks collapsed"},
		{"copper mine shutdowns?", "copper mine shutdowns"},
		{"I'd like an update on cocoa", "cocoa"},
		{"I’m curious about cocoa", "cocoa"},
		{"any idea why gold is up?", "gold"},
		{"summarize the latest on wheat for me", "wheat"},
		{"news re: tin", "tin"},
		{"talk to me about coffee", "coffee"},
		{"what's the buzz on cocoa", "cocoa"},
		{"keep me posted on sugar", "sugar"},
		{"tell me abt copper tbh", "copper"},
		{"compare gold and silver", "gold silver"},
		{"should i worry about inflation", "inflation"},
		{"Fed's Johnson", "Fed, Johnson"},
		{"what did Japan’s Nakasone say?", "Japan, Nakasone"},
		{"Steve Witkoff's trip", "Steve Witkoff trip"},
		{"recap of the stock market crash", "stock market crash"},
		{"give me an overview of trade talks", "trade talks"},
		{"where do things stand with Ukraine?", "Ukraine"},
		{"give me the rundown on Witkoff", "Witkoff"},
		{"why is the dollar falling?", "dollar falling"},
		{"how much did gold rise?", "gold rise"},
		{"what are people saying about Macron?", "Macron"},
		{"Is Macron in Paris?", "Macron, Paris"},
		{"what's up w/ oil", "oil"},
		{"news from last week about sugar", "sugar"},
		{"Theresa May", "Theresa May"},
		{"Charles de Gaulle airport", "Charles de Gaulle airport"},
		{"Bank of", "Bank"},
	}
	for _, tt := range tests {
		t.Run(tt.question, func(t *testing.T) {
			if got := Subject(tt.question, nil); got != tt.want {
				t.Errorf("Subject(%q) = %q; want %q", tt.question, got, tt.want)
			}
		})
	}
}

// With the aliases, a subject reads their terms and names as an answer
// does: a digest topic or a followed subject finds what /news finds.
func TestSubjectWithAliases(t *testing.T) {
	aliases, err := LoadAliases("")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ question, want string }{
		{"current account surplus", "current account surplus"},
		{"Current account surplus?", "Current account surplus"},
		{"US-Japan trade", "US, Japan trade"},
		{"the Iran–Iraq war", "Iran, Iraq war"},
		{"catch me up on the us-japan trade fight", "US, Japan trade fight"},
		{"euro-zone news", "euro-zone"}, // not names the list knows
		{"U.S./Japan chips", "U.S., Japan chips"},
		{"latest on the current account", "current account"},
		{"current, account", "account"}, // a comma ends the term
		// A name's possessive typed without its apostrophe is the name.
		{"hows britains economy doing", "britain economy"},
		{"japans trade surplus", "japan trade surplus"},
		{"US wheat sales to the soviets", "US wheat sales soviet"},
		{"oil prices", "oil prices"},
		{"the Philippines", "Philippines"},
		// A term's second word misspelled by one letter is the term's.
		{"current acount deficit figs", "current account deficit figs"},
		{"current amount", "amount"},
	}
	for _, tt := range tests {
		t.Run(tt.question, func(t *testing.T) {
			if got := Subject(tt.question, aliases); got != tt.want {
				t.Errorf("Subject(%q) = %q; want %q", tt.question, got, tt.want)
			}
		})
	}
}

func TestSubjectQuery(t *testing.T) {
	aliases := Aliases{"kiev": {"Kyiv"}, "kyiv": {"Kiev"}}
	tests := []struct {
		subject string
		want    news.Query
	}{
		{"Witkoff", news.Query{Words: []string{"Witkoff"}}},
		{"Witkoff -Putin --Trump", news.Query{Words: []string{"Witkoff"}, Without: []string{"Putin", "Trump"}}},
		// A hyphen inside a word, or standing alone, leaves nothing out.
		{"Jean-Noël Barrot - talks", news.Query{Words: []string{"Jean-Noël", "Barrot", "-", "talks"}}},
		{"war -Kiev", news.Query{Words: []string{"war"}, Without: []string{"Kiev"}, Aliases: map[string][]string{"Kiev": {"Kyiv"}}}},
	}
	for _, tt := range tests {
		if got := SubjectQuery(tt.subject, aliases); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("SubjectQuery(%q) = %+v; want %+v", tt.subject, got, tt.want)
		}
	}
}
