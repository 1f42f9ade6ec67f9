// Package cli is styrka's command line: the cobra commands, their help,
// man page and output, and the one-sentence, translated error messages at
// the edge.
//
// The commands run on cobra alone. fang's Execute was used before, but
// every part it adds had to be replaced: its help and man page have
// English headings with no hook to translate them, and on an error it asks
// the terminal for its background colour before any error handler runs,
// which hangs for seconds on a terminal that does not answer. help.go,
// man.go and completion.go are styrka's own, in the user's language.
package cli

import (
	"context"
	"errors"
	"io"
	"os"
	"slices"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/spf13/cobra"

	"styrka/assets"
	"styrka/model"
	"styrka/store"
	"styrka/store/backend"
)

// App is what every command shares: the language and content, where the
// database is, and where output goes.
type App struct {
	Lang    string
	Content *assets.Content
	Stdout  io.Writer
	Stderr  io.Writer
	Getenv  func(string) string
	// Interactive opens the terminal UI; nil means the root command only
	// shows help.
	Interactive func(ctx context.Context, a *App) error

	dbFlag      string
	contentFlag string
	langFlag    string
	themeFlag   string
	accessible  bool
	db          store.Store
	// warning is what opening the database warned of (a backup that
	// could not be written), for the app to say again; "" when none.
	warning string

	// importSize is the size of the file an import reads, to size the
	// database's memory map for it.
	importSize int64
}

// Main runs styrka with the arguments (without the program name) and
// returns the exit status.
func Main(ctx context.Context, args []string, interactive func(context.Context, *App) error) int {
	a := &App{Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv, Interactive: interactive}
	return a.Run(ctx, args)
}

// Run executes the command line and returns the exit status: 0 on
// success, 1 when something went wrong, 2 when styrka was called wrongly.
func (a *App) Run(ctx context.Context, args []string) int {
	lang, bad := detectLang(args, a.Getenv)
	a.Lang = lang
	a.Content = assets.MustBuiltin(lang)
	if bad != "" {
		a.fail(&usageError{a.T("err.lang", bad)})
		return 2
	}
	if path, ok := flagValue(args, "content"); ok {
		c, err := assets.Load(path, lang)
		if err != nil {
			a.fail(err)
			return 2
		}
		a.Content = c
	}
	for _, w := range []io.Writer{a.Stdout, a.Stderr} {
		enableVirtualTerminal(w)
	}
	root := a.rootCommand()
	root.SetArgs(args)
	root.SetOut(a.Stdout)
	root.SetErr(a.Stderr)
	err := root.ExecuteContext(ctx)
	if cerr := a.closeDB(); err == nil && cerr != nil {
		err = cerr
	}
	if err == nil {
		return 0
	}
	a.fail(err)
	var ue *usageError
	if errors.As(err, &ue) || isCobraUsage(err) {
		return 2
	}
	return 1
}

// fail prints one translated sentence for err on stderr. It never asks
// the terminal anything (no colour or background queries): colour comes
// from the environment alone, so an error appears at once on any
// terminal.
func (a *App) fail(err error) {
	msg := model.SafeLine(a.describe(err))
	prefix := lipgloss.NewStyle().Bold(true).Foreground(lipgloss.Red).Render("styrka:")
	a.eprintln(prefix + " " + msg)
}

// environ rebuilds the environment colorprofile needs from Getenv, so
// tests that swap Getenv also control colour.
func environ(getenv func(string) string) []string {
	var env []string
	for _, k := range []string{"TERM", "NO_COLOR", "CLICOLOR", "CLICOLOR_FORCE", "COLORTERM"} {
		if v := getenv(k); v != "" {
			if k == "NO_COLOR" {
				// Any non-empty value turns colour off, whatever
				// colorprofile makes of it.
				v = "1"
			}
			env = append(env, k+"="+v)
		}
	}
	return env
}

// T translates a UI text. It is where every string from outside (a name
// from the database, a path, a flag's value, an error's text) enters what
// styrka says, so each is made safe for the terminal here (model.SafeLine),
// and so is the text itself, which a --content file may replace.
func (a *App) T(key string, args ...any) string {
	var safe []any
	for i, v := range args {
		var s string
		switch v := v.(type) {
		case string:
			s = model.SafeLine(v)
		case error:
			s = model.SafeLine(v.Error())
		default:
			continue
		}
		if safe == nil {
			safe = slices.Clone(args)
		}
		safe[i] = s
	}
	if safe != nil {
		args = safe
	}
	return model.Safe(a.Content.T(key, args...))
}

// quote puts a name from the user or the data in the language's quotation
// marks (“…” in English, ”…” in Swedish).
func (a *App) quote(s string) string { return a.T("quote", s) }

// dbPath is where the database is: --db, then STYRKA_DB, then the
// platform's data folder (store.DefaultPath). chosen says whether the
// user named it. It may be a PostgreSQL URL with a password: show
// dbShown instead.
func (a *App) dbPath() (path string, chosen bool, err error) {
	if a.dbFlag != "" {
		return a.dbFlag, true, nil
	}
	if v := a.Getenv(store.EnvDB); v != "" {
		return v, true, nil
	}
	p, err := store.DefaultPath()
	return p, false, err
}

// dbShown is the database as a message may name it: the path, or the URL
// without its password.
func (a *App) dbShown() string {
	p, _, err := a.dbPath()
	if err != nil {
		return ""
	}
	return backend.Location(p)
}

// onServer says whether the database is a PostgreSQL one rather than a
// file, for the few things only a file has (a lock, a backups folder).
func (a *App) onServer() bool {
	p, _, err := a.dbPath()
	if err != nil {
		return false
	}
	kind, err := backend.Classify(p)
	return err == nil && kind == backend.Postgres
}

// DB opens an existing database once, on first use; a missing one is an
// error, so a command that only reads never leaves a new file or folder
// behind a mistyped path (nor the schema in an empty PostgreSQL
// database). --db and STYRKA_DB choose the backend (store/backend): a
// postgres:// URL or a file path.
func (a *App) DB() (store.Store, error) { return a.open(false) }

// CreateDB opens the database, creating it when it is missing: in the
// platform's data folder (making the folders) or in a folder that exists,
// never in folders that a mistyped --db would invent.
func (a *App) CreateDB() (store.Store, error) { return a.open(true) }

func (a *App) open(create bool) (store.Store, error) {
	if a.db != nil {
		return a.db, nil
	}
	path, chosen, err := a.dbPath()
	if err != nil {
		return nil, err
	}
	db, err := backend.Open(path, store.Options{Existing: !create, NoFolders: chosen, ExpectedSize: a.importSize})
	if err != nil {
		return nil, err
	}
	// Only a file takes daily backups; a server's Warning is nil.
	var be *store.BackupError
	if errors.As(db.Warning(), &be) {
		a.warning = a.backupWarning(be)
		a.eprintln(a.warning)
	}
	a.db = db
	return db, nil
}

func (a *App) closeDB() error {
	if a.db == nil {
		return nil
	}
	err := a.db.Close()
	a.db = nil
	return err
}

// usageError is a mistake in how styrka was called.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

// isCobraUsage recognises the few usage errors cobra makes itself, for
// any that styrka's own checks do not catch first.
func isCobraUsage(err error) bool {
	s := err.Error()
	for _, p := range []string{"unknown flag", "unknown shorthand flag", "unknown command", "flag needs an argument", "invalid argument", "accepts ", "requires at least", "required flag", "bad flag syntax"} {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

func (a *App) rootCommand() *cobra.Command {
	root := &cobra.Command{
		Use:   "styrka",
		Short: a.T("cmd.root.short"),
		Long:  a.T("cmd.root.long"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if a.Interactive == nil {
				return a.runTUI(cmd.Context())
			}
			return a.Interactive(cmd.Context(), a)
		},
		SilenceErrors: true,
		SilenceUsage:  true,
		// styrka's own completion command is in the user's language;
		// cobra still adds the hidden __complete the scripts call.
		CompletionOptions: cobra.CompletionOptions{DisableDefaultCmd: true},
	}
	pf := root.PersistentFlags()
	pf.SortFlags = false
	pf.StringVar(&a.dbFlag, "db", "", a.T("flag.db"))
	// The language is read from the arguments before cobra runs (texts
	// need it), so this flag only documents it and has no default shown.
	pf.StringVar(&a.langFlag, "lang", "", a.T("flag.lang"))
	pf.StringVar(&a.contentFlag, "content", "", a.T("flag.content"))
	pf.BoolP("help", "h", false, a.T("flag.help"))
	pf.BoolP("version", "v", false, a.T("flag.version"))
	a.appFlags(root)
	version := a.versionLine()
	root.SetFlagErrorFunc(a.flagError)
	root.SetHelpFunc(a.help)
	help := a.helpCommand()
	help.Version = version
	root.SetHelpCommand(help)
	root.SetVersionTemplate(strings.ReplaceAll(version, "{{", "{{`{{`}}") + "\n")
	root.AddCommand(
		a.demoCommand(),
		a.workshopsCommand(),
		a.customersCommand(),
		a.mapCommand(),
		a.reportCommand(),
		a.importCommand(),
		a.backupCommand(),
		a.checkCommand(),
		a.contentCommand(),
		a.roundCommand(), a.roundsCommand(),
		a.settingsCommand(),
		a.serveCommand(),
		a.completionCommand(),
		a.manCommand(),
	)
	walk(root, func(c *cobra.Command) {
		// cobra answers --version only on commands with a Version, and
		// the README promises -v on every command.
		c.Version = version
		c.SuggestionsMinimumDistance = 2
		if c.Flags().Lookup("workshop") != nil {
			_ = c.RegisterFlagCompletionFunc("workshop", a.completeWorkshops)
		}
		c.Flags().SortFlags = false
		if c.Args == nil {
			c.Args = a.noArgs
		}
	})
	return root
}

// appFlags are the flags of the workshop app, taken by styrka itself and
// by styrka serve, which opens the app with the server inside.
func (a *App) appFlags(cmd *cobra.Command) {
	cmd.Flags().StringVar(&a.themeFlag, "theme", "auto", a.T("flag.theme"))
	cmd.Flags().BoolVar(&a.accessible, "accessible", false, a.T("flag.accessible"))
}

// walk calls f for cmd and every command below it.
func walk(cmd *cobra.Command, f func(*cobra.Command)) {
	f(cmd)
	for _, c := range cmd.Commands() {
		walk(c, f)
	}
}

// noArgs is the argument check of a command that takes none. A word
// after a command that has subcommands is a mistyped subcommand, and gets
// the nearest names.
func (a *App) noArgs(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	if cmd.HasAvailableSubCommands() {
		return a.unknownCommand(cmd, args[0])
	}
	return &usageError{a.T("err.args.none", cmd.CommandPath(), a.quote(strings.Join(args, " ")))}
}

// unknownCommand says that parent has no command typed, with the nearest
// names when there are any.
func (a *App) unknownCommand(parent *cobra.Command, typed string) error {
	var near []string
	for _, name := range nearest(typed, parent) {
		near = append(near, parent.CommandPath()+" "+name)
	}
	if len(near) > 0 {
		return &usageError{a.T("err.command.near", a.quote(typed), parent.CommandPath(), a.orList(near))}
	}
	return &usageError{a.T("err.command", a.quote(typed), parent.CommandPath())}
}

// exactArgs accepts exactly n arguments; what is the translation key of a
// sentence saying what the command needs.
func (a *App) exactArgs(n int, what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		switch {
		case len(args) < n:
			return &usageError{a.T(what, cmd.CommandPath())}
		case len(args) > n:
			return &usageError{a.T("err.args.toomany", cmd.CommandPath(), a.quote(strings.Join(args[n:], " ")))}
		}
		return nil
	}
}

// orList joins names as "a, b or c" in the user's language.
func (a *App) orList(names []string) string {
	return a.joinList(names, a.T("list.or"))
}

// andList joins names as "a, b and c".
func (a *App) andList(names []string) string {
	return a.joinList(names, a.T("list.and"))
}

func (a *App) joinList(names []string, last string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " " + last + " " + names[len(names)-1]
}

// nearest are the subcommands of parent closest to typed: those that
// start with it, and those at the smallest edit distance up to 2, so
// "mapp" gives map and not also man.
func nearest(typed string, parent *cobra.Command) []string {
	typed = strings.ToLower(typed)
	best := 3
	var near []string
	for _, c := range parent.Commands() {
		if !c.IsAvailableCommand() {
			continue
		}
		d := levenshtein(typed, c.Name())
		if len(typed) >= 2 && strings.HasPrefix(c.Name(), typed) {
			d = 0
		}
		switch {
		case d < best:
			best, near = d, []string{c.Name()}
		case d == best:
			near = append(near, c.Name())
		}
	}
	return near
}
