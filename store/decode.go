package store

import (
	"bytes"
	"runtime"
	"runtime/debug"
	"sync"

	"styrka/model"
)

// answerRecord is how an answer was stored before schema 4: a
// model.Answer as JSON without the customer and question IDs, which are in
// its key. The two outer fields have the same JSON names as the embedded
// ones and so hide them; left empty, they are omitted.
type answerRecord struct {
	model.Answer
	HideCustomerID string `json:"customer_id,omitempty"`
	HideQuestionID string `json:"question_id,omitempty"`
}

// splitAnswerKey splits workshopID/customerID/questionID.
func splitAnswerKey(k []byte) (wid, cid, qid []byte, ok bool) {
	wid, rest, ok1 := bytes.Cut(k, []byte(sep))
	cid, qid, ok2 := bytes.Cut(rest, []byte(sep))
	return wid, cid, qid, ok1 && ok2 && len(wid) > 0 && len(cid) > 0 && len(qid) > 0 && !bytes.Contains(qid, []byte(sep))
}

// interner shares one string per distinct ID.
type interner map[string]string

func (in interner) get(b []byte) string {
	if in == nil {
		return string(b)
	}
	if s, ok := in[string(b)]; ok {
		return s
	}
	s := string(b)
	in[s] = s
	return s
}

// decodeAnswer decodes a stored answer, which takes its IDs from the key.
func decodeAnswer(k, v []byte, a *model.Answer, in interner) error {
	return decodeIn("answer", k, v, a, in)
}

// decodeCustomer decodes a stored customer.
func decodeCustomer(k, v []byte, c *model.Customer, in interner) error {
	return decodeIn("customer", k, v, c, in)
}

// decodeAll decodes recs into Ts with fn, using all CPUs: decoding is
// most of the cost of loading a large workshop. recs may point into
// bbolt's memory map (the caller's read transaction stays open until
// decodeAll returns), so every worker turns a memory fault into ErrDamaged
// like view does.
func decodeAll[T any](recs []kv, fn func(k, v []byte, dst *T, in interner) error) ([]T, error) {
	n := len(recs)
	out := make([]T, n)
	chunk := func(lo, hi int) (err error) {
		defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
		defer recoverDamage(&err)
		in := interner{}
		for i := lo; i < hi; i++ {
			if err := fn(recs[i].k, recs[i].v, &out[i], in); err != nil {
				return err
			}
		}
		return nil
	}
	workers := min(runtime.GOMAXPROCS(0), (n+511)/512)
	if workers <= 1 {
		if err := chunk(0, n); err != nil {
			return nil, err
		}
		return out, nil
	}
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() { errs[w] = chunk(n*w/workers, n*(w+1)/workers) })
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}
