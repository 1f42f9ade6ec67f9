package store

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"styrka/model"
)

// The rules every backend applies before it writes: the same validation,
// the same IDs and timestamps filled in, the same errors. The bbolt
// backend applies them in its own methods; other backends (store/postgres)
// call these, so that one contract has one set of rules.

// ValidID checks an ID: not empty, at most 128 bytes of UTF-8 without
// control characters or "/". kind names it in the error (ErrInvalid).
func ValidID(kind, id string) error { return validID(kind, id) }

// SortWorkshops puts workshops in the order every list of them has:
// newest date first, then by name.
func SortWorkshops(ws []model.Workshop) {
	slices.SortFunc(ws, func(a, b model.Workshop) int {
		return cmp.Or(
			cmp.Compare(b.Date, a.Date),
			cmp.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)),
			cmp.Compare(a.Name, b.Name),
			cmp.Compare(a.ID, b.ID),
		)
	})
}

// CheckAnswer validates an answer (its IDs and score, ErrInvalid) and
// sets a zero At to now.
func CheckAnswer(a *model.Answer, now time.Time) error {
	if err := cmp.Or(validID("customer", a.CustomerID), validID("question", a.QuestionID)); err != nil {
		return err
	}
	if !a.Score.Valid() {
		return fmt.Errorf("%w: score %d (want %d for don't know, or 1–%d)", ErrInvalid, a.Score, model.DontKnow, model.Levels)
	}
	if err := a.ValidateSource(); err != nil {
		return fmt.Errorf("%w: %v", ErrInvalid, err)
	}
	if a.At.IsZero() {
		a.At = now
	}
	return nil
}

// CheckStakeholder validates a stakeholder of a workshop and gives it an
// ID (ErrInvalid).
func CheckStakeholder(s *model.Stakeholder, workshopID string) error {
	return checkStakeholder(s, workshopID)
}

// CheckConfirmation validates what ConfirmAnswer records: who confirmed
// an answer, cleaned as it is stored (ErrInvalid when empty or too long).
func CheckConfirmation(by string) (string, error) {
	by = model.CleanText(by)
	if by == "" {
		return "", fmt.Errorf("%w: who confirmed it is required", ErrInvalid)
	}
	if err := (model.Answer{ConfirmedBy: by}).ValidateSource(); err != nil {
		return "", fmt.Errorf("%w: %v", ErrInvalid, err)
	}
	return by, nil
}

// CheckSource validates what SetAnswerSource records, the ref cleaned as
// it is stored (ErrInvalid).
func CheckSource(src model.AnswerSource, ref string) (string, error) {
	ref = model.CleanText(ref)
	if err := (model.Answer{Source: src, SourceRef: ref}).ValidateSource(); err != nil {
		return "", fmt.Errorf("%w: %v", ErrInvalid, err)
	}
	return ref, nil
}

// CheckAction validates an action of a workshop and gives it an ID.
func CheckAction(a *model.Action, workshopID string) error { return checkAction(a, workshopID) }

// CheckRound validates a closed round of a workshop, gives it an ID and
// makes a nil Customers empty.
func CheckRound(r *model.Round, workshopID string) error { return checkRound(r, workshopID) }

// CheckParticipant validates a participant of a workshop and gives it an
// ID.
func CheckParticipant(p *model.Participant, workshopID string) error {
	return checkParticipant(p, workshopID)
}

// CheckSilentRound validates a silent round of a workshop and gives it an
// ID.
func CheckSilentRound(r *model.SilentRound, workshopID string) error {
	return checkSilentRound(r, workshopID)
}

// CheckVote validates a vote as SaveVote does before it looks at the
// round, and sets a zero At to now.
func CheckVote(workshopID string, v *model.Vote, now time.Time) error {
	if err := cmp.Or(validID("workshop", workshopID), validID("silent round", v.RoundID),
		validID("participant", v.ParticipantID), validID("question", v.QuestionID)); err != nil {
		return err
	}
	if !v.Score.Valid() {
		return fmt.Errorf("%w: score %d (want %d for don't know, or 1–%d)", ErrInvalid, v.Score, model.DontKnow, model.Levels)
	}
	if v.Revote < 0 {
		return fmt.Errorf("%w: re-vote %d", ErrInvalid, v.Revote)
	}
	if v.At.IsZero() {
		v.At = now
	}
	return nil
}

// PrepareCustomers checks customers for PutCustomers and AddWorkshop and
// gives them IDs and times, in the order given: stamped[i] is true when
// the i-th customer's Created was set here (to now plus step times its
// place, so the workshop lists them in the order given), to give way to
// that of a stored customer with the same ID. bbolt steps by a
// nanosecond; a backend whose clock is coarser passes its resolution.
func PrepareCustomers(workshopID string, cs []model.Customer, now time.Time, step time.Duration) (out []model.Customer, stamped []bool, err error) {
	out = make([]model.Customer, 0, len(cs))
	stamped = make([]bool, 0, len(cs))
	seen := make(map[string]bool, len(cs))
	for i, c := range cs {
		if c.ID == "" {
			c.ID = NewID()
		}
		if err := validID("customer", c.ID); err != nil {
			return nil, nil, err
		}
		if seen[c.ID] {
			return nil, nil, fmt.Errorf("%w: customer %s twice", ErrInvalid, c.ID)
		}
		seen[c.ID] = true
		if c.WorkshopID == "" {
			c.WorkshopID = workshopID
		}
		if c.WorkshopID != workshopID {
			return nil, nil, fmt.Errorf("%w: customer %s belongs to workshop %s, not %s", ErrInvalid, c.ID, c.WorkshopID, workshopID)
		}
		s := c.Created.IsZero()
		if s {
			c.Created = now.Add(time.Duration(i) * step)
		}
		c.Updated = now
		out = append(out, c)
		stamped = append(stamped, s)
	}
	return out, stamped, nil
}

// answersOwned checks that every customer with answers is in the
// dataset (customers holds its IDs).
func answersOwned(answers map[string]map[string]model.Answer, customers map[string]bool) error {
	for cid, m := range answers {
		if len(m) > 0 && !customers[cid] {
			return fmt.Errorf("%w: answers of customer %s, who is not in the dataset", ErrInvalid, cid)
		}
	}
	return nil
}

// prepareAnswer checks an answer filed under customer cid and question
// qid, filling in the IDs where empty, as CheckAnswer does the rest.
func prepareAnswer(a *model.Answer, cid, qid string, now time.Time) error {
	if a.CustomerID == "" {
		a.CustomerID = cid
	}
	if a.QuestionID == "" {
		a.QuestionID = qid
	}
	if a.CustomerID != cid || a.QuestionID != qid {
		return fmt.Errorf("%w: answer %s/%s filed under %s/%s", ErrInvalid, a.CustomerID, a.QuestionID, cid, qid)
	}
	return CheckAnswer(a, now)
}

// PrepareImport checks a dataset as Import and Restore do and returns it
// ready to store, its account planning too: IDs given where empty,
// WorkshopID, CustomerID and QuestionID filled in, zero timestamps set to now and zero round numbers
// to the next ones. Answers has only the customers that have answers.
// Every error is ErrInvalid.
func PrepareImport(d model.Dataset, now time.Time) (model.Dataset, error) {
	return prepareImport(d, now, true)
}

// prepareImport is PrepareImport; without answers it leaves them out of
// the result, for a caller that checks each with prepareAnswer as it
// writes it (bbolt's import, which encodes 200,000 of them in key order
// and need not copy them first).
func prepareImport(d model.Dataset, now time.Time, answers bool) (model.Dataset, error) {
	out := model.Dataset{Workshop: d.Workshop}
	w := &out.Workshop
	if w.ID == "" {
		w.ID = NewID()
	}
	if err := validID("workshop", w.ID); err != nil {
		return out, err
	}
	if w.Created.IsZero() {
		w.Created = now
	}
	if w.Updated.IsZero() {
		w.Updated = now
	}
	seen := make(map[string]bool, len(d.Customers))
	out.Customers = make([]model.Customer, 0, len(d.Customers))
	for _, c := range d.Customers {
		if c.ID == "" {
			c.ID = NewID()
		}
		if err := validID("customer", c.ID); err != nil {
			return out, err
		}
		if seen[c.ID] {
			return out, fmt.Errorf("%w: customer %s twice", ErrInvalid, c.ID)
		}
		seen[c.ID] = true
		if c.WorkshopID == "" {
			c.WorkshopID = w.ID
		}
		if c.WorkshopID != w.ID {
			return out, fmt.Errorf("%w: customer %s belongs to workshop %s, not %s", ErrInvalid, c.ID, c.WorkshopID, w.ID)
		}
		if c.Created.IsZero() {
			c.Created = now
		}
		if c.Updated.IsZero() {
			c.Updated = now
		}
		out.Customers = append(out.Customers, c)
	}
	if err := answersOwned(d.Answers, seen); err != nil {
		return out, err
	}
	if answers {
		out.Answers = make(map[string]map[string]model.Answer, len(d.Answers))
		for cid, m := range d.Answers {
			if len(m) == 0 {
				continue
			}
			om := make(map[string]model.Answer, len(m))
			for qid, a := range m {
				if err := prepareAnswer(&a, cid, qid, now); err != nil {
					return out, err
				}
				om[qid] = a
			}
			out.Answers[cid] = om
		}
	}

	acts := make(map[string]bool, len(d.Actions))
	for _, a := range d.Actions {
		if a.WorkshopID == "" {
			a.WorkshopID = w.ID
		}
		if err := checkAction(&a, w.ID); err != nil {
			return out, err
		}
		if acts[a.ID] {
			return out, fmt.Errorf("%w: action %s twice", ErrInvalid, a.ID)
		}
		acts[a.ID] = true
		if !seen[a.CustomerID] {
			return out, fmt.Errorf("%w: action %s of customer %s, who is not in the dataset", ErrInvalid, a.ID, a.CustomerID)
		}
		if a.Created.IsZero() {
			a.Created = now
		}
		if a.Updated.IsZero() {
			a.Updated = now
		}
		out.Actions = append(out.Actions, a)
	}

	ids, numbers := map[string]bool{}, map[int]bool{}
	next := model.NextRoundNumber(d.Rounds)
	for _, r := range d.Rounds {
		if r.WorkshopID == "" {
			r.WorkshopID = w.ID
		}
		if err := checkRound(&r, w.ID); err != nil {
			return out, err
		}
		if r.Number == 0 {
			r.Number = next
			next++
		}
		if ids[r.ID] || numbers[r.Number] {
			return out, fmt.Errorf("%w: round %s (number %d) twice", ErrInvalid, r.ID, r.Number)
		}
		ids[r.ID], numbers[r.Number] = true, true
		if r.ClosedAt.IsZero() {
			r.ClosedAt = now
		}
		out.Rounds = append(out.Rounds, r)
	}

	people := map[string]bool{}
	for _, p := range d.Participants {
		if p.WorkshopID == "" {
			p.WorkshopID = w.ID
		}
		if err := checkParticipant(&p, w.ID); err != nil {
			return out, err
		}
		if people[p.ID] {
			return out, fmt.Errorf("%w: participant %s twice", ErrInvalid, p.ID)
		}
		people[p.ID] = true
		if p.Created.IsZero() {
			p.Created = now
		}
		out.Participants = append(out.Participants, p)
	}
	rounds := map[string]bool{}
	for _, r := range d.SilentRounds {
		if r.WorkshopID == "" {
			r.WorkshopID = w.ID
		}
		if err := checkSilentRound(&r, w.ID); err != nil {
			return out, err
		}
		if rounds[r.ID] {
			return out, fmt.Errorf("%w: silent round %s twice", ErrInvalid, r.ID)
		}
		if !seen[r.CustomerID] {
			return out, fmt.Errorf("%w: silent round %s of customer %s, who is not in the dataset", ErrInvalid, r.ID, r.CustomerID)
		}
		for _, p := range r.Participants {
			if !people[p] {
				return out, fmt.Errorf("%w: silent round %s: participant %s is not in the dataset", ErrInvalid, r.ID, p)
			}
		}
		if r.Opened.IsZero() {
			r.Opened = now
		}
		rounds[r.ID] = true
		out.SilentRounds = append(out.SilentRounds, r)
	}
	votes := map[string]bool{}
	for _, x := range d.Votes {
		if err := cmp.Or(validID("silent round", x.RoundID), validID("participant", x.ParticipantID), validID("question", x.QuestionID)); err != nil {
			return out, err
		}
		if !rounds[x.RoundID] {
			return out, fmt.Errorf("%w: a vote in silent round %s, which is not in the dataset", ErrInvalid, x.RoundID)
		}
		if !people[x.ParticipantID] {
			return out, fmt.Errorf("%w: a vote by participant %s, who is not in the dataset", ErrInvalid, x.ParticipantID)
		}
		if !x.Score.Valid() || x.Revote < 0 {
			return out, fmt.Errorf("%w: vote score %d, re-vote %d", ErrInvalid, x.Score, x.Revote)
		}
		if x.At.IsZero() {
			x.At = now
		}
		key := string(voteKey(w.ID, x))
		if votes[key] {
			return out, fmt.Errorf("%w: two votes by %s on %s in silent round %s", ErrInvalid, x.ParticipantID, x.QuestionID, x.RoundID)
		}
		votes[key] = true
		out.Votes = append(out.Votes, x)
	}
	var err error
	if out.Stakeholders, out.Worksheets, out.Targets, err = preparePlanning(d, w.ID, seen, now); err != nil {
		return out, err
	}
	return out, nil
}
