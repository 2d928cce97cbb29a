package commands

import (
	"strings"
	"testing"
	"time"
)

func TestReadDates(t *testing.T) {
	// A Wednesday; the newest article is of the day before yesterday.
	now := time.Date(2025, 5, 7, 15, 4, 0, 0, time.UTC)
	cal := calendar{Now: now, Latest: func() time.Time { return time.Date(2025, 5, 5, 0, 0, 0, 0, time.UTC) }}
	tests := []struct{ question, period, rest string }{
		{"what happened yesterday?", "6 May 2025", "what happened"},
		{"oil news today", "7 May 2025", "oil news"},
		{"tariffs this week", "5 May – 7 May 2025", "tariffs"},
		{"what happened with oil last week?", "the week of 28 April 2025", "what happened with oil"},
		{"Macron this month", "1 May – 7 May 2025", "Macron"},
		{"Macron last month", "April 2025", "Macron"},
		{"sugar in March", "March 2025", "sugar"},
		// A month without a year is the latest at or before the newest
		// article: an archive's June is found.
		{"sugar news from June", "June 2024", "sugar news"},
		{"talks on 17 April", "17 April 2025", "talks"},
		{"talks on April 17th, 2024", "17 April 2024", "talks"},
		{"the 17th of April talks", "17 April 2025", "talks"},
		{"Witkoff since Monday", "since 5 May 2025", "Witkoff"},
		{"Witkoff in 2024", "2024", "Witkoff"},
		{"copper between March and June", "March – June 2024", "copper"},
		{"copper between February and April", "February – April 2025", "copper"},
		{"copper from March to April", "March – April 2025", "copper"},
		{"gold over the past 3 days", "4 May – 7 May 2025", "gold"},
		{"gold in the last couple of weeks", "23 April – 7 May 2025", "gold"},
		{"gold 3 days ago", "4 May 2025", "gold"},
		{"oil before April", "before 1 April 2025", "oil"},
		{"oil after March", "since 1 April 2025", "oil"},
		{"oil on 2025-04-01", "1 April 2025", "oil"},
		{"oil in October 1987", "October 1987", "oil"},
		{"Iran talks in March since Monday", "", "Iran talks"},
		{"rain on 29 February", "29 February 2024", "rain"},
		{"oil news from early March", "1 March – 10 March 2025", "oil news"},
		{"sugar in late April", "21 April – 30 April 2025", "sugar"},
		{"oil in mid-March", "11 March – 20 March 2025", "oil"},
		{"oil in mid March 1987", "11 March – 20 March 1987", "oil"},
		{"gold at the end of February", "21 February – 28 February 2025", "gold"},
		{"gold at the start of April", "1 April – 10 April 2025", "gold"},
		{"grain news on the 20th", "20 April 2025", "grain news"}, // the newest article is of 5 May
		{"grain news on the 3rd", "3 May 2025", "grain news"},
		{"oil prices in the last 24 hours", "6 May – 7 May 2025", "oil prices"},
		{"coffee news from the weekend", "3 May – 4 May 2025", "coffee news"},
		{"coffee news from last weekend", "3 May – 4 May 2025", "coffee news"},
		{"copper in the first week of April", "1 April – 7 April 2025", "copper"},
		{"cocoa in the second half of April?", "16 April – 30 April 2025", "cocoa"},
		{"tin in the first half of March", "1 March – 15 March 2025", "tin"},
		{"sugar news back in march pls", "March 2025", "sugar news pls"},
		{"back in the game", "", "back in the game"},
		{"wheat news 1st week of march", "1 March – 7 March 2025", "wheat news"},
		{"rate cuts in 2nd half of march?", "16 March – 31 March 2025", "rate cuts"},
		{"lead & zinc feb", "February 2025", "lead & zinc"},
		{"cocoa jun", "June 2024", "cocoa"},
		{"coffee prices mar", "March 2025", "coffee prices"},
		{"news about Jan", "", "news about Jan"},
		{"dec earnings", "", "dec earnings"},
		{"did strikes mar coal output?", "", "did strikes mar coal output"},
		{"what's the apr on mortgages", "", "what the apr on mortgages"},
		{"oil news oct", "October 2024", "oil news"},
		{"share buy back in june", "June 2024", "share buy back"},
		{"trade news from march 24th to 26th", "24 March – 26 March 2025", "trade news"},
		{"gold and silver prices the week of march 19", "the week of 17 March 2025", "gold and silver prices"},
		{"oil from march 30th to 2nd", "30 March – 2 April 2025", "oil"},
		{"rates from march 3 to 5 pct", "3 March 2025", "rates to 5 pct"},
		{"copper in the third week of April", "15 April – 21 April 2025", "copper"},
		{"dollar since last week", "since 28 April 2025", "dollar"},
		{"dollar since yesterday", "since 6 May 2025", "dollar"},
		{"cocoa from 1 March onwards", "since 1 March 2025", "cocoa"},
		{"any mergers from may on?", "since 1 May 2025", "any mergers"},
		{"what happened between 1 and 5 June with wheat", "1 June – 5 June 2024", "what happened with wheat"},
		{"interest rates in the spring", "March – May 2025", "interest rates"},
		{"interest rates on friday april 17", "17 April 2025", "interest rates"},
		{"dollar a week ago", "30 April 2025", "dollar"},
		{"dollar a week ago today", "30 April 2025", "dollar"},
		// Said on a Wednesday, "last wednesday" is a week ago, not today.
		{"crude last wednesday", "30 April 2025", "crude"},
		{"crude last monday", "5 May 2025", "crude"},
		{"crude on wednesday", "7 May 2025", "crude"},
		{"yen monday last week", "28 April 2025", "yen"},
		{"lumber the week before last", "the week of 21 April 2025", "lumber"},
		{"gold year to date", "1 January – 7 May 2025", "gold"},
		{"gold month to date", "1 May – 7 May 2025", "gold"},
		{"yen tuesday of last week", "29 April 2025", "yen"},
		// A weekend named by a day is that one, not the last.
		{"oil on the weekend of 12 april", "12 April – 13 April 2025", "oil"},
		{"oil the weekend of 15-16 march", "15 March – 16 March 2025", "oil"},
		{"oil the weekend of 10 april", "12 April – 13 April 2025", "oil"},
		{"gold march 87", "March 1987", "gold"},
		{"cocoa in march '34", "March 2034", "cocoa"},
		{"coffee in feb '36", "February 1936", "coffee"},
		{"copper in Q2", "April – June 2025", "copper"},
		{"opec news march thru june", "March – June 2024", "opec news"},
		{"opec march to april", "March – April 2025", "opec"},
		{"coffee from march till now", "1 March – 7 May 2025", "coffee"},
		{"oil in the past 72 hrs", "4 May – 7 May 2025", "oil"},
		{"oil news last 24h", "6 May – 7 May 2025", "oil news"},
		{"oil news past 3d", "4 May – 7 May 2025", "oil news"},
		{"sugar ytd", "1 January – 7 May 2025", "sugar"},
		{"opec news march-april", "March – April 2025", "opec news"},
		{"gold news 1-15 march", "1 March – 15 March 2025", "gold news"},
		{"the us-japan chip fight", "", "the us-japan chip fight"},
		{"the 3-2 vote", "", "the 3-2 vote"},
		{"oil news yesterdy", "6 May 2025", "oil news"},
		{"gold betwen march and june", "March – June 2024", "gold"},
		{"gold inbetween march and june", "March – June 2024", "gold"},
		{"trade stuff thru april", "April 2025", "trade stuff"},
		{"gold in marhc", "March 2025", "gold"},
		{"gold in aprl", "April 2025", "gold"},
		{"gold last wek", "the week of 28 April 2025", "gold"},
		{"gold past 3 dayz", "4 May – 7 May 2025", "gold"},
		{"gold news ystday", "6 May 2025", "gold news"},
		{"yen sinse monday", "since 5 May 2025", "yen"},
		{"GOLD NEWS YESTRDAY", "6 May 2025", "GOLD NEWS"},
		{"Yestrday gold", "6 May 2025", "gold"},
		{"opec between march & june", "March – June 2024", "opec"},
		{"oil news yday", "6 May 2025", "oil news"},
		{"dollar last wk", "the week of 28 April 2025", "dollar"},
		{"interest rates this qtr", "1 April – 7 May 2025", "interest rates"},
		{"the yen so far this yr", "1 January – 7 May 2025", "the yen so far"},
		{"3rd qtr net", "", "3rd qtr net"},
		{"decent oil news", "", "decent oil news"},
		{"what is opec up to this week", "5 May – 7 May 2025", "what is opec up to"},
		{"why did bonds fall 1/2 point", "", "why did bonds fall 1/2 point"},
		{"opec cut output by 1/4", "", "opec cut output by 1/4"},
		{"coffee exports june 45 pct higher", "June 2024", "coffee exports 45 pct higher"},
		{"in the summer of 1987", "June – August 1987", ""},
		{"gold in the fall of 1987", "September – November 1987", "gold"},
		{"oil at the start of the year", "January 2025", "oil"},
		{"oil since the start of the month", "since 1 May 2025", "oil"},
		{"any news from May on the dollar", "May 2025", "any news on the dollar"},
		{"dollar in the last week of trading", "30 April – 7 May 2025", "dollar of trading"},
		{"copper in the first quarter", "January – March 2025", "copper"},
		{"copper in the 3rd quarter of 1987", "July – September 1987", "copper"},
		{"copper during 1q 87", "January – March 1987", "copper"},
		{"earnings for the third quarter", "", "earnings for the third quarter"},
		{"q3 earnings", "", "q3 earnings"},
		{"last quarter results for ibm", "", "last quarter results for ibm"},
		{"q4 2024 earnings", "", "q4 2024 earnings"},
		{"earnings the third quarter of 2024", "", "earnings the third quarter of 2024"},
		{"19 oct 87 stocks", "19 October 1987", "stocks"},
		{"coffee in feb '87", "February 1987", "coffee"},
		{"coffee feb 25", "25 February 2025", "coffee"},
		{"dollar a couple weeks ago", "23 April 2025", "dollar"},
		{"dollar the last couple days", "5 May – 7 May 2025", "dollar"},
		{"dollar the other day", "30 April – 6 May 2025", "dollar"},
		{"dollar in recent weeks", "16 April – 7 May 2025", "dollar"},
		{"gold last spring", "March – May 2024", "gold"},
		{"gold this spring", "March – May 2025", "gold"},
		{"oil so far this month", "1 May – 7 May 2025", "oil so far"},
		{"mon 19 oct stocks", "19 October 2024", "stocks"},
		{"sun news", "", "sun news"},
		{"what happened on 10/19", "19 October 2024", "what happened"},
		{"oil on 19/10/87", "19 October 1987", "oil"},
		{"oil on 4/17/1987", "17 April 1987", "oil"},
		{"oil on 4/31", "", "oil on 4/31"},
		{"what happened the day before yesterday", "5 May 2025", "what happened"},
		{"sugar up to 15 March", "before 16 March 2025", "sugar"},
		{"what OPEC is up to in March", "March 2025", "what OPEC is up to"},
		{"dollar in the last week", "30 April – 7 May 2025", "dollar"},
		{"dollar in the last month", "7 April – 7 May 2025", "dollar"},
		{"dollar last month", "April 2025", "dollar"},
		{"oil in the last week of March", "25 March – 31 March 2025", "oil"},
		{"sugar prices over the summer", "June – August 2024", "sugar prices"},
		{"gold in the fall", "September – November 2024", "gold"},
		{"gold since the fall of the dollar", "", "gold since the fall of the dollar"},
		{"summer sales", "", "summer sales"},
		{"wheat from the 3rd to the 7th of April", "3 April – 7 April 2025", "wheat"},
		{"any news from May on coffee", "May 2025", "any news on coffee"},
		{"trade news yesterday and today", "6 May – 7 May 2025", "trade news"},
		{"wheat over the past fortnight", "23 April – 7 May 2025", "wheat"},
		{"late trading in tin", "", "late trading in tin"},
		{"the end of the strike", "", "the end of the strike"},
		{"rain on 31 February", "February 2025", "rain on 31"}, // no such day: the month
		// Words that are not dates here.
		{"Theresa May", "", "Theresa May"},
		{"news about May", "", "news about May"},
		{"the march on Washington", "", "the march on Washington"},
		{"1987 crash", "", "1987 crash"},
		{"in the news", "", "in the news"},
		// As chat writes dates: a weekday alone, a possessive without its
		// apostrophe, dates in figures as the world writes them, its
		// shorthand, hedges, and ranges to today.
		{"coffee monday", "5 May 2025", "coffee"},
		{"monday dollar news", "5 May 2025", "dollar news"},
		{"dollar this monday", "5 May 2025", "dollar"},
		{"Black Monday", "", "Black Monday"},
		{"what happened on black monday", "", "what happened on black monday"},
		{"yesterdays wheat news", "6 May 2025", "wheat news"},
		{"this weeks yen news", "5 May – 7 May 2025", "yen news"},
		{"yen 9.4.25", "9 April 2025", "yen"},
		{"oil 19.10.2024", "19 October 2024", "oil"},
		{"yen 2025/04/09", "9 April 2025", "yen"},
		{"dollar 4-9-25", "9 April 2025", "dollar"},
		{"oil on 2-mar-25", "2 March 2025", "oil"},
		{"dollar 9apr", "9 April 2025", "dollar"},
		{"stocks 4/19", "19 April 2025", "stocks"},
		{"bonds fell 1/2 point", "", "bonds fell 1/2 point"},
		{"bonds up 1/16", "", "bonds up 1/16"},
		{"a 1/5 stake", "", "a 1/5 stake"},
		{"the 3-2 vote", "", "the 3-2 vote"},
		{"oil 20.10 dlrs", "", "oil 20.10 dlrs"},
		{"opec over the wknd", "3 May – 4 May 2025", "opec"},
		{"oil prices last nite", "6 May – 7 May 2025", "oil prices"},
		{"yen mtd", "1 May – 7 May 2025", "yen"},
		{"sugar news b4 april", "before 1 April 2025", "sugar news"},
		{"wheat prior to june", "before 1 June 2024", "wheat"},
		{"las vegas casinos", "", "las vegas casinos"},
		{"baker around march 20", "20 March 2025", "baker"},
		{"dollar from last week to today", "28 April – 7 May 2025", "dollar"},
		{"oil from last month to now", "1 April – 7 May 2025", "oil"},
		{"sugar from june to date", "1 June 2024 – 7 May 2025", "sugar"},
		{"yen from 20 march to 10 march", "10 March – 20 March 2025", "yen"},
		{"opec march 2-6", "2 March – 6 March 2025", "opec"},
		{"news on the May Department Stores", "", "news on the May Department Stores"},
		{"july coffee futures", "", "july coffee futures"},
		{"g7 thursday the 9th of april", "9 April 2025", "g7"},
		{"gold monday the 5th", "5 May 2025", "gold"},
		{"gold good friday", "", "gold good friday"},
		{"oil late monday", "5 May 2025", "oil"},
		{"sunday times report", "", "sunday times report"},
		{"gold next monday", "", "gold next monday"}, // days to come: the newest news
		{"prices may first fall", "", "prices may first fall"},
		{"gold drop to around 2000", "", "gold drop to around 2000"},
		{"sugar rose to 8.10.", "", "sugar rose to 8.10."},
		{"24/7 coverage", "", "24/7 coverage"},
		{"2/3 of opec", "", "2/3 of opec"},
		{"yen 3/3", "3 March 2025", "yen"},
		{"in june, futures fell", "June 2024", "futures fell"},
		{"opec h1 2024", "January – June 2024", "opec"},
		{"first half results", "", "first half results"},
		{"cocoa in the second half of the month", "", "cocoa in the second half of the month"},
		{"from yesterday to last week", "28 April – 6 May 2025", ""},
		{"from last week to the day before yesterday", "28 April – 5 May 2025", ""},
		{"from april 25 to may 10", "25 April – 10 May 2025", ""},
		{"dollar on friday the 13th", "13 December 2024", "dollar"},
		{"gatt from the start of the year", "since 1 January 2025", "gatt"},
		{"stocks october nineteenth", "19 October 2024", "stocks"},
		{"oil the first of april", "1 April 2025", "oil"},
		{"wheat this quarter", "1 April – 7 May 2025", "wheat"},
		{"trade last quarter", "January – March 2025", "trade"},
		{"rates in the first half of 2024", "January – June 2024", "rates"},
		{"sugar 2q 2024", "April – June 2024", "sugar"},
		{"cocoa in the first half of march", "1 March – 15 March 2025", "cocoa"},
	}
	for _, tt := range tests {
		t.Run(tt.question, func(t *testing.T) {
			p := parse(tt.question, cal, nil)
			var rest []string
			for _, tok := range p.tokens {
				rest = append(rest, tok.text)
			}
			got := ""
			if p.hasPeriod {
				got = p.period.String()
			}
			if tt.question == "Iran talks in March since Monday" {
				// Both hold: March ends before Monday.
				if !p.hasPeriod || p.period.Until.IsZero() || p.period.Until.After(p.period.Since) {
					t.Errorf("period %v; want one that holds no day", p.period)
				}
			} else if got != tt.period {
				t.Errorf("period %q; want %q", got, tt.period)
			}
			if s := strings.Join(rest, " "); s != tt.rest {
				t.Errorf("words left %q; want %q", s, tt.rest)
			}
		})
	}
}

func TestPeriodWithin(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2025, 4, d, 0, 0, 0, 0, time.UTC) }
	asked := Period{day(1), day(30)}
	if got := asked.Within(Period{Since: day(10)}); got != (Period{day(10), day(30)}) {
		t.Errorf("April within since 10 April = %v", got)
	}
	if got := (Period{}).Within(Period{Since: day(10)}); got != (Period{Since: day(10)}) {
		t.Errorf("no period within since 10 April = %v", got)
	}
	if got := asked.Within(Period{Until: day(5)}); got != (Period{day(1), day(5)}) {
		t.Errorf("April within before 5 April = %v", got)
	}
	none := (Period{day(1), day(5)}).Within(Period{Since: day(20)})
	if got := none.String(); got != "since 20 April 2025 and before 5 April 2025" {
		t.Errorf("1-4 April within since 20 April reads %q; want both limits, not a range run backwards", got)
	}
	if got := none.phrase(); got != none.String() {
		t.Errorf("after a verb, 1-4 April within since 20 April reads %q; want %q", got, none.String())
	}
}

func TestDayMeant(t *testing.T) {
	saturday := time.Date(2025, 4, 12, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		sentence string
		want     string
	}{
		{"Witkoff met Putin in St Petersburg on Friday.", "2025-04-11"},
		{"The talks ended yesterday.", "2025-04-11"},
		{"Ministers meet today in Oman.", "2025-04-12"},
		{"He arrived on Saturday.", "2025-04-12"},
		{"He left last Saturday.", "2025-04-05"},
		{"Talks begin on Monday.", ""}, // ahead, not the last Monday
		{"He will fly to Oman on Monday.", ""},
		{"Talks resumed in Rome.", ""},
		// A deadline is ahead, though the sentence tells what was done.
		{"The institute has given shippers until close of business on Thursday to submit details, so that quotas can be allocated.", ""},
		{"The meeting was adjourned until Monday, officials said.", ""},
		// The day after the story's: tomorrow, or the next morning where
		// the story was written, not six days before.
		{"Sunday's hog slaughter is guesstimated at about 40,000 head.", ""},
		{"The dollar was holding firm at above 142 yen on Sunday morning.", ""},
		{"Talks ended last Sunday.", "2025-04-06"},
		{"Prices fell sharply on Sunday, dealers said.", ""},
		{"Prices fell sharply on Monday, dealers said.", "2025-04-07"},
		// What is set to happen, in the present.
		{"The Bundesbank said little before its council meets on Thursday, dealers added.", ""},
		{"The council met on Thursday, dealers added.", "2025-04-10"},
	}
	for _, tt := range tests {
		got, ok := DayMeant(tt.sentence, saturday)
		if s := got.Format(time.DateOnly); ok != (tt.want != "") || ok && s != tt.want {
			t.Errorf("DayMeant(%q) = %s, %v; want %q", tt.sentence, s, ok, tt.want)
		}
	}
}
