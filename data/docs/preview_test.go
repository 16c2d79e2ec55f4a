package docs

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/gif"
	"image/png"
	"os/exec"
	"testing"
)

// onePagePDF is the smallest PDF a viewer draws: one blank page, 200×100 points.
const onePagePDF = "%PDF-1.4\n1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj\n2 0 obj <</Type/Pages/Kids[3 0 R]/Count 1>> endobj\n" +
	"3 0 obj <</Type/Page/Parent 2 0 R/MediaBox[0 0 200 100]>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n"

func TestPreviewPictures(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 30, 20))
	img.Set(3, 4, color.RGBA{R: 200, A: 255})
	var p, g bytes.Buffer
	if err := png.Encode(&p, img); err != nil {
		t.Fatal(err)
	}
	if err := gif.Encode(&g, img, nil); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		ct, name string
		b        []byte
	}{{"image/png", "passeport.png", p.Bytes()}, {"image/gif", "x.gif", g.Bytes()}, {"application/octet-stream", "scan.PNG", p.Bytes()}} {
		got, err := Preview(context.Background(), c.ct, c.name, c.b)
		if err != nil || got.Bounds().Dx() != 30 || got.Bounds().Dy() != 20 {
			t.Fatalf("%s: %v %v", c.name, got, err)
		}
	}
	// A picture that is not one, or one that claims a canvas no desk can hold.
	if _, err := Preview(context.Background(), "image/jpeg", "photo.jpg", []byte("not a jpeg at all")); !errors.Is(err, ErrUndecodable) {
		t.Fatalf("broken jpeg: %v", err)
	}
	huge := append([]byte{}, p.Bytes()...)
	huge[16], huge[17], huge[18], huge[19] = 0, 0x01, 0, 0 // IHDR width 65536
	huge[20], huge[21], huge[22], huge[23] = 0, 0x01, 0, 0 // and height
	binary.BigEndian.PutUint32(huge[29:33], crc32.ChecksumIEEE(huge[12:29]))
	if cfg, err := png.DecodeConfig(bytes.NewReader(huge)); err != nil || cfg.Width != 65536 {
		t.Fatalf("the bomb is not a valid header: %v %v", cfg, err)
	}
	if _, err := Preview(context.Background(), "image/png", "bomb.png", huge); !errors.Is(err, ErrUndecodable) {
		t.Fatalf("65536×65536 png: %v", err)
	}
	if _, err := Preview(context.Background(), "application/x-msdownload", "setup.exe", p.Bytes()); !errors.Is(err, ErrNoPreview) {
		t.Fatalf("a program: %v", err)
	}
}

func TestPreviewPDFFirstPage(t *testing.T) {
	if _, err := exec.LookPath("pdftoppm"); err != nil {
		t.Skip("pdftoppm (poppler-utils) is not installed")
	}
	img, err := Preview(context.Background(), "application/pdf", "vol.pdf", []byte(onePagePDF))
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() <= b.Dy() { // the page is landscape, 2:1
		t.Fatalf("page drawn %v", b)
	}
	if _, err := Preview(context.Background(), "application/pdf", "vol.pdf", []byte("%PDF-1.4 and then nothing")); !errors.Is(err, ErrUndecodable) {
		t.Fatalf("broken pdf: %v", err)
	}
	if _, err := Preview(context.Background(), "application/pdf", "vol.pdf", []byte("MZ\x90\x00 a program named .pdf")); !errors.Is(err, ErrUndecodable) {
		t.Fatalf("not a pdf: %v", err)
	}
}

func TestPreviewPDFWithoutPdftoppm(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	if _, err := Preview(context.Background(), "application/pdf", "vol.pdf", []byte(onePagePDF)); !errors.Is(err, ErrNoPDFRenderer) {
		t.Fatalf("without pdftoppm: %v", err)
	}
}
