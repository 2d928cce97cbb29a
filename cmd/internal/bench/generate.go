package bench

import (
	"cmp"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"iter"
	"math/bits"
	"math/rand/v2"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode"
	"unicode/utf8"

	"newsbot/commands"
	"newsbot/index/ingest"
	"newsbot/index/news"
)

// The shape of a generated article, chosen to look like the corpus it is made from.
const (
	// topicShare is the share of articles about a topic rather than a person.
	topicShare = 0.3
	// zipfS is the exponent of people's popularity, as in real news: a few
	// people are in very many articles, most in a handful.
	zipfS = 1.1
	// minSentences and maxSentences bound a body; maxParagraph bounds a paragraph.
	minSentences, maxSentences, maxParagraph = 6, 20, 3
	// namingShare is the share of the sentences after the lead that name the
	// subject; sourceShare adds those drawn from the articles about it. The
	// rest come from the lead article's folder (its category or month).
	namingShare, sourceShare = 0.3, 0.4
	// maxPeople caps Article.People, as ingest does.
	maxPeople = 20
	// minTopicSentences is how many sentences of the corpus a topic needs to
	// carry stories of its own.
	minTopicSentences = 20
	// questionRanks is how far down the popularity ranking person questions
	// go: far enough for names in a few articles, near enough that each one
	// leads several of the first 10,000.
	questionRanks = 100
	// yearDays is the number of days in 2024, the year of the generated dates.
	yearDays = 366
)

// yearStart is the first generated date; every date is a UTC day.
var yearStart = time.Date(2024, time.January, 1, 0, 0, 0, 0, time.UTC)

// topics are the subjects of topic stories and questions: what readers of
// markets, politics and technology news ask about. They are found in lower
// case, as whole words; those the corpus says too little about are left out.
var topics = []string{
	"oil prices", "interest rates", "trade talks", "trade deficit", "exchange rates",
	"stock market", "budget deficit", "central bank", "money supply", "share prices",
	"tax cuts", "general election", "mobile phones", "video games", "broadband",
	"coffee prices", "wheat", "takeover bid", "inflation", "unemployment",
}

// Generator makes synthetic articles from the sentences of a corpus, so that
// benchmarks can measure newsbot at scale while the repository holds no
// third-party text. It holds only the sentence pools; articles are built on
// demand, and it is safe for concurrent use.
type Generator struct {
	seed uint64
	// sentences are all the corpus sentences, article after article, with
	// the article each came from and which of that article's people it names
	// (bit j for People[j]).
	sentences []string
	owner     []int32
	named     []uint32
	articles  []source
	groups    []span    // articles' sentences by folder
	names     []string  // every person, by id
	people    []subject // the people that can lead a story, most covered first
	topics    []subject // the topics with enough sentences, most covered first
}

// source is one corpus article as the generator remembers it.
type source struct {
	title, byline string
	sentences     span
	group         int32
	people        []int32 // ids of its Article.People, in order
}

// span is a range of sentence indexes.
type span struct{ first, end int32 }

// subject is a person or a topic that stories are about.
type subject struct {
	name      string
	sentences []int32 // sentences naming it
	articles  []int32 // articles about it
}

// NewGenerator reads the corpus under dir with newsbot's own parser and
// prepares the sentence pools. The same corpus and seed always give the same
// articles. README files are skipped, and so are files newsbot would reject
// (the BBC reference summaries, one line each, have no body); a dir with no
// articles is an error.
func NewGenerator(dir string, seed uint64) (*Generator, error) {
	files, err := ingest.ListFiles([]string{dir})
	if err != nil {
		return nil, fmt.Errorf("read corpus %s: %w", dir, err)
	}
	files = slices.DeleteFunc(files, func(f string) bool {
		return strings.HasPrefix(strings.ToUpper(filepath.Base(f)), "README")
	})
	// Articles of a folder stay together, so its sentences form one span.
	slices.SortFunc(files, func(a, b string) int {
		return cmp.Or(strings.Compare(filepath.Dir(a), filepath.Dir(b)), strings.Compare(a, b))
	})
	g := &Generator{seed: seed}
	g.assemble(files, readAll(files))
	if len(g.articles) == 0 {
		return nil, fmt.Errorf("no articles in %s: want article files like those of ../shared/corpus", dir)
	}
	return g, nil
}

// parsed is one corpus file, split into sentences.
type parsed struct {
	ok        bool
	article   news.Article
	sentences []string
	named     []uint32 // per sentence: bit j when it names article.People[j]
	topics    []uint32 // per sentence: bit t when it holds topics[t]
}

// readAll parses and splits the files on all cores: sentence splitting is
// most of the load time.
func readAll(files []string) []parsed {
	out := make([]parsed, len(files))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < len(files); i = int(next.Add(1) - 1) {
				out[i] = parse(files[i])
			}
		})
	}
	wg.Wait()
	return out
}

// parse reads one file and notes which people and topics each sentence names.
func parse(file string) parsed {
	a, err := news.ReadFile(file)
	if err != nil {
		return parsed{}
	}
	p := parsed{ok: true, article: a, sentences: commands.Sentences(a.Body)}
	p.named = make([]uint32, len(p.sentences))
	p.topics = make([]uint32, len(p.sentences))
	for k, s := range p.sentences {
		for j, name := range a.People[:min(len(a.People), 32)] { // a mask holds 32; ingest keeps 20
			if hasWords(s, name) {
				p.named[k] |= 1 << j
			}
		}
		for t, topic := range topics {
			if hasWords(s, topic) {
				p.topics[k] |= 1 << t
			}
		}
	}
	return p
}

// assemble builds the pools from the parsed files, in file order: ids are
// given in order of first appearance, so no map order leaks into the output.
func (g *Generator) assemble(files []string, all []parsed) {
	ids := map[string]int32{}
	var people []subject
	themes := make([]subject, len(topics))
	for t, name := range topics {
		themes[t].name = name
	}
	lastDir := ""
	for i, p := range all {
		if !p.ok {
			continue
		}
		src := int32(len(g.articles))
		if dir := filepath.Dir(files[i]); dir != lastDir || len(g.groups) == 0 {
			g.groups = append(g.groups, span{int32(len(g.sentences)), int32(len(g.sentences))})
			lastDir = dir
		}
		a := source{title: p.article.Title, byline: p.article.Byline, group: int32(len(g.groups) - 1)}
		for _, name := range p.article.People {
			id, ok := ids[name]
			if !ok {
				id = int32(len(g.names))
				ids[name] = id
				g.names = append(g.names, name)
				people = append(people, subject{name: name})
			}
			a.people = append(a.people, id)
			people[id].articles = append(people[id].articles, src)
		}
		a.sentences.first = int32(len(g.sentences))
		for k, s := range p.sentences {
			sid := int32(len(g.sentences))
			g.sentences = append(g.sentences, s)
			g.owner = append(g.owner, src)
			g.named = append(g.named, p.named[k])
			for m := p.named[k]; m != 0; m &= m - 1 {
				id := a.people[bits.TrailingZeros32(m)]
				people[id].sentences = append(people[id].sentences, sid)
			}
			for m := p.topics[k]; m != 0; m &= m - 1 {
				th := &themes[bits.TrailingZeros32(m)]
				th.sentences = append(th.sentences, sid)
				if n := len(th.articles); n == 0 || th.articles[n-1] != src {
					th.articles = append(th.articles, src)
				}
			}
		}
		a.sentences.end = int32(len(g.sentences))
		g.groups[len(g.groups)-1].end = a.sentences.end
		g.articles = append(g.articles, a)
	}
	// A person leads a story with a sentence naming them in full.
	g.people = slices.DeleteFunc(people, func(s subject) bool { return len(s.sentences) == 0 })
	slices.SortStableFunc(g.people, func(a, b subject) int {
		return cmp.Or(len(b.articles)-len(a.articles), len(b.sentences)-len(a.sentences), strings.Compare(a.name, b.name))
	})
	g.topics = slices.DeleteFunc(themes, func(s subject) bool { return len(s.sentences) < minTopicSentences })
	slices.SortStableFunc(g.topics, func(a, b subject) int { return len(b.sentences) - len(a.sentences) })
}

// Articles yields n articles as ingest candidates, the same ones for the same
// corpus and seed: article i depends only on them and i, never on n. Each is
// built when it is asked for, so n may exceed what memory holds.
//
// An article is about a subject: 70% about a person, picked by popularity
// rank from a Zipf distribution, the rest about a topic. Its lead sentence
// names the subject and gives the title (of its article) and byline; then
// come sentences naming the subject, sentences of other articles about it, and
// sentences of articles filed beside the lead one, all verbatim. Its People are
// the people of each sentence's own article that the sentence names, most
// named first. Its ID derives from seed and i; it has no Path, which promises
// a file that exists: it enters the index like a feed item, with Source
// "generated", and Origin "generated/<i>" names it in rejections.
func (g *Generator) Articles(n int) iter.Seq[news.Candidate] {
	return func(yield func(news.Candidate) bool) {
		pcg := rand.NewPCG(0, 0)
		r := rand.New(pcg)
		var zipf *rand.Zipf
		if len(g.people) > 0 {
			zipf = rand.NewZipf(r, zipfS, 1, uint64(len(g.people)-1))
		}
		var w writer
		for i := range n {
			pcg.Seed(g.seed, uint64(i))
			a := w.article(g, r, zipf)
			a.ID = articleID(g.seed, i)
			if !yield(news.Candidate{Origin: "generated/" + strconv.Itoa(i), Article: a}) {
				return
			}
		}
	}
}

// articleID is the first 16 hex digits of the SHA-256 of seed and i: unique
// and stable, like the content IDs of real articles.
func articleID(seed uint64, i int) string {
	var b [16]byte
	binary.BigEndian.PutUint64(b[:8], seed)
	binary.BigEndian.PutUint64(b[8:], uint64(i))
	sum := sha256.Sum256(b[:])
	return hex.EncodeToString(sum[:8])
}

// writer builds articles, reusing its scratch space from one to the next.
type writer struct {
	chosen []int32
	counts []personCount
}

// personCount is how many sentences of an article name a person, and where
// the first one is.
type personCount struct{ id, count, first int32 }

// article builds one article from the random source r.
func (w *writer) article(g *Generator, r *rand.Rand, zipf *rand.Zipf) news.Article {
	date := yearStart.AddDate(0, 0, r.IntN(yearDays))
	var about *subject
	switch {
	case len(g.topics) > 0 && (zipf == nil || r.Float64() < topicShare):
		about = &g.topics[r.IntN(len(g.topics))]
	case zipf != nil:
		about = &g.people[zipf.Uint64()]
	}
	var lead int32
	if about != nil {
		lead = about.sentences[r.IntN(len(about.sentences))]
	} else {
		lead = int32(r.IntN(len(g.sentences)))
	}
	origin := g.articles[g.owner[lead]]
	w.chosen = append(w.chosen[:0], lead)
	want := minSentences + r.IntN(maxSentences-minSentences+1)
	for try := 0; len(w.chosen) < want && try < 4*want; try++ {
		if s := g.draw(r, about, origin.group); !w.has(g, s) {
			w.chosen = append(w.chosen, s)
		}
	}
	return news.Article{
		Title:  origin.title,
		Date:   date,
		Byline: origin.byline,
		Source: "generated",
		Body:   w.body(g, r),
		People: w.people(g),
	}
}

// draw picks a sentence after the lead: naming the subject, from an article
// about it, or from the lead article's folder.
func (g *Generator) draw(r *rand.Rand, about *subject, group int32) int32 {
	u := r.Float64()
	switch {
	case about != nil && u < namingShare:
		return about.sentences[r.IntN(len(about.sentences))]
	case about != nil && u < namingShare+sourceShare:
		return g.articles[about.articles[r.IntN(len(about.articles))]].sentences.pick(r)
	}
	return g.groups[group].pick(r)
}

// pick draws a sentence of the span.
func (s span) pick(r *rand.Rand) int32 { return s.first + int32(r.IntN(int(s.end-s.first))) }

// has reports whether the article has the sentence already, or the same
// words from a duplicate article.
func (w *writer) has(g *Generator, s int32) bool {
	return slices.ContainsFunc(w.chosen, func(c int32) bool { return g.sentences[c] == g.sentences[s] })
}

// body joins the chosen sentences into paragraphs of 1 to maxParagraph.
func (w *writer) body(g *Generator, r *rand.Rand) string {
	size := 0
	for _, s := range w.chosen {
		size += len(g.sentences[s]) + 2
	}
	var b strings.Builder
	b.Grow(size)
	left := 0
	for k, s := range w.chosen {
		switch {
		case k == 0:
		case left == 0:
			b.WriteString("\n\n")
		default:
			b.WriteByte(' ')
		}
		if left == 0 {
			left = 1 + r.IntN(maxParagraph)
		}
		left--
		b.WriteString(g.sentences[s])
	}
	return b.String()
}

// people lists the people the chosen sentences name, by how many sentences
// name them, then by first appearance.
func (w *writer) people(g *Generator) []string {
	w.counts = w.counts[:0]
	for k, s := range w.chosen {
		ids := g.articles[g.owner[s]].people
		for m := g.named[s]; m != 0; m &= m - 1 {
			id := ids[bits.TrailingZeros32(m)]
			if i := slices.IndexFunc(w.counts, func(c personCount) bool { return c.id == id }); i >= 0 {
				w.counts[i].count++
			} else {
				w.counts = append(w.counts, personCount{id, 1, int32(k)})
			}
		}
	}
	if len(w.counts) == 0 {
		return nil
	}
	slices.SortFunc(w.counts, func(a, b personCount) int { return cmp.Or(int(b.count-a.count), int(a.first-b.first)) })
	names := make([]string, min(len(w.counts), maxPeople))
	for i := range names {
		names[i] = g.names[w.counts[i].id]
	}
	return names
}

// Questions returns k questions for latency benchmarks, each the subject of
// generated articles, a person and a topic in turn. The people are spread
// over the 100 most covered, so that names in thousands of articles and
// names in a few are both asked, every other one by surname alone
// ("Nakasone") as users ask. The topics ("oil prices") come most covered
// first; when they run out, people take their place, and a small corpus may
// give fewer than k.
func (g *Generator) Questions(k int) []string {
	k = max(k, 0)
	nTopics := min(k/2, len(g.topics))
	nPeople := min(k-nTopics, len(g.people))
	ranks := max(min(len(g.people), questionRanks), nPeople)
	var people []string
	for j := range nPeople {
		name := g.people[j*ranks/nPeople].name
		if j%2 == 1 {
			name = name[strings.LastIndexByte(name, ' ')+1:]
		}
		people = append(people, name)
	}
	out := make([]string, 0, nPeople+nTopics)
	for j := range max(nPeople, nTopics) {
		if j < nPeople {
			out = append(out, people[j])
		}
		if j < nTopics {
			out = append(out, g.topics[j].name)
		}
	}
	return out
}

// hasWords reports whether text holds words as whole words: "Baker" is not
// in "Bakery".
func hasWords(text, words string) bool {
	for i := 0; ; {
		j := strings.Index(text[i:], words)
		if j < 0 {
			return false
		}
		start, end := i+j, i+j+len(words)
		before, _ := utf8.DecodeLastRuneInString(text[:start])
		after, _ := utf8.DecodeRuneInString(text[end:])
		if !isWordRune(before) && !isWordRune(after) {
			return true
		}
		i = start + 1
	}
}

// isWordRune reports whether r continues a word.
func isWordRune(r rune) bool {
	return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r))
}
