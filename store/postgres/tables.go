package postgres

import (
	"fmt"
	"strings"

	"styrka/model"
)

// table describes one table for the generic writes: its columns, the
// first key of them its primary key.
type table struct {
	name string
	cols []string
	key  int
}

var (
	tWorkshops    = table{"workshops", split(workshopCols), 1}
	tCustomers    = table{"customers", split(customerCols), 2}
	tAnswers      = table{"answers", split(answerCols), 3}
	tActions      = table{"actions", split(actionCols), 2}
	tRounds       = table{"rounds", split(roundCols), 2}
	tEntries      = table{"round_entries", split(entryCols), 3}
	tParticipants = table{"participants", split(participantCols), 2}
	tSilentRounds = table{"silent_rounds", split(silentCols), 2}
	tVotes        = table{"votes", split(voteCols), 5}
	tStakeholders = table{"stakeholders", split(stakeholderCols), 3}
	tWorksheets   = table{"worksheets", split(worksheetCols), 2}
	tTargets      = table{"targets", split(targetCols), 2}
)

func split(cols string) []string {
	out := strings.Split(cols, ",")
	for i, c := range out {
		out[i] = strings.TrimSpace(c)
	}
	return out
}

// upsert is the statement that inserts a row or replaces the row with
// its key.
func (t table) upsert() string {
	var b strings.Builder
	fmt.Fprintf(&b, "INSERT INTO %s (%s) VALUES (", t.name, strings.Join(t.cols, ", "))
	for i := range t.cols {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "$%d", i+1)
	}
	fmt.Fprintf(&b, ") ON CONFLICT (%s) DO UPDATE SET ", strings.Join(t.cols[:t.key], ", "))
	for i, c := range t.cols[t.key:] {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%s = excluded.%s", c, c)
	}
	return b.String()
}

const answerCols = "workshop_id, customer_id, question_id, score, note, author, at, source, source_ref, confirmed_by, confirmed_at"

func answerRow(wid string, a model.Answer) []any {
	return []any{wid, a.CustomerID, a.QuestionID, int16(a.Score), a.Note, a.Author, ts(a.At),
		string(a.Source), a.SourceRef, a.ConfirmedBy, ts(a.ConfirmedAt)}
}

const actionCols = "workshop_id, id, customer_id, kind, text, owner, due, status, source, created, updated"

func actionRow(a model.Action) []any {
	return []any{a.WorkshopID, a.ID, a.CustomerID, string(a.Kind), a.Text, a.Owner, a.Due, string(a.Status), a.Source,
		ts(a.Created), ts(a.Updated)}
}

const roundCols = "workshop_id, id, number, name, closed_at"

func roundRow(r model.Round) []any {
	return []any{r.WorkshopID, r.ID, r.Number, r.Name, ts(r.ClosedAt)}
}

const entryCols = "workshop_id, round_id, position, customer_id, name, kraljic, preferencing, regime, priority, scores, answers"

func entryRows(r model.Round) ([][]any, error) {
	out := make([][]any, 0, len(r.Customers))
	for i, e := range r.Customers {
		scores, err := jsonCol(e.Scores)
		if err != nil {
			return nil, err
		}
		answers, err := jsonCol(e.Answers)
		if err != nil {
			return nil, err
		}
		out = append(out, []any{r.WorkshopID, r.ID, i, e.CustomerID, e.Name, string(e.Kraljic), string(e.Pref),
			string(e.Regime), int(e.Priority), scores, answers})
	}
	return out, nil
}

const participantCols = "workshop_id, id, name, role, identity, created"

func participantRow(p model.Participant) []any {
	return []any{p.WorkshopID, p.ID, p.Name, p.Role, p.Identity, ts(p.Created)}
}

const silentCols = `workshop_id, id, customer_id, questions, participants, opened, timebox_seconds, state, revealed,
	closed, revotes, shown, agreed`

func silentRow(r model.SilentRound) ([]any, error) {
	revotes, err := jsonCol(r.Revotes)
	if err != nil {
		return nil, err
	}
	shown, err := jsonCol(r.Shown)
	if err != nil {
		return nil, err
	}
	agreed, err := jsonCol(r.Agreed)
	if err != nil {
		return nil, err
	}
	return []any{r.WorkshopID, r.ID, r.CustomerID, r.Questions, r.Participants, ts(r.Opened), r.TimeboxSeconds,
		string(r.State), ts(r.Revealed), ts(r.Closed), revotes, shown, agreed}, nil
}

const voteCols = "workshop_id, round_id, question_id, revote, participant_id, score, note, at"

func voteRow(wid string, v model.Vote) []any {
	return []any{wid, v.RoundID, v.QuestionID, v.Revote, v.ParticipantID, int16(v.Score), v.Note, ts(v.At)}
}

const stakeholderCols = "workshop_id, customer_id, id, name, title, role, attitude, level, owner, last_contact, notes, created, updated"

func stakeholderRow(s model.Stakeholder) []any {
	return []any{s.WorkshopID, s.CustomerID, s.ID, s.Name, s.Title, string(s.Role), string(s.Attitude), string(s.Level),
		s.Owner, s.LastContact, s.Notes, ts(s.Created), ts(s.Updated)}
}

const worksheetCols = "workshop_id, customer_id, target, walk_away, floor, give, get, alternatives, notes, updated"

func worksheetRow(w model.Worksheet) []any {
	return []any{w.WorkshopID, w.CustomerID, w.Target, w.WalkAway, w.Floor, textArray(w.Give), textArray(w.Get),
		w.Alternatives, w.Notes, ts(w.Updated)}
}

const targetCols = "workshop_id, customer_id, kraljic, preferencing, by_date, note, updated"

func targetRow(t model.Target) []any {
	return []any{t.WorkshopID, t.CustomerID, string(t.Kraljic), string(t.Pref), t.By, t.Note, ts(t.Updated)}
}

// textArray is a list as a text[] column: NULL when empty, as the bbolt
// store's JSON leaves an empty list out.
func textArray(xs []string) []string {
	if len(xs) == 0 {
		return nil
	}
	return xs
}
