package model

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// BuyingRole is a person's part in the customer's buying decision, in
// Miller Heiman's names (Strategic Selling, 1985), with the gatekeeper
// added for purchasing or anyone who controls access.
type BuyingRole string

const (
	// EconomicBuyer releases the money and has the final say.
	EconomicBuyer BuyingRole = "economic"
	// UserBuyer judges the impact on their own work.
	UserBuyer BuyingRole = "user"
	// TechnicalBuyer screens out against specifications: can say no, not yes.
	TechnicalBuyer BuyingRole = "technical"
	// Coach guides us and wants us to win.
	Coach BuyingRole = "coach"
	// Gatekeeper controls access: purchasing, or an assistant.
	Gatekeeper BuyingRole = "gatekeeper"
)

// BuyingRoles lists the roles in the order a buying centre is shown.
var BuyingRoles = []BuyingRole{EconomicBuyer, UserBuyer, TechnicalBuyer, Coach, Gatekeeper}

// Valid reports whether r is one of the roles.
func (r BuyingRole) Valid() bool { return slices.Contains(BuyingRoles, r) }

// Attitude is a person's attitude to us, from opposed to champion.
type Attitude string

const (
	Opposed    Attitude = "opposed"
	Sceptical  Attitude = "sceptical"
	Neutral    Attitude = "neutral"
	Supportive Attitude = "supportive"
	Champion   Attitude = "champion"
)

// Attitudes lists the attitudes from opposed to champion.
var Attitudes = []Attitude{Opposed, Sceptical, Neutral, Supportive, Champion}

// Valid reports whether a is one of the attitudes.
func (a Attitude) Valid() bool { return slices.Contains(Attitudes, a) }

// Favourable reports whether the person is for us.
func (a Attitude) Favourable() bool { return a == Supportive || a == Champion }

// ContactLevel is how high in the customer's organisation a person sits.
type ContactLevel string

const (
	Operational ContactLevel = "operational"
	Manager     ContactLevel = "manager"
	Executive   ContactLevel = "executive"
)

// ContactLevels lists the levels from the bottom up.
var ContactLevels = []ContactLevel{Operational, Manager, Executive}

// Valid reports whether l is one of the levels.
func (l ContactLevel) Valid() bool { return slices.Contains(ContactLevels, l) }

// Stakeholder is one person of a customer's buying centre. Role,
// Attitude and Level may be empty: not known yet.
type Stakeholder struct {
	ID         string       `json:"id"`
	WorkshopID string       `json:"workshop_id"`
	CustomerID string       `json:"customer_id"`
	Name       string       `json:"name"`
	Title      string       `json:"title,omitempty"`
	Role       BuyingRole   `json:"role,omitempty"`
	Attitude   Attitude     `json:"attitude,omitempty"`
	Level      ContactLevel `json:"level,omitempty"`
	// Owner is who on our side owns the relationship.
	Owner string `json:"owner,omitempty"`
	// LastContact is the date of the last real contact, YYYY-MM-DD, or empty.
	LastContact string    `json:"last_contact,omitempty"`
	Notes       string    `json:"notes,omitempty"`
	Created     time.Time `json:"created"`
	Updated     time.Time `json:"updated"`
}

// The longest texts of a stakeholder, in characters.
const (
	MaxStakeholderNameLen  = 80
	MaxStakeholderTitleLen = 80
	MaxStakeholderNoteLen  = 500
)

// Validate checks a stakeholder: a name, known role, attitude and level
// (or none), a last contact that is empty or YYYY-MM-DD, and no text
// longer than its limit.
func (s Stakeholder) Validate() error {
	switch {
	case strings.TrimSpace(s.Name) == "":
		return errors.New("stakeholder without a name")
	case s.Role != "" && !s.Role.Valid():
		return fmt.Errorf("role %q (want economic, user, technical, coach or gatekeeper)", s.Role)
	case s.Attitude != "" && !s.Attitude.Valid():
		return fmt.Errorf("attitude %q (want opposed, sceptical, neutral, supportive or champion)", s.Attitude)
	case s.Level != "" && !s.Level.Valid():
		return fmt.Errorf("level %q (want operational, manager or executive)", s.Level)
	case !ValidDue(s.LastContact):
		return fmt.Errorf("last contact %q (want YYYY-MM-DD)", s.LastContact)
	}
	return firstTooLong(
		lenCheck{"name", s.Name, MaxStakeholderNameLen},
		lenCheck{"title", s.Title, MaxStakeholderTitleLen},
		lenCheck{"owner", s.Owner, MaxActionOwnerLen},
		lenCheck{"notes", s.Notes, MaxStakeholderNoteLen},
	)
}

// lenCheck is a text and its limit in characters.
type lenCheck struct {
	field string
	text  string
	limit int
}

// firstTooLong reports the first text longer than its limit.
func firstTooLong(checks ...lenCheck) error {
	for _, c := range checks {
		if len(c.text) > c.limit { // no more runes than bytes
			if n := utf8.RuneCountInString(c.text); n > c.limit {
				return fmt.Errorf("%s: %d characters, at most %d", c.field, n, c.limit)
			}
		}
	}
	return nil
}

// SortStakeholders orders a buying centre as a brief shows it: by role
// (economic buyer first, unknown last), then from the top level down,
// then by name.
func SortStakeholders(ss []Stakeholder) {
	rank := func(i int) int {
		if i < 0 {
			return 99
		}
		return i
	}
	slices.SortStableFunc(ss, func(a, b Stakeholder) int {
		return cmp.Or(
			cmp.Compare(rank(slices.Index(BuyingRoles, a.Role)), rank(slices.Index(BuyingRoles, b.Role))),
			cmp.Compare(slices.Index(ContactLevels, b.Level), slices.Index(ContactLevels, a.Level)),
			cmp.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)),
			cmp.Compare(a.ID, b.ID),
		)
	})
}

// CentreWarningKind names advice on the buying centre that is not met.
type CentreWarningKind string

const (
	// CentreEmpty: nobody of the buying centre is recorded.
	CentreEmpty CentreWarningKind = "empty"
	// CentreNoEconomicBuyer: no economic buyer is known.
	CentreNoEconomicBuyer CentreWarningKind = "no_economic_buyer"
	// CentreOnlyPurchasing: the customer dominates, and we know nobody
	// beyond purchasing (no user, technical or economic buyer, no one at
	// the executive level).
	CentreOnlyPurchasing CentreWarningKind = "only_purchasing"
	// CentreNoSponsor: an interdependence account without an executive
	// sponsor: a favourable executive with an owner on our side.
	CentreNoSponsor CentreWarningKind = "no_sponsor"
	// CentreFewLevels: an interdependence account with contacts on fewer
	// than three levels.
	CentreFewLevels CentreWarningKind = "few_levels"
	// CentreStale: no real contact in six months (or no date of one).
	CentreStale CentreWarningKind = "stale"
)

// CentreWarningKinds lists the warnings in the order CheckBuyingCentre
// reports them.
var CentreWarningKinds = []CentreWarningKind{CentreEmpty, CentreNoEconomicBuyer, CentreOnlyPurchasing, CentreNoSponsor, CentreFewLevels, CentreStale}

// StaleMonths is how long without a real contact makes a warning.
const StaleMonths = 6

// CentreWarning is one piece of advice on the buying centre not met.
type CentreWarning struct {
	Kind CentreWarningKind `json:"kind"`
	// LastContact is the latest contact date known, for CentreStale; ""
	// when no contact has a date.
	LastContact string `json:"last_contact,omitempty"`
	// Levels is the number of levels with a contact, for CentreFewLevels.
	Levels int `json:"levels,omitempty"`
}

// beyondPurchasing reports whether a person is more than a purchasing
// contact: a user, technical or economic buyer, or an executive.
func beyondPurchasing(s Stakeholder) bool {
	return s.Role == EconomicBuyer || s.Role == UserBuyer || s.Role == TechnicalBuyer || s.Level == Executive
}

// LastContact is the latest LastContact of the stakeholders, or "".
func LastContact(ss []Stakeholder) string {
	last := ""
	for _, s := range ss {
		if s.LastContact != "" && ValidDue(s.LastContact) && s.LastContact > last {
			last = s.LastContact
		}
	}
	return last
}

// CheckBuyingCentre checks a customer's stakeholders against the advice
// for its regime (domain.md §8): every account wants a known economic
// buyer and a real contact within six months; where the customer
// dominates, relationships beyond purchasing; interdependence, an
// executive sponsor and contacts on all three levels. A zero today skips
// the check of the last contact.
func CheckBuyingCentre(r Regime, ss []Stakeholder, today time.Time) []CentreWarning {
	if len(ss) == 0 {
		return []CentreWarning{{Kind: CentreEmpty}}
	}
	var out []CentreWarning
	economic, beyond, sponsor := false, false, false
	levels := map[ContactLevel]bool{}
	for _, s := range ss {
		economic = economic || s.Role == EconomicBuyer
		beyond = beyond || beyondPurchasing(s)
		sponsor = sponsor || (s.Level == Executive && s.Attitude.Favourable() && strings.TrimSpace(s.Owner) != "")
		if s.Level != "" {
			levels[s.Level] = true
		}
	}
	if !economic {
		out = append(out, CentreWarning{Kind: CentreNoEconomicBuyer})
	}
	if r == BuyerDominance && !beyond {
		out = append(out, CentreWarning{Kind: CentreOnlyPurchasing})
	}
	if r == Interdependence {
		if !sponsor {
			out = append(out, CentreWarning{Kind: CentreNoSponsor})
		}
		if len(levels) < len(ContactLevels) {
			out = append(out, CentreWarning{Kind: CentreFewLevels, Levels: len(levels)})
		}
	}
	if !today.IsZero() {
		last := LastContact(ss)
		limit := today.AddDate(0, -StaleMonths, 0).Format(time.DateOnly)
		if last == "" || last < limit {
			out = append(out, CentreWarning{Kind: CentreStale, LastContact: last})
		}
	}
	return out
}
