package commands

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"newsbot/index/news"
)

// MaxTimeline is how many entries a timeline lists: its most covered
// stories, oldest first.
const MaxTimeline = 12

// timelinePool is how many of the articles most about a topic a timeline
// groups into stories.
const timelinePool = 400

// Timeline is how a topic developed: its stories, oldest first.
type Timeline struct {
	// Topic is the subject taken from the request's question.
	Topic string
	// Found is how many articles are about it, Stories how many stories
	// those of the pool make; Entries shows at most MaxTimeline of them.
	Found, Stories int
	Entries        []TimelineEntry
}

// TimelineEntry is one story of a timeline.
type TimelineEntry struct {
	// Date is the day the story first appeared.
	Date time.Time
	// Title is the headline of the article that tells it best.
	Title string
	// Sources are the articles that tell it, oldest first, a story filed
	// twice counted once.
	Sources []news.Article
	// Outlets is how many distinct outlets reported it (see Outlets).
	Outlets int
}

// Coverage says how many sources and outlets told a story: "3 sources,
// 2 outlets" (see Outlets).
func Coverage(sources []news.Article) string {
	told := "1 source"
	if len(sources) != 1 {
		told = fmt.Sprintf("%d sources", len(sources))
	}
	if n := Outlets(sources); n != 1 {
		return fmt.Sprintf("%s, %d outlets", told, n)
	}
	return told + ", 1 outlet"
}

// MakeTimeline finds the articles most about the subject of req.Question,
// groups those about the same story as the digest does, and lists the
// stories most reported, in the order they happened. Undated articles have
// no place in a timeline.
func MakeTimeline(ctx context.Context, s Searcher, req Request) (Timeline, error) {
	r, err := Read(ctx, s, req)
	if err != nil {
		return Timeline{}, err
	}
	q := r.query(req.Aliases)
	q.Size = timelinePool
	res, err := s.Search(ctx, q)
	if err != nil {
		return Timeline{}, err
	}
	t := Timeline{Topic: r.Subject, Found: res.Total}
	var articles []news.Article
	for _, m := range res.Matches {
		if !m.Article.Date.IsZero() {
			articles = append(articles, m.Article)
		}
	}
	groups, _ := cluster(articles)
	groups = withinDays(articles, groups)
	t.Stories = len(groups)
	for _, members := range groups {
		entry := TimelineEntry{Title: Headline(articles[members[0]])}
		var seen repeats
		for _, m := range members {
			if !seen.repeat(articles[m]) {
				entry.Sources = append(entry.Sources, articles[m])
			}
		}
		slices.SortStableFunc(entry.Sources, func(a, b news.Article) int { return a.Date.Compare(b.Date) })
		entry.Date, entry.Outlets = entry.Sources[0].Date, Outlets(entry.Sources)
		t.Entries = append(t.Entries, entry)
	}
	// The most reported stories; among as many, the first found, which are
	// the most about the topic.
	slices.SortStableFunc(t.Entries, func(a, b TimelineEntry) int { return cmp.Compare(len(b.Sources), len(a.Sources)) })
	t.Entries = t.Entries[:min(len(t.Entries), MaxTimeline)]
	slices.SortStableFunc(t.Entries, func(a, b TimelineEntry) int { return a.Date.Compare(b.Date) })
	return t, nil
}

// storyDays is how far apart in days the articles of one timeline story
// may be: a weekly report in the same words is a new story each week.
const storyDays = 3

// withinDays splits each group into stories told within storyDays: its lead
// keeps the members near it, the first member beyond leads the next story
// with those near it, and so on; three outlets telling a development on the
// tenth day are one story, not three.
func withinDays(articles []news.Article, groups [][]int) [][]int {
	var out [][]int
	for _, rest := range groups {
		for len(rest) > 0 {
			lead := articles[rest[0]].Date
			near := func(m int) bool { return articles[m].Date.Sub(lead).Abs() <= storyDays*24*time.Hour }
			story := slices.DeleteFunc(slices.Clone(rest), func(m int) bool { return !near(m) })
			out = append(out, story)
			rest = slices.DeleteFunc(rest[1:], near)
		}
	}
	return out
}

// Outlets counts the distinct outlets of articles: a feed's title, else
// the byline of a file, else one unnamed outlet for the rest.
func Outlets(articles []news.Article) int {
	outlets := map[string]bool{}
	for _, a := range articles {
		outlets[strings.ToLower(cmp.Or(a.Source, a.Byline))] = true
	}
	return len(outlets)
}
