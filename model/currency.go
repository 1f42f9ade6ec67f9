package model

import (
	"maps"
	"math"
	"slices"
	"strings"
)

// NormalizeCurrency gives a currency code in the form it is compared in:
// trimmed and upper case ("sek " → "SEK").
func NormalizeCurrency(s string) string { return strings.ToUpper(strings.TrimSpace(s)) }

// RevenueBasis says how a workshop's revenues are compared: the base
// currency, the currencies converted to it with a rate, and those with no
// rate, whose revenues ranking leaves out. Reports print it so the reader
// knows the figures are not all in the currency they were entered in.
type RevenueBasis struct {
	// Base is the currency revenue is compared in: the workshop's, or the
	// one currency every revenue is in when the workshop names none; empty
	// when the workshop names none and the revenues are in several.
	Base string
	// Derived is true when Base was not set on the workshop but taken
	// from the revenues, because they are all in that one currency.
	Derived bool
	// Converted lists the other currencies that have a rate, sorted.
	Converted []string
	// Unconverted lists the currencies that cannot be converted, sorted.
	Unconverted []string
	// Rates are the rates used, by currency.
	Rates map[string]float64
}

// Basis works out how the revenues of customers are compared in w. A
// revenue without a currency counts as being in the base currency.
func (w Workshop) Basis(customers []Customer) RevenueBasis {
	b := RevenueBasis{Base: NormalizeCurrency(w.Currency), Rates: map[string]float64{}}
	seen := map[string]bool{}
	for _, c := range customers {
		if c.Revenue == nil {
			continue
		}
		if cur := NormalizeCurrency(c.Currency); cur != "" {
			seen[cur] = true
		}
	}
	if b.Base == "" {
		if len(seen) == 1 {
			for cur := range seen {
				b.Base, b.Derived = cur, true
			}
		} else if len(seen) == 0 {
			return b
		}
	}
	for _, cur := range slices.Sorted(maps.Keys(seen)) {
		if cur == b.Base {
			continue
		}
		if r, ok := rate(w.Rates, cur); ok && b.Base != "" {
			b.Converted = append(b.Converted, cur)
			b.Rates[cur] = r
		} else {
			b.Unconverted = append(b.Unconverted, cur)
		}
	}
	return b
}

// rate finds a usable rate for cur: positive and finite, whatever the case
// of the key it was stored under.
func rate(rates map[string]float64, cur string) (float64, bool) {
	for k, r := range rates {
		if NormalizeCurrency(k) == cur && r > 0 && !math.IsInf(r, 0) {
			return r, true
		}
	}
	return 0, false
}

// Convert gives amount in currency cur in the base currency; ok is false
// when there is no base or no rate for cur.
func (b RevenueBasis) Convert(amount float64, cur string) (float64, bool) {
	cur = NormalizeCurrency(cur)
	if cur == "" || cur == b.Base {
		// Without a base, revenues with no currency compare with each
		// other only when no revenue is in a named currency.
		return amount, b.Base != "" || len(b.Unconverted) == 0
	}
	r, ok := b.Rates[cur]
	if !ok {
		return 0, false
	}
	return amount * r, true
}

// Mixed reports whether some revenues were converted or could not be.
func (b RevenueBasis) Mixed() bool { return len(b.Converted) > 0 || len(b.Unconverted) > 0 }

// ConvertRevenue sets each assessment's BaseRevenue to its customer's
// revenue in the workshop's base currency, and NoRate where that cannot
// be done, so that Rank never compares EUR 2 M with SEK 3 M as if 2 < 3.
func ConvertRevenue(as []Assessment, w Workshop) {
	cs := make([]Customer, len(as))
	for i, a := range as {
		cs[i] = a.Customer
	}
	b := w.Basis(cs)
	for i := range as {
		c := as[i].Customer
		as[i].BaseRevenue, as[i].NoRate = nil, false
		if c.Revenue == nil {
			continue
		}
		if v, ok := b.Convert(*c.Revenue, c.Currency); ok {
			as[i].BaseRevenue = &v
		} else {
			as[i].NoRate = true
		}
	}
}
