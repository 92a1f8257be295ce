#pragma once
#include <string>

namespace nmshd::backbone {

// The authenticated client of a request, from its Bearer access token.
struct Caller {
  std::string address;    // did:e:…
  std::string device_id;  // DVC…
  std::string username;   // USR…
  std::string client_id;  // the OAuth platform client the device logged in with
};

}  // namespace nmshd::backbone
