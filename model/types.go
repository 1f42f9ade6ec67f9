// Package model is the method: workshops, customers, question sets, answers,
// and the scoring that turns answers into classes, regimes and priorities.
// It is pure Go with no I/O; everything a user would call "the method" lives
// here and is table-tested.
package model

import "time"

// SetID names one of the two guided question sets.
type SetID string

const (
	// SetThem is set A, "Vilka är vi för kunden?": how the customer's
	// purchasing classifies us (Kraljic, seen from the buyer's chair).
	SetThem SetID = "them"
	// SetUs is set B, "Vem är kunden för oss?": the account's value and
	// attractiveness to us (supplier preferencing).
	SetUs SetID = "us"
)

// Sets lists the question sets in the order a workshop walks them.
var Sets = []SetID{SetThem, SetUs}

// Dimension is one scored axis of the method.
type Dimension string

const (
	// ProfitImpact is the buyer's profit impact of what we supply (set A).
	ProfitImpact Dimension = "impact"
	// SupplyRisk is the buyer's supply risk if we fail or leave (set A);
	// it is the customer's dependence on us, the Y axis of the power map.
	SupplyRisk Dimension = "risk"
	// RelativeValue is the economic value of the account to us (set B);
	// it is our dependence on the customer, the X axis of the power map.
	RelativeValue Dimension = "value"
	// Attractiveness is how attractive the account is to us (set B).
	Attractiveness Dimension = "attractiveness"
)

// Dimensions lists every dimension in a stable order.
var Dimensions = []Dimension{ProfitImpact, SupplyRisk, RelativeValue, Attractiveness}

// Set returns the question set a dimension belongs to.
func (d Dimension) Set() SetID {
	switch d {
	case ProfitImpact, SupplyRisk:
		return SetThem
	case RelativeValue, Attractiveness:
		return SetUs
	}
	return ""
}

// Valid reports whether d is one of the four dimensions.
func (d Dimension) Valid() bool { return d.Set() != "" }

// DimensionsOf returns the two dimensions of a question set.
func DimensionsOf(s SetID) []Dimension {
	switch s {
	case SetThem:
		return []Dimension{ProfitImpact, SupplyRisk}
	case SetUs:
		return []Dimension{RelativeValue, Attractiveness}
	}
	return nil
}

// Levels is the number of anchored levels of every question (1–5).
const Levels = 5

// Question is one anchored 1–5 question. Its ID is stable: answers refer to
// it, and it survives export, import and edits of the wording.
type Question struct {
	ID        string
	Set       SetID
	Dimension Dimension
	Weight    float64
	// Quick marks the question asked in quick mode, one per dimension.
	Quick   bool
	Text    string
	Help    string
	Anchors [Levels]string
}

// QuestionSet is one of the two guided sets with its questions in order.
type QuestionSet struct {
	ID        SetID
	Title     string
	Intro     string
	Questions []Question
}

// Thresholds are the cut-offs that split each dimension into low and high.
// A score strictly above the cut-off counts as high (domain.md §7): the
// middle anchor describes a middle situation, and rounding it up is the
// overrating the method warns about. A score within Band of a cut-off puts
// the customer on the line in that dimension.
type Thresholds struct {
	Impact         float64 `json:"impact"`
	Risk           float64 `json:"risk"`
	Value          float64 `json:"value"`
	Attractiveness float64 `json:"attractiveness"`
	// Band is the half-width of the on-the-line band around every cut-off;
	// nil means DefaultBand (files written before the band existed), 0
	// turns the band off. Optional, so older files and JSON still load.
	Band *float64 `json:"band,omitempty"`
}

// DefaultCutoff is the cut-off on the 1–5 scale when a workshop sets none.
const DefaultCutoff = 3.0

// DefaultBand is the on-the-line band around a cut-off when a workshop
// sets none: a quarter of a step either side.
const DefaultBand = 0.25

// MaxBand is the widest band a workshop may set; a band of a whole step
// either side would put nearly every customer on the line.
const MaxBand = 1.0

// DefaultThresholds cuts every dimension at DefaultCutoff, with the
// default band.
func DefaultThresholds() Thresholds {
	return Thresholds{Impact: DefaultCutoff, Risk: DefaultCutoff, Value: DefaultCutoff, Attractiveness: DefaultCutoff}
}

// BandWidth is the band in use: DefaultBand when none is set, and
// DefaultBand too for a value outside 0…MaxBand (or NaN).
func (t Thresholds) BandWidth() float64 {
	if t.Band == nil || !(*t.Band >= 0 && *t.Band <= MaxBand) {
		return DefaultBand
	}
	return *t.Band
}

// WithBand returns t with the band set to b.
func (t Thresholds) WithBand(b float64) Thresholds {
	t.Band = &b
	return t
}

// WithCutoff returns t with dimension d cut at v.
func (t Thresholds) WithCutoff(d Dimension, v float64) Thresholds {
	switch d {
	case ProfitImpact:
		t.Impact = v
	case SupplyRisk:
		t.Risk = v
	case RelativeValue:
		t.Value = v
	case Attractiveness:
		t.Attractiveness = v
	}
	return t
}

// For returns the cut-off of one dimension.
func (t Thresholds) For(d Dimension) float64 {
	switch d {
	case ProfitImpact:
		return t.Impact
	case SupplyRisk:
		return t.Risk
	case RelativeValue:
		return t.Value
	case Attractiveness:
		return t.Attractiveness
	}
	return DefaultCutoff
}

// Normalized replaces any cut-off outside the 1–5 scale by the default.
func (t Thresholds) Normalized() Thresholds {
	fix := func(v float64) float64 {
		if !(v >= 1 && v <= 5) { // also catches NaN
			return DefaultCutoff
		}
		return v
	}
	// The band is read through BandWidth, which checks it; keeping the
	// pointer keeps a workshop's own setting as it is.
	return Thresholds{fix(t.Impact), fix(t.Risk), fix(t.Value), fix(t.Attractiveness), t.Band}
}

// Workshop is one round of mapping a set of customers.
type Workshop struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	// Date is the workshop day as YYYY-MM-DD.
	Date       string `json:"date"`
	OurCompany string `json:"our_company"`
	// HorizonMonths is how far ahead the assessment looks.
	HorizonMonths int        `json:"horizon_months"`
	Thresholds    Thresholds `json:"thresholds"`
	// Currency is the base currency that ranking and reports compare
	// revenue in, such as "SEK"; empty when the workshop names none.
	// Optional, so older files and JSON still load.
	Currency string `json:"currency,omitempty"`
	// Rates converts other currencies to the base: Rates["EUR"] = 11.5
	// means 1 EUR is 11.5 of the base currency. Optional.
	Rates   map[string]float64 `json:"rates,omitempty"`
	Created time.Time          `json:"created"`
	Updated time.Time          `json:"updated"`
}

// DefaultHorizonMonths is the planning horizon of a new workshop (~3 years).
const DefaultHorizonMonths = 36

// Customer is one account assessed in a workshop.
type Customer struct {
	ID         string `json:"id"`
	WorkshopID string `json:"workshop_id"`
	Name       string `json:"name"`
	// Offering is what we sell them that is assessed: Kraljic classifies
	// purchase categories, so one customer may see two offerings differently.
	Offering string `json:"offering,omitempty"`
	// Revenue is our annual revenue from the account; nil when unknown.
	Revenue  *float64  `json:"revenue,omitempty"`
	Currency string    `json:"currency,omitempty"`
	Notes    string    `json:"notes,omitempty"`
	Tags     []string  `json:"tags,omitempty"`
	Created  time.Time `json:"created"`
	Updated  time.Time `json:"updated"`
}

// Score is an answer on the anchored 1–5 scale, or DontKnow.
type Score int

// DontKnow ("Vet ej") is a valid answer that is left out of every mean.
const DontKnow Score = 0

// Known reports whether the score is on the 1–5 scale.
func (s Score) Known() bool { return s >= 1 && s <= Levels }

// Valid reports whether the score is DontKnow or on the 1–5 scale.
func (s Score) Valid() bool { return s == DontKnow || s.Known() }

// Answer is one customer's answer to one question.
type Answer struct {
	CustomerID string `json:"customer_id"`
	QuestionID string `json:"question_id"`
	Score      Score  `json:"score"`
	// Note is the evidence behind the score: source, who, when.
	Note   string    `json:"note,omitempty"`
	Author string    `json:"author,omitempty"`
	At     time.Time `json:"at"`
	// Source says where the score comes from (validation.go); empty when
	// not said. SourceRef names the data, or who at the customer said it.
	Source    AnswerSource `json:"source,omitempty"`
	SourceRef string       `json:"source_ref,omitempty"`
	// ConfirmedBy and ConfirmedAt record who confirmed the answer with the
	// customer, and when; both empty until then.
	ConfirmedBy string    `json:"confirmed_by,omitempty"`
	ConfirmedAt time.Time `json:"confirmed_at,omitzero"`
}
