package store

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"loge/data/desk"
)

// SettingHotelZone is the hotel's time zone (an IANA name, "Europe/Paris"): every time written for
// a person — documents, calendar text, templates, the Board, the command line — is in it, whatever
// the desk computer's clock is set to (a PC left on UTC printed a 15:00 Paris arrival as 14:00).
// A new desk takes the computer's zone when it can be read; Settings change it.
const SettingHotelZone = "hotel.timezone"

// ComputerZone is the IANA name of this computer's time zone, "" when it cannot be told (Windows
// names its zones otherwise; Settings then asks).
func ComputerZone() string {
	valid := func(name string) string {
		name = strings.TrimSpace(strings.TrimPrefix(name, ":"))
		if name == "" || name == "Local" || strings.HasPrefix(name, "/") {
			return ""
		}
		if _, err := time.LoadLocation(name); err != nil {
			return ""
		}
		return name
	}
	if z := valid(os.Getenv("TZ")); z != "" {
		return z
	}
	if runtime.GOOS == "windows" {
		return ""
	}
	// Linux and macOS: /etc/localtime links into the zone database (…/zoneinfo/Europe/Paris).
	if p, err := filepath.EvalSymlinks("/etc/localtime"); err == nil {
		if _, name, ok := strings.Cut(filepath.ToSlash(p), "zoneinfo/"); ok {
			if z := valid(name); z != "" {
				return z
			}
		}
	}
	if b, err := os.ReadFile("/etc/timezone"); err == nil { // Debian's own record of it
		return valid(string(b))
	}
	return ""
}

// SetHotelZone records the hotel's time zone; "" goes back to the computer's. The store keeps the
// zone it opened with until it is opened again (the workers read it while they run): the window
// starts again to apply it.
func (s *Store) SetHotelZone(ctx context.Context, name string) error {
	name = strings.TrimSpace(name)
	if name == "" {
		_, err := s.w.ExecContext(ctx, `DELETE FROM settings WHERE key=?`, SettingHotelZone)
		return err
	}
	if err := desk.CheckZone(name); err != nil {
		return err
	}
	return s.SetSetting(ctx, SettingHotelZone, name)
}
