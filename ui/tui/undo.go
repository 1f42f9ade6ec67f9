package tui

import (
	"styrka/assets"

	tea "charm.land/bubbletea/v2"

	"styrka/model"
	"styrka/ui/tui/workbench"
)

// Every delete can be undone: a delete first reads what it will remove,
// and the status line then offers u to put exactly that back (answers,
// actions, votes included) until the next change.

// restoredMsg reports an undo done.
type restoredMsg struct {
	text  string
	focus string
	data  *model.Dataset
}

// undoUpdate handles the results of deletes and undos at the root.
func (m *Model) undoUpdate(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case workbench.DeletedMsg:
		m.undo = msg.Offer
		if msg.Data != nil {
			d, _ := assets.LocalizeDemo(*msg.Data, m.c.Lang)
			m.own.Replace(&d)
		}
		m.setStatus(m.c.T("tui.undo.offer", msg.Text, m.c.Keys.Restore.Help().Key), false)
		return m.broadcast(false), true
	case restoredMsg:
		m.own.Focus(msg.focus)
		if msg.data != nil {
			d, _ := assets.LocalizeDemo(*msg.data, m.c.Lang)
			m.own.Replace(&d)
		}
		m.setStatus(msg.text, false)
		return m.broadcast(false), true
	}
	return nil, false
}

// restore puts back what the last delete removed.
func (m *Model) restore() tea.Cmd {
	offer, db := m.undo, m.ws.Store()
	m.undo = nil
	return m.ws.Serial(func() tea.Msg {
		if err := offer.Restore(db); err != nil {
			return workbench.Fail(err)
		}
		msg := restoredMsg{text: offer.Text, focus: offer.Focus}
		if offer.WorkshopID != "" {
			d, err := db.Load(offer.WorkshopID)
			if err != nil {
				return workbench.Fail(err)
			}
			msg.data = &d
		}
		return msg
	})
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
