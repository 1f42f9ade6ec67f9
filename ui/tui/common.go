// Package tui is styrka's terminal UI: a Bubble Tea program a facilitator
// drives in front of a room, and a seller uses alone before a negotiation.
// It is built on the screen kit (ui/screen): the root model keeps a stack
// of screens, each a small component that draws itself into the size it
// is given and lists its keys for the footer and the help page; every
// command's result comes back to the screen that issued it.
package tui

import (
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"styrka/assets"
	"styrka/model"
	"styrka/store"
	"styrka/ui/keys"
	"styrka/ui/screen"
	"styrka/ui/styles"
)

// Common is what every screen shares: texts, looks, keys, the store and
// the workshop that is open. Screens hold a pointer to it; only the root
// model changes the open workshop, from the results of store writes.
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
	// Presence is who is connected over SSH, by participant ID, while the
	// server runs: the open connections, 0 for one who dropped.
	Presence map[string]int
	// Focus is the customer the customer list selects the next time it
	// reloads (one just added), or "".
	Focus string
	// writes is the serial queue every store write of the program joins.
	writes *screen.Writes
	// huh and huhKey are the forms' styles and the look they were built
	// for (form.go).
	huh    *huh.Styles
	huhKey string
}

// T translates a UI text.
func (c *Common) T(key string, args ...any) string { return c.Content.T(key, args...) }

// styles is the look in use, for components that ask at every draw.
func (c *Common) styles() *styles.Styles { return c.Styles }

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
type Screen = screen.Screen

// Messages the root model handles for every screen.
type (
	// errMsg reports a failed command; its text is one sentence for the
	// user.
	errMsg struct{ err error }
	// datasetMsg is the open workshop, loaded or reloaded.
	datasetMsg struct {
		data model.Dataset
		then Screen // pushed once the dataset is in place, or nil
		// focus is a customer the list selects, or "".
		focus string
		// status is shown once the dataset is in place, or "".
		status string
	}
	// answerSavedMsg reports an answer stored in the database.
	answerSavedMsg struct {
		answer model.Answer
		// previous is the answer it replaced, for undo.
		previous *model.Answer
		// status is shown once it is stored, or "".
		status string
	}
	// answerDeletedMsg reports an answer removed (by undo).
	answerDeletedMsg struct{ customerID, questionID string }
)

func push(s Screen) tea.Cmd    { return screen.Push(s) }
func pop() tea.Msg             { return screen.Pop() }
func replace(s Screen) tea.Cmd { return screen.Replace(s) }
func status(text string) tea.Cmd {
	return screen.Status(text)
}

func fail(err error) tea.Msg { return errMsg{err} }

// serial joins a store write to the program's queue, so that writes land
// in the order they were given (a score, its note, an undo).
func (c *Common) serial(cmd tea.Cmd) tea.Cmd {
	if c.writes == nil {
		c.writes = &screen.Writes{}
	}
	return c.writes.Then(cmd)
}

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

// saveAnswer stores one answer in its own transaction, after the writes
// before it.
func (c *Common) saveAnswer(a model.Answer) tea.Cmd { return c.saveAnswerSaying(a, "") }

// saveAnswerSaying is saveAnswer with the status to show once the answer
// is stored: it comes with the result, so statuses keep the order of the
// writes however the commands are scheduled.
func (c *Common) saveAnswerSaying(a model.Answer, done string) tea.Cmd {
	db, wid := c.Store, c.Data.Workshop.ID
	var previous *model.Answer
	if old, ok := c.Data.Answers[a.CustomerID][a.QuestionID]; ok {
		previous = &old
	}
	return c.serial(func() tea.Msg {
		if err := db.SaveAnswer(wid, a); err != nil {
			return fail(err)
		}
		return answerSavedMsg{answer: a, previous: previous, status: done}
	})
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
