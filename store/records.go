package store

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"runtime/debug"
	"slices"
	"sync"
	"time"
	"unicode/utf8"

	"go.etcd.io/bbolt"

	"styrka/model"
	"styrka/model/par"
)

// Keys: workshops by ID; customers by workshopID/customerID; answers by
// workshopID/customerID/questionID. IDs never contain "/", so a workshop's
// customers and answers, and a customer's answers, are prefix ranges.
const sep = "/"

func customerKey(wid, cid string) []byte { return []byte(wid + sep + cid) }
func answerKey(wid, cid, qid string) []byte {
	return []byte(wid + sep + cid + sep + qid)
}

// maxIDLen bounds IDs (a UUID has 36 characters).
const maxIDLen = 128

// validID checks an ID used in a key.
func validID(kind, id string) error {
	switch {
	case id == "":
		return fmt.Errorf("%w: empty %s ID", ErrInvalid, kind)
	case len(id) > maxIDLen:
		return fmt.Errorf("%w: %s ID longer than %d bytes", ErrInvalid, kind, maxIDLen)
	case !utf8.ValidString(id):
		return fmt.Errorf("%w: %s ID %q is not UTF-8", ErrInvalid, kind, id)
	}
	// By byte: every byte of a rune past ASCII is 0x80 or more, and
	// string(r) allocated for each rune of 200,000 answers' IDs.
	for i := 0; i < len(id); i++ {
		if c := id[i]; c < 0x20 || c == 0x7f || c == sep[0] {
			return fmt.Errorf("%w: %s ID %q contains %q", ErrInvalid, kind, id, rune(c))
		}
	}
	return nil
}

// stamp is the store's clock for Created, Updated and At.
func (db *DB) stamp() time.Time { return db.now().UTC() }

func bucket(tx *bbolt.Tx, name []byte) (*bbolt.Bucket, error) {
	b := tx.Bucket(name)
	if b == nil {
		return nil, fmt.Errorf("%w: bucket %q is missing", ErrDamaged, name)
	}
	return b, nil
}

// decodePrefix decodes every record under prefix in a bucket; kind names
// the records in errors.
func decodePrefix[T any](b *bbolt.Bucket, prefix []byte, kind string) ([]T, error) {
	var out []T
	err := scanPrefix(b, prefix, func(k, v []byte) error {
		var x T
		if err := decode(kind, k, v, &x); err != nil {
			return err
		}
		out = append(out, x)
		return nil
	})
	return out, err
}

// scanPrefix calls fn for every key with the prefix, in key order.
func scanPrefix(b *bbolt.Bucket, prefix []byte, fn func(k, v []byte) error) error {
	c := b.Cursor()
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		if err := fn(k, v); err != nil {
			return err
		}
	}
	return nil
}

// deletePrefix deletes every key with the prefix: the keys are collected
// first, since deleting under a cursor can skip keys.
func deletePrefix(b *bbolt.Bucket, prefix []byte) error {
	return deletePrefixExcept(b, prefix, nil)
}

// deletePrefixExcept is deletePrefix but for the keys of keep, which is
// sorted by key: an import that replaces a workshop writes over the
// records it puts back, and deleting 200,000 answers only to put them
// back was a third of its time in the transaction.
func deletePrefixExcept(b *bbolt.Bucket, prefix []byte, keep []kv) error {
	var keys [][]byte
	i := 0
	if err := scanPrefix(b, prefix, func(k, _ []byte) error {
		for i < len(keep) && bytes.Compare(keep[i].k, k) < 0 {
			i++
		}
		if i < len(keep) && bytes.Equal(keep[i].k, k) {
			return nil
		}
		keys = append(keys, bytes.Clone(k))
		return nil
	}); err != nil {
		return err
	}
	for _, k := range keys {
		if err := b.Delete(k); err != nil {
			return err
		}
	}
	return nil
}

// Workshops lists every workshop, newest date first, then by name.
func (db *DB) Workshops() ([]model.Workshop, error) {
	var out []model.Workshop
	err := db.view(func(tx *bbolt.Tx) error {
		b, err := bucket(tx, bucketWorkshops)
		if err != nil {
			return err
		}
		return b.ForEach(func(k, v []byte) error {
			var w model.Workshop
			if err := decode("workshop", k, v, &w); err != nil {
				return err
			}
			out = append(out, w)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("list workshops: %w", err)
	}
	SortWorkshops(out)
	return out, nil
}

// Workshop returns one workshop, or ErrNotFound.
func (db *DB) Workshop(id string) (model.Workshop, error) {
	var w model.Workshop
	if err := validID("workshop", id); err != nil {
		return w, fmt.Errorf("get workshop: %w", err)
	}
	err := db.view(func(tx *bbolt.Tx) error {
		b, err := bucket(tx, bucketWorkshops)
		if err != nil {
			return err
		}
		v := b.Get([]byte(id))
		if v == nil {
			return fmt.Errorf("workshop %s: %w", id, ErrNotFound)
		}
		return decode("workshop", []byte(id), v, &w)
	})
	if err != nil {
		return model.Workshop{}, fmt.Errorf("get workshop: %w", err)
	}
	return w, nil
}

// PutWorkshop inserts or updates a workshop. An empty ID gets a new one
// (callers that need the ID set it with NewID first); a zero Created is
// kept from the stored workshop, or set to now; Updated is set to now.
func (db *DB) PutWorkshop(w model.Workshop) error {
	if w.ID == "" {
		w.ID = NewID()
	}
	if err := validID("workshop", w.ID); err != nil {
		return fmt.Errorf("save workshop: %w", err)
	}
	now := db.stamp()
	err := db.update(func(tx *bbolt.Tx) error {
		b, err := bucket(tx, bucketWorkshops)
		if err != nil {
			return err
		}
		key := []byte(w.ID)
		if w.Created.IsZero() {
			w.Created = now
			if old := b.Get(key); old != nil {
				var o model.Workshop
				if err := decode("workshop", key, old, &o); err != nil {
					return err
				}
				if !o.Created.IsZero() {
					w.Created = o.Created
				}
			}
		}
		w.Updated = now
		v, err := encode(key, w)
		if err != nil {
			return err
		}
		return b.Put(key, v)
	})
	if err != nil {
		return fmt.Errorf("save workshop %s: %w", w.ID, err)
	}
	return nil
}

// DeleteWorkshop deletes a workshop with its customers, answers, actions
// and rounds in one transaction.
func (db *DB) DeleteWorkshop(id string) error {
	if err := validID("workshop", id); err != nil {
		return fmt.Errorf("delete workshop: %w", err)
	}
	err := db.update(func(tx *bbolt.Tx) error {
		return deleteWorkshop(tx, id, true)
	})
	if err != nil {
		return fmt.Errorf("delete workshop %s: %w", id, err)
	}
	return nil
}

// deleteWorkshop deletes a workshop's customers and answers, and the
// workshop itself when self is true.
func deleteWorkshop(tx *bbolt.Tx, id string, self bool) error {
	return deleteWorkshopExcept(tx, id, self, nil, nil)
}

// deleteWorkshopExcept is deleteWorkshop but for the customers and
// answers with the keys of cust and ans, each sorted by key, which are
// about to be written again.
func deleteWorkshopExcept(tx *bbolt.Tx, id string, self bool, cust, ans []kv) error {
	ws, err := bucket(tx, bucketWorkshops)
	if err != nil {
		return err
	}
	cs, err := bucket(tx, bucketCustomers)
	if err != nil {
		return err
	}
	as, err := bucket(tx, bucketAnswers)
	if err != nil {
		return err
	}
	if self {
		if ws.Get([]byte(id)) == nil {
			return ErrNotFound
		}
		if err := ws.Delete([]byte(id)); err != nil {
			return err
		}
	}
	prefix := []byte(id + sep)
	if err := deletePrefixExcept(as, prefix, ans); err != nil {
		return err
	}
	if err := deletePlans(tx, prefix); err != nil {
		return err
	}
	if err := deleteTeam(tx, prefix); err != nil {
		return err
	}
	if err := deletePlanning(tx, id, ""); err != nil {
		return err
	}
	return deletePrefixExcept(cs, prefix, cust)
}

// Customers lists a workshop's customers in creation order (Created, then
// ID). A missing workshop is ErrNotFound.
func (db *DB) Customers(workshopID string) ([]model.Customer, error) {
	if err := validID("workshop", workshopID); err != nil {
		return nil, fmt.Errorf("list customers: %w", err)
	}
	var out []model.Customer
	err := db.view(func(tx *bbolt.Tx) error {
		var err error
		out, err = customers(tx, workshopID)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("list customers of workshop %s: %w", workshopID, err)
	}
	return out, nil
}

func customers(tx *bbolt.Tx, workshopID string) ([]model.Customer, error) {
	ws, err := bucket(tx, bucketWorkshops)
	if err != nil {
		return nil, err
	}
	if ws.Get([]byte(workshopID)) == nil {
		return nil, ErrNotFound
	}
	cs, err := bucket(tx, bucketCustomers)
	if err != nil {
		return nil, err
	}
	out, err := decodePrefix[model.Customer](cs, []byte(workshopID+sep), "customer")
	sortCustomers(out)
	return out, err
}

// sortCustomers puts customers in creation order.
func sortCustomers(cs []model.Customer) {
	slices.SortFunc(cs, func(a, b model.Customer) int {
		return cmp.Or(a.Created.Compare(b.Created), cmp.Compare(a.ID, b.ID))
	})
}

// PutCustomer inserts or updates a customer of an existing workshop
// (ErrNotFound otherwise). ID, Created and Updated are set as by
// PutWorkshop.
func (db *DB) PutCustomer(c model.Customer) error {
	if err := validID("workshop", c.WorkshopID); err != nil {
		return fmt.Errorf("save customer: %w", err)
	}
	if c.ID == "" {
		c.ID = NewID()
	}
	if err := validID("customer", c.ID); err != nil {
		return fmt.Errorf("save customer: %w", err)
	}
	now := db.stamp()
	err := db.update(func(tx *bbolt.Tx) error {
		ws, err := bucket(tx, bucketWorkshops)
		if err != nil {
			return err
		}
		if ws.Get([]byte(c.WorkshopID)) == nil {
			return fmt.Errorf("workshop %s: %w", c.WorkshopID, ErrNotFound)
		}
		cs, err := bucket(tx, bucketCustomers)
		if err != nil {
			return err
		}
		key := customerKey(c.WorkshopID, c.ID)
		if c.Created.IsZero() {
			c.Created = now
			if old := cs.Get(key); old != nil {
				var o model.Customer
				if err := decode("customer", key, old, &o); err != nil {
					return err
				}
				if !o.Created.IsZero() {
					c.Created = o.Created
				}
			}
		}
		c.Updated = now
		v, err := encode(key, c)
		if err != nil {
			return err
		}
		return cs.Put(key, v)
	})
	if err != nil {
		return fmt.Errorf("save customer %s: %w", c.ID, err)
	}
	return nil
}

// DeleteCustomer deletes a customer with its answers, actions, team
// scoring, stakeholders, worksheet and target in one transaction; the
// closed rounds keep what they saw of it.
func (db *DB) DeleteCustomer(workshopID, customerID string) error {
	if err := cmp.Or(validID("workshop", workshopID), validID("customer", customerID)); err != nil {
		return fmt.Errorf("delete customer: %w", err)
	}
	err := db.update(func(tx *bbolt.Tx) error {
		cs, err := bucket(tx, bucketCustomers)
		if err != nil {
			return err
		}
		as, err := bucket(tx, bucketAnswers)
		if err != nil {
			return err
		}
		key := customerKey(workshopID, customerID)
		if cs.Get(key) == nil {
			return ErrNotFound
		}
		if err := cs.Delete(key); err != nil {
			return err
		}
		if err := deleteCustomerActions(tx, workshopID, customerID); err != nil {
			return err
		}
		if err := deleteCustomerTeam(tx, workshopID, customerID); err != nil {
			return err
		}
		if err := deletePlanning(tx, workshopID, customerID); err != nil {
			return err
		}
		return deletePrefix(as, append(key, sep...))
	})
	if err != nil {
		return fmt.Errorf("delete customer %s: %w", customerID, err)
	}
	return nil
}

// checkAnswer validates an answer and fills in a zero At, by the rules
// every backend keeps (CheckAnswer).
func (db *DB) checkAnswer(a *model.Answer) error { return CheckAnswer(a, db.stamp()) }

// SaveAnswer stores one answer in its own transaction; it is on disk when
// SaveAnswer returns. The customer must exist (ErrNotFound); a zero At is
// set to now.
func (db *DB) SaveAnswer(workshopID string, a model.Answer) error {
	if err := validID("workshop", workshopID); err != nil {
		return fmt.Errorf("save answer: %w", err)
	}
	if err := db.checkAnswer(&a); err != nil {
		return fmt.Errorf("save answer: %w", err)
	}
	key := answerKey(workshopID, a.CustomerID, a.QuestionID)
	v, err := encode(key, a)
	if err != nil {
		return fmt.Errorf("save answer: %w", err)
	}
	err = db.update(func(tx *bbolt.Tx) error {
		cs, err := bucket(tx, bucketCustomers)
		if err != nil {
			return err
		}
		if cs.Get(customerKey(workshopID, a.CustomerID)) == nil {
			return fmt.Errorf("customer %s: %w", a.CustomerID, ErrNotFound)
		}
		as, err := bucket(tx, bucketAnswers)
		if err != nil {
			return err
		}
		return as.Put(key, v)
	})
	if err != nil {
		return fmt.Errorf("save answer to %s: %w", a.QuestionID, err)
	}
	return nil
}

// DeleteAnswer deletes one answer (ErrNotFound when there is none).
func (db *DB) DeleteAnswer(workshopID, customerID, questionID string) error {
	if err := cmp.Or(validID("workshop", workshopID), validID("customer", customerID), validID("question", questionID)); err != nil {
		return fmt.Errorf("delete answer: %w", err)
	}
	err := db.update(func(tx *bbolt.Tx) error {
		as, err := bucket(tx, bucketAnswers)
		if err != nil {
			return err
		}
		key := answerKey(workshopID, customerID, questionID)
		if as.Get(key) == nil {
			return ErrNotFound
		}
		return as.Delete(key)
	})
	if err != nil {
		return fmt.Errorf("delete answer to %s: %w", questionID, err)
	}
	return nil
}

// Load reads a workshop with its customers (in creation order), all
// their answers, its actions (in creation order), its rounds (by
// number) and its team scoring (participants, silent rounds and votes) in
// one read transaction, and its account planning (stakeholders in the
// order they were added, worksheets and targets in the customers'
// order). Answers has an entry, possibly empty, for every customer.
func (db *DB) Load(workshopID string) (model.Dataset, error) {
	var d model.Dataset
	if err := validID("workshop", workshopID); err != nil {
		return d, fmt.Errorf("load workshop: %w", err)
	}
	err := db.view(func(tx *bbolt.Tx) error {
		ws, err := bucket(tx, bucketWorkshops)
		if err != nil {
			return err
		}
		v := ws.Get([]byte(workshopID))
		if v == nil {
			return ErrNotFound
		}
		if err := decode("workshop", []byte(workshopID), v, &d.Workshop); err != nil {
			return err
		}
		if err := loadAnswered(tx, workshopID, &d); err != nil {
			return err
		}
		if d.Actions, err = loadActions(tx, workshopID); err != nil {
			return err
		}
		if d.Rounds, err = loadRounds(tx, workshopID); err != nil {
			return err
		}
		if err := loadTeam(tx, &d); err != nil {
			return err
		}
		sortCustomers(d.Customers)
		return loadPlanning(tx, &d)
	})
	if err != nil {
		return model.Dataset{}, fmt.Errorf("load workshop %s: %w", workshopID, err)
	}
	sortCustomers(d.Customers)
	for id, m := range d.Answers {
		if m == nil {
			d.Answers[id] = map[string]model.Answer{}
		}
	}
	return d, nil
}

// loadAnswered reads a workshop's customers and answers into d. The
// cursors only gather where the records are (slices of the mapped file,
// valid while tx is open); decoding them, most of a load, is split over
// the cores for a large workshop, each goroutine with its own interner
// and its own customers. The first damaged record in key order is the
// error, as if they had been read one by one. An answer without its
// customer gets an entry too (Check reports it).
func loadAnswered(tx *bbolt.Tx, workshopID string, d *model.Dataset) error {
	prefix := []byte(workshopID + sep)
	cs, err := bucket(tx, bucketCustomers)
	if err != nil {
		return err
	}
	as, err := bucket(tx, bucketAnswers)
	if err != nil {
		return err
	}
	var customers []kv
	_ = scanPrefix(cs, prefix, func(k, v []byte) error {
		customers = append(customers, kv{k, v})
		return nil
	})
	d.Customers = make([]model.Customer, len(customers))
	cerrs := make([]failure, par.Workers(len(customers), customersPerWorker))
	par.Split(len(customers), len(cerrs), func(w, lo, hi int) {
		in := newInterner()
		var err error
		at := lo
		guarded(&err, func() {
			for ; at < hi; at++ {
				if err = decodeCustomer(customers[at].k, customers[at].v, &d.Customers[at], in); err != nil {
					return
				}
			}
		})
		if err != nil {
			cerrs[w] = failure{err, at}
		}
	})
	for _, f := range cerrs {
		if f.err != nil {
			// The customers before the damaged one stay, for the message.
			d.Customers = d.Customers[:f.at]
			return f.err
		}
	}
	d.Answers = make(map[string]map[string]model.Answer, len(d.Customers))
	for _, c := range d.Customers {
		d.Answers[c.ID] = nil
	}
	// Answers come in key order, so a customer's answers are together: a
	// run of them is one customer's, its map sized once. The cursor hands
	// runs out in batches to the decoding goroutines, so no list of every
	// record is ever held.
	workers := 1
	if len(d.Customers) >= parallelCustomers {
		workers = par.Cores()
	}
	var (
		results []*answerBatch
		jobs    chan *answerBatch
		free    = make(chan []kv, 2*workers)
		wg      sync.WaitGroup
	)
	if workers > 1 {
		jobs = make(chan *answerBatch, workers)
		for range workers {
			wg.Go(func() {
				in := newInterner()
				for b := range jobs {
					guarded(&b.err, func() { b.decode(in) })
					select { // the buffer goes back to the cursor, if it has room
					case free <- b.recs[:0]:
					default:
					}
					b.recs = nil
				}
			})
		}
	}
	single := newInterner()
	cur := &answerBatch{}
	send := func() {
		results = append(results, cur)
		if jobs == nil {
			guarded(&cur.err, func() { cur.decode(single) })
			recs := cur.recs[:0]
			cur.recs = nil
			cur = &answerBatch{recs: recs}
			return
		}
		jobs <- cur
		var recs []kv
		select {
		case recs = <-free:
		default:
		}
		cur = &answerBatch{recs: recs}
	}
	var last []byte
	_ = scanPrefix(as, prefix, func(k, v []byte) error {
		cid := k[len(prefix):]
		if i := bytes.IndexByte(cid, sep[0]); i >= 0 {
			cid = cid[:i]
		}
		if len(cur.runs) == 0 || !bytes.Equal(cid, last) {
			if len(cur.recs) >= answerBatch0 {
				send()
			}
			cur.runs = append(cur.runs, len(cur.recs))
			last = cid
		}
		cur.recs = append(cur.recs, kv{k, v})
		return nil
	})
	if len(cur.recs) > 0 {
		send()
	}
	if jobs != nil {
		close(jobs)
		wg.Wait()
	}
	for _, b := range results {
		if b.err != nil {
			nameCustomer(b.err, d.Customers)
			return b.err
		}
	}
	for _, b := range results {
		for i, m := range b.maps {
			d.Answers[b.owners[i]] = m
		}
	}
	return nil
}

// answerBatch is a batch of whole runs of answers, one run a customer's,
// and what decoding it gave: a map per run, or the first error.
type answerBatch struct {
	recs   []kv
	runs   []int // where each run starts in recs
	maps   []map[string]model.Answer
	owners []string // the customer of each map
	err    error
}

// answerBatch0 is how many answers a batch holds before the next run
// starts a new one.
const answerBatch0 = 4096

func (b *answerBatch) decode(in *interner) {
	var run []model.Answer
	b.maps = make([]map[string]model.Answer, 0, len(b.runs))
	for r, start := range b.runs {
		end := len(b.recs)
		if r+1 < len(b.runs) {
			end = b.runs[r+1]
		}
		run = run[:0]
		for _, rec := range b.recs[start:end] {
			run = append(run, model.Answer{})
			if err := decodeAnswer(rec.k, rec.v, &run[len(run)-1], in); err != nil {
				b.err = err
				return
			}
		}
		m := make(map[string]model.Answer, len(run))
		for _, a := range run {
			m[a.QuestionID] = a
		}
		b.maps, b.owners = append(b.maps, m), append(b.owners, run[0].CustomerID)
	}
}

// encodeAll encodes records under the keys key gives them.
func encodeAll[T any](xs []T, key func(T) []byte) ([]kv, error) {
	out := make([]kv, 0, len(xs))
	for _, x := range xs {
		k := key(x)
		v, err := encode(k, x)
		if err != nil {
			return nil, err
		}
		out = append(out, kv{k, v})
	}
	return out, nil
}

// encodeInto is encodeAll into *dst.
func encodeInto[T any](dst *[]kv, xs []T, key func(T) []byte) (err error) {
	*dst, err = encodeAll(xs, key)
	return err
}

// guarded runs fn as view runs a transaction: a memory fault reading the
// mapped file (truncated under the open database, say) or a panic
// becomes ErrDamaged in *err. Load's decoding goroutines run their work
// through it, as SetPanicOnFault and recover are each goroutine's own.
func guarded(err *error, fn func()) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer recoverDamage(err)
	fn()
}

// failure is the first error of a range of records and where it was.
type failure struct {
	err error
	at  int
}

// customersPerWorker is the fewest customers worth a goroutine of their
// own when loading; a workshop of fewer than parallelCustomers has its
// answers decoded on the caller's goroutine.
const (
	customersPerWorker = 2000
	parallelCustomers  = 1000
)

type kv struct{ k, v []byte }

// nameCustomer puts the customer's name into a RecordError about one of
// its answers, so the message can say whose answer is damaged.
func nameCustomer(err error, cs []model.Customer) {
	var re *RecordError
	if !errors.As(err, &re) || re.CustomerID == "" || re.CustomerName != "" {
		return
	}
	for _, c := range cs {
		if c.ID == re.CustomerID {
			re.CustomerName = cleanName(c.Name)
			return
		}
	}
}

// Import stores a whole dataset in one transaction. A workshop whose ID
// exists is ErrExists unless replace is true; then its customers,
// answers, actions and rounds are removed first. IDs are kept (empty ones
// get new IDs); customers' WorkshopID and answers' CustomerID and
// QuestionID may be empty and are filled in from the dataset, as may the
// WorkshopID of actions and rounds; zero timestamps and round numbers are
// set to now and the next number. Actions must belong to customers of the
// dataset; so must silent rounds, whose participants and votes must be
// the dataset's too (its participants, silent rounds and votes replace
// the workshop's with the rest).
func (db *DB) Import(d model.Dataset, replace bool) error {
	return db.importDataset(d, replace, false)
}

// Restore puts records back into a workshop that exists: the customers,
// answers, actions, rounds, participants, silent rounds, votes,
// stakeholders, worksheets and targets of d,
// over any record with the same key, in one transaction, changing
// nothing else. It is how undo puts back exactly what a delete removed;
// d holds the workshop and every record the restored ones refer to.
func (db *DB) Restore(d model.Dataset) error {
	return db.importDataset(d, false, true)
}

// importDataset writes a dataset in one transaction: a new workshop, one
// that replaces the workshop of the same ID (replace), or records merged
// into an existing workshop (merge).
func (db *DB) importDataset(d model.Dataset, replace, merge bool) error {
	now := db.stamp()
	// The rules are PrepareImport's, PostgreSQL's too; the answers are
	// checked below, as they are encoded.
	p, err := prepareImport(d, now, false)
	if err != nil {
		return fmt.Errorf("import: %w", err)
	}
	w := p.Workshop
	wv, err := encode([]byte(w.ID), w)
	if err != nil {
		return fmt.Errorf("import: %w", err)
	}
	cust, err := encodeAll(p.Customers, func(c model.Customer) []byte { return customerKey(w.ID, c.ID) })
	if err != nil {
		return fmt.Errorf("import: %w", err)
	}
	// bbolt writes fastest, and fills pages best, in key order.
	byKey := func(a, b kv) int { return bytes.Compare(a.k, b.k) }
	slices.SortFunc(cust, byKey)
	// Customer by customer in key order and each one's answers by
	// question: the answers come out sorted, or nearly, and sorting
	// 200,000 of them from the map's order was an eighth of an import.
	n := 0
	for _, m := range d.Answers {
		n += len(m)
	}
	ans := make([]kv, 0, n)
	var qids []string
	for _, ck := range cust {
		cid := string(ck.k[len(w.ID)+len(sep):])
		m := d.Answers[cid]
		qids = qids[:0]
		for qid := range m {
			qids = append(qids, qid)
		}
		slices.Sort(qids)
		for _, qid := range qids {
			a := m[qid]
			if err := prepareAnswer(&a, cid, qid, now); err != nil {
				return fmt.Errorf("import: %w", err)
			}
			key := answerKey(w.ID, cid, qid)
			v, err := encode(key, a)
			if err != nil {
				return fmt.Errorf("import: %w", err)
			}
			ans = append(ans, kv{key, v})
		}
	}
	var acts, rounds, people, silent, votes, stakeholders, worksheets, targets []kv
	for _, e := range []error{
		encodeInto(&acts, p.Actions, func(a model.Action) []byte { return actionKey(w.ID, a.ID) }),
		encodeInto(&rounds, p.Rounds, func(r model.Round) []byte { return roundKey(w.ID, r.ID) }),
		encodeInto(&people, p.Participants, func(x model.Participant) []byte { return participantKey(w.ID, x.ID) }),
		encodeInto(&silent, p.SilentRounds, func(r model.SilentRound) []byte { return silentRoundKey(w.ID, r.ID) }),
		encodeInto(&votes, p.Votes, func(x model.Vote) []byte { return voteKey(w.ID, x) }),
		encodeInto(&stakeholders, p.Stakeholders, func(s model.Stakeholder) []byte { return stakeholderKey(w.ID, s.CustomerID, s.ID) }),
		encodeInto(&worksheets, p.Worksheets, func(x model.Worksheet) []byte { return planKey(w.ID, x.CustomerID) }),
		encodeInto(&targets, p.Targets, func(x model.Target) []byte { return planKey(w.ID, x.CustomerID) }),
	} {
		if e != nil {
			return fmt.Errorf("import: %w", e)
		}
	}
	slices.SortFunc(ans, byKey) // in order already but for IDs such as "a" and "a-b"
	slices.SortFunc(acts, byKey)
	slices.SortFunc(rounds, byKey)
	slices.SortFunc(stakeholders, byKey)

	err = db.update(func(tx *bbolt.Tx) error {
		ws, err := bucket(tx, bucketWorkshops)
		if err != nil {
			return err
		}
		exists := ws.Get([]byte(w.ID)) != nil
		switch {
		case merge && !exists:
			return fmt.Errorf("workshop %s: %w", w.ID, ErrNotFound)
		case merge:
		case exists:
			if !replace {
				return fmt.Errorf("workshop %s: %w", w.ID, ErrExists)
			}
			// What is written again is written over.
			if err := deleteWorkshopExcept(tx, w.ID, false, cust, ans); err != nil {
				return err
			}
		}
		if err := ws.Put([]byte(w.ID), wv); err != nil {
			return err
		}
		for name, list := range map[string][]kv{string(bucketCustomers): cust, string(bucketAnswers): ans, string(bucketActions): acts, string(bucketRounds): rounds,
			string(bucketParticipants): people, string(bucketSilentRounds): silent, string(bucketVotes): votes,
			string(bucketStakeholders): stakeholders, string(bucketWorksheets): worksheets, string(bucketTargets): targets} {
			b, err := bucket(tx, []byte(name))
			if err != nil {
				return err
			}
			// The records go in in key order, mostly after every key
			// there is (IDs are time-ordered): full pages, not half-full
			// ones that split at every other insert.
			b.FillPercent = 1
			for _, e := range list {
				if err := b.Put(e.k, e.v); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("import workshop %s: %w", w.ID, err)
	}
	return nil
}
