package cli

import (
	"errors"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"styrka/assets"
	"styrka/report"
	"styrka/store"
	"styrka/store/backend"
	"styrka/store/postgres"
)

// describe turns any error into one sentence in the user's language that
// says what happened and what to do.
func (a *App) describe(err error) string {
	var (
		ue     *usageError
		locked *store.LockedError
		schema *store.SchemaError
		fe     *assets.FileError
		pe     *fs.PathError
		msg    *messageError
		csvErr *report.CSVError
		rec    *store.RecordError
		backup *store.BackupError
		pg     *postgres.Error
		alien  *postgres.ForeignError
	)
	switch {
	case errors.As(err, &msg):
		return msg.text
	case errors.As(err, &ue):
		return ue.msg
	case errors.Is(err, backend.ErrScheme):
		return a.T("err.db.scheme", a.dbShown())
	case errors.As(err, &pg):
		return a.describePostgres(pg)
	case errors.Is(err, store.ErrNoDatabase) && a.onServer():
		return a.T("err.pg.empty", a.dbShown())
	case errors.As(err, &alien):
		return a.T("err.pg.foreign", a.dbShown(), alien.Table)
	case errors.As(err, &locked):
		if locked.PID > 0 {
			return a.T("err.locked", locked.Path, locked.PID, locked.Started.Local().Format("2006-01-02 15:04:05"))
		}
		return a.T("err.locked.unknown", locked.Path)
	case errors.Is(err, store.ErrNoDatabase):
		path, chosen, _ := a.dbPath()
		if chosen {
			return a.T("err.nodb", path)
		}
		return a.T("err.nodb.default", path)
	case errors.Is(err, store.ErrNoFolder):
		path, _, _ := a.dbPath()
		return a.T("err.nofolder", filepath.Dir(absPath(path)), path)
	case errors.As(err, &schema):
		return a.T("err.schema.newer", schema.Found, schema.Supported)
	case errors.Is(err, store.ErrNotStyrka):
		return a.T("err.notstyrka", a.pathOf(err))
	case errors.As(err, &rec):
		return a.T("err.damaged.at", a.pathOf(err), a.damagedRecord(rec))
	case errors.Is(err, store.ErrDamaged):
		return a.T("err.damaged", a.pathOf(err))
	case errors.As(err, &backup):
		return a.T("err.backup.upgrade", backup.Dir, a.backupWhy(backup))
	case errors.As(err, &fe):
		return a.describeFileError(fe)
	case errors.As(err, &csvErr):
		return a.describeCSVError(csvErr)
	case errors.Is(err, syscall.EISDIR) && errors.As(err, &pe):
		return a.T("err.isdir", pe.Path)
	case errors.Is(err, fs.ErrNotExist) && errors.As(err, &pe):
		return a.T("err.nofile", pe.Path)
	case errors.Is(err, fs.ErrPermission) && errors.As(err, &pe):
		return a.T("err.permission", pe.Path)
	}
	return a.T("err.other", err.Error())
}

// describePostgres is the sentence for a PostgreSQL server that cannot be
// reached, refuses the login, has no such database, or is lost mid-way.
// It names the server as the error does, without the password.
func (a *App) describePostgres(e *postgres.Error) string {
	u, _ := url.Parse(e.Server)
	var addr, user, name string
	if u != nil {
		addr, user, name = u.Host, u.User.Username(), strings.TrimPrefix(u.Path, "/")
		if addr == "" {
			addr = u.Query().Get("host") // a Unix socket's folder
		}
	}
	if addr == "" {
		addr = e.Server
	}
	switch {
	case errors.Is(e, postgres.ErrBadURL):
		return a.T("err.pg.badurl", e.Server, e.Err)
	case errors.Is(e, postgres.ErrUnreachable):
		return a.T("err.pg.unreachable", addr)
	case errors.Is(e, postgres.ErrAuth):
		return a.T("err.pg.auth", addr, user)
	case errors.Is(e, postgres.ErrUnknownDatabase):
		return a.T("err.pg.unknowndb", addr, name)
	}
	return a.T("err.pg.lost", addr)
}

// damagedRecord names a damaged record for a sentence: "the answer of
// the customer “Volvo AB” to question …".
func (a *App) damagedRecord(e *store.RecordError) string {
	who := a.T("damaged.who.id", e.CustomerID)
	if e.CustomerName != "" {
		who = a.T("damaged.who.named", e.CustomerName)
	}
	switch {
	case e.Kind == "customer" && e.CustomerID != "":
		return a.T("damaged.customer", who)
	case e.Kind == "answer" && e.CustomerID != "":
		return a.T("damaged.answer", who, e.QuestionID)
	}
	return a.T("damaged.record", e.Key)
}

// problemText is one problem `styrka check` found, as a line.
func (a *App) problemText(err error) string {
	var rec *store.RecordError
	if errors.As(err, &rec) {
		return a.T("check.damaged", a.damagedRecord(rec))
	}
	return err.Error()
}

// backupWarning is the sentence for a daily backup that could not be
// written; the work goes on.
func (a *App) backupWarning(e *store.BackupError) string {
	return a.T("warn.backup", e.Dir, a.backupWhy(e))
}

func (a *App) backupWhy(e *store.BackupError) string {
	if e.Reason == "other" {
		return a.T("backup.why.other", e.Detail)
	}
	return a.T("backup.why." + e.Reason)
}

// pathOf finds the file an error is about.
func (a *App) pathOf(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Path
	}
	if p, _, e := a.dbPath(); e == nil {
		return p
	}
	return ""
}

func (a *App) describeFileError(fe *assets.FileError) string {
	where := fe.File
	if fe.Line > 0 {
		where = a.T("content.where.line", fe.File, fe.Line)
	}
	problem := a.T("content.problem."+string(fe.Problem), fe.Detail)
	if fe.Field != "" {
		return a.T("err.content.field", where, fe.Field, problem)
	}
	return a.T("err.content", where, problem)
}

// messageError carries a sentence already written for the user.
type messageError struct{ text string }

func (e *messageError) Error() string { return e.text }

// errorf makes a translated error for the user.
func (a *App) errorf(key string, args ...any) error {
	return &messageError{a.T(key, args...)}
}

// absPath is path made absolute where it can be, for messages about the
// folder it is in.
func absPath(path string) string {
	if p, err := filepath.Abs(path); err == nil {
		return p
	}
	return path
}

// notWritten is the sentence for a file styrka could not write at path:
// what stood in the way and what to do, naming only the path the user
// gave (and the folder it is in), never a temporary file.
func (a *App) notWritten(path string, err error) error {
	dir := filepath.Dir(absPath(path))
	switch {
	case errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EDQUOT):
		return a.errorf("err.write.full", path)
	case errors.Is(err, syscall.EISDIR):
		return a.errorf("err.isdir", path)
	case errors.Is(err, fs.ErrPermission) || errors.Is(err, syscall.EROFS):
		return a.errorf("err.write.permission", dir, path)
	case errors.Is(err, syscall.ENOTDIR) || errors.Is(err, fs.ErrNotExist):
		// Find the first part of the path that is missing or not a folder.
		for d := dir; ; d = filepath.Dir(d) {
			fi, serr := os.Stat(d)
			if serr == nil && !fi.IsDir() {
				return a.errorf("err.write.notfolder", d, path)
			}
			if serr == nil || filepath.Dir(d) == d {
				break
			}
			if _, perr := os.Stat(filepath.Dir(d)); perr == nil {
				return a.errorf("err.write.nofolder", d, path)
			}
		}
		return a.errorf("err.write.nofolder", dir, path)
	}
	detail := err.Error()
	var pe *fs.PathError
	if errors.As(err, &pe) {
		detail = pe.Err.Error()
	}
	return a.errorf("err.write.other", path, detail)
}
