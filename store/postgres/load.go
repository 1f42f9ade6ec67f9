package postgres

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"

	"styrka/model"
	"styrka/store"
)

// Load reads a workshop with its customers (in creation order), all
// their answers, its actions (in creation order), its rounds (by number)
// and its team scoring in one snapshot. Answers has an entry, possibly
// empty, for every customer.
func (db *DB) Load(workshopID string) (model.Dataset, error) {
	var d model.Dataset
	if err := store.ValidID("workshop", workshopID); err != nil {
		return d, fmt.Errorf("load workshop: %w", err)
	}
	ctx, cancel := db.bulk()
	defer cancel()
	err := db.read(ctx, func(tx pgx.Tx) error {
		var err error
		d, err = loadDataset(ctx, tx, workshopID)
		return err
	})
	if err != nil {
		return model.Dataset{}, fmt.Errorf("load workshop %s: %w", workshopID, err)
	}
	return d, nil
}

func loadDataset(ctx ctxT, tx pgx.Tx, workshopID string) (d model.Dataset, err error) {
	if d.Workshop, err = getWorkshop(ctx, tx, workshopID); err != nil {
		return d, err
	}
	if d.Customers, err = loadCustomers(ctx, tx, workshopID); err != nil {
		return d, err
	}
	if d.Answers, err = loadAnswers(ctx, tx, workshopID, d.Customers); err != nil {
		return d, err
	}
	if d.Actions, err = loadActions(ctx, tx, workshopID); err != nil {
		return d, err
	}
	if d.Rounds, err = loadRounds(ctx, tx, workshopID); err != nil {
		return d, err
	}
	d.Participants, d.SilentRounds, d.Votes, err = loadTeam(ctx, tx, workshopID)
	return d, err
}

// loadAnswers reads a workshop's answers by customer, with an entry for
// every customer.
func loadAnswers(ctx ctxT, tx pgx.Tx, workshopID string, cs []model.Customer) (map[string]map[string]model.Answer, error) {
	out := make(map[string]map[string]model.Answer, len(cs))
	for _, c := range cs {
		out[c.ID] = map[string]model.Answer{}
	}
	// In whatever order the server finds them: a sort would cost it more
	// than the map lookups cost here.
	rows, err := tx.Query(ctx, `SELECT customer_id, question_id, score, note, author, at FROM answers
		WHERE workshop_id = $1`, workshopID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
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
	var cid, qid, note, author []byte
	var score int16
	var at time.Time
	var m map[string]model.Answer
	var last string
	for rows.Next() {
		if err := rows.Scan(&cid, &qid, &score, &note, &author, &at); err != nil {
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
			Note: intern(note), Author: intern(author), At: at.UTC()}
		m[a.QuestionID] = a
	}
	return out, rows.Err()
}

func loadActions(ctx ctxT, tx pgx.Tx, workshopID string) ([]model.Action, error) {
	rows, err := tx.Query(ctx, "SELECT "+actionCols+" FROM actions WHERE workshop_id = $1", workshopID)
	if err != nil {
		return nil, err
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (model.Action, error) {
		var a model.Action
		var kind, status string
		err := r.Scan(&a.WorkshopID, &a.ID, &a.CustomerID, &kind, &a.Text, &a.Owner, &a.Due, &status, &a.Source, &a.Created, &a.Updated)
		a.Kind, a.Status = model.ActionKind(kind), model.ActionStatus(status)
		a.Created, a.Updated = a.Created.UTC(), a.Updated.UTC()
		return a, err
	})
	slices.SortFunc(out, func(a, b model.Action) int {
		return cmp.Or(a.Created.Compare(b.Created), cmp.Compare(a.ID, b.ID))
	})
	return out, err
}

func loadRounds(ctx ctxT, tx pgx.Tx, workshopID string) ([]model.Round, error) {
	rows, err := tx.Query(ctx, "SELECT "+roundCols+" FROM rounds WHERE workshop_id = $1", workshopID)
	if err != nil {
		return nil, err
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (model.Round, error) {
		x := model.Round{Customers: []model.RoundEntry{}}
		err := r.Scan(&x.WorkshopID, &x.ID, &x.Number, &x.Name, &x.ClosedAt)
		x.ClosedAt = x.ClosedAt.UTC()
		return x, err
	})
	if err != nil || len(out) == 0 {
		return out, err
	}
	at := make(map[string]int, len(out))
	for i, r := range out {
		at[r.ID] = i
	}
	rows, err = tx.Query(ctx, `SELECT round_id, customer_id, name, kraljic, preferencing, regime, priority, scores, answers
		FROM round_entries WHERE workshop_id = $1 ORDER BY round_id, position`, workshopID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var rid, kraljic, pref, regime string
		var e model.RoundEntry
		var prio int
		var scores, answers []byte
		if err := rows.Scan(&rid, &e.CustomerID, &e.Name, &kraljic, &pref, &regime, &prio, &scores, &answers); err != nil {
			return nil, err
		}
		e.Kraljic, e.Pref, e.Regime, e.Priority = model.Kraljic(kraljic), model.Preferencing(pref), model.Regime(regime), model.Priority(prio)
		if err := fromJSON(scores, &e.Scores); err != nil {
			return nil, err
		}
		if err := fromJSON(answers, &e.Answers); err != nil {
			return nil, err
		}
		if i, ok := at[rid]; ok {
			out[i].Customers = append(out[i].Customers, e)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	model.SortRounds(out)
	return out, nil
}

// Import stores a whole dataset in one transaction, with the rules of
// the bbolt store's Import: a workshop whose ID exists is ErrExists
// unless replace is true; then everything in it is removed first.
func (db *DB) Import(d model.Dataset, replace bool) error {
	return db.importDataset(d, replace, false)
}

// Restore puts records back into a workshop that exists (ErrNotFound
// otherwise), over any record with the same key, in one transaction,
// changing nothing else.
func (db *DB) Restore(d model.Dataset) error {
	return db.importDataset(d, false, true)
}

func (db *DB) importDataset(d model.Dataset, replace, merge bool) error {
	p, err := store.PrepareImport(d, db.stamp())
	if err != nil {
		return fmt.Errorf("import: %w", err)
	}
	w := p.Workshop
	wargs, err := workshopArgs(w)
	if err != nil {
		return fmt.Errorf("import: %w", err)
	}
	var entries [][]any
	for _, r := range p.Rounds {
		rows, err := entryRows(r)
		if err != nil {
			return fmt.Errorf("import: %w", err)
		}
		entries = append(entries, rows...)
	}
	silent := make([][]any, 0, len(p.SilentRounds))
	for _, r := range p.SilentRounds {
		row, err := silentRow(r)
		if err != nil {
			return fmt.Errorf("import: %w", err)
		}
		silent = append(silent, row)
	}
	var answers [][]any
	for _, m := range p.Answers {
		for _, a := range m {
			answers = append(answers, answerRow(w.ID, a))
		}
	}
	lists := []struct {
		t    table
		rows [][]any
	}{
		{tCustomers, mapRows(p.Customers, customerArgs)},
		{tAnswers, answers},
		{tActions, mapRows(p.Actions, actionRow)},
		{tRounds, mapRows(p.Rounds, roundRow)},
		{tEntries, entries},
		{tParticipants, mapRows(p.Participants, participantRow)},
		{tSilentRounds, silent},
		{tVotes, mapRows(p.Votes, func(v model.Vote) []any { return voteRow(w.ID, v) })},
	}

	ctx, cancel := db.bulk()
	defer cancel()
	err = db.write(ctx, w.ID, "workshop", "", func(tx pgx.Tx) error {
		exists := true
		err := tx.QueryRow(ctx, "SELECT true FROM workshops WHERE id = $1 FOR UPDATE", w.ID).Scan(&exists)
		if errors.Is(err, pgx.ErrNoRows) {
			exists = false
		} else if err != nil {
			return err
		}
		switch {
		case merge && !exists:
			return fmt.Errorf("workshop %s: %w", w.ID, store.ErrNotFound)
		case merge:
			return mergeRows(ctx, tx, wargs, p.Rounds, lists)
		case exists && !replace:
			return fmt.Errorf("workshop %s: %w", w.ID, store.ErrExists)
		case exists:
			for _, t := range []string{"customers", "rounds", "participants"} {
				if _, err := tx.Exec(ctx, "DELETE FROM "+t+" WHERE workshop_id = $1", w.ID); err != nil {
					return err
				}
			}
		}
		if _, err := tx.Exec(ctx, tWorkshops.upsert(), wargs...); err != nil {
			return err
		}
		for _, l := range lists {
			if len(l.rows) == 0 {
				continue
			}
			if _, err := tx.CopyFrom(ctx, pgx.Identifier{l.t.name}, l.t.cols, pgx.CopyFromRows(l.rows)); err != nil {
				return fmt.Errorf("%s: %w", l.t.name, err)
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("import workshop %s: %w", w.ID, err)
	}
	return nil
}

// mergeRows writes the workshop and the lists over the rows with the same
// keys, in one batch; a restored round's snapshot replaces the stored
// one's.
func mergeRows(ctx ctxT, tx pgx.Tx, wargs []any, rounds []model.Round, lists []struct {
	t    table
	rows [][]any
}) error {
	b := &pgx.Batch{}
	b.Queue(tWorkshops.upsert(), wargs...)
	for _, l := range lists {
		if l.t.name == tEntries.name {
			for _, r := range rounds {
				b.Queue("DELETE FROM round_entries WHERE workshop_id = $1 AND round_id = $2", r.WorkshopID, r.ID)
			}
		}
		sql := l.t.upsert()
		for _, row := range l.rows {
			b.Queue(sql, row...)
		}
	}
	return tx.SendBatch(ctx, b).Close()
}

func mapRows[T any](xs []T, row func(T) []any) [][]any {
	out := make([][]any, len(xs))
	for i, x := range xs {
		out[i] = row(x)
	}
	return out
}
