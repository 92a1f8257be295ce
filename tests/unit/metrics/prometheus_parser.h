#pragma once
// Test helper: parses a /metrics body with the official Prometheus Python client's text parser
// (tests/scripts/parse_metrics.py on the interpreter named by NMSHD_PYTHON, which the CMake test
// definitions set to the system python3 that Debian's python3-prometheus-client serves).
#include <unistd.h>

#include <boost/json.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace nmshd::metrics::testing {

struct ParsedSample {
  std::string family;  // as the client names it: a counter's without "_total"
  std::string type;    // "counter", "gauge", "histogram", …
  std::string name;    // the sample's own name, e.g. "x_total", "x_bucket"
  std::map<std::string, std::string> labels;
  double value = 0;
};

inline std::vector<ParsedSample> ParseWithPrometheusClient(const std::string& text) {
  const char* python = std::getenv("NMSHD_PYTHON");
  const char* source = std::getenv("NMSHD_SOURCE_DIR");
  if (python == nullptr || source == nullptr || std::string(python).find("NOTFOUND") != std::string::npos) {
    throw std::runtime_error("NMSHD_PYTHON / NMSHD_SOURCE_DIR not set: run through ctest (needs /usr/bin/python3)");
  }
  const auto base = std::filesystem::temp_directory_path() /
                    ("nmshd-metrics-" + std::to_string(std::random_device{}()) + "-" + std::to_string(::getpid()));
  const auto input = base.string() + ".txt";
  const auto errors = base.string() + ".err";
  { std::ofstream(input, std::ios::binary) << text; }
  const std::string command = "'" + std::string(python) + "' '" + std::string(source) +
                              "/tests/scripts/parse_metrics.py' '" + input + "' 2>'" + errors + "'";
  std::string output;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) throw std::runtime_error("cannot run " + command);
  char buffer[4096];
  for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) output.append(buffer, n);
  const int status = ::pclose(pipe);
  std::stringstream error_text;
  error_text << std::ifstream(errors).rdbuf();
  std::filesystem::remove(input);
  std::filesystem::remove(errors);
  if (status != 0) throw std::runtime_error("the Prometheus parser refused the text: " + error_text.str());

  std::vector<ParsedSample> samples;
  const auto parsed = boost::json::parse(output);
  for (const auto& v : parsed.as_array()) {
    const auto& o = v.as_object();
    ParsedSample s;
    s.family = std::string(o.at("family").as_string());
    s.type = std::string(o.at("type").as_string());
    s.name = std::string(o.at("name").as_string());
    for (const auto& kv : o.at("labels").as_object()) s.labels[std::string(kv.key())] = std::string(kv.value().as_string());
    const auto& value = o.at("value");
    if (value.is_string()) {
      s.value = std::stod(std::string(value.as_string()));  // strtod reads +Inf, -Inf and NaN
    } else {
      s.value = value.to_number<double>();
    }
    samples.push_back(std::move(s));
  }
  return samples;
}

// The value of the one sample with this name and exactly these labels, nullopt when absent.
inline std::optional<double> Find(const std::vector<ParsedSample>& samples, const std::string& name,
                                  const std::map<std::string, std::string>& labels = {}) {
  for (const auto& s : samples) {
    if (s.name == name && s.labels == labels) return s.value;
  }
  return std::nullopt;
}

}  // namespace nmshd::metrics::testing
