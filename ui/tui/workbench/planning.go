package workbench

import (
	"errors"

	tea "charm.land/bubbletea/v2"

	"styrka/model"
	"styrka/store"
)

// Planner is the part of a store that keeps a customer's account
// planning (issue 14): the buying centre, the negotiation worksheet, the
// target position, and the validation of answers. The bbolt store has
// it; a store without it refuses these writes with ErrNoPlanning.
type Planner interface {
	PutStakeholder(s model.Stakeholder) error
	DeleteStakeholder(workshopID, customerID, stakeholderID string) error
	PutWorksheet(w model.Worksheet) error
	PutTarget(t model.Target) error
	ConfirmAnswer(workshopID, customerID, questionID, by string) error
	UnconfirmAnswer(workshopID, customerID, questionID string) error
	SetAnswerSource(workshopID, customerID, questionID string, src model.AnswerSource, ref string) error
}

// ErrNoPlanning is the failure of a planning write to a store that does
// not keep account planning.
var ErrNoPlanning = errors.New("this database does not keep account planning (the buying centre, the worksheet, the target, validation)")

// planner is the store's planning part, or nil.
func planner(db any) Planner {
	p, _ := db.(Planner)
	return p
}

// Plan runs a planning write after the writes before it, then reloads
// the open workshop and says done.
func (w *Workshop) Plan(change func(p Planner) error, done string) tea.Cmd {
	db, wid := w.store, w.data.Workshop.ID
	return w.Serial(func() tea.Msg {
		p := planner(db)
		if p == nil {
			return Fail(ErrNoPlanning)
		}
		if err := change(p); err != nil {
			return Fail(err)
		}
		d, err := db.Load(wid)
		if err != nil {
			return Fail(err)
		}
		return DatasetMsg{Data: d, Status: done}
	})
}

// RemoveStakeholder deletes one person of a buying centre (asked first
// through Confirm) and offers exactly that person back.
func (w *Workshop) RemoveStakeholder(s model.Stakeholder, done, restored string) tea.Cmd {
	part := func(d model.Dataset) model.Dataset { return StakeholderPart(d, s.CustomerID, s.ID) }
	del := func(db store.Store) error {
		p := planner(db)
		if p == nil {
			return ErrNoPlanning
		}
		return p.DeleteStakeholder(s.WorkshopID, s.CustomerID, s.ID)
	}
	return w.Remove(s.WorkshopID, part, del, done, restored, "")
}

// StakeholderPart is what deleting one stakeholder removes, with the
// workshop and the customer it refers to, for Restore to put back.
func StakeholderPart(d model.Dataset, customerID, stakeholderID string) model.Dataset {
	part := model.Dataset{Workshop: d.Workshop}
	for _, s := range d.Stakeholders {
		if s.CustomerID == customerID && s.ID == stakeholderID {
			part.Stakeholders = append(part.Stakeholders, s)
		}
	}
	for _, cu := range d.Customers {
		if cu.ID == customerID && len(part.Stakeholders) > 0 {
			part.Customers = append(part.Customers, cu)
		}
	}
	return part
}
