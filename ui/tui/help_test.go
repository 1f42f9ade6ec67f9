package tui

import (
	"regexp"
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	"styrka/ui/tui/workbench"
)

// helpShows reports whether the help screen has a line with the binding's
// key followed by its description.
func helpShows(frame string, b key.Binding) bool {
	h := b.Help()
	re := regexp.MustCompile(`(^|\s)` + regexp.QuoteMeta(h.Key) + `\s+` + regexp.QuoteMeta(h.Desc) + `(\s|$)`)
	for _, l := range strings.Split(frame, "\n") {
		if re.MatchString(l) {
			return true
		}
	}
	return false
}

// footerShows reports whether the last line of the frame lists the
// binding.
func footerShows(frame string, b key.Binding) bool {
	lines := strings.Split(frame, "\n")
	h := b.Help()
	return strings.Contains(lines[len(lines)-1], h.Key+" "+h.Desc)
}

// requireHelp checks the help of the top screen: the footer shows its
// ShortHelp, ? opens a help screen listing every binding of its FullHelp
// and the global ones, and ? or esc close it without leaving the screen.
func requireHelp(t *testing.T, m *Model) {
	t.Helper()
	top := m.top()
	k := m.c.Keys
	requireNoSharedKeys(t, m)
	// The footer has room for every short binding on a wide window.
	resize(t, m, 160, 50)
	for _, b := range top.ShortHelp() {
		if !footerShows(frameText(m), b) {
			t.Errorf("%T: the footer lacks %q:\n%s", top, b.Help().Key, frameText(m))
		}
	}
	for _, size := range [][2]int{{80, 24}, {160, 50}} {
		resize(t, m, size[0], size[1])
		for _, close := range []string{"?", "esc"} {
			press(t, m, "?")
			if !m.stack.HelpShown() {
				t.Fatalf("%T: ? did not open the help", top)
			}
			requireFits(t, m)
			frame := frameText(m)
			global := []key.Binding{k.Help, k.Quit, k.ForceQuit}
			if m.stack.Len() > 1 {
				// q goes back below the first screen, and the help says so.
				back := k.Back
				back.SetHelp("esc/q", k.Back.Help().Desc)
				global = []key.Binding{k.Help, back, k.ForceQuit}
			}
			groups := append(top.FullHelp(), global)
			for _, g := range groups {
				for _, b := range g {
					if !helpShows(frame, b) {
						t.Errorf("%T at %dx%d: the help lacks %q %q:\n%s", top, size[0], size[1], b.Help().Key, b.Help().Desc, frame)
					}
				}
			}
			if !strings.Contains(frame, m.c.T("tui.help.close")) {
				t.Errorf("%T: the help does not say how to close it:\n%s", top, frame)
			}
			press(t, m, close)
			if m.stack.HelpShown() {
				t.Fatalf("%T: %s did not close the help", top, close)
			}
			if m.top() != top {
				t.Fatalf("%s closing the help also left %T for %T", close, top, m.top())
			}
		}
	}
	resize(t, m, 80, 24)
}

func TestHelpOnEveryScreen(t *testing.T) {
	for _, lang := range []string{"en", "sv"} {
		t.Run(lang, func(t *testing.T) {
			t.Run("welcome", func(t *testing.T) {
				m, _ := newTestModel(t, lang, false)
				requireHelp(t, m)
			})
			t.Run("workshops", func(t *testing.T) {
				m, _ := newTestModel(t, lang, true)
				requireHelp(t, m)
			})
			t.Run("customers", func(t *testing.T) {
				m, _ := openDemo(t, lang)
				requireHelp(t, m)
			})
			t.Run("brief", func(t *testing.T) {
				m, _ := openBrief(t, lang, dontKnowCustomer)
				requireHelp(t, m)
			})
			t.Run("confirm", func(t *testing.T) {
				m, _ := openDemo(t, lang)
				press(t, m, "d")
				if ok := m.stack.Dialog() != nil; !ok {
					t.Fatalf("d opened no dialog:\n%s", frameText(m))
				}
				// A dialog takes only its own keys, and its footer says which.
				press(t, m, "?")
				if m.stack.HelpShown() || m.stack.Dialog() == nil {
					t.Fatalf("? over a dialog: help %v, dialog %v", m.stack.HelpShown(), m.stack.Dialog() != nil)
				}
				if f := frameText(m); !strings.Contains(f, "n ") {
					t.Fatalf("the dialog's footer lists no keys:\n%s", f)
				}
			})
		})
	}
}

// A form's fields take every printable key, ? included, so the form
// shows all its keys in the footer instead.
func TestFormFooterShowsAllItsKeys(t *testing.T) {
	m, _ := openDemo(t, "en")
	press(t, m, "n")
	f, ok := m.top().(*workbench.FormScreen)
	if !ok {
		t.Fatalf("n opened %T", m.top())
	}
	press(t, m, "?")
	if m.stack.HelpShown() {
		t.Fatal("? in a form field opened the help instead of typing")
	}
	if !strings.Contains(frameText(m), "> ?") {
		t.Fatalf("? was not typed into the field:\n%s", frameText(m))
	}
	for _, g := range f.FullHelp() {
		for _, b := range g {
			if !footerShows(frameText(m), b) {
				t.Errorf("the form's footer lacks %q:\n%s", b.Help().Key, frameText(m))
			}
		}
	}
}

func TestHelpGolden(t *testing.T) {
	for _, lang := range []string{"en", "sv"} {
		t.Run(lang, func(t *testing.T) {
			m, _ := openDemo(t, lang)
			press(t, m, "?")
			goldenAt(t, m)
			if !m.stack.HelpShown() {
				t.Fatal("resizing closed the help")
			}
		})
	}
}

// requireNoSharedKeys fails when two bindings the top screen lists, or one
// of them and a global key, answer to the same key: one of them could
// never be reached.
func requireNoSharedKeys(t *testing.T, m *Model) {
	t.Helper()
	k := m.c.Keys
	// While a field has the focus, the screen has esc, q and ? itself.
	bindings := []key.Binding{k.ForceQuit}
	if !m.top().Typing() {
		bindings = append(bindings, k.Help, k.Back, k.Quit)
	}
	for _, g := range m.top().FullHelp() {
		bindings = append(bindings, g...)
	}
	owner := map[string]string{}
	for _, b := range bindings {
		if !b.Enabled() {
			continue
		}
		for _, key := range b.Keys() {
			desc := b.Help().Desc
			if prev, ok := owner[key]; ok && prev != desc {
				t.Errorf("%T: %q is both %q and %q", m.top(), key, prev, desc)
			}
			owner[key] = desc
		}
	}
}
