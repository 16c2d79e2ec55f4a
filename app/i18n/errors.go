package i18n

import (
	"encoding/base64"
	"errors"
	"strings"

	"loge/data/desk"
	"loge/data/docs"
	"loge/data/docs/vcard"
	"loge/data/imap"
	"loge/data/mime"
	"loge/data/outbox"
	"loge/data/store"
	"loge/data/vault"
)

// ErrorText turns an error into a sentence in the user's language, saying what to do next. Every
// error a person can act on has its sentence here, for the window and the command line alike.
func ErrorText(err error) string {
	if err == nil {
		return ""
	}
	if s, ok := MailErrorText(err); ok {
		return s
	}
	if s, ok := vcardErrorText(err); ok {
		return s
	}
	var ve *desk.ValidationError
	if errors.As(err, &ve) {
		return T("val."+ve.Code, map[string]any{"Field": FieldLabel(ve.Entity, ve.Field), "Value": ve.Value})
	}
	var se *store.SchemaError
	var ne *store.NetworkShareError
	var ae *store.NoSuchAttachmentError
	if errors.As(err, &ae) {
		return T("err.no_such_attachment", map[string]any{"Message": ae.Message, "N": ae.Has})
	}
	var gone *store.MailGoneError
	switch {
	case errors.As(err, &gone):
		return T("err.mail_gone")
	case errors.Is(err, docs.ErrUndecodable):
		return T("err.preview_undecodable")
	case errors.Is(err, docs.ErrNoPDFRenderer):
		return T("err.no_pdf_renderer")
	case errors.Is(err, docs.ErrNoPreview):
		return T("err.no_preview")
	}
	var b64 base64.CorruptInputError
	if errors.Is(err, mime.ErrNoSuchPart) || errors.As(err, &b64) {
		return T("err.attachment_undecodable")
	}
	path := errPath(err)
	switch {
	case errors.As(err, &ne):
		return T("err.network_share", map[string]any{"Path": ne.Path, "Kind": ne.Kind})
	case errors.Is(err, store.ErrNoRoomForBackup):
		return T("err.no_room_backup", map[string]any{"Path": path})
	case store.IsDiskFull(err):
		return T("err.disk_full")
	case errors.Is(err, store.ErrExists):
		return T("err.exists", map[string]any{"Path": path})
	case errors.Is(err, store.ErrSyncRunning):
		return T("err.sync_running", map[string]any{"Path": path})
	case errors.Is(err, store.ErrRestoring):
		return T("err.restoring", map[string]any{"Path": path})
	case errors.Is(err, store.ErrOpenElsewhere):
		return T("err.open_elsewhere", map[string]any{"Path": path})
	case errors.As(err, &se):
		return T("err.newer_schema", map[string]any{"Path": path, "Found": se.Found, "Supported": se.Supported})
	case errors.Is(err, store.ErrNotDatabase):
		return T("err.not_database", map[string]any{"Path": path})
	case errors.Is(err, store.ErrCorrupt):
		return T("err.corrupt", map[string]any{"Path": path})
	case store.IsCorrupt(err):
		return T("err.damaged")
	case errors.Is(err, store.ErrUnwritable):
		return T("err.unwritable", map[string]any{"Path": path})
	case errors.Is(err, store.ErrNotFound):
		return T("err.not_found")
	}
	return T("err.unexpected", map[string]any{"Detail": err.Error()})
}

// FieldLabel is the translated name of an entity's field, for validation messages.
func FieldLabel(entity, field string) string { return T("field." + entity + "." + field) }

// FieldError is the short message shown next to a form field for a validation error on it.
func FieldError(ve *desk.ValidationError) string {
	return T("val.short."+ve.Code, map[string]any{"Value": ve.Value})
}

// errPath digs the file path out of a store error ("PATH: reason").
func errPath(err error) string {
	msg := err.Error()
	if i := strings.Index(msg, ": "); i > 0 {
		return msg[:i]
	}
	return msg
}

// MailErrorText is the sentence for the mail errors a person can act on (data/imap, data/outbox,
// data/vault); ok is false for any other error.
func MailErrorText(err error) (string, bool) {
	var ce *imap.CertError
	switch {
	case errors.As(err, &ce):
		if ce.Fingerprint == "" {
			return T("accounts.err_cert_nofp"), true
		}
		return T("accounts.err_cert", map[string]any{"Fingerprint": ce.Fingerprint}), true
	case errors.Is(err, imap.ErrAuth):
		return T("accounts.err_auth"), true
	case errors.Is(err, imap.ErrNoSTARTTLS):
		return T("accounts.err_no_starttls"), true
	case errors.Is(err, imap.ErrNotIMAP4):
		return T("accounts.err_not_imap"), true
	case errors.Is(err, imap.ErrConnectionLost) && !errors.Is(err, imap.ErrUnreachable):
		return T("accounts.err_connection_lost"), true
	case errors.Is(err, imap.ErrUnreachable):
		return T("accounts.err_unreachable"), true
	case errors.Is(err, imap.ErrBadSecurity):
		return T("accounts.err_bad_security"), true
	case errors.Is(err, imap.ErrNoAuthMethod):
		return T("accounts.err_no_auth"), true
	case errors.Is(err, vault.ErrNoKeyring):
		return T("accounts.err_no_keyring"), true
	case errors.Is(err, vault.ErrNoSecret):
		return T("accounts.err_no_secret"), true
	case errors.Is(err, imap.ErrCAFile):
		return T("accounts.err_ca_file"), true
	case errors.Is(err, outbox.ErrSMTPAuth):
		return T("outbox.err_auth"), true
	case errors.Is(err, outbox.ErrSMTPNoSTARTTLS):
		return T("outbox.err_no_starttls"), true
	case errors.Is(err, outbox.ErrRejected):
		return T("outbox.err_rejected", map[string]any{"Detail": err.Error()}), true
	case errors.Is(err, outbox.ErrSMTPUnreachable):
		return T("outbox.err_unreachable"), true
	}
	return "", false
}

// vcardErrorText is the sentence for a vCard file Loge cannot read; ok is false for other errors.
func vcardErrorText(err error) (string, bool) {
	line, detail := 0, ""
	var le *vcard.LineError
	if errors.As(err, &le) {
		line, detail = le.Line, le.Detail
	}
	args := map[string]any{"Line": line, "Charset": detail}
	switch {
	case errors.Is(err, vcard.ErrNoEnd):
		return T("vcard.err.no_end"), true
	case errors.Is(err, vcard.ErrBadLine):
		return T("vcard.err.bad_line", args), true
	case errors.Is(err, vcard.ErrEncoding):
		return T("vcard.err.encoding", args), true
	case errors.Is(err, vcard.ErrCharset):
		return T("vcard.err.charset", args), true
	case errors.Is(err, vcard.ErrNotVCard):
		return T("vcard.err.not_vcard"), true
	case errors.Is(err, vcard.ErrNoCards):
		return T("vcard.err.no_cards"), true
	case errors.Is(err, vcard.ErrVersion):
		return T("vcard.err.version"), true
	}
	return "", false
}
