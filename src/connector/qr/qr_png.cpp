#include "connector/qr/qr_png.h"

#include <png.h>
#include <qrencode.h>

#include <cerrno>
#include <csetjmp>
#include <memory>
#include <stdexcept>
#include <vector>

#include "base/coded_error.h"

namespace nmshd::connector {
namespace {

struct QrCodeDeleter {
  void operator()(QRcode* code) const { QRcode_free(code); }
};

void AppendToString(png_structp png, png_bytep data, png_size_t length) {
  static_cast<std::string*>(png_get_io_ptr(png))->append(reinterpret_cast<const char*>(data), length);
}

void NoFlush(png_structp) {}

// libpng reports errors by longjmp; this frame holds only trivially destructible locals so that the
// jump skips no destructor. Returns false on a libpng error.
bool WritePng(std::string* out, png_uint_32 size, png_bytep* rows) {
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
  if (png == nullptr) return false;
  png_infop info = png_create_info_struct(png);
  if (info == nullptr || setjmp(png_jmpbuf(png))) {
    png_destroy_write_struct(&png, &info);
    return false;
  }
  png_set_write_fn(png, out, AppendToString, NoFlush);
  png_set_IHDR(png, info, size, size, 1, PNG_COLOR_TYPE_GRAY, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
               PNG_FILTER_TYPE_DEFAULT);
  png_write_info(png, info);
  png_write_image(png, rows);
  png_write_end(png, nullptr);
  png_destroy_write_struct(&png, &info);
  return true;
}

}  // namespace

std::string QrPng(std::string_view text, QrPngOptions options) {
  if (options.scale < 1 || options.margin < 0) throw std::invalid_argument("QrPng: scale >= 1, margin >= 0");
  errno = 0;
  std::unique_ptr<QRcode, QrCodeDeleter> code(QRcode_encodeData(
      static_cast<int>(text.size()), reinterpret_cast<const unsigned char*>(text.data()), 0, QR_ECLEVEL_M));
  if (!code) {
    if (errno == ERANGE) {
      throw CodedError("error.connector.qrCode.dataTooLong",
                       "the text of " + std::to_string(text.size()) + " bytes does not fit into a QR code");
    }
    throw std::runtime_error("QR encoding failed");
  }

  const int modules = code->width;
  const int pixels = (modules + 2 * options.margin) * options.scale;
  const std::size_t rowBytes = (static_cast<std::size_t>(pixels) + 7) / 8;
  // 1-bit gray: 1 = white. Start all white and clear the dark modules' bits.
  std::vector<png_byte> image(rowBytes * static_cast<std::size_t>(pixels), 0xff);
  for (int my = 0; my < modules; ++my) {
    for (int mx = 0; mx < modules; ++mx) {
      if ((code->data[my * modules + mx] & 1) == 0) continue;  // bit 0 = dark module
      for (int dy = 0; dy < options.scale; ++dy) {
        const std::size_t y = static_cast<std::size_t>((my + options.margin) * options.scale + dy);
        for (int dx = 0; dx < options.scale; ++dx) {
          const std::size_t x = static_cast<std::size_t>((mx + options.margin) * options.scale + dx);
          image[y * rowBytes + x / 8] &= static_cast<png_byte>(~(0x80u >> (x % 8)));
        }
      }
    }
  }
  std::vector<png_bytep> rows(static_cast<std::size_t>(pixels));
  for (std::size_t y = 0; y < rows.size(); ++y) rows[y] = image.data() + y * rowBytes;

  std::string png;
  if (!WritePng(&png, static_cast<png_uint_32>(pixels), rows.data())) throw std::runtime_error("PNG encoding failed");
  return png;
}

}  // namespace nmshd::connector
