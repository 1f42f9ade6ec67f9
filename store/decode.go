package store

import (
	"bytes"

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

// interner shares one string per distinct ID. A nil interner shares
// nothing.
type interner struct {
	m map[string]string
	// owner is the customer whose answers are being read: a run of
	// answers shares its customer's ID, which the map need not hold.
	owner string
}

func newInterner() *interner { return &interner{m: map[string]string{}} }

func (in *interner) get(b []byte) string {
	if in == nil {
		return string(b)
	}
	if s, ok := in.m[string(b)]; ok {
		return s
	}
	s := string(b)
	in.m[s] = s
	return s
}

// customer is get for the customer ID of an answer's key.
func (in *interner) customer(b []byte) string {
	if in == nil {
		return string(b)
	}
	if in.owner != string(b) {
		in.owner = string(b)
	}
	return in.owner
}

// decodeAnswer decodes a stored answer, which takes its IDs from the key.
func decodeAnswer(k, v []byte, a *model.Answer, in *interner) error {
	return decodeIn("answer", k, v, a, in)
}

// decodeCustomer decodes a stored customer.
func decodeCustomer(k, v []byte, c *model.Customer, in *interner) error {
	return decodeIn("customer", k, v, c, in)
}
