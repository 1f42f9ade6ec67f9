// End-to-end tests of the command line's promises, in both languages:
// every error one sentence in the user's language, help and man page in
// it, usage errors exit 2, the flags for every command work on every
// command, mistyped commands get the nearest, read-only commands never
// create a database, and a name picks one workshop or customer or says
// which it could be.

package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"styrka/assets"
)

// goWords are bits of Go and library internals that must never reach the
// user.
var goWords = regexp.MustCompile(`strconv|ParseInt|ParseBool|invalid syntax|flag needs|unknown shorthand|for "--|goroutine|\.go:\d|%!`)

// oneSentenceIn checks that stderr is one line in the language's quotation
// marks, with no Go words.
func oneSentenceIn(t *testing.T, lang, stderr string) {
	t.Helper()
	s := strings.TrimSpace(stderr)
	if s == "" || strings.Contains(s, "\n") {
		t.Errorf("not one line: %q", stderr)
	}
	if goWords.MatchString(s) {
		t.Errorf("Go internals in %q", s)
	}
	if strings.ContainsAny(s, `"'`) {
		t.Errorf("straight quotes in %q", s)
	}
	if lang == "sv" && strings.ContainsAny(s, "“") || lang == "en" && strings.Contains(s, "”") && !strings.Contains(s, "“") {
		t.Errorf("quotation marks of the other language in %q", s)
	}
}

func TestUsageErrorsAreOneSentenceInTheLanguage(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "s.db")
	mustRun(t, db, "en_GB.UTF-8", "demo")
	tests := []struct {
		name   string
		args   []string
		en, sv string
	}{
		{"not a number", []string{"map", "--width", "abc"}, "The flag --width takes a whole number, not “abc”.", "Flaggan --width tar ett heltal, inte ”abc”."},
		{"no value", []string{"map", "-w"}, "The flag -w needs a value, as in -w NAME.", "Flaggan -w behöver ett värde, som i -w NAMN."},
		{"no value, long", []string{"report", "--format"}, "The flag --format needs a value, as in --format FORMAT.", "Flaggan --format behöver ett värde, som i --format FILFORMAT."},
		{"not a switch value", []string{"import", "--replace=maybe", "x.json"}, "The flag --replace takes true or false, not “maybe”.", "Flaggan --replace tar true eller false, inte ”maybe”."},
		{"bad flag syntax", []string{"map", "---width"}, "“---width” is not a flag", "”---width” är ingen flagga"},
		{"backup without a file", []string{"backup"}, "styrka backup needs the name of a new file", "styrka backup behöver namnet på en ny fil"},
		{"backup with two", []string{"backup", "a.db", "b.db"}, "styrka backup takes one argument, but also got “b.db”", "styrka backup tar ett argument, men fick också ”b.db”"},
		{"import without a file", []string{"import"}, "styrka import needs the file to import", "styrka import behöver filen som ska importeras"},
		{"arguments to map", []string{"map", "Demo"}, "styrka map takes no arguments, but got “Demo”", "styrka map tar inga argument, men fick ”Demo”"},
		{"unknown flag", []string{"map", "--colour"}, "There is no flag --colour for styrka map", "Flaggan --colour finns inte för styrka map"},
		{"unknown shorthand", []string{"map", "-x"}, "There is no flag -x for styrka map", "Flaggan -x finns inte för styrka map"},
		{"near flag", []string{"customers", "--worksop", "Demo"}, "did you mean --workshop?", "menade du --workshop?"},
		{"flag of another command", []string{"map", "-c", "Åkerlunds"}, "The flag -c is for styrka report, not for styrka map.", "Flaggan -c hör till styrka report, inte till styrka map."},
		{"flag of the app", []string{"--theme", "neon", "map"}, "The flag --theme is for styrka and styrka serve, not for styrka map.", "Flaggan --theme hör till styrka och styrka serve, inte till styrka map."},
		{"bad theme", []string{"serve", "--theme", "neon"}, "There is no theme “neon”", "Temat ”neon” finns inte"},
		{"mistyped command", []string{"mapp"}, "There is no command “mapp” in styrka; did you mean styrka map?", "Kommandot ”mapp” finns inte i styrka; menade du styrka map?"},
		{"mistyped subcommand", []string{"round", "clse"}, "did you mean styrka round close?", "menade du styrka round close?"},
		{"unknown command", []string{"xyzzy"}, "There is no command “xyzzy” in styrka; run styrka --help", "Kommandot ”xyzzy” finns inte i styrka; kör styrka --help"},
		{"help on an unknown command", []string{"help", "mapp"}, "did you mean styrka map?", "menade du styrka map?"},
		{"completion of an unknown shell", []string{"completion", "foo"}, "styrka has no completion for the shell “foo”; it has one for bash, zsh, fish or powershell.", "styrka har ingen komplettering för skalet ”foo”; det finns för bash, zsh, fish eller powershell."},
		{"completion of a mistyped shell", []string{"completion", "bsh"}, "did you mean bash?", "menade du bash?"},
		{"completion of two shells", []string{"completion", "bash", "zsh"}, "styrka completion takes one shell, but also got “zsh”.", "styrka completion tar ett skal, men fick också ”zsh”."},
		{"completion without a shell", []string{"completion"}, "styrka completion needs the name of your shell", "styrka completion behöver namnet på ditt skal"},
	}
	for _, tt := range tests {
		for _, l := range langs {
			t.Run(tt.name+"/"+l.name, func(t *testing.T) {
				r := run(t, db, l.locale, tt.args...)
				if r.code != 2 {
					t.Errorf("exit %d, want 2; stderr %q", r.code, r.stderr)
				}
				want := tt.en
				if l.name == "sv" {
					want = tt.sv
				}
				if !strings.Contains(r.stderr, want) {
					t.Errorf("stderr %q lacks %q", r.stderr, want)
				}
				oneSentenceIn(t, l.name, r.stderr)
				if r.stdout != "" {
					t.Errorf("a usage error printed to stdout: %q", r.stdout)
				}
			})
		}
	}
}

// commands are every command a user can run, with the words that name it.
var commands = [][]string{
	{}, {"demo"}, {"workshops"}, {"customers"}, {"map"}, {"report"}, {"import"}, {"backup"}, {"check"},
	{"content"}, {"round"}, {"round", "close"}, {"rounds"}, {"serve"}, {"completion"}, {"man"}, {"help"},
}

func TestHelpIsInTheLanguageThroughout(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	english := []string{"USAGE", "COMMANDS", "FLAGS", "Generate", "help for", "Help for", "version for", "Version for", "autocompletion", "manpage", "[command]", "[flags]", "[--flags]"}
	swedish := []string{"ANVÄNDNING", "FLAGGOR FÖR ALLA KOMMANDON", "Visa hjälp", "Visa versionen"}
	for _, words := range commands {
		for _, l := range langs {
			args := append(append([]string{}, words...), "--help")
			t.Run(strings.Join(args, " ")+"/"+l.name, func(t *testing.T) {
				r := mustRun(t, db, l.locale, args...)
				for _, flag := range []string{"--db", "--lang", "--content", "-h, --help", "-v, --version"} {
					if !strings.Contains(r.stdout, flag) {
						t.Errorf("help lacks %s:\n%s", flag, r.stdout)
					}
				}
				if l.name == "sv" {
					for _, w := range english {
						if strings.Contains(r.stdout, w) {
							t.Errorf("Swedish help has the English %q:\n%s", w, r.stdout)
						}
					}
					for _, w := range swedish {
						if !strings.Contains(r.stdout, w) {
							t.Errorf("Swedish help lacks %q:\n%s", w, r.stdout)
						}
					}
				}
				for _, line := range strings.Split(r.stdout, "\n") {
					if len([]rune(line)) > 80 {
						t.Errorf("help line wider than 80 when piped: %q", line)
					}
				}
			})
		}
	}
	// The root lists man and completion with the other commands.
	for _, l := range langs {
		// Descriptions may wrap, so the words are compared.
		help := strings.Join(strings.Fields(mustRun(t, db, l.locale, "--help").stdout), " ")
		c := assets.MustBuiltin(l.name)
		for _, want := range []string{"man " + c.T("cmd.man.short"), "completion " + c.T("arg.shell") + " " + c.T("cmd.completion.short")} {
			if !strings.Contains(help, want) {
				t.Errorf("%s: --help lacks %q", l.name, want)
			}
		}
	}
	// `styrka help map` is `styrka map --help`.
	if a, b := mustRun(t, db, "sv_SE.UTF-8", "help", "map").stdout, mustRun(t, db, "sv_SE.UTF-8", "map", "--help").stdout; a != b {
		t.Errorf("help map and map --help differ:\n%s\n---\n%s", a, b)
	}
}

func TestVersionOnEveryCommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	version := mustRun(t, db, "en_GB.UTF-8", "--version").stdout
	for _, words := range commands {
		for _, flag := range []string{"-v", "--version"} {
			args := append(append([]string{}, words...), flag)
			r := run(t, db, "en_GB.UTF-8", args...)
			if r.code != 0 || r.stdout != version {
				t.Errorf("styrka %v: exit %d, %q %q; want %q", args, r.code, r.stdout, r.stderr, version)
			}
		}
	}
	if r := mustRun(t, db, "sv_SE.UTF-8", "map", "-v"); !regexp.MustCompile(`^styrka version \S+ \(commit \S+, (\S+|datum okänt)\)\n$`).MatchString(r.stdout) {
		t.Errorf("Swedish version: %q", r.stdout)
	}
	if _, err := os.Stat(db); err == nil {
		t.Error("--version created a database")
	}
}

func TestGlobalFlagsWorkOnEveryCommand(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "s.db")
	mustRun(t, db, "en_GB.UTF-8", "demo")
	// --db, --lang and --content before or after the command.
	own := filepath.Join(dir, "own.yaml")
	// The content file carries the texts too, so it is the Swedish one.
	if err := os.WriteFile(own, []byte(mustRun(t, db, "sv_SE.UTF-8", "content").stdout), 0o600); err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(t.TempDir(), "none.db")
	for _, args := range [][]string{
		{"--db", db, "--lang", "sv", "--content", own, "customers"},
		{"customers", "--db", db, "--lang", "sv", "--content", own},
		{"--lang=sv", "customers", "--db=" + db},
	} {
		r := run(t, other, "en_GB.UTF-8", args...)
		if r.code != 0 || !strings.Contains(r.stdout, "Kund") {
			t.Errorf("styrka %v: exit %d\n%s%s", args, r.code, r.stdout, r.stderr)
		}
	}
	if r := mustRun(t, db, "en_GB.UTF-8", "completion", "bash"); !strings.Contains(r.stdout, "__styrka") {
		t.Errorf("completion bash printed no script:\n%.200s", r.stdout)
	}
	for _, sh := range []string{"zsh", "fish", "powershell"} {
		if r := mustRun(t, db, "sv_SE.UTF-8", "completion", sh, "--no-descriptions"); !strings.Contains(r.stdout, "styrka") {
			t.Errorf("completion %s printed no script", sh)
		}
	}
}

func TestManPage(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	sections := map[string][]string{
		"en": {`.SH "NAME"`, `.SH "SYNOPSIS"`, `.SH "DESCRIPTION"`, `.SH "COMMANDS"`, `.SH "FLAGS FOR EVERY COMMAND"`, `.SH "EXIT STATUS"`, `.SH "ENVIRONMENT"`, `.SH "FILES"`},
		"sv": {`.SH "NAMN"`, `.SH "ÖVERSIKT"`, `.SH "BESKRIVNING"`, `.SH "KOMMANDON"`, `.SH "FLAGGOR FÖR ALLA KOMMANDON"`, `.SH "SLUTSTATUS"`, `.SH "MILJÖ"`, `.SH "FILER"`},
	}
	for _, l := range langs {
		t.Run(l.name, func(t *testing.T) {
			page := mustRun(t, db, l.locale, "man").stdout
			for _, want := range append(sections[l.name],
				`\fB\-v\fR, \fB\-\-version\fR`, `\fB\-h\fR, \fB\-\-help\fR`, `\fB\-\-db\fR`, "STYRKA_DB", "STYRKA_LANG", "NO_COLOR",
				`\fBstyrka round close\fR`, `\fB\-w\fR, \fB\-\-workshop\fR`, `.B "2"`) {
				if !strings.Contains(page, want) {
					t.Errorf("man page lacks %q", want)
				}
			}
			if strings.Contains(page, `\-\-h `) || strings.Contains(page, "--h ") {
				t.Error("man page writes --h for -h")
			}
			// Nothing from a description may start a line as a roff
			// request.
			for _, line := range strings.Split(page, "\n") {
				if strings.HasPrefix(line, ".") && !regexp.MustCompile(`^\.(TH|SH|TP|PP|IP|RS|RE|B|I)( |$)`).MatchString(line) {
					t.Errorf("unexpected roff request: %q", line)
				}
			}
		})
	}
}

// files lists every path under dir.
func files(t *testing.T, dir string) []string {
	t.Helper()
	var all []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && p != dir {
			all = append(all, p)
		}
		return nil
	})
	return all
}

func TestReadingCommandsNeverCreateADatabase(t *testing.T) {
	for _, l := range langs {
		t.Run(l.name, func(t *testing.T) {
			dir := t.TempDir()
			c := assets.MustBuiltin(l.name)
			for _, args := range [][]string{{"check"}, {"report"}, {"map"}, {"customers"}, {"workshops"}, {"rounds"}, {"backup", filepath.Join(dir, "copy.db")}, {"round", "close"}, {"serve"}} {
				for _, path := range []string{filepath.Join(dir, "typo.db"), filepath.Join(dir, "nonexist", "x", "y.db")} {
					r := run(t, path, l.locale, args...)
					if r.code != 1 || !strings.Contains(r.stderr, c.T("err.nodb", path)) {
						t.Errorf("styrka %v with %s: exit %d, %q", args, path, r.code, r.stderr)
					}
					oneSentenceIn(t, l.name, r.stderr)
				}
			}
			if left := files(t, dir); len(left) > 0 {
				t.Errorf("reading commands left %v", left)
			}
			// The default data folder: nothing is made there either.
			home := t.TempDir()
			r := runEnv(t, []string{"HOME=" + home, "LANG=" + l.locale, "TERM=dumb"}, "map")
			if r.code != 1 || !strings.Contains(r.stderr, "styrka demo") {
				t.Errorf("map without a database: exit %d, %q", r.code, r.stderr)
			}
			if left := files(t, home); len(left) > 0 {
				t.Errorf("map made %v in the home folder", left)
			}
		})
	}
}

func TestNewDatabaseOnlyInAFolderThatExists(t *testing.T) {
	for _, l := range langs {
		t.Run(l.name, func(t *testing.T) {
			dir := t.TempDir()
			missing := filepath.Join(dir, "nonexist", "x", "y.db")
			for _, args := range [][]string{{"demo"}, {"--db", missing, "demo"}} {
				r := run(t, missing, l.locale, args...)
				if r.code != 1 || !strings.Contains(r.stderr, filepath.Join(dir, "nonexist", "x")) {
					t.Errorf("styrka %v: exit %d, %q", args, r.code, r.stderr)
				}
				oneSentenceIn(t, l.name, r.stderr)
			}
			if left := files(t, dir); len(left) > 0 {
				t.Errorf("a mistyped --db left %v", left)
			}
			// In a folder that exists, demo and import create it.
			mustRun(t, filepath.Join(dir, "new.db"), l.locale, "demo")
			list := filepath.Join(dir, "list.csv")
			if err := os.WriteFile(list, []byte("name\nÅhléns Möbel AB\n"), 0o600); err != nil {
				t.Fatal(err)
			}
			mustRun(t, filepath.Join(dir, "other.db"), l.locale, "import", list, "-w", "Vår")
			// A dry run changes nothing, so it makes no database.
			r := mustRun(t, filepath.Join(dir, "dry.db"), l.locale, "import", list, "-w", "Vår", "--dry-run")
			if !strings.Contains(r.stdout, "Åhléns Möbel AB") {
				t.Errorf("dry run: %s", r.stdout)
			}
			if _, err := os.Stat(filepath.Join(dir, "dry.db")); err == nil {
				t.Error("a dry run made a database")
			}
			mustRun(t, filepath.Join(dir, "new.db"), l.locale, "check")
		})
	}
}

func TestANameMatchesExactlyOrSaysWhichItCouldBe(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "s.db")
	mustRun(t, db, "en_GB.UTF-8", "demo")
	// A second workshop, "demo", that differs from "Demo" only in case,
	// holding two customers that differ only in case.
	export := mustRun(t, db, "en_GB.UTF-8", "report", "-w", "Demo", "--format", "json").stdout
	copied := strings.ReplaceAll(export, "ee065992-55b5-592f-8140-c8b62e8e4bd2", "0190c0de-0000-7000-8000-000000000001")
	copied = strings.Replace(copied, `"name": "Demo"`, `"name": "demo"`, 1)
	copied = strings.Replace(copied, `"name": "Skogsviks Bruk AB"`, `"name": "nordö pumpteknik ab"`, 1)
	if copied == export || !strings.Contains(copied, `"name": "demo"`) {
		t.Fatal("the export did not have the expected shape")
	}
	file := filepath.Join(dir, "demo.json")
	if err := os.WriteFile(file, []byte(copied), 0o600); err != nil {
		t.Fatal(err)
	}
	mustRun(t, db, "en_GB.UTF-8", "import", file)

	for _, l := range langs {
		t.Run(l.name, func(t *testing.T) {
			pick := func(en, sv string) string {
				if l.name == "sv" {
					return sv
				}
				return en
			}
			// Exact names win over names equal apart from case.
			if r := mustRun(t, db, l.locale, "customers", "-w", "demo"); !strings.Contains(r.stdout, "nordö pumpteknik ab") {
				t.Errorf("-w demo did not pick “demo”:\n%s", r.stdout)
			}
			if r := mustRun(t, db, l.locale, "customers", "-w", "Demo"); strings.Contains(r.stdout, "nordö pumpteknik ab") {
				t.Errorf("-w Demo did not pick “Demo”:\n%s", r.stdout)
			}
			r := mustRun(t, db, l.locale, "report", "-w", "demo", "-c", "nordö pumpteknik ab", "--format", "csv")
			if !strings.Contains(r.stdout, "nordö pumpteknik ab") || strings.Contains(r.stdout, "Nordö Pumpteknik AB") {
				t.Errorf("-c with the exact name:\n%s", r.stdout)
			}
			// Otherwise more than one match is an error that lists them.
			for _, tt := range []struct {
				args []string
				want []string
			}{
				{[]string{"customers", "-w", "DEMO"}, []string{pick("Several workshops are called “DEMO” apart from upper and lower case: “Demo” and “demo”", "Flera workshoppar heter ”DEMO” om man bortser från stora och små bokstäver: ”Demo” och ”demo”")}},
				{[]string{"report", "-w", "demo", "-c", "NORDÖ PUMPTEKNIK AB"}, []string{pick("Several customers are called “NORDÖ PUMPTEKNIK AB”", "Flera kunder heter ”NORDÖ PUMPTEKNIK AB”"), "Nordö Pumpteknik AB", "nordö pumpteknik ab"}},
				{[]string{"report", "-w", "demo", "-c", "Pumpteknik"}, []string{pick("Several customers match “Pumpteknik”", "Flera kunder passar ”Pumpteknik”"), "Nordö Pumpteknik AB", "nordö pumpteknik ab"}},
				{[]string{"import", filepath.Join(dir, "none.csv"), "-w", "DEMO"}, nil}, // the file is read first
			} {
				r := run(t, db, l.locale, tt.args...)
				if r.code != 1 {
					t.Errorf("styrka %v: exit %d, %q", tt.args, r.code, r.stderr)
				}
				for _, w := range tt.want {
					if !strings.Contains(r.stderr, w) {
						t.Errorf("styrka %v: %q lacks %q", tt.args, r.stderr, w)
					}
				}
				oneSentenceIn(t, l.name, r.stderr)
			}
			// A unique part of a name is enough.
			mustRun(t, db, l.locale, "report", "-w", "demo", "-c", "Gränsö", "--format", "csv")
		})
	}
}

func TestAFolderForAFile(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "s.db")
	mustRun(t, db, "en_GB.UTF-8", "demo")
	for _, l := range langs {
		r := run(t, db, l.locale, "import", dir)
		want := map[string]string{"en": dir + " is a folder; name a file in it instead.", "sv": dir + " är en mapp; ange en fil i den i stället."}[l.name]
		if r.code != 1 || !strings.Contains(r.stderr, want) {
			t.Errorf("%s: import of a folder: exit %d, %q", l.name, r.code, r.stderr)
		}
		oneSentenceIn(t, l.name, r.stderr)
	}
}

// The shell's completion of -w offers the workshops, and makes no database
// where there is none.
func TestCompletionOffersWorkshops(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "s.db")
	mustRun(t, db, "sv_SE.UTF-8", "demo")
	for _, args := range [][]string{{"__complete", "map", "-w", ""}, {"__complete", "report", "--workshop", "de"}, {"__complete", "import", "x.csv", "-w", "D"}} {
		r := mustRun(t, db, "sv_SE.UTF-8", args...)
		if !strings.HasPrefix(r.stdout, "Demo\n") {
			t.Errorf("%v offered %q", args, r.stdout)
		}
	}
	missing := filepath.Join(dir, "none.db")
	if r := mustRun(t, missing, "en_GB.UTF-8", "__complete", "map", "-w", ""); strings.Contains(r.stdout, "Demo") {
		t.Errorf("completion without a database offered %q", r.stdout)
	}
	if _, err := os.Stat(missing); err == nil {
		t.Error("completion made a database")
	}
}
