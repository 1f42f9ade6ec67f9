package tui

import (
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"styrka/assets"
	"styrka/model"
	"styrka/ui/styles"
)

// observer keeps the program's latest Observation for a test to wait on.
type observer struct {
	mu   sync.Mutex
	last Observation
}

func (o *observer) see(x Observation) { o.mu.Lock(); o.last = x; o.mu.Unlock() }

// waitFor waits until what the program shows meets cond: the real
// program runs its commands on its own goroutines, so a test waits for
// their effect rather than for a time.
func (o *observer) waitFor(t *testing.T, what string, cond func(Observation) bool) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		o.mu.Lock()
		x := o.last
		o.mu.Unlock()
		if cond(x) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("waited in vain for %s; the program shows %+v", what, x)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// top is the title of the screen on top.
func (x Observation) top() string {
	if len(x.Titles) == 0 {
		return ""
	}
	return x.Titles[len(x.Titles)-1]
}

// startProgram runs the UI as a real Bubble Tea program on a fresh
// database holding the demo.
func startProgram(t *testing.T, lang string) (*teatest.TestModel, *Model, *observer) {
	t.Helper()
	_, db := newTestModel(t, lang, true)
	obs := &observer{}
	m := New(Options{Store: db, Content: assets.MustBuiltin(lang), Lang: lang, Theme: styles.Dark, Author: "flow", Observe: obs.see})
	tm := teatest.NewTestModel(t, m,
		teatest.WithInitialTermSize(100, 30),
		teatest.WithProgramOptions(
			tea.WithEnvironment([]string{"TERM=xterm-256color"}),
			tea.WithColorProfile(colorprofile.Ascii),
		))
	return tm, m, obs
}

// waitText waits until the program has drawn every text. The renderer
// moves the cursor over cells that do not change, spaces included, so the
// output is compared without escape sequences and without white space.
func waitText(t *testing.T, tm *teatest.TestModel, texts ...string) {
	t.Helper()
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		s := squeeze(ansi.Strip(string(b)))
		for _, text := range texts {
			if !strings.Contains(s, squeeze(text)) {
				return false
			}
		}
		return true
	}, teatest.WithDuration(10*time.Second), teatest.WithCheckInterval(20*time.Millisecond))
}

func runeKey(code rune) tea.KeyPressMsg { return tea.KeyPressMsg{Code: code, Text: string(code)} }

func TestFlowDemoMapBriefQuit(t *testing.T) {
	tm, _, obs := startProgram(t, "en")
	waitText(t, tm, "Workshops", "Demo")
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
	obs.waitFor(t, "the demo's customers", func(x Observation) bool { return x.top() == "Demo" })
	tm.Send(runeKey('m'))
	tm.Send(runeKey('v'))
	tm.Send(tea.KeyPressMsg{Code: tea.KeyTab})
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
	obs.waitFor(t, "a brief", func(x Observation) bool { return len(x.Titles) == 4 })
	tm.Send(tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl})
	fm := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*Model)
	if _, ok := fm.top().(*briefScreen); !ok {
		t.Fatalf("the program ended on %T, want the brief", fm.top())
	}
	if fm.ws.Data() == nil || fm.ws.Data().Workshop.ID != assets.DemoID {
		t.Fatal("the demo was not open")
	}
}

// A customer added through the form, answered by keys, and a note typed
// when ctrl+c quits: every answer and the note are in the store.
func TestFlowAnswerThenQuitSavesEverything(t *testing.T) {
	tm, m, obs := startProgram(t, "sv")
	waitText(t, tm, "Demo")
	enter := tea.KeyPressMsg{Code: tea.KeyEnter}
	tm.Send(enter)
	obs.waitFor(t, "the demo's customers", func(x Observation) bool { return x.top() == "Demo" })
	tm.Send(runeKey('n'))
	obs.waitFor(t, "the customer form", func(x Observation) bool { return len(x.Titles) == 3 })
	tm.Type("Flödet AB")
	for range 5 {
		tm.Send(enter)
	}
	obs.waitFor(t, "the new customer", func(x Observation) bool {
		return len(x.Titles) == 2 && strings.Contains(x.Status, "Flödet AB")
	})
	// The new customer is selected: a answers it.
	tm.Send(runeKey('a'))
	obs.waitFor(t, "the questions", func(x Observation) bool { return x.top() == "Flödet AB" })
	tm.Send(runeKey('5'))
	tm.Send(runeKey('0'))
	obs.waitFor(t, "two answers", func(x Observation) bool { return strings.Contains(x.Status, "A 2/10") })
	// Back to the second question, and quit in the middle of its note:
	// the note is kept with the score.
	tm.Send(tea.KeyPressMsg{Code: tea.KeyPgUp})
	tm.Send(tea.KeyPressMsg{Code: tea.KeyTab})
	tm.Type("Inköp")
	tm.Send(tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl})
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))

	d, err := m.ws.Store().Load(assets.DemoID)
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]model.Answer
	for _, c := range d.Customers {
		if c.Name == "Flödet AB" {
			got = d.Answers[c.ID]
		}
	}
	if len(got) != 2 {
		t.Fatalf("%d answers saved, want 2: %v", len(got), got)
	}
	var five, dontKnow bool
	for _, a := range got {
		five = five || a.Score == 5
		dontKnow = dontKnow || (a.Score == model.DontKnow && a.Note == "Inköp")
	}
	if !five || !dontKnow {
		t.Fatalf("answers: %+v", got)
	}
}

// d then j in English deletes nothing: j is down there, and the yes key
// is y. d then y deletes, after the dialog's grace period, and u puts the
// customer back with its answers.
func TestFlowDeleteAsksAndUndoRestores(t *testing.T) {
	tm, m, obs := startProgram(t, "en")
	waitText(t, tm, "Demo")
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
	obs.waitFor(t, "the demo's customers", func(x Observation) bool { return x.top() == "Demo" })
	before, err := m.ws.Store().Load(assets.DemoID)
	if err != nil {
		t.Fatal(err)
	}
	tm.Send(runeKey('d'))
	obs.waitFor(t, "the dialog's keys", func(x Observation) bool { return x.Armed })
	tm.Send(runeKey('j'))
	tm.Send(runeKey('d')) // a key the dialog ignores, to see j has been taken
	obs.waitFor(t, "the dialog still open", func(x Observation) bool { return x.Dialog })
	if d, _ := m.ws.Store().Customers(assets.DemoID); len(d) != len(before.Customers) {
		t.Fatalf("d, j deleted: %d customers left", len(d))
	}
	tm.Send(runeKey('y'))
	obs.waitFor(t, "the undo offer", func(x Observation) bool { return !x.Dialog && strings.Contains(x.Status, "Press u to undo") })
	after, _ := m.ws.Store().Load(assets.DemoID)
	if len(after.Customers) != len(before.Customers)-1 {
		t.Fatalf("d, y left %d customers of %d", len(after.Customers), len(before.Customers))
	}
	tm.Send(runeKey('u'))
	obs.waitFor(t, "the restore", func(x Observation) bool { return strings.Contains(x.Status, "Restored the customer") })
	tm.Send(tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl})
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
	restored, err := m.ws.Store().Load(assets.DemoID)
	if err != nil {
		t.Fatal(err)
	}
	if len(restored.Customers) != len(before.Customers) {
		t.Fatalf("after u: %d customers, want %d", len(restored.Customers), len(before.Customers))
	}
	for cid, as := range before.Answers {
		if len(restored.Answers[cid]) != len(as) {
			t.Fatalf("customer %s has %d answers after u, want %d", cid, len(restored.Answers[cid]), len(as))
		}
	}
}

func squeeze(s string) string { return strings.Join(strings.Fields(s), "") }
