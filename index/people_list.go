package index

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"newsbot/index/names"
	"newsbot/index/news"
)

// peopleList is the people of the whole index, most covered first, and the
// words of their names, in lower case and sorted, each with the person it
// belongs to: a prefix is a range of that list, found by binary search.
// Reading it from Bleve's term dictionary takes a while on a large index, so it
// is kept until the next ingest.
type peopleList struct {
	people []news.Person
	words  []nameWord
}

// nameWord is one word of a person's name: "witkoff" of Steve Witkoff.
type nameWord struct {
	word   string
	person int // index in people
}

// People returns up to n people with a word of their name starting with
// prefix, ignoring case and accents ("wit" and "steve" both find Steve
// Witkoff, "ozi" finds Mesut Özil), those
// named in the most articles first. An empty prefix returns the most covered.
func (ix *Index) People(ctx context.Context, prefix string, n int) ([]news.Person, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	list, err := ix.peopleList()
	if err != nil {
		return nil, err
	}
	prefix = names.Fold(strings.ToLower(strings.TrimSpace(prefix)))
	if prefix == "" {
		return slices.Clone(list.people[:min(n, len(list.people))]), nil
	}
	start, _ := slices.BinarySearchFunc(list.words, prefix, func(w nameWord, p string) int { return strings.Compare(w.word, p) })
	var found []int
	for _, w := range list.words[start:] {
		if !strings.HasPrefix(w.word, prefix) {
			break
		}
		found = append(found, w.person)
	}
	slices.Sort(found) // people are most covered first
	found = slices.Compact(found)
	out := make([]news.Person, 0, min(n, len(found)))
	for _, i := range found[:min(n, len(found))] {
		out = append(out, list.people[i])
	}
	return out, nil
}

func (ix *Index) peopleList() (*peopleList, error) {
	if list := ix.people.Load(); list != nil {
		return list, nil
	}
	ix.peopleBuild.Lock()
	defer ix.peopleBuild.Unlock()
	if list := ix.people.Load(); list != nil {
		return list, nil // built while this caller waited
	}
	dict, err := ix.bleve.FieldDict(fieldPeople)
	if err != nil {
		return nil, fmt.Errorf("list people: %w", err)
	}
	defer dict.Close()
	var named []string
	for entry, err := dict.Next(); entry != nil || err != nil; entry, err = dict.Next() {
		if err != nil {
			return nil, fmt.Errorf("list people: %w", err)
		}
		named = append(named, entry.Term)
	}
	reader, err := ix.reader()
	if err != nil {
		return nil, fmt.Errorf("list people: %w", err)
	}
	defer reader.Close()
	counts, err := termCounts(reader, fieldPeople, named)
	if err != nil {
		return nil, fmt.Errorf("list people: %w", err)
	}
	list := &peopleList{people: make([]news.Person, len(named))}
	for i, name := range named {
		list.people[i] = news.Person{Name: name, Articles: counts[i]}
	}
	slices.SortStableFunc(list.people, func(a, b news.Person) int { return cmp.Compare(b.Articles, a.Articles) })
	for i, p := range list.people {
		for _, w := range strings.FieldsFunc(names.Fold(strings.ToLower(p.Name)), func(r rune) bool { return r == ' ' || r == '-' }) {
			list.words = append(list.words, nameWord{w, i})
		}
	}
	slices.SortFunc(list.words, func(a, b nameWord) int {
		return cmp.Or(strings.Compare(a.word, b.word), cmp.Compare(a.person, b.person))
	})
	ix.people.Store(list)
	return list, nil
}

// forgetPeople drops the people list after the articles changed, once any
// build in progress, which may have read them before, has stored its list.
func (ix *Index) forgetPeople() {
	ix.peopleBuild.Lock()
	defer ix.peopleBuild.Unlock()
	ix.people.Store(nil)
}
