#pragma once
// The C++ half of the crypto interop vectors (format: see vectors.js in this folder). Generate()
// makes fresh random vectors with our crypto layer; Verify() checks vectors made by @nmshd/crypto
// (or by us) with our crypto layer, one named result per check.
#include <boost/json.hpp>
#include <string>
#include <vector>

namespace nmshd::crypto::interop {

struct CheckResult {
  std::string name;
  bool ok;
  std::string detail;  // what differed, or the CodedError text
};

boost::json::object GenerateVectors();
std::vector<CheckResult> VerifyVectors(const boost::json::value& vectors);

}  // namespace nmshd::crypto::interop
