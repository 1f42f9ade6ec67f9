package screen

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"styrka/model"
	"styrka/ui/styles"
)

// Keys are the bindings the stack itself answers to.
type Keys struct {
	// Help opens and closes the help page.
	Help key.Binding
	// Quit quits on the first screen and goes back on the others.
	Quit key.Binding
	// Back goes back (esc), unless the screen uses it.
	Back key.Binding
	// ForceQuit quits from anywhere, after saving what a screen holds.
	ForceQuit key.Binding
	// Yes and No answer a confirm dialog; Yes is the language's own key.
	Yes, No key.Binding
}

// Texts translates the stack's own texts: tui.toosmall, tui.help.title,
// tui.help.close, tui.confirm.wait, key.yes, key.no, key.yes.key.
type Texts func(key string, args ...any) string

// Options configure a stack.
type Options struct {
	Keys  Keys
	Texts Texts
	// Brand is the name at the left of the header.
	Brand string
	// MinWidth and MinHeight are the smallest window the stack draws in;
	// below it the too-small page says how large it must be.
	MinWidth, MinHeight int
	// HeaderRight is drawn at the right of the header, or nil.
	HeaderRight func() string
	// Now is the clock (time.Now when nil), a seam for tests.
	Now func() time.Time
	// OnQuit returns what must finish before the program ends (the
	// writes under way), or nil.
	OnQuit func() tea.Cmd
	// Skip, when set, drops the screens' commands it picks (tests drop
	// cursor blinks, which would never settle).
	Skip func(tea.Cmd) bool
	// Grace is how long a dialog ignores keys after it opens, so that a
	// key typed just before does not answer it (DefaultGrace when 0).
	Grace time.Duration
}

// DefaultGrace is a dialog's grace period.
const DefaultGrace = 400 * time.Millisecond

type entry struct {
	id ID
	s  Screen
}

// Stack shows the top one of a stack of screens with a header, a status
// line and a footer, and answers the global keys.
type Stack struct {
	o       Options
	st      *styles.Styles
	screens []entry
	next    ID
	width   int
	height  int
	help    help.Model

	showHelp  bool
	status    string
	statusErr bool
	dialog    *Confirm
	quitting  bool
}

// NewStack makes a stack whose first screen is root.
func NewStack(o Options, st *styles.Styles, root Screen) *Stack {
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Grace == 0 {
		o.Grace = DefaultGrace
	}
	s := &Stack{o: o, help: help.New()}
	s.SetStyles(st)
	s.screens = []entry{{id: s.newID(), s: root}}
	return s
}

// address addresses cmd to screen id, leaving out what Options.Skip
// picks.
func (s *Stack) address(id ID, cmd tea.Cmd) tea.Cmd { return address(id, cmd, s.o.Skip) }

func (s *Stack) newID() ID { s.next++; return s.next }

// SetStyles changes the look (after the terminal said its background).
func (s *Stack) SetStyles(st *styles.Styles) {
	s.st = st
	s.help.Styles.ShortKey = st.Key
	s.help.Styles.ShortDesc = st.KeyDesc
	s.help.Styles.ShortSeparator = st.Muted
	s.help.Styles.FullKey = st.Key
	s.help.Styles.FullDesc = st.KeyDesc
	s.help.Styles.FullSeparator = st.Muted
	s.help.Styles.Ellipsis = st.Muted
}

// SetKeys changes the stack's own keys (after the user chose another
// language, whose help texts they carry).
func (s *Stack) SetKeys(k Keys) { s.o.Keys = k }

// Styles is the look in use.
func (s *Stack) Styles() *styles.Styles { return s.st }

// Top is the screen shown.
func (s *Stack) Top() Screen { return s.screens[len(s.screens)-1].s }

// TopID is the ID of the screen shown.
func (s *Stack) TopID() ID { return s.screens[len(s.screens)-1].id }

// Len is the number of screens on the stack.
func (s *Stack) Len() int { return len(s.screens) }

// Screens lists the screens from the bottom up.
func (s *Stack) Screens() []Screen {
	out := make([]Screen, len(s.screens))
	for i, e := range s.screens {
		out[i] = e.s
	}
	return out
}

// Dialog is the open confirm dialog, or nil.
func (s *Stack) Dialog() *Confirm { return s.dialog }

// CloseDialog closes the open dialog without an answer (what it asked
// about was settled elsewhere).
func (s *Stack) CloseDialog() { s.dialog = nil }

// HelpShown reports whether the help page is open.
func (s *Stack) HelpShown() bool { return s.showHelp }

// Quitting reports whether the program is ending.
func (s *Stack) Quitting() bool { return s.quitting }

// StatusText is the status line's text and whether it is an error.
func (s *Stack) StatusText() (string, bool) { return s.status, s.statusErr }

// SetStatus shows a message in the status line until the next key.
func (s *Stack) SetStatus(text string, isErr bool) { s.status, s.statusErr = text, isErr }

// Size is the window's size.
func (s *Stack) Size() (int, int) { return s.width, s.height }

// BodySize is the room screens get: the window less the header, status
// and footer lines.
func (s *Stack) BodySize() (int, int) { return s.width, max(s.height-3, 1) }

// TooSmall reports whether the window is below the smallest size.
func (s *Stack) TooSmall() bool { return s.width < s.o.MinWidth || s.height < s.o.MinHeight }

// Init starts the first screen.
func (s *Stack) Init() tea.Cmd {
	e := s.screens[len(s.screens)-1]
	return s.address(e.id, e.s.Init())
}

// update gives a message to the screen at index i and addresses what it
// returns.
func (s *Stack) update(i int, msg tea.Msg) tea.Cmd {
	e := &s.screens[i]
	var cmd tea.Cmd
	e.s, cmd = e.s.Update(msg)
	return s.address(e.id, cmd)
}

// Broadcast tells every screen that the data changed.
func (s *Stack) Broadcast(team bool) tea.Cmd {
	var cmds []tea.Cmd
	for i := range s.screens {
		cmds = append(cmds, s.update(i, DataChanged{Top: i == len(s.screens)-1, Team: team}))
	}
	return tea.Batch(cmds...)
}

// BroadcastMsg gives msg to every screen (a terminal's background colour,
// which forms need).
func (s *Stack) BroadcastMsg(msg tea.Msg) tea.Cmd {
	var cmds []tea.Cmd
	for i := range s.screens {
		cmds = append(cmds, s.update(i, msg))
	}
	return tea.Batch(cmds...)
}

// UpdateTop gives msg to the screen shown.
func (s *Stack) UpdateTop(msg tea.Msg) tea.Cmd { return s.update(len(s.screens)-1, msg) }

// index is the place of the screen with id on the stack, or -1.
func (s *Stack) index(id ID) int {
	for i, e := range s.screens {
		if e.id == id {
			return i
		}
	}
	return -1
}

// Update handles the stack's messages: the window's size, keys, pastes,
// and results addressed to a screen. handled is false for what it does
// not know, which the program may handle itself.
func (s *Stack) Update(msg tea.Msg) (cmd tea.Cmd, handled bool) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		s.width, s.height = msg.Width, msg.Height
		w, h := s.BodySize()
		for _, e := range s.screens {
			e.s.SetSize(w, h)
		}
		return nil, true
	case tea.KeyPressMsg:
		return s.key(msg), true
	case tea.PasteMsg:
		if s.dialog != nil || s.showHelp {
			return nil, true
		}
		return s.UpdateTop(msg), true
	case Addressed:
		return s.deliver(msg), true
	case PushMsg, PopMsg, ReplaceMsg, StatusMsg:
		// The program's own commands may move the stack too; they act on
		// the screen on top.
		return s.deliver(Addressed{To: s.TopID(), Msg: msg}), true
	case ConfirmMsg:
		// A dialog the program opened answers to the program (ID 0).
		return s.open(msg.Dialog, 0), true
	case armMsg:
		if msg.d == s.dialog {
			s.arm()
		}
		return nil, true
	}
	return nil, false
}

// deliver takes a result addressed to a screen: the stack's own messages
// act on the stack, the rest reach that screen only, if it is still open.
func (s *Stack) deliver(a Addressed) tea.Cmd {
	switch msg := a.Msg.(type) {
	case PushMsg:
		return s.Push(msg.Screen)
	case ReplaceMsg:
		if i := s.index(a.To); i >= 0 {
			return s.replace(i, msg.Screen)
		}
		return nil
	case PopMsg:
		// Only the screen on top, or one above it that is gone, goes back;
		// a screen below has no say.
		if s.index(a.To) == len(s.screens)-1 {
			return s.Back()
		}
		return nil
	case StatusMsg:
		s.SetStatus(msg.Text, msg.Err)
		return nil
	case ConfirmMsg:
		return s.open(msg.Dialog, a.To)
	}
	i := s.index(a.To)
	if i < 0 {
		return nil
	}
	return s.update(i, a.Msg)
}

// Push opens a screen on top.
func (s *Stack) Push(sc Screen) tea.Cmd {
	w, h := s.BodySize()
	sc.SetSize(w, h)
	id := s.newID()
	s.screens = append(s.screens, entry{id: id, s: sc})
	s.showHelp = false
	return s.address(id, sc.Init())
}

func (s *Stack) replace(i int, sc Screen) tea.Cmd {
	w, h := s.BodySize()
	sc.SetSize(w, h)
	id := s.newID()
	s.screens[i] = entry{id: id, s: sc}
	return s.address(id, sc.Init())
}

// Reset makes sc the only screen.
func (s *Stack) Reset(sc Screen) tea.Cmd {
	s.screens = s.screens[:0]
	s.dialog = nil
	return s.Push(sc)
}

// Back closes the top screen, saving what it holds, and tells the one
// below that it is shown again.
func (s *Stack) Back() tea.Cmd {
	if len(s.screens) <= 1 {
		return nil
	}
	var flush tea.Cmd
	if f, ok := s.Top().(Flusher); ok {
		flush = s.address(s.TopID(), f.Flush())
	}
	s.screens = s.screens[:len(s.screens)-1]
	s.showHelp = false
	s.dialog = nil
	cmd := s.UpdateTop(DataChanged{Top: true, Shown: true})
	return tea.Sequence(flush, cmd)
}

// Quit saves whatever the top screen holds, then ends the program.
func (s *Stack) Quit() tea.Cmd {
	s.quitting = true
	var flush, wait tea.Cmd
	if f, ok := s.Top().(Flusher); ok {
		flush = s.address(s.TopID(), f.Flush())
	}
	if s.o.OnQuit != nil {
		wait = s.o.OnQuit()
	}
	return tea.Sequence(flush, wait, tea.Quit)
}

func (s *Stack) key(msg tea.KeyPressMsg) tea.Cmd {
	k := s.o.Keys
	if key.Matches(msg, k.ForceQuit) {
		return s.Quit()
	}
	if s.dialog != nil {
		return s.dialogKey(msg)
	}
	// Any key clears a message from before.
	s.status = ""
	if s.showHelp {
		if key.Matches(msg, k.Help, k.Back, k.Quit) {
			s.showHelp = false
		}
		return nil
	}
	if s.TooSmall() {
		if key.Matches(msg, k.Quit) {
			return s.Quit()
		}
		return nil
	}
	if !s.Top().Typing() {
		switch {
		case key.Matches(msg, k.Help):
			s.showHelp = true
			return nil
		case key.Matches(msg, k.Quit):
			if len(s.screens) == 1 {
				return s.Quit()
			}
			return s.Back()
		case key.Matches(msg, k.Back) && len(s.screens) > 1:
			if h, ok := s.Top().(EscHandler); !ok || !h.HandlesEsc() {
				return s.Back()
			}
		}
	}
	return s.UpdateTop(msg)
}

// View draws the header, the top screen (or the help page) with any
// dialog over it, the status line and the footer, never wider or taller
// than the window.
func (s *Stack) View() string {
	if s.width == 0 || s.height == 0 || s.quitting {
		return ""
	}
	st := s.st
	if s.TooSmall() {
		msg := s.o.Texts("tui.toosmall", s.o.MinWidth, s.o.MinHeight, s.width, s.height)
		msg = ansi.Wordwrap(msg, max(s.width-2, 1), "")
		return model.SafeStyled(Fit(PlaceCenter(s.width, s.height, st.Warning.Render(msg)), s.width, s.height))
	}
	w, h := s.BodySize()
	var body string
	if s.showHelp {
		body = s.helpPage(w, h)
	} else {
		body = Fit(s.Top().View(), w, h)
		if s.dialog != nil {
			body = s.dialog.over(s, body, w, h)
		}
	}
	var b strings.Builder
	b.WriteString(s.header())
	b.WriteByte('\n')
	b.WriteString(Fit(body, w, h))
	b.WriteByte('\n')
	b.WriteString(s.statusLine())
	b.WriteByte('\n')
	b.WriteString(s.footer())
	// The last guard: of every escape sequence, only styrka's own styling
	// reaches the terminal, whatever a name, a note or a content file held
	// (an OSC 8 link from content included).
	return model.SafeStyled(b.String())
}

func (s *Stack) header() string {
	st := s.st
	var crumbs []string
	for _, e := range s.screens {
		if t := e.s.Title(); t != "" {
			crumbs = append(crumbs, t)
		}
	}
	left := st.Header.Render(s.o.Brand)
	right := ""
	if s.o.HeaderRight != nil {
		right = s.o.HeaderRight()
	}
	lw := ansi.StringWidth(left)
	room := s.width - lw
	trail := ""
	if len(crumbs) > 0 {
		trail = " " + strings.Join(crumbs, " › ")
	}
	if right != "" {
		right = Truncate(right, max(room-2, 0))
	}
	line := Spread(st.Title.Render(trail), st.Muted.Render(right), max(room, 0))
	return left + line
}

func (s *Stack) statusLine() string {
	if s.status == "" {
		return ""
	}
	st := s.st.Status
	if s.statusErr {
		st = s.st.Error
	}
	return st.Render(Truncate(s.status, s.width))
}

// footerKeys are the keys the footer shows: the dialog's, or the
// screen's, and the stack's own, which are always shown.
func (s *Stack) footerKeys() (screen, own []key.Binding) {
	k := s.o.Keys
	if s.dialog != nil {
		return nil, []key.Binding{k.Yes, k.No}
	}
	if s.showHelp {
		return nil, []key.Binding{k.Help, k.Back}
	}
	if !s.Top().Typing() {
		// While a field has the focus, ? is text, not help.
		own = append(own, k.Help)
	}
	if s.Top().Typing() {
		// q is text in a field: it neither quits nor goes back.
	} else if len(s.screens) == 1 {
		own = append(own, k.Quit)
	} else {
		// q goes back here, and says so.
		back := k.Quit
		back.SetHelp(k.Quit.Help().Key, k.Back.Help().Desc)
		own = append(own, back)
	}
	return s.Top().ShortHelp(), own
}

// footer lists the keys; on a narrow window the screen's last keys give
// way first, so that help and back are always there.
func (s *Stack) footer() string {
	screen, own := s.footerKeys()
	for n := len(screen); ; n-- {
		line := s.help.ShortHelpView(append(append([]key.Binding{}, screen[:n]...), own...))
		if n == 0 || ansi.StringWidth(line) <= s.width {
			return Truncate(line, s.width)
		}
	}
}

// helpPage lists every key of the top screen and the stack's own.
func (s *Stack) helpPage(w, h int) string {
	st := s.st
	k := s.o.Keys
	groups := s.Top().FullHelp()
	if len(s.screens) == 1 {
		groups = append(groups, []key.Binding{k.Help, k.Quit, k.ForceQuit})
	} else {
		// q goes back here, as esc does.
		back := k.Back
		back.SetHelp(k.Back.Help().Key+"/"+k.Quit.Help().Key, k.Back.Help().Desc)
		groups = append(groups, []key.Binding{k.Help, back, k.ForceQuit})
	}
	var b strings.Builder
	b.WriteString(st.Title.Render(s.o.Texts("tui.help.title", s.Top().Title())))
	b.WriteString("\n\n")
	if entries := helpEntries(groups); len(entries)+3 > h {
		// Too many keys for one column: lay them out side by side.
		b.WriteString(helpColumns(st, entries, w, h-4) + "\n\n")
	} else {
		for _, g := range groups {
			for _, k := range g {
				if !k.Enabled() {
					continue
				}
				hk := k.Help()
				fmt.Fprintf(&b, "  %s  %s\n", st.Key.Render(PadRight(hk.Key, 10)), st.Text.Render(hk.Desc))
			}
			b.WriteString("\n")
		}
	}
	b.WriteString(st.Muted.Render(s.o.Texts("tui.help.close")))
	return b.String()
}
