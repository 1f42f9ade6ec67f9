// Package tui is styrka's terminal UI: a Bubble Tea program a facilitator
// drives in front of a room, and a seller uses alone before a negotiation.
// The root model keeps a stack of screens; each screen is a small
// component that draws itself into the size it is given and lists its keys
// for the footer and the help screen.
package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"styrka/assets"
	"styrka/model"
	"styrka/store"
	"styrka/ui/keys"
	"styrka/ui/styles"
)

// Common is what every screen shares: texts, looks, keys, the store and
// the workshop that is open. Screens hold a pointer to it; only Update
// methods change it.
type Common struct {
	Content *assets.Content
	Lang    string
	Styles  *styles.Styles
	Theme   styles.Theme
	Keys    keys.KeyMap
	Store   *store.DB
	// Author is recorded with every answer.
	Author string
	// Data is the open workshop, or nil.
	Data *model.Dataset
}

// T translates a UI text.
func (c *Common) T(key string, args ...any) string { return c.Content.T(key, args...) }

// Questions lists the questions of both sets.
func (c *Common) Questions() []model.Question { return c.Content.Questions() }

// Assess scores the open workshop's customers, ranked by priority.
func (c *Common) Assess() []model.Assessment {
	if c.Data == nil {
		return nil
	}
	return model.Rank(c.Data.Assess(c.Questions()))
}

// Screen is one page of the UI.
type Screen interface {
	Init() tea.Cmd
	Update(msg tea.Msg) (Screen, tea.Cmd)
	// View draws the screen into the size last given to SetSize.
	View() string
	SetSize(width, height int)
	// Title is the screen's part of the breadcrumb in the header.
	Title() string
	// ShortHelp lists the keys for the footer, FullHelp for the help
	// screen.
	ShortHelp() []key.Binding
	FullHelp() [][]key.Binding
	// Typing reports whether a text field has the focus, so that q, ? and
	// esc belong to the field and not to the app.
	Typing() bool
}

// Flusher is a screen holding input that is not saved yet (an answer
// being given); Flush returns the command that saves it, run before the
// program quits.
type Flusher interface {
	Flush() tea.Cmd
}

// Navigation and status messages screens send upward.
type (
	// pushMsg opens a screen on top of the current one.
	pushMsg struct{ screen Screen }
	// popMsg goes back to the screen below.
	popMsg struct{}
	// replaceMsg swaps the current screen for another.
	replaceMsg struct{ screen Screen }
	// refreshMsg tells the screen that became the top one to reload what
	// it shows.
	refreshMsg struct{}
	// statusMsg shows a short message above the footer.
	statusMsg struct {
		text string
		err  bool
	}
	// errMsg reports a failed command; its text is one sentence for the
	// user.
	errMsg struct{ err error }
	// datasetMsg is the open workshop, loaded or reloaded.
	datasetMsg struct {
		data model.Dataset
		then Screen // pushed once the dataset is in place, or nil
	}
	// answerSavedMsg reports an answer stored in the database.
	answerSavedMsg struct {
		answer model.Answer
		// previous is the answer it replaced, for undo.
		previous *model.Answer
	}
	// answerDeletedMsg reports an answer removed (by undo).
	answerDeletedMsg struct{ customerID, questionID string }
)

func push(s Screen) tea.Cmd    { return func() tea.Msg { return pushMsg{s} } }
func pop() tea.Msg             { return popMsg{} }
func replace(s Screen) tea.Cmd { return func() tea.Msg { return replaceMsg{s} } }

func status(text string) tea.Cmd {
	return func() tea.Msg { return statusMsg{text: text} }
}

func fail(err error) tea.Msg { return errMsg{err} }

// loadDataset reads a workshop and, when then is given, opens that screen
// once it is in place.
func (c *Common) loadDataset(workshopID string, then Screen) tea.Cmd {
	db := c.Store
	return func() tea.Msg {
		d, err := db.Load(workshopID)
		if err != nil {
			return fail(err)
		}
		return datasetMsg{data: d, then: then}
	}
}

// saveAnswer stores one answer in its own transaction.
func (c *Common) saveAnswer(a model.Answer) tea.Cmd {
	db, wid := c.Store, c.Data.Workshop.ID
	var previous *model.Answer
	if old, ok := c.Data.Answers[a.CustomerID][a.QuestionID]; ok {
		previous = &old
	}
	return func() tea.Msg {
		if err := db.SaveAnswer(wid, a); err != nil {
			return fail(err)
		}
		return answerSavedMsg{answer: a, previous: previous}
	}
}

// applyAnswer puts a saved answer into the open dataset.
func (c *Common) applyAnswer(a model.Answer) {
	if c.Data == nil {
		return
	}
	if c.Data.Answers == nil {
		c.Data.Answers = map[string]map[string]model.Answer{}
	}
	m := c.Data.Answers[a.CustomerID]
	if m == nil {
		m = map[string]model.Answer{}
		c.Data.Answers[a.CustomerID] = m
	}
	m[a.QuestionID] = a
}
