package commands

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Period is the span of days a question asks about, [Since, Until); either end
// may be open (zero).
type Period struct {
	Since, Until time.Time
}

// IsZero reports whether the period sets no limit.
func (p Period) IsZero() bool { return p.Since.IsZero() && p.Until.IsZero() }

// Within narrows p to the days that other holds too: a question's "in
// October" and a command's since: both hold.
func (p Period) Within(other Period) Period {
	if other.Since.After(p.Since) {
		p.Since = other.Since
	}
	if !other.Until.IsZero() && (p.Until.IsZero() || other.Until.Before(p.Until)) {
		p.Until = other.Until
	}
	return p
}

// Union is the days from the first of p's and other's to the last of
// them: "yesterday and today", "March and June" with the months between.
// An open end stays open.
func (p Period) Union(other Period) Period {
	if other.Since.Before(p.Since) {
		p.Since = other.Since
	}
	if p.Until.IsZero() || other.Until.IsZero() {
		p.Until = time.Time{}
	} else if other.Until.After(p.Until) {
		p.Until = other.Until
	}
	return p
}

// String names the period as people do: "17 April 1987", "October 1987",
// "the week of 12 October 1987", "since 5 October 1987", "March – June 1987";
// a period of no day by both its limits, never as a range run backwards.
func (p Period) String() string {
	const day = "2 January 2006"
	since, until := p.Since, p.Until
	last := until.AddDate(0, 0, -1)
	switch {
	case p.IsZero():
		return ""
	case until.IsZero():
		return "since " + since.Format(day)
	case since.IsZero():
		return "before " + until.Format(day)
	case !until.After(since):
		// two periods asked for together that share no day: "in March
		// since Monday"
		return "since " + since.Format(day) + " and before " + until.Format(day)
	case until.Equal(since.AddDate(0, 0, 1)):
		return since.Format(day)
	case since.Day() == 1 && until.Equal(since.AddDate(0, 1, 0)):
		return since.Format("January 2006")
	case since.YearDay() == 1 && until.Equal(since.AddDate(1, 0, 0)):
		return since.Format("2006")
	case since.Weekday() == time.Monday && until.Equal(since.AddDate(0, 0, 7)):
		return "the week of " + since.Format(day)
	case since.Day() == 1 && until.Day() == 1 && since.Year() == last.Year():
		return since.Format("January") + " – " + last.Format("January 2006")
	case since.Year() == last.Year():
		return since.Format("2 January") + " – " + last.Format(day)
	}
	return since.Format(day) + " – " + last.Format(day)
}

// phrase is the period after a verb: "in May 1987", "on 17 April 1987",
// "since 5 October 1987".
func (p Period) phrase() string {
	s := p.String()
	switch {
	case p.Since.IsZero() || p.Until.IsZero() || !p.Until.After(p.Since):
		return s
	case p.Until.Equal(p.Since.AddDate(0, 0, 1)):
		return "on " + s
	}
	return "in " + s
}

// unit is the length of the period a date phrase names, which the nearest
// periods with news are named in when the asked one has none.
type unit int

const (
	days unit = iota
	weeks
	months
	years
)

// calendar resolves the dates of a question. Words that count back from today
// ("yesterday", "last week", "since Monday") count from Now; a month or a day
// named without a year ("in June", "on 17 April") is the most recent one at or
// before Latest, the date of the newest article, so that an archive's June is
// found. Latest is asked for only when needed.
type calendar struct {
	Now    time.Time
	Latest func() time.Time
}

func (c calendar) today() time.Time { return c.Now.UTC().Truncate(24 * time.Hour) }

// anchor is the day a date without a year is at or before.
func (c calendar) anchor() time.Time {
	if latest := c.Latest(); !latest.IsZero() {
		return latest.UTC().Truncate(24 * time.Hour)
	}
	return c.today()
}

// span is one date phrase read: the days it names, and their unit.
type span struct {
	Period
	unit unit
}

var monthNumbers = map[string]time.Month{
	"january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
	"may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
	"september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
	"december": 12, "dec": 12,
}

// seasonStarts are the months the seasons begin in, in the northern
// hemisphere, where the wires' readers mostly are: each lasts three months.
// "fall" before a connector or a preposition is an event ("since the fall
// of the dollar"), unless a year follows ("the fall of 1987").
var seasonStarts = map[string]time.Month{"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}

// latestBegun is the latest three months beginning in month start (a
// season, a quarter) that have begun by day, or, when ended is set, have
// ended by it.
func latestBegun(start time.Month, day time.Time, ended bool) Period {
	d := time.Date(day.Year(), start, 1, 0, 0, 0, 0, time.UTC)
	for d.After(day) || ended && d.AddDate(0, 3, 0).After(day) {
		d = d.AddDate(-1, 0, 0)
	}
	return Period{d, d.AddDate(0, 3, 0)}
}

// threeMonths is the three months from month start of the year at
// words[j], after an "of" or not ("the summer of 1987", "Q1 87"), and how
// many words the year took; without one, the latest begun by the anchor.
func (c calendar) threeMonths(words []string, j int, start time.Month) (Period, int) {
	k := j
	if k+1 < len(words) && words[k] == "of" {
		k++
	}
	if year, ok := c.yearAfterDate(words, k); ok {
		d := time.Date(year, start, 1, 0, 0, 0, 0, time.UTC)
		return Period{d, d.AddDate(0, 3, 0)}, k + 1 - j
	}
	return latestBegun(start, c.anchor(), false), 0
}

// weekdayAbbreviations are dates only before a date: "fri 17 apr", not Sun
// Co.
var weekdayAbbreviations = wordsOf("mon tue tues wed thu thur thurs fri sat sun")

var weekdays = map[string]time.Weekday{
	"sunday": time.Sunday, "monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday,
	"thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday,
}

func isWeekday(w string) bool {
	_, ok := weekdays[w]
	return ok
}

// ambiguousMonths are month names that are also common words ("may",
// "march"): alone, without a preposition, a day or a year, they are not
// dates. Other month names are, however typed ("sugar news june"); so are
// their abbreviations as a question's last word, as chat ends one ("cocoa
// jun", "lead & zinc feb"), where "dec earnings", "strikes mar output" and
// "the apr on mortgages" end otherwise. An abbreviation that is also a name
// ("Jan") is a month there in lower case only.
var (
	ambiguousMonths    = wordsOf("may march")
	monthAbbreviations = wordsOf("jan feb mar apr jun jul aug sep sept oct nov dec")
	monthsOrNames      = wordsOf("jan dec")
)

// units follow a number that is no day: "from March 3 to 5 pct".
var units = wordsOf("pct percent % cents dlrs dollars points mln bln million billion tonnes")

// backVerbs take "back" as their particle: "buy back", "cut back".
var backVerbs = wordsOf(`buy buys buying bought cut cuts cutting scale scales scaling scaled roll rolls rolling rolled
	pay pays paying paid pull pulls pulling pulled fight fights fighting fought bounce bounced come comes came
	go goes went hold holds held step steps stepped set sets sell sells sold give gives gave`)

// datePrepositions say how a date limits the period: "in October" is
// October, "since October" from its first day on.
// "around", "circa" and "roughly" hedge a date, which is read as named; but
// not a year, which they hedge as an amount ("gold drop to around 2000").
const hedgeWords = "around circa approx approximately roughly"

var (
	hedges           = wordsOf(hedgeWords)
	datePrepositions = wordsOf("in on at during from since after before until till through throughout over within for between " + hedgeWords)
)

// readDates finds the date phrases among words, in lower case, and returns the
// period they name together with the indexes of the words they take.
func (c calendar) readDates(words []string, capitalised []bool) (span, map[int]bool, bool) {
	taken := map[int]bool{}
	var found span
	ok := false
	end := -1 // where the last phrase ended
	for i := 0; i < len(words); {
		s, n := c.datePhraseAt(words, capitalised, i)
		if n == 0 {
			i++
			continue
		}
		for j := i; j < i+n; j++ {
			taken[j] = true
		}
		switch {
		case !ok:
			found, ok = s, true
		case i == end+1 && (words[end] == "and" || words[end] == "or"):
			// "yesterday and today": both
			taken[end] = true
			found.Period = found.Union(s.Period)
			found.unit = min(found.unit, s.unit)
		default:
			found.Period = found.Within(s.Period)
			found.unit = min(found.unit, s.unit)
		}
		i += n
		end = i
	}
	return found, taken, ok
}

// datePhraseAt reads a date phrase beginning at words[i], with its
// preposition, and returns the span and how many words it took (0 for none).
func (c calendar) datePhraseAt(words []string, capitalised []bool, i int) (span, int) {
	prep := ""
	start := i
	// "back in June": a date in the past, as all are here; but "a share buy
	// back in June" is a buyback.
	if i+1 < len(words) && words[i] == "back" && datePrepositions[words[i+1]] && (i == 0 || !backVerbs[words[i-1]]) {
		i++
	}
	// "over the past 3 days", "in the last week", "up to 15 March"
	for i < len(words) && datePrepositions[words[i]] && prep == "" {
		prep = words[i]
		i++
	}
	if prep == "" && i+1 < len(words) && words[i] == "prior" && words[i+1] == "to" {
		prep = "before" // "wheat prior to june"
		i += 2
	}
	// but "what is OPEC up to this week" asks what it is doing
	if prep == "" && i+1 < len(words) && words[i] == "up" && words[i+1] == "to" {
		if date, n := c.dateAt(words, capitalised, i+2, true); n > 0 && date.unit <= months {
			prep = "until"
			i += 2
		}
	}
	the := i < len(words) && words[i] == "the"
	if the {
		i++
	}
	// "the weekend of March 14": that Saturday and Sunday, or those nearest
	// a weekday
	if i+2 < len(words) && words[i] == "weekend" && words[i+1] == "of" {
		if days, n := c.daysOfOneMonthAt(words, capitalised, i+2, ""); n > 0 {
			return limitedBy(prep, days), i + 2 + n - start // "the weekend of 14-15 March"
		}
		if day, n := c.dateAt(words, capitalised, i+2, true); n > 0 && day.unit == days {
			return limitedBy(prep, span{weekendNearest(day.Since), days}), i + 2 + n - start
		}
	}
	// "monday last week", "tuesday of last week": that day of the week before this
	if wd, ok := weekdays[wordAfter(words, i-1)]; ok && i+2 < len(words) {
		j := i + 1
		if words[j] == "of" {
			j++
		}
		if j+1 < len(words) && words[j] == "last" && words[j+1] == "week" {
			day := lastWeekday(c.today(), time.Monday).AddDate(0, 0, -7+(int(wd)+6)%7)
			return limitedBy(prep, span{Period{day, day.AddDate(0, 0, 1)}, days}), j + 2 - start
		}
	}
	if s, n := c.relativeAt(words, i, the); n > 0 {
		// "from last week to today", "from yesterday till now", "from 2
		// weeks ago to last week": a range, of which the phrase begins.
		if j := i + n; j+1 < len(words) && rangeWords[words[j]] && words[j] != "and" && (prep == "from" || prep == "") {
			if toNow[words[j+1]] {
				return span{Period{s.Since, c.today().AddDate(0, 0, 1)}, s.unit}, j + 2 - start
			}
			k, the := j+1, words[j+1] == "the"
			if the {
				k++ // "to the day before yesterday"
			}
			last, m := c.relativeAt(words, k, the)
			if m == 0 {
				last, m = c.dateAt(words, capitalised, k, true) // "from the start of the year to june"
			}
			if m > 0 {
				return span{c.rangeOf(s, last), min(s.unit, last.unit)}, k + m - start
			}
		}
		if prep == "from" && (words[i] == "start" || words[i] == "beginning") {
			prep = "since" // "from the start of the year"
		}
		return limitedBy(prep, s), i + n - start
	}
	// "the week of March 16", as answers name a week: Monday to Sunday
	if i+2 < len(words) && words[i] == "week" && words[i+1] == "of" {
		if day, n := c.dateAt(words, capitalised, i+2, true); n > 0 && day.unit == days {
			monday := lastWeekday(day.Since, time.Monday)
			return limitedBy(prep, span{Period{monday, monday.AddDate(0, 0, 7)}, weeks}), i + 2 + n - start
		}
	}
	if s, n := c.daysOfOneMonthAt(words, capitalised, i, prep); n > 0 {
		return s, i + n - start
	}
	// "copper in Q2", "in the second quarter": a quarter of a year; but
	// "earnings for the third quarter" and "q4 1986 earnings" are its
	// results, reported after it.
	if s, n := c.quarterAt(words, i); n > 0 && prep != "for" && (prep != "" || n > 1 && c.yearNamed(words, i+n-1)) &&
		!quarterResults[wordAfter(words, i+n-1)] && !quarterResults[wordBefore(words, start)] {
		return limitedBy(prep, s), i + n - start
	}
	first, n := c.dateAt(words, capitalised, i, prep != "")
	if n == 0 || hedges[prep] && first.unit == years {
		return span{}, 0 // "gold drop to around 2000" is a price
	}
	i += n
	// "from 1 March on", "from March onwards"; but "news from May on
	// coffee" is May's, on coffee.
	onwards := i < len(words) && (words[i] == "onwards" || words[i] == "onward" || words[i] == "on" && !subjectAfter(words, i+1))
	if prep == "from" && onwards {
		first.Until = time.Time{}
		return first, i + 1 - start
	}
	// "from May till now", "from June to date"
	if i+1 < len(words) && rangeWords[words[i]] && words[i] != "and" && toNow[words[i+1]] {
		return span{Period{first.Since, c.today().AddDate(0, 0, 1)}, first.unit}, i + 2 - start
	}
	// "from March to June", "between March and June", "from March 24th to
	// 26th": a bare day after a day is of its month
	if i+1 < len(words) && rangeWords[words[i]] && (prep == "from" || prep == "between" || words[i] != "and") {
		if day, ok := dayOf(words[i+1]); ok && first.unit == days && !isMonthAfter(words, i+2) && !(i+2 < len(words) && units[words[i+2]]) {
			// "from March 30th to 2nd" ends in April
			for month := first.Since.Month(); month <= first.Since.Month()+1; month++ {
				if last := time.Date(first.Since.Year(), month, day, 0, 0, 0, 0, time.UTC); last.After(first.Since) && last.Day() == day {
					return span{Period{first.Since, last.AddDate(0, 0, 1)}, days}, i + 2 - start
				}
			}
		}
		if last, m := c.dateAt(words, capitalised, i+1, true); m > 0 {
			if !last.Since.After(first.Since) && last.unit == months && first.unit == months {
				first.Since = first.Since.AddDate(-1, 0, 0)
			}
			return span{c.rangeOf(first, last), min(first.unit, last.unit)}, i + 1 + m - start
		}
	}
	return limitedBy(prep, first), i - start
}

// subjectAfter reports whether words from i on begin with a subject, past
// the words that only lead to one: "on the dollar", not "on" alone.
func subjectAfter(words []string, i int) bool {
	for ; i < len(words); i++ {
		if k := classify(words[i]); k >= name {
			return true
		} else if !stopWords[words[i]] {
			return false
		}
	}
	return false
}

// daysOfOneMonthAt reads days of the month that the last of them names:
// "between 1 and 5 June", "from the 3rd to the 7th of April", "1-15 March".
func (c calendar) daysOfOneMonthAt(words []string, capitalised []bool, i int, prep string) (span, int) {
	// "1 and 5 June" is a range after "between" only; "1-15 March" and
	// "1 to 5 June" are without a preposition too.
	joined := prep == "from" || prep == "between" || prep == "" && i+1 < len(words) && words[i+1] != "and"
	if i+2 >= len(words) || !rangeWords[words[i+1]] || !joined {
		return span{}, 0
	}
	first, ok := dayOf(words[i])
	if !ok {
		return span{}, 0
	}
	j := i + 2
	if words[j] == "the" {
		j++
	}
	if j >= len(words) {
		return span{}, 0
	}
	if _, ok := dayOf(words[j]); !ok {
		return span{}, 0
	}
	last, n := c.dateAt(words, capitalised, j, true)
	if n == 0 || last.unit != days || last.Since.Day() < first {
		return span{}, 0
	}
	since := last.Since.AddDate(0, 0, first-last.Since.Day())
	return span{Period{since, last.Until}, days}, j + n - i
}

// quarterAt reads a quarter of a year ("Q2", "2Q", "the second quarter",
// "3rd quarter of 1987", "q1 87") or a half ("h1", "the first half of
// 1987", "the second half of the year"); without a year, the latest begun
// by the anchor.
func (c calendar) quarterAt(words []string, i int) (span, int) {
	if i >= len(words) {
		return span{}, 0
	}
	q, n, quarters := 0, 0, 1
	w := words[i]
	switch {
	case len(w) == 2 && (w[0] == 'q' && w[1] >= '1' && w[1] <= '4'):
		q, n = int(w[1]-'0'), 1
	case len(w) == 2 && (w[1] == 'q' && w[0] >= '1' && w[0] <= '4'):
		q, n = int(w[0]-'0'), 1
	case len(w) == 2 && w[0] == 'h' && (w[1] == '1' || w[1] == '2'):
		q, n, quarters = 2*int(w[1]-'0')-1, 1, 2 // "h1": a half of the year
	case i+1 < len(words) && words[i+1] == "quarter":
		if k, ok := ordinals[w]; ok {
			q, n = k+1, 2
		}
	case i+1 < len(words) && words[i+1] == "half":
		// "the first half of 1987", "of the year", or alone; but "the
		// first half of March" is its first days, and of "the month" or
		// "last year" is none read here
		k, ok := ordinals[w]
		switch {
		case !ok || k >= 2:
		case i+2 == len(words) || words[i+2] != "of" || c.yearNamed(words, i+3):
			q, n, quarters = 2*k+1, 2, 2
		case i+4 < len(words) && (words[i+3] == "the" || words[i+3] == "this") && words[i+4] == "year":
			q, n, quarters = 2*k+1, 5, 2
		}
	}
	if n == 0 {
		return span{}, 0
	}
	p, year := c.threeMonths(words, i+n, time.Month(3*q-2))
	p.Until = p.Since.AddDate(0, 3*quarters, 0)
	return span{p, months}, n + year
}

// ordinalDays are the days of a month in words: "october nineteenth", "the
// first of april".
var ordinalDays = func() map[string]int {
	days := map[string]int{}
	for i, w := range strings.Fields(`first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth
		thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth`) {
		days[w] = i + 1
	}
	for i, w := range strings.Fields("first second third fourth fifth sixth seventh eighth ninth") {
		days["twenty-"+w] = 21 + i
	}
	days["thirtieth"], days["thirty-first"] = 30, 31
	return days
}()

// quarterResults are a quarter's results, which come out after it: "last
// quarter results for ibm".
var quarterResults = wordsOf("results earnings profit profits net loss losses numbers figures revenue revenues sales")

// yearNamed reports whether the word at i is a year: "gold 1q 1987", "opec h1
// 87", "the first half of 1987", without a preposition before them, are
// periods.
func (c calendar) yearNamed(words []string, i int) bool {
	_, ok := c.yearAfterDate(words, i)
	return ok
}

// rangeOf is the days from first to last. A last that ends before first
// begins was typed backwards ("from 20 march to 10 march", "from yesterday
// to last week") and is swapped, unless the year after it is near: "from
// october 15 to october 25", where the newest article is of 20 October,
// reads 25 October of the year before as the latest at or before it.
func (c calendar) rangeOf(first, last span) Period {
	if last.Until.After(first.Since) {
		return Period{first.Since, last.Until}
	}
	if later := last.Until.AddDate(1, 0, 0); !later.After(first.Since.AddDate(0, 1, 0)) {
		return Period{first.Since, later}
	}
	return Period{last.Since, first.Until}
}

// rangeWords join the ends of a range of days or months: "from 1 to 5
// June", "march thru june".
var rangeWords = wordsOf(`to until till through thru and -`)

// toNow end a range today: "from May till now", "from June to date".
var toNow = wordsOf(`now today date present`)

// limitedBy is the days that prep makes of s: "since" March goes on from
// its first day, "after" March from the day after it, "before" and
// "until" end it.
func limitedBy(prep string, s span) span {
	switch prep {
	case "since":
		s.Until = time.Time{}
	case "after":
		s.Since, s.Until = s.Until, time.Time{}
	case "before":
		s.Until, s.Since = s.Since, time.Time{}
	case "until", "till":
		s.Since = time.Time{}
	}
	return s
}

// relativeAt reads the phrases that count back from today: "today",
// "yesterday", "this week", "last month", "past 3 days", "last few weeks".
func (c calendar) relativeAt(words []string, i int, the bool) (span, int) {
	if i >= len(words) {
		return span{}, 0
	}
	today := c.today()
	tomorrow := today.AddDate(0, 0, 1)
	monday := lastWeekday(today, time.Monday)
	firstOfMonth := today.AddDate(0, 0, 1-today.Day())
	firstOfYear := today.AddDate(0, 0, 1-today.YearDay())
	firstOfQuarter := time.Date(today.Year(), (today.Month()-1)/3*3+1, 1, 0, 0, 0, 0, time.UTC)
	// toDate is the span from the start of this week, month or year to
	// today: "this month", "month to date".
	toDate := func(unit string) (span, bool) {
		switch unit {
		case "week":
			return span{Period{monday, tomorrow}, weeks}, true
		case "month":
			return span{Period{firstOfMonth, tomorrow}, months}, true
		case "year":
			return span{Period{firstOfYear, tomorrow}, years}, true
		}
		return span{}, false
	}
	if i+2 < len(words) && words[i+1] == "to" && words[i+2] == "date" {
		if s, ok := toDate(words[i]); ok {
			return s, 3 // "year to date", as "ytd"
		}
	}
	switch words[i] {
	case "today", "tonight":
		return span{Period{today, tomorrow}, days}, 1
	case "yesterday":
		return span{Period{today.AddDate(0, 0, -1), today}, days}, 1
	case "day": // "the day before yesterday"
		if i+2 < len(words) && words[i+1] == "before" && words[i+2] == "yesterday" {
			return span{Period{today.AddDate(0, 0, -2), today.AddDate(0, 0, -1)}, days}, 3
		}
	case "week": // "the week before last"
		if i+2 < len(words) && words[i+1] == "before" && words[i+2] == "last" {
			return span{Period{monday.AddDate(0, 0, -14), monday.AddDate(0, 0, -7)}, weeks}, 3
		}
	case "other": // "the other day": some day of the last week
		if i+1 < len(words) && words[i+1] == "day" {
			return span{Period{today.AddDate(0, 0, -7), today}, days}, 2
		}
	case "start", "beginning":
		// "at the start of the month": its first days, as of a month
		// named ("the start of June"); "since the start of the month"
		// goes on from them.
		if i+3 < len(words) && words[i+1] == "of" && words[i+2] == "the" {
			switch words[i+3] {
			case "week":
				return span{Period{monday, monday.AddDate(0, 0, 2)}, days}, 4
			case "month":
				return span{firstThird(Period{firstOfMonth, firstOfMonth.AddDate(0, 1, 0)}), days}, 4
			case "year":
				return span{Period{firstOfYear, firstOfYear.AddDate(0, 1, 0)}, months}, 4
			}
		}
	case "weekend": // "the weekend"
		return span{c.weekend(), days}, 1
	case "ytd": // the year to date
		return span{Period{firstOfYear, tomorrow}, years}, 1
	case "mtd":
		return span{Period{firstOfMonth, tomorrow}, months}, 1
	case "wtd":
		return span{Period{monday, tomorrow}, weeks}, 1
	}
	if i+1 >= len(words) {
		return span{}, 0
	}
	next := words[i+1]
	// "this weeks news", "last months figures": a possessive typed without
	// its apostrophe; but "the last weeks of March" are weeks.
	if (next == "weeks" || next == "months") && !the && (words[i] == "this" || words[i] == "last") && !(i+2 < len(words) && words[i+2] == "of") {
		next = strings.TrimSuffix(next, "s")
	}
	if start, ok := seasonStarts[next]; ok && (words[i] == "this" || words[i] == "last") {
		// "this summer", "last spring": the latest begun by today, or,
		// for "last", ended by it
		return span{latestBegun(start, today, words[i] == "last"), months}, 2
	}
	switch words[i] {
	case "recent": // "in recent weeks": the last few
		switch next {
		case "days", "weeks", "months":
			return c.back(3, next, 2)
		}
	case "this":
		if s, ok := toDate(next); ok {
			return s, 2
		}
		switch next {
		case "morning", "afternoon", "evening":
			return span{Period{today, tomorrow}, days}, 2
		case "weekend":
			return span{c.weekend(), days}, 2
		case "quarter":
			if !quarterResults[wordAfter(words, i+1)] {
				return span{Period{firstOfQuarter, tomorrow}, months}, 2
			}
		}
		if wd, ok := weekdays[next]; ok {
			return span{c.weekday(wd), days}, 2 // "this monday", as chat says of the last
		}
	case "last", "past", "previous":
		if next == "week" && i+3 < len(words) && words[i+2] == "of" && monthNumbers[words[i+3]] != 0 {
			return span{}, 0 // "the last week of March": see monthPartAt
		}
		// "last week" is the one before this; "in the last week" the past
		// seven days, as "the past week" is.
		calendarUnit := words[i] == "last" && !the
		switch next {
		case "week":
			if calendarUnit {
				return span{Period{monday.AddDate(0, 0, -7), monday}, weeks}, 2
			}
			return span{Period{today.AddDate(0, 0, -7), tomorrow}, weeks}, 2
		case "month":
			if calendarUnit {
				return span{Period{firstOfMonth.AddDate(0, -1, 0), firstOfMonth}, months}, 2
			}
			return span{Period{today.AddDate(0, -1, 0), tomorrow}, months}, 2
		case "year":
			if calendarUnit {
				return span{Period{firstOfYear.AddDate(-1, 0, 0), firstOfYear}, years}, 2
			}
			return span{Period{today.AddDate(-1, 0, 0), tomorrow}, years}, 2
		case "night":
			return span{Period{today.AddDate(0, 0, -1), tomorrow}, days}, 2
		case "weekend":
			return span{c.weekend(), days}, 2
		case "fortnight":
			return c.back(1, next, 2)
		case "quarter":
			if quarterResults[wordAfter(words, i+1)] {
				break // "last quarter results" are reported after it
			}
			if calendarUnit {
				return span{Period{firstOfQuarter.AddDate(0, -3, 0), firstOfQuarter}, months}, 2
			}
			return span{Period{today.AddDate(0, -3, 0), tomorrow}, months}, 2
		}
		if wd, ok := weekdays[next]; ok {
			// "last wednesday" said on a Wednesday is a week ago
			day := c.weekday(wd)
			if day.Since.Equal(today) {
				day = Period{today.AddDate(0, 0, -7), today.AddDate(0, 0, -6)}
			}
			return span{day, days}, 2
		}
		// "past 3 days", "last few weeks", "past couple of days", and
		// joined, "last 24h", "past 3d"
		count, n := countAt(words, i+1)
		if n > 0 && i+1+n < len(words) {
			return c.back(count, words[i+1+n], 2+n)
		}
		if m := countAndUnit.FindStringSubmatch(next); m != nil {
			if count, n := countAt(m[1:2], 0); n > 0 {
				return c.back(count, m[2], 2)
			}
		}
	}
	// "3 days ago" is a day; "the last 3 days" is handled above.
	if count, n := countAt(words, i); n > 0 && i+n+1 < len(words) && words[i+n+1] == "ago" {
		if s, m := c.back(count, words[i+n], n+1); m > 0 {
			s.Until = s.Since.AddDate(0, 0, 1)
			if wordAfter(words, i+m) == "today" {
				m++ // "a week ago today" counts from today, as "ago" does
			}
			return span{s.Period, days}, m + 1
		}
	}
	return span{}, 0
}

// back is the period of the last count days, weeks, months or years to today.
func (c calendar) back(count int, word string, n int) (span, int) {
	today := c.today()
	tomorrow := today.AddDate(0, 0, 1)
	unit := strings.TrimSuffix(word, "s")
	if full, ok := unitAbbreviations[unit]; ok {
		unit = full // "the past 72 hrs", "last 2 wks"
	}
	switch unit {
	case "hour": // "the last 24 hours": today and the days they reach back into
		return span{Period{today.AddDate(0, 0, -(count+23)/24), tomorrow}, days}, n
	case "day":
		return span{Period{today.AddDate(0, 0, -count), tomorrow}, days}, n
	case "week":
		return span{Period{today.AddDate(0, 0, -7*count), tomorrow}, weeks}, n
	case "fortnight":
		return span{Period{today.AddDate(0, 0, -14*count), tomorrow}, weeks}, n
	case "month":
		return span{Period{today.AddDate(0, -count, 0), tomorrow}, months}, n
	case "year":
		return span{Period{today.AddDate(-count, 0, 0), tomorrow}, years}, n
	}
	return span{}, 0
}

// countAndUnit is a count and a unit of time typed as one word: "24h",
// "3d", "2wks".
var countAndUnit = regexp.MustCompile(`^(\d{1,3})([a-z]+)$`)

// unitAbbreviations are the units of time as chat shortens them.
var unitAbbreviations = map[string]string{"h": "hour", "hr": "hour", "d": "day", "wk": "week", "mo": "month", "mth": "month", "yr": "year"}

// countAt reads a small count: "3", "three", "few", "couple of".
func countAt(words []string, i int) (int, int) {
	if i >= len(words) {
		return 0, 0
	}
	if n, err := strconv.Atoi(words[i]); err == nil && n > 0 && n <= 1000 {
		return n, 1
	}
	counts := map[string]int{"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "ten": 10, "few": 3, "several": 5}
	if n, ok := counts[words[i]]; ok {
		return n, 1
	}
	if words[i] == "couple" {
		if i+1 < len(words) && words[i+1] == "of" {
			return 2, 2
		}
		return 2, 1 // "the last couple days"
	}
	// "a week ago", "a couple of days ago", "a few weeks ago"
	if words[i] == "a" || words[i] == "an" {
		if n, m := countAt(words, i+1); m > 0 {
			return n, m + 1
		}
		return 1, 1
	}
	return 0, 0
}

// weekend is the most recent Saturday and Sunday, today included.
func (c calendar) weekend() Period {
	saturday := lastWeekday(c.today().AddDate(0, 0, -1), time.Saturday) // on a Sunday, the day before
	return Period{saturday, saturday.AddDate(0, 0, 2)}
}

// weekday is the most recent day wd, today included.
func (c calendar) weekday(wd time.Weekday) Period {
	today := c.today()
	d := lastWeekday(today, wd)
	return Period{d, d.AddDate(0, 0, 1)}
}

// dateAt reads a calendar date at words[i]: "2025-04-01", "17 April",
// "April 17, 1987", "October", "June 1987", "1987", "Monday". Without a
// preposition before it, a bare month or year is read only when it cannot be
// anything else: "may" and "march" are words, "1987" may be a number.
func (c calendar) dateAt(words []string, capitalised []bool, i int, afterPreposition bool) (span, int) {
	if i >= len(words) {
		return span{}, 0
	}
	w := words[i]
	if d, err := time.Parse(time.DateOnly, w); err == nil {
		return span{Period{d, d.AddDate(0, 0, 1)}, days}, 1
	}
	// "Friday 17 April", "fri apr 17", "thursday the 9th of april": the
	// date says which Friday
	if _, ok := weekdays[w]; ok || weekdayAbbreviations[w] {
		j := i + 1
		if wordAfter(words, i) == "the" {
			j++
		}
		if date, n := c.dateAt(words, capitalised, j, true); n > 0 && date.unit == days {
			// "friday the 13th": the latest 13th that was a Friday
			if wd, ok := weekdays[w]; ok && j == i+2 && n == 1 && date.Since.Weekday() != wd {
				for back := 1; back <= 24; back++ {
					if d := date.Since.AddDate(0, -back, 0); d.Day() == date.Since.Day() && d.Weekday() == wd {
						return span{Period{d, d.AddDate(0, 0, 1)}, days}, j + n - i
					}
				}
			}
			return date, j + n - i
		}
	}
	// "early monday", "late friday": that day
	if isWeekday(wordAfter(words, i)) && (w == "early" || w == "late") {
		if day, n := c.dateAt(words, capitalised, i+1, true); n > 0 {
			return day, n + 1
		}
	}
	// "on Monday", and in chat "coffee monday"; but not in a name: "Black
	// Monday", "Tuesday Morning Inc".
	if wd, ok := weekdays[w]; ok && (afterPreposition || !inName(capitalised, i)) && !(i > 0 && (namedDays[words[i-1]] || words[i-1] == "next")) && !(i+1 < len(words) && newspapers[words[i+1]]) {
		return span{c.weekday(wd), days}, 1
	}
	if d, alone, ok := c.numericDate(w); ok && (alone || afterPreposition) && !(i+1 < len(words) && (units[words[i+1]] || words[i+1] == "point")) {
		// "on 10/19", "stocks 10/19"; but "bonds fell 1/2 point" is a fraction
		return span{Period{d, d.AddDate(0, 0, 1)}, days}, 1
	}
	if year, ok := yearOf(w); ok && afterPreposition {
		d := time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC)
		return span{Period{d, d.AddDate(1, 0, 0)}, years}, 1
	}
	// "in the spring", "over the summer": the latest begun by the anchor
	if start, ok := seasonStarts[w]; ok && afterPreposition {
		// "in the summer of 1987", "fall 1987"
		p, year := c.threeMonths(words, i+1, start)
		if event := w == "fall" && i+1 < len(words) && (connectors[words[i+1]] || datePrepositions[words[i+1]]); year > 0 || !event {
			return span{p, months}, 1 + year
		}
	}
	// "early March", "mid-April", "the end of June": a third of the month
	if part, n := monthPartAt(words, i); n > 0 {
		if month, m := c.dateAt(words, capitalised, i+n, true); m > 0 && month.unit == months {
			return span{part(month.Period), days}, n + m
		}
	}
	if rest, ok := strings.CutPrefix(w, "mid-"); ok {
		joined := append([]string{rest}, words[i+1:]...)
		if month, m := c.dateAt(joined, append([]bool{true}, capitalised[i+1:]...), 0, true); m > 0 && month.unit == months {
			return span{middleThird(month.Period), days}, m
		}
	}
	// "on the 20th": the latest such day at or before the anchor
	if day, ok := dayOf(w); ok && afterPreposition && w != strings.TrimRight(w, "stndrh") && !isMonthAfter(words, i+1) {
		anchor := c.anchor()
		for back := 0; back < 12; back++ {
			if d := time.Date(anchor.Year(), anchor.Month()-time.Month(back), day, 0, 0, 0, 0, time.UTC); d.Day() == day && !d.After(anchor) {
				return span{Period{d, d.AddDate(0, 0, 1)}, days}, 1
			}
		}
	}
	// "17 April [1987]", "17th of April", "the first of april"
	if day, ok := dayOf(w); ok || ordinalDays[w] > 0 && i+1 < len(words) && words[i+1] == "of" {
		if !ok {
			day = ordinalDays[w]
		}
		j := i + 1
		if j < len(words) && words[j] == "of" {
			j++
		}
		if j < len(words) {
			if m, ok := monthNumbers[words[j]]; ok {
				return c.day(words, j+1, m, day, j+1-i)
			}
		}
	}
	m, ok := monthNumbers[w]
	if !ok || monthOfAContract(words, i) || monthInAName(words, capitalised, i) {
		return span{}, 0
	}
	// "April 17[, 1987]", "october nineteenth", "march second"; but "prices
	// may first fall"
	if i+1 < len(words) {
		if day, ok := dayOf(words[i+1]); ok || ordinalDays[words[i+1]] > 0 && (afterPreposition || w != "may") {
			if !ok {
				day = ordinalDays[words[i+1]]
			}
			return c.day(words, i+2, m, day, 2)
		}
	}
	if i+1 < len(words) {
		if year, ok := c.yearAfterDate(words, i+1); ok {
			d := time.Date(year, m, 1, 0, 0, 0, 0, time.UTC)
			return span{Period{d, d.AddDate(0, 1, 0)}, months}, 2
		}
	}
	// "march to april": a month before another is one, whatever it is alone
	beginsRange := i+2 < len(words) && rangeWords[words[i+1]] && words[i+1] != "and" && monthNumbers[words[i+2]] != 0
	if !afterPreposition && !beginsRange && (ambiguousMonths[w] || monthAbbreviations[w] && (i < len(words)-1 || monthsOrNames[w] && capitalised[i])) {
		return span{}, 0
	}
	anchor := c.anchor()
	year := anchor.Year()
	if m > anchor.Month() {
		year--
	}
	d := time.Date(year, m, 1, 0, 0, 0, 0, time.UTC)
	return span{Period{d, d.AddDate(0, 1, 0)}, months}, 1
}

// namedDays name a day of the week as an event, not a date: "black
// monday", "cyber monday", "super tuesday".
var namedDays = wordsOf("black cyber blue bloody super good")

// newspapers are named after a day: "the sunday times report".
var newspapers = wordsOf("times telegraph express mirror post")

// contractWords follow a month that names a futures contract or a shipment,
// not a period: "july coffee futures", "cocoa for may shipment".
var contractWords = wordsOf("futures future contract contracts delivery deliveries shipment shipments")

// monthOfAContract reports whether the month at i names a contract: not
// after a preposition but "for" ("in june, futures fell").
func monthOfAContract(words []string, i int) bool {
	if i > 0 && datePrepositions[words[i-1]] && words[i-1] != "for" {
		return false
	}
	return i+1 < len(words) && contractWords[words[i+1]] || i+2 < len(words) && contractWords[words[i+2]]
}

// monthInAName reports whether the month at i, capitalised after "the",
// begins a name: "news on the May Department Stores", but not "in October
// Saudi cuts".
func monthInAName(words []string, capitalised []bool, i int) bool {
	return capitalised[i] && i > 0 && words[i-1] == "the" && i+1 < len(words) && capitalised[i+1] &&
		classify(words[i+1]) >= name && monthNumbers[words[i+1]] == 0
}

// eighths are the parts of a point that prices move in beyond a month's
// number: "bonds up 1/16", "5/32".
var eighths = wordsOf("16 32 64")

// wordBefore is the word before i, past a "the", or "" before the first:
// "earnings the third quarter".
func wordBefore(words []string, i int) string {
	if i > 0 && words[i-1] == "the" {
		i--
	}
	if i > 0 {
		return words[i-1]
	}
	return ""
}

// wordAfter is the word after i, or "" after the last.
func wordAfter(words []string, i int) string {
	if i+1 < len(words) {
		return words[i+1]
	}
	return ""
}

// inName reports whether the capitalised word at i stands beside another
// capitalised one: "Black Monday", "the May Department Stores".
func inName(capitalised []bool, i int) bool {
	return capitalised[i] && (i > 0 && capitalised[i-1] || i+1 < len(capitalised) && capitalised[i+1])
}

// numericDate reads a date in figures, as chat and the world write it:
// "10/19" and "10/19/87" month first, as American chat writes it, unless the
// first can be no month ("19/10"); "19.10.87" day first, as Europe writes
// it; "10-19-87", "19-10-1987", "1987/10/19", and with the month's name,
// "17-apr-87", "19-oct", "19oct", "oct19". Without a year it is the latest
// at or before the anchor; with dots or hyphens, it has one ("20.10" is a
// price, "3-2" a score). alone reports whether it can be read without a
// preposition before it: it has a year or a month's name, or it can be no
// fraction ("10/19", "3/3"; not "1/2 point", "2/3", "24/7").
func (c calendar) numericDate(w string) (date time.Time, alone, ok bool) {
	var month, day int
	var year string
	switch m := numericDatePattern.FindStringSubmatch(w); {
	case m != nil:
		first, _ := strconv.Atoi(m[1])
		second, _ := strconv.Atoi(m[3])
		month, day, year = first, second, m[4]
		if m[2] == "." || first > 12 {
			month, day = second, first
		}
		// "stocks 10/19", "yen 3/3", "wheat 20/10" are days; "2/3 of
		// opec", "1/5 of output", "24/7" and "8.10." ending a price are
		// not: a fraction is less than one, and of a denominator that
		// could be a month.
		alone = year != "" || m[2] == "/" && (first >= second || second > 12 && !eighths[m[3]]) && w != "24/7"
		if m[2] != "/" && year == "" {
			return time.Time{}, false, false
		}
	default:
		if m = yearFirstDatePattern.FindStringSubmatch(w); m != nil {
			month, _ = strconv.Atoi(m[2])
			day, _ = strconv.Atoi(m[3])
			year, alone = m[1], true
		} else if m = namedMonthDatePattern.FindStringSubmatch(w); m != nil {
			if m[1] == "" {
				m[1] = m[4]
			}
			day, _ = strconv.Atoi(m[1])
			month, year, alone = int(monthNumbers[m[2]]), m[3], true
		}
	}
	if month < 1 || month > 12 || day < 1 {
		return time.Time{}, false, false
	}
	words := []string{strconv.Itoa(day)}
	switch len(year) {
	case 2:
		words = append(words, "'"+year) // shortened, as in "'87"
	case 4:
		words = append(words, year)
	}
	s, n := c.day(words, 1, time.Month(month), day, 1)
	return s.Since, alone, n > 0
}

var (
	numericDatePattern    = regexp.MustCompile(`^(\d{1,2})([/.-])(\d{1,2})(?:[/.-](\d{4}|\d{2}))?\.?$`)
	yearFirstDatePattern  = regexp.MustCompile(`^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$`)
	namedMonthDatePattern = regexp.MustCompile(`^(\d{1,2})?-?(jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*(?:-(\d{4}|\d{2}))?(\d{1,2})?$`)
)

// day is the day of month m, with the year at words[i] when there is one, and
// otherwise the most recent at or before the anchor; n words were read before i.
func (c calendar) day(words []string, i int, m time.Month, day, n int) (span, int) {
	year, ok := c.yearAfterDate(words, i)
	if !ok {
		// The latest such day at or before the anchor; 29 February may be
		// a few years back.
		anchor := c.anchor()
		for year = anchor.Year(); year > anchor.Year()-8; year-- {
			if d := time.Date(year, m, day, 0, 0, 0, 0, time.UTC); d.Month() == m && !d.After(anchor) {
				break
			}
		}
	}
	d := time.Date(year, m, day, 0, 0, 0, 0, time.UTC)
	if d.Month() != m {
		return span{}, 0 // "31 February" is no day
	}
	if ok {
		n++
	}
	return span{Period{d, d.AddDate(0, 0, 1)}, days}, n
}

// monthPartAt reads the words that take part of a month: "early", "mid",
// "late", "the start of", "the end of" (a third of it), "the first week
// of". It returns the part of a month's days they take and how many words
// they are.
func monthPartAt(words []string, i int) (func(Period) Period, int) {
	if i >= len(words) {
		return nil, 0
	}
	of := i+1 < len(words) && words[i+1] == "of"
	// "the first half of April", "the 2nd half of April"
	if half, ok := ordinals[words[i]]; ok && half < 2 && i+2 < len(words) && words[i+1] == "half" && words[i+2] == "of" {
		return halves[half], 3
	}
	// "the first week of April", "1st week of march", "the last week of May"
	if week, ok := ordinals[words[i]]; ok && i+2 < len(words) && words[i+1] == "week" && words[i+2] == "of" {
		return func(p Period) Period { return Period{p.Since.AddDate(0, 0, 7*week), p.Since.AddDate(0, 0, 7*week+7)} }, 3
	}
	if words[i] == "last" && i+2 < len(words) && words[i+1] == "week" && words[i+2] == "of" {
		return func(p Period) Period { return Period{p.Until.AddDate(0, 0, -7), p.Until} }, 3
	}
	switch words[i] {
	case "early":
		return firstThird, 1
	case "mid", "middle":
		if of {
			return middleThird, 2
		}
		return middleThird, 1
	case "late":
		return lastThird, 1
	case "start", "beginning":
		if of {
			return firstThird, 2
		}
	case "end":
		if of {
			return lastThird, 2
		}
	}
	return nil, 0
}

// ordinals count the weeks and halves of a month, and the quarters and
// halves of a year, from 0.
var ordinals = map[string]int{"first": 0, "1st": 0, "second": 1, "2nd": 1, "third": 2, "3rd": 2, "fourth": 3, "4th": 3}

// halves are days 1-15 and 16 on of the month p.
var halves = [2]func(p Period) Period{
	func(p Period) Period { return Period{p.Since, p.Since.AddDate(0, 0, 15)} },
	func(p Period) Period { return Period{p.Since.AddDate(0, 0, 15), p.Until} },
}

// firstThird, middleThird and lastThird are days 1-10, 11-20 and 21 on of
// the month p.
func firstThird(p Period) Period { return Period{p.Since, p.Since.AddDate(0, 0, 10)} }
func middleThird(p Period) Period {
	return Period{p.Since.AddDate(0, 0, 10), p.Since.AddDate(0, 0, 20)}
}
func lastThird(p Period) Period { return Period{p.Since.AddDate(0, 0, 20), p.Until} }

// isMonthAfter reports whether words[i], or the word after an "of" there,
// names a month: "the 17th of April" is a day of April.
func isMonthAfter(words []string, i int) bool {
	if i < len(words) && words[i] == "of" {
		i++
	}
	if i >= len(words) {
		return false
	}
	_, ok := monthNumbers[words[i]]
	return ok
}

func yearOf(w string) (int, bool) {
	n, err := strconv.Atoi(w)
	return n, err == nil && len(w) == 4 && n >= 1900 && n <= 2100
}

// yearAfterDate reads the year at words[i], after a month or a day:
// "1987", or as chat shortens it, "'87" or "87", which can be no day and is
// no amount ("june 45 pct"): the latest year ending so at or before the
// anchor, or the one after it when that is within futureYears: of an
// archive ending in 1987, "march 88" is 1988, not 1888.
func (c calendar) yearAfterDate(words []string, i int) (int, bool) {
	if i >= len(words) {
		return 0, false
	}
	if year, ok := yearOf(words[i]); ok {
		return year, true
	}
	short := strings.TrimLeft(words[i], "'’")
	n, err := strconv.Atoi(short)
	if err != nil || len(short) != 2 || n <= 31 && short == words[i] || i+1 < len(words) && units[words[i+1]] {
		return 0, false
	}
	anchor := c.anchor().Year()
	year := anchor - anchor%100 + n
	if year > anchor {
		year -= 100
	}
	if year+100-anchor <= futureYears {
		year += 100
	}
	return year, true
}

// futureYears is how far after the anchor a year typed with two digits may
// be: further on, it is the century before.
const futureYears = 10

// dayOf reads a day of the month: "17", "17th", "1st".
func dayOf(w string) (int, bool) {
	for _, suffix := range []string{"st", "nd", "rd", "th"} {
		w = strings.TrimSuffix(w, suffix)
	}
	n, err := strconv.Atoi(w)
	return n, err == nil && len(w) <= 2 && n >= 1 && n <= 31
}

// relativeDay finds the day words a news sentence counts from its own date
// with: "today", "yesterday", "on Friday", "last Tuesday".
var relativeDay = regexp.MustCompile(`\b(?:(last) )?(today|tonight|yesterday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b`)

// DayMeant is the day that a sentence of an article dated dated means by its
// first relative day ("on Friday" in a Saturday's story is the day before),
// and false when it names none: a reader of the sentence alone, days later,
// cannot tell.
func DayMeant(sentence string, dated time.Time) (time.Time, bool) {
	m := relativeDay.FindStringSubmatch(sentence)
	if m == nil || dated.IsZero() {
		return time.Time{}, false
	}
	day := dated.UTC().Truncate(24 * time.Hour)
	switch m[2] {
	case "today", "tonight":
		return day, true
	case "yesterday":
		return day.AddDate(0, 0, -1), true
	}
	// "On Monday" is ahead in "talks begin on Monday", "he will fly on
	// Monday": only a sentence that tells what happened means the last one.
	if m[1] != "last" && (futureMarker.MatchString(sentence) || scheduled.MatchString(sentence) || !pastVerb.MatchString(sentence)) {
		return time.Time{}, false
	}
	meant := lastWeekday(day, weekdays[strings.ToLower(m[2])])
	switch {
	case meant.Equal(day) && m[1] == "last":
		meant = meant.AddDate(0, 0, -7)
	case m[1] != "last" && day.Sub(meant) == 6*24*time.Hour:
		// The day after the story's is more likely tomorrow than six days
		// ago, which news dates rather than names: "Saturday's hog
		// slaughter is guesstimated at..." in a Friday's story; and a
		// story from Tokyo dated a Monday tells of "Tuesday morning" there.
		return time.Time{}, false
	}
	return meant, true
}

// weekendNearest is the Saturday and Sunday that hold d, or are nearest it:
// those before a Monday or Tuesday, those after a Wednesday to a Friday.
func weekendNearest(d time.Time) Period {
	saturday := lastWeekday(d, time.Saturday)
	if wd := d.Weekday(); wd >= time.Wednesday && wd <= time.Friday {
		saturday = saturday.AddDate(0, 0, 7)
	}
	return Period{saturday, saturday.AddDate(0, 0, 2)}
}

// lastWeekday is the latest day wd at or before d.
func lastWeekday(d time.Time, wd time.Weekday) time.Time {
	return d.AddDate(0, 0, -((int(d.Weekday()) - int(wd) + 7) % 7))
}

// futureMarker and pastVerb tell a sentence about what will happen from one
// about what happened, roughly: a weekday is dated only in the latter; and
// so does scheduled, a weekday after a verb in the present that the news
// uses for what is set to happen: "when its council meets on Thursday".
var (
	futureMarker = regexp.MustCompile(`(?i)\b(will|would|shall|is due|are due|expected|scheduled|plans?|next|to be held|is to|are to|until)\b`)
	scheduled    = regexp.MustCompile(`\b(meets|begins|starts|opens|ends|closes|resumes|convenes|expires|arrives|leaves|takes place)( on)? (Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b`)
	pastVerb     = regexp.MustCompile(`\b(\w+ed|said|met|was|were|had|held|took|made|left|went|came|told|gave|sent|won|lost|fell|rose|began|spoke|saw|paid|sold|bought|cut|set|put|hit|quit|shut)\b`)
)
