// Command floor is bench/startup's floor: the least a read-only command
// of styrka's kind does, as a bare Go program that links bbolt and
// nothing of styrka's. It opens the database file read-only, reads every
// key and value of every bucket and prints a 100×30 block.
//
//	floor FILE
package main

import (
	"fmt"
	"os"
	"strings"

	"go.etcd.io/bbolt"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: floor FILE")
		os.Exit(2)
	}
	if err := floor(os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, "floor:", err)
		os.Exit(1)
	}
}

// floor is the least a read-only command does: open the file read-only,
// read every key and value of every bucket, print a 100×30 block.
func floor(path string) error {
	db, err := bbolt.Open(path, 0o600, &bbolt.Options{ReadOnly: true})
	if err != nil {
		return err
	}
	defer db.Close()
	var sum int
	err = db.View(func(tx *bbolt.Tx) error {
		return tx.ForEach(func(name []byte, b *bbolt.Bucket) error {
			sum += walk(b)
			return nil
		})
	})
	if err != nil {
		return err
	}
	line := strings.Repeat(string(rune('a'+sum%26)), 100) + "\n"
	_, err = os.Stdout.WriteString(strings.Repeat(line, 30))
	return err
}

func walk(b *bbolt.Bucket) int {
	sum := 0
	_ = b.ForEach(func(k, v []byte) error {
		sum += len(k) + len(v)
		if v == nil {
			if nb := b.Bucket(k); nb != nil {
				sum += walk(nb)
			}
		}
		return nil
	})
	return sum
}
