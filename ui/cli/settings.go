package cli

import (
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"styrka/model"
	"styrka/report"
)

// settingsCommand is `styrka settings`: a workshop's on-the-line band, base
// currency and exchange rates, shown, or changed with flags.
func (a *App) settingsCommand() *cobra.Command {
	var workshop, band, currency string
	var rates []string
	var clearRates bool
	cmd := &cobra.Command{
		Use:   "settings",
		Short: a.T("cmd.settings.short"),
		Long:  a.T("cmd.settings.long"),
		Args:  a.noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ds, err := a.loadWorkshop(workshop)
			if err != nil {
				return err
			}
			w := ds.Workshop
			changed := false
			if cmd.Flags().Changed("band") {
				b, ok := parseDecimal(band)
				if !ok || b < 0 || b > model.MaxBand {
					return &usageError{a.T("err.band", band)}
				}
				w.Thresholds = w.Thresholds.WithBand(b)
				changed = true
			}
			if cmd.Flags().Changed("currency") {
				cur := model.NormalizeCurrency(currency)
				if cur != "" && !currencyCode(cur) {
					return &usageError{a.T("err.currency", currency)}
				}
				w.Currency, changed = cur, true
			}
			if clearRates {
				w.Rates, changed = nil, true
			}
			if len(rates) > 0 && w.Rates == nil {
				w.Rates = map[string]float64{}
			}
			for _, r := range rates {
				cur, val, ok := strings.Cut(r, "=")
				cur = model.NormalizeCurrency(cur)
				v, okv := parseDecimal(val)
				if !ok || !currencyCode(cur) || !okv || !(v > 0) || math.IsInf(v, 0) {
					return &usageError{a.T("err.rate", r)}
				}
				w.Rates[cur], changed = v, true
			}
			if changed {
				db, err := a.DB()
				if err != nil {
					return err
				}
				if err := db.PutWorkshop(w); err != nil {
					return err
				}
			}
			a.println(a.settingsText(w, changed))
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVarP(&workshop, "workshop", "w", "", a.T("flag.workshop"))
	f.StringVar(&band, "band", "", a.T("flag.band"))
	f.StringVar(&currency, "currency", "", a.T("flag.currency"))
	f.StringArrayVar(&rates, "rate", nil, a.T("flag.rate"))
	f.BoolVar(&clearRates, "clear-rates", false, a.T("flag.clearrates"))
	return cmd
}

// settingsText says what a workshop's settings are.
func (a *App) settingsText(w model.Workshop, saved bool) string {
	cur := w.Currency
	if cur == "" {
		cur = a.T("settings.nocurrency")
	}
	var rates []string
	for _, k := range slices.Sorted(maps.Keys(w.Rates)) {
		rates = append(rates, "1 "+k+" = "+report.Rate(a.Lang, w.Rates[k])+" "+w.Currency)
	}
	rt := a.T("settings.norates")
	if len(rates) > 0 {
		rt = strings.Join(rates, ", ")
	}
	key := "settings.show"
	if saved {
		key = "settings.saved"
	}
	t := w.Thresholds.Normalized()
	return a.T(key, w.Name, report.Number(a.Lang, t.Risk, 1), report.Number(a.Lang, t.BandWidth(), 2), cur, rt)
}

// parseDecimal reads a number written with a decimal point or comma.
func parseDecimal(s string) (float64, bool) {
	v, err := strconv.ParseFloat(strings.Replace(strings.TrimSpace(s), ",", ".", 1), 64)
	return v, err == nil && !math.IsNaN(v)
}

// currencyCode reports whether s looks like an ISO 4217 code: three
// letters A–Z.
func currencyCode(s string) bool {
	if len(s) != 3 {
		return false
	}
	for _, r := range s {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	return true
}
