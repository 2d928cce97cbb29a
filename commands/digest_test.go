package commands

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"newsbot/index"
	"newsbot/index/ingest"
)

// mustIndex builds an index of the files under path in a temporary directory.
func mustIndex(t *testing.T, path string) *index.Index {
	t.Helper()
	ix, err := index.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	files, err := ingest.ListFiles([]string{path})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ix.Ingest(context.Background(), ingest.ReadFiles(context.Background(), files), nil); err != nil {
		t.Fatal(err)
	}
	return ix
}

func TestMakeDigest(t *testing.T) {
	ix := mustIndex(t, "testdata/digest")
	day := time.Date(2025, 5, 6, 0, 0, 0, 0, time.UTC)
	d, err := MakeDigest(context.Background(), ix, DigestRequest{From: day, To: day.AddDate(0, 0, 1)})
	if err != nil {
		t.Fatal(err)
	}
	if d.Articles != 7 {
		t.Errorf("the day has %d articles; want 7 (not yesterday's)", d.Articles)
	}
	var got [][]string
	for _, s := range d.Stories {
		var files []string
		for _, a := range s.Sources {
			files = append(files, filepath.Base(a.Path))
		}
		slices.Sort(files)
		got = append(got, files)
		if len(s.Summary) == 0 || len(s.Summary) > 2 {
			t.Errorf("story %q has %d summary sentences; want 1 or 2", s.Title, len(s.Summary))
		}
	}
	want := [][]string{{"a1.txt", "a2.txt", "a3.txt"}, {"b1.txt", "b2.txt"}, {"c1.txt"}, {"notice.txt"}}
	if !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("stories %q; want %q (the same story collapsed, most covered first, the notice last)", got, want)
	}
}

func TestMakeDigestTopicsAndEmptyDays(t *testing.T) {
	ix := mustIndex(t, "testdata/digest")
	day := time.Date(2025, 5, 6, 0, 0, 0, 0, time.UTC)
	d, err := MakeDigest(context.Background(), ix, DigestRequest{From: day, To: day.AddDate(0, 0, 1), Topics: []string{"Whitlow", "e-reader"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Stories) != 2 || len(d.Stories[0].Sources) != 2 || d.Articles != 3 {
		t.Errorf("topics Whitlow and e-reader: %d stories from %d articles; want the manager story (2 sources) and the recall", len(d.Stories), d.Articles)
	}
	empty, err := MakeDigest(context.Background(), ix, DigestRequest{From: day.AddDate(0, 0, 2), To: day.AddDate(0, 0, 3)})
	if err != nil || len(empty.Stories) != 0 || empty.Articles != 0 {
		t.Errorf("a day without news: %+v, %v", empty, err)
	}
	one, err := MakeDigest(context.Background(), ix, DigestRequest{From: day, To: day.AddDate(0, 0, 1), Stories: 1})
	if err != nil || len(one.Stories) != 1 {
		t.Errorf("Stories: 1 gave %d stories", len(one.Stories))
	}
}

func TestMakeDigestNoticesAndRefiles(t *testing.T) {
	notice := func(title, issuer, manager string) string {
		return " date 2025-05-06 " + title + "\n\nLONDON, May 6 - " + issuer + " Ltd is issuing a 50 mln dlr eurobond due April 3, 1990 paying 8 pct and priced at 101 pct, lead manager " + manager + " Ltd said.\n\nThe payment date is April 3.\n"
	}
	jobless := "TOKYO, May 6 - Japan's unemployment rate is expected to climb to about 3.5 pct within the next year from the three pct record of March, senior economists said.\n\nThey blamed the strong yen, which has hurt exporters and their suppliers across the country.\n"
	ix := mustIndexOf(t, map[string]string{
		"alpha.txt":  notice("ALPHA FINANCE ISSUES EUROBOND", "Alpha Finance", "Orion Royal Bank"),
		"beta.txt":   notice("BETA HOLDINGS ISSUES EUROBOND", "Beta Holdings", "Credit Suisse First Boston"),
		"japan1.txt": " date 2025-05-06 JAPAN'S UNEMPLOYMENT RATE SEEN RISING\n\n" + jobless,
		"japan2.txt": " date 2025-05-06 JAPAN'S UNEMPLOYMENT RATE SEEN RISING TO 3.5 PCT\n\n" + jobless,
	})
	day := time.Date(2025, 5, 6, 0, 0, 0, 0, time.UTC)
	d, err := MakeDigest(context.Background(), ix, DigestRequest{From: day, To: day.AddDate(0, 0, 1)})
	if err != nil {
		t.Fatal(err)
	}
	if d.Articles != 4 || len(d.Stories) != 3 {
		t.Fatalf("%d stories from %d articles; want 3 from 4: two issuers' notices, and one story filed twice", len(d.Stories), d.Articles)
	}
	for _, s := range d.Stories {
		if len(s.Sources) != 1 {
			t.Errorf("story %q has %d sources; want 1: notices of two issuers are two stories, a refile is no second source", s.Title, len(s.Sources))
		}
	}
}

func TestMakeDigestNewsOfAKindGoesAfterOtherNews(t *testing.T) {
	buyback := func(company string) string {
		return " date 2025-05-06 " + strings.ToUpper(company) + " TO REPURCHASE SHARES\n\nNEW YORK, May 6 - " + company + " said its board authorized the repurchase of up to five mln of its common shares in the open market or privately from time to time, to be financed from general corporate funds.\n\nThe company said the purchases would begin at once and run for the rest of the year.\n"
	}
	ix := mustIndexOf(t, map[string]string{
		"alpha.txt": buyback("Alpha Foods"),
		"beta.txt":  buyback("Beta Motors"),
		"gamma.txt": buyback("Gamma Mining"),
		"storm.txt": " date 2025-05-06 Storm closes the coast road\n\nA storm closed the coast road near Port Carrick overnight and flooded the fish market.\n",
	})
	day := time.Date(2025, 5, 6, 0, 0, 0, 0, time.UTC)
	d, err := MakeDigest(context.Background(), ix, DigestRequest{From: day, To: day.AddDate(0, 0, 1), Stories: 2})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Stories) != 2 || !strings.Contains(d.Stories[0].Title, "repurchase") || d.Stories[1].Title != "Storm closes the coast road" {
		var titles []string
		for _, s := range d.Stories {
			titles = append(titles, s.Title)
		}
		t.Errorf("top stories %q; want a buyback, then the storm before any other buyback", titles)
	}
}

func TestMakeDigestDatelineIsNoSharedName(t *testing.T) {
	notice := func(company, what string) string {
		return " date 2025-05-06 " + strings.ToUpper(company) + " NEWS\n\nRICHMOND, Va., Oct 20 - " + company + " said its board approved " + what + " of up to five mln common shares, to be paid from general corporate funds.\n"
	}
	ix := mustIndexOf(t, map[string]string{
		"a.txt": notice("Alpha Foods", "the repurchase"),
		"b.txt": notice("Beta Motors", "the sale"),
	})
	day := time.Date(2025, 5, 6, 0, 0, 0, 0, time.UTC)
	d, err := MakeDigest(context.Background(), ix, DigestRequest{From: day, To: day.AddDate(0, 0, 1)})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Stories) != 2 {
		t.Errorf("%d stories; want 2: two companies in one city are two stories", len(d.Stories))
	}
}

func TestMakeDigestSummaryReadsWellAlone(t *testing.T) {
	ix := mustIndexOf(t, map[string]string{
		"hogs.txt": " date 2025-05-06 ST PAUL HOGS OPEN UP 0.50 DLR\n\nSt Paul, May 6 - Hog prices opened 0.50 dlr higher, private sources said.\n\nTop 51.00 dlrs per cwt.\n",
	})
	day := time.Date(2025, 5, 6, 0, 0, 0, 0, time.UTC)
	d, err := MakeDigest(context.Background(), ix, DigestRequest{From: day, To: day.AddDate(0, 0, 1)})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Stories) != 1 || !slices.Equal(d.Stories[0].Summary, []string{"Hog prices opened 0.50 dlr higher, private sources said."}) {
		t.Errorf("stories %+v; want the hog report summed up without its table line or dateline", d.Stories)
	}
}

// Notices that name companies by their stock symbols are one story only
// when they name the same company.
func TestMakeDigestCompaniesByTheirSymbols(t *testing.T) {
	offering := func(title, company string) string {
		return " date 2025-05-06 " + title + "\n\nNEW YORK, May 6 - " + company + " said it filed with the Securities and Exchange Commission for an initial public offering of two mln common shares at an expected price of 12 dlrs a share through underwriters.\n"
	}
	ix := mustIndexOf(t, map[string]string{
		"newmont.txt": offering("NEWMONT GOLD <NGC> FILES FOR PUBLIC OFFERING", "Newmont Gold Co <NGC>"),
		"abm.txt":     offering("ABM GOLD FILES FOR INITIAL SHARE OFFERING", "ABM Gold Corp"),
		"davox.txt":   offering("DAVOX <DAVX> REGISTERS SHARE OFFERING", "Davox Corp <DAVX>"),
	})
	day := time.Date(2025, 5, 6, 0, 0, 0, 0, time.UTC)
	d, err := MakeDigest(context.Background(), ix, DigestRequest{From: day, To: day.AddDate(0, 0, 1)})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Stories) != 3 {
		t.Errorf("%d stories; want 3: three companies' offerings", len(d.Stories))
	}
}

// An acronym in a first paragraph is a name: two OPEC stories are one.
func TestMakeDigestAcronymsAreNames(t *testing.T) {
	ix := mustIndexOf(t, map[string]string{
		"a.txt": " date 2025-05-06 OPEC SAYS OUTPUT UNDER CEILING\n\nVIENNA, May 6 - OPEC said its crude oil output in April was well below its ceiling of 15.8 mln barrels a day, as members held to their quotas.\n",
		"b.txt": " date 2025-05-06 EARLY MAY OPEC OUTPUT SEEN BELOW CEILING\n\nLONDON, May 6 - OPEC crude oil output in early May was well below the group's ceiling of 15.8 mln barrels a day, oil traders and analysts said.\n",
		"c.txt": " date 2025-05-06 Storm closes the coast road\n\nA storm closed the coast road near Port Carrick overnight and flooded the fish market.\n",
	})
	day := time.Date(2025, 5, 6, 0, 0, 0, 0, time.UTC)
	d, err := MakeDigest(context.Background(), ix, DigestRequest{From: day, To: day.AddDate(0, 0, 1)})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Stories) != 2 || len(d.Stories[0].Sources) != 2 {
		t.Errorf("%d stories, the first of %d sources; want the two OPEC reports as one story, and the storm", len(d.Stories), len(d.Stories[0].Sources))
	}
}

// Two companies' notices of the same kind are two stories even when neither
// names a stock symbol; the notices of a merger's two parties, which name
// each other, are one.
func TestMakeDigestNoticesOpenWithTheirCompany(t *testing.T) {
	sales := func(title, company string) string {
		return " date 2025-05-06 " + title + "\n\nOSHAWA, Ontario, May 6 - " + company + " said April car sales in Canada fell 17.8 pct to 25,779 units from 31,361 units the previous year, on weak demand across Ontario dealers.\n"
	}
	merger := func(title, lead string) string {
		return " date 2025-05-06 " + title + "\n\nHOUSTON, May 6 - " + lead + "\n"
	}
	ix := mustIndexOf(t, map[string]string{
		"gm.txt":     sales("GM CANADA APRIL CAR SALES OFF 17.8 PCT", "General Motors of Canada Ltd"),
		"ford.txt":   sales("FORD CANADA APRIL CAR SALES OFF 17.8 PCT", "Ford Motor Co of Canada"),
		"baker.txt":  merger("BAKER SUES TO FORCE HUGHES MERGER", "Baker International Corp said it sued Hughes Tool Co in Texas to force the Hughes merger agreed in January, after Hughes directors rejected the merger terms."),
		"hughes.txt": merger("HUGHES TOOL SAYS BAKER MERGER ALIVE", "Hughes Tool Co said its merger with Baker International Corp was still alive after the Baker suit in Texas, though Hughes directors rejected the merger terms."),
	})
	day := time.Date(2025, 5, 6, 0, 0, 0, 0, time.UTC)
	d, err := MakeDigest(context.Background(), ix, DigestRequest{From: day, To: day.AddDate(0, 0, 1)})
	if err != nil {
		t.Fatal(err)
	}
	sources := map[string]int{}
	for _, st := range d.Stories {
		for _, src := range st.Sources {
			sources[filepath.Base(src.Path)] = len(st.Sources)
		}
	}
	if sources["gm.txt"] != 1 || sources["ford.txt"] != 1 {
		t.Errorf("General Motors' and Ford's sales are in stories of %d and %d sources; want one each", sources["gm.txt"], sources["ford.txt"])
	}
	if sources["baker.txt"] != 2 {
		t.Errorf("Baker's suit is in a story of %d sources; want one story with Hughes's reply", sources["baker.txt"])
	}
}

// What leads is what the day's news is most about, across its articles, not
// what was filed most often: an OPEC story that other OPEC news echoes goes
// before a company's debt issue filed three times.
func TestMakeDigestLeadsWithWhatTheNewsIsAbout(t *testing.T) {
	article := func(title, lead string) string {
		return " date 1987-03-05 " + title + "\n\nVIENNA, March 5 - " + lead + "\n"
	}
	debt := func(n string) string {
		return article("OHIO MATTRESS <OMT> TO SELL CONVERTIBLE DEBT"+n, "Ohio Mattress Co <OMT> said it filed to sell 75 mln dlrs of convertible subordinated debentures due 2012 through Drexel Burnham Lambert Inc, with proceeds to repay bank debt"+n+".")
	}
	ix := mustIndexOf(t, map[string]string{
		"opec.txt":  article("OPEC OUTPUT SEEN WELL BELOW CEILING", "OPEC oil output in early March is well below the group's ceiling of 15.8 mln barrels a day as Saudi Arabia cuts production to defend the official crude prices, oil industry sources said."),
		"saudi.txt": article("SAUDI ARABIA CUTS CRUDE OUTPUT TO DEFEND OPEC PRICES", "Saudi Arabia has cut its crude oil output to defend OPEC's official prices of 18 dlrs a barrel, Saudi oil industry sources said, as buyers resist the OPEC prices."),
		"gulf.txt":  article("GULF STATES BACK OPEC PRICES", "Gulf OPEC members said they would keep to their OPEC output quotas and the official crude prices, as the Saudi cuts in oil output lift spot prices."),
		"omt1.txt":  debt(""),
		"omt2.txt":  debt(" and for general purposes"),
		"omt3.txt":  debt(" and to buy back stock"),
	})
	day := time.Date(1987, 3, 5, 0, 0, 0, 0, time.UTC)
	d, err := MakeDigest(context.Background(), ix, DigestRequest{From: day, To: day.AddDate(0, 0, 1)})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Stories) == 0 || strings.Contains(d.Stories[0].Title, "Mattress") {
		var titles []string
		for _, s := range d.Stories {
			titles = append(titles, s.Title)
		}
		t.Errorf("stories %q; want OPEC's output or prices first", titles)
	}
}

// A digest leaves out the stories on the topics it excludes.
func TestMakeDigestExcludes(t *testing.T) {
	ix := mustSamples(t)
	day := time.Date(2025, 4, 17, 0, 0, 0, 0, time.UTC)
	req := DigestRequest{From: day, To: day.AddDate(0, 0, 2)}
	all, err := MakeDigest(context.Background(), ix, req)
	if err != nil {
		t.Fatal(err)
	}
	req.Exclude = []string{"Iran", "nothing at all"}
	without, err := MakeDigest(context.Background(), ix, req)
	if err != nil {
		t.Fatal(err)
	}
	mentions := func(d Digest) (n int) {
		for _, s := range d.Stories {
			for _, a := range s.Sources {
				if strings.Contains(a.Title+a.Body, "Iran") {
					n++
				}
			}
		}
		return n
	}
	if mentions(all) == 0 || mentions(without) != 0 || len(without.Stories) == 0 || without.Articles >= all.Articles {
		t.Errorf("sources mentioning Iran: %d of %d articles, then %d of %d excluding it; want some, then none, and the other stories kept", mentions(all), all.Articles, mentions(without), without.Articles)
	}
}
