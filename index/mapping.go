package index

import (
	"slices"
	"time"

	"newsbot/index/names"
	"newsbot/index/news"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	regexpfilter "github.com/blevesearch/bleve/v2/analysis/char/regexp"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	unicodetokenizer "github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/mapping"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// The fields of an indexed article. Title and body are what summaries quote;
// names holds their capitalised words without stemming, so that a name
// matches only itself ("Hamas" is not "Hama"); people feeds autocomplete and
// facets.
const (
	fieldTitle  = "title"
	fieldBody   = "body"
	fieldNames  = "names"
	fieldDate   = "date"
	fieldByline = "byline"
	fieldSource = "source"
	fieldURL    = "url"
	fieldPath   = "path"
	fieldPeople = "people"
	// fieldGUID and fieldFingerprint let ingest recognise a feed item seen
	// before under another link, or the same text republished.
	fieldGUID        = "guid"
	fieldFingerprint = "fingerprint"
	// fieldLead is the title and the first paragraph, unstemmed: news names
	// its subject there, so a match in it says the article is about it.
	fieldLead = "lead"
	// fieldFull marks the articles long enough to be stories rather than
	// a price quote or a one-line notice (see fullStory).
	fieldFull = "full"
	// fieldPairs holds the capitalised words that stand side by side, in
	// pairs (see namePairs): a full name must be found whole.
	fieldPairs = "pairs"
)

// namesAnalyzer lowercases words, takes their accents off ("Arsène" is
// "arsene"), drops possessives ("Witkoff's" is "witkoff") and stop words,
// but does not stem. An index made before the accents were taken off keeps
// the analyzer it was made with, and so stays consistent with itself.
const namesAnalyzer = "names"

// ampersandFilter is the names analyzer's character filter for names like
// AT&T and M&S.
const ampersandFilter = "newsbot_ampersand"

// storedFields are loaded with every hit to rebuild the Article.
var storedFields = []string{fieldTitle, fieldBody, fieldDate, fieldByline, fieldSource, fieldURL, fieldGUID, fieldPath, fieldPeople}

// newMapping describes how articles are analysed and stored. Only the listed
// fields are indexed (no dynamic fields, no _all field), which keeps the index
// small; BM25 scoring favours articles that are about a subject over long
// articles that mention it in passing.
func newMapping() (*mapping.IndexMappingImpl, error) {
	m := bleve.NewIndexMapping()
	m.ScoringModel = bleveindex.BM25Scoring
	m.DefaultAnalyzer = en.AnalyzerName
	m.IndexDynamic, m.StoreDynamic, m.DocValuesDynamic = false, false, false
	// An ampersand inside a name joins it as an underscore would, without
	// moving the words after it: "AT&T" is one word, not "at" and "t".
	err := m.AddCustomCharFilter(ampersandFilter, map[string]any{
		"type": regexpfilter.Name, "regexp": `(\pL)&`, "replace": "${1}_",
	})
	if err != nil {
		return nil, err
	}
	err = m.AddCustomAnalyzer(namesAnalyzer, map[string]any{
		"type":          custom.Name,
		"char_filters":  []any{ampersandFilter},
		"tokenizer":     unicodetokenizer.Name,
		"token_filters": []any{en.PossessiveName, lowercase.Name, foldFilter, en.StopName},
	})
	if err != nil {
		return nil, err
	}

	text := func(analyzer string, stored bool) *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = analyzer
		f.Store = stored
		f.IncludeTermVectors = false // excerpts find their words themselves: see highlighter
		f.IncludeInAll = false
		f.DocValues = false
		return f
	}
	keywordField := func(docValues bool) *mapping.FieldMapping {
		f := bleve.NewKeywordFieldMapping()
		f.Analyzer = keyword.Name
		f.IncludeInAll = false
		f.IncludeTermVectors = false
		f.DocValues = docValues
		return f
	}
	date := bleve.NewDateTimeFieldMapping()
	date.IncludeInAll = false

	doc := bleve.NewDocumentStaticMapping()
	doc.AddFieldMappingsAt(fieldTitle, text(en.AnalyzerName, true))
	doc.AddFieldMappingsAt(fieldBody, text(en.AnalyzerName, true))
	doc.AddFieldMappingsAt(fieldNames, text(namesAnalyzer, false))
	doc.AddFieldMappingsAt(fieldLead, text(namesAnalyzer, false))
	doc.AddFieldMappingsAt(fieldDate, date)
	doc.AddFieldMappingsAt(fieldByline, keywordField(false))
	doc.AddFieldMappingsAt(fieldSource, keywordField(true))
	doc.AddFieldMappingsAt(fieldURL, keywordField(false))
	doc.AddFieldMappingsAt(fieldPath, keywordField(false))
	doc.AddFieldMappingsAt(fieldPeople, keywordField(true))
	doc.AddFieldMappingsAt(fieldGUID, keywordField(false))
	doc.AddFieldMappingsAt(fieldFingerprint, keywordField(false))
	full := keywordField(false)
	full.Store = false // only ever searched
	doc.AddFieldMappingsAt(fieldFull, full)
	pairs := keywordField(false)
	pairs.Store = false // only ever searched
	doc.AddFieldMappingsAt(fieldPairs, pairs)
	m.DefaultMapping = doc
	return m, m.Validate()
}

// document is the form in which an Article is handed to Bleve.
func document(a news.Article) map[string]any {
	d := map[string]any{
		fieldTitle: a.Title,
		fieldBody:  a.Body,
		fieldNames: names.Text(a.Title, a.Body),
		fieldLead:  a.Title + "\n\n" + a.FirstParagraph(),
	}
	if !a.Date.IsZero() {
		d[fieldDate] = a.Date
	}
	for field, value := range map[string]string{fieldByline: a.Byline, fieldSource: a.Source, fieldURL: a.URL, fieldGUID: a.GUID, fieldFingerprint: fingerprint(a.Body)} {
		if value != "" {
			d[field] = value
		}
	}
	if paths := slices.DeleteFunc(slices.Clone(a.Paths), func(p string) bool { return p == "" }); len(paths) > 0 {
		d[fieldPath] = paths
	}
	if len(a.People) > 0 {
		d[fieldPeople] = a.People
	}
	if isFullStory(a.Body) {
		d[fieldFull] = "1"
	}
	if pairs := names.Pairs(a.Title, a.Body); len(pairs) > 0 {
		d[fieldPairs] = pairs
	}
	return d
}

// minFingerprinted is the shortest body whose fingerprint identifies a story:
// shorter texts ("Read more on our site.") are shared by unrelated items.
const minFingerprinted = 200

// fingerprint identifies a body's text whatever its title, date or link: the
// content ID of the body alone, or "" for a body too short to identify.
func fingerprint(body string) string {
	if len(body) < minFingerprinted {
		return ""
	}
	return news.ContentID(time.Time{}, "", body)
}

// fullStory is how long, in bytes, an article's body is at least to be a
// story: wire services send many one-paragraph items (a price quote, a
// dividend notice) that name a subject and say little about it.
const fullStory = 1000

func isFullStory(body string) bool { return len(body) >= fullStory }

// BodyField is the field that holds an article's body, stemmed: for tools
// that query the engine directly (the benchmark's plain baseline).
const BodyField = fieldBody

// Document is the form in which Bleve is handed an article read from
// a.Path, for tools that index it themselves.
func Document(a news.Article) map[string]any {
	a.Paths = []string{a.Path}
	return document(a)
}
