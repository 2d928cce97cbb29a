package commands

import (
	"cmp"
	"context"
	"math"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"

	"newsbot/index/names"
	"newsbot/index/news"
)

// DefaultStories is how many stories a digest holds unless asked otherwise.
const DefaultStories = 10

// maxDigestArticles bounds the articles a digest reads for one period: the
// busiest day of the Reuters corpus has about 1,100.
const maxDigestArticles = 5000

// sameStory is how alike two articles' titles and leads must be (weighted
// overlap of their words, 0 to 1) to be the same story, when they name the
// same rare thing too; refiled is how alike they are when one repeats the
// other, whatever it names.
const (
	sameStory = 0.2
	refiled   = 0.8
)

// sameKind is how much two stories' leads may share of their words (plain
// overlap, 0 to 1) before the second counts as news of the same kind: two
// share buybacks announced in the same words.
const sameKind = 0.2

// DigestRequest asks for the top stories of a period.
type DigestRequest struct {
	// From and To bound the period: articles dated on or after From and
	// before To.
	From, To time.Time
	// Topics, when set, keep only the articles about one of them; Exclude
	// leaves out the articles about any of its topics.
	Topics, Exclude []string
	// Stories is the most stories to return; DefaultStories when zero.
	Stories int
	// Aliases are other spellings of names in the topics.
	Aliases Aliases
}

// Digest is the news of a period, story by story, most important first.
type Digest struct {
	From, To time.Time
	// Articles is how many articles the period has (on the topics, if any).
	Articles int
	Stories  []Story
}

// Story is one piece of news, told by one or more articles.
type Story struct {
	// Title is the title of the article that tells it best, as a reader
	// wants it (see Headline).
	Title string
	// Summary is one or two sentences of that article, verbatim.
	Summary []string
	// Sources are all the articles about the story, oldest first.
	Sources []news.Article
}

// MakeDigest gathers the articles of a period, groups those about the same
// story, and ranks the stories by the prose written about them (more
// articles, longer ones, on subjects that recur in the day's news). Each story
// is summed up by its lead, the article most central to it.
func MakeDigest(ctx context.Context, s Searcher, req DigestRequest) (Digest, error) {
	articles, err := periodArticles(ctx, s, req)
	if err != nil {
		return Digest{}, err
	}
	d := Digest{From: req.From, To: req.To, Articles: len(articles)}
	groups, centrality := cluster(articles)
	type ranked struct {
		members []int
		score   float64
	}
	var stories []ranked
	for _, members := range groups {
		score := 0.0
		var seen repeats // a story filed again counts once
		for _, m := range members {
			if !seen.repeat(articles[m]) {
				score += weight(articles[m]) * (1 + centrality[m]/float64(len(members)))
			}
		}
		stories = append(stories, ranked{members, score})
	}
	slices.SortStableFunc(stories, func(a, b ranked) int { return cmp.Compare(b.score, a.score) })
	// A story of the same kind as one above it (a second share buyback, a
	// second bond issue: a lead in the same words, about another company)
	// goes after the stories of other kinds, so that a day of notices does
	// not crowd out the rest of the news.
	limit := cmp.Or(req.Stories, DefaultStories)
	var first, after []ranked
	var kinds []map[string]bool // the leads of the stories in first
	for _, st := range stories {
		a := articles[st.members[0]]
		lead := wordSet(a.Title + " " + a.FirstParagraph())
		if len(first) < limit && slices.ContainsFunc(kinds, func(k map[string]bool) bool { return overlap(k, lead) >= sameKind }) {
			after = append(after, st)
			continue
		}
		first, kinds = append(first, st), append(kinds, lead)
	}
	stories = append(first, after...)
	for _, st := range stories[:min(len(stories), limit)] {
		lead := st.members[0]
		story := Story{Title: Headline(articles[lead]), Summary: storySummary(articles[lead].Body)}
		var seen repeats // a story filed twice is one source
		for _, m := range st.members {
			if !seen.repeat(articles[m]) {
				story.Sources = append(story.Sources, articles[m])
			}
		}
		slices.SortStableFunc(story.Sources, func(a, b news.Article) int { return a.Date.Compare(b.Date) })
		d.Stories = append(d.Stories, story)
	}
	return d, nil
}

// leadParagraph is an article's first paragraph of prose, without its
// dateline: wire copy may open with a line that only says "Reuters".
func leadParagraph(a news.Article) string {
	for _, p := range a.Paragraphs() {
		if len(strings.Fields(p)) >= 6 {
			return withoutDateline(p)
		}
	}
	return ""
}

// leadNames is the names of an article's first paragraph (see names.Proper).
func leadNames(a news.Article) map[string]bool {
	return names.Proper(leadParagraph(a))
}

// storySummary is the two most central sentences of a story's lead article
// among those that read well alone (see quotable): a market report's "Top
// 51.00 dlrs per cwt." says nothing in a digest. An article with no such
// sentence is summed up as it is.
func storySummary(body string) []string {
	all := rankable(body)
	// Sentences that read alone: a reader starts where the story does, not
	// at "The company also said".
	if readable := slices.DeleteFunc(slices.Clone(all), func(s sentence) bool { return !quotable(s.Text) || leansOnContext(s.Text) }); len(readable) > 0 {
		all = readable
	}
	var out []string
	for _, s := range topSentences(all, 2) {
		out = append(out, trimDateline(s.Text))
	}
	return out
}

// weight is what an article adds to its story's importance: more for more
// prose, nothing for a table of figures or a two-line notice, which wire
// services send by the hundred and which make poor summaries.
func weight(a news.Article) float64 {
	paras := a.Paragraphs()
	prose, words := 0, 0
	for _, p := range paras {
		n := len(strings.Fields(p))
		words += n
		if n >= 8 && strings.ContainsAny(p[len(p)-1:], ".!?\"'”’)") {
			prose++
		}
	}
	if len(paras) == 0 {
		return 0
	}
	return float64(prose) / float64(len(paras)) * math.Log1p(float64(words))
}

// periodArticles returns the articles of the period, on the topics if any
// and on none of the excluded ones, each once.
func periodArticles(ctx context.Context, s Searcher, req DigestRequest) ([]news.Article, error) {
	queries := []news.Query{{Since: req.From, Until: req.To, Size: maxDigestArticles, Newest: true}}
	if len(req.Topics) > 0 {
		queries = queries[:0]
		for _, topic := range req.Topics {
			if q := SubjectQuery(Subject(topic, req.Aliases), req.Aliases); len(q.Words) > 0 {
				q.Since, q.Until, q.Size, q.Newest = req.From, req.To, maxDigestArticles, true
				queries = append(queries, q)
			}
		}
	}
	seen := map[string]bool{}
	var out []news.Article
	for _, q := range queries {
		res, err := s.Search(ctx, q)
		if err != nil {
			return nil, err
		}
		for _, m := range res.Matches {
			if !seen[m.Article.ID] {
				seen[m.Article.ID] = true
				out = append(out, m.Article)
			}
		}
	}
	return withoutTopics(ctx, s, out, req.Exclude, req.Aliases)
}

// withoutTopics drops the articles about any of the topics. Each topic is
// looked for among the articles only, so that however much the period holds
// on it, none of these is left.
func withoutTopics(ctx context.Context, s Searcher, articles []news.Article, topics []string, aliases Aliases) ([]news.Article, error) {
	if len(articles) == 0 || len(topics) == 0 {
		return articles, nil
	}
	ids := make([]string, len(articles))
	for i, a := range articles {
		ids[i] = a.ID
	}
	excluded := map[string]bool{}
	for _, topic := range topics {
		q := SubjectQuery(Subject(topic, aliases), aliases)
		if len(q.Words) == 0 {
			continue
		}
		q.IDs, q.Size, q.Light = ids, len(ids), true
		res, err := s.Search(ctx, q)
		if err != nil {
			return nil, err
		}
		for _, m := range res.Matches {
			excluded[m.Article.ID] = true
		}
	}
	return slices.DeleteFunc(articles, func(a news.Article) bool { return excluded[a.ID] }), nil
}

// cluster groups articles about the same story. Two articles are alike when
// their titles and first paragraphs share rare words (overlap weighted by
// rarity, 0 to 1) and at least one rare name: two company notices of the
// same kind share many words but name different companies. Almost the same
// words make a refile, names or not. The most central article not yet grouped leads a new group
// and takes every ungrouped article alike enough to it: comparing with the
// lead only, never with the lead's followers, keeps chains of near-alike items
// (a day of company earnings reports) from merging into one story.
// centrality is, for each article, how much its words recur in the period's
// other articles: the prominence of its subject.
func cluster(articles []news.Article) (groups [][]int, centrality []float64) {
	n := len(articles)
	words := make([]map[string]bool, n)
	names := make([]map[string]bool, n)
	tickers := make([]map[string]bool, n)
	companies := make([][]map[string]bool, n) // the companies named by their symbols
	issuers := make([]string, n)              // the companies their leads open with
	df := map[string]int{}
	for i, a := range articles {
		lead := a.Title + " " + leadParagraph(a)
		words[i], names[i], tickers[i], companies[i] = wordSet(lead), leadNames(a), subjectTickers(a, lead), companyWords(a)
		issuers[i] = leadCompany(a)
		for w := range words[i] {
			df[w]++
		}
	}
	// Rarer words say more about which story an article tells. Articles
	// that share a rare word are compared; common words still count in the
	// comparison, with little weight.
	idf := func(w string) float64 { return math.Log(1 + float64(n)/float64(df[w])) }
	rare := max(10, n/20)
	weight := make([]float64, n)
	postings := map[string][]int{}
	for i := range words {
		for w := range words[i] {
			weight[i] += idf(w)
			if df[w] > 1 && df[w] <= rare {
				postings[w] = append(postings[w], i)
			}
		}
	}
	type link struct {
		to  int
		sim float64
	}
	alike := make([][]link, n)
	centrality = make([]float64, n)
	for i := range words {
		compared := map[int]bool{}
		for w := range words[i] {
			for _, j := range postings[w] {
				if j <= i || compared[j] {
					continue
				}
				compared[j] = true
				shared := 0.0
				for w := range words[i] {
					if words[j][w] {
						shared += idf(w)
					}
				}
				sim := shared / (weight[i] + weight[j] - shared)
				if otherCompanies(tickers[i], tickers[j]) || len(tickers[j]) == 0 && unnamedCompany(companies[i], words[j]) || len(tickers[i]) == 0 && unnamedCompany(companies[j], words[i]) ||
					otherIssuers(issuers[i], issuers[j], words[i], words[j]) {
					continue // notices of two companies, however alike their words
				}
				named := sharesName(names[i], names[j], df, rare)
				// Prominence comes from articles on the same subject, not
				// from notices of the same kind: a day of retailers' sales
				// reports makes none of them news.
				if named {
					centrality[i] += sim
					centrality[j] += sim
				}
				// Almost the same words make a refile, unless they name
				// different things: two issuers' bond notices.
				refile := sim >= refiled && (len(names[i]) == 0 || len(names[j]) == 0 || sharesName(names[i], names[j], df, n))
				if sim >= sameStory && named || refile {
					alike[i] = append(alike[i], link{j, sim})
					alike[j] = append(alike[j], link{i, sim})
				}
			}
		}
	}
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(centrality[b], centrality[a]) })
	grouped := make([]bool, n)
	for _, lead := range order {
		if grouped[lead] {
			continue
		}
		grouped[lead] = true
		members := []int{lead}
		for _, l := range alike[lead] {
			if !grouped[l.to] {
				grouped[l.to] = true
				members = append(members, l.to)
			}
		}
		groups = append(groups, members)
	}
	return groups, centrality
}

// ticker is a company's stock symbol as wires write it, "<OMT>", "<RRETS.O>",
// or the bracketed name Reuters gives a company without one, "<Xylogics Inc>".
var ticker = regexp.MustCompile(`<([A-Z][A-Za-z0-9.&' -]*)>`)

// tickersIn is the set of the stock symbols in text.
func tickersIn(text string) map[string]bool {
	set := map[string]bool{}
	for _, m := range ticker.FindAllStringSubmatch(text, -1) {
		set[m[1]] = true
	}
	return set
}

// subjectTickers are the symbols of the companies an article is about: those
// of its title when it names one, else those of its lead (a title names the
// issuer; the lead names its underwriters too, who are not the news).
func subjectTickers(a news.Article, lead string) map[string]bool {
	if t := tickersIn(a.Title); len(t) > 0 {
		return t
	}
	return tickersIn(lead)
}

// otherCompanies reports whether two articles each name companies by their
// stock symbols and share none: they are about different companies.
func otherCompanies(a, b map[string]bool) bool {
	if len(a) == 0 || len(b) == 0 {
		return false
	}
	for t := range a {
		if b[t] {
			return false
		}
	}
	return true
}

// companyWords names each company that an article names by its stock
// symbol, by the words of its name before the symbol: "newmont" for
// "Newmont Gold Co <NGC>" (the first paragraph, in mixed case, shows where a
// name begins), "newmont gold" for "NEWMONT GOLD <NGC>" (a title in capitals
// does not: the two words before the symbol, which must all be named).
func companyWords(a news.Article) []map[string]bool {
	text, reach, whole := a.Title, 2, true
	if para := leadParagraph(a); ticker.MatchString(para) {
		text, reach, whole = para, 4, false
	}
	var companies []map[string]bool
	for _, loc := range ticker.FindAllStringIndex(text, -1) {
		before := strings.Fields(text[:loc[0]])
		name := map[string]bool{}
		first := ""
		for k := len(before) - 1; k >= 0 && len(name) < reach; k-- {
			w := strings.ToLower(strings.TrimFunc(before[k], notAlphanumeric))
			if w == "" || !nameLike(before[k]) {
				break
			}
			if !names.LegalForm(w) {
				name[w], first = true, w
			}
		}
		if !whole && first != "" {
			name = map[string]bool{first: true}
		}
		if len(name) > 0 {
			companies = append(companies, name)
		}
	}
	return companies
}

// unnamedCompany reports whether an article names companies by their
// symbols and another article names none of them.
func unnamedCompany(companies []map[string]bool, otherWords map[string]bool) bool {
	if len(companies) == 0 {
		return false
	}
	for _, name := range companies {
		named := true
		for w := range name {
			named = named && otherWords[w]
		}
		if named {
			return false
		}
	}
	return true
}

// leadCompany is the first word of the company whose news an article's first
// paragraph opens with, "general" for "General Motors of Canada Ltd said
// February car sales fell", or "" when it opens otherwise: a notice is about
// the company it starts with.
func leadCompany(a news.Article) string {
	words := strings.Fields(withoutDateline(leadParagraph(a)))
	for i, w := range words {
		bare := strings.ToLower(strings.TrimFunc(w, notAlphanumeric))
		if names.LegalForm(bare) && i > 0 {
			return strings.ToLower(strings.TrimFunc(words[0], notAlphanumeric))
		}
		connector := w == "of" || w == "and" || w == "&"
		if !nameLike(w) && !connector || strings.ContainsAny(w, ",;:") {
			return ""
		}
	}
	return ""
}

// nameLike reports whether a word is written as a name is: its first letter
// is a capital ("Ford", "3Com", "U.S.").
func nameLike(word string) bool {
	i := strings.IndexFunc(word, unicode.IsLetter)
	return i >= 0 && unicode.IsUpper([]rune(word[i:])[0])
}

func notAlphanumeric(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }

// otherIssuers reports whether two articles open with the news of two
// companies, neither named by the other: the February sales of General Motors
// of Canada and of Ford Motor Co of Canada are two stories. A merger's
// parties name each other, so their notices stay one story.
func otherIssuers(companyA, companyB string, wordsA, wordsB map[string]bool) bool {
	return companyA != "" && companyB != "" && companyA != companyB && !wordsA[companyB] && !wordsB[companyA]
}

// withoutDateline is a wire story's first paragraph without its dateline
// ("RICHMOND, Va., Oct 20 - "): two stories filed from one city on one day
// are not the same story.
func withoutDateline(para string) string {
	if i := strings.Index(para, " - "); i >= 0 && i <= maxDateline {
		return para[i+3:]
	}
	return para
}

// maxDateline is the longest dateline: "SAN FRANCISCO, Calif., Sept 30 - ".
const maxDateline = 48

// sharesName reports whether two articles name the same rare thing.
func sharesName(a, b map[string]bool, df map[string]int, rare int) bool {
	for w := range a {
		if b[w] && df[w] <= rare {
			return true
		}
	}
	return false
}
