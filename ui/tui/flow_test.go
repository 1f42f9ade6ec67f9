package tui

import (
	"strings"
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

// startProgram runs the UI as a real Bubble Tea program on a fresh
// database holding the demo.
func startProgram(t *testing.T, lang string) (*teatest.TestModel, *Model) {
	t.Helper()
	_, db := newTestModel(t, lang, true)
	m := New(Options{Store: db, Content: assets.MustBuiltin(lang), Lang: lang, Theme: styles.Dark, Author: "flow"})
	tm := teatest.NewTestModel(t, m,
		teatest.WithInitialTermSize(100, 30),
		teatest.WithProgramOptions(
			tea.WithEnvironment([]string{"TERM=xterm-256color"}),
			tea.WithColorProfile(colorprofile.Ascii),
		))
	return tm, m
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
	tm, _ := startProgram(t, "en")
	waitText(t, tm, "Workshops", "Demo")
	for _, msg := range []tea.Msg{
		tea.KeyPressMsg{Code: tea.KeyEnter}, runeKey('m'), runeKey('v'),
		tea.KeyPressMsg{Code: tea.KeyTab}, tea.KeyPressMsg{Code: tea.KeyEnter},
	} {
		tm.Send(msg)
		time.Sleep(300 * time.Millisecond)
	}
	tm.Send(tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl})
	fm := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*Model)
	if _, ok := fm.top().(*brief); !ok {
		t.Fatalf("the program ended on %T, want the brief", fm.top())
	}
	if fm.c.Data == nil || fm.c.Data.Workshop.ID != assets.DemoID {
		t.Fatal("the demo was not open")
	}
}

func TestFlowAnswerThenQuitSavesEverything(t *testing.T) {
	tm, m := startProgram(t, "sv")
	// Only the first frame is drawn whole; later frames redraw just the
	// cells that change, so their text cannot be waited for in the output.
	// The steps wait as a person would instead, and the store is checked
	// at the end.
	waitText(t, tm, "Demo")
	step := func(msgs ...tea.Msg) {
		for _, msg := range msgs {
			tm.Send(msg)
			time.Sleep(300 * time.Millisecond)
		}
		time.Sleep(time.Second)
	}
	enter := tea.KeyPressMsg{Code: tea.KeyEnter}
	step(enter)
	step(runeKey('n'))
	tm.Type("Flödet AB")
	step(enter, enter, enter, enter, enter)
	step(runeKey('G'), runeKey('a'))
	step(runeKey('5'))
	step(enter)
	step(runeKey('0'))
	tm.Type("Inköp")
	time.Sleep(500 * time.Millisecond)
	// Quit in the middle of the note: the score and the note are kept.
	tm.Send(tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl})
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))

	d, err := m.c.Store.Load(assets.DemoID)
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

func squeeze(s string) string { return strings.Join(strings.Fields(s), "") }
