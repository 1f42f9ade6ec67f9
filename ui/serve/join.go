package serve

import (
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"styrka/model"
	"styrka/ui/screen"
)

// The join: the language, the join code, then the participant's name.
// Each screen replaces the one before, so the header never stacks them.

// languages are the languages offered, in the order shown.
var languages = []struct{ code, name string }{{"en", "English"}, {"sv", "Svenska"}}

// langScreen chooses the language of the participant's screens.
type langScreen struct {
	m      *session
	cursor int
	width  int
}

func newLangScreen(m *session) *langScreen {
	s := &langScreen{m: m}
	for i, l := range languages {
		if l.code == m.lang {
			s.cursor = i
		}
	}
	return s
}

func (s *langScreen) Init() tea.Cmd    { return nil }
func (s *langScreen) SetSize(w, _ int) { s.width = w }
func (s *langScreen) Title() string    { return "Språk · Language" }
func (s *langScreen) Typing() bool     { return false }
func (s *langScreen) ShortHelp() []key.Binding {
	k := s.m.keys
	move := k.Down
	move.SetHelp("↑/↓", s.m.T("serve.key.choose"))
	return []key.Binding{move, k.Continue}
}
func (s *langScreen) FullHelp() [][]key.Binding {
	k := s.m.keys
	return [][]key.Binding{{k.Up, k.Down, k.Continue}}
}

func (s *langScreen) Update(msg tea.Msg) (screen.Screen, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return s, nil
	}
	keys := s.m.keys
	switch {
	case key.Matches(k, keys.Up, keys.Down):
		s.cursor = (s.cursor + 1) % len(languages)
	case key.Matches(k, keys.Continue):
		s.m.setLang(languages[s.cursor].code)
		s.m.switchTo(newCodeScreen(s.m))
		return s, nil
	}
	return s, nil
}

func (s *langScreen) View() string {
	st := s.m.st
	var b strings.Builder
	b.WriteString("\n")
	for i, l := range languages {
		if i == s.cursor {
			b.WriteString(st.Cursor.Render("› ") + st.Selected.Render(l.name) + "\n")
		} else {
			b.WriteString("  " + st.Text.Render(l.name) + "\n")
		}
	}
	// The hint speaks the language under the cursor.
	hint := s.m.srv.content(languages[s.cursor].code).T("serve.lang.hint")
	b.WriteString("\n" + st.Muted.Render(screen.Wrap(hint, s.width)))
	return b.String()
}

// field is a text field of the join, labelled on its left.
func field(m *session, limit int, placeholder string) textinput.Model {
	in := textinput.New()
	in.Prompt = "" // the label before the field says what it is
	in.CharLimit = limit
	in.Placeholder = placeholder
	in.ShowSuggestions = false
	st := textinput.DefaultStyles(m.st.IsDark)
	st.Cursor.Blink = false
	in.SetStyles(st)
	in.SetVirtualCursor(true)
	return in
}

// fieldScreen is what the code and the name screens share: a title, an
// introduction and one field.
type fieldScreen struct {
	m                   *session
	title, intro, label string
	input               textinput.Model
	width               int
}

func (s *fieldScreen) Init() tea.Cmd { return s.input.Focus() }
func (s *fieldScreen) Title() string { return s.title }
func (s *fieldScreen) Typing() bool  { return true }
func (s *fieldScreen) SetSize(w, _ int) {
	s.width = w
	// Room for the label before the field and the cursor.
	s.input.SetWidth(max(min(w-24, 60), 8))
}

// edit gives a key or a paste to the field.
func (s *fieldScreen) edit(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	s.input, cmd = s.input.Update(msg)
	return cmd
}

func (s *fieldScreen) View() string {
	st := s.m.st
	var b strings.Builder
	b.WriteString("\n" + st.Text.Render(screen.Wrap(s.intro, s.width)) + "\n\n")
	b.WriteString(s.label + " " + s.input.View() + "\n")
	return b.String()
}

// codeScreen takes the join code.
type codeScreen struct{ fieldScreen }

func newCodeScreen(m *session) *codeScreen {
	return &codeScreen{fieldScreen{m: m, title: m.T("serve.code.title"), intro: m.T("serve.code.intro"),
		label: m.T("serve.code.label"), input: field(m, 12, "ABC-123")}}
}

func (s *codeScreen) ShortHelp() []key.Binding {
	k := s.m.keys
	return []key.Binding{k.Join, k.Language, leave(s.m)}
}
func (s *codeScreen) FullHelp() [][]key.Binding { return [][]key.Binding{s.ShortHelp()} }

func (s *codeScreen) Update(msg tea.Msg) (screen.Screen, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(k, s.m.keys.Language):
			s.m.switchTo(newLangScreen(s.m))
			return s, nil
		case key.Matches(k, s.m.keys.Join):
			return s, s.try()
		}
	}
	return s, s.edit(msg)
}

// try checks the code typed, counting wrong ones against the address.
func (s *codeScreen) try() tea.Cmd {
	m := s.m
	typed := s.input.Value()
	if normalizeCode(typed) == "" {
		return nil
	}
	if wait := m.srv.limiter.wait(m.ip); wait > 0 {
		return screen.StatusError(m.T("serve.code.locked", seconds(wait)))
	}
	if !m.srv.checkCode(typed) {
		s.input.Reset()
		left, lockout := m.srv.limiter.wrong(m.ip)
		if lockout > 0 {
			return screen.StatusError(m.T("serve.code.locked", seconds(lockout)))
		}
		if left == 1 {
			return screen.StatusError(m.T("serve.code.wrong.one"))
		}
		return screen.StatusError(m.T("serve.code.wrong", left))
	}
	m.srv.limiter.right(m.ip)
	m.admitted = true
	m.srv.admit(m)
	m.switchTo(newNameScreen(m))
	return func() tea.Msg { return admittedMsg{} }
}

// seconds rounds a wait up to whole seconds.
func seconds(d time.Duration) int { return int((d + time.Second - 1) / time.Second) }

// leave is ctrl+c, named in the footers of the screens where q is text.
func leave(m *session) key.Binding {
	b := m.keys.ForceQuit
	b.SetHelp(b.Help().Key, m.T("serve.key.leave"))
	return b
}

// nameScreen takes the participant's name. It lists nobody: the names of
// the others are theirs.
type nameScreen struct {
	fieldScreen
	busy bool
}

func newNameScreen(m *session) *nameScreen {
	return &nameScreen{fieldScreen: fieldScreen{m: m, title: m.T("serve.name.title"), intro: m.T("serve.name.intro"),
		label: m.T("serve.name.label"), input: field(m, 40, m.T("serve.name.placeholder"))}}
}

func (s *nameScreen) ShortHelp() []key.Binding  { return []key.Binding{s.m.keys.Join, leave(s.m)} }
func (s *nameScreen) FullHelp() [][]key.Binding { return [][]key.Binding{s.ShortHelp()} }

func (s *nameScreen) Update(msg tea.Msg) (screen.Screen, tea.Cmd) {
	m := s.m
	switch msg := msg.(type) {
	case askFullMsg:
		s.busy = false
		return s, screen.StatusError(m.T("serve.ask.full"))
	case needCodeMsg:
		s.m.switchTo(newPersonalScreen(m, msg.p))
		return s, nil
	case askMsg:
		s.m.switchTo(newAskScreen(m, msg.req))
		return s, nil
	case failMsg:
		s.busy = false
		return s, screen.StatusError(m.T("serve.error"))
	case tea.KeyPressMsg:
		if s.busy {
			return s, nil
		}
		if key.Matches(msg, m.keys.Join) {
			name := model.CleanText(s.input.Value())
			if name == "" {
				return s, screen.StatusError(m.T("serve.name.empty"))
			}
			s.busy = true
			return s, m.srv.join(m, name)
		}
	}
	return s, s.edit(msg)
}

// personalScreen takes the personal code of a name bound to one, for a
// participant joining again from a client without an SSH key.
type personalScreen struct {
	fieldScreen
	p    model.Participant
	busy bool
}

func newPersonalScreen(m *session, p model.Participant) *personalScreen {
	return &personalScreen{fieldScreen: fieldScreen{m: m, title: p.Name, intro: m.T("serve.personal.intro", p.Name),
		label: m.T("serve.personal.label"), input: field(m, 12, "ABC-123")}, p: p}
}

func (s *personalScreen) ShortHelp() []key.Binding {
	k := s.m.keys
	return []key.Binding{k.Join, k.Ask, k.OtherName, leave(s.m)}
}
func (s *personalScreen) FullHelp() [][]key.Binding { return [][]key.Binding{s.ShortHelp()} }

func (s *personalScreen) Update(msg tea.Msg) (screen.Screen, tea.Cmd) {
	m := s.m
	switch msg := msg.(type) {
	case askFullMsg:
		s.busy = false
		return s, screen.StatusError(m.T("serve.ask.full"))
	case personalMsg:
		s.busy = false
		s.input.Reset()
		switch {
		case msg.lockout > 0:
			return s, screen.StatusError(m.T("serve.code.locked", seconds(msg.lockout)))
		case msg.left == 1:
			return s, screen.StatusError(m.T("serve.personal.wrong.one"))
		}
		return s, screen.StatusError(m.T("serve.personal.wrong", msg.left))
	case askMsg:
		s.m.switchTo(newAskScreen(m, msg.req))
		return s, nil
	case failMsg:
		s.busy = false
		return s, screen.StatusError(m.T("serve.error"))
	case tea.KeyPressMsg:
		if s.busy {
			return s, nil
		}
		switch {
		case key.Matches(msg, m.keys.OtherName):
			s.m.switchTo(newNameScreen(m))
			return s, nil
		case key.Matches(msg, m.keys.Ask):
			s.busy = true
			p := s.p
			return s, func() tea.Msg { return m.srv.ask(m, p) }
		case key.Matches(msg, m.keys.Join):
			if normalizeCode(s.input.Value()) == "" {
				return s, nil
			}
			s.busy = true
			return s, m.srv.joinWithCode(m, s.p, s.input.Value())
		}
	}
	return s, s.edit(msg)
}

// page is what the screens of text with a key or two share: nothing is
// typed on them, and their few keys are all their help.
type page struct {
	m     *session
	width int
	keys  []key.Binding
}

func (p *page) Init() tea.Cmd             { return nil }
func (p *page) SetSize(w, _ int)          { p.width = w }
func (p *page) Typing() bool              { return false }
func (p *page) ShortHelp() []key.Binding  { return p.keys }
func (p *page) FullHelp() [][]key.Binding { return [][]key.Binding{p.keys} }

// askScreen waits for the facilitator to let the participant in under a
// name bound to someone else.
type askScreen struct {
	page
	req Request
}

func newAskScreen(m *session, req Request) *askScreen {
	return &askScreen{page: page{m: m, keys: []key.Binding{m.keys.OtherName}}, req: req}
}

func (s *askScreen) Title() string { return s.req.Participant.Name }

func (s *askScreen) Update(msg tea.Msg) (screen.Screen, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok && key.Matches(k, s.m.keys.OtherName) {
		s.m.srv.withdraw(s.m)
		s.m.switchTo(newNameScreen(s.m))
	}
	return s, nil
}

func (s *askScreen) View() string {
	st := s.m.st
	return "\n" + st.Text.Render(screen.Wrap(s.m.T("serve.ask.text", s.req.Participant.Name), s.width)) + "\n"
}

// keepCodeScreen shows a participant the personal code made at their
// first join, once: without an SSH key it is what makes the name theirs.
type keepCodeScreen struct {
	page
	code string
}

func newKeepCodeScreen(m *session, code string) *keepCodeScreen {
	return &keepCodeScreen{page: page{m: m, keys: []key.Binding{m.keys.Continue}}, code: code}
}

func (s *keepCodeScreen) Title() string { return s.m.me.Name }

func (s *keepCodeScreen) Update(msg tea.Msg) (screen.Screen, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok && key.Matches(k, s.m.keys.Continue) {
		s.code = "" // shown once
		s.m.after = s.m.arrange
	}
	return s, nil
}

func (s *keepCodeScreen) View() string {
	m, st := s.m, s.m.st
	return "\n" + st.Text.Render(screen.Wrap(m.T("serve.keep.text", m.me.Name), s.width)) + "\n\n" +
		"    " + st.Heading.Render(FormatCode(s.code)) + "\n\n" +
		st.Muted.Render(screen.Wrap(m.T("serve.keep.hint"), s.width)) + "\n"
}
