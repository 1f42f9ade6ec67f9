package model

// Kraljic is how the customer's purchasing classifies us (set A).
type Kraljic string

const (
	Strategic   Kraljic = "strategic"
	Leverage    Kraljic = "leverage"
	Bottleneck  Kraljic = "bottleneck"
	NonCritical Kraljic = "noncritical"
)

// KraljicClasses lists the four classes in display order.
var KraljicClasses = []Kraljic{Strategic, Bottleneck, Leverage, NonCritical}

// ClassifyKraljic places profit impact and supply risk in one of the four
// purchasing classes.
func ClassifyKraljic(impactHigh, riskHigh bool) Kraljic {
	switch {
	case impactHigh && riskHigh:
		return Strategic
	case impactHigh:
		return Leverage
	case riskHigh:
		return Bottleneck
	}
	return NonCritical
}

// Preferencing is how we see the customer (set B).
type Preferencing string

const (
	Core        Preferencing = "core"
	Development Preferencing = "development"
	Exploitable Preferencing = "exploitable"
	Nuisance    Preferencing = "nuisance"
)

// PreferencingClasses lists the four classes in display order.
var PreferencingClasses = []Preferencing{Core, Exploitable, Development, Nuisance}

// ClassifyPreferencing places relative value and attractiveness in one of
// the four supplier-preferencing classes.
func ClassifyPreferencing(valueHigh, attractiveHigh bool) Preferencing {
	switch {
	case valueHigh && attractiveHigh:
		return Core
	case valueHigh:
		return Exploitable
	case attractiveHigh:
		return Development
	}
	return Nuisance
}

// Regime is the power balance between the customer and us.
type Regime string

const (
	// Interdependence: both depend on each other (partnership).
	Interdependence Regime = "interdependence"
	// SupplierDominance: they depend on us more than we on them.
	SupplierDominance Regime = "supplier_dominance"
	// BuyerDominance: we depend on them more than they on us.
	BuyerDominance Regime = "buyer_dominance"
	// Independence: neither depends much on the other (transactional).
	Independence Regime = "independence"
)

// Regimes lists the four regimes in the order of the map's quadrants
// (top left, top right, bottom left, bottom right) and of keys 1–4.
var Regimes = []Regime{SupplierDominance, Interdependence, Independence, BuyerDominance}

// ClassifyRegime places their dependence on us (supply risk, Y) and our
// dependence on them (relative value, X) in one of the four regimes.
func ClassifyRegime(theirDependenceHigh, ourDependenceHigh bool) Regime {
	switch {
	case theirDependenceHigh && ourDependenceHigh:
		return Interdependence
	case theirDependenceHigh:
		return SupplierDominance
	case ourDependenceHigh:
		return BuyerDominance
	}
	return Independence
}

// Cell is one of the 16 cells of the Kraljic × preferencing grid.
type Cell struct {
	Kraljic      Kraljic      `json:"kraljic"`
	Preferencing Preferencing `json:"preferencing"`
}

// Key is the cell's stable name, such as "strategic-core".
func (c Cell) Key() string { return string(c.Kraljic) + "-" + string(c.Preferencing) }

// Regime is the power regime the cell lies in.
func (c Cell) Regime() Regime {
	theirs := c.Kraljic == Strategic || c.Kraljic == Bottleneck
	ours := c.Preferencing == Core || c.Preferencing == Exploitable
	return ClassifyRegime(theirs, ours)
}

// Priority is the sales priority of a cell: P1 first, P4 last.
type Priority int

const (
	// NoPriority is the priority of a customer that is not placed.
	NoPriority Priority = 0
	P1         Priority = 1
	P2         Priority = 2
	P3         Priority = 3
	P4         Priority = 4
)

// String gives "P1"…"P4", or "–" when not placed.
func (p Priority) String() string {
	if p < P1 || p > P4 {
		return "–"
	}
	return "P" + string(rune('0'+int(p)))
}

// priorities is the design decision of domain.md §4: P1 for Strategic×Core
// and Leverage×Core; P4 for Nuisance accounts that do not need us as a
// strategic supplier; the rest follow the regime advice (Development
// accounts where we dominate are worth investing in, Exploitable accounts
// are held rather than grown, Independence is the lowest but for growth).
// Bottleneck × Exploitable is P2 like Leverage × Exploitable: the volume
// matters to us just as much, and a buyer who sees us as a bottleneck is
// actively working to replace us, so the risk to that volume is no smaller.
// Non-critical × Exploitable stays P3: the volume is ours to lose too, but
// a buyer who finds us routine puts little effort into switching, so the
// account needs efficient service and a watchful eye rather than a campaign.
var priorities = map[Cell]Priority{
	{Strategic, Core}: P1, {Strategic, Exploitable}: P2, {Strategic, Development}: P2, {Strategic, Nuisance}: P3,
	{Bottleneck, Core}: P2, {Bottleneck, Exploitable}: P2, {Bottleneck, Development}: P2, {Bottleneck, Nuisance}: P4,
	{Leverage, Core}: P1, {Leverage, Exploitable}: P2, {Leverage, Development}: P3, {Leverage, Nuisance}: P4,
	{NonCritical, Core}: P2, {NonCritical, Exploitable}: P3, {NonCritical, Development}: P3, {NonCritical, Nuisance}: P4,
}

// Priority is the cell's sales priority.
func (c Cell) Priority() Priority { return priorities[c] }

// Cells lists all 16 cells, Kraljic class by Kraljic class.
func Cells() []Cell {
	out := make([]Cell, 0, 16)
	for _, k := range KraljicClasses {
		for _, p := range PreferencingClasses {
			out = append(out, Cell{k, p})
		}
	}
	return out
}
