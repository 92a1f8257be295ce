#include "connector/http/roles.h"

#include <gtest/gtest.h>

namespace nmshd::connector {
namespace {

struct Case {
  const char* caller;
  const char* permitted;
  bool grants;
};

TEST(Roles, WildcardTable) {
  const Case cases[] = {
      {"core:files", "core:files", true},
      {"core:files", "core:filesX", false},
      {"core:files", "core:tokens", false},
      {"core:*", "core:files", true},
      {"core:*", "core:requests:incoming", false},
      {"core:*", "core", false},
      {"core:**", "core:files", true},
      {"core:**", "core:requests:incoming", true},
      {"core:**", "core", false},
      {"core:**", "monitoring:version", false},
      {"**", "core:requests:incoming", true},
      {"**", "monitoring:support", true},
      {"**", "debug:identityDeletionProcess", true},
      {"*", "core:files", false},
      {"*", "health", true},
      {"*:files", "core:files", true},
      {"*:files", "core:tokens", false},
      {"core:requests:*", "core:requests:incoming", true},
      {"core:requests:*", "core:requests", false},
      {"**:incoming", "core:requests:incoming", true},
      {"**:incoming", "core:requests:outgoing", false},
      {"core*", "corefiles", true},  // `*` stands for characters, not necessarily a whole segment
      {"core:file*", "core:files", true},
      {"CORE:files", "core:files", false},  // case-sensitive
      {"", "core:files", false},
      {"core.files", "core:files", false},  // '.' is literal here (see roles.h)
  };
  for (const auto& c : cases) {
    EXPECT_EQ(RoleGrants(c.caller, c.permitted), c.grants) << c.caller << " vs " << c.permitted;
  }
}

TEST(Roles, AnyCallerRoleGrantsAnyPermittedRole) {
  EXPECT_TRUE(IsAuthorized({"core:requests:incoming"}, {"core:requests", "core:requests:incoming"}));
  EXPECT_TRUE(IsAuthorized({"core:tokens", "core:requests"}, {"core:requests", "core:requests:incoming"}));
  EXPECT_FALSE(IsAuthorized({"core:requests:outgoing"}, {"core:requests", "core:requests:incoming"}));
  EXPECT_FALSE(IsAuthorized({}, {"core:files"}));  // scopes: [] is authenticated but allowed nothing
  EXPECT_TRUE(IsAuthorized({}, {}));
}

TEST(Roles, PermittedRoleSyntax) {
  EXPECT_TRUE(IsValidPermittedRole("core:requests:incoming"));
  EXPECT_TRUE(IsValidPermittedRole("monitoring:version"));
  EXPECT_TRUE(IsValidPermittedRole("a_b-c"));
  EXPECT_FALSE(IsValidPermittedRole(""));
  EXPECT_FALSE(IsValidPermittedRole("core:"));
  EXPECT_FALSE(IsValidPermittedRole(":core"));
  EXPECT_FALSE(IsValidPermittedRole("core::files"));
  EXPECT_FALSE(IsValidPermittedRole("core:*"));
}

}  // namespace
}  // namespace nmshd::connector
