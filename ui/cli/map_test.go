package cli

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"styrka/assets"
	"styrka/model"
	"styrka/ui/mapview"
)

func demoApp(t *testing.T, lang string) (*App, model.Dataset) {
	t.Helper()
	ds, err := assets.DemoDataset(lang)
	if err != nil {
		t.Fatal(err)
	}
	return &App{Lang: lang, Content: assets.MustBuiltin(lang)}, ds
}

// TestMapNamesEveryCustomer: `styrka map` at 80 and 100 columns, in
// every view and both languages, names every demo customer in full on
// the map or in its legend, lists every name it cuts or keys in the
// legend, and writes no line wider than asked.
func TestMapNamesEveryCustomer(t *testing.T) {
	for _, lang := range []string{"sv", "en"} {
		for _, v := range mapview.Views {
			for _, w := range []int{80, 100} {
				t.Run(fmt.Sprintf("%s/%s/%d", lang, v, w), func(t *testing.T) {
					a, ds := demoApp(t, lang)
					const h = 24
					out := a.renderMap(ds, v, w, h, false)
					lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
					for _, l := range lines {
						if lw := ansi.StringWidth(l); lw > w {
							t.Errorf("a line of %d cells: %q", lw, l)
						}
					}
					drawn := strings.Join(lines[1:1+h], "\n")
					legend := lines[1+h:]
					for _, c := range ds.Customers {
						inLegend := false
						for _, l := range legend {
							if _, name, ok := strings.Cut(l, "  "); ok && strings.HasPrefix(name, c.Name+" (") {
								inLegend = true
							}
						}
						if !inLegend && !strings.Contains(drawn, c.Name) {
							t.Errorf("%q is neither on the map in full nor in the legend:\n%s", c.Name, out)
						}
					}
					// Every shortened name on the map is a legend key.
					for _, l := range lines[1 : 1+h] {
						for _, word := range strings.Split(l, "  ") {
							word = strings.Trim(word, " │┆●◐")
							if !strings.HasSuffix(word, "…") || strings.ContainsAny(word, "│┆") {
								continue
							}
							found := false
							for _, e := range legend {
								found = found || strings.HasPrefix(e, word+"  ")
							}
							if !found {
								t.Errorf("the cut name %q is not in the legend:\n%s", word, out)
							}
						}
					}
				})
			}
		}
	}
}

// TestMapMarksDivergence: the team's unresolved divergence is marked
// after the name, as the TUI marks it, and the legend says what ! means.
func TestMapMarksDivergence(t *testing.T) {
	for _, lang := range []string{"sv", "en"} {
		a, ds := demoApp(t, lang)
		var id string
		for _, c := range ds.Customers {
			if c.Name == "Gränsö Marin AB" {
				id = c.ID
			}
		}
		q := a.Content.QuestionSets()[0].Questions[0].ID
		at := time.Date(2026, 11, 2, 13, 0, 0, 0, time.UTC)
		ds.SilentRounds = []model.SilentRound{{ID: "r", WorkshopID: ds.Workshop.ID, CustomerID: id, Questions: []string{q},
			Participants: []string{"p1", "p2"}, Opened: at, State: model.SilentRevealed}}
		ds.Votes = []model.Vote{{RoundID: "r", ParticipantID: "p1", QuestionID: q, Score: 1, At: at}, {RoundID: "r", ParticipantID: "p2", QuestionID: q, Score: 5, At: at}}
		out := a.renderMap(ds, mapview.Power, 100, 24, false)
		if !strings.Contains(out, "Gränsö Marin AB "+mapview.DivergedMarker) {
			t.Errorf("%s: the map does not mark the divergence:\n%s", lang, out)
		}
		if !strings.Contains(out, mapview.LegendDiverged(a.Content)) {
			t.Errorf("%s: the legend does not say what ! means:\n%s", lang, out)
		}
		if strings.Count(out, " "+mapview.DivergedMarker) != 1 {
			t.Errorf("%s: ! is on other customers than Gränsö Marin AB:\n%s", lang, out)
		}
	}
}

func TestMapGolden(t *testing.T) {
	for _, lang := range []string{"sv", "en"} {
		for _, w := range []int{80, 100} {
			t.Run(fmt.Sprintf("%s-%d", lang, w), func(t *testing.T) {
				a, ds := demoApp(t, lang)
				golden.RequireEqual(t, a.renderMap(ds, mapview.Power, w, 24, false))
			})
		}
	}
}

// TestMapOfManyCustomersIsADensity: a workshop with more customers than
// an 80-column map has room for is drawn as a density: counts per
// quadrant and what the marks mean, in a few lines, never a legend of
// thousands.
func TestMapOfManyCustomersIsADensity(t *testing.T) {
	for _, lang := range []string{"sv", "en"} {
		a, demo := demoApp(t, lang)
		ds := model.Dataset{Workshop: demo.Workshop, Answers: map[string]map[string]model.Answer{}}
		for i := range 2000 {
			src := demo.Customers[i%len(demo.Customers)]
			cu := src
			cu.ID, cu.Name = fmt.Sprintf("c%04d", i), fmt.Sprintf("%s %04d", src.Name, i)
			ds.Customers = append(ds.Customers, cu)
			ds.Answers[cu.ID] = demo.Answers[src.ID]
		}
		out := a.renderMap(ds, mapview.Power, 80, 24, false)
		lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
		if len(lines) > 1+24+6 {
			t.Errorf("%s: %d lines for a map of 24", lang, len(lines))
		}
		for _, l := range lines {
			if lw := ansi.StringWidth(l); lw > 80 {
				t.Errorf("%s: a line of %d cells: %q", lang, lw, l)
			}
		}
		c := a.Content
		names := mapview.Power.QuadrantNames(c)
		if !strings.Contains(out, names[1]+" ") || !strings.Contains(out, "█") {
			t.Errorf("%s: no counts per quadrant or no marks:\n%s", lang, out)
		}
		if strings.Contains(out, demo.Customers[0].Name) {
			t.Errorf("%s: a density names a customer:\n%s", lang, out)
		}
	}
}
