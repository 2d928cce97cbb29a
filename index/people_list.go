package index

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Person is someone named in the indexed articles.
type Person struct {
	Name string
	// Articles is how many articles name the person.
	Articles int
}

// peopleList is the people of the whole index, most covered first, with their
// names in lower case for matching. Reading it from Bleve's term dictionary
// takes a while on a large index, so it is kept until the next ingest.
type peopleList struct {
	people []Person
	lower  []string
}

// People returns up to n people with a word of their name starting with
// prefix, ignoring case ("wit" and "steve" both find Steve Witkoff), those
// named in the most articles first. An empty prefix returns the most covered.
func (ix *Index) People(prefix string, n int) ([]Person, error) {
	list, err := ix.peopleList()
	if err != nil {
		return nil, err
	}
	prefix = strings.ToLower(strings.TrimSpace(prefix))
	var out []Person
	for i, name := range list.lower {
		if len(out) == n {
			break
		}
		if namePrefix(name, prefix) {
			out = append(out, list.people[i])
		}
	}
	return out, nil
}

// namePrefix reports whether name, or one of its words, starts with prefix.
func namePrefix(name, prefix string) bool {
	for {
		if strings.HasPrefix(name, prefix) {
			return true
		}
		i := strings.IndexAny(name, " -")
		if i < 0 {
			return false
		}
		name = name[i+1:]
	}
}

func (ix *Index) peopleList() (*peopleList, error) {
	if list := ix.people.Load(); list != nil {
		return list, nil
	}
	dict, err := ix.bleve.FieldDict(fieldPeople)
	if err != nil {
		return nil, fmt.Errorf("list people: %w", err)
	}
	defer dict.Close()
	list := &peopleList{}
	for entry, err := dict.Next(); entry != nil || err != nil; entry, err = dict.Next() {
		if err != nil {
			return nil, fmt.Errorf("list people: %w", err)
		}
		list.people = append(list.people, Person{Name: entry.Term, Articles: int(entry.Count)})
	}
	slices.SortStableFunc(list.people, func(a, b Person) int { return cmp.Compare(b.Articles, a.Articles) })
	list.lower = make([]string, len(list.people))
	for i, p := range list.people {
		list.lower[i] = strings.ToLower(p.Name)
	}
	ix.people.Store(list)
	return list, nil
}
