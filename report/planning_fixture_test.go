package report_test

import (
	"testing"
	"time"

	"styrka/model"
	"styrka/report"
)

// plannedToday is the day the planned fixture's briefs are written.
var plannedToday = time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)

// plannedCustomer is the demo customer the fixture plans: Leverage × Core
// where the customer dominates, P1.
const plannedCustomer = "Östervik Vagnfabrik AB"

// plannedInput is the demo workshop with account planning for one
// customer: a buying centre of two without an economic buyer and no
// recent contact, a filled-in worksheet, a target of Strategic × Core,
// actions tied to the gap, a closed round from before the risk answers
// rose, an answer confirmed and one marked as our estimate.
func plannedInput(t testing.TB, lang string) (report.Input, string) {
	t.Helper()
	in := demoInput(t, lang)
	in.Today = plannedToday
	ds := &in.Dataset
	wid := ds.Workshop.ID
	cid := customerID(t, *ds, plannedCustomer)
	at := time.Date(2026, 10, 1, 9, 0, 0, 0, time.UTC)

	// A round closed when supply risk was a step lower everywhere.
	qs := in.Content.Questions()
	old := model.Dataset{Workshop: ds.Workshop, Customers: ds.Customers, Answers: map[string]map[string]model.Answer{}}
	for id, m := range ds.Answers {
		cp := map[string]model.Answer{}
		for q, a := range m {
			if id == cid && a.Score > 1 && (q == "them.risk.suppliers" || q == "them.risk.switching_cost") {
				a.Score--
			}
			cp[q] = a
		}
		old.Answers[id] = cp
	}
	r := model.Snapshot(old, qs, at)
	r.ID, r.Name = "round-1", "Vår"
	ds.Rounds = []model.Round{r}

	ans := ds.Answers[cid]
	a := ans["them.risk.suppliers"]
	ans["them.risk.suppliers"] = a.Confirm("Eva Ek", time.Date(2026, 11, 12, 14, 0, 0, 0, time.UTC))
	a = ans["them.impact.spend_share"]
	a.Source = model.FromEstimate
	ans["them.impact.spend_share"] = a
	a = ans["them.risk.switching_cost"]
	a.Source, a.SourceRef = model.FromCustomer, "Åsa Lind, inköpschef"
	ans["them.risk.switching_cost"] = a

	ds.Stakeholders = []model.Stakeholder{
		{ID: "s-1", WorkshopID: wid, CustomerID: cid, Name: "Åsa Lind", Title: "Inköpschef", Role: model.Gatekeeper,
			Attitude: model.Sceptical, Level: model.Manager, Owner: "Eva Ek", LastContact: "2026-04-20", Created: at, Updated: at},
		{ID: "s-2", WorkshopID: wid, CustomerID: cid, Name: "Örjan Häll", Title: "Produktionschef", Role: model.UserBuyer,
			Attitude: model.Supportive, Level: model.Manager, Owner: "Jonas Berg", LastContact: "2026-05-02", Created: at.Add(time.Minute), Updated: at},
	}
	ds.Worksheets = []model.Worksheet{{WorkshopID: wid, CustomerID: cid,
		Target: "Treårsavtal, +3 % på stålpriset", WalkAway: "Ettårsavtal utan höjning", Floor: "Täckningsbidrag 18 %",
		Give: []string{"Konsignationslager i Östervik", "Fri teknisk support"}, Get: []string{"Treårsavtal", "Prognos varje kvartal"},
		Notes: "Åsa vill visa besparing före årsskiftet.", Updated: at}}
	ds.Targets = []model.Target{{WorkshopID: wid, CustomerID: cid, Kraljic: model.Strategic, Pref: model.Core, By: "2027-06-30",
		Note: "Bli systemleverantör av chassit.", Updated: at}}
	ds.Actions = []model.Action{
		{ID: "a-1", WorkshopID: wid, CustomerID: cid, Kind: model.Start, Text: "Erbjud konsignationslager", Owner: "Eva Ek",
			Due: "2027-01-31", Status: model.StatusOpen, Source: model.SourceGap(model.SupplyRisk), Created: at, Updated: at},
		{ID: "a-2", WorkshopID: wid, CustomerID: cid, Kind: model.Develop, Text: "Boka möte med vd", Owner: "Jonas Berg",
			Status: model.StatusDone, Source: model.SourceTarget, Created: at.Add(time.Minute), Updated: at},
		{ID: "a-3", WorkshopID: wid, CustomerID: customerID(t, *ds, "Åkerlunds Järnhandel AB"), Kind: model.Stop, Text: "Sluta med fria leveranser",
			Status: model.StatusOpen, Created: at.Add(2 * time.Minute), Updated: at},
	}
	return in, cid
}
