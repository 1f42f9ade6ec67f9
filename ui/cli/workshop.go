package cli

import (
	"errors"
	"slices"
	"strings"

	"styrka/assets"
	"styrka/model"
	"styrka/store"
)

// findWorkshop resolves a workshop by name or ID, case-insensitively;
// without a name it takes the only workshop there is.
func (a *App) findWorkshop(name string) (model.Workshop, error) {
	db, err := a.DB()
	if err != nil {
		return model.Workshop{}, err
	}
	all, err := db.Workshops()
	if err != nil {
		return model.Workshop{}, err
	}
	names := func() string {
		var n []string
		for _, w := range all {
			n = append(n, "“"+w.Name+"”")
		}
		return strings.Join(n, ", ")
	}
	if name == "" {
		switch len(all) {
		case 0:
			return model.Workshop{}, a.errorf("err.workshop.none")
		case 1:
			return all[0], nil
		}
		return model.Workshop{}, a.errorf("err.workshop.choose", names())
	}
	want := model.CleanText(name)
	for _, w := range all {
		if w.ID == want || strings.EqualFold(w.Name, want) {
			return w, nil
		}
	}
	if len(all) == 0 {
		return model.Workshop{}, a.errorf("err.workshop.none")
	}
	return model.Workshop{}, a.errorf("err.workshop.unknown", want, names())
}

// loadWorkshop resolves and loads a workshop with its customers and
// answers. The demo's own texts are shown in the language in use.
func (a *App) loadWorkshop(name string) (model.Dataset, error) {
	w, err := a.findWorkshop(name)
	if err != nil {
		return model.Dataset{}, err
	}
	db, err := a.DB()
	if err != nil {
		return model.Dataset{}, err
	}
	ds, err := db.Load(w.ID)
	if err != nil {
		return model.Dataset{}, err
	}
	ds, _ = assets.LocalizeDemo(ds, a.Lang)
	return ds, nil
}

// findCustomer resolves a customer of a dataset by ID or name: an exact
// name (case-insensitive) first, then a unique part of a name.
func (a *App) findCustomer(ds model.Dataset, name string) (model.Customer, error) {
	want := model.CleanText(name)
	for _, c := range ds.Customers {
		if c.ID == want || strings.EqualFold(c.Name, want) {
			return c, nil
		}
	}
	var hits []model.Customer
	for _, c := range ds.Customers {
		if strings.Contains(strings.ToLower(c.Name), strings.ToLower(want)) {
			hits = append(hits, c)
		}
	}
	if len(hits) == 1 {
		return hits[0], nil
	}
	var names []string
	for _, c := range hits {
		names = append(names, "“"+c.Name+"”")
	}
	if len(hits) > 1 {
		return model.Customer{}, a.errorf("err.customer.ambiguous", want, strings.Join(names, ", "))
	}
	for _, c := range ds.Customers {
		names = append(names, "“"+c.Name+"”")
	}
	slices.Sort(names)
	if len(names) > 8 {
		names = append(names[:8], "…")
	}
	return model.Customer{}, a.errorf("err.customer.unknown", want, ds.Workshop.Name, strings.Join(names, ", "))
}

func isNotFound(err error) bool { return errors.Is(err, store.ErrNotFound) }
