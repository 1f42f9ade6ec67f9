package report_test

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"

	"styrka/model"
	"styrka/report"
	"styrka/ui/styles"
)

func writeSVG(t testing.TB, in report.Input) string {
	t.Helper()
	var b bytes.Buffer
	if err := report.WriteSVG(&b, in); err != nil {
		t.Fatalf("WriteSVG: %v", err)
	}
	return b.String()
}

func TestSVGGolden(t *testing.T) {
	for _, lang := range langs {
		t.Run(lang, func(t *testing.T) {
			golden.RequireEqual(t, writeSVG(t, demoInput(t, lang)))
		})
	}
}

// svgDoc is what a test reads from an SVG: the root's viewBox and the text
// of every <text> element (tspans joined), and of every <title>.
type svgDoc struct {
	viewBox string
	texts   []string
	titles  []string
}

// parseSVG reads an SVG with encoding/xml to the end, failing the test on
// anything that is not well-formed XML.
func parseSVG(t testing.TB, s string) svgDoc {
	t.Helper()
	dec := xml.NewDecoder(strings.NewReader(s))
	var doc svgDoc
	var stack []string
	var text strings.Builder
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("not valid XML: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if len(stack) == 0 {
				if tok.Name.Local != "svg" || tok.Name.Space != "http://www.w3.org/2000/svg" {
					t.Fatalf("root element %v, want svg in the SVG namespace", tok.Name)
				}
				for _, a := range tok.Attr {
					if a.Name.Local == "viewBox" {
						doc.viewBox = a.Value
					}
				}
			}
			stack = append(stack, tok.Name.Local)
			if tok.Name.Local == "text" || tok.Name.Local == "title" {
				text.Reset()
			}
		case xml.CharData:
			text.Write(tok)
		case xml.EndElement:
			switch tok.Name.Local {
			case "text":
				doc.texts = append(doc.texts, text.String())
			case "title":
				doc.titles = append(doc.titles, text.String())
			}
			stack = stack[:len(stack)-1]
		}
	}
	if len(stack) != 0 {
		t.Fatalf("unclosed elements %v", stack)
	}
	return doc
}

// crowded adds n customers to the demo, bunched together: every one in the
// same few spots, with long names and a spread of revenues.
func crowded(t testing.TB, lang string, n int, seed uint64) report.Input {
	in := demoInput(t, lang)
	qs := in.Content.Questions()
	at := time.Date(2026, 11, 2, 12, 0, 0, 0, time.UTC)
	rng := rand.New(rand.NewPCG(seed, 1))
	for i := range n {
		c := model.Customer{ID: fmt.Sprintf("crowd-%d", i), WorkshopID: in.Dataset.Workshop.ID,
			Name: fmt.Sprintf("Trängsel %02d Aktiebolag <&> \"Norra\" Skandinavien", i), Created: at, Updated: at}
		if i%3 != 0 {
			c.Revenue = ptr(float64(rng.IntN(40_000_000)))
			c.Currency = "SEK"
		}
		in.Dataset.Customers = append(in.Dataset.Customers, c)
		answers := map[string]model.Answer{}
		spot := model.Score(2 + i%3)
		for _, q := range qs {
			answers[q.ID] = model.Answer{CustomerID: c.ID, QuestionID: q.ID, Score: spot, At: at}
		}
		in.Dataset.Answers[c.ID] = answers
	}
	return in
}

func TestSVGStructure(t *testing.T) {
	inputs := map[string]report.Input{
		"demo sv":    demoInput(t, "sv"),
		"demo en":    demoInput(t, "en"),
		"crowded 20": crowded(t, "en", 20, 1),
		"crowded 60": crowded(t, "sv", 60, 2),
	}
	for name, in := range inputs {
		t.Run(name, func(t *testing.T) {
			out := writeSVG(t, in)
			doc := parseSVG(t, out)
			m := report.LayoutPowerMap(in)
			// A slide, widened only for a legend that needs it (and made
			// taller only for more than two lines of notes).
			if m.Width < report.SVGWidth || m.Height < report.SVGHeight || doc.viewBox != fmt.Sprintf("0 0 %g %g", m.Width, m.Height) {
				t.Errorf("viewBox %q for a map of %gx%g", doc.viewBox, m.Width, m.Height)
			}
			if len(m.Legend) == 0 && m.Width != report.SVGWidth {
				t.Errorf("a map with no legend is %g wide", m.Width)
			}
			if !strings.Contains(out, "sans-serif") {
				t.Error("no generic font family to fall back on")
			}

			// Every placed customer is named on the map or in the legend,
			// and has its full name as a tooltip.
			all := strings.Join(doc.texts, "\n")
			placed := 0
			for _, a := range in.Dataset.Assess(in.Content.Questions()) {
				if a.Scores[model.RelativeValue].Placed && a.Scores[model.SupplyRisk].Placed {
					placed++
				}
			}
			if len(m.Bubbles) != placed {
				t.Fatalf("%d bubbles for %d placed customers", len(m.Bubbles), placed)
			}
			for i, b := range m.Bubbles {
				inLegend := false
				for n, j := range m.Legend[:m.LegendShown] {
					if j == i {
						inLegend = true
						if !strings.Contains(all, m.Bubbles[j].Key) || m.Bubbles[j].Key != fmt.Sprint(n+1) {
							t.Errorf("legend entry %d has key %q", n+1, m.Bubbles[j].Key)
						}
					}
				}
				onMap := b.Shown && b.Key == "" && strings.Contains(all, b.Text)
				if !onMap && !inLegend {
					if !anyHasPrefix(doc.titles, b.Name) {
						t.Errorf("%q is neither on the map nor in the legend nor a tooltip", b.Name)
					}
					if len(m.Legend) <= m.LegendShown {
						t.Errorf("%q is neither on the map nor in the legend", b.Name)
					}
				}
				if onMap && b.Text != b.Name && !strings.HasSuffix(b.Text, "…") {
					t.Errorf("label %q for %q", b.Text, b.Name)
				}
				if !anyHasPrefix(doc.titles, b.Name) {
					t.Errorf("no tooltip for %q", b.Name)
				}
			}

			// No two labels overlap, none touches a bubble, and all stay
			// inside the plot.
			labels := m.Labels()
			for i := range labels {
				for j := i + 1; j < len(labels); j++ {
					if labels[i].Overlaps(labels[j]) {
						t.Errorf("labels %d %+v and %d %+v overlap", i, labels[i], j, labels[j])
					}
				}
				l := labels[i]
				if l.X < m.Plot.X || l.Y < m.Plot.Y || l.X+l.W > m.Plot.X+m.Plot.W || l.Y+l.H > m.Plot.Y+m.Plot.H {
					t.Errorf("label %+v is outside the plot %+v", l, m.Plot)
				}
			}
			for _, b := range m.Bubbles {
				for _, l := range labels {
					if hits(b, l) {
						t.Errorf("a label %+v covers the bubble of %q", l, b.Name)
					}
				}
			}
		})
	}
}

// TestSVGBubbleSizes: area proportional to revenue, a fixed size when it
// is unknown, drawn dashed.
func TestSVGBubbleSizes(t *testing.T) {
	in := demoInput(t, "en")
	in.Dataset.Customers[0].Revenue = nil // Mälarö, the largest, now unknown
	m := report.LayoutPowerMap(in)
	byName := map[string]report.Bubble{}
	for _, b := range m.Bubbles {
		byName[b.Name] = b
	}
	big, small := byName["Östervik Vagnfabrik AB"], byName["Lindqvist Maskinuthyrning AB"] // 31 and 19 million
	ratio := (big.R * big.R) / (small.R * small.R)
	if want := 31.0 / 19.0; ratio < want*0.99 || ratio > want*1.01 {
		t.Errorf("area ratio %.3f, want %.3f", ratio, want)
	}
	unknown := byName["Mälarö Lyftteknik AB"]
	if unknown.RevenueKnown || unknown.R <= 0 {
		t.Errorf("unknown revenue: %+v", unknown)
	}
	out := writeSVG(t, in)
	if !strings.Contains(out, "stroke-dasharray=\"4 3\"") {
		t.Error("the bubble of an unknown revenue is not dashed")
	}
	if !strings.Contains(out, in.Content.T("export.svg.unknown")) {
		t.Error("no note on the dashed bubble")
	}
}

// TestSVGEscapes: names are text, never markup.
func TestSVGEscapes(t *testing.T) {
	in := demoInput(t, "en")
	in.Dataset.Customers[0].Name = `</text><script>alert("x")</script> & Co`
	in.Dataset.Workshop.Name = "Q4 <draft> & \"more\""
	out := writeSVG(t, in)
	if strings.Contains(out, "<script") {
		t.Fatal("a name was written as markup")
	}
	doc := parseSVG(t, out)
	found := false
	for _, s := range doc.texts {
		if strings.Contains(s, "<script>") {
			found = true
		}
	}
	if !found {
		t.Error("the name is not on the map as text")
	}
}

func TestSVGUnplacedNote(t *testing.T) {
	const name = "Ny Kund AB"
	in, _ := withUnplaced(t, "sv", name)
	doc := parseSVG(t, writeSVG(t, in))
	if !strings.Contains(strings.Join(doc.texts, "\n"), name) {
		t.Errorf("the customer not placed, %q, is not mentioned", name)
	}
}

func hits(b report.Bubble, l report.Box) bool {
	nx := min(max(b.X, l.X), l.X+l.W)
	ny := min(max(b.Y, l.Y), l.Y+l.H)
	return (b.X-nx)*(b.X-nx)+(b.Y-ny)*(b.Y-ny) < b.R*b.R
}

func anyHasPrefix(list []string, prefix string) bool {
	for _, s := range list {
		if strings.HasPrefix(s, prefix) {
			return true
		}
	}
	return false
}

// TestSVGUsesThePalette: the quadrants are tinted and named in the
// palette's colours, which the TUI draws them in too.
func TestSVGUsesThePalette(t *testing.T) {
	out := writeSVG(t, demoInput(t, "en"))
	for q, pc := range styles.Palette() {
		for _, c := range []string{pc.Ink, pc.Tint} {
			if !strings.Contains(out, `"`+c+`"`) {
				t.Errorf("quadrant %d: the colour %s is not in the SVG", q, c)
			}
		}
	}
}
