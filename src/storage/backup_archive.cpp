#include "storage/backup_archive.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <random>
#include <vector>

#include "base/base64.h"
#include "base/coded_error.h"
#include "base/js_json.h"

namespace nmshd::storage {
namespace {

namespace fs = std::filesystem;
namespace js = boost::json;

constexpr std::string_view kMagic = "NMSHDBAK";
constexpr std::string_view kFormatName = "nmshd-backup";
constexpr std::int64_t kFormatVersion = 1;
constexpr std::string_view kKdfAlgorithm = "argon2id13";
constexpr std::size_t kChunk = 64 * 1024;
constexpr std::size_t kMaxFrame = kChunk + crypto_secretstream_xchacha20poly1305_ABYTES;
constexpr std::uint32_t kMaxHeaderBytes = 1024 * 1024;
constexpr std::uint64_t kMaxField = 1024ull * 1024 * 1024;
constexpr std::size_t kSaltBytes = crypto_pwhash_SALTBYTES;
constexpr std::size_t kKeyBytes = crypto_secretstream_xchacha20poly1305_KEYBYTES;
// Limits accepted from a file, so a crafted header cannot demand unbounded memory or time.
constexpr unsigned long long kMaxOpsLimit = 20;
constexpr std::size_t kMaxMemLimit = 1024u * 1024u * 1024u;

void InitSodium() {
  static const bool ok = sodium_init() >= 0;
  if (!ok) throw CodedError("error.backup.io", "libsodium cannot be initialised");
}

void AppendU32(std::string& out, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

void AppendU64(std::string& out, std::uint64_t v) {
  for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

void AppendField(std::string& out, std::string_view field) {
  if (field.size() > kMaxField) throw CodedError("error.backup.io", "a record field is larger than 1 GiB");
  AppendU32(out, static_cast<std::uint32_t>(field.size()));
  out.append(field);
}

std::uint64_t ReadLe(const unsigned char* p, int bytes) {
  std::uint64_t v = 0;
  for (int i = bytes - 1; i >= 0; --i) v = (v << 8) | p[i];
  return v;
}

using Key = std::array<unsigned char, kKeyBytes>;

Key DeriveKey(std::string_view passphrase, const std::vector<std::uint8_t>& salt, const KdfCost& cost) {
  Key key{};
  if (crypto_pwhash(key.data(), key.size(), passphrase.data(), passphrase.size(), salt.data(), cost.ops_limit,
                    cost.mem_limit, crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw CodedError("error.backup.io", "not enough memory to derive the backup key (Argon2id needs " +
                                            std::to_string(cost.mem_limit / (1024 * 1024)) + " MiB)");
  }
  return key;
}

CodedError Corrupt(const std::string& why) {
  return CodedError("error.backup.corrupt", "the backup file is damaged or was altered: " + why);
}

}  // namespace

KdfCost KdfCost::Minimal() {
  return KdfCost{crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN};
}

// ---------------------------------------------------------------------------------------------
// Writer

struct BackupWriter::Impl final : SnapshotSink {
  fs::path path;
  fs::path temp_path;
  int fd = -1;
  bool committed = false;
  crypto_secretstream_xchacha20poly1305_state state{};
  std::string pending;  // plaintext not yet framed
  std::uint64_t meta = 0;
  std::uint64_t sequences = 0;
  std::uint64_t documents = 0;
  std::uint64_t attachments = 0;

  ~Impl() override {
    sodium_memzero(&state, sizeof state);
    if (fd >= 0) ::close(fd);
    if (!committed && !temp_path.empty()) {
      std::error_code ec;
      fs::remove(temp_path, ec);
    }
  }

  void WriteRaw(const void* data, std::size_t size) {
    const auto* p = static_cast<const char*>(data);
    while (size > 0) {
      const auto n = ::write(fd, p, size);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        throw CodedError("error.backup.io", "cannot write " + temp_path.string() + ": " + std::strerror(errno));
      }
      p += n;
      size -= static_cast<std::size_t>(n);
    }
  }

  void PushFrame(std::string_view plain, unsigned char tag, std::string_view ad = {}) {
    std::vector<unsigned char> cipher(plain.size() + crypto_secretstream_xchacha20poly1305_ABYTES);
    unsigned long long length = 0;
    crypto_secretstream_xchacha20poly1305_push(
        &state, cipher.data(), &length, reinterpret_cast<const unsigned char*>(plain.data()), plain.size(),
        ad.empty() ? nullptr : reinterpret_cast<const unsigned char*>(ad.data()), ad.size(), tag);
    std::string prefix;
    AppendU32(prefix, static_cast<std::uint32_t>(length));
    WriteRaw(prefix.data(), prefix.size());
    WriteRaw(cipher.data(), static_cast<std::size_t>(length));
  }

  // Frames every full chunk of pending plaintext.
  void Flush() {
    std::size_t offset = 0;
    while (pending.size() - offset >= kChunk) {
      PushFrame(std::string_view(pending).substr(offset, kChunk), crypto_secretstream_xchacha20poly1305_TAG_MESSAGE);
      offset += kChunk;
    }
    pending.erase(0, offset);
  }

  void Meta(std::string_view key, std::string_view value) override {
    pending.push_back('M');
    AppendField(pending, key);
    AppendField(pending, value);
    ++meta;
    Flush();
  }

  void Sequence(std::string_view key, std::int64_t value) override {
    pending.push_back('S');
    AppendField(pending, key);
    AppendU64(pending, static_cast<std::uint64_t>(value));
    ++sequences;
    Flush();
  }

  void Document(std::string_view collection, std::string_view id, std::string_view json) override {
    pending.push_back('D');
    AppendField(pending, collection);
    AppendField(pending, id);
    AppendField(pending, json);
    ++documents;
    Flush();
  }
};

BackupWriter::BackupWriter(fs::path path, std::string_view passphrase, BackupHeader header, KdfCost cost)
    : impl_(std::make_unique<Impl>()) {
  InitSodium();
  if (passphrase.empty()) throw CodedError("error.backup.noPassphrase", "the backup passphrase is empty");
  auto& w = *impl_;
  w.path = std::move(path);
  std::error_code ec;
  if (fs::exists(w.path, ec)) {
    throw CodedError("error.backup.exists", "the file " + w.path.string() + " exists; a backup never overwrites");
  }
  std::random_device random;
  for (int attempt = 0; attempt < 10 && w.fd < 0; ++attempt) {
    w.temp_path = w.path;
    w.temp_path += ".tmp-" + std::to_string(random());
    w.fd = ::open(w.temp_path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  }
  if (w.fd < 0) {
    const std::string reason = std::strerror(errno);
    w.temp_path.clear();
    throw CodedError("error.backup.io", "cannot create a file next to " + w.path.string() + ": " + reason);
  }

  std::vector<std::uint8_t> salt(kSaltBytes);
  randombytes_buf(salt.data(), salt.size());
  js::object json{{"format", kFormatName},
                  {"formatVersion", kFormatVersion},
                  {"kind", header.kind},
                  {"createdAt", header.created_at},
                  {"schemaVersion", header.schema_version},
                  {"sourceDriver", header.source_driver},
                  {"labels", header.labels},
                  {"kdf",
                   {{"algorithm", kKdfAlgorithm},
                    {"opsLimit", cost.ops_limit},
                    {"memLimit", static_cast<std::uint64_t>(cost.mem_limit)},
                    {"salt", base64::EncodeUrlNoPad(std::span<const std::uint8_t>(salt))}}}};
  std::string prefix(kMagic);
  const auto text = json::Stringify(json);
  AppendU32(prefix, static_cast<std::uint32_t>(text.size()));
  prefix += text;
  w.WriteRaw(prefix.data(), prefix.size());

  auto key = DeriveKey(passphrase, salt, cost);
  std::array<unsigned char, crypto_secretstream_xchacha20poly1305_HEADERBYTES> stream_header{};
  crypto_secretstream_xchacha20poly1305_init_push(&w.state, stream_header.data(), key.data());
  sodium_memzero(key.data(), key.size());
  w.WriteRaw(stream_header.data(), stream_header.size());
  // The header frame: empty, authenticating everything before it.
  w.PushFrame({}, crypto_secretstream_xchacha20poly1305_TAG_MESSAGE, prefix);
}

BackupWriter::~BackupWriter() = default;

SnapshotSink& BackupWriter::sink() { return *impl_; }

void BackupWriter::AddAttachment(std::string_view name, std::string_view bytes) {
  auto& w = *impl_;
  w.pending.push_back('A');
  AppendField(w.pending, name);
  AppendField(w.pending, bytes);
  ++w.attachments;
  w.Flush();
}

std::uint64_t BackupWriter::Commit() {
  auto& w = *impl_;
  w.pending.push_back('E');
  AppendU64(w.pending, w.meta);
  AppendU64(w.pending, w.sequences);
  AppendU64(w.pending, w.documents);
  AppendU64(w.pending, w.attachments);
  w.Flush();
  w.PushFrame(w.pending, crypto_secretstream_xchacha20poly1305_TAG_FINAL);
  sodium_memzero(w.pending.data(), w.pending.size());
  w.pending.clear();
  if (::fsync(w.fd) != 0) {
    throw CodedError("error.backup.io", "cannot sync " + w.temp_path.string() + ": " + std::strerror(errno));
  }
  ::close(w.fd);
  w.fd = -1;
  // link() refuses an existing target, so a file that appeared meanwhile is never replaced.
  if (::link(w.temp_path.c_str(), w.path.c_str()) != 0) {
    if (errno == EEXIST) {
      throw CodedError("error.backup.exists", "the file " + w.path.string() + " exists; a backup never overwrites");
    }
    throw CodedError("error.backup.io", "cannot create " + w.path.string() + ": " + std::strerror(errno));
  }
  w.committed = true;
  std::error_code ec;
  fs::remove(w.temp_path, ec);
  const auto parent = w.path.has_parent_path() ? w.path.parent_path() : fs::path(".");
  if (const int dir = ::open(parent.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
  return static_cast<std::uint64_t>(fs::file_size(w.path));
}

// ---------------------------------------------------------------------------------------------
// Reader

struct BackupReader::Impl {
  fs::path path;
  std::ifstream in;
  BackupHeader header;
  crypto_secretstream_xchacha20poly1305_state state{};
  bool read = false;

  ~Impl() { sodium_memzero(&state, sizeof state); }

  // Exactly `size` bytes, or false at the end of the file.
  bool ReadExact(void* data, std::size_t size) {
    in.read(static_cast<char*>(data), static_cast<std::streamsize>(size));
    if (in.bad()) throw CodedError("error.backup.io", "cannot read " + path.string());
    return static_cast<std::size_t>(in.gcount()) == size;
  }

  // The next frame's plaintext and tag; nullopt at a clean end of file (before a frame).
  std::optional<std::pair<std::string, unsigned char>> PullFrame(std::string_view ad, bool first) {
    unsigned char length_bytes[4];
    in.read(reinterpret_cast<char*>(length_bytes), 4);
    if (in.gcount() == 0 && in.eof()) return std::nullopt;
    if (in.gcount() != 4) throw CodedError("error.backup.truncated", "the backup file ends inside a frame");
    const auto length = static_cast<std::size_t>(ReadLe(length_bytes, 4));
    if (length < crypto_secretstream_xchacha20poly1305_ABYTES || length > kMaxFrame) {
      if (first) throw CodedError("error.backup.notABackup", path.string() + " has no valid first frame");
      throw Corrupt("a frame has an impossible length");
    }
    std::vector<unsigned char> cipher(length);
    if (!ReadExact(cipher.data(), length)) {
      throw CodedError("error.backup.truncated", "the backup file ends inside a frame");
    }
    std::string plain(length - crypto_secretstream_xchacha20poly1305_ABYTES, '\0');
    unsigned long long plain_length = 0;
    unsigned char tag = 0;
    if (crypto_secretstream_xchacha20poly1305_pull(
            &state, reinterpret_cast<unsigned char*>(plain.data()), &plain_length, &tag, cipher.data(), cipher.size(),
            ad.empty() ? nullptr : reinterpret_cast<const unsigned char*>(ad.data()), ad.size()) != 0) {
      if (first) {
        throw CodedError("error.backup.wrongPassphrase",
                         "the passphrase does not open " + path.string() + " (wrong passphrase, or the header was altered)");
      }
      throw Corrupt("a frame does not authenticate");
    }
    plain.resize(static_cast<std::size_t>(plain_length));
    return std::make_pair(std::move(plain), tag);
  }
};

BackupReader::BackupReader(const fs::path& path, std::string_view passphrase) : impl_(std::make_unique<Impl>()) {
  InitSodium();
  auto& r = *impl_;
  r.path = path;
  r.in.open(path, std::ios::binary);
  if (!r.in) throw CodedError("error.backup.io", "cannot open " + path.string());
  std::string prefix(kMagic.size() + 4, '\0');
  if (!r.ReadExact(prefix.data(), prefix.size()) || std::string_view(prefix).substr(0, kMagic.size()) != kMagic) {
    throw CodedError("error.backup.notABackup", path.string() + " is not a backup file (no NMSHDBAK magic)");
  }
  const auto header_length =
      static_cast<std::uint32_t>(ReadLe(reinterpret_cast<const unsigned char*>(prefix.data()) + kMagic.size(), 4));
  if (header_length == 0 || header_length > kMaxHeaderBytes) {
    throw CodedError("error.backup.notABackup", path.string() + " has an unreadable header");
  }
  std::string text(header_length, '\0');
  if (!r.ReadExact(text.data(), text.size())) {
    throw CodedError("error.backup.truncated", path.string() + " ends inside its header");
  }
  prefix += text;

  boost::system::error_code ec;
  auto parsed = js::parse(text, ec);
  if (ec || !parsed.is_object()) throw CodedError("error.backup.notABackup", path.string() + " has an unreadable header");
  const auto& o = parsed.as_object();
  auto str = [&](std::string_view key) -> std::string {
    const auto* v = o.if_contains(key);
    if (v == nullptr || !v->is_string()) {
      throw CodedError("error.backup.notABackup", "the backup header lacks '" + std::string(key) + "'");
    }
    return std::string(v->as_string());
  };
  auto num = [](const js::object& obj, std::string_view key) -> std::optional<std::uint64_t> {
    const auto* v = obj.if_contains(key);
    if (v == nullptr) return std::nullopt;
    if (v->is_uint64()) return v->as_uint64();
    if (v->is_int64() && v->as_int64() >= 0) return static_cast<std::uint64_t>(v->as_int64());
    return std::nullopt;
  };
  if (str("format") != kFormatName) throw CodedError("error.backup.notABackup", path.string() + " is not a backup file");
  if (num(o, "formatVersion") != std::optional<std::uint64_t>(kFormatVersion)) {
    throw CodedError("error.backup.unsupportedFormat",
                     "the backup format version of " + path.string() + " is not supported by this program (it knows 1)");
  }
  r.header.kind = str("kind");
  r.header.created_at = str("createdAt");
  r.header.source_driver = str("sourceDriver");
  const auto schema = num(o, "schemaVersion");
  if (!schema || *schema > static_cast<std::uint64_t>(INT64_MAX)) {
    throw CodedError("error.backup.notABackup", "the backup header has no valid schemaVersion");
  }
  r.header.schema_version = static_cast<std::int64_t>(*schema);
  if (const auto* labels = o.if_contains("labels"); labels != nullptr && labels->is_object()) {
    r.header.labels = labels->as_object();
  }
  const auto* kdf = o.if_contains("kdf");
  if (kdf == nullptr || !kdf->is_object()) throw CodedError("error.backup.notABackup", "the backup header has no kdf");
  const auto& k = kdf->as_object();
  const auto* algorithm = k.if_contains("algorithm");
  const auto ops = num(k, "opsLimit");
  const auto mem = num(k, "memLimit");
  const auto* salt_text = k.if_contains("salt");
  std::vector<std::uint8_t> salt;
  if (salt_text != nullptr && salt_text->is_string()) {
    try {
      salt = base64::DecodeUrlNoPad(salt_text->as_string());
    } catch (const std::exception&) {
      salt.clear();
    }
  }
  if (algorithm == nullptr || !algorithm->is_string() || algorithm->as_string() != kKdfAlgorithm || !ops || !mem ||
      *ops < crypto_pwhash_OPSLIMIT_MIN || *ops > kMaxOpsLimit || *mem < crypto_pwhash_MEMLIMIT_MIN ||
      *mem > kMaxMemLimit || salt.size() != kSaltBytes) {
    throw CodedError("error.backup.unsupportedFormat", "the key derivation parameters of " + path.string() +
                                                           " are not supported");
  }

  std::array<unsigned char, crypto_secretstream_xchacha20poly1305_HEADERBYTES> stream_header{};
  if (!r.ReadExact(stream_header.data(), stream_header.size())) {
    throw CodedError("error.backup.truncated", path.string() + " ends before its encrypted part");
  }
  auto key = DeriveKey(passphrase, salt, KdfCost{*ops, static_cast<std::size_t>(*mem)});
  const int init = crypto_secretstream_xchacha20poly1305_init_pull(&r.state, stream_header.data(), key.data());
  sodium_memzero(key.data(), key.size());
  if (init != 0) throw Corrupt("invalid stream header");
  auto first = r.PullFrame(prefix, true);
  if (!first) throw CodedError("error.backup.truncated", path.string() + " ends before its first frame");
  if (!first->first.empty() || first->second != crypto_secretstream_xchacha20poly1305_TAG_MESSAGE) {
    throw Corrupt("unexpected first frame");
  }
}

BackupReader::~BackupReader() = default;

const BackupHeader& BackupReader::header() const { return impl_->header; }

namespace {

// Parses complete records from the front of `buffer`; what is left is an incomplete record.
class RecordParser {
 public:
  RecordParser(SnapshotSink& sink, BackupContents& contents) : sink_(sink), contents_(contents) {}

  void Feed(std::string& buffer) {
    std::size_t pos = 0;
    while (pos < buffer.size()) {
      if (ended_) throw Corrupt("records after the end record");
      const auto used = ParseOne(buffer, pos);
      if (used == 0) break;
      pos += used;
    }
    buffer.erase(0, pos);
  }

  bool ended() const { return ended_; }

 private:
  struct Cursor {
    const std::string& buffer;
    std::size_t pos;
    bool Has(std::size_t n) const { return buffer.size() - pos >= n; }
    bool U32(std::uint64_t& out) {
      if (!Has(4)) return false;
      out = ReadLe(reinterpret_cast<const unsigned char*>(buffer.data()) + pos, 4);
      pos += 4;
      return true;
    }
    bool U64(std::uint64_t& out) {
      if (!Has(8)) return false;
      out = ReadLe(reinterpret_cast<const unsigned char*>(buffer.data()) + pos, 8);
      pos += 8;
      return true;
    }
    bool Field(std::string_view& out) {
      std::uint64_t length = 0;
      if (!U32(length)) return false;
      if (length > kMaxField) throw Corrupt("a record field is too long");
      if (!Has(length)) return false;
      out = std::string_view(buffer).substr(pos, length);
      pos += length;
      return true;
    }
  };

  // The bytes used by one complete record at `start`, 0 when it is not complete yet.
  std::size_t ParseOne(const std::string& buffer, std::size_t start) {
    Cursor c{buffer, start + 1};
    std::string_view a, b, d;
    std::uint64_t n1 = 0, n2 = 0, n3 = 0, n4 = 0;
    switch (buffer[start]) {
      case 'M':
        if (!c.Field(a) || !c.Field(b)) return 0;
        sink_.Meta(a, b);
        ++contents_.meta;
        break;
      case 'S':
        if (!c.Field(a) || !c.U64(n1)) return 0;
        sink_.Sequence(a, static_cast<std::int64_t>(n1));
        ++contents_.sequences;
        break;
      case 'D':
        if (!c.Field(a) || !c.Field(b) || !c.Field(d)) return 0;
        sink_.Document(a, b, d);
        ++contents_.documents;
        ++contents_.documents_per_collection[std::string(a)];
        break;
      case 'A':
        if (!c.Field(a) || !c.Field(b)) return 0;
        contents_.attachments[std::string(a)] = std::string(b);
        ++attachments_;
        break;
      case 'E':
        if (!c.U64(n1) || !c.U64(n2) || !c.U64(n3) || !c.U64(n4)) return 0;
        if (n1 != contents_.meta || n2 != contents_.sequences || n3 != contents_.documents || n4 != attachments_) {
          throw Corrupt("the record counts do not match the end record");
        }
        ended_ = true;
        break;
      default:
        throw Corrupt("unknown record type");
    }
    return c.pos - start;
  }

  SnapshotSink& sink_;
  BackupContents& contents_;
  std::uint64_t attachments_ = 0;
  bool ended_ = false;
};

}  // namespace

BackupContents BackupReader::ReadInto(SnapshotSink& sink) {
  auto& r = *impl_;
  if (r.read) throw CodedError("error.backup.io", "the backup was already read");
  r.read = true;
  BackupContents contents;
  RecordParser parser(sink, contents);
  std::string buffer;
  for (;;) {
    auto frame = r.PullFrame({}, false);
    if (!frame) {
      throw CodedError("error.backup.truncated",
                       "the backup file " + r.path.string() + " is incomplete (it ends before its final frame)");
    }
    buffer += frame->first;
    sodium_memzero(frame->first.data(), frame->first.size());
    parser.Feed(buffer);
    if (frame->second == crypto_secretstream_xchacha20poly1305_TAG_FINAL) break;
  }
  if (!buffer.empty() || !parser.ended()) throw Corrupt("the last record is incomplete");
  char extra = 0;
  r.in.read(&extra, 1);
  if (r.in.gcount() != 0) throw Corrupt("data after the final frame");
  return contents;
}

}  // namespace nmshd::storage
