package slug

import "strings"

// Reserved reports whether name, one element of a path, is a device name
// that Windows reserves: CON, PRN, AUX, NUL, CONIN$, CONOUT$, COM1 to COM9
// and LPT1 to LPT9 (also with ¹, ² or ³), in any case and with any
// extension ("nul.md", "Com1.tar.gz"). Such a file cannot be checked out
// or served on Windows, and breaks some sync tools.
func Reserved(name string) bool {
	base, _, _ := strings.Cut(name, ".")
	base = strings.ToUpper(strings.TrimRight(base, " "))
	switch base {
	case "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$":
		return true
	}
	if len(base) < 4 || base[:3] != "COM" && base[:3] != "LPT" {
		return false
	}
	switch base[3:] {
	case "1", "2", "3", "4", "5", "6", "7", "8", "9", "\u00b9", "\u00b2", "\u00b3":
		return true
	}
	return false
}
