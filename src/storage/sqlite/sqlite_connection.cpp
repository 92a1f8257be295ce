#include "storage/sqlite/sqlite_connection.h"

#include "base/coded_error.h"
#include "storage/regex_matcher.h"
#include "storage/sqlite/sqlite_wal_write_batching.h"

namespace nmshd::storage::sqlite {
namespace {

// The compiled pattern is cached as SQLite auxiliary data on the pattern argument, so a query
// compiles its regex once, not once per row.
struct CachedRegex {
  std::string pattern;
  bool case_insensitive;
  RegexMatcher matcher;
};

void RegexpFunction(sqlite3_context* ctx, int /*argc*/, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[2]) != SQLITE_TEXT || sqlite3_value_type(argv[0]) != SQLITE_TEXT) {
    sqlite3_result_int(ctx, 0);
    return;
  }
  try {
    const bool ci = sqlite3_value_int(argv[1]) != 0;
    auto* cached = static_cast<CachedRegex*>(sqlite3_get_auxdata(ctx, 0));
    if (cached == nullptr || cached->case_insensitive != ci) {
      const std::string pattern(reinterpret_cast<const char*>(sqlite3_value_text(argv[0])),
                                static_cast<std::size_t>(sqlite3_value_bytes(argv[0])));
      auto fresh = std::make_unique<CachedRegex>(CachedRegex{pattern, ci, RegexMatcher(pattern, ci)});
      cached = fresh.get();
      sqlite3_set_auxdata(ctx, 0, fresh.release(), [](void* p) { delete static_cast<CachedRegex*>(p); });
      // set_auxdata may destroy the object immediately when it cannot keep it; fetch it back.
      cached = static_cast<CachedRegex*>(sqlite3_get_auxdata(ctx, 0));
      if (cached == nullptr) {
        RegexMatcher once(pattern, ci);
        const std::string_view text(reinterpret_cast<const char*>(sqlite3_value_text(argv[2])),
                                    static_cast<std::size_t>(sqlite3_value_bytes(argv[2])));
        sqlite3_result_int(ctx, once.Search(text) ? 1 : 0);
        return;
      }
    }
    const std::string_view text(reinterpret_cast<const char*>(sqlite3_value_text(argv[2])),
                                static_cast<std::size_t>(sqlite3_value_bytes(argv[2])));
    sqlite3_result_int(ctx, cached->matcher.Search(text) ? 1 : 0);
  } catch (const CodedError& e) {
    // The code travels in the message; Connection::Fail turns it back into the CodedError.
    const std::string message = e.code() + ": " + e.what();
    sqlite3_result_error(ctx, message.c_str(), static_cast<int>(message.size()));
  } catch (const std::exception& e) {
    sqlite3_result_error(ctx, e.what(), -1);
  }
}

}  // namespace

Statement::~Statement() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

void Statement::Bind(int index, std::string_view text) {
  const int rc = sqlite3_bind_text64(stmt_, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  if (rc != SQLITE_OK) connection_->Fail(rc, "bind");
}

void Statement::Bind(int index, std::int64_t number) {
  const int rc = sqlite3_bind_int64(stmt_, index, number);
  if (rc != SQLITE_OK) connection_->Fail(rc, "bind");
}

void Statement::Bind(int index, const boost::json::value& value) {
  int rc = SQLITE_OK;
  if (value.is_string()) {
    Bind(index, std::string_view(value.get_string()));
    return;
  }
  if (value.is_int64()) {
    rc = sqlite3_bind_int64(stmt_, index, value.get_int64());
  } else if (value.is_uint64() && value.get_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) {
    rc = sqlite3_bind_int64(stmt_, index, static_cast<std::int64_t>(value.get_uint64()));
  } else if (value.is_number()) {
    rc = sqlite3_bind_double(stmt_, index, value.to_number<double>());
  } else if (value.is_bool()) {
    rc = sqlite3_bind_int(stmt_, index, value.get_bool() ? 1 : 0);
  } else {
    rc = sqlite3_bind_null(stmt_, index);
  }
  if (rc != SQLITE_OK) connection_->Fail(rc, "bind");
}

void Statement::BindAll(const std::vector<boost::json::value>& values) {
  for (std::size_t i = 0; i < values.size(); ++i) Bind(static_cast<int>(i + 1), values[i]);
}

bool Statement::Step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  connection_->Fail(rc, "step");
}

std::string Statement::ColumnText(int column) const {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
  if (text == nullptr) return {};
  return std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
}

std::int64_t Statement::ColumnInt(int column) const { return sqlite3_column_int64(stmt_, column); }

Connection::Connection(const std::string& path, std::chrono::milliseconds busy_timeout, CommitSync sync,
                       std::uint64_t mmap_bytes) {
  const bool by_group_commit = sync == CommitSync::kByGroupCommit;
  const int rc = sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                                 by_group_commit ? WalWriteBatchingVfs() : nullptr);
  if (rc != SQLITE_OK) {
    const std::string reason = db_ != nullptr ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    sqlite3_close_v2(db_);
    db_ = nullptr;
    throw CodedError("error.storage.backend", "cannot open SQLite database '" + path + "': " + reason);
  }
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, static_cast<int>(busy_timeout.count()));
  try {
    // WAL lets readers run beside the writer; FULL syncs the WAL on every commit so a committed
    // transaction survives power loss. With the group commit, the COMMIT's sync only writes out the
    // frames the VFS collected, and the group commit flushes before acknowledging (SyncLog());
    // checkpoint_fullfsync marks every other sync of the log as one that must flush
    // (sqlite_wal_write_batching.h).
    {
      auto mode = Prepare("PRAGMA journal_mode=WAL");
      if (!mode.Step() || mode.ColumnText(0) != "wal") {
        throw CodedError("error.storage.backend", "SQLite database '" + path + "' cannot use WAL journal mode");
      }
    }
    Exec("PRAGMA synchronous=FULL");
    if (by_group_commit) Exec("PRAGMA checkpoint_fullfsync=ON");
    if (mmap_bytes > 0) Exec("PRAGMA mmap_size=" + std::to_string(mmap_bytes));
    sqlite3_wal_autocheckpoint(db_, kWalCheckpointPages);
    const int frc = sqlite3_create_function_v2(db_, "nmshd_regexp", 3, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nullptr,
                                               &RegexpFunction, nullptr, nullptr, nullptr);
    if (frc != SQLITE_OK) Fail(frc, "register nmshd_regexp");
  } catch (...) {
    for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
    sqlite3_close_v2(db_);
    throw;
  }
}

Connection::~Connection() {
  for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
  sqlite3_close_v2(db_);
}

void Connection::Exec(const std::string& sql) {
  char* error = nullptr;
  const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error);
  sqlite3_free(error);
  if (rc != SQLITE_OK) Fail(rc, "exec");
}

void Connection::ExecCached(const std::string& sql) {
  auto stmt = Prepare(sql);
  while (stmt.Step()) {
  }
}

Statement Connection::Prepare(const std::string& sql) {
  auto it = cache_.find(sql);
  if (it != cache_.end()) return Statement(*this, it->second);
  sqlite3_stmt* stmt = nullptr;
  const int rc =
      sqlite3_prepare_v3(db_, sql.c_str(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) Fail(rc, "prepare");
  // Filters produce many distinct statements; keep the cache bounded.
  if (cache_.size() >= 256) {
    for (auto& [cached_sql, cached] : cache_) sqlite3_finalize(cached);
    cache_.clear();
  }
  cache_.emplace(sql, stmt);
  return Statement(*this, stmt);
}

void Connection::SyncLog() {
  sqlite3_file* log = nullptr;
  const int rc = sqlite3_file_control(db_, "main", SQLITE_FCNTL_JOURNAL_POINTER, &log);
  if (rc != SQLITE_OK) Fail(rc, "find the write-ahead log");
  if (log == nullptr || log->pMethods == nullptr) {
    throw CodedError("error.storage.backend", "the SQLite write-ahead log is not open on this connection");
  }
  // FULL: the write-batching VFS flushes only for FULL (a COMMIT's own sync is NORMAL).
  const int src = log->pMethods->xSync(log, SQLITE_SYNC_FULL);
  if (src != SQLITE_OK) {
    throw CodedError("error.storage.backend",
                     std::string("flushing the SQLite write-ahead log failed: ") + sqlite3_errstr(src));
  }
}

std::int64_t Connection::Changes() const { return sqlite3_changes64(db_); }

void Connection::Fail(int rc, std::string_view context) const {
  const std::string message = sqlite3_errmsg(db_);
  const int extended = sqlite3_extended_errcode(db_);
  const int code = extended != 0 ? extended : rc;
  if (code == SQLITE_CONSTRAINT_PRIMARYKEY ||
      (code == SQLITE_CONSTRAINT_UNIQUE && message.find("documents.collection, documents.id") != std::string::npos)) {
    throw CodedError("error.storage.duplicateId", "a document with this id already exists");
  }
  if (code == SQLITE_CONSTRAINT_UNIQUE) {
    throw CodedError("error.storage.uniqueViolation", "unique index violated: " + message);
  }
  if ((code & 0xff) == SQLITE_BUSY || (code & 0xff) == SQLITE_LOCKED) {
    throw CodedError("error.storage.busy", "SQLite database is locked: " + message);
  }
  const std::string prefix = "error.storage.";
  if (message.rfind(prefix, 0) == 0) {
    const auto colon = message.find(": ");
    if (colon != std::string::npos) throw CodedError(message.substr(0, colon), message.substr(colon + 2));
  }
  throw CodedError("error.storage.backend", "SQLite " + std::string(context) + " failed: " + message);
}

}  // namespace nmshd::storage::sqlite
