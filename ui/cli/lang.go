package cli

import (
	"strings"
)

// EnvLang overrides the language detected from the locale.
const EnvLang = "STYRKA_LANG"

// detectLang picks the language: the --lang flag in args, then STYRKA_LANG,
// then the first non-empty of LC_ALL, LC_MESSAGES and LANG, as POSIX
// orders them. "sv…" gives Swedish; anything else English. It returns the
// language and the value the user asked for when it is not one styrka
// speaks ("" when fine).
func detectLang(args []string, getenv func(string) string) (lang, bad string) {
	if v, ok := flagValue(args, "lang"); ok {
		if v == "sv" || v == "en" {
			return v, ""
		}
		return localeLang(getenv), v
	}
	if v := getenv(EnvLang); v != "" {
		if v == "sv" || v == "en" {
			return v, ""
		}
		return localeLang(getenv), v
	}
	return localeLang(getenv), ""
}

func localeLang(getenv func(string) string) string {
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := getenv(k); v != "" {
			if strings.HasPrefix(strings.ToLower(v), "sv") {
				return "sv"
			}
			return "en"
		}
	}
	return "en"
}

// flagValue finds "--name value" or "--name=value" among the arguments,
// stopping at "--".
func flagValue(args []string, name string) (string, bool) {
	long := "--" + name
	for i, a := range args {
		if a == "--" {
			break
		}
		if a == long && i+1 < len(args) {
			return args[i+1], true
		}
		if v, ok := strings.CutPrefix(a, long+"="); ok {
			return v, true
		}
	}
	return "", false
}
