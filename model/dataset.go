package model

// Dataset is one workshop with everything recorded in it: its customers,
// their answers, the action plan and the closed rounds. It is what the
// store loads and saves as a whole, and what exports carry.
type Dataset struct {
	Workshop  Workshop
	Customers []Customer
	// Answers maps a customer ID to that customer's answers keyed by
	// question ID.
	Answers map[string]map[string]Answer
	// Actions are the customers' actions in the order they were made.
	Actions []Action
	// Rounds are the closed rounds, the first one first.
	Rounds []Round
	// Participants, SilentRounds and Votes are the team scoring: the
	// people who score, in the order they were added; the silent rounds,
	// in the order they were opened; every vote, ordered by SortVotes.
	Participants []Participant
	SilentRounds []SilentRound
	Votes        []Vote
	// Stakeholders are the customers' buying centres, in the order they
	// were added; Worksheets and Targets hold at most one per customer,
	// in the order of the customers.
	Stakeholders []Stakeholder
	Worksheets   []Worksheet
	Targets      []Target
}

// Assess scores every customer of the dataset against the questions, with
// revenue converted to the workshop's base currency for ranking.
func (d Dataset) Assess(questions []Question) []Assessment {
	as := AssessAll(d.Workshop.Thresholds, questions, d.Customers, d.Answers)
	ConvertRevenue(as, d.Workshop)
	return as
}

// StakeholdersOf lists one customer's stakeholders in the dataset's order.
func (d Dataset) StakeholdersOf(customerID string) []Stakeholder {
	var out []Stakeholder
	for _, s := range d.Stakeholders {
		if s.CustomerID == customerID {
			out = append(out, s)
		}
	}
	return out
}

// WorksheetOf finds one customer's negotiation worksheet.
func (d Dataset) WorksheetOf(customerID string) (Worksheet, bool) {
	for _, w := range d.Worksheets {
		if w.CustomerID == customerID {
			return w, true
		}
	}
	return Worksheet{}, false
}

// TargetOf finds one customer's target position.
func (d Dataset) TargetOf(customerID string) (Target, bool) {
	for _, t := range d.Targets {
		if t.CustomerID == customerID {
			return t, true
		}
	}
	return Target{}, false
}

// CustomerPart is what deleting a customer removes, as a dataset that
// puts it back (the store's Restore): the customer with its answers,
// actions, silent rounds and their votes (with the workshop's
// participants, whom the rounds name), its buying centre, worksheet and
// target.
func (d Dataset) CustomerPart(customerID string) Dataset {
	part := Dataset{Workshop: d.Workshop, Participants: d.Participants, Answers: map[string]map[string]Answer{}}
	for _, c := range d.Customers {
		if c.ID == customerID {
			part.Customers = append(part.Customers, c)
		}
	}
	if a := d.Answers[customerID]; len(a) > 0 {
		part.Answers[customerID] = a
	}
	part.Actions = FilterActions(d.Actions, ActionFilter{CustomerID: customerID})
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
	part.Stakeholders = d.StakeholdersOf(customerID)
	if w, ok := d.WorksheetOf(customerID); ok {
		part.Worksheets = []Worksheet{w}
	}
	if t, ok := d.TargetOf(customerID); ok {
		part.Targets = []Target{t}
	}
	return part
}
