// Command startup measures styrka's short commands as whole processes
// beside a floor: a bare Go program that opens the same bbolt file
// read-only, reads every key and value and prints a 100×30 block. The
// ratio of the two is what styrka adds to the least a command of its kind
// has to do.
//
//	go run ./bench/startup                   # styrka map on the demo
//	go run ./bench/startup -customers 10000  # on a generated workshop
//	go run ./bench/startup -args customers   # another command
//	go run ./bench/startup -customers 10000 -args "import {export} --replace"
//	go run ./bench/startup -customers 10000 -args "report --format xlsx -o {dir}/out.xlsx"
//
// It builds styrka, the floor (bench/startup/floor, which links bbolt and
// nothing of styrka's) and itself into a temporary folder, makes the data
// there (the demo, or a generated workshop of -customers customers with
// every question answered), then runs the two programs in turn -n times
// and prints the median wall time and peak RSS of each and their ratio.
// Output is read and thrown away. Peak RSS counts the pages of the
// database file a program touched, so the floor's shows the file's share.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

func main() {
	if len(os.Args) == 4 && os.Args[1] == "generate" {
		n, err := strconv.Atoi(os.Args[3])
		if err == nil {
			err = generate(os.Args[2], n)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "generate:", err)
			os.Exit(1)
		}
		return
	}
	n := flag.Int("n", 21, "runs of each program")
	customers := flag.Int("customers", 0, "customers of a generated workshop; 0 runs on the demo")
	args := flag.String("args", "map", "the styrka command to measure, with its arguments")
	flag.Parse()
	if err := run(*n, *customers, strings.Fields(*args)); err != nil {
		fmt.Fprintln(os.Stderr, "startup:", err)
		os.Exit(1)
	}
}

func run(n, customers int, args []string) error {
	dir, err := os.MkdirTemp("", "styrka-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	root, err := moduleRoot()
	if err != nil {
		return err
	}
	styrka := filepath.Join(dir, "styrka")
	// The floor is a program of its own that links bbolt and nothing of
	// styrka's, so it pays no start-up work of styrka's packages; this
	// program, which links them, only makes the data.
	self := filepath.Join(dir, "startup")
	bare := filepath.Join(dir, "floor")
	for _, b := range [][]string{{"-o", styrka, "."}, {"-o", self, "./bench/startup"}, {"-o", bare, "./bench/startup/floor"}} {
		cmd := exec.Command("go", append([]string{"build"}, b...)...)
		cmd.Dir, cmd.Stderr = root, os.Stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("go build %s: %w", b[len(b)-1], err)
		}
	}
	db := filepath.Join(dir, "styrka.db")
	what := "the demo"
	if customers > 0 {
		what = fmt.Sprintf("%d generated customers", customers)
		// In a process of its own: Linux counts the memory of the process
		// that starts a program in the program's peak RSS, so this one
		// stays small.
		if _, err := runOnce(self, "generate", db, strconv.Itoa(customers)); err != nil {
			return err
		}
	} else if _, err := runOnce(styrka, "demo", "--db", db); err != nil {
		return fmt.Errorf("styrka demo: %w", err)
	}
	// {export} in the arguments is the workshop's JSON export, made once
	// by styrka itself, for measuring an import.
	cmdArgs := append(slices.Clone(args), "--db", db)
	if slices.Contains(args, "{export}") {
		export := filepath.Join(dir, "export.json")
		if _, err := runOnce(styrka, "report", "--format", "json", "-o", export, "--db", db); err != nil {
			return fmt.Errorf("export: %w", err)
		}
		for i, a := range cmdArgs {
			if a == "{export}" {
				cmdArgs[i] = export
			}
		}
	}
	// {dir} is the temporary folder, for a command that writes a file.
	for i, a := range cmdArgs {
		cmdArgs[i] = strings.ReplaceAll(a, "{dir}", dir)
	}
	// One run of each first, so the file is in the page cache for both.
	if _, err := runOnce(styrka, cmdArgs...); err != nil {
		return fmt.Errorf("styrka %s: %w", strings.Join(args, " "), err)
	}
	var s, f []sample
	for range n {
		a, err := runOnce(styrka, cmdArgs...)
		if err != nil {
			return err
		}
		b, err := runOnce(bare, db)
		if err != nil {
			return err
		}
		s, f = append(s, a), append(f, b)
	}
	ms, mf := median(s), median(f)
	fmt.Printf("styrka %s on %s, %d runs each, medians:\n", strings.Join(args, " "), what, n)
	fmt.Printf("  styrka  %8.2f ms  peak RSS %6.1f MiB\n", ms.ms(), ms.mib())
	fmt.Printf("  floor   %8.2f ms  peak RSS %6.1f MiB\n", mf.ms(), mf.mib())
	fmt.Printf("  ratio   %8.2f×\n", ms.ms()/mf.ms())
	return nil
}

type sample struct {
	wall time.Duration
	rss  int64 // bytes; 0 where the platform does not say
}

func (s sample) ms() float64  { return float64(s.wall) / float64(time.Millisecond) }
func (s sample) mib() float64 { return float64(s.rss) / (1 << 20) }

// median takes the median of the times and of the peaks separately.
func median(xs []sample) sample {
	w := make([]time.Duration, len(xs))
	r := make([]int64, len(xs))
	for i, x := range xs {
		w[i], r[i] = x.wall, x.rss
	}
	slices.Sort(w)
	slices.Sort(r)
	return sample{wall: w[len(w)/2], rss: r[len(r)/2]}
}

func runOnce(prog string, args ...string) (sample, error) {
	cmd := exec.Command(prog, args...)
	var errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = io.Discard, &errb
	cmd.Env = append(os.Environ(), "NO_COLOR=1", "LANG=en_US.UTF-8")
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if err != nil {
		return sample{}, fmt.Errorf("%s %s: %w: %s", filepath.Base(prog), strings.Join(args, " "), err, errb.String())
	}
	return sample{wall: wall, rss: peakRSS(cmd.ProcessState)}, nil
}

func moduleRoot() (string, error) {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOMOD: %w", err)
	}
	mod := strings.TrimSpace(string(out))
	if mod == "" || mod == os.DevNull {
		return "", errors.New("run it inside the styrka module")
	}
	return filepath.Dir(mod), nil
}
