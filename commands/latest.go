package commands

import (
	"cmp"
	"context"
	"strings"

	"newsbot/index/news"
)

// MaxLatest bounds how many articles Latest lists.
const MaxLatest = 10

// Latest is a list of the newest articles.
type Latest struct {
	// Topic is the subject taken from the request's question; empty for all news.
	Topic    string
	Found    int
	Articles []Source
}

// NewestArticles lists the newest articles, newest first: all of them, or
// those on the subject of req.Question when it has one. req.Sources is how many
// (DefaultSources when zero, at most MaxLatest). Each comes with its opening
// sentence as the excerpt, or the sentence about the topic.
func NewestArticles(ctx context.Context, s Searcher, req Request) (Latest, error) {
	q := news.Query{Since: req.Since, Until: req.Until}
	var topic string
	if strings.TrimSpace(req.Question) != "" {
		r, err := Read(ctx, s, req)
		if err != nil {
			return Latest{}, err
		}
		topic, q = r.Subject, r.query(req.Aliases)
	}
	q.Size, q.Newest = min(cmp.Or(req.Sources, DefaultSources), MaxLatest), true
	res, err := s.Search(ctx, q)
	if err != nil {
		return Latest{}, err
	}
	return Latest{Topic: topic, Found: res.Total, Articles: sources(res.Matches, 0, nil)}, nil
}
