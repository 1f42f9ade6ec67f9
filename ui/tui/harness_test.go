package tui

import (
	"flag"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"charm.land/bubbles/v2/cursor"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"styrka/assets"
	"styrka/store"
	"styrka/ui/screen"
	"styrka/ui/styles"
)

var _ = flag.Bool // golden's -update flag is registered by the golden package

// testSizes are the sizes every screen's golden is taken at.
var testSizes = []struct {
	name string
	w, h int
}{{"80x24", 80, 24}, {"120x40", 120, 40}, {"200x55", 200, 55}, {"tiny", 30, 10}}

// newTestModel opens a fresh database in a temporary folder, with the demo
// workshop in it when demo is true, and builds the UI on it at 80×24.
func newTestModel(t testing.TB, lang string, demo bool) (*Model, *store.DB) {
	t.Helper()
	db, err := store.Open(filepath.Join(t.TempDir(), "styrka.db"), store.Options{NoAutoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if errs := db.Check(); len(errs) > 0 {
			t.Errorf("database check after the test: %v", errs)
		}
		db.Close()
	})
	if demo {
		ds, err := assets.DemoDataset(lang)
		if err != nil {
			t.Fatal(err)
		}
		if err := db.Import(ds, false); err != nil {
			t.Fatal(err)
		}
	}
	clock := &testClock{now: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}
	m := New(Options{Store: db, Content: assets.MustBuiltin(lang), Lang: lang, Theme: styles.Dark, Author: "test",
		Stack: screen.Options{Now: clock.Now, Grace: time.Millisecond, Skip: isBlink}})
	clocks[m] = clock
	t.Cleanup(func() { delete(clocks, m) })
	drive(t, m, m.Init(), tea.WindowSizeMsg{Width: 80, Height: 24})
	return m, db
}

// drive feeds messages and commands to the model and runs every command
// they return, synchronously, until none is left. A command that does not
// return within a short time (a cursor blink, a tick) is dropped.
func drive(t testing.TB, m *Model, items ...any) {
	t.Helper()
	queue := append([]any(nil), items...)
	for steps := 0; len(queue) > 0; steps++ {
		if steps > 10000 {
			t.Fatal("drive: commands do not settle")
		}
		item := queue[0]
		queue = queue[1:]
		switch x := item.(type) {
		case nil:
		case tea.Cmd:
			if x == nil {
				continue
			}
			if msg, ok := runCmd(x); ok {
				queue = append(queue, msg)
			}
		case tea.BatchMsg:
			for _, c := range x {
				queue = append(queue, c)
			}
		case tea.QuitMsg:
		default:
			if cmds, ok := sequence(x); ok {
				for _, c := range cmds {
					queue = append(queue, c)
				}
				continue
			}
			_, cmd := m.Update(x)
			queue = append(queue, cmd)
		}
	}
}

// sequence unpacks tea.Sequence's message, whose type is not exported.
func sequence(msg any) ([]tea.Cmd, bool) {
	v := reflect.ValueOf(msg)
	if v.Kind() != reflect.Slice || v.Type().Elem() != reflect.TypeOf(tea.Cmd(nil)) {
		return nil, false
	}
	out := make([]tea.Cmd, v.Len())
	for i := range out {
		out[i] = v.Index(i).Interface().(tea.Cmd)
	}
	return out, true
}

func runCmd(c tea.Cmd) (tea.Msg, bool) {
	if reflect.ValueOf(c).Pointer() == blinkPC {
		// A cursor blink waits half a second and only toggles the cursor.
		return nil, false
	}
	ch := make(chan tea.Msg, 1)
	go func() { ch <- c() }()
	select {
	case msg := <-ch:
		return msg, msg != nil
	case <-time.After(cmdTimeout):
		return nil, false
	}
}

// isBlink is a cursor's blink command, which the stack drops in tests.
func isBlink(c tea.Cmd) bool { return reflect.ValueOf(c).Pointer() == blinkPC }

// blinkPC identifies the cursor's blink command: every blink is a closure
// of the same function literal, so they share its code pointer.
var blinkPC = func() uintptr {
	c := cursor.New()
	return reflect.ValueOf(c.Focus()).Pointer()
}()

// cmdTimeout bounds a command that never returns; with blinks skipped,
// every command of the UI returns at once, so this only guards against a
// hang (a loaded machine can take long over an fsync).
const cmdTimeout = 5 * time.Second

// press types keys: names such as "enter", "esc", "ctrl+c", "down", or
// text, one rune at a time.
func press(t testing.TB, m *Model, keys ...string) {
	t.Helper()
	for _, k := range keys {
		if c := clocks[m]; c != nil {
			c.Advance(time.Second)
		}
		drive(t, m, keyMsg(k))
	}
}

func keyMsg(k string) tea.KeyPressMsg {
	special := map[string]rune{
		"enter": tea.KeyEnter, "esc": tea.KeyEscape, "tab": tea.KeyTab, "up": tea.KeyUp, "down": tea.KeyDown,
		"left": tea.KeyLeft, "right": tea.KeyRight, "pgup": tea.KeyPgUp, "pgdown": tea.KeyPgDown,
		"home": tea.KeyHome, "end": tea.KeyEnd, "backspace": tea.KeyBackspace, "space": tea.KeySpace,
	}
	if r, ok := special[k]; ok {
		return tea.KeyPressMsg{Code: r}
	}
	if rest, ok := strings.CutPrefix(k, "ctrl+"); ok {
		return tea.KeyPressMsg{Code: []rune(rest)[0], Mod: tea.ModCtrl}
	}
	if k == "shift+tab" {
		return tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}
	}
	r := []rune(k)
	if len(r) == 1 {
		return tea.KeyPressMsg{Code: r[0], Text: k}
	}
	panic("keyMsg: unknown key " + k)
}

// toTop is msg addressed to the screen on top, as if its own command had
// returned it.
func toTop(m *Model, msg tea.Msg) screen.Addressed {
	return screen.Addressed{To: m.stack.TopID(), Msg: msg}
}

// typeText types text rune by rune.
func typeText(t *testing.T, m *Model, text string) {
	t.Helper()
	for _, r := range text {
		drive(t, m, tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

// screen is the plain text of the current frame.
func frameText(m *Model) string { return ansi.Strip(m.stack.View()) }

// statusText is the status line's text.
func (m *Model) statusText() string { t, _ := m.stack.StatusText(); return t }

// statusIsErr reports whether the status line shows an error.
func (m *Model) statusIsErr() bool { _, e := m.stack.StatusText(); return e }

// testClock is the stack's clock in tests: it moves only when a test
// moves it, and press moves it a second per key, as a person types.
type testClock struct{ now time.Time }

func (c *testClock) Now() time.Time          { return c.now }
func (c *testClock) Advance(d time.Duration) { c.now = c.now.Add(d) }

// clocks holds each test model's clock.
var clocks = map[*Model]*testClock{}

// resize sets the window size.
func resize(t *testing.T, m *Model, w, h int) { drive(t, m, tea.WindowSizeMsg{Width: w, Height: h}) }

// requireFits fails when any line of the frame is wider than the window or
// the frame has more lines than the window.
func requireFits(t *testing.T, m *Model) {
	t.Helper()
	frame := m.stack.View()
	lines := strings.Split(frame, "\n")
	width, height := m.stack.Size()
	if len(lines) > height {
		t.Fatalf("frame has %d lines, the window %d", len(lines), height)
	}
	for i, l := range lines {
		if w := ansi.StringWidth(l); w > width {
			t.Fatalf("line %d is %d wide in a %d-wide window: %q", i, w, width, ansi.Strip(l))
		}
	}
}

// goldenAt checks the current screen at every test size against its
// golden file, and that it fits.
func goldenAt(t *testing.T, m *Model) {
	t.Helper()
	for _, s := range testSizes {
		t.Run(s.name, func(t *testing.T) {
			resize(t, m, s.w, s.h)
			requireFits(t, m)
			golden.RequireEqual(t, frameText(m))
		})
	}
	resize(t, m, 80, 24)
}

// screenSkipBlinks is the stack's options for a model built outside
// newTestModel.
func screenSkipBlinks() screen.Options { return screen.Options{Skip: isBlink} }
