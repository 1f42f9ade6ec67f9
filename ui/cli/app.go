// Package cli is styrka's command line: the cobra commands, their output
// and the one-sentence, translated error messages at the edge.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"charm.land/fang/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/spf13/cobra"

	"styrka/assets"
	"styrka/store"
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
	db          *store.DB
}

// Main runs styrka with the arguments (without the program name) and
// returns the exit status.
func Main(ctx context.Context, args []string, interactive func(context.Context, *App) error) int {
	a := &App{Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv, Interactive: interactive}
	return a.Run(ctx, args)
}

// Run executes the command line and returns the exit status.
func (a *App) Run(ctx context.Context, args []string) int {
	lang, bad := detectLang(args, a.Getenv)
	a.Lang = lang
	a.Content = assets.MustBuiltin(lang)
	if bad != "" {
		a.fail(&usageError{a.Content.T("err.lang", bad)})
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
	root := a.rootCommand()
	root.SetArgs(args)
	root.SetOut(a.Stdout)
	root.SetErr(a.Stderr)
	err := fang.Execute(ctx, root,
		fang.WithVersion(versionLine()),
		fang.WithErrorHandler(func(w io.Writer, _ fang.Styles, err error) { a.fail(err) }),
	)
	if cerr := a.closeDB(); err == nil && cerr != nil {
		a.fail(cerr)
		return 1
	}
	if err != nil {
		var ue *usageError
		if errors.As(err, &ue) || isCobraUsage(err) {
			return 2
		}
		return 1
	}
	return 0
}

// fail prints one translated sentence for err on stderr.
func (a *App) fail(err error) {
	msg := a.describe(err)
	prefix := lipgloss.NewStyle().Bold(true).Foreground(lipgloss.Red).Render("styrka:")
	w := colorprofile.NewWriter(a.Stderr, environ(a.Getenv))
	fmt.Fprintln(w, prefix, msg)
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

// T translates a UI text.
func (a *App) T(key string, args ...any) string { return a.Content.T(key, args...) }

// dbPath is where the database is: --db, then STYRKA_DB, then the
// platform's data folder (store.DefaultPath).
func (a *App) dbPath() (string, error) {
	if a.dbFlag != "" {
		return a.dbFlag, nil
	}
	if v := a.Getenv(store.EnvDB); v != "" {
		return v, nil
	}
	return store.DefaultPath()
}

// DB opens the database once, on first use.
func (a *App) DB() (*store.DB, error) {
	if a.db != nil {
		return a.db, nil
	}
	path, err := a.dbPath()
	if err != nil {
		return nil, err
	}
	db, err := store.Open(path, store.Options{})
	if err != nil {
		return nil, err
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

func isCobraUsage(err error) bool {
	s := err.Error()
	for _, p := range []string{"unknown flag", "unknown shorthand flag", "unknown command", "flag needs an argument", "invalid argument", "accepts ", "requires at least", "required flag"} {
		if strings.Contains(s, p) {
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
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if a.Interactive == nil {
				return a.runTUI(cmd.Context())
			}
			return a.Interactive(cmd.Context(), a)
		},
		CompletionOptions: cobra.CompletionOptions{HiddenDefaultCmd: false},
	}
	pf := root.PersistentFlags()
	pf.StringVar(&a.dbFlag, "db", "", a.T("flag.db"))
	pf.StringVar(&a.langFlag, "lang", a.Lang, a.T("flag.lang"))
	pf.StringVar(&a.contentFlag, "content", "", a.T("flag.content"))
	root.Flags().StringVar(&a.themeFlag, "theme", "auto", a.T("flag.theme"))
	root.Flags().BoolVar(&a.accessible, "accessible", false, a.T("flag.accessible"))
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error {
		return &usageError{a.translateFlagError(err)}
	})
	root.InitDefaultHelpFlag()
	root.Flags().Lookup("help").Usage = a.T("flag.help")
	root.SetHelpCommand(&cobra.Command{Hidden: true, Use: "no-help"})
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
	)
	for _, c := range root.Commands() {
		c.InitDefaultHelpFlag()
		if f := c.Flags().Lookup("help"); f != nil {
			f.Usage = a.T("flag.help")
		}
		if c.Args == nil {
			c.Args = a.noArgs
		}
	}
	return root
}

func (a *App) noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return &usageError{a.T("err.args.none", cmd.CommandPath(), strings.Join(args, " "))}
	}
	return nil
}

func (a *App) exactArgs(n int, what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) != n {
			return &usageError{a.T("err.args.exact", cmd.CommandPath(), what)}
		}
		return nil
	}
}

// translateFlagError turns pflag's English into the user's language.
func (a *App) translateFlagError(err error) string {
	s := err.Error()
	switch {
	case strings.HasPrefix(s, "unknown flag: "):
		return a.T("err.flag.unknown", strings.TrimPrefix(s, "unknown flag: "))
	case strings.HasPrefix(s, "unknown shorthand flag: "):
		f := strings.TrimPrefix(s, "unknown shorthand flag: ")
		if i := strings.Index(f, " in "); i > 0 {
			f = f[:i]
		}
		return a.T("err.flag.unknown", "-"+strings.Trim(f, "'"))
	case strings.HasPrefix(s, "flag needs an argument: "):
		return a.T("err.flag.value", strings.TrimPrefix(s, "flag needs an argument: "))
	case strings.HasPrefix(s, "invalid argument "):
		return a.T("err.flag.invalid", strings.TrimPrefix(s, "invalid argument "))
	}
	return s
}
