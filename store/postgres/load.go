package postgres

import (
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"styrka/model"
	"styrka/store"
)

// Load reads a workshop with its customers (in creation order), all
// their answers, its actions (in creation order), its rounds (by number),
// its team scoring and its account planning (stakeholders in the order
// they were added, worksheets and targets in the customers' order) in one
// snapshot. Answers has an entry, possibly
// empty, for every customer.
func (db *DB) Load(workshopID string) (model.Dataset, error) {
	var d model.Dataset
	if err := store.ValidID("workshop", workshopID); err != nil {
		return d, fmt.Errorf("load workshop: %w", err)
	}
	if db.closed.Load() {
		return d, fmt.Errorf("load workshop %s: %w", workshopID, store.ErrClosed)
	}
	ctx, cancel := db.bulk()
	defer cancel()
	// One round trip: the transaction (one snapshot for every query) and
	// the queries go to the server together.
	b := &pgx.Batch{}
	b.Queue("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
	finish := queueDataset(b, workshopID, &d)
	b.Queue("COMMIT")
	err := db.pool.SendBatch(ctx, b).Close()
	if err == nil {
		err = finish()
	}
	err = db.fail(err)
	if err != nil {
		return model.Dataset{}, fmt.Errorf("load workshop %s: %w", workshopID, err)
	}
	return d, nil
}

// loadDataset reads a workshop with everything in it in a transaction.
func loadDataset(ctx ctxT, tx pgx.Tx, workshopID string) (d model.Dataset, err error) {
	b := &pgx.Batch{}
	finish := queueDataset(b, workshopID, &d)
	if err := tx.SendBatch(ctx, b).Close(); err != nil {
		return d, err
	}
	return d, finish()
}

func loadActions(ctx ctxT, tx pgx.Tx, workshopID string) ([]model.Action, error) {
	rows, err := tx.Query(ctx, "SELECT "+actionCols+" FROM actions WHERE workshop_id = $1", workshopID)
	if err != nil {
		return nil, err
	}
	out, err := pgx.CollectRows(rows, scanAction)
	sortActions(out)
	return out, err
}

func loadRounds(ctx ctxT, tx pgx.Tx, workshopID string) ([]model.Round, error) {
	rows, err := tx.Query(ctx, "SELECT "+roundCols+" FROM rounds WHERE workshop_id = $1", workshopID)
	if err != nil {
		return nil, err
	}
	out, err := pgx.CollectRows(rows, scanRound)
	if err != nil || len(out) == 0 {
		return out, err
	}
	rows, err = tx.Query(ctx, `SELECT round_id, customer_id, name, kraljic, preferencing, regime, priority, scores, answers
		FROM round_entries WHERE workshop_id = $1 ORDER BY round_id, position`, workshopID)
	if err != nil {
		return nil, err
	}
	entries, err := pgx.CollectRows(rows, scanEntry)
	if err != nil {
		return nil, err
	}
	attachEntries(out, entries)
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
		{tStakeholders, mapRows(p.Stakeholders, stakeholderRow)},
		{tWorksheets, mapRows(p.Worksheets, worksheetRow)},
		{tTargets, mapRows(p.Targets, targetRow)},
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
