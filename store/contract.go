package store

import (
	"context"

	"styrka/model"
)

// Store is the contract of styrka's persistence: every operation the
// command line, the TUI, the reports and serve use. *DB (one bbolt file)
// and postgres.DB (a shared PostgreSQL database) implement it with the
// same semantics: the same orderings, the same timestamps set by the
// store's clock, the same validation, and the same sentinel errors
// (ErrNotFound, ErrExists, ErrInvalid, ErrNotOpen, ErrClosed, ...; test
// with errors.Is). storetest.Run is its conformance suite.
type Store interface {
	Workshops() ([]model.Workshop, error)
	Workshop(id string) (model.Workshop, error)
	PutWorkshop(w model.Workshop) error
	AddWorkshop(w model.Workshop, cs []model.Customer) error
	DeleteWorkshop(id string) error

	Customers(workshopID string) ([]model.Customer, error)
	PutCustomer(c model.Customer) error
	PutCustomers(workshopID string, cs []model.Customer) error
	DeleteCustomer(workshopID, customerID string) error

	SaveAnswer(workshopID string, a model.Answer) error
	DeleteAnswer(workshopID, customerID, questionID string) error
	// ConfirmAnswer records who confirmed an answer with the customer,
	// and now as when; UnconfirmAnswer takes it back; SetAnswerSource
	// records where the score comes from. Each changes only those fields
	// of a stored answer (ErrNotFound when there is none).
	ConfirmAnswer(workshopID, customerID, questionID, by string) error
	UnconfirmAnswer(workshopID, customerID, questionID string) error
	SetAnswerSource(workshopID, customerID, questionID string, src model.AnswerSource, ref string) error

	// Account planning, per customer: the buying centre, one negotiation
	// worksheet and one target position. A customer's delete takes them
	// with it.
	Stakeholders(workshopID, customerID string) ([]model.Stakeholder, error)
	PutStakeholder(s model.Stakeholder) error
	DeleteStakeholder(workshopID, customerID, stakeholderID string) error
	Worksheet(workshopID, customerID string) (model.Worksheet, error)
	PutWorksheet(w model.Worksheet) error
	DeleteWorksheet(workshopID, customerID string) error
	Target(workshopID, customerID string) (model.Target, error)
	PutTarget(t model.Target) error
	DeleteTarget(workshopID, customerID string) error

	Load(workshopID string) (model.Dataset, error)
	Import(d model.Dataset, replace bool) error
	Restore(d model.Dataset) error

	Actions(workshopID string) ([]model.Action, error)
	PutAction(a model.Action) error
	PutActions(workshopID string, as []model.Action) error
	DeleteAction(workshopID, actionID string) error

	Rounds(workshopID string) ([]model.Round, error)
	AddRound(r model.Round) (model.Round, error)
	DeleteRound(workshopID, roundID string) error

	PutParticipant(p model.Participant) error
	Participants(workshopID string) ([]model.Participant, error)
	DeleteParticipant(workshopID, id string) error
	PutSilentRound(r model.SilentRound) error
	SilentRounds(workshopID string) ([]model.SilentRound, error)
	SilentRound(workshopID, id string) (model.SilentRound, error)
	UpdateSilentRound(workshopID, id string, fn func(r *model.SilentRound) error) (model.SilentRound, error)
	SaveVote(workshopID string, v model.Vote) error
	Votes(workshopID, roundID string) ([]model.Vote, error)
	RecordAgreed(workshopID, roundID string, a model.Answer) error
	LoadTeam(workshopID string) ([]model.Participant, []model.SilentRound, []model.Vote, error)

	// Backup writes a bbolt file holding every workshop to path, whatever
	// the backend: moving from one to the other is a backup and an
	// import.
	Backup(path string) error
	// Check returns the consistency problems found; none means sound.
	Check() []error
	// Warning is a problem found at open that did not stop it, or nil.
	Warning() error
	// Location names the database in a way that is safe to show: a file
	// path, or a URL without its password.
	Location() string
	Close() error
}

// Change is a write to a shared database by another process (or another
// Store on it): the workshop it was in, empty when anything may have
// changed (the notifications were interrupted, so a screen should reload
// whatever it shows).
type Change struct {
	WorkshopID string
	// Kind names the record written ("answer", "customer", "workshop",
	// "vote", ...), empty when unknown.
	Kind string
	// Key names the record within the workshop when one was written: a
	// customer's ID, "customerID/questionID" for an answer, a round's ID.
	Key string
	// By is who wrote it when the record names someone (an answer's
	// Author), so that a screen can say whose edit replaced the one it
	// showed.
	By string
}

// Watcher is the optional interface of a Store that several processes
// share: Watch delivers the changes other processes make until ctx ends,
// then closes the channel. bbolt, which one process holds alone, does not
// implement it.
type Watcher interface {
	Watch(ctx context.Context) (<-chan Change, error)
}

// Location is the database file's absolute path.
func (db *DB) Location() string { return db.path }

var _ Store = (*DB)(nil)
