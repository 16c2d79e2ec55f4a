package docs

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	_ "image/gif" // the picture kinds a guest's mail carries
	_ "image/jpeg"
	_ "image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// Previews of attachments inside Loge: a picture is decoded, a PDF's first page is drawn by
// pdftoppm (poppler-utils) when the computer has it. Nothing else is previewed: the window offers
// Save or Open for the rest.

var (
	// ErrNoPreview is a kind of file Loge does not preview (only pictures and PDFs).
	ErrNoPreview = errors.New("no preview for this kind of file")
	// ErrNoPDFRenderer is a PDF on a computer without pdftoppm (poppler-utils).
	ErrNoPDFRenderer = errors.New("pdftoppm is not installed")
	// ErrUndecodable is an attachment whose bytes do not make the picture or PDF it claims to be.
	ErrUndecodable = errors.New("the attachment cannot be decoded")
)

// previewMaxPixels bounds a picture Loge decodes: a 20-byte GIF can claim a million-by-million
// canvas, and decoding it would take the whole memory of the desk's computer.
const previewMaxPixels = 60_000_000

// pdfTimeout bounds pdftoppm on one page: a hostile PDF must not keep a process running.
const pdfTimeout = 20 * time.Second

// PreviewKind is "image", "pdf" or "" (no preview), from the attachment's type and name.
func PreviewKind(contentType, name string) string {
	ct := strings.ToLower(strings.TrimSpace(strings.Split(contentType, ";")[0]))
	ext := strings.ToLower(filepath.Ext(name))
	switch {
	case ct == "image/png" || ct == "image/jpeg" || ct == "image/jpg" || ct == "image/pjpeg" || ct == "image/gif":
		return "image"
	case ct == "application/pdf" || ct == "application/x-pdf":
		return "pdf"
	case ct == "application/octet-stream" || ct == "":
		switch ext {
		case ".png", ".jpg", ".jpeg", ".gif":
			return "image"
		case ".pdf":
			return "pdf"
		}
	}
	return ""
}

// Preview decodes an attachment's bytes into a picture to show: the picture itself, or a PDF's
// first page. ErrNoPreview for another kind, ErrNoPDFRenderer for a PDF without pdftoppm, an
// error wrapping ErrUndecodable for bytes that are not what they claim.
func Preview(ctx context.Context, contentType, name string, b []byte) (image.Image, error) {
	switch PreviewKind(contentType, name) {
	case "image":
		return decodePicture(b)
	case "pdf":
		return pdfFirstPage(ctx, b)
	}
	return nil, ErrNoPreview
}

func decodePicture(b []byte) (image.Image, error) {
	cfg, _, err := image.DecodeConfig(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrUndecodable, err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || int64(cfg.Width)*int64(cfg.Height) > previewMaxPixels {
		return nil, fmt.Errorf("%w: %d×%d pixels", ErrUndecodable, cfg.Width, cfg.Height)
	}
	img, _, err := image.Decode(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrUndecodable, err)
	}
	return img, nil
}

// pdfFirstPage runs pdftoppm on a copy of the PDF in a temporary folder only this user reads,
// directly (never through a shell), under a timeout, and decodes the page it draws.
func pdfFirstPage(ctx context.Context, b []byte) (image.Image, error) {
	bin, err := exec.LookPath("pdftoppm")
	if err != nil {
		return nil, ErrNoPDFRenderer
	}
	if !bytes.HasPrefix(bytes.TrimLeft(b, "\x00\t\r\n "), []byte("%PDF")) && !bytes.Contains(b[:min(len(b), 1024)], []byte("%PDF")) {
		return nil, fmt.Errorf("%w: no PDF header", ErrUndecodable)
	}
	dir, err := os.MkdirTemp("", "loge-preview-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	in := filepath.Join(dir, "in.pdf")
	if err := os.WriteFile(in, b, 0o600); err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, pdfTimeout)
	defer cancel()
	out := filepath.Join(dir, "page")
	cmd := exec.CommandContext(ctx, bin, "-png", "-f", "1", "-l", "1", "-r", "100", "-scale-to", "1600", "-singlefile", in, out)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("%w: pdftoppm took longer than %s", ErrUndecodable, pdfTimeout)
		}
		return nil, fmt.Errorf("%w: pdftoppm: %v %s", ErrUndecodable, err, strings.TrimSpace(lastLine(stderr.String())))
	}
	page, err := os.ReadFile(out + ".png")
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrUndecodable, err)
	}
	return decodePicture(page)
}

func lastLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.LastIndexByte(s, '\n'); i >= 0 {
		return s[i+1:]
	}
	return s
}
