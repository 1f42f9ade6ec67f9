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

// The revenue field reads amounts as the import does: "2,5 Mkr" is two and
// a half million kronor.
func TestCustomerRevenueAsTheImportReadsIt(t *testing.T) {
	for _, tc := range []struct {
		typed    string
		want     float64
		currency string
	}{{"2,5 Mkr", 2500000, "SEK"}, {"150 tkr", 150000, "SEK"}, {"2 MEUR", 2000000, "EUR"}} {
		t.Run(tc.typed, func(t *testing.T) {
			m, s := openDemo(t, "sv")
			press(t, m, "n")
			typeText(t, m, "Beloppet AB")
			press(t, m, "enter", "enter")
			typeText(t, m, tc.typed)
			press(t, m, "enter", "enter", "tab")
			if _, ok := m.top().(*customersScreen); !ok {
				press(t, m, "enter")
			}
			for _, a := range s.all {
				if a.Customer.Name == "Beloppet AB" {
					if a.Customer.Revenue == nil || *a.Customer.Revenue != tc.want || a.Customer.Currency != tc.currency {
						t.Fatalf("revenue %v %s, want %v %s", a.Customer.Revenue, a.Customer.Currency, tc.want, tc.currency)
					}
					return
				}
			}
			t.Fatalf("not added:\n%s", frameText(m))
		})
	}
}
