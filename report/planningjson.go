package report

import (
	"fmt"
	"slices"

	"styrka/model"
)

// The account planning in the JSON export (since format version 4): the
// buying centres, the negotiation worksheets and the targets.

// documentPlanning are the dataset's stakeholders, worksheets and
// targets of its customers, never nil: stakeholders in the dataset's
// order, worksheets and targets in the customers' order.
func documentPlanning(d model.Dataset) ([]model.Stakeholder, []model.Worksheet, []model.Target) {
	names := customerNames(d)
	order := make(map[string]int, len(d.Customers))
	for i, c := range d.Customers {
		order[c.ID] = i
	}
	ss := []model.Stakeholder{}
	for _, s := range d.Stakeholders {
		if _, ok := names[s.CustomerID]; ok {
			ss = append(ss, s)
		}
	}
	ws := []model.Worksheet{}
	for _, w := range d.Worksheets {
		if _, ok := names[w.CustomerID]; ok {
			ws = append(ws, w)
		}
	}
	slices.SortStableFunc(ws, func(a, b model.Worksheet) int { return order[a.CustomerID] - order[b.CustomerID] })
	ts := []model.Target{}
	for _, t := range d.Targets {
		if _, ok := names[t.CustomerID]; ok {
			ts = append(ts, t)
		}
	}
	slices.SortStableFunc(ts, func(a, b model.Target) int { return order[a.CustomerID] - order[b.CustomerID] })
	return ss, ws, ts
}

// readPlanning checks and cleans the account planning of an export:
// customers holds the IDs of its customers. It returns the detail of an
// "invalid" ImportError, or "". Empty lists come back as nil, as the
// store loads them.
func readPlanning(doc Document, workshopID string, customers map[string]bool) ([]model.Stakeholder, []model.Worksheet, []model.Target, string) {
	var ss []model.Stakeholder
	ids := map[string]bool{}
	for i, s := range doc.Stakeholders {
		s.Name, s.Title, s.Owner = model.CleanText(s.Name), model.CleanText(s.Title), model.CleanText(s.Owner)
		s.LastContact, s.Notes = model.CleanText(s.LastContact), model.CleanNote(s.Notes)
		switch {
		case s.ID == "":
			return nil, nil, nil, fmt.Sprintf("stakeholders[%d]: id is required", i)
		case ids[s.ID]:
			return nil, nil, nil, fmt.Sprintf("stakeholders[%d]: duplicate id %s", i, s.ID)
		case s.WorkshopID != workshopID:
			return nil, nil, nil, fmt.Sprintf("stakeholders[%d]: workshop_id %q is not the workshop's id", i, model.CleanText(s.WorkshopID))
		case !customers[s.CustomerID]:
			return nil, nil, nil, fmt.Sprintf("stakeholders[%d]: customer_id %q is not a customer of the workshop", i, model.CleanText(s.CustomerID))
		}
		if err := s.Validate(); err != nil {
			return nil, nil, nil, fmt.Sprintf("stakeholders[%d]: %v", i, err)
		}
		ids[s.ID] = true
		ss = append(ss, s)
	}
	var ws []model.Worksheet
	seen := map[string]bool{}
	for i, w := range doc.Worksheets {
		w = w.Clean()
		switch {
		case w.WorkshopID != workshopID:
			return nil, nil, nil, fmt.Sprintf("worksheets[%d]: workshop_id %q is not the workshop's id", i, model.CleanText(w.WorkshopID))
		case !customers[w.CustomerID]:
			return nil, nil, nil, fmt.Sprintf("worksheets[%d]: customer_id %q is not a customer of the workshop", i, model.CleanText(w.CustomerID))
		case seen[w.CustomerID]:
			return nil, nil, nil, fmt.Sprintf("worksheets[%d]: a second worksheet of customer %s", i, w.CustomerID)
		}
		if err := w.Validate(); err != nil {
			return nil, nil, nil, fmt.Sprintf("worksheets[%d]: %v", i, err)
		}
		seen[w.CustomerID] = true
		ws = append(ws, w)
	}
	var ts []model.Target
	seen = map[string]bool{}
	for i, t := range doc.Targets {
		t.By, t.Note = model.CleanText(t.By), model.CleanNote(t.Note)
		switch {
		case t.WorkshopID != workshopID:
			return nil, nil, nil, fmt.Sprintf("targets[%d]: workshop_id %q is not the workshop's id", i, model.CleanText(t.WorkshopID))
		case !customers[t.CustomerID]:
			return nil, nil, nil, fmt.Sprintf("targets[%d]: customer_id %q is not a customer of the workshop", i, model.CleanText(t.CustomerID))
		case seen[t.CustomerID]:
			return nil, nil, nil, fmt.Sprintf("targets[%d]: a second target of customer %s", i, t.CustomerID)
		}
		if err := t.Validate(); err != nil {
			return nil, nil, nil, fmt.Sprintf("targets[%d]: %v", i, err)
		}
		seen[t.CustomerID] = true
		ts = append(ts, t)
	}
	return ss, ws, ts, ""
}
