package cli

import (
	"context"
	"errors"
	"net"
	"os"
	"os/signal"
	"syscall"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"styrka/assets"
	"styrka/model"
	"styrka/ui/serve"
	"styrka/ui/tui"
)

// serveCommand is `styrka serve`: an SSH server for the participants of a
// workshop. On a terminal the facilitator's UI opens with the server
// running inside it, since one process owns the database and the silent
// rounds are opened and revealed there; without a terminal it logs who
// joins and answers until ctrl+c.
func (a *App) serveCommand() *cobra.Command {
	var workshop, listen string
	cmd := &cobra.Command{
		Use:   "serve",
		Short: a.T("cmd.serve.short"),
		Long:  a.T("cmd.serve.long"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if _, err := a.theme(); err != nil {
				return err
			}
			if _, _, err := net.SplitHostPort(listen); err != nil {
				return &usageError{a.T("err.serve.addr", listen)}
			}
			w, err := a.findWorkshop(workshop)
			if err != nil {
				return err
			}
			db, err := a.DB()
			if err != nil {
				return err
			}
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			srv, err := serve.Start(ctx, serve.Options{
				DB: db, WorkshopID: w.ID, Addr: listen, Lang: a.Lang, Content: a.contentOf,
			})
			if err != nil {
				if errors.Is(err, syscall.EADDRINUSE) {
					return a.errorf("err.serve.inuse", listen)
				}
				return err
			}
			defer srv.Close()
			interactive := !a.accessible && a.Getenv("TERM") != "dumb" &&
				term.IsTerminal(os.Stdin.Fd()) && term.IsTerminal(os.Stdout.Fd())
			if interactive {
				events := make(chan tea.Msg, 1)
				events <- tui.ServingMsg{Server: srv}
				err := a.runUI(ctx, events)
				srv.Close()
				a.println(a.T("serve.cli.stopped"))
				return err
			}
			a.printServing(w, srv)
			a.logServing(ctx, srv)
			srv.Close()
			a.println(a.T("serve.cli.stopped"))
			return nil
		},
	}
	cmd.Flags().StringVarP(&workshop, "workshop", "w", "", a.T("flag.workshop"))
	cmd.Flags().StringVar(&listen, "listen", serve.DefaultAddr, a.T("flag.listen"))
	a.appFlags(cmd)
	return cmd
}

// contentOf is the content of a language for the participants' screens:
// the user's own content file laid over it when --content was given.
func (a *App) contentOf(lang string) (*assets.Content, error) {
	if a.contentFlag != "" {
		return assets.Load(a.contentFlag, lang)
	}
	return assets.Builtin(lang)
}

// printServing tells the facilitator what to give the participants, and
// whether the room can reach the server.
func (a *App) printServing(w model.Workshop, srv *serve.Server) {
	a.println(a.T("serve.cli.started", w.Name))
	a.println("")
	for _, c := range srv.Commands() {
		a.println("  " + a.T("serve.cli.command", c))
	}
	a.println("  " + a.T("serve.cli.code", serve.FormatCode(srv.JoinCode())))
	a.println("")
	if srv.Room() {
		a.println(a.T("serve.cli.room", srv.Addr()))
	} else {
		a.println(a.T("serve.cli.local", srv.Port()))
	}
	a.println(a.T("serve.cli.rounds"))
	a.println(a.T("serve.cli.stop"))
}

// logServing prints who joins and how far each participant has come,
// never what they chose, until ctx ends.
func (a *App) logServing(ctx context.Context, srv *serve.Server) {
	events := srv.Subscribe()
	db, _ := a.DB()
	names := map[string]string{}
	for {
		select {
		case <-ctx.Done():
			return
		case e, ok := <-events:
			if !ok {
				return
			}
			at := time.Now().Format("15:04:05")
			switch {
			case e.Joined != nil:
				names[e.Joined.ID] = e.Joined.Name
				a.println(a.T("serve.cli.joined", at, e.Joined.Name))
			case e.Asking != nil:
				// Without the app nobody can vouch for them: they are asked
				// for another name, and the log says why.
				_ = srv.Deny(e.Asking.ID)
				a.println(a.T("serve.cli.denied", at, e.Asking.Participant.Name))
			case e.Vote != nil:
				r, err := db.SilentRound(e.WorkshopID, e.Vote.RoundID)
				if err != nil {
					continue
				}
				votes, err := db.Votes(e.WorkshopID, r.ID)
				if err != nil {
					continue
				}
				n := model.Answered(r, votes)[e.Vote.ParticipantID]
				a.println(a.T("serve.cli.voted", at, names[e.Vote.ParticipantID], n, len(r.Questions)))
			}
		}
	}
}
