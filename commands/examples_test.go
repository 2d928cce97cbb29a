package commands

import (
	"context"
	"slices"
	"testing"
)

// The examples offered to a question that names nothing are people of the
// index's own last week of news, whatever its year: not those of older
// news, however often named, and none from an empty index.
func TestPeopleToAskAbout(t *testing.T) {
	story := func(date, name string) string {
		return " date " + date + " " + name + " speaks\n\nOn Monday, " + name + " said that talks would go on.\n"
	}
	ix := mustIndexOf(t, map[string]string{
		"old1.txt": story("1987-03-02", "James Baker"),
		"old2.txt": story("1987-03-03", "James Baker"),
		"old3.txt": story("1987-03-04", "James Baker"),
		"new1.txt": story("1987-10-19", "Alan Greenspan"),
		"new2.txt": story("1987-10-20", "Alan Greenspan"),
		"new3.txt": story("1987-10-16", "Nigel Lawson"),
	})
	if got, err := PeopleToAskAbout(context.Background(), ix, 2); err != nil || !slices.Equal(got, []string{"Alan Greenspan", "Nigel Lawson"}) {
		t.Errorf("examples %q (%v); want the people of the last week, most named first", got, err)
	}
	if got, err := PeopleToAskAbout(context.Background(), mustIndexOf(t, nil), 2); err != nil || len(got) != 0 {
		t.Errorf("examples from an empty index %q (%v); want none", got, err)
	}
}
