package news

import "time"

// Stats describes the index as a whole.
type Stats struct {
	Articles       int
	Oldest, Newest time.Time // zero when no article is dated
	// Sources are the sources of the articles (feeds' titles), the most
	// articles first; articles from files have none.
	Sources []Count
}

// Count is a name and how many articles have it.
type Count struct {
	Name     string
	Articles int
}

// WordCount is how many articles hold a word: as a common word, by its stem in
// the body, and as a name, capitalised in the title or body.
type WordCount struct {
	Body, Names int
}

// Person is someone named in the indexed articles.
type Person struct {
	Name string
	// Articles is how many articles name the person.
	Articles int
}
