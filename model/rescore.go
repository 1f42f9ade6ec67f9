package model

// Rescored is a new answer a given over the stored answer prev: it keeps
// where prev came from (Source and SourceRef, unless a says otherwise),
// and prev's confirmation only while the score stays the same. A new
// note on a confirmed 4 is still the 4 the customer confirmed; a 4
// re-scored to 2 is not.
func (a Answer) Rescored(prev Answer) Answer {
	if a.Source == "" && a.SourceRef == "" {
		a.Source, a.SourceRef = prev.Source, prev.SourceRef
	}
	if a.Score == prev.Score && !a.Confirmed() {
		a.ConfirmedBy, a.ConfirmedAt = prev.ConfirmedBy, prev.ConfirmedAt
	} else if a.Score != prev.Score {
		a = a.Unconfirm()
	}
	return a
}
