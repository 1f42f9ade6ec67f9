package workbench

import (
	tea "charm.land/bubbletea/v2"

	"styrka/model"
	"styrka/store"
)

// RemoveStakeholder deletes one person of a buying centre (asked first
// through Confirm) and offers exactly that person back.
func (w *Workshop) RemoveStakeholder(s model.Stakeholder, done, restored string) tea.Cmd {
	part := func(d model.Dataset) model.Dataset { return StakeholderPart(d, s.CustomerID, s.ID) }
	del := func(db store.Store) error { return db.DeleteStakeholder(s.WorkshopID, s.CustomerID, s.ID) }
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
