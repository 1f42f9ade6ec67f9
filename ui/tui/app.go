package tui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"

	"styrka/assets"
	"styrka/store"
	"styrka/ui/keys"
	"styrka/ui/serve"
	"styrka/ui/styles"
)

// The smallest terminal the UI draws in; below it a screen says how large
// the window must be.
const (
	MinWidth  = 60
	MinHeight = 16
)

// escHandler is a screen that uses esc itself at times (to clear a
// filter, say) instead of going back.
type escHandler interface{ HandlesEsc() bool }

// Options configure the UI.
type Options struct {
	Store   *store.DB
	Content *assets.Content
	Lang    string
	Theme   styles.Theme
	// Describe turns an error into one sentence for the user.
	Describe func(error) string
	Author   string
	// Events carries messages from outside the program, such as VoteMsg
	// and ParticipantMsg from the SSH server; see Events in team.go.
	Events <-chan tea.Msg
}

// Model is the root of the UI.
type Model struct {
	c         *Common
	describe  func(error) string
	stack     []Screen
	width     int
	height    int
	showHelp  bool
	help      help.Model
	status    string
	statusErr bool
	statusAt  time.Time
	quitting  bool
	events    <-chan tea.Msg
	team      teamSync
	server    *serve.Server // the SSH server for participants, while it runs (serve.go)
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
		Store:   o.Store,
		Author:  o.Author,
	}
	describe := o.Describe
	if describe == nil {
		describe = func(err error) string { return err.Error() }
	}
	m := &Model{c: c, describe: describe, help: help.New(), events: o.Events}
	m.stack = []Screen{newWorkshops(c)}
	m.applyStyles()
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
	_, err := tea.NewProgram(m, opts...).Run()
	m.closeServer()
	if errors.Is(err, tea.ErrProgramKilled) || errors.Is(err, context.Canceled) {
		return nil
	}
	return err
}

func (m *Model) top() Screen { return m.stack[len(m.stack)-1] }

// Init asks the terminal for its background when the theme follows it.
func (m *Model) Init() tea.Cmd {
	cmds := []tea.Cmd{m.top().Init(), m.listen()}
	if m.c.Theme == styles.Auto {
		cmds = append(cmds, tea.RequestBackgroundColor)
	}
	return tea.Batch(cmds...)
}

func (m *Model) applyStyles() {
	s := m.c.Styles
	m.help.Styles.ShortKey = s.Key
	m.help.Styles.ShortDesc = s.KeyDesc
	m.help.Styles.ShortSeparator = s.Muted
	m.help.Styles.FullKey = s.Key
	m.help.Styles.FullDesc = s.KeyDesc
	m.help.Styles.FullSeparator = s.Muted
	m.help.Styles.Ellipsis = s.Muted
}

// bodySize is the room screens get: the window less header, status and
// footer lines.
func (m *Model) bodySize() (int, int) { return m.width, max(m.height-3, 1) }

func (m *Model) resize() {
	w, h := m.bodySize()
	for _, s := range m.stack {
		s.SetSize(w, h)
	}
	m.help.SetWidth(m.width)
}

// Update routes messages: global keys here, input to the top screen,
// results of commands to every screen (each ignores what is not its own).
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if cmd, ok := m.teamUpdate(msg); ok {
		return m, cmd
	}
	if cmd, ok := m.serveUpdate(msg); ok {
		return m, cmd
	}
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.resize()
		return m, nil
	case tea.BackgroundColorMsg:
		if m.c.Theme == styles.Auto {
			m.c.Styles = styles.New(styles.Auto, msg.IsDark())
			m.applyStyles()
		}
		return m, m.broadcast(msg)
	case tea.KeyPressMsg:
		return m, m.key(msg)
	case pushMsg:
		w, h := m.bodySize()
		msg.screen.SetSize(w, h)
		m.stack = append(m.stack, msg.screen)
		m.showHelp = false
		return m, msg.screen.Init()
	case replaceMsg:
		w, h := m.bodySize()
		msg.screen.SetSize(w, h)
		m.stack[len(m.stack)-1] = msg.screen
		return m, msg.screen.Init()
	case popMsg:
		return m, m.back()
	case statusMsg:
		m.setStatus(msg.text, msg.err)
		return m, nil
	case errMsg:
		m.setStatus(m.describe(msg.err), true)
		return m, nil
	case datasetMsg:
		d := msg.data
		m.c.Data = &d
		cmd := m.broadcast(refreshMsg{})
		if msg.then != nil {
			return m, tea.Batch(cmd, push(msg.then))
		}
		return m, cmd
	case answerSavedMsg:
		m.c.applyAnswer(msg.answer)
		return m, m.broadcast(msg)
	case answerDeletedMsg:
		if m.c.Data != nil {
			delete(m.c.Data.Answers[msg.customerID], msg.questionID)
		}
		return m, m.broadcast(msg)
	}
	return m, m.broadcast(msg)
}

func (m *Model) broadcast(msg tea.Msg) tea.Cmd {
	var cmds []tea.Cmd
	for i, s := range m.stack {
		var cmd tea.Cmd
		m.stack[i], cmd = s.Update(msg)
		cmds = append(cmds, cmd)
	}
	return tea.Batch(cmds...)
}

func (m *Model) setStatus(text string, isErr bool) {
	m.status, m.statusErr, m.statusAt = text, isErr, time.Now()
}

// back pops the top screen and tells the one below to refresh.
func (m *Model) back() tea.Cmd {
	if len(m.stack) <= 1 {
		return nil
	}
	var flush tea.Cmd
	if f, ok := m.top().(Flusher); ok {
		flush = f.Flush()
	}
	m.stack = m.stack[:len(m.stack)-1]
	m.showHelp = false
	var cmd tea.Cmd
	m.stack[len(m.stack)-1], cmd = m.top().Update(refreshMsg{})
	return tea.Sequence(flush, cmd)
}

func (m *Model) key(msg tea.KeyPressMsg) tea.Cmd {
	k := m.c.Keys
	if key.Matches(msg, k.ForceQuit) {
		return m.quit()
	}
	// Any key clears a message from before.
	m.status = ""
	if m.showHelp {
		if key.Matches(msg, k.Help, k.Back, k.Quit) {
			m.showHelp = false
		}
		return nil
	}
	if m.width < MinWidth || m.height < MinHeight {
		if key.Matches(msg, k.Quit) {
			return m.quit()
		}
		return nil
	}
	if !m.top().Typing() {
		switch {
		case key.Matches(msg, k.Help):
			m.showHelp = true
			return nil
		case key.Matches(msg, k.Quit):
			if len(m.stack) == 1 {
				return m.quit()
			}
			return m.back()
		case key.Matches(msg, k.Back) && len(m.stack) > 1:
			if h, ok := m.top().(escHandler); !ok || !h.HandlesEsc() {
				return m.back()
			}
		}
	}
	var cmd tea.Cmd
	m.stack[len(m.stack)-1], cmd = m.top().Update(msg)
	return cmd
}

// quit saves whatever the top screen holds, then ends the program.
func (m *Model) quit() tea.Cmd {
	m.quitting = true
	if f, ok := m.top().(Flusher); ok {
		return tea.Sequence(f.Flush(), tea.Quit)
	}
	return tea.Quit
}

// View draws header, the top screen (or help), status and footer, never
// wider or taller than the window.
func (m *Model) View() tea.View {
	v := tea.NewView(m.render())
	v.AltScreen = true
	v.WindowTitle = "styrka"
	return v
}

func (m *Model) render() string {
	if m.width == 0 || m.height == 0 {
		return ""
	}
	s := m.c.Styles
	if m.quitting {
		return ""
	}
	if m.width < MinWidth || m.height < MinHeight {
		msg := m.c.T("tui.toosmall", MinWidth, MinHeight, m.width, m.height)
		msg = ansi.Wordwrap(msg, max(m.width-2, 1), "")
		return fit(lipgloss.Place(m.width, m.height, lipgloss.Center, lipgloss.Center, s.Warning.Render(msg)), m.width, m.height)
	}
	w, h := m.bodySize()
	var body string
	if m.showHelp {
		body = m.helpView(w, h)
	} else {
		body = m.top().View()
	}
	var b strings.Builder
	b.WriteString(m.header())
	b.WriteByte('\n')
	b.WriteString(fit(body, w, h))
	b.WriteByte('\n')
	b.WriteString(m.statusLine())
	b.WriteByte('\n')
	b.WriteString(m.footer())
	return b.String()
}

func (m *Model) header() string {
	s := m.c.Styles
	var crumbs []string
	for _, sc := range m.stack {
		if t := sc.Title(); t != "" {
			crumbs = append(crumbs, t)
		}
	}
	left := s.Header.Render("styrka")
	trail := " " + strings.Join(crumbs, " › ")
	right := ""
	if m.c.Data != nil && len(m.stack) > 1 {
		right = m.c.Data.Workshop.Date
	}
	if l := m.serveLabel(); l != "" {
		right = l
	}
	room := m.width - lipgloss.Width(left) - ansi.StringWidth(right) - 1
	trail = ansi.Truncate(trail, max(room, 0), "…")
	gap := max(m.width-lipgloss.Width(left)-ansi.StringWidth(trail)-ansi.StringWidth(right), 0)
	return left + s.Title.Render(trail) + strings.Repeat(" ", gap) + s.Muted.Render(right)
}

func (m *Model) statusLine() string {
	if m.status == "" {
		return ""
	}
	st := m.c.Styles.Status
	if m.statusErr {
		st = m.c.Styles.Error
	}
	return st.Render(ansi.Truncate(m.status, m.width, "…"))
}

func (m *Model) footer() string {
	bindings := append([]key.Binding{}, m.top().ShortHelp()...)
	if !m.top().Typing() {
		// While a field has the focus, ? is text, not help.
		bindings = append(bindings, m.c.Keys.Help)
	}
	if len(m.stack) == 1 {
		bindings = append(bindings, m.c.Keys.Quit)
	} else {
		bindings = append(bindings, m.c.Keys.Back)
	}
	return ansi.Truncate(m.help.ShortHelpView(bindings), m.width, "…")
}

func (m *Model) helpView(w, h int) string {
	s := m.c.Styles
	groups := m.top().FullHelp()
	groups = append(groups, []key.Binding{m.c.Keys.Help, m.c.Keys.Back, m.c.Keys.Quit, m.c.Keys.ForceQuit})
	var b strings.Builder
	b.WriteString(s.Title.Render(m.c.T("tui.help.title", m.top().Title())))
	b.WriteString("\n\n")
	if entries := helpEntries(groups); len(entries)+3 > h {
		// Too many keys for one column: lay them out side by side.
		b.WriteString(helpColumns(s, entries, w, h-4) + "\n\n")
	} else {
		for _, g := range groups {
			for _, k := range g {
				if !k.Enabled() {
					continue
				}
				hk := k.Help()
				fmt.Fprintf(&b, "  %s  %s\n", s.Key.Render(padRight(hk.Key, 10)), s.Text.Render(hk.Desc))
			}
			b.WriteString("\n")
		}
	}
	b.WriteString(s.Muted.Render(m.c.T("tui.help.close")))
	return b.String()
}
