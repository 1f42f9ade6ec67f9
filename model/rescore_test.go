package model

import (
	"testing"
	"time"
)

func TestRescored(t *testing.T) {
	at := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	prev := Answer{QuestionID: "q", Score: 4, Note: "old", Source: FromCustomer, SourceRef: "their CFO", ConfirmedBy: "Anna", ConfirmedAt: at}
	for _, c := range []struct {
		name      string
		a         Answer
		confirmed bool
	}{
		{"a new note", Answer{QuestionID: "q", Score: 4, Note: "new"}, true},
		{"a new score", Answer{QuestionID: "q", Score: 2, Note: "old"}, false},
		{"don't know", Answer{QuestionID: "q", Score: DontKnow}, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := c.a.Rescored(prev)
			if got.Source != FromCustomer || got.SourceRef != "their CFO" {
				t.Errorf("the source is %q (%q)", got.Source, got.SourceRef)
			}
			if got.Confirmed() != c.confirmed {
				t.Errorf("confirmed %v, want %v: %+v", got.Confirmed(), c.confirmed, got)
			}
			if c.confirmed && (got.ConfirmedBy != "Anna" || !got.ConfirmedAt.Equal(at)) {
				t.Errorf("the confirmation changed: %+v", got)
			}
			if got.Note != c.a.Note || got.Score != c.a.Score {
				t.Errorf("the new answer's own fields changed: %+v", got)
			}
		})
	}
	// A source the new answer gives is its own.
	if got := (Answer{Score: 4, Source: FromData, SourceRef: "ERP"}).Rescored(prev); got.Source != FromData || got.SourceRef != "ERP" {
		t.Errorf("the new answer's source was replaced: %+v", got)
	}
}
