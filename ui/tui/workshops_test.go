package tui

import (
	"strings"
	"testing"

	"styrka/assets"
)

func TestWelcomeOffersNewAndDemo(t *testing.T) {
	for _, lang := range []string{"en", "sv"} {
		t.Run(lang, func(t *testing.T) {
			m, _ := newTestModel(t, lang, false)
			goldenAt(t, m)
			want := map[string]string{"en": "open the demo workshop", "sv": "öppna demoworkshoppen"}[lang]
			if !strings.Contains(screen(m), want) {
				t.Fatalf("welcome lacks %q:\n%s", want, screen(m))
			}
		})
	}
}

func TestOpenDemoFromWelcome(t *testing.T) {
	m, db := newTestModel(t, "en", false)
	press(t, m, "o")
	if m.c.Data == nil || m.c.Data.Workshop.ID != assets.DemoID {
		t.Fatal("o did not open the demo")
	}
	if _, ok := m.top().(*customers); !ok {
		t.Fatalf("top screen is %T, want the customers", m.top())
	}
	ws, err := db.Workshops()
	if err != nil || len(ws) != 1 {
		t.Fatalf("workshops after opening the demo: %v, %v", ws, err)
	}
	// Back and open again: still one demo.
	press(t, m, "esc", "o")
	if ws, _ := db.Workshops(); len(ws) != 1 {
		t.Fatalf("opening the demo twice made %d workshops", len(ws))
	}
}

func TestCreateRenameDeleteWorkshop(t *testing.T) {
	m, db := newTestModel(t, "sv", false)
	press(t, m, "n")
	if _, ok := m.top().(*formScreen); !ok {
		t.Fatalf("n opened %T", m.top())
	}
	typeText(t, m, "Höstens workshop")
	press(t, m, "enter", "enter")
	typeText(t, m, "Vårt Bolag AB")
	press(t, m, "enter", "enter")
	ws, err := db.Workshops()
	if err != nil || len(ws) != 1 {
		t.Fatalf("workshops: %v %v", ws, err)
	}
	w := ws[0]
	if w.Name != "Höstens workshop" || w.OurCompany != "Vårt Bolag AB" || w.Thresholds.Risk != 3 {
		t.Fatalf("created %+v", w)
	}
	if _, ok := m.top().(*workshops); !ok {
		t.Fatalf("after saving, top is %T", m.top())
	}
	if !strings.Contains(screen(m), "Höstens workshop") {
		t.Fatalf("list lacks the new workshop:\n%s", screen(m))
	}

	// Rename.
	press(t, m, "e")
	for range len([]rune("Höstens workshop")) {
		press(t, m, "backspace")
	}
	typeText(t, m, "Vinterns")
	press(t, m, "enter", "enter", "enter", "enter")
	if ws, _ := db.Workshops(); ws[0].Name != "Vinterns" || ws[0].ID != w.ID {
		t.Fatalf("after rename: %+v", ws[0])
	}

	// Delete asks first, names what will be lost, and n keeps it.
	press(t, m, "d")
	if !strings.Contains(screen(m), "Vinterns") || !strings.Contains(screen(m), "0 kunder") {
		t.Fatalf("confirmation does not name what is lost:\n%s", screen(m))
	}
	press(t, m, "n")
	if ws, _ := db.Workshops(); len(ws) != 1 {
		t.Fatal("n deleted the workshop")
	}
	press(t, m, "d", "j")
	if ws, _ := db.Workshops(); len(ws) != 0 {
		t.Fatal("j did not delete the workshop")
	}
}

func TestFormEscCancels(t *testing.T) {
	m, db := newTestModel(t, "en", false)
	press(t, m, "n")
	typeText(t, m, "Half typed")
	press(t, m, "esc")
	if ws, _ := db.Workshops(); len(ws) != 0 {
		t.Fatal("esc saved the form")
	}
	if _, ok := m.top().(*workshops); !ok {
		t.Fatalf("esc left %T on top", m.top())
	}
}

func TestEmptyNameIsRefused(t *testing.T) {
	m, db := newTestModel(t, "en", false)
	press(t, m, "n", "enter", "enter", "enter", "enter", "enter")
	if ws, _ := db.Workshops(); len(ws) != 0 {
		t.Fatal("a workshop without a name was saved")
	}
	if !strings.Contains(screen(m), "Write a name") {
		t.Fatalf("no error shown:\n%s", screen(m))
	}
}

func TestTooSmallSaysHowLarge(t *testing.T) {
	m, _ := newTestModel(t, "en", true)
	resize(t, m, 40, 10)
	requireFits(t, m)
	if !strings.Contains(screen(m), "at least 60 columns by 16 rows") {
		t.Fatalf("too-small screen:\n%s", screen(m))
	}
}

func TestQuitFromTop(t *testing.T) {
	m, _ := newTestModel(t, "en", true)
	_, cmd := m.Update(keyMsg("q"))
	if cmd == nil {
		t.Fatal("q on the top screen does nothing")
	}
}
