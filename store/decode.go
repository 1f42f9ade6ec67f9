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
