package cli

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"styrka/model"
	"styrka/report"
)

// roundCommand is `styrka round close`: the current state of a workshop
// becomes a closed round, and later answers count towards the next one.
func (a *App) roundCommand() *cobra.Command {
	round := &cobra.Command{
		Use:   "round",
		Short: a.T("cmd.round.short"),
		Args:  a.noArgs, // a mistyped subcommand is a mistake, not a call for help
		RunE:  func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	var name, workshop string
	closeCmd := &cobra.Command{
		Use:   "close",
		Short: a.T("cmd.round.close.short"),
		Long:  a.T("cmd.round.close.long"),
		Args:  a.noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ds, err := a.loadWorkshop(workshop)
			if err != nil {
				return err
			}
			db, err := a.DB()
			if err != nil {
				return err
			}
			snap := model.Snapshot(ds, a.Content.Questions(), time.Now().UTC())
			snap.Name = model.CleanText(name)
			r, err := db.AddRound(snap)
			if err != nil {
				return err
			}
			placed := 0
			for _, e := range r.Customers {
				if e.Regime != "" {
					placed++
				}
			}
			a.println(a.T("round.closed", report.RoundTitle(a.T, r), ds.Workshop.Name, len(r.Customers), placed, r.Number+1))
			return nil
		},
	}
	closeCmd.Flags().StringVarP(&workshop, "workshop", "w", "", a.T("flag.workshop"))
	closeCmd.Flags().StringVar(&name, "name", "", a.T("flag.round.name"))
	round.AddCommand(closeCmd)
	return round
}

// roundsCommand is `styrka rounds`: the closed rounds of a workshop and
// the open one, with how many customers moved between power balances
// into each.
func (a *App) roundsCommand() *cobra.Command {
	var workshop string
	cmd := &cobra.Command{
		Use:   "rounds",
		Short: a.T("cmd.rounds.short"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			ds, err := a.loadWorkshop(workshop)
			if err != nil {
				return err
			}
			if len(ds.Rounds) == 0 {
				a.println(a.T("rounds.none", ds.Workshop.Name))
				return nil
			}
			placed := func(r model.Round) int {
				n := 0
				for _, e := range r.Customers {
					if e.Regime != "" {
						n++
					}
				}
				return n
			}
			moved := func(prev, next model.Round) string {
				n := 0
				for _, ch := range model.CompareRounds(prev, next) {
					if ch.Moved() && !ch.Added && !ch.Removed {
						n++
					}
				}
				return fmt.Sprint(n)
			}
			var rows [][]string
			for i, r := range ds.Rounds {
				m := "–"
				if i > 0 {
					m = moved(ds.Rounds[i-1], r)
				}
				rows = append(rows, []string{fmt.Sprint(r.Number), r.Name, r.ClosedAt.Local().Format("2006-01-02 15:04"),
					fmt.Sprint(len(r.Customers)), fmt.Sprint(placed(r)), m})
			}
			// The open round: the current state, compared with the last.
			now := model.Snapshot(ds, a.Content.Questions(), time.Now())
			rows = append(rows, []string{"–", a.T("rounds.open"), "", fmt.Sprint(len(now.Customers)), fmt.Sprint(placed(now)), moved(ds.Rounds[len(ds.Rounds)-1], now)})
			a.table([]string{"#", a.T("col.round"), a.T("col.closed"), a.T("col.customers"), a.T("col.placed"), a.T("col.moved")}, rows)
			return nil
		},
	}
	cmd.Flags().StringVarP(&workshop, "workshop", "w", "", a.T("flag.workshop"))
	return cmd
}

// runCompare is `styrka report --compare ROUND`: the workshop now
// compared with a closed round, in Markdown or JSON; with -c, for one
// customer.
func (a *App) runCompare(f reportFlags) error {
	if f.format != "md" && f.format != "json" {
		return &usageError{a.T("err.compare.format", f.format)}
	}
	ds, err := a.loadWorkshop(f.name)
	if err != nil {
		return err
	}
	r, ok := model.FindRound(ds.Rounds, f.compare)
	if !ok {
		if len(ds.Rounds) == 0 {
			return a.errorf("err.round.none", ds.Workshop.Name)
		}
		var names []string
		for _, x := range ds.Rounds {
			names = append(names, report.RoundTitle(a.T, x))
		}
		return a.errorf("err.round.unknown", model.CleanText(f.compare), ds.Workshop.Name, strings.Join(names, "; "))
	}
	in := report.Input{Dataset: ds, Content: a.Content, Lang: a.Lang, Today: time.Now()}
	if f.customer != "" {
		c, err := a.findCustomer(ds, f.customer)
		if err != nil {
			return err
		}
		in.Dataset = report.ForCustomer(ds, c.ID)
		r, _ = model.FindRound(in.Dataset.Rounds, r.ID)
	}
	var buf bytes.Buffer
	if f.format == "json" {
		err = report.WriteCompareJSON(&buf, in, r)
	} else {
		err = report.WriteCompare(&buf, in, r)
	}
	if err != nil {
		return err
	}
	if f.out == "" || f.out == "-" {
		_, err := a.Stdout.Write(buf.Bytes())
		return err
	}
	if err := report.WriteFileAtomic(f.out, buf.Bytes()); err != nil {
		return a.notWritten(f.out, err)
	}
	a.eprintln(a.T("report.written", f.out))
	return nil
}
