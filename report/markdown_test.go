package report_test

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"styrka/assets"
	"styrka/model"
	"styrka/report"
	"styrka/ui/mapview"
)

func TestMarkdownGolden(t *testing.T) {
	for _, lang := range langs {
		t.Run(lang, func(t *testing.T) {
			golden.RequireEqual(t, markdown(t, demoInput(t, lang)))
		})
	}
}

// briefCustomers are the demo customers whose briefs are kept as goldens:
// one with "don't know" answers in set A, one with every answer known.
var briefCustomers = []struct{ key, name string }{
	{"dontknow", "Rydéns Mekaniska AB"},
	{"clean", "Mälarö Lyftteknik AB"},
}

func TestBriefGolden(t *testing.T) {
	for _, lang := range langs {
		for _, bc := range briefCustomers {
			t.Run(lang+"/"+bc.key, func(t *testing.T) {
				in := demoInput(t, lang)
				golden.RequireEqual(t, brief(t, in, customerID(t, in.Dataset, bc.name)))
			})
		}
	}
}

func TestMarkdownStructure(t *testing.T) {
	for _, lang := range langs {
		t.Run(lang, func(t *testing.T) {
			in := demoInput(t, lang)
			c := in.Content
			md := markdown(t, in)

			if !strings.HasSuffix(md, "\n") || strings.HasSuffix(md, "\n\n") {
				t.Errorf("report should end in exactly one newline")
			}
			if want := "# " + c.T("report.title", in.Dataset.Workshop.Name) + "\n"; !strings.HasPrefix(md, want) {
				t.Errorf("report starts %q, want %q", md[:min(len(md), 60)], want)
			}

			// The map is one ```text block right under its heading, no
			// wider than MapWidth and MapHeight lines plus the legend.
			mapHead := "## " + c.T("report.map") + "\n\n```text\n"
			i := strings.Index(md, mapHead)
			if i < 0 {
				t.Fatalf("no map block %q", mapHead)
			}
			block := md[i+len(mapHead):]
			end := strings.Index(block, "\n```\n")
			if end < 0 {
				t.Fatal("map block is not closed")
			}
			lines := strings.Split(block[:end], "\n")
			// The map's lines, then the legend of names that did not fit.
			if len(lines) < report.MapHeight {
				t.Errorf("map has %d lines, want at least %d", len(lines), report.MapHeight)
			}
			for n, l := range lines {
				if w := ansi.StringWidth(l); w > report.MapWidth {
					t.Errorf("map line %d is %d cells wide, want ≤ %d: %q", n+1, w, report.MapWidth, l)
				}
				if strings.ContainsRune(l, '\x1b') {
					t.Errorf("map line %d has an escape sequence: %q", n+1, l)
				}
			}
			if _, outside := fenced(md); len(outside) == 0 {
				t.Error("nothing outside the code blocks")
			}

			for _, r := range []model.Regime{model.Interdependence, model.BuyerDominance, model.SupplierDominance, model.Independence} {
				h := "\n## " + c.Regimes[r].Name + "\n"
				if strings.Count(md, h) != 1 {
					t.Errorf("want exactly one regime heading %q", strings.TrimSpace(h))
				}
			}
			for _, key := range []string{"label.develop", "label.stop", "label.start"} {
				h := "**" + c.T(key) + "**"
				if n := strings.Count(md, h); n != 4 {
					t.Errorf("%q appears %d times, want once per regime (4)", h, n)
				}
			}
			for _, cu := range in.Dataset.Customers {
				if !strings.Contains(md, "| "+cu.Name+" |") {
					t.Errorf("customer %q has no row in the priority table", cu.Name)
				}
			}
			// Every customer of the demo is placed, so no unplaced section.
			if strings.Contains(md, "## "+c.T("report.unplaced")) {
				t.Errorf("demo report lists customers as not placed")
			}
		})
	}
}

// TestMarkdownLegend crowds the map so that names give way to keys, and
// checks the legend under the map names every keyed customer in full.
func TestMarkdownLegend(t *testing.T) {
	in := demoInput(t, "en")
	qs := in.Content.Questions()
	at := time.Date(2026, 11, 2, 12, 0, 0, 0, time.UTC)
	var names []string
	for i := range 40 {
		c := model.Customer{ID: fmt.Sprintf("crowd-%d", i), WorkshopID: in.Dataset.Workshop.ID, Name: fmt.Sprintf("Trängsel %02d Aktiebolag", i), Created: at, Updated: at}
		in.Dataset.Customers = append(in.Dataset.Customers, c)
		answers := map[string]model.Answer{}
		for _, q := range qs {
			answers[q.ID] = model.Answer{CustomerID: c.ID, QuestionID: q.ID, Score: 4, At: at}
		}
		in.Dataset.Answers[c.ID] = answers
		names = append(names, c.Name)
	}
	md := markdown(t, in)
	inside, _ := fenced(md)
	if len(inside) <= report.MapHeight {
		t.Fatalf("a crowded map has no legend (%d lines)", len(inside))
	}
	for _, l := range inside[:report.MapHeight] {
		if w := ansi.StringWidth(l); w > report.MapWidth {
			t.Errorf("map line is %d cells wide: %q", w, l)
		}
	}
	keys := map[string]bool{}
	for _, l := range inside[report.MapHeight:] {
		key, name, ok := strings.Cut(l, "  ")
		// A key, or a name as the map shortens it.
		cut, isCut := strings.CutSuffix(key, "…")
		if !ok || (ansi.StringWidth(key) != 1 && !(isCut && strings.HasPrefix(name, cut))) {
			t.Errorf("legend line %q is not KEY  NAME or SHORT…  NAME", l)
			continue
		}
		if keys[key] && key != "•" {
			t.Errorf("key %q is used twice", key)
		}
		keys[key] = true
		// A customer on the line carries the map's mark after its name.
		name = strings.TrimSuffix(name, " "+mapview.OnLineMarker)
		if !slices.Contains(names, name) && !slices.ContainsFunc(in.Dataset.Customers, func(c model.Customer) bool { return c.Name == name }) {
			t.Errorf("legend names %q, which is no customer", name)
		}
		if !strings.Contains(strings.Join(inside[:report.MapHeight], "\n"), key) {
			t.Errorf("legend key %q is not on the map", key)
		}
	}
}

// TestMarkdownRegimeMembers checks that each placed customer is listed
// under its own regime and only there.
func TestMarkdownRegimeMembers(t *testing.T) {
	in := demoInput(t, "en")
	md := markdown(t, in)
	for _, a := range in.Dataset.Assess(in.Content.Questions()) {
		for _, r := range model.Regimes {
			sec, ok := section(md, in.Content.Regimes[r].Name)
			if !ok {
				t.Fatalf("no section for %s", r)
			}
			entry := fmt.Sprintf("%s (%s)", a.Customer.Name, a.Priority)
			if got, want := strings.Contains(sec, entry), a.Regime == r; got != want {
				t.Errorf("%s listed under %s: %v, want %v", a.Customer.Name, r, got, want)
			}
		}
	}
}

func TestMarkdownPriorityOrder(t *testing.T) {
	in := demoInput(t, "sv")
	md := markdown(t, in)
	ranked := model.Rank(in.Dataset.Assess(in.Content.Questions()))
	last := -1
	for n, a := range ranked {
		row := fmt.Sprintf("| %d | %s | %s |", n+1, a.Customer.Name, a.Priority)
		i := strings.Index(md, row)
		if i < 0 {
			t.Fatalf("no row %q", row)
		}
		if i < last {
			t.Errorf("row %q is out of rank order", row)
		}
		last = i
	}
}

// withUnplaced adds a customer without answers to the demo.
func withUnplaced(t testing.TB, lang, name string) (report.Input, string) {
	in := demoInput(t, lang)
	at := time.Date(2026, 11, 2, 12, 0, 0, 0, time.UTC)
	c := model.Customer{ID: "unplaced-1", WorkshopID: in.Dataset.Workshop.ID, Name: name, Created: at, Updated: at}
	in.Dataset.Customers = append(in.Dataset.Customers, c)
	return in, c.ID
}

func TestMarkdownUnplaced(t *testing.T) {
	for _, lang := range langs {
		t.Run(lang, func(t *testing.T) {
			in, _ := withUnplaced(t, lang, "Nyköpings Nya AB")
			c := in.Content
			md := markdown(t, in)
			sec, ok := section(md, c.T("report.unplaced"))
			if !ok {
				t.Fatalf("no %q section", c.T("report.unplaced"))
			}
			if strings.TrimSpace(sec) != "Nyköpings Nya AB" {
				t.Errorf("unplaced section = %q", sec)
			}
			n := len(in.Dataset.Customers)
			row := fmt.Sprintf("| %d | Nyköpings Nya AB | – | – | – | – | – |  |", n)
			if !strings.Contains(md, row) {
				t.Errorf("unplaced customer should be ranked last with dashes: want %q", row)
			}
			if want := c.T("report.meta", in.Dataset.Workshop.Date, in.Dataset.Workshop.OurCompany, report.Number(lang, 3, 1), n, n-1); !strings.Contains(md, want) {
				t.Errorf("meta line missing: %q", want)
			}
			inside, _ := fenced(md)
			if strings.Contains(strings.Join(inside, "\n"), "Nyköpings") {
				t.Error("an unplaced customer is drawn on the map")
			}
		})
	}
}

func TestMarkdownEmptyWorkshop(t *testing.T) {
	c := assets.MustBuiltin("en")
	in := report.Input{Dataset: model.Dataset{Workshop: model.Workshop{ID: "w", Name: "Empty", Date: "2026-01-01"}}, Content: c, Lang: "en"}
	md := markdown(t, in)
	if n := strings.Count(md, c.T("report.regime.none")); n != 4 {
		t.Errorf("%q appears %d times, want 4", c.T("report.regime.none"), n)
	}
	if strings.Contains(md, "## "+c.T("report.unplaced")) {
		t.Error("empty workshop has an unplaced section")
	}
}

func TestBriefStructure(t *testing.T) {
	for _, lang := range langs {
		in := demoInput(t, lang)
		c := in.Content
		for _, a := range in.Dataset.Assess(c.Questions()) {
			t.Run(lang+"/"+a.Customer.Name, func(t *testing.T) {
				md := brief(t, in, a.Customer.ID)
				if want := "# " + c.T("brief.title", a.Customer.Name) + "\n"; !strings.HasPrefix(md, want) {
					t.Errorf("brief starts %q, want %q", md[:min(len(md), 60)], want)
				}
				for _, set := range c.QuestionSets() {
					if !strings.Contains(md, "\n### "+set.Title+"\n") {
						t.Errorf("no heading for set %s", set.ID)
					}
					for _, q := range set.Questions {
						if !strings.Contains(md, "- "+q.Text+"  \n") {
							t.Errorf("question %s is missing", q.ID)
						}
					}
				}

				dontKnowA := 0
				for _, q := range c.Questions() {
					if ans, ok := in.Dataset.Answers[a.Customer.ID][q.ID]; ok && q.Set == model.SetThem && !ans.Score.Known() {
						dontKnowA++
					}
				}
				val, hasVal := section(md, c.T("brief.validate"))
				if hasVal != (dontKnowA > 0) {
					t.Errorf("validate section present = %v, but set A has %d don't-know answers", hasVal, dontKnowA)
				}
				if got := strings.Count(val, "- [ ] "); got != dontKnowA {
					t.Errorf("validate section has %d items, want %d", got, dontKnowA)
				}

				warn, hasWarn := section(md, c.T("brief.warnings"))
				if hasWarn != (len(a.Warnings) > 0) {
					t.Errorf("warnings section present = %v, assessment has %v", hasWarn, a.Warnings)
				}
				for _, w := range a.Warnings {
					if !strings.Contains(warn, "- ⚠ "+c.Warnings[w]+"\n") {
						t.Errorf("warning %s is missing", w)
					}
				}
				if strings.Contains(md, "\n\n\n") {
					t.Error("brief has a run of blank lines")
				}
				if !strings.HasSuffix(md, "\n") || strings.HasSuffix(md, "\n\n") {
					t.Error("brief should end in exactly one newline")
				}
			})
		}
	}
}

func TestBriefDontKnowCounts(t *testing.T) {
	in := demoInput(t, "sv")
	md := brief(t, in, customerID(t, in.Dataset, "Rydéns Mekaniska AB"))
	if !strings.Contains(md, "**Vet ej**") {
		t.Error("no Vet ej answer shown")
	}
	// One don't know on profit impact and one on supply risk.
	if n := strings.Count(md, "| 4 av 5 (1 vet ej) |"); n != 2 {
		t.Errorf("%d dimensions with one don't know, want 2", n)
	}
}

func TestBriefNotPlaced(t *testing.T) {
	for _, lang := range langs {
		t.Run(lang, func(t *testing.T) {
			in, id := withUnplaced(t, lang, "Nyköpings Nya AB")
			c := in.Content
			md := brief(t, in, id)
			n := 0
			for _, d := range model.Dimensions {
				nq := 0
				for _, q := range c.Questions() {
					if q.Dimension == d {
						nq++
					}
				}
				n += strings.Count(md, "| "+c.Dimensions[d].Name+" | "+c.T("brief.notplaced")+" | "+c.T("brief.coverage", 0, nq)+" |")
			}
			if n != len(model.Dimensions) {
				t.Errorf("%d dimensions shown as not placed, want %d", n, len(model.Dimensions))
			}
			if !strings.Contains(md, c.T("brief.room.none")) {
				t.Errorf("no %q", c.T("brief.room.none"))
			}
			if n, want := strings.Count(md, "_"+c.T("brief.unanswered")+"_"), len(c.Questions()); n != want {
				t.Errorf("%d questions marked unanswered, want %d", n, want)
			}
			for _, h := range []string{"brief.warnings", "brief.validate", "brief.activities"} {
				if strings.Contains(md, "## "+c.T(h)) {
					t.Errorf("brief of an unplaced customer has %q", c.T(h))
				}
			}
			if !strings.Contains(md, "- **"+c.T("col.priority")+":** –\n") {
				t.Error("priority should read –")
			}
		})
	}
}

func TestBriefUnknownCustomer(t *testing.T) {
	in := demoInput(t, "en")
	var b strings.Builder
	err := report.WriteBrief(&b, in, "no-such-id")
	if !errors.Is(err, report.ErrNoCustomer) {
		t.Fatalf("err = %v, want ErrNoCustomer", err)
	}
	if b.Len() != 0 {
		t.Errorf("wrote %d bytes for an unknown customer", b.Len())
	}
}

// hostile is user text that would break Markdown if printed as is.
const hostile = "A | B *bold* <script>alert(1)</script> [x](y) _u_ `c` #h a\\|b \\"

// hostileInput is the demo with hostile text in every field a user types
// that the documents show.
func hostileInput(t *testing.T) (report.Input, string) {
	in := demoInput(t, "en")
	in.Dataset.Workshop.Name = hostile
	in.Dataset.Workshop.OurCompany = hostile
	cu := &in.Dataset.Customers[0]
	cu.Name = hostile
	cu.Offering = hostile
	cu.Notes = hostile + "\nsecond line " + hostile
	for q, a := range in.Dataset.Answers[cu.ID] {
		a.Note = hostile + "\n" + hostile
		in.Dataset.Answers[cu.ID][q] = a
	}
	return in, cu.ID
}

func TestMarkdownEscapesUserText(t *testing.T) {
	in, id := hostileInput(t)
	docs := map[string]string{"markdown": markdown(t, in), "brief": brief(t, in, id)}
	for name, md := range docs {
		t.Run(name, func(t *testing.T) {
			checkEscaped(t, md)
			if !strings.Contains(md, `A \| B \*bold\* &lt;script&gt;`) {
				t.Error("escaped name not found")
			}
			if strings.Contains(md, "\n## "+hostile) || strings.Contains(md, "\n# "+hostile) {
				t.Error("raw name in a heading")
			}
		})
	}
	// Inside the map's code block the name is literal text, which is
	// safe, and must stay readable rather than be escaped.
	inside, _ := fenced(docs["markdown"])
	if !strings.Contains(strings.Join(inside, "\n"), "A | B *bold*") {
		t.Error("the map should show the name as typed")
	}
}

// checkEscaped checks the lines outside code blocks for raw Markdown and
// HTML and every table row for the number of cells of its header.
func checkEscaped(t *testing.T, md string) {
	t.Helper()
	_, outside := fenced(md)
	cols := 0
	for n, l := range outside {
		text := strings.TrimPrefix(l, "> ")
		if strings.ContainsAny(text, "<>") {
			t.Errorf("line %d has raw < or >: %q", n+1, l)
		}
		for _, raw := range []string{"*bold*", "_u_", "[x](y)", "`c`", " #h"} {
			if strings.Contains(text, raw) {
				t.Errorf("line %d has unescaped %q: %q", n+1, raw, l)
			}
		}
		if !strings.HasPrefix(l, "|") {
			cols = 0
			continue
		}
		got := unescapedPipes(l)
		if cols == 0 {
			cols = got // the header row
		} else if got != cols {
			t.Errorf("table row has %d cell separators, the header %d: %q", got, cols, l)
		}
	}
}

// unescapedPipes counts the | not escaped by an odd run of backslashes.
func unescapedPipes(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] != '|' {
			continue
		}
		bs := 0
		for j := i - 1; j >= 0 && s[j] == '\\'; j-- {
			bs++
		}
		if bs%2 == 0 {
			n++
		}
	}
	return n
}

// TestMarkdownEscapesDateAndCurrency: the workshop date and the currency
// are user text too (an import takes both as they are).
func TestMarkdownEscapesDateAndCurrency(t *testing.T) {

	in := demoInput(t, "en")
	in.Dataset.Workshop.Date = "<img src=x onerror=alert(1)>"
	cu := &in.Dataset.Customers[0]
	cu.Currency = "SEK | <b>EUR</b>"
	checkEscaped(t, markdown(t, in))
	checkEscaped(t, brief(t, in, cu.ID))
}
