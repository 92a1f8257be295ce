#pragma once
// Checks of our core types against vector files in the format of core_peer.js (see there):
// addresses, references (fields, truncated form, URL) and inputs the official library rejects.
#include <boost/json.hpp>
#include <filesystem>
#include <string>

namespace nmshd::core::interop {

boost::json::value ReadJsonFile(const std::filesystem::path& path);

// gtest assertions (non-fatal) for every entry; returns the number of entries checked.
int CheckAddressVectors(const boost::json::value& vectors);
int CheckReferenceVectors(const boost::json::value& vectors);
int CheckRejectedVectors(const boost::json::value& vectors);

// Random vectors made by our implementation, in the same format, for `core_peer.js verify`.
boost::json::object MakeOwnVectors();

}  // namespace nmshd::core::interop
