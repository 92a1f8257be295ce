#include "config/layered_config.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "base/coded_error.h"
#include "base/js_json.h"
#include "config/json_tree.h"
#include "unit/config/test_support.h"

namespace nmshd::config {
namespace {

using ::testing::HasSubstr;
using testing::TempDir;

LayerSchema Schema() {
  LayerSchema s;
  s.defaults = boost::json::parse(R"({"server":{"port":80,"host":"h"},"name":"d","list":[1]})").get_object();
  s.extraTopLevelKeys = {"extra"};
  s.environmentAliases = {{"SERVER_PORT", "server:port"}};
  return s;
}

const boost::json::value& At(const LayeredConfig& c, const char* path) {
  const auto* v = FindAtPath(c.merged, SplitKeyPath(path));
  if (v == nullptr) throw std::runtime_error(std::string("missing ") + path);
  return *v;
}

std::string ErrorCode(const std::function<void()>& f, std::string* message = nullptr) {
  try {
    f();
  } catch (const CodedError& e) {
    if (message) *message = e.what();
    return e.code();
  }
  return "no error";
}

TEST(LayeredConfig, EachLayerOverridesTheOneBelow) {
  TempDir dir;
  dir.Write("config.json", R"({"server":{"port":1000}})");
  ConfigSources s;
  s.workingDirectory = dir.path();

  EXPECT_EQ(At(BuildLayeredConfig(Schema(), ConfigSources{{}, {}, dir.path() / "empty"}), "server:port").as_int64(), 80);
  EXPECT_EQ(At(BuildLayeredConfig(Schema(), s), "server:port").as_int64(), 1000);
  s.environment["server__port"] = "2000";
  EXPECT_EQ(At(BuildLayeredConfig(Schema(), s), "server:port").as_int64(), 2000);
  s.args = {"--server:port=3000"};
  EXPECT_EQ(At(BuildLayeredConfig(Schema(), s), "server:port").as_int64(), 3000);
  // Lower layers still fill in what the upper ones do not set.
  EXPECT_EQ(At(BuildLayeredConfig(Schema(), s), "server:host").as_string(), "h");
}

TEST(LayeredConfig, ObjectsDeepMergeAcrossLayers) {
  TempDir dir;
  dir.Write("config.json", R"({"server":{"tls":{"cert":"c"}},"list":[7,8]})");
  ConfigSources s{{"--server:tls:key=k"}, {{"server", R"({"host":"envhost"})"}}, dir.path()};
  auto c = BuildLayeredConfig(Schema(), s);
  EXPECT_EQ(json::Stringify(c.merged),
            R"({"server":{"port":80,"host":"envhost","tls":{"cert":"c","key":"k"}},"name":"d","list":[7,8]})");
}

TEST(LayeredConfig, EnvironmentAcceptsDoubleUnderscoreAndColon) {
  ConfigSources s{{}, {{"server__host", "a"}, {"name", "n"}, {"extra:x:y", "1"}}, "/nonexistent-dir"};
  auto c = BuildLayeredConfig(Schema(), s);
  EXPECT_EQ(At(c, "server:host").as_string(), "a");
  EXPECT_EQ(At(c, "name").as_string(), "n");
  EXPECT_EQ(At(c, "extra:x:y").as_int64(), 1);
}

TEST(LayeredConfig, ArgumentsAcceptBothSeparatorsAndSpaceSeparatedValues) {
  ConfigSources s{{"start", "--server__host=x", "--name", "spaced", "--extra:flag", "--extra:n=5"}, {}, "/nonexistent-dir"};
  auto c = BuildLayeredConfig(Schema(), s);
  EXPECT_EQ(At(c, "server:host").as_string(), "x");
  EXPECT_EQ(At(c, "name").as_string(), "spaced");
  EXPECT_TRUE(At(c, "extra:flag").as_bool());
  EXPECT_EQ(At(c, "extra:n").as_int64(), 5);
}

TEST(LayeredConfig, ValuesAreParsedAsJsonWhenPossible) {
  ConfigSources s{{}, {{"server__port", "8080"}, {"server__host", "http://x:1/"}, {"name", "\"42\""},
                       {"list", "[1,\"a\"]"}, {"extra", "{\"on\":true}"}}, "/nonexistent-dir"};
  auto c = BuildLayeredConfig(Schema(), s);
  EXPECT_TRUE(At(c, "server:port").is_int64());
  EXPECT_EQ(At(c, "server:host").as_string(), "http://x:1/");
  EXPECT_EQ(At(c, "name").as_string(), "42");
  EXPECT_EQ(json::Stringify(At(c, "list")), R"([1,"a"])");
  EXPECT_TRUE(At(c, "extra:on").as_bool());
}

TEST(LayeredConfig, OnlyKnownTopLevelKeysAndAliasesAreTakenFromTheEnvironment) {
  ConfigSources s{{}, {{"PATH", "/usr/bin"}, {"HOME", "/root"}, {"unknown__x", "1"}, {"SERVER_PORT", "9"}},
                  "/nonexistent-dir"};
  auto c = BuildLayeredConfig(Schema(), s);
  EXPECT_EQ(c.merged.size(), 3u);  // server, name, list: nothing added
  EXPECT_EQ(c.merged.count("PATH"), 0u);
  EXPECT_EQ(c.merged.count("unknown"), 0u);
  EXPECT_EQ(At(c, "server:port").as_int64(), 9);
}

TEST(LayeredConfig, ExplicitKeyBeatsItsAliasAndDeeperKeysMergeIntoWholeObjects) {
  ConfigSources s{{}, {{"SERVER_PORT", "1"}, {"server__port", "2"}, {"server", R"({"host":"o","port":3})"}},
                  "/nonexistent-dir"};
  auto c = BuildLayeredConfig(Schema(), s);
  EXPECT_EQ(At(c, "server:port").as_int64(), 2);
  EXPECT_EQ(At(c, "server:host").as_string(), "o");
}

TEST(LayeredConfig, FileFromCustomConfigLocationAndFromDashC) {
  TempDir dir;
  auto envFile = dir.Write("env.json", R"({"name":"from-env-file"})");
  auto argFile = dir.Write("arg.json", R"({"name":"from-arg-file"})");
  dir.Write("config.json", R"({"name":"from-default-file"})");

  ConfigSources s{{}, {}, dir.path()};
  auto c = BuildLayeredConfig(Schema(), s);
  EXPECT_EQ(At(c, "name").as_string(), "from-default-file");
  EXPECT_EQ(c.file, dir.path() / "config.json");

  s.environment[kConfigLocationVariable] = envFile.string();
  c = BuildLayeredConfig(Schema(), s);
  EXPECT_EQ(At(c, "name").as_string(), "from-env-file");
  EXPECT_EQ(c.file, envFile);

  for (auto args : std::vector<std::vector<std::string>>{
           {"-c", argFile.string()}, {"--config", argFile.string()}, {"--config=" + argFile.string()},
           {"-c", "arg.json"} /* relative to the working directory */}) {
    s.args = args;
    c = BuildLayeredConfig(Schema(), s);
    EXPECT_EQ(At(c, "name").as_string(), "from-arg-file") << args[0];
  }
}

TEST(LayeredConfig, MissingDefaultFileIsIgnoredButMissingNamedFileIsAnError) {
  TempDir dir;
  ConfigSources s{{}, {}, dir.path()};
  auto c = BuildLayeredConfig(Schema(), s);
  EXPECT_FALSE(c.file.has_value());
  EXPECT_EQ(At(c, "name").as_string(), "d");

  std::string message;
  s.args = {"-c", "missing.json"};
  EXPECT_EQ(ErrorCode([&] { BuildLayeredConfig(Schema(), s); }, &message), "error.config.fileNotFound");
  EXPECT_THAT(message, HasSubstr((dir.path() / "missing.json").string()));
  EXPECT_THAT(message, HasSubstr("--config"));

  s.args.clear();
  s.environment[kConfigLocationVariable] = "/nonexistent/also-missing.json";
  EXPECT_EQ(ErrorCode([&] { BuildLayeredConfig(Schema(), s); }, &message), "error.config.fileNotFound");
  EXPECT_THAT(message, HasSubstr("/nonexistent/also-missing.json"));
  EXPECT_THAT(message, HasSubstr("CUSTOM_CONFIG_LOCATION"));
}

TEST(LayeredConfig, BrokenFilesGiveAnErrorNamingTheFile) {
  TempDir dir;
  std::string message;
  auto truncated = dir.Write("truncated.json", "{\n  \"server\": {\n    \"port\": 80,\n");
  ConfigSources s{{"-c", truncated.string()}, {}, dir.path()};
  EXPECT_EQ(ErrorCode([&] { BuildLayeredConfig(Schema(), s); }, &message), "error.config.invalidFile");
  EXPECT_THAT(message, HasSubstr(truncated.string()));
  EXPECT_THAT(message, HasSubstr("line 4"));

  auto typo = dir.Write("typo.json", "{\n  \"name\": \"x\",,\n}");
  s.args = {"-c", typo.string()};
  EXPECT_EQ(ErrorCode([&] { BuildLayeredConfig(Schema(), s); }, &message), "error.config.invalidFile");
  EXPECT_THAT(message, HasSubstr("typo.json"));
  EXPECT_THAT(message, HasSubstr("line 2"));

  auto array = dir.Write("array.json", "[1,2]");
  s.args = {"-c", array.string()};
  EXPECT_EQ(ErrorCode([&] { BuildLayeredConfig(Schema(), s); }, &message), "error.config.invalidFile");
  EXPECT_THAT(message, HasSubstr("must contain a JSON object"));

  std::filesystem::create_directory(dir.path() / "config.json");  // the Docker bind-mount mistake
  s.args.clear();
  EXPECT_EQ(ErrorCode([&] { BuildLayeredConfig(Schema(), s); }, &message), "error.config.invalidFile");
  EXPECT_THAT(message, HasSubstr("is a directory"));
}

TEST(LayeredConfig, MalformedArgumentsAreRejected) {
  ConfigSources s{{"--config"}, {}, "/nonexistent-dir"};
  EXPECT_EQ(ErrorCode([&] { BuildLayeredConfig(Schema(), s); }), "error.config.invalidArgument");
  s.args = {"-x"};
  std::string message;
  EXPECT_EQ(ErrorCode([&] { BuildLayeredConfig(Schema(), s); }, &message), "error.config.invalidArgument");
  EXPECT_THAT(message, HasSubstr("-x"));
  s.args = {"--::=1"};
  EXPECT_EQ(ErrorCode([&] { BuildLayeredConfig(Schema(), s); }), "error.config.invalidArgument");
  // Everything after "--" belongs to someone else.
  s.args = {"--", "-x", "--name=ignored"};
  EXPECT_EQ(At(BuildLayeredConfig(Schema(), s), "name").as_string(), "d");
}

TEST(ConfigSources, FromProcessReadsTheRealEnvironment) {
  testing::ScopedEnv env;
  env.Set("NMSHD_CONFIG_TEST_VAR", "value=with=equals");
  env.Unset("NMSHD_CONFIG_TEST_UNSET");
  const char* argv[] = {"prog", "--a:b=1", "start"};
  auto s = ConfigSources::FromProcess(3, argv);
  EXPECT_EQ(s.args, (std::vector<std::string>{"--a:b=1", "start"}));
  EXPECT_EQ(s.environment.at("NMSHD_CONFIG_TEST_VAR"), "value=with=equals");
  EXPECT_EQ(s.environment.count("NMSHD_CONFIG_TEST_UNSET"), 0u);
  EXPECT_EQ(s.workingDirectory, std::filesystem::current_path());
}

}  // namespace
}  // namespace nmshd::config
