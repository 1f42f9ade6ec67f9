package workbench

import (
	"errors"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"styrka/model"
	"styrka/ui/screen"
)

// FormScreen shows a huh form; enter moves through the fields and submits
// at the end, esc cancels and goes back without saving.
type FormScreen struct {
	c        *Common
	title    string
	form     *huh.Form
	onSubmit func() tea.Cmd
	width    int
	height   int
}

// NewFormScreen shows form under title; onSubmit is the command to run
// once it is completed and the screen has closed.
func NewFormScreen(c *Common, title string, form *huh.Form, onSubmit func() tea.Cmd) *FormScreen {
	form.WithShowHelp(false).WithTheme(c.HuhTheme())
	return &FormScreen{c: c, title: title, form: form, onSubmit: onSubmit}
}

func (s *FormScreen) Init() tea.Cmd { return s.form.Init() }
func (s *FormScreen) Title() string { return s.title }
func (s *FormScreen) Typing() bool  { return true }

func (s *FormScreen) SetSize(w, h int) {
	s.width, s.height = w, h
	// The title and a blank line above, and room below for the form's
	// error line (a blank and the error); the fields scroll in between.
	s.form.WithWidth(min(w, 76)).WithHeight(max(h-4, 4))
}

func (s *FormScreen) ShortHelp() []key.Binding {
	return []key.Binding{
		key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", s.c.T("key.formnext"))),
		key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", s.c.T("key.formprev"))),
		key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", s.c.T("key.cancel"))),
	}
}

func (s *FormScreen) FullHelp() [][]key.Binding { return [][]key.Binding{s.ShortHelp()} }

func (s *FormScreen) Update(msg tea.Msg) (screen.Screen, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok && k.String() == "esc" {
		return s, screen.Pop
	}
	if _, ok := msg.(screen.DataChanged); ok {
		return s, nil
	}
	// Every other message is the form's own: results come back only to
	// the screen whose command asked for them.
	state, cmd := s.UpdateForm(msg)
	switch state {
	case huh.StateCompleted:
		return s, tea.Sequence(cmd, screen.Pop, s.onSubmit())
	case huh.StateAborted:
		return s, screen.Pop
	}
	return s, cmd
}

// UpdateForm hands a message to the form, for a screen built on this one
// that acts on the form's completion itself, and says where the form is.
func (s *FormScreen) UpdateForm(msg tea.Msg) (huh.FormState, tea.Cmd) {
	m, cmd := s.form.Update(msg)
	if f, ok := m.(*huh.Form); ok {
		s.form = f
	}
	return s.form.State, cmd
}

func (s *FormScreen) View() string {
	st := s.c.Styles
	return st.Title.Render(s.title) + "\n\n" + s.form.View()
}

// RequiredName accepts a name that is more than blanks.
func (c *Common) RequiredName(s string) error {
	if model.CleanText(s) == "" {
		return errors.New(c.T("field.required"))
	}
	return nil
}
