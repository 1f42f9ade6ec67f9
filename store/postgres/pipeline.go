package postgres

import (
	"cmp"
	"errors"
	"fmt"
	"slices"

	"github.com/jackc/pgx/v5"

	"styrka/model"
	"styrka/store"
)

// queueDataset queues the queries that read a workshop with everything
// in it into b, so that they go to the server together: one round trip,
// not twelve. finish completes d once the batch's results are read.
func queueDataset(b *pgx.Batch, workshopID string, d *model.Dataset) (finish func() error) {
	args := []any{workshopID}
	found := false
	b.Queue("SELECT "+workshopCols+" FROM workshops WHERE id = $1", args...).QueryRow(func(row pgx.Row) error {
		w, err := scanWorkshop(row)
		if errors.Is(err, pgx.ErrNoRows) {
			return nil // said by finish: the other results must be read
		}
		d.Workshop, found = w, true
		return err
	})
	b.Queue("SELECT "+customerCols+" FROM customers WHERE workshop_id = $1", args...).Query(func(rows pgx.Rows) error {
		var err error
		d.Customers, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (model.Customer, error) { return scanCustomer(r) })
		return err
	})
	b.Queue(answerQuery, args...).Query(func(rows pgx.Rows) error {
		var err error
		d.Answers, err = scanAnswers(rows)
		return err
	})
	b.Queue("SELECT "+actionCols+" FROM actions WHERE workshop_id = $1", args...).Query(func(rows pgx.Rows) error {
		var err error
		d.Actions, err = pgx.CollectRows(rows, scanAction)
		return err
	})
	b.Queue("SELECT "+roundCols+" FROM rounds WHERE workshop_id = $1", args...).Query(func(rows pgx.Rows) error {
		var err error
		d.Rounds, err = pgx.CollectRows(rows, scanRound)
		return err
	})
	var entries []entry
	b.Queue(`SELECT round_id, customer_id, name, kraljic, preferencing, regime, priority, scores, answers
		FROM round_entries WHERE workshop_id = $1 ORDER BY round_id, position`, args...).Query(func(rows pgx.Rows) error {
		var err error
		entries, err = pgx.CollectRows(rows, scanEntry)
		return err
	})
	b.Queue("SELECT "+participantCols+" FROM participants WHERE workshop_id = $1", args...).Query(func(rows pgx.Rows) error {
		var err error
		d.Participants, err = pgx.CollectRows(rows, scanParticipant)
		return err
	})
	b.Queue("SELECT "+silentCols+" FROM silent_rounds WHERE workshop_id = $1", args...).Query(func(rows pgx.Rows) error {
		var err error
		d.SilentRounds, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (model.SilentRound, error) { return scanSilentRound(r) })
		return err
	})
	b.Queue(voteQuery, args...).Query(func(rows pgx.Rows) error {
		var err error
		d.Votes, err = pgx.CollectRows(rows, scanVote)
		return err
	})
	queuePlanning(b, workshopID, d)
	return func() error {
		if !found {
			return fmt.Errorf("workshop %s: %w", workshopID, store.ErrNotFound)
		}
		sortCustomers(d.Customers)
		if d.Answers == nil {
			d.Answers = make(map[string]map[string]model.Answer, len(d.Customers))
		}
		for _, c := range d.Customers {
			if d.Answers[c.ID] == nil {
				d.Answers[c.ID] = map[string]model.Answer{}
			}
		}
		sortActions(d.Actions)
		attachEntries(d.Rounds, entries)
		model.SortParticipants(d.Participants)
		model.SortSilentRounds(d.SilentRounds)
		model.SortVotes(d.Votes)
		sortPlanning(d)
		return nil
	}
}

// answerQuery reads a workshop's answers for scanAnswers.
const answerQuery = `SELECT customer_id, question_id, score, note, author, at, source, source_ref, confirmed_by, confirmed_at
	FROM answers WHERE workshop_id = $1`

// scanAnswers reads answers by customer.
func scanAnswers(rows pgx.Rows) (map[string]map[string]model.Answer, error) {
	defer rows.Close()
	out := map[string]map[string]model.Answer{}
	// Question IDs, authors and notes repeat: one string each.
	in := map[string]string{}
	intern := func(b []byte) string {
		if s, ok := in[string(b)]; ok {
			return s
		}
		s := string(b)
		if len(in) < 1<<16 {
			in[s] = s
		}
		return s
	}
	var cid, qid, note, author, source, ref, by []byte
	var score int16
	var at timeT
	var confirmed *timeT
	var m map[string]model.Answer
	var last string
	for rows.Next() {
		if err := rows.Scan(&cid, &qid, &score, &note, &author, &at, &source, &ref, &by, &confirmed); err != nil {
			return nil, err
		}
		if m == nil || string(cid) != last {
			last = string(cid)
			if m = out[last]; m == nil {
				m = map[string]model.Answer{}
				out[last] = m
			}
		}
		a := model.Answer{CustomerID: last, QuestionID: intern(qid), Score: model.Score(score),
			Note: intern(note), Author: intern(author), At: at.UTC(),
			Source: model.AnswerSource(intern(source)), SourceRef: intern(ref), ConfirmedBy: intern(by), ConfirmedAt: fromNull(confirmed)}
		m[a.QuestionID] = a
	}
	return out, rows.Err()
}

func scanAction(r pgx.CollectableRow) (model.Action, error) {
	var a model.Action
	var kind, status string
	err := r.Scan(&a.WorkshopID, &a.ID, &a.CustomerID, &kind, &a.Text, &a.Owner, &a.Due, &status, &a.Source, &a.Created, &a.Updated)
	a.Kind, a.Status = model.ActionKind(kind), model.ActionStatus(status)
	a.Created, a.Updated = a.Created.UTC(), a.Updated.UTC()
	return a, err
}

// sortActions puts actions in the order they were made.
func sortActions(as []model.Action) {
	slices.SortFunc(as, func(a, b model.Action) int {
		return cmp.Or(a.Created.Compare(b.Created), cmp.Compare(a.ID, b.ID))
	})
}

func scanRound(r pgx.CollectableRow) (model.Round, error) {
	x := model.Round{Customers: []model.RoundEntry{}}
	err := r.Scan(&x.WorkshopID, &x.ID, &x.Number, &x.Name, &x.ClosedAt)
	x.ClosedAt = x.ClosedAt.UTC()
	return x, err
}

// entry is a round's customer with the round it belongs to.
type entry struct {
	round string
	e     model.RoundEntry
}

func scanEntry(r pgx.CollectableRow) (entry, error) {
	var x entry
	var kraljic, pref, regime string
	var prio int
	var scores, answers []byte
	if err := r.Scan(&x.round, &x.e.CustomerID, &x.e.Name, &kraljic, &pref, &regime, &prio, &scores, &answers); err != nil {
		return x, err
	}
	x.e.Kraljic, x.e.Pref, x.e.Regime, x.e.Priority = model.Kraljic(kraljic), model.Preferencing(pref), model.Regime(regime), model.Priority(prio)
	return x, errors.Join(fromJSON(scores, &x.e.Scores), fromJSON(answers, &x.e.Answers))
}

// attachEntries gives the rounds their customers (entries in order) and
// sorts them.
func attachEntries(rounds []model.Round, entries []entry) {
	at := make(map[string]int, len(rounds))
	for i, r := range rounds {
		at[r.ID] = i
	}
	for _, x := range entries {
		if i, ok := at[x.round]; ok {
			rounds[i].Customers = append(rounds[i].Customers, x.e)
		}
	}
	model.SortRounds(rounds)
}

func scanParticipant(r pgx.CollectableRow) (model.Participant, error) {
	var p model.Participant
	err := r.Scan(&p.WorkshopID, &p.ID, &p.Name, &p.Role, &p.Identity, &p.Created)
	p.Created = p.Created.UTC()
	return p, err
}

const voteQuery = "SELECT round_id, question_id, revote, participant_id, score, note, at FROM votes WHERE workshop_id = $1"

func scanVote(r pgx.CollectableRow) (model.Vote, error) {
	var v model.Vote
	var score int16
	err := r.Scan(&v.RoundID, &v.QuestionID, &v.Revote, &v.ParticipantID, &score, &v.Note, &v.At)
	v.Score, v.At = model.Score(score), v.At.UTC()
	return v, err
}
