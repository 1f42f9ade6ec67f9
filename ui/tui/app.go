// Package tui is styrka's terminal UI: a Bubble Tea program a facilitator
// drives in front of a room, and a seller uses alone before a negotiation.
// It is built on the screen kit (ui/screen): the root model keeps a stack
// of screens, each a small component that draws itself into the size it
// is given and lists its keys for the footer and the help page; every
// command's result comes back to the screen that issued it.
//
// The root owns the open workshop (workbench.Workshop): screens read it
// and ask for store writes, which run one after another in one queue, and
// the root applies their results. Team scoring and the SSH server's
// lifecycle are ui/tui/team; what every screen works with is
// ui/tui/workbench.
package tui

import (
	"context"
	"errors"
	"io"
	"os"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"

	"charm.land/bubbles/v2/key"

	"styrka/assets"
	"styrka/store"
	"styrka/ui/keys"
	"styrka/ui/screen"
	"styrka/ui/serve"
	"styrka/ui/styles"
	"styrka/ui/tui/team"
	"styrka/ui/tui/workbench"
)

// The smallest terminal the UI draws in; below it a screen says how large
// the window must be.
const (
	MinWidth  = 60
	MinHeight = 16
)

// The window operations (XTWINOPS) that save the window's title on the
// terminal's title stack and restore it.
const (
	pushTitle = 22
	popTitle  = 23
)

// Options configure the UI.
type Options struct {
	Store   store.Store
	Content *assets.Content
	Lang    string
	Theme   styles.Theme
	// Describe turns an error into one sentence for the user.
	Describe func(error) string
	Author   string
	// Events carries messages from outside the program, such as VoteMsg
	// and ParticipantMsg from the SSH server; see VoteMsg in teamevents.go.
	Events <-chan tea.Msg
	// Stack configures the screen kit's stack; its clock and grace period
	// are seams for tests.
	Stack screen.Options
	// Serve says where an SSH server started from the UI listens and how
	// its events are read; the zero value is the room's port.
	Serve team.ServerOptions
	// Notice is shown in the status line when the app opens (a warning
	// from opening the database), or "".
	Notice string
	// Observe, when set, is told after every update what the program
	// shows, so that a test driving the real program can wait for a
	// screen instead of for a time. It runs on the program's goroutine.
	Observe func(Observation)
}

// Observation is what the program shows after an update.
type Observation struct {
	// Titles are the breadcrumb's titles, bottom screen first.
	Titles []string
	// Status is the status line.
	Status string
	// Dialog is true while a confirm dialog is open, Armed once its grace
	// period is over.
	Dialog, Armed bool
}

// Screen is one page of the UI.
type Screen = screen.Screen

// The kit every screen shares, and the open workshop.
type (
	Common   = workbench.Common
	Workshop = workbench.Workshop
)

func push(s Screen) tea.Cmd    { return screen.Push(s) }
func pop() tea.Msg             { return screen.Pop() }
func replace(s Screen) tea.Cmd { return screen.Replace(s) }
func status(text string) tea.Cmd {
	return screen.Status(text)
}

// Model is the root of the UI: it owns the open workshop, runs every
// store write in one serial queue, and applies the writes' results.
type Model struct {
	c *Common
	// ws is the open workshop the screens read, own the handle that
	// changes it.
	ws       *Workshop
	own      workbench.Owner
	describe func(error) string
	stack    *screen.Stack
	events   <-chan tea.Msg
	reloads  teamSync
	live     liveSync // changes made elsewhere to a shared database (live.go)
	undo     *workbench.Undo
	observe  func(Observation)
	server   *team.Server // the SSH server for participants (serve.go)
	// asking are requests to join under a taken name not asked yet, and
	// asked the one the open dialog is about ("" for none).
	asking []serve.Request
	asked  string
}

// New builds the UI, opening on the workshops screen (a welcome when there
// are none).
func New(o Options) *Model {
	theme := o.Theme
	if theme == "" {
		theme = styles.Auto
	}
	c := &Common{
		Content: o.Content,
		Lang:    o.Lang,
		Theme:   theme,
		Styles:  styles.New(theme, true),
		Keys:    keys.New(o.Content.T),
	}
	ws, own := workbench.NewWorkshop(o.Store, o.Author)
	describe := o.Describe
	if describe == nil {
		describe = func(err error) string { return err.Error() }
	}
	m := &Model{c: c, ws: ws, own: own, describe: describe, events: o.Events, observe: o.Observe,
		server: team.NewServer(o.Serve)}
	m.live.ctx, m.live.stop = context.WithCancel(context.Background())
	so := o.Stack
	so.Keys = c.Keys.Stack()
	so.Texts = c.T
	so.Brand = "styrka"
	so.MinWidth, so.MinHeight = MinWidth, MinHeight
	so.HeaderRight = m.headerRight
	so.OnQuit = ws.Idle
	m.stack = screen.NewStack(so, c.Styles, newWorkshops(c, ws))
	if o.Notice != "" {
		m.stack.SetStatus(o.Notice, true)
	}
	return m
}

// Run starts the program on the terminal and returns when the user quits.
func Run(ctx context.Context, o Options, in io.Reader, out io.Writer, noColor bool) error {
	m := New(o)
	opts := []tea.ProgramOption{tea.WithContext(ctx)}
	if in != nil {
		opts = append(opts, tea.WithInput(in))
	}
	if out != nil {
		opts = append(opts, tea.WithOutput(out))
	}
	if noColor {
		opts = append(opts, tea.WithColorProfile(colorprofile.Ascii))
	}
	// The program sets the window's title; the terminal keeps the one
	// before on its title stack, and gets it back when the program ends.
	title := out
	if title == nil {
		title = os.Stdout
	}
	io.WriteString(title, ansi.WindowOp(pushTitle, 0))
	_, err := tea.NewProgram(m, opts...).Run()
	io.WriteString(title, ansi.WindowOp(popTitle, 0))
	m.server.Close()
	m.live.stop()
	if errors.Is(err, tea.ErrProgramKilled) || errors.Is(err, context.Canceled) {
		return nil
	}
	return err
}

func (m *Model) top() Screen { return m.stack.Top() }

// Init asks the terminal for its background when the theme follows it.
func (m *Model) Init() tea.Cmd {
	cmds := []tea.Cmd{m.stack.Init(), m.listen(), m.watch()}
	if m.c.Theme == styles.Auto {
		cmds = append(cmds, tea.RequestBackgroundColor)
	}
	return tea.Batch(cmds...)
}

// Update routes messages: the program's own (the open workshop, team
// scoring, the server, undo) here, keys and sizes to the stack, and each
// command's result to the screen that issued it.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	cmd := m.update(msg)
	if m.asked == "" && len(m.asking) > 0 && m.stack.Dialog() == nil {
		// A request to join waited for another dialog to close.
		cmd = tea.Batch(cmd, m.nextRequest())
	}
	if m.observe != nil {
		d := m.stack.Dialog()
		o := Observation{Dialog: d != nil, Armed: d != nil && d.Armed()}
		o.Status, _ = m.stack.StatusText()
		for _, s := range m.stack.Screens() {
			o.Titles = append(o.Titles, s.Title())
		}
		m.observe(o)
	}
	return m, cmd
}

func (m *Model) update(msg tea.Msg) tea.Cmd {
	inner, from := msg, screen.ID(0)
	if a, ok := msg.(screen.Addressed); ok {
		inner, from = a.Msg, a.To
	}
	if cmd, ok := m.teamAsks(from, inner); ok {
		return cmd
	}
	if cmd, ok := m.appUpdate(inner); ok {
		return cmd
	}
	switch msg := msg.(type) {
	case tea.BackgroundColorMsg:
		if m.c.Theme == styles.Auto {
			m.c.Styles = styles.New(styles.Auto, msg.IsDark())
			m.stack.SetStyles(m.c.Styles)
		}
		return m.stack.BroadcastMsg(msg)
	case tea.KeyPressMsg:
		if cmd, ok := m.key(msg); ok {
			return cmd
		}
	}
	cmd, _ := m.stack.Update(msg)
	return cmd
}

// appUpdate handles the messages that change the program rather than one
// screen, wherever they come from; ok is false for the others.
func (m *Model) appUpdate(msg tea.Msg) (tea.Cmd, bool) {
	if cmd, ok := m.teamUpdate(msg); ok {
		return cmd, true
	}
	if cmd, ok := m.serveUpdate(msg); ok {
		return cmd, true
	}
	if cmd, ok := m.undoUpdate(msg); ok {
		return cmd, true
	}
	if cmd, ok := m.liveUpdate(msg); ok {
		return cmd, true
	}
	switch msg := msg.(type) {
	case workbench.Failed:
		m.setStatus(m.describe(msg.Err), true)
		return nil, true
	case workbench.DatasetMsg:
		d, _ := assets.LocalizeDemo(msg.Data, m.c.Lang)
		m.own.Open(&d, msg.Focus)
		m.undo = nil
		if msg.Status != "" {
			m.setStatus(msg.Status, false)
		}
		cmd := m.stack.Broadcast(false)
		if msg.Then != nil {
			return tea.Batch(cmd, m.stack.Push(msg.Then)), true
		}
		return cmd, true
	case workbench.AnswerSavedMsg:
		m.own.ApplyAnswer(msg.Answer)
		m.undo = nil
		if msg.Status != "" {
			m.setStatus(msg.Status, false)
		}
		return m.stack.Broadcast(false), true
	case workbench.AnswerDeletedMsg:
		m.own.DeleteAnswer(msg.CustomerID, msg.QuestionID)
		return m.stack.Broadcast(false), true
	}
	return nil, false
}

// key handles the program's own keys before the stack: undo of a delete
// and the SSH server; ok is false for every other key.
func (m *Model) key(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	if m.stack.Dialog() != nil || m.stack.HelpShown() || m.stack.TooSmall() || m.top().Typing() {
		return nil, false
	}
	if m.undo != nil && key.Matches(msg, m.c.Keys.Restore) {
		return m.restore(), true
	}
	return nil, false
}

func (m *Model) setStatus(text string, isErr bool) { m.stack.SetStatus(text, isErr) }

// broadcast tells every screen that the data changed.
func (m *Model) broadcast(team bool) tea.Cmd { return m.stack.Broadcast(team) }

// headerRight is the workshop's date, or while the server runs what
// participants type to join.
func (m *Model) headerRight() string {
	if l := m.server.Label(m.c); l != "" {
		return l
	}
	if d := m.ws.Data(); d != nil && m.stack.Len() > 1 {
		return d.Workshop.Date
	}
	return ""
}

// View draws the stack, never wider or taller than the window.
func (m *Model) View() tea.View {
	v := tea.NewView(m.stack.View())
	v.AltScreen = true
	v.WindowTitle = "styrka"
	return v
}
