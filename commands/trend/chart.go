package trend

import (
	"bytes"
	"fmt"
	"image/color"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// Chart limits and look. The picture is posted in Discord, whose dark
// (#313338) and light (#ffffff) themes both show it, so the background is
// transparent and every colour has a contrast of at least 3:1 on both.
const (
	minSide, maxSide = 200, 4000 // pixels
	headlineRunes    = 40        // longest annotation, ellipsis included
	markerDays       = 60        // longest period that gets a marker per day
	emptyMessage     = "no articles in this period"
)

var (
	grey     = color.RGBA{0x8e, 0x92, 0x97, 0xff}
	gridGrey = color.NRGBA{0x8e, 0x92, 0x97, 0x40}
	palette  = []color.Color{
		color.RGBA{0x4c, 0x8d, 0xf6, 0xff}, // blue
		color.RGBA{0xe2, 0x71, 0x1f, 0xff}, // orange
		color.RGBA{0x2f, 0xa8, 0x66, 0xff}, // green
		color.RGBA{0xe8, 0x57, 0x5c, 0xff}, // red
		color.RGBA{0xa9, 0x70, 0xf0, 0xff}, // purple
		color.RGBA{0x1b, 0x9f, 0xb8, 0xff}, // teal
		color.RGBA{0xb9, 0x8a, 0x12, 0xff}, // amber
		color.RGBA{0xe0, 0x52, 0x9a, 0xff}, // pink
	}
	// shapes tell series apart where colours are hard to tell apart.
	shapes = []draw.GlyphDrawer{draw.CircleGlyph{}, draw.BoxGlyph{}, draw.PyramidGlyph{}}
)

// Chart draws series (one line each, sharing the axes) as a PNG of width ×
// height pixels, for /trend to post. Series without articles still give a
// chart, saying so; only a size outside 200–4000 pixels is an error. The
// same input always gives the same bytes on a given platform.
func Chart(series []Series, width, height int) ([]byte, error) {
	if width < minSide || width > maxSide || height < minSide || height > maxSide {
		return nil, fmt.Errorf("chart size %d×%d: each side must be %d to %d pixels", width, height, minSide, maxSide)
	}
	// Text keeps its size relative to the picture: 800×400 is drawn at
	// 96 dpi, larger pictures at more, never fewer than 72 (tiny text).
	dpi := max(72, int(96*min(float64(width)/800, float64(height)/400)))
	img := vgimg.NewWith(
		vgimg.UseWH(vg.Length(width)*vg.Inch/vg.Length(dpi), vg.Length(height)*vg.Inch/vg.Length(dpi)),
		vgimg.UseDPI(dpi),
		vgimg.UseBackgroundColor(color.Transparent),
	)
	drawChart(draw.New(img), series)
	var buf bytes.Buffer
	if _, err := (vgimg.PngCanvas{Canvas: img}).WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("encode chart: %w", err)
	}
	return buf.Bytes(), nil
}

// drawChart lays out the title, the legend column on the right (for more
// than one series) and the plot in what is left.
func drawChart(c draw.Canvas, series []Series) {
	gap := vg.Points(8)
	c = draw.Crop(c, gap, -gap, gap, -gap)

	title := style(15, draw.XCenter, draw.YTop)
	t := fit(title, Title(series), c.Size().X)
	c.FillText(title, vg.Point{X: c.Center().X, Y: c.Max.Y}, t)
	c.Max.Y -= title.Height(t) + gap

	first, last, ok := period(series)
	if !ok {
		message(c)
		return
	}
	if len(series) > 1 {
		c.Max.X -= drawLegend(c, series, first, last) + gap
	}
	p := newPlot(series, first, last, c.Size())
	p.Draw(c)
	if peak(series) == 0 {
		message(p.DataCanvas(c))
	}
}

// Title names the topics: "In the news: Witkoff, Rubio", for the picture and
// the message that shows it.
func Title(series []Series) string {
	topics := make([]string, len(series))
	for i, s := range series {
		topics[i] = strings.TrimSpace(s.Topic)
	}
	if len(topics) == 0 {
		return "In the news"
	}
	return "In the news: " + strings.Join(topics, ", ")
}

// message says there is nothing to draw, in the middle of c.
func message(c draw.Canvas) {
	c.FillText(style(16, draw.XCenter, draw.YCenter), c.Center(), emptyMessage)
}

// drawLegend draws the legend at the top right of c and returns its width,
// at most a quarter of c's; it stays out of the plot so it never hides a line.
func drawLegend(c draw.Canvas, series []Series, first, last int) vg.Length {
	l := plot.NewLegend()
	l.TextStyle = style(12, draw.XLeft, draw.YBottom)
	l.ThumbnailWidth = vg.Points(16)
	l.Top, l.Left = true, true
	l.Padding = vg.Points(3)
	maxText := c.Size().X/4 - l.ThumbnailWidth - l.TextStyle.Width(" ")
	var width vg.Length
	for i, s := range series {
		name := fit(l.TextStyle, strings.TrimSpace(s.Topic), maxText)
		thumbs := []plot.Thumbnailer{&plotter.Line{LineStyle: lineStyle(i, last-first)}}
		if last-first < markerDays {
			thumbs = append(thumbs, &plotter.Scatter{GlyphStyle: glyphStyle(i)})
		}
		l.Add(name, thumbs...)
		width = max(width, l.TextStyle.Width(name))
	}
	width += l.ThumbnailWidth + l.TextStyle.Width(" ")
	l.Draw(draw.Crop(c, c.Size().X-width, 0, 0, 0))
	return width
}

// newPlot makes the plot of series over the days first to last, to fit in
// size: lines, markers for short periods, and the busiest days annotated.
func newPlot(series []Series, first, last int, size vg.Point) *plot.Plot {
	p := plot.New()
	p.BackgroundColor = nil
	ticks := style(11, draw.XCenter, draw.YTop)
	styleAxis(&p.X, ticks)
	p.X.Label.Text = day(first).Format("2 Jan 2006")
	if last > first {
		p.X.Label.Text += " – " + day(last).Format("2 Jan 2006")
	}
	styleAxis(&p.Y, style(11, draw.XRight, draw.YCenter))
	p.Y.Label.Text = "articles per day"

	xTicks := clamp(int(size.X/(ticks.Width("May 2025")+vg.Points(16))), 2, 8)
	p.X.Tick.Marker = plot.TickerFunc(func(lo, hi float64) []plot.Tick { return dateTicks(lo, hi, xTicks) })
	p.X.Min, p.X.Max = float64(first), float64(last)

	// The headroom above the peak is where its annotation goes.
	step, top := countScale(int(math.Ceil(float64(peak(series))*1.3)), clamp(int(size.Y/vg.Points(32)), 2, 6))
	p.Y.Tick.Marker = plot.TickerFunc(func(_, hi float64) []plot.Tick { return countTicks(step, hi) })
	p.Y.Min, p.Y.Max = 0, float64(top)

	grid := plotter.NewGrid()
	grid.Vertical.Color = nil
	grid.Horizontal = draw.LineStyle{Color: gridGrey, Width: vg.Points(0.5)}
	p.Add(grid)

	var marks []mark
	var lines []plotter.XYs
	for i, s := range series {
		xys := make(plotter.XYs, len(s.Days))
		for j, d := range s.Days {
			xys[j] = plotter.XY{X: float64(dayNumber(d.Date)), Y: float64(d.Articles)}
		}
		p.Add(&plotter.Line{XYs: xys, LineStyle: lineStyle(i, last-first)})
		lines = append(lines, xys)
		if last-first < markerDays {
			p.Add(&plotter.Scatter{XYs: xys, GlyphStyle: glyphStyle(i)})
		}
		// One label a series, on the day that stands out, if one does.
		if j, ok := peakDay(s.Days); ok {
			marks = append(marks, mark{at: xys[j], label: shorten(s.Days[j].Headline), color: palette[i%len(palette)]})
		}
	}
	p.Add(annotations{marks: marks, lines: lines, style: style(11, draw.XLeft, draw.YBottom)})
	return p
}

// styleAxis greys an axis out, so it reads on dark and light themes alike.
func styleAxis(a *plot.Axis, ticks text.Style) {
	a.LineStyle.Color = grey
	a.Tick.LineStyle.Color = grey
	a.Tick.Label = ticks
	a.Tick.Length = vg.Points(4)
	a.Label.TextStyle = style(11, draw.XCenter, draw.YBottom)
}

// style is the text style of the chart: Liberation Sans in grey.
func style(points vg.Length, x text.XAlignment, y text.YAlignment) text.Style {
	return text.Style{
		Color:   grey,
		Font:    font.Font{Typeface: "Liberation", Variant: "Sans", Size: points},
		XAlign:  x,
		YAlign:  y,
		Handler: plot.DefaultTextHandler,
	}
}

// lineStyle is series i's line over a period of span days: thinner for
// long periods, whose many days would blur into a band.
func lineStyle(i, span int) draw.LineStyle {
	w := vg.Points(2)
	switch {
	case span > 365:
		w = vg.Points(1)
	case span > 90:
		w = vg.Points(1.5)
	}
	return draw.LineStyle{Color: palette[i%len(palette)], Width: w}
}

// glyphStyle is series i's marker.
func glyphStyle(i int) draw.GlyphStyle {
	return draw.GlyphStyle{Color: palette[i%len(palette)], Radius: vg.Points(2.5), Shape: shapes[i%len(shapes)]}
}

// period returns the first and last day of all series, as day numbers, and
// false when there are no days at all.
func period(series []Series) (first, last int, ok bool) {
	first, last = math.MaxInt, math.MinInt
	for _, s := range series {
		for _, d := range s.Days {
			n := dayNumber(d.Date)
			first, last = min(first, n), max(last, n)
		}
	}
	return first, last, first <= last
}

// peak is the most articles on any day of series.
func peak(series []Series) int {
	n := 0
	for _, s := range series {
		for _, d := range s.Days {
			n = max(n, d.Articles)
		}
	}
	return n
}

// dayNumber counts days since 1970-01-01 UTC: the plot's x.
func dayNumber(t time.Time) int {
	return int(math.Floor(float64(t.Unix()) / 86400))
}

// day is the midnight UTC that starts day number n.
func day(n int) time.Time {
	return time.Unix(int64(n)*86400, 0).UTC()
}

// dateTicks labels at most n of the days lo to hi. Up to three months, it
// labels every day, second day, week, fortnight or four weeks as "2 Jan",
// with unlabelled ticks for the days between; else the first of every
// month, second month… as "Jan 2025".
func dateTicks(lo, hi float64, n int) []plot.Tick {
	first, last := int(math.Ceil(lo)), int(math.Floor(hi))
	for _, step := range []int{1, 2, 7, 14, 28} {
		if last-first > 92 || (last-first)/step+1 > n {
			continue
		}
		var ts []plot.Tick
		for d := first; d <= last; d++ {
			t := plot.Tick{Value: float64(d)}
			if (d-first)%step == 0 {
				t.Label = day(d).Format("2 Jan")
			}
			ts = append(ts, t)
		}
		return ts
	}
	start := time.Date(day(first).Year(), day(first).Month(), 1, 0, 0, 0, 0, time.UTC)
	if start.Before(day(first)) {
		start = start.AddDate(0, 1, 0)
	}
	for _, months := range []int{1, 2, 3, 6, 12, 24, 60, 120, 240, 600} {
		var ts []plot.Tick
		for m := start; !m.After(day(last)); m = m.AddDate(0, 1, 0) {
			if (12*m.Year()+int(m.Month())-1)%months == 0 {
				ts = append(ts, plot.Tick{Value: float64(dayNumber(m)), Label: m.Format("Jan 2006")})
			}
		}
		if len(ts) <= n {
			return ts
		}
	}
	return nil
}

// countScale returns the tick step (1, 2, 5, 10, 20, 50…) that needs at
// most n steps to reach peak, and the top of the axis: peak rounded up to a
// step, at least 1.
func countScale(peak, n int) (step, top int) {
	peak = max(peak, 1)
	for step = 1; ; step *= 10 {
		for _, s := range []int{step, 2 * step, 5 * step} {
			if top := (peak + s - 1) / s * s; top/s <= n {
				return s, top
			}
		}
	}
}

// countTicks labels 0 to hi every step: whole numbers, as articles are.
func countTicks(step int, hi float64) []plot.Tick {
	var ts []plot.Tick
	for v := 0; float64(v) <= hi; v += step {
		ts = append(ts, plot.Tick{Value: float64(v), Label: strconv.Itoa(v)})
	}
	return ts
}

// shorten makes a headline one line of at most headlineRunes runes.
func shorten(headline string) string {
	s := strings.Join(strings.Fields(headline), " ")
	if utf8.RuneCountInString(s) <= headlineRunes {
		return s
	}
	r := []rune(s)[:headlineRunes-1]
	return strings.TrimRight(string(r), " ,.;:-–—") + "…"
}

// fit cuts s, with an ellipsis, until it is at most width wide in sty; ""
// if not even the ellipsis fits.
func fit(sty text.Style, s string, width vg.Length) string {
	if sty.Width(s) <= width {
		return s
	}
	r := []rune(s)
	for n := len(r) - 1; n >= 0; n-- {
		if cut := strings.TrimRight(string(r[:n]), " ,") + "…"; sty.Width(cut) <= width {
			return cut
		}
	}
	return ""
}

// clamp limits v to lo…hi.
func clamp(v, lo, hi int) int {
	return max(lo, min(v, hi))
}

// mark is a busiest day to annotate: its point, headline and series colour.
type mark struct {
	at    plotter.XY
	label string
	color color.Color
}

// annotations rings the busiest days and labels them with their headlines,
// each label inside the plot, off the rings and the other labels and, where
// there is room, off the lines. A label that finds no room is left out, so
// marks go most important first.
type annotations struct {
	marks []mark
	lines []plotter.XYs // all series, for labels to keep off
	style text.Style
}

// Plot draws the annotations, for plot.Plotter.
func (a annotations) Plot(c draw.Canvas, p *plot.Plot) {
	x, y := p.Transforms(&c)
	at := func(xy plotter.XY) vg.Point { return vg.Point{X: x(xy.X), Y: y(xy.Y)} }
	ring := vg.Points(5)
	var taken []vg.Rectangle // rings, then labels
	for _, m := range a.marks {
		pt := at(m.at)
		var circle vg.Path
		circle.Move(vg.Point{X: pt.X + ring, Y: pt.Y})
		circle.Arc(pt, ring, 0, 2*math.Pi)
		circle.Close()
		c.SetLineStyle(draw.LineStyle{Color: m.color, Width: vg.Points(1.5)})
		c.Stroke(circle)
		taken = append(taken, grow(vg.Rectangle{Min: pt, Max: pt}, ring))
	}
	var onLines []vg.Point // every 3 points along the lines
	for _, xys := range a.lines {
		for i := 1; i < len(xys); i++ {
			p0, p1 := at(xys[i-1]), at(xys[i])
			d := p1.Sub(p0)
			n := int(math.Hypot(float64(d.X), float64(d.Y))/3) + 1
			for k := range n {
				onLines = append(onLines, p0.Add(d.Scale(vg.Length(k)/vg.Length(n))))
			}
		}
	}
	clear := func(r vg.Rectangle) bool {
		return !slices.ContainsFunc(taken, func(t vg.Rectangle) bool { return overlap(r, t) })
	}
	offLines := func(r vg.Rectangle) bool {
		g := grow(r, vg.Points(1.5))
		return clear(r) && !slices.ContainsFunc(onLines, func(q vg.Point) bool { return overlap(g, vg.Rectangle{Min: q, Max: q}) })
	}
	for _, m := range a.marks {
		label := fit(a.style, m.label, c.Size().X)
		if label == "" {
			continue
		}
		pt, box := at(m.at), a.style.Rectangle(label)
		r, ok := place(c.Rectangle, pt, box.Size(), ring+vg.Points(3), offLines)
		if !ok {
			r, ok = place(c.Rectangle, pt, box.Size(), ring+vg.Points(3), clear)
		}
		if !ok {
			continue
		}
		taken = append(taken, r)
		from, to := pt.Y+ring, r.Min.Y // label above
		if r.Max.Y < pt.Y {
			from, to = pt.Y-ring, r.Max.Y
		}
		lx := max(r.Min.X, min(pt.X, r.Max.X))
		c.StrokeLine2(draw.LineStyle{Color: m.color, Width: vg.Points(0.75)}, pt.X, from, lx, to)
		sty := a.style
		sty.Color = m.color
		c.FillText(sty, r.Min.Sub(box.Min), label)
	}
}

// place finds room for a label of size near pt: above or below it, ever
// further off, centred on it or beside it, moved sideways to stay inside
// bounds, and where free says so. It reports false if there is none.
func place(bounds vg.Rectangle, pt, size vg.Point, gap vg.Length, free func(vg.Rectangle) bool) (vg.Rectangle, bool) {
	for k := range 6 {
		off := gap + vg.Length(k)*(size.Y+vg.Points(2))
		for _, y := range []vg.Length{pt.Y + off, pt.Y - off - size.Y} {
			for _, x := range []vg.Length{pt.X - size.X/2, pt.X - gap, pt.X + gap - size.X} {
				x = max(bounds.Min.X, min(x, bounds.Max.X-size.X))
				r := vg.Rectangle{Min: vg.Point{X: x, Y: y}, Max: vg.Point{X: x + size.X, Y: y + size.Y}}
				if r.Min.Y >= bounds.Min.Y && r.Max.Y <= bounds.Max.Y && free(r) {
					return r, true
				}
			}
		}
	}
	return vg.Rectangle{}, false
}

// overlap reports whether a and b share a point.
func overlap(a, b vg.Rectangle) bool {
	return a.Min.X <= b.Max.X && b.Min.X <= a.Max.X && a.Min.Y <= b.Max.Y && b.Min.Y <= a.Max.Y
}

// grow widens r by d on every side.
func grow(r vg.Rectangle, d vg.Length) vg.Rectangle {
	return vg.Rectangle{Min: r.Min.Sub(vg.Point{X: d, Y: d}), Max: r.Max.Add(vg.Point{X: d, Y: d})}
}
