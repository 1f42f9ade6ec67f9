package answer

import (
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"styrka/model"
	"styrka/ui/styles"
)

func testKeys() Keys {
	b := func(keys ...string) key.Binding { return key.NewBinding(key.WithKeys(keys...)) }
	return Keys{Pick: b("1", "2", "3", "4", "5", "0"), Up: b("up", "k"), Down: b("down", "j"),
		Choose: b("enter"), Note: b("tab"), Leave: b("shift+tab")}
}

func question() model.Question {
	return model.Question{ID: "them.q", Text: "How large?", Help: "Think of all of it.",
		Anchors: [model.Levels]string{"tiny", "small", "some", "large", "huge"}}
}

func newCard(current *model.Score, note string) *Card {
	st := styles.New(styles.Dark, true)
	c := New(question(), current, note, Texts{DontKnow: "Don't know", NoteLabel: "Evidence", Placeholder: "who said it"}, testKeys(), func() *styles.Styles { return st })
	c.SetWidth(60)
	return c
}

func keyPress(k string) tea.KeyPressMsg {
	switch k {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	case "shift+tab":
		return tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}
	case "up":
		return tea.KeyPressMsg{Code: tea.KeyUp}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	}
	return tea.KeyPressMsg{Code: []rune(k)[0], Text: k}
}

func send(c *Card, keys ...string) Event {
	var ev Event
	for _, k := range keys {
		_, ev = c.Update(keyPress(k))
	}
	return ev
}

func TestNothingIsChosenUntilThePersonChooses(t *testing.T) {
	c := newCard(nil, "")
	if _, ok := c.Score(); ok || c.Highlighted() != -1 {
		t.Fatalf("a fresh card has a score or a highlight: %d", c.Highlighted())
	}
	view := ansi.Strip(c.View())
	if strings.Contains(view, "▸") || strings.Contains(view, "●") {
		t.Fatalf("a fresh card shows a choice:\n%s", view)
	}
	if ev := send(c, "enter"); ev != Skipped {
		t.Fatalf("enter on a fresh card: %v, want Skipped", ev)
	}
	if _, ok := c.Score(); ok {
		t.Fatal("enter chose a level")
	}
}

func TestPicks(t *testing.T) {
	for _, tc := range []struct {
		keys []string
		want model.Score
	}{
		{[]string{"4"}, 4},
		{[]string{"0"}, model.DontKnow},
		{[]string{"down", "enter"}, 1},
		{[]string{"up", "enter"}, model.DontKnow},
		{[]string{"down", "down", "down", "enter"}, 3},
	} {
		c := newCard(nil, "")
		if ev := send(c, tc.keys...); ev != Picked {
			t.Fatalf("%v: event %v", tc.keys, ev)
		}
		if s, ok := c.Score(); !ok || s != tc.want || !c.Picked() {
			t.Fatalf("%v: score %d (%v), want %d", tc.keys, s, ok, tc.want)
		}
	}
}

func TestAnsweredCardOpensOnItsAnswer(t *testing.T) {
	three := model.Score(3)
	c := newCard(&three, "said so")
	if c.Highlighted() != 2 || c.Note() != "said so" {
		t.Fatalf("highlight %d, note %q", c.Highlighted(), c.Note())
	}
	if !strings.Contains(ansi.Strip(c.View()), "● 3 · some") {
		t.Fatalf("the answer is not marked:\n%s", ansi.Strip(c.View()))
	}
	if ev := send(c, "enter"); ev != Kept || c.Picked() {
		t.Fatalf("enter on the answer given: %v", ev)
	}
}

func TestNote(t *testing.T) {
	c := newCard(nil, "")
	send(c, "tab")
	if !c.OnNote() {
		t.Fatal("tab did not reach the note")
	}
	// Digits are text in the note.
	send(c, "4", "2")
	if _, ok := c.Score(); ok || c.Note() != "42" {
		t.Fatalf("in the note: note %q", c.Note())
	}
	// Enter with no level: back to the levels, the note waits for one.
	if ev := send(c, "enter"); ev != NoScore || c.OnNote() {
		t.Fatalf("enter in a note without a level: %v", ev)
	}
	if ev := send(c, "5"); ev != Picked || c.Note() != "42" {
		t.Fatalf("the level after a note: %v, note %q", ev, c.Note())
	}
	// With a level, enter in the note is done; shift+tab leaves it.
	send(c, "tab", "!")
	if ev := send(c, "enter"); ev != NoteDone {
		t.Fatalf("enter in the note: %v", ev)
	}
	if s, _ := c.Score(); s != 5 {
		t.Fatalf("saving the note moved the score to %d", s)
	}
	send(c, "tab")
	if ev := send(c, "shift+tab"); ev != NoteLeft || c.OnNote() {
		t.Fatalf("shift+tab: %v", ev)
	}
}

func TestViewFitsItsWidth(t *testing.T) {
	c := newCard(nil, "")
	for _, w := range []int{20, 40, 100} {
		c.SetWidth(w)
		for _, l := range strings.Split(c.View(), "\n") {
			if ansi.StringWidth(l) > w {
				t.Fatalf("at %d a line is %d wide: %q", w, ansi.StringWidth(l), ansi.Strip(l))
			}
		}
	}
}
