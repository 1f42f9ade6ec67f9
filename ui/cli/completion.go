package cli

import (
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"styrka/store"
	"styrka/store/backend"
)

// shells are the shells `styrka completion` writes scripts for.
var shells = []string{"bash", "zsh", "fish", "powershell"}

// completionCommand is `styrka completion SHELL`: cobra's completion
// scripts behind a command that speaks the user's language and refuses a
// shell it does not know (cobra's own prints its help and exits 0).
func (a *App) completionCommand() *cobra.Command {
	var noDesc bool
	cmd := &cobra.Command{
		Use:       "completion " + a.T("arg.shell"),
		Short:     a.T("cmd.completion.short"),
		Long:      a.T("cmd.completion.long"),
		ValidArgs: shells,
		Args: func(cmd *cobra.Command, args []string) error {
			switch {
			case len(args) == 0:
				return &usageError{a.T("err.completion.none", cmd.CommandPath(), a.orList(shells))}
			case len(args) > 1:
				return &usageError{a.T("err.completion.toomany", cmd.CommandPath(), a.quote(strings.Join(args[1:], " ")))}
			case !slices.Contains(shells, args[0]):
				for _, s := range shells {
					if levenshtein(strings.ToLower(args[0]), s) <= 2 {
						return &usageError{a.T("err.completion.near", a.quote(args[0]), s)}
					}
				}
				return &usageError{a.T("err.completion.unknown", a.quote(args[0]), a.orList(shells))}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			root, w := cmd.Root(), a.Stdout
			switch args[0] {
			case "bash":
				return root.GenBashCompletionV2(w, !noDesc)
			case "zsh":
				if noDesc {
					return root.GenZshCompletionNoDesc(w)
				}
				return root.GenZshCompletion(w)
			case "fish":
				return root.GenFishCompletion(w, !noDesc)
			default:
				if noDesc {
					return root.GenPowerShellCompletion(w)
				}
				return root.GenPowerShellCompletionWithDesc(w)
			}
		},
	}
	cmd.Flags().BoolVar(&noDesc, "no-descriptions", false, a.T("flag.nodescriptions"))
	return cmd
}

// completeWorkshops offers the workshops' names for -w when the shell
// completes a command line. It opens the database without the daily
// backup, and offers nothing when there is none or it is open elsewhere.
func (a *App) completeWorkshops(cmd *cobra.Command, _ []string, typed string) ([]string, cobra.ShellCompDirective) {
	path, _, err := a.dbPath()
	if err != nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	db, err := backend.Open(path, store.Options{Existing: true, NoFolders: true, NoAutoBackup: true})
	if err != nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	defer db.Close()
	all, err := db.Workshops()
	if err != nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	var names []string
	for _, w := range all {
		if strings.HasPrefix(strings.ToLower(w.Name), strings.ToLower(typed)) {
			names = append(names, w.Name)
		}
	}
	return names, cobra.ShellCompDirectiveNoFileComp
}
