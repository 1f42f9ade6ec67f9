package cli

import (
	"context"
	"io"
	"os"
	"os/user"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/term"

	"styrka/model"
	"styrka/ui/accessible"
	"styrka/ui/styles"
	"styrka/ui/tui"
)

// runTUI opens the workshop in the terminal.
func (a *App) runTUI(ctx context.Context) error { return a.runUI(ctx, nil) }

// runUI is runTUI with messages from outside the program, such as the SSH
// server's (nil for none).
func (a *App) runUI(ctx context.Context, events <-chan tea.Msg) error {
	theme, err := a.theme()
	if err != nil {
		return err
	}
	lines := a.accessible || a.Getenv("TERM") == "dumb"
	// Said before the database is opened, so that styrka without a
	// terminal creates nothing.
	if !lines && (!term.IsTerminal(os.Stdin.Fd()) || !term.IsTerminal(os.Stdout.Fd())) {
		return a.errorf("err.noterminal")
	}
	db, err := a.CreateDB()
	if err != nil {
		return err
	}
	o := tui.Options{
		Store:    db,
		Content:  a.Content,
		Lang:     a.Lang,
		Theme:    theme,
		Describe: a.describe,
		Author:   author(a.Getenv),
		Events:   events,
		// The app's screen hides what was written before it: a backup that
		// failed is said again in its status line.
		Notice: a.warning,
	}
	if lines {
		return accessible.Run(ctx, accessible.Options{Store: db, Content: a.Content, Lang: a.Lang, Author: o.Author}, os.Stdin, guarded{a.Stdout})
	}
	return tui.Run(ctx, o, nil, nil, a.Getenv("NO_COLOR") != "")
}

// theme is the --theme of the app, checked before anything is opened.
func (a *App) theme() (styles.Theme, error) {
	theme, err := styles.ParseTheme(a.themeFlag)
	if err != nil {
		return theme, &usageError{a.T("err.theme", a.quote(a.themeFlag))}
	}
	return theme, nil
}

// author is who answers are recorded as: the login name.
func author(getenv func(string) string) string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	for _, k := range []string{"USER", "USERNAME", "LOGNAME"} {
		if v := getenv(k); v != "" {
			return v
		}
	}
	return ""
}

// guarded is a writer that lets through only what model.SafeStyled keeps:
// the app's line mode writes names and content straight to the terminal,
// and no escape sequence of theirs may go with them. Each write is
// guarded whole; the line mode writes whole prompts and lines.
type guarded struct{ w io.Writer }

func (g guarded) Write(p []byte) (int, error) {
	if _, err := io.WriteString(g.w, model.SafeStyled(string(p))); err != nil {
		return 0, err
	}
	return len(p), nil
}
