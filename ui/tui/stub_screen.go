package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

type stub struct {
	c    *Common
	name string
}

func newStub(c *Common, name string) *stub       { return &stub{c, name} }
func (s *stub) Init() tea.Cmd                    { return nil }
func (s *stub) Update(tea.Msg) (Screen, tea.Cmd) { return s, nil }
func (s *stub) View() string                     { return s.name }
func (s *stub) SetSize(int, int)                 {}
func (s *stub) Title() string                    { return s.name }
func (s *stub) ShortHelp() []key.Binding         { return nil }
func (s *stub) FullHelp() [][]key.Binding        { return nil }
func (s *stub) Typing() bool                     { return false }
