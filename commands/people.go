package commands

import "context"

// MaxChoices is the most choices Discord takes for an autocomplete.
const MaxChoices = 25

// PeopleNamed suggests people for a name being typed: those with a word of
// their name starting with what was typed, most covered first, at most
// MaxChoices.
func PeopleNamed(ctx context.Context, s Searcher, typed string) ([]string, error) {
	people, err := s.People(ctx, Subject(typed, nil), MaxChoices)
	if err != nil {
		return nil, err
	}
	names := make([]string, len(people))
	for i, p := range people {
		names[i] = p.Name
	}
	return names, nil
}
