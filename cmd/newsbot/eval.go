package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"newsbot/cmd/internal/eval"
	"newsbot/commands"
	"newsbot/index"
)

// eval runs "newsbot eval": the quality figures on the real corpora, one per
// line, so that two versions can be compared.
func (e env) eval(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	corpus := fs.String("corpus", "../shared/corpus", "the corpus folder (BBC articles and summaries, Reuters stories)")
	data := fs.String("data", "", "an index of the Reuters stories to reuse; built in a temporary folder when not given")
	questionsFile := fs.String("questions", "", "score these chat questions instead of the built-in ones: a TSV of question, tags, since, until, empty (see README)")
	if rest, err := parseFlags(fs, args); err != nil {
		return err
	} else if len(rest) > 0 {
		return usageError{fmt.Sprintf("eval: unexpected %q", strings.Join(rest, " "))}
	}
	questions := eval.Questions
	if *questionsFile != "" {
		var err error
		if questions, err = readQuestions(*questionsFile); err != nil {
			return err
		}
	}
	results, err := eval.Summaries(filepath.Join(*corpus, "bbc"), eval.SummaryCategories)
	if err != nil {
		return fmt.Errorf("eval summaries: %w (is the corpus at %s? give --corpus)", err, *corpus)
	}
	eval.WriteSummaries(e.stdout, results)

	dir := *data
	if dir == "" {
		tmp, err := os.MkdirTemp("", "newsbot-eval-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		dir = tmp
	}
	fresh := !index.Exists(dir)
	ix, err := index.Open(dir)
	if err != nil {
		return err
	}
	defer ix.Close()
	if fresh {
		fmt.Fprintf(e.stderr, "indexing %s into %s\n", filepath.Join(*corpus, "reuters"), dir)
		if _, err := e.ingest(ctx, ix, ix, []string{filepath.Join(*corpus, "reuters")}, e.stderr); err != nil {
			return err
		}
	}
	people, err := eval.PersonAnswers(ctx, ix, eval.People)
	if err != nil {
		return err
	}
	eval.WritePeople(e.stdout, people)
	tags, err := eval.Topics(filepath.Join(*corpus, "reuters-topics.tsv"))
	if err != nil {
		return fmt.Errorf("eval questions: %w", err)
	}
	aliases, err := commands.LoadAliases("")
	if err != nil {
		return err
	}
	answers, err := eval.AnswerQuestions(ctx, ix, questions, tags, aliases)
	if err != nil {
		return err
	}
	eval.WriteQuestions(e.stdout, answers)
	digests, err := eval.Digests(ctx, ix, eval.DigestDays)
	if err != nil {
		return err
	}
	eval.WriteDigests(e.stdout, digests)
	return nil
}

// readQuestions reads a questions file for eval --questions.
func readQuestions(path string) ([]eval.Question, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("eval --questions: %w", err)
	}
	defer f.Close()
	questions, err := eval.ReadQuestions(f)
	if err != nil {
		return nil, fmt.Errorf("eval --questions %s: %w", path, err)
	}
	return questions, nil
}
