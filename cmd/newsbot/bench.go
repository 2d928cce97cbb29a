package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"newsbot/cmd/internal/bench"
	"newsbot/cmd/internal/eval"
	"newsbot/commands"
	"newsbot/index"
	"newsbot/index/ingest"
	"newsbot/index/news"
)

// benchTopics are the topic questions of the benchmark over the real corpus,
// beside the people and the chat questions of the quality evaluation.
var benchTopics = []string{
	"oil prices", "interest rates", "trade deficit", "Japan trade", "wheat exports", "OPEC", "Brazil debt",
	"dollar", "coffee prices", "stock split", "takeover bid", "money supply", "gold", "sugar quota",
	"Bundesbank", "budget deficit", "tax reform", "football", "film awards", "mobile phones", "election",
	"Chelsea", "broadband", "airline", "steel",
}

// benchReport holds the benchmark's figures; its JSON form is the contract
// scripts compare runs with.
type benchReport struct {
	Articles          int     `json:"articles"`
	IngestPerS        float64 `json:"ingest_per_s"`
	BleveIngestPerS   float64 `json:"bleve_ingest_per_s"`
	IngestRatio       float64 `json:"ingest_ratio"`
	Questions         int     `json:"questions"`
	AskP50Ms          float64 `json:"ask_p50_ms"`
	AskP99Ms          float64 `json:"ask_p99_ms"`
	BleveQueryP50Ms   float64 `json:"bleve_query_p50_ms"`
	BleveQueryP99Ms   float64 `json:"bleve_query_p99_ms"`
	AskRatio          float64 `json:"ask_ratio"`
	AutocompleteP50Ms float64 `json:"autocomplete_p50_ms"`
	AutocompleteP99Ms float64 `json:"autocomplete_p99_ms"`
	ConcurrentP50Ms   float64 `json:"concurrent_p50_ms"`
	ConcurrentP99Ms   float64 `json:"concurrent_p99_ms"`
	DatedP50Ms        float64 `json:"dated_p50_ms"`
	DatedP99Ms        float64 `json:"dated_p99_ms"`
	LatestP50Ms       float64 `json:"latest_p50_ms"`
	LatestP99Ms       float64 `json:"latest_p99_ms"`
	OpenMs            float64 `json:"open_ms"`
	PeakRSSMB         float64 `json:"peak_rss_mb"`
	PeakAnonMB        float64 `json:"peak_anon_mb"`
	IndexMB           float64 `json:"index_mb"`
}

// Benchmark settings: rounds over the questions, concurrent askers, and runs
// of a fresh process for the start-up time.
const (
	benchRounds  = 3
	benchAskers  = 50
	benchStartup = 5
)

// benchSource is what the benchmark ingests: corpus files or generated
// articles, with the questions to ask of them.
type benchSource struct {
	candidates func(context.Context) iter.Seq[news.Candidate]
	questions  []string
}

// bench runs "newsbot bench": ingest, answers, start-up and memory, each
// beside plain Bleve where that means something, in one run.
func (e env) bench(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	var corpora stringList
	fs.Var(&corpora, "corpus", "a corpus folder to ingest (repeatable; default ../shared/corpus)")
	data := fs.String("data", "", "keep the index here between runs (a fresh temporary one otherwise)")
	generate := fs.Int("generate", 0, "ingest this many articles generated from the corpus's sentences instead")
	asJSON := fs.Bool("json", false, "print the figures as one JSON object")
	probe := fs.Bool("probe", false, "internal: answer the questions and exit, for measuring memory")
	natsURL := fs.String("nats", "", "measure cluster mode instead, on the NATS server at this URL (a stream of its own, deleted after)")
	if rest, err := parseFlags(fs, args); err != nil {
		return err
	} else if len(rest) > 0 {
		return usageError{fmt.Sprintf("bench: unexpected %q", strings.Join(rest, " "))}
	}
	if *probe {
		return probeServing(ctx, *data, os.Stdin)
	}
	if len(corpora) == 0 {
		corpora = stringList{"../shared/corpus"}
	}
	for _, c := range corpora {
		if !isDir(c) {
			return fmt.Errorf("bench: no corpus folder at %s: give one with --corpus DIR (../shared/corpus is beside the repository, not in it)", c)
		}
	}
	src, err := benchInput(corpora, *generate)
	if err != nil {
		return err
	}
	if *natsURL != "" {
		r, err := measureCluster(ctx, *natsURL, src, e.stderr)
		if err != nil {
			return err
		}
		if *asJSON {
			enc := json.NewEncoder(e.stdout)
			enc.SetIndent("", "  ")
			return enc.Encode(r)
		}
		writeClusterBench(e.stdout, r)
		return nil
	}
	dir := *data
	if dir == "" {
		tmp, err := os.MkdirTemp("", "newsbot-bench-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		dir = tmp
	}
	var r benchReport
	fresh := !index.Exists(dir)
	ix, err := index.Open(dir)
	if err != nil {
		return err
	}
	if fresh {
		fmt.Fprintln(e.stderr, "bench: ingesting")
		if err := measureIngest(ctx, ix, src, &r); err != nil {
			ix.Close()
			return err
		}
		// Answers are measured on the index as "newsbot index" leaves it.
		if err := ix.Settle(ctx); err != nil {
			ix.Close()
			return err
		}
	}
	if r.Articles, err = ix.Count(); err != nil {
		ix.Close()
		return err
	}
	fmt.Fprintln(e.stderr, "bench: asking")
	err = measureAnswers(ctx, ix, src.questions, &r)
	ix.Close() // the start-up and memory probes open it themselves
	if err != nil {
		return err
	}
	self, err := e.self()
	if err != nil {
		return err
	}
	if err := measureProcess(ctx, self, dir, src.questions, &r); err != nil {
		return err
	}
	if r.IndexMB, err = dirMB(dir); err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(r)
	}
	writeBench(e.stdout, r, fresh)
	return nil
}

// benchInput reads the corpus folders, or prepares the generator.
func benchInput(corpora []string, generate int) (benchSource, error) {
	var dirs []string
	for _, c := range corpora {
		dirs = append(dirs, corpusFolders(c)...)
	}
	if generate > 0 {
		gen, err := bench.NewGenerator(corpora[0], 1)
		if err != nil {
			return benchSource{}, err
		}
		return benchSource{
			candidates: func(context.Context) iter.Seq[news.Candidate] { return gen.Articles(generate) },
			questions:  gen.Questions(50),
		}, nil
	}
	files, err := ingest.ListFiles(dirs)
	if err != nil {
		return benchSource{}, err
	}
	return benchSource{
		candidates: func(ctx context.Context) iter.Seq[news.Candidate] { return ingest.ReadFiles(ctx, files) },
		questions:  slices.Concat(eval.People, benchTopics, eval.QuestionTexts()),
	}, nil
}

// corpusFolders are the article folders of a corpus: for the shared corpus,
// its BBC articles and Reuters stories (not the reference summaries).
func corpusFolders(dir string) []string {
	bbc, reuters := filepath.Join(dir, "bbc", "articles"), filepath.Join(dir, "reuters")
	if isDir(bbc) && isDir(reuters) {
		return []string{bbc, reuters}
	}
	return []string{dir}
}

func isDir(path string) bool {
	info, err := os.Stat(path)
	return err == nil && info.IsDir()
}

// measureIngest times newsbot's ingest and a plain Bleve batch index of the
// same documents with the same mapping. The machine's speed drifts, so for a
// corpus of up to repeatAbove articles they run in the order newsbot, Bleve,
// Bleve, newsbot, and each rate is over both runs; a larger one runs once each.
func measureIngest(ctx context.Context, ix *index.Index, src benchSource, r *benchReport) error {
	start := time.Now()
	report, err := ix.Ingest(ctx, src.candidates(ctx), nil)
	if err != nil {
		return err
	}
	ours := time.Since(start)
	taken := report.Read() - len(report.Rejected)
	runs := 1
	if taken <= repeatAbove {
		runs = 2
	}
	var plain time.Duration
	for range runs {
		d, err := timeBaseline(ctx, src)
		if err != nil {
			return err
		}
		plain += d
	}
	if runs == 2 {
		d, err := timeIngest(ctx, src)
		if err != nil {
			return err
		}
		ours += d
	}
	r.IngestPerS = float64(runs*taken) / ours.Seconds()
	r.BleveIngestPerS = float64(runs*taken) / plain.Seconds()
	r.IngestRatio = r.IngestPerS / r.BleveIngestPerS
	return nil
}

// repeatAbove is the corpus size above which ingest is timed once, not twice.
const repeatAbove = 50000

// timeIngest times newsbot's ingest into a fresh temporary index.
func timeIngest(ctx context.Context, src benchSource) (time.Duration, error) {
	tmp, err := os.MkdirTemp("", "newsbot-bench-ingest-")
	if err != nil {
		return 0, err
	}
	defer os.RemoveAll(tmp)
	ix, err := index.Open(tmp)
	if err != nil {
		return 0, err
	}
	defer ix.Close()
	start := time.Now()
	_, err = ix.Ingest(ctx, src.candidates(ctx), nil)
	return time.Since(start), err
}

// timeBaseline times a plain Bleve batch index of the same documents.
func timeBaseline(ctx context.Context, src benchSource) (time.Duration, error) {
	tmp, err := os.MkdirTemp("", "newsbot-bench-bleve-")
	if err != nil {
		return 0, err
	}
	defer os.RemoveAll(tmp)
	base, err := bench.NewBaseline(tmp)
	if err != nil {
		return 0, err
	}
	defer base.Close()
	start := time.Now()
	_, err = base.Add(src.candidates(ctx))
	return time.Since(start), err
}

// measureAnswers times ask, a plain Bleve match query for the same subjects,
// autocomplete, and ask under concurrent askers.
func measureAnswers(ctx context.Context, ix *index.Index, questions []string, r *benchReport) error {
	r.Questions = len(questions)
	ask := func(ctx context.Context, q string) error {
		_, err := commands.Ask(ctx, ix, commands.Request{Question: q})
		return err
	}
	asks, err := bench.Each(ctx, questions, benchRounds, ask)
	if err != nil {
		return err
	}
	r.AskP50Ms, r.AskP99Ms = bench.Ms(asks.Percentile(50)), bench.Ms(asks.Percentile(99))

	queries, err := bench.Each(ctx, questions, benchRounds, func(ctx context.Context, q string) error {
		_, err := bench.PlainMatch(ctx, ix.Engine(), commands.Subject(q, nil), commands.DefaultSources)
		return err
	})
	if err != nil {
		return err
	}
	r.BleveQueryP50Ms, r.BleveQueryP99Ms = bench.Ms(queries.Percentile(50)), bench.Ms(queries.Percentile(99))
	r.AskRatio = r.AskP50Ms / r.BleveQueryP50Ms

	var prefixes []string
	for _, q := range questions {
		for _, w := range strings.Fields(q) {
			prefixes = append(prefixes, w[:min(3, len(w))])
		}
	}
	completes, err := bench.Each(ctx, prefixes, benchRounds, func(_ context.Context, p string) error {
		_, err := commands.PeopleNamed(ctx, ix, p)
		return err
	})
	if err != nil {
		return err
	}
	r.AutocompleteP50Ms, r.AutocompleteP99Ms = bench.Ms(completes.Percentile(50)), bench.Ms(completes.Percentile(99))

	together, err := bench.Concurrently(ctx, questions, benchAskers, atGate(commands.NewGate(0), ask))
	if err != nil {
		return err
	}
	r.ConcurrentP50Ms, r.ConcurrentP99Ms = bench.Ms(together.Percentile(50)), bench.Ms(together.Percentile(99))

	subjects := questions[:min(benchDatedSubjects, len(questions))]
	dated, err := bench.Each(ctx, datedQuestions(subjects), benchRounds, ask)
	if err != nil {
		return err
	}
	r.DatedP50Ms, r.DatedP99Ms = bench.Ms(dated.Percentile(50)), bench.Ms(dated.Percentile(99))
	newest, err := bench.Each(ctx, append([]string{""}, subjects...), benchRounds, func(ctx context.Context, topic string) error {
		_, err := commands.NewestArticles(ctx, ix, commands.Request{Question: topic})
		return err
	})
	if err != nil {
		return err
	}
	r.LatestP50Ms, r.LatestP99Ms = bench.Ms(newest.Percentile(50)), bench.Ms(newest.Percentile(99))
	return nil
}

// benchDatedSubjects is how many of the questions' subjects are asked about
// by date too, and listed newest first as /latest does.
const benchDatedSubjects = 10

// datedQuestions asks about the subjects by date, as people do ("Reagan
// last week", "latest on Reagan"), and for the news of a day and of a
// month. A day or week with nothing on the subject, as the last week of
// a bot's clock can be for old articles, gets the nearest with some.
func datedQuestions(subjects []string) []string {
	out := []string{"what happened yesterday?", "what happened in June?"}
	for _, s := range subjects {
		out = append(out, s+" last week", "latest on "+s)
	}
	return out
}

// measureProcess runs newsbot as a new process: the time from its start to
// its first answer, on the existing index (the median of a few runs), and the
// peak memory of a process answering every question, alone and concurrently.
func measureProcess(ctx context.Context, self, dir string, questions []string, r *benchReport) error {
	var starts bench.Latencies
	for i := range benchStartup {
		start := time.Now()
		cmd := exec.CommandContext(ctx, self, "ask", "--data", dir, questions[i%len(questions)])
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("start-up probe: %v: %s", err, out)
		}
		starts = append(starts, time.Since(start))
	}
	r.OpenMs = bench.Ms(starts.Percentile(50))

	// The questions go in on stdin, so that the probe loads nothing else.
	cmd := exec.CommandContext(ctx, self, "bench", "--probe", "--data", dir)
	cmd.Stdin = strings.NewReader(strings.Join(questions, "\n"))
	out, err := cmd.Output()
	if err != nil {
		return fmt.Errorf("memory probe: %w", err)
	}
	// The probe reports its own peak: the rusage of a child counts the
	// memory of the parent it was forked from, this benchmark with its index
	// and corpus loaded.
	var peakKB, anonKB float64
	if _, err := fmt.Sscanf(string(out), "peak_kb %f anon_kb %f", &peakKB, &anonKB); err != nil {
		return fmt.Errorf("memory probe: unexpected output %q", out)
	}
	r.PeakRSSMB, r.PeakAnonMB = peakKB/1024, anonKB/1024
	return nil
}

// probeServing is the memory probe's side: open the index, answer every
// question read from in (one per line), then all of them from concurrent
// askers at the gate, and print its peak resident memory and the most
// anonymous memory it saw in use ("peak_kb N anon_kb M"): the part of its RSS
// that is not the index's pages mapped from disk, which the kernel shares
// with its file cache and can drop. Both are 0 where /proc is missing.
func probeServing(ctx context.Context, dir string, in io.Reader) error {
	text, err := io.ReadAll(in)
	if err != nil {
		return err
	}
	questions := strings.Split(strings.TrimSpace(string(text)), "\n")
	if !index.Exists(dir) {
		return errors.New("bench --probe: no index in " + dir)
	}
	ix, err := index.Open(dir)
	if err != nil {
		return err
	}
	defer ix.Close()
	ask := func(ctx context.Context, q string) error {
		_, err := commands.Ask(ctx, ix, commands.Request{Question: q})
		return err
	}
	var peak atomic.Int64
	sample := func(ctx context.Context, q string) error {
		err := ask(ctx, q)
		for kb := int64(statusKB("RssAnon")); kb > peak.Load() && !peak.CompareAndSwap(peak.Load(), kb); {
		}
		return err
	}
	if _, err := bench.Each(ctx, questions, 1, sample); err != nil {
		return err
	}
	if _, err = bench.Concurrently(ctx, questions, benchAskers, atGate(commands.NewGate(0), sample)); err != nil {
		return err
	}
	fmt.Printf("peak_kb %d anon_kb %d\n", statusKB("VmHWM"), peak.Load())
	return nil
}

// statusKB reads a memory figure of this process from /proc/self/status on
// Linux, in kilobytes: "VmHWM" is the peak resident memory, "RssAnon" the
// anonymous part (heap, stacks) now; 0 elsewhere.
func statusKB(field string) int {
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(status), "\n") {
		if rest, ok := strings.CutPrefix(line, field+":"); ok {
			var kb int
			fmt.Sscan(rest, &kb)
			return kb
		}
	}
	return 0
}

// atGate makes each call of op wait its turn at gate, as answers do in the
// bot: concurrent askers queue rather than all slow down.
func atGate(gate commands.Gate, op func(context.Context, string) error) func(context.Context, string) error {
	return func(ctx context.Context, q string) error {
		if err := gate.Enter(ctx); err != nil {
			return err
		}
		defer gate.Leave()
		return op(ctx, q)
	}
}

// dirMB is the size of the files under dir, in megabytes.
func dirMB(dir string) (float64, error) {
	var total int64
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() {
			info, err := d.Info()
			if err != nil {
				return err
			}
			total += info.Size()
		}
		return nil
	})
	return float64(total) / (1 << 20), err
}

func writeBench(w io.Writer, r benchReport, ingested bool) {
	fmt.Fprintf(w, "articles             %d\n", r.Articles)
	if ingested {
		fmt.Fprintf(w, "ingest               %.0f articles/s   plain Bleve %.0f articles/s   ratio %.2f\n", r.IngestPerS, r.BleveIngestPerS, r.IngestRatio)
	} else {
		fmt.Fprintln(w, "ingest               not measured: the index in --data was reused")
	}
	fmt.Fprintf(w, "ask                  p50 %.2f ms  p99 %.2f ms  (%d questions x %d)\n", r.AskP50Ms, r.AskP99Ms, r.Questions, benchRounds)
	fmt.Fprintf(w, "plain Bleve query    p50 %.2f ms  p99 %.2f ms  ask/query p50 ratio %.1f\n", r.BleveQueryP50Ms, r.BleveQueryP99Ms, r.AskRatio)
	fmt.Fprintf(w, "autocomplete         p50 %.3f ms  p99 %.3f ms\n", r.AutocompleteP50Ms, r.AutocompleteP99Ms)
	fmt.Fprintf(w, "ask, %d at once      p50 %.2f ms  p99 %.2f ms\n", benchAskers, r.ConcurrentP50Ms, r.ConcurrentP99Ms)
	fmt.Fprintf(w, "ask by date          p50 %.2f ms  p99 %.2f ms  (%d questions: yesterday, June, and a week of and the latest on %d subjects)\n", r.DatedP50Ms, r.DatedP99Ms, 2+2*min(benchDatedSubjects, r.Questions), min(benchDatedSubjects, r.Questions))
	fmt.Fprintf(w, "/latest              p50 %.2f ms  p99 %.2f ms  (all news, and each of those subjects)\n", r.LatestP50Ms, r.LatestP99Ms)
	fmt.Fprintf(w, "start to answer      %.0f ms (median of %d new processes)\n", r.OpenMs, benchStartup)
	fmt.Fprintf(w, "peak RSS             %.0f MB, of which %.0f MB not the index's mapped pages (a process answering every question, then %d at once)\n", r.PeakRSSMB, r.PeakAnonMB, benchAskers)
	fmt.Fprintf(w, "index on disk        %.1f MB\n", r.IndexMB)
}

// stringList is a repeatable string flag.
type stringList []string

func (l *stringList) String() string     { return strings.Join(*l, ",") }
func (l *stringList) Set(s string) error { *l = append(*l, s); return nil }
