package tui

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"styrka/ui/screen"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"styrka/assets"
	"styrka/model"
	"styrka/ui/mapview"
	"styrka/ui/styles"
)

// openMap opens the demo workshop's map.
func openMap(t *testing.T, lang string) (*Model, *mapScreen) {
	t.Helper()
	m, _ := openDemo(t, lang)
	press(t, m, "m")
	s, ok := m.top().(*mapScreen)
	if !ok {
		t.Fatalf("m on the customers opened %T", m.top())
	}
	return m, s
}

func TestMapGolden(t *testing.T) {
	for _, lang := range []string{"en", "sv"} {
		t.Run(lang, func(t *testing.T) {
			m, s := openMap(t, lang)
			for _, v := range mapview.Views {
				t.Run(string(v), func(t *testing.T) {
					if s.view != v {
						t.Fatalf("view %s, want %s", s.view, v)
					}
					goldenAt(t, m)
				})
				press(t, m, "v")
			}
		})
	}
}

func TestMapFitsEverySize(t *testing.T) {
	for _, lang := range []string{"en", "sv"} {
		m, _ := openMap(t, lang)
		for range mapview.Views {
			for _, sz := range [][2]int{{60, 16}, {80, 24}, {100, 30}, {120, 40}, {160, 50}, {200, 60}} {
				resize(t, m, sz[0], sz[1])
				requireFits(t, m)
			}
			press(t, m, "v")
		}
	}
}

// TestMapFillsTheWindow: on a projector-sized window the map takes the
// room the panel leaves, across and down.
func TestMapFillsTheWindow(t *testing.T) {
	m, s := openMap(t, "en")
	resize(t, m, 160, 50)
	requireFits(t, m)
	lines := strings.Split(frameText(m), "\n")
	widest, top, bottom := 0, -1, -1
	for i, l := range lines {
		widest = max(widest, ansi.StringWidth(l))
		if strings.Contains(l, "┌") {
			top = i
		}
		if strings.Contains(l, "└") {
			bottom = i
		}
	}
	if widest < 150 {
		t.Errorf("the widest line is %d in a 160-wide window", widest)
	}
	if top < 0 || bottom < 0 {
		t.Fatalf("no map frame:\n%s", frameText(m))
	}
	if right := slices.Index([]rune(lines[top]), '┐'); right < 160-s.lay.panelW-panelGap-3 {
		t.Errorf("the map frame ends at column %d, short of the panel: %q", right, lines[top])
	}
	// Header, title line, the y label and the frame; under it ticks, the x
	// label, the status line and the footer.
	if bottom-top < 50-10 {
		t.Errorf("the map frame spans rows %d–%d of 50", top, bottom)
	}
}

func TestMapTabFollowsRank(t *testing.T) {
	m, s := openMap(t, "en")
	ranked := m.ws.Assess(m.c.Questions())
	var want []string
	for _, a := range ranked {
		if a.Placed() {
			want = append(want, a.Customer.ID)
		}
	}
	if s.selID != want[0] {
		t.Fatalf("the map opens on %s, want the top-ranked customer", s.selID)
	}
	for i := 1; i <= len(want); i++ {
		press(t, m, "tab")
		if s.selID != want[i%len(want)] {
			t.Fatalf("tab %d selects %s, want %s", i, s.selID, want[i%len(want)])
		}
	}
	press(t, m, "shift+tab")
	if s.selID != want[len(want)-1] {
		t.Fatalf("shift+tab from the first selects %s, want the last", s.selID)
	}
}

func TestMapArrowRightCrossesToTheRight(t *testing.T) {
	m, s := openMap(t, "en")
	for _, size := range [][2]int{{80, 24}, {160, 50}} {
		resize(t, m, size[0], size[1])
		// The left-quadrant customer furthest right: nothing on its left
		// side can be further right, so right must cross the cut.
		from := -1
		for i, ai := range s.plot.Placed {
			r := s.ranked[ai].Regime
			if r != model.SupplierDominance && r != model.Independence {
				continue
			}
			if from < 0 || s.marks[i][1] > s.marks[from][1] {
				from = i
			}
		}
		if from < 0 {
			t.Fatal("no customer in a left quadrant")
		}
		s.selectPoint(from)
		press(t, m, "right")
		if s.sel == from {
			t.Fatalf("%dx%d: right from %s did not move", size[0], size[1], s.ranked[s.plot.Placed[from]].Customer.Name)
		}
		got := s.ranked[s.plot.Placed[s.sel]]
		if got.Regime != model.Interdependence && got.Regime != model.BuyerDominance {
			t.Fatalf("%dx%d: right from a left quadrant landed on %s in %s", size[0], size[1], got.Customer.Name, got.Regime)
		}
		press(t, m, "h")
		if s.sel < 0 || s.marks[s.sel][1] >= s.marks[from][1]+(s.lay.mapW/2) {
			t.Fatalf("h did not move back left")
		}
	}
}

// TestMapArrowsStayInTheirCone: from every customer, an arrow either
// keeps the selection or moves within 45° of its direction.
func TestMapArrowsStayInTheirCone(t *testing.T) {
	m, s := openMap(t, "sv")
	dirs := map[string][2]int{"up": {0, -1}, "down": {0, 1}, "left": {-1, 0}, "right": {1, 0}, "k": {0, -1}, "l": {1, 0}}
	for i := range s.plot.Points {
		for k, d := range dirs {
			s.selectPoint(i)
			press(t, m, k)
			if s.sel == i {
				continue
			}
			x := s.marks[s.sel][1] - s.marks[i][1]
			y := 2 * (s.marks[s.sel][0] - s.marks[i][0])
			along, across := x*d[0]+y*d[1], abs(x*d[1]-y*d[0])
			if along <= 0 || across > along {
				t.Errorf("%s from %d went to %d (%d,%d)", k, i, s.sel, x, y)
			}
		}
	}
}

func TestMapEnterOpensTheBrief(t *testing.T) {
	m, s := openMap(t, "en")
	press(t, m, "tab", "tab")
	a, _, _ := s.selected()
	press(t, m, "enter")
	top := m.top()
	if _, ok := top.(*briefScreen); !ok {
		t.Fatalf("enter opened %T", top)
	}
	if top.Title() != a.Customer.Name {
		t.Fatalf("the brief is of %q, want %q", top.Title(), a.Customer.Name)
	}
	press(t, m, "esc")
	if m.top() != Screen(s) || s.selID != a.Customer.ID {
		t.Fatal("esc from the brief did not return to the map with the same selection")
	}
}

func TestMapViewCyclesAndKeepsTheSelection(t *testing.T) {
	m, s := openMap(t, "sv")
	press(t, m, "tab", "tab", "tab")
	id := s.selID
	c := m.c.Content
	for _, want := range []mapview.View{mapview.Kraljic, mapview.Preferencing, mapview.Power} {
		press(t, m, "v")
		if s.view != want {
			t.Fatalf("v gave %s, want %s", s.view, want)
		}
		if s.selID != id || s.sel < 0 || s.ranked[s.plot.Placed[s.sel]].Customer.ID != id {
			t.Fatalf("%s: the selection moved to %s", want, s.selID)
		}
		if !strings.Contains(frameText(m), want.Title(c)) {
			t.Fatalf("%s: the title does not name the view:\n%s", want, frameText(m))
		}
	}
}

func TestMapDigitsOpenSegments(t *testing.T) {
	m, s := openMap(t, "en")
	c := m.c.Content
	for q, r := range model.Regimes {
		press(t, m, fmt.Sprint(q+1))
		seg, ok := m.top().(*segmentScreen)
		if !ok {
			t.Fatalf("%d opened %T", q+1, m.top())
		}
		if seg.Title() != c.Regimes[r].Name {
			t.Fatalf("%d opened %q, want %q", q+1, seg.Title(), c.Regimes[r].Name)
		}
		for _, i := range seg.members {
			if seg.ranked[i].Regime != r {
				t.Fatalf("%s lists %s of %s", r, seg.ranked[i].Customer.Name, seg.ranked[i].Regime)
			}
		}
		press(t, m, "esc")
		if m.top() != Screen(s) {
			t.Fatalf("esc from segment %d went to %T", q+1, m.top())
		}
	}
	press(t, m, "v", "2")
	if got, want := m.top().Title(), c.Kraljic[model.Strategic].Name; got != want {
		t.Fatalf("2 in the Kraljic view opened %q, want %q", got, want)
	}
	press(t, m, "esc", "v", "4")
	if got, want := m.top().Title(), c.Preferencing[model.Exploitable].Name; got != want {
		t.Fatalf("4 in the preferencing view opened %q, want %q", got, want)
	}
}

func TestMapListsUnplacedCustomers(t *testing.T) {
	for _, lang := range []string{"en", "sv"} {
		t.Run(lang, func(t *testing.T) {
			m, db := newTestModel(t, lang, true)
			press(t, m, "enter", "m")
			s := m.top().(*mapScreen)
			name := "Östra Nyköpings Plåt AB"
			if err := db.PutCustomer(model.Customer{WorkshopID: assets.DemoID, Name: name}); err != nil {
				t.Fatal(err)
			}
			drive(t, m, m.ws.Load(assets.DemoID, nil))
			if len(s.ranked) != 17 || len(s.plot.Unplaced) != 1 {
				t.Fatalf("after the reload: %d customers, %d unplaced", len(s.ranked), len(s.plot.Unplaced))
			}
			for _, sz := range [][2]int{{80, 24}, {120, 40}} {
				resize(t, m, sz[0], sz[1])
				requireFits(t, m)
				out := frameText(m)
				if !strings.Contains(out, name) || !strings.Contains(out, m.c.T("tui.map.heading", s.view.Title(m.c.Content), 16, 17)) {
					t.Fatalf("%dx%d: the unplaced customer is not listed:\n%s", sz[0], sz[1], out)
				}
			}
		})
	}
}

// TestMapStressEveryCustomerShows: with 300 customers, every placed one
// is either written out on the map or listed in the legend beside it,
// whichever one is selected.
func TestMapStressEveryCustomerShows(t *testing.T) {
	m, db := newTestModel(t, "sv", false)
	ds := syntheticWorkshop(300, m.c.Questions(), 7)
	if err := db.Import(ds, false); err != nil {
		t.Fatal(err)
	}
	drive(t, m, m.ws.Load(ds.Workshop.ID, newMapScreen(m.c, m.ws)))
	s, ok := m.top().(*mapScreen)
	if !ok {
		t.Fatalf("opened %T", m.top())
	}
	resize(t, m, 160, 50)
	if len(s.plot.Points) < 250 {
		t.Fatalf("only %d of 300 placed", len(s.plot.Points))
	}
	const bodyTop = 2 // the header and the map's title line
	labelled, listed := 0, 0
	for range s.plot.Points {
		press(t, m, "tab")
		requireFits(t, m)
		lines := strings.Split(frameText(m), "\n")
		a := s.ranked[s.plot.Placed[s.sel]]
		prefix := string([]rune(a.Customer.Name)[:6])
		mk := s.marks[s.sel]
		if key, ok := s.keyOf[s.sel]; ok {
			found := false
			for _, l := range lines {
				if len([]rune(l)) > s.lay.mapW+panelGap && strings.Contains(string([]rune(l)[s.lay.mapW+panelGap:]), key+" "+prefix) {
					found = true
				}
			}
			if !found {
				t.Fatalf("%s has the key %s but is not in the legend:\n%s", a.Customer.Name, key, frameText(m))
			}
			listed++
			continue
		}
		// A label is on the marker's row or the row above or below it.
		found := false
		for r := mk[0] - 1; r <= mk[0]+1; r++ {
			row := []rune(lines[bodyTop+r])
			found = found || strings.Contains(string(row[:min(len(row), s.lay.mapW)]), prefix)
		}
		if !found {
			t.Fatalf("%s is neither labelled beside row %d nor in the legend:\n%s", a.Customer.Name, mk[0], frameText(m))
		}
		labelled++
	}
	t.Logf("%d labelled, %d in the legend", labelled, listed)
}

// syntheticWorkshop is a workshop of n customers with random answers
// ("don't know" included, some questions left out), so some customers are
// not placed. Names start with a unique number, so a shortened label
// still tells them apart.
func syntheticWorkshop(n int, qs []model.Question, seed uint64) model.Dataset {
	r := rand.New(rand.NewPCG(seed, 1))
	at := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	ds := model.Dataset{
		Workshop: model.Workshop{ID: fmt.Sprintf("synthetic-%d", n), Name: "Syntetisk", Date: "2026-11-02",
			Thresholds: model.DefaultThresholds(), Created: at, Updated: at},
		Answers: make(map[string]map[string]model.Answer, n),
	}
	words := []string{"Verkstad", "Åkeri", "Plåt", "Bygg", "Medicinteknik", "Maskin", "Trä", "Elektronik"}
	for i := range n {
		rev := float64(1+r.IntN(50)) * 100_000
		c := model.Customer{ID: fmt.Sprintf("c%05d", i), WorkshopID: ds.Workshop.ID,
			Name: fmt.Sprintf("%04d %s AB", i, words[r.IntN(len(words))]), Revenue: &rev, Currency: "SEK", Created: at, Updated: at}
		ds.Customers = append(ds.Customers, c)
		answers := make(map[string]model.Answer, len(qs))
		for _, q := range qs {
			if r.IntN(10) == 0 {
				continue
			}
			answers[q.ID] = model.Answer{CustomerID: c.ID, QuestionID: q.ID, Score: model.Score(r.IntN(6)), Author: "test", At: at}
		}
		ds.Answers[c.ID] = answers
	}
	return ds
}

// benchModel is the UI with a synthetic workshop open on the map at
// 160×50, without a database.
func benchModel(b *testing.B, n int) *Model {
	b.Helper()
	content := assets.MustBuiltin("sv")
	m := New(Options{Content: content, Lang: "sv", Theme: styles.Dark})
	ds := syntheticWorkshop(n, content.Questions(), 1)
	m.own.Open(&ds, "")
	m.Update(tea.WindowSizeMsg{Width: 160, Height: 50})
	m.Update(screen.PushMsg{Screen: newMapScreen(m.c, m.ws)})
	if _, ok := m.top().(*mapScreen); !ok {
		b.Fatalf("the map is not open: %T", m.top())
	}
	return m
}

func BenchmarkMapView(b *testing.B) {
	for _, n := range []int{10, 100, 1000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			m := benchModel(b, n)
			b.ReportAllocs()
			for b.Loop() {
				m.View()
			}
		})
	}
}

func BenchmarkMapKeyCycle(b *testing.B) {
	for _, n := range []int{100, 1000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			m := benchModel(b, n)
			tab := tea.KeyPressMsg{Code: tea.KeyTab}
			b.ReportAllocs()
			for b.Loop() {
				m.Update(tab)
				m.View()
			}
		})
	}
}
