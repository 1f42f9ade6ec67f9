package model

// The longest text of each kind, in characters (runes). The TUI's input
// fields stop at these, and every import (CSV, JSON) refuses a longer
// text, so a text has the same limit however it arrives.
const (
	MaxWorkshopNameLen = 80
	MaxCompanyLen      = 80 // the workshop's "our company"
	MaxDateLen         = 10 // YYYY-MM-DD

	MaxCustomerNameLen = 100
	MaxOfferingLen     = 120
	MaxCurrencyLen     = 3
	MaxCustomerNoteLen = 2000
	MaxTagLen          = 60

	MaxAnswerNoteLen = 500
	MaxAuthorLen     = 60 // the name of a participant or facilitator

	MaxActionTextLen  = 500
	MaxActionOwnerLen = 60

	MaxParticipantNameLen = 60
	MaxParticipantRoleLen = 60
)

// The planning horizon a workshop may have, in months.
const (
	MinHorizonMonths = 1
	MaxHorizonMonths = 120
)
