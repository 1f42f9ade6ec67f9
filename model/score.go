package model

import (
	"cmp"
	"math"
	"slices"
	"strings"

	"styrka/model/par"
)

// DimensionScore is one dimension's score for one customer.
type DimensionScore struct {
	Dimension Dimension `json:"dimension"`
	// Value is the weighted mean of the known answers on 1–5; meaningful
	// only when Placed.
	Value float64 `json:"value"`
	// Placed is true when at least one question with a positive weight has a
	// known (1–5) answer.
	Placed bool `json:"placed"`
	// Known counts answers on the 1–5 scale, DontKnows counts "don't know",
	// Questions counts the questions of the dimension.
	Known     int `json:"known"`
	DontKnows int `json:"dont_knows"`
	Questions int `json:"questions"`
}

// Answered is the number of questions answered, "don't know" included.
func (s DimensionScore) Answered() int { return s.Known + s.DontKnows }

// Coverage is the share of the dimension's questions with a known answer.
func (s DimensionScore) Coverage() float64 {
	if s.Questions == 0 {
		return 0
	}
	return float64(s.Known) / float64(s.Questions)
}

// dimensionIndex is d's place in Dimensions, or -1.
func dimensionIndex(d Dimension) int {
	switch d {
	case ProfitImpact:
		return 0
	case SupplyRisk:
		return 1
	case RelativeValue:
		return 2
	case Attractiveness:
		return 3
	}
	return -1
}

// setIndex is s's place in Sets, or -1.
func setIndex(s SetID) int {
	switch s {
	case SetThem:
		return 0
	case SetUs:
		return 1
	}
	return -1
}

// ScoreDimension computes the weighted mean of the known answers to the
// questions of one dimension. Questions with a zero or negative weight do
// not count towards the mean. Answers to other questions are ignored.
func ScoreDimension(d Dimension, questions []Question, answers map[string]Answer) DimensionScore {
	s := DimensionScore{Dimension: d}
	var sum, weights float64
	for _, q := range questions {
		if q.Dimension != d {
			continue
		}
		s.Questions++
		a, ok := answers[q.ID]
		if !ok {
			continue
		}
		if !a.Score.Known() {
			s.DontKnows++
			continue
		}
		s.Known++
		if q.Weight > 0 {
			sum += q.Weight * float64(a.Score)
			weights += q.Weight
		}
	}
	if weights > 0 {
		s.Placed = true
		s.Value = sum / weights
	}
	return s
}

// Progress is how far one question set has come for one customer.
type Progress struct {
	Answered  int `json:"answered"`
	Questions int `json:"questions"`
}

// Done reports whether every question of the set has an answer.
func (p Progress) Done() bool { return p.Questions > 0 && p.Answered >= p.Questions }

// RoomLevel names the negotiation room on −4…+4.
type RoomLevel string

const (
	RoomLow      RoomLevel = "low"
	RoomBalanced RoomLevel = "balanced"
	RoomHigh     RoomLevel = "high"
)

// Stance is the buyer's expected stance in Kraljic's power matrix.
type Stance string

const (
	// Exploit: the buyer is strong and uses it.
	Exploit Stance = "exploit"
	// Balance: neither side dominates.
	Balance Stance = "balance"
	// Diversify: the supplier is strong; the buyer looks for alternatives.
	Diversify Stance = "diversify"
)

// epsilon absorbs the rounding of weighted means, so a mean that is 3.0
// on paper is 3.0 here too.
const epsilon = 1e-9

// AtLeast reports whether v is at or above the cut-off, tolerating the
// rounding error of a weighted mean. The room to move uses it: its ±1.0
// boundaries belong to the low and high levels.
func AtLeast(v, cut float64) bool { return v >= cut-epsilon }

// Above reports whether v is strictly above the cut-off, tolerating the
// rounding error of a weighted mean: a dimension is high only above its
// cut-off (domain.md §7), so a score of exactly 3.0 on a 3.0 cut-off is low.
func Above(v, cut float64) bool { return v > cut+epsilon }

// Within reports whether v lies within band of the cut-off, both ends
// included. A band of 0 (or less) is off: nothing lies within it.
func Within(v, cut, band float64) bool {
	return band > 0 && math.Abs(v-cut) <= band+epsilon
}

// RoomThreshold is the distance from zero at which the room to move stops
// being balanced.
const RoomThreshold = 1.0

// Room is our room to move in a negotiation: their dependence on us minus
// our dependence on them, on −4…+4.
type Room struct {
	Value  float64   `json:"value"`
	Placed bool      `json:"placed"`
	Level  RoomLevel `json:"level,omitempty"`
	Stance Stance    `json:"stance,omitempty"`
	// Indicative is true when the customer is not a Strategic item:
	// exploit / balance / diversify is Kraljic's power matrix for
	// strategic items, and elsewhere only a hint of the buyer's stance.
	Indicative bool `json:"indicative,omitempty"`
}

// NegotiationRoom computes the room to move from their dependence on us
// (supply risk) and ours on them (relative value).
func NegotiationRoom(risk, value DimensionScore) Room {
	if !risk.Placed || !value.Placed {
		return Room{}
	}
	r := Room{Value: risk.Value - value.Value, Placed: true}
	switch {
	case AtLeast(-r.Value, RoomThreshold):
		r.Level, r.Stance = RoomLow, Exploit
	case AtLeast(r.Value, RoomThreshold):
		r.Level, r.Stance = RoomHigh, Diversify
	default:
		r.Level, r.Stance = RoomBalanced, Balance
	}
	return r
}

// WarningKind names a mismatch worth a warning.
type WarningKind string

const (
	// WarnExposed: our dependence on them is high (Core or Exploitable:
	// it comes from the value of their business), and they see us as
	// Leverage or Non-critical, so they can replace us: we are exposed.
	WarnExposed WarningKind = "exposed"
	// WarnReplace: they see us as Strategic or Bottleneck, we see them as
	// Nuisance: they will seek to replace us.
	WarnReplace WarningKind = "replace"
	// WarnBottleneck: they see us as Bottleneck and work to develop
	// alternatives to us.
	WarnBottleneck WarningKind = "bottleneck"
	// WarnValidate: set A has "don't know" answers, or scores without an
	// evidence note; only the customer can confirm how they see us.
	WarnValidate WarningKind = "validate"
	// WarnLowCoverage: in at least one dimension of a set that has been
	// started, fewer than half the questions have a known answer, so the
	// placement rests on thin evidence.
	WarnLowCoverage WarningKind = "low_coverage"
	// WarnOnLine: a score lies within the band of its cut-off, so the
	// customer could as well be in a neighbouring class or regime.
	WarnOnLine WarningKind = "on_line"
)

// WarningKinds lists every warning in the order Assess reports them.
var WarningKinds = []WarningKind{WarnOnLine, WarnExposed, WarnReplace, WarnBottleneck, WarnValidate, WarnLowCoverage}

// LowCoverage is the share of known answers below which a set's placement
// is flagged.
const LowCoverage = 0.5

// Assessment is everything the method says about one customer.
type Assessment struct {
	Customer Customer                     `json:"-"`
	Scores   map[Dimension]DimensionScore `json:"scores"`
	Progress map[SetID]Progress           `json:"progress"`
	Kraljic  Kraljic                      `json:"kraljic,omitempty"`
	Pref     Preferencing                 `json:"preferencing,omitempty"`
	Regime   Regime                       `json:"regime,omitempty"`
	Priority Priority                     `json:"priority"`
	Room     Room                         `json:"room"`
	Warnings []WarningKind                `json:"warnings,omitempty"`
	// Validate lists the set A questions to validate with the customer, in
	// question order: those answered "don't know", those marked as our
	// estimate, and those scored without an evidence note or a named
	// source (listed in NoEvidence too). An answer confirmed with the
	// customer, or said by the customer, is not listed.
	Validate   []string `json:"validate,omitempty"`
	NoEvidence []string `json:"no_evidence,omitempty"`
	// LowCoverage lists the dimensions of started sets where fewer than
	// half the questions have a known answer.
	LowCoverage []Dimension `json:"low_coverage,omitempty"`
	// OnLine lists the dimensions whose score lies within the band of the
	// cut-off, each with the placement the customer would have on the
	// other side of it.
	OnLine []LineCase `json:"on_line,omitempty"`
	// BaseRevenue is the revenue in the workshop's base currency, the
	// figure ranking compares; nil when the revenue is unknown or cannot
	// be converted. Assess copies the customer's revenue as it is;
	// Dataset.Assess converts it (ConvertRevenue).
	BaseRevenue *float64 `json:"base_revenue,omitempty"`
	// NoRate is true when the customer has a revenue that could not be
	// converted to the base currency, so ranking leaves it out.
	NoRate bool `json:"no_rate,omitempty"`
}

// Placement is where a customer lands: the two classes, the regime and
// the priority; a part that cannot be placed is empty.
type Placement struct {
	Kraljic  Kraljic      `json:"kraljic,omitempty"`
	Pref     Preferencing `json:"preferencing,omitempty"`
	Regime   Regime       `json:"regime,omitempty"`
	Priority Priority     `json:"priority"`
}

// Placement is the assessment's classes, regime and priority.
func (a Assessment) Placement() Placement {
	return Placement{Kraljic: a.Kraljic, Pref: a.Pref, Regime: a.Regime, Priority: a.Priority}
}

// Moved reports whether p differs from q in a class or the regime.
func (p Placement) Moved(q Placement) bool {
	return p.Kraljic != q.Kraljic || p.Pref != q.Pref || p.Regime != q.Regime
}

// LineCase is one dimension on the line: its score, the cut-off, the side
// it is classed on, and where the customer would be on the other side.
type LineCase struct {
	Dimension Dimension `json:"dimension"`
	Value     float64   `json:"value"`
	Cutoff    float64   `json:"cutoff"`
	// High is the side the score is classed on now.
	High  bool      `json:"high"`
	Other Placement `json:"other"`
}

// Placed reports whether the customer has a place on the power map.
func (a Assessment) Placed() bool { return a.Regime != "" }

// Cell is the 4×4 cell; ok is false unless both classes are known.
func (a Assessment) Cell() (c Cell, ok bool) {
	if a.Kraljic == "" || a.Pref == "" {
		return Cell{}, false
	}
	return Cell{a.Kraljic, a.Pref}, true
}

// Coverage is the share of all questions with a known answer.
func (a Assessment) Coverage() float64 {
	var known, total int
	for _, s := range a.Scores {
		known += s.Known
		total += s.Questions
	}
	if total == 0 {
		return 0
	}
	return float64(known) / float64(total)
}

// Assess scores one customer. answers are the customer's answers keyed by
// question ID; answers to questions not in questions are ignored (they are
// history: an answer to a retired question is kept, never re-read). A
// dimension without a known answer is not placed, and neither is any class
// or regime that needs it: nothing is ever put at a default.
func Assess(t Thresholds, questions []Question, c Customer, answers map[string]Answer) Assessment {
	t = t.Normalized()
	a := Assessment{
		Customer:    c,
		Scores:      make(map[Dimension]DimensionScore, len(Dimensions)),
		Progress:    make(map[SetID]Progress, len(Sets)),
		BaseRevenue: c.Revenue,
	}
	// One pass over the questions, one look-up of each answer: the
	// dimension scores (summed in question order, as ScoreDimension does,
	// so the means are the same to the last bit), the progress of each
	// set, and how long the lists to validate will be, so that they are
	// allocated once at their size.
	var (
		dims               [4]DimensionScore
		sums, weights      [4]float64
		progress           [2]Progress
		nValidate, nNoEvid int
	)
	for _, q := range questions {
		di := dimensionIndex(q.Dimension)
		si := setIndex(q.Set)
		if si >= 0 {
			progress[si].Questions++
		}
		if di >= 0 {
			dims[di].Questions++
		}
		ans, ok := answers[q.ID]
		if !ok {
			continue
		}
		if si >= 0 {
			progress[si].Answered++
		}
		if di >= 0 {
			if !ans.Score.Known() {
				dims[di].DontKnows++
			} else {
				dims[di].Known++
				if q.Weight > 0 {
					sums[di] += q.Weight * float64(ans.Score)
					weights[di] += q.Weight
				}
			}
		}
		if q.Set == SetThem {
			switch validation(ans) {
			case dontKnow, estimated:
				nValidate++
			case noEvidence:
				nValidate++
				nNoEvid++
			}
		}
	}
	for i, d := range Dimensions {
		ds := dims[i]
		ds.Dimension = d
		if weights[i] > 0 {
			ds.Placed = true
			ds.Value = sums[i] / weights[i]
		}
		a.Scores[d] = ds
	}
	for i, set := range Sets {
		if progress[i].Questions > 0 {
			a.Progress[set] = progress[i]
		}
	}
	nNoEvidence := nNoEvid
	if nValidate > 0 {
		a.Validate = make([]string, 0, nValidate)
		if nNoEvidence > 0 {
			a.NoEvidence = make([]string, 0, nNoEvidence)
		}
		for _, q := range questions {
			ans, ok := answers[q.ID]
			if !ok || q.Set != SetThem {
				continue
			}
			switch validation(ans) {
			case dontKnow, estimated:
				a.Validate = append(a.Validate, q.ID)
			case noEvidence:
				a.Validate = append(a.Validate, q.ID)
				a.NoEvidence = append(a.NoEvidence, q.ID)
			}
		}
	}
	sc := scoresOf(a.Scores)
	p := sc.place(t)
	a.Kraljic, a.Pref, a.Regime, a.Priority = p.Kraljic, p.Pref, p.Regime, p.Priority
	a.OnLine = sc.onLine(t, p)
	a.Room = NegotiationRoom(a.Scores[SupplyRisk], a.Scores[RelativeValue])
	if a.Room.Placed && a.Kraljic != Strategic {
		a.Room.Indicative = true
	}
	a.LowCoverage = lowCoverage(a)
	a.Warnings = warnings(a)
	return a
}

// validated says whether a set A answer needs validating with the
// customer: "don't know", or a score without an evidence note.
type validated int

const (
	evidenced validated = iota
	dontKnow
	noEvidence
	// estimated: a score marked as our own estimate.
	estimated
)

func validation(a Answer) validated {
	switch {
	case !a.Score.Known():
		return dontKnow
	case a.Confirmed() || a.Source == FromCustomer:
		return evidenced
	case a.Source == FromEstimate:
		return estimated
	case strings.TrimSpace(a.Note) == "" && strings.TrimSpace(a.SourceRef) == "":
		return noEvidence
	}
	return evidenced
}

// scores holds the four dimension scores in Dimensions order, which is
// all the classing needs; sensitivity and stability re-class from it
// without building a whole assessment.
type scores struct {
	v  [4]float64
	ok [4]bool
}

func scoresOf(m map[Dimension]DimensionScore) scores {
	var s scores
	for i, d := range Dimensions {
		s.v[i], s.ok[i] = m[d].Value, m[d].Placed
	}
	return s
}

// place classes the scores against the cut-offs.
func (s scores) place(t Thresholds) Placement {
	var high [4]bool
	for i, d := range Dimensions {
		high[i] = s.ok[i] && Above(s.v[i], t.For(d))
	}
	return s.placeHigh(high)
}

// placeHigh classes given which dimensions are high.
func (s scores) placeHigh(high [4]bool) Placement {
	const impact, risk, value, attr = 0, 1, 2, 3
	var p Placement
	if s.ok[impact] && s.ok[risk] {
		p.Kraljic = ClassifyKraljic(high[impact], high[risk])
	}
	if s.ok[value] && s.ok[attr] {
		p.Pref = ClassifyPreferencing(high[value], high[attr])
	}
	if s.ok[risk] && s.ok[value] {
		p.Regime = ClassifyRegime(high[risk], high[value])
	}
	if p.Kraljic != "" && p.Pref != "" {
		p.Priority = Cell{p.Kraljic, p.Pref}.Priority()
	}
	return p
}

// onLine lists the dimensions within the band of their cut-off, each with
// the placement on the other side of the cut-off; a dimension whose other
// side changes no class or regime (its partner is not placed) is left out.
func (s scores) onLine(t Thresholds, now Placement) []LineCase {
	band := t.BandWidth()
	var out []LineCase
	var high [4]bool
	for i, d := range Dimensions {
		high[i] = s.ok[i] && Above(s.v[i], t.For(d))
	}
	for i, d := range Dimensions {
		if !s.ok[i] || !Within(s.v[i], t.For(d), band) {
			continue
		}
		flipped := high
		flipped[i] = !flipped[i]
		other := s.placeHigh(flipped)
		if !other.Moved(now) {
			continue
		}
		out = append(out, LineCase{Dimension: d, Value: s.v[i], Cutoff: t.For(d), High: high[i], Other: other})
	}
	return out
}

// lowCoverage lists the dimensions of started sets with fewer than half
// their questions known. It is checked per dimension: one impact answer and
// five risk answers is 60 % of set A and says little about impact.
func lowCoverage(a Assessment) []Dimension {
	var out []Dimension
	for _, d := range Dimensions {
		s := a.Scores[d]
		if a.Progress[d.Set()].Answered > 0 && s.Questions > 0 && s.Coverage() < LowCoverage {
			out = append(out, d)
		}
	}
	return out
}

func warnings(a Assessment) []WarningKind {
	var w []WarningKind
	if len(a.OnLine) > 0 {
		w = append(w, WarnOnLine)
	}
	// Our dependence comes from the value of their business, so an
	// Exploitable account is as exposed as a Core one.
	if (a.Pref == Core || a.Pref == Exploitable) && (a.Kraljic == Leverage || a.Kraljic == NonCritical) {
		w = append(w, WarnExposed)
	}
	if a.Pref == Nuisance && (a.Kraljic == Strategic || a.Kraljic == Bottleneck) {
		w = append(w, WarnReplace)
	}
	if a.Kraljic == Bottleneck {
		w = append(w, WarnBottleneck)
	}
	if len(a.Validate) > 0 {
		w = append(w, WarnValidate)
	}
	if len(a.LowCoverage) > 0 {
		w = append(w, WarnLowCoverage)
	}
	return w
}

// Rank orders assessments for the question "which customers should we
// prioritise?": by priority (P1 first, customers not placed in the grid
// last), then by annual revenue in the base currency where known
// (BaseRevenue; known before unknown), then by
// coverage of answers, then by name. It sorts a copy and is stable.
func Rank(as []Assessment) []Assessment {
	keys := make([]rankKey, len(as))
	for i, a := range as {
		keys[i] = newRankKey(a, i)
	}
	slices.SortStableFunc(keys, compareKeys)
	out := make([]Assessment, len(as))
	for i, k := range keys {
		out[i] = as[k.index]
	}
	return out
}

// CompareRank is the ordering Rank uses.
func CompareRank(a, b Assessment) int {
	return compareKeys(newRankKey(a, 0), newRankKey(b, 0))
}

// rankKey holds what ranking compares, worked out once per customer.
type rankKey struct {
	priority Priority
	revenue  *float64
	coverage float64
	name     string
	index    int
}

func newRankKey(a Assessment, i int) rankKey {
	p := a.Priority
	if p == NoPriority {
		p = math.MaxInt8
	}
	return rankKey{p, a.BaseRevenue, a.Coverage(), strings.ToLower(a.Customer.Name), i}
}

func compareKeys(a, b rankKey) int {
	if c := cmp.Compare(a.priority, b.priority); c != 0 {
		return c
	}
	switch {
	case a.revenue != nil && b.revenue == nil:
		return -1
	case a.revenue == nil && b.revenue != nil:
		return 1
	case a.revenue != nil && b.revenue != nil:
		if c := cmp.Compare(*b.revenue, *a.revenue); c != 0 {
			return c
		}
	}
	if c := cmp.Compare(b.coverage, a.coverage); c != 0 {
		return c
	}
	return strings.Compare(a.name, b.name)
}

// AssessAll scores every customer of a workshop. answers maps a customer ID
// to that customer's answers keyed by question ID. A large workshop is
// scored on several cores: each customer's assessment depends on its own
// answers only, so the result is the same however it is split.
func AssessAll(t Thresholds, questions []Question, customers []Customer, answers map[string]map[string]Answer) []Assessment {
	out := make([]Assessment, len(customers))
	par.Chunks(len(customers), assessPerWorker, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			out[i] = Assess(t, questions, customers[i], answers[customers[i].ID])
		}
	})
	return out
}

// assessPerWorker is the fewest customers worth a goroutine of their own:
// a customer takes a few microseconds.
const assessPerWorker = 500
