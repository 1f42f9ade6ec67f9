package tui

import (
	"strings"
	"testing"
)

func openDemo(t testing.TB, lang string) (*Model, *customersScreen) {
	t.Helper()
	m, _ := newTestModel(t, lang, true)
	press(t, m, "enter")
	s, ok := m.top().(*customersScreen)
	if !ok {
		t.Fatalf("enter on the demo opened %T", m.top())
	}
	return m, s
}

func TestCustomersGolden(t *testing.T) {
	for _, lang := range []string{"en", "sv"} {
		t.Run(lang, func(t *testing.T) {
			m, _ := openDemo(t, lang)
			goldenAt(t, m)
		})
	}
}

func TestCustomersFilterAndSort(t *testing.T) {
	m, s := openDemo(t, "sv")
	press(t, m, "/")
	typeText(t, m, "bruk")
	if len(s.shown) != 1 || !strings.Contains(s.shown[0].Customer.Name, "Bruk") {
		t.Fatalf("filter shows %d customers", len(s.shown))
	}
	// While typing, q is text, not quit.
	typeText(t, m, "q")
	if len(s.shown) != 0 || !strings.Contains(frameText(m), "Ingen kund matchar") {
		t.Fatalf("q while filtering:\n%s", frameText(m))
	}
	press(t, m, "backspace", "enter")
	if s.Typing() || len(s.shown) != 1 {
		t.Fatal("enter did not keep the filter")
	}
	press(t, m, "esc")
	if len(s.shown) != 16 {
		t.Fatalf("esc did not clear the filter: %d shown", len(s.shown))
	}
	if _, ok := m.top().(*customersScreen); !ok {
		t.Fatal("esc clearing the filter also went back")
	}
	press(t, m, "s")
	if s.order != byName || !strings.HasPrefix(s.shown[0].Customer.Name, "Bergkvist") {
		t.Fatalf("sort by name: first is %s", s.shown[0].Customer.Name)
	}
}

func TestAddEditDeleteCustomer(t *testing.T) {
	m, s := openDemo(t, "en")
	press(t, m, "n")
	typeText(t, m, "Åhléns Möbel AB\x1b[31m")
	press(t, m, "enter")
	typeText(t, m, "Furniture fittings")
	press(t, m, "enter")
	typeText(t, m, "2 500 000")
	press(t, m, "enter", "enter", "tab")
	if _, ok := m.top().(*customersScreen); !ok {
		// The notes field takes enter as a new line; tab leaves it.
		press(t, m, "enter")
	}
	found := false
	for _, a := range s.all {
		if a.Customer.Name == "Åhléns Möbel AB[31m" || a.Customer.Name == "Åhléns Möbel AB" {
			found = true
			if a.Customer.Revenue == nil || *a.Customer.Revenue != 2500000 {
				t.Fatalf("revenue %v", a.Customer.Revenue)
			}
		}
	}
	if !found {
		t.Fatalf("new customer not listed:\n%s", frameText(m))
	}
}
