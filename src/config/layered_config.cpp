#include "config/layered_config.h"

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "base/coded_error.h"
#include "config/json_tree.h"

namespace nmshd::config {
namespace {

struct KeyedValue {
  std::vector<std::string> path;
  boost::json::value value;
  bool fromAlias = false;
  std::string name;
};

// "line 3, column 7" for a byte offset, so an operator can find the typo in the file.
std::string DescribeOffset(std::string_view text, std::size_t offset) {
  std::size_t line = 1;
  std::size_t column = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

boost::json::object ParseFileText(const std::string& text, const std::filesystem::path& path) {
  boost::json::stream_parser parser;
  boost::system::error_code ec;
  std::size_t consumed = parser.write(text.data(), text.size(), ec);
  if (!ec) {
    parser.finish(ec);
    consumed = text.size();
  }
  if (ec) {
    throw CodedError("error.config.invalidFile",
                     "config file '" + path.string() + "' is not valid JSON (" + ec.message() +
                         " at " + DescribeOffset(text, consumed) + ")");
  }
  boost::json::value value = parser.release();
  if (!value.is_object()) {
    throw CodedError("error.config.invalidFile",
                     "config file '" + path.string() + "' must contain a JSON object");
  }
  return std::move(value.get_object());
}

struct ParsedArguments {
  std::vector<KeyedValue> values;
  std::optional<std::string> configFile;
};

ParsedArguments ParseArguments(const std::vector<std::string>& args) {
  ParsedArguments parsed;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--") break;
    bool isLong = arg.rfind("--", 0) == 0;
    bool isShort = !isLong && arg.size() > 1 && arg[0] == '-';
    if (!isLong && !isShort) continue;  // positional: a subcommand, handled by the caller

    std::string body = arg.substr(isLong ? 2 : 1);
    std::optional<std::string> inlineValue;
    if (auto eq = body.find('='); eq != std::string::npos) {
      inlineValue = body.substr(eq + 1);
      body = body.substr(0, eq);
    }
    // `--key value`, yargs-style: the next argument is the value unless it is another option.
    auto takeValue = [&]() -> std::optional<std::string> {
      if (inlineValue) return inlineValue;
      if (i + 1 < args.size() && !(args[i + 1].size() > 1 && args[i + 1][0] == '-')) {
        return args[++i];
      }
      return std::nullopt;
    };

    if ((isShort && body == "c") || (isLong && body == "config")) {
      auto value = takeValue();
      if (!value || value->empty()) {
        throw CodedError("error.config.invalidArgument", "argument '" + arg + "' needs a file path");
      }
      parsed.configFile = *value;
      continue;
    }
    if (isShort) {
      throw CodedError("error.config.invalidArgument",
                       "unknown option '" + arg + "' (configuration keys are given as --a:b:c=value)");
    }
    auto path = SplitKeyPath(body);
    if (path.empty()) {
      throw CodedError("error.config.invalidArgument", "argument '" + arg + "' names no key");
    }
    auto value = takeValue();
    parsed.values.push_back(KeyedValue{std::move(path),
                                       value ? ParseValueLikeNconf(*value) : boost::json::value(true),
                                       false, body});
  }
  return parsed;
}

std::vector<KeyedValue> ParseEnvironment(const LayerSchema& schema,
                                         const std::map<std::string, std::string>& environment) {
  std::set<std::string> known(schema.extraTopLevelKeys.begin(), schema.extraTopLevelKeys.end());
  for (const auto& kv : schema.defaults) known.insert(std::string(kv.key()));

  std::vector<KeyedValue> values;
  for (const auto& [name, raw] : environment) {
    std::vector<std::string> path;
    bool alias = false;
    if (auto it = schema.environmentAliases.find(name); it != schema.environmentAliases.end()) {
      path = SplitKeyPath(it->second);
      alias = true;
    } else {
      path = SplitKeyPath(name);
      if (path.empty() || known.count(path.front()) == 0) continue;
    }
    values.push_back(KeyedValue{std::move(path), ParseValueLikeNconf(raw), alias, name});
  }
  // Whole objects first, then deeper keys into them; an explicit key beats its alias
  // (`database__dbName` over DATABASE_NAME). The environment has no order of its own.
  std::stable_sort(values.begin(), values.end(), [](const KeyedValue& a, const KeyedValue& b) {
    if (a.path.size() != b.path.size()) return a.path.size() < b.path.size();
    if (a.fromAlias != b.fromAlias) return a.fromAlias;
    return a.name < b.name;
  });
  return values;
}

boost::json::object ToObject(const std::vector<KeyedValue>& values) {
  boost::json::object layer;
  for (const auto& v : values) {
    // Setting over an existing object merges, so `database='{"driver":"x"}'` plus
    // `database__dbName=y` keeps both.
    const boost::json::value* existing = FindAtPath(layer, v.path);
    if (existing != nullptr && existing->is_object() && v.value.is_object()) {
      boost::json::object merged = existing->get_object();
      DeepMerge(merged, v.value.get_object());
      SetAtPath(layer, v.path, std::move(merged));
    } else {
      SetAtPath(layer, v.path, v.value);
    }
  }
  return layer;
}

}  // namespace

boost::json::object ReadConfigFile(const std::filesystem::path& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    // A common Docker mistake: mounting a non-existent host file creates a directory.
    throw CodedError("error.config.invalidFile",
                     "config file '" + path.string() + "' is a directory, not a file");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw CodedError("error.config.invalidFile", "config file '" + path.string() + "' cannot be read");
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return ParseFileText(buffer.str(), path);
}

LayeredConfig BuildLayeredConfig(const LayerSchema& schema, const ConfigSources& sources) {
  ParsedArguments arguments = ParseArguments(sources.args);

  std::optional<std::string> explicitFile = arguments.configFile;
  if (!explicitFile) {
    if (auto it = sources.environment.find(kConfigLocationVariable);
        it != sources.environment.end() && !it->second.empty()) {
      explicitFile = it->second;
    }
  }

  LayeredConfig result;
  result.merged = schema.defaults;

  std::filesystem::path filePath =
      explicitFile ? std::filesystem::path(*explicitFile) : std::filesystem::path("config.json");
  if (filePath.is_relative()) filePath = sources.workingDirectory / filePath;
  std::error_code ec;
  bool exists = std::filesystem::exists(filePath, ec);
  if (!exists && explicitFile) {
    throw CodedError("error.config.fileNotFound",
                     "config file '" + filePath.string() + "' does not exist (named by " +
                         (arguments.configFile ? "--config" : kConfigLocationVariable) + ")");
  }
  if (exists) {
    DeepMerge(result.merged, ReadConfigFile(filePath));
    result.file = filePath;
  }

  DeepMerge(result.merged, ToObject(ParseEnvironment(schema, sources.environment)));
  DeepMerge(result.merged, ToObject(arguments.values));
  return result;
}

}  // namespace nmshd::config
