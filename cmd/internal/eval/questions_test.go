package eval

import (
	"testing"

	"newsbot/index/news"
)

// read.tsv parses, and every verdict in it is on one of the questions of
// the measure; a verdict other than on or off, or a story read twice for a
// question, does not parse.
func TestReadVerdictsAreOnTheQuestions(t *testing.T) {
	read, err := readVerdicts(readTSV)
	if err != nil {
		t.Fatal(err)
	}
	if len(read) == 0 {
		t.Fatal("read.tsv has no verdicts")
	}
	asked := map[string]bool{}
	for _, q := range Questions {
		asked[q.Text] = true
	}
	for q := range read {
		if !asked[q] {
			t.Errorf("read.tsv judges sources of %q, which is not a question of the measure", q)
		}
	}
	if _, err := readVerdicts("what's new?\t12\tmaybe\twhy"); err == nil {
		t.Error("a verdict other than on or off parsed")
	}
	if _, err := readVerdicts("what's new?\t12\ton\twhy\nwhat's new?\t12\toff\twhy"); err == nil {
		t.Error("a story read twice for a question parsed")
	}
}

// A source with an accepted tag is not counted again by the reading; one
// without is on topic, off topic or unread as read.tsv says.
func TestReadSourcesCountsWhatTheTagsMiss(t *testing.T) {
	q := Question{Text: "gold?", Topics: []string{"gold"}}
	story := func(id string) news.Article { return news.Article{Path: "reuters/1987-10/" + id + ".txt"} }
	tags := map[string][]string{"1": {"gold"}, "2": {"crude"}}
	read := map[string]bool{"1": false, "2": true, "3": false}
	onTopic, unread := readSources(q, []news.Article{story("1"), story("2"), story("3"), story("4")}, tags, read)
	if onTopic != 1 || unread != 1 {
		t.Errorf("read on topic %d, unread %d; want 1 (story 2) and 1 (story 4)", onTopic, unread)
	}
}
