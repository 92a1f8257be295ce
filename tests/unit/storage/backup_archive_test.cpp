// The encrypted backup file (backup_archive.h), the passphrase sources (backup_passphrase.h) and
// the verify/restore pipeline (database_backup.h) on SQLite temp files.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>

#include "base/coded_error.h"
#include "storage/backup_archive.h"
#include "storage/backup_passphrase.h"
#include "storage/database_backup.h"
#include "storage/open_database.h"

namespace nmshd::storage {
namespace {

namespace fs = std::filesystem;
namespace js = boost::json;

constexpr const char* kPassphrase = "correct horse battery staple";

std::string CodeOf(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const CodedError& e) {
    return e.code();
  }
  return "no error";
}

struct RecordingSink final : SnapshotSink {
  std::map<std::string, std::string> meta;
  std::map<std::string, std::int64_t> sequences;
  std::map<std::pair<std::string, std::string>, std::string> documents;
  void Meta(std::string_view key, std::string_view value) override { meta[std::string(key)] = std::string(value); }
  void Sequence(std::string_view key, std::int64_t value) override { sequences[std::string(key)] = value; }
  void Document(std::string_view collection, std::string_view id, std::string_view json) override {
    documents[{std::string(collection), std::string(id)}] = std::string(json);
  }
};

std::string ReadAll(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void WriteAll(const fs::path& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

class BackupArchive : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("nmshd-backup-test-" + std::to_string(std::random_device{}()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  BackupHeader Header(std::string kind = "connector", std::int64_t schema = 0) {
    BackupHeader h;
    h.kind = std::move(kind);
    h.created_at = "2026-01-02T03:04:05.678Z";
    h.schema_version = schema;
    h.source_driver = "sqlite";
    h.labels = js::object{{"identityAddress", "did:e:localhost:dids:0123456789abcdef0123"}};
    return h;
  }

  // A backup with meta, sequences, many small documents, one document larger than a frame and an
  // attachment.
  fs::path WriteSample(const std::string& name = "sample.nmshdbak", std::int64_t schema = 0) {
    const auto path = dir_ / name;
    BackupWriter writer(path, kPassphrase, Header("connector", schema), KdfCost::Minimal());
    writer.sink().Meta("schemaVersion", std::to_string(schema));
    writer.sink().Sequence("external:a", 41);
    writer.sink().Sequence("negative", -7);
    for (int i = 0; i < 300; ++i) {
      writer.sink().Document("items", "id-" + std::to_string(i), R"({"i":)" + std::to_string(i) + R"(,"t":"Grüße"})");
    }
    writer.sink().Document("big", "one", R"({"blob":")" + std::string(200 * 1024, 'b') + R"("})");
    writer.AddAttachment("masterKey", "the-key-text");
    writer.Commit();
    return path;
  }

  fs::path dir_;
};

TEST_F(BackupArchive, RoundTripGivesBackHeaderRecordsAndAttachments) {
  const auto path = WriteSample();
  BackupReader reader(path, kPassphrase);
  EXPECT_EQ(reader.header().kind, "connector");
  EXPECT_EQ(reader.header().created_at, "2026-01-02T03:04:05.678Z");
  EXPECT_EQ(reader.header().source_driver, "sqlite");
  EXPECT_EQ(reader.header().labels.at("identityAddress").as_string(), "did:e:localhost:dids:0123456789abcdef0123");
  RecordingSink sink;
  const auto contents = reader.ReadInto(sink);
  EXPECT_EQ(contents.documents, 301u);
  EXPECT_EQ(contents.documents_per_collection.at("items"), 300u);
  EXPECT_EQ(contents.sequences, 2u);
  EXPECT_EQ(sink.sequences.at("external:a"), 41);
  EXPECT_EQ(sink.sequences.at("negative"), -7);
  EXPECT_EQ(sink.meta.at("schemaVersion"), "0");
  EXPECT_EQ(sink.documents.at({"items", "id-7"}), R"({"i":7,"t":"Grüße"})");
  EXPECT_EQ(sink.documents.at({"big", "one"}).size(), 200u * 1024 + 11);
  EXPECT_EQ(contents.attachments.at("masterKey"), "the-key-text");
}

TEST_F(BackupArchive, TheFileIsEncryptedOwnerOnlyAndNeverOverwritten) {
  const auto path = WriteSample();
  const auto bytes = ReadAll(path);
  EXPECT_EQ(bytes.find("Grüße"), std::string::npos);
  EXPECT_EQ(bytes.find("the-key-text"), std::string::npos);
  EXPECT_EQ(bytes.find("external:a"), std::string::npos);
  struct stat info {};
  ASSERT_EQ(stat(path.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
  EXPECT_EQ(CodeOf([&] { BackupWriter(path, kPassphrase, Header(), KdfCost::Minimal()); }), "error.backup.exists");
  EXPECT_EQ(ReadAll(path), bytes);
  // Nothing but the backup is left in the folder (no temporary file).
  EXPECT_EQ(std::distance(fs::directory_iterator(dir_), fs::directory_iterator()), 1);
}

TEST_F(BackupArchive, AnAbandonedWriterLeavesNoFile) {
  const auto path = dir_ / "abandoned.nmshdbak";
  {
    BackupWriter writer(path, kPassphrase, Header(), KdfCost::Minimal());
    writer.sink().Document("items", "a", "{}");
  }
  EXPECT_FALSE(fs::exists(path));
  EXPECT_EQ(std::distance(fs::directory_iterator(dir_), fs::directory_iterator()), 0);
}

TEST_F(BackupArchive, AWrongPassphraseIsReportedAsSuch) {
  const auto path = WriteSample();
  EXPECT_EQ(CodeOf([&] { BackupReader(path, "another passphrase"); }), "error.backup.wrongPassphrase");
  try {
    BackupReader reader(path, "another passphrase");
  } catch (const CodedError& e) {
    EXPECT_NE(std::string(e.what()).find("passphrase"), std::string::npos) << e.what();
  }
}

TEST_F(BackupArchive, TruncatedFilesAreDetectedWhereverTheyEnd) {
  const auto path = WriteSample();
  const auto bytes = ReadAll(path);
  const auto truncated = dir_ / "truncated.nmshdbak";
  // Cut inside the header, inside the stream header, inside a frame, exactly at a frame boundary
  // (the final frame missing) and one byte short.
  const auto header_end = bytes.find("}}") + 2;  // end of the header JSON (kdf is the last member)
  const std::size_t first_frame_end = header_end + 24 + 4 + 17;
  for (std::size_t keep : {std::size_t{20}, header_end + 10, first_frame_end + 100, first_frame_end,
                           bytes.size() / 2, bytes.size() - 1}) {
    WriteAll(truncated, bytes.substr(0, keep));
    const auto code = CodeOf([&] {
      BackupReader reader(truncated, kPassphrase);
      RecordingSink sink;
      reader.ReadInto(sink);
    });
    EXPECT_TRUE(code == "error.backup.truncated" || code == "error.backup.notABackup") << "keep " << keep << ": "
                                                                                         << code;
  }
  // A clean cut after a whole frame, with the final frame missing: truncation, not corruption.
  WriteAll(truncated, bytes.substr(0, first_frame_end));
  EXPECT_EQ(CodeOf([&] {
              BackupReader reader(truncated, kPassphrase);
              RecordingSink sink;
              reader.ReadInto(sink);
            }),
            "error.backup.truncated");
}

TEST_F(BackupArchive, AnyChangedByteIsDetected) {
  const auto path = WriteSample();
  const auto bytes = ReadAll(path);
  const auto tampered = dir_ / "tampered.nmshdbak";
  auto read = [&](const std::string& content) {
    WriteAll(tampered, content);
    return CodeOf([&] {
      BackupReader reader(tampered, kPassphrase);
      RecordingSink sink;
      reader.ReadInto(sink);
    });
  };
  // In the encrypted data: corrupt.
  for (std::size_t at : {bytes.size() / 3, bytes.size() / 2, bytes.size() - 5}) {
    auto copy = bytes;
    copy[at] = static_cast<char>(copy[at] ^ 0x01);
    EXPECT_EQ(read(copy), "error.backup.corrupt") << "byte " << at;
  }
  // In the header (the schema version digit, still valid JSON): the header frame no longer opens.
  auto copy = bytes;
  const auto schema = copy.find("\"schemaVersion\":0");
  ASSERT_NE(schema, std::string::npos);
  copy[schema + 16] = '5';
  EXPECT_EQ(read(copy), "error.backup.wrongPassphrase");
  // Data appended after the final frame.
  EXPECT_EQ(read(bytes + "x"), "error.backup.corrupt");
  // Not a backup at all.
  EXPECT_EQ(read("SQLite format 3\0 and so on"), "error.backup.notABackup");
}

TEST_F(BackupArchive, KdfParametersFromTheFileAreBounded) {
  const auto path = WriteSample();
  const auto bytes = ReadAll(path);
  // Rebuild the file with a header that asks for 100 GB of Argon2 memory: refused before any work.
  const auto length = static_cast<std::size_t>(static_cast<unsigned char>(bytes[8])) |
                      static_cast<std::size_t>(static_cast<unsigned char>(bytes[9])) << 8 |
                      static_cast<std::size_t>(static_cast<unsigned char>(bytes[10])) << 16;
  auto header = js::parse(bytes.substr(12, length)).as_object();
  header["kdf"].as_object()["memLimit"] = 100000000000ull;
  const auto text = js::serialize(header);
  std::string rebuilt = bytes.substr(0, 8);
  for (int i = 0; i < 4; ++i) rebuilt.push_back(static_cast<char>((text.size() >> (8 * i)) & 0xff));
  rebuilt += text + bytes.substr(12 + length);
  const auto changed = dir_ / "kdf.nmshdbak";
  WriteAll(changed, rebuilt);
  EXPECT_EQ(CodeOf([&] { BackupReader(changed, kPassphrase); }), "error.backup.unsupportedFormat");
}

class VerifiedBackupTest : public BackupArchive {
 protected:
  std::unique_ptr<Database> OpenSqlite(const std::string& name) {
    DatabaseConfig config;
    config.driver = "sqlite";
    config.path = (dir_ / name).string();
    return OpenDatabase(config);
  }
};

TEST_F(VerifiedBackupTest, BackupVerifyRestoreOfADatabase) {
  auto source = OpenSqlite("source.db");
  source->Insert("account", "self", js::object{{"address", "did:e:x"}});
  source->Insert("messages", "MSG1", js::object{{"subject", "hello"}});
  source->NextSequenceValue("seq");
  const auto file = dir_ / "db.nmshdbak";
  BackupHeader header = Header();
  const auto summary =
      WriteDatabaseBackup(*source, file, kPassphrase, header, {{"masterKey", "k"}}, KdfCost::Minimal());
  EXPECT_EQ(summary.documents, 2u);
  EXPECT_EQ(summary.sequences, 1u);
  EXPECT_EQ(summary.bytes, fs::file_size(file));

  auto verified = VerifiedBackup::Open(file, kPassphrase, {"connector", 0}, dir_);
  EXPECT_EQ(verified->header().source_driver, "sqlite");
  EXPECT_EQ(verified->contents().documents, 2u);
  EXPECT_EQ(verified->contents().attachments.at("masterKey"), "k");
  EXPECT_EQ(verified->database().Get("messages", "MSG1")->at("subject").as_string(), "hello");

  auto target = OpenSqlite("target.db");
  verified->RestoreInto(*target, ImportMode::kIntoEmpty);
  EXPECT_EQ(target->Get("account", "self")->at("address").as_string(), "did:e:x");
  EXPECT_EQ(target->NextSequenceValue("seq"), 1);
  EXPECT_EQ(CodeOf([&] { verified->RestoreInto(*target, ImportMode::kIntoEmpty); }), "error.storage.notEmpty");
  // The temporary folder goes with the object.
  verified.reset();
  for (const auto& entry : fs::directory_iterator(dir_)) {
    EXPECT_EQ(entry.path().filename().string().rfind("nmshd-backup-", 0), std::string::npos) << entry.path();
  }
}

TEST_F(VerifiedBackupTest, ASchemaNewerThanTheProgramOrAnotherKindIsRefused) {
  auto source = OpenSqlite("source.db");
  source->Insert("items", "a", js::object{});
  source->WithTransaction([](Transaction& tx) { tx.WriteSchemaVersion(5); });
  const auto file = dir_ / "new.nmshdbak";
  WriteDatabaseBackup(*source, file, kPassphrase, Header(), {}, KdfCost::Minimal());
  EXPECT_EQ(CodeOf([&] { VerifiedBackup::Open(file, kPassphrase, {"connector", 4}, dir_); }), "error.backup.schemaTooNew");
  EXPECT_EQ(CodeOf([&] { VerifiedBackup::Open(file, kPassphrase, {"backbone", 9}, dir_); }), "error.backup.wrongKind");
  auto verified = VerifiedBackup::Open(file, kPassphrase, {"connector", 5}, dir_);
  EXPECT_EQ(verified->header().schema_version, 5);
  EXPECT_EQ(verified->database().SchemaVersion(), 5);
}

TEST_F(VerifiedBackupTest, ATruncatedBackupNeverReachesTheTarget) {
  auto source = OpenSqlite("source.db");
  for (int i = 0; i < 50; ++i) source->Insert("items", "i" + std::to_string(i), js::object{{"pad", std::string(4000, 'p')}});
  const auto file = dir_ / "cut.nmshdbak";
  WriteDatabaseBackup(*source, file, kPassphrase, Header(), {}, KdfCost::Minimal());
  const auto bytes = ReadAll(file);
  auto tampered = bytes;
  tampered[bytes.size() - 40] = static_cast<char>(tampered[bytes.size() - 40] ^ 0x40);
  WriteAll(file, tampered);
  EXPECT_EQ(CodeOf([&] { VerifiedBackup::Open(file, kPassphrase, {"connector", 0}, dir_); }), "error.backup.corrupt");
  WriteAll(file, bytes.substr(0, bytes.size() * 2 / 3));
  EXPECT_EQ(CodeOf([&] { VerifiedBackup::Open(file, kPassphrase, {"connector", 0}, dir_); }), "error.backup.truncated");
  // Nothing of it is left behind: no temporary database folder.
  for (const auto& entry : fs::directory_iterator(dir_)) {
    EXPECT_EQ(entry.path().filename().string().rfind("nmshd-backup-", 0), std::string::npos) << entry.path();
  }
}

TEST(BackupPassphrase, FromAFileOrTheEnvironmentNeverEmptyOrShort) {
  const auto dir = fs::temp_directory_path() / ("nmshd-pass-" + std::to_string(std::random_device{}()));
  fs::create_directories(dir);
  const auto file = dir / "pass";
  std::ofstream(file) << "a long enough passphrase\nsecond line ignored\n";
  ::setenv("NMSHD_TEST_BACKUP_PASSPHRASE", "from the environment!", 1);
  EXPECT_EQ(ReadBackupPassphrase(file, "NMSHD_TEST_BACKUP_PASSPHRASE"), "a long enough passphrase");
  EXPECT_EQ(ReadBackupPassphrase(std::nullopt, "NMSHD_TEST_BACKUP_PASSPHRASE"), "from the environment!");
  ::setenv("NMSHD_TEST_BACKUP_PASSPHRASE", "short", 1);
  EXPECT_EQ(CodeOf([&] { ReadBackupPassphrase(std::nullopt, "NMSHD_TEST_BACKUP_PASSPHRASE"); }),
            "error.backup.weakPassphrase");
  ::unsetenv("NMSHD_TEST_BACKUP_PASSPHRASE");
  EXPECT_EQ(CodeOf([&] { ReadBackupPassphrase(std::nullopt, "NMSHD_TEST_BACKUP_PASSPHRASE"); }),
            "error.backup.noPassphrase");
  EXPECT_EQ(CodeOf([&] { ReadBackupPassphrase(dir / "missing", "NMSHD_TEST_BACKUP_PASSPHRASE"); }),
            "error.backup.passphraseFile");
  fs::remove_all(dir);
}

}  // namespace
}  // namespace nmshd::storage
