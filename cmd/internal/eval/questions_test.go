package eval

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"newsbot/index/news"
)

// read.tsv parses, and every verdict in it is on one of the questions of
// the measure or of the held-out sets; a verdict other than on or off, or
// a story read twice for a question, does not parse.
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
	for _, set := range heldOutSets {
		for _, q := range readSet(t, set.name) {
			asked[q.Text] = true
		}
	}
	for q := range read {
		if !asked[q] {
			t.Errorf("read.tsv judges sources of %q, which is not a question of the measure or of a held-out set", q)
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

// A questions file reads as the built-in set is written, comments and blank
// lines aside; a line that does not say what its answer must be is refused
// with its number.
func TestReadQuestions(t *testing.T) {
	got, err := ReadQuestions(strings.NewReader("# kept aside\n" +
		"any news on palm oil?\tpalm-oil; veg-oil\t\t\t0\r\n" + // saved on Windows
		"\n" +
		"copper news from april\tcopper\t1987-04-01\t1987-05-01\t0\n" +
		"sugar in May?\tsugar\t1987-05-01\t1987-06-01\t1\n" +
		"gold before April?\tgold\t\t1987-04-01\t0\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := []Question{
		{Text: "any news on palm oil?", Topics: []string{"palm-oil", "veg-oil"}},
		{Text: "copper news from april", Topics: []string{"copper"}, Since: "1987-04-01", Until: "1987-05-01"},
		{Text: "sugar in May?", Topics: []string{"sugar"}, Since: "1987-05-01", Until: "1987-06-01", Empty: true},
		{Text: "gold before April?", Topics: []string{"gold"}, Until: "1987-04-01"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("read %+v\nwant %+v", got, want)
	}
	for _, bad := range []string{
		"gold?\tgold\t\t0",                       // a field missing
		"gold?\t\t\t\t0",                         // no tags
		"gold?\tgold\t1987-4-1\t\t0",             // not a day
		"gold?\tgold\t\t\t1",                     // nothing expected of no days
		"gold?\tgold\t1987-05-01\t\tyes",         // neither 0 nor 1
		"gold?\tgold\t1987-05-01\t1987-04-01\t0", // ends before it begins
	} {
		_, err := ReadQuestions(strings.NewReader("copper?\tcopper\t\t\t0\n" + bad))
		if err == nil || !strings.Contains(err.Error(), "line 2") {
			t.Errorf("%q: error %v, want one naming line 2", bad, err)
		}
	}
	if _, err := ReadQuestions(strings.NewReader("# only a comment\n")); err == nil {
		t.Error("a file of no questions read without an error")
	}
}

// heldOutSets are the sets of questions kept aside, in the order they
// were written, with how many questions each was written with.
var heldOutSets = []struct {
	name      string
	questions int
}{
	{"heldout.tsv", 60}, {"heldout2.tsv", 60}, {"heldout3.tsv", 60}, {"heldout4.tsv", 60},
	{"heldout5.tsv", 60}, {"heldout6.tsv", 60}, {"heldout7.tsv", 60}, {"heldout8.tsv", 60},
	{"heldout9.tsv", 60}, {"heldout10.tsv", 60}, {"heldout11.tsv", 60}, {"heldout12.tsv", 60},
	{"heldout13.tsv", 60}, {"heldout14.tsv", 60}, {"heldout15.tsv", 60}, {"heldout16.tsv", 60},
	{"heldout17.tsv", 60}, {"heldout18.tsv", 60}, {"heldout19.tsv", 60}, {"heldout20.tsv", 64},
	{"heldout21.tsv", 60}, {"heldout22.tsv", 60}, {"heldout23.tsv", 60}, {"heldout24.tsv", 60},
}

// The sets kept aside read whole, and none is left out of heldOutSets.
func TestHeldOutQuestionsRead(t *testing.T) {
	if files, err := filepath.Glob("heldout*.tsv"); err != nil || len(files) != len(heldOutSets) {
		t.Errorf("%d held-out files, %d listed in heldOutSets (%v)", len(files), len(heldOutSets), err)
	}
	for _, set := range heldOutSets {
		if questions := readSet(t, set.name); len(questions) != set.questions {
			t.Errorf("%s has %d questions; it was written with %d", set.name, len(questions), set.questions)
		}
	}
}

// readSet reads the questions of a held-out set.
func readSet(t *testing.T, name string) []Question {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	questions, err := ReadQuestions(f)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return questions
}
