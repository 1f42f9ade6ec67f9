package postgres

import (
	"context"
	"encoding/json"
	"time"

	"github.com/jackc/pgx/v5"

	"styrka/store"
)

// Watch delivers the changes that other processes (and other DBs in this
// one) commit to the database, until ctx ends or the DB is closed; then
// the channel is closed. Each comes within a moment of its commit
// (LISTEN/NOTIFY on a connection of its own). When that connection
// breaks, Watch connects again, and then sends a Change with no workshop:
// anything may have changed meanwhile, so reload. The first connection's
// failure is returned, classified as Open's are.
func (db *DB) Watch(ctx context.Context) (<-chan store.Change, error) {
	if db.closed.Load() {
		return nil, store.ErrClosed
	}
	ctx, cancel := context.WithCancel(ctx)
	stop := context.AfterFunc(db.life, cancel)
	conn, err := db.listen(ctx)
	if err != nil {
		stop()
		cancel()
		return nil, err
	}
	out := make(chan store.Change, 64)
	go func() {
		defer close(out)
		defer cancel()
		defer stop()
		defer func() {
			if conn != nil {
				_ = conn.Close(context.Background())
			}
		}()
		for {
			n, err := conn.WaitForNotification(ctx)
			if ctx.Err() != nil {
				return
			}
			if err != nil {
				_ = conn.Close(context.Background())
				conn = nil
				if conn = db.relisten(ctx); conn == nil {
					return
				}
				if !send(ctx, out, store.Change{}) {
					return
				}
				continue
			}
			var p note
			if json.Unmarshal([]byte(n.Payload), &p) != nil || p.Origin == db.origin {
				continue
			}
			if !send(ctx, out, store.Change{WorkshopID: p.Workshop, Kind: p.Kind, Key: p.Key, By: p.By}) {
				return
			}
		}
	}()
	return out, nil
}

func send(ctx context.Context, out chan<- store.Change, c store.Change) bool {
	select {
	case out <- c:
		return true
	case <-ctx.Done():
		return false
	}
}

// listen opens a connection that listens to the channel.
func (db *DB) listen(ctx context.Context) (*pgx.Conn, error) {
	conn, err := connect(ctx, db.conn)
	if err != nil {
		return nil, db.connectError(err)
	}
	if _, err := conn.Exec(ctx, "LISTEN "+channel); err != nil {
		_ = conn.Close(context.Background())
		return nil, db.fail(err)
	}
	return conn, nil
}

// relisten connects again after a lost connection, waiting longer between
// tries up to two seconds, until ctx ends (nil then).
func (db *DB) relisten(ctx context.Context) *pgx.Conn {
	wait := 50 * time.Millisecond
	for {
		if conn, err := db.listen(ctx); err == nil {
			return conn
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil
		case <-t.C:
		}
		wait = min(2*wait, 2*time.Second)
	}
}
