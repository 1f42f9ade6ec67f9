package cli

import (
	"bytes"
	"errors"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"styrka/model"
	"styrka/report"
	"styrka/store"
)

// importFlags are the flags of `styrka import`.
type importFlags struct {
	replace         bool
	workshop        string
	dryRun, skipBad bool
	// update fills in or changes the fields of customers already there.
	update bool
	// sheet is the sheet of an Excel workbook to read ("" the first).
	sheet string
}

// isJSONFile decides how to read an import: by the extension, and for any
// other name by the content (a JSON export starts with "{").
func isJSONFile(path string, data []byte) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".json":
		return true
	case ".csv", ".txt", ".tsv":
		return false
	}
	data = bytes.TrimPrefix(data, []byte(report.BOM))
	data = bytes.TrimLeft(data, " \t\r\n")
	return len(data) > 0 && data[0] == '{'
}

// dryRunNewRows is how many new customers a dry run lists by name; every
// row that is not added is always listed.
const dryRunNewRows = 50

// importCSV adds the customers of a CSV list to the workshop named by -w,
// creating it when it does not exist, in one transaction; with --dry-run
// it only shows what it would do.
func (a *App) importCSV(path string, data []byte, f importFlags) error {
	name := model.CleanText(f.workshop)
	if name == "" {
		return &usageError{a.T("err.import.csvworkshop")}
	}
	var list report.CustomerList
	var err error
	if report.IsXLSX(data) {
		list, err = report.ParseXLSX(data, f.sheet)
	} else {
		list, err = report.ParseCSV(data)
	}
	var ce *report.CSVError
	var bad *report.BadRowsError
	switch {
	case errors.As(err, &ce):
		ce.File = path
		return ce
	case err != nil && !errors.As(err, &bad):
		return err
	}
	// A dry run changes nothing, so it does not create the database
	// either: without one, every row would go to a new workshop.
	var db store.Store
	if f.dryRun {
		db, err = a.DB()
		if errors.Is(err, store.ErrNoDatabase) {
			db, err = nil, nil
		}
	} else {
		db, err = a.CreateDB()
	}
	if err != nil {
		return err
	}
	w, exists, err := a.workshopNamed(db, name)
	if err != nil {
		return err
	}
	var existing []model.Customer
	if exists {
		if existing, err = db.Customers(w.ID); err != nil {
			return err
		}
	}
	plan := report.PlanImport(list, existing)
	if f.update {
		plan = report.PlanUpdate(list, existing)
	}

	a.println(a.T("import.csv.read", path, len(plan.Rows), report.DelimiterText(a.Content, list.Delimiter), string(list.Encoding)))
	if list.Sheet != "" {
		a.println(a.T("import.csv.sheet", list.Sheet))
	}
	if list.Footer > 0 {
		a.eprintln(a.T("import.csv.footer", list.Footer))
	}
	if len(list.Ignored) > 0 {
		a.eprintln(a.T("import.csv.ignored", strings.Join(list.Ignored, ", ")))
	}

	if f.dryRun {
		a.dryRunTable(plan)
		a.println(a.T("import.csv.dryrun", plan.New, plan.Existing, plan.Duplicates, plan.Bad))
		if plan.Updated > 0 {
			a.println(a.T("import.csv.wouldupdate", plan.Updated))
		}
		if !exists && plan.New > 0 {
			a.println(a.T("import.csv.wouldcreate", name))
		}
		if plan.Bad > 0 && !f.skipBad {
			a.println(a.T("import.csv.wouldrefuse"))
		}
		return nil
	}

	customers, err := plan.Accept(f.skipBad)
	if errors.Is(err, report.ErrBadRows) {
		for _, r := range plan.Rows {
			if r.Status == report.StatusBad {
				a.eprintln("  " + a.T("import.csv.line", r.Line, report.ProblemText(a.Content, r.Problem)))
			}
		}
		return a.errorf("err.import.badrows", path, plan.Bad)
	}
	if err != nil {
		return err
	}
	if len(customers) == 0 {
		a.println(a.T("import.csv.nothing", name))
		return nil
	}
	if exists {
		if err := db.PutCustomers(w.ID, customers); err != nil {
			return err
		}
	} else {
		w = model.Workshop{
			ID: store.NewID(), Name: name, Date: time.Now().Format(time.DateOnly),
			HorizonMonths: model.DefaultHorizonMonths, Thresholds: model.DefaultThresholds(),
		}
		if err := db.AddWorkshop(w, customers); err != nil {
			return err
		}
		a.println(a.T("import.csv.created", w.Name, w.Date))
	}
	if added := len(customers) - plan.Updated; added > 0 || plan.Updated == 0 {
		a.println(a.T("import.csv.done", added, w.Name))
	}
	if plan.Updated > 0 {
		a.println(a.T("import.csv.updated", plan.Updated, w.Name))
	}
	if left := plan.Existing + plan.Duplicates + plan.Bad; left > 0 {
		a.println(a.T("import.csv.left", plan.Existing, plan.Duplicates, plan.Bad))
	}
	return nil
}

// workshopNamed finds a workshop by its name or ID (see match); exists is
// false when there is none. db nil is a database that does not exist yet.
func (a *App) workshopNamed(db store.Store, name string) (w model.Workshop, exists bool, err error) {
	if db == nil {
		return w, false, nil
	}
	all, err := db.Workshops()
	if err != nil {
		return w, false, err
	}
	hits, stage := match(all, name, workshopKey, false)
	switch len(hits) {
	case 0:
		return model.Workshop{}, false, nil
	case 1:
		return hits[0], true, nil
	}
	var ns, ids []string
	for _, w := range hits {
		ns, ids = append(ns, w.Name), append(ids, w.ID)
	}
	return model.Workshop{}, false, a.ambiguous("workshop", name, stage, ns, ids)
}

// dryRunTable lists what importing would do with each row.
func (a *App) dryRunTable(plan report.ImportPlan) {
	var rows [][]string
	shown := 0
	for _, r := range plan.Rows {
		if r.Status == report.StatusNew {
			if shown == dryRunNewRows {
				continue
			}
			shown++
		}
		rows = append(rows, []string{strconv.Itoa(r.Line), r.Name, report.Revenue(a.Lang, r.Customer), report.RowText(a.Content, r)})
	}
	if len(rows) > 0 {
		a.table([]string{a.T("import.col.line"), a.T("col.customer"), a.T("col.revenue"), a.T("import.col.status")}, rows)
	}
	if more := plan.New - shown; more > 0 {
		a.println(a.T("import.csv.more", more))
	}
}

// describeCSVError says why a CSV file cannot be read at all.
func (a *App) describeCSVError(e *report.CSVError) string {
	if e.Problem == "nosheet" {
		asked, sheets, _ := strings.Cut(e.Detail, "/")
		return a.T("err.csv.nosheet", e.File, asked, sheets)
	}
	return a.T("err.csv."+e.Problem, e.File, e.Detail)
}
