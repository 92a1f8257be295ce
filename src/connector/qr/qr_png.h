#pragma once
// QR codes of reference URLs as PNG, for the `Accept: image/png` variants of the token, template and
// file routes (connector-surface.md §1.5). The official Connector uses the npm `qrcode` package with
// its defaults (error correction M, quiet zone of 4 modules, 4 pixels per module, black on white);
// these are our defaults too. The symbol itself (version, mask) may differ from npm's for the same
// text — any reader decodes both to the same text.
#include <string>
#include <string_view>

namespace nmshd::connector {

struct QrPngOptions {
  int scale = 4;   // pixels per module
  int margin = 4;  // quiet zone, in modules, on every side
};

// PNG bytes (1-bit grayscale, black modules = 0) of the text in byte mode at error correction level M,
// the smallest version that fits. Throws CodedError "error.connector.qrCode.dataTooLong" when the text
// does not fit into a version 40 symbol (2331 bytes).
std::string QrPng(std::string_view text, QrPngOptions options = {});

}  // namespace nmshd::connector
