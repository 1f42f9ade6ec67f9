package tui

import (
	"slices"
	"styrka/assets"

	tea "charm.land/bubbletea/v2"

	"styrka/model"
	"styrka/store"
)

// Every delete can be undone: a delete first reads what it will remove,
// and the status line then offers u to put exactly that back (answers,
// actions, votes included) until the next change.

// undoOffer is what the last delete removed.
type undoOffer struct {
	// restore puts it back.
	restore func(db *store.DB) error
	// workshopID is the workshop to reload after the restore ("" for
	// none: a workshop itself was deleted and the list reloads).
	workshopID string
	// text is the status after the restore.
	text string
	// focus is a customer the list selects once it is back, or "".
	focus string
}

type (
	// deletedMsg reports a delete done; data is the open workshop as it
	// is now, nil when a whole workshop went.
	deletedMsg struct {
		offer *undoOffer
		text  string
		data  *model.Dataset
	}
	// restoredMsg reports an undo done.
	restoredMsg struct {
		text  string
		focus string
		data  *model.Dataset
	}
)

// remove deletes what del removes (asked first: newConfirm joins it to
// the write queue when the user says yes), after reading with part what it will
// take, and offers it back. workshopID is the open workshop ("" when the
// workshop itself goes).
//
// focus is a customer the list selects once the undo brings it back ("" for
// none).
func (c *Common) remove(workshopID string, part func(d model.Dataset) model.Dataset, del func(db *store.DB) error, done, restored, focus string) tea.Cmd {
	db := c.Store
	return func() tea.Msg {
		var before model.Dataset
		if workshopID != "" {
			d, err := db.Load(workshopID)
			if err != nil {
				return fail(err)
			}
			before = part(d)
		}
		if err := del(db); err != nil {
			return fail(err)
		}
		offer := &undoOffer{workshopID: workshopID, text: restored, focus: focus}
		offer.restore = func(db *store.DB) error { return db.Restore(before) }
		msg := deletedMsg{offer: offer, text: done}
		if workshopID != "" {
			d, err := db.Load(workshopID)
			if err != nil {
				return fail(err)
			}
			msg.data = &d
		}
		return msg
	}
}

// removeWorkshop deletes a workshop with everything in it, and offers it
// back.
func (c *Common) removeWorkshop(id, done, restored string) tea.Cmd {
	db := c.Store
	return func() tea.Msg {
		before, err := db.Load(id)
		if err != nil {
			return fail(err)
		}
		if err := db.DeleteWorkshop(id); err != nil {
			return fail(err)
		}
		offer := &undoOffer{text: restored, restore: func(db *store.DB) error { return db.Import(before, false) }}
		return deletedMsg{offer: offer, text: done}
	}
}

// undoUpdate handles the results of deletes and undos at the root.
func (m *Model) undoUpdate(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case deletedMsg:
		m.undo = msg.offer
		if msg.data != nil {
			d, _ := assets.LocalizeDemo(*msg.data, m.c.Lang)
			m.c.Data = &d
		}
		m.setStatus(m.c.T("tui.undo.offer", msg.text, m.c.Keys.Restore.Help().Key), false)
		return m.broadcast(false), true
	case restoredMsg:
		m.c.Focus = msg.focus
		if msg.data != nil {
			d, _ := assets.LocalizeDemo(*msg.data, m.c.Lang)
			m.c.Data = &d
		}
		m.setStatus(msg.text, false)
		return m.broadcast(false), true
	}
	return nil, false
}

// restore puts back what the last delete removed.
func (m *Model) restore() tea.Cmd {
	offer, db := m.undo, m.c.Store
	m.undo = nil
	return m.c.serial(func() tea.Msg {
		if err := offer.restore(db); err != nil {
			return fail(err)
		}
		msg := restoredMsg{text: offer.text, focus: offer.focus}
		if offer.workshopID != "" {
			d, err := db.Load(offer.workshopID)
			if err != nil {
				return fail(err)
			}
			msg.data = &d
		}
		return msg
	})
}

// customerPart is what deleting a customer removes: the customer, its
// answers, actions, silent rounds and their votes, with the participants
// those rounds name.
func customerPart(d model.Dataset, customerID string) model.Dataset {
	part := model.Dataset{Workshop: d.Workshop, Participants: d.Participants,
		Answers: map[string]map[string]model.Answer{}}
	for _, cu := range d.Customers {
		if cu.ID == customerID {
			part.Customers = append(part.Customers, cu)
		}
	}
	if a := d.Answers[customerID]; len(a) > 0 {
		part.Answers[customerID] = a
	}
	for _, a := range d.Actions {
		if a.CustomerID == customerID {
			part.Actions = append(part.Actions, a)
		}
	}
	rounds := map[string]bool{}
	for _, r := range d.SilentRounds {
		if r.CustomerID == customerID {
			part.SilentRounds = append(part.SilentRounds, r)
			rounds[r.ID] = true
		}
	}
	for _, v := range d.Votes {
		if rounds[v.RoundID] {
			part.Votes = append(part.Votes, v)
		}
	}
	return part
}

// participantPart is what deleting a participant removes: the person,
// their votes, and their place in silent rounds (the rounds are written
// back as they were, with the customers they are about).
func participantPart(d model.Dataset, participantID string) model.Dataset {
	part := model.Dataset{Workshop: d.Workshop, Participants: d.Participants}
	customers := map[string]bool{}
	voted := map[string]bool{}
	for _, v := range d.Votes {
		if v.ParticipantID == participantID {
			voted[v.RoundID] = true
		}
	}
	for _, r := range d.SilentRounds {
		if slices.Contains(r.Participants, participantID) || voted[r.ID] {
			part.SilentRounds = append(part.SilentRounds, r)
			customers[r.CustomerID] = true
		}
	}
	for _, cu := range d.Customers {
		if customers[cu.ID] {
			part.Customers = append(part.Customers, cu)
		}
	}
	rounds := map[string]bool{}
	for _, r := range part.SilentRounds {
		rounds[r.ID] = true
	}
	for _, v := range d.Votes {
		if v.ParticipantID == participantID && rounds[v.RoundID] {
			part.Votes = append(part.Votes, v)
		}
	}
	return part
}

// actionPart is what deleting an action removes.
func actionPart(d model.Dataset, actionID string) model.Dataset {
	part := model.Dataset{Workshop: d.Workshop}
	for _, a := range d.Actions {
		if a.ID == actionID {
			part.Actions = append(part.Actions, a)
			for _, cu := range d.Customers {
				if cu.ID == a.CustomerID {
					part.Customers = append(part.Customers, cu)
				}
			}
		}
	}
	return part
}
