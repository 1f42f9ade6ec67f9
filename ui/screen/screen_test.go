package screen

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"styrka/ui/styles"
)

// probe is a screen that records what it is given.
type probe struct {
	name  string
	got   []tea.Msg
	cmd   tea.Cmd // returned from the next Update
	w, h  int
	typed bool
}

type doneMsg struct{ from string }

func (p *probe) Init() tea.Cmd { return nil }
func (p *probe) Update(msg tea.Msg) (Screen, tea.Cmd) {
	p.got = append(p.got, msg)
	cmd := p.cmd
	p.cmd = nil
	return p, cmd
}
func (p *probe) View() string              { return "screen " + p.name }
func (p *probe) SetSize(w, h int)          { p.w, p.h = w, h }
func (p *probe) Title() string             { return p.name }
func (p *probe) ShortHelp() []key.Binding  { return []key.Binding{bind("x", "do x")} }
func (p *probe) FullHelp() [][]key.Binding { return [][]key.Binding{p.ShortHelp()} }
func (p *probe) Typing() bool              { return p.typed }

func (p *probe) count(want tea.Msg) int {
	n := 0
	for _, m := range p.got {
		if reflect.DeepEqual(m, want) {
			n++
		}
	}
	return n
}

func bind(k, desc string) key.Binding {
	return key.NewBinding(key.WithKeys(k), key.WithHelp(k, desc))
}

type clock struct{ now time.Time }

func (c *clock) Now() time.Time { return c.now }

func testKeys(yes string) Keys {
	return Keys{Help: bind("?", "help"), Quit: bind("q", "quit"), Back: bind("esc", "back"),
		ForceQuit: bind("ctrl+c", "quit from anywhere"), Yes: bind(yes, "yes"), No: key.NewBinding(key.WithKeys("n", "esc"), key.WithHelp("n", "no"))}
}

func texts(k string, args ...any) string {
	if k == "tui.confirm.wait" {
		return "wait"
	}
	return k
}

func newTestStack(root Screen, c *clock) *Stack {
	s := NewStack(Options{Keys: testKeys("y"), Texts: texts, Brand: "styrka", MinWidth: 20, MinHeight: 8, Now: c.Now}, styles.New(styles.Dark, true), root)
	s.Update(tea.WindowSizeMsg{Width: 60, Height: 20})
	return s
}

// run runs a command and everything it leads to through the stack, the
// way Bubble Tea would, synchronously.
func run(t *testing.T, s *Stack, cmd tea.Cmd) {
	t.Helper()
	queue := []tea.Cmd{cmd}
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		msg := c()
		if b, ok := msg.(tea.BatchMsg); ok {
			queue = append(queue, b...)
			continue
		}
		if v := reflect.ValueOf(msg); msg != nil && v.Kind() == reflect.Slice && v.Type().Elem() == cmdType {
			for i := range v.Len() {
				queue = append(queue, v.Index(i).Interface().(tea.Cmd))
			}
			continue
		}
		if msg == nil {
			continue
		}
		if _, ok := msg.(armMsg); ok {
			s.Update(msg)
			continue
		}
		next, _ := s.Update(msg)
		queue = append(queue, next)
	}
}

func press(t *testing.T, s *Stack, k string) {
	t.Helper()
	var msg tea.KeyPressMsg
	switch k {
	case "esc":
		msg = tea.KeyPressMsg{Code: tea.KeyEscape}
	case "enter":
		msg = tea.KeyPressMsg{Code: tea.KeyEnter}
	default:
		msg = tea.KeyPressMsg{Code: []rune(k)[0], Text: k}
	}
	cmd, _ := s.Update(msg)
	run(t, s, cmd)
}

func TestAddressKeepsBatchesAndSequences(t *testing.T) {
	a := func() tea.Msg { return doneMsg{"a"} }
	b := func() tea.Msg { return doneMsg{"b"} }
	for name, cmd := range map[string]tea.Cmd{"batch": tea.Batch(a, b), "sequence": tea.Sequence(a, b)} {
		t.Run(name, func(t *testing.T) {
			msg := Address(7, cmd)()
			kind := reflect.TypeOf(cmd()).String()
			if got := reflect.TypeOf(msg).String(); got != kind {
				t.Fatalf("the %s came back as %s, want %s", name, got, kind)
			}
			v := reflect.ValueOf(msg)
			for i := range v.Len() {
				inner := v.Index(i).Interface().(tea.Cmd)()
				ad, ok := inner.(Addressed)
				if !ok || ad.To != 7 {
					t.Fatalf("item %d came back as %#v", i, inner)
				}
			}
		})
	}
	if Address(1, tea.Quit)() != (tea.QuitMsg{}) {
		t.Fatal("quitting was addressed to a screen")
	}
	if Address(1, nil) != nil {
		t.Fatal("a nil command was wrapped")
	}
}

// A command's result reaches the screen that issued it and no other;
// a result for a screen that has closed reaches nobody.
func TestResultsReachOnlyTheirScreen(t *testing.T) {
	c := &clock{now: time.Unix(0, 0)}
	root := &probe{name: "root"}
	s := newTestStack(root, c)
	top := &probe{name: "top"}
	run(t, s, s.Push(top))
	top.cmd = func() tea.Msg { return doneMsg{"top"} }
	press(t, s, "x")
	if top.count(doneMsg{"top"}) != 1 || root.count(doneMsg{"top"}) != 0 {
		t.Fatalf("top got %d, root %d", top.count(doneMsg{"top"}), root.count(doneMsg{"top"}))
	}
	// A result addressed to a screen that is gone is dropped.
	late := Addressed{To: s.TopID(), Msg: doneMsg{"late"}}
	press(t, s, "esc")
	if s.Top() != Screen(root) {
		t.Fatal("esc did not go back")
	}
	run(t, s, func() tea.Msg { return late })
	if root.count(doneMsg{"late"}) != 0 || top.count(doneMsg{"late"}) != 0 {
		t.Fatal("a closed screen's result reached a screen")
	}
	if root.count(DataChanged{Top: true, Shown: true}) != 1 {
		t.Fatalf("the screen shown again was not told: %v", root.got)
	}
	// DataChanged reaches every screen, Top only the top one.
	run(t, s, s.Push(top))
	run(t, s, s.Broadcast(true))
	if root.count(DataChanged{Team: true}) != 1 || top.count(DataChanged{Top: true, Team: true}) != 1 {
		t.Fatalf("broadcast: root %v, top %v", root.got, top.got)
	}
	// Unaddressed messages the stack does not know are not given to screens.
	before := len(top.got)
	if _, handled := s.Update(doneMsg{"stray"}); handled || len(top.got) != before {
		t.Fatal("an unaddressed message reached a screen")
	}
}

// Only the screen on top can go back.
func TestPopFromBelowIsIgnored(t *testing.T) {
	c := &clock{now: time.Unix(0, 0)}
	root := &probe{name: "root"}
	s := newTestStack(root, c)
	run(t, s, s.Push(&probe{name: "top"}))
	run(t, s, func() tea.Msg { return Addressed{To: 1, Msg: PopMsg{}} })
	if s.Len() != 2 {
		t.Fatal("the screen below popped the one on top")
	}
}

func TestConfirmGraceDefaultAndLanguage(t *testing.T) {
	c := &clock{now: time.Unix(0, 0)}
	root := &probe{name: "root"}
	s := newTestStack(root, c)
	yes := 0
	ask := func() {
		root.cmd = Ask(NewConfirm("Delete it?", func() tea.Msg { yes++; return nil }))
		press(t, s, "x")
		if s.Dialog() == nil {
			t.Fatal("no dialog")
		}
	}
	ask()
	// Within the grace period every key is ignored.
	c.now = c.now.Add(100 * time.Millisecond)
	press(t, s, "y")
	if yes != 0 || s.Dialog() == nil {
		t.Fatal("a key in the grace period answered the dialog")
	}
	frame := ansi.Strip(s.View())
	if !strings.Contains(frame, "Delete it?") || !strings.Contains(frame, "wait") || !strings.Contains(frame, "screen root") {
		t.Fatalf("the dialog is not drawn over the screen, waiting:\n%s", frame)
	}
	c.now = c.now.Add(time.Second)
	// enter is no: the default keeps everything.
	press(t, s, "enter")
	if yes != 0 || s.Dialog() != nil {
		t.Fatal("enter said yes")
	}
	ask()
	c.now = c.now.Add(time.Second)
	press(t, s, "j")
	if yes != 0 || s.Dialog() == nil {
		t.Fatal("j answered an English dialog")
	}
	press(t, s, "y")
	if yes != 1 || s.Dialog() != nil {
		t.Fatalf("y: %d yes, dialog open %v", yes, s.Dialog() != nil)
	}
}

func TestFooterKeepsHelpAndBack(t *testing.T) {
	c := &clock{now: time.Unix(0, 0)}
	s := newTestStack(&probe{name: "root"}, c)
	many := &manyKeys{probe: probe{name: "many"}}
	run(t, s, s.Push(many))
	for _, w := range []int{30, 60, 200} {
		s.Update(tea.WindowSizeMsg{Width: w, Height: 20})
		lines := strings.Split(ansi.Strip(s.View()), "\n")
		footer := lines[len(lines)-1]
		if ansi.StringWidth(footer) > w || !strings.Contains(footer, "? help") || !strings.Contains(footer, "q back") {
			t.Fatalf("at %d columns the footer is %q", w, footer)
		}
		for _, l := range lines {
			if ansi.StringWidth(l) > w {
				t.Fatalf("a line is wider than %d: %q", w, l)
			}
		}
	}
}

type manyKeys struct{ probe }

func (m *manyKeys) ShortHelp() []key.Binding {
	var out []key.Binding
	for _, k := range "abcdefghij" {
		out = append(out, bind(string(k), "does something long"))
	}
	return out
}

func TestTableSizesColumnsByContent(t *testing.T) {
	st := styles.New(styles.Dark, true)
	tb := Table{Styles: func() *styles.Styles { return st }, Cols: []Column{
		{Title: "Name"}, {Title: "Class", Width: 30}, {Title: "P", Width: 2},
	}}
	tb.SetRows([]Row{{Cells: []string{"Acme", "Strategic partner", "P1"}}})
	tb.SetSize(120, 5)
	ws := tb.Widths()
	if ws[1] != len("Strategic partner") || ws[2] != 2 || ws[0] < 60 {
		t.Fatalf("widths %v", ws)
	}
	if !strings.Contains(ansi.Strip(tb.View()), "Strategic partner") {
		t.Fatal("a class name was cut while the name column has room")
	}
	// Narrow: columns on the right go before the name is squeezed.
	tb.SetSize(30, 5)
	if ws := tb.Widths(); ws[0] < MinFlex-2 || ws[2] != 0 {
		t.Fatalf("narrow widths %v", ws)
	}
}

func TestWritesKeepOrder(t *testing.T) {
	var q Writes
	var order []int
	release := make(chan struct{})
	first := q.Then(func() tea.Msg { <-release; order = append(order, 1); return nil })
	second := q.Then(func() tea.Msg { order = append(order, 2); return nil })
	done := make(chan struct{})
	go func() { second(); close(done) }()
	go first()
	close(release)
	<-done
	if !reflect.DeepEqual(order, []int{1, 2}) {
		t.Fatalf("writes ran as %v", order)
	}
	// A command joined with Later and never run holds nothing up.
	_ = q.Later(func() tea.Msg { return nil })
	ran := false
	q.Then(func() tea.Msg { ran = true; return nil })()
	if !ran {
		t.Fatal("a write after an unrun Later did not run")
	}
}

// Whatever a screen draws, only styling sequences reach the terminal: an
// OSC 8 link or a title change in a name is taken out.
func TestViewLetsOnlyStylingThrough(t *testing.T) {
	c := &clock{now: time.Unix(0, 0)}
	hostile := &hostileScreen{probe: probe{name: "x\x1b]2;owned\x07"}}
	s := newTestStack(hostile, c)
	out := s.View()
	for _, bad := range []string{"\x1b]8;", "\x1b]2;", "\x07"} {
		if strings.Contains(out, bad) {
			t.Fatalf("%q reached the terminal", bad)
		}
	}
	if !strings.Contains(ansi.Strip(out), "click me") {
		t.Fatalf("the text itself is gone:\n%s", ansi.Strip(out))
	}
	tb := Table{Styles: func() *styles.Styles { return styles.New(styles.Dark, true) }, Cols: []Column{{Title: "Name"}}}
	tb.SetRows([]Row{{Cells: []string{"Acme\x1b[31m AB\u200b"}}})
	if got := tb.Rows[0].Cells[0]; got != "Acme AB" {
		t.Fatalf("a cell kept %q", got)
	}
}

type hostileScreen struct{ probe }

func (h *hostileScreen) View() string {
	return "\x1b]8;;https://example.invalid\x07click me\x1b]8;;\x07"
}

// While a field has the focus, q and ? are text: the footer offers neither.
func TestFooterWhileTyping(t *testing.T) {
	c := &clock{now: time.Unix(0, 0)}
	s := newTestStack(&probe{name: "root", typed: true}, c)
	lines := strings.Split(ansi.Strip(s.View()), "\n")
	if footer := lines[len(lines)-1]; strings.Contains(footer, "q quit") || strings.Contains(footer, "? help") {
		t.Fatalf("the footer of a field offers q or ?: %q", footer)
	}
	press(t, s, "q")
	if s.Quitting() {
		t.Fatal("q in a field quit")
	}
}
