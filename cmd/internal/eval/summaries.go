package eval

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"newsbot/commands"
	"newsbot/index/news"
)

// SummaryCategories are the BBC categories with reference summaries in the
// corpus (politics and tech are kept back to check that tuning generalises).
var SummaryCategories = []string{"business", "entertainment", "sport"}

// SummaryScores are the mean ROUGE F1 scores of one summarizer on one category.
type SummaryScores struct {
	Rouge1, Rouge2, RougeL float64
}

// SummaryResult compares newsbot's summarizer with the lead-N baseline on one
// category.
type SummaryResult struct {
	Category         string
	Articles         int
	Summarizer, Lead SummaryScores
}

// Summaries scores Summarize against the reference summaries under
// bbcDir/summaries, with N, the number of sentences asked for, the number of
// the article's sentences found in the reference.
func Summaries(bbcDir string, categories []string) ([]SummaryResult, error) {
	var results []SummaryResult
	for _, cat := range categories {
		refs, err := filepath.Glob(filepath.Join(bbcDir, "summaries", cat, "*.txt"))
		if err != nil {
			return nil, err
		}
		if len(refs) == 0 {
			return nil, fmt.Errorf("no reference summaries in %s", filepath.Join(bbcDir, "summaries", cat))
		}
		res := SummaryResult{Category: cat}
		var ours, lead []SummaryScores
		for _, refPath := range refs {
			a, err := news.ReadFile(filepath.Join(bbcDir, "articles", cat, filepath.Base(refPath)))
			if err != nil {
				return nil, err
			}
			ref, err := os.ReadFile(refPath)
			if err != nil {
				return nil, err
			}
			sentences := commands.Sentences(a.Body)
			n := referenceLength(sentences, string(ref))
			if n == 0 {
				continue
			}
			refTokens := Tokens(string(ref))
			ours = append(ours, scoreSummary(commands.Summarize(a.Body, n), refTokens))
			lead = append(lead, scoreSummary(sentences[:n], refTokens))
		}
		res.Articles, res.Summarizer, res.Lead = len(ours), mean(ours), mean(lead)
		results = append(results, res)
	}
	return results, nil
}

// referenceLength is how many of the article's sentences the reference
// holds. References concatenate their sentences without spaces, so they are
// compared with white space removed.
func referenceLength(sentences []string, ref string) int {
	squeezed := strings.Join(strings.Fields(ref), "")
	n := 0
	for _, s := range sentences {
		if strings.Contains(squeezed, strings.Join(strings.Fields(s), "")) {
			n++
		}
	}
	return n
}

func scoreSummary(sentences []string, ref []string) SummaryScores {
	c := Tokens(strings.Join(sentences, " "))
	return SummaryScores{RougeN(c, ref, 1).F, RougeN(c, ref, 2).F, RougeL(c, ref).F}
}

func mean(scores []SummaryScores) SummaryScores {
	var m SummaryScores
	for _, s := range scores {
		m.Rouge1 += s.Rouge1
		m.Rouge2 += s.Rouge2
		m.RougeL += s.RougeL
	}
	if n := float64(len(scores)); n > 0 {
		m.Rouge1, m.Rouge2, m.RougeL = m.Rouge1/n, m.Rouge2/n, m.RougeL/n
	}
	return m
}

// WriteSummaries prints one line per figure, then the averages over the
// categories, the figure the target is set on.
func WriteSummaries(w io.Writer, results []SummaryResult) {
	var all, leads []SummaryScores
	for _, r := range results {
		for _, line := range []struct {
			name string
			s    SummaryScores
		}{{"textrank", r.Summarizer}, {"lead-n", r.Lead}} {
			fmt.Fprintf(w, "summary %-13s %-8s rouge1 %5.2f rouge2 %5.2f rougeL %5.2f (%d articles)\n",
				r.Category, line.name, 100*line.s.Rouge1, 100*line.s.Rouge2, 100*line.s.RougeL, r.Articles)
		}
		all, leads = append(all, r.Summarizer), append(leads, r.Lead)
	}
	if len(results) > 0 {
		m, l := mean(all), mean(leads)
		fmt.Fprintf(w, "summary %-13s %-8s rouge1 %5.2f rouge2 %5.2f rougeL %5.2f\n", "average", "textrank", 100*m.Rouge1, 100*m.Rouge2, 100*m.RougeL)
		fmt.Fprintf(w, "summary %-13s %-8s rouge1 %5.2f rouge2 %5.2f rougeL %5.2f\n", "average", "lead-n", 100*l.Rouge1, 100*l.Rouge2, 100*l.RougeL)
	}
}
