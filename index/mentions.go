package index

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// mentionsCounted is how many mentions of its subject make an article wholly
// about it, and mentionsWeight how much more that makes it score, at most:
// an article that names the dollar five times scores up to half as much
// again as one that names it once. BM25 all but ignores how often an article
// names its subject and favours short texts, so that a price quote or a
// notice ("The dollar amount represents...") outranked the stories about
// the dollar. Over the chat questions of eval, the top five sources carrying
// the topic asked went from 0.88 to 0.90, and from 0.87 to 0.88 over those
// written blind, the people's figures unchanged.
const (
	mentionsCounted = 5
	mentionsWeight  = 0.5
)

// mentionsDepth is how many of the best matches by BM25 are ranked again by
// their mentions. Counting the mentions of every match, in the search,
// took a fifth more time for the bench's questions over a million
// articles; counting those of the best 50 after it, 6% more. A match
// further down might have overtaken one of them; yet the first pages of
// sources, which people read, came out the same for every question of
// eval.
const mentionsDepth = 50

// fieldTerm is a term as a field holds it.
type fieldTerm struct{ field, term string }

// mentionTerms are the terms that mention a subject of words: each word
// in each of its spellings, a name as the names field holds it, another
// word as the body does, stemmed. A spelling of several words ("cost of
// living") has no one term to count.
func (ix *Index) mentionTerms(words []string, aliases map[string][]string) []fieldTerm {
	m := ix.bleve.Mapping()
	var terms []fieldTerm
	for _, w := range words {
		if !ix.isWord(w) {
			continue
		}
		for _, spelling := range spellingsOf(w, aliases) {
			field := fieldBody
			if r, _ := utf8.DecodeRuneInString(spelling); unicode.IsUpper(r) {
				field = fieldNames
			}
			analyzer := m.AnalyzerNamed(m.AnalyzerNameForPath(field))
			if analyzer == nil {
				continue
			}
			tokens := analyzer.Analyze([]byte(spelling))
			if len(tokens) != 1 {
				continue
			}
			if t := (fieldTerm{field, string(tokens[0].Term)}); !slices.Contains(terms, t) {
				terms = append(terms, t)
			}
		}
	}
	return terms
}

// runMentioned runs req, a search by relevance for the subject that terms
// mention: it finds the best mentionsDepth matches by Bleve's score, or as
// many as the page asked needs, without loading them; scales the score of
// the first mentionsDepth by their mentions, each by up to mentionsWeight
// for mentionsCounted mentions; orders them again; and loads the page asked
// for. A match past mentionsDepth keeps its score, below all of theirs, so
// that pages agree. One snapshot serves all.
func (ix *Index) runMentioned(ctx context.Context, req *bleve.SearchRequest, terms []fieldTerm) (*bleve.SearchResult, error) {
	reader, err := ix.snapshot()
	if err != nil {
		return nil, err
	}
	defer reader.Close()
	cores := ix.claimCores(ix.partsFor(req))
	defer ix.releaseCores(cores)
	return ix.mentionedIn(ctx, req, terms, reader, cores)
}

// mentionedIn is runMentioned over reader, searched in parts when there
// are more than one.
func (ix *Index) mentionedIn(ctx context.Context, req *bleve.SearchRequest, terms []fieldTerm, reader bleveindex.IndexReader, parts int) (*bleve.SearchResult, error) {
	scan := *req
	scan.From, scan.Size, scan.Fields = 0, max(mentionsDepth, req.From+req.Size), nil
	bounds := []uint64{0, math.MaxUint64}
	if snapshot, ok := reader.(*scorch.IndexSnapshot); ok && parts > 1 {
		bounds = partBounds(numbered(snapshot), parts)
	}
	res, err := ix.searchParts(ctx, &scan, reader, bounds)
	if err != nil {
		return nil, err
	}
	ranked := res.Hits[:min(mentionsDepth, len(res.Hits))]
	if err := scaleByMentions(ctx, reader, ranked, terms); err != nil {
		return nil, fmt.Errorf("count mentions: %w", err)
	}
	slices.SortStableFunc(ranked, func(a, b *search.DocumentMatch) int {
		return cmp.Or(cmp.Compare(b.Score, a.Score), a.IndexInternalID.Compare(b.IndexInternalID))
	})
	if len(ranked) > 0 {
		res.MaxScore = ranked[0].Score
	}
	if err := loadPage(res, req, reader); err != nil {
		return nil, err
	}
	return res, nil
}

// scaleByMentions scales the score of each match by how often it mentions
// terms.
func scaleByMentions(ctx context.Context, reader bleveindex.IndexReader, matches []*search.DocumentMatch, terms []fieldTerm) error {
	inOrder := slices.Clone(matches) // a term's postings are read forward
	slices.SortFunc(inOrder, func(a, b *search.DocumentMatch) int { return a.IndexInternalID.Compare(b.IndexInternalID) })
	mentions := make(map[*search.DocumentMatch]uint64, len(matches))
	for _, t := range terms {
		postings, err := reader.TermFieldReader(ctx, []byte(t.term), t.field, true, false, false)
		if err != nil {
			return err
		}
		counter := termCounter{postings: postings}
		for _, m := range inOrder {
			n, err := counter.in(m.IndexInternalID)
			if err != nil {
				postings.Close()
				return err
			}
			mentions[m] += n
		}
		if err := postings.Close(); err != nil {
			return err
		}
	}
	for _, m := range matches {
		m.Score *= 1 + mentionsWeight*float64(min(mentions[m], mentionsCounted))/mentionsCounted
	}
	return nil
}

// termCounter tells how often articles hold a term, asked in the order of
// their numbers.
type termCounter struct {
	postings bleveindex.TermFieldReader
	doc      bleveindex.TermFieldDoc
	// at is the article the postings stand at, nil before the first.
	at   bleveindex.IndexInternalID
	done bool // no article after at holds the term
}

// in is how often article id holds the term. An article before the one the
// postings stand at does not: they moved past it looking for it, and asking
// again would send scorch's reader back to the start of the term.
func (t *termCounter) in(id bleveindex.IndexInternalID) (uint64, error) {
	if t.done || t.at != nil && t.at.Compare(id) > 0 {
		return 0, nil
	}
	if t.at == nil || !t.at.Equals(id) {
		d, err := t.postings.Advance(id, t.doc.Reset())
		if err != nil {
			return 0, err
		}
		if d == nil {
			t.done = true
			return 0, nil
		}
		t.at = d.ID
	}
	if !t.at.Equals(id) {
		return 0, nil
	}
	return t.doc.Freq, nil
}
