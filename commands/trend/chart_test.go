package trend

import (
	"bytes"
	"flag"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"gonum.org/v1/plot/vg"
)

var update = flag.Bool("update", false, "rewrite testdata/chart.golden.png")

// days makes a series from counts, one a day from 1 March 2025, with the
// headlines given by day index.
func days(topic string, counts []int, headlines map[int]string) Series {
	s := Series{Topic: topic}
	start := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	for i, n := range counts {
		s.Days = append(s.Days, Day{Date: start.AddDate(0, 0, i), Articles: n, Headline: headlines[i]})
	}
	return s
}

// goldenSeries is the fixed input of the golden image: 30 days of two topics.
func goldenSeries() []Series {
	return []Series{
		days("Witkoff", []int{2, 3, 1, 4, 6, 5, 3, 2, 8, 14, 11, 7, 5, 4, 3, 6, 9, 7, 4, 3, 2, 2, 5, 12, 9, 6, 4, 3, 2, 1},
			map[int]string{
				9:  "Witkoff flies to Moscow for talks on a ceasefire plan",
				23: "Envoy Witkoff says deal is close",
			}),
		days("Rubio", []int{4, 5, 6, 4, 3, 2, 3, 5, 6, 7, 9, 8, 6, 5, 7, 10, 13, 10, 8, 6, 5, 4, 4, 6, 7, 5, 4, 3, 3, 2},
			map[int]string{
				16: "Rubio meets European ministers in Brussels",
			}),
	}
}

// wave makes n made-up daily counts, different for each phase.
func wave(n, phase int) []int {
	c := make([]int, n)
	for i := range c {
		c[i] = (i*7+phase*5)%23 + phase
	}
	return c
}

func TestChart(t *testing.T) {
	long := strings.Repeat("A very long headline that goes on and on ", 5)
	var eight []Series
	for i := range 8 {
		eight = append(eight, days(strings.Repeat("Topic ", i+1), wave(30, i), map[int]string{i: long, 29 - i: "short"}))
	}
	tests := []struct {
		name          string
		series        []Series
		width, height int
		lines         bool // a line in the first colour must show
	}{
		{"two series", goldenSeries(), 800, 400, true},
		{"no series", nil, 800, 400, false},
		{"no days", []Series{{Topic: "Witkoff"}}, 800, 400, false},
		{"all zero", []Series{days("Witkoff", make([]int, 30), nil)}, 800, 400, true},
		{"one day", []Series{days("Witkoff", []int{3}, map[int]string{0: long})}, 800, 400, true},
		{"long headlines and topic", []Series{days(long, wave(30, 1), map[int]string{3: long, 10: long, 20: long})}, 800, 400, true},
		{"eight series", eight, 800, 400, true},
		{"two years", []Series{days("Witkoff", wave(730, 2), nil), days("Rubio", wave(730, 5), nil)}, 1000, 500, true},
		{"smallest", eight, 200, 200, true},
		{"tall and narrow", goldenSeries(), 200, 4000, true},
		{"wide and low", goldenSeries(), 4000, 200, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			img := mustDecode(t, mustChart(t, tt.series, tt.width, tt.height))
			if got := img.Bounds().Size(); got != image.Pt(tt.width, tt.height) {
				t.Fatalf("got size %v; want %dx%d", got, tt.width, tt.height)
			}
			if n := count(img, func(c color.NRGBA) bool { return c.A > 0 }, all); n == 0 {
				t.Errorf("got no drawn pixels; want a title at least")
			}
			if n := count(img, func(c color.NRGBA) bool { return c.A == 0 }, all); n < tt.width*tt.height/2 {
				t.Errorf("got %d transparent pixels; want a transparent background", n)
			}
			if n := count(img, func(c color.NRGBA) bool { return c.A > 0 }, edge); n > 0 {
				t.Errorf("got %d drawn pixels on the edge; want everything inside the picture", n)
			}
			want := color.NRGBAModel.Convert(palette[0]).(color.NRGBA)
			if n := count(img, func(c color.NRGBA) bool { return c == want }, all); tt.lines && n == 0 {
				t.Errorf("got no pixels of colour %v; want a line", want)
			}
		})
	}
}

func TestChartSize(t *testing.T) {
	tests := []struct{ width, height int }{
		{199, 400}, {400, 199}, {4001, 400}, {400, 4001}, {0, 0}, {-800, 400},
	}
	for _, tt := range tests {
		if _, err := Chart(goldenSeries(), tt.width, tt.height); err == nil {
			t.Errorf("Chart(%d×%d): got no error; want one", tt.width, tt.height)
		}
	}
}

// TestChartGolden compares bytes: the chart is deterministic, with fixed
// fonts and no timestamps. Run with -update after a deliberate change, and
// look at the new testdata/chart.golden.png. Where the compiler fuses
// multiply-adds (arm64, GOAMD64=v3) the edges of a few letters round
// differently, by a unit or two; that is not a change.
func TestChartGolden(t *testing.T) {
	got := mustChart(t, goldenSeries(), 800, 400)
	if again := mustChart(t, goldenSeries(), 800, 400); !bytes.Equal(got, again) {
		t.Fatal("got different bytes for the same input; want the same")
	}
	golden := filepath.Join("testdata", "chart.golden.png")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(got, want) {
		return
	}
	if n := differ(mustDecode(t, got), mustDecode(t, want)); n > 0 {
		t.Errorf("got a chart unlike %s in %d pixels; if the change is meant, run go test -update and look at it", golden, n)
	} else {
		t.Logf("got other bytes than %s, but only rounding apart", golden)
	}
}

// differ counts the pixels of a and b more than rounding apart: 2 in 255
// in any premultiplied channel. Pictures of different sizes differ
// everywhere.
func differ(a, b image.Image) int {
	if a.Bounds() != b.Bounds() {
		return a.Bounds().Dx() * a.Bounds().Dy()
	}
	far := func(x, y uint32) bool { return max(x, y)-min(x, y) > 2*0x101 }
	n := 0
	for y := a.Bounds().Min.Y; y < a.Bounds().Max.Y; y++ {
		for x := a.Bounds().Min.X; x < a.Bounds().Max.X; x++ {
			r1, g1, b1, a1 := a.At(x, y).RGBA()
			r2, g2, b2, a2 := b.At(x, y).RGBA()
			if far(r1, r2) || far(g1, g2) || far(b1, b2) || far(a1, a2) {
				n++
			}
		}
	}
	return n
}

func TestDateTicks(t *testing.T) {
	d := func(y int, m time.Month, dd int) float64 {
		return float64(dayNumber(time.Date(y, m, dd, 0, 0, 0, 0, time.UTC)))
	}
	tests := []struct {
		name   string
		lo, hi float64
		n      int
		want   []string // labels, minor ticks left out
	}{
		{"every day", d(2025, 3, 1), d(2025, 3, 4), 8, []string{"1 Mar", "2 Mar", "3 Mar", "4 Mar"}},
		{"every other day", d(2025, 3, 1), d(2025, 3, 10), 8, []string{"1 Mar", "3 Mar", "5 Mar", "7 Mar", "9 Mar"}},
		{"weekly", d(2025, 3, 1), d(2025, 3, 30), 8, []string{"1 Mar", "8 Mar", "15 Mar", "22 Mar", "29 Mar"}},
		{"fortnightly", d(2025, 3, 1), d(2025, 3, 30), 3, []string{"1 Mar", "15 Mar", "29 Mar"}},
		{"every fourth week", d(2025, 3, 1), d(2025, 3, 30), 2, []string{"1 Mar", "29 Mar"}},
		{"monthly", d(2025, 1, 10), d(2025, 6, 30), 8, []string{"Feb 2025", "Mar 2025", "Apr 2025", "May 2025", "Jun 2025"}},
		{"from the last of a month", d(2025, 1, 31), d(2025, 5, 31), 8, []string{"Feb 2025", "Mar 2025", "Apr 2025", "May 2025"}},
		{"from the first of a month", d(2025, 2, 1), d(2025, 5, 31), 8, []string{"Feb 2025", "Mar 2025", "Apr 2025", "May 2025"}},
		{"quarterly", d(2024, 1, 1), d(2025, 12, 31), 8, []string{"Jan 2024", "Apr 2024", "Jul 2024", "Oct 2024", "Jan 2025", "Apr 2025", "Jul 2025", "Oct 2025"}},
		{"yearly", d(2020, 1, 1), d(2025, 12, 31), 8, []string{"Jan 2020", "Jan 2021", "Jan 2022", "Jan 2023", "Jan 2024", "Jan 2025"}},
		{"fractional ends", d(2025, 3, 1) - 0.5, d(2025, 3, 2) + 0.5, 8, []string{"1 Mar", "2 Mar"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, tk := range dateTicks(tt.lo, tt.hi, tt.n) {
				if !tk.IsMinor() {
					got = append(got, tk.Label)
				}
			}
			if strings.Join(got, ",") != strings.Join(tt.want, ",") {
				t.Errorf("got %q; want %q", got, tt.want)
			}
		})
	}
}

func TestCountScale(t *testing.T) {
	tests := []struct{ peak, n, step, top int }{
		{0, 5, 1, 1},
		{1, 5, 1, 1},
		{4, 5, 1, 4},
		{7, 5, 2, 8},
		{18, 5, 5, 20},
		{18, 2, 10, 20},
		{130, 6, 50, 150},
		{999, 6, 200, 1000},
	}
	for _, tt := range tests {
		step, top := countScale(tt.peak, tt.n)
		if step != tt.step || top != tt.top {
			t.Errorf("countScale(%d, %d): got step %d, top %d; want %d, %d", tt.peak, tt.n, step, top, tt.step, tt.top)
		}
	}
}

func TestPeakDay(t *testing.T) {
	tests := []struct {
		counts []int
		want   int // -1 for none
	}{
		{[]int{3, 0, 5, 3, 1}, 2},
		{[]int{3, 0, 5, 3, 5, 1}, -1}, // a tie
		{[]int{0, 1, 0}, -1},          // one article
		{[]int{0, 0}, -1},
	}
	for _, tt := range tests {
		got, ok := peakDay(days("x", tt.counts, nil).Days)
		if !ok {
			got = -1
		}
		if got != tt.want {
			t.Errorf("peakDay(%v) = %d; want %d", tt.counts, got, tt.want)
		}
	}
}

func TestShorten(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"Short and sweet", "Short and sweet"},
		{"  Spaces\nand\tnewlines  ", "Spaces and newlines"},
		{"Exactly forty characters long, I promise", "Exactly forty characters long, I promise"},
		{"Witkoff flies to Moscow for talks on a ceasefire plan", "Witkoff flies to Moscow for talks on a…"},
		{"Ünïcödé ünïcödé ünïcödé ünïcödé ünïcödé ünïcödé", "Ünïcödé ünïcödé ünïcödé ünïcödé ünïcödé…"},
	}
	for _, tt := range tests {
		got := shorten(tt.in)
		if got != tt.want {
			t.Errorf("shorten(%q): got %q; want %q", tt.in, got, tt.want)
		}
		if n := len([]rune(got)); n > headlineRunes {
			t.Errorf("shorten(%q): got %d runes; want at most %d", tt.in, n, headlineRunes)
		}
	}
}

func TestPlace(t *testing.T) {
	bounds := rect(0, 0, 100, 100)
	size := vg.Point{X: 40, Y: 10}
	off := func(taken ...vg.Rectangle) func(vg.Rectangle) bool {
		return func(r vg.Rectangle) bool {
			return !slices.ContainsFunc(taken, func(t vg.Rectangle) bool { return overlap(r, t) })
		}
	}
	tests := []struct {
		name string
		pt   vg.Point
		free func(vg.Rectangle) bool
		want vg.Rectangle
		ok   bool
	}{
		{"above", vg.Point{X: 50, Y: 50}, off(), rect(30, 55, 70, 65), true},
		{"pushed in from the left", vg.Point{X: 5, Y: 50}, off(), rect(0, 55, 40, 65), true},
		{"pushed in from the right", vg.Point{X: 95, Y: 50}, off(), rect(60, 55, 100, 65), true},
		{"below at the top", vg.Point{X: 50, Y: 95}, off(), rect(30, 80, 70, 90), true},
		{"below a taken place", vg.Point{X: 50, Y: 50}, off(rect(0, 55, 100, 65)), rect(30, 35, 70, 45), true},
		{"beside a taken place", vg.Point{X: 50, Y: 50}, off(rect(20, 55, 35, 65)), rect(45, 55, 85, 65), true},
		{"no room", vg.Point{X: 50, Y: 50}, off(bounds), vg.Rectangle{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := place(bounds, tt.pt, size, 5, tt.free)
			if got != tt.want || ok != tt.ok {
				t.Errorf("got %v, %v; want %v, %v", got, ok, tt.want, tt.ok)
			}
		})
	}
}

func rect(x0, y0, x1, y1 vg.Length) vg.Rectangle {
	return vg.Rectangle{Min: vg.Point{X: x0, Y: y0}, Max: vg.Point{X: x1, Y: y1}}
}

func mustChart(t *testing.T, series []Series, width, height int) []byte {
	t.Helper()
	b, err := Chart(series, width, height)
	if err != nil {
		t.Fatalf("Chart: %v", err)
	}
	return b
}

func mustDecode(t *testing.T, b []byte) image.Image {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("decode PNG: %v", err)
	}
	return img
}

// count counts the pixels of img that match, where picks them.
func count(img image.Image, match func(color.NRGBA) bool, where func(b image.Rectangle, x, y int) bool) int {
	n := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if where(b, x, y) && match(color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA)) {
				n++
			}
		}
	}
	return n
}

// all picks every pixel, for count.
func all(image.Rectangle, int, int) bool { return true }

// edge picks the pixels on the edge of the picture, for count.
func edge(b image.Rectangle, x, y int) bool {
	return x == b.Min.X || x == b.Max.X-1 || y == b.Min.Y || y == b.Max.Y-1
}
