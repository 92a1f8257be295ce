#include "connector/qr/qr_png.h"

#include <gtest/gtest.h>
#include <png.h>
#include <qrencode.h>

#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "base/coded_error.h"

namespace nmshd::connector {
namespace {

struct Decoded {
  std::uint32_t width = 0;
  std::uint32_t height = 0;
  std::vector<std::uint8_t> gray;  // 8 bits per pixel
};

Decoded ReadPng(const std::string& bytes) {
  png_image image;
  std::memset(&image, 0, sizeof image);
  image.version = PNG_IMAGE_VERSION;
  if (!png_image_begin_read_from_memory(&image, bytes.data(), bytes.size())) {
    ADD_FAILURE() << "libpng: " << image.message;
    return {};
  }
  image.format = PNG_FORMAT_GRAY;
  Decoded out;
  out.width = image.width;
  out.height = image.height;
  out.gray.resize(PNG_IMAGE_SIZE(image));
  if (!png_image_finish_read(&image, nullptr, out.gray.data(), 0, nullptr)) {
    ADD_FAILURE() << "libpng: " << image.message;
  }
  return out;
}

struct QrFree {
  void operator()(QRcode* c) const { QRcode_free(c); }
};

std::unique_ptr<QRcode, QrFree> Reference(const std::string& text) {
  return std::unique_ptr<QRcode, QrFree>(QRcode_encodeData(
      static_cast<int>(text.size()), reinterpret_cast<const unsigned char*>(text.data()), 0, QR_ECLEVEL_M));
}

void ExpectRendersMatrix(const std::string& text, QrPngOptions options) {
  auto png = QrPng(text, options);
  ASSERT_GE(png.size(), 33u);
  EXPECT_EQ(png.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
  EXPECT_EQ(png.substr(12, 4), "IHDR");

  auto reference = Reference(text);
  ASSERT_TRUE(reference);
  const int modules = reference->width;
  EXPECT_EQ(modules, 17 + 4 * reference->version);
  const auto expectedSize = static_cast<std::uint32_t>((modules + 2 * options.margin) * options.scale);

  auto image = ReadPng(png);
  ASSERT_EQ(image.width, expectedSize);
  ASSERT_EQ(image.height, expectedSize);

  // Every pixel: black inside dark modules, white elsewhere (quiet zone included).
  std::size_t mismatches = 0;
  for (std::uint32_t y = 0; y < image.height; ++y) {
    for (std::uint32_t x = 0; x < image.width; ++x) {
      const int mx = static_cast<int>(x) / options.scale - options.margin;
      const int my = static_cast<int>(y) / options.scale - options.margin;
      const bool inside = mx >= 0 && my >= 0 && mx < modules && my < modules;
      const bool dark = inside && (reference->data[my * modules + mx] & 1) != 0;
      const std::uint8_t pixel = image.gray[y * image.width + x];
      if (pixel != (dark ? 0 : 255)) ++mismatches;
    }
  }
  EXPECT_EQ(mismatches, 0u) << text;
}

TEST(QrPng, RendersLibqrencodesMatrixWithNpmDefaults) {
  // A token reference URL as the Connector encodes them.
  ExpectRendersMatrix("http://localhost:8090/r/TOKabcdefghij0123456789#c2VjcmV0S2V5UGFydA", QrPngOptions{});
}

TEST(QrPng, OtherScaleAndMargin) {
  ExpectRendersMatrix("hello", QrPngOptions{7, 1});
  ExpectRendersMatrix("no quiet zone", QrPngOptions{1, 0});
}

TEST(QrPng, DefaultsAreScale4Margin4) {
  auto reference = Reference("x");
  ASSERT_TRUE(reference);
  auto image = ReadPng(QrPng("x"));
  EXPECT_EQ(image.width, static_cast<std::uint32_t>((reference->width + 8) * 4));
  // Version 1 (21 modules) for one byte at level M.
  EXPECT_EQ(reference->width, 21);
}

TEST(QrPng, LongerTextGivesALargerVersion) {
  std::string longText(500, 'a');
  auto small = ReadPng(QrPng("short"));
  auto large = ReadPng(QrPng(longText));
  EXPECT_GT(large.width, small.width);
  ExpectRendersMatrix(longText, QrPngOptions{});
}

TEST(QrPng, BinarySafe) {
  ExpectRendersMatrix(std::string("a\0b", 3), QrPngOptions{});
}

TEST(QrPng, TooLongTextIsACodedError) {
  try {
    (void)QrPng(std::string(3000, 'x'));
    FAIL() << "expected CodedError";
  } catch (const CodedError& e) {
    EXPECT_EQ(e.code(), "error.connector.qrCode.dataTooLong");
  }
}

}  // namespace
}  // namespace nmshd::connector
