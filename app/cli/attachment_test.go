package cli

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"loge/data/desk"
	"loge/data/store"
)

// loge attachment writes a mail's attachment byte for byte, never over a file, and says in words
// when the mail has no such attachment.
func TestAttachmentCommandWritesTheBytesSent(t *testing.T) {
	t.Setenv("LOGE_LANG", "en")
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "desk.db")
	st, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	acct := desk.Account{Name: "Desk", Email: "desk@hotel.example", IMAPHost: "imap.example", IMAPPort: 993, IMAPSecurity: "tls"}
	if err := st.CreateAccount(ctx, &acct); err != nil {
		t.Fatal(err)
	}
	mb, err := st.EnsureMailbox(ctx, acct.ID, "INBOX", desk.RoleInbox)
	if err != nil {
		t.Fatal(err)
	}
	scan := make([]byte, 3000)
	for i := range scan {
		scan[i] = byte(i * 7)
	}
	raw := "From: Guest <g@example.com>\r\nSubject: Passport\r\nMessage-ID: <p1@example.com>\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n" +
		"--b\r\nContent-Type: text/plain\r\n\r\nMy passport, as asked.\r\n" +
		"--b\r\nContent-Type: image/jpeg\r\nContent-Disposition: attachment; filename=\"passport.jpg\"\r\nContent-Transfer-Encoding: base64\r\n\r\n" +
		base64.StdEncoding.EncodeToString(scan) + "\r\n--b--\r\n"
	id, err := st.AddRawMessage(ctx, mb.ID, 1, nil, []byte(raw))
	if err != nil {
		t.Fatal(err)
	}
	st.Close()

	out := filepath.Join(t.TempDir(), "passport.jpg")
	msg := fmt.Sprint(id)
	if code, _, errs := runCLI(t, "attachment", "--db", db, "--message", msg, out); code != 0 {
		t.Fatalf("attachment: %d %s", code, errs)
	}
	if got, _ := os.ReadFile(out); !bytes.Equal(got, scan) {
		t.Fatalf("written %d bytes, not the %d sent", len(got), len(scan))
	}
	if code, _, errs := runCLI(t, "attachment", "--db", db, "--message", msg, out); code != 1 || !strings.Contains(errs, "does not overwrite") {
		t.Fatalf("over an existing file: %d %q", code, errs)
	}
	if code, _, errs := runCLI(t, "attachment", "--db", db, "--message", msg, "--index", "2", out+".2"); code != 1 || !strings.Contains(errs, "has 1 attachment") {
		t.Fatalf("no second attachment: %d %q", code, errs)
	}
	if _, err := os.Stat(out + ".2"); !os.IsNotExist(err) {
		t.Fatal("a file was left for an attachment that does not exist")
	}
}
