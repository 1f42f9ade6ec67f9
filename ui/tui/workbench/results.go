package workbench

import (
	tea "charm.land/bubbletea/v2"

	"styrka/model"
	"styrka/store"
	"styrka/ui/screen"
)

// The results of the store's commands that the root handles for every
// screen: it applies them to the open workshop and tells the screens that
// the data changed.
type (
	// Failed reports a failed command; its error is turned into one
	// sentence for the user.
	Failed struct{ Err error }
	// DatasetMsg is the open workshop, loaded or reloaded.
	DatasetMsg struct {
		Data model.Dataset
		// Then is pushed once the dataset is in place, or nil.
		Then screen.Screen
		// Focus is a customer the list selects, or "".
		Focus string
		// Status is shown once the dataset is in place, or "".
		Status string
	}
	// AnswerSavedMsg reports an answer stored in the database.
	AnswerSavedMsg struct {
		Answer model.Answer
		// Previous is the answer it replaced, for undo.
		Previous *model.Answer
		// Status is shown once it is stored, or "".
		Status string
	}
	// AnswerDeletedMsg reports an answer removed (by undo).
	AnswerDeletedMsg struct{ CustomerID, QuestionID string }
	// DeletedMsg reports a delete done; Data is the open workshop as it
	// is now, nil when a whole workshop went.
	DeletedMsg struct {
		Offer *Undo
		Text  string
		Data  *model.Dataset
	}
)

// Undo is what the last delete removed, offered back until the next
// change.
type Undo struct {
	// Restore puts it back.
	Restore func(db store.Store) error
	// WorkshopID is the workshop to reload after the restore ("" for
	// none: a workshop itself was deleted and the list reloads).
	WorkshopID string
	// Text is the status after the restore.
	Text string
	// Focus is a customer the list selects once it is back, or "".
	Focus string
}

// Fail is the result of a command that failed.
func Fail(err error) tea.Msg { return Failed{err} }
