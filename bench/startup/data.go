package main

import (
	"styrka/bench/benchdata"
	"styrka/store"
)

// generate writes a workshop of n customers, each answering every
// built-in question with a spread of scores and a note (benchdata), to a
// new database.
func generate(path string, n int) error {
	d := benchdata.Workshop(n)
	db, err := store.Open(path, store.Options{NoAutoBackup: true})
	if err != nil {
		return err
	}
	if err := db.Import(d, false); err != nil {
		db.Close()
		return err
	}
	return db.Close()
}
