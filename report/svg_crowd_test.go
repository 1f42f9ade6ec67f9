package report_test

import (
	"encoding/xml"
	"errors"
	"io"
	"strconv"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"styrka/report"
)

// svgText is a <text> element as a reader's program lays it out: its
// group, its words and the box they take, measured with the average
// character width of the map's fonts (narrower than the layout's own
// estimate, which keeps a margin).
type svgText struct {
	group string
	text  string
	box   report.Box
}

// svgTexts reads every <text> of an SVG with its position: x, y (the
// baseline), font size (its own, or its group's) and text-anchor; tspans
// with their own x start a new line of the same element.
func svgTexts(t *testing.T, s string) []svgText {
	t.Helper()
	dec := xml.NewDecoder(strings.NewReader(s))
	var out []svgText
	var groups []string
	sizes := []float64{16}
	var cur *svgText
	var anchor string
	var x0, y0, size, lineX float64
	var line strings.Builder
	endLine := func() {
		if cur == nil || line.Len() == 0 {
			return
		}
		w := float64(ansi.StringWidth(line.String())) * size * 0.55
		x := lineX
		switch anchor {
		case "end":
			x -= w
		case "middle":
			x -= w / 2
		}
		b := report.Box{X: x, Y: y0 - size*0.75, W: w, H: size * 0.95}
		if cur.box.W == 0 {
			cur.box = b
		} else {
			r := max(cur.box.X+cur.box.W, b.X+b.W)
			bot := max(cur.box.Y+cur.box.H, b.Y+b.H)
			cur.box.X, cur.box.Y = min(cur.box.X, b.X), min(cur.box.Y, b.Y)
			cur.box.W, cur.box.H = r-cur.box.X, bot-cur.box.Y
		}
		line.Reset()
	}
	attr := func(e xml.StartElement, name string) (string, bool) {
		for _, a := range e.Attr {
			if a.Name.Local == name {
				return a.Value, true
			}
		}
		return "", false
	}
	num := func(v string) float64 {
		f, err := strconv.ParseFloat(v, 64)
		if err != nil {
			t.Fatalf("not a number: %q", v)
		}
		return f
	}
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
			sz := sizes[len(sizes)-1]
			if v, ok := attr(tok, "font-size"); ok {
				sz = num(v)
			}
			sizes = append(sizes, sz)
			switch tok.Name.Local {
			case "g":
				id, _ := attr(tok, "id")
				groups = append(groups, id)
			case "text":
				g := ""
				if len(groups) > 0 {
					g = groups[len(groups)-1]
				}
				cur = &svgText{group: g}
				xs, _ := attr(tok, "x")
				ys, _ := attr(tok, "y")
				x0, y0, size, lineX = num(xs), num(ys), sz, num(xs)
				anchor, _ = attr(tok, "text-anchor")
			case "tspan":
				if cur != nil {
					if v, ok := attr(tok, "x"); ok {
						endLine()
						lineX = num(v)
					}
					if v, ok := attr(tok, "dy"); ok {
						y0 += num(v)
					}
				}
			}
		case xml.CharData:
			if cur != nil {
				cur.text += string(tok)
				line.Write(tok)
			}
		case xml.EndElement:
			sizes = sizes[:len(sizes)-1]
			switch tok.Name.Local {
			case "g":
				groups = groups[:len(groups)-1]
			case "text":
				endLine()
				out = append(out, *cur)
				cur = nil
			}
		}
	}
	_ = x0
	return out
}

// TestSVGNamesEveryCustomer: a workshop of 64 and one of 200 customers,
// most of them bunched in a few spots: every placed customer's name is a
// text of its own (a label by its bubble or an entry of the legend, with
// its key on the map), and no two texts on the map or in the legend
// overlap.
func TestSVGNamesEveryCustomer(t *testing.T) {
	for _, tc := range []struct {
		lang string
		n    int
	}{{"sv", 64}, {"en", 64}, {"sv", 200}, {"en", 200}} {
		t.Run(tc.lang+"/"+strconv.Itoa(tc.n), func(t *testing.T) {
			in := crowded(t, tc.lang, tc.n-16, uint64(tc.n))
			if len(in.Dataset.Customers) != tc.n {
				t.Fatalf("%d customers", len(in.Dataset.Customers))
			}
			m := report.LayoutPowerMap(in)
			texts := svgTexts(t, writeSVG(t, in))
			labels := map[string]int{}
			legend := map[string]bool{}
			keys := map[string]int{} // a key, or each of a range "7–12"
			for _, x := range texts {
				switch x.group {
				case "labels":
					labels[x.text]++
					if from, to, ok := strings.Cut(x.text, "–"); ok {
						a, err1 := strconv.Atoi(from)
						b, err2 := strconv.Atoi(to)
						if err1 != nil || err2 != nil || a >= b {
							t.Errorf("key range %q", x.text)
						}
						for k := a; k <= b; k++ {
							keys[strconv.Itoa(k)]++
						}
					} else {
						keys[x.text]++
					}
				case "legend":
					legend[x.text] = true
				}
			}
			if len(m.Bubbles) != tc.n {
				t.Fatalf("%d bubbles for %d customers", len(m.Bubbles), tc.n)
			}
			for i, b := range m.Bubbles {
				if !b.Shown {
					t.Errorf("bubble %d (%s) has neither name nor key on the map", i, b.Name)
					continue
				}
				if b.Key == "" {
					if labels[b.Name] == 0 {
						t.Errorf("%q is not written by its bubble", b.Name)
					}
					continue
				}
				if keys[b.Key] != 1 {
					t.Errorf("key %s of %q is on the map %d times", b.Key, b.Name, keys[b.Key])
				}
				if !legend[b.Key+b.Name] {
					t.Errorf("%q (key %s) is not in the legend", b.Name, b.Key)
				}
			}
			var boxes []svgText
			for _, x := range texts {
				if x.group == "labels" || x.group == "legend" || x.group == "quadrants" {
					boxes = append(boxes, x)
				}
			}
			for i := range boxes {
				for j := i + 1; j < len(boxes); j++ {
					if boxes[i].box.Overlaps(boxes[j].box) {
						t.Errorf("%q %+v and %q %+v overlap", boxes[i].text, boxes[i].box, boxes[j].text, boxes[j].box)
					}
				}
				if b := boxes[i].box; b.X < 0 || b.X+b.W > m.Width || b.Y < 0 || b.Y+b.H > m.Height {
					t.Errorf("%q %+v is outside the picture %gx%g", boxes[i].text, b, m.Width, m.Height)
				}
			}
		})
	}
}
