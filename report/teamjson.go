package report

import (
	"fmt"
	"slices"

	"styrka/model"
)

// documentTeam is the team scoring of a dataset as an export has it:
// never null, in a stable order.
func documentTeam(d model.Dataset) ([]model.Participant, []model.SilentRound, []model.Vote) {
	ps := append([]model.Participant{}, d.Participants...)
	model.SortParticipants(ps)
	rs := append([]model.SilentRound{}, d.SilentRounds...)
	model.SortSilentRounds(rs)
	vs := append([]model.Vote{}, d.Votes...)
	model.SortVotes(vs)
	return ps, rs, vs
}

// readTeam checks and cleans the team scoring of an export: customers
// holds the IDs of its customers. It returns the detail of an "invalid"
// ImportError, or "". Empty lists come back as nil, as the store loads
// them.
// known are the question IDs in use; empty when the caller gave none.
func readTeam(doc Document, workshopID string, customers, known map[string]bool) ([]model.Participant, []model.SilentRound, []model.Vote, string) {
	var ps []model.Participant
	people := map[string]bool{}
	for i, p := range doc.Participants {
		p.Name = model.CleanText(p.Name)
		p.Role = model.CleanText(p.Role)
		switch {
		case p.ID == "" || p.Name == "":
			return nil, nil, nil, fmt.Sprintf("participants[%d]: id and name are required", i)
		case people[p.ID]:
			return nil, nil, nil, fmt.Sprintf("participants[%d]: duplicate id %s", i, p.ID)
		case p.WorkshopID != workshopID:
			return nil, nil, nil, fmt.Sprintf("participants[%d]: workshop_id %q is not the workshop's id", i, p.WorkshopID)
		case tooLong(p.Name, model.MaxParticipantNameLen) != "":
			return nil, nil, nil, fmt.Sprintf("participants[%d].name: %s", i, tooLong(p.Name, model.MaxParticipantNameLen))
		case tooLong(p.Role, model.MaxParticipantRoleLen) != "":
			return nil, nil, nil, fmt.Sprintf("participants[%d].role: %s", i, tooLong(p.Role, model.MaxParticipantRoleLen))
		}
		people[p.ID] = true
		ps = append(ps, p)
	}
	var rs []model.SilentRound
	rounds := map[string]bool{}
	for i, r := range doc.SilentRounds {
		switch {
		case r.ID == "":
			return nil, nil, nil, fmt.Sprintf("silent_rounds[%d]: id is required", i)
		case rounds[r.ID]:
			return nil, nil, nil, fmt.Sprintf("silent_rounds[%d]: duplicate id %s", i, r.ID)
		case r.WorkshopID != workshopID:
			return nil, nil, nil, fmt.Sprintf("silent_rounds[%d]: workshop_id %q is not the workshop's id", i, r.WorkshopID)
		case !customers[r.CustomerID]:
			return nil, nil, nil, fmt.Sprintf("silent_rounds[%d]: customer_id %q is not a customer of the workshop", i, r.CustomerID)
		case !r.State.Valid():
			return nil, nil, nil, fmt.Sprintf("silent_rounds[%d]: state %q is not open, revealed or closed", i, r.State)
		case len(r.Questions) == 0:
			return nil, nil, nil, fmt.Sprintf("silent_rounds[%d]: questions are required", i)
		}
		if j := slices.IndexFunc(r.Participants, func(p string) bool { return !people[p] }); j >= 0 {
			return nil, nil, nil, fmt.Sprintf("silent_rounds[%d].participants[%d]: %q is not a participant", i, j, r.Participants[j])
		}
		for q, s := range r.Agreed {
			if !s.Valid() {
				return nil, nil, nil, fmt.Sprintf("silent_rounds[%d]: agreed score %d of %s is not 0–5", i, s, q)
			}
		}
		rounds[r.ID] = true
		rs = append(rs, r)
	}
	var vs []model.Vote
	for i, v := range doc.Votes {
		v.Note = model.CleanNote(v.Note)
		switch {
		case !rounds[v.RoundID]:
			return nil, nil, nil, fmt.Sprintf("votes[%d]: round_id %q is not a silent round of the workshop", i, v.RoundID)
		case !people[v.ParticipantID]:
			return nil, nil, nil, fmt.Sprintf("votes[%d]: participant_id %q is not a participant", i, v.ParticipantID)
		case v.QuestionID == "":
			return nil, nil, nil, fmt.Sprintf("votes[%d]: question_id is required", i)
		case len(known) > 0 && !known[v.QuestionID]:
			return nil, nil, nil, fmt.Sprintf("votes[%d].question_id: %q is not a question of the question sets in use", i, v.QuestionID)
		case !v.Score.Valid() || v.Revote < 0:
			return nil, nil, nil, fmt.Sprintf("votes[%d]: score %d (re-vote %d) is not 0–5", i, v.Score, v.Revote)
		case tooLong(v.Note, model.MaxAnswerNoteLen) != "":
			return nil, nil, nil, fmt.Sprintf("votes[%d].note: %s", i, tooLong(v.Note, model.MaxAnswerNoteLen))
		}
		vs = append(vs, v)
	}
	return ps, rs, vs, ""
}
