package postgres

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"styrka/model"
	"styrka/store"
)

// querier is a pool or a transaction.
type querier interface {
	Query(ctx ctxT, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx ctxT, sql string, args ...any) pgx.Row
}

// ts is a time as a column: NULL for the zero time, else the instant at
// the database's resolution.
func ts(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC().Truncate(time.Microsecond)
}

// micro is t at the database's resolution, in UTC (the zero time stays).
func micro(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	return t.UTC().Truncate(time.Microsecond)
}

// fromNull is a nullable time column as a time.
func fromNull(t *time.Time) time.Time {
	if t == nil {
		return time.Time{}
	}
	return t.UTC()
}

// jsonCol is a map as a jsonb column: NULL for a nil map.
func jsonCol[M ~map[K]V, K comparable, V any](m M) (any, error) {
	if m == nil {
		return nil, nil
	}
	b, err := json.Marshal(m)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", store.ErrInvalid, err)
	}
	return b, nil
}

// fromJSON decodes a jsonb column into a map; NULL leaves it nil.
func fromJSON[M any](b []byte, m *M) error {
	if b == nil {
		return nil
	}
	if err := json.Unmarshal(b, m); err != nil {
		return fmt.Errorf("%w: %v", store.ErrDamaged, err)
	}
	return nil
}

const workshopCols = `id, name, date, our_company, horizon_months, cutoff_impact, cutoff_risk, cutoff_value,
	cutoff_attractiveness, band, currency, rates, created, updated`

func scanWorkshop(row pgx.Row) (model.Workshop, error) {
	var w model.Workshop
	var rates []byte
	t := &w.Thresholds
	if err := row.Scan(&w.ID, &w.Name, &w.Date, &w.OurCompany, &w.HorizonMonths, &t.Impact, &t.Risk, &t.Value,
		&t.Attractiveness, &t.Band, &w.Currency, &rates, &w.Created, &w.Updated); err != nil {
		return w, err
	}
	w.Created, w.Updated = w.Created.UTC(), w.Updated.UTC()
	return w, fromJSON(rates, &w.Rates)
}

// workshopArgs are a workshop's columns in workshopCols' order.
func workshopArgs(w model.Workshop) ([]any, error) {
	rates, err := jsonCol(w.Rates)
	if err != nil {
		return nil, err
	}
	t := w.Thresholds
	return []any{w.ID, w.Name, w.Date, w.OurCompany, w.HorizonMonths, t.Impact, t.Risk, t.Value,
		t.Attractiveness, t.Band, w.Currency, rates, ts(w.Created), ts(w.Updated)}, nil
}

// upsertWorkshop writes a workshop; keep keeps the stored Created.
const upsertWorkshop = `INSERT INTO workshops (` + workshopCols + `)
	VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
	ON CONFLICT (id) DO UPDATE SET name = excluded.name, date = excluded.date, our_company = excluded.our_company,
	horizon_months = excluded.horizon_months, cutoff_impact = excluded.cutoff_impact, cutoff_risk = excluded.cutoff_risk,
	cutoff_value = excluded.cutoff_value, cutoff_attractiveness = excluded.cutoff_attractiveness, band = excluded.band,
	currency = excluded.currency, rates = excluded.rates,
	created = CASE WHEN $15 THEN workshops.created ELSE excluded.created END, updated = excluded.updated`

// Workshops lists every workshop, newest date first, then by name.
func (db *DB) Workshops() ([]model.Workshop, error) {
	ctx, cancel := db.op()
	defer cancel()
	var out []model.Workshop
	err := db.read(ctx, func(tx pgx.Tx) error {
		rows, err := tx.Query(ctx, "SELECT "+workshopCols+" FROM workshops")
		if err != nil {
			return err
		}
		out, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (model.Workshop, error) { return scanWorkshop(r) })
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("list workshops: %w", err)
	}
	store.SortWorkshops(out)
	return out, nil
}

// Workshop returns one workshop, or ErrNotFound.
func (db *DB) Workshop(id string) (model.Workshop, error) {
	if err := store.ValidID("workshop", id); err != nil {
		return model.Workshop{}, fmt.Errorf("get workshop: %w", err)
	}
	ctx, cancel := db.op()
	defer cancel()
	w, err := getWorkshop(ctx, db.pool, id)
	if err != nil {
		return model.Workshop{}, fmt.Errorf("get workshop: %w", db.fail(err))
	}
	return w, nil
}

func getWorkshop(ctx ctxT, q querier, id string) (model.Workshop, error) {
	w, err := scanWorkshop(q.QueryRow(ctx, "SELECT "+workshopCols+" FROM workshops WHERE id = $1", id))
	if errors.Is(err, pgx.ErrNoRows) {
		return w, fmt.Errorf("workshop %s: %w", id, store.ErrNotFound)
	}
	return w, err
}

// workshopExists is ErrNotFound for a missing workshop; lock takes a
// share lock on it until the transaction ends, so that it is not deleted
// under a write.
func workshopExists(ctx ctxT, tx pgx.Tx, id string, lock bool) error {
	sql := "SELECT true FROM workshops WHERE id = $1"
	if lock {
		sql += " FOR SHARE"
	}
	var ok bool
	err := tx.QueryRow(ctx, sql, id).Scan(&ok)
	if errors.Is(err, pgx.ErrNoRows) {
		return fmt.Errorf("workshop %s: %w", id, store.ErrNotFound)
	}
	return err
}

// PutWorkshop inserts or updates a workshop. An empty ID gets a new one;
// a zero Created is kept from the stored workshop, or set to now; Updated
// is set to now.
func (db *DB) PutWorkshop(w model.Workshop) error {
	if w.ID == "" {
		w.ID = store.NewID()
	}
	if err := store.ValidID("workshop", w.ID); err != nil {
		return fmt.Errorf("save workshop: %w", err)
	}
	now := db.stamp()
	keep := w.Created.IsZero()
	if keep {
		w.Created = now
	}
	w.Updated = now
	args, err := workshopArgs(w)
	if err != nil {
		return fmt.Errorf("save workshop %s: %w", w.ID, err)
	}
	ctx, cancel := db.op()
	defer cancel()
	err = db.write(ctx, w.ID, "workshop", "", func(tx pgx.Tx) error {
		_, err := tx.Exec(ctx, upsertWorkshop, append(args, keep)...)
		return err
	})
	if err != nil {
		return fmt.Errorf("save workshop %s: %w", w.ID, err)
	}
	return nil
}

// AddWorkshop creates a workshop with its customers in one transaction;
// a workshop with the same ID is ErrExists.
func (db *DB) AddWorkshop(w model.Workshop, cs []model.Customer) error {
	if w.ID == "" {
		w.ID = store.NewID()
	}
	if err := store.ValidID("workshop", w.ID); err != nil {
		return fmt.Errorf("add workshop: %w", err)
	}
	now := db.stamp()
	if w.Created.IsZero() {
		w.Created = now
	}
	w.Updated = now
	args, err := workshopArgs(w)
	if err != nil {
		return fmt.Errorf("add workshop: %w", err)
	}
	recs, _, err := store.PrepareCustomers(w.ID, cs, now, time.Microsecond)
	if err != nil {
		return fmt.Errorf("add workshop: %w", err)
	}
	ctx, cancel := db.bulk()
	defer cancel()
	err = db.write(ctx, w.ID, "workshop", "", func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `INSERT INTO workshops (`+workshopCols+`)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) ON CONFLICT (id) DO NOTHING`, args...)
		if err != nil {
			return err
		}
		if tag.RowsAffected() == 0 {
			return fmt.Errorf("workshop %s: %w", w.ID, store.ErrExists)
		}
		return copyCustomers(ctx, tx, recs)
	})
	if err != nil {
		return fmt.Errorf("add workshop %s: %w", w.ID, err)
	}
	return nil
}

// DeleteWorkshop deletes a workshop with everything in it in one
// transaction.
func (db *DB) DeleteWorkshop(id string) error {
	if err := store.ValidID("workshop", id); err != nil {
		return fmt.Errorf("delete workshop: %w", err)
	}
	ctx, cancel := db.bulk()
	defer cancel()
	err := db.write(ctx, id, "workshop", "", func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, "DELETE FROM workshops WHERE id = $1", id)
		if err == nil && tag.RowsAffected() == 0 {
			return store.ErrNotFound
		}
		return err
	})
	if err != nil {
		return fmt.Errorf("delete workshop %s: %w", id, err)
	}
	return nil
}

const customerCols = "workshop_id, id, name, offering, revenue, currency, notes, tags, created, updated"

func scanCustomer(row pgx.Row) (model.Customer, error) {
	var c model.Customer
	err := row.Scan(&c.WorkshopID, &c.ID, &c.Name, &c.Offering, &c.Revenue, &c.Currency, &c.Notes, &c.Tags, &c.Created, &c.Updated)
	c.Created, c.Updated = c.Created.UTC(), c.Updated.UTC()
	return c, err
}

func customerArgs(c model.Customer) []any {
	return []any{c.WorkshopID, c.ID, c.Name, c.Offering, c.Revenue, c.Currency, c.Notes, c.Tags, ts(c.Created), ts(c.Updated)}
}

// sortCustomers puts customers in creation order.
func sortCustomers(cs []model.Customer) {
	slices.SortFunc(cs, func(a, b model.Customer) int {
		return cmp.Or(a.Created.Compare(b.Created), cmp.Compare(a.ID, b.ID))
	})
}

// Customers lists a workshop's customers in creation order (Created,
// then ID). A missing workshop is ErrNotFound.
func (db *DB) Customers(workshopID string) ([]model.Customer, error) {
	if err := store.ValidID("workshop", workshopID); err != nil {
		return nil, fmt.Errorf("list customers: %w", err)
	}
	ctx, cancel := db.op()
	defer cancel()
	var out []model.Customer
	err := db.read(ctx, func(tx pgx.Tx) error {
		if err := workshopExists(ctx, tx, workshopID, false); err != nil {
			return err
		}
		var err error
		out, err = loadCustomers(ctx, tx, workshopID)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("list customers of workshop %s: %w", workshopID, err)
	}
	return out, nil
}

func loadCustomers(ctx ctxT, tx pgx.Tx, workshopID string) ([]model.Customer, error) {
	rows, err := tx.Query(ctx, "SELECT "+customerCols+" FROM customers WHERE workshop_id = $1", workshopID)
	if err != nil {
		return nil, err
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (model.Customer, error) { return scanCustomer(r) })
	sortCustomers(out)
	return out, err
}

// upsertCustomer writes a customer; keep ($11) keeps the stored Created.
const upsertCustomer = `INSERT INTO customers (` + customerCols + `) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
	ON CONFLICT (workshop_id, id) DO UPDATE SET name = excluded.name, offering = excluded.offering,
	revenue = excluded.revenue, currency = excluded.currency, notes = excluded.notes, tags = excluded.tags,
	created = CASE WHEN $11 THEN customers.created ELSE excluded.created END, updated = excluded.updated`

// PutCustomer inserts or updates a customer of an existing workshop
// (ErrNotFound otherwise). ID, Created and Updated are set as by
// PutWorkshop.
func (db *DB) PutCustomer(c model.Customer) error {
	if err := store.ValidID("workshop", c.WorkshopID); err != nil {
		return fmt.Errorf("save customer: %w", err)
	}
	if c.ID == "" {
		c.ID = store.NewID()
	}
	if err := store.ValidID("customer", c.ID); err != nil {
		return fmt.Errorf("save customer: %w", err)
	}
	now := db.stamp()
	keep := c.Created.IsZero()
	if keep {
		c.Created = now
	}
	c.Updated = now
	ctx, cancel := db.op()
	defer cancel()
	err := db.write(ctx, c.WorkshopID, "customer", c.ID, func(tx pgx.Tx) error {
		if err := workshopExists(ctx, tx, c.WorkshopID, true); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, upsertCustomer, append(customerArgs(c), keep)...)
		return err
	})
	if err != nil {
		return fmt.Errorf("save customer %s: %w", c.ID, err)
	}
	return nil
}

// PutCustomers inserts or updates many customers of an existing workshop
// (ErrNotFound otherwise) in one transaction, with the rules of
// store.PutCustomers (DB.PutCustomers in bbolt).
func (db *DB) PutCustomers(workshopID string, cs []model.Customer) error {
	if err := store.ValidID("workshop", workshopID); err != nil {
		return fmt.Errorf("save customers: %w", err)
	}
	recs, stamped, err := store.PrepareCustomers(workshopID, cs, db.stamp(), time.Microsecond)
	if err != nil {
		return fmt.Errorf("save customers: %w", err)
	}
	ctx, cancel := db.bulk()
	defer cancel()
	err = db.write(ctx, workshopID, "customer", "", func(tx pgx.Tx) error {
		if err := workshopExists(ctx, tx, workshopID, true); err != nil {
			return err
		}
		return upsertCustomers(ctx, tx, recs, stamped)
	})
	if err != nil {
		return fmt.Errorf("save %d customers: %w", len(cs), err)
	}
	return nil
}

// upsertCustomers writes customers in two statements (arrays
// unnested): those whose Created was given, and those stamped, which keep
// the Created of a stored customer with the same ID.
func upsertCustomers(ctx ctxT, tx pgx.Tx, cs []model.Customer, stamped []bool) error {
	var given, fresh []model.Customer
	for i, c := range cs {
		if stamped[i] {
			fresh = append(fresh, c)
		} else {
			given = append(given, c)
		}
	}
	if err := upsertCustomerList(ctx, tx, given, false); err != nil {
		return err
	}
	return upsertCustomerList(ctx, tx, fresh, true)
}

func upsertCustomerList(ctx ctxT, tx pgx.Tx, cs []model.Customer, keep bool) error {
	if len(cs) == 0 {
		return nil
	}
	n := len(cs)
	var (
		wid, id, name, offering, currency, notes = make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n)
		revenue                                  = make([]*float64, n)
		tags                                     = make([]string, n) // as JSON: unnest takes no array of arrays of different lengths
		created, updated                         = make([]time.Time, n), make([]time.Time, n)
	)
	for i, c := range cs {
		wid[i], id[i], name[i], offering[i], currency[i], notes[i] = c.WorkshopID, c.ID, c.Name, c.Offering, c.Currency, c.Notes
		revenue[i] = c.Revenue
		created[i], updated[i] = micro(c.Created), micro(c.Updated)
		b, _ := json.Marshal(c.Tags) // nil is null
		tags[i] = string(b)
	}
	_, err := tx.Exec(ctx, `INSERT INTO customers (`+customerCols+`)
		SELECT w, i, n, o, r, c, no,
			CASE WHEN t = 'null' THEN NULL ELSE ARRAY(SELECT jsonb_array_elements_text(t::jsonb)) END, cr, up
		FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::float8[], $6::text[], $7::text[], $8::text[],
			$9::timestamptz[], $10::timestamptz[]) AS u(w, i, n, o, r, c, no, t, cr, up)
		ON CONFLICT (workshop_id, id) DO UPDATE SET name = excluded.name, offering = excluded.offering,
		revenue = excluded.revenue, currency = excluded.currency, notes = excluded.notes, tags = excluded.tags,
		created = CASE WHEN $11 THEN customers.created ELSE excluded.created END, updated = excluded.updated`,
		wid, id, name, offering, revenue, currency, notes, tags, created, updated, keep)
	return err
}

// copyCustomers writes new customers with COPY.
func copyCustomers(ctx ctxT, tx pgx.Tx, cs []model.Customer) error {
	if len(cs) == 0 {
		return nil
	}
	_, err := tx.CopyFrom(ctx, pgx.Identifier{"customers"}, strings.Split(strings.ReplaceAll(customerCols, " ", ""), ","),
		pgx.CopyFromSlice(len(cs), func(i int) ([]any, error) { return customerArgs(cs[i]), nil }))
	return err
}

// DeleteCustomer deletes a customer with its answers, actions and silent
// rounds in one transaction; the closed rounds keep what they saw of it.
func (db *DB) DeleteCustomer(workshopID, customerID string) error {
	if err := cmp.Or(store.ValidID("workshop", workshopID), store.ValidID("customer", customerID)); err != nil {
		return fmt.Errorf("delete customer: %w", err)
	}
	ctx, cancel := db.op()
	defer cancel()
	err := db.write(ctx, workshopID, "customer", customerID, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, "DELETE FROM customers WHERE workshop_id = $1 AND id = $2", workshopID, customerID)
		if err == nil && tag.RowsAffected() == 0 {
			return store.ErrNotFound
		}
		return err
	})
	if err != nil {
		return fmt.Errorf("delete customer %s: %w", customerID, err)
	}
	return nil
}

const upsertAnswer = `INSERT INTO answers (` + answerCols + `)
	VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
	ON CONFLICT (workshop_id, customer_id, question_id) DO UPDATE SET score = excluded.score, note = excluded.note,
	author = excluded.author, at = excluded.at, source = excluded.source, source_ref = excluded.source_ref,
	confirmed_by = excluded.confirmed_by, confirmed_at = excluded.confirmed_at`

// SaveAnswer stores one answer in its own transaction; it is committed
// when SaveAnswer returns. The customer must exist (ErrNotFound); a zero
// At is set to now. Of two processes saving the same answer, the later
// commit wins, and the other process is notified of it.
func (db *DB) SaveAnswer(workshopID string, a model.Answer) error {
	if err := store.ValidID("workshop", workshopID); err != nil {
		return fmt.Errorf("save answer: %w", err)
	}
	if err := store.CheckAnswer(&a, db.stamp()); err != nil {
		return fmt.Errorf("save answer: %w", err)
	}
	if db.closed.Load() {
		return fmt.Errorf("save answer to %s: %w", a.QuestionID, store.ErrClosed)
	}
	ctx, cancel := db.op()
	defer cancel()
	// One statement, so one round trip: the upsert and, once it is done,
	// the notification. A customer that does not exist breaks the foreign
	// key: ErrNotFound.
	_, err := db.pool.Exec(ctx, `WITH saved AS (`+upsertAnswer+` RETURNING 1)
		SELECT pg_notify($12, $13) FROM saved`,
		append(answerRow(workshopID, a),
			channel, db.payloadBy(workshopID, "answer", a.CustomerID+"/"+a.QuestionID, a.Author))...)
	if err != nil {
		err = db.fail(err)
		if errors.Is(err, store.ErrNotFound) {
			err = fmt.Errorf("customer %s: %w", a.CustomerID, store.ErrNotFound)
		}
		return fmt.Errorf("save answer to %s: %w", a.QuestionID, err)
	}
	return nil
}

// DeleteAnswer deletes one answer (ErrNotFound when there is none).
func (db *DB) DeleteAnswer(workshopID, customerID, questionID string) error {
	if err := cmp.Or(store.ValidID("workshop", workshopID), store.ValidID("customer", customerID), store.ValidID("question", questionID)); err != nil {
		return fmt.Errorf("delete answer: %w", err)
	}
	ctx, cancel := db.op()
	defer cancel()
	err := db.write(ctx, workshopID, "answer", customerID+"/"+questionID, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, "DELETE FROM answers WHERE workshop_id = $1 AND customer_id = $2 AND question_id = $3",
			workshopID, customerID, questionID)
		if err == nil && tag.RowsAffected() == 0 {
			return store.ErrNotFound
		}
		return err
	})
	if err != nil {
		return fmt.Errorf("delete answer to %s: %w", questionID, err)
	}
	return nil
}
