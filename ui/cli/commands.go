package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"styrka/assets"
	"styrka/model"
	"styrka/report"
	"styrka/store"
	"styrka/ui/mapview"
	"styrka/ui/styles"
)

func (a *App) demoCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "demo",
		Short: a.T("cmd.demo.short"),
		Long:  a.T("cmd.demo.long"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			db, err := a.CreateDB()
			if err != nil {
				return err
			}
			if w, err := db.Workshop(assets.DemoID); err == nil {
				cs, err := db.Customers(w.ID)
				if err != nil {
					return err
				}
				a.println(a.T("demo.exists", w.Name, len(cs)))
				return nil
			} else if !isNotFound(err) {
				return err
			}
			ds, err := assets.DemoDataset(a.Lang)
			if err != nil {
				return err
			}
			if err := db.Import(ds, false); err != nil {
				return err
			}
			a.println(a.T("demo.created", ds.Workshop.Name, len(ds.Customers)))
			return nil
		},
	}
}

func (a *App) workshopsCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "workshops",
		Short: a.T("cmd.workshops.short"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			db, err := a.DB()
			if err != nil {
				return err
			}
			all, err := db.Workshops()
			if err != nil {
				return err
			}
			if len(all) == 0 {
				a.println(a.T("workshops.none"))
				return nil
			}
			rows := [][]string{}
			for _, w := range all {
				ds, err := db.Load(w.ID)
				if err != nil {
					return err
				}
				placed := 0
				for _, as := range ds.Assess(a.Content.Questions()) {
					if as.Placed() {
						placed++
					}
				}
				rows = append(rows, []string{w.Name, w.Date, w.OurCompany, fmt.Sprint(len(ds.Customers)), fmt.Sprint(placed), report.Number(a.Lang, w.Thresholds.Normalized().Risk, 1)})
			}
			a.table([]string{a.T("col.workshop"), a.T("col.date"), a.T("col.ourcompany"), a.T("col.customers"), a.T("col.placed"), a.T("col.cutoff")}, rows)
			return nil
		},
	}
}

func (a *App) customersCommand() *cobra.Command {
	var name string
	cmd := &cobra.Command{
		Use:   "customers",
		Short: a.T("cmd.customers.short"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			ds, err := a.loadWorkshop(name)
			if err != nil {
				return err
			}
			if len(ds.Customers) == 0 {
				a.println(a.T("customers.none", ds.Workshop.Name))
				return nil
			}
			ranked := model.Rank(ds.Assess(a.Content.Questions()))
			rows := [][]string{}
			for i, as := range ranked {
				l := report.LabelsOf(a.Content, a.Lang, as)
				pa, pb := as.Progress[model.SetThem], as.Progress[model.SetUs]
				room := "–"
				if as.Room.Placed {
					room = report.Signed(a.Lang, as.Room.Value, 1)
				}
				online := l.OnLine
				if online == "" {
					online = "–"
				}
				rows = append(rows, []string{fmt.Sprint(i + 1), as.Customer.Name, l.Priority, l.Regime,
					fmt.Sprintf("%d/%d", pa.Answered, pa.Questions), fmt.Sprintf("%d/%d", pb.Answered, pb.Questions),
					l.Kraljic, l.Preferencing, room, online})
			}
			// On a narrow terminal the room, the on-the-line note and the
			// classes go first, as in the app; then names are shortened;
			// the rank, name, priority and power balance stay.
			a.fitTable([]column{
				{Title: "#"},
				{Title: a.T("col.customer"), Min: 12},
				{Title: a.T("col.priority"), Short: a.T("tui.col.priority")},
				{Title: a.T("col.regime"), Min: 10},
				{Title: a.T("col.setA"), Short: a.T("tui.col.setA"), Drop: 11},
				{Title: a.T("col.setB"), Short: a.T("tui.col.setB"), Drop: 10},
				{Title: a.T("col.kraljic"), Min: 8, Drop: 4},
				{Title: a.T("col.preferencing"), Min: 8, Drop: 3},
				{Title: a.T("col.room"), Drop: 1},
				{Title: a.T("col.online"), Min: 8, Drop: 2},
			}, rows)
			return nil
		},
	}
	cmd.Flags().StringVarP(&name, "workshop", "w", "", a.T("flag.workshop"))
	return cmd
}

// terminalSize is the size of the terminal on stdout, or 0, 0.
func (a *App) terminalSize() (int, int) {
	f, ok := a.Stdout.(*os.File)
	if !ok || !term.IsTerminal(f.Fd()) {
		return 0, 0
	}
	w, h, err := term.GetSize(f.Fd())
	if err != nil {
		return 0, 0
	}
	return w, h
}

func (a *App) mapCommand() *cobra.Command {
	var (
		name          string
		view          string
		width, height int
	)
	cmd := &cobra.Command{
		Use:   "map",
		Short: a.T("cmd.map.short"),
		Long:  a.T("cmd.map.long"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			v, err := mapview.ParseView(view)
			if err != nil {
				return &usageError{a.T("err.view", view)}
			}
			tw, th := a.terminalSize()
			if width == 0 {
				width = 80
				if tw > 0 {
					width = tw
				}
			}
			if height == 0 {
				height = 24
				if th > 0 {
					height = min(max(th-6, mapview.MinHeight), 60)
				}
			}
			if width < mapview.MinWidth || height < mapview.MinHeight {
				return &usageError{a.T("err.mapsize", mapview.MinWidth, mapview.MinHeight)}
			}
			ds, err := a.loadWorkshop(name)
			if err != nil {
				return err
			}
			a.print(a.renderMap(ds, v, width, height, tw > 0))
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVarP(&name, "workshop", "w", "", a.T("flag.workshop"))
	f.StringVar(&view, "view", string(mapview.Power), a.T("flag.view"))
	f.IntVar(&width, "width", 0, a.T("flag.width"))
	f.IntVar(&height, "height", 0, a.T("flag.height"))
	return cmd
}

// renderMap draws a map with its title, legend and the customers not
// placed, no line wider than width.
func (a *App) renderMap(ds model.Dataset, v mapview.View, width, height int, colour bool) string {
	ranked := model.Rank(ds.Assess(a.Content.Questions()))
	for i := range ranked {
		// The map draws names, and a crafted database may hold anything.
		ranked[i].Customer.Name = model.SafeLine(ranked[i].Customer.Name)
	}
	// Names carry the TUI's ! where the team's scores diverged.
	marked := mapview.MarkDiverged(ranked, model.Divergence(ds.SilentRounds, ds.Votes))
	plot := mapview.NewPlot(v, ranked, ds.Workshop.Thresholds, a.Content)
	plot.Options.Width, plot.Options.Height = width, height
	if colour {
		plot.Options.Styles = styles.MapStyles()
	}
	m := mapview.Render(plot.Points, plot.Options)
	var b strings.Builder
	title := a.T("map.title", ds.Workshop.Name, v.Title(a.Content), len(plot.Points), len(ranked))
	b.WriteString(ansi.Truncate(title, width, "…") + "\n")
	b.WriteString(m.String() + "\n")
	// The legend names in full every customer drawn with a key or with
	// its name cut, with the scores that place it; a long line wraps
	// under its name.
	if m.Dense {
		number := func(n int) string { return report.Number(a.Lang, float64(n), 0) }
		counts := v.QuadrantCounts(a.Content, m.Counts, number)
		b.WriteString(ansi.Hardwrap(ansi.Wordwrap(counts, width, ""), width, false) + "\n")
		b.WriteString(ansi.Hardwrap(ansi.Wordwrap(mapview.LegendDense(a.Content, number(m.MostInCell)), width, ""), width, false) + "\n")
	}
	xd, yd := v.Axes()
	for _, e := range m.Legend {
		as := ranked[plot.Placed[e.Index]]
		line := fmt.Sprintf("%s  %s (%s; %s)", e.Shown(), as.Customer.Name,
			report.Number(a.Lang, as.Scores[xd].Value, 1), report.Number(a.Lang, as.Scores[yd].Value, 1))
		if plot.Options.OnLine[e.Index] {
			line += " " + mapview.OnLineMarker
		}
		b.WriteString(hanging(line, width, min(ansi.StringWidth(e.Shown())+2, width/3)) + "\n")
	}
	if slices.Contains(plot.Options.OnLine, true) {
		b.WriteString(ansi.Hardwrap(ansi.Wordwrap(mapview.LegendOnLine(a.Content), width, ""), width, false) + "\n")
	}
	if marked {
		b.WriteString(ansi.Hardwrap(ansi.Wordwrap(mapview.LegendDiverged(a.Content), width, ""), width, false) + "\n")
	}
	if len(plot.Unplaced) > 0 {
		var names []string
		for _, i := range plot.Unplaced {
			names = append(names, ranked[i].Customer.Name)
		}
		text := a.T("map.unplaced", strings.Join(names, ", "))
		b.WriteString(ansi.Hardwrap(ansi.Wordwrap(text, width, ""), width, false) + "\n")
	}
	return b.String()
}

// hanging wraps text to width, its lines after the first indented by
// indent cells.
func hanging(text string, width, indent int) string {
	lines := strings.Split(ansi.Hardwrap(ansi.Wordwrap(text, width, ""), width, false), "\n")
	if len(lines) == 1 || indent <= 0 {
		return lines[0]
	}
	rest := strings.Join(lines[1:], " ")
	pad := strings.Repeat(" ", indent)
	wrapped := strings.Split(ansi.Hardwrap(ansi.Wordwrap(rest, width-indent, ""), width-indent, false), "\n")
	for i, l := range wrapped {
		wrapped[i] = pad + l
	}
	return lines[0] + "\n" + strings.Join(wrapped, "\n")
}

func (a *App) reportCommand() *cobra.Command {
	var f reportFlags
	cmd := &cobra.Command{
		Use:   "report",
		Short: a.T("cmd.report.short"),
		Long:  a.T("cmd.report.long"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			f.delimiterSet = cmd.Flags().Changed("delimiter")
			return a.runReport(f)
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&f.name, "workshop", "w", "", a.T("flag.workshop"))
	fl.StringVarP(&f.customer, "customer", "c", "", a.T("flag.customer"))
	fl.StringVar(&f.format, "format", "md", a.T("flag.format"))
	fl.StringVarP(&f.out, "output", "o", "", a.T("flag.output"))
	fl.BoolVar(&f.answers, "answers", false, a.T("flag.answers"))
	fl.BoolVar(&f.actions, "actions", false, a.T("flag.actions"))
	fl.BoolVar(&f.rounds, "rounds", false, a.T("flag.rounds"))
	fl.StringVar(&f.compare, "compare", "", a.T("flag.compare"))
	fl.StringVar(&f.delimiter, "delimiter", delimiterName(report.DefaultDelimiter(a.Lang)), a.T("flag.delimiter"))
	return cmd
}

func (a *App) importCommand() *cobra.Command {
	var f importFlags
	cmd := &cobra.Command{
		Use:   "import " + a.T("arg.file"),
		Short: a.T("cmd.import.short"),
		Long:  a.T("cmd.import.long"),
		Args:  a.exactArgs(1, "err.args.import"),
		RunE: func(cmd *cobra.Command, args []string) error {
			data, err := os.ReadFile(args[0])
			if err != nil {
				return err
			}
			a.importSize = int64(len(data))
			if store.IsBoltFile(data) {
				return a.importDatabase(args[0], data, f)
			}
			if !isJSONFile(args[0], data) {
				if f.replace {
					return &usageError{a.T("err.import.csvreplace")}
				}
				return a.importCSV(args[0], data, f)
			}
			if f.workshop != "" || f.dryRun || f.skipBad || f.update || f.sheet != "" {
				return &usageError{a.T("err.import.jsonflags")}
			}
			// Answers to retired questions are history, kept: their IDs
			// are known too.
			known := a.Content.Questions()
			for _, r := range a.Content.Retired {
				known = append(known, model.Question{ID: r.ID})
			}
			ds, err := report.ParseJSON(data, known...)
			if err != nil {
				var ie *report.ImportError
				if errors.As(err, &ie) {
					return a.errorf("err.import."+ie.Problem, args[0], ie.Line, ie.Detail)
				}
				return err
			}
			db, err := a.CreateDB()
			if err != nil {
				return err
			}
			if err := db.Import(ds, f.replace); err != nil {
				if errors.Is(err, store.ErrExists) {
					return a.errorf("err.import.exists", ds.Workshop.Name)
				}
				return err
			}
			n := 0
			for _, as := range ds.Answers {
				n += len(as)
			}
			a.println(a.T("import.done", ds.Workshop.Name, len(ds.Customers), n))
			return nil
		},
	}
	fl := cmd.Flags()
	fl.BoolVar(&f.replace, "replace", false, a.T("flag.replace"))
	fl.StringVarP(&f.workshop, "workshop", "w", "", a.T("flag.import.workshop"))
	fl.BoolVar(&f.dryRun, "dry-run", false, a.T("flag.dryrun"))
	fl.BoolVar(&f.skipBad, "skip-bad", false, a.T("flag.skipbad"))
	fl.BoolVar(&f.update, "update", false, a.T("flag.update"))
	fl.StringVar(&f.sheet, "sheet", "", a.T("flag.sheet"))
	return cmd
}

func (a *App) backupCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "backup " + a.T("arg.newfile"),
		Short: a.T("cmd.backup.short"),
		Args:  a.exactArgs(1, "err.args.backup"),
		RunE: func(cmd *cobra.Command, args []string) error {
			db, err := a.DB()
			var locked *store.LockedError
			if errors.As(err, &locked) {
				// The app has it open: the app takes the copy.
				return a.errorf("err.backup.locked", locked.Path)
			}
			if err != nil {
				return err
			}
			if fi, err := os.Stat(args[0]); err == nil {
				if fi.IsDir() {
					return a.errorf("err.isdir", args[0])
				}
				return a.errorf("err.backup.exists", args[0])
			}
			if err := db.Backup(args[0]); err != nil {
				return a.notWritten(args[0], err)
			}
			a.println(a.T("backup.done", args[0]))
			return nil
		},
	}
}

func (a *App) checkCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "check",
		Short: a.T("cmd.check.short"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			var problems []error
			var path string
			db, err := a.DB()
			switch {
			case errors.Is(err, store.ErrDamaged) && !a.onServer():
				// A file that Open refuses: list all its problems, read-only.
				p, _, perr := a.dbPath()
				list, cerr := store.CheckFile(p)
				if perr != nil || cerr != nil || len(list) == 0 {
					return err
				}
				problems, path = list, p
			case err != nil:
				return err
			default:
				problems, path = db.Check(), db.Location()
			}
			if len(problems) == 0 {
				a.println(a.T("check.ok", path))
				return nil
			}
			for _, p := range problems {
				a.eprintln("  " + a.problemText(p))
			}
			return a.errorf("check.problems", path, len(problems))
		},
	}
}

func (a *App) contentCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "content",
		Short: a.T("cmd.content.short"),
		Long:  a.T("cmd.content.long"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			data, err := assets.Raw(a.Lang)
			if err != nil {
				return err
			}
			_, err = a.Stdout.Write(data)
			return err
		},
	}
}

// print writes to stdout, dropping colour when stdout is not a terminal
// or NO_COLOR is set. Data in s was made safe where it was put in (T,
// the tables, the map); model.SafeStyled is the last guard, keeping only
// styrka's own colour and bold.
func (a *App) print(s string) { a.write(a.Stdout, s) }

func (a *App) println(s string) { a.print(s + "\n") }

// eprintln writes a line to stderr as print writes to stdout.
func (a *App) eprintln(s string) { a.write(a.Stderr, s+"\n") }

func (a *App) write(w io.Writer, s string) {
	fmt.Fprint(colorprofile.NewWriter(w, environ(a.Getenv)), model.SafeStyled(s))
}
